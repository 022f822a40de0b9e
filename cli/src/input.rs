//! Reading an input file: its form detected from the content (the extension is a hint), or as
//! `--from` says.

use std::fmt;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use zfxxgk::detect::Shape;
use zfxxgk::{ReadError, Reading};

/// The forms a report can be read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Form {
    /// JSON of a report.
    Json,
    /// The long-format cells CSV.
    Csv,
    /// Text extracted from PDF, Word or a web page.
    Text,
    /// Markdown (tables made from PDF).
    Md,
    /// A web page or fragment (UTF-8 or GBK), also HTML inside a JavaScript string.
    Html,
    /// An XLSX workbook in the official layout.
    Xlsx,
    /// A PDF document, read from its text layer.
    Pdf,
    /// A Word document (DOCX; no reader yet).
    Docx,
}

impl Form {
    fn shape(self) -> Shape {
        match self {
            Form::Json => Shape::Json,
            Form::Csv => Shape::CellsCsv,
            Form::Text => Shape::Text,
            Form::Md => Shape::Markdown,
            Form::Html => Shape::Html,
            Form::Xlsx => Shape::Xlsx,
            Form::Pdf => Shape::Pdf,
            Form::Docx => Shape::Docx,
        }
    }
}

/// Why an input could not be read.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be opened or read.
    Io(std::io::Error),
    /// The reader refused it.
    Read(ReadError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io(e) => write!(f, "cannot read the file: {e}"),
            LoadError::Read(e) => write!(f, "{e}"),
        }
    }
}

/// The extensions a folder walk picks up.
const EXTENSIONS: &[&str] = &["json", "csv", "txt", "md", "html", "htm", "xlsx", "pdf"];

/// The files to read: each named file, and every file below each named folder whose extension
/// is one this tool reads (sorted, so runs are repeatable); plus what could not be walked.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if !p.is_dir() {
            files.push(p.clone());
            continue;
        }
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(p).follow_links(false) {
            match entry {
                Ok(e) if e.file_type().is_file() && readable_extension(e.path()) => {
                    found.push(e.into_path());
                }
                Ok(_) => {}
                Err(e) => errors.push(format!("{}: cannot walk the folder: {e}", p.display())),
            }
        }
        found.sort();
        files.extend(found);
    }
    (files, errors)
}

fn readable_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Reads the report in `path`, in the form `form` names or the one its content shows.
pub fn load(path: &Path, form: Option<Form>) -> Result<Reading, LoadError> {
    load_with_source(path, form).map(|(reading, _)| reading)
}

/// Reads the report in `path` and returns, beside it, the text the reader's positions point
/// into (none for a workbook).
pub fn load_with_source(
    path: &Path,
    form: Option<Form>,
) -> Result<(Reading, Option<String>), LoadError> {
    let bytes = std::fs::read(path).map_err(LoadError::Io)?;
    let shape = form.map(Form::shape).unwrap_or_else(|| {
        zfxxgk::detect::shape(&bytes, path.file_name().and_then(|n| n.to_str()))
    });
    let reading = zfxxgk::read::any(&bytes, Some(shape)).map_err(LoadError::Read)?;
    // A PDF's cells point into the text its reader laid out, not into the file's bytes.
    let source = match (&reading.text, shape) {
        (Some(text), _) => Some(text.clone()),
        (None, Shape::Xlsx | Shape::Pdf) => None,
        (None, _) => Some(match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => zfxxgk::html::decode(e.as_bytes()).text,
        }),
    };
    Ok((reading, source))
}
