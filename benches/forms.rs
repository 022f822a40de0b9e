//! Reading and writing each form of a report, each beside a baseline measured in the same run.
//!
//! - `read/<file>`: every complete report of the corpus (the raw files that have expected
//!   cells) read from its published text (`text::read`; 046, an HTML page, `html::read`), and the same report read from its cells CSV, its
//!   JSON and its XLSX (as `xlsx::to_bytes` writes it); the baselines are `serde_json` reading
//!   the same JSON straight into a [`Report`] and copying the text's bytes.
//! - `validate`: the rules on one report, beside cloning it.
//! - `render`: one report in each form, beside `serde_json::to_string` of it and copying the
//!   bytes of the longest rendering.
//!
//! - `docx/<file>`: three reports (the seed, 008, 010) read from DOCX (`docx::read` of
//!   `docx::to_bytes`) beside the same report read from XLSX, and written as each; and the
//!   real template's document walked (`docx::document`).
//!
//! Each group's throughput is the bytes of its input (reading) or output (rendering), so
//! criterion prints MB/s; reports/s is 1 / time. See BENCHMARKS.md for the figures.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "benchmark harness: the inputs are fixed files and a failure should be loud"
)]

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zfxxgk::render::{html as render_html, markdown as render_md, text as render_text};
use zfxxgk::{Report, cells, docx, html, json, text, validate, xlsx};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/corpus");

/// The complete reports of the corpus with their expected cells (as in `tests/corpus.rs`).
const COMPLETE: &[&str] = &[
    "000_499bb3d63922cf9c",
    "001_pingtan-2019",
    "003_pingtan-2021",
    "005_pingtan-2023",
    "007_pingtan-2025",
    "008_huaian-city-2024-pypdf",
    "009_huaian-city-2024-pdfminer",
    "010_hongze-district-2023-pypdf",
    "011_hongze-district-2024-pypdf",
    "012_shanghai-stcsm-2024-md",
    "049_huaian-city-2024-layout",
    "050_hongze-district-2023-layout",
    "051_hongze-district-2024-layout",
    "046_shanghai-govoffice-2019-js-html",
];

/// The complete report published as an HTML page, read by `html::read`; the rest by `text::read`.
const HTML: &str = "046_shanghai-govoffice-2019-js-html";

/// One report in every form it is read from.
struct Forms {
    name: &'static str,
    text: String,
    csv: String,
    json: String,
    xlsx: Vec<u8>,
}

fn load(name: &'static str) -> Forms {
    let dir = Path::new(CORPUS);
    let text = std::fs::read_to_string(dir.join("raw").join(format!("{name}.txt"))).unwrap();
    let csv =
        std::fs::read_to_string(dir.join("expected").join(format!("{name}.cells.csv"))).unwrap();
    let report = cells::read(&csv).unwrap().report;
    let json = json::to_string(&report).unwrap();
    let xlsx = xlsx::to_bytes(&report).unwrap();
    Forms {
        name,
        text,
        csv,
        json,
        xlsx,
    }
}

/// Short runs: the machine is shared and every benchmark of the crate must fit in minutes.
fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(1000))
}

fn read(c: &mut Criterion) {
    for forms in COMPLETE.iter().map(|&n| load(n)) {
        let mut g = c.benchmark_group(format!("read/{}", forms.name));
        g.throughput(Throughput::Bytes(forms.text.len() as u64));
        g.bench_function("baseline: copy the text bytes", |b| {
            b.iter(|| black_box(forms.text.as_bytes().to_vec()))
        });
        if forms.name == HTML {
            g.bench_function("html", |b| {
                b.iter(|| html::read(black_box(forms.text.as_bytes())).unwrap())
            });
        } else {
            g.bench_function("text", |b| {
                b.iter(|| text::read(black_box(&forms.text)).unwrap())
            });
        }
        g.throughput(Throughput::Bytes(forms.json.len() as u64));
        g.bench_function("baseline: serde_json into Report", |b| {
            b.iter(|| serde_json::from_str::<Report>(black_box(&forms.json)).unwrap())
        });
        g.bench_function("json", |b| {
            b.iter(|| json::read(black_box(&forms.json)).unwrap())
        });
        g.throughput(Throughput::Bytes(forms.csv.len() as u64));
        g.bench_function("cells csv", |b| {
            b.iter(|| cells::read(black_box(&forms.csv)).unwrap())
        });
        g.throughput(Throughput::Bytes(forms.xlsx.len() as u64));
        g.bench_function("xlsx", |b| {
            b.iter(|| xlsx::read(black_box(&forms.xlsx)).unwrap())
        });
        g.finish();
    }
}

