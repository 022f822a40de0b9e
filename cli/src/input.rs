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

/// Reads the report in `path`.
pub fn load(path: &Path, form: Option<Form>) -> Result<Reading, LoadError> {
    let form = match form {
        Some(f) => f,
        None => match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("json") => Form::Json,
            Some(e) if e.eq_ignore_ascii_case("csv") => Form::Csv,
            _ => return Err(LoadError::UnknownForm),
        },
    };
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
