//! The XLSX reader: finds the tables of the official layout by their label cells.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use crate::catalogue::{
    AppealColumn, AppealRow, ApplicantColumn, ApplicationRow, Edition, IssuerKind,
    PROACTIVE_CONTENT_HEADER, ProactiveColumn, ProactiveRow, ReportField, SECTION_HEADINGS,
    TableKey, proactive_columns,
};
use crate::cell::Cell;
use crate::error::ReadError;
use crate::finding::{Location, Rule};
use crate::read::Reading;
use crate::report::{Address, Report, Unplaced};

/// The key of an unplaced value's row in [`super::META_SHEET_NAME`].
pub(super) const UNPLACED_KEY: &str = "unplaced";

/// The part of a title after the issuer and year, without `年` or `年度`.
const TITLE_CORE: &str = "政府信息公开工作年度报告";

/// The largest workbook the reader opens: 64 MiB.
pub const MAX_BYTES: usize = crate::limits::DOCUMENT_LIMIT;

/// The most bytes the reader decompresses from a workbook's XML parts: 256 MiB (a report's
/// workbook holds well under 1 MiB of XML). A workbook that unpacks to more (a "zip bomb") is
/// refused before it is parsed.
pub const MAX_UNZIPPED: usize = 256 * 1024 * 1024;

/// The longest cell reference of a worksheet, `XFD1048576`: 3 letters and 7 digits.
const MAX_REF_LETTERS: usize = 3;
const MAX_REF_DIGITS: usize = 7;

/// Checks the XML parts of a workbook before the workbook reader parses them: their size
/// unpacked ([`MAX_UNZIPPED`]), and that every cell reference of a worksheet (`r`, `ref` and
/// `sqref` attributes) fits the largest sheet, `XFD1048576` (calamine computes a longer one in
/// unchecked 32-bit arithmetic), and that a worksheet's `dimension` does not end before it
/// starts (calamine subtracts its start from its end unchecked). A part is named as calamine
/// finds it: `\` read as `/`, in any case, a worksheet with or without an extension. The shared
/// strings may not announce far more strings than they hold (calamine reserves room for them
/// first). Parts the zip reader cannot open are left to calamine, which reports them.
fn check_parts(bytes: &[u8]) -> Result<(), ReadError> {
    use std::io::Read as _;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total = 0usize;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            continue;
        };
        let name = part.name().to_owned();
        // calamine finds a part by its name with `\` read as `/` and in any case
        // (`XL\Worksheets\Sheet1.XML` is `xl/worksheets/sheet1.xml` to it), and a worksheet
        // by the name its relationship gives, with or without an extension.
        let found_as = name.replace('\\', "/").to_ascii_lowercase();
        let worksheet = found_as.starts_with("xl/worksheets/");
        if !worksheet && !found_as.ends_with(".xml") && !found_as.ends_with(".rels") {
            continue;
        }
        let budget = MAX_UNZIPPED.saturating_sub(total);
        let mut xml = Vec::new();
        // A read error (a bad checksum, a broken stream) keeps what was read before it: calamine
        // parses that much before it meets the error too.
        let _ = part
            .take(u64::try_from(budget).unwrap_or(u64::MAX).saturating_add(1))
            .read_to_end(&mut xml);
        total = total.saturating_add(xml.len());
        if total > MAX_UNZIPPED {
            return Err(ReadError::TooMany {
                location: "workbook".to_owned(),
                what: "bytes of XML unpacked",
                limit: MAX_UNZIPPED,
            });
        }
        if found_as == "xl/sharedstrings.xml"
            && let Some(count) = overannounced_strings(&xml)
        {
            return Err(ReadError::Workbook {
                message: format!(
                    "{name}: expected a count of shared strings up to the {} the part holds, found `uniqueCount=\"{count}\"`",
                    tags(&xml, b"si").count()
                ),
            });
        }
        if !worksheet {
            continue;
        }
        if let Some(reference) = long_reference(&xml) {
            return Err(ReadError::Workbook {
                message: format!(
                    "{name}: expected cell references up to XFD1048576, found `{reference}`"
                ),
            });
        }
        if let Some(dimension) = reversed_dimension(&xml) {
            return Err(ReadError::Workbook {
                message: format!(
                    "{name}: expected a dimension from its top left cell to its bottom right, found `{dimension}`"
                ),
            });
        }
    }
    Ok(())
}

/// The `ref` of the first `dimension` element of a worksheet's `xml` (with or without a
/// namespace prefix, as calamine finds it) whose range ends in a row or column before the one
/// it starts in (`v7:O60`), shortened for the message.
fn reversed_dimension(xml: &[u8]) -> Option<String> {
    for tag in tags(xml, b"dimension") {
        // Every value that may be the attribute, so that text like `ref="…"` inside another
        // attribute's value cannot hide it.
        for value in attribute_values(tag, b"ref") {
            let mut parts = value.split(|&b| b == b':');
            let (Some(start), Some(end), None) = (parts.next(), parts.next(), parts.next()) else {
                continue;
            };
            if let (Some((r0, c0)), Some((r1, c1))) = (row_column(start), row_column(end))
                && (r1 < r0 || c1 < c0)
            {
                return Some(String::from_utf8_lossy(value).chars().take(40).collect());
            }
        }
    }
    None
}

