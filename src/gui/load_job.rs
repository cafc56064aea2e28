//! Loading in the background: a worker thread runs
//! `corpus::load_paths` (parallel inside) and reports progress through
//! atomics; the result comes back on a channel. The UI polls it each frame.

use crate::corpus::{Corpus, load_paths};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// A load in progress.
pub struct LoadJob {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    result: Receiver<Corpus>,
    started: std::time::Instant,
}

impl LoadJob {
    /// Starts loading `paths`; `repaint` is called after each file.
    pub fn start(paths: Vec<PathBuf>, repaint: impl Fn() + Send + Sync + 'static) -> LoadJob {
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let (d, t, c) = (done.clone(), total.clone(), cancel.clone());
        std::thread::spawn(move || {
            let corpus = load_paths(
                &paths,
                &|n, of| {
                    d.store(n, Ordering::Relaxed);
                    t.store(of, Ordering::Relaxed);
                    repaint();
                },
                &c,
            );
            let _ = tx.send(corpus);
            repaint();
        });
        LoadJob {
            done,
            total,
            cancel,
            result: rx,
            started: std::time::Instant::now(),
        }
    }

    /// Files done and files in all.
    pub fn progress(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// Time since the load started.
    pub fn elapsed(&self) -> std::time::Duration {
        self.started.elapsed()
    }

    /// Asks the worker to stop after the files in hand.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The loaded corpus, once the worker is done.
    pub fn poll(&self) -> Option<Corpus> {
        match self.result.try_recv() {
            Ok(c) => Some(c),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Corpus::default()),
        }
    }
}
