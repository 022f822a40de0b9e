//! `zfxxgk check`: validate files and folders of reports.
//!
//! Inputs are checked in parallel (rayon) and printed in their order — the arguments as given,
//! a folder's files sorted by path — through a reorder buffer of at most [`WINDOW`] inputs per
//! thread, so the output is the same bytes whatever the thread count and memory stays bounded
//! on a folder of any size. Each input's output is rendered by the worker that checked it
//! (unless checks across files must add to it first), so the thread that prints only writes;
//! the rendered outputs waiting their turn are bounded in bytes as well ([`HELD_MAX`]).

use std::collections::BTreeMap;
use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
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

/// The most bytes of rendered output that finished inputs may hold while they wait to be
/// printed: past it no new input is started until some are printed. (A web page whose table is
/// one long line renders to megabytes, each finding quoting the line.)
pub const HELD_MAX: usize = 16 << 20;

/// One checked input, with the text its positions point into (for the human format), or its
/// output already rendered.
struct Done {
    line: Line,
    source: Option<String>,
    /// The output, rendered by the worker ([`render`]); `None` to render when printed.
    rendered: Option<String>,
    /// Found in a folder but no report type: counted as skipped, not as unreadable.
    skipped: bool,
}

impl Done {
    /// The bytes of rendered output it holds.
    fn held(&self) -> usize {
        self.rendered.as_ref().map_or(0, String::len)
    }
}

/// Checks one input; with `render_now`, renders its output too (and keeps no source text).
fn check_input(input: Input, options: Options, render_now: bool) -> Done {
    let mut done = check_only(input, options);
    if render_now {
        done.rendered = Some(render(&done, options));
        done.source = None;
    }
    done
}

/// As [`check_input`], with a panic (a bug in zfxxgk) reported as this input's `internal` error
/// instead of ending the run: the other inputs are still checked and the summary printed.
fn check_caught(input: Input, options: Options, render_now: bool) -> Done {
    let name = input.name();
    let skipped = matches!(input, Input::NotAReportType(_));
    caught(name, skipped, options, render_now, || {
        check_input(input, options, render_now)
    })
}

/// Runs `check`, turning a panic into the `internal` error of the input `name`.
fn caught(
    name: String,
    skipped: bool,
    options: Options,
    render_now: bool,
    check: impl FnOnce() -> Done,
) -> Done {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(check)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let mut done = Done {
            line: Line::unreadable(
                name,
                InputError::new(
                    "internal",
                    format!(
                        "zfxxgk failed while checking this input (a bug: please report it with the file): {what}"
                    ),
                ),
            ),
            source: None,
            rendered: None,
            skipped,
        };
        if render_now {
            done.rendered = Some(render(&done, options));
        }
        done
    })
}

