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

// -------------------------------------------------------------------------------------------
// The text reader (`text::read`, with Markdown, pdftotext-layout text and the placement
// search): the same proof, by `text::read_counting`.
// -------------------------------------------------------------------------------------------

const TITLE: &str = "某县某局2024年政府信息公开工作年度报告\n一、总体情况\n概述。\n";
const S2: &str = "二、主动公开政府信息情况\n第二十条 第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n";
const S3: &str = "三、收到和处理政府信息公开申请情况\n申请人情况 自然人\n";
const S4: &str = "四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n";

fn read_work(text: &str) -> u64 {
    zfxxgk::text::read_counting(text).1
}

/// Asserts that reading `shape(4n)` takes at most `MAX_GROWTH` times the work of `shape(n)`,
/// times the growth of the text beyond 4× where a shape grows faster than `n`.
fn assert_read_linear(name: &str, n: usize, shape: impl Fn(usize) -> String) {
    let (small_text, large_text) = (shape(n), shape(4 * n));
    let size = large_text.len() as f64 / small_text.len() as f64;
    assert!(size >= 3.0, "{name}: the shape does not grow");
    let small = read_work(&small_text);
    let large = read_work(&large_text);
    assert!(small > 0, "{name}: no work counted");
    let growth = large as f64 / small as f64;
    let allowed = MAX_GROWTH * (size / 4.0).max(1.0);
    eprintln!("RATIO read {name}: {growth:.3} for {size:.2}× the text ({small} → {large})");
    assert!(
        growth <= allowed,
        "{name}: {size:.2}× the input took {growth:.2}× the work ({small} → {large})"
    );
}

#[test]
fn read_counting_reads_as_read() {
    for text in [
        format!("{TITLE}{S3}（一）予以公开 1 2 3 4 5 6 21\n"),
        format!("{TITLE}{S4}1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n"),
        "no report here".to_owned(),
    ] {
        let (counted, work) = zfxxgk::text::read_counting(&text);
        assert_eq!(
            format!("{counted:?}"),
            format!("{:?}", zfxxgk::text::read(&text))
        );
        assert!(
            work >= text.len() as u64,
            "every byte is read at least once"
        );
    }
}

#[test]
fn read_table_like_lines() {
    assert_read_linear("section 三 rows", 250, |n| {
        format!(
            "{TITLE}{S3}{}",
            repeat("（一）予以公开 1 2 3 4 5 6 21\n", n)
        )
    });
    assert_read_linear("section 二 rows", 250, |n| {
        format!("{TITLE}{S2}{}", repeat("规章 1 0 11\n", n))
    });
    assert_read_linear("a whole table repeated", 100, |n| {
        format!(
            "{TITLE}{S3}{}",
            repeat(
                "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119\n二、上年结转政府信息公开申请数量 34 0 0 0 0 0 34\n（一）予以公开 1288 21 0 0 50 3 1362\n1.属于国家秘密 2 0 0 0 0 0 2\n",
                n
            )
        )
    });
    assert_read_linear("rows with tabs", 250, |n| {
        format!(
            "{TITLE}{S3}{}",
            repeat("（一）予以公开\t1\t\t3\t4\t5\t6\t21\n", n)
        )
    });
    assert_read_linear("prose lines with figures between rows", 250, |n| {
        format!(
            "{TITLE}{S3}{}",
            repeat(
                "（一）予以公开 1 2 3 4 5 6 21\n本年共收到申请12件，办结10件。\n",
                n
            )
        )
    });
    assert_read_linear("labels of both editions", 250, |n| {
        format!(
            "{TITLE}{S2}{}",
            repeat("规章 1 0 11\n本年新公开数量 1\n", n)
        )
    });
}

