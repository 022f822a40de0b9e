//! HTML held inside a JavaScript string: some sites ship the report as the value of
//! `var content = "<p>…<table …>…"` in a script or a data file. This finds that string and
//! unescapes it, keeping a map from each byte of the unescaped text back to the source.

use super::Steps;

/// The unescaped value of a JavaScript string (or of several joined with `+`), with a map back
/// to the source.
#[derive(Debug, Clone)]
pub(crate) struct Unescaped {
    /// The value.
    pub text: String,
    /// Breakpoints `(offset in text, offset in source)`, ascending: between two breakpoints
    /// the text is a verbatim copy of the source.
    map: Vec<(usize, usize)>,
    /// How many escape sequences were resolved.
    pub escapes: usize,
    /// Byte range of the literal(s) in the source, quotes included.
    pub span: core::ops::Range<usize>,
}

impl Unescaped {
    /// The source offset of byte `at` of the unescaped text.
    pub fn source_offset(&self, at: usize) -> usize {
        let i = self.map.partition_point(|&(o, _)| o <= at);
        match i.checked_sub(1).and_then(|i| self.map.get(i)) {
            Some(&(o, s)) => s.saturating_add(at.saturating_sub(o)),
            None => self.span.start,
        }
    }
}

/// Whether `raw` (a literal's source text) holds table markup: `<table`, `<td` or `<tr`, in
/// any case.
fn has_table_markup(raw: &str) -> bool {
    let b = raw.as_bytes();
    memchr::memchr_iter(b'<', b).any(|at| {
        let after = b.get(at.saturating_add(1)..).unwrap_or_default();
        [b"table".as_slice(), b"td", b"tr"].iter().any(|t| {
            after
                .get(..t.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(t))
        })
    })
}

/// A string literal found in the source: the byte range of its content (without quotes).
#[derive(Debug, Clone)]
struct Literal {
    content: core::ops::Range<usize>,
    /// The closing quote's end (the source offset after the literal).
    end: usize,
}

/// Finds the JavaScript string (or `+`-joined strings) in `source` that holds table markup,
/// the longest if there are several, and unescapes it.
pub(crate) fn find_html_string(source: &str, steps: &Steps) -> Option<Unescaped> {
    let literals = literals(source, steps);
    // Group literals joined by `+`.
    let mut groups: Vec<Vec<Literal>> = Vec::new();
    let mut prev_end: Option<usize> = None;
    for lit in literals {
        let joined = prev_end.is_some_and(|end| {
            let between = source
                .get(end..lit.content.start.saturating_sub(1))
                .unwrap_or("");
            steps.add(between.len().saturating_add(1));
            between.contains('+') && between.chars().all(|c| c.is_whitespace() || c == '+')
        });
        prev_end = Some(lit.end);
        match groups.last_mut() {
            Some(g) if joined => g.push(lit),
            _ => groups.push(vec![lit]),
        }
    }
    groups
        .into_iter()
        .filter(|g| {
            g.iter().any(|l| {
                let raw = source.get(l.content.clone()).unwrap_or("");
                steps.add(raw.len().saturating_add(1));
                has_table_markup(raw)
            })
        })
        .max_by_key(|g| {
            steps.add(g.len());
            g.iter().map(|l| l.content.len()).sum::<usize>()
        })
        .map(|g| unescape_group(source, &g, steps))
}

