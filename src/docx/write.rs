//! The DOCX writer: the official layout as a WordprocessingML package.

use std::io::{self, Cursor, Write as _};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::catalogue::TableKey;
use crate::error::WriteError;
use crate::render::layout::{self, Block, Content, Table};
use crate::report::Report;

/// The WordprocessingML namespace.
const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The relationships namespace, for `r:id`.
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A4 portrait, in twentieths of a point: 210 mm × 297 mm.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
/// Left and right margins (2 cm) and top and bottom margins (2.5 cm).
const MARGIN_SIDE: u32 = 1134;
const MARGIN_TOP: u32 = 1418;
/// The width the tables may take: the page between the margins.
const TEXT_WIDTH: u32 = PAGE_WIDTH - 2 * MARGIN_SIDE;

/// Fonts: the East Asian name (what Chinese Word and WPS look up) and its Latin alternative.
#[derive(Clone, Copy)]
struct Font {
    east_asia: &'static str,
}

/// 仿宋 for the text (the font of official documents), 宋体 for the title and the tables.
const FANGSONG: Font = Font {
    east_asia: "仿宋"
};
const SONGTI: Font = Font {
    east_asia: "宋体"
};
/// The Latin font beside them (digits and ASCII).
const LATIN: &str = "Times New Roman";

/// Font sizes in half points: 小二 (18 pt) for the title, 三号 (16 pt) for text, 小五 (9 pt)
/// for the tables.
const TITLE_SIZE: u32 = 36;
const TEXT_SIZE: u32 = 32;
const TABLE_SIZE: u32 = 18;

/// How a paragraph is set.
#[derive(Clone, Copy)]
struct Style {
    font: Font,
    size: u32,
    bold: bool,
    align: &'static str,
    /// First-line indent in twips (two characters of text for prose).
    indent: u32,
}

const TITLE: Style = Style {
    font: SONGTI,
    size: TITLE_SIZE,
    bold: true,
    align: "center",
    indent: 0,
};
const HEADING: Style = Style {
    font: SONGTI,
    size: TEXT_SIZE,
    bold: true,
    align: "left",
    indent: 640,
};
const PROSE: Style = Style {
    font: FANGSONG,
    size: TEXT_SIZE,
    bold: false,
    align: "both",
    indent: 640,
};
const HEADER_CELL: Style = Style {
    font: SONGTI,
    size: TABLE_SIZE,
    bold: true,
    align: "center",
    indent: 0,
};
const LABEL_CELL: Style = Style {
    font: SONGTI,
    size: TABLE_SIZE,
    bold: false,
    align: "left",
    indent: 0,
};
const DATA_CELL: Style = Style {
    font: SONGTI,
    size: TABLE_SIZE,
    bold: false,
    align: "center",
    indent: 0,
};

type Xml = Writer<Vec<u8>>;

/// Writes `report` as a DOCX document to `out`.
///
/// # Errors
///
/// [`WriteError::Io`] when `out` fails (or, which cannot happen in memory, the package cannot
/// be built).
pub fn write(report: &Report, mut out: impl io::Write) -> Result<(), WriteError> {
    out.write_all(&to_bytes(report)?)?;
    Ok(())
}

/// The DOCX document of `report`, as bytes.
///
/// # Errors
///
/// [`WriteError::Io`] when the package cannot be built (writing to memory does not fail).
pub fn to_bytes(report: &Report) -> Result<Vec<u8>, WriteError> {
    let document = document(report)?;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let parts: [(&str, &[u8]); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
        ("word/document.xml", &document),
        ("word/styles.xml", STYLES.as_bytes()),
        ("word/fontTable.xml", FONT_TABLE.as_bytes()),
    ];
    for (name, bytes) in parts {
        zip.start_file(name, options).map_err(zip_error)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish().map_err(zip_error)?.into_inner())
}

fn zip_error(e: zip::result::ZipError) -> WriteError {
    WriteError::Io(io::Error::other(e))
}

/// `word/document.xml` of `report`.
fn document(report: &Report) -> io::Result<Vec<u8>> {
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )))?;
    w.create_element("w:document")
        .with_attributes([("xmlns:w", NS_W), ("xmlns:r", NS_R)])
        .write_inner_content(|w| {
            w.create_element("w:body").write_inner_content(|w| {
                paragraph(w, &layout::title(report), TITLE)?;
                if let Some(line) = layout::published(report) {
                    paragraph(w, &line, PROSE)?;
                }
                for block in layout::blocks(report) {
                    match block {
                        Block::Heading(_, heading) => paragraph(w, heading, HEADING)?,
                        Block::Prose(text) => {
                            for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                                paragraph(w, line, PROSE)?;
                            }
                        }
                        Block::Table(table) => {
                            write_table(w, report, &table)?;
                            // Tables next to each other would merge into one; a small empty
                            // paragraph keeps each of section 二's tables apart.
                            spacer(w)?;
                        }
                    }
                }
                section(w)
            })?;
            Ok(())
        })?;
    Ok(w.into_inner())
}

