//! `zfxxgk check`: validate files and folders of reports.
//!
//! Inputs are checked in parallel (rayon) and printed in their order — the arguments as given,
//! a folder's files sorted by path — through a reorder buffer of at most [`WINDOW`] inputs per
//! thread, so the output is the same bytes whatever the thread count and memory stays bounded
//! on a folder of any size.

use std::collections::BTreeMap;
use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use zfxxgk::Severity;
use zfxxgk::contract::{self, InputError, Line};

use crate::input::{self, Form, Input};
use crate::output::{Paint, Stdout};

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// One block per file, findings grouped by table with the official labels.
    Human,
    /// JSON Lines: one object per input, in the order of the inputs.
    Json,
}

/// The severity from which a finding makes the exit status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Exit 1 when any finding is an error.
    Error,
    /// Exit 1 when any finding is a warning or an error.
    Warning,
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
        }
    }
}

/// What to check across files, beside each file on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Across {
    /// Nothing: each file on its own.
    Nothing,
    /// The files are one body's reports over the years (`series.*`).
    Series,
    /// The last file is a government's own report, the others its units' (`aggregate.mismatch`).
    SumOf,
}

/// The settings of a run.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// How to print.
    pub format: OutputFormat,
    /// Show findings of severity info too (human format).
    pub all: bool,
    /// Force the input form.
    pub from: Option<Form>,
    /// Checks across files.
    pub across: Across,
    /// Which severity makes exit 1.
    pub fail_on: FailOn,
    /// Worker threads (`None`: rayon's default, `RAYON_NUM_THREADS` or one per core).
    pub jobs: Option<usize>,
    /// Print only the summary.
    pub quiet: bool,
    /// Colour the human format.
    pub paint: Paint,
}

/// How many inputs per worker thread may be read ahead of the one printed next.
pub const WINDOW: usize = 64;

/// One checked input, with the text its positions point into (for the human format).
struct Done {
    line: Line,
    source: Option<String>,
    /// Found in a folder but no report type: counted as skipped, not as unreadable.
    skipped: bool,
}

fn check_input(input: Input, options: Options) -> Done {
    let name = input.name();
    let skipped = matches!(input, Input::NotAReportType(_));
    let bytes = match input::bytes(&input) {
        Ok(b) => b,
        Err(e) => {
            return Done {
                line: Line::unreadable(name, e),
                source: None,
                skipped,
            };
        }
    };
    let shape = input::shape_of(&bytes, &input, options.from);
    let line = contract::check(&name, &bytes, Some(shape));
    // A PDF's cells point into the text its reader laid out, not into the file's bytes.
    let source = (options.format == OutputFormat::Human && line.error().is_none())
        .then(|| {
            line.reading()
                .and_then(|r| r.text.clone())
                .or_else(|| contract::source_text(&bytes, shape))
        })
        .flatten();
    Done {
        line,
        source,
        skipped,
    }
}

/// Set by Ctrl-C: stop taking new inputs, print the summary of what was checked, exit 130.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Installs the Ctrl-C handler (once; a failure to install leaves the default behaviour).
pub fn on_interrupt() {
    let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));
}

