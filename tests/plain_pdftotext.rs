//! The 淮安 2024 PDF extracted with plain `pdftotext` (no `-layout`): section 四's values come
//! in blocks out of the row's order. Read in the order written, the three totals fail (应为 351，
//! 实为 12); the reader must see that another order of the same blocks makes them hold, take it
//! and say so (`read.ambiguous`), never report the report's totals as wrong.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test harness: failing loudly is the point"
)]

use zfxxgk::{Address, AppealColumn, AppealRow, Cell, cells, text};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");

#[test]
fn plain_pdftotext_gives_no_false_appeals_error() {
    let raw =
        std::fs::read_to_string(format!("{DATA}/pdftotext/huaian-city-2024-plain.txt")).unwrap();
    let reading = text::read(&raw).unwrap();
    let findings = reading.check();
    assert!(
        !findings.iter().any(|f| f.rule.id() == "appeals.total"),
        "{:?}",
        findings
            .iter()
            .filter(|f| f.rule.id() == "appeals.total")
            .collect::<Vec<_>>()
    );
    let ambiguous: Vec<_> = findings
        .iter()
        .filter(|f| f.rule.id() == "read.ambiguous" && f.location.table == "appeals")
        .collect();
    assert_eq!(ambiguous.len(), 1);
    assert!(
        ambiguous[0].message.contains("72 64 178 37 12"),
        "{}",
        ambiguous[0].message
    );
    assert!(
        ambiguous[0].message.contains("72 64 178 37 351"),
        "{}",
        ambiguous[0].message
    );
    // Section 四 now reads exactly as the expected cells of the same report (008).
    let expected = cells::read(
        &std::fs::read_to_string(format!(
            "{DATA}/corpus/expected/008_huaian-city-2024-pypdf.cells.csv"
        ))
        .unwrap(),
    )
    .unwrap()
    .report;
    for &row in AppealRow::ALL {
        for &column in AppealColumn::ALL {
            let a = Address::Appeals(row, column);
            assert_eq!(
                reading.report.cell(a).map(Cell::csv_text),
                expected.cell(a).map(Cell::csv_text),
                "{a}"
            );
        }
    }
}

/// A row written on one line keeps its order even when its totals fail: that is the report's
/// own error (洪泽 2023's section 四, 0 where the parts are 11 and 5), not a reading problem.
#[test]
fn a_row_on_one_line_keeps_its_failed_totals() {
    let raw = std::fs::read_to_string(format!(
        "{DATA}/corpus/raw/010_hongze-district-2023-pypdf.txt"
    ))
    .unwrap();
    let findings = text::read(&raw).unwrap().check();
    let errors = findings
        .iter()
        .filter(|f| f.rule.id() == "appeals.total" && f.severity == zfxxgk::Severity::Error)
        .count();
    assert_eq!(errors, 2);
    assert!(
        !findings
            .iter()
            .any(|f| f.rule.id() == "read.ambiguous" && f.location.table == "appeals")
    );
}
