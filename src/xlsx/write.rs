//! The XLSX writer: one sheet in the official layout.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{META_HEADER, META_SHEET_NAME, SHEET_NAME};
use crate::catalogue::{IssuerKind, ReportField};
use crate::cell::{Entry, Number};
use crate::error::WriteError;
use crate::render::layout::{self, Block, Content, Table};
use crate::report::Report;

/// The columns the widest table (section 四) takes; the title and prose are merged across them.
const WIDTH: u16 = 15;

/// Column widths in characters: the label columns of section 三 first.
const COLUMN_WIDTHS: [(u16, f64); 3] = [(0, 20.0), (1, 16.0), (2, 44.0)];

/// The other columns' width.
const DATA_WIDTH: f64 = 11.0;

fn err(e: XlsxError) -> WriteError {
    WriteError::Xlsx(e.to_string())
}

struct Formats {
    title: Format,
    heading: Format,
    prose: Format,
    caption: Format,
    header: Format,
    label: Format,
    text: Format,
    count: Format,
}

impl Formats {
    fn new() -> Self {
        let bordered = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center),
            heading: Format::new().set_bold(),
            prose: Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_align(FormatAlign::Left),
            caption: Format::new().set_bold(),
            header: bordered.clone().set_align(FormatAlign::Center),
            label: bordered.clone().set_align(FormatAlign::Left),
            text: bordered.clone().set_align(FormatAlign::Right),
            count: bordered.set_num_format("0"),
        }
    }

    /// The format of an amount with `scale` decimals.
    fn amount(&self, scale: u32) -> Format {
        let decimals: String = "0".repeat(usize::try_from(scale).unwrap_or(0));
        let pattern = if decimals.is_empty() {
            "0".to_owned()
        } else {
            format!("0.{decimals}")
        };
        self.count.clone().set_num_format(pattern)
    }
}

/// Builds the workbook of `report`.
fn workbook(report: &Report) -> Result<Workbook, WriteError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET_NAME).map_err(err)?;
    fill(report, sheet).map_err(err)?;
    let meta = book.add_worksheet();
    meta.set_name(META_SHEET_NAME).map_err(err)?;
    fill_meta(report, meta).map_err(err)?;
    Ok(book)
}

/// The sheet [`META_SHEET_NAME`]: the header, then the date of publication, the kind of
/// issuer and each unplaced value, as text.
fn fill_meta(report: &Report, sheet: &mut Worksheet) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (col, key) in (0u16..).zip(META_HEADER) {
        sheet.write_string_with_format(0, col, key, &bold)?;
    }
    sheet.set_column_width(0, 12.0)?;
    sheet.set_column_width(1, 40.0)?;
    sheet.set_column_width(2, 40.0)?;
    let mut row: u32 = 1;
    let published = report.published.map(|d| d.to_string());
    let facts = [
        (ReportField::Published, published.as_deref()),
        (ReportField::Kind, report.kind.map(IssuerKind::key)),
    ];
    for (field, value) in facts {
        if let Some(value) = value {
            sheet.write_string(row, 0, field.key())?;
            sheet.write_string(row, 1, value)?;
            row = row.saturating_add(1);
        }
    }
    for u in &report.unplaced {
        sheet.write_string(row, 0, super::read::UNPLACED_KEY)?;
        sheet.write_string(row, 1, &u.key)?;
        sheet.write_string(row, 2, &u.raw)?;
        if let Some(line) = u.line {
            sheet.write_string(row, 3, line.to_string())?;
        }
        row = row.saturating_add(1);
    }
    Ok(())
}

fn fill(report: &Report, sheet: &mut Worksheet) -> Result<(), XlsxError> {
    let f = Formats::new();
    for (col, width) in COLUMN_WIDTHS {
        sheet.set_column_width(col, width)?;
    }
    for col in 3..WIDTH {
        sheet.set_column_width(col, DATA_WIDTH)?;
    }
    sheet.set_landscape();
    let last = WIDTH.saturating_sub(1);
    let mut row: u32 = 0;
    sheet.merge_range(row, 0, row, last, &layout::title(report), &f.title)?;
    sheet.set_row_height(row, 28)?;
    row = row.saturating_add(2);
    for block in layout::blocks(report) {
        match block {
            Block::Heading(_, heading) => {
                sheet.write_string_with_format(row, 0, heading, &f.heading)?;
                row = row.saturating_add(1);
            }
            Block::Prose(text) => {
                sheet.merge_range(row, 0, row, last, text, &f.prose)?;
                let lines = text
                    .lines()
                    .map(|l| l.chars().count().div_ceil(70).max(1))
                    .fold(0usize, usize::saturating_add)
                    .max(1);
                let height = u32::try_from(lines)
                    .unwrap_or(400)
                    .saturating_mul(16)
                    .min(400);
                sheet.set_row_height(row, height)?;
                row = row.saturating_add(2);
            }
            Block::Table(table) => {
                if let Some(caption) = table.caption {
                    sheet.write_string_with_format(row, 0, caption, &f.caption)?;
                    row = row.saturating_add(1);
                }
                row = write_table(report, &table, sheet, row, &f)?;
                row = row.saturating_add(1);
            }
        }
    }
    Ok(())
}

