//! Inputs the fuzzers (`fuzz/`, see FUZZING.md) found to crash, hang or blow up, and one test
//! per limit of LIMITS (README.md, `## Limits`): past each limit the reader gives its error,
//! never a panic or a long run.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::arithmetic_side_effects,
    reason = "tests fail loudly"
)]

use std::time::{Duration, Instant};

use zfxxgk::{ReadError, cells, detect, text};

/// Runs `f` and fails when it takes longer than `limit` (generous: debug builds on a loaded
/// machine; the quadratic versions of these inputs took minutes).
fn within<T>(limit: Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < limit, "took {took:?}, expected under {limit:?}");
    out
}

fn title() -> &'static str {
    "某县某局2024年政府信息公开工作年度报告"
}

// ---- Input sizes ------------------------------------------------------------------------

#[test]
fn text_input_over_the_limit_is_refused() {
    let big = "一".repeat(text::MAX_INPUT / 3 + 1);
    let err = text::read(&big).unwrap_err();
    assert!(
        matches!(err, ReadError::TooLarge { limit, .. } if limit == text::MAX_INPUT),
        "{err}"
    );
    let err = text::read_with_limit(title(), 10).unwrap_err();
    assert_eq!(err.to_string(), "expected at most 10 bytes, found 55");
}

#[test]
fn cells_input_over_the_limit_is_refused() {
    let err = cells::read_with_limit("table,row,column,value\n", 4).unwrap_err();
    assert_eq!(err.to_string(), "expected at most 4 bytes, found 23");
    let big = format!("table,row,column,value\n{}", " ".repeat(cells::MAX_INPUT));
    assert!(matches!(
        cells::read(&big).unwrap_err(),
        ReadError::TooLarge { limit, .. } if limit == cells::MAX_INPUT
    ));
}

#[cfg(feature = "serde")]
#[test]
fn json_input_over_the_limit_is_refused() {
    use zfxxgk::json;
    let err = json::read_with_limit("{}", 1).unwrap_err();
    assert_eq!(err.to_string(), "expected at most 1 bytes, found 2");
    let big = format!("{{{}}}", " ".repeat(json::MAX_INPUT));
    assert!(matches!(
        json::read(&big).unwrap_err(),
        ReadError::TooLarge { limit, .. } if limit == json::MAX_INPUT
    ));
}

