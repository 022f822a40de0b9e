//! The PDF reader on the published files behind corpus 008, 010 and 011: each must read to
//! exactly the expected cells and findings of the text extractions of the same report.
#![cfg(feature = "pdf")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "test harness: failing loudly is the point"
)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use zfxxgk::{Cell, Severity, cells};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");

/// Each original and the corpus report whose expected files it must match.
const ORIGINALS: &[(&str, &str)] = &[
    ("huaian-city-2024.pdf", "008_huaian-city-2024-pypdf"),
    ("hongze-district-2023.pdf", "010_hongze-district-2023-pypdf"),
    ("hongze-district-2024.pdf", "011_hongze-district-2024-pypdf"),
];

fn original(name: &str) -> Vec<u8> {
    fs::read(Path::new(DATA).join("originals").join(name)).unwrap()
}

fn expected(name: &str) -> PathBuf {
    Path::new(DATA).join("corpus").join("expected").join(name)
}

type FindingKey = (String, String, String, String, String);

fn expected_findings(name: &str) -> BTreeSet<FindingKey> {
    let text = fs::read_to_string(expected(&format!("{name}.findings.json"))).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let s = |x: &serde_json::Value| x.as_str().unwrap_or("").to_owned();
    v.as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let l = &f["location"];
            (
                s(&f["rule"]),
                s(&f["severity"]),
                s(&l["table"]),
                s(&l["row"]),
                s(&l["column"]),
            )
        })
        .collect()
}

fn read(bytes: &[u8]) -> zfxxgk::Reading {
    zfxxgk::pdf::read(bytes).unwrap()
}

#[test]
fn the_originals_read_cell_for_cell() {
    compare_all(read);
}

/// The same files with every ruling line removed: read by the glyphs' positions alone.
#[test]
fn the_originals_without_their_rules_read_by_position() {
    compare_all(|bytes| {
        let mut pages = zfxxgk::pdf::pages(bytes, &zfxxgk::pdf::Limits::default()).unwrap();
        for p in &mut pages {
            p.rules.clear();
        }
        zfxxgk::pdf::read_pages(&pages).unwrap()
    });
}