/// The most shared strings a workbook may announce (`uniqueCount`) beyond the strings it holds:
/// 1 000 000. calamine reserves room for that many before it reads one.
const MAX_ANNOUNCED_STRINGS: u64 = 1_000_000;

/// A `uniqueCount` of the shared strings part's `sst` element that announces more strings than
/// the part holds (`si` elements) and more than [`MAX_ANNOUNCED_STRINGS`]: calamine reserves
/// room for that many strings before it reads the first (24 bytes each: `uniqueCount =
/// "4000000000"` in a 10 KB file asked for 96 GB and aborted the process).
fn overannounced_strings(xml: &[u8]) -> Option<String> {
    let held = u64::try_from(tags(xml, b"si").count()).unwrap_or(u64::MAX);
    tags(xml, b"sst")
        .flat_map(|tag| attribute_values(tag, b"uniqueCount"))
        .find(|value| {
            let digits = value.iter().take_while(|b| b.is_ascii_digit()).count();
            let announced = value
                .get(..digits)
                .unwrap_or_default()
                .iter()
                .fold(0u64, |n, &d| {
                    n.saturating_mul(10)
                        .saturating_add(u64::from(d.saturating_sub(b'0')))
                });
            digits > 0 && announced > held && announced > MAX_ANNOUNCED_STRINGS
        })
        .map(|value| String::from_utf8_lossy(value).chars().take(40).collect())
}

/// The inside of each tag of `xml` named `name`, with or without a namespace prefix (as
/// calamine finds elements, by their local name): what follows the name, to the first `>`
/// outside quotes (as the XML reader ends a tag). A name inside a tag already found is in one
/// of its attribute values and is passed over, which keeps the scan linear.
fn tags<'x>(xml: &'x [u8], name: &'static [u8]) -> impl Iterator<Item = &'x [u8]> {
    let mut tag_end = 0usize;
    memchr::memmem::find_iter(xml, name).filter_map(move |at| {
        if at < tag_end {
            return None;
        }
        let named = at
            .checked_sub(1)
            .and_then(|p| xml.get(p))
            .is_some_and(|b| matches!(b, b'<' | b':'));
        let rest = xml.get(at.saturating_add(name.len())..)?;
        let ends = rest
            .first()
            .is_some_and(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/');
        if !named || !ends {
            return None;
        }
        let mut quote: Option<u8> = None;
        let len = rest
            .iter()
            .position(|&b| match quote {
                Some(q) => {
                    if b == q {
                        quote = None;
                    }
                    false
                }
                None if b == b'"' || b == b'\'' => {
                    quote = Some(b);
                    false
                }
                None => b == b'>',
            })
            .unwrap_or(rest.len());
        tag_end = at.saturating_add(name.len()).saturating_add(len);
        rest.get(..len)
    })
}

/// Each value that follows `name`, after white space, then `=` and a quote, in the inside of a
/// tag: the unprefixed attribute `name`, and anything in another attribute's value that looks
/// like it.
fn attribute_values<'x>(tag: &'x [u8], name: &[u8]) -> Vec<&'x [u8]> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while let Some(p) = tag
        .get(at..)
        .and_then(|rest| memchr::memmem::find(rest, name))
    {
        let p = at.saturating_add(p);
        at = p.saturating_add(1);
        let whole = p
            .checked_sub(1)
            .and_then(|b| tag.get(b))
            .is_some_and(|b| b.is_ascii_whitespace());
        let after = tag.get(p.saturating_add(name.len())..).unwrap_or_default();
        let after = after.trim_ascii_start();
        let Some(value) = after.strip_prefix(b"=") else {
            continue;
        };
        let value = value.trim_ascii_start();
        let Some((&quote, value)) = value.split_first() else {
            continue;
        };
        if !whole || !matches!(quote, b'"' | b'\'') {
            continue;
        }
        out.push(
            value
                .iter()
                .position(|&b| b == quote)
                .and_then(|end| value.get(..end))
                .unwrap_or(value),
        );
    }
    out
}

/// The 1-based row and column of a cell reference as calamine reads one (letters of either
/// case, then digits); `None` for anything else. References are at most 3 letters and 7 digits
/// here ([`long_reference`] has refused longer ones), so the arithmetic cannot overflow; it is
/// checked all the same.
fn row_column(reference: &[u8]) -> Option<(u32, u32)> {
    let letters = reference
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    let (col, row) = reference.split_at_checked(letters)?;
    if col.is_empty() || row.is_empty() || !row.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let col = col.iter().try_fold(0u32, |n, b| {
        n.checked_mul(26)?
            .checked_add(u32::from(b.to_ascii_uppercase().checked_sub(b'A')?))?
            .checked_add(1)
    })?;
    let row = row.iter().try_fold(0u32, |n, b| {
        n.checked_mul(10)?
            .checked_add(u32::from(b.checked_sub(b'0')?))
    })?;
    Some((row, col))
}

