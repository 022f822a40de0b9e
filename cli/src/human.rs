//! The human format of `check`: one block per file, findings grouped by table under the
//! official titles, each in one language — the severity and message in Chinese, the rule id in
//! ASCII — with the source line quoted and the cell marked.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthStr as _;
use zfxxgk::contract::Line;
use zfxxgk::{Finding, Severity};

use crate::output::Paint;

/// 错误, 警告 or 提示.
pub fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        _ => "提示",
    }
}

fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        _ => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

/// The block of one input: a title line, then its findings by table. An unreadable input
/// prints nothing here (its reason goes to standard error and into the summary).
pub fn block(line: &Line, source: Option<&str>, all: bool, paint: Paint) -> String {
    let Some(r) = line.report() else {
        return String::new();
    };
    let findings = line.findings();
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} {} 年度报告（{} 年版格式）— {} 个错误，{} 个警告，{} 条提示",
        line.file,
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
    let write = |f: &Finding, out: &mut String| {
        let word = paint.paint(severity_style(f.severity), severity_word(f.severity));
        let _ = writeln!(out, "    {word} {} {}", f.rule, f.message);
        if let Some(quote) = source.and_then(|s| quote(&line.file, s, f, page_of(line, f))) {
            out.push_str(&quote);
        }
    };
    for (key, title) in groups {
        let here: Vec<&&Finding> = shown.iter().filter(|f| f.location.table == key).collect();
        if here.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {title}");
        for f in here {
            write(f, &mut out);
        }
    }
    for f in shown
        .iter()
        .filter(|f| !groups.iter().any(|(k, _)| *k == f.location.table))
    {
        write(f, &mut out);
    }
    let hidden = findings.len().saturating_sub(shown.len());
    if hidden > 0 {
        let _ = writeln!(out, "  （另有 {hidden} 条提示未显示，加 --all 显示）");
    }
    out
}

/// The source line a finding points at, with the cell marked under it:
///
/// ```text
///       --> a.txt:55:9
///        |
///     55 | （一）予以公开 0 0 0
///        |                ^ 此处：0
/// ```
fn quote(name: &str, text: &str, f: &Finding, page: Option<zfxxgk::PageArea>) -> Option<String> {
    let src = f.source.as_ref()?;
    if f.location.table == "prose" {
        return None;
    }
    let start = text
        .get(..src.offset.start)?
        .rfind('\n')
        .map_or(0, |i| i.saturating_add(1));
    let end = text
        .get(src.offset.end..)?
        .find('\n')
        .map_or(text.len(), |i| i.saturating_add(src.offset.end));
    // Tabs are shown as four spaces, in the line and under it alike, so the mark stays under
    // the cell.
    let line_text = text
        .get(start..end)?
        .trim_end_matches('\r')
        .replace('\t', "    ");
    let before = text.get(start..src.offset.start)?.replace('\t', "    ");
    let marked = text.get(src.offset.clone())?;
    let number = src.line.to_string();
    let pad = " ".repeat(number.len());
    let caret = "^".repeat(marked.width().max(1));
    let label = match &f.actual {
        Some(a) => format!("此处：{a}"),
        None => "此处".to_owned(),
    };
    let mut out = String::new();
    match page {
        // A cell read from a PDF: its page and box; the line quoted is its table row as the
        // reader laid it out.
        Some(a) => {
            let _ = writeln!(
                out,
                "      {pad}--> {name} 第 {} 页（x {:.0}–{:.0}，y {:.0}–{:.0}）",
                a.page, a.x0, a.x1, a.y0, a.y1
            );
        }
        None => {
            let _ = writeln!(out, "      {pad}--> {name}:{}:{}", src.line, src.column);
        }
    }
    let _ = writeln!(out, "      {pad} |");
    let _ = writeln!(out, "      {number} | {line_text}");
    let _ = writeln!(
        out,
        "      {pad} | {}{caret} {label}",
        " ".repeat(before.width())
    );
    Some(out)
}

/// The page and box of the cell a finding names, where it was read from a PDF.
fn page_of(line: &Line, f: &Finding) -> Option<zfxxgk::PageArea> {
    let l = &f.location;
    let address = zfxxgk::Address::from_keys(&l.table, l.row.as_deref()?, l.column.as_deref()?)?;
    line.report()?.cell(address)?.origin.as_ref()?.page
}