fn compare_all(reader: impl Fn(&[u8]) -> zfxxgk::Reading) {
    let mut problems = Vec::new();
    let mut table = String::new();
    for (file, name) in ORIGINALS {
        let reading = reader(&original(file));
        let want =
            cells::read(&fs::read_to_string(expected(&format!("{name}.cells.csv"))).unwrap())
                .unwrap()
                .report;
        let got = &reading.report;
        let (mut right, mut total) = (0usize, 0usize);
        for (key, w, h) in [
            ("issuer", want.issuer.to_string(), got.issuer.to_string()),
            ("year", want.year.to_string(), got.year.to_string()),
            ("edition", want.edition.to_string(), got.edition.to_string()),
        ] {
            total += 1;
            if w == h {
                right += 1;
            } else {
                problems.push(format!("{file}: report/{key}: expected `{w}`, read `{h}`"));
            }
        }
        for address in want.addresses() {
            total += 1;
            let w = want.cell(address).map(Cell::csv_text).unwrap_or_default();
            let h = got.cell(address).map(Cell::csv_text).unwrap_or_default();
            if w == h {
                right += 1;
            } else {
                problems.push(format!("{file}: {address}: expected `{w}`, read `{h}`"));
            }
        }
        for address in got.addresses() {
            if let Some(o) = got.cell(address).and_then(|c| c.origin.as_ref()) {
                let area = o
                    .page
                    .unwrap_or_else(|| panic!("{file}: {address}: no page"));
                assert!(
                    area.page >= 1 && area.x0 < area.x1 && area.y0 < area.y1,
                    "{area:?}"
                );
            }
            if want.cell(address).is_none() && got.cell(address).is_some_and(|c| !c.is_blank()) {
                problems.push(format!(
                    "{file}: {address}: read a value the report has not"
                ));
            }
        }
        let want_f = expected_findings(name);
        let have_f: BTreeSet<FindingKey> = reading
            .check()
            .into_iter()
            .filter(|f| {
                (f.rule.id().starts_with("applications.")
                    || f.rule.id() == "appeals.total"
                    || f.rule.id() == "structure.edition")
                    && matches!(f.severity, Severity::Error | Severity::Warning)
            })
            .map(|f| {
                let l = f.location;
                (
                    f.rule.id().to_owned(),
                    f.severity.key().to_owned(),
                    l.table,
                    l.row.unwrap_or_default(),
                    l.column.unwrap_or_default(),
                )
            })
            .collect();
        if want_f != have_f {
            problems.push(format!(
                "{file}: findings: expected {want_f:?}, found {have_f:?}"
            ));
        }
        table.push_str(&format!("{file:28} {right:4} / {total:4}\n"));
    }
    println!("cells right / cells expected\n{table}");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Made-up files: a minimal PDF writer for the tests below.
// ---------------------------------------------------------------------------------------------

/// A PDF of the object bodies given (numbered from 1; object 1 is the catalog), with a correct
/// cross-reference table, and `trailer` added to the trailer dictionary.
fn pdf(objects: &[Vec<u8>], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

fn zlib(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// UTF-16BE hex of `s`: the codes of font F1, whose ToUnicode map is the identity.
fn hex(s: &str) -> String {
    let h: String = s.encode_utf16().map(|u| format!("{u:04X}")).collect();
    format!("<{h}>")
}

const TITLE: &str = "某县某局2024年政府信息公开工作年度报告";

/// A report of one page per content given. Fonts: F1 (composite, identity ToUnicode), F2
/// (composite, no ToUnicode). `extra` objects follow the fixed ones (numbered from 7), and
/// `resources` is added to every page's resources.
fn report(contents: &[Vec<u8>], extra: &[Vec<u8>], resources: &str, trailer: &str) -> Vec<u8> {
    let n = contents.len();
    let first_page = 7 + extra.len();
    let kids: Vec<String> = (0..n)
        .map(|i| format!("{} 0 R", first_page + 2 * i))
        .collect();
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        1 beginbfrange <0000> <FFFF> <0000> endbfrange\nendcmap end end";
    let mut objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Count {n} /Kids [{}] >>", kids.join(" ")).into_bytes(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /TestSong /Encoding /Identity-H \
          /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>"
            .to_vec(),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestSong /DW 1000 /W [48 57 500] >>"
            .to_vec(),
        stream("", cmap),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /NoMapFont /Encoding /Identity-H \
          /DescendantFonts [4 0 R] >>"
            .to_vec(),
    ];
    objs.extend(extra.iter().cloned());
    for (i, c) in contents.iter().enumerate() {
        objs.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {} 0 R \
                 /Resources << /Font << /F1 3 0 R /F2 6 0 R >> {resources} >> >>",
                first_page + 2 * i + 1
            )
            .into_bytes(),
        );
        objs.push(stream("", c));
    }
    pdf(&objs, trailer)
}

fn title() -> String {
    format!("BT /F1 18 Tf 60 780 Td {} Tj ET\n", hex(TITLE))
}

/// A ruled one-row table of section 三's first row: a label cell and seven value cells, the
/// third blank.
fn table() -> String {
    let mut s = String::new();
    let xs = [60.0, 260.0, 300.0, 340.0, 380.0, 420.0, 460.0, 500.0, 540.0];
    for x in xs {
        s.push_str(&format!("{x} 600 m {x} 640 l S\n"));
    }
    s.push_str("60 600 m 540 600 l S 60 640 m 540 640 l S\n");
    s.push_str("60 640 m 540 640 l 540 680 l 60 680 l h S\n");
    s.push_str(&format!(
        "BT /F1 10 Tf 70 615 Td {} Tj ET\n",
        hex("一、本年新收政府信息公开申请数量")
    ));
    for (x, v) in xs.iter().skip(1).zip(["3", "1", "", "0", "0", "0", "4"]) {
        if !v.is_empty() {
            s.push_str(&format!(
                "BT /F1 10 Tf {} 615 Td {} Tj ET\n",
                x + 15.0,
                hex(v)
            ));
        }
    }
    s
}

fn pdf_error(bytes: &[u8], limits: zfxxgk::pdf::Limits) -> (Option<u32>, String) {
    match zfxxgk::pdf::read_with(bytes, &zfxxgk::pdf::Options::default().limits(limits)) {
        Err(zfxxgk::ReadError::Pdf { page, message, .. }) => (page, message),
        Err(e) => panic!("expected a PDF error, got {e}"),
        Ok(_) => panic!("expected a PDF error, the file was read"),
    }
}

