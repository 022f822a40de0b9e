//! `zfxxgk convert`: one report to another form, or a folder to one long cells table.

use std::path::{Path, PathBuf};

use zfxxgk::{Cell, Severity};

use crate::input::{Form, Input, inputs, load};
use crate::output::{Stdout, write_atomically};

/// The forms `convert` writes, and `POST /v1/convert?to=` answers in: one list for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
#[cfg_attr(feature = "serve", derive(serde::Deserialize, utoipa::ToSchema))]
#[cfg_attr(feature = "serve", serde(rename_all = "lowercase"), schema(as = To))]
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

impl OutputForm {
    /// The media type of the form and the extension of its files.
    #[cfg(feature = "serve")]
    pub fn media(self) -> (&'static str, &'static str) {
        match self {
            OutputForm::Json => ("application/json", "json"),
            OutputForm::Csv => ("text/csv; charset=utf-8", "csv"),
            OutputForm::Text => ("text/plain; charset=utf-8", "txt"),
            OutputForm::Md => ("text/markdown; charset=utf-8", "md"),
            OutputForm::Html => ("text/html; charset=utf-8", "html"),
            OutputForm::Xlsx => (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            ),
            OutputForm::Docx => (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "docx",
            ),
        }
    }

    /// Whether the form is a binary document (a workbook, a Word document), written only to a
    /// file, never to the terminal.
    pub fn is_document(self) -> bool {
        matches!(self, OutputForm::Xlsx | OutputForm::Docx)
    }

    /// The report written in this form.
    ///
    /// # Errors
    /// The writer's error (a report the form cannot hold).
    pub fn write(self, report: &zfxxgk::Report) -> Result<Vec<u8>, zfxxgk::WriteError> {
        Ok(match self {
            OutputForm::Json => {
                let mut s = zfxxgk::json::to_string(report)?;
                s.push('\n');
                s.into_bytes()
            }
            OutputForm::Csv => zfxxgk::cells::to_string(report)?.into_bytes(),
            OutputForm::Text => zfxxgk::render::text::to_string(report).into_bytes(),
            OutputForm::Md => zfxxgk::render::markdown::to_string(report).into_bytes(),
            OutputForm::Html => zfxxgk::render::html::to_string(report).into_bytes(),
            OutputForm::Xlsx => zfxxgk::xlsx::to_bytes(report)?,
            OutputForm::Docx => zfxxgk::docx::to_bytes(report)?,
        })
    }
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
    if to.is_document() {
        let (what, key) = match to {
            OutputForm::Docx => ("document", "docx"),
            _ => ("workbook", "xlsx"),
        };
        if path.is_dir() || output.is_none() {
            eprintln!("zfxxgk: --to {key} writes one report's {what}: name the file with -o");
            return 2;
        }
        return binary(path, from, output, to);
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

/// Writes the report in `path` as the binary document `to` (workbook, Word) to `output`.
fn binary(path: &Path, from: Option<Form>, output: Option<&Path>, to: OutputForm) -> u8 {
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
        let bytes = to.write(&reading.report).map_err(|e| e.to_string())?;
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

/// The report in a text form (the documents are written by `binary`, never as text).
fn render(report: &zfxxgk::Report, to: OutputForm) -> Result<String, zfxxgk::WriteError> {
    if to.is_document() {
        return Ok(String::new());
    }
    // The text forms' writers produce UTF-8.
    to.write(report)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
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
