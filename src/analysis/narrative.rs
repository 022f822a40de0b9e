//! The prose against itself and against the tables: `narrative.sum` and `narrative.table`
//! (FORMAT.md, rules table).
//!
//! Both rules read sentences (ended by 。！？ or a blank line; a single line break inside a
//! sentence, as PDF text has, does not end it) and numbers in Arabic or Chinese numerals
//! ([`parse_chinese_numeral`]: 二十四, 两千六百零二, 二〇二三). They are built to miss a case rather
//! than invent one:
//!
//! **`narrative.sum`** looks for a stated total and its listed parts:
//! `…共计公开信息 24 条，其中政府网站公开信息 12 条、微信公众号 14 条。`
//! - The total is the number just before `其中` (a unit and a short noun may follow it), in a
//!   clause that says 共, 共计, 合计, 累计, 总计 or 总共; it has a unit (条 件 篇 个 项 份 次 场).
//! - The parts follow `其中`, separated by 、，；, up to the end of the sentence, the bracket
//!   `其中` sits in, or a ； that ends a list separated otherwise. Each part holds exactly one
//!   number in the total's unit (bracketed sub-counts and percentages are skipped).
//! - Nothing is summed when the parts say 等, 分别, 以上, 左右, a number is qualified (余, 多,
//!   约, 近, 逾, 超过, 不到, 万), another `其中` is nested, or a number in the total's unit follows
//!   the list in the same sentence.
//! - Parts that add up to more than the total are a breach. Parts that add up to less are one
//!   only when the list closes with a catch-all part (其他, 其余, 其它): otherwise `其中` may
//!   name a few highlights of the whole.
//!
//! **`narrative.table`** (only with a report to compare with) compares the prose with
//! 一、本年新收政府信息公开申请数量 / 总计:
//! - a sentence that says no applications were received (未收到…申请, 没有收到…申请, 无依申请公开,
//!   无政府信息公开申请) while the table's total is above 0;
//! - a sentence that states the number of applications received (新收/收到/受理 … 申请 N 件, or
//!   收到 N 件 … 申请) that differs from the table's total. Sentences that mention 结转, 办结,
//!   复议, 诉讼, 投诉, a kind of applicant or a licence (许可, 审批, 政务服务) are left alone: their
//!   numbers count something else.
//!
//! It also compares the other figures the prose states — 现行有效 规章 / 行政规范性文件,
//! 行政许可 / 行政处罚 / 行政强制 decisions, 行政复议 / 行政诉讼 and their results, 上年结转,
//! 结转下年度, and each outcome of section 三 — with their cells or the sum of a group of cells.
//! A figure is compared only when the prose ties it to its subject without doubt:
//!
//! - **The subject and the number are adjacent.** The number follows the subject's words with
//!   at most a few filler characters between them (的 答复 案件 决定 处理 办理 共 计 为 有 数 量 总
//!   申请, and 政府信息公开 before 申请): `行政复议案件2件`, `上年结转政府信息公开申请 2 件`,
//!   `不予公开答复 2件`. Only 结转下年度 may also come after its number (`1件结转下年度继续办理`).
//!   So two subjects in one sentence (`行政复议案件2件、行政诉讼案件7件`) each keep their own
//!   figure, and a figure of two subjects together (`行政复议和行政诉讼 9 件`) is left alone.
//! - **A count in 件, 宗 or 起**, not qualified (余 多 约 近 逾 超过 不到, a decimal, 万), not a
//!   percentage.
//! - **This year, as a whole.** The clause (up to ，；。) says nothing of another time or of a
//!   change (上年 去年 上一年 同比 较 相比 累计 以来 历年 增长 下降 减少 增加 新增 同期 — the
//!   subject's own words, as in 上年结转, aside) and names no other year than the report's (or the
//!   next one, for 结转至2026年).
//! - **Outcomes** (予以公开 部分公开 不予公开 无法提供 不予处理 其他处理) only in a sentence about
//!   applications (it says 申请) or one that lists two outcomes or more, and only when nothing
//!   narrows the subject before it in its clause (的, 因, 涉及, 属于: `因本机关不掌握等原因无法提供`
//!   may count one reason only).
//! - **Decisions** (行政许可 行政处罚 行政强制) only in a clause that says nothing of applications,
//!   information, publication or lists of powers (申请 受理 信息 公示 公开 事项 清单 职权 权力
//!   目录): those count something else than 处理决定数量.
//! - **Results of appeals** (结果维持 结果纠正 其他结果 尚未审结) belong to the nearest 行政复议 or
//!   行政诉讼 before them in the same part of the sentence (up to ；).
//!
//! Each figure is compared with the table's cell, or with the sum of the cells of a group:
//! 不予公开 = the rows of （三）, 无法提供 = （四）, 不予处理 = （五）, 其他处理 = （六） (one row in
//! the 2019 edition, three in 2021), 予以公开及部分公开 = （一）+（二）, all in the 总计 column;
//! 行政诉讼 = 未经复议直接起诉 + 复议后起诉. A subject's words may be broken by a line break (PDF
//! text); a negated one (不予以公开) and the second of two joined by 和 及 与 、 或 are skipped.
//!
//! A blank cell makes any comparison not assessable (severity info).

use core::cell::Cell;
use core::ops::Range;

mod figures;

use crate::catalogue::{ApplicantColumn, ApplicationRow, ReportField};
use crate::finding::{Finding, Location, Operand, Rule, Severity};
use crate::report::{Address, Report};

/// The units a stated count may carry.
pub const UNITS: &[char] = &['条', '件', '篇', '个', '项', '份', '次', '场'];

/// Checks the prose sections of `report` (一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项)
/// with [`check_text`] against the report's tables. Byte ranges are within the section's text;
/// `location.row` names the section (`overview`, `problems`, `other`).
pub fn check(report: &Report) -> Vec<Finding> {
    check_counting(report).0
}

