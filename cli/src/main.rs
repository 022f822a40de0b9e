//! `zfxxgk`: check, convert and describe 政府信息公开工作年度报告 from the command line.

mod across;
mod check;
mod convert;
mod human;
mod input;
mod output;
#[cfg(feature = "serve")]
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory as _, Parser, Subcommand};

use crate::check::{FailOn, OutputFormat};
use crate::convert::{OutputForm, SumForm};
use crate::input::Form;
use crate::output::{ColorChoice, Paint};

const EXIT_STATUS: &str = "\
Exit status:
  0    no finding at or above --fail-on (default: error)
  1    some finding at or above --fail-on
  2    some input could not be read (its line says why; the others are still checked),
       no report was found, or the check across files could not be made; takes
       precedence over 1, and the summary says both
  130  interrupted (Ctrl-C): the summary covers what was checked before";

/// Check, convert and describe annual reports on government information disclosure
/// (政府信息公开工作年度报告).
#[derive(Debug, Parser)]
#[command(name = "zfxxgk", version, about, after_help = EXIT_STATUS)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate reports: every arithmetic and logical rule of the format, the prose against
    /// the tables, and what the reader repaired. Folders are walked and their reports checked
    /// in parallel, printed in a fixed order, with a summary at the end.
    #[command(after_help = EXIT_STATUS)]
    Check {
        /// Output: `human` (grouped by table, with the official labels) or `json` (JSON Lines:
        /// one object per input, in the order of the inputs; see `zfxxgk schema --findings`).
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// Also show findings of severity info (rules that could not be assessed, repairs).
        #[arg(long)]
        all: bool,
        /// The input form; by default detected from the content, with the extension as a hint.
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
        /// The lowest severity of a finding that makes the exit status 1.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
        /// Worker threads (default: RAYON_NUM_THREADS, else one per core).
        #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        /// Print only the summary.
        #[arg(long, short)]
        quiet: bool,
        /// Colour the human format: `auto` (on a terminal, unless NO_COLOR is set), `always`,
        /// `never`.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// The report files or folders; `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Sum reports of the same year and edition (a government's units) cell by cell.
    Sum {
        /// The output form.
        #[arg(long, value_enum, default_value_t = SumForm::Json)]
        to: SumForm,
        /// The input form; by default detected from the content, with the extension as a hint.
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
        /// The input form; by default detected from the content, with the extension as a hint.
        #[arg(long, value_enum)]
        from: Option<Form>,
        /// Write to this file instead of standard output: written whole into a temporary file
        /// beside it, then renamed into place.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The report file (`-` for standard input), or a folder.
        path: PathBuf,
    },
    /// Print a JSON Schema: of a report (default), or of one line of `check --format json`.
    Schema {
        /// The schema of one line of `check --format json` (findings and error lines).
        #[arg(long)]
        findings: bool,
        /// The JSON Schema draft: 2020-12 or 7 (draft-07, for older validators).
        #[arg(long, value_parser = ["2020-12", "7"], default_value = "2020-12")]
        draft: String,
    },
    /// Serve the checker as an HTTP API (JSON in the shapes of `check --format json`) until
    /// SIGTERM or Ctrl-C; one log line per request on stderr. See `GET /openapi.json`.
    #[cfg(feature = "serve")]
    Serve {
        /// The address to listen on; port 0 takes any free port (printed on stderr).
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: std::net::SocketAddr,
        /// The largest request body (B, KiB, MiB, GiB); larger ones are answered 413.
        #[arg(long, value_name = "SIZE", default_value = "16MiB", value_parser = serve::parse_size)]
        max_body: usize,
        /// The most requests handled at once; more are answered 503 with Retry-After.
        #[arg(long, value_name = "N", default_value_t = 128, value_parser = clap::value_parser!(u32).range(1..))]
        max_concurrent: u32,
        /// How long a request may take (ms, s, m) before it is answered 504.
        #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = serve::parse_duration)]
        timeout: std::time::Duration,
        /// Allow a page on this origin to call the API (CORS; repeatable). Off by default.
        #[arg(long, value_name = "ORIGIN")]
        cors: Vec<String>,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
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
            fail_on,
            jobs,
            quiet,
            color,
            paths,
        } => {
            let across = if series {
                check::Across::Series
            } else if sum_of {
                check::Across::SumOf
            } else {
                check::Across::Nothing
            };
            check::on_interrupt();
            let options = check::Options {
                format,
                all,
                from,
                across,
                fail_on,
                jobs: jobs.map(usize::from),
                quiet,
                paint: Paint::for_stdout(color),
            };
            check::run(&paths, options)
        }
        Command::Sum { to, from, files } => convert::sum(&files, to, from),
        Command::Convert {
            to,
            from,
            output,
            path,
        } => convert::run(&path, to, from, output.as_deref()),
        Command::Schema { findings, draft } => schema(findings, &draft),
        #[cfg(feature = "serve")]
        Command::Serve {
            listen,
            max_body,
            max_concurrent,
            timeout,
            cors,
        } => serve::run(&serve::Config {
            listen,
            max_body,
            max_concurrent: usize::try_from(max_concurrent).unwrap_or(usize::MAX),
            timeout,
            cors,
        }),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "zfxxgk", &mut out);
            u8::from(!output::Stdout::new().write(&out)).saturating_mul(2)
        }
    };
    ExitCode::from(status)
}

fn schema(findings: bool, draft: &str) -> u8 {
    let draft = if draft == "7" {
        zfxxgk::schema::Draft::Draft7
    } else {
        zfxxgk::schema::Draft::Draft2020_12
    };
    let value = if findings {
        zfxxgk::schema::line(draft)
    } else {
        zfxxgk::schema::report(draft)
    };
    match serde_json::to_string_pretty(&value) {
        Ok(s) => {
            if output::Stdout::new().write(format!("{s}\n").as_bytes()) {
                0
            } else {
                2
            }
        }
        Err(e) => {
            eprintln!("zfxxgk: {e}");
            2
        }
    }
}
