//! The inputs of a run over files: named files, standard input (`-`) and every file below named
//! folders, in one fixed order; their bytes, read up to the library's limit; and the contract
//! line of each (feature `walk`).
//!
//! This is the walk of `zfxxgk check`: the CLI, the Python package and any other front door
//! share it, so that the same paths give the same inputs in the same order everywhere.
//!
//! ```no_run
//! use std::path::PathBuf;
//! use zfxxgk::inputs;
//!
//! let paths = [PathBuf::from("reports/2025")];
//! for input in inputs::inputs(&paths) {
//!     let line = inputs::check(&input, None);
//!     println!("{}: {} findings", line.file, line.findings().len());
//! }
//! ```

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::contract::{self, InputError, Line};
use crate::detect::Shape;

/// The extensions of the files a folder walk reads as reports (compared without regard to
/// ASCII case). Every other file found in a folder is an [`Input::NotAReportType`], reported,
/// never skipped silently; the document types without a reader (`.doc`, `.wps`, `.ofd`) are
/// read, and the reader says what to do with them.
pub const EXTENSIONS: &[&str] = &[
    "json", "csv", "txt", "md", "html", "htm", "xlsx", "pdf", "docx", "doc", "wps", "ofd",
];

/// The most bytes [`bytes`] reads: the library's limit for any shape
/// ([`crate::limits::DOCUMENT_LIMIT`]) and one more, so that the reader can say by how much an
/// input exceeds it.
pub const READ_LIMIT: u64 = (crate::limits::DOCUMENT_LIMIT as u64).saturating_add(1);

/// One input of a run, in the order it is reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file to read as a report.
    File(PathBuf),
    /// Standard input (the path `-`).
    Stdin,
    /// A file found in a folder whose type is no report type: reported, not read.
    NotAReportType(PathBuf),
    /// Something that could not be walked, with why.
    Unwalkable(PathBuf, String),
}

impl Input {
    /// The name the input is reported under: its path as given or found, or `-`.
    pub fn name(&self) -> String {
        match self {
            Input::File(p) | Input::NotAReportType(p) | Input::Unwalkable(p, _) => {
                p.display().to_string()
            }
            Input::Stdin => "-".to_owned(),
        }
    }

    /// The file name, as a hint to [`crate::detect::shape`] (none for standard input and for
    /// names that are not UTF-8).
    pub fn file_name(&self) -> Option<&str> {
        match self {
            Input::File(p) => p.file_name().and_then(|n| n.to_str()),
            _ => None,
        }
    }
}

/// The inputs named by `paths`, lazily: each named file as given (whatever its extension), `-`
/// as standard input, and for each folder every file below it — links are not followed while
/// walking — sorted by path: each folder's entries in byte order of their names, depth first,
/// which is the order of [`Path`]'s comparison. Two runs over the same tree give the same
/// inputs in the same order.
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
                // Files, and links (not followed while walking, read through when read: a link
                // that leads nowhere is reported like a file that vanished).
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

/// Whether a folder walk reads the file at `path` as a report (its extension is one of
/// [`EXTENSIONS`]).
pub fn readable_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// The bytes of an input, at most [`READ_LIMIT`] of them.
///
/// # Errors
/// `io` when the file cannot be opened or read (it vanished, it is a folder, no permission),
/// `unsupported-shape` for an [`Input::NotAReportType`] (naming the types a walk reads), and
/// `io` with the walk's reason for an [`Input::Unwalkable`].
pub fn bytes(input: &Input) -> Result<Vec<u8>, InputError> {
    let mut buf = Vec::new();
    let result = match input {
        Input::File(p) => {
            std::fs::File::open(p).and_then(|f| f.take(READ_LIMIT).read_to_end(&mut buf))
        }
        Input::Stdin => std::io::stdin()
            .lock()
            .take(READ_LIMIT)
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

/// The shape to read `bytes` of `input` as: `shape` when given, else the one the content shows,
/// with the file name's extension as a hint ([`crate::detect::shape`]).
pub fn shape_of(bytes: &[u8], input: &Input, shape: Option<Shape>) -> Shape {
    shape.unwrap_or_else(|| crate::detect::shape(bytes, input.file_name()))
}

/// The contract line of one input, as `zfxxgk check --format json` prints it: read in `shape`
/// (or the one its content shows), checked, or the error that kept it from being read.
pub fn check(input: &Input, shape: Option<Shape>) -> Line {
    let name = input.name();
    match bytes(input) {
        Ok(bytes) => {
            let shape = shape_of(&bytes, input, shape);
            contract::check(&name, &bytes, Some(shape))
        }
        Err(e) => Line::unreadable(name, e),
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_walked_in_path_order_and_other_types_are_reported() {
        let dir = std::env::temp_dir().join(format!("zfxxgk-inputs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("b")).unwrap();
        for name in ["b/2.TXT", "a.json", "b/1.csv", "c.png", "a.json.bak"] {
            std::fs::write(dir.join(name), b"{}").unwrap();
        }
        let got: Vec<Input> = inputs(&[dir.clone(), PathBuf::from("-")]).collect();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(
            got,
            vec![
                Input::File(dir.join("a.json")),
                Input::NotAReportType(dir.join("a.json.bak")),
                Input::File(dir.join("b/1.csv")),
                Input::File(dir.join("b/2.TXT")),
                Input::NotAReportType(dir.join("c.png")),
                Input::Stdin,
            ]
        );
    }

    #[test]
    fn a_file_that_is_not_there_is_an_io_line_and_another_type_names_the_types() {
        let gone = Input::File(PathBuf::from("/nonexistent/zfxxgk/report.txt"));
        let line = check(&gone, None);
        assert_eq!(line.file, "/nonexistent/zfxxgk/report.txt");
        assert_eq!(line.error().map(|e| e.kind), Some("io"));
        let png = Input::NotAReportType(PathBuf::from("scan.png"));
        let e = bytes(&png).unwrap_err();
        assert_eq!(e.kind, "unsupported-shape");
        assert!(e.message.contains("(.png)"), "{}", e.message);
        assert!(e.message.contains(".json .csv .txt"), "{}", e.message);
    }
}