/// [`check`], with the number of steps the check took (chars, numbers and subjects visited):
/// for tests that the work grows linearly with the text.
#[doc(hidden)]
pub fn check_counting(report: &Report) -> (Vec<Finding>, u64) {
    let mut out = Vec::new();
    let mut work: u64 = 0;
    let sections = [
        (ReportField::Overview, report.prose.overview.as_deref()),
        (ReportField::Problems, report.prose.problems.as_deref()),
        (ReportField::Other, report.prose.other.as_deref()),
    ];
    for (field, text) in sections {
        let Some(text) = text else { continue };
        let (found, steps) = check_text_counting(text, Some(report));
        work = work.saturating_add(steps);
        for mut f in found {
            f.location.row = Some(field.key().to_owned());
            f.message = format!("{}{}", field.label(), f.message);
            f.fingerprint_for(report);
            out.push(f);
        }
    }
    (out, work)
}

/// Checks any prose `text` for `narrative.sum`, and, when `report` is given, for
/// `narrative.table` against its tables. Findings have `location.table` `prose`, the byte
/// range of the sentence in `text` and its 1-based line; operands carry the byte ranges of the
/// numbers used.
pub fn check_text(text: &str, report: Option<&Report>) -> Vec<Finding> {
    check_text_counting(text, report).0
}

/// [`check_text`], with the number of steps the check took (chars, numbers and subjects
/// visited): for tests that the work grows linearly with the text.
#[doc(hidden)]
pub fn check_text_counting(text: &str, report: Option<&Report>) -> (Vec<Finding>, u64) {
    let work = Cell::new(0u64);
    let mut out = Vec::new();
    // The start of the sentence before: the bytes to it are counted once.
    let mut counted_to: usize = 0;
    // The characters of the sentence being checked, in one buffer for all of them.
    let mut chars: Vec<(usize, char)> = Vec::new();
    let mut sentences = Sentences::new(text, &work);
    while let Some((range, line)) = sentences.next_into(&mut chars) {
        tick(&work, range.start.saturating_sub(counted_to));
        counted_to = range.start.max(counted_to);
        tick(&work, chars.len());
        let s = Sentence {
            text,
            range: range.clone(),
            chars: &chars,
            line,
            work: &work,
        };
        let nums = numbers(&s);
        sum_rule(&s, &nums, &mut out);
        if let Some(report) = report {
            table_rule(&s, &nums, report, &mut out);
            figures::check(&s, &nums, report, &mut out);
        }
    }
    if let Some(report) = report {
        for f in &mut out {
            f.fingerprint_for(report);
        }
    }
    (out, work.get())
}

/// Adds `n` steps to the work count.
fn tick(work: &Cell<u64>, n: usize) {
    work.set(
        work.get()
            .saturating_add(u64::try_from(n).unwrap_or(u64::MAX)),
    );
}

/// The most characters of a clause a message quotes: a longer one is cut and ends with …, so
/// that the messages of a sentence with many figures stay in proportion to the sentence.
const QUOTE_MAX: usize = 300;

/// `text` without white space at either end, cut after [`QUOTE_MAX`] characters.
fn quote(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(QUOTE_MAX) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text)),
        None => text.to_owned(),
    }
}

/// The characters of a sentence the buffer makes room for before the scan.
const SENTENCE_ROOM: usize = 1024;

/// The sentences of a text, one at a time: each ended by 。！？!? (included) or a blank line,
/// without leading white space. The text is decoded once: the scan that finds a sentence also
/// collects its characters.
struct Sentences<'t> {
    text: &'t str,
    /// The byte where the next sentence is looked for.
    from: usize,
    /// The line breaks before it.
    breaks: usize,
}

impl<'t> Sentences<'t> {
    /// The sentences of `text`, counted as one step per byte.
    fn new(text: &'t str, work: &Cell<u64>) -> Self {
        tick(work, text.len());
        Sentences {
            text,
            from: 0,
            breaks: 0,
        }
    }

    /// The byte range of the next sentence and the 1-based line it starts on, with its
    /// characters (and their byte offsets in the text) in `chars`, which is cleared first;
    /// `None` after the last.
    fn next_into(&mut self, chars: &mut Vec<(usize, char)>) -> Option<(Range<usize>, usize)> {
        chars.clear();
        // Room for a sentence of common length (at most one character per byte) at once, not
        // grown by doubling as its characters come; the buffer is kept for the next sentence.
        chars.reserve(self.text.len().saturating_sub(self.from).min(SENTENCE_ROOM));
        // The sentence's first byte, once a character that is not white space is seen.
        let mut start: Option<usize> = None;
        // A line break since the last such character: its byte and how many characters of the
        // sentence came before it.
        let mut newline_at: Option<(usize, usize)> = None;
        // The end of the last such character, and how many characters it ends.
        let mut last = (0usize, 0usize);
        // The line of the sentence's start.
        let mut line = 1usize;
        let rest = self.text.get(self.from..)?;
        let base = self.from;
        for (k, c) in rest.char_indices() {
            let i = base.saturating_add(k);
            let end = i.saturating_add(c.len_utf8());
            if c == '\n' {
                self.breaks = self.breaks.saturating_add(1);
                if let (Some(s), Some((n, len))) = (start, newline_at) {
                    // A blank line: the sentence ended at the first line break.
                    chars.truncate(len);
                    self.from = end;
                    return Some((s..n, line));
                }
                newline_at = Some((i, chars.len()));
                if start.is_some() {
                    chars.push((i, c));
                }
                continue;
            }
            // Every white space character is at most U+3000 and every end of a sentence is
            // 。(U+3002) or beyond or ASCII: most CJK text is told apart by two compares,
            // without the Unicode table.
            let plain = c > '\u{3002}' && c < '！';
            if !plain && c <= '\u{3000}' && c.is_whitespace() {
                if start.is_some() {
                    chars.push((i, c));
                }
                continue;
            }
            newline_at = None;
            let s = match start {
                Some(s) => s,
                None => {
                    line = self.breaks.saturating_add(1);
                    *start.insert(i)
                }
            };
            chars.push((i, c));
            last = (end, chars.len());
            if !plain && matches!(c, '。' | '！' | '？' | '!' | '?') {
                self.from = end;
                return Some((s..end, line));
            }
        }
        self.from = self.text.len().saturating_add(1);
        let s = start?;
        // What follows the last character that is not white space is white space to the end.
        chars.truncate(last.1);
        Some((s..last.0, line))
    }
}

