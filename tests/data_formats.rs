//! The data formats on the real corpus: cells CSV and JSON round trips.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use zfxxgk::{cells, json};

// CELLS.md: "A writer emits every cell of the report's edition in the order of the format,
// after the report rows." Reading then writing an expected file gives the same bytes.
#[test]
fn cells_csv_round_trips_byte_for_byte_on_every_expected_file() {
    let files = common::expected_cells();
    assert!(
        files.len() >= 14,
        "corpus copy is incomplete: {}",
        files.len()
    );
    for (name, path) in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let reading = cells::read(&text).unwrap();
        assert!(
            reading.findings.is_empty(),
            "{name}: {:?}",
            reading.findings
        );
        assert_eq!(cells::to_string(&reading.report).unwrap(), text, "{name}");
    }
}

#[test]
fn json_round_trips_on_every_expected_file() {
    for (name, path) in common::expected_cells() {
        let text = std::fs::read_to_string(&path).unwrap();
        let report = cells::read(&text).unwrap().report;
        let first = json::to_string(&report).unwrap();
        let back = json::read(&first).unwrap();
        assert!(back.findings.is_empty(), "{name}");
        // model → JSON → model
        assert_eq!(back.report, report, "{name}");
        // JSON → model → JSON
        assert_eq!(json::to_string(&back.report).unwrap(), first, "{name}");
        // and to CSV again
        assert_eq!(cells::to_string(&back.report).unwrap(), text, "{name}");
    }
}

#[test]
fn json_keeps_marks_invalid_text_origins_and_unplaced_values() {
    let csv = "table,row,column,value\nreport,issuer,,某局\nreport,year,,2022\nreport,edition,,2021\n\
               report,published,,2023-01-15\nreport,kind,,department\nreport,overview,,\"总体，情况\"\n\
               applications,received,natural_person,/\napplications,received,commercial,12件\n\
               proactive,fees,amount,7730.28\nproactive,bogus,x,5\n";
    let reading = cells::read(csv).unwrap();
    let report = &reading.report;
    let text = json::to_string(report).unwrap();
    assert!(text.contains("\"7730.28\""), "amounts are strings: {text}");
    assert!(text.contains("\"published\": \"2023-01-15\""));
    let back = json::read(&text).unwrap();
    assert_eq!(&back.report, report);
    assert_eq!(report.unplaced.len(), 1);
    assert_eq!(report.unplaced[0].raw, "5");
}

#[test]
fn the_sample_json_in_the_readme_reads() {
    let text = r#"{"issuer":"某局","year":2024,"edition":"2021",
        "applications":{"received":{"natural_person":1,"total":1}},
        "appeals":{"review":{"upheld":0,"total":0}}}"#;
    let r = json::read(text).unwrap().report;
    assert_eq!(r.year, 2024);
    assert_eq!(
        r.applications.number(
            zfxxgk::ApplicationRow::Received,
            zfxxgk::ApplicantColumn::Total
        ),
        Some(zfxxgk::Number::Count(1))
    );
}

#[test]
fn bad_json_names_line_and_column() {
    let err = json::read("{\n  \"issuer\": \"x\",\n  \"year\": \"twenty\"\n}").unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("line 3, column"), "{msg}");
    let err = json::read(r#"{"issuer":"x","year":2024,"edition":"2020"}"#).unwrap_err();
    assert!(
        err.to_string()
            .contains("expected edition \"2019\" or \"2021\""),
        "{err}"
    );
}

// CELLS.md: "`value` keeps that text exactly as written, so nothing the report said is lost,
// and a reader reads it back as the same mark or unreadable cell."
#[test]
fn cells_csv_keeps_marks_and_unreadable_text_as_written() {
    use zfxxgk::{Address, AppealColumn, AppealRow, ApplicantColumn, ApplicationRow, Cell, Entry};
    let csv = "table,row,column,value\nreport,issuer,,某局\nreport,year,,2022\nreport,edition,,2021\n\
               applications,received,natural_person,/\napplications,received,commercial,12件\n\
               applications,received,research,—\napplications,received,legal_service,无\n\
               applications,received,other,\"1,2 \"\"三\"\"\n四\"\n\
               appeals,review,upheld,-\nappeals,review,corrected,0\n";
    let report = cells::read(csv).unwrap().report;
    let a = |c| Address::Applications(ApplicationRow::Received, c);
    let entry = |addr| report.cell(addr).map(|c: &Cell| c.entry.clone());
    assert_eq!(
        entry(a(ApplicantColumn::NaturalPerson)),
        Some(Entry::Marked("/".into()))
    );
    assert_eq!(
        entry(a(ApplicantColumn::Commercial)),
        Some(Entry::Invalid("12件".into()))
    );
    assert_eq!(
        entry(a(ApplicantColumn::Research)),
        Some(Entry::Marked("—".into()))
    );
    assert_eq!(
        entry(a(ApplicantColumn::LegalService)),
        Some(Entry::Marked("无".into()))
    );
    assert_eq!(
        entry(a(ApplicantColumn::Other)),
        Some(Entry::Invalid("1,2 \"三\"\n四".into()))
    );
    let review = |c| Address::Appeals(AppealRow::Review, c);
    assert_eq!(
        entry(review(AppealColumn::Upheld)),
        Some(Entry::Marked("-".into()))
    );
    let written = cells::to_string(&report).unwrap();
    assert!(
        written.contains("applications,received,natural_person,/\n"),
        "{written}"
    );
    assert!(written.contains("applications,received,commercial,12件\n"));
    assert!(written.contains("applications,received,other,\"1,2 \"\"三\"\"\n四\"\n"));
    assert!(written.contains("appeals,review,upheld,-\n"));
    assert!(written.contains("appeals,review,corrected,0\n"));
    // A cell never given is written blank, and blank stays blank.
    assert!(written.contains("appeals,review,total,\n"));
    let back = cells::read(&written).unwrap().report;
    for address in report.addresses() {
        let state =
            |r: &zfxxgk::Report| r.cell(address).map(|c| c.entry.clone()).unwrap_or_default();
        assert_eq!(state(&back), state(&report), "{address}");
    }
    assert_eq!(cells::to_string(&back).unwrap(), written);
}
