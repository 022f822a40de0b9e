//! Decoding the bytes of published text and web pages: a byte-order mark (UTF-8, UTF-16LE,
//! UTF-16BE); else a `charset` the bytes declare in their first [`SNIFF_LEN`] bytes (as a web
//! page does in `<meta charset="gbk">`); else UTF-8 when the bytes are valid UTF-8; else
//! GB18030, which covers GBK and GB2312 (what Chinese government sites and Windows tools
//! write).
//!
//! Every reader of text uses it: the HTML reader, the text and Markdown reader
//! ([`crate::text::read_bytes`]) and [`crate::detect`]. A reader reports, as a
//! `read.repaired` finding, any decoding other than plain UTF-8 ([`Decoded::describe`]).
//!
//! ```
//! use zfxxgk::decode::{decode, DecodedBy};
//!
//! let (gbk, _, _) = encoding_rs::GBK.encode("年度报告");
//! let d = decode(&gbk);
//! assert_eq!((d.text.as_str(), d.encoding, d.by), ("年度报告", "gb18030", DecodedBy::Trial));
//! assert_eq!(decode("年度报告".as_bytes()).by, DecodedBy::Utf8);
//! ```

/// How many leading bytes are searched for a declared `charset`.
pub const SNIFF_LEN: usize = 4096;

/// The bytes of the head of an input as text, for looking at its ASCII markers
/// ([`crate::detect::shape`]): a UTF-8 byte-order mark removed, UTF-16 with a byte-order mark
/// decoded, anything else read as UTF-8 leniently (bytes that are not UTF-8, such as GBK,
/// replaced: the markers survive).
pub fn sniff(head: &[u8]) -> std::borrow::Cow<'_, str> {
    match encoding_rs::Encoding::for_bom(head) {
        Some((enc, bom_len)) if enc != encoding_rs::UTF_8 => {
            let body = head.get(bom_len..).unwrap_or_default();
            enc.decode_without_bom_handling(body).0
        }
        _ => {
            let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
            // Checking UTF-8 first is the fast path: `from_utf8_lossy` walks valid text many
            // times slower than `from_utf8` checks it.
            match simdutf8::basic::from_utf8(head) {
                Ok(text) => std::borrow::Cow::Borrowed(text),
                Err(_) => String::from_utf8_lossy(head),
            }
        }
    }
}

/// How [`decode`] chose the encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodedBy {
    /// A byte-order mark.
    Bom,
    /// A `charset` declared in the bytes (a web page's `<meta charset>`).
    Declared,
    /// The bytes are valid UTF-8 and nothing said otherwise.
    Utf8,
    /// Not valid UTF-8, nothing declared (or the declaration was wrong): decoded as GB18030.
    Trial,
}

/// Text decoded from bytes, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding used (`UTF-8`, `GBK`, `gb18030`, …, as the WHATWG Encoding Standard names
    /// it).
    pub encoding: &'static str,
    /// How it was chosen.
    pub by: DecodedBy,
    /// The charset the page declared, when it declared one and it was not used.
    pub declared_unused: Option<&'static str>,
    /// Whether some bytes were not valid in the encoding and were replaced with U+FFFD.
    pub malformed: bool,
}

impl Decoded {
    /// Whether the text was decoded as UTF-8 (with or without a byte-order mark).
    pub fn is_utf8(&self) -> bool {
        self.encoding == encoding_rs::UTF_8.name()
    }

    /// What a web page reader reports about the decoding, when there is something to report
    /// ([`Decoded::describe_as`] with 页面).
    pub fn describe(&self) -> Option<String> {
        self.describe_as("页面")
    }

    /// What a reader reports about the decoding of `source` (页面, 文本: the word the message
    /// calls the input), when there is something to report: the encoding unless the bytes were
    /// plain UTF-8, a declared charset the bytes contradict, replaced bytes.
    pub fn describe_as(&self, source: &str) -> Option<String> {
        let mut parts = Vec::new();
        match self.by {
            DecodedBy::Utf8 => {}
            DecodedBy::Bom => parts.push(format!("按字节顺序标记以 {} 解码", self.encoding)),
            DecodedBy::Declared => {
                parts.push(format!("按{source}声明的字符集以 {} 解码", self.encoding))
            }
            DecodedBy::Trial => parts.push(format!(
                "{source}未声明字符集且不是有效的 UTF-8，试以 {} 解码",
                self.encoding
            )),
        }
        if let Some(d) = self.declared_unused {
            parts.push(format!("{source}声明的字符集 {d} 与内容不符，未采用"));
        }
        if self.malformed {
            parts.push("有无法解码的字节，已替换为 U+FFFD".to_owned());
        }
        (!parts.is_empty()).then(|| parts.join("；"))
    }
}

