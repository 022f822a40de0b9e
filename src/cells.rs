//! The long-format cells CSV of `docs/spec/CELLS.md`: `table,row,column,value`.
//!
//! The reader accepts rows in any order and treats a missing row like an empty value. It is
//! lenient where it can be without losing anything: a record with the wrong number of fields,
//! an unknown key or a duplicate cell is reported as a `read.unplaced` finding with its line and
//! kept in [`Report::unplaced`]; a value that is not a number of its cell's type is kept as
//! [`Entry::Invalid`](crate::Entry::Invalid) text, which validation reports as `cell.invalid`.
//!
//! The writer emits the `report` rows (`issuer`, `year`, `edition`, then `published`, `kind`
//! and the prose where the report has them) and then every cell of the report's layout in the
//! order of the format: a number as a number, a mark (`/`, `-`, `—`, `无`) or an unreadable
//! value exactly as written (CSV-quoted when it holds a comma, a quote or a line break), and
//! a blank cell as an empty value. The reader reads each back as the same entry.

use std::io;

use crate::catalogue::{Edition, IssuerKind, ReportField};
use crate::cell::Cell;
use crate::error::{ReadError, WriteError};
use crate::finding::{Location, Rule};
use crate::read::Reading;
use crate::report::{Address, Report, Unplaced};

/// The header line every cells CSV starts with.
pub const HEADER: [&str; 4] = ["table", "row", "column", "value"];

/// The largest cells CSV [`read`] accepts: 16 MiB (a report's cells CSV is about 20 KiB).
pub const MAX_INPUT: usize = crate::limits::DEFAULT_LIMIT;

/// Reads a cells CSV, refusing input larger than [`MAX_INPUT`].
///
/// ```
/// let csv = "table,row,column,value\n\
///            report,issuer,,某县某局\n\
///            report,year,,2024\n\
///            appeals,review,upheld,2\n";
/// let reading = zfxxgk::cells::read(csv)?;
/// assert_eq!(reading.report.edition, zfxxgk::Edition::E2021);
/// // No edition row: the reader took the year's edition, and says so.
/// assert_eq!(reading.findings[0].rule, zfxxgk::Rule::ReadRepaired);
/// # Ok::<(), zfxxgk::ReadError>(())
/// ```
///
/// # Errors
///
/// [`ReadError::TooLarge`] above [`MAX_INPUT`], [`ReadError::Header`] when the first line is
/// not the header, [`ReadError::Csv`] when the text is not CSV, [`ReadError::Field`] when the
/// `report` rows lack the issuer row or a readable year (a blank issuer is read; validation
/// reports it as `structure.missing`). Everything else is reported in
/// [`Reading::findings`].
pub fn read(input: &str) -> Result<Reading, ReadError> {
    read_with_limit(input, MAX_INPUT)
}

/// Reads a cells CSV from bytes, which must be UTF-8 (a byte order mark is skipped), refusing input
/// larger than [`MAX_INPUT`]. For other encodings (GBK, UTF-16) decode first with
/// [`crate::decode::decode`], or use [`crate::read::any`].
///
/// # Errors
///
/// [`ReadError::Encoding`] at the first byte that is not UTF-8; otherwise as [`read`].
pub fn read_bytes(bytes: &[u8]) -> Result<Reading, ReadError> {
    if bytes.len() > MAX_INPUT {
        return Err(ReadError::TooLarge {
            limit: MAX_INPUT,
            size: bytes.len(),
        });
    }
    let text = core::str::from_utf8(bytes).map_err(|e| ReadError::Encoding {
        offset: e.valid_up_to(),
    })?;
    read(text)
}

