//! Flags shared by several commands: where the index lives, the publication-date range, result limits.

use std::path::PathBuf;

use anyhow::bail;
use chrono::NaiveDate;
use clap::Args;
use lede_query::{use_collections, Collections, Engine, SearchRequest, Zone};

/// The collections file read from the index directory when no other is named.
pub const COLLECTIONS_FILE: &str = "collections.toml";

/// Where the index lives.
#[derive(Args, Debug, Clone)]
pub struct IndexLocation {
    /// Index directory [default: $LEDE_INDEX, else $XDG_DATA_HOME/lede/index, else ~/.local/share/lede/index].
    #[arg(long, value_name = "PATH")]
    pub index: Option<PathBuf>,
    /// Collections file (TOML) for `collection:NAME` in queries and `--split-by collection`
    /// [default: $LEDE_COLLECTIONS, else collections.toml in the index directory, if there is one].
    #[arg(long, value_name = "FILE")]
    pub collections: Option<PathBuf>,
}

impl IndexLocation {
    /// Opens the index for reading, with the collections in use: `--collections`, else `$LEDE_COLLECTIONS`,
    /// else `collections.toml` in the index directory when it exists.
    pub fn open(&self) -> anyhow::Result<Engine> {
        let path = self.resolve();
        let named = self.collections.clone().or_else(|| {
            std::env::var_os("LEDE_COLLECTIONS")
                .filter(|p| !p.is_empty())
                .map(PathBuf::from)
        });
        let file = named.or_else(|| Some(path.join(COLLECTIONS_FILE)).filter(|p| p.is_file()));
        if let Some(file) = file {
            use_collections(Collections::read(&file)?);
        }
        Ok(Engine::open(&path)?)
    }

    /// `--index`, else `$LEDE_INDEX`, else the per-user data directory.
    pub fn resolve(&self) -> PathBuf {
        if let Some(path) = &self.index {
            return path.clone();
        }
        if let Some(path) = std::env::var_os("LEDE_INDEX").filter(|p| !p.is_empty()) {
            return PathBuf::from(path);
        }
        let data = std::env::var_os("XDG_DATA_HOME")
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
            .unwrap_or_else(|| PathBuf::from("."));
        data.join("lede").join("index")
    }
}

/// `--where NAME=VALUE`: the corpus's own fields (and lede's name fields), repeatable, all must match.
#[derive(Args, Debug, Clone, Default)]
pub struct WhereArgs {
    /// Only articles whose field NAME holds VALUE (case-insensitive): a metadata field of the corpus
    /// (bias_text=left, folder=politics) or source/person/org/place/author; repeatable, all must match.
    #[arg(long = "where", value_name = "NAME=VALUE")]
    pub filters: Vec<String>,
}

impl WhereArgs {
    /// Adds the filters to `request`.
    pub fn apply(&self, engine: &lede_query::Engine, request: &mut SearchRequest) -> anyhow::Result<()> {
        for spec in &self.filters {
            lede_query::add_where(engine, request, spec)?;
        }
        Ok(())
    }
}

/// Publication date limits: `--since` and `--until`, for every command that takes them.
#[derive(Args, Debug, Clone, Default)]
pub struct DateRange {
    /// Published on or after this day (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Published on or before this day (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Count days (--since, --until, date:, timeline buckets) in this zone: an IANA name such as
    /// America/New_York (daylight saving followed), an offset such as -05:00, or UTC [default: UTC].
    #[arg(long, value_name = "ZONE", value_parser = Zone::parse)]
    pub tz: Option<Zone>,
}

impl DateRange {
    /// The first and last day, validated: `--since 2019` is 2019-01-01, `--until 2019` is 2019-12-31, and the
    /// first may not come after the last.
    pub fn days(&self) -> anyhow::Result<(Option<NaiveDate>, Option<NaiveDate>)> {
        let since = day("since", &self.since, false)?;
        let until = day("until", &self.until, true)?;
        if let (Some(since), Some(until)) = (since, until) {
            if since > until {
                bail!("--since {since} is after --until {until}");
            }
        }
        Ok((since, until))
    }

    /// A search for `query` limited to these days, counted in the `--tz` zone.
    pub fn request(&self, query: &str) -> anyhow::Result<SearchRequest> {
        let (since, until) = self.days()?;
        let mut request = SearchRequest::new(query).between(since, until);
        request.filters.zone = self.tz.unwrap_or_default();
        Ok(request)
    }
}

/// The first (or, with `last`, the last) day of a `--since`/`--until` value.
fn day(flag: &str, value: &Option<String>, last: bool) -> anyhow::Result<Option<NaiveDate>> {
    let Some(value) = value else { return Ok(None) };
    let (first, end) = lede_query::parse::parse_date_range(value.trim())
        .map_err(|_| anyhow::anyhow!("--{flag} {value}: expected YYYY-MM-DD, YYYY-MM or YYYY"))?;
    Ok(if last { end } else { first })
}

/// Value parser of every `--limit`: a whole number, at least 1.
pub fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_owned()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_index_wins() {
        let location = IndexLocation {
            index: Some(PathBuf::from("/x")),
            collections: None,
        };
        assert_eq!(location.resolve(), PathBuf::from("/x"));
    }

    #[test]
    fn date_range_takes_whole_periods_and_refuses_reversed_ones() {
        let range = |since: &str, until: &str| DateRange {
            since: Some(since.to_owned()),
            until: Some(until.to_owned()),
            tz: None,
        };
        let (since, until) = range("2019", "2019-02").days().unwrap_or_default();
        assert_eq!(since, NaiveDate::from_ymd_opt(2019, 1, 1));
        assert_eq!(until, NaiveDate::from_ymd_opt(2019, 2, 28));
        let error = range("2020", "2019").days().err().map(|e| e.to_string());
        assert_eq!(error.as_deref(), Some("--since 2020-01-01 is after --until 2019-12-31"));
        let error = range("2019-13", "2020").days().err().map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some("--since 2019-13: expected YYYY-MM-DD, YYYY-MM or YYYY")
        );
    }

    #[test]
    fn limits_start_at_one() {
        assert_eq!(at_least_one("3"), Ok(3));
        assert_eq!(at_least_one("0"), Err("must be at least 1".to_owned()));
        assert!(at_least_one("-1").is_err());
    }
}