/// A sentence being checked.
struct Sentence<'a> {
    text: &'a str,
    range: Range<usize>,
    chars: &'a [(usize, char)],
    /// The 1-based line the sentence starts on.
    line: usize,
    /// The steps taken so far.
    work: &'a Cell<u64>,
}

impl Sentence<'_> {
    /// The 1-based line the sentence starts on.
    fn line(&self) -> usize {
        self.line
    }

    /// Counts `n` steps.
    fn tick(&self, n: usize) {
        tick(self.work, n);
    }

    /// The text of the chars `from..to` (char indices), or "". Counted as `to - from` steps,
    /// as whoever asks for it will read it.
    fn slice(&self, from: usize, to: usize) -> &str {
        self.tick(to.saturating_sub(from));
        let start = self.chars.get(from).map(|&(b, _)| b);
        let end = match self.chars.get(to) {
            Some(&(b, _)) => Some(b),
            None => Some(self.range.end),
        };
        match (start, end) {
            (Some(s), Some(e)) if s <= e => self.text.get(s..e).unwrap_or(""),
            _ => "",
        }
    }

    /// Whether the chars `from..to` hold `word`: `slice(from, to).contains(word)` without the
    /// string search (counted as `to - from` steps, as [`slice`](Self::slice) is).
    fn has(&self, from: usize, to: usize, word: &[char]) -> bool {
        self.tick(to.saturating_sub(from));
        let hay = self
            .chars
            .get(from..to.min(self.chars.len()))
            .unwrap_or(&[]);
        let Some((&first, rest)) = word.split_first() else {
            return true;
        };
        let mut k = 0usize;
        while let Some(p) = hay
            .get(k..)
            .and_then(|h| h.iter().position(|&(_, c)| c == first))
        {
            let at = k.saturating_add(p).saturating_add(1);
            let next = hay.get(at..).unwrap_or(&[]);
            if next.len() >= rest.len() && next.iter().zip(rest).all(|(&(_, c), w)| c == *w) {
                return true;
            }
            k = at;
        }
        false
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.tick(1);
        self.chars.get(i).map(|&(_, c)| c)
    }

    /// The index of the first of `nums` (in text order) that starts at or after char `i`.
    fn first_num_from(&self, nums: &[Num], i: usize) -> usize {
        self.tick(nums.len().max(1).ilog2() as usize);
        nums.partition_point(|n| n.start < i)
    }

    /// The numbers of `nums` within the chars `a..b`.
    fn nums_within<'n>(&self, nums: &'n [Num], a: usize, b: usize) -> &'n [Num] {
        let lo = self.first_num_from(nums, a);
        let rest = nums.get(lo..).unwrap_or(&[]);
        self.tick(rest.len().max(1).ilog2() as usize);
        let len = rest.partition_point(|n| n.end <= b);
        rest.get(..len).unwrap_or(&[])
    }

    /// The byte range of the chars `from..to`.
    fn bytes(&self, from: usize, to: usize) -> Range<usize> {
        let s = self.chars.get(from).map_or(self.range.end, |&(b, _)| b);
        let e = self.chars.get(to).map_or(self.range.end, |&(b, _)| b);
        s..e
    }

    fn location(&self) -> Location {
        Location {
            bytes: Some(self.range.clone()),
            line: Some(self.line()),
            ..Location::table("prose")
        }
    }
}

/// A number found in a sentence.
#[derive(Debug, Clone)]
struct Num {
    /// Char index of the first digit.
    start: usize,
    /// Char index after the last digit.
    end: usize,
    /// Char index after the unit (or after the number when there is none).
    after: usize,
    value: u64,
    unit: Option<char>,
    /// 余, 多, 约, 近, 逾, 超过, 不到, a 万 or 千 after Arabic digits, or a decimal point.
    qualified: bool,
    /// Followed by % or ％.
    percent: bool,
    /// Bracket depth within the sentence.
    depth: usize,
}

/// The characters of a number written in Chinese numerals.
const CHINESE_DIGITS: [char; 17] = [
    '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万',
    '亿',
];

/// Whether `c` is one of [`CHINESE_DIGITS`].
fn is_chinese_digit(c: char) -> bool {
    // One bit per character of CHINESE_DIGITS, by its code point modulo 64: most characters of
    // a text are turned away by that bit before the comparisons.
    const BITS: u64 = {
        let mut bits = 0u64;
        let mut rest: &[char] = &CHINESE_DIGITS;
        while let [d, tail @ ..] = rest {
            bits |= 1u64.wrapping_shl(*d as u32 & 63);
            rest = tail;
        }
        bits
    };
    BITS & 1u64.wrapping_shl(u32::from(c) & 63) != 0 && CHINESE_DIGITS.contains(&c)
}