/// The first value of an `r`, `ref` or `sqref` attribute in `xml` with a reference longer than
/// the largest sheet allows (more than 3 letters or 7 digits), shortened for the message.
fn long_reference(xml: &[u8]) -> Option<String> {
    let mut at = 0usize;
    while let Some(eq) = xml
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| b == b'='))
    {
        let eq = at.saturating_add(eq);
        at = eq.saturating_add(1);
        // XML allows white space on either side of the `=` (`r = "A1"`), and calamine's XML
        // reader takes such an attribute as it takes `r="A1"`.
        let before = xml.get(..eq).unwrap_or_default().trim_ascii_end();
        // The attribute's name, unprefixed as calamine looks for it (`xmlns:r` is another).
        let name_len = before
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b':' || **b == b'_')
            .count();
        let name = before
            .get(before.len().saturating_sub(name_len)..)
            .unwrap_or_default();
        if !matches!(name, b"r" | b"ref" | b"sqref") {
            continue;
        }
        let after = xml.get(at..).unwrap_or_default();
        let spaces = after.len().saturating_sub(after.trim_ascii_start().len());
        let quote_at = at.saturating_add(spaces);
        let Some(&quote) = xml.get(quote_at).filter(|q| matches!(q, b'"' | b'\'')) else {
            continue;
        };
        let start = quote_at.saturating_add(1);
        let rest = xml.get(start..).unwrap_or_default();
        let value = rest
            .iter()
            .position(|&b| b == quote)
            .and_then(|end| rest.get(..end))
            .unwrap_or(rest);
        let too_long = value.split(|&b| b == b' ' || b == b':').any(|part| {
            part.iter().filter(|b| b.is_ascii_alphabetic()).count() > MAX_REF_LETTERS
                || part.iter().filter(|b| b.is_ascii_digit()).count() > MAX_REF_DIGITS
        });
        if too_long {
            let shown: String = String::from_utf8_lossy(value).chars().take(40).collect();
            return Some(shown);
        }
    }
    None
}

/// The most non-empty cells the reader takes from one sheet: 100 000. The official layout has
/// about 300; the limit bounds the work on a sheet that claims millions.
pub const MAX_CELLS: usize = 100_000;

/// The non-empty cells of the sheet `name`, streamed (a sheet's declared dimensions are not
/// trusted: one cell at `A1` and one at `XFD1048576` must not make a dense grid of 17 billion);
/// `None` for a sheet the workbook reader cannot read, which is passed over like a sheet
/// without the tables.
fn sheet_cells(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Option<Cells>, ReadError> {
    let mut cells = BTreeMap::new();
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet or a dialog sheet: no cells to read.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(Some(cells)),
        Err(_) => return Ok(None),
    };
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(_) => return Ok(None),
        };
        let data = Data::from(cell.get_value().clone());
        if data == Data::Empty {
            continue;
        }
        if cells.len() >= MAX_CELLS {
            return Err(ReadError::TooMany {
                location: format!("sheet {name}"),
                what: "non-empty cells",
                limit: MAX_CELLS,
            });
        }
        cells.insert(cell.get_position(), data);
    }
    Ok(Some(cells))
}

/// Non-empty cells by absolute (row, column), 0-based.
type Cells = BTreeMap<(u32, u32), Data>;

/// A sheet's non-empty cells.
struct Sheet {
    name: String,
    cells: Cells,
}

/// A spreadsheet cell reference: `A1`, `C12`, `AA3`.
pub fn cell_ref(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(col).saturating_add(1);
    while n > 0 {
        let rem = (n.saturating_sub(1)) % 26;
        letters.push(char::from(
            b'A'.saturating_add(u8::try_from(rem).unwrap_or(0)),
        ));
        n = (n.saturating_sub(1)) / 26;
    }
    letters.reverse();
    let letters: String = letters.into_iter().collect();
    format!("{letters}{}", u64::from(row).saturating_add(1))
}

/// A label as compared: without white space, with ASCII brackets, dots and colons made
/// full-width where the format prints them so.
fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            '．' => '.',
            ':' => '：',
            ',' => '，',
            c => c,
        })
        .collect()
}

impl Sheet {
    fn text(&self, row: u32, col: u32) -> Option<String> {
        match self.cells.get(&(row, col))? {
            Data::String(s) => Some(normalize(s)),
            _ => None,
        }
    }

    /// The first cell, in reading order, whose normalised text is `label`.
    fn find(&self, label: &str) -> Option<(u32, u32)> {
        let want = normalize(label);
        self.cells
            .iter()
            .find(|(_, d)| matches!(d, Data::String(s) if normalize(s) == want))
            .map(|(&k, _)| k)
    }

    /// The raw text of a cell, as a report wrote it (empty for an empty cell).
    fn raw(&self, row: u32, col: u32) -> String {
        match self.cells.get(&(row, col)) {
            None | Some(Data::Empty) => String::new(),
            Some(Data::String(s)) => s.clone(),
            Some(Data::Float(x)) => format!("{x}"),
            Some(Data::Int(i)) => i.to_string(),
            Some(Data::Bool(b)) => b.to_string(),
            Some(Data::DateTimeIso(s) | Data::DurationIso(s)) => s.clone(),
            Some(Data::DateTime(d)) => d.as_f64().to_string(),
            Some(Data::Error(e)) => format!("#{e:?}"),
        }
    }

    fn last_row(&self) -> u32 {
        self.cells.keys().map(|&(r, _)| r).max().unwrap_or(0)
    }
}

/// What the reader gathers before it builds the report.
struct Gathered {
    cells: Vec<(Address, String, u32, u32)>,
    notes: Vec<(Rule, Location, u32, String)>,
    unplaced: Vec<Unplaced>,
    votes: [usize; 2],
}

impl Gathered {
    fn vote(&mut self, edition: Edition) {
        let i = match edition {
            Edition::E2019 => 0,
            Edition::E2021 => 1,
        };
        if let Some(v) = self.votes.get_mut(i) {
            *v = v.saturating_add(1);
        }
    }
}

