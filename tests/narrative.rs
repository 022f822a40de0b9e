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
use zfxxgk::{
    AppealRow, ApplicationRow, Edition, ProactiveColumn, ProactiveRow, ReportBuilder, Rule,
    Severity,
};

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

// FORMAT.md, rules table: `narrative.table` — "a figure in prose contradicts the tables
// (… states N applications while the table says M)". The figures of the other cells: 现行有效,
// decisions, 行政复议 / 行政诉讼 and their results, 上年结转, 结转下年度 and the outcomes.

/// A 2021 report with the figures of 005_pingtan-2023 (its table says 现行有效 470).
fn pingtan_2023(prose: &str) -> zfxxgk::Report {
    ReportBuilder::new("平潭综合实验区管委会办公室", 2023, Edition::E2021)
        .proactive(
            ProactiveRow::NormativeDocuments,
            ProactiveColumn::Issued,
            77u64,
        )
        .proactive(
            ProactiveRow::NormativeDocuments,
            ProactiveColumn::Repealed,
            132u64,
        )
        .proactive(
            ProactiveRow::NormativeDocuments,
            ProactiveColumn::InForce,
            470u64,
        )
        .proactive(ProactiveRow::Penalties, ProactiveColumn::Decisions, 1330u64)
        .applications(ApplicationRow::Received, [80, 1, 0, 0, 0, 0])
        .applications(ApplicationRow::Granted, [22, 0, 0, 0, 0, 0])
        .applications(ApplicationRow::PartiallyGranted, [19, 1, 0, 0, 0, 0])
        .applications(ApplicationRow::WithheldStateSecret, [1, 0, 0, 0, 0, 0])
        .applications(
            ApplicationRow::WithheldSecurityStability,
            [1, 0, 0, 0, 0, 0],
        )
        .applications(ApplicationRow::WithheldThirdPartyRights, [1, 0, 0, 0, 0, 0])
        .applications(
            ApplicationRow::WithheldProcessInformation,
            [2, 0, 0, 0, 0, 0],
        )
        .applications(ApplicationRow::UnavailableNotHeld, [31, 0, 0, 0, 0, 0])
        .applications(ApplicationRow::NotProcessedDuplicate, [1, 0, 0, 0, 0, 0])
        .applications(ApplicationRow::OtherOverdueCorrection, [1, 0, 0, 0, 0, 0])
        .applications(ApplicationRow::OtherOther, [1, 0, 0, 0, 0, 0])
        .appeals(AppealRow::Review, [1, 1, 0, 0])
        .appeals(AppealRow::LitigationDirect, [4, 0, 0, 1])
        .appeals(AppealRow::LitigationAfterReview, [1, 0, 1, 0])
        .overview(prose)
        .build()
        .unwrap()
}

fn table_findings(report: &zfxxgk::Report) -> Vec<zfxxgk::Finding> {
    narrative::check(report)
        .into_iter()
        .filter(|f| f.rule == Rule::NarrativeTable)
        .collect()
}

#[test]
fn documents_in_force_are_compared_with_the_table() {
    // 005_pingtan-2023: the prose says 393, the table 470; 制发 77 agrees and is not compared.
    let text = "按照省政府办公厅相关工作要求设立规范性文件库，清理并集中发布现行有效行政规范性文件393件，动态更新本年度制发的规范性文件77件。";
    let report = pingtan_2023(text);
    let found = table_findings(&report);
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(
        f.message,
        "一、总体情况第 1 行：正文所述现行有效行政规范性文件件数应与表格 行政规范性文件 / 现行有效件数 一致（470 件），实为 393 件（「清理并集中发布现行有效行政规范性文件393件」）"
    );
    assert_eq!(
        (f.expected.as_deref(), f.actual.as_deref()),
        (Some("470"), Some("393"))
    );
    assert_eq!(f.operands.len(), 2);
    assert_eq!(
        f.operands[0].location.row.as_deref(),
        Some("normative_documents")
    );
    assert_eq!(f.operands[0].location.column.as_deref(), Some("in_force"));
    assert_eq!(&text[f.operands[1].location.bytes.clone().unwrap()], "393");

    // The right figure, the 2019 edition (no 现行有效件数), a figure of last year: nothing.
    assert!(
        table_findings(&pingtan_2023(
            "截至年底，现行有效的行政规范性文件共 470 件。"
        ))
        .is_empty()
    );
    let old = ReportBuilder::new("某县某局", 2019, Edition::E2019)
        .overview("现行有效规范性文件393件。")
        .build()
        .unwrap();
    assert!(table_findings(&old).is_empty());
    for text in [
        "上年现行有效行政规范性文件393件。",
        "现行有效行政规范性文件较上年增加393件。",
        "2022年现行有效行政规范性文件393件。",
        "现行有效行政规范性文件400余件。",
        "现行有效行政规范性文件约393件。",
    ] {
        assert!(table_findings(&pingtan_2023(text)).is_empty(), "{text}");
    }
}

