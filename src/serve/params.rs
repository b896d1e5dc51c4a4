//! Query-string parameters as the flags of the matching command: `limit=5&where=bias_text=left&q=wall` is
//! `lede search --limit=5 --where=bias_text=left -- wall`, parsed by the CLI's own clap definitions, so the API
//! takes exactly the CLI's parameters, with its defaults and its checks.

use axum::http::Uri;
use clap::Parser;

use super::error::Failure;
use crate::cli::{Cli, Command};

/// The longest query text taken (bytes, all queries of a request together).
pub const MAX_QUERY_BYTES: usize = 4096;
/// The most hits, entities or clusters one request may ask for.
pub const MAX_LIMIT: usize = 1000;
/// The deepest page of hits (`offset`).
pub const MAX_OFFSET: usize = 100_000;
/// The longest snippet (bytes).
pub const MAX_SNIPPET: usize = 10_000;
/// The most queries of one timeline.
pub const MAX_QUERIES: usize = 10;

/// Which parameters an endpoint takes, and as what.
pub struct Endpoint {
    /// The command (`search`).
    pub command: &'static str,
    /// Parameters that are the command's positional arguments, in order (`q`, or `field` then `q`).
    pub positional: &'static [&'static str],
    /// Parameters that are options taking a value (`limit` is `--limit`; `max_distance` may be written so).
    pub options: &'static [&'static str],
    /// Parameters that are on/off flags (`variants=true`).
    pub switches: &'static [&'static str],
    /// No positional parameter given means one empty query (`lede timeline ""`: every article).
    pub empty_query: bool,
}

impl Endpoint {
    /// Whether `name` is a parameter of this endpoint.
    pub fn takes(&self, name: &str) -> bool {
        let flag = name.replace('_', "-");
        self.positional.contains(&name)
            || self.options.contains(&flag.as_str())
            || self.switches.contains(&flag.as_str())
    }

    fn known(&self) -> String {
        let mut names: Vec<&str> = self.positional.to_vec();
        names.extend(self.options);
        names.extend(self.switches);
        names.join(", ")
    }
}

/// The command `uri`'s query string asks for, after the `path` arguments (an article id), parsed as the CLI
/// parses its flags.
pub fn parse(endpoint: &Endpoint, uri: &Uri, path: &[&str]) -> Result<Command, Failure> {
    parse_pairs(endpoint, pairs(uri)?, path)
}

/// The name=value pairs of `uri`'s query string, decoded.
pub fn pairs(uri: &Uri) -> Result<Vec<(String, String)>, Failure> {
    let raw = uri.query().unwrap_or("");
    if raw.len() > 4 * MAX_QUERY_BYTES {
        return Err(Failure::bad_request(
            format!(
                "the query string is {} bytes long; at most {} are taken",
                raw.len(),
                4 * MAX_QUERY_BYTES
            ),
            "shorten the query",
        ));
    }
    let pairs = axum::extract::Query::<Vec<(String, String)>>::try_from_uri(uri).map_err(|e| {
        Failure::bad_request(
            format!("the query string is not valid: {e}"),
            "parameters are name=value pairs joined by &, percent-encoded as UTF-8",
        )
    })?;
    Ok(pairs.0)
}

/// [`parse`] for pairs already decoded.
pub fn parse_pairs(endpoint: &Endpoint, pairs: Vec<(String, String)>, path: &[&str]) -> Result<Command, Failure> {
    let mut argv: Vec<String> = vec!["lede".into(), endpoint.command.into()];
    let mut positional: Vec<Vec<String>> = vec![Vec::new(); endpoint.positional.len()];
    let mut query_bytes = 0;
    for (name, value) in pairs {
        let flag = name.replace('_', "-");
        if let Some(i) = endpoint.positional.iter().position(|p| *p == name) {
            query_bytes += value.len();
            positional[i].push(value);
        } else if endpoint.options.contains(&flag.as_str()) {
            // An empty value is an unset field of a form, except `facets=`: lede's five facet fields.
            if !value.is_empty() || flag == "facets" {
                argv.push(format!("--{flag}={value}"));
            }
        } else if endpoint.switches.contains(&flag.as_str()) {
            match value.as_str() {
                "" | "1" | "true" | "yes" | "on" => argv.push(format!("--{flag}")),
                "0" | "false" | "no" | "off" => {}
                _ => {
                    return Err(Failure::bad_request(
                        format!("parameter `{name}`: expected true or false, not {value:?}"),
                        format!("{name}=true or {name}=false"),
                    ))
                }
            }
        } else {
            return Err(Failure::bad_request(
                format!("unknown parameter `{name}` for /api/{}", endpoint.command),
                format!("known parameters: {}", endpoint.known()),
            ));
        }
    }
    if query_bytes > MAX_QUERY_BYTES {
        return Err(Failure::bad_request(
            format!("the query is {query_bytes} bytes long; at most {MAX_QUERY_BYTES} are taken"),
            "shorten the query",
        ));
    }
    argv.push("--".into());
    argv.extend(path.iter().map(|p| (*p).to_owned()));
    if let Some(missing) =
        (0..positional.len()).find(|&i| positional[i].is_empty() && positional[i + 1..].iter().any(|v| !v.is_empty()))
    {
        let name = endpoint.positional[missing];
        return Err(Failure::bad_request(
            format!("parameter `{name}` is missing"),
            format!("known parameters of /api/{}: {}", endpoint.command, endpoint.known()),
        ));
    }
    if endpoint.empty_query && positional.iter().all(Vec::is_empty) {
        argv.push(String::new());
    }
    argv.extend(positional.into_iter().flatten());
    match Cli::try_parse_from(&argv) {
        Ok(cli) => Ok(cli.command),
        Err(error) => Err(Failure::bad_request(
            clap_message(&error),
            format!("known parameters of /api/{}: {}", endpoint.command, endpoint.known()),
        )),
    }
}

/// clap's message without its `error: ` prefix and its pointers to `--help`, and with flags named as parameters.
fn clap_message(error: &clap::Error) -> String {
    let text = error.to_string();
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("bad parameters");
    first.trim_start_matches("error: ").replace("'--", "'").to_owned()
}

/// A 400 unless `value` is at most `max`.
pub fn at_most(name: &str, value: usize, max: usize) -> Result<(), Failure> {
    if value > max {
        return Err(Failure::bad_request(
            format!("parameter `{name}` is {value}; at most {max} is taken"),
            format!("{name}=1..{max}, and page with offset"),
        ));
    }
    Ok(())
}