/// Reads a workbook in the official layout (as [`super::write`] makes it, or a filled official
/// template with extra title rows or notes) into a report.
///
/// The reader takes the first sheet that has the tables of a report, finds each table by its
/// label cells (信息内容 and the Art. 20 rows for section 二, 自然人 and the applicant columns
/// for section 三, 行政复议 and the result columns for section 四) and reads the cells where
/// the labels say they are. The issuer and year come from the title
/// `{issuer}{year}年政府信息公开工作年度报告`; the edition from the labels of section 二 (or of
/// 三 where 二 is missing). Numbers stay numbers, text cells are read like report text (empty is
/// blank, `/` a mark, other text invalid); a labelled row the layout does not have is kept in
/// [`Report::unplaced`] and reported.
///
/// # Errors
///
/// [`ReadError::TooLarge`] beyond [`MAX_BYTES`], [`ReadError::TooMany`] when a sheet has more
/// than [`MAX_CELLS`] non-empty cells or the XML unpacks to more than [`MAX_UNZIPPED`] bytes,
/// [`ReadError::Workbook`] when the bytes are not a workbook (or a cell reference is beyond
/// `XFD1048576`), [`ReadError::NotAReport`] when no sheet has the tables, [`ReadError::Field`]
/// when the title is missing, [`ReadError::Sheet`] when a table lacks a column of the layout.
pub fn read(bytes: &[u8]) -> Result<Reading, ReadError> {
    read_with_limit(bytes, MAX_BYTES)
}

/// Reads a workbook, refusing one larger than `limit` bytes (the limits on cells and on the
/// unpacked XML stay [`MAX_CELLS`] and [`MAX_UNZIPPED`]).
///
/// # Errors
///
/// As [`read`], with `limit` as the limit on the input.
pub fn read_with_limit(bytes: &[u8], limit: usize) -> Result<Reading, ReadError> {
    if bytes.len() > limit {
        return Err(ReadError::TooLarge {
            limit,
            size: bytes.len(),
        });
    }
    check_parts(bytes)?;
    let mut book: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes)).map_err(|e: calamine::XlsxError| {
            ReadError::Workbook {
                message: e.to_string(),
            }
        })?;
    let mut names = Vec::new();
    let mut chosen = None;
    for name in book.sheet_names() {
        let Some(cells) = sheet_cells(&mut book, &name)? else {
            names.push(name);
            continue;
        };
        let sheet = Sheet { name, cells };
        let has_tables = sheet.find(ApplicantColumn::NaturalPerson.label()).is_some()
            || sheet.find(PROACTIVE_CONTENT_HEADER).is_some()
            || sheet.find(AppealRow::Review.label()).is_some();
        names.push(sheet.name.clone());
        if has_tables {
            chosen = Some(sheet);
            break;
        }
    }
    let Some(sheet) = chosen else {
        return Err(ReadError::NotAReport {
            found: format!(
                "no sheet with the tables of a report (sheets: {})",
                names.join(", ")
            ),
        });
    };
    let mut reading = read_sheet(&sheet)?;
    if sheet.name != super::META_SHEET_NAME
        && book
            .sheet_names()
            .iter()
            .any(|n| n == super::META_SHEET_NAME)
        && let Some(cells) = sheet_cells(&mut book, super::META_SHEET_NAME)?
    {
        let meta = Sheet {
            name: super::META_SHEET_NAME.to_owned(),
            cells,
        };
        read_meta(&meta, &mut reading);
    }
    Ok(reading)
}

/// Reads the sheet [`super::META_SHEET_NAME`] into `reading`: the date of publication, the
/// kind of issuer and the unplaced values. A row it cannot take is kept as an unplaced value
/// and reported as `read.unplaced`.
fn read_meta(sheet: &Sheet, reading: &mut Reading) {
    let rows: Vec<u32> = {
        let mut rows: Vec<u32> = sheet.cells.keys().map(|&(r, _)| r).collect();
        rows.dedup();
        rows
    };
    for row in rows {
        let key = sheet.raw(row, 0);
        let (value, raw, line_text) = (sheet.raw(row, 1), sheet.raw(row, 2), sheet.raw(row, 3));
        let line = usize::try_from(row).ok().map(|r| r.saturating_add(1));
        let at = format!("工作表 {} 第 {} 行", sheet.name, row.saturating_add(1));
        let field = ReportField::from_key(key.trim());
        match (key.trim(), field) {
            (k, _) if row == 0 && k == super::META_HEADER[0] => {}
            (_, Some(ReportField::Published)) => {
                let format = time::macros::format_description!("[year]-[month]-[day]");
                match time::Date::parse(value.trim(), format) {
                    Ok(d) => reading.report.published = Some(d),
                    Err(_) => {
                        reading.note(
                            Rule::ReadUnplaced,
                            Location::report("published"),
                            line,
                            format!("{at}：发布日期应为 ISO 日期（如 2025-01-20），实为「{value}」，未采用"),
                        );
                    }
                }
            }
            (_, Some(ReportField::Kind)) => {
                match IssuerKind::from_key(value.trim()) {
                    Some(k) => reading.report.kind = Some(k),
                    None => {
                        reading.note(
                        Rule::ReadUnplaced,
                        Location::report("kind"),
                        line,
                        format!("{at}：机关类型应为 department 或 government，实为「{value}」，未采用"),
                    );
                    }
                }
            }
            (UNPLACED_KEY, _) => reading.report.unplaced.push(Unplaced {
                line: line_text.trim().parse().ok(),
                key: value,
                raw,
            }),
            _ => {
                let text = [value, raw, line_text]
                    .into_iter()
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(",");
                reading.note(
                    Rule::ReadUnplaced,
                    Location::table("source"),
                    line,
                    format!("{at}：未知的键「{key}」，其值「{text}」已原样保留"),
                );
                reading.report.unplaced.push(Unplaced {
                    line,
                    key,
                    raw: text,
                });
            }
        }
    }
}