/// The string literals of `source`, in order, skipping `//` and `/* */` comments. A `'` or `"`
/// literal ends at an unescaped newline: such a quote was no literal, and scanning resumes
/// after it. An unterminated literal runs to the end of the source (a truncated file).
fn literals(source: &str, steps: &Steps) -> Vec<Literal> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut i = 0usize;
    // Where the last `'` and the last `"` that opened no literal ran into a line break. A
    // later quote of the same kind before that line break opens no literal either, and is
    // not scanned again: it lies where that scan passed over an escaped character, so the
    // scan from just after it joins the failed one at the next character and fails at the
    // same line break (scanning each again made a line of `\'` quadratic).
    let mut failed_single = 0usize;
    let mut failed_double = 0usize;
    while let Some(&b) = bytes.get(i) {
        let at = i;
        match b {
            b'/' if bytes.get(i.saturating_add(1)) == Some(&b'/') => {
                i = memchr(bytes, b'\n', i).unwrap_or(bytes.len());
            }
            b'/' if bytes.get(i.saturating_add(1)) == Some(&b'*') => {
                i = find(bytes, b"*/", i.saturating_add(2))
                    .map_or(bytes.len(), |p| p.saturating_add(2));
            }
            b'"' if i < failed_double => i = i.saturating_add(1),
            b'\'' if i < failed_single => i = i.saturating_add(1),
            b'"' | b'\'' | b'`' => {
                let start = i.saturating_add(1);
                let mut j = start;
                let mut closed = None;
                // The next backslash, closing quote or (but in a template literal) line break.
                while let Some(rest) = bytes.get(j..) {
                    let found = if b == b'`' {
                        memchr::memchr2(b'\\', b, rest)
                    } else {
                        memchr::memchr3(b'\\', b, b'\n', rest)
                    };
                    let Some(p) = found else {
                        j = bytes.len();
                        break;
                    };
                    j = j.saturating_add(p);
                    match bytes.get(j) {
                        Some(b'\\') => j = j.saturating_add(2),
                        Some(&c) if c == b => {
                            closed = Some(j);
                            break;
                        }
                        _ => break,
                    }
                }
                match closed {
                    Some(close) => {
                        out.push(Literal {
                            content: start..close,
                            end: close.saturating_add(1),
                        });
                        i = close.saturating_add(1);
                    }
                    None if j >= bytes.len() => {
                        out.push(Literal {
                            content: start..bytes.len(),
                            end: bytes.len(),
                        });
                        i = bytes.len();
                    }
                    None => {
                        if b == b'"' {
                            failed_double = j;
                        } else {
                            failed_single = j;
                        }
                        steps.add(j.saturating_sub(start));
                        i = start;
                    }
                }
            }
            _ => i = i.saturating_add(1),
        }
        steps.add(i.saturating_sub(at).max(1));
    }
    out
}

fn memchr(bytes: &[u8], needle: u8, from: usize) -> Option<usize> {
    memchr::memchr(needle, bytes.get(from..)?).map(|p| p.saturating_add(from))
}

fn find(bytes: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p.saturating_add(from))
}

fn unescape_group(source: &str, group: &[Literal], steps: &Steps) -> Unescaped {
    let mut u = Unescaped {
        text: String::new(),
        map: Vec::new(),
        escapes: 0,
        span: group
            .first()
            .map_or(0, |l| l.content.start.saturating_sub(1))
            ..group.last().map_or(0, |l| l.end),
    };
    for lit in group {
        steps.add(lit.content.len().saturating_add(1));
        unescape_into(source, lit.content.clone(), &mut u);
    }
    u
}

