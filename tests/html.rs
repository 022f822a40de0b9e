//! The HTML reader and input-shape detection: a real report published as HTML inside a
//! JavaScript string (corpus 046), and small hand-made pages.
#![cfg(feature = "html")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests fail loudly"
)]

use std::path::Path;

use zfxxgk::detect::{self, Shape};
use zfxxgk::html;
use zfxxgk::{
    AppealColumn, AppealRow, ApplicantColumn, ApplicationRow, Edition, Entry, Number,
    ProactiveColumn, ProactiveRow, ReadError,
};

fn data(path: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(path),
    )
    .unwrap()
}

const CASE_046: &str = "046_shanghai-govoffice-2019-js-html";

/// Cells and findings of 046 are checked with the rest of the corpus in `tests/corpus.rs`;
/// here what is particular to the page.
#[test]
fn corpus_046_page_facts() {
    let raw = data(&format!("corpus/raw/{CASE_046}.txt"));
    assert_eq!(detect::shape(&raw, Some("046.txt")), Shape::Html);
    let reading = html::read(&raw).unwrap();
    let r = &reading.report;
    assert_eq!(r.issuer.as_str(), "上海市人民政府办公厅");
    assert_eq!((r.year, r.edition), (2019, Edition::E2019));
    assert_eq!(
        r.published.map(|d| d.to_string()).as_deref(),
        Some("2020-01-31")
    );
    assert!(r.unplaced.is_empty(), "{:?}", r.unplaced);
    assert!(
        r.prose
            .overview
            .as_deref()
            .is_some_and(|o| o.contains("859"))
    );
    let page = html::page(&String::from_utf8(raw).unwrap());
    assert_eq!(page.tables.len(), 3);
    assert_eq!(page.script.as_ref().map(|s| s.line), Some(269));
}

#[test]
fn corpus_046_origins_point_into_the_source() {
    let raw = data(&format!("corpus/raw/{CASE_046}.txt"));
    let text = String::from_utf8(raw.clone()).unwrap();
    let reading = html::read(&raw).unwrap();
    let r = &reading.report;
    let cell = r
        .applications
        .get(ApplicationRow::Received, ApplicantColumn::NaturalPerson)
        .unwrap();
    let origin = cell.origin.clone().unwrap();
    assert_eq!(origin.line, 269);
    assert_eq!(&text[origin.bytes.clone()], "821");
    let amount = r
        .proactive
        .get(ProactiveRow::Procurement, ProactiveColumn::Amount)
        .unwrap();
    assert_eq!(&text[amount.origin.clone().unwrap().bytes], "251000元");
    let blank = r
        .applications
        .get(ApplicationRow::Granted, ApplicantColumn::Total)
        .unwrap();
    assert_eq!(blank.entry, Entry::Blank);
    assert_eq!(blank.origin.as_ref().unwrap().line, 269);
    // Every placed cell has an origin on the line of the JavaScript string.
    for (_, _, c) in r.applications.iter() {
        assert_eq!(c.origin.as_ref().map(|o| o.line), Some(269));
    }
}

fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>某县某局2021年政府信息公开工作年度报告</title></head>\
         <body><p>成文日期：2022年1月20日</p>{body}</body></html>"
    )
}

#[test]
fn rowspan_and_colspan_are_expanded_into_a_grid() {
    let html = "<table>\
        <tr><td rowspan=\"2\">A</td><td colspan=\"2\">B</td></tr>\
        <tr><td>1</td><td>2</td></tr>\
        <tr><td>C</td><td colspan=\"2\">3</td></tr>\
        </table>";
    let p = html::page(html);
    assert_eq!(p.tables.len(), 1);
    let t = &p.tables[0];
    assert_eq!((t.height(), t.width()), (3, 3));
    let grid: Vec<Vec<&str>> = (0..3)
        .map(|r| (0..3).map(|c| t.text(r, c).unwrap_or("?")).collect())
        .collect();
    assert_eq!(
        grid,
        vec![
            vec!["A", "B", "B"],
            vec!["A", "1", "2"],
            vec!["C", "3", "3"]
        ]
    );
    let rows = t.source_rows();
    // A reaches into row 2 as its label; a spanned value counts once.
    let texts = |v: &[zfxxgk::read::Spanned]| v.iter().map(|s| s.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&rows[1].labels), ["A"]);
    assert_eq!(texts(&rows[1].values), ["1", "2"]);
    assert_eq!(texts(&rows[2].values), ["3"]);
    // Positions point at the text.
    let one = &rows[1].values[0];
    assert_eq!(&html[one.bytes.clone()], "1");
    assert_eq!(one.line, 1);
}