fn read_sheet(sheet: &Sheet) -> Result<Reading, ReadError> {
    let (issuer, year) = title(sheet)?;
    let mut g = Gathered {
        cells: Vec::new(),
        notes: Vec::new(),
        unplaced: Vec::new(),
        votes: [0, 0],
    };
    proactive(sheet, &mut g);
    let appeals_top = sheet.find(AppealRow::Review.label()).map(|(r, _)| r);
    applications(sheet, appeals_top, &mut g)?;
    appeals(sheet, &mut g)?;

    let edition = match g.votes {
        [a, b] if a > b => Edition::E2019,
        [a, b] if b > a => Edition::E2021,
        _ => {
            let e = Edition::for_year(year);
            g.notes.push((
                Rule::ReadRepaired,
                Location::report("edition"),
                0,
                format!("表格未能判定格式版本，按年度 {year} 取 {e}"),
            ));
            e
        }
    };
    let mut report = Report::new(issuer, year, edition);
    prose(sheet, &mut report);
    for (address, text, row, col) in g.cells {
        if report.cell(address).is_some() {
            g.notes.push((
                Rule::ReadUnplaced,
                Location::cell(address),
                row,
                format!(
                    "工作表 {} 单元格 {}：{address} 重复出现，保留先出现的值，此值「{text}」另存",
                    sheet.name,
                    cell_ref(row, col)
                ),
            ));
            g.unplaced.push(Unplaced {
                line: usize::try_from(row).ok().map(|r| r.saturating_add(1)),
                key: address.to_string(),
                raw: text,
            });
            continue;
        }
        report.set(address, Cell::from_text(&text, address.cell_type()));
    }
    report.unplaced = g.unplaced;
    let mut reading = Reading::new(report);
    for (rule, location, row, message) in g.notes {
        let line = usize::try_from(row).ok().map(|r| r.saturating_add(1));
        reading.note(rule, location, line, message);
    }
    Ok(reading)
}

/// The issuer and year from the title cell.
fn title(sheet: &Sheet) -> Result<(String, u16), ReadError> {
    let found = sheet.cells.iter().find_map(|(&(r, c), d)| match d {
        Data::String(s) if s.contains(TITLE_CORE) => Some((r, c, s.clone())),
        _ => None,
    });
    let Some((r, c, text)) = found else {
        return Err(ReadError::Field {
            location: format!("sheet {}", sheet.name),
            what: "a title such as 某县某局2024年政府信息公开工作年度报告",
            found: "no title".into(),
        });
    };
    let before = text.split(TITLE_CORE).next().unwrap_or_default().trim_end();
    let before = before
        .strip_suffix("年度")
        .or_else(|| before.strip_suffix('年'))
        .unwrap_or(before)
        .trim_end();
    let digits = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .count();
    let split = before.len().saturating_sub(digits);
    let (issuer, year) = before.split_at_checked(split).unwrap_or((before, ""));
    let issuer = issuer.trim();
    let year: Option<u16> = year.parse().ok().filter(|_| digits == 4);
    match (issuer.is_empty(), year) {
        (false, Some(year)) => Ok((issuer.to_owned(), year)),
        _ => Err(ReadError::Field {
            location: format!("sheet {}, cell {}", sheet.name, cell_ref(r, c)),
            what: "a title {issuer}{year}年政府信息公开工作年度报告",
            found: format!("`{text}`"),
        }),
    }
}

/// The column whose label (in either edition) is `text`, with the editions whose label it is.
fn proactive_column(text: &str) -> Option<ProactiveColumn> {
    ProactiveColumn::ALL.iter().copied().find(|c| {
        Edition::ALL
            .iter()
            .any(|&e| normalize(c.label_in(e)) == text)
    })
}

fn proactive_row(text: &str) -> Option<ProactiveRow> {
    ProactiveRow::ALL.iter().copied().find(|r| {
        Edition::ALL
            .iter()
            .any(|&e| normalize(r.label_in(e)) == text)
    })
}

/// Section 二: every 信息内容 header cell, the columns to its right, the rows below it.
fn proactive(sheet: &Sheet, g: &mut Gathered) {
    let header = normalize(PROACTIVE_CONTENT_HEADER);
    let heads: Vec<(u32, u32)> = sheet
        .cells
        .keys()
        .copied()
        .filter(|&(r, c)| sheet.text(r, c).as_deref() == Some(header.as_str()))
        .collect();
    for (hr, hc) in heads {
        let columns: Vec<(u32, ProactiveColumn)> = sheet
            .cells
            .range((hr, hc.saturating_add(1))..(hr.saturating_add(1), 0))
            .filter_map(|(&(_, c), d)| match d {
                Data::String(s) => proactive_column(&normalize(s)).map(|col| (c, col)),
                _ => None,
            })
            .collect();
        let mut r = hr.saturating_add(1);
        while let Some(row) = sheet.text(r, hc).and_then(|t| proactive_row(&t)) {
            for &(c, column) in &columns {
                for &e in Edition::ALL {
                    let fits = proactive_columns(e, row).contains(&column)
                        && Edition::ALL
                            .iter()
                            .filter(|&&o| proactive_columns(o, row).contains(&column))
                            .count()
                            == 1;
                    if fits {
                        g.vote(e);
                    }
                }
                g.cells
                    .push((Address::Proactive(row, column), sheet.raw(r, c), r, c));
            }
            r = r.saturating_add(1);
        }
    }
}