/// Checks every input (folders are walked), printing each in order as soon as it and those
/// before it are done; returns the exit status (see `--help`).
pub fn run(paths: &[PathBuf], options: Options) -> u8 {
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("zfxxgk: cannot start the worker threads: {e}");
            return 2;
        }
    };
    let has_dir = paths.iter().any(|p| p.is_dir());
    let mut out = Stdout::new();
    let mut summary = Summary::default();
    let bar = (has_dir && !options.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::no_length();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} 个文件 {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar
    });
    let window = WINDOW.saturating_mul(pool.current_num_threads().max(1));
    let mut sink = |done: Done| -> bool {
        if let Some(bar) = &bar {
            bar.inc(1);
        }
        if let Some(e) = done.line.error()
            && !done.skipped
        {
            let text = format!("zfxxgk: {}: {e}", done.line.file);
            match &bar {
                Some(bar) => bar.suspend(|| eprintln!("{text}")),
                None => eprintln!("{text}"),
            }
        }
        summary.add(&done);
        if options.quiet {
            return true;
        }
        let text = render(&done, options);
        match &bar {
            Some(bar) => bar.suspend(|| out.write(text.as_bytes())),
            None => out.write(text.as_bytes()),
        }
    };
    let mut across_failed = false;
    let interrupted = if options.across == Across::Nothing {
        ordered(&pool, input::inputs(paths), options, window, &mut sink)
    } else {
        let mut all = Vec::new();
        let interrupted = ordered(&pool, input::inputs(paths), options, window, &mut |d| {
            all.push(d);
            true
        });
        if !interrupted {
            across_failed = across(&mut all, options.across);
            for d in all {
                if !sink(d) {
                    break;
                }
            }
        }
        interrupted
    };
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let nothing = summary.read == 0 && summary.unreadable.is_empty();
    let status = if interrupted {
        130
    } else if nothing || !summary.unreadable.is_empty() || across_failed {
        2
    } else {
        u8::from(summary.at_or_above(options.fail_on.severity()) > 0)
    };
    if nothing && !interrupted {
        eprintln!("zfxxgk: no reports found");
    }
    if out.closed() {
        return status;
    }
    if has_dir || summary.inputs() > 1 || options.quiet || interrupted {
        let text = summary.render(status, options.fail_on);
        match options.format {
            OutputFormat::Human => {
                out.write(text.as_bytes());
            }
            OutputFormat::Json => eprint!("{text}"),
        }
    }
    status
}

