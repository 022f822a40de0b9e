//! The library API as a consumer meets it: every `BuildError` message (insta snapshot), the
//! symmetric I/O of every form (`read`/`read_bytes`/`read_with_limit`, `write` to any
//! `io::Write`, `to_string`/`to_bytes`), and the one complete check (`Report::check`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests fail loudly"
)]

use std::io;

use zfxxgk::{
    AppealColumn, AppealRow, ApplicantColumn, ApplicationRow, BuildError, Decimal, Edition,
    ProactiveColumn, ProactiveRow, ReadError, Report, ReportBuilder, Rule, Severity, WriteError,
    cells, render,
};

fn sample() -> Report {
    ReportBuilder::new("某县某局", 2024, Edition::E2021)
        .published_ymd(2025, 1, 20)
        .overview("本年共收到政府信息公开申请 4 件。")
        .proactive(ProactiveRow::Fees, ProactiveColumn::Amount, "12.50")
        .applications(ApplicationRow::Received, [3, 1, 0, 0, 0, 0])
        .applications(ApplicationRow::Granted, [3, 1, 0, 0, 0, 0])
        .appeals(AppealRow::Review, [1, 0, 0, 0])
        .build()
        .unwrap()
}

/// Every variant of `BuildError`, as the builder makes it (or, for the two a well-typed call
/// cannot reach through the builder, as constructed), with its message.
#[test]
fn every_build_error_message() {
    let e2021 = |b: ReportBuilder| b.build().unwrap_err();
    let new21 = || ReportBuilder::new("某县某局", 2024, Edition::E2021);
    let new19 = || ReportBuilder::new("某县某局", 2020, Edition::E2019);
    let errors: Vec<(&str, BuildError)> = vec![
        (
            "not in edition",
            e2021(new21().proactive(ProactiveRow::Procurement, ProactiveColumn::Amount, 1)),
        ),
        (
            "wrong type",
            e2021(new19().proactive(
                ProactiveRow::Licensing,
                ProactiveColumn::Decisions,
                Decimal::new(25, 1),
            )),
        ),
        (
            "out of range, negative",
            e2021(new21().applications(ApplicationRow::Received, [0i64, 0, -3, 0, 0, 0])),
        ),
        (
            "out of range, too large for a change",
            e2021(new19().proactive(ProactiveRow::Licensing, ProactiveColumn::Change, u64::MAX)),
        ),
        (
            "text, 2019 label",
            e2021(new19().proactive(ProactiveRow::Procurement, ProactiveColumn::Amount, "12万")),
        ),
        (
            "duplicate cell",
            e2021(
                new21()
                    .proactive(ProactiveRow::Licensing, ProactiveColumn::Decisions, 1)
                    .proactive(ProactiveRow::Licensing, ProactiveColumn::Decisions, 2),
            ),
        ),
        (
            "duplicate row",
            e2021(
                new21()
                    .applications(ApplicationRow::WithheldStateSecret, [1, 0, 0, 0, 0, 0])
                    .applications(ApplicationRow::WithheldStateSecret, [1, 0, 0, 0, 0, 0]),
            ),
        ),
        (
            "duplicate block",
            e2021(
                new21()
                    .appeals(AppealRow::LitigationAfterReview, [1, 0, 0, 0])
                    .appeals(AppealRow::LitigationAfterReview, [1, 0, 0, 0]),
            ),
        ),
        ("date", e2021(new21().published_ymd(2025, 2, 29))),
        (
            "computed",
            e2021(new21().applications(ApplicationRow::Total, [1, 0, 0, 0, 0, 0])),
        ),
        (
            "overflow",
            e2021(
                new21()
                    .appeals(AppealRow::Review, [u64::MAX, 1, 0, 0])
                    .applications(ApplicationRow::Received, [1, 0, 0, 0, 0, 0]),
            ),
        ),
        (
            "unbalanced, given",
            e2021(
                new21()
                    .applications(ApplicationRow::Received, [3, 0, 0, 0, 0, 0])
                    .applications(ApplicationRow::Granted, [1, 0, 0, 0, 0, 0])
                    .applications(ApplicationRow::CarriedForward, [5, 0, 0, 0, 0, 0]),
            ),
        ),
        (
            "unbalanced, negative",
            e2021(new21().applications(ApplicationRow::Granted, [0, 2, 0, 0, 0, 0])),
        ),
        (
            "unbalanced, expected only",
            BuildError::Unbalanced {
                address: zfxxgk::Address::Applications(
                    ApplicationRow::CarriedForward,
                    ApplicantColumn::NaturalPerson,
                ),
                inflow: 3,
                outcome: 1,
                carried_forward: None,
            },
        ),
    ];
    // The overflow comes from the appeals block (its 总计), not from section 三.
    assert!(matches!(
        errors[10].1,
        BuildError::Overflow {
            address: zfxxgk::Address::Appeals(AppealRow::Review, AppealColumn::Total)
        }
    ));
    // The message of Unbalanced states what 结转下年度继续办理 should be: 3 − 1 = 2.
    assert!(
        errors[11].1.to_string().contains("应为 2"),
        "{}",
        errors[11].1
    );
    let shown: String = errors
        .iter()
        .map(|(what, e)| format!("{what}: {e}\n"))
        .collect();
    insta::assert_snapshot!(shown);
}

