//! Fonts as the text layer needs them: how a string's bytes split into character codes, each
//! code's advance width, and the Unicode text each code stands for (from the font's
//! `ToUnicode` CMap, else from a standard encoding where the font names one).
//!
//! Composite fonts (`Type0`, CID-keyed) take their widths from the descendant font's `W` array
//! and `DW`; simple fonts from `Widths` and `FirstChar`. A code no map covers is *unmapped*: the
//! interpreter counts it and never invents a character for it.

use lopdf::{Dictionary, Document, Object};

use super::load::{Budget, LimitHit, stream_bytes};

/// A font of a page, ready for decoding strings.
#[derive(Debug, Clone, Default)]
pub struct Font {
    /// The font's `BaseFont` name, as written (for messages).
    pub name: String,
    /// Whether it is a composite (`Type0`) font.
    pub composite: bool,
    /// The code lengths the font's code space allows, by the first byte: from the `ToUnicode`
    /// CMap's `codespacerange`, else 2 bytes for composite and 1 for simple fonts.
    spaces: Vec<CodeSpace>,
    /// Text of single codes (`bfchar`), sorted by code.
    chars: Vec<(u32, String)>,
    /// Ranges of codes (`bfrange`), sorted by first code.
    ranges: Vec<BfRange>,
    /// Whether the font has a usable Unicode map (a `ToUnicode` CMap with at least one entry, a
    /// Unicode CMap encoding, or a standard single-byte encoding).
    pub mapped: bool,
    /// A composite font whose encoding is a UTF-16 CMap (`UniGB-UCS2-H`, `UniGB-UTF16-H`): the
    /// codes are the text.
    utf16: bool,
    /// A simple font with a standard Latin encoding: printable ASCII codes are their characters.
    ascii: bool,
    /// A composite font whose encoding is one of Adobe's GB (EUC) CMaps (`GBK-EUC-H`,
    /// `GB-EUC-H`, `GBK2K-H`, …): one byte below 0x80, else two, and the codes are GBK text.
    gbk: bool,
    /// Width of a code in glyph space (thousandths of the font size), by ranges.
    widths: Vec<(u32, u32, f64)>,
    /// Width of a code no range covers.
    default_width: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CodeSpace {
    len: usize,
    low: u32,
    high: u32,
}

#[derive(Debug, Clone)]
struct BfRange {
    low: u32,
    high: u32,
    dest: RangeDest,
}

#[derive(Debug, Clone)]
enum RangeDest {
    /// The first code's text as UTF-16 units; later codes add their offset to the last unit.
    Start(Vec<u16>),
    /// One text per code.
    List(Vec<String>),
}

/// One character code of a string: its value, its byte length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The code's value (big-endian bytes).
    pub value: u32,
    /// How many bytes it took.
    pub len: usize,
}

