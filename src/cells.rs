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
    let mut parser = take_parser();
    let reading = read_records(input, &mut parser);
    keep_parser(parser);
    reading
}

/// [`read_with_limit`] of an input within its limit, without its byte-order mark.
fn read_records(input: &str, parser: &mut csv_core::Reader) -> Result<Reading, ReadError> {
    let mut records = Records::new(input, parser);

    let Some(header) = records.next()? else {
        return Err(ReadError::Header {
            found: String::new(),
        });
    };
    if header
        .fields
        .iter()
        .map(|f| f.trim())
        .ne(HEADER.iter().copied())
    {
        return Err(ReadError::Header {
            found: header.fields.join(","),
        });
    }

    let mut meta: Vec<(ReportField, String, usize)> = Vec::new();
    let mut cells: Vec<(Address, String, usize, std::ops::Range<usize>)> = Vec::new();
    let mut pending = Vec::new();

    while let Some(record) = records.next()? {
        let (line, start, fields) = (record.line, record.start, record.fields);
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

thread_local! {
    /// The parser of the cells CSVs read on this thread, kept between inputs: building one
    /// makes its DFA, which cost more than reading a report's cells (273 k instructions).
    static PARSER: core::cell::Cell<Option<csv_core::Reader>> = const { core::cell::Cell::new(None) };
}

/// A parser with `csv`'s defaults (`,`, `"` doubled inside quotes, any of `\r`, `\n`, `\r\n`
/// ending a record, blank lines skipped) in its initial state: this thread's, reset, or a new
/// one. It is reset rather than cloned: csv-core 0.1.13's `Clone` of a parser copies only part
/// of its DFA, and the copy misreads every record.
fn take_parser() -> csv_core::Reader {
    match PARSER.try_with(core::cell::Cell::take).ok().flatten() {
        Some(mut parser) => {
            parser.reset();
            parser
        }
        None => csv_core::Reader::new(),
    }
}

/// Keeps `parser` for the next input read on this thread.
fn keep_parser(parser: csv_core::Reader) {
    let _ = PARSER.try_with(|cell| cell.set(Some(parser)));
}

/// One record of a cells CSV.
struct Record<'a> {
    /// The line it starts on (1-based), as `csv` counts them.
    line: usize,
    /// The byte offset in the input where its reading started.
    start: usize,
    /// Its fields, unquoted.
    fields: Vec<&'a str>,
}

/// The records of a cells CSV, read by `csv-core` as `csv::Reader` reads them (same positions,
/// same fields), into buffers that grow as a record needs.
struct Records<'a> {
    input: &'a [u8],
    parser: &'a mut csv_core::Reader,
    /// Bytes of `input` read so far.
    at: usize,
    /// The current record's fields, one after the other, and where each ends.
    bytes: Vec<u8>,
    ends: Vec<usize>,
    done: bool,
}

impl<'a> Records<'a> {
    fn new(input: &'a str, parser: &'a mut csv_core::Reader) -> Records<'a> {
        Records {
            input: input.as_bytes(),
            parser,
            at: 0,
            bytes: vec![0; input.len().clamp(64, 4096)],
            ends: vec![0; 8],
            done: false,
        }
    }

    /// The next record, or `None` at the end of the input.
    fn next(&mut self) -> Result<Option<Record<'_>>, ReadError> {
        use csv_core::ReadRecordResult as R;
        let line_number = self.parser.line();
        let line = usize::try_from(line_number).unwrap_or(usize::MAX);
        let start = self.at;
        if self.done {
            return Ok(None);
        }
        let (mut len, mut fields) = (0usize, 0usize);
        loop {
            let input = self.input.get(self.at..).unwrap_or_default();
            let output = self.bytes.get_mut(len..).unwrap_or_default();
            let ends = self.ends.get_mut(fields..).unwrap_or_default();
            let (result, read, written, ended) = self.parser.read_record(input, output, ends);
            self.at = self.at.saturating_add(read);
            len = len.saturating_add(written);
            fields = fields.saturating_add(ended);
            match result {
                R::InputEmpty => {}
                R::OutputFull => self
                    .bytes
                    .resize(self.bytes.len().saturating_mul(2).max(64), 0),
                R::OutputEndsFull => self
                    .ends
                    .resize(self.ends.len().saturating_mul(2).max(8), 0),
                R::Record => break,
                R::End => {
                    self.done = true;
                    return Ok(None);
                }
            }
        }
        let bytes = self.bytes.get(..len).unwrap_or_default();
        let mut out = Vec::with_capacity(fields);
        let mut from = 0usize;
        for &end in self.ends.get(..fields).unwrap_or_default() {
            // The input is text and the parser splits and unquotes only at ASCII bytes, so each
            // field is text too; a field that is not would be a parser's bug, said so.
            let field = bytes
                .get(from..end)
                .and_then(|f| core::str::from_utf8(f).ok())
                .ok_or_else(|| ReadError::Csv {
                    line: line_number,
                    message: "a field is not UTF-8".into(),
                })?;
            out.push(field);
            from = end;
        }
        Ok(Some(Record {
            line,
            start,
            fields: out,
        }))
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]

    use super::*;

    const GOOD: &str = "table,row,column,value\nreport,issuer,,某局\nreport,year,,2024\n\
        applications,received,natural,\"1\"\nappeals,review,upheld,12\n";

    /// Each input is read by this thread's one parser, reset: whatever state an input leaves
    /// it in — inside a quoted field, after a lone `\r`, many lines on — the next is read as by
    /// a new parser.
    #[test]
    fn the_parser_kept_between_inputs_reads_each_as_a_new_one_would() {
        let alone = format!("{:?}", read(GOOD));
        for before in [
            "table,row,column,value\nreport,issuer,,\"open quote\n",
            "table,row,column,value\r",
            "table,row,column,value\n\n\n\n\n\nreport,year,,20\"2\"4\n",
            "\"",
            "",
        ] {
            let _ = read(before);
            assert_eq!(format!("{:?}", read(GOOD)), alone, "after {before:?}");
        }
        // And the parser a thread keeps reads as one made anew (csv's defaults).
        let mut fresh = csv_core::Reader::new();
        let mut kept = take_parser();
        for parser in [&mut fresh, &mut kept] {
            let mut records = Records::new(GOOD, parser);
            let header = records.next().unwrap().unwrap();
            assert_eq!(header.fields, HEADER);
            assert_eq!((header.line, header.start), (1, 0));
        }
        keep_parser(kept);
    }

    /// Records' lines and starts are `csv::Reader`'s positions: a quoted field across lines
    /// moves the next record's line on, CRLF and blank lines count as csv counts them.
    #[test]
    fn records_start_where_csv_says_they_start() {
        let input = "a,b\r\n\r\n\"x\ny\",z\nlast";
        let mut parser = take_parser();
        let mut records = Records::new(input, &mut parser);
        let mut got = Vec::new();
        while let Some(r) = records.next().unwrap() {
            got.push((r.line, r.start, r.fields.join("|")));
        }
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(input.as_bytes());
        let want: Vec<(usize, usize, String)> = rdr
            .records()
            .map(|r| {
                let r = r.unwrap();
                let p = r.position().unwrap();
                let line = usize::try_from(p.line()).unwrap();
                let start = usize::try_from(p.byte()).unwrap();
                (line, start, r.iter().collect::<Vec<_>>().join("|"))
            })
            .collect();
        assert_eq!(got, want);
        assert_eq!(got.len(), 3);
    }
}
