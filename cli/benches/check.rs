//! Checking a folder of 10,000 generated reports (cells CSV files, written to a temporary
//! folder once, outside the timing), with 1 thread and with 2:
//!
//! - `check folder/cli`: the `zfxxgk check DIR` binary, run with `RAYON_NUM_THREADS=1` and
//!   `=2`, its output sent to the null device — what a user sees, process start and printing
//!   included;
//! - `check folder/library`: what each file costs inside the binary (read the file, `cells::read`,
//!   `Reading::check`) in a rayon pool of 1 and of 2 threads, without the printing;
//! - the baseline: reading the bytes of the 10,000 files on one thread.
//!
//! The speed-up is the 1-thread time over the 2-thread time. See BENCHMARKS.md.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::arithmetic_side_effects,
    clippy::integer_division,
    reason = "benchmark harness: fixed generated inputs and a failure should be loud"
)]

use std::hint::black_box;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;
use zfxxgk::cells;

#[path = "../../benches/common/mod.rs"]
mod common;

const FILES: u64 = 10_000;

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = (0..FILES)
        .map(|i| {
            let path = dir.path().join(format!("{i:05}.cells.csv"));
            std::fs::write(&path, cells::to_string(&common::report(i)).unwrap()).unwrap();
            path
        })
        .collect();

    let mut g = c.benchmark_group("check folder");
    g.sampling_mode(SamplingMode::Flat);
    g.throughput(Throughput::Elements(FILES));
    g.bench_function("baseline: read the bytes of every file", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|p| std::fs::read(p).unwrap().len())
                .sum::<usize>()
        })
    });
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        g.bench_function(format!("library, {threads} thread(s)"), |b| {
            b.iter(|| {
                pool.install(|| {
                    files
                        .par_iter()
                        .map(|p| {
                            let text = std::fs::read_to_string(p).unwrap();
                            let reading = cells::read(&text).unwrap();
                            black_box(reading.check()).len()
                        })
                        .sum::<usize>()
                })
            })
        });
    }
    for threads in [1, 2] {
        g.bench_function(format!("cli, {threads} thread(s)"), |b| {
            b.iter(|| {
                let status = Command::new(env!("CARGO_BIN_EXE_zfxxgk"))
                    .arg("check")
                    .arg(dir.path())
                    .env("RAYON_NUM_THREADS", threads.to_string())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .unwrap();
                // 0 or 1 (findings); 2 would mean a file could not be read.
                assert!(status.code().is_some_and(|c| c < 2), "{status}");
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = all;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(all);