#[test]
fn the_builder_takes_the_common_types_of_a_consumer() {
    let n: usize = 3;
    let r = ReportBuilder::new("某县某局", 2024, Edition::E2021)
        .applications(ApplicationRow::Received, [n, 0, 0, 0, 0, 0])
        .applications(ApplicationRow::Granted, [3i32, 0, 0, 0, 0, 0])
        .proactive(
            ProactiveRow::Fees,
            ProactiveColumn::Amount,
            Decimal::new(125, 1),
        )
        .build()
        .unwrap();
    assert_eq!(
        r.proactive
            .number(ProactiveRow::Fees, ProactiveColumn::Amount)
            .map(|n| n.to_string())
            .as_deref(),
        Some("12.5")
    );
    let date: zfxxgk::Date = time::macros::date!(2025 - 01 - 20);
    let r = ReportBuilder::new("某县某局", 2024, Edition::E2021)
        .published(date)
        .build()
        .unwrap();
    assert_eq!(r.published, Some(date));
}

#[test]
fn report_check_is_validate_plus_the_prose() {
    let r = ReportBuilder::new("某县某局", 2024, Edition::E2021)
        .overview("本年共收到政府信息公开申请 9 件。")
        .applications(ApplicationRow::Received, [3, 1, 0, 0, 0, 0])
        .applications(ApplicationRow::Granted, [3, 1, 0, 0, 0, 0])
        .build()
        .unwrap();
    let mut expected = zfxxgk::validate(&r);
    expected.extend(zfxxgk::analysis::narrative::check(&r));
    let all = r.check();
    assert_eq!(all, expected);
    assert!(all.iter().any(|f| f.rule == Rule::NarrativeTable));
    // Reading::check is the reader's notes, then Report::check.
    let csv = cells::to_string(&r).unwrap().replace(
        "report,year,,2024\n",
        "report,year,,2024\nreport,nonsense,,x\n",
    );
    let reading = cells::read(&csv).unwrap();
    let checked = reading.check();
    assert_eq!(checked[0].rule, Rule::ReadUnplaced);
    assert_eq!(checked[1..], reading.report.check()[..]);
}

#[test]
fn a_blank_issuer_is_structure_missing_once() {
    for issuer in ["", "  \t"] {
        let r = ReportBuilder::new(issuer, 2024, Edition::E2021)
            .build()
            .unwrap();
        let about: Vec<_> = r
            .check()
            .into_iter()
            .filter(|f| f.location.to_string() == "report/issuer")
            .collect();
        assert_eq!(about.len(), 1);
        assert_eq!(about[0].rule, Rule::StructureMissing);
        assert_eq!(about[0].severity, Severity::Warning);
        // The same through the cells CSV: the reader adds no second note.
        let reading = cells::read(&cells::to_string(&r).unwrap()).unwrap();
        let again = reading
            .check()
            .into_iter()
            .filter(|f| f.location.row.as_deref() == Some("issuer"))
            .count();
        assert_eq!(again, 1);
    }
}

/// A renderer's `write` into a buffer.
type WriteFn = fn(&Report, &mut Vec<u8>) -> Result<(), WriteError>;

/// A writer that always fails.
struct Broken;

impl io::Write for Broken {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
    }
    fn flush(&mut self) -> io::Result<()> {
        Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
    }
}