/// The page: A4 portrait with its margins.
fn section(w: &mut Xml) -> io::Result<()> {
    let (pw, ph, side, top) = (
        PAGE_WIDTH.to_string(),
        PAGE_HEIGHT.to_string(),
        MARGIN_SIDE.to_string(),
        MARGIN_TOP.to_string(),
    );
    w.create_element("w:sectPr").write_inner_content(|w| {
        w.create_element("w:pgSz")
            .with_attributes([("w:w", pw.as_str()), ("w:h", ph.as_str())])
            .write_empty()?;
        w.create_element("w:pgMar")
            .with_attributes([
                ("w:top", top.as_str()),
                ("w:right", side.as_str()),
                ("w:bottom", top.as_str()),
                ("w:left", side.as_str()),
                ("w:header", "851"),
                ("w:footer", "992"),
                ("w:gutter", "0"),
            ])
            .write_empty()?;
        Ok(())
    })?;
    Ok(())
}

/// The run properties of `style`: fonts (East Asian first), bold, size.
fn run_properties(w: &mut Xml, style: Style) -> io::Result<()> {
    let size = style.size.to_string();
    w.create_element("w:rPr").write_inner_content(|w| {
        w.create_element("w:rFonts")
            .with_attributes([
                ("w:ascii", LATIN),
                ("w:hAnsi", LATIN),
                ("w:eastAsia", style.font.east_asia),
                ("w:cs", LATIN),
                ("w:hint", "eastAsia"),
            ])
            .write_empty()?;
        if style.bold {
            w.create_element("w:b").write_empty()?;
        }
        w.create_element("w:sz")
            .with_attribute(("w:val", size.as_str()))
            .write_empty()?;
        w.create_element("w:szCs")
            .with_attribute(("w:val", size.as_str()))
            .write_empty()?;
        Ok(())
    })?;
    Ok(())
}

/// One paragraph of `text` (line breaks inside it as `w:br`).
fn paragraph(w: &mut Xml, text: &str, style: Style) -> io::Result<()> {
    let indent = style.indent.to_string();
    w.create_element("w:p").write_inner_content(|w| {
        w.create_element("w:pPr").write_inner_content(|w| {
            w.create_element("w:spacing")
                .with_attributes([("w:before", "0"), ("w:after", "0")])
                .write_empty()?;
            if style.indent > 0 {
                w.create_element("w:ind")
                    .with_attribute(("w:firstLine", indent.as_str()))
                    .write_empty()?;
            }
            w.create_element("w:jc")
                .with_attribute(("w:val", style.align))
                .write_empty()?;
            run_properties(w, style)
        })?;
        if text.is_empty() {
            return Ok(());
        }
        w.create_element("w:r").write_inner_content(|w| {
            run_properties(w, style)?;
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    w.create_element("w:br").write_empty()?;
                }
                w.create_element("w:t")
                    .with_attribute(("xml:space", "preserve"))
                    .write_text_content(BytesText::new(line))?;
            }
            Ok(())
        })?;
        Ok(())
    })?;
    Ok(())
}

/// A small empty paragraph between tables.
fn spacer(w: &mut Xml) -> io::Result<()> {
    paragraph(
        w,
        "",
        Style {
            size: TABLE_SIZE,
            ..LABEL_CELL
        },
    )
}

/// The widths of a table's grid columns, in twips, filling [`TEXT_WIDTH`]: the label columns
/// of section 三 wide enough for their labels, section 四's fifteen columns equal, a section 二
/// table's first column (信息内容) wide and the others sharing the rest.
fn widths(table: &Table) -> Vec<u32> {
    let n = u32::try_from(table.width.max(1)).unwrap_or(1);
    let share = |total: u32, parts: u32| -> Vec<u32> {
        let each = total.checked_div(parts).unwrap_or(total);
        let mut v = vec![each; usize::try_from(parts).unwrap_or(1)];
        if let Some(last) = v.last_mut() {
            *last = last.saturating_add(total.saturating_sub(each.saturating_mul(parts)));
        }
        v
    };
    match table.key {
        TableKey::Applications if table.width > layout::APPLICATION_LABEL_COLUMNS => {
            let labels = [680u32, 880, 2990];
            let rest = TEXT_WIDTH.saturating_sub(labels.iter().sum());
            let data = n.saturating_sub(3);
            let mut v = labels.to_vec();
            v.extend(share(rest, data));
            v
        }
        TableKey::Proactive if n > 1 => {
            let first = 2880u32;
            let mut v = vec![first];
            v.extend(share(TEXT_WIDTH.saturating_sub(first), n.saturating_sub(1)));
            v
        }
        _ => share(TEXT_WIDTH, n),
    }
}