/// Appends the unescaped value of `source[range]` to `u`.
fn unescape_into(source: &str, range: core::ops::Range<usize>, u: &mut Unescaped) {
    let Some(raw) = source.get(range.clone()) else {
        return;
    };
    u.map.push((u.text.len(), range.start));
    let mut pending_high: Option<u16> = None;
    let mut pos = 0usize;
    while let Some(rest) = raw.get(pos..) {
        // The text up to the next backslash is copied as it is.
        let run = memchr::memchr(b'\\', rest.as_bytes()).unwrap_or(rest.len());
        if let Some(verbatim) = rest.get(..run).filter(|v| !v.is_empty()) {
            flush_high(&mut pending_high, &mut u.text);
            u.text.push_str(verbatim);
        }
        pos = pos.saturating_add(run);
        // The escape after the backslash at `pos`; `chars` counts from just after it.
        let after = pos.saturating_add(1);
        let Some(mut chars) = raw.get(after..).map(|r| r.char_indices().peekable()) else {
            break;
        };
        let Some((_, e)) = chars.next() else {
            break;
        };
        u.escapes = u.escapes.saturating_add(1);
        let mut unit: Option<u16> = None;
        match e {
            'n' => u.text.push('\n'),
            'r' => u.text.push('\r'),
            't' => u.text.push('\t'),
            'b' => u.text.push('\u{8}'),
            'f' => u.text.push('\u{c}'),
            'v' => u.text.push('\u{b}'),
            '0' => u.text.push('\0'),
            '\n' => {}
            '\r' => {
                if chars.peek().map(|&(_, c)| c) == Some('\n') {
                    chars.next();
                }
            }
            'x' => {
                let code = hex(&mut chars, 2);
                u.text
                    .push(code.and_then(char::from_u32).unwrap_or('\u{fffd}'));
            }
            'u' => {
                if chars.peek().map(|&(_, c)| c) == Some('{') {
                    chars.next();
                    let mut code: u32 = 0;
                    let mut ok = false;
                    while let Some(&(_, d)) = chars.peek() {
                        chars.next();
                        if d == '}' {
                            break;
                        }
                        match d.to_digit(16) {
                            Some(v) => {
                                code = code.saturating_mul(16).saturating_add(v);
                                ok = true;
                            }
                            None => {
                                ok = false;
                                break;
                            }
                        }
                    }
                    let ch = if ok { char::from_u32(code) } else { None };
                    flush_high(&mut pending_high, &mut u.text);
                    u.text.push(ch.unwrap_or('\u{fffd}'));
                } else {
                    unit = hex(&mut chars, 4).and_then(|v| u16::try_from(v).ok());
                    if unit.is_none() {
                        flush_high(&mut pending_high, &mut u.text);
                        u.text.push('\u{fffd}');
                    }
                }
            }
            other => u.text.push(other),
        }
        if let Some(unit) = unit {
            match (pending_high.take(), unit) {
                (Some(high), 0xDC00..=0xDFFF) => {
                    let code = 0x10000u32
                        .saturating_add((u32::from(high).saturating_sub(0xD800)) << 10)
                        .saturating_add(u32::from(unit).saturating_sub(0xDC00));
                    u.text.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                }
                (high, 0xD800..=0xDBFF) => {
                    if high.is_some() {
                        u.text.push('\u{fffd}');
                    }
                    pending_high = Some(unit);
                }
                (high, _) => {
                    if high.is_some() {
                        u.text.push('\u{fffd}');
                    }
                    u.text
                        .push(char::from_u32(u32::from(unit)).unwrap_or('\u{fffd}'));
                }
            }
        } else if e != 'u' {
            flush_high(&mut pending_high, &mut u.text);
        }
        let next = chars
            .peek()
            .map_or(raw.len(), |&(j, _)| j.saturating_add(after));
        u.map.push((u.text.len(), range.start.saturating_add(next)));
        pos = next;
    }
    flush_high(&mut pending_high, &mut u.text);
}

fn flush_high(pending: &mut Option<u16>, out: &mut String) {
    if pending.take().is_some() {
        out.push('\u{fffd}');
    }
}

fn hex(chars: &mut core::iter::Peekable<core::str::CharIndices<'_>>, n: usize) -> Option<u32> {
    let mut v: u32 = 0;
    for _ in 0..n {
        let &(_, c) = chars.peek()?;
        let d = c.to_digit(16)?;
        chars.next();
        v = v.saturating_mul(16).saturating_add(d);
    }
    Some(v)
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_unescapes_the_html_string() {
        let src = "let a = [{\"id\": \"1\"}]\nlet content = \"<p class=\\\"t\\\">\\u62a5\\u544a</p><table><tr><td>1</td></tr></table>\"";
        let u = find_html_string(src, &Steps::default()).unwrap();
        assert_eq!(
            u.text,
            "<p class=\"t\">报告</p><table><tr><td>1</td></tr></table>"
        );
        let at = u.text.find("<table").unwrap();
        assert_eq!(&src[u.source_offset(at)..][..6], "<table");
        assert!(u.escapes >= 4);
    }

    #[test]
    fn joins_concatenated_strings_and_survives_truncation() {
        let src = "document.write('<table><tr>' +\n  '<td>5</td>' + '</tr></table>');";
        let u = find_html_string(src, &Steps::default()).unwrap();
        assert_eq!(u.text, "<table><tr><td>5</td></tr></table>");
        let cut = "x = \"<table><tr><td>1\\";
        assert!(find_html_string(cut, &Steps::default()).is_some());
        assert!(find_html_string("no strings here", &Steps::default()).is_none());
        assert_eq!(
            find_html_string("s = \"<td>\\uD83D\\uDE00\\uD800x</td>\"", &Steps::default())
                .unwrap()
                .text,
            "<td>😀\u{fffd}x</td>"
        );
    }
}
