//! One function per subcommand.

pub mod analysis;
pub mod eval;
pub mod export;
pub mod ner;

use std::io::{IsTerminal, Write};
use std::sync::Arc;

use anyhow::{bail, Context};
use lede_article::{read_file, FieldMap, Format, ReadOptions};
use lede_indexer::{index_paths, EntityTagger, IndexOptions, Progress};
use lede_query::{index_stats, read_queries, run_bench, BenchMode, Engine, NameField, SearchRequest, SortOrder};

use crate::cli::{BenchArgs, BenchModeArg, Cli, Command, IndexArgs, ParseArgs, SearchArgs, Sort, StatsArgs};
use crate::exit::Exit;
use crate::output::{json_line, stdout, use_color};
use crate::render;
use crate::tagger::ShippedTagger;

/// Runs the command.
pub fn run(cli: Cli) -> anyhow::Result<Exit> {
    let color = use_color(cli.color);
    match cli.command {
        Command::Index(args) => index(args),
        Command::Search(args) => search(args, color),
        Command::Parse(args) => parse(args, color),
        Command::Stats(args) => stats(args),
        Command::Bench(args) => bench(args),
        Command::Ner(command) => ner::run(command).map(|()| Exit::Success),
        Command::Eval(command) => eval::run(command).map(|()| Exit::Success),
        Command::Timeline(args) => analysis::run_timeline(args, color),
        Command::Entities(args) => analysis::run_entities(args, color),
        Command::Show(args) => analysis::run_show(args, color),
        Command::Similar(args) => analysis::run_similar(args, color),
        Command::Dups(args) => analysis::run_dups(args, color),
        Command::Export(args) => export::run_export(args),
    }
}

fn field_map(assignments: &[String]) -> anyhow::Result<FieldMap> {
    let mut map = FieldMap::default();
    for assignment in assignments {
        map.add_assignment(assignment)
            .map_err(|e| anyhow::anyhow!("--field {e}"))?;
    }
    Ok(map)
}

fn index(args: IndexArgs) -> anyhow::Result<Exit> {
    let index_path = args.location.resolve();
    let tagger: Option<Arc<dyn EntityTagger>> = if args.no_entities {
        None
    } else {
        Some(Arc::new(ShippedTagger::load().context("loading the entity tagger")?))
    };
    let options = IndexOptions {
        read: ReadOptions {
            fields: field_map(&args.fields)?,
            ..ReadOptions::default()
        },
        prune: args.prune,
        threads: args.threads,
        tagger,
        commit_every_docs: args.commit_every.max(1),
        merge: if args.no_merge {
            None
        } else {
            IndexOptions::default().merge
        },
        ..IndexOptions::default()
    };
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let progress = |p: Progress| {
        if let Some(bar) = &bar {
            bar.set_length(p.files_total);
            bar.set_position(p.files_done);
            bar.set_message(format!("{} articles", p.articles));
        }
    };
    let summary = index_paths(&index_path, &args.dirs, &options, &progress)
        .with_context(|| format!("indexing into {}", index_path.display()))?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let mut out = stdout();
    if args.json {
        json_line(&mut out, &summary)?;
    } else {
        render::summary(&mut out, &summary, &index_path.display().to_string())?;
    }
    out.flush()?;
    Ok(Exit::Success)
}

fn day(flag: &str, value: &Option<String>, last: bool) -> anyhow::Result<Option<chrono::NaiveDate>> {
    let Some(value) = value else { return Ok(None) };
    let (first, end) = lede_query::parse::parse_date_range(value.trim())
        .map_err(|_| anyhow::anyhow!("--{flag} {value}: expected YYYY-MM-DD, YYYY-MM or YYYY"))?;
    Ok(if last { end } else { first })
}

/// The request `lede search` runs for these flags (also what `lede eval ranking` runs each query with).
pub(crate) fn search_request(args: &SearchArgs) -> anyhow::Result<SearchRequest> {
    let mut request = SearchRequest::new(args.query.clone())
        .between(day("since", &args.since, false)?, day("until", &args.until, true)?);
    if let (Some(since), Some(until)) = (request.filters.since, request.filters.until) {
        if since > until {
            bail!("--since {since} is after --until {until}");
        }
    }
    request.limit = args.limit;
    request.offset = args.offset;
    request.snippet_bytes = args.snippet_len;
    request.recent_half_life_days = args.recent;
    request.filters.operator = match args.operator {
        crate::cli::OperatorChoice::Auto => lede_query::Operator::Auto,
        crate::cli::OperatorChoice::And => lede_query::Operator::And,
        crate::cli::OperatorChoice::Or => lede_query::Operator::Or,
    };
    request.fragments = args.fragments.clamp(1, 10);
    request.sort = match args.sort {
        Sort::Relevance => SortOrder::Relevance,
        Sort::Date => SortOrder::Date,
    };
    for (field, values) in [
        (NameField::Person, &args.person),
        (NameField::Organization, &args.org),
        (NameField::Location, &args.place),
        (NameField::Source, &args.source),
    ] {
        for value in values {
            request = request.with_name(field, value.clone());
        }
    }
    if args.limit == 0 {
        bail!("--limit must be at least 1");
    }
    Ok(request)
}