/// The row of section 三 whose label is `text`; the label of （二） may lack its note.
fn application_row(text: &str) -> Option<(ApplicationRow, bool)> {
    if let Some(r) = ApplicationRow::ALL
        .iter()
        .copied()
        .find(|r| normalize(r.label()) == text)
    {
        return Some((r, false));
    }
    let partial = normalize(ApplicationRow::PartiallyGranted.label());
    let short = partial.split('（').take(2).collect::<Vec<_>>().join("（");
    (text == short).then_some((ApplicationRow::PartiallyGranted, true))
}

/// Section 三: the applicant columns from 自然人 on, and each labelled row below them.
fn applications(sheet: &Sheet, stop: Option<u32>, g: &mut Gathered) -> Result<(), ReadError> {
    let Some((hr, hc)) = sheet.find(ApplicantColumn::NaturalPerson.label()) else {
        return Ok(());
    };
    let mut columns = vec![(hc, ApplicantColumn::NaturalPerson)];
    let mut band_end = hr;
    let mut last = hc;
    for &column in ApplicantColumn::ALL.iter().skip(1) {
        let want = normalize(column.label());
        let found = (hr.saturating_sub(1)..=hr.saturating_add(2))
            .flat_map(|r| {
                sheet
                    .cells
                    .range((r, last.saturating_add(1))..(r.saturating_add(1), 0))
                    .filter(|(_, d)| matches!(d, Data::String(s) if normalize(s) == want))
                    .map(|(&k, _)| k)
                    .collect::<Vec<_>>()
            })
            .min_by_key(|&(_, c)| c);
        let Some((r, c)) = found else {
            return Err(ReadError::Sheet {
                sheet: sheet.name.clone(),
                cell: cell_ref(hr, last.saturating_add(1)),
                expected: format!("the applicant column {} right of 自然人", column.label()),
                found: "no such column label".into(),
            });
        };
        columns.push((c, column));
        band_end = band_end.max(r);
        last = c;
    }
    let end = stop.unwrap_or_else(|| sheet.last_row());
    let mut seen_2021_other = false;
    for r in band_end.saturating_add(1)..=end {
        let label = sheet
            .cells
            .range((r, 0)..(r, hc))
            .rev()
            .find_map(|(&(_, c), d)| match d {
                Data::String(s) if !s.trim().is_empty() => Some((c, s.clone())),
                _ => None,
            });
        let has_data = columns
            .iter()
            .any(|&(c, _)| !sheet.raw(r, c).trim().is_empty());
        let Some((lc, text)) = label else {
            if has_data {
                unplaced_row(sheet, g, r, "", &columns);
            }
            continue;
        };
        match application_row(&normalize(&text)) {
            Some((row, repaired)) => {
                if repaired {
                    g.notes.push((
                        Rule::ReadRepaired,
                        Location::row(TableKey::Applications, row.key()),
                        r,
                        format!(
                            "工作表 {} 单元格 {}：行标签「{text}」按「{}」读取",
                            sheet.name,
                            cell_ref(r, lc),
                            row.label()
                        ),
                    ));
                }
                if row.group() == Some(crate::catalogue::OutcomeGroup::OtherHandling) {
                    seen_2021_other = true;
                }
                for &(c, column) in &columns {
                    g.cells
                        .push((Address::Applications(row, column), sheet.raw(r, c), r, c));
                }
                if row == ApplicationRow::CarriedForward {
                    break;
                }
            }
            None if has_data => unplaced_row(sheet, g, r, &text, &columns),
            None => {}
        }
    }
    if g.votes == [0, 0] {
        let has_single = g
            .cells
            .iter()
            .any(|(a, ..)| matches!(a, Address::Applications(ApplicationRow::Other, _)));
        match (seen_2021_other, has_single) {
            (true, false) => g.vote(Edition::E2021),
            (false, true) => g.vote(Edition::E2019),
            _ => {}
        }
    }
    Ok(())
}

fn unplaced_row(
    sheet: &Sheet,
    g: &mut Gathered,
    r: u32,
    label: &str,
    columns: &[(u32, ApplicantColumn)],
) {
    let raw = columns
        .iter()
        .map(|&(c, _)| sheet.raw(r, c))
        .collect::<Vec<_>>()
        .join(",");
    g.notes.push((
        Rule::ReadUnplaced,
        Location::table(TableKey::Applications.key()),
        r,
        format!(
            "工作表 {} 第 {} 行：行「{label}」不是格式规定的行，其值「{raw}」已原样保留",
            sheet.name,
            r.saturating_add(1)
        ),
    ));
    g.unplaced.push(Unplaced {
        line: usize::try_from(r).ok().map(|r| r.saturating_add(1)),
        key: format!("applications,{label}"),
        raw,
    });
}

