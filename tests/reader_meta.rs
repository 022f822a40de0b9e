//! What the text reader takes from a report besides its tables, tested on the corpus files that
//! state it: the publication date, the prose of sections 一, 五 and 六 (each compared with the
//! raw text at both ends), reports in traditional characters, and labels that mix the editions.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use zfxxgk::{Edition, Rule, text};

fn raw(name: &str) -> String {
    std::fs::read_to_string(common::corpus().join("raw").join(format!("{name}.txt"))).unwrap()
}

/// The text without white space and page numbers (`- 5 -`), to compare across line wraps.
fn compact(text: &str) -> String {
    text.lines()
        .filter(|l| !text::lines::is_page_marker(l))
        .flat_map(|l| l.chars().filter(|c| !c.is_whitespace()))
        .collect()
}

#[test]
fn publication_dates_where_the_page_states_them() {
    let cases = [
        ("001_pingtan-2019", Some("2020-01-20")),
        ("003_pingtan-2021", Some("2022-02-08")),
        ("005_pingtan-2023", Some("2024-03-08")),
        ("007_pingtan-2025", Some("2026-03-10")),
        ("019_nanyuan-street-liwan-2020-excerpt", Some("2021-01-18")),
        (
            "021_heping-street-meihekou-2020-excerpt",
            Some("2021-01-12"),
        ),
        (
            "024_shanghai-eco-env-bureau-2020-excerpt",
            Some("2021-01-28"),
        ),
        (
            "028_xizhen-jiaxian-2022-oldformat-excerpt",
            Some("2023-01-31"),
        ),
        // The PDFs state no date: the statistics period is not a publication date.
        ("000_499bb3d63922cf9c", None),
        ("008_huaian-city-2024-pypdf", None),
        ("009_huaian-city-2024-pdfminer", None),
        ("010_hongze-district-2023-pypdf", None),
        ("012_shanghai-stcsm-2024-md", None),
        ("049_huaian-city-2024-layout", None),
    ];
    for (name, want) in cases {
        let r = text::read(&raw(name)).unwrap();
        assert_eq!(
            r.report.published.map(|d| d.to_string()).as_deref(),
            want,
            "{name}"
        );
    }
}