#[test]
fn a_made_up_report_reads_with_its_ruled_table_and_origins() {
    use zfxxgk::{Address, ApplicantColumn as C, ApplicationRow as R};
    let content = format!("{}{}", title(), table());
    let bytes = report(&[content.into_bytes()], &[], "", "");
    let reading = read(&bytes);
    assert_eq!(reading.report.issuer.as_str(), "某县某局");
    assert_eq!(reading.report.year, 2024);
    let cell = |c| {
        reading
            .report
            .cell(Address::Applications(R::Received, c))
            .unwrap()
    };
    assert_eq!(cell(C::NaturalPerson).csv_text(), "3");
    assert_eq!(cell(C::Commercial).csv_text(), "1");
    assert_eq!(cell(C::Research).csv_text(), "");
    assert_eq!(cell(C::Total).csv_text(), "4");
    let area = cell(C::NaturalPerson)
        .origin
        .as_ref()
        .unwrap()
        .page
        .unwrap();
    assert_eq!(area.page, 1);
    assert!(
        (area.x0 - 260.0).abs() < 0.01 && (area.x1 - 300.0).abs() < 0.01,
        "{area:?}"
    );
    assert!(
        (area.y0 - 600.0).abs() < 0.01 && (area.y1 - 640.0).abs() < 0.01,
        "{area:?}"
    );
}

#[test]
fn glyphs_without_a_unicode_map_are_counted_not_guessed() {
    let content = format!("{}BT /F2 12 Tf 60 700 Td <00410042 0043> Tj ET\n", title());
    let bytes = report(&[content.into_bytes()], &[], "", "");
    let reading = read(&bytes);
    let f = reading
        .findings
        .iter()
        .find(|f| f.rule.id() == "read.unplaced" && f.message.contains("NoMapFont"))
        .expect("a finding naming the font");
    assert!(
        f.message.contains("第 1 页") && f.message.contains("3 个字形"),
        "{}",
        f.message
    );
    // Only the title's text was read: no character was invented for the unmapped glyphs.
    assert!(!reading.report.issuer.as_str().contains('A'));
}

#[test]
fn a_file_whose_only_font_has_no_map_says_which() {
    let content = b"BT /F2 12 Tf 60 700 Td <00410042> Tj ET\n".to_vec();
    let (_, message) = pdf_error(&report(&[content], &[], "", ""), Default::default());
    assert!(
        message.contains("NoMapFont") && message.contains("ToUnicode"),
        "{message}"
    );
}

#[test]
fn a_scan_says_there_is_no_text_layer() {
    let image = stream(
        "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8",
        b"\x80",
    );
    let content = b"q 595 0 0 842 0 0 cm /Im1 Do Q\n".to_vec();
    let bytes = report(&[content], &[image], "/XObject << /Im1 7 0 R >>", "");
    let (page, message) = pdf_error(&bytes, Default::default());
    assert_eq!(page, None);
    assert_eq!(
        message,
        "no text layer: scanned image; OCR is not supported"
    );
    assert_eq!(
        zfxxgk::pdf::read(&bytes).unwrap_err().kind(),
        "no-text-layer"
    );
}

#[test]
fn an_encrypted_file_is_refused() {
    let encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>".to_vec();
    let bytes = report(
        &[title().into_bytes()],
        &[encrypt],
        "",
        "/Encrypt 7 0 R /ID [<00> <00>]",
    );
    let (_, message) = pdf_error(&bytes, Default::default());
    assert!(message.contains("encrypted"), "{message}");
    assert_eq!(zfxxgk::pdf::read(&bytes).unwrap_err().kind(), "encrypted");
}

/// A file is refused as encrypted whichever way its trailer spells `/Encrypt` (the reader now
/// refuses it before lopdf loads it, since lopdf decrypts and inflates an encrypted file's
/// object streams unbounded; the unit tests of `pdf::prescan` show the spellings found).
#[test]
fn an_encrypted_file_is_refused_however_encrypt_is_spelt() {
    let encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>".to_vec();
    for key in ["/Encr#79pt", "/#45ncrypt"] {
        let bytes = report(
            &[title().into_bytes()],
            std::slice::from_ref(&encrypt),
            "",
            &format!("{key} 7 0 R /ID [<00> <00>]"),
        );
        assert_eq!(zfxxgk::pdf::read(&bytes).unwrap_err().kind(), "encrypted");
    }
}

