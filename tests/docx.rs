//! DOCX: the real template (an unfilled 2021-edition form) recognised as such; every corpus
//! report → DOCX → reader with identical cells, and generated reports of both editions with
//! blanks and wrong sums; merges, numbering and positions of hand-made documents; a test per
//! limit; the reader on truncated and mutated copies never panics.
#![cfg(feature = "docx")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests fail loudly"
)]

use std::io::{Read as _, Write as _};

use proptest::prelude::*;
use rust_decimal::Decimal;
use zfxxgk::docx::{self, Limits};
use zfxxgk::{Address, Cell, CellType, Edition, Entry, Number, ReadError, Report, TableKey, cells};

fn data(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn template() -> Vec<u8> {
    data("originals/政务公开年报模版.docx")
}

/// The parts of a DOCX package, by name.
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut v = Vec::new();
            f.read_to_end(&mut v).unwrap();
            (f.name().to_owned(), v)
        })
        .collect()
}

/// A package of `parts`.
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The template with one part replaced.
fn with_part(bytes: &[u8], name: &str, replace: impl Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    let parts = parts(bytes);
    let replaced: Vec<(String, Vec<u8>)> = parts
        .into_iter()
        .map(|(n, v)| {
            let v = if n == name { replace(&v) } else { v };
            (n, v)
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = replaced
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_slice()))
        .collect();
    package(&refs)
}

/// A document.xml with `body` as its body.
fn document_xml(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    )
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn tc(text: &str, props: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text))
}

fn docx_of(body: &str) -> Vec<u8> {
    package(&[("word/document.xml", document_xml(body).as_bytes())])
}

fn load(path: &std::path::Path) -> Report {
    let mut r = cells::read(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .report;
    strip(&mut r);
    r
}

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

// ---------------------------------------------------------------- the template

#[test]
fn the_template_is_an_unfilled_form_of_three_tables() {
    let bytes = template();
    let doc = docx::document(&bytes).unwrap();
    let found: Vec<_> = doc.tables.iter().filter_map(zfxxgk::place::found).collect();
    let keys: Vec<TableKey> = found.iter().map(|f| f.table).collect();
    assert_eq!(
        keys,
        [
            TableKey::Proactive,
            TableKey::Applications,
            TableKey::Appeals
        ]
    );
    // Section 二: 规章 and 行政规范性文件 with 3 columns, four rows of one value each.
    let counts: Vec<usize> = found[0].rows.iter().map(|r| r.values.len()).collect();
    assert_eq!(counts, [3, 3, 1, 1, 1, 1]);
    // Section 三: 25 rows of 7 values (the 2021 edition's three rows of （六）), the merged
    // 三、本年度办理结果 and （三）不予公开 labels reaching down over their rows.
    assert_eq!(found[1].rows.len(), 25);
    assert!(found[1].rows.iter().all(|r| r.values.len() == 7));
    let row = &found[1].rows[6];
    let labels: Vec<&str> = row.labels.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        labels,
        [
            "三、本年度办理结果",
            "（三）不予公开",
            "3.危及“三安全一稳定”"
        ]
    );
    // Section 四: one row of 15 values.
    assert_eq!(found[2].rows.len(), 1);
    assert_eq!(found[2].rows[0].values.len(), 15);
    let all: Vec<_> = found
        .iter()
        .flat_map(|f| f.rows.iter())
        .flat_map(|r| r.values.iter())
        .collect();
    assert_eq!(all.len(), 10 + 25 * 7 + 15);
    assert!(all.iter().all(|v| v.text.is_empty()), "every cell is blank");
    // The merged header of section 三: the note spans three rows and three columns.
    let t = &doc.tables[1];
    let note = t.cell(2, 2).unwrap();
    assert_eq!(
        (note.row, note.column, note.rowspan, note.colspan),
        (0, 0, 3, 3)
    );
    assert!(note.text.text.starts_with("（本列数据的勾稽关系为"));
    let natural = t.cell(2, 3).unwrap();
    assert_eq!(natural.text.text, "自然人");
    assert_eq!((natural.row, natural.rowspan), (1, 2));
}