/// (file, section, first characters, last characters) of each prose section, white space
/// removed; the test also checks them against the raw text: the first characters follow the
/// section's heading, the last ones come right before the next heading (or the end).
const PROSE: &[(&str, &str, &str, &str)] = &[
    (
        "000_499bb3d63922cf9c",
        "overview",
        "2020年，我局全面贯彻",
        "确保“应公开，尽公开”。",
    ),
    (
        "000_499bb3d63922cf9c",
        "problems",
        "(一)存在问题。我局政务",
        "息公开的关注度和知晓率。",
    ),
    (
        "000_499bb3d63922cf9c",
        "other",
        "电子版可分别在“彭阳县人",
        "jrj@163.com。",
    ),
    (
        "001_pingtan-2019",
        "overview",
        "2019年，在省政府办公",
        "角度宣传工作亮点、成效。",
    ),
    (
        "001_pingtan-2019",
        "problems",
        "2019年，我区政府信息",
        "关政府信息公开制度规定。",
    ),
    (
        "001_pingtan-2019",
        "other",
        "无其他需要报告的事项",
        "无其他需要报告的事项",
    ),
    (
        "003_pingtan-2021",
        "overview",
        "2021年，我区以习近平",
        "实提升我区政务公开质效。",
    ),
    (
        "003_pingtan-2021",
        "problems",
        "（一）存在的主要问题:政",
        "府网站和政务新媒体作用。",
    ),
    (
        "003_pingtan-2021",
        "other",
        "2021年，无收取信息处",
        "，无收取信息处理费情况。",
    ),
    (
        "005_pingtan-2023",
        "overview",
        "2023年，平潭综合实验",
        "任人进行递进式效能问责。",
    ),
    (
        "005_pingtan-2023",
        "problems",
        "存在的问题主要有以下几个",
        "见的语言传播政府的声音。",
    ),
    (
        "005_pingtan-2023",
        "other",
        "2023年，无收取信息处",
        "，无收取信息处理费情况。",
    ),
    (
        "007_pingtan-2025",
        "overview",
        "2025年，平潭综合实验",
        "动政务公开工作做优做实。",
    ),
    (
        "007_pingtan-2025",
        "problems",
        "2025年，我区政府信息",
        "库，提升政企民互动实效。",
    ),
    (
        "007_pingtan-2025",
        "other",
        "2025年，无收取信息处",
        "，无收取信息处理费情况。",
    ),
    (
        "008_huaian-city-2024-pypdf",
        "overview",
        "2024年，我市坚持以习",
        "作人员的工作能力和水平。",
    ),
    (
        "008_huaian-city-2024-pypdf",
        "problems",
        "对照上级新要求和公众新期",
        "面激励，增强队伍凝聚力。",
    ),
    (
        "008_huaian-city-2024-pypdf",
        "other",
        "2024年，市政府严格落",
        "开信息处理费3940元。",
    ),
    (
        "009_huaian-city-2024-pdfminer",
        "overview",
        "2024年，我市坚持以习",
        "作人员的工作能力和水平。",
    ),
    (
        "009_huaian-city-2024-pdfminer",
        "problems",
        "对照上级新要求和公众新期",
        "面激励，增强队伍凝聚力。",
    ),
    (
        "009_huaian-city-2024-pdfminer",
        "other",
        "2024年，市政府严格落",
        "开信息处理费3940元。",
    ),
    (
        "010_hongze-district-2023-pypdf",
        "overview",
        "2023年，洪泽区人民政",
        "立政府网站日常监测机制。",
    ),
    (
        "010_hongze-district-2023-pypdf",
        "problems",
        "2023年，洪泽区政府信",
        "思想认识和业务工作水平。",
    ),
    (
        "010_hongze-district-2023-pypdf",
        "other",
        "2023年，区政府严格落",
        "信息公开信息处理费0元。",
    ),
    (
        "011_hongze-district-2024-pypdf",
        "overview",
        "2024年，淮安市洪泽区",
        "央、国务院重大方针政策。",
    ),
    (
        "011_hongze-district-2024-pypdf",
        "problems",
        "2024年，全区政府信息",
        "思想认识和业务工作水平。",
    ),
    (
        "011_hongze-district-2024-pypdf",
        "other",
        "2024年，区政府严格落",
        "信息公开信息处理费0元。",
    ),
    (
        "012_shanghai-stcsm-2024-md",
        "overview",
        "上海市科委2024年深入",
        "，点赞量136888次。",
    ),
    (
        "012_shanghai-stcsm-2024-md",
        "problems",
        "（一）主要问题市科委20",
        "改版工作正在有序进行中。",
    ),
    (
        "012_shanghai-stcsm-2024-md",
        "other",
        "本年度信息公开处理费收费",
        "生政府信息公开收费事项。",
    ),
    (
        "049_huaian-city-2024-layout",
        "overview",
        "2024年，我市坚持以习",
        "作人员的工作能力和水平。",
    ),
    (
        "049_huaian-city-2024-layout",
        "problems",
        "对照上级新要求和公众新期",
        "面激励，增强队伍凝聚力。",
    ),
    (
        "049_huaian-city-2024-layout",
        "other",
        "2024年，市政府严格落",
        "开信息处理费3940元。",
    ),
    (
        "050_hongze-district-2023-layout",
        "overview",
        "2023年，洪泽区人民政",
        "立政府网站日常监测机制。",
    ),
    (
        "050_hongze-district-2023-layout",
        "problems",
        "2023年，洪泽区政府信",
        "思想认识和业务工作水平。",
    ),
    (
        "050_hongze-district-2023-layout",
        "other",
        "2023年，区政府严格落",
        "信息公开信息处理费0元。",
    ),
    (
        "051_hongze-district-2024-layout",
        "overview",
        "2024年，淮安市洪泽区",
        "央、国务院重大方针政策。",
    ),
    (
        "051_hongze-district-2024-layout",
        "problems",
        "2024年，全区政府信息",
        "思想认识和业务工作水平。",
    ),
    (
        "051_hongze-district-2024-layout",
        "other",
        "2024年，区政府严格落",
        "信息公开信息处理费0元。",
    ),
];

#[test]
fn prose_sections_match_the_raw_text_at_both_ends() {
    for &(name, section, head, tail) in PROSE {
        let source = raw(name);
        let r = text::read(&source).unwrap();
        let prose = match section {
            "overview" => &r.report.prose.overview,
            "problems" => &r.report.prose.problems,
            _ => &r.report.prose.other,
        };
        let got = compact(prose.as_deref().unwrap_or(""));
        assert!(
            got.starts_with(head),
            "{name} {section}: starts «{got:.40}»"
        );
        assert!(got.ends_with(tail), "{name} {section}: ends with «{tail}»");
        // Against the source: the heading before, the next heading (or the end) after.
        let src = compact(&source);
        let (before, after): (&[&str], &[&str]) = match section {
            "overview" => (&["总体情况"], &["主动公开政府信息情况"]),
            "problems" => (&["改进情况"], &["其他需要报告的事项"]),
            _ => (&["其他需要报告的事项"], &[""]),
        };
        let at = src
            .find(&got)
            .unwrap_or_else(|| panic!("{name} {section}: not in the source"));
        let lead = &src[..at];
        assert!(
            before.iter().any(|b| lead.ends_with(b))
                || (name.starts_with("012") && head.starts_with("（一）主要问题")),
            "{name} {section}: «…{}» before it",
            lead.chars()
                .rev()
                .take(12)
                .collect::<String>()
                .chars()
                .rev()
                .collect::<String>()
        );
        let rest = &src[at + got.len()..];
        let next: String = rest.chars().take(16).collect();
        assert!(
            after.iter().any(|a| if a.is_empty() {
                rest.is_empty() || rest == "附件下载"
            } else {
                next.contains(a)
            }),
            "{name} {section}: followed by «{next}»"
        );
    }
}