#[test]
fn read_many_sections_and_headings() {
    assert_read_linear("all table headings repeated", 100, |n| {
        format!("{TITLE}{}", repeat(&format!("{S2}{S3}{S4}"), n))
    });
    assert_read_linear("section 四 headings", 250, |n| {
        format!(
            "{TITLE}{}",
            repeat("四、政府信息公开行政复议、行政诉讼情况\n行政复议\n", n)
        )
    });
    assert_read_linear("short sections", 250, |n| {
        format!(
            "{TITLE}{}",
            repeat("（一）主要问题\n问题。\n五、存在的主要问题及改进情况\n", n)
        )
    });
    assert_read_linear("headings named in prose", 250, |n| {
        format!(
            "{TITLE}{}",
            repeat(
                "本报告说明主动公开政府信息情况和收到和处理政府信息公开申请情况。",
                n
            )
        )
    });
    assert_read_linear("title lines", 250, |n| {
        repeat("某县某局2024年政府信息公开工作年度报告\n", n)
    });
}

#[test]
fn read_one_endless_line() {
    assert_read_linear("labels", 250, |n| {
        format!("{TITLE}{S3}{}\n", repeat("予以公开", n))
    });
    assert_read_linear("labels and numbers", 250, |n| {
        format!("{TITLE}{S4}{}\n", repeat("行政复议 1 ", n))
    });
    assert_read_linear("no line breaks at all", 250, |n| {
        format!(
            "某县某局2024年政府信息公开工作年度报告{}",
            repeat("三、收到和处理 ", n)
        )
    });
}

#[test]
fn read_long_runs_of_digits() {
    // One number of 100,000 digits at 4N.
    assert_read_linear("one long number in a row", 2_500, |n| {
        format!("{TITLE}{S3}（一）予以公开 {}\n", "1".repeat(10 * n))
    });
    assert_read_linear("one long number alone", 2_500, |n| {
        format!("{TITLE}{S4}{}\n", "1".repeat(10 * n))
    });
    assert_read_linear("many numbers on one line", 250, |n| {
        format!("{TITLE}{S3}（一）予以公开 {}\n", repeat("12 ", n))
    });
    assert_read_linear("many columns of numbers, tab-separated", 250, |n| {
        format!("{TITLE}{S3}（一）予以公开\t{}\n", repeat("12\t", n))
    });
    assert_read_linear("one value per line", 250, |n| {
        format!("{TITLE}{S3}{}", repeat("1\n", n))
    });
    assert_read_linear("labels and values one per line", 250, |n| {
        format!("{TITLE}{S3}{}", repeat("（一）予以公开\n1\n2\n", n))
    });
}

#[test]
fn read_run_together_rows() {
    // Crawled pages: digits of a row's cells run together, split by the placement search.
    assert_read_linear("section 三 runs", 100, |n| {
        format!("{TITLE}{S3}{}", repeat("（一）予以公开270020130\n", n))
    });
    assert_read_linear("section 四 runs", 100, |n| {
        format!("{TITLE}{S4}{}", repeat("10203120001200000\n", n))
    });
    assert_read_linear("section 二 runs of 60 digits on one line", 50, |n| {
        format!(
            "{TITLE}{S2}{}\n",
            repeat(&format!("规章{}", "1".repeat(60)), n)
        )
    });
    assert_read_linear("section 二 runs of 22 digits on one line", 100, |n| {
        format!(
            "{TITLE}{S2}{}\n",
            repeat(&format!("规章{}", "1".repeat(22)), n)
        )
    });
    assert_read_linear("section 三 rows run together on one line", 100, |n| {
        format!(
            "{TITLE}{S3}{}\n",
            repeat("（一）予以公开1288210050313621.属于国家秘密2000002", n)
        )
    });
}

#[test]
fn read_markdown_tables() {
    assert_read_linear("many pipes on one line", 250, |n| {
        format!("{TITLE}{S3}| {} |\n", repeat("1 | ", n))
    });
    assert_read_linear("many rows", 250, |n| {
        format!(
            "{TITLE}{S3}| 信息 | 自然人 |\n|---|---|\n{}",
            repeat("| （一）予以公开 | 1 | 2 | 3 | 4 | 5 | 6 | 21 |\n", n)
        )
    });
    assert_read_linear("rows with a blank cell", 250, |n| {
        format!(
            "{TITLE}{S2}| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n{}",
            repeat("| 规章 | 1 |  | 11 |\n", n)
        )
    });
}