fn write_table(w: &mut Xml, report: &Report, table: &Table) -> io::Result<()> {
    let widths = widths(table);
    let total: u32 = widths.iter().copied().fold(0, u32::saturating_add);
    let placed = layout::place(table);
    w.create_element("w:tbl").write_inner_content(|w| {
        w.create_element("w:tblPr").write_inner_content(|w| {
            w.create_element("w:tblW")
                .with_attributes([("w:w", total.to_string().as_str()), ("w:type", "dxa")])
                .write_empty()?;
            w.create_element("w:jc")
                .with_attribute(("w:val", "center"))
                .write_empty()?;
            w.create_element("w:tblBorders").write_inner_content(|w| {
                for side in [
                    "w:top",
                    "w:left",
                    "w:bottom",
                    "w:right",
                    "w:insideH",
                    "w:insideV",
                ] {
                    w.create_element(side)
                        .with_attributes([
                            ("w:val", "single"),
                            ("w:sz", "4"),
                            ("w:space", "0"),
                            ("w:color", "000000"),
                        ])
                        .write_empty()?;
                }
                Ok(())
            })?;
            w.create_element("w:tblLayout")
                .with_attribute(("w:type", "fixed"))
                .write_empty()?;
            w.create_element("w:tblCellMar").write_inner_content(|w| {
                for side in ["w:left", "w:right"] {
                    w.create_element(side)
                        .with_attributes([("w:w", "57"), ("w:type", "dxa")])
                        .write_empty()?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
        w.create_element("w:tblGrid").write_inner_content(|w| {
            for width in &widths {
                w.create_element("w:gridCol")
                    .with_attribute(("w:w", width.to_string().as_str()))
                    .write_empty()?;
            }
            Ok(())
        })?;
        if let Some(caption) = table.caption {
            // The Art. 20 item as the official form prints it: a first row across the table.
            w.create_element("w:tr").write_inner_content(|w| {
                cell(w, caption, total, table.width, None, LABEL_CELL_BOLD)
            })?;
        }
        for (r, line) in placed.grid.iter().enumerate() {
            let head = r < placed.head_rows;
            w.create_element("w:tr").write_inner_content(|w| {
                w.create_element("w:trPr").write_inner_content(|w| {
                    w.create_element("w:cantSplit").write_empty()?;
                    if head {
                        w.create_element("w:tblHeader").write_empty()?;
                    }
                    Ok(())
                })?;
                let mut c = 0usize;
                while c < line.len() {
                    let slot = line.get(c).copied().flatten();
                    let origin = placed
                        .origin
                        .get(r)
                        .and_then(|o| o.get(c))
                        .copied()
                        .flatten();
                    let (Some((span, _)), Some((r0, _))) = (slot, origin) else {
                        let width = widths.get(c).copied().unwrap_or(0);
                        cell(w, "", width, 1, None, DATA_CELL)?;
                        c = c.saturating_add(1);
                        continue;
                    };
                    let cols = span.cols.max(1);
                    let width: u32 = widths
                        .iter()
                        .skip(c)
                        .take(cols)
                        .copied()
                        .fold(0, u32::saturating_add);
                    let merge = (span.rows > 1).then_some(r0 == r);
                    let text = if r0 == r {
                        layout::text(report, span.content)
                    } else {
                        String::new()
                    };
                    let style = match span.content {
                        Content::Label(_) if head => HEADER_CELL,
                        Content::Label(_) => LABEL_CELL,
                        Content::Data(_) => DATA_CELL,
                    };
                    cell(w, &text, width, cols, merge, style)?;
                    c = c.saturating_add(cols);
                }
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

const LABEL_CELL_BOLD: Style = Style {
    bold: true,
    ..LABEL_CELL
};

/// One table cell: `cols` grid columns wide; `merge` is `Some(true)` for the first cell of a
/// vertical merge (`restart`), `Some(false)` for the cells it covers below (`continue`).
fn cell(
    w: &mut Xml,
    text: &str,
    width: u32,
    cols: usize,
    merge: Option<bool>,
    style: Style,
) -> io::Result<()> {
    w.create_element("w:tc").write_inner_content(|w| {
        w.create_element("w:tcPr").write_inner_content(|w| {
            w.create_element("w:tcW")
                .with_attributes([("w:w", width.to_string().as_str()), ("w:type", "dxa")])
                .write_empty()?;
            if cols > 1 {
                w.create_element("w:gridSpan")
                    .with_attribute(("w:val", cols.to_string().as_str()))
                    .write_empty()?;
            }
            match merge {
                Some(true) => {
                    w.create_element("w:vMerge")
                        .with_attribute(("w:val", "restart"))
                        .write_empty()?;
                }
                Some(false) => {
                    w.create_element("w:vMerge").write_empty()?;
                }
                None => {}
            }
            w.create_element("w:vAlign")
                .with_attribute(("w:val", "center"))
                .write_empty()?;
            Ok(())
        })?;
        paragraph(w, text, style)
    })?;
    Ok(())
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/></Relationships>"#;

/// The document defaults: 仿宋 as the East Asian font, Chinese as the East Asian language.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋" w:cs="Times New Roman" w:hint="eastAsia"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#;

/// The fonts, with their Latin names as alternatives and the GB2312 character set, so that an
/// office suite without them substitutes a Chinese font.
const FONT_TABLE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font><w:font w:name="宋体"><w:altName w:val="SimSun"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font><w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>"#;
