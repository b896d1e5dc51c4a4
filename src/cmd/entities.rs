//! `lede entities`.

use std::io::Write;

use lede_query::{
    facets, field_values_of, kind_field, restrict, Engine, FacetField, NameField, NameKind, SearchRequest,
};

use crate::cli::EntitiesArgs;
use crate::exit::Exit;
use crate::output::stdout;
use crate::render::human::heading as paint_heading;
use crate::render::{csv, human, json};
use lede::wire;

/// Counts the people, organisations and places of the matching articles, most articles first.
pub fn run(args: EntitiesArgs, color: bool) -> anyhow::Result<Exit> {
    let engine = args.location.open()?;
    if args.variants {
        return variants(&engine, &args, color);
    }
    let mut request = args.dates.request(&args.query)?;
    args.filters.apply(&engine, &mut request)?;
    let kinds: Vec<FacetField> = match args.kind {
        Some(kind) => vec![kind.into()],
        None => vec![FacetField::Person, FacetField::Organization, FacetField::Location],
    };
    // Without a split, one group of all matching articles; with one, a group per value of the field.
    let mut groups: Vec<(Option<String>, Vec<lede_query::Facet>)> = Vec::new();
    match &args.split_by {
        None => groups.push((None, facets(&engine, &request, &kinds, args.limit)?)),
        Some(field) => {
            let values = field_values_of(&engine, &request, field)?;
            for value in values.top.iter().take(args.split_top) {
                let split = restrict(&engine, &request, field, &value.value)?;
                groups.push((Some(value.value.clone()), facets(&engine, &split, &kinds, args.limit)?));
            }
        }
    }
    let lines: Vec<wire::Entity> = groups
        .iter()
        .flat_map(|(group, counted)| {
            counted
                .iter()
                .flat_map(move |facet| json::entities_of_facet(facet, group.as_deref()))
        })
        .collect();
    let mut out = stdout();
    if args.json {
        for entity in &lines {
            json::write_line(&mut out, entity)?;
        }
    } else if args.csv {
        csv::entities(&mut out, &lines)?;
    } else {
        for (n, (group, counted)) in groups.iter().enumerate() {
            if let (Some(value), Some(field)) = (group, &args.split_by) {
                if n > 0 {
                    writeln!(out)?;
                }
                writeln!(out, "{}", paint_heading(&format!("{field}: {value}"), color))?;
            }
            human::facets(&mut out, counted, color)?;
        }
    }
    out.flush()?;
    if !args.json && !args.csv {
        for (group, counted) in &groups {
            let articles = counted.first().map_or(0, |f| f.articles);
            match group {
                Some(value) => eprintln!("{value}: {articles} matching articles"),
                None => eprintln!("{articles} matching articles"),
            }
        }
    }
    Ok(if lines.is_empty() { Exit::NoMatch } else { Exit::Success })
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
