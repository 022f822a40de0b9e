//! `zfxxgk`: check, convert and describe 政府信息公开工作年度报告 from the command line.
//!
//! Exit status: 0 when no finding is an error, 1 when any is, 2 when some input could not be
//! read at all (the others are still checked).

mod check;
mod convert;
mod input;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::check::OutputFormat;
use crate::convert::OutputForm;
use crate::input::Form;

/// Check, convert and describe annual reports on government information disclosure
/// (政府信息公开工作年度报告).
#[derive(Debug, Parser)]
#[command(name = "zfxxgk", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate reports: every arithmetic and logical rule of the format. Folders are walked
    /// and their reports checked in parallel, with a summary at the end.
    Check {
        /// Output: `human` (grouped by table, with the official labels) or `json` (JSON Lines,
        /// one object per file).
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// Also show findings of severity info (rules that could not be assessed, repairs).
        #[arg(long)]
        all: bool,
        /// The input form; by default taken from each file's extension.
        #[arg(long, value_enum)]
        from: Option<Form>,
        /// Treat the files as one body's reports over the years: check that 上年结转 carries
        /// over, 现行有效件数 and 上一年项目数量 follow on, and the prose is not copied.
        #[arg(long, conflicts_with = "sum_of")]
        series: bool,
        /// The last file is a government's own report and the others its units': compare it
        /// with their sum, cell by cell.
        #[arg(long)]
        sum_of: bool,
        /// The report files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Sum reports of the same year and edition (a government's units) cell by cell.
    Sum {
        /// The output form.
        #[arg(long, value_enum, default_value_t = OutputForm::Json)]
        to: OutputForm,
        /// The input form; by default taken from each file's extension.
        #[arg(long, value_enum)]
        from: Option<Form>,
        /// The report files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Convert a report to another form (printed on standard output unless -o), or a folder of
    /// reports to one long cells table (`--to csv`).
    Convert {
        /// The output form.
        #[arg(long, value_enum)]
        to: OutputForm,
        /// The input form; by default taken from the file's extension.
        #[arg(long, value_enum)]
        from: Option<Form>,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The report file, or a folder.
        path: PathBuf,
    },
    /// Print the JSON Schema of a report as JSON.
    Schema,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Check {
            format,
            all,
            from,
            series,
            sum_of,
            paths,
        } => {
            let across = if series {
                check::Across::Series
            } else if sum_of {
                check::Across::SumOf
            } else {
                check::Across::Nothing
            };
            check::run(&paths, format, all, from, across)
        }
        Command::Sum { to, from, files } => convert::sum(&files, to, from),
        Command::Convert {
            to,
            from,
            output,
            path,
        } => convert::run(&path, to, from, output.as_deref()),
        Command::Schema => schema(),
    };
    ExitCode::from(status)
}

fn schema() -> u8 {
    match serde_json::to_string_pretty(&zfxxgk::json::schema()) {
        Ok(s) => {
            println!("{s}");
            0
        }
        Err(e) => {
            eprintln!("zfxxgk: {e}");
            2
        }
    }
}
