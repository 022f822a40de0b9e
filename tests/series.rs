//! The series rules of FORMAT.md (rules table: `series.carry-over`, `series.in-force`,
//! `series.item-count`, `series.copied-prose`) on the real 平潭 series and on built reports.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests fail loudly on purpose"
)]

use zfxxgk::analysis::series::{self, SeriesFinding};
use zfxxgk::{
    Address, ApplicantColumn, ApplicationRow, Cell, Edition, ProactiveColumn, ProactiveRow, Report,
    ReportBuilder, Rule, Severity, cells,
};

fn corpus(name: &str) -> Report {
    let path = format!(
        "{}/tests/data/corpus/expected/{name}.cells.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect(&path);
    cells::read(&text).unwrap().report
}

fn of(findings: &[SeriesFinding], rule: Rule) -> Vec<&SeriesFinding> {
    findings.iter().filter(|f| f.finding.rule == rule).collect()
}

// The 平潭 series has reports on 2019, 2021, 2023 and 2025 only: every link is broken, so
// nothing is compared across the gaps (FORMAT.md, series rules: year N against year N−1); the
// issuer's change of name in 2023 is reported, not a split.
#[test]
fn pingtan_series_has_gaps_and_a_new_name() {
    let names = [
        "007_pingtan-2025",
        "001_pingtan-2019",
        "005_pingtan-2023",
        "003_pingtan-2021",
    ];
    let reports: Vec<Report> = names.iter().map(|n| corpus(n)).collect();
    let input: Vec<(&str, &Report)> = names.iter().copied().zip(reports.iter()).collect();
    let findings = series::check(&input);

    let gaps: Vec<_> = findings
        .iter()
        .filter(|f| f.finding.location.row.as_deref() == Some("year"))
        .collect();
    // 2021 (file 3), 2023 (file 2), 2025 (file 0), in year order.
    assert_eq!(
        gaps.iter().map(|f| f.file).collect::<Vec<_>>(),
        vec![3, 2, 0]
    );
    assert!(gaps.iter().all(|f| !f.finding.assessable
        && f.finding.severity == Severity::Info
        && f.previous.is_none()));
    assert_eq!(
        gaps[0].finding.message,
        "报告年度 2021：缺少 2020 年度报告，序列中断，不跨年核对上年结转等衔接关系"
    );

    let renamed: Vec<_> = findings
        .iter()
        .filter(|f| f.finding.location.row.as_deref() == Some("issuer"))
        .collect();
    assert_eq!(renamed.len(), 1);
    assert_eq!(renamed[0].file, 2);
    assert_eq!(
        renamed[0].finding.message,
        "发布机关：2021 年度为「平潭综合实验区（管委会）」，2023 年度为「平潭综合实验区管委会办公室」；按同一机关的序列核对"
    );

    // No comparison across a gap: no assessable finding at all (the cells CSVs carry no prose).
    assert!(
        findings
            .iter()
            .all(|f| !f.finding.assessable || f.finding.severity == Severity::Info)
    );
    assert_eq!(findings.len(), 4);
}

fn year(
    issuer: &str,
    y: u16,
    edition: Edition,
    carried_over: [u64; 6],
    forward: [u64; 6],
) -> Report {
    // Received = forward, granted = carried over: 本年新收 + 上年结转 = 总计 + 结转.
    ReportBuilder::new(issuer, y, edition)
        .applications(ApplicationRow::Received, forward)
        .applications(ApplicationRow::CarriedOver, carried_over)
        .applications(ApplicationRow::Granted, carried_over)
        .applications(ApplicationRow::CarriedForward, forward)
        .build()
        .unwrap()
}

// FORMAT.md, rules table: `series.carry-over` — 上年结转 (year N) = 结转下年度继续办理 (year N−1),
// per column, same issuer; across the change of edition between 2020 and 2021.
#[test]
fn carry_over_finds_the_one_wrong_column() {
    let y2020 = year("某县某局", 2020, Edition::E2019, [0; 6], [2, 1, 0, 0, 0, 0]);
    let y2021 = year("某县某局", 2021, Edition::E2021, [2, 0, 0, 0, 0, 0], [0; 6]);
    let findings = series::check(&[("2021.csv", &y2021), ("2020.csv", &y2020)]);
    let carry = of(&findings, Rule::SeriesCarryOver);
    // 商业企业 (1 → 0) and 总计 (3 → 2).
    assert_eq!(carry.len(), 2, "{findings:#?}");
    let f = &carry[0];
    assert_eq!((f.file, f.previous), (0, Some(1)));
    assert_eq!(f.finding.severity, Severity::Warning);
    assert_eq!(
        f.finding.location,
        zfxxgk::Location::cell(Address::Applications(
            ApplicationRow::CarriedOver,
            ApplicantColumn::Commercial
        ))
    );
    assert_eq!(
        (f.finding.expected.as_deref(), f.finding.actual.as_deref()),
        (Some("1"), Some("0"))
    );
    assert_eq!(
        f.finding.message,
        "2021 年度 二、上年结转政府信息公开申请数量 / 法人或其他组织·商业企业（应等于 2020 年度 四、结转下年度继续办理）：应为 1，实为 0"
    );
    // Neither in-force nor item-count across editions.
    assert!(of(&findings, Rule::SeriesInForce).is_empty());
    assert!(of(&findings, Rule::SeriesItemCount).is_empty());
    assert!(!f.finding.fingerprint.is_empty());
}

#[test]
fn carry_over_with_a_blank_is_not_assessable() {
    let y2023 = year("某县某局", 2023, Edition::E2021, [0; 6], [1, 0, 0, 0, 0, 0]);
    let mut y2024 = year("某县某局", 2024, Edition::E2021, [1, 0, 0, 0, 0, 0], [0; 6]);
    y2024.set(
        Address::Applications(ApplicationRow::CarriedOver, ApplicantColumn::Research),
        Cell::blank(),
    );
    let findings = series::check(&[("a", &y2023), ("b", &y2024)]);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert!(!findings[0].finding.assessable);
    assert_eq!(findings[0].finding.severity, Severity::Info);
}

// FORMAT.md, rules table: `series.in-force` — 2021: 现行有效件数(N) = 现行有效件数(N−1) +
// 本年制发件数(N) − 本年废止件数(N).
#[test]
fn in_force_carries_over_in_the_2021_edition() {
    let in_force = |y: u16, issued: u64, repealed: u64, total: u64| {
        ReportBuilder::new("某市人民政府", y, Edition::E2021)
            .proactive(
                ProactiveRow::NormativeDocuments,
                ProactiveColumn::Issued,
                issued,
            )
            .proactive(
                ProactiveRow::NormativeDocuments,
                ProactiveColumn::Repealed,
                repealed,
            )
            .proactive(
                ProactiveRow::NormativeDocuments,
                ProactiveColumn::InForce,
                total,
            )
            .build()
            .unwrap()
    };
    let a = in_force(2022, 10, 0, 100);
    let right = in_force(2023, 5, 3, 102);
    let wrong = in_force(2023, 5, 3, 110);
    assert!(series::check(&[("a", &a), ("b", &right)]).is_empty());
    let findings = series::check(&[("a", &a), ("b", &wrong)]);
    let f = of(&findings, Rule::SeriesInForce);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].finding.severity, Severity::Info);
    assert!(f[0].finding.assessable);
    assert_eq!(
        f[0].finding.message,
        "2023 年度 主动公开 行政规范性文件 / 现行有效件数（应等于 2022 年度现行有效件数加本年制发件数减本年废止件数）：应为 102，实为 110"
    );
}