/// Section 四: the fifteen result columns right of 行政复议 and the data row below them.
fn appeals(sheet: &Sheet, g: &mut Gathered) -> Result<(), ReadError> {
    let Some((hr, hc)) = sheet.find(AppealRow::Review.label()) else {
        return Ok(());
    };
    let wanted: Vec<(AppealColumn, String)> = AppealColumn::ALL
        .iter()
        .map(|&c| (c, normalize(c.label())))
        .collect();
    let mut columns: Vec<(u32, u32, AppealColumn)> = Vec::new();
    let mut c = hc;
    let limit = hc.saturating_add(64);
    while columns.len() < AppealRow::ALL.len().saturating_mul(AppealColumn::ALL.len()) && c < limit
    {
        let label = (hr.saturating_add(1)..=hr.saturating_add(3))
            .rev()
            .find_map(|r| {
                let t = sheet.text(r, c)?;
                wanted
                    .iter()
                    .find(|(_, w)| *w == t)
                    .map(|&(col, _)| (r, col))
            });
        if let Some((r, col)) = label {
            columns.push((r, c, col));
        }
        c = c.saturating_add(1);
    }
    let blocks: Vec<&[(u32, u32, AppealColumn)]> =
        columns.chunks(AppealColumn::ALL.len()).collect();
    let data_row = columns
        .iter()
        .map(|&(r, _, _)| r)
        .max()
        .unwrap_or(hr)
        .saturating_add(1);
    for (i, &row) in AppealRow::ALL.iter().enumerate() {
        let block = blocks.get(i).copied().unwrap_or_default();
        let in_order = block.len() == AppealColumn::ALL.len()
            && block
                .iter()
                .zip(AppealColumn::ALL)
                .all(|(&(_, _, a), b)| a == *b);
        if !in_order {
            let at = block.first().map_or(c, |&(_, c, _)| c);
            return Err(ReadError::Sheet {
                sheet: sheet.name.clone(),
                cell: cell_ref(hr.saturating_add(1), at),
                expected: format!(
                    "the columns {} of {}",
                    AppealColumn::ALL
                        .iter()
                        .map(|c| c.label())
                        .collect::<Vec<_>>()
                        .join(" "),
                    row.full_label()
                ),
                found: block
                    .iter()
                    .map(|&(_, _, a)| a.label())
                    .collect::<Vec<_>>()
                    .join(" "),
            });
        }
        for &(_, c, column) in block {
            g.cells.push((
                Address::Appeals(row, column),
                sheet.raw(data_row, c),
                data_row,
                c,
            ));
        }
    }
    Ok(())
}

/// The prose of sections 一, 五 and 六: the text rows under each heading, up to the next
/// heading or table.
fn prose(sheet: &Sheet, report: &mut Report) {
    let headings: Vec<(usize, u32)> = SECTION_HEADINGS
        .iter()
        .enumerate()
        .filter_map(|(i, h)| sheet.find(h).map(|(r, _)| (i, r)))
        .collect();
    let stops: Vec<u32> = headings.iter().map(|&(_, r)| r).collect();
    let table_labels = [
        normalize(PROACTIVE_CONTENT_HEADER),
        normalize(ApplicantColumn::NaturalPerson.label()),
        normalize(AppealRow::Review.label()),
        normalize(crate::catalogue::APPLICATIONS_NOTE),
    ];
    for &(i, hr) in &headings {
        let end = stops
            .iter()
            .copied()
            .filter(|&r| r > hr)
            .min()
            .unwrap_or_else(|| sheet.last_row().saturating_add(1));
        let mut lines = Vec::new();
        for r in hr.saturating_add(1)..end {
            let texts: Vec<&str> = sheet
                .cells
                .range((r, 0)..(r.saturating_add(1), 0))
                .filter_map(|(_, d)| match d {
                    Data::String(s) => Some(s.as_str()),
                    _ => None,
                })
                .collect();
            if texts.iter().any(|t| table_labels.contains(&normalize(t))) {
                break;
            }
            if !texts.is_empty() {
                lines.push(texts.concat());
            }
        }
        let text = (!lines.is_empty()).then(|| lines.join("\n"));
        match i {
            0 => report.prose.overview = text,
            4 => report.prose.problems = text,
            5 => report.prose.other = text,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_refs_are_spreadsheet_names() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(11, 2), "C12");
        assert_eq!(cell_ref(2, 26), "AA3");
    }

    #[test]
    fn labels_compare_without_space_and_with_full_width_brackets() {
        assert_eq!(normalize(" (一)予以 公开 "), "（一）予以公开");
        assert_eq!(normalize("1．属于国家秘密"), "1.属于国家秘密");
    }
}

#[cfg(test)]
mod dimension_tests {
    use super::{long_reference, overannounced_strings, reversed_dimension, row_column, tags};

    fn reversed(xml: &str) -> Option<String> {
        reversed_dimension(xml.as_bytes())
    }

