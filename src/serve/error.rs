//! Every failure of a request as JSON `{"error","hint"}` with its status: the caller's mistakes are 400 and 404,
//! the index's are 500.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use lede::wire;

/// Where the query language is described, for hints.
const QUERY_HINT: &str = "the query language: words, \"phrases\", AND/OR/NOT, (groups), -excluded, \
field:value (person:, org:, place:, source:, author:, headline:, the corpus's own fields), date:2019-01..2019-06";

/// A failed request.
#[derive(Debug)]
pub struct Failure {
    status: StatusCode,
    body: wire::ApiError,
}

impl Failure {
    /// 400: a parameter is wrong.
    pub fn bad_request(error: impl Into<String>, hint: impl Into<String>) -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, error, hint)
    }

    /// 404: no such article or path.
    pub fn not_found(error: impl Into<String>, hint: impl Into<String>) -> Failure {
        Failure::new(StatusCode::NOT_FOUND, error, hint)
    }

    /// 500: the server failed.
    pub fn internal(error: impl Into<String>) -> Failure {
        Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            error,
            "the server's log (stderr) has the details; the index may be being rewritten: try again",
        )
    }

    fn new(status: StatusCode, error: impl Into<String>, hint: impl Into<String>) -> Failure {
        Failure {
            status,
            body: wire::ApiError {
                error: error.into(),
                hint: hint.into(),
            },
        }
    }

    /// The JSON body.
    pub fn body(&self) -> &wire::ApiError {
        &self.body
    }

    /// A failure of a library call: the index's own failures are 500, everything else (a query that does not
    /// parse, an unknown field, a bad date range or `where`) is the caller's.
    pub fn from_run(error: anyhow::Error) -> Failure {
        use lede_query::Error;
        let message = crate::output::cause_chain(&error);
        match error.downcast_ref::<Error>() {
            Some(Error::Index(_) | Error::Tantivy(_) | Error::File { .. } | Error::QueryFile { .. }) => {
                eprintln!("lede: {message}");
                Failure::internal(message)
            }
            Some(Error::Query(_) | Error::UnknownField { .. }) => Failure::bad_request(message, QUERY_HINT),
            _ => Failure::bad_request(message, "see `lede help` for the parameters of each command"),
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}
