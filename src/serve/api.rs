//! The JSON API: one handler per command, each answering with the wire types of the command's `--json`.

use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use axum::Json;
use lede::wire;
use lede_query::{
    duplicates, facets, field_values_of, index_stats, show, similar, timeline as timeline_of, DupOptions, Engine,
    FacetField, SearchRequest, MIN_WORDS,
};
use serde::Serialize;

use super::error::Failure;
use super::params::{self, at_most, Endpoint, MAX_LIMIT, MAX_OFFSET, MAX_QUERIES, MAX_SNIPPET};
use super::state::State as Shared;
use crate::cli::{Command, DateRange, WhereArgs};
use crate::cmd::{search as search_cmd, similar::CANDIDATES};
use crate::render::json;

/// `/api/search`: the flags of `lede search` (`--collapse` aside).
pub const SEARCH: Endpoint = Endpoint {
    command: "search",
    positional: &["q"],
    options: &[
        "limit",
        "offset",
        "since",
        "until",
        "person",
        "org",
        "place",
        "source",
        "sort",
        "facets",
        "where",
        "recent",
        "operator",
        "ranking",
        "snippet-len",
        "fragments",
    ],
    switches: &[],
    empty_query: false,
};

const TIMELINE: Endpoint = Endpoint {
    command: "timeline",
    positional: &["q"],
    options: &["by", "since", "until", "where"],
    switches: &[],
    empty_query: true,
};

const ENTITIES: Endpoint = Endpoint {
    command: "entities",
    positional: &["q"],
    options: &["kind", "limit", "since", "until", "where"],
    switches: &[],
    empty_query: false,
};

const DUPS: Endpoint = Endpoint {
    command: "dups",
    positional: &["q"],
    options: &["limit", "max-distance", "since", "until", "where"],
    switches: &[],
    empty_query: false,
};

const VALUES: Endpoint = Endpoint {
    command: "values",
    positional: &["field", "q"],
    options: &["since", "until", "where"],
    switches: &[],
    empty_query: false,
};

const SIMILAR: Endpoint = Endpoint {
    command: "similar",
    positional: &[],
    options: &["limit"],
    switches: &[],
    empty_query: false,
};

const SHOW: Endpoint = Endpoint {
    command: "show",
    positional: &[],
    options: &[],
    switches: &[],
    empty_query: false,
};

const STATS: Endpoint = Endpoint {
    command: "stats",
    positional: &[],
    options: &[],
    switches: &[],
    empty_query: false,
};

/// Parses the request as `endpoint`'s command, then runs `job` on a blocking thread (searches are CPU work)
/// once a worker is free, and answers with its value as JSON.
async fn answer<T, F>(state: &Shared, endpoint: &'static Endpoint, uri: &Uri, path: &[&str], job: F) -> Response
where
    T: Serialize + Send + 'static,
    F: FnOnce(&Engine, Command) -> Result<T, Failure> + Send + 'static,
{
    let command = match params::parse(endpoint, uri, path) {
        Ok(command) => command,
        Err(failure) => return failure.into_response(),
    };
    match run(state, move |engine| job(engine, command)).await {
        Ok(value) => Json(value).into_response(),
        Err(failure) => failure.into_response(),
    }
}

/// Runs `job` on the engine of the last commit, on a blocking thread once a worker is free. A panic in it is a
/// 500 for this request only.
pub async fn run<T, F>(state: &Shared, job: F) -> Result<T, Failure>
where
    T: Send + 'static,
    F: FnOnce(&Engine) -> Result<T, Failure> + Send + 'static,
{
    let Some(permit) = state.permit().await else {
        return Err(Failure::internal("the server is shutting down"));
    };
    let engine = state.engine();
    let outcome = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        job(&engine)
    })
    .await;
    outcome.unwrap_or_else(|error| {
        eprintln!("lede: a request failed: {error}");
        Err(Failure::internal(format!("the request failed: {error}")))
    })
}

fn mismatch() -> Failure {
    Failure::internal("parameters parsed as another command")
}

/// The requests of `queries` with the date range and `where` filters of a command.
fn requests(
    engine: &Engine,
    queries: &[String],
    dates: &DateRange,
    filters: &WhereArgs,
) -> Result<Vec<SearchRequest>, Failure> {
    queries
        .iter()
        .map(|q| {
            let mut request = dates.request(q)?;
            filters.apply(engine, &mut request)?;
            Ok(request)
        })
        .collect::<anyhow::Result<Vec<_>>>()
        .map_err(Failure::from_run)
}

/// `GET /api/search`.
pub async fn search(State(state): State<Shared>, uri: Uri) -> Response {
    answer(&state, &SEARCH, &uri, &[], search_job).await
}

/// What `/api/search` answers for parsed flags (also the page's first results).
pub fn search_job(engine: &Engine, command: Command) -> Result<wire::SearchResponse, Failure> {
    let Command::Search(args) = command else {
        return Err(mismatch());
    };
    at_most("limit", args.limit, MAX_LIMIT)?;
    at_most("offset", args.offset, MAX_OFFSET)?;
    at_most("snippet_len", args.snippet_len, MAX_SNIPPET)?;
    let (request, results) = search_cmd::find(engine, &args).map_err(Failure::from_run)?;
    let facets = match &args.facets {
        Some(spec) => search_cmd::count_facets(engine, &request, spec)
            .map_err(Failure::from_run)?
            .iter()
            .map(json::field_counts)
            .collect(),
        None => Vec::new(),
    };
    let summary = json::search_summary(args.offset, &results);
    Ok(wire::SearchResponse {
        total: results.total,
        offset: args.offset,
        hits: results.hits.iter().map(json::hit).collect(),
        partial: results.partial.iter().map(json::partial_hit).collect(),
        facets,
        suggestions: summary.suggestions,
    })
}

