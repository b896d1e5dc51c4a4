//! Wire types: what `lede … --json` prints, one line (or object) per value.
//!
//! | command | type |
//! |---|---|
//! | `index --json` | [`IndexSummary`] |
//! | `search --json` | [`Hit`] per line ([`CollapsedHit`] with `--collapse`), then [`Facet`] per field with `--facets`; on stderr one [`SearchSummary`] |
//! | `similar --json` | [`Hit`] per line |
//! | `parse --json` | [`Article`] per line |
//! | `show --json` | [`ShownArticle`] |
//! | `stats --json` | [`Stats`] |
//! | `bench --json` | [`BenchReport`] |
//! | `timeline --json` | [`Timeline`] |
//! | `entities --json` | [`Entity`] per line |
//! | `words --json` | [`DistinctiveWord`] per line |
//! | `dups --json` | [`Cluster`] per line |
//! | `serve` (`/api/…`) | [`SearchResponse`], [`EntitiesResponse`], [`DupsResponse`], [`SimilarResponse`], [`ValuesResponse`], [`Timeline`], [`ShownArticle`], [`Stats`]; errors [`ApiError`] |
//! | `bench --concurrency N` | [`ApiBenchReport`] |

mod analysis;
mod api;
mod article;
mod index;
mod search;

pub use analysis::{
    Bucket, Cluster, ClusterMember, DistinctiveWord, Entity, EntityVariants, Interval, NameCount, Outlet, Series,
    Timeline,
};
pub use api::{
    ApiBenchReport, ApiError, DupsResponse, EntitiesResponse, SearchResponse, SimilarResponse, ValuesResponse,
};
pub use article::{Article, ShownArticle};
pub use index::{BenchMode, BenchReport, IndexSummary, Latency, MetadataField, Rejection, SlowQuery, Stats};
pub use search::{CollapsedHit, Entities, Facet, FacetValue, Fragment, Hit, SearchSummary, Suggestion};