#[cfg(feature = "serde")]
#[test]
fn json_nesting_is_bounded() {
    // Under a key the reader knows and under one it does not: an error, no stack overflow.
    for key in ["issuer", "extra"] {
        let deep = format!(
            "{{\"{key}\":{}{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let read = within(Duration::from_secs(10), || zfxxgk::json::read(&deep));
        assert!(read.is_err());
    }
}

#[test]
fn any_input_over_the_limit_is_refused() {
    let big = vec![b' '; detect::DEFAULT_LIMIT + 1];
    assert!(matches!(
        detect::read_any(&big, None).unwrap_err(),
        ReadError::TooLarge { limit, .. } if limit == detect::DEFAULT_LIMIT
    ));
}

/// A document (here a PDF: a header, then padding) between the text limit and the document
/// limit reaches its reader, which refuses it for what it is, not for its size; past the
/// document limit it is refused unread.
#[test]
fn documents_have_the_document_limit() {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.resize(detect::DEFAULT_LIMIT + 1, b' ');
    let err = detect::read_any(&pdf, None).unwrap_err();
    assert!(
        !matches!(err, ReadError::TooLarge { .. }),
        "{err:?}: a 16 MiB PDF is refused for its size"
    );
    pdf.resize(detect::DOCUMENT_LIMIT + 1, b' ');
    assert!(matches!(
        detect::read_any(&pdf, None).unwrap_err(),
        ReadError::TooLarge { limit, .. } if limit == detect::DOCUMENT_LIMIT
    ));
}

// ---- HTML -------------------------------------------------------------------------------

#[cfg(feature = "html")]
mod html {
    use super::*;
    use zfxxgk::html;

    #[test]
    fn html_input_over_the_limit_is_refused() {
        let err =
            html::read_with(b"<table></table>", &html::Options::default().limit(5)).unwrap_err();
        assert_eq!(err.to_string(), "expected at most 5 bytes, found 15");
        let big = vec![b' '; html::DEFAULT_LIMIT + 1];
        assert!(matches!(
            html::read(&big).unwrap_err(),
            ReadError::TooLarge { .. }
        ));
    }

    /// Found by the `html` fuzzer (1 execution a second on 40 KiB pages): the line of each
    /// cell was found by counting the line breaks before it, so a page with many cells on
    /// many lines took time quadratic in its size.
    #[test]
    fn many_cells_on_many_lines_read_in_linear_time() {
        let mut page = format!(
            "<html><head><title>{}</title></head><body><table>\n",
            title()
        );
        for _ in 0..20_000 {
            page.push_str("<tr><td>一、本年新收政府信息公开申请数量</td>\n<td>1</td>\n</tr>\n");
        }
        page.push_str("</table></body></html>");
        let _ = within(Duration::from_secs(60), || html::read_str(&page));
    }

    /// Each table's rows were found by walking all of its descendants, and each cell's text
    /// took in the text of the tables nested in it, so deeply nested tables took time (and
    /// text) quadratic in their depth: 5 000 levels took a minute, 20 000 now take a second.
    #[test]
    fn nested_tables_read_in_linear_time() {
        let mut page = format!("<html><head><title>{}</title></head><body>", title());
        for _ in 0..20_000 {
            page.push_str("<table><tr><td>1");
        }
        page.push_str("</body></html>");
        let _ = within(Duration::from_secs(60), || html::read_str(&page));
    }

    /// `rowspan`/`colspan` may expand the page's tables to [`html::MAX_GRID`] positions, all
    /// tables together; past it the page is refused.
    #[test]
    fn spans_past_the_grid_limit_are_refused() {
        let mut page = format!("<html><head><title>{}</title></head><body>", title());
        // Two tables of 1000 × 600 positions each: each alone is under the limit.
        for _ in 0..2 {
            page.push_str("<table><tr><td colspan=\"1000\" rowspan=\"0\">1</td></tr>");
            page.push_str(&"<tr></tr>".repeat(599));
            page.push_str("</table>");
        }
        page.push_str("</body></html>");
        let err = within(Duration::from_secs(60), || html::read_str(&page)).unwrap_err();
        assert!(
            matches!(err, ReadError::TooMany { limit, .. } if limit == html::MAX_GRID),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            "table 2: expected at most 1000000 grid positions (cells expanded by rowspan and \
             colspan, all tables together), found more"
        );
    }

    /// The text `rowspan`s repeat into the rows they reach may be [`html::MAX_SPANNED_TEXT`]
    /// bytes, all tables together; past it the page is refused.
    #[test]
    fn text_repeated_past_the_spanned_text_limit_is_refused() {
        // A cell of `len` bytes reaching down 100 rows: 99 copies beyond its own row.
        let page = |len: usize| {
            let mut page = format!("<html><head><title>{}</title></head><body>", title());
            page.push_str("<table><tr><td rowspan=\"100\">");
            page.push_str(&"x".repeat(len));
            page.push_str("</td><td>1</td></tr>");
            page.push_str(&"<tr><td>1</td></tr>".repeat(99));
            page.push_str("</table></body></html>");
            page
        };
        let at_limit = html::MAX_SPANNED_TEXT / 99;
        let read = within(Duration::from_secs(60), || html::read_str(&page(at_limit)));
        assert!(
            !matches!(read, Err(ReadError::TooMany { .. })),
            "{:?}",
            read.err()
        );
        let err = within(Duration::from_secs(60), || {
            html::read_str(&page(at_limit + 1))
        })
        .unwrap_err();
        assert!(
            matches!(err, ReadError::TooMany { limit, .. } if limit == html::MAX_SPANNED_TEXT),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            "table 1: expected at most 1000000 bytes of cell text repeated into the rows a \
             rowspan reaches (all tables together), found more"
        );
    }

    /// A span is cut to [`html::MAX_SPAN`].
    #[test]
    fn spans_are_cut_to_the_span_limit() {
        let page = "<table><tr><td colspan=\"5000\">1</td></tr></table>";
        let p = html::page(page);
        assert_eq!(p.tables[0].width(), html::MAX_SPAN);
    }
}

// ---- XLSX -------------------------------------------------------------------------------

#[cfg(feature = "xlsx")]
mod xlsx {
    use super::*;
    use zfxxgk::xlsx;

    /// calamine's dense `Range` of a sheet with one cell at `A1` and one at `XFD1048576` is 17
    /// billion cells: the reader aborted on the allocation. It now streams the cells.
    #[test]
    fn far_apart_cells_do_not_allocate_the_whole_sheet() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, title()).unwrap();
        sheet.write_string(1_048_575, 16_383, "自然人").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let _ = within(Duration::from_secs(30), || xlsx::read(&bytes));
    }

    #[test]
    fn sheets_past_the_cell_limit_are_refused() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let per_row = 100u16;
        let rows = u32::try_from(xlsx::MAX_CELLS).unwrap() / u32::from(per_row) + 1;
        for r in 0..rows {
            for c in 0..per_row {
                sheet.write_number(r, c, 1.0).unwrap();
            }
        }
        let bytes = book.save_to_buffer().unwrap();
        let err = within(Duration::from_secs(60), || xlsx::read(&bytes)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "sheet Sheet1: expected at most 100000 non-empty cells, found more"
        );
    }

    /// Found by the `xlsx` fuzzer: a cell reference of more than 3 letters or 7 digits made
    /// calamine's unchecked 32-bit arithmetic overflow (a panic in debug builds, a wrong cell in
    /// release builds). The reader now checks the references before calamine parses them.
    #[test]
    fn long_cell_references_are_refused() {
        assert_worksheet_refused(
            "xlsx-long-cell-reference.xlsx",
            "expected cell references up to XFD1048576",
        );
    }

    /// Found by review (session 13): the same long references with white space around the `=`
    /// (`r = "AAAAAAAAAAAAA1"`, which XML allows and calamine reads) passed the check and made
    /// calamine's arithmetic overflow, in a cell's and in a row's reference.
    #[test]
    fn long_references_with_white_space_around_the_equals_sign_are_refused() {
        assert_worksheet_refused(
            "xlsx-spaced-long-cell-reference.xlsx",
            "expected cell references up to XFD1048576, found `AAAAAAAAAAAAA1`",
        );
        assert_worksheet_refused(
            "xlsx-spaced-long-row-number.xlsx",
            "expected cell references up to XFD1048576, found `99999999999`",
        );
    }

    /// Found by review (session 13): calamine finds a worksheet part by its name read with `\`
    /// as `/` and in any case, and takes the name its relationship gives even without an
    /// extension; the check looked at `xl/worksheets/*.xml` only, so a long reference in
    /// `XL/Worksheets/Sheet1.xml`, `xl\worksheets\sheet1.xml` or `xl/worksheets/sheet1` made
    /// its arithmetic overflow. The message names the part as the archive does.
    #[test]
    fn long_references_in_worksheets_named_otherwise_are_refused() {
        for (file, part) in [
            (
                "xlsx-long-reference-in-upper-case-part.xlsx",
                "XL/Worksheets/Sheet1.xml",
            ),
            (
                "xlsx-long-reference-in-backslash-part.xlsx",
                "xl\\worksheets\\sheet1.xml",
            ),
            (
                "xlsx-long-reference-in-part-without-extension.xlsx",
                "xl/worksheets/sheet1",
            ),
        ] {
            assert_eq!(
                refusal(file).to_string(),
                format!(
                    "expected an XLSX workbook, found one the reader rejects: {part}: expected \
                     cell references up to XFD1048576, found `AAAAAAAAAAAAA1`"
                ),
                "{file}"
            );
        }
    }

    /// Found by review (session 13): a shared strings part announcing `uniqueCount="4000000000"`
    /// (a 10 KB workbook) made calamine reserve room for 4 billion strings, 96 GB: the
    /// allocation failed and aborted the process (no panic to catch: the CLI, `zfxxgk serve`
    /// and a Python host died with it); `18446744073709551615` overflowed the capacity. Both are
    /// refused, naming the part and how many strings it holds.
    #[test]
    fn shared_strings_announced_past_what_the_part_holds_are_refused() {
        for (file, count) in [
            ("xlsx-overannounced-shared-strings.xlsx", "4000000000"),
            (
                "xlsx-overannounced-shared-strings-max.xlsx",
                "18446744073709551615",
            ),
        ] {
            assert_eq!(
                refusal(file).to_string(),
                format!(
                    "expected an XLSX workbook, found one the reader rejects: \
                     xl/sharedStrings.xml: expected a count of shared strings up to the 78 the \
                     part holds, found `uniqueCount=\"{count}\"`"
                ),
                "{file}"
            );
        }
    }

    /// The error `xlsx::read` gives for `tests/data/fuzz/FILE` (a test failure if it reads).
    fn refusal(file: &str) -> zfxxgk::ReadError {
        let path = format!("{}/tests/data/fuzz/{file}", env!("CARGO_MANIFEST_DIR"));
        xlsx::read(&std::fs::read(path).unwrap()).unwrap_err()
    }

    /// Reads `tests/data/fuzz/FILE` and asserts that the reader refuses it for a worksheet part,
    /// with `saying` in the message.
    fn assert_worksheet_refused(file: &str, saying: &str) {
        let err = refusal(file);
        assert!(
            err.to_string().starts_with(
                "expected an XLSX workbook, found one the reader rejects: xl/worksheets/"
            ),
            "{err}"
        );
        assert!(err.to_string().contains(saying), "{err}");
    }

    /// Found by the `xlsx` fuzzer (session 12): a worksheet whose `dimension` ends before it
    /// starts (`v7:O60`, column V to column O) made calamine subtract with overflow (a panic in
    /// debug builds). The reader now refuses it, naming the part, before calamine parses it.
    #[test]
    fn reversed_dimensions_are_refused() {
        assert_worksheet_refused(
            "xlsx-reversed-dimension.xlsx",
            "expected a dimension from its top left cell to its bottom right, found `v7:O60`",
        );
    }

    /// A workbook whose XML unpacks past `MAX_UNZIPPED` is refused before it is parsed.
    #[test]
    fn workbooks_unpacking_past_the_limit_are_refused() {
        use std::io::Write as _;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/sharedStrings.xml", options).unwrap();
        let block = vec![b' '; 1024 * 1024];
        for _ in 0..=xlsx::MAX_UNZIPPED / block.len() {
            zip.write_all(&block).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        assert!(bytes.len() < xlsx::MAX_BYTES);
        let err = within(Duration::from_secs(120), || xlsx::read(&bytes)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "workbook: expected at most 268435456 bytes of XML unpacked, found more"
        );
    }

    #[test]
    fn xlsx_input_over_the_limit_is_refused() {
        let big = vec![0u8; xlsx::MAX_BYTES + 1];
        assert!(matches!(
            xlsx::read(&big).unwrap_err(),
            ReadError::TooLarge { limit, .. } if limit == xlsx::MAX_BYTES
        ));
    }
}

