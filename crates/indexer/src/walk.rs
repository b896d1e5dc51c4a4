//! The corpus walk and its incremental plan: which files to read, skip, replace and prune.
//!
//! The rules, against what the index holds ([`IndexState`]):
//!
//! - a file with the same size and mtime as indexed is skipped without being read;
//! - a file whose size or mtime changed is read; if its bytes hash the same as indexed (touched, or copied
//!   back) its articles are left as they are ([`Job::unchanged`]), else they are replaced;
//! - a file a killed run left half-written (named in the commit payload) is read and replaced whatever its
//!   stamp says;
//! - with pruning, a file indexed under one of the roots that the walk no longer finds is removed.
//!
//! The plan only reads directory entries and metadata; hashing happens in the reader threads.

use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use lede_article::Format;
use walkdir::WalkDir;

use crate::document::FileStamp;
use crate::error::{Error, Result};
use crate::state::IndexState;
use crate::summary::{IndexSummary, Rejection};

/// What the index holds of a file the plan reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Held {
    /// Nothing: the file is new.
    Nothing,
    /// All its articles, from bytes that hashed to `hash`; its size or mtime changed since.
    Complete {
        /// The content hash indexed before.
        hash: u64,
        /// How many articles of it the index holds.
        articles: u64,
    },
    /// Part of its articles, or none: a killed run left it half-written, so it is redone.
    Incomplete,
}

/// A file to read in this run.
#[derive(Debug, Clone)]
pub(crate) struct Job {
    pub path: PathBuf,
    /// The path as stored in the index.
    pub key: String,
    pub format: Format,
    pub gzip: bool,
    pub size: u64,
    pub mtime: i64,
    pub held: Held,
}

impl Job {
    /// Whether the index already holds articles of this file, to delete before writing it again.
    pub fn replaces(&self) -> bool {
        self.held != Held::Nothing
    }

    /// The number of articles to leave as they are when the bytes read hash to `hash`: `Some` only for a
    /// completely indexed file whose content did not change.
    pub fn unchanged(&self, hash: u64) -> Option<u64> {
        match self.held {
            Held::Complete {
                hash: indexed,
                articles,
            } if indexed == hash => Some(articles),
            _ => None,
        }
    }

    /// Hashes the file's bytes: its stamp as the index will hold it.
    pub fn stamp(&self) -> std::io::Result<FileStamp> {
        Ok(FileStamp {
            size: self.size,
            mtime: self.mtime,
            hash: hash_file(&self.path)?,
        })
    }
}

/// An indexed file, with the number of its articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Indexed {
    pub key: String,
    pub articles: u64,
}

/// What an index run will do, file by file, decided before anything is read.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// Files to read, in walk order.
    pub read: Vec<Job>,
    /// Files skipped as unchanged (same size and mtime).
    pub skip: Vec<Indexed>,
    /// Indexed files gone from under the roots (only when pruning).
    pub prune: Vec<Indexed>,
    /// Files found with a format lede reads (regular files only).
    pub files_seen: u64,
    /// Files whose type lede does not read.
    pub files_unsupported: u64,
    /// Entries that cannot be read, in walk order.
    pub rejections: Vec<Rejection>,
}

impl Plan {
    /// Walks `roots` (recursively, following links, hidden entries and README-like files left out) and plans
    /// the run against `state`; `prune` also plans the removal of indexed files that are gone.
    pub fn new(roots: &[PathBuf], state: &IndexState, prune: bool) -> Result<Plan> {
        let mut plan = Plan::default();
        let mut seen = HashSet::new();
        let mut canonical = Vec::with_capacity(roots.len());
        for root in roots {
            let root = root.canonicalize().map_err(|source| Error::Root {
                path: root.clone(),
                source,
            })?;
            plan.walk(&root, state, &mut seen);
            canonical.push(root);
        }
        if prune {
            for (key, file) in &state.files {
                if !seen.contains(key) && canonical.iter().any(|r| Path::new(key).starts_with(r)) {
                    plan.prune.push(Indexed {
                        key: key.clone(),
                        articles: file.articles,
                    });
                }
            }
        }
        Ok(plan)
    }

