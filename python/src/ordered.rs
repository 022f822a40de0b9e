//! `zfxxgk.check` as an iterator with bounded memory: a coordinator thread walks the inputs
//! lazily and hands each to a rayon pool, at most `window` inputs ahead of the one Python takes
//! next; finished inputs wait in a reorder buffer and go to Python, in the order of the inputs,
//! through a channel of [`CHANNEL`] places. Python waits on that channel with the GIL released.
//!
//! At any moment at most `window + CHANNEL + 1` results are held (computed or being computed
//! but not yet taken by Python): `window` in the pool and the reorder buffer, [`CHANNEL`] in
//! the channel, and one that Python has just received but not yet counted off.

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use zfxxgk::contract::{InputError, Line};
use zfxxgk::detect::Shape;

use crate::{Input, NativeReport, check_input, from_line, inputs};

/// How many inputs per worker thread may be checked ahead of the one Python takes next (the
/// CLI's window, `cli/src/check.rs`).
pub const WINDOW: usize = 64;

/// The places of the channel from the coordinator to Python.
pub const CHANNEL: usize = 2;

/// How long Python waits on the channel before it looks for a signal (Ctrl-C) and waits again.
const POLL: Duration = Duration::from_millis(100);

/// One checked input as Python receives it: the line's JSON and the report when read.
pub type Item = (String, Option<NativeReport>);

/// What the coordinator sends: a result, or the end of the run.
enum Message {
    Item(Box<Item>),
    End,
}

/// Counters shared by the coordinator, the workers and the Python side.
#[derive(Debug, Default)]
pub struct Counters {
    /// Inputs taken from the walk so far.
    walked: AtomicUsize,
    /// Results handed to the pool and not yet taken by Python.
    held: AtomicUsize,
    /// The most results held at once.
    max_held: AtomicUsize,
    /// Set when Python drops the iterator: check nothing more.
    cancelled: AtomicBool,
}

/// A run of `check`: the receiving end of the coordinator's channel.
pub struct Run {
    rx: Mutex<mpsc::Receiver<Message>>,
    counters: Arc<Counters>,
    window: usize,
    done: AtomicBool,
}

/// Why the next result could not be had.
pub enum NextError {
    /// A signal handler raised (Ctrl-C): the Python exception to raise.
    Signal(pyo3::PyErr),
    /// The run stopped without saying it ended (it cannot happen unless a thread died).
    Broken(String),
}

impl Run {
    /// Starts checking `paths` on `jobs` worker threads (rayon's default when `None`), with at
    /// most `window` inputs ahead (`WINDOW` per thread when `None`).
    ///
    /// # Errors
    ///
    /// When the worker threads or the coordinator cannot be started.
    pub fn start(
        paths: Vec<PathBuf>,
        shape: Option<Shape>,
        jobs: Option<usize>,
        window: Option<usize>,
    ) -> Result<Run, String> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.unwrap_or(0))
            .thread_name(|i| format!("zfxxgk-check-{i}"))
            .build()
            .map_err(|e| format!("cannot start the worker threads: {e}"))?;
        let window = window
            .unwrap_or_else(|| WINDOW.saturating_mul(pool.current_num_threads().max(1)))
            .max(1);
        let counters = Arc::new(Counters::default());
        let (tx, rx) = mpsc::sync_channel(CHANNEL);
        let shared = Arc::clone(&counters);
        std::thread::Builder::new()
            .name("zfxxgk-check".to_owned())
            .spawn(move || coordinate(&pool, &paths, shape, window, &tx, &shared))
            .map_err(|e| format!("cannot start the check: {e}"))?;
        Ok(Run {
            rx: Mutex::new(rx),
            counters,
            window,
            done: AtomicBool::new(false),
        })
    }

    /// The next result in the order of the inputs, `None` at the end. Waits with the GIL
    /// released, looking for signals every [`POLL`].
    ///
    /// # Errors
    ///
    /// A raised signal handler (Ctrl-C), or a run that stopped without ending.
    pub fn next(&self, py: pyo3::Python<'_>) -> Result<Option<Item>, NextError> {
        if self.done.load(Ordering::SeqCst) {
            return Ok(None);
        }
        loop {
            let got = py.detach(|| match self.rx.lock() {
                Ok(rx) => rx.recv_timeout(POLL),
                Err(_) => Err(mpsc::RecvTimeoutError::Disconnected),
            });
            match got {
                Ok(Message::Item(item)) => {
                    let item = *item;
                    // Every result was counted when it was handed to the pool.
                    let _ =
                        self.counters
                            .held
                            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
                    return Ok(Some(item));
                }
                Ok(Message::End) => {
                    self.done.store(true, Ordering::SeqCst);
                    return Ok(None);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    py.check_signals().map_err(NextError::Signal)?;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    self.done.store(true, Ordering::SeqCst);
                    return Err(NextError::Broken(
                        "the check stopped before its end (a worker thread died)".to_owned(),
                    ));
                }
            }
        }
    }

    /// (inputs walked so far, the most results held at once, the window).
    pub fn stats(&self) -> (usize, usize, usize) {
        (
            self.counters.walked.load(Ordering::SeqCst),
            self.counters.max_held.load(Ordering::SeqCst),
            self.window,
        )
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        self.counters.cancelled.store(true, Ordering::SeqCst);
    }
}

/// Checks one input, turning a panic (none is known) into an error line, so that every input
/// gets its result and the coordinator never waits for one that will not come.
fn check_one(input: &Input, shape: Option<Shape>) -> Item {
    let line = std::panic::catch_unwind(AssertUnwindSafe(|| check_input(input, shape)))
        .unwrap_or_else(|_| {
            Line::unreadable(
                input.name(),
                InputError::new("internal", "the check of this input failed (a panic)"),
            )
        });
    from_line(line)
}

