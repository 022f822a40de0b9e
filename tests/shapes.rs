//! The document shapes `detect` recognises (PDF, DOCX, Word 97, WPS, OFD) and refuses with a
//! clear error, the table of shapes behind `Shape::key`/`from_key`/`from_file_name`, and the
//! encoding finding of the text reader.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests fail loudly"
)]

use std::path::Path;

use zfxxgk::ReadError;
use zfxxgk::detect::{self, Shape};

/// A ZIP holding empty files with these names: local headers (name in clear at the start of each
/// entry) and a central directory at the end, as Office writes them.
fn zip_named(names: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for name in names {
        let offset = out.len() as u32;
        let n = name.len() as u16;
        // Local file header: signature, version, flags, method (stored), time, date, crc,
        // sizes, name length, extra length, name.
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        out.extend_from_slice(&[0; 12]);
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(name.as_bytes());
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&n.to_le_bytes());
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    let cd_len = central.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]);
    let count = (names.len() as u16).to_le_bytes();
    out.extend_from_slice(&count);
    out.extend_from_slice(&count);
    out.extend_from_slice(&cd_len.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

/// A ZIP whose local headers are beyond the sniffed head (a large first entry) and whose names
/// are only found in the central directory at the end.
fn zip_named_at_the_end(name: &str) -> Vec<u8> {
    let mut z = b"PK\x03\x04".to_vec();
    z.resize(detect::SNIFF_LEN + 10, b'x');
    z.extend_from_slice(&zip_named(&[name]));
    z
}

const OLE: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0";

#[test]
fn document_shapes_are_detected_by_content() {
    let docx = zip_named(&["[Content_Types].xml", "_rels/.rels", "word/document.xml"]);
    let xlsx = zip_named(&[
        "[Content_Types].xml",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
    ]);
    let ofd = zip_named(&["OFD.xml", "Doc_0/Document.xml"]);
    let cases: &[(&[u8], Option<&str>, Shape)] = &[
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", None, Shape::Pdf),
        (b"%PDF-1.4", Some("report.txt"), Shape::Pdf),
        (b"\r\n%PDF-1.5", None, Shape::Pdf),
        (&docx, None, Shape::Docx),
        (&docx, Some("report.xlsx"), Shape::Docx),
        (&xlsx, None, Shape::Xlsx),
        (&xlsx, Some("report.docx"), Shape::Xlsx),
        (&ofd, None, Shape::Ofd),
        (
            &zip_named_at_the_end("word/document.xml"),
            None,
            Shape::Docx,
        ),
        (
            &zip_named_at_the_end("xl/workbook.xml"),
            Some("a.docx"),
            Shape::Xlsx,
        ),
        (b"PK\x03\x04rest", Some("a.docx"), Shape::Docx),
        (b"PK\x03\x04rest", Some("a.ofd"), Shape::Ofd),
        (b"PK\x03\x04rest", Some("a.zip"), Shape::Xlsx),
        (OLE, None, Shape::Doc),
        (OLE, Some("report.doc"), Shape::Doc),
        (OLE, Some("report.WPS"), Shape::Wps),
        (b"plain text", Some("r.pdf"), Shape::Pdf),
        (b"plain text", Some("r.docx"), Shape::Docx),
        (b"plain text", Some("r.doc"), Shape::Doc),
        (b"plain text", Some("r.wps"), Shape::Wps),
        (b"plain text", Some("r.ofd"), Shape::Ofd),
        // `%PDF-` past the first KiB is no PDF header.
        (
            &[b"a".repeat(1100), b"%PDF-1.4".to_vec()].concat(),
            None,
            Shape::Text,
        ),
    ];
    for (bytes, name, want) in cases {
        assert_eq!(
            detect::shape(bytes, *name),
            *want,
            "{:?} {name:?}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(40)])
        );
    }
}

#[test]
fn the_shape_table_covers_every_shape() {
    let keys: Vec<&str> = Shape::ALL.iter().map(|s| s.key()).collect();
    assert_eq!(
        keys,
        [
            "json", "cells", "html", "markdown", "text", "xlsx", "pdf", "docx", "doc", "wps", "ofd"
        ]
    );
    for &s in Shape::ALL {
        assert_eq!(Shape::from_key(s.key()), Some(s));
        assert_eq!(s.to_string(), s.key());
    }
    assert_eq!(Shape::from_key("word"), None);
    for (name, want) in [
        ("a.PDF", Shape::Pdf),
        ("a.docx", Shape::Docx),
        ("a.doc", Shape::Doc),
        ("a.wps", Shape::Wps),
        ("a.ofd", Shape::Ofd),
        ("a.xlsx", Shape::Xlsx),
        ("a.shtml", Shape::Html),
    ] {
        assert_eq!(Shape::from_file_name(name), Some(want), "{name}");
    }
    assert_eq!(Shape::from_file_name("a.zip"), None);
}

fn unsupported(bytes: &[u8], shape: Option<Shape>) -> (&'static str, &'static str) {
    match zfxxgk::read::any(bytes, shape) {
        Err(ReadError::Unsupported { shape, why }) => (shape, why),
        other => panic!("expected Unsupported, got {other:?}"),
    }
}

#[cfg(not(feature = "pdf"))]
#[test]
fn pdf_without_its_feature_is_refused_naming_it() {
    let (shape, why) = unsupported(b"%PDF-1.7\n", None);
    assert_eq!(shape, "pdf");
    assert!(why.contains("`pdf` feature"), "{why}");
    // Forced shapes take the same readers.
    assert_eq!(unsupported(b"anything", Some(Shape::Pdf)).0, "pdf");
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_goes_to_the_pdf_reader() {
    // A PDF header and nothing else: the PDF reader's own error, detected or forced.
    let err = zfxxgk::read::any(b"%PDF-1.7\n", None).unwrap_err();
    assert!(matches!(err, ReadError::Pdf { .. }), "{err}");
    let err = zfxxgk::read::any(b"anything", Some(Shape::Pdf)).unwrap_err();
    assert!(matches!(err, ReadError::Pdf { .. }), "{err}");
}

#[cfg(not(feature = "docx"))]
#[test]
fn docx_without_its_feature_is_refused_naming_it() {
    let docx = zip_named(&["word/document.xml"]);
    let (shape, why) = unsupported(&docx, None);
    assert_eq!(shape, "docx");
    assert!(why.contains("`docx` feature"), "{why}");
    assert_eq!(unsupported(b"anything", Some(Shape::Docx)).0, "docx");
}

#[cfg(feature = "docx")]
#[test]
fn docx_goes_to_the_docx_reader() {
    // An empty `word/document.xml`: the DOCX reader's own error, not a workbook's.
    let docx = zip_named(&["word/document.xml"]);
    let err = zfxxgk::read::any(&docx, None).unwrap_err();
    assert!(matches!(err, ReadError::Docx { .. }), "{err}");
    let err = zfxxgk::read::any(b"anything", Some(Shape::Docx)).unwrap_err();
    assert!(matches!(err, ReadError::Docx { .. }), "{err}");
}

#[test]
fn word_97_is_refused_with_the_conversion_command() {
    let (shape, why) = unsupported(OLE, None);
    assert_eq!(shape, "doc");
    assert!(
        why.contains("soffice --headless --convert-to docx FILE.doc"),
        "{why}"
    );
    let err = zfxxgk::read::any(OLE, None).unwrap_err().to_string();
    assert!(err.contains("doc") && err.contains("soffice"), "{err}");
}

#[test]
fn wps_and_ofd_are_refused_naming_the_type() {
    let (shape, why) = unsupported(OLE, Some(Shape::Wps));
    assert_eq!(shape, "wps");
    assert!(why.contains("WPS"), "{why}");
    let ofd = zip_named(&["OFD.xml"]);
    let (shape, why) = unsupported(&ofd, None);
    assert_eq!(shape, "ofd");
    assert!(why.contains("OFD"), "{why}");
}

#[cfg(not(feature = "xlsx"))]
#[test]
fn a_reader_compiled_out_names_its_feature() {
    let xlsx = zip_named(&["xl/workbook.xml"]);
    assert_eq!(
        unsupported(&xlsx, None),
        ("xlsx", "this build lacks the `xlsx` feature")
    );
}

const TEXT_CASE: &str = "tests/data/corpus/raw/014_qingshui-county-2019-excerpt.txt";

fn text_case() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(TEXT_CASE)).unwrap()
}