impl Font {
    /// Reads a font dictionary; the `ToUnicode` stream is decompressed within `budget`.
    ///
    /// # Errors
    ///
    /// A [`LimitHit`] when decompressing its `ToUnicode` map passes a limit.
    pub fn load(doc: &Document, dict: &Dictionary, budget: &mut Budget) -> Result<Font, LimitHit> {
        let name = dict
            .get(b"BaseFont")
            .ok()
            .and_then(|o| o.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let subtype = dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok());
        let composite = subtype == Some(b"Type0".as_slice());
        let mut font = Font {
            name,
            composite,
            default_width: if composite { 1000.0 } else { 0.0 },
            ..Font::default()
        };
        if let Some(stream) =
            deref(doc, dict.get(b"ToUnicode").ok()).and_then(|o| o.as_stream().ok())
        {
            let bytes = stream_bytes(stream, budget)?;
            font.parse_cmap(&bytes);
        }
        let encoding = deref(doc, dict.get(b"Encoding").ok());
        if composite {
            if let Some(Object::Name(n)) = encoding {
                let n = n.as_slice();
                font.utf16 = n.starts_with(b"Uni") && (windows(n, b"UCS2") || windows(n, b"UTF16"));
                font.gbk = (n.starts_with(b"GB") && windows(n, b"EUC")) || n.starts_with(b"GBK2K");
            }
            let descendant = deref(doc, dict.get(b"DescendantFonts").ok())
                .and_then(|o| o.as_array().ok())
                .and_then(|a| deref(doc, a.first()))
                .and_then(|o| o.as_dict().ok());
            if let Some(d) = descendant {
                if let Some(dw) = deref(doc, d.get(b"DW").ok()).and_then(number) {
                    font.default_width = dw;
                }
                if let Some(w) = deref(doc, d.get(b"W").ok()).and_then(|o| o.as_array().ok()) {
                    font.widths = cid_widths(doc, w);
                }
            }
        } else {
            let standard = match encoding {
                None => true,
                Some(Object::Name(n)) => matches!(
                    n.as_slice(),
                    b"WinAnsiEncoding" | b"MacRomanEncoding" | b"StandardEncoding"
                ),
                Some(Object::Dictionary(d)) => d.get(b"Differences").is_err(),
                Some(_) => false,
            };
            let symbolic = deref(doc, dict.get(b"FontDescriptor").ok())
                .and_then(|o| o.as_dict().ok())
                .and_then(|d| deref(doc, d.get(b"Flags").ok()))
                .and_then(|o| o.as_i64().ok())
                .is_some_and(|f| f & 4 != 0 && f & 32 == 0);
            font.ascii = standard && !symbolic;
            let first = deref(doc, dict.get(b"FirstChar").ok())
                .and_then(|o| o.as_i64().ok())
                .and_then(|f| u32::try_from(f).ok())
                .unwrap_or(0);
            if let Some(w) = deref(doc, dict.get(b"Widths").ok()).and_then(|o| o.as_array().ok()) {
                let mut code = first;
                for item in w {
                    if let Some(v) = deref(doc, Some(item)).and_then(number) {
                        font.widths.push((code, code, v));
                    }
                    code = code.saturating_add(1);
                }
            } else {
                // The standard 14 fonts may come without widths: an average Latin width.
                font.default_width = 500.0;
            }
            font.default_width = deref(doc, dict.get(b"FontDescriptor").ok())
                .and_then(|o| o.as_dict().ok())
                .and_then(|d| deref(doc, d.get(b"MissingWidth").ok()))
                .and_then(number)
                .unwrap_or(font.default_width);
        }
        font.widths.sort_by_key(|w| w.0);
        font.mapped = !font.chars.is_empty()
            || !font.ranges.is_empty()
            || font.utf16
            || font.ascii
            || font.gbk;
        Ok(font)
    }