/// Waits for one finished input and puts it in `pending`; `false` when the run is cancelled
/// (the workers then skip their inputs, so waiting on would never end).
fn receive(
    rx: &mpsc::Receiver<(usize, Item)>,
    pending: &mut BTreeMap<usize, Item>,
    counters: &Counters,
) -> bool {
    loop {
        match rx.recv_timeout(POLL) {
            Ok((i, item)) => {
                pending.insert(i, item);
                return true;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if counters.cancelled.load(Ordering::SeqCst) {
                    return false;
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => return false,
        }
    }
}

/// The coordinator: walks, hands inputs to the pool with at most `window` ahead, and sends the
/// results to Python in order. Stops when Python drops the iterator.
fn coordinate(
    pool: &rayon::ThreadPool,
    paths: &[PathBuf],
    shape: Option<Shape>,
    window: usize,
    out: &mpsc::SyncSender<Message>,
    counters: &Arc<Counters>,
) {
    let (tx, rx) = mpsc::channel::<(usize, Item)>();
    let mut pending: BTreeMap<usize, Item> = BTreeMap::new();
    let mut next = 0usize;
    let mut sent = 0usize;
    let mut open = true;
    // Sends every finished input that is next in order; `false` once Python has gone.
    let drain = |pending: &mut BTreeMap<usize, Item>, next: &mut usize| -> bool {
        while let Some(item) = pending.remove(next) {
            if out.send(Message::Item(Box::new(item))).is_err() {
                return false;
            }
            *next = next.saturating_add(1);
        }
        true
    };
    for input in inputs(paths) {
        if counters.cancelled.load(Ordering::SeqCst) {
            open = false;
            break;
        }
        counters.walked.fetch_add(1, Ordering::SeqCst);
        while open && sent.saturating_sub(next) >= window {
            open = receive(&rx, &mut pending, counters) && drain(&mut pending, &mut next);
        }
        if !open {
            break;
        }
        let held = counters
            .held
            .fetch_add(1, Ordering::SeqCst)
            .saturating_add(1);
        counters.max_held.fetch_max(held, Ordering::SeqCst);
        let tx = tx.clone();
        let workers = Arc::clone(counters);
        let i = sent;
        pool.spawn(move || {
            if workers.cancelled.load(Ordering::SeqCst) {
                return;
            }
            let _ = tx.send((i, check_one(&input, shape)));
        });
        sent = sent.saturating_add(1);
    }
    drop(tx);
    while open && next < sent {
        open = receive(&rx, &mut pending, counters) && drain(&mut pending, &mut next);
    }
    if open {
        let _ = out.send(Message::End);
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::panic
    )]

    use super::*;
    use std::path::Path;

    /// A folder of `n` copies of a corpus report in nested folders, removed on drop.
    struct Folder(PathBuf);

    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn folder(tag: &str, n: usize) -> Folder {
        let root = std::env::temp_dir().join(format!("zfxxgk-python-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let data = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../tests/data/corpus/raw/001_pingtan-2019.txt"),
        )
        .unwrap();
        for i in 0..n {
            let dir = root.join(format!("{}", i % 3));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join(format!("{i}.txt")), &data).unwrap();
        }
        std::fs::write(root.join("notes.bin"), b"x").unwrap();
        Folder(root)
    }

    #[test]
    fn results_come_in_walk_order_with_a_bounded_window() {
        let dir = folder("order", 40);
        let paths = vec![dir.0.clone()];
        let want: Vec<String> = inputs(&paths).map(|i| i.name()).collect();
        assert_eq!(want.len(), 41);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        let counters = Arc::new(Counters::default());
        let (tx, rx) = mpsc::sync_channel(CHANNEL);
        let shared = Arc::clone(&counters);
        let walk = paths.clone();
        let coordinator =
            std::thread::spawn(move || coordinate(&pool, &walk, None, 3, &tx, &shared));
        let mut got = Vec::new();
        // The run ends with `End` (the loop's end), never with a closed channel (a panic).
        while let Message::Item(item) = rx.recv().unwrap() {
            counters.held.fetch_sub(1, Ordering::SeqCst);
            let line: serde_json::Value = serde_json::from_str(&item.0).unwrap();
            got.push(line["file"].as_str().unwrap().to_owned());
            // Nothing is walked further ahead than the window and the channel allow.
            let walked = counters.walked.load(Ordering::SeqCst);
            assert!(walked <= got.len() + 3 + CHANNEL + 1, "{walked} walked");
        }
        coordinator.join().unwrap();
        assert_eq!(got, want);
        let max = counters.max_held.load(Ordering::SeqCst);
        assert!((1..=3 + CHANNEL + 1).contains(&max), "{max} held");
    }

    #[test]
    fn a_dropped_receiver_stops_the_run() {
        let dir = folder("drop", 30);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let counters = Arc::new(Counters::default());
        let (tx, rx) = mpsc::sync_channel(CHANNEL);
        let shared = Arc::clone(&counters);
        let paths = vec![dir.0.clone()];
        let coordinator =
            std::thread::spawn(move || coordinate(&pool, &paths, None, 2, &tx, &shared));
        assert!(matches!(rx.recv().unwrap(), Message::Item(_)));
        drop(rx);
        coordinator.join().unwrap();
        assert!(counters.walked.load(Ordering::SeqCst) < 31);
    }
}