#[test]
fn nbsp_and_empty_cells_are_blank_not_zero() {
    let body = "<table>\
        <tr><td>行政复议</td><td colspan=\"4\">行政诉讼</td></tr>\
        <tr><td>\n5</td><td>&nbsp;</td><td></td><td>0</td><td>5</td>\
        <td>1</td><td>0</td><td>0</td><td>0</td><td>1</td>\
        <td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table>";
    let reading = html::read_str(&page(body)).unwrap();
    let r = &reading.report;
    assert_eq!(r.issuer.as_str(), "某县某局");
    assert_eq!((r.year, r.edition), (2021, Edition::E2021));
    assert_eq!(r.published.unwrap().to_string(), "2022-01-20");
    let get = |c| r.appeals.get(AppealRow::Review, c).unwrap().entry.clone();
    assert_eq!(get(AppealColumn::Upheld), Entry::Value(Number::Count(5)));
    assert_eq!(get(AppealColumn::Corrected), Entry::Blank);
    assert_eq!(get(AppealColumn::Other), Entry::Blank);
    assert_eq!(get(AppealColumn::Pending), Entry::Value(Number::Count(0)));
    let origin = r
        .appeals
        .get(AppealRow::Review, AppealColumn::Upheld)
        .unwrap()
        .origin
        .clone()
        .unwrap();
    assert_eq!(origin.line, 2);
}

#[test]
fn gbk_bytes_are_decoded_and_reported() {
    let body = "<table><tr><td>一、本年新收政府信息公开申请数量</td>\
        <td>3</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>4</td></tr></table>";
    let text = page(body).replace("charset=\"utf-8\"", "charset=\"gb2312\"");
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err());
    let reading = html::read(&bytes).unwrap();
    assert_eq!(reading.report.issuer.as_str(), "某县某局");
    assert_eq!(
        reading
            .report
            .applications
            .number(ApplicationRow::Received, ApplicantColumn::Total),
        Some(Number::Count(4))
    );
    assert!(
        reading
            .findings
            .iter()
            .any(|f| f.rule.id() == "read.repaired" && f.message.contains("GBK")),
        "{:?}",
        reading.findings
    );

    // Without a declaration, by trial.
    let undeclared = page(body).replace("<meta charset=\"utf-8\">", "");
    let (bytes, _, _) = encoding_rs::GBK.encode(&undeclared);
    let d = html::decode(&bytes);
    assert_eq!(d.by, html::DecodedBy::Trial);
    assert_eq!(d.text, undeclared);
    assert!(html::read(&bytes).is_ok());
}

#[test]
fn a_fragment_without_html_element() {
    let fragment = "<p>某街道办事处2020年度政府信息公开工作年度报告</p>\
        <table><tr><td>规章</td><td>1</td><td>2</td><td>3</td></tr></table>";
    let reading = html::read_str(fragment).unwrap();
    let r = &reading.report;
    assert_eq!(r.issuer.as_str(), "某街道办事处");
    assert_eq!(r.year, 2020);
    assert_eq!(
        r.proactive
            .number(ProactiveRow::Regulations, ProactiveColumn::TotalPublished),
        Some(Number::Count(3))
    );
}

