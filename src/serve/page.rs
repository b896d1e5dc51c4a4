//! The search page: one HTML file, its script and its style sheet, compiled into the binary (no CDN, works
//! offline). `/?q=…` arrives with the results of its search already in the page, so a shared link shows them at
//! once; the script fetches everything else from the API.

use axum::extract::State;
use axum::http::{header, Uri};
use axum::response::{IntoResponse, Response};
use lede_query::metadata_fields;

use super::api::{run, search_job, SEARCH};
use super::params;
use super::state::State as Shared;

const PAGE: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/app.js");
const STYLE: &str = include_str!("page/app.css");

/// Where the page's first results go.
const INITIAL: &str = "<!--initial-->";

/// Hits the page shows per screen, and the facet fields it counts.
const PAGE_LIMIT: &str = "20";
const PAGE_FACETS: &str = "person,organization,location,source,author";

/// `GET /`: the page, with the results of `?q=…` (and the filters beside it) when given.
pub async fn index(State(state): State<Shared>, uri: Uri) -> Response {
    let initial = match uri.query() {
        Some(query) if !query.is_empty() => initial_results(&state, &uri).await,
        _ => String::new(),
    };
    let page = PAGE.replace(INITIAL, &initial);
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
}

/// The search of the page's own address as a JSON script element (the API's answer, or its error).
async fn initial_results(state: &Shared, uri: &Uri) -> String {
    let answer = match params::pairs(uri) {
        Ok(pairs) => {
            // The page's address holds the search's parameters and the page's own (which article is open).
            let mut pairs: Vec<(String, String)> = pairs.into_iter().filter(|(name, _)| SEARCH.takes(name)).collect();
            if !pairs.iter().any(|(n, _)| n == "limit") {
                pairs.push(("limit".to_owned(), PAGE_LIMIT.to_owned()));
            }
            run(state, move |engine| {
                if !pairs.iter().any(|(n, _)| n == "facets") {
                    // lede's five fields and the corpus's own, as the script asks for them.
                    let mut fields = vec![PAGE_FACETS.to_owned()];
                    fields.extend(metadata_fields(&engine.searcher()).into_iter().map(|f| f.name));
                    pairs.push(("facets".to_owned(), fields.join(",")));
                }
                search_job(engine, params::parse_pairs(&SEARCH, pairs, &[])?)
            })
            .await
        }
        Err(failure) => Err(failure),
    };
    let json = match answer {
        Ok(response) => serde_json::to_string(&response),
        Err(failure) => serde_json::to_string(failure.body()),
    }
    .unwrap_or_default();
    // `<` escaped, so that no text of an article can close the script element.
    format!(
        "<script type=\"application/json\" id=\"initial\">{}</script>",
        json.replace('<', "\\u003c")
    )
}

/// `GET /app.js`.
pub async fn script() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], SCRIPT).into_response()
}

/// `GET /app.css`.
pub async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE).into_response()
}