fn check_and_render(c: &mut Criterion) {
    let forms = load("008_huaian-city-2024-pypdf");
    let report = cells::read(&forms.csv).unwrap().report;

    let mut g = c.benchmark_group("validate");
    g.bench_function("baseline: clone the report", |b| {
        b.iter(|| black_box(&report).clone())
    });
    g.bench_function("validate", |b| b.iter(|| validate(black_box(&report))));
    g.finish();

    let longest = render_html::to_string(&report);
    let mut g = c.benchmark_group("render");
    g.bench_function("baseline: serde_json to_string", |b| {
        b.iter(|| serde_json::to_string(black_box(&report)).unwrap())
    });
    g.bench_function("baseline: copy the HTML bytes", |b| {
        b.iter(|| black_box(longest.as_bytes().to_vec()))
    });
    g.bench_function("text", |b| {
        b.iter(|| render_text::to_string(black_box(&report)))
    });
    g.bench_function("markdown", |b| {
        b.iter(|| render_md::to_string(black_box(&report)))
    });
    g.bench_function("html", |b| {
        b.iter(|| render_html::to_string(black_box(&report)))
    });
    g.bench_function("xlsx", |b| {
        b.iter(|| xlsx::to_bytes(black_box(&report)).unwrap())
    });
    g.bench_function("cells csv", |b| {
        b.iter(|| cells::to_string(black_box(&report)).unwrap())
    });
    g.bench_function("json", |b| {
        b.iter(|| json::to_string(black_box(&report)).unwrap())
    });
    g.finish();
}

/// DOCX beside XLSX, the other office form, on the same reports.
fn docx_vs_xlsx(c: &mut Criterion) {
    for name in [
        "000_499bb3d63922cf9c",
        "008_huaian-city-2024-pypdf",
        "010_hongze-district-2023-pypdf",
    ] {
        let forms = load(name);
        let report = cells::read(&forms.csv).unwrap().report;
        let bytes = docx::to_bytes(&report).unwrap();
        let mut g = c.benchmark_group(format!("docx/{name}"));
        g.bench_function("baseline: xlsx read", |b| {
            b.iter(|| xlsx::read(black_box(&forms.xlsx)).unwrap())
        });
        g.bench_function("docx read", |b| {
            b.iter(|| docx::read(black_box(&bytes)).unwrap())
        });
        g.bench_function("baseline: xlsx write", |b| {
            b.iter(|| xlsx::to_bytes(black_box(&report)).unwrap())
        });
        g.bench_function("docx write", |b| {
            b.iter(|| docx::to_bytes(black_box(&report)).unwrap())
        });
        g.finish();
    }
    let template = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/originals/政务公开年报模版.docx"
    ))
    .unwrap();
    let mut g = c.benchmark_group("docx/template");
    g.throughput(Throughput::Bytes(template.len() as u64));
    g.bench_function("baseline: copy the bytes", |b| {
        b.iter(|| black_box(template.clone()))
    });
    g.bench_function("docx document", |b| {
        b.iter(|| docx::document(black_box(&template)).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = all;
    config = config();
    targets = read, check_and_render, docx_vs_xlsx
}
criterion_main!(all);
