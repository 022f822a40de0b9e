//! The inputs of a run — named files, standard input (`-`), and the files below named folders,
//! in a fixed order: the library's walk, [`zfxxgk::inputs`] — and reading one of them, in the
//! form `--from` names or the one its content shows.

use std::path::Path;

use clap::ValueEnum;
use zfxxgk::Reading;
use zfxxgk::contract::InputError;
use zfxxgk::detect::Shape;

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
    /// A PDF document.
    Pdf,
    /// A Word document (DOCX).
    Docx,
}

impl Form {
    /// The library's shape for the form.
    pub fn shape(self) -> Shape {
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

pub use zfxxgk::inputs::{Input, bytes, inputs};

/// The shape to read `bytes` as: `--from`, else detected from the content with the name's
/// extension as a hint.
pub fn shape_of(bytes: &[u8], input: &Input, from: Option<Form>) -> Shape {
    zfxxgk::inputs::shape_of(bytes, input, from.map(Form::shape))
}

/// Reads the report in `path`, in the form `form` names or the one its content shows.
pub fn load(path: &Path, form: Option<Form>) -> Result<Reading, InputError> {
    let input = if path.as_os_str() == "-" {
        Input::Stdin
    } else {
        Input::File(path.to_path_buf())
    };
    let bytes = bytes(&input)?;
    let shape = shape_of(&bytes, &input, form);
    zfxxgk::read::any(&bytes, Some(shape)).map_err(|e| InputError::read(&e))
}