#[test]
fn gbk_text_is_decoded_and_the_encoding_reported() {
    let utf8 = text_case();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&utf8);
    assert!(!unmappable);
    assert!(
        core::str::from_utf8(&gbk).is_err(),
        "the case must not be ASCII"
    );
    assert_eq!(detect::shape(&gbk, Some("report.txt")), Shape::Text);

    let from_gbk = zfxxgk::read::any(&gbk, Some(Shape::Text)).unwrap();
    let from_utf8 = zfxxgk::read::any(utf8.as_bytes(), Some(Shape::Text)).unwrap();
    // The same report either way.
    assert_eq!(from_gbk.report, from_utf8.report);
    // One finding more, first: the encoding used.
    let first = &from_gbk.findings[0];
    assert_eq!(first.rule.id(), "read.repaired");
    assert!(first.message.contains("gb18030"), "{}", first.message);
    assert!(first.message.contains("文本"), "{}", first.message);
    assert_eq!(&from_gbk.findings[1..], &from_utf8.findings[..]);
    assert!(
        !from_utf8
            .findings
            .iter()
            .any(|f| f.message.contains("解码")),
        "UTF-8 gets no encoding finding"
    );
}

#[test]
fn a_utf8_bom_is_not_reported_utf16_is() {
    let utf8 = text_case();
    let plain = zfxxgk::read::any(utf8.as_bytes(), Some(Shape::Text)).unwrap();
    let with_bom = [b"\xef\xbb\xbf".as_slice(), utf8.as_bytes()].concat();
    let bom = zfxxgk::read::any(&with_bom, Some(Shape::Text)).unwrap();
    assert_eq!(bom.findings, plain.findings, "a UTF-8 BOM is still UTF-8");

    let mut utf16 = vec![0xff, 0xfe];
    for u in utf8.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    assert_eq!(
        detect::shape(&utf16, None),
        detect::shape(utf8.as_bytes(), None)
    );
    let read = zfxxgk::read::any(&utf16, None).unwrap();
    assert_eq!(read.report, plain.report);
    assert!(
        read.findings[0].message.contains("UTF-16LE"),
        "{}",
        read.findings[0].message
    );
}
