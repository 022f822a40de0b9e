//! The PDF reader on the published files behind corpus 008, 010 and 011: each must read to
//! exactly the expected cells and findings of the text extractions of the same report.
#![cfg(feature = "pdf")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "test harness: failing loudly is the point"
)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use zfxxgk::{Cell, Severity, cells};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");

/// Each original and the corpus report whose expected files it must match.
const ORIGINALS: &[(&str, &str)] = &[
    ("huaian-city-2024.pdf", "008_huaian-city-2024-pypdf"),
    ("hongze-district-2023.pdf", "010_hongze-district-2023-pypdf"),
    ("hongze-district-2024.pdf", "011_hongze-district-2024-pypdf"),
];

fn original(name: &str) -> Vec<u8> {
    fs::read(Path::new(DATA).join("originals").join(name)).unwrap()
}

fn expected(name: &str) -> PathBuf {
    Path::new(DATA).join("corpus").join("expected").join(name)
}

type FindingKey = (String, String, String, String, String);

fn expected_findings(name: &str) -> BTreeSet<FindingKey> {
    let text = fs::read_to_string(expected(&format!("{name}.findings.json"))).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let s = |x: &serde_json::Value| x.as_str().unwrap_or("").to_owned();
    v.as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let l = &f["location"];
            (
                s(&f["rule"]),
                s(&f["severity"]),
                s(&l["table"]),
                s(&l["row"]),
                s(&l["column"]),
            )
        })
        .collect()
}

fn read(bytes: &[u8]) -> zfxxgk::Reading {
    zfxxgk::pdf::read(bytes).unwrap()
}

#[test]
fn the_originals_read_cell_for_cell() {
    let mut problems = Vec::new();
    let mut table = String::new();
    for (file, name) in ORIGINALS {
        let reading = read(&original(file));
        let want =
            cells::read(&fs::read_to_string(expected(&format!("{name}.cells.csv"))).unwrap())
                .unwrap()
                .report;
        let got = &reading.report;
        let (mut right, mut total) = (0usize, 0usize);
        for (key, w, h) in [
            ("issuer", want.issuer.to_string(), got.issuer.to_string()),
            ("year", want.year.to_string(), got.year.to_string()),
            ("edition", want.edition.to_string(), got.edition.to_string()),
        ] {
            total += 1;
            if w == h {
                right += 1;
            } else {
                problems.push(format!("{file}: report/{key}: expected `{w}`, read `{h}`"));
            }
        }
        for address in want.addresses() {
            total += 1;
            let w = want.cell(address).map(Cell::csv_text).unwrap_or_default();
            let h = got.cell(address).map(Cell::csv_text).unwrap_or_default();
            if w == h {
                right += 1;
            } else {
                problems.push(format!("{file}: {address}: expected `{w}`, read `{h}`"));
            }
        }
        for address in got.addresses() {
            if want.cell(address).is_none() && got.cell(address).is_some_and(|c| !c.is_blank()) {
                problems.push(format!("{file}: {address}: read a value the report has not"));
            }
        }
        let want_f = expected_findings(name);
        let have_f: BTreeSet<FindingKey> = reading
            .check()
            .into_iter()
            .filter(|f| {
                (f.rule.id().starts_with("applications.")
                    || f.rule.id() == "appeals.total"
                    || f.rule.id() == "structure.edition")
                    && matches!(f.severity, Severity::Error | Severity::Warning)
            })
            .map(|f| {
                let l = f.location;
                (
                    f.rule.id().to_owned(),
                    f.severity.key().to_owned(),
                    l.table,
                    l.row.unwrap_or_default(),
                    l.column.unwrap_or_default(),
                )
            })
            .collect();
        if want_f != have_f {
            problems.push(format!(
                "{file}: findings: expected {want_f:?}, found {have_f:?}"
            ));
        }
        table.push_str(&format!("{file:28} {right:4} / {total:4}\n"));
    }
    println!("cells right / cells expected\n{table}");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
