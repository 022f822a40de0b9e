//! The human format of `check`: one block per file, findings grouped by table under the
//! official titles, each in one language — the severity and message in Chinese, the rule id in
//! ASCII — with the source line quoted and the cell marked.

use std::collections::BTreeMap;
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
    // The source lines quoted, each prepared once however many findings point into it.
    let mut lines = BTreeMap::new();
    let mut write = |f: &Finding, out: &mut String| {
        let word = paint.paint(severity_style(f.severity), severity_word(f.severity));
        let _ = writeln!(out, "    {word} {} {}", f.rule, f.message);
        if let Some(text) = source {
            quote(out, &line.file, text, &mut lines, f, page_of(line, f));
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

/// The source line a finding points at, with the cell marked under it, written to `out`
/// (nothing when the finding has no place in `text`):
///
/// ```text
///       --> a.txt:55:9
///        |
///     55 | （一）予以公开 0 0 0
///        |                ^ 此处：0
/// ```
///
/// `lines` keeps each line quoted before, by its start: a web page's table may be one line of
/// 40 KB that a hundred findings quote.
fn quote(
    out: &mut String,
    name: &str,
    text: &str,
    lines: &mut BTreeMap<usize, Quoted>,
    f: &Finding,
    page: Option<zfxxgk::PageArea>,
) -> Option<()> {
    let src = f.source.as_ref()?;
    if f.location.table == "prose" {
        return None;
    }
    let at = src.offset.start;
    // The line that holds the cell: one seen before, or found now.
    let known = lines
        .range(..=at)
        .next_back()
        .filter(|(_, l)| at <= l.end && src.offset.end <= l.end)
        .map(|(&start, _)| start);
    let start = match known {
        Some(start) => start,
        None => {
            let start = text
                .get(..at)?
                .rfind('\n')
                .map_or(0, |i| i.saturating_add(1));
            let end = text
                .get(src.offset.end..)?
                .find('\n')
                .map_or(text.len(), |i| i.saturating_add(src.offset.end));
            let fresh = Quoted::new(text, start, end)?;
            // A cell across a line break quotes more than one line: not kept for others.
            if text.get(start..end)?.contains('\n') {
                return write_quote(out, name, text, &fresh, f, page);
            }
            lines.insert(start, fresh);
            start
        }
    };
    let line = lines.get(&start)?;
    write_quote(out, name, text, line, f, page)
}

/// Writes the quote of `line` for finding `f` ([`quote`]).
fn write_quote(
    out: &mut String,
    name: &str,
    text: &str,
    line: &Quoted,
    f: &Finding,
    page: Option<zfxxgk::PageArea>,
) -> Option<()> {
    let src = f.source.as_ref()?;
    let at = src.offset.start;
    let (shown, before, marked) = if line.width_to(text, line.end)? <= WIDE {
        let marked = text.get(src.offset.clone())?.width();
        (line.shown.clone(), line.width_to(text, at)?, marked)
    } else {
        window(text, line, src.offset.clone())?
    };
    let number = src.line.to_string();
    let pad = " ".repeat(number.len());
    let caret = "^".repeat(marked.max(1));
    let label = match &f.actual {
        Some(a) => format!("此处：{a}"),
        None => "此处".to_owned(),
    };
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
    let _ = writeln!(out, "      {number} | {shown}");
    let _ = writeln!(out, "      {pad} | {}{caret} {label}", " ".repeat(before));
    Some(())
}

/// Lines up to this wide (in columns) are quoted whole; a wider one — a web page's table on one
/// line, a PDF's text without line breaks — is quoted as a window around the cell ([`window`]).
const WIDE: usize = 160;
/// The columns of a wide line kept before the cell.
const BEFORE: usize = 40;
/// The columns of the cell itself kept on a wide line (a finding may mark a whole row).
const SPAN: usize = 80;
/// The columns of a wide line kept after the cell.
const AFTER: usize = 40;
/// Where a wide line is cut.
const CUT: &str = "...";

/// The window of a wide `line` around the cell at `cell`: the text shown (cut ends as
/// [`CUT`], tabs as four spaces), the width before the cell and the width of the cell as
/// shown. Each finding costs the window, not the line.
fn window(
    text: &str,
    line: &Quoted,
    cell: std::ops::Range<usize>,
) -> Option<(String, usize, usize)> {
    let start = back(text, line.start, cell.start, BEFORE)?;
    let hi = cell.end.min(line.end).max(cell.start);
    let marked_end = forward(text, cell.start, hi, SPAN)?;
    let end = if marked_end < hi {
        marked_end
    } else {
        forward(text, hi, line.end, AFTER)?
    };
    let rest = text.get(end..line.end)?;
    let tail = if rest.trim_end_matches('\r').is_empty() {
        ""
    } else {
        CUT
    };
    let head = if start > line.start { CUT } else { "" };
    let shown_of = |a: usize, b: usize| text.get(a..b).map(|s| s.replace('\t', "    "));
    let before = shown_of(start, cell.start)?;
    let marked = shown_of(cell.start, marked_end)?;
    let after = shown_of(marked_end, end)?;
    let after = if tail.is_empty() {
        after.trim_end_matches('\r').to_owned()
    } else {
        after
    };
    let width_before = head.width().saturating_add(before.width());
    let shown = format!("{head}{before}{marked}{after}{tail}");
    Some((shown, width_before, marked.width()))
}

/// The width of one char as quoted (a tab as four spaces).
fn char_width(c: char) -> usize {
    if c == '\t' {
        4
    } else {
        unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
    }
}

/// The start of the text before byte `at` (not before `low`) that is at most `budget` columns
/// wide: walks back at most `4 × budget` chars, so zero-width chars cannot make it long.
fn back(text: &str, low: usize, at: usize, budget: usize) -> Option<usize> {
    let mut width = 0usize;
    let mut start = at;
    for (i, c) in text
        .get(low..at)?
        .char_indices()
        .rev()
        .take(budget.saturating_mul(4))
    {
        width = width.saturating_add(char_width(c));
        if width > budget {
            break;
        }
        start = low.saturating_add(i);
    }
    Some(start)
}

/// The end of the text from byte `at` (not past `high`) that is at most `budget` columns wide,
/// as [`back`] in the other direction.
fn forward(text: &str, at: usize, high: usize, budget: usize) -> Option<usize> {
    let mut width = 0usize;
    let mut end = at;
    for (i, c) in text
        .get(at..high)?
        .char_indices()
        .take(budget.saturating_mul(4))
    {
        width = width.saturating_add(char_width(c));
        if width > budget {
            break;
        }
        end = at.saturating_add(i).saturating_add(c.len_utf8());
    }
    Some(end)
}

/// A source line as quoted: its text as shown, and how wide (in columns) any part of it from
/// its start is, read once.
///
/// Tabs are shown as four spaces, in the line and under it alike, so the mark stays under the
/// cell. The width of the text before a cell is that of the text with its tabs replaced, as
/// `unicode-width` measures a string; it is found from marks at the line's plain ASCII chars
/// (below), so each finding measures only the few chars since the last one instead of the
/// whole line again.
struct Quoted {
    /// The start of the line (a byte offset in the text).
    start: usize,
    /// The end of the line, before its line break.
    end: usize,
    /// The line, without trailing `\r`, tabs as four spaces.
    shown: String,
    /// After each char of the line that [`splits_width`], its byte offset in the text and the
    /// width of the line up to there (tabs as four spaces).
    marks: Vec<(usize, usize)>,
}

impl Quoted {
    fn new(text: &str, start: usize, end: usize) -> Option<Quoted> {
        let raw = text.get(start..end)?;
        let shown = raw.trim_end_matches('\r').replace('\t', "    ");
        let widths = ascii_widths();
        let mut marks = Vec::new();
        let mut run = start;
        let mut width = 0usize;
        for (i, c) in raw.char_indices() {
            if !splits_width(c) {
                continue;
            }
            let at = start.saturating_add(i);
            if run < at {
                width = width.saturating_add(text.get(run..at)?.width());
            }
            let shown_c = widths.get(usize::from(u8::try_from(c).ok()?)).copied()?;
            width = width.saturating_add(usize::from(shown_c));
            run = at.saturating_add(c.len_utf8());
            marks.push((run, width));
        }
        Some(Quoted {
            start,
            end,
            shown,
            marks,
        })
    }

    /// The width of the line from its start to byte `at` of the text (tabs as four spaces):
    /// `text[start..at].replace('\t', "    ").width()`.
    fn width_to(&self, text: &str, at: usize) -> Option<usize> {
        let k = self.marks.partition_point(|&(b, _)| b <= at);
        let (run, width) = k
            .checked_sub(1)
            .and_then(|k| self.marks.get(k))
            .copied()
            .unwrap_or((self.start, 0));
        Some(width.saturating_add(text.get(run..at)?.width()))
    }
}

/// The width of each ASCII char as shown (a tab as four spaces), measured once.
fn ascii_widths() -> &'static [u8; 128] {
    static WIDTHS: std::sync::OnceLock<[u8; 128]> = std::sync::OnceLock::new();
    WIDTHS.get_or_init(|| {
        core::array::from_fn(|b| {
            let c = u8::try_from(b).map_or('\0', char::from);
            let shown = if c == '\t' {
                "    ".to_owned()
            } else {
                c.to_string()
            };
            u8::try_from(shown.width()).unwrap_or(u8::MAX)
        })
    })
}

/// Whether the width of a string splits at `c`: for any `a` and `b`, `a` + `c` + `b` is as
/// wide as `a`, `c` and `b` apart. `unicode-width` measures a string from its end, each char
/// by the state the chars after it leave; a printable ASCII char that starts no emoji sequence
/// (not `#`, `*` or a digit, which start keycaps) has the same width whatever follows it and
/// leaves the chars before it measured as if it ended the string. A tab is shown as four
/// spaces, which do the same. A test holds this to `unicode-width`.
fn splits_width(c: char) -> bool {
    c == '\t' || (matches!(c, ' '..='~') && !matches!(c, '#' | '*' | '0'..='9'))
}

/// The page and box of the cell a finding names, where it was read from a PDF.
fn page_of(line: &Line, f: &Finding) -> Option<zfxxgk::PageArea> {
    let l = &f.location;
    let address = zfxxgk::Address::from_keys(&l.table, l.row.as_deref()?, l.column.as_deref()?)?;
    line.report()?.cell(address)?.origin.as_ref()?.page
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        reason = "tests"
    )]

    use super::*;

    /// Lines with every kind of char whose width depends on its neighbours: emoji and keycap
    /// sequences, variation selectors, zero-width joiners, combining marks, CJK, tabs, `\r`.
    const LINES: &[&str] = &[
        "（一）予以公开\t12\t0\t3",
        "a1\u{FE0F}\u{20E3}b#\u{FE0F}\u{20E3}*\u{FE0F}\u{20E3} 9\u{20E3}x",
        "👨\u{200D}👩\u{200D}👧 x👍🏽y ❤\u{FE0F} ❤\u{FE0E} ☺\u{FE0F}a✌\u{FE0E}b",
        "e\u{301}\u{302} a\u{0338}= <\u{0338} \u{05D0}\u{05DC} \u{0644}\u{0627} x\u{FE01}",
        "<p style='a'>二〇一九年</p>\t<td>1</td>\r\r",
        "\u{1F1E8}\u{1F1F3} \u{1F3F4}\u{E0067}\u{E0062}\u{E007F} ©\u{FE0F}®\u{FE0F}",
        "\u{A4F8}\u{A4FB}a\u{A4F8} \u{0F0C}\u{0F0B} \u{17D2}\u{1780} \u{1160}\u{11A8}",
    ];

    #[test]
    fn width_to_is_the_width_of_the_text_before_with_tabs_as_spaces() {
        let text = LINES.join("\n");
        let mut start = 0;
        for line in text.split('\n') {
            let end = start + line.len();
            let q = Quoted::new(&text, start, end).unwrap();
            assert!(!q.marks.is_empty(), "{line:?}");
            for (i, _) in line.char_indices().chain([(line.len(), ' ')]) {
                let at = start + i;
                let expected = text[start..at].replace('\t', "    ").width();
                assert_eq!(q.width_to(&text, at), Some(expected), "{line:?} at {i}");
            }
            assert_eq!(q.shown, line.trim_end_matches('\r').replace('\t', "    "));
            start = end + 1;
        }
    }

    /// The window of a wide line around `cell` (a substring of `line` at byte `at`), as
    /// shown: the text, then the caret's column and width.
    fn window_of(line: &str, at: usize, len: usize) -> (String, usize, usize) {
        let q = Quoted::new(line, 0, line.len()).unwrap();
        window(line, &q, at..at + len).unwrap()
    }

    #[test]
    fn a_window_keeps_its_budgets_and_marks_the_cell() {
        // ASCII: 40 columns before, the cell, 40 after, cut both ends.
        let line = format!("{}<td>12</td>{}", "a".repeat(500), "b".repeat(500));
        let at = line.find("12").unwrap();
        let (shown, before, width) = window_of(&line, at, 2);
        assert_eq!(
            shown,
            format!("...{}12{}...", &line[at - 40..at], &line[at + 2..at + 42])
        );
        assert_eq!((before, width), (43, 2));
        // At the start of the line: no cut before; at its end, before a `\r`: none after.
        let line = format!("12 {}\r", "x".repeat(300));
        let (shown, before, _) = window_of(&line, 0, 2);
        assert!(
            shown.starts_with("12 x") && shown.ends_with("..."),
            "{shown}"
        );
        assert_eq!(before, 0);
        let at = line.len() - 3;
        let (shown, before, width) = window_of(&line, at, 2);
        assert_eq!(shown, format!("...{}xx", "x".repeat(40)));
        assert_eq!((before, width), (43, 2));
        // Wide chars are not split: 40 columns are 20 of them.
        let line = format!("{}〇{}", "政".repeat(200), "府".repeat(200));
        let at = line.find('〇').unwrap();
        let (shown, before, width) = window_of(&line, at, '〇'.len_utf8());
        assert_eq!(
            shown,
            format!("...{}〇{}...", "政".repeat(20), "府".repeat(20))
        );
        assert_eq!((before, width), (43, 2));
        // A tab is four columns, in the line and under it.
        let line = format!("{}\t\t9{}", "a".repeat(300), "b".repeat(300));
        let at = line.find('9').unwrap();
        let (shown, before, _) = window_of(&line, at, 1);
        assert_eq!(
            shown,
            format!("...{}        9{}...", "a".repeat(32), "b".repeat(40))
        );
        assert_eq!(before, 3 + 40);
        // A cell wider than its budget is marked for 80 columns and cut there.
        let line = format!("x{}", "7".repeat(400));
        let (shown, before, width) = window_of(&line, 1, 400);
        assert_eq!(shown, format!("x{}...", "7".repeat(80)));
        assert_eq!((before, width), (1, 80));
        // Zero-width chars cannot make the window long: at most 4 × the budget chars a side.
        let line = format!(
            "{}1{}",
            "\u{200B}".repeat(10_000),
            "\u{200B}".repeat(10_000)
        );
        let at = line.find('1').unwrap();
        let (shown, _, _) = window_of(&line, at, 1);
        assert_eq!(shown.chars().count(), 3 + 160 + 1 + 160 + 3);
    }

    #[test]
    fn width_splits_at_the_chars_said_to_split_it() {
        // Every char said to split, between every pair of pieces of the lines above.
        let pieces: Vec<&str> = LINES
            .iter()
            .flat_map(|l| l.char_indices().map(move |(i, _)| &l[i..]))
            .chain([""])
            .collect();
        for c in (0u8..0x80).map(char::from).filter(|&c| splits_width(c)) {
            let shown = if c == '\t' {
                "    ".to_owned()
            } else {
                c.to_string()
            };
            for a in &pieces {
                for b in pieces.iter().step_by(7) {
                    let whole = format!("{a}{shown}{b}");
                    assert_eq!(
                        whole.width(),
                        a.width() + shown.width() + b.width(),
                        "{a:?} {c:?} {b:?}"
                    );
                }
            }
        }
    }
}