/// Whether `c` opens or closes a bracket that [`numbers`] counts, or may start a number.
fn may_start_number_or_bracket(c: char) -> bool {
    /// The brackets and fullwidth digits beyond ASCII.
    const OTHERS: [char; 14] = [
        '（', '）', '【', '】', '０', '１', '２', '３', '４', '５', '６', '７', '８', '９',
    ];
    // One bit per character of OTHERS and CHINESE_DIGITS, by its code point modulo 256: most
    // characters of a text are turned away by that bit.
    const BITS: [u64; 4] = {
        let mut bits = [0u64; 4];
        let mut sets: &[&[char]] = &[&OTHERS, &CHINESE_DIGITS];
        while let [set, more @ ..] = sets {
            let mut rest: &[char] = set;
            while let [c, tail @ ..] = rest {
                let u = *c as u32;
                let bit = 1u64 << (u & 63);
                match (u & 255) >> 6 {
                    0 => bits[0] |= bit,
                    1 => bits[1] |= bit,
                    2 => bits[2] |= bit,
                    _ => bits[3] |= bit,
                }
                rest = tail;
            }
            sets = more;
        }
        bits
    };
    let u = u32::from(c);
    if u < 0x80 {
        return c.is_ascii_digit() || matches!(c, '(' | ')' | '[' | ']');
    }
    let word = BITS.get((u as usize & 255) >> 6).copied().unwrap_or(0);
    word & 1u64.wrapping_shl(u & 63) != 0 && (OTHERS.contains(&c) || CHINESE_DIGITS.contains(&c))
}

fn is_arabic(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn arabic_value(c: char) -> Option<u64> {
    if c.is_ascii_digit() {
        c.to_digit(10).map(u64::from)
    } else {
        let off = u32::from(c).checked_sub(u32::from('０'))?;
        (off < 10).then_some(u64::from(off))
    }
}

/// Parses a number written in Chinese numerals: 二十四 → 24, 两千六百零二 → 2602, 十二 → 12,
/// 一亿二千万 → 120000000, and digit by digit 二〇二三 → 2023. `None` for anything else or a
/// value beyond `u64`.
pub fn parse_chinese_numeral(text: &str) -> Option<u64> {
    let digit = |c: char| -> Option<u64> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    if text.is_empty() {
        return None;
    }
    // Digit by digit: 二〇二三.
    if text.chars().count() > 1 && text.chars().all(|c| digit(c).is_some()) {
        return text
            .chars()
            .try_fold(0u64, |acc, c| acc.checked_mul(10)?.checked_add(digit(c)?));
    }
    let mut total: u64 = 0;
    let mut section: u64 = 0;
    let mut number: Option<u64> = None;
    for c in text.chars() {
        if let Some(d) = digit(c) {
            if number.is_some_and(|n| n != 0) {
                return None; // two digits in a row: 二三
            }
            number = Some(d);
            continue;
        }
        match c {
            '十' | '百' | '千' => {
                let unit: u64 = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                let n = match number {
                    Some(n) if n > 0 => n,
                    None if c == '十' => 1,
                    _ => return None,
                };
                section = section.checked_add(n.checked_mul(unit)?)?;
                number = None;
            }
            '万' | '亿' => {
                let big: u64 = if c == '万' { 10_000 } else { 100_000_000 };
                let part = section.checked_add(number.unwrap_or(0))?;
                if c == '亿' {
                    total = total.checked_add(part)?.checked_mul(big)?;
                } else {
                    total = total.checked_add(part.checked_mul(big)?)?;
                }
                section = 0;
                number = None;
            }
            _ => return None,
        }
    }
    total.checked_add(section)?.checked_add(number.unwrap_or(0))
}

/// Every number of the sentence, with its unit and qualifiers.
fn numbers(s: &Sentence<'_>) -> Vec<Num> {
    let mut out = Vec::new();
    let mut depth: usize = 0;
    let mut i = 0usize;
    let n = s.chars.len();
    while i < n {
        // What neither opens nor closes a bracket nor can start a number is passed in one
        // tight loop, counted as the steps it is.
        let plain = s
            .chars
            .get(i..)
            .unwrap_or(&[])
            .iter()
            .take_while(|&&(_, c)| !may_start_number_or_bracket(c))
            .count();
        s.tick(plain);
        i = i.saturating_add(plain);
        if i >= n {
            break;
        }
        let Some(c) = s.char_at(i) else { break };
        match c {
            '（' | '(' | '【' | '[' => {
                depth = depth.saturating_add(1);
                i = i.saturating_add(1);
                continue;
            }
            '）' | ')' | '】' | ']' => {
                depth = depth.saturating_sub(1);
                i = i.saturating_add(1);
                continue;
            }
            _ => {}
        }
        let start = i;
        let mut qualified = false;
        let value: Option<u64>;
        let chinese;
        if is_arabic(c) {
            let mut v: Option<u64> = Some(0);
            while let Some(d) = s.char_at(i).and_then(arabic_value) {
                v = v.and_then(|v| v.checked_mul(10)?.checked_add(d));
                i = i.saturating_add(1);
            }
            // A decimal part: not a count.
            if matches!(s.char_at(i), Some('.' | '．'))
                && s.char_at(i.saturating_add(1)).is_some_and(is_arabic)
            {
                qualified = true;
                i = i.saturating_add(1);
                while s.char_at(i).is_some_and(is_arabic) {
                    i = i.saturating_add(1);
                }
            }
            if matches!(s.char_at(i), Some('万' | '千' | '亿' | '百')) {
                qualified = true;
                i = i.saturating_add(1);
            }
            value = v;
            chinese = false;
        } else if is_chinese_digit(c) {
            while s.char_at(i).is_some_and(is_chinese_digit) {
                i = i.saturating_add(1);
            }
            value = parse_chinese_numeral(s.slice(start, i));
            chinese = true;
        } else {
            i = i.saturating_add(1);
            continue;
        }
        let end = i;
        // Ordinals (第三) and years are not counts.
        let before = start.checked_sub(1).and_then(|p| s.char_at(p));
        if before == Some('第') {
            continue;
        }
        let mut j = end;
        while s.char_at(j).is_some_and(char::is_whitespace) {
            j = j.saturating_add(1);
        }
        if matches!(s.char_at(j), Some('余' | '多')) {
            qualified = true;
            j = j.saturating_add(1);
        }
        let percent = matches!(s.char_at(j), Some('%' | '％'));
        // 宗 and 起 count cases (行政复议36起); after Chinese numerals 起 is a verb (一起).
        let unit = s
            .char_at(j)
            .filter(|c| UNITS.contains(c) || (!chinese && matches!(c, '宗' | '起')));
        if chinese && unit.is_none() {
            // Chinese numerals are words too (一是, 进一步): only a numeral with a unit counts.
            continue;
        }
        let after = if unit.is_some() || percent {
            j.saturating_add(1)
        } else {
            end
        };
        // Qualifiers before the number.
        let lead = s.slice(start.saturating_sub(2), start);
        if ["约", "近", "逾", "超过", "不到", "超", "达到约"]
            .iter()
            .any(|q| lead.ends_with(q))
        {
            qualified = true;
        }
        if let Some(value) = value {
            out.push(Num {
                start,
                end,
                after,
                value,
                unit,
                qualified,
                percent,
                depth,
            });
        }
        i = end.max(start.saturating_add(1));
    }
    out
}

/// The char index of each 其中 in the sentence.
fn find_qizhong(s: &Sentence<'_>) -> Vec<usize> {
    s.tick(s.chars.len());
    let mut out = Vec::new();
    let mut k = 0usize;
    while let Some(p) = s
        .chars
        .get(k..)
        .and_then(|rest| rest.iter().position(|&(_, c)| c == '其'))
    {
        let at = k.saturating_add(p);
        k = at.saturating_add(1);
        if matches!(s.chars.get(k), Some(&(_, '中'))) {
            out.push(at);
        }
    }
    out
}

/// 申请, as characters.
const SHENQING: [char; 2] = ['申', '请'];

const SEPARATORS: &[char] = &['、', '，', ',', '；', ';'];

/// Whether `c` ends the clause of a stated total: one of ，,；;。：:.
fn is_total_clause_stop(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '。' | '：' | ':')
}

