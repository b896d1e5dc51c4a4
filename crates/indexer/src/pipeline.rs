//! The parallel indexing pipeline.
//!
//! ```text
//! walk (plan) ─► reader threads (hash, read, decode, parse) ─► tagger threads (entities, document) ─► Writer
//! ```
//!
//! Every stage is joined by a bounded channel, so memory stays bounded however
//! large the corpus: a slow writer slows the readers down instead of queueing
//! articles. What to read is decided first by the [walk](crate::walk); the
//! [`Writer`] owns commits and the final merge.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use crossbeam_channel::{bounded, Receiver, Sender};
use lede_article::{read_file_as, Article, ReadOptions};

use crate::document::{to_document, FileStamp};
use crate::entities::EntityTagger;
use crate::error::Result;
use crate::index::LedeIndex;
use crate::options::{IndexOptions, Progress};
use crate::schema::Fields;
use crate::state::IndexState;
use crate::summary::{IndexSummary, Rejection};
use crate::walk::{Job, Plan};
use crate::writer::{Message, Prepared, Writer};

/// An article as read, before entities.
struct Parsed {
    article: Box<Article>,
    stamp: FileStamp,
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
    // Tagging costs about twice what tantivy's indexing does: with entities, one indexing thread for every three
    // cores keeps up (the taggers yield to it), and makes one segment per commit where two threads made two
    // that the final merge then rewrote on one core. Without entities, indexing is most of the work.
    let writer_threads = if tagger.is_some() { threads.div_ceil(3) } else { threads };
    let mut writer = Writer::open(&index, index_path, writer_threads, threads, options)?;
    let reader = index.reader()?;
    let state = IndexState::load(&index, &reader)?;
    let mut summary = IndexSummary::default();

    let mut plan = Plan::new(roots, &state, options.prune)?;
    plan.count(&mut summary);
    writer.prune(&plan.prune, &mut summary);
    let jobs = plan.read;
    progress(Progress {
        files_total: jobs.len() as u64,
        ..Progress::default()
    });

    let fields = &index.fields;
    let next = AtomicUsize::new(0);
    let (parsed_tx, parsed_rx) = bounded::<Message<Parsed>>(512);
    let (ready_tx, ready_rx) = bounded::<Message<Prepared>>(512);
    let result = std::thread::scope(|scope| {
        for _ in 0..threads {
            let parsed_tx = parsed_tx.clone();
            let (jobs, next, read) = (&jobs, &next, &options.read);
            scope.spawn(move || read_files(jobs, next, read, &parsed_tx));
        }
        drop(parsed_tx);
        for _ in 0..threads {
            let parsed_rx = parsed_rx.clone();
            let ready_tx = ready_tx.clone();
            scope.spawn(move || tag_articles(&parsed_rx, &ready_tx, fields, tagger));
        }
        drop(ready_tx);
        writer.write(&jobs, ready_rx, &mut summary, progress)
    });
    result?;
    writer.finish(&index, &reader, &mut summary)?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// A reader thread: takes the next job until none is left, and sends its articles and its outcome.
fn read_files(jobs: &[Job], next: &AtomicUsize, options: &ReadOptions, out: &Sender<Message<Parsed>>) {
    loop {
        let file = next.fetch_add(1, Ordering::Relaxed);
        let Some(job) = jobs.get(file) else { return };
        let mut articles = 0u64;
        let stamp = match job.stamp() {
            Ok(stamp) => Some(stamp),
            Err(e) => {
                let reason = format!("cannot read {}: {e}", job.key);
                let _ = out.send(Message::Rejected {
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
        if let Some(indexed) = stamp.and_then(|s| job.unchanged(s.hash)) {
            if out.send(Message::Unchanged { articles: indexed }).is_err() {
                return;
            }
            continue;
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
                    if out.send(Message::Rejected { file, rejection }).is_err() {
                        return;
                    }
                }
            }
        }
        if out.send(Message::Done { file, articles, stamp }).is_err() {
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
    out: &Sender<Message<Parsed>>,
    articles: &mut u64,
) -> bool {
    match read_file_as(&job.path, job.format, job.gzip, options) {
        Ok(records) => {
            for record in records {
                let message = match record {
                    Ok(mut article) => {
                        article.path.clone_from(&job.key);
                        *articles += 1;
                        Message::Article {
                            file,
                            article: Parsed {
                                article: Box::new(article),
                                stamp,
                            },
                        }
                    }
                    Err(e) => Message::Rejected {
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
            .send(Message::Rejected {
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

/// Lowers the calling thread's scheduling priority (nice 5) on Linux, where priority is per thread, so that when
/// the cores are all busy the index writer's thread runs first: a starved writer leaves a queue of tagged
/// articles to index on one core after the taggers are done. A no-op elsewhere, and if the call fails.
fn yield_to_writer() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority reads no memory of ours; `who = 0` is the calling thread, which ends with the run.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 5);
    }
}

/// A tagger thread: adds entities and builds the document of each article; passes the rest on.
fn tag_articles(
    input: &Receiver<Message<Parsed>>,
    out: &Sender<Message<Prepared>>,
    fields: &Fields,
    tagger: Option<&dyn EntityTagger>,
) {
    if tagger.is_some() {
        yield_to_writer();
    }
    for message in input {
        let ready = message.map(|Parsed { mut article, stamp }| {
            if let Some(tagger) = tagger {
                // A tagger bug costs the article its entities, not the run.
                let tagged = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| tagger.tag(&mut article)));
                if tagged.is_err() {
                    article.entities = Default::default();
                }
            }
            let dates_dropped = article.warnings.iter().any(|w| w.contains("date"));
            let document = Box::new(to_document(fields, &article, stamp));
            Prepared {
                id: std::mem::take(&mut article.id),
                document,
                dates_dropped,
            }
        });
        if out.send(ready).is_err() {
            return;
        }
    }
}