/// Writes `table` from `top`; returns the row after it.
fn write_table(
    report: &Report,
    table: &Table,
    sheet: &mut Worksheet,
    top: u32,
    f: &Formats,
) -> Result<u32, XlsxError> {
    let placed = layout::place(table);
    let mut next = top;
    for (r, line) in placed.grid.iter().enumerate() {
        let row = top.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
        next = row.saturating_add(1);
        let head = r < placed.head_rows;
        for (c, slot) in line.iter().enumerate() {
            let Some((span, true)) = slot else { continue };
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            match span.content {
                Content::Label(text) => {
                    let format = if head { &f.header } else { &f.label };
                    if span.rows > 1 || span.cols > 1 {
                        let last_row = row.saturating_add(
                            u32::try_from(span.rows.saturating_sub(1)).unwrap_or(0),
                        );
                        let last_col = col.saturating_add(
                            u16::try_from(span.cols.saturating_sub(1)).unwrap_or(0),
                        );
                        sheet.merge_range(row, col, last_row, last_col, text, format)?;
                    } else {
                        sheet.write_string_with_format(row, col, text, format)?;
                    }
                }
                Content::Data(address) => {
                    let entry = report.cell(address).map(|c| &c.entry);
                    write_entry(sheet, row, col, entry, f)?;
                }
            }
        }
    }
    Ok(next)
}

fn write_entry(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    entry: Option<&Entry>,
    f: &Formats,
) -> Result<(), XlsxError> {
    match entry {
        None | Some(Entry::Blank) => {
            sheet.write_blank(row, col, &f.count)?;
        }
        Some(Entry::Marked(s) | Entry::Invalid(s)) => {
            sheet.write_string_with_format(row, col, s, &f.text)?;
        }
        Some(Entry::Value(n)) => {
            let format = match n {
                Number::Amount(d) => f.amount(d.scale()),
                _ => f.count.clone(),
            };
            match exact_f64(*n) {
                Some(x) => sheet.write_number_with_format(row, col, x, &format)?,
                // A number a spreadsheet cannot hold exactly is kept as text.
                None => sheet.write_string_with_format(row, col, n.to_string(), &f.text)?,
            };
        }
    }
    Ok(())
}

/// `n` as an `f64`, if the `f64` reads back as the same number.
fn exact_f64(n: Number) -> Option<f64> {
    let x = match n {
        Number::Count(v) => v.to_f64()?,
        Number::Change(v) => v.to_f64()?,
        Number::Amount(d) => d.to_f64()?,
    };
    let back: Decimal = format!("{x}").parse().ok()?;
    (back == n.as_decimal()).then_some(x)
}

/// Writes `report` as an XLSX workbook to `out` (a file, a socket, a `Vec<u8>`).
///
/// ```
/// use zfxxgk::{Edition, Report, xlsx};
///
/// let mut out = Vec::new();
/// xlsx::write(&Report::new("某县某局", 2024, Edition::E2021), &mut out)?;
/// assert!(out.starts_with(b"PK"));
/// # Ok::<(), zfxxgk::WriteError>(())
/// ```
///
/// # Errors
///
/// [`WriteError::Xlsx`] when the workbook cannot be built, [`WriteError::Io`] when `out`
/// fails.
pub fn write(report: &Report, mut out: impl std::io::Write) -> Result<(), WriteError> {
    out.write_all(&to_bytes(report)?)?;
    out.flush()?;
    Ok(())
}

/// Writes `report` as an XLSX workbook to the file at `path`, creating or replacing it.
///
/// # Errors
///
/// [`WriteError::Xlsx`] when the workbook cannot be built, [`WriteError::Io`] when the file
/// cannot be written.
pub fn write_file(report: &Report, path: impl AsRef<std::path::Path>) -> Result<(), WriteError> {
    std::fs::write(path, to_bytes(report)?)?;
    Ok(())
}

/// Writes `report` as an XLSX workbook to `out`: the former name of [`write()`].
///
/// # Errors
///
/// As [`write()`].
#[deprecated(note = "renamed: use `xlsx::write` (to any `io::Write`) or `xlsx::write_file`")]
pub fn write_to(report: &Report, out: impl std::io::Write) -> Result<(), WriteError> {
    write(report, out)
}

/// The XLSX workbook of `report`, as bytes.
///
/// # Errors
///
/// [`WriteError::Xlsx`] when the workbook cannot be built.
pub fn to_bytes(report: &Report) -> Result<Vec<u8>, WriteError> {
    workbook(report)?.save_to_buffer().map_err(err)
}
