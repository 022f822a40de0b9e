//! Reading an input file in the form its extension (or `--from`) names.

use std::fmt;
use std::path::Path;

use clap::ValueEnum;
use zfxxgk::{ReadError, Reading};

/// The forms a report can be read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Form {
    /// JSON of a report.
    Json,
    /// The long-format cells CSV.
    Csv,
}

/// Why an input could not be read.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be opened or read.
    Io(std::io::Error),
    /// The form could not be told from the name.
    UnknownForm,
    /// The reader refused it.
    Read(ReadError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io(e) => write!(f, "cannot read the file: {e}"),
            LoadError::UnknownForm => {
                f.write_str("cannot tell the input form from the file name: use --from")
            }
            LoadError::Read(e) => write!(f, "{e}"),
        }
    }
}

/// The files to read: each named file, and every file below each named folder whose extension
/// names a form this tool reads (sorted, so runs are repeatable); plus what could not be walked.
pub fn expand(paths: &[std::path::PathBuf]) -> (Vec<std::path::PathBuf>, Vec<String>) {
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
                Ok(e) if e.file_type().is_file() && form_of(e.path()).is_some() => {
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

/// The form a file's extension names, if any.
pub fn form_of(path: &Path) -> Option<Form> {
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("json") => Some(Form::Json),
        Some(e) if e.eq_ignore_ascii_case("csv") => Some(Form::Csv),
        _ => None,
    }
}

/// Reads the report in `path`.
pub fn load(path: &Path, form: Option<Form>) -> Result<Reading, LoadError> {
    let form = form
        .or_else(|| form_of(path))
        .ok_or(LoadError::UnknownForm)?;
    let bytes = std::fs::read(path).map_err(LoadError::Io)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        LoadError::Read(ReadError::Encoding {
            offset: e.valid_up_to(),
        })
    })?;
    match form {
        Form::Json => zfxxgk::json::read(text),
        Form::Csv => zfxxgk::cells::read(text),
    }
    .map_err(LoadError::Read)
}
