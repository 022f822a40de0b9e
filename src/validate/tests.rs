//! One test (at least) per rule, each citing the clause of FORMAT.md it implements.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use time::macros::date;

use super::*;
use crate::builder::ReportBuilder;
use crate::cell::Cell;
use crate::finding::Rule;

fn good(edition: Edition, year: u16) -> Report {
    ReportBuilder::new("某县某局", year, edition)
        .applications(ApplicationRow::Received, [3, 1, 0, 0, 0, 2])
        .applications(ApplicationRow::CarriedOver, [1, 0, 0, 0, 0, 0])
        .applications(ApplicationRow::Granted, [2, 1, 0, 0, 0, 0])
        .applications(ApplicationRow::UnavailableNotHeld, [1, 0, 0, 0, 0, 1])
        .appeals(AppealRow::Review, [1, 0, 0, 1])
        .build()
        .unwrap()
}

fn of(findings: &[Finding], rule: Rule) -> Vec<&Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

fn set(r: &mut Report, row: ApplicationRow, col: ApplicantColumn, n: u64) {
    r.applications.set(row, col, Cell::value(n));
}

use crate::catalogue::ApplicationRow;

#[test]
fn a_built_report_has_no_findings_in_either_edition() {
    for (e, y) in [(Edition::E2019, 2020), (Edition::E2021, 2024)] {
        let f = validate(&good(e, y));
        assert!(f.is_empty(), "{e}: {f:#?}");
    }
}

// FORMAT.md, applications.balance: "per column: 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理".
#[test]
fn balance_per_column() {
    let mut r = good(Edition::E2021, 2024);
    set(
        &mut r,
        ApplicationRow::CarriedForward,
        ApplicantColumn::Research,
        2,
    );
    let f = validate(&r);
    let b = of(&f, Rule::ApplicationsBalance);
    assert_eq!(b.len(), 1);
    assert_eq!(
        b[0].location,
        Location::column(TableKey::Applications, "research")
    );
    assert_eq!(
        (b[0].expected.as_deref(), b[0].actual.as_deref()),
        (Some("0"), Some("2"))
    );
    assert_eq!(b[0].severity, Severity::Error);
    assert_eq!(b[0].operands.len(), 4);
    assert!(
        b[0].message.starts_with("法人或其他组织·科研机构列："),
        "{}",
        b[0].message
    );
}

// FORMAT.md, applications.row-total: "总计 = 自然人 + … + 其他"; "a blank 总计 is not an error".
#[test]
fn row_total_and_blank_total_is_not_assessable() {
    let mut r = good(Edition::E2019, 2020);
    set(&mut r, ApplicationRow::Granted, ApplicantColumn::Total, 4);
    r.applications.set(
        ApplicationRow::Received,
        ApplicantColumn::Total,
        Cell::blank(),
    );
    let f = validate(&r);
    let rt = of(&f, Rule::ApplicationsRowTotal);
    assert_eq!(rt.len(), 2);
    let wrong = rt.iter().find(|f| f.assessable).unwrap();
    assert_eq!(
        wrong.location,
        Location::cell(Address::Applications(
            ApplicationRow::Granted,
            ApplicantColumn::Total
        ))
    );
    assert_eq!(wrong.expected.as_deref(), Some("3"));
    let blank = rt.iter().find(|f| !f.assessable).unwrap();
    assert_eq!(blank.severity, Severity::Info);
    assert!(blank.message.contains("无法核对"), "{}", blank.message);
    assert!(blank.expected.is_none());
}