/// `GET /api/timeline`: `q` repeated for several queries side by side.
pub async fn timeline(State(state): State<Shared>, uri: Uri) -> Response {
    answer(&state, &TIMELINE, &uri, &[], |engine, command| {
        let Command::Timeline(args) = command else {
            return Err(mismatch());
        };
        at_most("q (queries)", args.queries.len(), MAX_QUERIES)?;
        let requests = requests(engine, &args.queries, &args.dates, &args.filters)?;
        let counted = timeline_of(engine, &requests, args.by.into()).map_err(|e| Failure::from_run(e.into()))?;
        Ok(json::timeline(&counted))
    })
    .await
}

/// `GET /api/entities`.
pub async fn entities(State(state): State<Shared>, uri: Uri) -> Response {
    answer(&state, &ENTITIES, &uri, &[], |engine, command| {
        let Command::Entities(args) = command else {
            return Err(mismatch());
        };
        at_most("limit", args.limit, MAX_LIMIT)?;
        let request = requests(engine, std::slice::from_ref(&args.query), &args.dates, &args.filters)?.remove(0);
        let kinds: Vec<FacetField> = match args.kind {
            Some(kind) => vec![kind.into()],
            None => vec![FacetField::Person, FacetField::Organization, FacetField::Location],
        };
        let counted = facets(engine, &request, &kinds, args.limit).map_err(|e| Failure::from_run(e.into()))?;
        Ok(wire::EntitiesResponse {
            articles: counted.first().map_or(0, |f| f.articles),
            entities: counted.iter().flat_map(|f| json::entities_of_facet(f, None)).collect(),
        })
    })
    .await
}

/// `GET /api/dups`.
pub async fn dups(State(state): State<Shared>, uri: Uri) -> Response {
    answer(&state, &DUPS, &uri, &[], |engine, command| {
        let Command::Dups(args) = command else {
            return Err(mismatch());
        };
        at_most("limit", args.limit, MAX_LIMIT)?;
        let request = requests(engine, std::slice::from_ref(&args.query), &args.dates, &args.filters)?.remove(0);
        let options = DupOptions {
            max_distance: args.max_distance,
            min_words: MIN_WORDS,
        };
        let report = duplicates(engine, &request, options, args.limit).map_err(|e| Failure::from_run(e.into()))?;
        Ok(wire::DupsResponse {
            articles_compared: report.articles_compared,
            articles_in_clusters: report.articles_in_clusters,
            clusters_found: report.clusters_found,
            max_distance: report.max_distance,
            clusters: report.clusters.iter().map(json::cluster).collect(),
        })
    })
    .await
}

/// `GET /api/values?field=…`.
pub async fn values(State(state): State<Shared>, uri: Uri) -> Response {
    answer(&state, &VALUES, &uri, &[], |engine, command| {
        let Command::Values(args) = command else {
            return Err(mismatch());
        };
        let request = requests(engine, std::slice::from_ref(&args.query), &args.dates, &args.filters)?.remove(0);
        let counts = field_values_of(engine, &request, &args.field).map_err(|e| Failure::from_run(e.into()))?;
        Ok(wire::ValuesResponse {
            field: counts.field.clone(),
            articles: counts.articles,
            articles_with_value: counts.articles_with_value,
            distinct: counts.distinct,
            values: counts
                .top
                .iter()
                .map(|v| wire::FacetValue {
                    value: v.value.clone(),
                    count: v.count,
                })
                .collect(),
        })
    })
    .await
}

fn no_article(id: &str) -> Failure {
    Failure::not_found(
        format!("no article with id {id:?} in the index"),
        "ids are those /api/search returns; percent-encode them in the path",
    )
}

/// `GET /api/show/{id}`.
pub async fn show_article(State(state): State<Shared>, Path(id): Path<String>, uri: Uri) -> Response {
    answer(&state, &SHOW, &uri, &[&id.clone()], move |engine, command| {
        let Command::Show(args) = command else {
            return Err(mismatch());
        };
        match show(engine, &args.id).map_err(|e| Failure::from_run(e.into()))? {
            Some(stored) => Ok(json::shown_article(&stored.article, stored.fingerprint)),
            None => Err(no_article(&id)),
        }
    })
    .await
}

/// `GET /api/similar/{id}`.
pub async fn similar_articles(State(state): State<Shared>, Path(id): Path<String>, uri: Uri) -> Response {
    answer(&state, &SIMILAR, &uri, &[&id.clone()], move |engine, command| {
        let Command::Similar(args) = command else {
            return Err(mismatch());
        };
        at_most("limit", args.limit, MAX_LIMIT)?;
        let Some(found) = similar(engine, &args.id, args.limit, CANDIDATES).map_err(|e| Failure::from_run(e.into()))?
        else {
            return Err(no_article(&id));
        };
        Ok(wire::SimilarResponse {
            id: args.id,
            headline: found.article.article.headline.clone(),
            terms: found.terms.iter().map(|(t, _)| t.clone()).collect(),
            hits: found.hits.iter().map(json::hit).collect(),
        })
    })
    .await
}

/// `GET /api/stats`.
pub async fn stats(State(state): State<Shared>, uri: Uri) -> Response {
    answer(&state, &STATS, &uri, &[], |engine, _| {
        let stats = index_stats(engine).map_err(|e| Failure::from_run(e.into()))?;
        Ok(json::stats(&stats))
    })
    .await
}

/// Every other path: nothing but the page's own assets is served.
pub async fn not_found(uri: Uri) -> Response {
    Failure::not_found(
        format!("no such path: {}", uri.path()),
        "the page is at /, the API under /api/: search, timeline, entities, dups, values, stats, show/{id}, similar/{id}",
    )
    .into_response()
}