// FORMAT.md, rules table: `series.item-count` — 2019: 上一年项目数量(N) = 上一年项目数量(N−1) +
// 本年增/减(N−1).
#[test]
fn item_count_carries_over_in_the_2019_edition() {
    let items = |y: u16, previous: u64, change: i64| {
        ReportBuilder::new("某县人民政府", y, Edition::E2019)
            .proactive(
                ProactiveRow::Licensing,
                ProactiveColumn::PreviousItems,
                previous,
            )
            .proactive(ProactiveRow::Licensing, ProactiveColumn::Change, change)
            .build()
            .unwrap()
    };
    let a = items(2019, 396, -6);
    let findings = series::check(&[("a", &a), ("b", &items(2020, 390, 0))]);
    assert!(findings.is_empty(), "{findings:#?}");
    let findings = series::check(&[("a", &a), ("b", &items(2020, 396, 0))]);
    let f = of(&findings, Rule::SeriesItemCount);
    assert_eq!(f.len(), 1);
    assert_eq!(
        (
            f[0].finding.expected.as_deref(),
            f[0].finding.actual.as_deref()
        ),
        (Some("390"), Some("396"))
    );
}

#[test]
fn duplicate_years_are_reported_and_not_compared() {
    let a = year("某县某局", 2022, Edition::E2021, [0; 6], [1, 0, 0, 0, 0, 0]);
    let b = year("某县某局", 2022, Edition::E2021, [0; 6], [2, 0, 0, 0, 0, 0]);
    let c = year("某县某局", 2023, Edition::E2021, [5, 0, 0, 0, 0, 0], [0; 6]);
    let findings = series::check(&[("a", &a), ("b", &b), ("c", &c)]);
    assert!(
        of(&findings, Rule::SeriesCarryOver)
            .iter()
            .all(|f| !f.finding.assessable)
    );
    assert_eq!(findings.len(), 3, "{findings:#?}");
    assert_eq!(
        findings[2].finding.message,
        "报告年度 2023：2022 年度有多份报告，序列中断，不跨年核对上年结转等衔接关系"
    );
}

