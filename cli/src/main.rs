//! The zfxxgk command-line tool.
fn main() {}