/// Reads a cells CSV, refusing input larger than `limit` bytes.
///
/// # Errors
///
/// As [`read`], with `limit` as the limit.
pub fn read_with_limit(input: &str, limit: usize) -> Result<Reading, ReadError> {
    if input.len() > limit {
        return Err(ReadError::TooLarge {
            limit,
            size: input.len(),
        });
    }
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input.as_bytes());
    let mut records = rdr.records();

    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(csv_error(&e)),
        None => {
            return Err(ReadError::Header {
                found: String::new(),
            });
        }
    };
    if header.iter().map(str::trim).ne(HEADER.iter().copied()) {
        return Err(ReadError::Header {
            found: header.iter().collect::<Vec<_>>().join(","),
        });
    }

    let mut meta: Vec<(ReportField, String, usize)> = Vec::new();
    let mut cells: Vec<(Address, String, usize, std::ops::Range<usize>)> = Vec::new();
    let mut pending = Vec::new();

    for record in records {
        let record = record.map_err(|e| csv_error(&e))?;
        let pos = record.position();
        let line = pos.map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
        let start = pos.map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        let fields: Vec<&str> = record.iter().collect();
        let [table, row, column, value] = fields.as_slice() else {
            if fields.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            pending.push((
                Location::table("source"),
                line,
                format!(
                    "第 {line} 行：应有 4 个字段（table,row,column,value），实为 {} 个：{}",
                    fields.len(),
                    fields.join(",")
                ),
                Unplaced {
                    line: Some(line),
                    key: fields.iter().take(3).copied().collect::<Vec<_>>().join(","),
                    raw: fields.get(3..).map(|f| f.join(",")).unwrap_or_default(),
                },
            ));
            continue;
        };
        let (table, row, column) = (table.trim(), row.trim(), column.trim());
        if table == "report" {
            if let Some(field) = ReportField::from_key(row) {
                meta.push((field, (*value).to_owned(), line));
                continue;
            }
        } else if let Some(address) = Address::from_keys(table, row, column) {
            cells.push((
                address,
                (*value).to_owned(),
                line,
                value_bytes(input, start, value),
            ));
            continue;
        }
        pending.push((
            Location {
                row: Some(row.to_owned()),
                column: (!column.is_empty()).then(|| column.to_owned()),
                ..Location::table(table)
            },
            line,
            format!("第 {line} 行：未知的键 {table},{row},{column}，其值「{value}」已原样保留"),
            Unplaced {
                line: Some(line),
                key: format!("{table},{row},{column}"),
                raw: (*value).to_owned(),
            },
        ));
    }

    let field = |f: ReportField| meta.iter().find(|(k, _, _)| *k == f);
    // The issuer as written, as the JSON reader and the writer keep it: a blank one is a
    // report without its issuer (reported below), which must load and round-trip like any.
    let issuer = field(ReportField::Issuer)
        .map(|(_, v, _)| v.clone())
        .ok_or_else(|| ReadError::Field {
            location: "report/issuer".into(),
            what: "the issuing body's name",
            found: "nothing".into(),
        })?;
    let (year_text, year_line) = field(ReportField::Year)
        .map(|(_, v, l)| (v.trim().to_owned(), *l))
        .ok_or_else(|| ReadError::Field {
            location: "report/year".into(),
            what: "the year reported on",
            found: "nothing".into(),
        })?;
    let year: u16 = year_text.parse().map_err(|_| ReadError::Field {
        location: format!("line {year_line}, report/year"),
        what: "a year such as 2024",
        found: format!("`{year_text}`"),
    })?;

    // A blank issuer is not a reader's note: nothing was left unplaced, and validation says it
    // (`structure.missing` at `report/issuer`), so the user is told once.
    let mut notes: Vec<(Rule, Location, usize, String)> = Vec::new();
    let edition = match field(ReportField::Edition) {
        Some((_, v, line)) => match Edition::from_key(v.trim()) {
            Some(e) => e,
            None => {
                let e = Edition::for_year(year);
                notes.push((
                    Rule::ReadRepaired,
                    Location::report("edition"),
                    *line,
                    format!("第 {line} 行：格式版本应为 2019 或 2021，实为「{v}」，按年度取 {e}"),
                ));
                e
            }
        },
        None => {
            let e = Edition::for_year(year);
            notes.push((
                Rule::ReadRepaired,
                Location::report("edition"),
                0,
                format!("缺少格式版本（report,edition），按年度 {year} 取 {e}"),
            ));
            e
        }
    };

    let mut report = Report::new(issuer, year, edition);
    for (f, value, line) in &meta {
        let text = value.trim();
        match f {
            ReportField::Published if !text.is_empty() => {
                let format = time::macros::format_description!("[year]-[month]-[day]");
                match time::Date::parse(text, format) {
                    Ok(d) => report.published = Some(d),
                    Err(_) => notes.push((
                        Rule::ReadUnplaced,
                        Location::report("published"),
                        *line,
                        format!("第 {line} 行：发布日期应为 ISO 日期（如 2025-01-20），实为「{text}」，未采用"),
                    )),
                }
            }
            ReportField::Kind if !text.is_empty() => match IssuerKind::from_key(text) {
                Some(k) => report.kind = Some(k),
                None => notes.push((
                    Rule::ReadUnplaced,
                    Location::report("kind"),
                    *line,
                    format!("第 {line} 行：机关类型应为 department 或 government，实为「{text}」，未采用"),
                )),
            },
            ReportField::Overview => report.prose.overview = Some(value.clone()),
            ReportField::Problems => report.prose.problems = Some(value.clone()),
            ReportField::Other => report.prose.other = Some(value.clone()),
            _ => {}
        }
    }

    for (address, value, line, bytes) in cells {
        if report.cell(address).is_some() {
            notes.push((
                Rule::ReadUnplaced,
                Location::cell(address),
                line,
                format!("第 {line} 行：{address} 重复出现，保留先出现的值，此值「{value}」另存"),
            ));
            report.unplaced.push(Unplaced {
                line: Some(line),
                key: address.to_string(),
                raw: value,
            });
            continue;
        }
        let cell = Cell::from_text(&value, address.cell_type())
            .with_origin(crate::Origin::text(line, bytes));
        report.set(address, cell);
    }

    let mut reading = Reading::new(report);
    for (location, line, message, unplaced) in pending {
        reading.report.unplaced.push(unplaced);
        reading.note(Rule::ReadUnplaced, location, Some(line), message);
    }
    for (rule, location, line, message) in notes {
        reading.note(rule, location, (line > 0).then_some(line), message);
    }
    Ok(reading)
}

