//! Each rule of FORMAT.md on a real report of the corpus: where the corpus breaks the rule, the
//! finding it must yield; where it does not, the real report altered in one cell.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use zfxxgk::{
    Address, AppealColumn, AppealRow, ApplicantColumn, ApplicationRow, Cell, CellType, Report,
    Rule, Severity, cells, validate,
};

fn load(stem: &str) -> Report {
    let path = common::corpus().join(format!("expected/{stem}.cells.csv"));
    cells::read(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .report
}

fn assessed(report: &Report, rule: Rule) -> Vec<zfxxgk::Finding> {
    validate(report)
        .into_iter()
        .filter(|f| f.rule == rule && f.assessable)
        .collect()
}

const HUAIAN: &str = "008_huaian-city-2024-pypdf";

// 洪泽区 2023 (corpus README): "section 四 totals are 0 where their parts are 11 and 5".
#[test]
fn appeals_total_on_hongze_2023() {
    let f = assessed(&load("010_hongze-district-2023-pypdf"), Rule::AppealsTotal);
    let got: Vec<_> = f
        .iter()
        .map(|f| {
            (
                f.location.row.clone().unwrap(),
                f.expected.clone().unwrap(),
                f.actual.clone().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("review".into(), "11".into(), "0".into()),
            ("litigation_after_review".into(), "5".into(), "0".into())
        ]
    );
}

// 洪泽区 2024 keeps a single （六）其他处理 row in a 2021 table.
#[test]
fn structure_edition_on_hongze_2024() {
    let f = assessed(
        &load("011_hongze-district-2024-pypdf"),
        Rule::StructureEdition,
    );
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Warning);
}

#[test]
fn the_clean_real_report_is_clean() {
    let f: Vec<_> = validate(&load(HUAIAN))
        .into_iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn balance_on_huaian_with_carried_forward_altered() {
    let mut r = load(HUAIAN);
    let a = Address::Applications(
        ApplicationRow::CarriedForward,
        ApplicantColumn::NaturalPerson,
    );
    let n = r
        .cell(a)
        .and_then(Cell::number)
        .and_then(|n| n.as_count())
        .unwrap();
    r.set(a, Cell::value(n + 1));
    let f = assessed(&r, Rule::ApplicationsBalance);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].location.column.as_deref(), Some("natural_person"));
    // and the row total of 结转 breaks with it
    assert_eq!(assessed(&r, Rule::ApplicationsRowTotal).len(), 1);
}

#[test]
fn outcome_total_on_huaian_with_one_outcome_altered() {
    let mut r = load(HUAIAN);
    let a = Address::Applications(
        ApplicationRow::NotProcessedDuplicate,
        ApplicantColumn::Commercial,
    );
    let n = r
        .cell(a)
        .and_then(Cell::number)
        .and_then(|n| n.as_count())
        .unwrap();
    r.set(a, Cell::value(n + 2));
    let f = assessed(&r, Rule::ApplicationsOutcomeTotal);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].location.column.as_deref(), Some("commercial"));
}

#[test]
fn cell_invalid_and_blank_on_huaian() {
    let mut r = load(HUAIAN);
    r.set(
        Address::Appeals(AppealRow::Review, AppealColumn::Upheld),
        Cell::from_text("72件", CellType::Count),
    );
    r.set(
        Address::Appeals(AppealRow::Review, AppealColumn::Pending),
        Cell::blank(),
    );
    let f = validate(&r);
    assert!(
        f.iter()
            .any(|f| f.rule == Rule::CellInvalid && f.actual.as_deref() == Some("72件"))
    );
    assert!(
        f.iter()
            .any(|f| f.rule == Rule::CellBlank && f.location.column.as_deref() == Some("pending"))
    );
    // appeals.total of the block cannot be assessed now
    assert!(
        f.iter()
            .any(|f| f.rule == Rule::AppealsTotal && !f.assessable && f.severity == Severity::Info)
    );
}

// The seed: section 三 cut off after two outcome rows; every later row blank.
#[test]
fn the_seed_is_not_assessable_where_its_table_is_cut_off() {
    let f = validate(&load("000_499bb3d63922cf9c"));
    assert!(f.iter().all(|f| f.severity != Severity::Error), "{f:#?}");
    let balance: Vec<_> = f
        .iter()
        .filter(|f| f.rule == Rule::ApplicationsBalance)
        .collect();
    assert_eq!(balance.len(), 7);
    assert!(balance.iter().all(|f| !f.assessable));
    assert!(
        f.iter().any(|f| f.rule == Rule::CellBlank
            && f.location.row.as_deref() == Some("withheld.state_secret"))
    );
}

#[test]
fn deadline_on_pingtan_2019_published_2020_01_20() {
    let mut r = load("001_pingtan-2019");
    r.published = Some(time::macros::date!(2020 - 01 - 20));
    // 平潭综合实验区（管委会）: a 管委会 reports as a government, by 31 March.
    assert!(assessed(&r, Rule::DeadlineLate).is_empty());
    r.kind = Some(zfxxgk::IssuerKind::Department);
    r.published = Some(time::macros::date!(2020 - 02 - 03));
    assert_eq!(assessed(&r, Rule::DeadlineLate).len(), 1);
}