    /// Splits a string's bytes into codes by the font's code space.
    pub fn codes(&self, bytes: &[u8]) -> Vec<Code> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut at = 0usize;
        while at < bytes.len() {
            let len = self.code_len(bytes.get(at..).unwrap_or_default());
            let end = at.saturating_add(len).min(bytes.len());
            let value = bytes
                .get(at..end)
                .unwrap_or_default()
                .iter()
                .fold(0u32, |v, &b| (v << 8) | u32::from(b));
            out.push(Code {
                value,
                len: end.saturating_sub(at).max(1),
            });
            at = end.max(at.saturating_add(1));
        }
        out
    }

    fn code_len(&self, rest: &[u8]) -> usize {
        if !self.composite {
            return 1;
        }
        if self.gbk && self.spaces.is_empty() {
            return if rest.first().is_some_and(|&b| b >= 0x80) {
                2
            } else {
                1
            };
        }
        if !self.spaces.is_empty() {
            for len in 1..=4usize {
                let Some(head) = rest.get(..len) else { break };
                let v = head.iter().fold(0u32, |v, &b| (v << 8) | u32::from(b));
                if self
                    .spaces
                    .iter()
                    .any(|s| s.len == len && s.low <= v && v <= s.high)
                {
                    return len;
                }
            }
        }
        if self.composite { 2 } else { 1 }
    }

    /// The width of a code, in thousandths of the font size.
    pub fn width(&self, code: u32) -> f64 {
        let i = self.widths.partition_point(|w| w.0 <= code);
        i.checked_sub(1)
            .and_then(|i| self.widths.get(i))
            .filter(|w| code <= w.1)
            .map_or(self.default_width, |w| w.2)
    }

    /// The text a code stands for, if the font maps it.
    pub fn text(&self, code: Code) -> Option<String> {
        if let Ok(i) = self.chars.binary_search_by_key(&code.value, |c| c.0) {
            return self.chars.get(i).map(|c| c.1.clone());
        }
        let i = self.ranges.partition_point(|r| r.low <= code.value);
        if let Some(r) = i
            .checked_sub(1)
            .and_then(|i| self.ranges.get(i))
            .filter(|r| code.value <= r.high)
        {
            let offset = code.value.saturating_sub(r.low);
            return match &r.dest {
                RangeDest::List(list) => usize::try_from(offset)
                    .ok()
                    .and_then(|o| list.get(o))
                    .cloned(),
                RangeDest::Start(units) => {
                    let mut units = units.clone();
                    let last = units.last_mut()?;
                    *last = u16::try_from(u32::from(*last).checked_add(offset)?).ok()?;
                    utf16(&units)
                }
            };
        }
        if self.utf16 {
            let units = if code.len >= 4 {
                vec![
                    u16::try_from(code.value >> 16).ok()?,
                    u16::try_from(code.value & 0xFFFF).ok()?,
                ]
            } else {
                vec![u16::try_from(code.value).ok()?]
            };
            return utf16(&units);
        }
        if self.gbk {
            let bytes = code.value.to_be_bytes();
            let bytes = bytes
                .get(4usize.saturating_sub(code.len)..)
                .unwrap_or_default();
            let (text, malformed) = encoding_rs::GBK.decode_without_bom_handling(bytes);
            return (!malformed && !text.is_empty()).then(|| text.into_owned());
        }
        if self.ascii && (0x20..=0x7E).contains(&code.value) && code.len == 1 {
            return char::from_u32(code.value).map(String::from);
        }
        None
    }

    /// Parses a `ToUnicode` CMap: `codespacerange`, `bfchar` and `bfrange` sections. Anything
    /// else is skipped; malformed entries are dropped.
    fn parse_cmap(&mut self, bytes: &[u8]) {
        let tokens = tokenize(bytes);
        let mut i = 0usize;
        while let Some(t) = tokens.get(i) {
            i = i.saturating_add(1);
            match t {
                Token::Word(w) if w == b"begincodespacerange" => {
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                        (tokens.get(i), tokens.get(i.saturating_add(1)))
                    {
                        i = i.saturating_add(2);
                        if (1..=4).contains(&lo.len()) && lo.len() == hi.len() {
                            self.spaces.push(CodeSpace {
                                len: lo.len(),
                                low: be(lo),
                                high: be(hi),
                            });
                        }
                    }
                }
                Token::Word(w) if w == b"beginbfchar" => {
                    while let (Some(Token::Hex(src)), Some(Token::Hex(dst))) =
                        (tokens.get(i), tokens.get(i.saturating_add(1)))
                    {
                        i = i.saturating_add(2);
                        if let (true, Some(text)) = (src.len() <= 4, utf16_bytes(dst)) {
                            self.chars.push((be(src), text));
                        }
                    }
                }
                Token::Word(w) if w == b"beginbfrange" => {
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                        (tokens.get(i), tokens.get(i.saturating_add(1)))
                    {
                        let (low, high) = (be(lo), be(hi));
                        let ok = lo.len() <= 4 && hi.len() <= 4 && low <= high;
                        match tokens.get(i.saturating_add(2)) {
                            Some(Token::Hex(dst)) => {
                                i = i.saturating_add(3);
                                let units = units_of(dst);
                                if ok && !units.is_empty() {
                                    self.ranges.push(BfRange {
                                        low,
                                        high,
                                        dest: RangeDest::Start(units),
                                    });
                                }
                            }
                            Some(Token::ArrayStart) => {
                                let mut list = Vec::new();
                                let mut j = i.saturating_add(3);
                                while let Some(Token::Hex(d)) = tokens.get(j) {
                                    list.push(utf16_bytes(d).unwrap_or_default());
                                    j = j.saturating_add(1);
                                }
                                if matches!(tokens.get(j), Some(Token::ArrayEnd)) {
                                    j = j.saturating_add(1);
                                }
                                i = j;
                                if ok {
                                    self.ranges.push(BfRange {
                                        low,
                                        high,
                                        dest: RangeDest::List(list),
                                    });
                                }
                            }
                            _ => break,
                        }
                    }
                }
                _ => {}
            }
        }
        self.chars.sort_by_key(|c| c.0);
        self.chars.dedup_by_key(|c| c.0);
        self.ranges.sort_by_key(|r| r.low);
    }
}

