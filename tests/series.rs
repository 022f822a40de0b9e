//! The series rules of FORMAT.md (rules table: `series.carry-over`, `series.in-force`,
//! `series.item-count`, `series.copied-prose`) on the real 平潭 series and on built reports, and
//! the series note `series.renamed` (not in FORMAT.md: a note like `read.*`).
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
    assert_eq!(renamed[0].finding.rule, Rule::SeriesRenamed);
    assert_eq!(renamed[0].finding.severity, Severity::Info);
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

fn raw(name: &str) -> Report {
    let path = format!(
        "{}/tests/data/corpus/raw/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).expect(&path);
    zfxxgk::read::any(&bytes, None).unwrap().report
}

// The four raw 平潭 reports as the text reader reads them, prose included (FORMAT.md, rules
// table: `series.carry-over` links year N to N−1; `series.copied-prose` — "the prose is nearly
// the same as the same issuer's previous report"). The gaps break every carry-over link, the
// rename is info, and no section is copied: each year's prose was written anew. The measured
// containments are in docs/narrative-review.md.
#[test]
fn pingtan_raw_texts_gaps_rename_and_no_copied_prose() {
    let names = [
        "001_pingtan-2019",
        "003_pingtan-2021",
        "005_pingtan-2023",
        "007_pingtan-2025",
    ];
    let reports: Vec<Report> = names.iter().map(|n| raw(n)).collect();
    for r in &reports {
        assert!(
            r.prose.overview.is_some() && r.prose.problems.is_some() && r.prose.other.is_some(),
            "{}: the reader found the prose of sections 一, 五 and 六",
            r.year
        );
    }
    let input: Vec<(&str, &Report)> = names.iter().copied().zip(reports.iter()).collect();
    let findings = series::check(&input);
    let shown: Vec<(usize, &str, String)> = findings
        .iter()
        .map(|f| (f.file, f.finding.rule.id(), f.finding.message.clone()))
        .collect();
    assert_eq!(
        shown,
        vec![
            (
                2,
                "series.renamed",
                "发布机关：2021 年度为「平潭综合实验区（管委会）」，2023 年度为「平潭综合实验区管委会办公室」；按同一机关的序列核对".to_owned()
            ),
            (
                1,
                "series.carry-over",
                "报告年度 2021：缺少 2020 年度报告，序列中断，不跨年核对上年结转等衔接关系".to_owned()
            ),
            (
                2,
                "series.carry-over",
                "报告年度 2023：缺少 2022 年度报告，序列中断，不跨年核对上年结转等衔接关系".to_owned()
            ),
            (
                3,
                "series.carry-over",
                "报告年度 2025：缺少 2024 年度报告，序列中断，不跨年核对上年结转等衔接关系".to_owned()
            ),
        ]
    );
    assert!(
        findings
            .iter()
            .all(|f| f.finding.severity == Severity::Info)
    );
    assert!(of(&findings, Rule::SeriesCopiedProse).is_empty());

    // What the measure says between consecutive available years (containment of year N's
    // shingles in year N−1's, per section): far below the threshold of 0.8 for 一 and 五; 六 is
    // the same one sentence every year (2023年，无收取信息处理费情况。) and too short to be
    // checked (MIN_CHARS).
    let sections = |r: &Report| {
        [
            r.prose.overview.clone().unwrap(),
            r.prose.problems.clone().unwrap(),
            r.prose.other.clone().unwrap(),
        ]
    };
    let measured: Vec<[(u32, usize); 3]> = reports
        .windows(2)
        .map(|w| {
            let (before, now) = (sections(&w[0]), sections(&w[1]));
            core::array::from_fn(|k| {
                let s = series::similarity(&now[k], &before[k]);
                // Containment in thousandths, rounded.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let permille = (s.containment * 1000.0).round() as u32;
                (permille, s.chars)
            })
        })
        .collect();
    assert_eq!(
        measured,
        vec![
            [(55, 1519), (3, 297), (0, 14)],     // 2021 against 2019
            [(76, 1419), (9, 344), (1000, 14)],  // 2023 against 2021
            [(139, 968), (28, 231), (1000, 14)], // 2025 against 2023
        ]
    );
    assert!(
        measured
            .iter()
            .all(|m| m.iter().all(|&(c, n)| c < 800 || n < series::MIN_CHARS))
    );

    // The same measure does flag a real near-copy: 2025's section 一 carried into a made-up
    // 2026 report with its year and figures changed and one sentence added, 五 and 六 as they were.
    let mut copy = reports[3].clone();
    copy.year = 2026;
    let text = copy
        .prose
        .overview
        .take()
        .unwrap()
        .replace("2025", "2026")
        .replace("7700", "8100");
    copy.prose.overview = Some(format!("{text}全年未发生重大舆情。"));
    let input = [("2025", &reports[3]), ("2026", &copy)];
    let copied: Vec<_> = series::check(&input)
        .into_iter()
        .filter(|f| f.finding.rule == Rule::SeriesCopiedProse)
        .collect();
    // 一 and 五 (carried unchanged) are flagged; 六, one short sentence, is not.
    let rows: Vec<_> = copied
        .iter()
        .map(|f| f.finding.location.row.as_deref().unwrap())
        .collect();
    assert_eq!(rows, ["overview", "problems"]);
}
