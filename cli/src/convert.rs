//! `zfxxgk convert`: one report to another form, or a folder to one long cells table.

use std::path::{Path, PathBuf};

use zfxxgk::{Cell, Severity};

use crate::input::{Form, Input, inputs, load};
use crate::output::{Stdout, write_atomically};

/// The forms `convert` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputForm {
    /// JSON of the report.
    Json,
    /// The cells CSV; for a folder, one long table with `file,issuer,year,edition` in front.
    Csv,
    /// The official layout as plain text.
    Text,
    /// The official layout as Markdown.
    Md,
    /// The official layout as a self-contained HTML page.
    Html,
    /// The official layout as an XLSX workbook (needs `-o`).
    Xlsx,
    /// The official layout as a Word document, DOCX (needs `-o`).
    Docx,
}

/// The forms `sum` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SumForm {
    /// JSON of the summed report.
    Json,
    /// The cells CSV.
    Csv,
    /// The official layout as plain text.
    Text,
    /// The official layout as Markdown.
    Md,
    /// The official layout as a self-contained HTML page.
    Html,
}

impl SumForm {
    fn form(self) -> OutputForm {
        match self {
            SumForm::Json => OutputForm::Json,
            SumForm::Csv => OutputForm::Csv,
            SumForm::Text => OutputForm::Text,
            SumForm::Md => OutputForm::Md,
            SumForm::Html => OutputForm::Html,
        }
    }
}

/// Converts `path`; returns the exit status.
pub fn run(path: &Path, to: OutputForm, from: Option<Form>, output: Option<&Path>) -> u8 {
    if to == OutputForm::Xlsx {
        if path.is_dir() || output.is_none() {
            eprintln!("zfxxgk: --to xlsx writes one report's workbook: name the file with -o");
            return 2;
        }
        return binary(path, from, output, zfxxgk::xlsx::to_bytes);
    }
    if to == OutputForm::Docx {
        if path.is_dir() || output.is_none() {
            eprintln!("zfxxgk: --to docx writes one report's document: name the file with -o");
            return 2;
        }
        return binary(path, from, output, zfxxgk::docx::to_bytes);
    }
    let text = if path.is_dir() {
        if to != OutputForm::Csv {
            eprintln!(
                "zfxxgk: {}: a folder converts only --to csv",
                path.display()
            );
            return 2;
        }
        folder_csv(path, from)
    } else {
        one(path, to, from)
    };
    let Some((text, status)) = text else {
        return 2;
    };
    match output {
        Some(out) => match write_atomically(out, |w| {
            w.write_all(text.as_bytes()).map_err(|e| e.to_string())
        }) {
            Ok(()) => status,
            Err(e) => {
                eprintln!("zfxxgk: {e}");
                2
            }
        },
        None => {
            // A closed pipe ends the output quietly.
            Stdout::new().write(text.as_bytes());
            status
        }
    }
}

/// `zfxxgk sum`: prints the element-wise sum of the reports; the cells blank in some inputs
/// are reported on stderr. Returns the exit status.
pub fn sum(files: &[PathBuf], to: SumForm, from: Option<Form>) -> u8 {
    let mut readings = Vec::new();
    for path in files {
        match load(path, from) {
            Ok(r) => readings.push((path.display().to_string(), r)),
            Err(e) => {
                eprintln!("zfxxgk: {}: {e}", path.display());
                return 2;
            }
        }
    }
    let named: Vec<(&str, &zfxxgk::Report)> = readings
        .iter()
        .map(|(n, r)| (n.as_str(), &r.report))
        .collect();
    let summed = match zfxxgk::analysis::sum::sum_named(&named) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("zfxxgk: cannot sum: {e}");
            return 2;
        }
    };
    for f in summed.notes() {
        eprintln!(
            "zfxxgk: {} {} {}",
            crate::human::severity_word(f.severity),
            f.rule,
            f.message
        );
    }
    match render(&summed.report, to.form()) {
        Ok(t) => {
            Stdout::new().write(t.as_bytes());
            0
        }
        Err(e) => {
            eprintln!("zfxxgk: {e}");
            2
        }
    }
}