/// `bytes` as the text [`decode`] gives for them, borrowed, when that text is the bytes
/// themselves: valid UTF-8 with no byte-order mark and no charset declared but UTF-8 (most
/// texts and pages), with what [`decode`] says of the decoding (its `text` left empty).
/// `None` for every other input, which [`decode`] then decodes.
pub(crate) fn as_utf8(bytes: &[u8]) -> Option<(&str, Decoded)> {
    use encoding_rs::UTF_8;
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return None;
    }
    let declared = declared_charset(bytes.get(..SNIFF_LEN.min(bytes.len())).unwrap_or(bytes));
    if declared.is_some_and(|e| e != UTF_8) {
        return None;
    }
    let text = simdutf8::basic::from_utf8(bytes).ok()?;
    let how = Decoded {
        text: String::new(),
        encoding: UTF_8.name(),
        by: if declared.is_some() {
            DecodedBy::Declared
        } else {
            DecodedBy::Utf8
        },
        declared_unused: None,
        malformed: false,
    };
    Some((text, how))
}

/// Decodes the bytes of a page or a text: a byte-order mark; else a `charset` declared in the first
/// [`SNIFF_LEN`] bytes; else UTF-8 when valid; else GB18030 (a superset of GBK and GB2312).
/// A declared charset that leaves malformed bytes where GB18030 or UTF-8 leaves none is
/// overruled.
pub fn decode(bytes: &[u8]) -> Decoded {
    use encoding_rs::{Encoding, GB18030, UTF_8};

    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let (text, malformed) = enc.decode_without_bom_handling(body);
        return Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            by: DecodedBy::Bom,
            declared_unused: None,
            malformed,
        };
    }
    let declared = declared_charset(bytes.get(..SNIFF_LEN.min(bytes.len())).unwrap_or(bytes));
    let utf8 = simdutf8::basic::from_utf8(bytes).ok();
    if let Some(enc) = declared {
        let (text, malformed) = enc.decode_without_bom_handling(bytes);
        if !malformed {
            return Decoded {
                text: text.into_owned(),
                encoding: enc.name(),
                by: DecodedBy::Declared,
                declared_unused: None,
                malformed,
            };
        }
    }
    let unused = declared.filter(|&e| e != UTF_8).map(Encoding::name);
    if let Some(text) = utf8 {
        return Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
            by: DecodedBy::Utf8,
            declared_unused: unused,
            malformed: false,
        };
    }
    let (text, malformed) = GB18030.decode_without_bom_handling(bytes);
    if !malformed {
        return Decoded {
            text: text.into_owned(),
            encoding: GB18030.name(),
            by: DecodedBy::Trial,
            declared_unused: declared.filter(|&e| e != GB18030).map(Encoding::name),
            malformed,
        };
    }
    let enc = declared.unwrap_or(UTF_8);
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        by: if declared.is_some() {
            DecodedBy::Declared
        } else {
            DecodedBy::Utf8
        },
        declared_unused: None,
        malformed: true,
    }
}

/// The encoding a page declares with `charset=…` in its head, if it names one encoding_rs
/// knows. UTF-16 declarations are read as UTF-8, as browsers do.
fn declared_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let mut from = 0usize;
    while let Some(p) = next_charset(head, from) {
        let mut i = p.saturating_add(7);
        while head
            .get(i)
            .is_some_and(|c| c.is_ascii_whitespace() || matches!(c, b'=' | b'"' | b'\''))
        {
            i = i.saturating_add(1);
        }
        let start = i;
        while head
            .get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':'))
        {
            i = i.saturating_add(1);
        }
        // Labels are matched without regard to ASCII case.
        if let Some(enc) = head
            .get(start..i)
            .and_then(encoding_rs::Encoding::for_label_no_replacement)
        {
            return Some(
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    encoding_rs::UTF_8
                } else {
                    enc
                },
            );
        }
        from = i.max(from.saturating_add(1));
    }
    None
}

/// Where the next `charset`, in any ASCII case, starts in `head` at or after `from`: a search
/// of its first letter and a comparison there, without a lowered copy of the head.
fn next_charset(head: &[u8], from: usize) -> Option<usize> {
    let rest = head.get(from..)?;
    memchr::memchr2_iter(b'c', b'C', rest)
        .find(|&p| {
            rest.get(p..p.saturating_add(7))
                .is_some_and(|w| w.eq_ignore_ascii_case(b"charset"))
        })
        .map(|p| p.saturating_add(from))
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests fail loudly"
)]
mod tests {
    use super::*;

