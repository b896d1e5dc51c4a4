//! End-to-end tests: the real `lede` binary on temporary directories.

mod util;

mod analysis;
mod cli;
mod compare;
mod corpora;
mod crash;
mod entities;
mod export;
mod metadata;
mod ranking;
mod regression;
mod robustness;
mod serve;