/// Writes the report in `path` as a binary document (workbook, Word) to `output`, with
/// `to_bytes` the document's writer.
fn binary(
    path: &Path,
    from: Option<Form>,
    output: Option<&Path>,
    to_bytes: fn(&zfxxgk::Report) -> Result<Vec<u8>, zfxxgk::WriteError>,
) -> u8 {
    let Some(out) = output else {
        return 2;
    };
    let reading = match load(path, from) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("zfxxgk: {}: {e}", path.display());
            return 2;
        }
    };
    match write_atomically(out, |w| {
        let bytes = to_bytes(&reading.report).map_err(|e| e.to_string())?;
        w.write_all(&bytes).map_err(|e| e.to_string())
    }) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("zfxxgk: {e}");
            2
        }
    }
}

fn one(path: &Path, to: OutputForm, from: Option<Form>) -> Option<(String, u8)> {
    let reading = match load(path, from) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("zfxxgk: {}: {e}", path.display());
            return None;
        }
    };
    for f in reading
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
    {
        eprintln!(
            "zfxxgk: {}: {} {} {}",
            path.display(),
            crate::human::severity_word(f.severity),
            f.rule,
            f.message
        );
    }
    match render(&reading.report, to) {
        Ok(t) => Some((t, 0)),
        Err(e) => {
            eprintln!("zfxxgk: {}: {e}", path.display());
            None
        }
    }
}

/// The report in a text form; for XLSX, the bytes of the workbook as written by the caller.
fn render(report: &zfxxgk::Report, to: OutputForm) -> Result<String, zfxxgk::WriteError> {
    Ok(match to {
        OutputForm::Json => {
            let mut s = zfxxgk::json::to_string(report)?;
            s.push('\n');
            s
        }
        OutputForm::Csv => zfxxgk::cells::to_string(report)?,
        OutputForm::Text => zfxxgk::render::text::to_string(report),
        OutputForm::Md => zfxxgk::render::markdown::to_string(report),
        OutputForm::Html => zfxxgk::render::html::to_string(report),
        // Workbooks and documents are written to a file by `xlsx` and `docx`, never as text.
        OutputForm::Xlsx | OutputForm::Docx => String::new(),
    })
}

/// Every report below `dir` as one long table: `file,issuer,year,edition,table,row,column,value`.
fn folder_csv(dir: &Path, from: Option<Form>) -> Option<(String, u8)> {
    let mut status = 0;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let header = [
        "file", "issuer", "year", "edition", "table", "row", "column", "value",
    ];
    if let Err(e) = w.write_record(header) {
        eprintln!("zfxxgk: {e}");
        return None;
    }
    let dirs = [PathBuf::from(dir)];
    for input in inputs(&dirs) {
        let path = match input {
            Input::File(p) => p,
            Input::NotAReportType(p) => {
                eprintln!("zfxxgk: {}: not a report type, not converted", p.display());
                continue;
            }
            Input::Unwalkable(p, why) => {
                eprintln!("zfxxgk: {}: {why}", p.display());
                status = 2;
                continue;
            }
            Input::Stdin => continue,
        };
        let name = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .display()
            .to_string();
        let reading = match load(&path, from) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("zfxxgk: {}: {e}", path.display());
                status = 2;
                continue;
            }
        };
        let r = &reading.report;
        let year = r.year.to_string();
        for address in r.addresses() {
            let value = r.cell(address).map(Cell::csv_text).unwrap_or_default();
            let record = [
                name.as_str(),
                r.issuer.as_str(),
                &year,
                r.edition.key(),
                address.table().key(),
                address.row_key(),
                address.column_key(),
                &value,
            ];
            if let Err(e) = w.write_record(record) {
                eprintln!("zfxxgk: {e}");
                return None;
            }
        }
    }
    match w.into_inner() {
        Ok(bytes) => Some((String::from_utf8_lossy(&bytes).into_owned(), status)),
        Err(e) => {
            eprintln!("zfxxgk: {e}");
            None
        }
    }
}
