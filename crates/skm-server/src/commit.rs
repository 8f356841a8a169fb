//! Group commit of submissions: one writer thread stores, in one transaction and so with one
//! fsync, every submission that arrived while the previous batch was being written. Each
//! submission's answer waits for the commit of its batch, so a 201 still means "on disk"; under
//! a rush the disk's flush time is shared instead of queued.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};

use crate::store::{Filed, Store, Stored};

/// A submission waiting for its batch, with where its outcome goes.
type Waiting = (Filed, tokio::sync::oneshot::Sender<Result<Stored, String>>);

/// The handle of the writer thread.
#[derive(Debug, Clone)]
pub struct Committer {
    queue: Sender<Waiting>,
    queued: Arc<AtomicUsize>,
}

/// Submissions written in one transaction at most.
const MAX_BATCH: usize = 512;

impl Committer {
    /// Starts the writer thread on a store.
    pub fn start(store: Arc<Mutex<Store>>) -> Committer {
        let (queue, waiting) = mpsc::channel();
        let queued = Arc::new(AtomicUsize::new(0));
        let taken = queued.clone();
        std::thread::Builder::new()
            .name("skm-commit".to_owned())
            .spawn(move || write_batches(&store, &waiting, &taken))
            .map_or_else(|e| tracing::error!(%e, "the writer thread did not start"), |_| ());
        Committer { queue, queued }
    }

    /// Submissions waiting for the next transaction now.
    pub fn queued(&self) -> usize {
        self.queued.load(Ordering::Relaxed)
    }

    /// Stores a submission once (see [`Store::insert_once`]); returns when it is on disk.
    pub async fn store(&self, record: Filed) -> Result<Stored, String> {
        let (done, outcome) = tokio::sync::oneshot::channel();
        // Counted before it is sent, so that the writer never takes away more than was counted.
        self.queued.fetch_add(1, Ordering::Relaxed);
        if self.queue.send((record, done)).is_err() {
            self.queued.fetch_sub(1, Ordering::Relaxed);
            return Err("the writer thread has stopped".to_owned());
        }
        outcome.await.map_err(|_| "the writer thread dropped the submission".to_owned())?
    }
}

fn write_batches(store: &Mutex<Store>, waiting: &Receiver<Waiting>, queued: &AtomicUsize) {
    while let Ok(first) = waiting.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match waiting.try_recv() {
                Ok(next) => batch.push(next),
                Err(_) => break,
            }
        }
        queued.fetch_sub(batch.len(), Ordering::Relaxed);
        let (records, answers): (Vec<Filed>, Vec<_>) = batch.into_iter().unzip();
        let outcome = match store.lock() {
            Ok(mut s) => s.insert_batch(&records).map_err(|e| e.to_string()),
            Err(_) => Err("store lock poisoned".to_owned()),
        };
        match outcome {
            Ok(stored) => {
                for (answer, s) in answers.into_iter().zip(stored) {
                    let _ = answer.send(Ok(s));
                }
            }
            // Nothing of the batch was committed: every submission of it is told so.
            Err(e) => {
                for answer in answers {
                    let _ = answer.send(Err(e.clone()));
                }
            }
        }
    }
}
