//! Every check linear in its input, proved by counting work rather than timing it: for N and
//! 4N repetitions of an adversarial shape the step count of the check may grow at most
//! 4 × (1 + ε). A quadratic scan grows 16×, a cubic one 64×.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests fail loudly on purpose"
)]

use zfxxgk::Report;
use zfxxgk::analysis::narrative;
use zfxxgk::cells;

/// The growth allowed for 4× the input: 4 × (1 + ε). The binary searches by position add a
/// logarithmic factor, far below this.
const MAX_GROWTH: f64 = 4.0 * 1.1;

/// A report to compare prose with: 淮安 2024 as the corpus records it.
fn report() -> Report {
    let csv = std::fs::read_to_string(format!(
        "{}/tests/data/corpus/expected/008_huaian-city-2024-pypdf.cells.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    cells::read(&csv).unwrap().report
}

fn work(text: &str, report: &Report) -> u64 {
    narrative::check_text_counting(text, Some(report)).1
}

/// Asserts that the work for `shape(4n)` is at most `MAX_GROWTH` times the work for
/// `shape(n)`.
fn assert_linear(name: &str, shape: impl Fn(usize) -> String) {
    let report = report();
    let n = 250;
    let small = work(&shape(n), &report);
    let large = work(&shape(4 * n), &report);
    assert!(small > 0, "{name}: no work counted");
    let growth = large as f64 / small as f64;
    eprintln!("RATIO {name}: {growth:.3}");
    assert!(
        growth <= MAX_GROWTH,
        "{name}: 4× the input took {growth:.2}× the work ({small} → {large})"
    );
}

fn repeat(piece: &str, n: usize) -> String {
    piece.repeat(n)
}

#[test]
fn figures_in_one_clause() {
    // The shape of issue 15: one sentence, one clause, a figure per repetition.
    assert_linear("行政复议结果维持12件", |n| {
        format!("{}。", repeat("行政复议结果维持12件", n))
    });
    assert_linear("行政复议 … 件 with a number between", |n| {
        format!("{}。", repeat("行政复议的共计为1次", n))
    });
}

#[test]
fn subjects_far_from_their_number() {
    // Every subject's gap reaches the one number at the end.
    assert_linear("行政复议 × n then 12件", |n| {
        format!("{}12件。", repeat("行政复议", n))
    });
    assert_linear("filler × n", |n| {
        format!("行政复议{}12件。", repeat("的", n))
    });
    assert_linear("white space × n", |n| {
        format!("行政复议{}12件。", " ".repeat(n))
    });
    assert_linear("结转下年度 after a count", |n| {
        format!("办理1件{}。", repeat("结转下年度", n))
    });
}

#[test]
fn outcomes_and_other_times_in_one_clause() {
    assert_linear("予以公开 × n", |n| {
        format!("申请{}。", repeat("予以公开2件", n))
    });
    assert_linear("上年 before every subject", |n| {
        format!("{}。", repeat("上年行政诉讼3件2023年", n))
    });
    assert_linear("narrowed outcomes", |n| {
        format!("申请的{}。", repeat("其中不予公开1件", n))
    });
}

#[test]
fn stated_totals_and_parts() {
    assert_linear("其中 × n after one total", |n| {
        format!("共计公开信息24条，{}。", repeat("其中网站12条、", n))
    });
    assert_linear("a total before every 其中", |n| {
        format!("共{}。", repeat("1条其中1条", n))
    });
    assert_linear("a long list of parts", |n| {
        format!("共计公开信息24条，其中{}其他1条。", repeat("网站、", n))
    });
    assert_linear("parts with numbers", |n| {
        format!("共计公开信息24条，其中{}其他1条。", repeat("网站1条、", n))
    });
}

#[test]
fn many_short_sentences_and_clauses() {
    assert_linear("sentences", |n| {
        repeat("本年新收政府信息公开申请12件。\n", n)
    });
    assert_linear("clauses", |n| format!("{}。", repeat("收到申请5件，", n)));
    assert_linear("blank lines", |n| repeat("未收到政府信息公开申请\n\n", n));
}

#[test]
fn long_runs_of_digits() {
    assert_linear("Arabic digits", |n| {
        format!("行政复议{}件。", "1".repeat(n))
    });
    assert_linear("Chinese numerals", |n| {
        format!("行政复议{}件。", "二".repeat(n))
    });
    assert_linear("digits and units", |n| format!("{}。", repeat("1件", n)));
}

#[test]
fn the_report_check_counts_every_section() {
    let mut r = report();
    let shape = |n: usize| format!("{}。", repeat("行政复议结果维持12件", n));
    r.prose.overview = Some(shape(250));
    let small = narrative::check_counting(&r).1;
    r.prose.overview = Some(shape(1000));
    let large = narrative::check_counting(&r).1;
    assert!(small > 0);
    assert!((large as f64) / (small as f64) <= MAX_GROWTH);
}

#[test]
fn a_figure_per_repetition_is_still_found() {
    // Linear, and the findings are those of the slow version: one per repetition whose
    // figure differs from the table (行政复议 / 结果维持 is not 12 in 淮安 2024).
    let r = report();
    let text = format!("{}。", repeat("行政复议结果维持12件", 50));
    let found = narrative::check_text(&text, Some(&r));
    assert_eq!(found.len(), 50);
    // The quoted clause is cut, so the messages do not grow with the sentence.
    assert!(found.iter().all(|f| f.message.chars().count() < 500));
    assert!(found[0].message.contains('…'));
}
