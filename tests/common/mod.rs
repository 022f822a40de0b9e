//! Helpers shared by the integration tests.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::path::{Path, PathBuf};

/// The folder of the copied corpus.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus")
}

/// Every expected cells CSV, as (stem, path), sorted.
pub fn expected_cells() -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(corpus().join("expected"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".cells.csv"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (name.trim_end_matches(".cells.csv").to_owned(), p)
        })
        .collect();
    out.sort();
    out
}

/// The rules that the expected findings files cover: the table arithmetic and the edition.
pub const EXPECTED_RULES: &[&str] = &[
    "applications.balance",
    "applications.row-total",
    "applications.outcome-total",
    "appeals.total",
    "structure.edition",
];

/// (rule, severity, table, row, column) of a finding as JSON, for comparing as sets.
pub fn key_of(f: &serde_json::Value) -> (String, String, String, String, String) {
    let s = |v: &serde_json::Value| v.as_str().unwrap_or("").to_owned();
    let loc = &f["location"];
    (
        s(&f["rule"]),
        s(&f["severity"]),
        s(&loc["table"]),
        s(&loc["row"]),
        s(&loc["column"]),
    )
}
