//! Benchmarks of the core: reading the cells CSV and JSON of a real report, validating it, and
//! writing it, each beside a baseline measured in the same run (copying the same bytes, and
//! serde_json parsing the same JSON into an untyped value).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zfxxgk::{cells, json, validate};

const CSV: &str =
    include_str!("../tests/data/corpus/expected/008_huaian-city-2024-pypdf.cells.csv");

fn benches(c: &mut Criterion) {
    let report = cells::read(CSV).unwrap().report;
    let json_text = json::to_string(&report).unwrap();

    let mut g = c.benchmark_group("read");
    g.throughput(Throughput::Bytes(CSV.len() as u64));
    g.bench_function("baseline: copy the CSV bytes", |b| {
        b.iter(|| black_box(CSV.as_bytes().to_vec()))
    });
    g.bench_function("cells CSV", |b| {
        b.iter(|| cells::read(black_box(CSV)).unwrap())
    });
    g.throughput(Throughput::Bytes(json_text.len() as u64));
    g.bench_function("baseline: serde_json to Value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&json_text)).unwrap())
    });
    g.bench_function("JSON", |b| {
        b.iter(|| json::read(black_box(&json_text)).unwrap())
    });
    g.finish();

    let mut g = c.benchmark_group("check");
    g.bench_function("validate", |b| b.iter(|| validate(black_box(&report))));
    g.finish();

    let mut g = c.benchmark_group("write");
    g.bench_function("cells CSV", |b| {
        b.iter(|| cells::to_string(black_box(&report)).unwrap())
    });
    g.bench_function("JSON", |b| {
        b.iter(|| json::to_string(black_box(&report)).unwrap())
    });
    g.finish();
}

criterion_group!(all, benches);
criterion_main!(all);