    #[test]
    fn utf8_as_written_is_what_decode_gives() {
        let gbk = encoding_rs::GBK.encode("本年新收").0.into_owned();
        let cases: Vec<(Vec<u8>, bool)> = vec![
            ("本年新收 12".as_bytes().to_vec(), true),
            (b"".to_vec(), true),
            ("<meta charset=\"utf-8\">本年".as_bytes().to_vec(), true),
            ("<meta charset=\"gbk\">abc".as_bytes().to_vec(), false),
            ("<meta charset=\"gbk\">本年".as_bytes().to_vec(), false),
            (
                [b"\xEF\xBB\xBF".as_slice(), "本年".as_bytes()].concat(),
                false,
            ),
            ([b"\xFF\xFE".as_slice(), b"a\0"].concat(), false),
            (gbk, false),
            (b"12 \xFF".to_vec(), false),
        ];
        for (bytes, in_place) in cases {
            let borrowed = as_utf8(&bytes);
            assert_eq!(borrowed.is_some(), in_place, "{bytes:?}");
            if let Some((text, how)) = borrowed {
                let decoded = decode(&bytes);
                assert_eq!(decoded.text, text);
                assert!(decoded.is_utf8());
                assert_eq!(
                    Decoded {
                        text: String::new(),
                        ..decoded
                    },
                    how
                );
            }
        }
    }

    #[test]
    fn charset_declarations() {
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
            ),
            Some(encoding_rs::GBK)
        );
        assert_eq!(
            declared_charset(b"<meta charset='UTF-8'>"),
            Some(encoding_rs::UTF_8)
        );
        assert_eq!(declared_charset(b"<p>charset</p>"), None);
        // Any ASCII case, a false start before, at the very end, cut short.
        assert_eq!(
            declared_charset(b"<META CONTENT=\"text/html; CharSet=GB2312\">"),
            Some(encoding_rs::GBK)
        );
        assert_eq!(
            declared_charset(b"cc charsex CHARSET = \"Big5\""),
            Some(encoding_rs::BIG5)
        );
        assert_eq!(declared_charset(b"x charset=gbk"), Some(encoding_rs::GBK));
        assert_eq!(declared_charset(b"x charse"), None);
        assert_eq!(
            declared_charset(b"charset=nothing charset=utf-16"),
            Some(encoding_rs::UTF_8)
        );
    }

    /// The search by first letter finds what a search of a lowered copy finds.
    fn declared_in_lowered_copy(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
        let lower = head.to_ascii_lowercase();
        let mut from = 0usize;
        while let Some(p) = lower
            .get(from..)
            .and_then(|h| h.windows(7).position(|w| w == b"charset"))
        {
            let mut i = from + p + 7;
            while lower
                .get(i)
                .is_some_and(|c| c.is_ascii_whitespace() || matches!(c, b'=' | b'"' | b'\''))
            {
                i += 1;
            }
            let start = i;
            while lower.get(i).is_some_and(|c| {
                c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':')
            }) {
                i += 1;
            }
            if let Some(enc) = lower
                .get(start..i)
                .and_then(encoding_rs::Encoding::for_label_no_replacement)
            {
                return Some(
                    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                        encoding_rs::UTF_8
                    } else {
                        enc
                    },
                );
            }
            from = i.max(from + 1);
        }
        None
    }

    proptest::proptest! {
        #[test]
        fn the_charset_search_is_the_search_of_a_lowered_copy(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "charset", "CharSet", "CHARSET", "charse", "c", "C", "=", "\"", "'", " ",
                    "gbk", "GB2312", "utf-8", "UTF-16LE", "big5", "x-user-defined", "bogus",
                    "-", "_", ".", ":", "é", "报", "\u{0}",
                ]),
                0..40,
            )
        ) {
            let head = parts.concat();
            proptest::prop_assert_eq!(
                declared_charset(head.as_bytes()),
                declared_in_lowered_copy(head.as_bytes())
            );
        }
    }

    #[test]
    fn sniffing_valid_utf8_borrows_and_invalid_bytes_are_replaced() {
        assert!(matches!(
            sniff("表格".as_bytes()),
            std::borrow::Cow::Borrowed("表格")
        ));
        assert!(matches!(
            sniff(b"\xef\xbb\xbfab"),
            std::borrow::Cow::Borrowed("ab")
        ));
        assert_eq!(sniff(b"a\xffb"), "a\u{FFFD}b");
    }

    #[test]
    fn decoding_is_reported_unless_plain_utf8() {
        let d = decode("<p>报告</p>".as_bytes());
        assert_eq!(
            (d.encoding, d.by, d.describe()),
            ("UTF-8", DecodedBy::Utf8, None)
        );
        let (gbk, _, _) = encoding_rs::GBK.encode("<p>年度报告</p>");
        let d = decode(&gbk);
        assert_eq!(d.text, "<p>年度报告</p>");
        assert_eq!(d.by, DecodedBy::Trial);
        assert!(d.describe().unwrap().contains("gb18030"));
    }
}