#[test]
fn garbage_and_truncated_html_do_not_panic() {
    let full = page(
        "<table><tr><td rowspan=\"99999999\" colspan=\"-3\">规章<td>1<td>2<td>3</tr>\
         <tr><td colspan=\"0\">x</td></table>",
    );
    for end in (0..full.len())
        .filter(|&i| full.is_char_boundary(i))
        .step_by(7)
    {
        let _ = html::read_str(&full[..end]);
        let _ = html::read(&full.as_bytes()[..end]);
    }
    for junk in [
        &b""[..],
        b"<",
        b"<table",
        b"<td>",
        b"\xff\xfe\x00<",
        b"\x81\x30\x81",
        b"let a = \"<table><tr><td>\\u12",
        b"<table><tr><td>1</td></tr></table><<<>>>&&&;;",
        b"\"\\",
    ] {
        let _ = html::read(junk);
        let _ = html::page(&String::from_utf8_lossy(junk));
    }
    assert!(matches!(
        html::read(b"<html><body><p>hello</p></body></html>"),
        Err(ReadError::NotAReport { .. })
    ));
}

#[test]
fn size_limit() {
    let big = vec![b' '; 64];
    let err = html::read_with(&big, &html::Options::default().limit(10)).unwrap_err();
    assert!(matches!(
        err,
        ReadError::TooLarge {
            limit: 10,
            size: 64
        }
    ));
    assert_eq!(err.to_string(), "expected at most 10 bytes, found 64");
    assert_eq!(html::DEFAULT_LIMIT, 16 * 1024 * 1024);
}

#[test]
fn detection_of_each_shape() {
    let cases: &[(&[u8], Option<&str>, Shape)] = &[
        (b"PK\x03\x04rest", None, Shape::Xlsx),
        (b"PK\x03\x04rest", Some("a.csv"), Shape::Xlsx),
        (
            b"\xef\xbb\xbftable,row,column,value\n",
            None,
            Shape::CellsCsv,
        ),
        (
            b"  table, row, column, value\r\nreport,year,,2020",
            Some("x.txt"),
            Shape::CellsCsv,
        ),
        (b"\n  {\"issuer\": \"x\"}", None, Shape::Json),
        (b"<!DOCTYPE html><p>x</p>", None, Shape::Html),
        (b"text before <TABLE border=1>", None, Shape::Html),
        (
            b"var c = \"<td class=\\\"x\\\">1</td>\";",
            Some("data.js"),
            Shape::Html,
        ),
        (b"var c = \"\\u003ctable\\u003e\";", None, Shape::Html),
        (
            b"| a | b |\n| :--- | ---: |\n| 1 | 2 |",
            None,
            Shape::Markdown,
        ),
        (b"|---|---|", Some("x.txt"), Shape::Markdown),
        (b"<track> is no table row", None, Shape::Text),
        (b"plain text 2024", None, Shape::Text),
        (b"plain text", Some("report.md"), Shape::Markdown),
        (b"plain text", Some("REPORT.HTM"), Shape::Html),
        (b"plain text", Some("r.json"), Shape::Json),
        (b"plain text", Some("r.xlsx"), Shape::Xlsx),
        (b"plain text", Some("r.csv"), Shape::CellsCsv),
        (b"plain text", Some("no-extension"), Shape::Text),
        (b"", None, Shape::Text),
    ];
    for (bytes, name, want) in cases {
        assert_eq!(
            detect::shape(bytes, *name),
            *want,
            "{:?} {name:?}",
            String::from_utf8_lossy(bytes)
        );
    }
    for &s in Shape::ALL {
        assert_eq!(Shape::from_key(s.key()), Some(s));
    }
}

#[test]
fn detection_of_gbk_html() {
    let (bytes, _, _) = encoding_rs::GBK.encode("<p>报告</p><table><tr><td>一</td></tr></table>");
    assert_eq!(detect::shape(&bytes, None), Shape::Html);
}