    #[test]
    fn a_dimension_that_ends_before_it_starts_is_found() {
        assert_eq!(
            reversed(r#"<dimension ref="v7:O60"/>"#).as_deref(),
            Some("v7:O60")
        );
        assert_eq!(
            reversed(r#"<dimension ref="A9:B2"/>"#).as_deref(),
            Some("A9:B2")
        );
        assert_eq!(
            reversed(r#"<x:dimension  ref = 'B1:A1'>"#).as_deref(),
            Some("B1:A1")
        );
        // Not hidden by a `>` or a `ref=` in another attribute's value.
        assert_eq!(
            reversed(r#"<dimension a=">" b="x ref='A1:B2'" ref="C3:B3"/>"#).as_deref(),
            Some("C3:B3")
        );
        // The second of two.
        assert_eq!(
            reversed(r#"<dimension ref="A1:B2"/><dimension ref="B2:A1"/>"#).as_deref(),
            Some("B2:A1")
        );
    }

    #[test]
    fn other_dimensions_and_elements_pass() {
        for xml in [
            r#"<dimension ref="A1:XFD1048576"/>"#,
            r#"<dimension ref="C3"/>"#,
            r#"<dimension ref="a1:b2"/>"#,
            r#"<dimension ref="B2:B2"/>"#,
            r#"<dimension ref="1:2"/>"#,
            r#"<mergeCell ref="B2:A1"/>"#,
            r#"<c r="A1"><v>dimension</v></c>"#,
            r#"<dimensions ref="B2:A1"/>"#,
            "<dimension ref=",
            "<dimension",
            "",
        ] {
            assert_eq!(reversed(xml), None, "{xml}");
        }
        // What looks like the attribute inside another attribute's value counts too: the
        // check errs on the side of refusing.
        assert_eq!(
            reversed(r#"<dimension ref="A1:B2" n="<dimension ref='B2:A1'"/>"#).as_deref(),
            Some("B2:A1")
        );
    }

    #[test]
    fn long_references_are_found_with_white_space_around_the_equals_sign() {
        let long = |xml: &str| long_reference(xml.as_bytes());
        for xml in [
            r#"<c r="AAAAAAAAAAAAA1"/>"#,
            r#"<c r = "AAAAAAAAAAAAA1"/>"#,
            "<c r\t=\n'AAAAAAAAAAAAA1'/>",
            r#"<row r ="99999999999"/>"#,
            r#"<row r= "99999999999"/>"#,
            r#"<mergeCell ref = "A1:AAAAA2"/>"#,
            r#"<selection sqref  =  "A1 B2:C99999999"/>"#,
        ] {
            assert!(long(xml).is_some(), "{xml}");
        }
        for xml in [
            r#"<c r = "XFD1048576"/>"#,
            r#"<c x:r = "AAAAAAAAAAAAA1"/>"#,
            r#"<c rr = "AAAAAAAAAAAAA1"/>"#,
            r#"<c r = AAAAAAAAAAAAA1/>"#,
            "<c r = ",
            "=",
        ] {
            assert_eq!(long(xml), None, "{xml}");
        }
    }

    #[test]
    fn shared_strings_announced_past_what_the_part_holds_are_found() {
        let part = |count: &str, strings: usize| {
            format!(
                "<sst xmlns=\"x\" count=\"9\" {count}>{}</sst>",
                "<si><t>a</t></si>".repeat(strings)
            )
        };
        let over = |xml: String| overannounced_strings(xml.as_bytes());
        assert_eq!(
            over(part("uniqueCount=\"4000000000\"", 3)).as_deref(),
            Some("4000000000")
        );
        assert_eq!(
            over(part("uniqueCount = '18446744073709551615'", 0)).as_deref(),
            Some("18446744073709551615")
        );
        assert_eq!(
            over("<x:sst uniqueCount=\"99999999999999999999999\"/>".to_owned()).as_deref(),
            Some("99999999999999999999999")
        );
        // A count the part holds, or up to the allowance, passes: sloppy writers are read.
        for xml in [
            part("uniqueCount=\"3\"", 3),
            part("uniqueCount=\"1000000\"", 3),
            part("", 3),
            part("uniqueCount=\"x\"", 3),
            "<sst/>".to_owned(),
            String::new(),
        ] {
            assert_eq!(over(xml.clone()), None, "{xml}");
        }
        let held = "<si/>".repeat(1_000_001);
        assert_eq!(
            over(format!("<sst uniqueCount=\"1000001\">{held}</sst>")),
            None
        );
    }

    #[test]
    fn tags_are_found_by_their_local_name_and_not_inside_values() {
        let xml = br#"<si>a</si><x:si a="<si>"/><sis/><si/><asi><si "#;
        let found: Vec<&[u8]> = tags(xml, b"si").collect();
        assert_eq!(found, vec![&b""[..], br#" a="<si>"/"#, b"/", b" "]);
    }

    #[test]
    fn references_read_as_calamine_reads_them() {
        assert_eq!(row_column(b"A1"), Some((1, 1)));
        assert_eq!(row_column(b"v7"), Some((7, 22)));
        assert_eq!(row_column(b"XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(row_column(b"AA10"), Some((10, 27)));
        for bad in [&b""[..], b"A", b"7", b"A1B", b"A-1", "Ａ1".as_bytes()] {
            assert_eq!(row_column(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn many_unclosed_tags_are_scanned_once() {
        // Every `dimension` after the first is inside its unclosed tag: found in one pass.
        let xml = "<dimension ref='A1:B2' ".repeat(100_000);
        assert_eq!(reversed(&xml), None);
        let xml = format!(
            "{}<dimension ref='B1:A1'>",
            "<dimension ref='A1:B2'>".repeat(100_000)
        );
        assert_eq!(reversed(&xml).as_deref(), Some("B1:A1"));
    }
}