// ---- Text -------------------------------------------------------------------------------

/// A value run longer than `MAX_RUN_DIGITS` is not split (the search for splits grows
/// exponentially with the run): it is kept unplaced and reported, and the reading is quick.
#[test]
fn digit_runs_past_the_limit_are_left_unplaced() {
    use zfxxgk::place::assemble::MAX_RUN_DIGITS;
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/corpus/raw/003_pingtan-2021.txt"
    );
    let raw = std::fs::read_to_string(path).unwrap();
    let run = "一、本年新收政府信息公开申请数量640020470";
    assert!(raw.contains(run));
    for digits in [MAX_RUN_DIGITS + 1, 10_000] {
        let long = format!("一、本年新收政府信息公开申请数量{}", "1".repeat(digits));
        let text = raw.replace(run, &long);
        let reading = within(Duration::from_secs(30), || text::read(&text)).unwrap();
        let unplaced = reading
            .report
            .unplaced
            .iter()
            .any(|u| format!("{u:?}").contains(&"1".repeat(digits)));
        assert!(unplaced, "{digits}: {:#?}", reading.report.unplaced);
    }
}

/// `series.copied-prose` compares passages in quadratic time; past `PASSAGE_LIMIT` (the
/// product of the lengths) it does not compare.
#[test]
fn long_prose_is_not_compared() {
    use zfxxgk::analysis::series;
    let long = "政务公开".repeat(5_000);
    assert!(long.chars().count().pow(2) > series::PASSAGE_LIMIT / 1000);
    let huge = "政".repeat(9_000);
    let _ = within(Duration::from_secs(60), || series::similarity(&huge, &huge));
    let _ = within(Duration::from_secs(60), || series::similarity(&long, &long));
}