/// Checks `inputs` on `pool`, handing each result to `sink` in the order of the inputs, with
/// at most `window` inputs read ahead. Stops early when `sink` returns false (a closed pipe) or
/// on Ctrl-C; returns whether it was interrupted.
fn ordered(
    pool: &rayon::ThreadPool,
    inputs: impl Iterator<Item = Input>,
    options: Options,
    window: usize,
    sink: &mut dyn FnMut(Done) -> bool,
) -> bool {
    let (tx, rx) = mpsc::channel::<(usize, Done)>();
    let stop = Arc::new(AtomicBool::new(false));
    let mut pending: BTreeMap<usize, Done> = BTreeMap::new();
    let mut next = 0usize;
    let mut sent = 0usize;
    let mut open = true;
    // Hands every finished input that is next in order to the sink.
    let mut drain = |pending: &mut BTreeMap<usize, Done>, next: &mut usize, open: &mut bool| {
        while let Some(d) = pending.remove(next) {
            *next = next.saturating_add(1);
            if *open && !sink(d) {
                *open = false;
            }
        }
    };
    for input in inputs {
        if INTERRUPTED.load(Ordering::SeqCst) || !open {
            break;
        }
        while sent.saturating_sub(next) >= window {
            match rx.recv() {
                Ok((i, d)) => {
                    pending.insert(i, d);
                    drain(&mut pending, &mut next, &mut open);
                }
                Err(_) => break,
            }
        }
        let tx = tx.clone();
        let stop = Arc::clone(&stop);
        let i = sent;
        pool.spawn(move || {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            let _ = tx.send((i, check_input(input, options)));
        });
        sent = sent.saturating_add(1);
    }
    drop(tx);
    while next < sent && open {
        if INTERRUPTED.load(Ordering::SeqCst) {
            break;
        }
        match rx.recv() {
            Ok((i, d)) => {
                pending.insert(i, d);
                drain(&mut pending, &mut next, &mut open);
            }
            Err(_) => break,
        }
    }
    stop.store(true, Ordering::Relaxed);
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Adds the findings across files to the file they belong to.
/// Returns whether the check across files could not be made (the run then exits 2).
fn across(all: &mut [Done], across: Across) -> bool {
    let lines: Vec<&Line> = all.iter().map(|d| &d.line).collect();
    let (extra, failed) = match crate::across::findings(&lines, across) {
        Ok(extra) => (extra, false),
        Err(why) => {
            eprintln!("zfxxgk: {why}");
            (Vec::new(), true)
        }
    };
    for (i, f) in extra {
        if let Some(findings) = all.get_mut(i).and_then(|d| d.line.findings_mut()) {
            findings.push(f);
        }
    }
    failed
}

fn render(done: &Done, options: Options) -> String {
    match options.format {
        OutputFormat::Json => match done.line.to_json() {
            Ok(mut s) => {
                s.push('\n');
                s
            }
            Err(e) => {
                let line = Line::unreadable(
                    done.line.file.clone(),
                    InputError::new("internal", format!("cannot serialise: {e}")),
                );
                line.to_json().map(|s| s + "\n").unwrap_or_default()
            }
        },
        OutputFormat::Human => crate::human::block(
            &done.line,
            done.source.as_deref(),
            options.all,
            options.paint,
        ),
    }
}

/// Totals over a run.
#[derive(Default)]
struct Summary {
    read: usize,
    unreadable: Vec<(String, String)>,
    skipped: Vec<String>,
    by_rule: BTreeMap<(Severity, &'static str), usize>,
}

impl Summary {
    fn add(&mut self, done: &Done) {
        let line = &done.line;
        match line.error() {
            None => {
                self.read = self.read.saturating_add(1);
                for f in line.findings() {
                    let n = self.by_rule.entry((f.severity, f.rule.id())).or_default();
                    *n = n.saturating_add(1);
                }
            }
            Some(_) if done.skipped => self.skipped.push(line.file.clone()),
            Some(e) => {
                self.unreadable.push((line.file.clone(), e.message.clone()));
            }
        }
    }

    fn inputs(&self) -> usize {
        self.read
            .saturating_add(self.unreadable.len())
            .saturating_add(self.skipped.len())
    }

    fn count(&self, severity: Severity) -> usize {
        self.by_rule
            .iter()
            .filter(|((s, _), _)| *s == severity)
            .map(|(_, n)| *n)
            .sum()
    }

    fn at_or_above(&self, severity: Severity) -> usize {
        self.by_rule
            .iter()
            .filter(|((s, _), _)| *s >= severity)
            .map(|(_, n)| *n)
            .sum()
    }

    fn render(&self, status: u8, fail_on: FailOn) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "汇总：读取 {} 个文件，{} 个无法读取，{} 个不是报告类型；{} 个错误，{} 个警告，{} 条提示",
            self.read,
            self.unreadable.len(),
            self.skipped.len(),
            self.count(Severity::Error),
            self.count(Severity::Warning),
            self.count(Severity::Info),
        );
        for (name, why) in &self.unreadable {
            let _ = writeln!(out, "  无法读取 {name}：{why}");
        }
        for name in &self.skipped {
            let _ = writeln!(out, "  不是报告类型 {name}");
        }
        for ((severity, rule), n) in self.by_rule.iter().rev() {
            let _ = writeln!(
                out,
                "  {} {rule:<28} {n}",
                crate::human::severity_word(*severity)
            );
        }
        let why = match status {
            0 => "没有达到 --fail-on 的发现".to_owned(),
            1 => format!(
                "有{}",
                match fail_on {
                    FailOn::Error => "错误",
                    FailOn::Warning => "警告或错误",
                }
            ),
            130 => "已中断，以上为中断前检查的文件".to_owned(),
            _ if self.read == 0 && self.unreadable.is_empty() => "没有找到报告".to_owned(),
            _ => {
                let errors = self.at_or_above(fail_on.severity());
                if errors > 0 {
                    format!("有文件无法读取，另有 {errors} 条达到 --fail-on 的发现")
                } else {
                    "有文件无法读取".to_owned()
                }
            }
        };
        let _ = writeln!(out, "退出状态 {status}：{why}");
        out
    }
}
