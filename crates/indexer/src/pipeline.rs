//! The parallel indexing pipeline.
//!
//! ```text
//! walk ─► reader threads (read, decode, parse) ─► tagger threads (entities, document) ─► one IndexWriter
//! ```
//!
//! Every stage is joined by a bounded channel, so memory stays bounded however
//! large the corpus: a slow writer slows the readers down instead of queueing
//! articles. Commits happen every `commit_every_docs` documents or
//! `commit_every` of wall-clock time; the commit payload names the files whose
//! records were only partly written, so a killed run is finished (without
//! duplicates) by the next one. A run that wrote a large share of the index
//! ends by merging its segments into one (see [`IndexOptions::merge`]).

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, UNIX_EPOCH};

use crossbeam_channel::{bounded, Receiver, Sender};
use lede_article::{read_file_as, Article, Format, ReadOptions};
use tantivy::schema::Term;
use tantivy::{IndexWriter, TantivyDocument};
use walkdir::WalkDir;

use crate::document::{to_document, FileStamp};
use crate::entities::{EntityTagger, Tagging};
use crate::error::{Error, Result};
use crate::index::LedeIndex;
use crate::schema::Fields;
use crate::state::{CommitPayload, IndexState};
use crate::summary::{IndexSummary, Rejection};

/// Progress of an index run, reported through the callback.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Files to read in this run (known once the walk is done).
    pub files_total: u64,
    /// Files read so far.
    pub files_done: u64,
    /// Articles written so far.
    pub articles: u64,
}

/// How to run an index.
#[derive(Clone)]
pub struct IndexOptions {
    /// Reader options (field mappings, size limits).
    pub read: ReadOptions,
    /// Remove articles whose files are gone from under the roots.
    pub prune: bool,
    /// Threads for reading and for tagging (each); 0 means one per core.
    pub threads: usize,
    /// tantivy writer memory budget in bytes (split across its threads).
    pub writer_memory: usize,
    /// Commit after this many documents.
    pub commit_every_docs: u64,
    /// Commit after this much time.
    pub commit_every: Duration,
    /// Which entities to add: lede's shipped model by default.
    pub entities: Tagging,
    /// Merge all segments into one after a run that wrote at least this share of the index's articles
    /// (0.0 merges after every run that wrote anything; `None` never force-merges and leaves segments to
    /// tantivy's log merge policy). Every query looks terms up and sets up scorers once per segment, so one
    /// segment answers faster; a small update does not rewrite the whole index for it.
    pub merge: Option<f64>,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            read: ReadOptions::default(),
            prune: false,
            threads: 0,
            writer_memory: 256 << 20,
            commit_every_docs: 20_000,
            commit_every: Duration::from_secs(30),
            entities: Tagging::Shipped,
            merge: Some(0.2),
        }
    }
}

/// A file to read in this run.
struct Job {
    path: PathBuf,
    key: String,
    format: Format,
    gzip: bool,
    size: u64,
    mtime: i64,
    /// Whether the index already holds articles of this file.
    replaces: bool,
    /// The content hash and article count indexed before, when only size or mtime changed: equal bytes
    /// (a file touched or copied back) are left as they are.
    previous: Option<(u64, u64)>,
}

enum Parsed {
    Article {
        file: usize,
        article: Box<Article>,
        stamp: FileStamp,
    },
    Rejected {
        file: usize,
        rejection: Rejection,
    },
    Done {
        file: usize,
        articles: u64,
        stamp: Option<FileStamp>,
    },
    /// Same bytes as indexed before: nothing to write.
    Unchanged {
        articles: u64,
    },
}

enum Ready {
    Document {
        file: usize,
        id: String,
        document: Box<TantivyDocument>,
        dates_dropped: bool,
    },
    Rejected {
        file: usize,
        rejection: Rejection,
    },
    Done {
        file: usize,
        articles: u64,
        stamp: Option<FileStamp>,
    },
    Unchanged {
        articles: u64,
    },
}

