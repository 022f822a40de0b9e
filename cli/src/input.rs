//! The inputs of a run: named files, standard input (`-`), and the files below named folders,
//! in a fixed order; and reading one of them, in the form `--from` names or the one its
//! content shows.

use std::io::Read as _;
use std::path::{Path, PathBuf};

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

/// The extensions of the files a folder walk reads as reports. Every other file found in a
/// folder is reported as not a report type (never skipped silently); the document types
/// without a reader (`.doc`, `.wps`, `.ofd`) are given to the library, which says what to do.
pub const EXTENSIONS: &[&str] = &[
    "json", "csv", "txt", "md", "html", "htm", "xlsx", "pdf", "docx", "doc", "wps", "ofd",
];

/// The largest input read: the library's limit for any shape (a larger file is read up to
/// one byte past it, so the reader can say how it exceeds the limit).
const READ_LIMIT: u64 = zfxxgk::limits::DOCUMENT_LIMIT as u64;

/// One input of a run, in the order it is reported.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file to read as a report.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
    /// A file found in a folder whose type is no report type: reported, not read.
    NotAReportType(PathBuf),
    /// Something that could not be walked or opened.
    Unwalkable(PathBuf, String),
}

impl Input {
    /// The name the input is reported under.
    pub fn name(&self) -> String {
        match self {
            Input::File(p) | Input::NotAReportType(p) | Input::Unwalkable(p, _) => {
                p.display().to_string()
            }
            Input::Stdin => "-".to_owned(),
        }
    }
}

/// The inputs named by `paths`, lazily: each named file as given (whatever its extension),
/// `-` as standard input, and for each folder every file below it, sorted by path — each
/// folder's entries in byte order of their names, depth first, which is the order of
/// [`Path`]'s comparison — so that two runs report the same inputs in the same order.
pub fn inputs(paths: &[PathBuf]) -> impl Iterator<Item = Input> + '_ {
    paths
        .iter()
        .flat_map(|p| -> Box<dyn Iterator<Item = Input>> {
            if p.as_os_str() == "-" {
                return Box::new(std::iter::once(Input::Stdin));
            }
            if !p.is_dir() {
                return Box::new(std::iter::once(Input::File(p.clone())));
            }
            let walk = walkdir::WalkDir::new(p)
                .follow_links(false)
                .sort_by(|a, b| a.file_name().cmp(b.file_name()));
            Box::new(walk.into_iter().filter_map(move |entry| match entry {
                // Files, and links (not followed while walking, read through when read: a link that
                // leads nowhere is reported like a file that vanished).
                Ok(e) if !e.file_type().is_dir() => Some(if readable_extension(e.path()) {
                    Input::File(e.into_path())
                } else {
                    Input::NotAReportType(e.into_path())
                }),
                Ok(_) => None,
                Err(e) => {
                    let at = e.path().map_or_else(|| p.clone(), Path::to_path_buf);
                    Some(Input::Unwalkable(
                        at,
                        format!("cannot walk the folder: {e}"),
                    ))
                }
            }))
        })
}

/// Whether a folder walk reads the file at `path` as a report.
pub fn readable_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// The bytes of an input (at most one byte past the library's limit).
pub fn bytes(input: &Input) -> Result<Vec<u8>, InputError> {
    let mut buf = Vec::new();
    let result = match input {
        Input::File(p) => std::fs::File::open(p)
            .and_then(|f| f.take(READ_LIMIT.saturating_add(1)).read_to_end(&mut buf)),
        Input::Stdin => std::io::stdin()
            .lock()
            .take(READ_LIMIT.saturating_add(1))
            .read_to_end(&mut buf),
        Input::NotAReportType(p) => {
            return Err(InputError::new(
                "unsupported-shape",
                format!(
                    "not a report type zfxxgk reads ({}); the types read in a folder are .{}",
                    p.extension().map_or_else(
                        || "no extension".to_owned(),
                        |e| format!(".{}", e.to_string_lossy())
                    ),
                    EXTENSIONS.join(" .")
                ),
            ));
        }
        Input::Unwalkable(_, why) => return Err(InputError::new("io", why.clone())),
    };
    match result {
        Ok(_) => Ok(buf),
        Err(e) => Err(InputError::io(&e)),
    }
}

/// The shape to read `bytes` as: `--from`, else detected from the content with the name's
/// extension as a hint.
pub fn shape_of(bytes: &[u8], input: &Input, from: Option<Form>) -> Shape {
    from.map(Form::shape).unwrap_or_else(|| {
        let name = match input {
            Input::File(p) => p.file_name().and_then(|n| n.to_str()),
            _ => None,
        };
        zfxxgk::detect::shape(bytes, name)
    })
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