    fn walk(&mut self, root: &Path, state: &IndexState, seen: &mut HashSet<String>) {
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.')));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
                    let kind = if e.loop_ancestor().is_some() {
                        "symlink loop"
                    } else {
                        "unreadable"
                    };
                    self.rejections.push(Rejection {
                        path: path.clone(),
                        kind: kind.into(),
                        reason: format!("{path}: {e}"),
                    });
                    continue;
                }
            };
            if entry.file_type().is_dir() {
                continue;
            }
            let path = entry.path();
            let Some((format, gzip)) = Format::detect(path).filter(|_| !is_documentation(path)) else {
                self.files_unsupported += 1;
                continue;
            };
            let key = path.to_string_lossy().into_owned();
            // The same file under two roots (a folder and a file in it, or a root given twice): read once.
            if seen.contains(&key) {
                continue;
            }
            if !entry.file_type().is_file() {
                self.rejections.push(Rejection {
                    path: key.clone(),
                    kind: "not a regular file".into(),
                    reason: format!("{key}: not a regular file (FIFO, socket or device); not opened"),
                });
                continue;
            }
            self.files_seen += 1;
            seen.insert(key.clone());
            let meta = match entry.metadata() {
                Ok(m) => m,
                Err(e) => {
                    self.rejections.push(Rejection {
                        path: key.clone(),
                        kind: "unreadable".into(),
                        reason: format!("{key}: {e}"),
                    });
                    continue;
                }
            };
            let size = meta.len();
            let mtime = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos().min(i64::MAX as u128) as i64);
            let held = match state.files.get(&key) {
                _ if state.incomplete.contains(&key) => Held::Incomplete,
                None => Held::Nothing,
                Some(prev) if prev.stamp.size == size && prev.stamp.mtime == mtime => {
                    self.skip.push(Indexed {
                        key,
                        articles: prev.articles,
                    });
                    continue;
                }
                Some(prev) => Held::Complete {
                    hash: prev.stamp.hash,
                    articles: prev.articles,
                },
            };
            self.read.push(Job {
                path: path.to_owned(),
                key,
                format,
                gzip,
                size,
                mtime,
                held,
            });
        }
    }

    /// Counts what the walk found into `summary`: files seen, unsupported and skipped, and the rejections in
    /// the order met. Pruned files are counted by the writer that removes them.
    pub fn count(&mut self, summary: &mut IndexSummary) {
        summary.files_seen += self.files_seen;
        summary.files_unsupported += self.files_unsupported;
        for skipped in &self.skip {
            summary.files_unchanged += 1;
            summary.articles_unchanged += skipped.articles;
        }
        for rejection in self.rejections.drain(..) {
            summary.reject(rejection);
        }
    }
}

/// README, LICENSE and similar files that sit beside corpora are not articles.
fn is_documentation(path: &Path) -> bool {
    const NAMES: &[&str] = &[
        "readme",
        "license",
        "licence",
        "copying",
        "changelog",
        "contributing",
        "notice",
        "source",
        "authors",
    ];
    let stem = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.split('.').next())
        .unwrap_or("");
    NAMES.iter().any(|n| stem.eq_ignore_ascii_case(n)) || stem.to_ascii_lowercase().contains("readme")
}

