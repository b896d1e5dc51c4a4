//! End-to-end tests: the real `lede` binary on temporary directories.

mod util;

mod cli;
mod corpora;
mod ranking;
mod robustness;