/// The report of corpus 011 rewritten by qpdf with its objects in object streams (which the
/// reader holds back from lopdf and opens itself, within the limits) reads as the original.
#[test]
fn a_report_in_object_streams_reads_as_its_original() {
    let bytes = fs::read(
        Path::new(DATA)
            .join("originals")
            .join("hongze-district-2024-object-streams.pdf"),
    )
    .unwrap();
    assert!(
        bytes
            .windows(12)
            .any(|w| w == b"/Type/ObjStm" || w == b"/Type /ObjSt")
    );
    let ours = read(&bytes);
    let theirs = read(&original("hongze-district-2024.pdf"));
    assert_eq!(ours.report, theirs.report);
    // Every finding and origin too (page and box of each cell).
    assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
}

#[test]
fn a_file_that_is_not_a_pdf_is_refused_cleanly() {
    let (page, message) = pdf_error(b"%PDF-1.7\nnothing here", Default::default());
    assert_eq!(page, None);
    assert!(!message.is_empty());
}

mod limits {
    use super::*;
    use zfxxgk::pdf::Limits;

    #[test]
    fn file_size() {
        let bytes = report(&[title().into_bytes()], &[], "", "");
        let limits = Limits {
            file_size: bytes.len() - 1,
            ..Limits::default()
        };
        let e = zfxxgk::pdf::read_with(&bytes, &zfxxgk::pdf::Options::default().limits(limits));
        assert!(matches!(e, Err(zfxxgk::ReadError::TooLarge { size, .. }) if size == bytes.len()));
    }

    #[test]
    fn pages() {
        let bytes = report(&[title().into_bytes(), title().into_bytes()], &[], "", "");
        let (_, m) = pdf_error(
            &bytes,
            Limits {
                pages: 1,
                ..Limits::default()
            },
        );
        assert!(m.contains("more than 1 pages"), "{m}");
        assert!(
            zfxxgk::pdf::read_with(
                &bytes,
                &zfxxgk::pdf::Options::default().limits(Limits {
                    pages: 2,
                    ..Limits::default()
                })
            )
            .is_ok()
        );
    }

    /// A content stream of 1 KiB that inflates to 4 MiB: stopped at the limit per stream.
    fn bomb() -> Vec<u8> {
        let mut data = title().into_bytes();
        data.extend(std::iter::repeat_n(b' ', 4 << 20));
        let z = zlib(&data);
        assert!(z.len() < 16 * 1024);
        let objs = stream("/Filter /FlateDecode", &z);
        let mut bytes = report(&[Vec::new()], &[objs], "", "");
        // Point the page's content at the bomb (object 7).
        let needle = b"/Contents 9 0 R";
        let at = bytes
            .windows(needle.len())
            .position(|w| w == needle)
            .unwrap();
        bytes[at..at + needle.len()].copy_from_slice(b"/Contents 7 0 R");
        bytes
    }

    #[test]
    fn decompressed_bytes_per_stream() {
        let (page, m) = pdf_error(
            &bomb(),
            Limits {
                stream_bytes: 1 << 20,
                ..Limits::default()
            },
        );
        assert_eq!(page, Some(1));
        assert!(m.contains("1048576") && m.contains("per stream"), "{m}");
        assert!(read(&bomb()).report.issuer.as_str() == "某县某局");
    }

    #[test]
    fn decompressed_bytes_per_file() {
        let (_, m) = pdf_error(
            &bomb(),
            Limits {
                total_bytes: 2 << 20,
                ..Limits::default()
            },
        );
        assert!(m.contains("2097152") && m.contains("per file"), "{m}");
    }