/// Where, in a sentence, a clause says 共, 共计, 合计, 累计, 总计 or 总共 — a 共 of 公共, 共同, 共享
/// and the like does not count — found in one pass, so that each stated total asks in
/// constant time whether the clause before it says so.
struct SaysTotal {
    /// The char ranges of the words, and of each 共 not followed by a char that makes it
    /// another word, by start.
    words: Vec<(usize, usize)>,
}

impl SaysTotal {
    fn new(s: &Sentence<'_>) -> Self {
        let mut words = Vec::new();
        let chars = s.chars;
        s.tick(chars.len());
        for (i, w) in chars.windows(2).enumerate() {
            if let [(_, x), (_, y)] = w
                && matches!((x, y), ('合' | '累' | '总', '计') | ('总', '共'))
            {
                words.push((i, i.saturating_add(2)));
            }
        }
        for (i, &(_, c)) in chars.iter().enumerate() {
            if c != '共' {
                continue;
            }
            let before = i.checked_sub(1).and_then(|p| chars.get(p)).map(|&(_, c)| c);
            let after = chars.get(i.saturating_add(1)).map(|&(_, c)| c);
            if before != Some('公') && !after.is_some_and(|a| "同享建产青性识治商用有".contains(a))
            {
                words.push((i, i.saturating_add(1)));
            }
        }
        words.sort_unstable();
        SaysTotal { words }
    }

    /// Whether the chars `from..to` say a total. The char before `from` ends a clause, so it
    /// is never the 公 of 公共.
    fn within(&self, s: &Sentence<'_>, from: usize, to: usize) -> bool {
        // A 共 at the very end: nothing after it within the clause makes it another word.
        if to > from
            && s.char_at(to.saturating_sub(1)) == Some('共')
            && !(to.saturating_sub(1) > from && s.char_at(to.saturating_sub(2)) == Some('公'))
        {
            return true;
        }
        let lo = self.words.partition_point(|&(a, _)| a < from);
        self.words
            .get(lo..)
            .unwrap_or(&[])
            .iter()
            .take_while(|&&(a, _)| {
                s.tick(1);
                a < to
            })
            .any(|&(_, b)| b <= to)
    }
}

/// `narrative.sum` on one sentence.
fn sum_rule(s: &Sentence<'_>, nums: &[Num], out: &mut Vec<Finding>) {
    let marks = find_qizhong(s);
    if marks.is_empty() {
        return;
    }
    let says_total = SaysTotal::new(s);
    // The bracket depth, the last clause stop and the first char after it that is not white
    // space, each carried forward from one 其中 (or total) to the next: the marks and their
    // totals come in text order.
    let mut depth = Carry::default();
    let mut clause = Carry::default();
    for (idx, &k) in marks.iter().enumerate() {
        let base = depth.depth_at(s, k);
        let next_mark = marks.get(idx.saturating_add(1)).copied();
        let ctx = SumAt {
            nums,
            next_mark,
            base,
            says_total: &says_total,
        };
        if let Some(f) = sum_at(s, &ctx, &mut clause, k) {
            out.push(f);
        }
    }
}

/// A scan of a sentence carried forward: the bracket depth at `pos`, the char after the last
/// clause stop before `pos`, and the first char not white space from there.
#[derive(Default)]
struct Carry {
    pos: usize,
    depth: usize,
    clause_start: usize,
    first_word: Option<usize>,
}

impl Carry {
    /// Moves the scan to char `i` (never back).
    fn advance(&mut self, s: &Sentence<'_>, i: usize) {
        while self.pos < i {
            match s.char_at(self.pos) {
                Some('（' | '(' | '【' | '[') => self.depth = self.depth.saturating_add(1),
                Some('）' | ')' | '】' | ']') => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
            match s.char_at(self.pos) {
                Some(c) if is_total_clause_stop(c) => {
                    self.clause_start = self.pos.saturating_add(1);
                    self.first_word = None;
                }
                Some(c) if !c.is_whitespace() && self.first_word.is_none() => {
                    self.first_word = Some(self.pos);
                }
                _ => {}
            }
            self.pos = self.pos.saturating_add(1);
        }
    }

    /// The bracket depth at char `i`.
    fn depth_at(&mut self, s: &Sentence<'_>, i: usize) -> usize {
        self.advance(s, i);
        self.depth
    }
}

/// What `sum_at` needs besides the sentence.
struct SumAt<'a> {
    nums: &'a [Num],
    /// The next 其中 after this one.
    next_mark: Option<usize>,
    /// The bracket depth of this 其中.
    base: usize,
    says_total: &'a SaysTotal,
}