// ---- Round trips --------------------------------------------------------------------------

/// The round trips the `roundtrip` fuzzer holds the readers to: the cells CSV is a fixed point
/// and JSON gives the same report back.
fn assert_round_trips(report: &zfxxgk::Report) {
    let csv = cells::to_string(report).unwrap();
    let again = cells::read(&csv).unwrap();
    assert_eq!(cells::to_string(&again.report).unwrap(), csv);
    #[cfg(feature = "serde")]
    {
        let js = zfxxgk::json::to_string(report).unwrap();
        assert_eq!(&zfxxgk::json::read(&js).unwrap().report, report);
    }
}

/// Found by the `roundtrip` fuzzer: the text reader reads a report whose title names no
/// issuer (and says so); the cells CSV writer wrote its blank issuer and the cells CSV reader
/// refused it. A blank issuer is now read, and reported once, by validation, as
/// `structure.missing` at `report/issuer` (the cells reader adds no note of its own).
#[test]
fn a_report_without_issuer_round_trips() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/fuzz/text-without-issuer.txt"
    );
    let reading = text::read(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(reading.report.issuer.as_str(), "");
    assert_round_trips(&reading.report);
    let csv = cells::to_string(&reading.report).unwrap();
    let again = cells::read(&csv).unwrap();
    let about_issuer: Vec<_> = again
        .check()
        .into_iter()
        .filter(|f| f.location.row.as_deref() == Some("issuer"))
        .collect();
    assert_eq!(about_issuer.len(), 1, "{about_issuer:?}");
    assert_eq!(about_issuer[0].rule, zfxxgk::Rule::StructureMissing);
    assert_eq!(about_issuer[0].location.to_string(), "report/issuer");
    assert_eq!(about_issuer[0].message, "发布机关：报告未写明");
    // The text reader's note says something else (where it looked), and is kept.
    let notes: Vec<_> = reading
        .check()
        .into_iter()
        .filter(|f| f.location.row.as_deref() == Some("issuer"))
        .map(|f| f.rule)
        .collect();
    assert_eq!(
        notes,
        [zfxxgk::Rule::ReadUnplaced, zfxxgk::Rule::StructureMissing]
    );
}

