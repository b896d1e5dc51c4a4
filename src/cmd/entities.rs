//! `lede entities`.

use std::io::Write;

use lede_query::{facets, kind_field, Engine, FacetField, NameField, NameKind, SearchRequest};

use crate::cli::EntitiesArgs;
use crate::exit::Exit;
use crate::output::stdout;
use crate::render::{human, json};
use lede::wire;

/// Counts the people, organisations and places of the matching articles, most articles first.
pub fn run(args: EntitiesArgs, color: bool) -> anyhow::Result<Exit> {
    let engine = Engine::open(&args.location.resolve())?;
    if args.variants {
        return variants(&engine, &args, color);
    }
    let mut request = args.dates.request(&args.query)?;
    args.filters.apply(&engine, &mut request)?;
    let kinds: Vec<FacetField> = match args.kind {
        Some(kind) => vec![kind.into()],
        None => vec![FacetField::Person, FacetField::Organization, FacetField::Location],
    };
    let counted = facets(&engine, &request, &kinds, args.limit)?;
    let mut out = stdout();
    if args.json {
        for entity in counted.iter().flat_map(json::entities_of_facet) {
            json::write_line(&mut out, &entity)?;
        }
    } else {
        human::facets(&mut out, &counted, color)?;
    }
    out.flush()?;
    let articles = counted.first().map_or(0, |f| f.articles);
    if !args.json {
        eprintln!("{articles} matching articles");
    }
    let any = counted.iter().any(|f| !f.top.is_empty());
    Ok(if any { Exit::Success } else { Exit::NoMatch })
}

/// `--variants`: for each kind (or `--kind`), the canonical name QUERY means, its articles in any form and each
/// stored form with its own articles.
fn variants(engine: &Engine, args: &EntitiesArgs, color: bool) -> anyhow::Result<Exit> {
    let kinds: Vec<NameKind> = match args.kind {
        Some(kind) => FacetField::from(kind).name_kind().into_iter().collect(),
        None => NameKind::ALL.to_vec(),
    };
    let searcher = engine.searcher();
    let aliases = engine.aliases();
    let mut out = stdout();
    let mut found = false;
    for kind in kinds {
        let field = kind_field(&engine.index().fields, kind);
        let Some(canonical) = aliases.lookup(kind, &args.query, &searcher, field) else {
            continue;
        };
        let name_field = match kind {
            NameKind::Person => NameField::Person,
            NameKind::Organization => NameField::Organization,
            NameKind::Location => NameField::Location,
        };
        let mut request = SearchRequest::new("").with_name(name_field, canonical.clone());
        request.limit = 1;
        request.snippet_bytes = 0;
        let articles = engine.search(&request)?.total as u64;
        let own = |name: &str| {
            searcher
                .doc_freq(&lede_indexer::tantivy::Term::from_field_text(field, name))
                .unwrap_or(0)
        };
        let mut variants = vec![wire::NameCount {
            articles: own(&canonical),
            name: canonical.clone(),
        }];
        if let Some(group) = aliases.group(kind, &canonical) {
            variants.extend(group.variants.iter().map(|v| wire::NameCount {
                name: v.name.clone(),
                articles: own(&v.name),
            }));
        }
        let entity = wire::EntityVariants {
            kind: kind.name().to_owned(),
            name: canonical,
            articles,
            variants,
        };
        found = true;
        if args.json {
            json::write_line(&mut out, &entity)?;
        } else {
            human::entity_variants(&mut out, &entity, color)?;
        }
    }
    out.flush()?;
    if !found && !args.json {
        eprintln!("no person, organisation or place is called {:?}", args.query);
    }
    Ok(if found { Exit::Success } else { Exit::NoMatch })
}