#[test]
fn cells_reads_and_writes_every_way() {
    let r = sample();
    let text = cells::to_string(&r).unwrap();
    let bytes = cells::to_bytes(&r).unwrap();
    assert_eq!(text.as_bytes(), bytes);
    let mut out = Vec::new();
    cells::write(&r, &mut out).unwrap();
    assert_eq!(out, bytes);
    let mut a = cells::read(&text).unwrap().report;
    let mut b = cells::read_bytes(&bytes).unwrap().report;
    a.strip_origins();
    b.strip_origins();
    assert_eq!(a, r);
    assert_eq!(b, r);
    assert!(matches!(
        cells::read_with_limit(&text, 10),
        Err(ReadError::TooLarge { limit: 10, .. })
    ));
    let mut bad = bytes.clone();
    bad.insert(30, 0xff);
    assert!(matches!(
        cells::read_bytes(&bad),
        Err(ReadError::Encoding { offset: 30 })
    ));
    assert!(matches!(
        cells::write(&r, Broken),
        Err(WriteError::Csv(_) | WriteError::Io(_))
    ));
}

#[cfg(feature = "serde")]
#[test]
fn json_reads_and_writes_every_way() {
    use zfxxgk::json;
    let r = sample();
    let text = json::to_string(&r).unwrap();
    let bytes = json::to_bytes(&r).unwrap();
    assert_eq!(text.as_bytes(), bytes);
    let mut out = Vec::new();
    json::write(&r, &mut out).unwrap();
    assert_eq!(out, bytes);
    assert_eq!(json::read(&text).unwrap().report, r);
    assert_eq!(json::read_bytes(&bytes).unwrap().report, r);
    assert!(matches!(
        json::read_with_limit(&text, 10),
        Err(ReadError::TooLarge { limit: 10, .. })
    ));
    assert!(matches!(
        json::read_bytes(b"{\"issuer\": \"\xff\"}"),
        Err(ReadError::Encoding { offset: 12 })
    ));
}

#[cfg(feature = "xlsx")]
#[test]
fn xlsx_reads_and_writes_every_way() {
    use zfxxgk::xlsx;
    // The workbook has no cell for the publication date.
    let r = Report {
        published: None,
        ..sample()
    };
    let bytes = xlsx::to_bytes(&r).unwrap();
    let mut out = Vec::new();
    xlsx::write(&r, &mut out).unwrap();
    let mut back = xlsx::read(&out).unwrap().report;
    back.strip_origins();
    assert_eq!(back, r);
    let dir = std::env::temp_dir().join(format!("zfxxgk-api-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("report.xlsx");
    xlsx::write_file(&r, &path).unwrap();
    let mut from_file = xlsx::read(&std::fs::read(&path).unwrap()).unwrap().report;
    from_file.strip_origins();
    assert_eq!(from_file, r);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(matches!(
        xlsx::read_with_limit(&bytes, 100),
        Err(ReadError::TooLarge { limit: 100, .. })
    ));
    assert!(matches!(xlsx::write(&r, Broken), Err(WriteError::Io(_))));
    #[allow(deprecated)]
    let old = {
        let mut v = Vec::new();
        xlsx::write_to(&r, &mut v).unwrap();
        v
    };
    assert_eq!(xlsx::read(&old).unwrap().report.issuer, r.issuer);
}

#[cfg(feature = "html")]
#[test]
fn html_reads_with_a_limit() {
    let page = render::html::to_string(&sample());
    assert!(matches!(
        zfxxgk::html::read_with_limit(page.as_bytes(), 100),
        Err(ReadError::TooLarge { limit: 100, .. })
    ));
    let mut back = zfxxgk::html::read_with_limit(page.as_bytes(), page.len())
        .unwrap()
        .report;
    back.strip_origins();
    assert_eq!(back.applications, sample().applications);
}

#[test]
fn renderers_write_to_io_what_to_string_returns() {
    let r = sample();
    let cases: [(&str, String, WriteFn); 3] = [
        ("text", render::text::to_string(&r), |r, out| {
            render::text::write(r, out)
        }),
        ("markdown", render::markdown::to_string(&r), |r, out| {
            render::markdown::write(r, out)
        }),
        ("html", render::html::to_string(&r), |r, out| {
            render::html::write(r, out)
        }),
    ];
    for (name, expected, write) in cases {
        let mut out = Vec::new();
        write(&r, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), expected, "{name}");
    }
    assert!(matches!(
        render::text::write(&r, Broken),
        Err(WriteError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe
    ));
    assert!(matches!(
        render::html::write(&r, Broken),
        Err(WriteError::Io(_))
    ));
    assert!(matches!(
        render::markdown::write(&r, Broken),
        Err(WriteError::Io(_))
    ));
}