fn windows(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Follows a reference (lopdf bounds the chain).
pub(crate) fn deref<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Object> {
    doc.dereference(o?).ok().map(|(_, o)| o)
}

/// A number object as `f64`.
pub(crate) fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
    .filter(|v| v.is_finite())
}

/// The ranges of a CID font's `W` array: `c [w1 w2 …]` and `c_first c_last w`.
fn cid_widths(doc: &Document, w: &[Object]) -> Vec<(u32, u32, f64)> {
    let mut out = Vec::new();
    let mut i = 0usize;
    let int = |o: Option<&Object>| {
        deref(doc, o)
            .and_then(|o| o.as_i64().ok())
            .and_then(|v| u32::try_from(v).ok())
    };
    while let Some(first) = int(w.get(i)) {
        match deref(doc, w.get(i.saturating_add(1))) {
            Some(Object::Array(list)) => {
                let mut code = first;
                for item in list {
                    if let Some(v) = deref(doc, Some(item)).and_then(number) {
                        out.push((code, code, v));
                    }
                    code = code.saturating_add(1);
                }
                i = i.saturating_add(2);
            }
            Some(_) => {
                let (Some(last), Some(v)) = (
                    int(w.get(i.saturating_add(1))),
                    deref(doc, w.get(i.saturating_add(2))).and_then(number),
                ) else {
                    break;
                };
                out.push((first, last.max(first), v));
                i = i.saturating_add(3);
            }
            None => break,
        }
    }
    out
}

fn be(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0u32, |v, &b| (v << 8) | u32::from(b))
}

fn units_of(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| match c {
            [a, b] => u16::from_be_bytes([*a, *b]),
            [a] => u16::from(*a),
            _ => 0,
        })
        .collect()
}

fn utf16(units: &[u16]) -> Option<String> {
    let s: String = char::decode_utf16(units.iter().copied())
        .collect::<Result<String, _>>()
        .ok()?;
    (!s.is_empty()).then_some(s)
}

fn utf16_bytes(bytes: &[u8]) -> Option<String> {
    utf16(&units_of(bytes))
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Hex(Vec<u8>),
    Word(Vec<u8>),
    ArrayStart,
    ArrayEnd,
    Other,
}

