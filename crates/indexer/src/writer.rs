//! The one index writer of a run, with its commit and merge policy.
//!
//! Commits happen every `commit_every_docs` documents or `commit_every` of wall-clock time; the commit
//! payload names the files whose records were only partly written, so a killed run is finished (without
//! duplicates) by the next one. A run that wrote a large share of the index ends by merging its segments
//! into one (see [`IndexOptions::merge`]).

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crossbeam_channel::Receiver;
use tantivy::schema::Term;
use tantivy::{IndexReader, IndexWriter, TantivyDocument};

use crate::document::FileStamp;
use crate::error::{Error, Result};
use crate::index::LedeIndex;
use crate::options::{IndexOptions, Progress, RUN_MERGE_CAP_DOCS};
use crate::schema::Fields;
use crate::state::CommitPayload;
use crate::summary::{IndexSummary, Rejection};
use crate::walk::{Indexed, Job};

/// What a stage sends on about file number `file` of the plan: an article (`T`, as far as the stage has
/// taken it) or what became of the file.
pub(crate) enum Message<T> {
    Article {
        file: usize,
        article: T,
    },
    Rejected {
        file: usize,
        rejection: Rejection,
    },
    /// The file is read: `articles` were sent; `stamp` is `None` when it could not be read.
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

impl<T> Message<T> {
    /// The same message with its article taken one stage further.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Message<U> {
        match self {
            Message::Article { file, article } => Message::Article {
                file,
                article: f(article),
            },
            Message::Rejected { file, rejection } => Message::Rejected { file, rejection },
            Message::Done { file, articles, stamp } => Message::Done { file, articles, stamp },
            Message::Unchanged { articles } => Message::Unchanged { articles },
        }
    }
}

/// An article ready to write.
pub(crate) struct Prepared {
    pub id: String,
    pub document: Box<TantivyDocument>,
    /// The reader dropped a date it found (absurd or unreadable).
    pub dates_dropped: bool,
}

#[derive(Default)]
struct FileProgress {
    started: bool,
    written: u64,
    expected: Option<u64>,
}

/// The index writer of one run: deletes what is replaced or pruned, adds documents, commits by count and
/// time with the half-written files in the payload, and merges at the end when the run wrote enough.
pub(crate) struct Writer {
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
    commit_every_docs: u64,
    commit_every: Duration,
    merge: Option<f64>,
    max_segment_docs: Option<u32>,
    split_from_docs: Option<u64>,
    /// Segments the final merge leaves for an index of `split_from_docs` articles or more.
    split_parts: usize,
}

impl Writer {
    /// Takes the index's writer lock (fails with [`Error::Locked`] when another process holds it).
    /// `threads` index; `cores` is how many segments a large index is split into at the end.
    pub fn open(
        index: &LedeIndex,
        path: &Path,
        threads: usize,
        cores: usize,
        options: &IndexOptions,
    ) -> Result<Writer> {
        let threads = threads.clamp(1, 8);
        let writer = match index
            .index
            .writer_with_num_threads(threads, options.writer_memory.max((threads * 16) << 20))
        {
            Ok(w) => w,
            Err(tantivy::TantivyError::LockFailure(..)) => return Err(Error::Locked(path.to_owned())),
            Err(e) => return Err(e.into()),
        };
        // Capped even when no cap is asked for: a segment past the cap is never merged again during the run, so
        // the final merge can still cut a large index into even parts (merging never splits a segment).
        let mut policy = tantivy::indexer::LogMergePolicy::default();
        policy.set_max_docs_before_merge(options.max_segment_docs.unwrap_or(RUN_MERGE_CAP_DOCS) as usize);
        writer.set_merge_policy(Box::new(policy));
        Ok(Writer {
            writer,
            fields: index.fields.clone(),
            commit_every_docs: options.commit_every_docs,
            commit_every: options.commit_every,
            merge: options.merge,
            max_segment_docs: options.max_segment_docs,
            split_from_docs: options.split_from_docs,
            split_parts: cores.max(1),
        })
    }

    /// Deletes the articles of files that are gone.
    pub fn prune(&mut self, gone: &[Indexed], summary: &mut IndexSummary) {
        for file in gone {
            self.writer
                .delete_term(Term::from_field_text(self.fields.path, &file.key));
            summary.files_removed += 1;
            summary.articles_removed += file.articles;
        }
    }