/// Where the value of the record starting at byte `start` stands in `input`: the end of its line
/// when the line ends with it as written (no quotes), else the whole line.
fn value_bytes(input: &str, start: usize, value: &str) -> std::ops::Range<usize> {
    let rest = input.get(start..).unwrap_or("");
    let line = rest.split('\n').next().unwrap_or("").trim_end_matches('\r');
    let end = start.saturating_add(line.len());
    if !value.is_empty() && line.ends_with(value) {
        end.saturating_sub(value.len())..end
    } else {
        start..end
    }
}

fn csv_error(e: &csv::Error) -> ReadError {
    ReadError::Csv {
        line: e.position().map_or(0, csv::Position::line),
        message: e.to_string(),
    }
}

/// Writes `report` as a cells CSV to `out` (a file, standard output, a `Vec<u8>`).
///
/// ```
/// use zfxxgk::{Edition, Report, cells};
///
/// let mut out = Vec::new();
/// cells::write(&Report::new("某县某局", 2024, Edition::E2021), &mut out)?;
/// assert!(out.starts_with(b"table,row,column,value\nreport,issuer,,"));
/// # Ok::<(), zfxxgk::WriteError>(())
/// ```
///
/// # Errors
///
/// [`WriteError`] when `out` fails.
pub fn write(report: &Report, out: impl io::Write) -> Result<(), WriteError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    let err = |e: csv::Error| WriteError::Csv(e.to_string());
    w.write_record(HEADER).map_err(err)?;
    let year = report.year.to_string();
    let published = report.published.map(|d| d.to_string());
    let meta: [(ReportField, Option<&str>); 8] = [
        (ReportField::Issuer, Some(report.issuer.as_str())),
        (ReportField::Year, Some(&year)),
        (ReportField::Edition, Some(report.edition.key())),
        (ReportField::Published, published.as_deref()),
        (ReportField::Kind, report.kind.map(IssuerKind::key)),
        (ReportField::Overview, report.prose.overview.as_deref()),
        (ReportField::Problems, report.prose.problems.as_deref()),
        (ReportField::Other, report.prose.other.as_deref()),
    ];
    for (field, value) in meta {
        if let Some(v) = value {
            w.write_record(["report", field.key(), "", v])
                .map_err(err)?;
        }
    }
    for address in report.addresses() {
        let value = report.cell(address).map(Cell::csv_text).unwrap_or_default();
        w.write_record([
            address.table().key(),
            address.row_key(),
            address.column_key(),
            &value,
        ])
        .map_err(err)?;
    }
    w.flush()?;
    Ok(())
}

/// Writes `report` as a cells CSV into a string.
///
/// # Errors
///
/// [`WriteError`] when writing fails (it does not, into memory, but the signature is shared).
pub fn to_string(report: &Report) -> Result<String, WriteError> {
    let mut buf = Vec::new();
    write(report, &mut buf)?;
    String::from_utf8(buf).map_err(|e| WriteError::Csv(e.to_string()))
}

/// Writes `report` as a cells CSV into bytes (UTF-8).
///
/// # Errors
///
/// As [`to_string`].
pub fn to_bytes(report: &Report) -> Result<Vec<u8>, WriteError> {
    let mut buf = Vec::new();
    write(report, &mut buf)?;
    Ok(buf)
}
