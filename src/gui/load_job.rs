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
        LoadJob::spawn(ctx, move |progress, cancel| {
            load_paths(&paths, progress, cancel)
        })
    }

    /// Runs `work` (a load: progress callback and cancel flag in, corpus
    /// out) on a worker thread. Each article's analysis is contained inside
    /// `load_paths`; a panic in what is left (listing, dating, merging) is
    /// caught here, so that the window reports it and keeps what was loaded
    /// before.
    fn spawn(
        ctx: egui::Context,
        work: impl FnOnce(&(dyn Fn(usize, usize) + Sync), &AtomicBool) -> Corpus + Send + 'static,
    ) -> LoadJob {
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let (d, t, c) = (done.clone(), total.clone(), cancel.clone());
        std::thread::spawn(move || {
            let repaint = ctx.clone();
            let progress = move |n, of| {
                d.store(n, Ordering::Relaxed);
                t.store(of, Ordering::Relaxed);
                repaint.request_repaint_after(PROGRESS_REDRAW);
            };
            let loaded =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&progress, &c)))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn wait(job: &LoadJob) -> Result<Corpus, String> {
        loop {
            if let Some(r) = job.poll() {
                return r;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    #[test]
    fn a_worker_that_dies_is_reported() {
        let job = LoadJob::spawn(egui::Context::default(), |progress, _| {
            progress(1, 2);
            panic!("merging went wrong")
        });
        let why = wait(&job).expect_err("the death is reported");
        assert!(why.contains("merging went wrong"), "{why}");
        assert!(why.contains("loaded before are kept"), "{why}");
        assert_eq!(job.progress(), (1, 2));
    }

    #[test]
    fn a_worker_that_finishes_hands_over_its_corpus() {
        let job = LoadJob::spawn(egui::Context::default(), |_, _| Corpus::default());
        assert!(wait(&job).is_ok());
    }
}
