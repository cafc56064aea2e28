//! Loading in the background: a worker thread runs
//! `corpus::load_paths` (parallel inside) and reports progress through
//! atomics; the result comes back on a channel. The UI polls it each frame.

use crate::corpus::{Corpus, load_paths};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// How often progress is redrawn during a load.
const PROGRESS_REDRAW: std::time::Duration = std::time::Duration::from_millis(1000);

/// A load in progress.
pub struct LoadJob {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    result: Receiver<Result<Corpus, String>>,
    started: std::time::Instant,
}

impl LoadJob {
    /// Starts loading `paths`. `ctx` is asked to redraw for progress at most
    /// once a second (drawing, in software on some machines, must not slow
    /// the load), and at once when the load is done.
    pub fn start(paths: Vec<PathBuf>, ctx: egui::Context) -> LoadJob {
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let (d, t, c) = (done.clone(), total.clone(), cancel.clone());
        std::thread::spawn(move || {
            // each article's analysis is contained inside load_paths; this
            // catches what is left (listing, dating, merging), so that the
            // window reports it and keeps what was loaded before
            let loaded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                load_paths(
                    &paths,
                    &|n, of| {
                        d.store(n, Ordering::Relaxed);
                        t.store(of, Ordering::Relaxed);
                        ctx.request_repaint_after(PROGRESS_REDRAW);
                    },
                    &c,
                )
            }))
            .map_err(|p| worker_died(&crate::corpus::panic_message(p.as_ref())));
            let _ = tx.send(loaded);
            ctx.request_repaint();
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

    /// The loaded corpus once the worker is done, or why the worker died.
    pub fn poll(&self) -> Option<Result<Corpus, String>> {
        match self.result.try_recv() {
            Ok(c) => Some(c),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(worker_died("it exited without a result"))),
        }
    }
}

/// What the window says when the loading worker dies.
fn worker_died(why: &str) -> String {
    format!(
        "The loading worker stopped unexpectedly ({why}); the articles loaded before are kept, \
         the files of this load are not loaded"
    )
}