/// `narrative.sum` for the `其中` at char `k`.
fn sum_at(s: &Sentence<'_>, ctx: &SumAt<'_>, clause: &mut Carry, k: usize) -> Option<Finding> {
    let nums = ctx.nums;
    // The total: the last number before 其中, followed only by its unit, a short noun and a
    // separator or an opening bracket.
    s.tick(nums.len().max(1).ilog2() as usize);
    let total = nums
        .partition_point(|n| n.end <= k)
        .checked_sub(1)
        .and_then(|i| nums.get(i))?;
    let unit = total.unit?;
    if total.qualified || total.percent {
        return None;
    }
    // What stands between the total and 其中, without white space and ，（： at its end: at
    // most 8 chars, none a digit or separator.
    let mut between_end = k;
    while between_end > total.after
        && s.char_at(between_end.saturating_sub(1))
            .is_some_and(|c| c.is_whitespace() || matches!(c, '，' | ',' | '（' | '(' | '：' | ':'))
    {
        between_end = between_end.saturating_sub(1);
    }
    if between_end.saturating_sub(total.after) > 8
        || s.slice(total.after, between_end).chars().any(|c| {
            is_arabic(c) || SEPARATORS.contains(&c) || matches!(c, '。' | '；' | '：' | ':')
        })
    {
        return None;
    }
    // The total's clause says 共/合计/累计/总计.
    clause.advance(s, total.start);
    let clause_start = clause.clause_start;
    if !ctx.says_total.within(s, clause_start, total.start) {
        return None;
    }
    let quote_start = clause.first_word.unwrap_or(total.start);

    // The region of the parts.
    let base = ctx.base;
    let mut begin = k.saturating_add(2);
    while s
        .char_at(begin)
        .is_some_and(|c| c.is_whitespace() || matches!(c, '：' | ':' | '，' | ','))
    {
        begin = begin.saturating_add(1);
    }
    let mut region_end = s.chars.len();
    let mut depth = base;
    let mut first_sep: Option<char> = None;
    for i in begin..s.chars.len() {
        if ctx.next_mark == Some(i) {
            return None; // nested 其中
        }
        let Some(c) = s.char_at(i) else { break };
        match c {
            '（' | '(' | '【' | '[' => depth = depth.saturating_add(1),
            '）' | ')' | '】' | ']' => {
                if depth == base && base > 0 {
                    region_end = i;
                    break;
                }
                depth = depth.saturating_sub(1);
            }
            '。' | '！' | '？' | '!' | '?' if depth == base => {
                region_end = i;
                break;
            }
            c if depth == base && SEPARATORS.contains(&c) => {
                if first_sep.is_none() {
                    first_sep = Some(c);
                } else if matches!(c, '；' | ';') && !matches!(first_sep, Some('；' | ';')) {
                    region_end = i;
                    break;
                }
            }
            _ => {}
        }
    }
    let region = s.slice(begin, region_end);
    if ["等", "分别", "以上", "左右"]
        .iter()
        .any(|w| region.contains(w))
    {
        return None;
    }

    // Split the region into segments at separators of its own depth.
    // A segment without a number that ends in 、 names part of the next one
    // (政策、规范性文件类信息68条): the two are one segment.
    let has_number = |a: usize, b: usize| !s.nums_within(nums, a, b).is_empty();
    let mut segments: Vec<(usize, usize)> = Vec::new();
    let mut seg_start = begin;
    let mut depth = base;
    for i in begin..region_end {
        match s.char_at(i) {
            Some('（' | '(' | '【' | '[') => depth = depth.saturating_add(1),
            Some('）' | ')' | '】' | ']') => depth = depth.saturating_sub(1),
            Some(c) if depth == base && SEPARATORS.contains(&c) => {
                if c == '、' && !has_number(seg_start, i) {
                    continue;
                }
                segments.push((seg_start, i));
                seg_start = i.saturating_add(1);
            }
            _ => {}
        }
    }
    segments.push((seg_start, region_end));

    let mut parts: Vec<&Num> = Vec::new();
    let mut labels: Vec<&str> = Vec::new();
    let mut run_over = false;
    for &(a, b) in &segments {
        let within = s.nums_within(nums, a, b);
        s.tick(within.len());
        let inside: Vec<&Num> = within
            .iter()
            .filter(|n| n.depth == base && !n.percent)
            .collect();
        let same_unit = inside.iter().any(|n| n.unit == Some(unit));
        if run_over {
            if same_unit {
                return None; // a later count in the same unit: the list is not clear
            }
            continue;
        }
        match inside.as_slice() {
            [] => {
                let has_percent = within.iter().any(|n| n.percent);
                if !has_percent {
                    run_over = true;
                }
            }
            [n] if n.unit == Some(unit) && !n.qualified => {
                parts.push(n);
                labels.push(s.slice(a, n.start));
            }
            _ if same_unit => return None,
            _ => run_over = true,
        }
    }
    if parts.is_empty() {
        return None;
    }
    let sum = parts
        .iter()
        .try_fold(0u64, |acc, n| acc.checked_add(n.value))?;
    let catch_all = labels.last().is_some_and(|l| {
        ["其他", "其余", "其它"]
            .iter()
            .any(|w| l.trim().starts_with(w))
    });
    let breach = sum > total.value || (sum < total.value && parts.len() >= 2 && catch_all);
    if !breach {
        return None;
    }
    let shown: Vec<String> = parts.iter().map(|n| n.value.to_string()).collect();
    let clause_text = quote(s.text.get(s.bytes(quote_start, region_end)).unwrap_or(""));
    let mut f = Finding::new(
        Rule::NarrativeSum,
        s.location(),
        format!(
            "第 {} 行：所列分项之和应等于所述总数 {} {unit}，实为 {} = {} {unit}（「{}」）",
            s.line(),
            total.value,
            shown.join(" + "),
            sum,
            clause_text
        ),
    );
    f.expected = Some(total.value.to_string());
    f.actual = Some(sum.to_string());
    let operand = |n: &Num| Operand {
        location: Location {
            bytes: Some(s.bytes(n.start, n.end)),
            line: Some(s.line()),
            ..Location::table("prose")
        },
        value: Some(n.value.to_string()),
    };
    f.operands = core::iter::once(operand(total))
        .chain(parts.iter().map(|n| operand(n)))
        .collect();
    Some(f)
}