    /// An object stream (which lopdf inflates while loading) that is a deflate bomb, plainly
    /// written and written so that a scan of the raw bytes for `/ObjStm` and `/FlateDecode`
    /// misses it: two filters, the type's name escaped, a long dictionary. The last three found
    /// by review (session 13): each was inflated whole by lopdf (8 MiB here; 200 MiB from an
    /// 844-byte file before the fix).
    #[test]
    fn an_object_stream_bomb_stops_however_it_is_written() {
        let spaces = vec![b' '; 8 << 20];
        for (dict, data) in [
            (
                "/Type /ObjStm /Filter /FlateDecode".to_owned(),
                zlib(&spaces),
            ),
            (
                "/Type /ObjStm /Filter [/FlateDecode /FlateDecode]".to_owned(),
                zlib(&zlib(&spaces)),
            ),
            (
                "/Type /Obj#53tm /Filter /Fl#61teDecode".to_owned(),
                zlib(&spaces),
            ),
            (
                format!("/Type /ObjStm {} /Filter /FlateDecode", " ".repeat(3000)),
                zlib(&spaces),
            ),
        ] {
            let objstm = stream(&format!("{dict} /N 1 /First 4"), &data);
            let bytes = report(&[title().into_bytes()], &[objstm], "", "");
            let (page, m) = pdf_error(
                &bytes,
                Limits {
                    stream_bytes: 1 << 20,
                    ..Limits::default()
                },
            );
            assert_eq!(page, None, "{dict}");
            assert!(
                m.contains("1048576") && m.contains("per stream"),
                "{dict}: {m}"
            );
        }
    }

    /// A file whose cross-reference section is a stream of `dict`, inflating to `size` bytes
    /// (its rows, then zeros) through `layers` rounds of deflate.
    fn cross_reference_stream(dict: &str, layers: usize, size: usize) -> Vec<u8> {
        cross_reference_stream_of(&format!("{dict} /Size 4 /W [1 4 1]"), layers, size)
    }

