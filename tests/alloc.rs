//! Allocations of `validate`, counted by a global allocator: a report whose rules hold costs
//! none, and a report with findings costs in proportion to its findings (their operands and
//! messages are built only for the rules that fail or cannot be assessed). The counter
//! (`allocation-counter`, which installs its counting allocator in this test binary only) is
//! per thread, so the test harness's own threads do not disturb it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use zfxxgk::{
    Address, ApplicantColumn, ApplicationRow, Cell, Finding, Report, Rule, cells, validate,
};

/// `validate(report)` with the number of allocations (reallocations included) it made on this
/// thread, counted by `allocation-counter`'s global allocator.
fn counted(report: &Report) -> (Vec<Finding>, u64) {
    let mut findings = Vec::new();
    let info = allocation_counter::measure(|| findings = validate(report));
    (findings, info.count_total)
}

fn load(stem: &str) -> Report {
    let path = common::corpus().join(format!("expected/{stem}.cells.csv"));
    cells::read(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .report
}

/// The heap buffers a finding holds: its strings, its operands and theirs.
fn buffers(f: &Finding) -> u64 {
    let s = |s: &str| u64::from(!s.is_empty());
    let o = |o: &Option<String>| o.as_deref().map_or(0, s);
    let loc = |l: &zfxxgk::Location| s(&l.table) + o(&l.row) + o(&l.column);
    s(&f.message)
        + s(&f.fingerprint)
        + loc(&f.location)
        + o(&f.expected)
        + o(&f.actual)
        + u64::from(!f.operands.is_empty())
        + f.operands
            .iter()
            .map(|op| loc(&op.location) + o(&op.value))
            .sum::<u64>()
}

/// The corpus reports (as their expected cells) whose rules all hold.
const CLEAN: &[&str] = &[
    "001_pingtan-2019",
    "003_pingtan-2021",
    "005_pingtan-2023",
    "007_pingtan-2025",
    "008_huaian-city-2024-pypdf",
    "009_huaian-city-2024-pdfminer",
    "049_huaian-city-2024-layout",
];

#[test]
fn a_report_whose_rules_hold_allocates_nothing() {
    for stem in CLEAN {
        let report = load(stem);
        let (findings, allocations) = counted(&report);
        assert!(findings.is_empty(), "{stem}: {findings:#?}");
        assert_eq!(allocations, 0, "{stem}");
    }
}

#[test]
fn the_counter_counts() {
    // The allocator is live on this thread: cloning a report allocates.
    let report = load("008_huaian-city-2024-pypdf");
    let mut copy = None;
    let info = allocation_counter::measure(|| copy = Some(report.clone()));
    assert_eq!(copy.as_ref(), Some(&report));
    assert!(info.count_total > 10, "{}", info.count_total);
}

/// 008 with its first `k` proactive cells replaced by text that is not a number: `k`
/// `cell.invalid` findings and nothing else (section 二 has no sums).
fn with_invalid_cells(k: usize) -> Report {
    let mut report = load("008_huaian-city-2024-pypdf");
    let addresses: Vec<Address> = report
        .proactive
        .iter()
        .map(|(r, c, _)| Address::Proactive(r, c))
        .take(k)
        .collect();
    assert_eq!(addresses.len(), k);
    for a in addresses {
        report.set(a, Cell::from_text("若干", a.cell_type()));
    }
    report
}

#[test]
fn findings_cost_in_proportion_to_their_number() {
    let (one, a1) = counted(&with_invalid_cells(1));
    let (many, a8) = counted(&with_invalid_cells(8));
    assert_eq!(one.len(), 1);
    assert_eq!(many.len(), 8);
    assert!(many.iter().all(|f| f.rule == Rule::CellInvalid));
    // Each finding costs a few allocations (its strings; a message longer than its estimate
    // grows once more), the findings vector one per doubling: the 7 findings more cost about 7
    // times the first.
    assert!(a1 > 1);
    let first = a1 - 1;
    assert!(
        (7 * first..=7 * first + first + 4).contains(&(a8 - a1)),
        "1 finding: {a1} allocations, 8 findings: {a8}"
    );
}

#[test]
fn a_failed_sum_costs_its_own_operands_and_message_only() {
    // One wrong 总计 of an outcome row: that row's total and the column's （七）总计 fail.
    let mut report = load("008_huaian-city-2024-pypdf");
    let row = ApplicationRow::Granted;
    let n = report
        .applications
        .number(row, ApplicantColumn::Total)
        .and_then(|n| n.as_count())
        .unwrap();
    report
        .applications
        .set(row, ApplicantColumn::Total, Cell::value(n + 1));
    let (findings, allocations) = counted(&report);
    let rules: Vec<Rule> = findings.iter().map(|f| f.rule).collect();
    assert_eq!(
        rules,
        [Rule::ApplicationsRowTotal, Rule::ApplicationsOutcomeTotal]
    );
    let held: u64 = findings.iter().map(buffers).sum();
    // What the findings hold, plus a few temporaries per finding (the label texts of the
    // message, the year of the fingerprint, a message that outgrows its estimate) and the
    // findings vector.
    assert!(
        allocations >= held && allocations <= held + 8 * findings.len() as u64,
        "{allocations} allocations for findings holding {held} buffers"
    );
}