/// The xxh3 of a file's bytes.
fn hash_file(path: &Path) -> std::io::Result<u64> {
    let mut file = File::open(path)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            return Ok(hasher.digest());
        }
        hasher.update(&buffer[..n]);
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::state::IndexedFile;

    /// A corpus in a temp dir, and the state an index would hold of it.
    struct Corpus {
        dir: tempfile::TempDir,
        state: IndexState,
    }

    impl Corpus {
        fn new() -> Corpus {
            Corpus {
                dir: tempfile::tempdir().unwrap(),
                state: IndexState::default(),
            }
        }

        fn root(&self) -> PathBuf {
            self.dir.path().canonicalize().unwrap()
        }

        fn write(&self, name: &str, text: &str) -> String {
            let path = self.root().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, text).unwrap();
            path.to_string_lossy().into_owned()
        }

        /// Records `key` as indexed now, with `articles` articles, as a run that read it would.
        fn index(&mut self, key: &str, articles: u64) {
            let job = self.job(key);
            let stamp = job.stamp().unwrap();
            self.state.files.insert(key.to_owned(), IndexedFile { stamp, articles });
        }

        fn job(&self, key: &str) -> Job {
            let plan = Plan::new(&[self.root()], &IndexState::default(), false).unwrap();
            plan.read.into_iter().find(|j| j.key == key).unwrap()
        }

        fn plan(&self, prune: bool) -> Plan {
            Plan::new(&[self.root()], &self.state, prune).unwrap()
        }
    }

    fn keys(jobs: &[Job]) -> Vec<&str> {
        jobs.iter().map(|j| j.key.as_str()).collect()
    }

    #[test]
    fn new_files_are_read_in_name_order_and_replace_nothing() {
        let corpus = Corpus::new();
        let b = corpus.write("b.txt", "B\n\nbody\n");
        let a = corpus.write("sub/a.md", "A\n\nbody\n");
        let plan = corpus.plan(false);
        assert_eq!(keys(&plan.read), [b.as_str(), a.as_str()]);
        assert!(plan.read.iter().all(|j| j.held == Held::Nothing && !j.replaces()));
        assert_eq!(plan.files_seen, 2);
        assert!(plan.skip.is_empty() && plan.prune.is_empty());
    }

    #[test]
    fn a_file_under_two_roots_is_read_once() {
        let corpus = Corpus::new();
        let a = corpus.write("sub/a.md", "A\n\nbody\n");
        let b = corpus.write("b.txt", "B\n\nbody\n");
        let roots = [corpus.root(), PathBuf::from(&a), corpus.root()];
        let plan = Plan::new(&roots, &IndexState::default(), false).unwrap();
        assert_eq!(keys(&plan.read), [b.as_str(), a.as_str()]);
        assert_eq!(plan.files_seen, 2);
    }

    #[test]
    fn hidden_documentation_and_unsupported_files_are_not_read() {
        let corpus = Corpus::new();
        let article = corpus.write("story.txt", "Headline\n\nbody\n");
        corpus.write(".hidden/x.txt", "x");
        corpus.write(".draft.txt", "x");
        corpus.write("README.md", "about the corpus");
        corpus.write("LICENSE.txt", "terms");
        corpus.write("photo.png", "not text");
        let plan = corpus.plan(false);
        assert_eq!(keys(&plan.read), [article.as_str()]);
        assert_eq!(plan.files_seen, 1);
        assert_eq!(plan.files_unsupported, 3, "README, LICENSE and the image");
    }

    #[test]
    fn same_size_and_mtime_is_skipped_without_reading() {
        let mut corpus = Corpus::new();
        let kept = corpus.write("kept.txt", "Kept\n\nbody\n");
        let new = corpus.write("new.txt", "New\n\nbody\n");
        corpus.index(&kept, 3);
        let plan = corpus.plan(false);
        assert_eq!(keys(&plan.read), [new.as_str()]);
        assert_eq!(
            plan.skip,
            [Indexed {
                key: kept.clone(),
                articles: 3
            }]
        );
        let mut summary = IndexSummary::default();
        let mut plan = plan;
        plan.count(&mut summary);
        assert_eq!(
            (summary.files_seen, summary.files_unchanged, summary.articles_unchanged),
            (2, 1, 3)
        );
    }

    #[test]
    fn changed_stamp_is_read_and_same_hash_is_unchanged() {
        let mut corpus = Corpus::new();
        let key = corpus.write("a.txt", "Same\n\nbytes\n");
        corpus.index(&key, 2);
        let indexed = corpus.state.files[&key].stamp;
        // Touched: another mtime, the same bytes.
        corpus.state.files.get_mut(&key).unwrap().stamp.mtime -= 1_000_000_000;
        let job = corpus.plan(false).read.remove(0);
        assert_eq!(
            job.held,
            Held::Complete {
                hash: indexed.hash,
                articles: 2
            }
        );
        assert!(job.replaces());
        assert_eq!(job.unchanged(job.stamp().unwrap().hash), Some(2));

        // Rewritten: other bytes of the same size, so only the hash tells.
        fs::write(&job.path, "Diff\n\nbytes\n").unwrap();
        let job = corpus.plan(false).read.remove(0);
        assert!(job.replaces());
        assert_eq!(job.unchanged(job.stamp().unwrap().hash), None);
    }

    #[test]
    fn incomplete_file_is_redone_whatever_its_stamp() {
        let mut corpus = Corpus::new();
        let partial = corpus.write("partial.jsonl", "{\"title\":\"t\",\"text\":\"b\"}\n");
        let never = corpus.write("never.jsonl", "{\"title\":\"t\",\"text\":\"b\"}\n");
        corpus.index(&partial, 1);
        corpus.state.incomplete.insert(partial.clone());
        // Killed before any of its articles were committed: not in `files`, only in the payload.
        corpus.state.incomplete.insert(never.clone());
        let plan = corpus.plan(false);
        assert_eq!(keys(&plan.read), [never.as_str(), partial.as_str()]);
        for job in &plan.read {
            assert_eq!(job.held, Held::Incomplete);
            assert!(job.replaces());
            assert_eq!(
                job.unchanged(job.stamp().unwrap().hash),
                None,
                "same bytes, still redone"
            );
        }
        assert!(plan.skip.is_empty());
    }

    #[test]
    fn prune_plans_only_gone_files_under_the_roots() {
        let mut corpus = Corpus::new();
        let here = corpus.write("here.txt", "Here\n\nbody\n");
        corpus.index(&here, 1);
        let gone = corpus.root().join("gone.txt").to_string_lossy().into_owned();
        corpus.state.files.insert(gone.clone(), IndexedFile::default());
        corpus.state.files.get_mut(&gone).unwrap().articles = 4;
        let elsewhere = "/elsewhere/other.txt".to_owned();
        corpus.state.files.insert(elsewhere, IndexedFile::default());

        assert!(corpus.plan(false).prune.is_empty(), "nothing is pruned unless asked");
        let plan = corpus.plan(true);
        assert_eq!(plan.prune, [Indexed { key: gone, articles: 4 }]);
        assert_eq!(plan.skip.len(), 1);
    }

    #[test]
    fn missing_root_is_an_error() {
        let corpus = Corpus::new();
        let missing = corpus.root().join("missing");
        let err = Plan::new(&[missing], &IndexState::default(), false).unwrap_err();
        assert!(matches!(err, Error::Root { .. }), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_and_fifos_are_rejected_not_read() {
        let corpus = Corpus::new();
        corpus.write("a.txt", "A\n\nbody\n");
        std::os::unix::fs::symlink(corpus.root(), corpus.root().join("loop")).unwrap();
        let fifo = corpus.root().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        let plan = corpus.plan(false);
        assert_eq!(plan.read.len(), 1);
        let kinds: Vec<&str> = plan.rejections.iter().map(|r| r.kind.as_str()).collect();
        assert!(kinds.contains(&"symlink loop"), "{kinds:?}");
        if made.is_ok_and(|s| s.success()) {
            assert!(kinds.contains(&"not a regular file"), "{kinds:?}");
        } else {
            eprintln!("mkfifo unavailable: the FIFO case is not checked");
        }
    }
}