#[test]
fn read_any_dispatches() {
    let csv =
        "table,row,column,value\nreport,issuer,,某局\nreport,year,,2024\nreport,edition,,2021\n";
    let r = zfxxgk::read::any(csv.as_bytes(), None).unwrap();
    assert_eq!(r.report.year, 2024);
    let json = zfxxgk::json::to_string(&r.report).unwrap();
    assert_eq!(
        detect::read_any(json.as_bytes(), None).unwrap().report,
        r.report
    );
    let raw = data(&format!("corpus/raw/{CASE_046}.txt"));
    assert_eq!(detect::read_any(&raw, None).unwrap().report.year, 2019);
    let err = detect::read_any(b"PK\x03\x04", None).unwrap_err();
    #[cfg(not(feature = "xlsx"))]
    assert!(matches!(err, ReadError::Unsupported { shape: "xlsx", .. }));
    // With the reader, a truncated workbook is an error of the workbook, not a panic.
    #[cfg(feature = "xlsx")]
    assert!(!matches!(err, ReadError::Unsupported { .. }), "{err}");
    #[cfg(feature = "xlsx")]
    {
        let r = zfxxgk::read::any(csv.as_bytes(), None).unwrap().report;
        let book = zfxxgk::xlsx::to_bytes(&r).unwrap();
        assert_eq!(detect::read_any(&book, None).unwrap().report.year, 2024);
    }
    assert!(matches!(
        detect::read_any(b"table,row,column,value\n\xff", None),
        Err(ReadError::Encoding { offset: 23 })
    ));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// The reader never panics, whatever the markup.
    #[test]
    fn never_panics(parts in proptest::collection::vec(proptest::sample::select(vec![
        "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th colspan=\"3\">",
        "<td rowspan=\"0\">", "<td rowspan=\"70000\" colspan=\"2000\">", "&nbsp;", "&#", "12",
        "一、本年新收政府信息公开申请数量", "规章", "行政复议", "2020年某局政府信息公开工作年度报告",
        "发布日期：2021-13-45", "<!--", "-->", "<script>", "\"", "\\u", "\\\"", "let c = \"",
        "\n", "元", "<p>", "<br/>", "\u{a0}",
    ]), 0..60)) {
        let s: String = parts.concat();
        let _ = zfxxgk::html::read_str(&s);
        let _ = zfxxgk::detect::shape(s.as_bytes(), None);
    }
}

/// The reader's own messages on 046, as text (location first, then what was done).
#[test]
fn corpus_046_reader_messages() {
    let raw = data(&format!("corpus/raw/{CASE_046}.txt"));
    let reading = html::read(&raw).unwrap();
    let messages: Vec<String> = reading
        .findings
        .iter()
        .map(|f| format!("{} {}", f.rule.id(), f.message))
        .collect();
    assert_eq!(
        messages,
        [
            "read.repaired 第 269 行：报告的 HTML 在 JavaScript 字符串中，已还原 1620 处转义后读取",
            "read.repaired 第 269 行：「251000元」去掉「元」后读作 251000",
        ]
    );
    let script = &reading.findings[0].location;
    let text = String::from_utf8(raw).unwrap();
    assert!(text[script.bytes.clone().unwrap()].starts_with("\"<p style="));
}

#[test]
fn unplaced_rows_are_kept_and_reported() {
    let body = "<table><tr><td>规章</td><td>1,200</td><td>1</td><td>x</td><td>9</td></tr>\
        <tr><td>（三）不予公开</td><td>1</td></tr></table>";
    let reading = html::read_str(&page(body)).unwrap();
    let r = &reading.report;
    assert_eq!(
        r.proactive
            .number(ProactiveRow::Regulations, ProactiveColumn::Issued),
        Some(Number::Count(1200))
    );
    assert_eq!(
        r.proactive
            .get(ProactiveRow::Regulations, ProactiveColumn::InForce)
            .unwrap()
            .entry,
        Entry::Invalid("x".into())
    );
    let raws: Vec<&str> = r.unplaced.iter().map(|u| u.raw.as_str()).collect();
    assert_eq!(raws, ["9", "1"]);
    assert_eq!(
        reading
            .findings
            .iter()
            .filter(|f| f.rule.id() == "read.unplaced")
            .count(),
        2
    );
}
