//! Writing: standard output that ends quietly on a closed pipe, colour only where asked or on a
//! terminal, and files written whole or not at all.

use std::io::{IsTerminal as _, Write};
use std::path::Path;

/// When to colour the human format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set to a non-empty value.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Whether to colour, decided once per run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paint(pub bool);

impl Paint {
    /// The decision for standard output.
    pub fn for_stdout(choice: ColorChoice) -> Paint {
        Paint(match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        })
    }

    /// `text` in `style`, or as it is when not colouring.
    pub fn paint(self, style: anstyle::Style, text: &str) -> String {
        if self.0 {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_owned()
        }
    }
}

/// Standard output, locked once; a write to a closed pipe (`zfxxgk check DIR | head -1`) ends
/// the output quietly instead of failing the run.
pub struct Stdout {
    out: std::io::StdoutLock<'static>,
    closed: bool,
}

impl Stdout {
    /// Locks standard output.
    pub fn new() -> Self {
        Stdout {
            out: std::io::stdout().lock(),
            closed: false,
        }
    }

    /// Writes `bytes` and flushes them, so lines reach a reader as each input is done; false
    /// once the reader has gone.
    pub fn write(&mut self, bytes: &[u8]) -> bool {
        if self.closed {
            return false;
        }
        if let Err(e) = self.out.write_all(bytes).and_then(|()| self.out.flush()) {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("zfxxgk: writing to standard output failed: {e}");
            }
            self.closed = true;
        }
        !self.closed
    }

    /// Whether the reader has gone.
    pub fn closed(&self) -> bool {
        self.closed
    }
}

/// Writes a file whole or not at all: into a temporary file in the same folder, renamed into
/// place once complete, so a full disk, a killed process or a failed write leaves the old file
/// (or nothing); the error names the path.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), String>,
) -> Result<(), String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.display();
    let mut tmp = tempfile::Builder::new()
        .prefix(".zfxxgk-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| format!("{name}: cannot create a file in {}: {e}", dir.display()))?;
    write(tmp.as_file_mut()).map_err(|e| format!("{name}: writing failed: {e}"))?;
    tmp.as_file_mut()
        .flush()
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("{name}: writing failed: {e}"))?;
    tmp.persist(path)
        .map_err(|e| format!("{name}: cannot put the file in place: {}", e.error))?;
    Ok(())
}