#[test]
fn the_outcomes_and_appeals_of_pingtan_2023_agree() {
    // 005_pingtan-2023, every figure consistent: 42 = 22 + 20; 5 = （三）'s rows; 其他处理 2 =
    // （六）1 + 3; 复议 2; 诉讼 7 = 5 + 2.
    let text = "办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，占38.27%；不予处理1件，占1.23%；其他处理2件，占2.47%；因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。";
    assert!(table_findings(&pingtan_2023(text)).is_empty());

    // One figure wrong in each: each is found, with the cells it was compared with.
    let text = "办结依申请公开81件，其中：予以公开及部分公开40件；不予公开6件；无法提供31件；不予处理1件；其他处理3件；因政府信息公开引起的行政复议案件2件、行政诉讼案件5件。";
    let found = table_findings(&pingtan_2023(text));
    let got: Vec<(&str, &str, usize)> = found
        .iter()
        .map(|f| {
            (
                f.expected.as_deref().unwrap(),
                f.actual.as_deref().unwrap(),
                f.operands.len(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [("42", "40", 3), ("5", "6", 9), ("2", "3", 4), ("7", "5", 3)],
        "{found:#?}"
    );
    assert_eq!(
        found[1].message,
        "一、总体情况第 1 行：正文所述不予公开件数应与表格 （三）不予公开 各行 / 总计 之和 一致（5 件），实为 6 件（「不予公开6件」）"
    );
    assert_eq!(
        found[3].message,
        "一、总体情况第 1 行：正文所述行政诉讼件数应与表格 行政诉讼·未经复议直接起诉 / 总计 + 行政诉讼·复议后起诉 / 总计 之和 一致（7 件），实为 5 件（「因政府信息公开引起的行政复议案件2件、行政诉讼案件5件」）"
    );
}

#[test]
fn appeal_results_belong_to_their_block() {
    // 008_huaian-city-2024: 复议 351 = 72 + 64 + 178 + 37; 诉讼 46 = 26 + 20 with its results
    // summed over both litigation blocks — all agree.
    let huaian = |text: &str| {
        ReportBuilder::new("淮安市人民政府", 2024, Edition::E2021)
            .applications(ApplicationRow::Received, [3001, 53, 0, 0, 61, 4])
            .applications(ApplicationRow::CarriedOver, [34, 0, 0, 0, 0, 0])
            .appeals(AppealRow::Review, [72, 64, 178, 37])
            .appeals(AppealRow::LitigationDirect, [13, 4, 8, 1])
            .appeals(AppealRow::LitigationAfterReview, [12, 1, 1, 6])
            .overview(text)
            .build()
            .unwrap()
    };
    let text = "政府信息公开行政复议 351\n件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚\n未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25\n件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件。";
    assert!(table_findings(&huaian(text)).is_empty());
    // 结果纠正 of 诉讼 stated 4 (table 4 + 1 = 5): found under 诉讼, not 复议.
    let found = table_findings(&huaian(&text.replace("结果纠正 5 件", "结果纠正 4 件")));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        (found[0].expected.as_deref(), found[0].actual.as_deref()),
        (Some("5"), Some("4"))
    );
    assert!(found[0].message.contains("正文所述行政诉讼结果纠正件数"));
    assert_eq!(
        found[0].operands[0].location.row.as_deref(),
        Some("litigation_direct")
    );
    assert_eq!(
        found[0].operands[0].location.column.as_deref(),
        Some("corrected")
    );

    // 上年结转: the subject's own 上年 is no other time.
    assert!(table_findings(&huaian("答复 3050 件（含上年度结转申请 34 件）。")).is_empty());
    let found = table_findings(&huaian("答复 3050 件（含上年度结转申请 43 件）。"));
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].operands[0].location.row.as_deref(),
        Some("carried_over")
    );
}