#[test]
fn section_five_without_a_numbered_heading_is_found_and_reported() {
    let r = text::read(&raw("012_shanghai-stcsm-2024-md")).unwrap();
    let problems = r.report.prose.problems.as_deref().unwrap();
    assert!(problems.starts_with("（一）主要问题"));
    assert!(problems.contains("（二）改进情况"));
    assert!(!problems.contains("其他需要报告的事项"));
    assert!(
        r.findings
            .iter()
            .any(|f| f.rule == Rule::ReadRepaired && f.location.row.as_deref() == Some("problems"))
    );
}

#[test]
fn reports_in_traditional_characters_read_as_far_as_the_excerpt_goes() {
    for (name, year, edition, overview) in [
        (
            "044_mot-ministry-2019-mirror-excerpt",
            2019,
            Edition::E2019,
            "2019年,交通運輸部堅持",
        ),
        (
            "045_ggj-ministry-2021-mirror-excerpt",
            2021,
            Edition::E2021,
            "2021年,本機(jī)關(guān)深入",
        ),
    ] {
        let source = raw(name);
        let r = text::read(&source).unwrap();
        assert!(r.report.issuer.as_str().starts_with(if year == 2019 {
            "交通运输部"
        } else {
            "国家机关事务管理局"
        }));
        assert_eq!(r.report.year, year, "{name}");
        assert_eq!(r.report.edition, edition, "{name}");
        // The prose keeps the characters as written.
        let got = r.report.prose.overview.as_deref().unwrap_or("");
        assert!(got.starts_with(overview), "{name}: «{got:.30}»");
        assert!(
            r.findings
                .iter()
                .any(|f| f.rule == Rule::ReadRepaired && f.message.contains("繁体字")),
            "{name}: the folding is reported"
        );
        // Without the corpus header the year still comes from the title (045 has no title, and
        // the mirror's pinyin notes split its 統(tǒng)計期限, so only its header gives the year).
        if name.starts_with("045") {
            continue;
        }
        let body = source.split_once("\n\n").unwrap().1;
        assert_eq!(
            text::read(body)
                .unwrap_or_else(|e| panic!("{name}: {e:?}"))
                .report
                .year,
            year,
            "{name} without header"
        );
    }
}

#[test]
fn traditional_labels_place_cells() {
    let input = "某縣某局2021年政府信息公開工作年度報告\n\
                 四、政府信息公開行政復議、行政訴訟情況\n\
                 行政復議 1 0 0 0 1\n";
    let r = text::read(input).unwrap();
    assert_eq!(r.report.issuer.as_str(), "某縣某局");
    assert_eq!(r.report.year, 2021);
    let cell = r
        .report
        .cell(zfxxgk::Address::Appeals(
            zfxxgk::AppealRow::Review,
            zfxxgk::AppealColumn::Total,
        ))
        .map(zfxxgk::Cell::csv_text);
    assert_eq!(cell.as_deref(), Some("1"));
}

/// Section 二 in 2019 labels, section 三 with the 2021 rows of （六）: as many labels of each
/// edition, so the reader follows the year (2021) and the cells alone look like a 2021 report.
const MIXED: &str = "某县某局2021年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年新制作数量 本年新公开数量 对外公开总数量
规章 0 0 0
规范性文件 1 1 5
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1
（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0
第二十条第（八）项 本年收费金额（单位：万元）
";

#[test]
fn labels_of_both_editions_are_reported_when_the_cells_do_not_show_it() {
    let r = text::read(MIXED).unwrap();
    assert_eq!(r.report.edition, Edition::E2021);
    assert!(
        !zfxxgk::validate(&r.report)
            .iter()
            .any(|f| f.rule == Rule::StructureEdition),
        "the cells alone do not show the mix"
    );
    let found: Vec<_> = r
        .check()
        .into_iter()
        .filter(|f| f.rule == Rule::StructureEdition)
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    let message = &found[0].message;
    assert!(
        message.contains("本年新制作数量") && message.contains("逾期不补正"),
        "{message}"
    );
    // One edition throughout: no finding.
    let plain = MIXED.replace(
        "本年新制作数量 本年新公开数量 对外公开总数量",
        "本年制发件数 本年废止件数 现行有效件数",
    );
    let r = text::read(&plain).unwrap();
    assert!(!r.check().iter().any(|f| f.rule == Rule::StructureEdition));
}