#[test]
fn the_template_names_the_missing_issuer_and_year() {
    let bytes = template();
    for result in [docx::read(&bytes), zfxxgk::read::any(&bytes, None)] {
        let err = result.unwrap_err();
        let ReadError::Field { location, .. } = &err else {
            panic!("expected the missing fields, found {err}");
        };
        assert_eq!(location, "report/issuer, report/year");
        let message = err.to_string();
        assert!(
            message.contains("an unfilled form (3 tables of the report, all 200 cells blank)"),
            "{message}"
        );
        assert!(message.contains("no issuer and no year"), "{message}");
        assert!(
            message.contains("政府信息公开工作年度报告格式模板"),
            "{message}"
        );
    }
}

#[test]
fn the_template_with_a_title_reads_as_a_blank_2021_report() {
    let bytes = with_part(&template(), "word/document.xml", |xml| {
        String::from_utf8(xml.to_vec())
            .unwrap()
            .replace(
                "政府信息公开工作年度报告格式模板",
                "某县某局2024年政府信息公开工作年度报告",
            )
            .into_bytes()
    });
    let reading = docx::read(&bytes).unwrap();
    let r = &reading.report;
    assert_eq!(r.issuer.as_str(), "某县某局");
    assert_eq!(r.year, 2024);
    assert_eq!(r.edition, Edition::E2021);
    // Every cell of the layout is blank: section 二's cells are read as blank cells; the
    // placement engine (`place::assemble`, shared with HTML) leaves rows of sections 三 and 四
    // whose values are all blank out, so they are not given (`structure.missing`), never 0.
    let addresses = r.addresses();
    assert_eq!(addresses.len(), 200);
    let mut blank = 0;
    for a in addresses {
        match r.cell(a) {
            Some(cell) => {
                assert_eq!(cell.entry, Entry::Blank, "{a}");
                blank += 1;
            }
            None => assert!(!matches!(a, Address::Proactive(..)), "{a}"),
        }
    }
    assert_eq!(blank, 10);
    let findings = reading.check();
    assert!(
        findings
            .iter()
            .all(|f| f.severity != zfxxgk::Severity::Error),
        "{findings:?}"
    );
    assert!(findings.iter().any(|f| f.rule == zfxxgk::Rule::CellBlank));
    assert!(r.unplaced.is_empty(), "{:?}", r.unplaced);
}

// ---------------------------------------------------------------- round trips