/// Words that show a sentence counts something other than the applications received.
const OTHER_COUNTS: &[&str] = &[
    "结转",
    "办结",
    "复议",
    "诉讼",
    "投诉",
    "举报",
    "法人",
    "企业",
    "自然人",
    "组织",
    "答复",
    "信访",
    "来信",
    "热线",
    // Applications for licences and other services, not for information.
    "许可",
    "审批",
    "政务服务",
];

/// Words that show a sentence saying "no applications" is about something narrower.
const NONE_EXCEPT: &[&str] = &[
    "结转", "复议", "诉讼", "投诉", "举报", "信访", "法人", "企业", "收费",
];

/// `narrative.table` on one sentence.
fn table_rule(s: &Sentence<'_>, nums: &[Num], report: &Report, out: &mut Vec<Finding>) {
    // Every clause looked at says 申请: a sentence that does not has none.
    if !s.has(0, s.chars.len(), &SHENQING) {
        return;
    }
    let address = Address::Applications(ApplicationRow::Received, ApplicantColumn::Total);
    let table = crate::validate::count_of(report, address);
    // Built only for a finding.
    let label = || {
        format!(
            "{} / {}",
            ApplicationRow::Received.label(),
            ApplicantColumn::Total.label()
        )
    };
    // Clauses: split at ，；：.
    let mut clauses: Vec<(usize, usize)> = Vec::new();
    let mut a = 0usize;
    s.tick(s.chars.len());
    for (i, &(_, c)) in s.chars.iter().enumerate() {
        if matches!(c, '，' | ',' | '；' | ';' | '。' | '！' | '？') {
            clauses.push((a, i));
            a = i.saturating_add(1);
        }
    }
    clauses.push((a, s.chars.len()));

    for (a, b) in clauses {
        if !s.has(a, b, &SHENQING) {
            continue;
        }
        let clause = s.slice(a, b);
        // Stated none.
        let none = ["未收到", "没有收到", "未接到", "未受理"].iter().any(|w| {
            clause
                .find(w)
                .is_some_and(|p| clause.get(p..).is_some_and(|r| r.contains("申请")))
        }) || ["无依申请公开", "无政府信息公开申请", "无申请公开"]
            .iter()
            .any(|w| clause.contains(w));
        if none && !NONE_EXCEPT.iter().any(|w| clause.contains(w)) {
            let mut f = match table {
                Some(0) => continue,
                Some(n) => {
                    let mut f = Finding::new(
                        Rule::NarrativeTable,
                        s.location(),
                        format!(
                            "第 {} 行：正文称未收到政府信息公开申请，应与表格 {}（{n}）一致，实为「{}」",
                            s.line(),
                            label(),
                            quote(clause)
                        ),
                    );
                    f.expected = Some(n.to_string());
                    f.actual = Some("0".to_owned());
                    f
                }
                None => not_assessable(s, &label(), clause),
            };
            f.operands = vec![Operand {
                location: Location::cell(address),
                value: table.map(|n| n.to_string()),
            }];
            out.push(f);
            continue;
        }
        if none || OTHER_COUNTS.iter().any(|w| clause.contains(w)) {
            continue;
        }
        // Stated count.
        let Some(kw) = ["新收", "收到", "受理"]
            .iter()
            .filter_map(|w| clause.find(w))
            .min()
        else {
            continue;
        };
        let kw_char = a.saturating_add(clause.get(..kw).map_or(0, |t| t.chars().count()));
        // The first count in 件 within 20 chars of the keyword, in the clause: the numbers
        // come in text order, so the search stops at the first one beyond either.
        let from = s.first_num_from(nums, kw_char);
        let stated = nums
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .take_while(|n| {
                s.tick(1);
                n.end <= b && n.start.saturating_sub(kw_char) <= 20
            })
            .find(|n| n.unit == Some('件') && !n.qualified && !n.percent);
        let Some(n) = stated else { continue };
        // 申请 between the keyword and the number, or right after the unit.
        let before = s.slice(kw_char, n.start);
        let after = s.slice(n.after, b.min(n.after.saturating_add(12)));
        if !(before.contains("申请") || after.contains("申请")) {
            continue;
        }
        if before.contains('共') && before.contains('含') {
            continue;
        }
        let mut f = match table {
            Some(t) if t == n.value => continue,
            Some(t) => {
                let mut f = Finding::new(
                    Rule::NarrativeTable,
                    s.location(),
                    format!(
                        "第 {} 行：正文所述新收申请数应与表格 {} 一致（{t} 件），实为 {} 件（「{}」）",
                        s.line(),
                        label(),
                        n.value,
                        quote(clause)
                    ),
                );
                f.expected = Some(t.to_string());
                f.actual = Some(n.value.to_string());
                f
            }
            None => not_assessable(s, &label(), clause),
        };
        f.operands = vec![
            Operand {
                location: Location::cell(address),
                value: table.map(|t| t.to_string()),
            },
            Operand {
                location: Location {
                    bytes: Some(s.bytes(n.start, n.end)),
                    ..Location::table("prose")
                },
                value: Some(n.value.to_string()),
            },
        ];
        out.push(f);
    }
}

