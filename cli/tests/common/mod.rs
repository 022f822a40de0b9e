//! What the CLI's test crates share: where the bundled data is, the binary, scratch folders.
//! Each test crate uses part of it.
#![allow(dead_code, reason = "each test crate uses part of the helpers")]
#![allow(clippy::unwrap_used, reason = "tests fail loudly on purpose")]

use std::path::{Path, PathBuf};

/// `tests/data/corpus/<dir>` of the repository (`raw`, `expected`), or the corpus itself for `""`.
pub fn corpus(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data/corpus")
        .join(dir)
}

/// `tests/data/originals`: the published PDFs and the Word template.
pub fn originals() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/originals")
}

/// The CLI binary built for these tests.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_zfxxgk"))
}

/// A command running the CLI binary.
pub fn zfxxgk() -> assert_cmd::Command {
    assert_cmd::Command::new(bin())
}

/// An empty scratch folder for one test: `name` tells it from the others of the same run (tests
/// run in parallel), the process id from other runs.
pub fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zfxxgk-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
