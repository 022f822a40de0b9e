//! Arithmetic at the edges: counts at `u64::MAX`, changes at `i64::MIN`/`MAX`, amounts at
//! `Decimal::MAX`, sums of many large reports, series arithmetic and numbers in prose. Each
//! gives findings or an error, never a wrapped value or a panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests fail loudly"
)]

use rust_decimal::Decimal;
use zfxxgk::analysis::{narrative, series, sum};
use zfxxgk::{
    Address, AppealColumn, AppealRow, ApplicantColumn, ApplicationRow, BuildError, Cell, Edition,
    Error, Number, ProactiveColumn, ProactiveRow, Report, ReportBuilder, Rule, cells, render,
    validate,
};

const RECEIVED: Address = Address::Applications(ApplicationRow::Received, ApplicantColumn::Total);

/// Every cell of the 2021 layout at its type's largest value.
fn all_max(issuer: &str, year: u16, edition: Edition) -> Report {
    let mut r = ReportBuilder::new(issuer, year, edition).build().unwrap();
    for address in r.addresses() {
        let n = match address.cell_type() {
            zfxxgk::CellType::Count => Number::Count(u64::MAX),
            zfxxgk::CellType::Change => Number::Change(i64::MAX),
            _ => Number::Amount(Decimal::MAX),
        };
        r.set(address, Cell::value(n));
    }
    r
}

#[test]
fn validate_at_the_largest_counts_reports_exact_sums() {
    let r = all_max("某县某局", 2024, Edition::E2021);
    let findings = validate(&r);
    let row_total = findings
        .iter()
        .find(|f| {
            f.rule == Rule::ApplicationsRowTotal
                && f.location.row.as_deref() == Some(ApplicationRow::Received.key())
        })
        .unwrap();
    // Six parts of u64::MAX: the exact sum, not a wrapped or saturated one.
    let six = (u128::from(u64::MAX) * 6).to_string();
    assert_eq!(row_total.expected.as_deref(), Some(six.as_str()));
    assert_eq!(row_total.actual, Some(u64::MAX.to_string()));
    // Everything else renders and round-trips.
    let _ = render::text::to_string(&r);
    let _ = render::html::to_string(&r);
    let _ = render::markdown::to_string(&r);
    let csv = cells::to_string(&r).unwrap();
    assert!(!cells::read(&csv).unwrap().check().is_empty());
}

#[test]
fn the_builder_refuses_sums_past_u64() {
    let err = ReportBuilder::new("某县某局", 2024, Edition::E2021)
        .applications(ApplicationRow::Received, [u64::MAX, 1, 0, 0, 0, 0])
        .build()
        .unwrap_err();
    assert!(matches!(err, BuildError::Overflow { .. }), "{err}");
    let err = ReportBuilder::new("某县某局", 2024, Edition::E2021)
        .appeals(AppealRow::Review, [u64::MAX, u64::MAX, 0, 0])
        .build()
        .unwrap_err();
    assert!(matches!(err, BuildError::Overflow { .. }), "{err}");
}

#[test]
fn sums_of_many_large_reports_stop_at_the_overflow() {
    let share = u64::MAX / 1000;
    let mut units = Vec::new();
    for i in 0..1000 {
        let mut r = ReportBuilder::new(format!("单位{i}"), 2024, Edition::E2021)
            .build()
            .unwrap();
        r.set(RECEIVED, Cell::value(share));
        units.push(r);
    }
    let refs: Vec<&Report> = units.iter().collect();
    let summed = sum::sum(&refs).unwrap();
    assert_eq!(
        summed.report.cell(RECEIVED).and_then(Cell::number),
        Some(Number::Count(share * 1000))
    );
    // One more unit and the sum no longer fits a count: an error naming that unit.
    let mut last = ReportBuilder::new("最后一个单位", 2024, Edition::E2021)
        .build()
        .unwrap();
    last.set(RECEIVED, Cell::value(share));
    let mut refs = refs;
    refs.push(&last);
    let err = sum::sum(&refs).unwrap_err();
    assert_eq!(
        err.to_string(),
        "applications/received/total: the sum overflows (after adding 最后一个单位)"
    );
    let err: Error = err.into();
    assert!(matches!(err, Error::Sum(_)));
}

#[test]
fn sums_of_changes_and_amounts_overflow_into_errors() {
    let a = all_max("甲", 2024, Edition::E2021);
    let b = all_max("乙", 2024, Edition::E2021);
    assert!(matches!(
        sum::sum(&[&a, &b]).unwrap_err(),
        sum::SumError::Overflow { .. }
    ));
    // 2019: 本年增/减 is a change; i64::MIN + (−1) does not fit.
    let change = Address::Proactive(ProactiveRow::Licensing, ProactiveColumn::Change);
    let mut c = ReportBuilder::new("丙", 2019, Edition::E2019)
        .build()
        .unwrap();
    c.set(change, Cell::value(Number::Change(i64::MIN)));
    let mut d = c.clone();
    d.set(change, Cell::value(Number::Change(-1)));
    assert!(matches!(
        sum::sum(&[&c, &d]).unwrap_err(),
        sum::SumError::Overflow { address, .. } if address == change
    ));
    // The comparison of a sum with a total at the extremes says so, without arithmetic.
    let findings = sum::compare(&c, &d);
    assert!(findings.iter().any(|f| f.rule == Rule::AggregateMismatch));
}

