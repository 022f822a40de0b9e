//! Summing 10,000 generated reports with `analysis::sum::sum`, beside cloning them (the least
//! work that touches every cell of every report).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects,
    clippy::integer_division,
    reason = "benchmark harness: fixed generated inputs and a failure should be loud"
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zfxxgk::Report;
use zfxxgk::analysis::sum::sum;

mod common;

const REPORTS: u64 = 10_000;

fn benches(c: &mut Criterion) {
    let reports: Vec<Report> = (0..REPORTS).map(common::report).collect();
    let refs: Vec<&Report> = reports.iter().collect();
    let mut g = c.benchmark_group("sum");
    g.throughput(Throughput::Elements(REPORTS));
    g.bench_function("baseline: clone 10,000 reports", |b| {
        b.iter(|| black_box(&reports).clone())
    });
    g.bench_function("sum 10,000 reports", |b| {
        b.iter(|| sum(black_box(&refs)).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = all;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    targets = benches
}
criterion_main!(all);