/// An issuer with white space around it is kept as written, as JSON keeps it.
#[test]
fn an_issuer_is_kept_as_written() {
    let report = zfxxgk::Report::new(" 某县某局 ", 2024, zfxxgk::Edition::E2021);
    assert_round_trips(&report);
}

// ---- Issue 15: the prose check was cubic in the figures of one clause ---------------------

/// 淮安 2024 as PDF text with one sentence of `行政复议结果维持12件` repeated `n` times
/// appended (1 000 repetitions: 29 KB, a 37 KB file that took 8 s), read and its prose checked:
/// the findings and the steps of the prose check.
fn huaian_with_sentence(n: usize) -> (usize, u64) {
    let path = format!(
        "{}/tests/data/corpus/raw/008_huaian-city-2024-pypdf.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut text = std::fs::read_to_string(path).unwrap();
    text.push('\n');
    text.push_str(&"行政复议结果维持12件".repeat(n));
    text.push_str("。\n");
    let reading = text::read(&text).unwrap();
    let (found, steps) = zfxxgk::analysis::narrative::check_counting(&reading.report);
    (found.len(), steps)
}

#[test]
fn the_huaian_text_with_a_29_kb_sentence_checks_in_proportion_to_its_size() {
    let (_, base) = huaian_with_sentence(0);
    let (found_250, steps_250) = huaian_with_sentence(250);
    let (found_1000, steps_1000) = huaian_with_sentence(1000);
    // One figure per repetition (行政复议 / 结果维持 is not 12 in the table).
    assert_eq!(found_1000 - found_250, 750);
    // The work the sentence adds grows with it: 4× the repetitions, at most 4.4× the steps.
    let added = |steps: u64| (steps - base) as f64;
    let growth = added(steps_1000) / added(steps_250);
    assert!(growth <= 4.4, "4× the sentence took {growth:.2}× the work");
}