#[test]
fn every_corpus_report_round_trips_through_docx() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus/expected");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".cells.csv"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 10);
    for path in paths {
        let mut report = load(&path);
        // The date goes in the line under the title, and comes back from it.
        report.published = Some(time::macros::date!(2025 - 01 - 20));
        let bytes = docx::to_bytes(&report).unwrap();
        let reading = docx::read(&bytes).unwrap();
        assert_eq!(
            cells::to_string(&reading.report).unwrap(),
            cells::to_string(&report).unwrap(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn a_cell_origin_points_at_its_text_in_the_visible_text() {
    let report = load(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/corpus/expected/008_huaian-city-2024-pypdf.cells.csv"),
    );
    let bytes = docx::to_bytes(&report).unwrap();
    let doc = docx::document(&bytes).unwrap();
    let reading = docx::read(&bytes).unwrap();
    let a = Address::from_keys("applications", "received", "natural_person").unwrap();
    let cell = reading.report.cell(a).unwrap();
    let origin = cell.origin.clone().unwrap();
    assert_eq!(&doc.text[origin.bytes.clone()], cell.source_text());
    let line = doc.text.lines().nth(origin.line - 1).unwrap();
    assert!(
        line.starts_with("一、本年新收政府信息公开申请数量\t"),
        "{line}"
    );
}

fn entry(ty: CellType) -> impl Strategy<Value = Entry> {
    let number = match ty {
        CellType::Count => (0u64..100_000).prop_map(Number::Count).boxed(),
        CellType::Change => (-50i64..50).prop_map(Number::Change).boxed(),
        _ => (0i64..100_000_000, 0u32..3)
            .prop_map(|(m, s)| Number::Amount(Decimal::new(m, s)))
            .boxed(),
    };
    prop_oneof![6 => number.prop_map(Entry::Value), 2 => Just(Entry::Blank)]
}

/// Reports of both editions, cells random (so sums are mostly wrong) or blank.
fn report() -> impl Strategy<Value = Report> {
    (
        prop_oneof![Just(Edition::E2019), Just(Edition::E2021)],
        2019u16..2026,
    )
        .prop_flat_map(|(edition, year)| {
            let r = Report::new("某县某局", year, edition);
            let addresses = r.addresses();
            let entries: Vec<_> = addresses.iter().map(|a| entry(a.cell_type())).collect();
            (Just(r), Just(addresses), entries)
        })
        .prop_map(|(mut r, addresses, entries)| {
            for (a, entry) in addresses.into_iter().zip(entries) {
                r.set(
                    a,
                    Cell {
                        entry,
                        origin: None,
                    },
                );
            }
            r
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn generated_reports_round_trip(r in report()) {
        let bytes = docx::to_bytes(&r).unwrap();
        let back = docx::read(&bytes).unwrap();
        prop_assert_eq!(cells::to_string(&back.report).unwrap(), cells::to_string(&r).unwrap());
    }
}

// ---------------------------------------------------------------- structure

#[test]
fn grid_span_v_merge_grid_before_and_h_merge_make_the_grid() {
    let body = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}</w:tr></w:tbl>",
        tc("A", "<w:vMerge w:val=\"restart\"/>"),
        tc("B", "<w:gridSpan w:val=\"2\"/>"),
        tc("kept", "<w:vMerge/>"),
        tc("C", ""),
        tc("D", "<w:hMerge w:val=\"continue\"/>"),
        tc("E", ""),
        tc("F", ""),
    );
    let doc = docx::document(&docx_of(&body)).unwrap();
    let t = &doc.tables[0];
    assert_eq!((t.height(), t.width()), (3, 3));
    let a = t.cell(1, 0).unwrap();
    assert_eq!((a.row, a.rowspan), (0, 2));
    // The text of a continuing cell is not lost: it joins the merged cell's.
    assert_eq!(a.text.text, "A\nkept");
    assert_eq!(t.cell(0, 2).unwrap().text.text, "B");
    let c = t.cell(1, 2).unwrap();
    assert_eq!((c.column, c.colspan, c.text.text.as_str()), (1, 2, "C\nD"));
    assert_eq!(t.text(2, 1), Some("E"));
    assert_eq!(t.text(2, 2), Some("F"));
}

/// A vertically merged cell with a long text reaching down many rows would be copied into each
/// of them: past [`zfxxgk::place::grid::MAX_SPANNED_TEXT`] bytes of copies the document is
/// refused, as an HTML page is, before any copy is made.
#[test]
fn text_repeated_down_a_v_merge_past_the_spanned_text_limit_is_refused() {
    use zfxxgk::place::grid::MAX_SPANNED_TEXT;
    // A cell of `len` bytes merged down 100 rows: 99 copies beyond its own row.
    let doc = |len: usize| {
        let mut body = format!(
            "<w:tbl><w:tr>{}{}</w:tr>",
            tc(&"x".repeat(len), "<w:vMerge w:val=\"restart\"/>"),
            tc("1", "")
        );
        for _ in 0..99 {
            body.push_str(&format!(
                "<w:tr>{}{}</w:tr>",
                tc("", "<w:vMerge/>"),
                tc("1", "")
            ));
        }
        body.push_str("</w:tbl>");
        docx_of(&body)
    };
    let at_limit = MAX_SPANNED_TEXT / 99;
    let t = docx::document(&doc(at_limit)).unwrap();
    assert_eq!(t.tables[0].cell(99, 0).unwrap().rowspan, 100);
    let err = docx::read(&doc(at_limit + 1)).unwrap_err();
    assert!(
        matches!(err, ReadError::TooMany { limit, .. } if limit == MAX_SPANNED_TEXT),
        "{err}"
    );
    assert!(
        err.to_string().ends_with(
            "expected at most 1000000 bytes of cell text repeated into the rows a \
                        vMerge reaches (all tables together), found more"
        ),
        "{err}"
    );
}

#[test]
fn nested_tables_are_tables_of_their_own() {
    let inner = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>inner</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    let body = format!(
        "<w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
        p("x")
    );
    let doc = docx::document(&docx_of(&body)).unwrap();
    assert_eq!(doc.tables.len(), 2);
    assert_eq!(doc.tables[0].text(0, 0), Some(""));
    assert_eq!(doc.tables[0].text(0, 1), Some("x"));
    assert_eq!(doc.tables[1].text(0, 0), Some("inner"));
}

#[test]
fn list_numbers_are_written_out_as_the_text_reader_reads_them() {
    let numbering = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="4"/></w:num></w:numbering>"#;
    let heading = |t: &str| {
        format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"
        )
    };
    let body = [
        p("某县某局2024年政府信息公开工作年度报告"),
        heading("总体情况"),
        p("本年度我局认真贯彻落实条例。"),
        heading("主动公开政府信息情况"),
    ]
    .concat();
    let bytes = package(&[
        ("word/document.xml", document_xml(&body).as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
    ]);
    let doc = docx::document(&bytes).unwrap();
    assert!(doc.text.contains("\n一、总体情况\n"), "{}", doc.text);
    assert!(
        doc.text.contains("\n二、主动公开政府信息情况\n"),
        "{}",
        doc.text
    );
    let reading = docx::read(&bytes).unwrap();
    assert_eq!(
        reading.report.prose.overview.as_deref(),
        Some("本年度我局认真贯彻落实条例。")
    );
}

#[test]
fn entities_breaks_and_deleted_text() {
    let body = "<w:p><w:r><w:t>a&amp;b&#x4E00;</w:t><w:br/><w:t>c</w:t></w:r><w:del><w:r><w:delText>gone</w:delText><w:t>gone too</w:t></w:r></w:del></w:p>";
    let doc = docx::document(&docx_of(body)).unwrap();
    assert_eq!(doc.text, "a&b一\nc\n");
}

#[test]
fn tab_stops_are_not_tabs() {
    let body = "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr><w:r><w:t>一、</w:t><w:tab/><w:t>总体情况</w:t></w:r></w:p>";
    let doc = docx::document(&docx_of(body)).unwrap();
    assert_eq!(doc.text, "一、\t总体情况\n");
}

#[test]
fn a_cut_document_is_an_error_saying_where_it_stopped() {
    let xml = document_xml(&format!(
        "{}<w:tbl><w:tr>{}</w:tr><w:tr>{}</w:tr></w:tbl>",
        p("title"),
        tc("1", ""),
        tc("2", "")
    ));
    let cut = xml.find("</w:tr><w:tr>").unwrap() + "</w:tr>".len();
    let bytes = package(&[("word/document.xml", &xml.as_bytes()[..cut])]);
    let err = docx::read(&bytes).unwrap_err();
    let ReadError::Docx { part, at, found } = &err else {
        panic!("{err}");
    };
    assert_eq!(part, "word/document.xml");
    assert_eq!(*at, Some(cut as u64));
    let opened = xml.find("<w:tbl>").unwrap();
    assert!(
        found.contains(&format!(
            "a table (<w:tbl>) opened at byte {opened} not closed"
        )),
        "{err}"
    );
    // Cut inside a tag: the XML parser's error, with its byte.
    let bytes = package(&[("word/document.xml", &xml.as_bytes()[..cut - 3])]);
    assert!(matches!(
        docx::read(&bytes),
        Err(ReadError::Docx { at: Some(_), .. })
    ));
}

#[test]
fn not_a_docx() {
    assert!(matches!(
        docx::read(b"PK\x03\x04 not really"),
        Err(ReadError::Docx { ref part, .. }) if part == "zip"
    ));
    let bytes = package(&[("word/other.xml", b"<x/>")]);
    let err = docx::read(&bytes).unwrap_err();
    assert!(err.to_string().contains("no word/document.xml"), "{err}");
    let bytes = package(&[("word/document.xml", b"<w:document xmlns:w=\"w\"/>")]);
    let err = docx::read(&bytes).unwrap_err();
    assert!(err.to_string().contains("no document body"), "{err}");
}

// ---------------------------------------------------------------- limits

#[test]
fn limit_file_size() {
    let bytes = template();
    let err = docx::read_with(&bytes, &Limits::default().bytes(1000)).unwrap_err();
    assert!(
        matches!(err, ReadError::TooLarge { limit: 1000, .. }),
        "{err}"
    );
    assert_eq!(Limits::default().bytes, docx::MAX_BYTES);
}

#[test]
fn limit_unpacked_xml_stops_a_zip_bomb() {
    // 4 MiB of spaces compress to a few KiB.
    let mut xml = document_xml(&p("x")).into_bytes();
    xml.extend(std::iter::repeat_n(b' ', 4 << 20));
    let bytes = package(&[("word/document.xml", &xml)]);
    assert!(bytes.len() < 64 << 10);
    let err = docx::read_with(&bytes, &Limits::default().xml(1 << 20)).unwrap_err();
    assert!(
        matches!(err, ReadError::TooMany { what: "bytes of XML unpacked", limit, .. } if limit == 1 << 20),
        "{err}"
    );
    // The template's parts unpack to less than the default.
    assert!(docx::document(&template()).is_ok());
}

#[test]
fn limit_xml_elements() {
    let err = docx::read_with(&template(), &Limits::default().elements(1000)).unwrap_err();
    assert!(
        matches!(
            err,
            ReadError::TooMany {
                what: "XML elements",
                limit: 1000,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn limit_table_cells() {
    let err = docx::read_with(&template(), &Limits::default().cells(100)).unwrap_err();
    assert!(
        matches!(
            err,
            ReadError::TooMany {
                what: "table cells",
                limit: 100,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn limit_nested_tables() {
    let mut body = p("x");
    for _ in 0..5 {
        body = format!("<w:tbl><w:tr><w:tc>{body}</w:tc></w:tr></w:tbl>");
    }
    let bytes = docx_of(&body);
    assert_eq!(docx::document(&bytes).unwrap().tables.len(), 5);
    let err = docx::read_with(&bytes, &Limits::default().nesting(4)).unwrap_err();
    assert!(
        matches!(
            err,
            ReadError::TooMany {
                what: "levels of tables nested in table cells",
                limit: 4,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn limit_grid_positions() {
    // 1100 rows of one cell spanning 1000 columns: 1.1 million grid positions.
    let row = format!("<w:tr>{}</w:tr>", tc("", "<w:gridSpan w:val=\"1000\"/>"));
    let body = format!("<w:tbl>{}</w:tbl>", row.repeat(1100));
    let err = docx::read(&docx_of(&body)).unwrap_err();
    assert!(
        matches!(
            err,
            ReadError::TooMany {
                limit: zfxxgk::place::grid::MAX_GRID,
                ..
            }
        ),
        "{err}"
    );
}

// ---------------------------------------------------------------- never a panic

fn written() -> Vec<u8> {
    let report = load(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/corpus/expected/010_hongze-district-2023-pypdf.cells.csv"),
    );
    docx::to_bytes(&report).unwrap()
}

#[test]
fn truncated_files_and_documents_are_errors_not_panics() {
    for bytes in [template(), written()] {
        for i in 0..64 {
            let cut = bytes.len() * i / 64;
            let _ = docx::read(&bytes[..cut]);
        }
        let (_, xml) = parts(&bytes)
            .into_iter()
            .find(|(n, _)| n == "word/document.xml")
            .unwrap();
        for i in 1..64 {
            let cut = xml.len() * i / 64;
            let copy = with_part(&bytes, "word/document.xml", |x| x[..cut].to_vec());
            let err = docx::read(&copy).unwrap_err();
            assert!(matches!(err, ReadError::Docx { .. }), "cut at {cut}: {err}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn mutated_documents_never_panic(
        which in 0usize..2,
        edits in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 1..8),
        delete in proptest::option::of((0.0f64..1.0, 1usize..200)),
    ) {
        let bytes = if which == 0 { template() } else { written() };
        let copy = with_part(&bytes, "word/document.xml", |xml| {
            let mut x = xml.to_vec();
            for (at, b) in &edits {
                let i = ((x.len() as f64) * at) as usize;
                if let Some(slot) = x.get_mut(i) {
                    *slot = *b;
                }
            }
            if let Some((at, n)) = delete {
                let i = ((x.len() as f64) * at) as usize;
                let end = (i + n).min(x.len());
                x.drain(i..end);
            }
            x
        });
        if let Ok(reading) = docx::read(&copy) {
            let _ = reading.check();
            let _ = docx::to_bytes(&reading.report).unwrap();
        }
    }

    #[test]
    fn mutated_packages_never_panic(
        edits in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 1..8),
    ) {
        let mut bytes = template();
        let len = bytes.len();
        for (at, b) in &edits {
            bytes[((len as f64) * at) as usize % len] = *b;
        }
        let _ = docx::read(&bytes);
    }
}