fn not_assessable(s: &Sentence<'_>, label: &str, clause: &str) -> Finding {
    let mut f = Finding::new(
        Rule::NarrativeTable,
        s.location(),
        format!(
            "第 {} 行：无法核对，表格 {label} 为空（「{}」）",
            s.line(),
            quote(clause)
        ),
    );
    f.severity = Severity::Info;
    f.assessable = false;
    f
}

#[cfg(test)]
#[allow(
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests fail loudly"
)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_number_filter_is_its_definition() {
        for c in (0..=0x10_FFFFu32).filter_map(char::from_u32) {
            let by_definition = matches!(c, '（' | '(' | '【' | '[' | '）' | ')' | '】' | ']')
                || is_arabic(c)
                || is_chinese_digit(c);
            assert_eq!(may_start_number_or_bracket(c), by_definition, "{c:?}");
        }
    }

    /// Each sentence: its byte range, its characters, its line.
    type Scanned = Vec<(Range<usize>, Vec<(usize, char)>, usize)>;

    /// The sentences of `text` as the scan was first written: the byte ranges in one pass, the
    /// characters of each collected after, the line counted from the text before it.
    fn sentences_as_before(text: &str) -> Scanned {
        let mut ranges = Vec::new();
        let mut start: Option<usize> = None;
        let mut newline_at: Option<usize> = None;
        for (i, c) in text.char_indices() {
            if c == '\n' {
                if let (Some(s), Some(n)) = (start, newline_at) {
                    ranges.push(s..n);
                    start = None;
                    newline_at = None;
                    continue;
                }
                newline_at = Some(i);
                continue;
            }
            if c.is_whitespace() {
                continue;
            }
            newline_at = None;
            let s = *start.get_or_insert(i);
            if matches!(c, '。' | '！' | '？' | '!' | '?') {
                ranges.push(s..i + c.len_utf8());
                start = None;
            }
        }
        if let Some(s) = start {
            let end = text.trim_end().len();
            if end > s {
                ranges.push(s..end);
            }
        }
        ranges
            .into_iter()
            .map(|r| {
                let chars = text[r.clone()]
                    .char_indices()
                    .map(|(i, c)| (i + r.start, c))
                    .collect();
                let line = 1 + text[..r.start].matches('\n').count();
                (r, chars, line)
            })
            .collect()
    }

    fn sentences_now(text: &str) -> Scanned {
        let work = Cell::new(0);
        let mut scan = Sentences::new(text, &work);
        let mut chars = Vec::new();
        let mut out = Vec::new();
        while let Some((range, line)) = scan.next_into(&mut chars) {
            out.push((range, chars.clone(), line));
        }
        assert_eq!(work.get(), text.len() as u64, "one step per byte");
        out
    }

    #[test]
    fn sentences_in_the_corners() {
        for text in [
            "",
            "\n\n",
            "一。二",
            "一\n\n二！三？ ",
            " 共12件\n其中\n\n\n  ？?",
            "末尾\u{3000}\u{2029}",
            "a\r\n\r\nb",
            "\u{3000}。\n\u{85}\n",
        ] {
            assert_eq!(sentences_now(text), sentences_as_before(text), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn sentences_are_as_before(
            parts in proptest::collection::vec(prop_oneof![
                Just("\n"), Just("\r"), Just(" "), Just("\t"), Just("\u{85}"), Just("\u{A0}"),
                Just("\u{2028}"), Just("\u{3000}"), Just("\u{3001}"), Just("\u{3003}"),
                Just("。"), Just("！"), Just("？"), Just("!"), Just("?"), Just("\u{FF00}"),
                Just("\u{FEFF}"), Just("共"), Just("12"), Just("件"), Just("a"), Just("\u{1F600}"),
            ], 0..40)
        ) {
            let text: String = parts.concat();
            prop_assert_eq!(sentences_now(&text), sentences_as_before(&text));
        }

        #[test]
        fn words_are_found_as_by_the_string_search(
            parts in proptest::collection::vec(prop_oneof![
                Just("申"), Just("请"), Just("申请"), Just("其"), Just("中"), Just("其中"),
                Just("，"), Just("a"), Just("12"),
            ], 0..16)
        ) {
            let text: String = parts.concat();
            let work = Cell::new(0);
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let s = Sentence { text: &text, range: 0..text.len(), chars: &chars, line: 1, work: &work };
            for from in 0..=chars.len() {
                for to in from..=chars.len() {
                    prop_assert_eq!(s.has(from, to, &SHENQING), s.slice(from, to).contains("申请"));
                }
            }
            let by_windows: Vec<usize> = chars
                .windows(2)
                .enumerate()
                .filter(|(_, w)| matches!(w, [(_, '其'), (_, '中')]))
                .map(|(i, _)| i)
                .collect();
            prop_assert_eq!(find_qizhong(&s), by_windows);
        }
    }

    #[test]
    fn chinese_digits_are_the_list() {
        for c in (0..=0x3_FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_chinese_digit(c), CHINESE_DIGITS.contains(&c), "{c:?}");
        }
    }

    #[test]
    fn char_sets_are_the_documented_strings() {
        let all = (0u32..0x80)
            .chain(0x3000..0x3040)
            .chain(0x4e00..0xa000)
            .chain(0xff00..0xff70)
            .filter_map(char::from_u32);
        for c in all {
            assert_eq!(
                is_chinese_digit(c),
                "零〇一二两三四五六七八九十百千万亿".contains(c),
                "{c}"
            );
            assert_eq!(is_total_clause_stop(c), "，,；;。：:".contains(c), "{c}");
        }
    }
}