/// The tokens of a CMap that matter here: hex strings, words, array brackets.
fn tokenize(bytes: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                while bytes.get(i).is_some_and(|&c| c != b'\n' && c != b'\r') {
                    i = i.saturating_add(1);
                }
            }
            b'<' if bytes.get(i.saturating_add(1)) == Some(&b'<') => {
                out.push(Token::Other);
                i = i.saturating_add(2);
            }
            b'<' => {
                i = i.saturating_add(1);
                let mut digits = Vec::new();
                while let Some(&c) = bytes.get(i) {
                    i = i.saturating_add(1);
                    if c == b'>' {
                        break;
                    }
                    if let Some(d) = (c as char).to_digit(16) {
                        digits.push(d as u8);
                    }
                }
                if digits.len() % 2 == 1 {
                    digits.push(0);
                }
                let hex = digits
                    .chunks(2)
                    .map(|p| match p {
                        [h, l] => (h << 4) | l,
                        _ => 0,
                    })
                    .collect();
                out.push(Token::Hex(hex));
            }
            b'[' => {
                out.push(Token::ArrayStart);
                i = i.saturating_add(1);
            }
            b']' => {
                out.push(Token::ArrayEnd);
                i = i.saturating_add(1);
            }
            b'(' => {
                // Literal strings do not occur in the sections read; skip to the close.
                let mut depth = 0usize;
                while let Some(&c) = bytes.get(i) {
                    i = i.saturating_add(1);
                    match c {
                        b'\\' => i = i.saturating_add(1),
                        b'(' => depth = depth.saturating_add(1),
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                out.push(Token::Other);
            }
            c if c.is_ascii_whitespace() => i = i.saturating_add(1),
            _ => {
                let start = i;
                while bytes.get(i).is_some_and(|&c| {
                    !c.is_ascii_whitespace() && !matches!(c, b'<' | b'[' | b']' | b'(' | b'%')
                }) {
                    i = i.saturating_add(1);
                }
                if i == start {
                    i = i.saturating_add(1);
                    out.push(Token::Other);
                } else {
                    out.push(Token::Word(
                        bytes.get(start..i).unwrap_or_default().to_vec(),
                    ));
                }
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    fn font(cmap: &str, composite: bool) -> Font {
        let mut f = Font {
            composite,
            ..Font::default()
        };
        f.parse_cmap(cmap.as_bytes());
        f
    }

    #[test]
    fn bfchar_bfrange_and_surrogates() {
        let f = font(
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
             2 beginbfchar <023D> <3001> <0001> <D840DC00> endbfchar\n\
             2 beginbfrange <0010> <0012> <4E00> <0020> <0021> [<0041> <00420043>] endbfrange",
            true,
        );
        let code = |v| Code { value: v, len: 2 };
        assert_eq!(f.text(code(0x023D)).as_deref(), Some("、"));
        assert_eq!(f.text(code(0x0001)).as_deref(), Some("\u{20000}"));
        assert_eq!(f.text(code(0x0012)).as_deref(), Some("丂"));
        assert_eq!(f.text(code(0x0021)).as_deref(), Some("BC"));
        assert_eq!(f.text(code(0x0013)), None);
        assert_eq!(
            f.codes(&[0x02, 0x3D, 0x00]),
            vec![code(0x023D), Code { value: 0, len: 1 }]
        );
    }

    #[test]
    fn a_hostile_range_is_not_expanded() {
        let f = font(
            "1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange",
            true,
        );
        // One range entry, looked up arithmetically; the offset overflows a UTF-16 unit.
        assert_eq!(f.ranges.len(), 1);
        assert_eq!(f.text(Code { value: 1, len: 4 }).as_deref(), Some("B"));
        assert_eq!(
            f.text(Code {
                value: 0x10_0000,
                len: 4
            }),
            None
        );
    }

    #[test]
    fn gbk_euc_codes_are_gbk_text() {
        let f = Font {
            composite: true,
            gbk: true,
            ..Font::default()
        };
        let (bytes, _, _) = encoding_rs::GBK.encode("报告2024");
        let text: String = f
            .codes(&bytes)
            .into_iter()
            .filter_map(|c| f.text(c))
            .collect();
        assert_eq!(text, "报告2024");
    }
}