#[test]
fn read_layout_text() {
    assert_read_linear("wide white space", 2_500, |n| {
        format!(
            "{TITLE}{S3}（一）予以公开{}1          2   3\n",
            " ".repeat(10 * n)
        )
    });
    assert_read_linear("rows with wrapped labels", 250, |n| {
        format!(
            "{TITLE}{S3}{}",
            repeat(
                "  （一）予以公开         1       2      3     4     5     6     21\n                 形，不计其他情形）\n",
                n
            )
        )
    });
    // Blank cells placed by column position: every header with its own rows, rows placed
    // against a full row of the same page, and one header of many columns.
    assert_read_linear("a header per row", 250, |n| {
        format!("{TITLE}{S3}{}", repeat("自然人 法人或其他组织\n1 2\n", n))
    });
    assert_read_linear(
        "short rows against the full rows of a later page",
        250,
        |n| {
            format!(
                "{TITLE}{S3}  自然人      商业企业      总计\n-1-\n{}",
                repeat("  （一）予以公开   1   2    3\n  （二）部分公开  4\n", n)
            )
        },
    );
    assert_read_linear("a header of many columns", 250, |n| {
        format!(
            "{TITLE}{S3}{}\n（一）予以公开 {}\n",
            repeat("自然人 ", n),
            repeat("1 ", n - 1)
        )
    });
    // The text grows as n², and so may the work: no more.
    assert_read_linear("many header lines side by side", 100, |n| {
        let mut text = format!("{TITLE}{S3}");
        for i in 0..n {
            text.push_str(&" ".repeat(8 * i));
            text.push_str("自然人\n");
        }
        text.push_str("（一）予以公开 1\n");
        text
    });
}

#[test]
fn read_traditional_characters() {
    assert_read_linear("traditional labels", 250, |n| {
        format!(
            "{TITLE}{S3}{}",
            repeat("（一）予以公開 1 2 3 4 5 6 21\n", n)
        )
    });
}

#[test]
fn the_placement_search_is_bounded_by_its_budget() {
    // Rows of section 三 whose digit runs have too many readings: each search stops at
    // SEARCH_BUDGET states (one step each) and the row is left unplaced, as before. The budget
    // is what limits the work: the five searches take five budgets, no more.
    let ones = "1".repeat(40);
    let text = format!(
        "{TITLE}{S3}（一）予以公开{ones}（二）部分公开{ones}1.属于国家秘密{ones}2.其他法律行政法规禁止公开{ones}3.危及“三安全一稳定”{ones}\n"
    );
    let (reading, work) = zfxxgk::text::read_counting(&text);
    let reading = reading.unwrap();
    let over: Vec<_> = reading
        .findings
        .iter()
        .filter(|f| f.message.contains("数字串过长或读法过多"))
        .collect();
    assert_eq!(over.len(), 5, "each of the five rows is over the budget");
    let budget = zfxxgk::place::assemble::SEARCH_BUDGET as u64;
    let (_, rest) = zfxxgk::text::read_counting(&text.replace(&ones, "1"));
    assert!(
        work >= 5 * budget && work <= 5 * budget + 5 * 5_000 + rest,
        "five searches of {budget} steps and the rest of the reading ({rest}): {work}"
    );
    // The same rows repeated: a row of section 三 is searched once (later ones repeat it), so
    // the work grows with the text, not by a budget per repetition.
    let repeated = |n: usize| {
        format!(
            "{TITLE}{S3}{}",
            repeat(&format!("{}\n", text.lines().last().unwrap()), n)
        )
    };
    let small = read_work(&repeated(5));
    let large = read_work(&repeated(20));
    assert!(
        (large as f64) / (small as f64) <= MAX_GROWTH,
        "{small} → {large}"
    );
}
