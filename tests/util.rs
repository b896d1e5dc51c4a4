//! A temp dir with files, and the real `lede` binary run inside it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::de::DeserializeOwned;

/// A corpus directory and an index directory, both temporary.
pub struct TestEnv {
    _root: tempfile::TempDir,
    /// Where test files go.
    pub corpus: PathBuf,
    /// The index.
    pub index: PathBuf,
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl TestEnv {
    pub fn new() -> TestEnv {
        let root = tempfile::tempdir().expect("temp dir");
        let corpus = root.path().join("corpus");
        std::fs::create_dir_all(&corpus).expect("corpus dir");
        let index = root.path().join("index");
        TestEnv {
            _root: root,
            corpus,
            index,
        }
    }

    /// Writes `bytes` to `corpus/name` (parents created).
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.corpus.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("parent dir");
        }
        std::fs::write(&path, bytes).expect("write test file");
        path
    }

    /// Runs `lede ARGS` with `--index` pointing at this env's index when the command takes one.
    pub fn lede(&self, args: &[&str]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_lede"));
        command.args(args).env_remove("NO_COLOR").env("LEDE_INDEX", &self.index);
        command.output().expect("run lede").into()
    }

    /// `lede stats --json`, asserting success.
    pub fn stats(&self) -> lede::wire::Stats {
        let run = self.lede(&["stats", "--json"]);
        assert_eq!(run.code, 0, "stats failed: {}", run.stderr);
        json(&run.stdout)
    }

    /// `lede search ARGS --json`, asserting it did not fail (no hits is exit 1): the hits.
    pub fn search(&self, args: &[&str]) -> Vec<lede::wire::Hit> {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.push("--json");
        let run = self.lede(&all);
        assert_ne!(run.code, 2, "{}", run.stderr);
        json_lines(&run.stdout)
    }

    /// `lede index DIR`, asserting success.
    pub fn index(&self, dir: &Path) -> Run {
        let run = self.lede(&["index", dir.to_str().expect("utf-8 path")]);
        assert_eq!(run.code, 0, "index failed: {}\n{}", run.stdout, run.stderr);
        run
    }
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the checkout, or `None` with a printed reason.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let path = repo().join("../shared").join(sub);
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "skipping: {} is absent (tests on real corpora need ../shared beside the checkout)",
            path.display()
        );
        None
    }
}

/// One JSON value (`lede … --json` output), read back into its wire type.
pub fn json<T: DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("bad JSON {text}: {e}"))
}

/// JSON Lines, each read back into its wire type.
pub fn json_lines<T: DeserializeOwned>(stdout: &str) -> Vec<T> {
    stdout.lines().map(json).collect()
}

/// The words a hit's snippet highlights, sliced by its character offsets as a script would.
pub fn highlighted(hit: &lede::wire::Hit) -> Vec<String> {
    let chars: Vec<char> = hit.snippet.chars().collect();
    hit.snippet_highlights
        .iter()
        .filter_map(|[start, end]| Some(chars.get(*start..*end)?.iter().collect()))
        .collect()
}