fn search(args: SearchArgs, color: bool) -> anyhow::Result<Exit> {
    let index_path = args.location.resolve();
    let engine = Engine::open(&index_path)?;
    let mut request = search_request(&args)?;
    if args.collapse {
        // Folded copies leave the page: fetch more, then keep a page of distinct stories.
        request.limit = args.limit.saturating_mul(4).max(args.limit + 20);
    }
    let mut results = engine.search(&request)?;
    let mut out = stdout();
    if args.collapse {
        let mut collapsed = analysis::collapse_hits(&engine, std::mem::take(&mut results.hits))?;
        collapsed.truncate(args.limit);
        for (i, hit) in collapsed.iter().enumerate() {
            if args.json {
                json_line(&mut out, &analysis::JsonCollapsedHit::from(hit))?;
            } else {
                analysis::print_collapsed(&mut out, args.offset + i + 1, hit, color)?;
            }
        }
        results.hits = collapsed.into_iter().map(|c| c.hit).collect();
    } else if args.json {
        for hit in &results.hits {
            json_line(&mut out, &render::JsonHit::from(hit))?;
        }
    } else {
        for (i, hit) in results.hits.iter().enumerate() {
            render::hit(&mut out, args.offset + i + 1, hit, color)?;
        }
    }
    if let Some(spec) = &args.facets {
        analysis::search_facets(&mut out, &engine, &request, spec, 10, args.json, color)?;
    }
    out.flush()?;
    if !args.json {
        let shown = results.hits.len();
        eprintln!(
            "{} of {} matching articles",
            if shown == 0 {
                "0".to_owned()
            } else {
                format!("{}-{}", args.offset + 1, args.offset + shown)
            },
            results.total
        );
    }
    Ok(if results.total == 0 {
        Exit::NoMatch
    } else {
        Exit::Success
    })
}

fn parse(args: ParseArgs, color: bool) -> anyhow::Result<Exit> {
    let options = ReadOptions {
        fields: field_map(&args.fields)?,
        ..ReadOptions::default()
    };
    let tagger = if args.no_entities {
        None
    } else {
        Some(lede_entities::Tagger::shipped().context("loading the entity tagger")?)
    };
    let mut out = stdout();
    let mut failed = false;
    for path in &args.files {
        if Format::detect(path).is_none() {
            eprintln!("lede: {}: unsupported file type (lede reads .txt .md .html .htm .json .jsonl .ndjson .csv, optionally .gz)", path.display());
            failed = true;
            continue;
        }
        let records = match read_file(path, &options) {
            Ok(records) => records,
            Err(e) => {
                eprintln!("lede: {e}");
                failed = true;
                continue;
            }
        };
        for record in records {
            match record {
                Ok(mut article) => {
                    if let Some(tagger) = tagger {
                        article.entities = crate::tagger::entities_of(tagger, &article.headline, &article.body);
                    }
                    if args.json {
                        json_line(&mut out, &render::JsonArticle::from(&article))?;
                    } else {
                        render::article(&mut out, &article, color)?;
                    }
                }
                Err(e) => {
                    eprintln!("lede: {e}");
                    failed = true;
                }
            }
        }
    }
    out.flush()?;
    Ok(if failed { Exit::Error } else { Exit::Success })
}

fn stats(args: StatsArgs) -> anyhow::Result<Exit> {
    let index_path = args.location.resolve();
    let engine = Engine::open(&index_path)?;
    let stats = index_stats(&engine)?;
    let mut out = stdout();
    if args.json {
        json_line(&mut out, &stats)?;
    } else {
        render::stats(&mut out, &stats, &index_path.display().to_string())?;
    }
    out.flush()?;
    Ok(Exit::Success)
}

fn bench(args: BenchArgs) -> anyhow::Result<Exit> {
    let index_path = args.location.resolve();
    let engine = Engine::open(&index_path)?;
    let queries = read_queries(&args.queries)?;
    let mode = match args.mode {
        BenchModeArg::Search => BenchMode::Search,
        BenchModeArg::Facets => BenchMode::Facets,
        BenchModeArg::Timeline => BenchMode::Timeline,
    };
    let report = run_bench(&engine, &queries, args.rounds, mode)?;
    let mut out = stdout();
    if args.json {
        json_line(&mut out, &report)?;
    } else {
        render::bench(&mut out, &report)?;
    }
    out.flush()?;
    Ok(Exit::Success)
}
