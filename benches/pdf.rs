//! Reading the three published PDFs with the PDF reader, beside `pdftotext -layout` of the same
//! file run as a process in the same run (the extraction a user would otherwise run before the
//! text reader; skipped when poppler-utils is not installed).
//!
//! - `pdf/read/<file>`: `pdf::read` (open, interpret every page, lay out, place);
//! - `pdf/open/<file>`: `pdf::load::open` alone (the streams measured, lopdf's parse);
//! - `pdf/pages/<file>`: `pdf::pages` alone (open and interpret: glyphs and rules);
//! - `pdf/pdftotext/<file>`: `pdftotext -layout FILE -` as a child process, output discarded.
//!
//! See BENCHMARKS.md for the figures and the ratio.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "benchmark harness: the inputs are fixed files and a failure should be loud"
)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const ORIGINALS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/originals");

const FILES: &[&str] = &[
    "huaian-city-2024.pdf",
    "hongze-district-2023.pdf",
    "hongze-district-2024.pdf",
];

fn pdftotext_available() -> bool {
    Command::new("pdftotext")
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

fn bench(c: &mut Criterion) {
    let with_poppler = pdftotext_available();
    if !with_poppler {
        eprintln!("pdftotext not found (apt-get install poppler-utils): its baseline is skipped");
    }
    let mut group = c.benchmark_group("pdf");
    for name in FILES {
        let path: PathBuf = Path::new(ORIGINALS).join(name);
        let bytes = std::fs::read(&path).unwrap();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format!("read/{name}"), |b| {
            b.iter(|| zfxxgk::pdf::read(black_box(&bytes)).unwrap());
        });
        group.bench_function(format!("open/{name}"), |b| {
            b.iter(|| {
                let limits = zfxxgk::pdf::Limits::default();
                let mut budget = zfxxgk::pdf::load::Budget::new(&limits);
                zfxxgk::pdf::load::open(black_box(&bytes), &limits, &mut budget).unwrap()
            });
        });
        group.bench_function(format!("pages/{name}"), |b| {
            b.iter(|| {
                zfxxgk::pdf::pages(black_box(&bytes), &zfxxgk::pdf::Limits::default()).unwrap()
            });
        });
        if with_poppler {
            group.bench_function(format!("pdftotext/{name}"), |b| {
                b.iter(|| {
                    let out = Command::new("pdftotext")
                        .arg("-layout")
                        .arg(&path)
                        .arg("-")
                        .stdout(Stdio::piped())
                        .output()
                        .unwrap();
                    assert!(out.status.success());
                    black_box(out.stdout.len())
                });
            });
        }
    }
    group.finish();
}

/// Short runs: the machine is shared.
fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench
}
criterion_main!(benches);
