//! The open index the server answers from, re-opened when a new commit lands, and the bound on concurrent work.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use lede_query::{Engine, ALIASES_FILE};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// How often the server looks for a new commit.
const WATCH_EVERY: Duration = Duration::from_secs(1);

/// What the server shares between requests. Cheap to clone.
#[derive(Clone)]
pub struct State {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    engine: RwLock<Arc<Engine>>,
    /// Searches run on blocking threads, at most this many at once; the rest wait their turn.
    permits: Arc<Semaphore>,
}

impl State {
    /// Opens the index at `path`; `workers` searches run at once.
    pub fn open(path: &Path, workers: usize) -> anyhow::Result<State> {
        let engine = Engine::open(path)?;
        Ok(State {
            inner: Arc::new(Inner {
                path: path.to_owned(),
                engine: RwLock::new(Arc::new(engine)),
                permits: Arc::new(Semaphore::new(workers.max(1))),
            }),
        })
    }

    /// The engine of the last commit seen.
    pub fn engine(&self) -> Arc<Engine> {
        match self.inner.engine.read() {
            Ok(engine) => engine.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Waits for a turn to run a search.
    pub async fn permit(&self) -> Option<OwnedSemaphorePermit> {
        self.inner.permits.clone().acquire_owned().await.ok()
    }

    fn replace(&self, engine: Engine) {
        let engine = Arc::new(engine);
        match self.inner.engine.write() {
            Ok(mut slot) => *slot = engine,
            Err(poisoned) => *poisoned.into_inner() = engine,
        }
    }
}

/// Re-opens the index whenever tantivy's `meta.json` (a commit) or lede's alias map (written after the last
/// commit of `lede index`) changes, for as long as the server runs. A failed open keeps the previous engine.
pub async fn watch(state: State) {
    let path = state.inner.path.clone();
    let mut seen = stamp(&path);
    loop {
        tokio::time::sleep(WATCH_EVERY).await;
        let now = stamp(&path);
        if now == seen {
            continue;
        }
        seen = now;
        let opened = {
            let path = path.clone();
            tokio::task::spawn_blocking(move || Engine::open(&path)).await
        };
        match opened {
            Ok(Ok(engine)) => {
                let articles = engine.searcher().num_docs();
                state.replace(engine);
                eprintln!("lede: reloaded {}: {articles} articles", path.display());
            }
            Ok(Err(error)) => eprintln!(
                "lede: kept the previous commit; reopening {} failed: {error}",
                path.display()
            ),
            Err(error) => eprintln!(
                "lede: kept the previous commit; reopening {} failed: {error}",
                path.display()
            ),
        }
    }
}

/// Size and modification time of the files whose change means a new commit or a new alias map.
type Stamp = [Option<(u64, SystemTime)>; 2];

fn stamp(index: &Path) -> Stamp {
    let of = |name: &str| {
        let meta = std::fs::metadata(index.join(name)).ok()?;
        Some((meta.len(), meta.modified().ok()?))
    };
    [of("meta.json"), of(ALIASES_FILE)]
}
