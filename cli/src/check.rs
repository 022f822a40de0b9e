//! `zfxxgk check`: validate files and folders of reports.

use std::collections::BTreeMap;
use std::io::{IsTerminal as _, Write};
use std::path::PathBuf;
use std::sync::Mutex;

use rayon::prelude::*;
use zfxxgk::{Finding, Reading, Severity};

use crate::input::{Form, expand, load_with_source};

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// One block per file, findings grouped by table with the official labels.
    Human,
    /// JSON Lines: one object per file.
    Json,
}

/// What one file yielded.
struct Outcome {
    name: String,
    result: Result<(Reading, Vec<Finding>), String>,
    /// The text the reader's positions point into.
    source: Option<String>,
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

/// Checks every file (folders are walked), printing as each file is done; returns the exit
/// status: 0 no error, 1 some finding is an error, 2 some file could not be read.
pub fn run(
    paths: &[PathBuf],
    format: OutputFormat,
    all: bool,
    from: Option<Form>,
    across: Across,
) -> u8 {
    if across != Across::Nothing {
        return run_across(paths, format, all, from, across);
    }
    let (files, walk_errors) = expand(paths);
    let has_dir = paths.iter().any(|p| p.is_dir());
    let bar = (has_dir && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let stdout = Mutex::new(std::io::stdout());
    let summary = Mutex::new(Summary::default());
    for e in &walk_errors {
        eprintln!("zfxxgk: {e}");
    }
    let work = |path: &PathBuf| {
        let outcome = check_one(path, from);
        let text = render(&outcome, format, all);
        if let Ok(mut out) = stdout.lock() {
            if let Some(bar) = &bar {
                bar.suspend(|| {
                    let _ = out.write_all(text.as_bytes());
                });
            } else {
                let _ = out.write_all(text.as_bytes());
            }
        }
        if let Err(e) = &outcome.result {
            match &bar {
                Some(bar) => bar.suspend(|| eprintln!("zfxxgk: {}: {e}", outcome.name)),
                None => eprintln!("zfxxgk: {}: {e}", outcome.name),
            }
        }
        if let Ok(mut s) = summary.lock() {
            s.add(&outcome);
        }
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    };
    if has_dir {
        files.par_iter().for_each(work);
    } else {
        // Named files keep their order on the output.
        files.iter().for_each(work);
    }
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let summary = summary.into_inner().unwrap_or_default();
    if has_dir || files.len() > 1 {
        let text = summary.render();
        match format {
            OutputFormat::Human => print!("{text}"),
            OutputFormat::Json => eprint!("{text}"),
        }
    }
    if summary.unreadable.is_empty() && walk_errors.is_empty() {
        u8::from(summary.errors > 0)
    } else {
        2
    }
}

/// Reads every file first, adds the findings across files to the file they belong to, then
/// prints in the order of the files.
fn run_across(
    paths: &[PathBuf],
    format: OutputFormat,
    all: bool,
    from: Option<Form>,
    across: Across,
) -> u8 {
    let (files, walk_errors) = expand(paths);
    for e in &walk_errors {
        eprintln!("zfxxgk: {e}");
    }
    let mut outcomes: Vec<Outcome> = files.par_iter().map(|p| check_one(p, from)).collect();
    let mut status = if walk_errors.is_empty() { 0 } else { 2 };
    let readable: Vec<(usize, &str, &zfxxgk::Report)> = outcomes
        .iter()
        .enumerate()
        .filter_map(|(i, o)| {
            o.result
                .as_ref()
                .ok()
                .map(|(r, _)| (i, o.name.as_str(), &r.report))
        })
        .collect();
    let mut extra: Vec<(usize, Finding)> = Vec::new();
    match across {
        Across::Series => {
            let input: Vec<(&str, &zfxxgk::Report)> =
                readable.iter().map(|&(_, n, r)| (n, r)).collect();
            for sf in zfxxgk::analysis::series::check(&input) {
                if let Some(&(i, _, _)) = readable.get(sf.file) {
                    extra.push((i, sf.finding));
                }
            }
        }
        Across::SumOf => {
            if readable.len() != outcomes.len() || readable.len() < 2 {
                eprintln!(
                    "zfxxgk: --sum-of needs at least one unit's report and the total's, all readable"
                );
                status = 2;
            } else if let Some((&(total_i, _, total), units)) = readable.split_last() {
                let named: Vec<(&str, &zfxxgk::Report)> =
                    units.iter().map(|&(_, n, r)| (n, r)).collect();
                match zfxxgk::analysis::sum::sum_named(&named) {
                    Ok(summed) => {
                        for f in summed.notes() {
                            extra.push((total_i, f));
                        }
                        for f in zfxxgk::analysis::sum::compare(&summed.report, total) {
                            extra.push((total_i, f));
                        }
                    }
                    Err(e) => {
                        eprintln!("zfxxgk: cannot sum the units: {e}");
                        status = 2;
                    }
                }
            }
        }
        Across::Nothing => {}
    }
    for (i, f) in extra {
        if let Some(Ok((_, findings))) = outcomes.get_mut(i).map(|o| o.result.as_mut()) {
            findings.push(f);
        }
    }
    let mut summary = Summary::default();
    let mut out = std::io::stdout().lock();
    for o in &outcomes {
        let _ = out.write_all(render(o, format, all).as_bytes());
        if let Err(e) = &o.result {
            eprintln!("zfxxgk: {}: {e}", o.name);
        }
        summary.add(o);
    }
    if outcomes.len() > 1 {
        let text = summary.render();
        match format {
            OutputFormat::Human => {
                let _ = out.write_all(text.as_bytes());
            }
            OutputFormat::Json => eprint!("{text}"),
        }
    }
    if status == 2 || !summary.unreadable.is_empty() {
        2
    } else {
        u8::from(summary.errors > 0)
    }
}

fn check_one(path: &std::path::Path, from: Option<Form>) -> Outcome {
    let name = path.display().to_string();
    match load_with_source(path, from) {
        Ok((reading, source)) => {
            let findings = reading.check();
            Outcome {
                name,
                result: Ok((reading, findings)),
                source,
            }
        }
        Err(e) => Outcome {
            name,
            result: Err(e.to_string()),
            source: None,
        },
    }
}

fn render(outcome: &Outcome, format: OutputFormat, all: bool) -> String {
    let Ok((reading, findings)) = &outcome.result else {
        return String::new();
    };
    match format {
        OutputFormat::Json => {
            let r = &reading.report;
            let line = zfxxgk::json::FileReport {
                file: &outcome.name,
                issuer: r.issuer.as_str(),
                year: r.year,
                edition: r.edition.key(),
                findings,
            };
            match serde_json::to_string(&line) {
                Ok(mut s) => {
                    s.push('\n');
                    s
                }
                Err(e) => format!(
                    "{{\"file\":{:?},\"error\":{:?}}}\n",
                    outcome.name,
                    e.to_string()
                ),
            }
        }
        OutputFormat::Human => human(
            &outcome.name,
            reading,
            findings,
            all,
            outcome.source.as_deref(),
        ),
    }
}

fn human(
    name: &str,
    reading: &Reading,
    findings: &[Finding],
    all: bool,
    source: Option<&str>,
) -> String {
    use std::fmt::Write as _;
    let r = &reading.report;
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{name}: {} {} 年度报告（{} 年版格式）— {} 个错误，{} 个警告，{} 条提示",
        r.issuer,
        r.year,
        r.edition,
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
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
        let _ = writeln!(out, "  {title}");
        for f in here {
            let _ = writeln!(out, "    {}[{}] {}", f.severity, f.rule, f.message);
            if let Some(snippet) = source.and_then(|s| quote(name, s, reading, f)) {
                for line in snippet.lines() {
                    let _ = writeln!(out, "      {line}");
                }
            }
        }
    }
    for f in shown
        .iter()
        .filter(|f| !groups.iter().any(|(k, _)| *k == f.location.table))
    {
        let _ = writeln!(out, "    {}[{}] {}", f.severity, f.rule, f.message);
    }
    let hidden = findings.len().saturating_sub(shown.len());
    if hidden > 0 {
        let _ = writeln!(out, "  （另有 {hidden} 条提示未显示，加 --all 显示）");
    }
    out
}

/// The source line a finding points at, with the cell marked: from the finding's own byte
/// range (reader findings, `cell.invalid`) or from where the reader found the cell it names.
fn quote(name: &str, source: &str, reading: &Reading, f: &Finding) -> Option<String> {
    use annotate_snippets::{Level, Renderer, Snippet};
    let loc = &f.location;
    let mut page = None;
    let bytes = match (&loc.bytes, loc.table.as_str()) {
        (Some(b), t) if t != "prose" => b.clone(),
        _ => {
            let address = zfxxgk::Address::from_keys(
                &loc.table,
                loc.row.as_deref()?,
                loc.column.as_deref()?,
            )?;
            let origin = reading.report.cell(address)?.origin.as_ref()?;
            page = origin.page;
            origin.bytes.clone()
        }
    };
    // A cell read from a PDF: its page and box, then its row as the reader laid it out.
    let origin = match page {
        Some(a) => format!(
            "{name} 第 {} 页（x {:.0}–{:.0}，y {:.0}–{:.0}）",
            a.page, a.x0, a.x1, a.y0, a.y1
        ),
        None => name.to_owned(),
    };
    let start = source
        .get(..bytes.start)?
        .rfind('\n')
        .map_or(0, |i| i.saturating_add(1));
    let end = source
        .get(bytes.end..)?
        .find('\n')
        .map_or(source.len(), |i| i.saturating_add(bytes.end));
    // Tabs (cell separators) as single spaces: the same bytes, so the mark stays under its
    // cell (the renderer widens a tab).
    let line_text = source.get(start..end)?.replace('\t', " ");
    let line_text = line_text.as_str();
    let line_no = source.get(..start)?.matches('\n').count().saturating_add(1);
    let span = bytes.start.checked_sub(start)?..bytes.end.checked_sub(start)?;
    let level = match f.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        _ => Level::Info,
    };
    let label = match &f.actual {
        Some(a) => format!("此处：{a}"),
        None => "此处".to_owned(),
    };
    let message = level.title(f.rule.id()).snippet(
        Snippet::source(line_text)
            .line_start(line_no)
            .origin(&origin)
            .annotation(level.span(span).label(&label)),
    );
    Some(Renderer::plain().render(message).to_string())
}

/// Totals over a run.
#[derive(Default)]
struct Summary {
    read: usize,
    unreadable: Vec<(String, String)>,
    errors: usize,
    by_rule: BTreeMap<(String, &'static str), usize>,
}

impl Summary {
    fn add(&mut self, o: &Outcome) {
        match &o.result {
            Ok((_, findings)) => {
                self.read = self.read.saturating_add(1);
                for f in findings {
                    if f.severity == Severity::Error {
                        self.errors = self.errors.saturating_add(1);
                    }
                    let n = self
                        .by_rule
                        .entry((f.rule.id().to_owned(), f.severity.key()))
                        .or_default();
                    *n = n.saturating_add(1);
                }
            }
            Err(e) => self.unreadable.push((o.name.clone(), e.clone())),
        }
    }

    fn render(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "summary: {} files read, {} unreadable",
            self.read,
            self.unreadable.len()
        );
        let mut unreadable = self.unreadable.clone();
        unreadable.sort();
        for (name, why) in unreadable {
            let _ = writeln!(out, "  unreadable {name}: {why}");
        }
        for ((rule, severity), n) in &self.by_rule {
            let _ = writeln!(out, "  {severity:<7} {rule:<28} {n}");
        }
        out
    }
}