fn check_only(input: Input, options: Options) -> Done {
    let name = input.name();
    let skipped = matches!(input, Input::NotAReportType(_));
    let bytes = match input::bytes(&input) {
        Ok(b) => b,
        Err(e) => {
            return Done {
                line: Line::unreadable(name, e),
                source: None,
                rendered: None,
                skipped,
            };
        }
    };
    let shape = input::shape_of(&bytes, &input, options.from);
    // The text the positions point into (a PDF's cells: the text its reader laid out, not the
    // file's bytes), kept for the human format only.
    let (line, source) = contract::check_with_source(&name, &bytes, Some(shape));
    let source = source.filter(|_| options.format == OutputFormat::Human);
    Done {
        line,
        source,
        rendered: None,
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
        let text = match done.rendered {
            Some(text) => text,
            None => render(&done, options),
        };
        match &bar {
            Some(bar) => bar.suspend(|| out.write(text.as_bytes())),
            None => out.write(text.as_bytes()),
        }
    };
    let mut across_failed = false;
    let interrupted = if options.across == Across::Nothing {
        // Rendered by the workers, unless nothing is printed.
        let render_now = !options.quiet;
        let work = Work {
            options,
            window,
            render_now,
        };
        ordered(&pool, input::inputs(paths), work, &mut sink)
    } else {
        // Rendered when printed, once the findings across files are added.
        let work = Work {
            options,
            window,
            render_now: false,
        };
        let mut all = Vec::new();
        let interrupted = ordered(&pool, input::inputs(paths), work, &mut |d| {
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

/// What [`ordered`] does with each input.
#[derive(Clone, Copy)]
struct Work {
    options: Options,
    /// The most inputs read ahead of the one printed next.
    window: usize,
    /// Whether the workers render each output ([`check_input`]).
    render_now: bool,
}

/// Checks `inputs` on `pool`, handing each result to `sink` in the order of the inputs, with
/// at most `work.window` inputs read ahead and at most about [`HELD_MAX`] bytes of rendered
/// output held. Stops early when `sink` returns false (a closed pipe) or on Ctrl-C; returns
/// whether it was interrupted.
fn ordered(
    pool: &rayon::ThreadPool,
    inputs: impl Iterator<Item = Input>,
    work: Work,
    sink: &mut dyn FnMut(Done) -> bool,
) -> bool {
    let Work {
        options,
        window,
        render_now,
    } = work;
    let (tx, rx) = mpsc::channel::<(usize, Done)>();
    let stop = Arc::new(AtomicBool::new(false));
    // The bytes of rendered output finished and not yet handed to the sink.
    let held = Arc::new(AtomicUsize::new(0));
    let mut pending: BTreeMap<usize, Done> = BTreeMap::new();
    let mut next = 0usize;
    let mut sent = 0usize;
    let mut open = true;
    // Hands every finished input that is next in order to the sink.
    let mut drain = |pending: &mut BTreeMap<usize, Done>, next: &mut usize, open: &mut bool| {
        while let Some(d) = pending.remove(next) {
            *next = next.saturating_add(1);
            held.fetch_sub(d.held(), Ordering::Relaxed);
            if *open && !sink(d) {
                *open = false;
            }
        }
    };
    for input in inputs {
        if INTERRUPTED.load(Ordering::SeqCst) || !open {
            break;
        }
        // Wait for a result while the window is full, or while the outputs held are too
        // large and some input is still out (its result will come).
        while sent.saturating_sub(next) >= window
            || (next < sent && held.load(Ordering::Relaxed) > HELD_MAX)
        {
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
        let held = Arc::clone(&held);
        let i = sent;
        pool.spawn(move || {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            let done = check_caught(input, options, render_now);
            held.fetch_add(done.held(), Ordering::Relaxed);
            let _ = tx.send((i, done));
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

#[cfg(test)]
#[allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "the test makes a check panic on purpose, and fails loudly"
)]
mod tests {
    use super::*;

    fn options(format: OutputFormat) -> Options {
        Options {
            format,
            all: false,
            from: None,
            across: Across::Nothing,
            fail_on: FailOn::Error,
            jobs: Some(1),
            quiet: false,
            paint: Paint(false),
        }
    }

    /// A check that panics (a bug) becomes that input's `internal` error, carrying the panic's
    /// message, and is counted as unreadable; the run goes on.
    #[test]
    fn a_panic_in_a_check_is_the_inputs_internal_error() {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let done: Vec<Done> = [OutputFormat::Human, OutputFormat::Json]
            .into_iter()
            .map(|format| {
                caught("a.pdf".to_owned(), false, options(format), true, || {
                    panic!("index out of bounds: the len is 3 but the index is 7")
                })
            })
            .collect();
        let owned = caught(
            "b.txt".to_owned(),
            true,
            options(OutputFormat::Json),
            false,
            || panic!("{}", String::from("owned message")),
        );
        std::panic::set_hook(hook);
        for d in &done {
            // The human format prints an unreadable input's message with the summary; the line
            // is the same in both formats.
            let line = d.line.to_json().unwrap();
            assert!(line.contains("\"file\":\"a.pdf\""), "{line}");
            assert!(line.contains("\"kind\":\"internal\""), "{line}");
            assert!(line.contains("the len is 3 but the index is 7"), "{line}");
            assert!(d.line.reading().is_none());
        }
        assert_eq!(
            done[1].rendered.as_deref(),
            Some(format!("{}\n", done[1].line.to_json().unwrap()).as_str())
        );
        assert!(owned.skipped && owned.rendered.is_none());
        let line = render(&owned, options(OutputFormat::Json));
        assert!(line.contains("owned message"), "{line}");
    }
}