/// Indexes every article under `roots` into the index at `index_path`, with the entities `options.entities`
/// asks for (lede's shipped model by default).
pub fn index_paths(
    index_path: &Path,
    roots: &[PathBuf],
    options: &IndexOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<IndexSummary> {
    let started = Instant::now();
    // Before the index is created: a tagger that cannot load leaves no empty index behind.
    let tagger = options.entities.tagger()?;
    let index = LedeIndex::open_or_create(index_path)?;
    let threads = if options.threads == 0 {
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)
    } else {
        options.threads
    };
    let mut writer: IndexWriter<TantivyDocument> = match index
        .index
        .writer_with_num_threads(threads.min(8), options.writer_memory.max((threads * 16) << 20))
    {
        Ok(w) => w,
        Err(tantivy::TantivyError::LockFailure(..)) => return Err(Error::Locked(index_path.to_owned())),
        Err(e) => return Err(e.into()),
    };
    let reader = index.reader()?;
    let state = IndexState::load(&index, &reader)?;
    let mut summary = IndexSummary::default();

    let (jobs, seen) = walk(roots, &state, &mut summary)?;
    if options.prune {
        prune(&index.fields, &writer, &state, roots, &seen, &mut summary);
    }
    let total = jobs.len() as u64;
    progress(Progress {
        files_total: total,
        ..Progress::default()
    });

    let fields = index.fields.clone();
    let jobs = Arc::new(jobs);
    let next = AtomicUsize::new(0);
    let (parsed_tx, parsed_rx) = bounded::<Parsed>(512);
    let (ready_tx, ready_rx) = bounded::<Ready>(512);
    let result = std::thread::scope(|scope| {
        for _ in 0..threads {
            let parsed_tx = parsed_tx.clone();
            let jobs = &jobs;
            let next = &next;
            let read = &options.read;
            scope.spawn(move || read_files(jobs, next, read, &parsed_tx));
        }
        drop(parsed_tx);
        for _ in 0..threads {
            let parsed_rx = parsed_rx.clone();
            let ready_tx = ready_tx.clone();
            let fields = &fields;
            scope.spawn(move || tag_articles(&parsed_rx, &ready_tx, fields, tagger));
        }
        drop(ready_tx);
        write(
            &mut writer,
            &fields,
            &jobs,
            ready_rx,
            options,
            &mut summary,
            progress,
            total,
        )
    });
    result?;
    commit(&mut writer, &[])?;
    summary.commits += 1;
    // Merges started by the log merge policy finish first; the committed index stays valid throughout.
    writer.wait_merging_threads()?;
    reader.reload()?;
    let written = summary.articles_added + summary.articles_updated + summary.articles_removed;
    let in_index = reader.searcher().num_docs();
    if let Some(share) = options.merge {
        if written > 0 && written as f64 >= share * in_index as f64 {
            summary.segments_merged = merge_segments(&index)?;
            reader.reload()?;
        }
    }
    let searcher = reader.searcher();
    summary.articles_in_index = searcher.num_docs();
    summary.segments = searcher.segment_readers().len() as u64;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Merges every segment of `index` into one; returns how many were merged (0 when there was one already).
/// A kill during the merge leaves the last commit as it was: the merged segment only replaces the others
/// when tantivy atomically rewrites `meta.json`.
fn merge_segments(index: &LedeIndex) -> Result<u64> {
    let ids = index.index.searchable_segment_ids()?;
    if ids.len() < 2 {
        return Ok(0);
    }
    let mut writer: IndexWriter<TantivyDocument> = match index.index.writer_with_num_threads(1, 16 << 20) {
        Ok(w) => w,
        // Another process took the index between our two writers: it will merge, or search stays correct.
        Err(tantivy::TantivyError::LockFailure(..)) => return Ok(0),
        Err(e) => return Err(e.into()),
    };
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    writer.merge(&ids).wait()?;
    writer.wait_merging_threads()?;
    Ok(ids.len() as u64)
}

/// Walks the roots; returns the files to read and the set of supported paths seen.
fn walk(roots: &[PathBuf], state: &IndexState, summary: &mut IndexSummary) -> Result<(Vec<Job>, HashSet<String>)> {
    let mut jobs = Vec::new();
    let mut seen = HashSet::new();
    for root in roots {
        let root = root.canonicalize().map_err(|source| Error::Root {
            path: root.clone(),
            source,
        })?;
        let walker = WalkDir::new(&root)
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
                    summary.reject(Rejection {
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
                summary.files_unsupported += 1;
                continue;
            };
            let key = path.to_string_lossy().into_owned();
            if !entry.file_type().is_file() {
                summary.reject(Rejection {
                    path: key.clone(),
                    kind: "not a regular file".into(),
                    reason: format!("{key}: not a regular file (FIFO, socket or device); not opened"),
                });
                continue;
            }
            summary.files_seen += 1;
            seen.insert(key.clone());
            let meta = match entry.metadata() {
                Ok(m) => m,
                Err(e) => {
                    summary.reject(Rejection {
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
            let previous = state.files.get(&key);
            if let Some(prev) = previous {
                if prev.stamp.size == size && prev.stamp.mtime == mtime && !state.incomplete.contains(&key) {
                    summary.files_unchanged += 1;
                    summary.articles_unchanged += prev.articles;
                    continue;
                }
            }
            jobs.push(Job {
                path: path.to_owned(),
                key,
                format,
                gzip,
                size,
                mtime,
                replaces: previous.is_some() || state.incomplete.contains(path.to_string_lossy().as_ref()),
                previous: previous
                    .filter(|_| !state.incomplete.contains(path.to_string_lossy().as_ref()))
                    .map(|p| (p.stamp.hash, p.articles)),
            });
        }
    }
    Ok((jobs, seen))
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

fn prune(
    fields: &Fields,
    writer: &IndexWriter<TantivyDocument>,
    state: &IndexState,
    roots: &[PathBuf],
    seen: &HashSet<String>,
    summary: &mut IndexSummary,
) {
    let roots: Vec<PathBuf> = roots.iter().filter_map(|r| r.canonicalize().ok()).collect();
    for (path, file) in &state.files {
        if !seen.contains(path) && roots.iter().any(|r| Path::new(path).starts_with(r)) {
            writer.delete_term(Term::from_field_text(fields.path, path));
            summary.files_removed += 1;
            summary.articles_removed += file.articles;
        }
    }
}

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

fn read_files(jobs: &[Job], next: &AtomicUsize, options: &ReadOptions, out: &Sender<Parsed>) {
    loop {
        let file = next.fetch_add(1, Ordering::Relaxed);
        let Some(job) = jobs.get(file) else { return };
        let mut articles = 0u64;
        let stamp = match hash_file(&job.path) {
            Ok(hash) => Some(FileStamp {
                size: job.size,
                mtime: job.mtime,
                hash,
            }),
            Err(e) => {
                let reason = format!("cannot read {}: {e}", job.key);
                let _ = out.send(Parsed::Rejected {
                    file,
                    rejection: Rejection {
                        path: job.key.clone(),
                        kind: "unreadable".into(),
                        reason,
                    },
                });
                None
            }
        };
        if let (Some(stamp), Some((hash, indexed))) = (stamp, job.previous) {
            if stamp.hash == hash {
                if out.send(Parsed::Unchanged { articles: indexed }).is_err() {
                    return;
                }
                continue;
            }
        }
        if let Some(stamp) = stamp {
            // A reader bug must cost one file, not the run.
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                read_one(file, job, stamp, options, out, &mut articles)
            }));
            match outcome {
                Ok(true) => {}
                Ok(false) => return,
                Err(_) => {
                    let reason = format!("{}: internal error while reading (please report this file)", job.key);
                    let rejection = Rejection {
                        path: job.key.clone(),
                        kind: "internal error".into(),
                        reason,
                    };
                    if out.send(Parsed::Rejected { file, rejection }).is_err() {
                        return;
                    }
                }
            }
        }
        if out.send(Parsed::Done { file, articles, stamp }).is_err() {
            return;
        }
    }
}

/// Reads one file into `out`; `false` when the writer has gone away.
fn read_one(
    file: usize,
    job: &Job,
    stamp: FileStamp,
    options: &ReadOptions,
    out: &Sender<Parsed>,
    articles: &mut u64,
) -> bool {
    match read_file_as(&job.path, job.format, job.gzip, options) {
        Ok(records) => {
            for record in records {
                let message = match record {
                    Ok(mut article) => {
                        article.path.clone_from(&job.key);
                        *articles += 1;
                        Parsed::Article {
                            file,
                            article: Box::new(article),
                            stamp,
                        }
                    }
                    Err(e) => Parsed::Rejected {
                        file,
                        rejection: rejection(&job.key, &e),
                    },
                };
                if out.send(message).is_err() {
                    return false;
                }
            }
            true
        }
        Err(e) => out
            .send(Parsed::Rejected {
                file,
                rejection: rejection(&job.key, &e),
            })
            .is_ok(),
    }
}

fn rejection(path: &str, error: &lede_article::Error) -> Rejection {
    Rejection {
        path: path.to_owned(),
        kind: error.kind().to_owned(),
        reason: error.to_string(),
    }
}

fn tag_articles(input: &Receiver<Parsed>, out: &Sender<Ready>, fields: &Fields, tagger: Option<&dyn EntityTagger>) {
    for message in input {
        let ready = match message {
            Parsed::Article {
                file,
                mut article,
                stamp,
            } => {
                if let Some(tagger) = tagger {
                    // A tagger bug costs the article its entities, not the run.
                    let tagged = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| tagger.tag(&mut article)));
                    if tagged.is_err() {
                        article.entities = Default::default();
                    }
                }
                let dates_dropped = article.warnings.iter().any(|w| w.contains("date"));
                let document = Box::new(to_document(fields, &article, stamp));
                Ready::Document {
                    file,
                    id: std::mem::take(&mut article.id),
                    document,
                    dates_dropped,
                }
            }
            Parsed::Rejected { file, rejection } => Ready::Rejected { file, rejection },
            Parsed::Done { file, articles, stamp } => Ready::Done { file, articles, stamp },
            Parsed::Unchanged { articles } => Ready::Unchanged { articles },
        };
        if out.send(ready).is_err() {
            return;
        }
    }
}

#[derive(Default)]
struct FileProgress {
    started: bool,
    written: u64,
    expected: Option<u64>,
}

#[allow(clippy::too_many_arguments)]
fn write(
    writer: &mut IndexWriter<TantivyDocument>,
    fields: &Fields,
    jobs: &[Job],
    input: Receiver<Ready>,
    options: &IndexOptions,
    summary: &mut IndexSummary,
    progress: &(dyn Fn(Progress) + Sync),
    total: u64,
) -> Result<()> {
    let mut files: HashMap<usize, FileProgress> = HashMap::new();
    let mut since_commit = 0u64;
    let mut last_commit = Instant::now();
    let mut report = Progress {
        files_total: total,
        ..Progress::default()
    };
    let mut last_report = Instant::now();
    for message in input {
        let file = match &message {
            Ready::Unchanged { articles, .. } => {
                // Touched but the same bytes: its articles stay, nothing is deleted.
                summary.files_unchanged += 1;
                summary.articles_unchanged += articles;
                report.files_done += 1;
                continue;
            }
            Ready::Document { file, .. } | Ready::Rejected { file, .. } | Ready::Done { file, .. } => *file,
        };
        let job = &jobs[file];
        let entry = files.entry(file).or_default();
        if !entry.started {
            entry.started = true;
            if job.replaces {
                writer.delete_term(Term::from_field_text(fields.path, &job.key));
            }
        }
        match message {
            Ready::Document {
                id,
                document,
                dates_dropped,
                ..
            } => {
                writer.delete_term(Term::from_field_text(fields.id, &id));
                writer.add_document(*document)?;
                entry.written += 1;
                since_commit += 1;
                report.articles += 1;
                summary.dates_dropped += u64::from(dates_dropped);
                if job.replaces {
                    summary.articles_updated += 1;
                } else {
                    summary.articles_added += 1;
                }
            }
            Ready::Rejected { rejection, .. } => summary.reject(rejection),
            // Counted above, before any deletion.
            Ready::Unchanged { .. } => {}
            Ready::Done { articles, stamp, .. } => {
                entry.expected = Some(articles);
                report.files_done += 1;
                if stamp.is_some() {
                    if job.replaces {
                        summary.files_changed += 1;
                    } else {
                        summary.files_new += 1;
                    }
                }
            }
        }
        if entry.expected == Some(entry.written) {
            files.remove(&file);
        }
        if since_commit >= options.commit_every_docs
            || (since_commit > 0 && last_commit.elapsed() >= options.commit_every)
        {
            let incomplete: Vec<String> = files.keys().map(|f| jobs[*f].key.clone()).collect();
            commit(writer, &incomplete)?;
            summary.commits += 1;
            since_commit = 0;
            last_commit = Instant::now();
        }
        if last_report.elapsed() >= Duration::from_millis(100) {
            progress(report);
            last_report = Instant::now();
        }
    }
    progress(report);
    Ok(())
}

fn commit(writer: &mut IndexWriter<TantivyDocument>, incomplete: &[String]) -> Result<()> {
    let payload = serde_json::to_string(&CommitPayload {
        incomplete: incomplete.to_vec(),
    })
    .unwrap_or_default();
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    Ok(())
}