// FORMAT.md, applications.outcome-total: "（七）总计 = （一）+（二）+ Σ（三）+ Σ（四）+ Σ（五）+（六）
// (2021: Σ（六）)".
#[test]
fn outcome_total_includes_every_outcome_row_of_the_edition() {
    let mut r = good(Edition::E2021, 2024);
    set(
        &mut r,
        ApplicationRow::OtherUnpaidFee,
        ApplicantColumn::NaturalPerson,
        1,
    );
    let f = validate(&r);
    let o = of(&f, Rule::ApplicationsOutcomeTotal);
    assert_eq!(o.len(), 1, "{f:#?}");
    assert_eq!(o[0].location.column.as_deref(), Some("natural_person"));
    assert_eq!(
        (o[0].expected.as_deref(), o[0].actual.as_deref()),
        (Some("4"), Some("3"))
    );
}

// FORMAT.md, structure.edition and CELLS.md `other`: a 2021 table with a single （六） row is kept
// as it is; its row counts in the outcome total instead of the three blank sub-rows.
#[test]
fn single_other_row_in_a_2021_report_counts_and_is_a_mixed_edition() {
    let mut r = good(Edition::E2021, 2024);
    for &c in ApplicantColumn::ALL {
        for row in [
            ApplicationRow::OtherOverdueCorrection,
            ApplicationRow::OtherUnpaidFee,
            ApplicationRow::OtherOther,
        ] {
            r.applications.set(row, c, Cell::blank());
        }
        r.applications
            .set(ApplicationRow::Other, c, Cell::value(0u64));
    }
    let f = validate(&r);
    assert!(of(&f, Rule::ApplicationsOutcomeTotal).is_empty(), "{f:#?}");
    assert!(
        of(&f, Rule::CellBlank).is_empty(),
        "replaced rows are not blank cells: {f:#?}"
    );
    let e = of(&f, Rule::StructureEdition);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].location, Location::report("edition"));
    assert!(e[0].message.contains("混用"));
}

// FORMAT.md, appeals.total: "per block: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结".
#[test]
fn appeals_total_per_block() {
    let mut r = good(Edition::E2019, 2019);
    r.appeals.set(
        AppealRow::LitigationDirect,
        AppealColumn::Corrected,
        Cell::value(2u64),
    );
    let f = validate(&r);
    let a = of(&f, Rule::AppealsTotal);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].location.row.as_deref(), Some("litigation_direct"));
    assert!(
        a[0].message.starts_with("行政诉讼·未经复议直接起诉 / 总计"),
        "{}",
        a[0].message
    );
}

// FORMAT.md, cell.invalid: "a cell that is not a number of its type (negative count, text, a
// unit in a count cell)".
#[test]
fn invalid_cells() {
    let mut r = good(Edition::E2019, 2020);
    r.applications.set(
        ApplicationRow::Received,
        ApplicantColumn::Research,
        Cell::from_text("-1", CellType::Count),
    );
    r.proactive.set(
        crate::ProactiveRow::Fees,
        crate::ProactiveColumn::Change,
        Cell::from_text("-4", CellType::Change),
    );
    r.proactive.set(
        crate::ProactiveRow::Procurement,
        crate::ProactiveColumn::Amount,
        Cell::from_text("12万元", CellType::Amount),
    );
    let f = validate(&r);
    let inv = of(&f, Rule::CellInvalid);
    assert_eq!(inv.len(), 2, "a negative change is valid: {inv:#?}");
    assert!(
        inv.iter()
            .any(|f| f.message == "主动公开 政府集中采购 / 采购总金额：应为金额，实为「12万元」")
    );
    // The row total that uses the invalid cell is not assessable, not computed with 0.
    let rt = of(&f, Rule::ApplicationsRowTotal);
    assert!(rt.iter().all(|f| !f.assessable));
}