    /// As [`cross_reference_stream`], with the whole dictionary but `/Root` and `/Length` given.
    fn cross_reference_stream_of(dict: &str, layers: usize, size: usize) -> Vec<u8> {
        let mut out = b"%PDF-1.5\n".to_vec();
        let mut offsets = Vec::new();
        for body in [
            &b"<< /Type /Catalog /Pages 2 0 R >>"[..],
            b"<< /Type /Pages /Kids [] /Count 0 >>",
        ] {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        offsets.push(xref);
        let mut rows = vec![0u8, 0, 0, 0, 0, 0xff];
        for o in offsets {
            rows.push(1);
            rows.extend_from_slice(&u32::try_from(o).unwrap().to_be_bytes());
            rows.push(0);
        }
        rows.resize(size, 0);
        let mut data = rows;
        for _ in 0..layers {
            data = zlib(&data);
        }
        out.extend_from_slice(
            format!(
                "3 0 obj\n<< {dict} /Root 1 0 R /Length {} >>\nstream\n",
                data.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(&data);
        out.extend_from_slice(
            format!("\nendstream\nendobj\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
        );
        out
    }

    /// A cross-reference stream early in a file larger than the limit per stream (as in a
    /// linearised file of scans) is measured by what it inflates to, not by the bytes after it.
    #[test]
    fn a_cross_reference_stream_early_in_a_large_file_is_read() {
        let small = cross_reference_stream("/Filter /FlateDecode", 1, 1000);
        let at = small.windows(10).position(|w| w == b"startxref\n").unwrap();
        let mut bytes = small[..at].to_vec();
        bytes.extend_from_slice(b"9 0 obj\n(");
        bytes.extend(std::iter::repeat_n(b'x', 2 << 20));
        bytes.extend_from_slice(b")\nendobj\n");
        bytes.extend_from_slice(&small[at..]);
        let (_, m) = pdf_error(
            &bytes,
            Limits {
                stream_bytes: 1 << 20,
                ..Limits::default()
            },
        );
        assert!(m.contains("no pages"), "{m}");
    }

    /// lopdf inflates the stream a file's `startxref` points at whatever its type says (or does
    /// not say). Found by review (session 13): a cross-reference stream without `/Type /XRef`,
    /// with its names escaped, or deflated twice, was inflated whole.
    #[test]
    fn a_cross_reference_stream_bomb_stops_however_it_is_written() {
        let limits = Limits {
            stream_bytes: 1 << 20,
            ..Limits::default()
        };
        for (dict, layers) in [
            ("/Type /XRef /Filter /FlateDecode", 1),
            ("/Filter /FlateDecode", 1),
            ("/Type /XR#65f /Filter /Fl#61teDecode", 1),
            ("/Type /XRef /Filter [/FlateDecode /FlateDecode]", 2),
        ] {
            let (page, m) = pdf_error(&cross_reference_stream(dict, layers, 8 << 20), limits);
            assert_eq!(page, None, "{dict}");
            assert!(
                m.contains("1048576") && m.contains("per stream"),
                "{dict}: {m}"
            );
        }
        // Within the limit the same file is read as far as lopdf takes it: it has no pages.
        let (_, m) = pdf_error(
            &cross_reference_stream("/Filter [/FlateDecode /FlateDecode]", 2, 1000),
            limits,
        );
        assert!(m.contains("no pages"), "{m}");
    }

    /// What lopdf computes from a cross-reference stream's `/W`, `/Index` and `/Size` before it
    /// reads it, checked first. Found by review (session 13), each in a file of 300 bytes: a
    /// field width it allocates (`/W [1099511627776 4 1]`: 1 TB, the process aborted), a width of
    /// `i64::MAX`, 4 billion entries of no bytes (`/W [0 0 0]`: lopdf counted them without
    /// reading, for minutes and gigabytes), and object numbers whose sum overflows.
    #[test]
    fn cross_reference_streams_that_make_lopdf_allocate_or_loop_are_refused() {
        for (dict, says) in [
            (
                "/Size 4 /W [1099511627776 4 1]",
                "a field of 1099511627776 bytes (/W)",
            ),
            (
                "/Size 4 /W [1 9223372036854775807 1]",
                "a field of 9223372036854775807 bytes",
            ),
            (
                "/Size 4000000000 /W [0 0 0]",
                "4000000000 entries of no bytes",
            ),
            (
                "/Size 4 /Index [9223372036854775806 4] /W [1 4 1]",
                "from 9223372036854775806 to 9223372036854775809",
            ),
            (
                "/Size 4 /Index [0 4 4294967295 2] /W [1 4 1]",
                "outside 0 to 4294967295",
            ),
        ] {
            let (page, m) = pdf_error(&cross_reference_stream_of(dict, 1, 1000), Limits::default());
            assert_eq!(page, None, "{dict}");
            assert!(m.contains(says), "{dict}: {m}");
        }
        // Entries of no bytes, as many as the file's objects, are read as lopdf reads them.
        let (_, m) = pdf_error(
            &cross_reference_stream_of("/Size 4 /W [0 0 0]", 1, 1000),
            Limits::default(),
        );
        assert!(!m.contains("/W"), "{m}");
    }

    /// A cross-reference table whose section starts at an object number past `u32` overflowed
    /// lopdf's sum (a panic in debug builds). Found by review (session 13).
    #[test]
    fn a_cross_reference_table_past_the_largest_object_number_is_refused() {
        let mut bytes = report(&[title().into_bytes()], &[], "", "");
        let at = bytes.windows(7).position(|w| w == b"xref\n0 ").unwrap();
        bytes.splice(at + 5..at + 6, b"18446744073709551615".iter().copied());
        let (page, m) = pdf_error(&bytes, Limits::default());
        assert_eq!(page, None);
        assert!(
            m.contains("a cross-reference table numbers its objects from 18446744073709551615"),
            "{m}"
        );
    }

    /// lopdf decodes LZW and ASCII85 too, which the reader cannot bound: a cross-reference or
    /// object stream in either is refused, naming the filter, before lopdf inflates it.
    #[test]
    fn streams_lopdf_would_decode_unbounded_are_refused() {
        let (_, m) = pdf_error(
            &cross_reference_stream("/Filter /LZWDecode", 0, 100),
            Limits::default(),
        );
        assert!(
            m.contains("a cross-reference stream is encoded with LZWDecode"),
            "{m}"
        );
        let objstm = stream("/Type /ObjStm /N 1 /First 4 /Filter /A85", b"z~>");
        let bytes = report(&[title().into_bytes()], &[objstm], "", "");
        let (_, m) = pdf_error(&bytes, Limits::default());
        assert!(m.contains("an object stream is encoded with A85"), "{m}");
    }

    #[test]
    fn objects() {
        let bytes = report(&[title().into_bytes()], &[], "", "");
        let (_, m) = pdf_error(
            &bytes,
            Limits {
                objects: 5,
                ..Limits::default()
            },
        );
        assert!(m.contains("more than 5 objects"), "{m}");
    }

    /// A Form XObject that draws itself: the nesting stops at the limit.
    #[test]
    fn form_nesting() {
        let form = stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Fm1 7 0 R >> >>",
            b"/Fm1 Do",
        );
        let content = format!("{}/Fm1 Do\n", title()).into_bytes();
        let bytes = report(&[content], &[form], "/XObject << /Fm1 7 0 R >>", "");
        let (page, m) = pdf_error(
            &bytes,
            Limits {
                form_depth: 5,
                ..Limits::default()
            },
        );
        assert_eq!(page, Some(1));
        assert!(m.contains("nested more than 5"), "{m}");
    }

    /// Text drawn by a form, with its matrix, is read where it is drawn.
    #[test]
    fn form_text_is_read_through_its_matrix() {
        let inner = format!("BT /F1 18 Tf 0 0 Td {} Tj ET", hex(TITLE));
        let form = stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 60 780] \
             /Resources << /Font << /F1 3 0 R >> >>",
            inner.as_bytes(),
        );
        let bytes = report(
            &[b"/Fm1 Do".to_vec()],
            &[form],
            "/XObject << /Fm1 7 0 R >>",
            "",
        );
        let pages = zfxxgk::pdf::pages(&bytes, &Limits::default()).unwrap();
        let g = &pages[0].glyphs[0];
        assert_eq!(g.text, "某");
        assert!(
            (g.x - 60.0).abs() < 1e-6 && (g.y - 780.0).abs() < 1e-6 && (g.size - 18.0).abs() < 1e-6
        );
        assert_eq!(read(&bytes).report.issuer.as_str(), "某县某局");
    }

    #[test]
    fn operators_per_page() {
        let mut content = title();
        content.push_str(&"q Q ".repeat(100));
        let bytes = report(&[content.into_bytes()], &[], "", "");
        let (page, m) = pdf_error(
            &bytes,
            Limits {
                operators: 50,
                ..Limits::default()
            },
        );
        assert_eq!(page, Some(1));
        assert!(m.contains("more than 50"), "{m}");
    }
}

/// Cut copies of the three originals never panic: each reads or fails with an error (8 cuts
/// per file).
#[test]
fn cut_originals_never_panic() {
    for (file, _) in ORIGINALS {
        let bytes = original(file);
        for k in 1..=8 {
            let cut = &bytes[..bytes.len() * k / 9];
            if let Err(e) = zfxxgk::pdf::read(cut) {
                assert!(!e.to_string().is_empty());
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Copies of the originals with bytes changed at random (and cut at random) never panic.
    #[test]
    fn damaged_originals_never_panic(
        file in 0usize..3,
        cut in 0.05f64..=1.0,
        flips in proptest::collection::vec((0.0f64..1.0, proptest::prelude::any::<u8>()), 0..24),
    ) {
        let mut bytes = original(ORIGINALS[file].0);
        bytes.truncate(((bytes.len() as f64) * cut) as usize);
        let n = bytes.len();
        for (at, b) in flips {
            if n > 0 {
                bytes[((n as f64 * at) as usize).min(n - 1)] = b;
            }
        }
        if let Err(e) = zfxxgk::pdf::read(&bytes) {
            proptest::prop_assert!(!e.to_string().is_empty());
        }
    }
}

/// A PDF cell's origin in JSON carries its page and box; the reader of JSON ignores them.
#[cfg(feature = "serde")]
#[test]
fn json_origins_carry_page_and_box() {
    let reading = read(&original("hongze-district-2023.pdf"));
    let text = zfxxgk::json::to_string(&reading.report).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cell = &v["appeals"]["review"]["upheld"];
    assert_eq!(cell["value"], 10);
    assert_eq!(cell["page"], 4);
    let b = cell["box"].as_array().unwrap();
    assert_eq!(b.len(), 4);
    assert!(b[0].as_f64().unwrap() < b[2].as_f64().unwrap());
    let back = zfxxgk::json::read(&text).unwrap().report;
    let mut stripped = reading.report.clone();
    stripped.strip_origins();
    let mut back_stripped = back.clone();
    back_stripped.strip_origins();
    assert_eq!(back_stripped, stripped);
}

#[test]
fn glyphs_per_page_are_bounded() {
    let mut content = title();
    content.push_str(&format!(
        "BT /F1 10 Tf 60 700 Td {} Tj ET\n",
        hex(&"字".repeat(300))
    ));
    let bytes = report(&[content.into_bytes()], &[], "", "");
    let (page, m) = pdf_error(
        &bytes,
        zfxxgk::pdf::Limits {
            glyphs: 200,
            ..zfxxgk::pdf::Limits::default()
        },
    );
    assert_eq!(page, Some(1));
    assert!(m.contains("more than 200 glyphs"), "{m}");
}