#[test]
fn carried_forward_before_or_after_its_figure() {
    // 003_pingtan-2021 and 007_pingtan-2025: 1 and 6 carried forward.
    let report = |carried: u64, year: u16, text: &str| {
        ReportBuilder::new("平潭综合实验区", year, Edition::E2021)
            .applications(ApplicationRow::Received, [carried + 3, 0, 0, 0, 0, 0])
            .applications(ApplicationRow::Granted, [3, 0, 0, 0, 0, 0])
            .applications(ApplicationRow::CarriedForward, [carried, 0, 0, 0, 0, 0])
            .overview(text)
            .build()
            .unwrap()
    };
    assert!(table_findings(&report(1, 2021, "办结3件，1件结转下年度继续办理。")).is_empty());
    assert!(table_findings(&report(6, 2025, "共办结3件，结转至2026年6件。")).is_empty());
    let found = table_findings(&report(1, 2021, "办结3件，2件结转下年度继续办理。"));
    assert_eq!(
        (found[0].expected.as_deref(), found[0].actual.as_deref()),
        (Some("1"), Some("2"))
    );
    let found = table_findings(&report(6, 2025, "共办结3件，结转至2026年5件。"));
    assert_eq!(found.len(), 1);
    // A carry into another year than the next is not this report's figure.
    assert!(table_findings(&report(6, 2025, "共办结3件，结转至2027年5件。")).is_empty());
}

#[test]
fn decisions_only_where_the_clause_counts_decisions() {
    let text = "全年作出行政处罚决定1200件。";
    let found = table_findings(&pingtan_2023(text));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        (found[0].expected.as_deref(), found[0].actual.as_deref()),
        (Some("1330"), Some("1200"))
    );
    assert_eq!(
        found[0].operands[0].location.column.as_deref(),
        Some("decisions")
    );
    for text in [
        "公示行政处罚信息1200件。",
        "受理行政许可申请30件。",
        "行政处罚类信息1200条。",
        "梳理行政处罚事项1200件。",
    ] {
        assert!(table_findings(&pingtan_2023(text)).is_empty(), "{text}");
    }
}

#[test]
fn figures_not_tied_to_one_subject_of_this_year_are_left_alone() {
    for text in [
        // Another time.
        "上年行政复议5件。",
        "去年行政诉讼3件。",
        "行政复议较上年减少1件。",
        "行政复议同比增长3件。",
        "2022年行政复议5件。",
        "自2019年以来累计行政复议9件。",
        // Qualified.
        "行政复议10余件。",
        "行政诉讼约9件。",
        "行政复议近5件。",
        // Two subjects, one figure.
        "行政复议和行政诉讼9件。",
        "行政复议、行政诉讼共9件。",
        // A figure that is not the subject's: it comes before it or after another word.
        "有9件涉及政府信息公开工作的行政复议。",
        "行政复议决定书送达9件。",
        // A percentage.
        "行政复议占5%。",
        // Outcomes outside a sentence about applications, or narrowed.
        "本年度依法予以公开政府文件 12 件。",
        "收到申请81件，涉及国家秘密的不予公开5件。",
        "收到申请81件，因本机关不掌握等原因无法提供9件。",
        "收到申请81件，不予以公开9件。",
    ] {
        let found = table_findings(&pingtan_2023(text));
        assert!(found.is_empty(), "{text}: {found:#?}");
    }
    // A different subject in the same sentence keeps its own figure: only 诉讼 is wrong.
    let found = table_findings(&pingtan_2023("行政复议案件2件、行政诉讼案件8件。"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].actual.as_deref(), Some("8"));
}

#[test]
fn a_blank_cell_makes_a_figure_not_assessable() {
    let mut report = pingtan_2023("因政府信息公开引起的行政复议案件2件。");
    report.set(
        zfxxgk::Address::Appeals(AppealRow::Review, zfxxgk::AppealColumn::Total),
        zfxxgk::Cell::blank(),
    );
    let found = table_findings(&report);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Info);
    assert!(!found[0].assessable);
    assert_eq!(
        found[0].message,
        "一、总体情况第 1 行：无法核对，表格 行政复议 / 总计 有空单元格（「因政府信息公开引起的行政复议案件2件」）"
    );
}

proptest::proptest! {
    // The prose checks never panic, whatever the text.
    #[test]
    fn never_panics(text in "[共计合其中条件篇、，；。（）()0-9二十百千万两零余等 \n]{0,80}") {
        let _ = narrative::check_text(&text, None);
        let _ = zfxxgk::analysis::series::similarity(&text, "共计公开信息 24 条");
    }
}