// FORMAT.md, cell.blank: "a cell the layout has but the report leaves blank or unreadable";
// structure.missing: "a section, table, row or column of the edition that the report lacks".
#[test]
fn blank_cells_missing_rows_and_missing_tables() {
    let mut r = good(Edition::E2021, 2024);
    r.applications.set(
        ApplicationRow::Granted,
        ApplicantColumn::Other,
        Cell::from_text("/", CellType::Count),
    );
    for &c in ApplicantColumn::ALL {
        r.applications
            .remove(ApplicationRow::WithheldStateSecret, c);
    }
    r.appeals = Default::default();
    let f = validate(&r);
    let blank = of(&f, Rule::CellBlank);
    assert_eq!(blank.len(), 1);
    assert!(
        blank[0].message.ends_with("写作「/」而非数字"),
        "{}",
        blank[0].message
    );
    let missing = of(&f, Rule::StructureMissing);
    assert_eq!(missing.len(), 2, "{missing:#?}");
    assert!(
        missing
            .iter()
            .any(|f| f.location == Location::row(TableKey::Applications, "withheld.state_secret"))
    );
    assert!(
        missing
            .iter()
            .any(|f| f.location == Location::table("appeals"))
    );
}

// FORMAT.md, structure.edition: "report year ≤ 2020 with 2021 edition, or ≥ 2021 with 2019
// edition".
#[test]
fn edition_against_year() {
    assert!(
        of(
            &validate(&good(Edition::E2019, 2020)),
            Rule::StructureEdition
        )
        .is_empty()
    );
    let f = validate(&good(Edition::E2019, 2022));
    let e = of(&f, Rule::StructureEdition);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].expected.as_deref(), Some("2021"));
    assert!(e[0].message.contains("国办公开办函〔2021〕30号"));
    assert_eq!(
        of(
            &validate(&good(Edition::E2021, 2020)),
            Rule::StructureEdition
        )
        .len(),
        1
    );
}

// FORMAT.md, Art. 49 and deadline.late: departments by 31 January, a government's own report by
// 31 March.
#[test]
fn deadlines_by_kind_of_issuer() {
    let mut r = good(Edition::E2021, 2024);
    r.kind = Some(IssuerKind::Department);
    r.published = Some(date!(2025 - 01 - 31));
    assert!(of(&validate(&r), Rule::DeadlineLate).is_empty());
    r.published = Some(date!(2025 - 02 - 01));
    let f = validate(&r);
    let d = of(&f, Rule::DeadlineLate);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].expected.as_deref(), Some("2025-01-31"));
    r.kind = Some(IssuerKind::Government);
    assert!(of(&validate(&r), Rule::DeadlineLate).is_empty());
    // Unknown kind between the two deadlines: not assessable.
    r.kind = None;
    let f = validate(&r);
    let d = of(&f, Rule::DeadlineLate);
    assert_eq!(
        (d.len(), d[0].severity, d[0].assessable),
        (1, Severity::Info, false)
    );
    // A name ending in 人民政府 is a government.
    r.issuer = "某县人民政府".into();
    assert!(of(&validate(&r), Rule::DeadlineLate).is_empty());
    r.published = Some(date!(2025 - 04 - 01));
    assert_eq!(of(&validate(&r), Rule::DeadlineLate).len(), 1);
}

#[test]
fn every_finding_has_a_fingerprint_that_depends_on_the_report() {
    let mut r = good(Edition::E2021, 2024);
    set(&mut r, ApplicationRow::Granted, ApplicantColumn::Total, 9);
    let a = validate(&r);
    assert!(a.iter().all(|f| f.fingerprint.len() == 16));
    r.year = 2023;
    let b = validate(&r);
    let fa = &of(&a, Rule::ApplicationsRowTotal)[0].fingerprint;
    let fb = &of(&b, Rule::ApplicationsRowTotal)[0].fingerprint;
    assert_ne!(fa, fb);
}

#[test]
fn counts_at_their_maximum_do_not_overflow() {
    let mut r = good(Edition::E2021, 2024);
    for &c in ApplicantColumn::PARTS {
        set(&mut r, ApplicationRow::Received, c, u64::MAX);
    }
    let f = validate(&r);
    let rt = of(&f, Rule::ApplicationsRowTotal);
    let received = rt
        .iter()
        .find(|f| f.location.row.as_deref() == Some("received"))
        .unwrap();
    assert_eq!(received.expected.as_deref(), Some("110680464442257309690"));
}
