//! Every message of validation, pinned as text (insta snapshots): the findings of each corpus
//! report, and of a generated report that breaks every single-report rule once.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use zfxxgk::{
    AppealColumn, AppealRow, ApplicantColumn, ApplicationRow, Cell, CellType, Edition, IssuerKind,
    ProactiveColumn, ProactiveRow, ReportBuilder, cells, validate,
};

fn render(findings: &[zfxxgk::Finding]) -> String {
    findings
        .iter()
        .map(|f| format!("{} {} {} | {}\n", f.severity, f.rule, f.location, f.message))
        .collect()
}

#[test]
fn messages_on_the_corpus() {
    for (name, path) in common::expected_cells() {
        let reading = cells::read(&std::fs::read_to_string(path).unwrap()).unwrap();
        insta::assert_snapshot!(format!("corpus-{name}"), render(&reading.check()));
    }
}

#[test]
fn a_message_for_every_rule() {
    let mut r = ReportBuilder::new("某县某局", 2021, Edition::E2019)
        .kind(IssuerKind::Department)
        .published(time::macros::date!(2022 - 02 - 10))
        .applications(ApplicationRow::Received, [3, 1, 0, 0, 0, 0])
        .applications(ApplicationRow::Granted, [3, 1, 0, 0, 0, 0])
        .build()
        .unwrap();
    let a = &mut r.applications;
    a.set(
        ApplicationRow::Received,
        ApplicantColumn::Total,
        Cell::value(5u64),
    );
    a.set(
        ApplicationRow::Total,
        ApplicantColumn::Commercial,
        Cell::value(2u64),
    );
    a.set(
        ApplicationRow::CarriedForward,
        ApplicantColumn::NaturalPerson,
        Cell::value(1u64),
    );
    a.set(
        ApplicationRow::PartiallyGranted,
        ApplicantColumn::Research,
        Cell::from_text("/", CellType::Count),
    );
    a.set(
        ApplicationRow::PartiallyGranted,
        ApplicantColumn::Other,
        Cell::from_text("1件", CellType::Count),
    );
    a.set(
        ApplicationRow::OtherOther,
        ApplicantColumn::Other,
        Cell::value(0u64),
    );
    for &c in ApplicantColumn::ALL {
        a.remove(ApplicationRow::NotProcessedDuplicate, c);
    }
    r.appeals
        .set(AppealRow::Review, AppealColumn::Upheld, Cell::value(4u64));
    r.proactive.set(
        ProactiveRow::Procurement,
        ProactiveColumn::Amount,
        Cell::from_text("3.5万", CellType::Amount),
    );
    insta::assert_snapshot!(render(&validate(&r)));
}