#[test]
fn series_arithmetic_at_the_extremes_gives_findings() {
    // 2021: 现行有效件数 = last year's + 制发 − 废止, at u64::MAX on every side.
    let a = all_max("某县某局", 2022, Edition::E2021);
    let mut b = all_max("某县某局", 2023, Edition::E2021);
    let in_force = Address::Proactive(ProactiveRow::Regulations, ProactiveColumn::InForce);
    b.set(in_force, Cell::value(0u64));
    let findings = series::check(&[("2022", &a), ("2023", &b)]);
    let f = findings
        .iter()
        .map(|s| &s.finding)
        .find(|f| {
            f.rule == Rule::SeriesInForce
                && f.location.row.as_deref() == Some(ProactiveRow::Regulations.key())
        })
        .unwrap();
    // u64::MAX + u64::MAX − u64::MAX, computed exactly.
    assert_eq!(f.expected, Some(u64::MAX.to_string()));
    assert_eq!(f.actual.as_deref(), Some("0"));

    // 2019: 上一年项目数量 = last year's + 本年增/减, with the change at i64::MIN.
    let mut c = all_max("某县某局", 2019, Edition::E2019);
    let change = Address::Proactive(ProactiveRow::Licensing, ProactiveColumn::Change);
    c.set(change, Cell::value(Number::Change(i64::MIN)));
    let d = all_max("某县某局", 2020, Edition::E2019);
    let findings = series::check(&[("2019", &c), ("2020", &d)]);
    assert!(
        findings
            .iter()
            .any(|s| s.finding.rule == Rule::SeriesItemCount)
    );
    // Carry-over between u64::MAX and 0.
    let mut e = all_max("某县某局", 2024, Edition::E2021);
    e.set(
        Address::Applications(ApplicationRow::CarriedOver, ApplicantColumn::Total),
        Cell::value(0u64),
    );
    let findings = series::check(&[("2023", &b), ("2024", &e)]);
    assert!(
        findings
            .iter()
            .any(|s| s.finding.rule == Rule::SeriesCarryOver)
    );
}

#[test]
fn numbers_in_prose_past_u64_are_not_wrapped() {
    let text = format!(
        "共收到申请{}件，其中自然人{}件、法人九千九百九十九亿亿亿件，已办结一万亿亿亿亿亿件。",
        "9".repeat(40),
        u64::MAX
    );
    let mut r = all_max("某县某局", 2024, Edition::E2021);
    r.prose.overview = Some(text.clone());
    let _ = narrative::check(&r);
    let _ = narrative::check_text(&text, Some(&r));
    assert_eq!(narrative::parse_chinese_numeral("一万亿亿亿亿亿"), None);
    assert_eq!(
        narrative::parse_chinese_numeral("一千八百四十四京"),
        None,
        "京 is no numeral of the format"
    );
}

#[test]
fn appeals_total_at_the_largest_counts() {
    let mut r = ReportBuilder::new("某县某局", 2024, Edition::E2021)
        .build()
        .unwrap();
    for c in [
        AppealColumn::Upheld,
        AppealColumn::Corrected,
        AppealColumn::Other,
        AppealColumn::Pending,
    ] {
        r.set(
            Address::Appeals(AppealRow::Review, c),
            Cell::value(u64::MAX),
        );
    }
    r.set(
        Address::Appeals(AppealRow::Review, AppealColumn::Total),
        Cell::value(u64::MAX),
    );
    let f = validate(&r)
        .into_iter()
        .find(|f| f.rule == Rule::AppealsTotal)
        .unwrap();
    assert_eq!(f.expected, Some((u128::from(u64::MAX) * 4).to_string()));
}

#[test]
fn numbers_past_their_type_are_invalid_cells() {
    let csv = format!(
        "table,row,column,value\nreport,issuer,,某县某局\nreport,year,,2024\nreport,edition,,2021\n\
         applications,received,natural_person,{}\n\
         applications,received,commercial,18446744073709551616\n",
        "9".repeat(1000)
    );
    let reading = cells::read(&csv).unwrap();
    let invalid = validate(&reading.report)
        .into_iter()
        .filter(|f| f.rule == Rule::CellInvalid)
        .count();
    assert_eq!(invalid, 2);
    // The text is kept as written in the model and in JSON (the cells CSV writes numbers only).
    #[cfg(feature = "serde")]
    assert!(
        zfxxgk::json::to_string(&reading.report)
            .unwrap()
            .contains(&"9".repeat(1000))
    );
}
