//! Snapshots of every rendered format of the seed report (2019 edition) and of a 2021-edition
//! report, plus the layout facts the official tables fix.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use zfxxgk::render::{html, markdown, text};
use zfxxgk::{ApplicantColumn, ApplicationRow, Cell, Edition, Report, ReportBuilder, cells};

fn load(name: &str) -> Report {
    let path = format!(
        "{}/tests/data/corpus/expected/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let input = std::fs::read_to_string(&path).expect("fixture");
    cells::read(&input).expect("cells CSV").report
}

fn seed() -> Report {
    load("000_499bb3d63922cf9c.cells.csv")
}

fn huaian() -> Report {
    load("008_huaian-city-2024-pypdf.cells.csv")
}

#[test]
fn seed_text() {
    insta::assert_snapshot!(text::to_string(&seed()));
}

#[test]
fn seed_markdown() {
    insta::assert_snapshot!(markdown::to_string(&seed()));
}

#[test]
fn seed_html() {
    insta::assert_snapshot!(html::to_string(&seed()));
}

#[test]
fn huaian_2021_text() {
    insta::assert_snapshot!(text::to_string(&huaian()));
}

#[test]
fn huaian_2021_markdown() {
    insta::assert_snapshot!(markdown::to_string(&huaian()));
}

#[test]
fn huaian_2021_html() {
    insta::assert_snapshot!(html::to_string(&huaian()));
}

/// A 2021-edition report that gives a single （六）其他处理 row keeps that row as it is.
#[test]
fn single_other_row_in_2021_renders_as_given() {
    let mut report = huaian();
    for &c in ApplicantColumn::ALL {
        report
            .applications
            .set(ApplicationRow::Other, c, Cell::value(7u64));
    }
    let out = text::to_string(&report);
    insta::assert_snapshot!(out);
    let html = html::to_string(&report);
    assert!(html.contains("data-cell=\"applications/other/natural_person\">7<"));
}

#[test]
fn display_is_the_default_text_renderer() {
    let report = seed();
    assert_eq!(report.to_string(), text::to_string(&report));
}

#[test]
fn settings_leave_out_title_and_prose() {
    let report = ReportBuilder::new("某县某局", 2024, Edition::E2021)
        .overview("本年度共主动公开政府信息 12 条。")
        .build()
        .unwrap();
    let full = text::to_string(&report);
    assert!(full.starts_with("某县某局2024年政府信息公开工作年度报告\n"));
    assert!(full.contains("本年度共主动公开政府信息 12 条。"));
    let bare = text::TextRenderer {
        prose: false,
        title: false,
    }
    .to_string(&report);
    assert!(bare.starts_with("一、总体情况\n"));
    assert!(!bare.contains("12 条"));
    let fragment = html::HtmlRenderer {
        page: false,
        ..Default::default()
    }
    .to_string(&report);
    assert!(!fragment.contains("<html"));
    assert!(fragment.contains("<article"));
}

#[test]
fn blanks_marks_invalid_text_and_amounts_render_as_written() {
    let mut report = ReportBuilder::new("某县某局<&>", 2020, Edition::E2019)
        .proactive(
            zfxxgk::ProactiveRow::Procurement,
            zfxxgk::ProactiveColumn::Amount,
            rust_decimal::Decimal::new(773028, 2),
        )
        .build()
        .unwrap();
    report.applications.set(
        ApplicationRow::Granted,
        ApplicantColumn::NaturalPerson,
        Cell::blank(),
    );
    report.applications.set(
        ApplicationRow::Granted,
        ApplicantColumn::Commercial,
        Cell::from_text("/", zfxxgk::CellType::Count),
    );
    report.applications.set(
        ApplicationRow::Granted,
        ApplicantColumn::Research,
        Cell::from_text("3件", zfxxgk::CellType::Count),
    );
    let page = html::to_string(&report);
    assert!(page.contains("某县某局&lt;&amp;&gt;2020年"));
    assert!(page.contains("data-cell=\"proactive/procurement/amount\">7730.28<"));
    assert!(page.contains("data-cell=\"applications/granted/natural_person\"></td>"));
    assert!(page.contains("class=\"mark\">/<"));
    assert!(page.contains("class=\"invalid\">3件<"));
    let md = markdown::to_string(&report);
    assert!(md.contains("| \\/ |") || md.contains("| / |"));
    assert!(text::to_string(&report).contains("7730.28"));
}
