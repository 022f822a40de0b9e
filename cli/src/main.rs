//! `zfxxgk`: check, convert and describe 政府信息公开工作年度报告 from the command line.
//!
//! Exit status: 0 when no finding is an error, 1 when any is, 2 when some input could not be
//! read at all (the others are still checked).

mod input;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use zfxxgk::{Finding, Reading, Severity};

use crate::input::{Form, load};

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
    /// Validate reports: every arithmetic and logical rule of the format.
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
        /// The report files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Convert a report to another form, printed on standard output.
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
        /// The report file.
        file: PathBuf,
    },
    /// Print the JSON Schema of a report as JSON.
    Schema,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutputForm {
    Json,
    Csv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            format,
            all,
            from,
            files,
        } => check(&files, format, all, from),
        Command::Convert {
            to,
            from,
            output,
            file,
        } => convert(&file, to, from, output.as_deref()),
        Command::Schema => schema(),
    }
}

fn check(files: &[PathBuf], format: OutputFormat, all: bool, from: Option<Form>) -> ExitCode {
    let mut status = 0u8;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in files {
        let name = path.display().to_string();
        let reading = match load(path, from) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("zfxxgk: {name}: {e}");
                status = 2;
                continue;
            }
        };
        let findings = reading.check();
        if findings.iter().any(|f| f.severity == Severity::Error) && status == 0 {
            status = 1;
        }
        let written = match format {
            OutputFormat::Json => write_json(&mut out, &name, &reading, &findings),
            OutputFormat::Human => write_human(&mut out, &name, &reading, &findings, all),
        };
        if let Err(e) = written {
            eprintln!("zfxxgk: writing the result failed: {e}");
            return ExitCode::from(2);
        }
    }
    ExitCode::from(status)
}

fn write_json(
    out: &mut impl std::io::Write,
    name: &str,
    reading: &Reading,
    findings: &[Finding],
) -> std::io::Result<()> {
    let r = &reading.report;
    let line = zfxxgk::json::FileReport {
        file: name,
        issuer: r.issuer.as_str(),
        year: r.year,
        edition: r.edition.key(),
        findings,
    };
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)
}

fn write_human(
    out: &mut impl std::io::Write,
    name: &str,
    reading: &Reading,
    findings: &[Finding],
    all: bool,
) -> std::io::Result<()> {
    let r = &reading.report;
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    writeln!(
        out,
        "{name}: {} {} 年度报告（{} 年版格式）— {} 个错误，{} 个警告，{} 条提示",
        r.issuer,
        r.year,
        r.edition,
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    )?;
    let groups: [(&str, &str); 6] = [
        ("report", "报告"),
        ("proactive", zfxxgk::TableKey::Proactive.label()),
        ("applications", zfxxgk::TableKey::Applications.label()),
        ("appeals", zfxxgk::TableKey::Appeals.label()),
        ("prose", "正文"),
        ("source", "来源"),
    ];
    let shown: Vec<&Finding> = findings
        .iter()
        .filter(|f| all || f.severity != Severity::Info)
        .collect();
    for (key, title) in groups {
        let here: Vec<&&Finding> = shown.iter().filter(|f| f.location.table == key).collect();
        if here.is_empty() {
            continue;
        }
        writeln!(out, "  {title}")?;
        for f in here {
            writeln!(out, "    {}[{}] {}", f.severity, f.rule, f.message)?;
        }
    }
    let other: Vec<&&Finding> = shown
        .iter()
        .filter(|f| !groups.iter().any(|(k, _)| *k == f.location.table))
        .collect();
    for f in other {
        writeln!(out, "    {}[{}] {}", f.severity, f.rule, f.message)?;
    }
    let hidden = findings.len().saturating_sub(shown.len());
    if hidden > 0 {
        writeln!(out, "  （另有 {hidden} 条提示未显示，加 --all 显示）")?;
    }
    Ok(())
}

fn convert(
    file: &std::path::Path,
    to: OutputForm,
    from: Option<Form>,
    output: Option<&std::path::Path>,
) -> ExitCode {
    let reading = match load(file, from) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("zfxxgk: {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    for f in reading
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
    {
        eprintln!("zfxxgk: {}: {f}", file.display());
    }
    let text = match to {
        OutputForm::Json => zfxxgk::json::to_string(&reading.report).map(|mut s| {
            s.push('\n');
            s
        }),
        OutputForm::Csv => zfxxgk::cells::to_string(&reading.report),
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            eprintln!("zfxxgk: {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    let written = match output {
        Some(path) => std::fs::write(path, text.as_bytes()),
        None => std::io::stdout().lock().write_all(text.as_bytes()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zfxxgk: writing failed: {e}");
            ExitCode::from(2)
        }
    }
}

fn schema() -> ExitCode {
    match serde_json::to_string_pretty(&zfxxgk::json::schema()) {
        Ok(s) => {
            println!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("zfxxgk: {e}");
            ExitCode::from(2)
        }
    }
}
