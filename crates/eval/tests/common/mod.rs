//! What the tests on `../shared` share.

use std::path::PathBuf;

/// `../shared/SUB` beside the checkout, or `None`, saying the test skips, when it is absent.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(sub);
    if path.exists() {
        Some(path)
    } else {
        println!("skipped: ../shared/{sub} is absent");
        None
    }
}

/// Scores extraction on the gold set `../shared/SUB` (its default gold file) and prints the report; `None`, saying
/// the test skips, when the set is absent.
#[allow(dead_code)] // not every test binary that shares this module scores extraction
pub fn extraction(sub: &str, mode: lede_eval::Mode) -> Option<(Vec<lede_eval::PageScore>, lede_eval::Report)> {
    let dir = shared(sub)?;
    let (scores, report) = lede_eval::evaluate_extraction(&dir, &lede_eval::default_gold(&dir), mode)
        .unwrap_or_else(|e| panic!("evaluation of {sub} failed: {e}"));
    println!("{report:?}");
    Some((scores, report))
}
