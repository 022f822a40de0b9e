//! The prose rules of FORMAT.md (rules table: `narrative.sum` — "prose states a total and its
//! parts that do not add up (共计公开信息24条，其中…12条、…14条)"; `narrative.table` — "a figure in
//! prose contradicts the tables (says no applications were received while 本年新收 > 0; states N
//! applications while the table says M)").
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

use zfxxgk::analysis::narrative::{self, parse_chinese_numeral};
use zfxxgk::{ApplicationRow, Edition, ReportBuilder, Rule, Severity};

fn seed() -> String {
    let path = format!(
        "{}/tests/data/corpus/raw/000_499bb3d63922cf9c.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).expect(&path)
}

#[test]
fn the_seed_states_24_but_lists_12_and_14() {
    let text = seed();
    let findings = narrative::check_text(&text, None);
    // The seed's other sums hold: 17 项 = 4 + 13 (no 共 before it, not even looked at) and
    // 共解读政策性文件2篇，其中图解2篇.
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!(f.rule, Rule::NarrativeSum);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.location.table, "prose");
    assert_eq!(f.location.bytes, Some(1825..2002));
    assert_eq!(f.location.line, Some(15));
    assert_eq!(
        (f.expected.as_deref(), f.actual.as_deref()),
        (Some("24"), Some("26"))
    );
    assert_eq!(
        f.message,
        "第 15 行：所列分项之和应等于所述总数 24 条，实为 12 + 14 = 26 条（「共计公开信息 24 条，其中政府网站公开信息 12 条、微信公众号 14 条」）"
    );
    // The total and the parts, each with its byte range.
    assert_eq!(f.operands.len(), 3);
    assert_eq!(&text[f.operands[0].location.bytes.clone().unwrap()], "24");
    assert_eq!(&text[f.operands[2].location.bytes.clone().unwrap()], "14");
    // The clause of the notes lies inside the sentence.
    assert!(text[1909..1999].starts_with("共计公开信息 24 条"));
}

#[test]
fn sums_that_hold_are_not_flagged() {
    for text in [
        "2020年我局共解读政策性文件2篇，其中图解2篇。",
        "共计公开信息 24 条，其中政府网站公开信息 12 条、微信公众号 12 条。",
        "今年共发布380条财政资金信息，其中专项资金152条，预决算公开197条（政府预决算32条、部门预决算公开165条）、“三公”经费27条、债券发行4条。",
        // Fewer parts than the whole, without a catch-all: highlights, not an enumeration.
        "全年共公开信息 100 条，其中政策文件 10 条、政策解读 5 条。",
    ] {
        assert!(narrative::check_text(text, None).is_empty(), "{text}");
    }
}

#[test]
fn chinese_numerals_are_read() {
    assert_eq!(parse_chinese_numeral("二十四"), Some(24));
    assert_eq!(parse_chinese_numeral("两千六百零二"), Some(2602));
    assert_eq!(parse_chinese_numeral("十二"), Some(12));
    assert_eq!(parse_chinese_numeral("二〇二三"), Some(2023));
    assert_eq!(parse_chinese_numeral("一亿二千万"), Some(120_000_000));
    assert_eq!(parse_chinese_numeral("二三"), Some(23));
    assert_eq!(parse_chinese_numeral("十二条"), None);
    assert_eq!(parse_chinese_numeral(""), None);
    assert_eq!(parse_chinese_numeral("九千九百九十九万亿亿亿"), None);
    let findings =
        narrative::check_text("共计公开信息二十四条，其中网站十二条、微信十四条。", None);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].actual.as_deref(), Some("26"));
    assert!(
        narrative::check_text("共计公开信息二十四条，其中网站十二条、微信12条。", None).is_empty()
    );
}

#[test]
fn qualified_or_unclear_lists_are_not_flagged() {
    for text in [
        "共公开信息 24 条，其中政府网站 12 条、微信公众号 14 余条。",
        "共公开信息 24 条，其中政府网站、微信公众号等 26 条。",
        "共公开信息 24 条，其中政府网站 12 条、微信公众号 14 篇。",
        "共公开信息 24 条，其中网站和微信分别 12 条、14 条。",
        "共公开信息 24 条，其中政府网站 12 条（其中图解 30 条）、微信 14 条。",
        // The 共 of 公共 is no total.
        "公开公共企事业单位信息126条,其中部门工作78条,人大建议提案35条,政务动态类信息41条。",
    ] {
        assert!(narrative::check_text(text, None).is_empty(), "{text}");
    }
}

#[test]
fn a_catch_all_part_makes_a_shortfall_a_breach() {
    let f = narrative::check_text(
        "全年共公开信息 100 条，其中政策文件 10 条、政策解读 5 条、其他信息 80 条。",
        None,
    );
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].actual.as_deref(), Some("95"));
}

#[test]
fn prose_is_compared_with_applications_received() {
    let report = ReportBuilder::new("某县某局", 2024, Edition::E2021)
        .applications(ApplicationRow::Received, [3, 0, 0, 0, 0, 0])
        .applications(ApplicationRow::Granted, [3, 0, 0, 0, 0, 0])
        .overview(
            "本年度，我局未收到依申请公开政府信息。全年共收到政府信息公开申请 5 件，均按时答复。",
        )
        .build()
        .unwrap();
    let findings = narrative::check(&report);
    assert_eq!(findings.len(), 2, "{findings:#?}");
    assert!(findings.iter().all(|f| f.rule == Rule::NarrativeTable
        && f.location.row.as_deref() == Some("overview")
        && !f.fingerprint.is_empty()));
    assert_eq!(
        findings[0].message,
        "一、总体情况第 1 行：正文称未收到政府信息公开申请，应与表格 一、本年新收政府信息公开申请数量 / 总计（3）一致，实为「我局未收到依申请公开政府信息」"
    );
    assert_eq!(
        (
            findings[1].expected.as_deref(),
            findings[1].actual.as_deref()
        ),
        (Some("3"), Some("5"))
    );

    // Right figures, and figures of other counts, say nothing.
    let report = ReportBuilder::new("某县某局", 2024, Edition::E2021)
        .applications(ApplicationRow::Received, [3, 0, 0, 0, 0, 0])
        .applications(ApplicationRow::Granted, [3, 0, 0, 0, 0, 0])
        .overview("全年共收到政府信息公开申请 3 件，办结申请 3 件；未收到因政府信息公开申请引起的行政复议。")
        .build()
        .unwrap();
    assert!(narrative::check(&report).is_empty());
}

proptest::proptest! {
    // The prose checks never panic, whatever the text.
    #[test]
    fn never_panics(text in "[共计合其中条件篇、，；。（）()0-9二十百千万两零余等 \n]{0,80}") {
        let _ = narrative::check_text(&text, None);
        let _ = zfxxgk::analysis::series::similarity(&text, "共计公开信息 24 条");
    }
}