const OVERVIEW_2023: &str = "2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。全年主动公开政府信息 120 条，其中通过政府网站公开 80 条、政务新媒体公开 40 条。进一步规范依申请公开办理流程，全年共收到政府信息公开申请 12 件，均在法定期限内答复。";
const OVERVIEW_2024: &str = "2024年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。全年主动公开政府信息 135 条，其中通过政府网站公开 90 条、政务新媒体公开 45 条。进一步规范依申请公开办理流程，全年共收到政府信息公开申请十五件，均在法定期限内答复。";
const OVERVIEW_REWRITTEN: &str = "本年度我局围绕优化营商环境，重点公开了惠企政策、行政许可办理结果和财政预决算信息，新开设“政策解读”专栏，邀请业务科室负责人在线答疑三次。针对群众关注的老旧小区改造，组织召开了两场新闻发布会，并在政务新媒体同步推送图文解读。";

// FORMAT.md, rules table: `series.copied-prose` — the prose is nearly the same as the same
// issuer's previous report. Changed figures and dates do not hide a copy.
#[test]
fn copied_prose_is_found_despite_new_figures() {
    let a = ReportBuilder::new("某县某局", 2023, Edition::E2021)
        .overview(OVERVIEW_2023)
        .problems("无")
        .build()
        .unwrap();
    let b = ReportBuilder::new("某县某局", 2024, Edition::E2021)
        .overview(OVERVIEW_2024)
        .problems("无")
        .build()
        .unwrap();
    let findings = series::check(&[("a", &a), ("b", &b)]);
    let copied = of(&findings, Rule::SeriesCopiedProse);
    // 五 is "无" both years: too short to count.
    assert_eq!(copied.len(), 1, "{findings:#?}");
    let f = &copied[0].finding;
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.location.table, "prose");
    assert_eq!(f.location.row.as_deref(), Some("overview"));
    assert_eq!(f.actual.as_deref(), Some("1.00"));
    let passage = OVERVIEW_2024
        .get(f.location.bytes.clone().unwrap())
        .unwrap();
    assert!(passage.starts_with("2024年，我局认真贯彻落实"), "{passage}");
    assert!(
        f.message
            .starts_with("一、总体情况：应与 2023 年度报告有实质不同，实为 100% 的文字片段相同")
    );

    let c = ReportBuilder::new("某县某局", 2024, Edition::E2021)
        .overview(OVERVIEW_REWRITTEN)
        .build()
        .unwrap();
    assert!(
        of(
            &series::check(&[("a", &a), ("c", &c)]),
            Rule::SeriesCopiedProse
        )
        .is_empty()
    );
}

#[test]
fn similarity_maps_the_passage_back_to_the_original_text() {
    let s = series::similarity("甲乙丙丁 2024 年戊己", "甲乙丙丁2023年戊己庚");
    assert!((s.containment - 1.0).abs() < 1e-9);
    assert_eq!(s.passage, 0..27);
    assert_eq!(s.passage_in_b, 0..25);
    let none = series::similarity("", "甲乙");
    assert_eq!(none.containment, 0.0);
    assert_eq!(none.passage, 0..0);
}