    /// Writes what arrives on `input` about the files `jobs`, committing by count and time; reports
    /// progress at most every 100 ms, and once at the end.
    pub fn write(
        &mut self,
        jobs: &[Job],
        input: Receiver<Message<Prepared>>,
        summary: &mut IndexSummary,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<()> {
        let mut files: HashMap<usize, FileProgress> = HashMap::new();
        let mut since_commit = 0u64;
        let mut last_commit = Instant::now();
        let mut report = Progress {
            files_total: jobs.len() as u64,
            ..Progress::default()
        };
        let mut last_report = Instant::now();
        for message in input {
            let file = match &message {
                Message::Unchanged { articles, .. } => {
                    // Touched but the same bytes: its articles stay, nothing is deleted.
                    summary.files_unchanged += 1;
                    summary.articles_unchanged += articles;
                    report.files_done += 1;
                    continue;
                }
                Message::Article { file, .. } | Message::Rejected { file, .. } | Message::Done { file, .. } => *file,
            };
            let job = &jobs[file];
            let entry = files.entry(file).or_default();
            if !entry.started {
                entry.started = true;
                if job.replaces() {
                    self.writer
                        .delete_term(Term::from_field_text(self.fields.path, &job.key));
                }
            }
            match message {
                Message::Article { article, .. } => {
                    self.writer
                        .delete_term(Term::from_field_text(self.fields.id, &article.id));
                    self.writer.add_document(*article.document)?;
                    entry.written += 1;
                    since_commit += 1;
                    report.articles += 1;
                    summary.dates_dropped += u64::from(article.dates_dropped);
                    if job.replaces() {
                        summary.articles_updated += 1;
                    } else {
                        summary.articles_added += 1;
                    }
                }
                Message::Rejected { rejection, .. } => summary.reject(rejection),
                // Counted above, before any deletion.
                Message::Unchanged { .. } => {}
                Message::Done { articles, stamp, .. } => {
                    entry.expected = Some(articles);
                    report.files_done += 1;
                    if stamp.is_some() {
                        if job.replaces() {
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
            if since_commit >= self.commit_every_docs
                || (since_commit > 0 && last_commit.elapsed() >= self.commit_every)
            {
                let incomplete: Vec<String> = files.keys().map(|f| jobs[*f].key.clone()).collect();
                self.commit(&incomplete)?;
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

    /// Makes the last commit, waits for tantivy's merges, and merges every segment into one when the run
    /// wrote at least the share of the index's articles [`IndexOptions::merge`] asks for; counts the commit,
    /// the merge and the index as it is left into `summary`.
    pub fn finish(mut self, index: &LedeIndex, reader: &IndexReader, summary: &mut IndexSummary) -> Result<()> {
        self.commit(&[])?;
        summary.commits += 1;
        // Merges started by the log merge policy finish first; the committed index stays valid throughout.
        self.writer.wait_merging_threads()?;
        reader.reload()?;
        let written = summary.articles_added + summary.articles_updated + summary.articles_removed;
        let in_index = reader.searcher().num_docs();
        if let Some(share) = self.merge {
            if written > 0 && written as f64 >= share * in_index as f64 {
                let parts = match self.split_from_docs {
                    Some(from) if in_index >= from => self.split_parts,
                    _ => 1,
                };
                summary.segments_merged = merge_segments(index, self.max_segment_docs, parts)?;
                reader.reload()?;
            }
        }
        let searcher = reader.searcher();
        summary.articles_in_index = searcher.num_docs();
        summary.segments = searcher.segment_readers().len() as u64;
        Ok(())
    }

    fn commit(&mut self, incomplete: &[String]) -> Result<()> {
        let payload = serde_json::to_string(&CommitPayload {
            incomplete: incomplete.to_vec(),
        })
        .unwrap_or_default();
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        Ok(())
    }
}

/// Merges the segments of `index` into `parts` runs of consecutive segments of about equal size (one run: one
/// segment), or, with a cap, into runs of at most `max_docs` articles each; the runs merge side by side. Returns
/// how many segments were merged (0 when nothing needed it). A kill during the merge leaves the last commit as it
/// was: a merged segment only replaces the others when tantivy atomically rewrites `meta.json`.
fn merge_segments(index: &LedeIndex, max_docs: Option<u32>, parts: usize) -> Result<u64> {
    // Ids and sizes only: tantivy keeps the files of every live `SegmentMeta` from garbage collection, so
    // holding the metas through the merge would leave the merged segments' files on disk.
    let (ids, docs): (Vec<_>, Vec<u64>) = index
        .index
        .searchable_segment_metas()?
        .iter()
        .map(|m| (m.id(), u64::from(m.num_docs())))
        .unzip();
    let groups = match max_docs {
        Some(cap) => merge_groups(&docs, u64::from(cap)),
        None => even_groups(&docs, parts),
    };
    if groups.is_empty() {
        return Ok(0);
    }
    let mut writer: IndexWriter<TantivyDocument> = match index.index.writer_with_num_threads(1, 16 << 20) {
        Ok(w) => w,
        // Another process took the index between our two writers: it will merge, or search stays correct.
        Err(tantivy::TantivyError::LockFailure(..)) => return Ok(0),
        Err(e) => return Err(e.into()),
    };
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    let mut merged = 0;
    let mut running = Vec::with_capacity(groups.len());
    for group in groups {
        let group: Vec<_> = group.iter().map(|&i| ids[i]).collect();
        running.push(writer.merge(&group));
        merged += group.len() as u64;
    }
    for merge in running {
        merge.wait()?;
    }
    writer.wait_merging_threads()?;
    Ok(merged)
}

/// Which segments (by position) to merge together under a cap: consecutive runs whose articles add up to at
/// most `cap`; only runs of two or more segments.
fn merge_groups(docs: &[u64], cap: u64) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut total = 0u64;
    for (i, &n) in docs.iter().enumerate() {
        if !current.is_empty() && total.saturating_add(n) > cap {
            groups.push(std::mem::take(&mut current));
            total = 0;
        }
        current.push(i);
        total = total.saturating_add(n);
    }
    groups.push(current);
    groups.retain(|g| g.len() > 1);
    groups
}

/// Which segments (by position) to merge into `parts` runs of consecutive segments of about equal size: a run
/// ends before the segment whose middle passes the run's share of the articles. Only runs of two or more.
fn even_groups(docs: &[u64], parts: usize) -> Vec<Vec<usize>> {
    let parts = parts.max(1) as u64;
    let total: u64 = docs.iter().sum();
    let mut groups: Vec<Vec<usize>> = vec![Vec::new()];
    let mut before = 0u64;
    for (i, &n) in docs.iter().enumerate() {
        let done = groups.len() as u64 - 1;
        let current_is_full = (before + n / 2) * parts >= (done + 1) * total;
        if current_is_full && done + 1 < parts && groups.last().is_some_and(|g| !g.is_empty()) {
            groups.push(Vec::new());
        }
        if let Some(group) = groups.last_mut() {
            group.push(i);
        }
        before += n;
    }
    groups.retain(|g| g.len() > 1);
    groups
}

#[cfg(test)]
mod tests {
    use super::{even_groups, merge_groups};

    #[test]
    fn even_groups_cut_at_the_shares() {
        assert_eq!(even_groups(&[5, 5, 5], 1), vec![vec![0, 1, 2]]);
        assert_eq!(even_groups(&[5, 5, 5, 5], 2), vec![vec![0, 1], vec![2, 3]]);
        assert_eq!(
            even_groups(&[9, 1, 1, 1, 1, 1, 1, 1, 1, 1], 2),
            vec![vec![1, 2, 3, 4, 5, 6, 7, 8, 9]]
        );
        assert_eq!(
            even_groups(&[3, 3, 3, 3, 3, 3], 3),
            vec![vec![0, 1], vec![2, 3], vec![4, 5]]
        );
        assert_eq!(even_groups(&[5], 2), Vec::<Vec<usize>>::new());
        assert_eq!(even_groups(&[], 2), Vec::<Vec<usize>>::new());
    }

    #[test]
    fn merge_groups_respect_the_cap() {
        assert_eq!(merge_groups(&[5, 5, 5], u64::MAX), vec![vec![0, 1, 2]]);
        assert_eq!(merge_groups(&[5], u64::MAX), Vec::<Vec<usize>>::new());
        assert_eq!(merge_groups(&[4, 4, 4, 4, 9], 8), vec![vec![0, 1], vec![2, 3]]);
        assert_eq!(merge_groups(&[10, 3, 3, 10], 8), vec![vec![1, 2]]);
    }
}
