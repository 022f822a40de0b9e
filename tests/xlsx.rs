//! XLSX round trips (model → XLSX → reader → the same model) over fixtures, builder reports of
//! both editions, blanks, marks, invalid text and wrong sums, plus generated reports; and the
//! reader on a filled official template with extra rows, and on broken input.
#![cfg(feature = "xlsx")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests fail loudly"
)]

use proptest::prelude::*;
use rust_decimal::Decimal;
use zfxxgk::catalogue::{APPLICANT_HEADER, APPLICATIONS_NOTE, ORGANISATIONS_HEADER};
use zfxxgk::{
    AppealRow, ApplicantColumn, ApplicationRow, Cell, CellType, Edition, Entry, Number,
    ProactiveColumn, ProactiveRow, ReadError, Report, ReportBuilder, Rule, cells, xlsx,
};

fn load(name: &str) -> Report {
    let path = format!(
        "{}/tests/data/corpus/expected/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut report = cells::read(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .report;
    strip(&mut report);
    report
}

/// Origins say where a reader read a cell; a round trip compares what the cells state.
fn strip(report: &mut Report) {
    for (_, _, c) in report.proactive.iter_mut() {
        c.origin = None;
    }
    for (_, _, c) in report.applications.iter_mut() {
        c.origin = None;
    }
    for (_, _, c) in report.appeals.iter_mut() {
        c.origin = None;
    }
}

fn round_trip(report: &Report) -> zfxxgk::Reading {
    let bytes = xlsx::to_bytes(report).unwrap();
    xlsx::read(&bytes).unwrap()
}

#[test]
fn seed_report_round_trips() {
    let report = load("000_499bb3d63922cf9c.cells.csv");
    let reading = round_trip(&report);
    assert_eq!(reading.report, report);
    assert!(reading.findings.is_empty(), "{:?}", reading.findings);
}

#[test]
fn report_of_2021_edition_round_trips() {
    let report = load("008_huaian-city-2024-pypdf.cells.csv");
    let reading = round_trip(&report);
    assert_eq!(reading.report, report);
    assert!(reading.findings.is_empty(), "{:?}", reading.findings);
}

fn builder_report(edition: Edition) -> Report {
    let year = if edition == Edition::E2019 {
        2020
    } else {
        2024
    };
    let mut b = ReportBuilder::new("某县某局", year, edition)
        .overview("本年度共主动公开政府信息 12 条。\n第二段。")
        .problems("存在的问题：公开不够及时。")
        .other_matters("本年度未收取信息处理费。")
        .applications(ApplicationRow::Received, [5, 1, 0, 0, 2, 0])
        .applications(ApplicationRow::CarriedOver, [1, 0, 0, 0, 0, 0])
        .applications(ApplicationRow::Granted, [3, 1, 0, 0, 1, 0])
        .applications(ApplicationRow::UnavailableNotHeld, [2, 0, 0, 0, 0, 0])
        .appeals(AppealRow::Review, [1, 0, 0, 1]);
    b = match edition {
        Edition::E2019 => b
            .proactive(ProactiveRow::Licensing, ProactiveColumn::Change, -4i64)
            .proactive(
                ProactiveRow::Procurement,
                ProactiveColumn::Amount,
                Decimal::new(773028, 2),
            ),
        _ => b.proactive(
            ProactiveRow::Fees,
            ProactiveColumn::Amount,
            Decimal::new(9617160, 2),
        ),
    };
    b.build().unwrap()
}

#[test]
fn builder_reports_of_both_editions_round_trip() {
    for &edition in Edition::ALL {
        let report = builder_report(edition);
        let reading = round_trip(&report);
        assert_eq!(reading.report, report, "{edition}");
        assert!(reading.findings.is_empty());
    }
}

#[test]
fn blanks_marks_invalid_text_and_wrong_sums_round_trip() {
    let mut report = builder_report(Edition::E2021);
    let set = |r: &mut Report, row, col, text: &str| {
        r.applications
            .set(row, col, Cell::from_text(text, CellType::Count));
    };
    set(
        &mut report,
        ApplicationRow::Total,
        ApplicantColumn::Total,
        "",
    );
    set(
        &mut report,
        ApplicationRow::Granted,
        ApplicantColumn::Research,
        "/",
    );
    set(
        &mut report,
        ApplicationRow::Granted,
        ApplicantColumn::SocialWelfare,
        "3件",
    );
    // A wrong sum: 总计 of 一、本年新收 is 8, this says 99.
    set(
        &mut report,
        ApplicationRow::Received,
        ApplicantColumn::Total,
        "99",
    );
    let reading = round_trip(&report);
    assert_eq!(reading.report, report);
    assert!(
        zfxxgk::validate(&reading.report)
            .iter()
            .any(|f| f.rule == Rule::ApplicationsRowTotal && f.assessable)
    );
}

#[test]
fn single_other_row_of_a_2021_report_round_trips() {
    let mut report = load("008_huaian-city-2024-pypdf.cells.csv");
    for &c in ApplicantColumn::ALL {
        report
            .applications
            .set(ApplicationRow::Other, c, Cell::value(7u64));
    }
    let reading = round_trip(&report);
    assert_eq!(reading.report, report);
}

#[test]
fn numbers_are_numbers_and_amounts_keep_decimals() {
    let report = builder_report(Edition::E2019);
    let reading = round_trip(&report);
    let amount = reading
        .report
        .proactive
        .number(ProactiveRow::Procurement, ProactiveColumn::Amount);
    assert_eq!(amount, Some(Number::Amount(Decimal::new(773028, 2))));
    let change = reading
        .report
        .proactive
        .number(ProactiveRow::Licensing, ProactiveColumn::Change);
    assert_eq!(change, Some(Number::Change(-4)));
}

/// A filled official template: a 附件 line and a title, a note under section 三's table, the
/// tables shifted one column right, labels with ASCII brackets and spaces, the short label of
/// （二）, and a 小计 row the format does not have.
#[test]
fn reads_a_filled_official_template() {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let mut r = 0u32;
    ws.write_string(r, 1, "附件").unwrap();
    r += 1;
    ws.write_string(r, 1, "某市某局 2021 年度政府信息公开工作年度报告")
        .unwrap();
    r += 2;
    ws.write_string(r, 1, "三、收到和处理政府信息公开申请情况")
        .unwrap();
    r += 1;
    ws.merge_range(r, 1, r + 2, 3, APPLICATIONS_NOTE, &Default::default())
        .unwrap();
    ws.write_string(r, 4, APPLICANT_HEADER).unwrap();
    ws.write_string(r + 1, 4, "自然人").unwrap();
    ws.write_string(r + 1, 5, ORGANISATIONS_HEADER).unwrap();
    ws.write_string(r + 1, 10, "总计").unwrap();
    for (i, c) in ApplicantColumn::ALL[1..6].iter().enumerate() {
        ws.write_string(r + 2, 5 + i as u16, c.label()).unwrap();
    }
    r += 3;
    let mut rows = Vec::new();
    for &row in zfxxgk::catalogue::application_rows(Edition::E2021) {
        let label = match row {
            ApplicationRow::Granted => " (一)予以公开 ".to_owned(),
            ApplicationRow::PartiallyGranted => "（二）部分公开".to_owned(),
            _ => row.label().to_owned(),
        };
        if let Some(g) = row.group() {
            ws.write_string(r, 2, g.label()).unwrap();
        }
        ws.write_string(r, 3, &label).unwrap();
        for c in 0..7u16 {
            ws.write_number(r, 4 + c, 1.0).unwrap();
        }
        rows.push(row);
        r += 1;
        if row == ApplicationRow::WithheldQueryMatters {
            ws.write_string(r, 3, "小计").unwrap();
            ws.write_number(r, 4, 8.0).unwrap();
            r += 1;
        }
    }
    ws.write_string(r, 1, "注：本表数据截至 2021 年 12 月 31 日。")
        .unwrap();
    r += 2;
    ws.write_string(r, 1, "四、政府信息公开行政复议、行政诉讼情况")
        .unwrap();
    r += 1;
    ws.write_string(r, 1, "行政复议").unwrap();
    ws.write_string(r, 6, "行政诉讼").unwrap();
    for (i, c) in zfxxgk::AppealColumn::ALL.iter().enumerate() {
        ws.write_string(r + 1, 1 + i as u16, c.label()).unwrap();
        ws.write_string(r + 2, 6 + i as u16, c.label()).unwrap();
        ws.write_string(r + 2, 11 + i as u16, c.label()).unwrap();
    }
    ws.write_string(r + 1, 6, "未经复议直接起诉").unwrap();
    ws.write_string(r + 1, 11, "复议后起诉").unwrap();
    for c in 0..15u16 {
        ws.write_number(r + 3, 1 + c, f64::from(c)).unwrap();
    }
    ws.write_string(r + 3, 3, "/").unwrap();
    let bytes = book.save_to_buffer().unwrap();

    let reading = xlsx::read(&bytes).unwrap();
    let report = &reading.report;
    assert_eq!(report.issuer.as_str(), "某市某局");
    assert_eq!(report.year, 2021);
    assert_eq!(report.edition, Edition::E2021);
    for row in rows {
        for &c in ApplicantColumn::ALL {
            assert_eq!(
                report.applications.number(row, c),
                Some(Number::Count(1)),
                "{row} {c}"
            );
        }
    }
    assert_eq!(
        report.appeals.number(
            AppealRow::LitigationAfterReview,
            zfxxgk::AppealColumn::Total
        ),
        Some(Number::Count(14))
    );
    assert_eq!(
        report
            .appeals
            .get(AppealRow::Review, zfxxgk::AppealColumn::Other)
            .map(|c| &c.entry),
        Some(&Entry::Marked("/".into()))
    );
    let rules: Vec<_> = reading.findings.iter().map(|f| f.rule).collect();
    assert!(rules.contains(&Rule::ReadUnplaced), "{rules:?}");
    assert!(rules.contains(&Rule::ReadRepaired), "{rules:?}");
    assert_eq!(report.unplaced.len(), 1);
    let messages: Vec<_> = reading
        .findings
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    insta::assert_debug_snapshot!(messages);
}

#[test]
fn broken_input_is_an_error_not_a_panic() {
    assert!(matches!(
        xlsx::read(b"not a workbook"),
        Err(ReadError::Workbook { .. })
    ));
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "hello").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    assert!(matches!(
        xlsx::read(&bytes),
        Err(ReadError::NotAReport { .. })
    ));

    // Section 四 with a column missing: the error names the sheet and the cell.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "某局2024年政府信息公开工作年度报告")
        .unwrap();
    ws.write_string(2, 0, "行政复议").unwrap();
    for (i, c) in zfxxgk::AppealColumn::ALL[..4].iter().enumerate() {
        ws.write_string(3, i as u16, c.label()).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let err = xlsx::read(&bytes).unwrap_err();
    assert!(matches!(err, ReadError::Sheet { .. }), "{err}");
    insta::assert_snapshot!(err.to_string());

    // Every truncation of a real workbook is an error or a reading, never a panic.
    let bytes = xlsx::to_bytes(&builder_report(Edition::E2021)).unwrap();
    for len in (0..bytes.len()).step_by(997) {
        let _ = xlsx::read(&bytes[..len]);
    }
}

fn entry(ty: CellType) -> impl Strategy<Value = Cell> {
    let value = match ty {
        CellType::Change => (-5_000i64..5_000).prop_map(Number::Change).boxed(),
        CellType::Amount => (0i64..100_000_000, 0u32..=2)
            .prop_map(|(m, s)| Number::Amount(Decimal::new(m, s)))
            .boxed(),
        _ => (0u64..100_000).prop_map(Number::Count).boxed(),
    };
    prop_oneof![
        4 => value.prop_map(Cell::value),
        1 => Just(Cell::blank()),
        1 => prop::sample::select(vec!["/", "-", "无", "—"])
            .prop_map(|m| Cell { entry: Entry::Marked(m.into()), origin: None }),
        1 => prop::sample::select(vec!["12件", "约5", "n/a"])
            .prop_map(|t| Cell { entry: Entry::Invalid(t.into()), origin: None }),
    ]
}

fn report_strategy() -> impl Strategy<Value = Report> {
    let prose = prop::option::of(prop::sample::select(vec![
        "本年度共主动公开政府信息 12 条。",
        "第一段。\n第二段，含 <b>&\"引号\"</b>。",
    ]));
    (
        prop::sample::select(vec!["某县某局", "淮安市人民政府", "A&B 局"]),
        2019u16..2026,
        prop::sample::select(Edition::ALL.to_vec()),
        any::<bool>(),
        (prose.clone(), prose.clone(), prose),
    )
        .prop_flat_map(|(issuer, year, edition, single_other, prose)| {
            let mut report = Report::new(issuer, year, edition);
            if single_other && edition == Edition::E2021 {
                report.applications.set(
                    ApplicationRow::Other,
                    ApplicantColumn::Total,
                    Cell::blank(),
                );
            }
            report.prose.overview = prose.0.map(str::to_owned);
            report.prose.problems = prose.1.map(str::to_owned);
            report.prose.other = prose.2.map(str::to_owned);
            let addresses = report.addresses();
            let cells: Vec<_> = addresses.iter().map(|a| entry(a.cell_type())).collect();
            (Just(report), Just(addresses), cells)
        })
        .prop_map(|(mut report, addresses, cells)| {
            for (a, c) in addresses.into_iter().zip(cells) {
                report.set(a, c);
            }
            report
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn generated_reports_round_trip(report in report_strategy()) {
        let reading = round_trip(&report);
        prop_assert_eq!(&reading.report, &report);
        prop_assert!(reading.findings.is_empty(), "{:?}", reading.findings);
    }
}
