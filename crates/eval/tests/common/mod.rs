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
