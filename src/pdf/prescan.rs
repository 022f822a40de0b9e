//! What a file's raw bytes say before lopdf parses them: whether it names `/Encrypt`, and where
//! its cross-reference streams may start. lopdf inflates a cross-reference stream while it
//! reads the cross-reference chain, before any hook of ours runs, and an encrypted file's object
//! streams while it decrypts them; both must be known first so that their size can be measured
//! (or the file refused) before lopdf allocates it.
//!
//! Names are read as lopdf reads them, `#xx` escapes decoded (`/Encr#79pt` is `/Encrypt`), so
//! a spelling cannot hide one. Every scan here is one pass over the bytes.

/// The most cross-reference offsets a file may name (`startxref`, `/Prev`, `/XRefStm`): 1 000.
/// A published report names one to a few dozen; each one named is looked at once.
pub const MAX_OFFSETS: usize = 1000;

/// The longest dictionary of a stream at a cross-reference offset: 16 KiB (a cross-reference
/// stream's is a few hundred bytes). Past it the file is refused rather than read further, so
/// the scans are bounded by `MAX_OFFSETS` × this, whatever the file.
pub const MAX_DICTIONARY: usize = 16 * 1024;

/// PDF white space (ISO 32000-1, 7.2.2).
fn is_white(b: u8) -> bool {
    matches!(b, 0 | b'\t' | b'\n' | 0x0C | b'\r' | b' ')
}

/// PDF delimiters.
fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

fn hex_value(b: u8) -> Option<u8> {
    char::from(b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

/// The name whose `/` is at `at`, with its `#xx` escapes decoded as lopdf decodes them (a `#`
/// without two hex digits ends the name), and the position after it.
fn name_at(bytes: &[u8], at: usize) -> (Vec<u8>, usize) {
    let mut name = Vec::new();
    let mut i = at.saturating_add(1);
    while let Some(&b) = bytes.get(i) {
        if b == b'#' {
            let high = bytes.get(i.saturating_add(1)).copied().and_then(hex_value);
            let low = bytes.get(i.saturating_add(2)).copied().and_then(hex_value);
            let (Some(high), Some(low)) = (high, low) else {
                break;
            };
            name.push(high.wrapping_shl(4) | low);
            i = i.saturating_add(3);
        } else if is_regular(b) {
            name.push(b);
            i = i.saturating_add(1);
        } else {
            break;
        }
    }
    (name, i)
}

/// Skips white space and comments from `at`.
fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while let Some(&b) = bytes.get(at) {
        if is_white(b) {
            at = at.saturating_add(1);
        } else if b == b'%' {
            at = bytes
                .get(at..)
                .and_then(|rest| rest.iter().position(|&c| c == b'\n' || c == b'\r'))
                .map_or(bytes.len(), |p| at.saturating_add(p));
        } else {
            break;
        }
    }
    at
}

/// The unsigned integer (an optional `+`, then digits) at `at`, if one is there and fits.
fn integer_at(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    let start = if bytes.get(at) == Some(&b'+') {
        at.saturating_add(1)
    } else {
        at
    };
    let digits = bytes
        .get(start..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 {
        return None;
    }
    let end = start.saturating_add(digits);
    let n = bytes.get(start..end)?.iter().try_fold(0usize, |n, &d| {
        n.checked_mul(10)?
            .checked_add(usize::from(d.saturating_sub(b'0')))
    })?;
    Some((n, end))
}

/// What the scan of a whole file found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Scan {
    /// Some name of the file is `/Encrypt`: lopdf would take it for an encrypted file.
    pub names_encrypt: bool,
    /// Every offset a cross-reference section may start at (the numbers after `startxref`,
    /// `/Prev` and `/XRefStm`), from the start of the file and from its `%PDF-` header (lopdf
    /// counts from there), sorted, without repeats; at most [`MAX_OFFSETS`] numbers.
    pub xref_offsets: Vec<usize>,
    /// The file names more than [`MAX_OFFSETS`] of them.
    pub too_many_offsets: bool,
}

/// Scans `bytes` once for its names and its cross-reference offsets.
pub fn scan(bytes: &[u8]) -> Scan {
    let header = memchr::memmem::find(bytes, b"%PDF-").unwrap_or(0);
    let mut out = Scan::default();
    let mut numbers = Vec::new();
    let mut at = 0usize;
    while let Some(p) = bytes
        .get(at..)
        .and_then(|rest| memchr::memchr2(b'/', b's', rest))
    {
        let p = at.saturating_add(p);
        let after = if bytes.get(p) == Some(&b'/') {
            let (name, end) = name_at(bytes, p);
            if name == b"Encrypt" {
                out.names_encrypt = true;
            }
            if name != b"Prev" && name != b"XRefStm" {
                at = end.max(p.saturating_add(1));
                continue;
            }
            end
        } else if bytes
            .get(p..)
            .is_some_and(|rest| rest.starts_with(b"startxref"))
        {
            p.saturating_add(b"startxref".len())
        } else {
            at = p.saturating_add(1);
            continue;
        };
        at = after.max(p.saturating_add(1));
        if let Some((n, end)) = integer_at(bytes, skip_space(bytes, after)) {
            // `/Prev 12 0 R` (an outline item's, say) is a reference, which lopdf never takes
            // for an offset.
            if is_reference_rest(bytes, end) {
                continue;
            }
            if numbers.len() >= MAX_OFFSETS.saturating_mul(2) {
                out.too_many_offsets = true;
                continue;
            }
            numbers.push(n);
            numbers.push(n.saturating_add(header));
        }
    }
    numbers.sort_unstable();
    numbers.dedup();
    out.xref_offsets = numbers;
    out
}

/// Whether ` G R` follows `at` (after the object number of a reference `N G R`).
fn is_reference_rest(bytes: &[u8], at: usize) -> bool {
    let i = skip_space(bytes, at);
    if i == at {
        return false;
    }
    let Some((_, end)) = integer_at(bytes, i) else {
        return false;
    };
    let j = skip_space(bytes, end);
    j > end
        && bytes.get(j) == Some(&b'R')
        && bytes
            .get(j.saturating_add(1))
            .is_none_or(|&b| !is_regular(b))
}

/// A stream object as the bytes at an offset give it: the entries of its dictionary that
/// lopdf reads to decode a cross-reference stream, and where its data starts. lopdf keeps the
/// last of repeated keys; every one is given here.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct StreamAt {
    /// Each `/Filter` value that is a name or an array of names, in order.
    pub filters: Vec<Vec<Vec<u8>>>,
    /// Each `/W` value that is an array of integers.
    pub widths: Vec<Vec<i64>>,
    /// Each `/Index` value that is an array of integers.
    pub indexes: Vec<Vec<i64>>,
    /// Each `/Size` value that is an integer.
    pub sizes: Vec<i64>,
    /// The first byte of the stream's data.
    pub data: usize,
}

/// A token of an array value.
enum Token {
    Name(Vec<u8>),
    Word(Vec<u8>),
    /// A string, a dictionary or an array.
    Other,
}

/// An integer as lopdf reads one (a sign, then digits, within `i64`).
fn integer(word: &[u8]) -> Option<i64> {
    std::str::from_utf8(word).ok()?.parse().ok()
}

impl StreamAt {
    fn take(&mut self, key: &[u8], value: Vec<Token>, array: bool) {
        let integers = || {
            value
                .iter()
                .map(|t| match t {
                    Token::Word(w) => integer(w),
                    _ => None,
                })
                .collect::<Option<Vec<i64>>>()
        };
        match key {
            b"Filter" => {
                let names: Vec<Vec<u8>> = value
                    .iter()
                    .filter_map(|t| match t {
                        Token::Name(n) => Some(n.clone()),
                        _ => None,
                    })
                    .collect();
                if array || !names.is_empty() {
                    self.filters.push(names);
                }
            }
            b"W" if array => self.widths.extend(integers()),
            b"Index" if array => self.indexes.extend(integers()),
            b"Size" if !array => self
                .sizes
                .extend(integers().and_then(|v| v.first().copied())),
            _ => {}
        }
    }
}

/// What starts at a cross-reference offset.
#[derive(Debug, PartialEq, Eq)]
pub enum At {
    /// A stream object.
    Stream(StreamAt),
    /// Anything else (lopdf reads no stream there either).
    Other,
    /// An object whose dictionary runs past [`MAX_DICTIONARY`] bytes.
    TooLong,
}

/// The stream object (`N G obj << … >> stream`) that starts at `at`, after white space, if one
/// does. The dictionary is read token by token — strings, hex strings, comments, nested
/// dictionaries and arrays — so that nothing inside a value is taken for an entry; no more
/// than [`MAX_DICTIONARY`] bytes of it.
pub fn stream_at(bytes: &[u8], at: usize) -> At {
    let end = at.saturating_add(MAX_DICTIONARY).min(bytes.len());
    let window = bytes.get(..end).unwrap_or(bytes);
    match lex_stream(window, at) {
        Some(stream) => At::Stream(stream),
        // Cut short by the window, not by the end of the file.
        None if end < bytes.len() && opens_dictionary(window, at) => At::TooLong,
        None => At::Other,
    }
}

/// Whether `N G obj <<` starts at `at`, after white space.
fn opens_dictionary(bytes: &[u8], at: usize) -> bool {
    let mut i = skip_space(bytes, at);
    for _ in 0..2 {
        let Some((_, end)) = integer_at(bytes, i) else {
            return false;
        };
        i = skip_space(bytes, end);
    }
    bytes.get(i..).is_some_and(|rest| rest.starts_with(b"obj"))
        && bytes
            .get(skip_space(bytes, i.saturating_add(3))..)
            .is_some_and(|rest| rest.starts_with(b"<<"))
}

fn lex_stream(bytes: &[u8], at: usize) -> Option<StreamAt> {
    let mut i = skip_space(bytes, at);
    let (_, end) = integer_at(bytes, i)?;
    i = skip_space(bytes, end);
    let (_, end) = integer_at(bytes, i)?;
    i = skip_space(bytes, end);
    if !bytes.get(i..)?.starts_with(b"obj") {
        return None;
    }
    i = skip_space(bytes, i.saturating_add(3));
    if !bytes.get(i..)?.starts_with(b"<<") {
        return None;
    }
    i = i.saturating_add(2);
    // Depth of dictionaries and arrays inside the stream's dictionary, the key last read at the
    // top level (waiting for its value), and the array value of a top-level key being read.
    let mut depth = 0usize;
    let mut key: Option<Vec<u8>> = None;
    let mut array: Option<(Vec<u8>, Vec<Token>)> = None;
    // Arrays nested in that array value (each is one token of it).
    let mut array_depth = 0usize;
    let mut out = StreamAt::default();
    loop {
        i = skip_space(bytes, i);
        let &b = bytes.get(i)?;
        let rest = bytes.get(i..)?;
        let top = depth == 0;
        if rest.starts_with(b">>") {
            i = i.saturating_add(2);
            if array.is_some() && array_depth > 0 {
                array_depth = array_depth.saturating_sub(1);
                continue;
            }
            if top {
                break;
            }
            depth = depth.saturating_sub(1);
            continue;
        }
        if rest.starts_with(b"<<") {
            i = i.saturating_add(2);
            if let Some((_, tokens)) = array.as_mut() {
                if array_depth == 0 {
                    tokens.push(Token::Other);
                }
                // Read through like an array nested in it.
                array_depth = array_depth.saturating_add(1);
                continue;
            }
            depth = depth.saturating_add(1);
            key = None;
            continue;
        }
        match b {
            b'/' => {
                let (name, end) = name_at(bytes, i);
                i = end;
                if let Some((_, tokens)) = array.as_mut() {
                    if array_depth == 0 {
                        tokens.push(Token::Name(name));
                    }
                } else if top {
                    match key.take() {
                        None => key = Some(name),
                        Some(k) => out.take(&k, vec![Token::Name(name)], false),
                    }
                }
                continue;
            }
            b'[' => {
                i = i.saturating_add(1);
                if let Some((_, tokens)) = array.as_mut() {
                    if array_depth == 0 {
                        tokens.push(Token::Other);
                    }
                    array_depth = array_depth.saturating_add(1);
                } else if top && let Some(k) = key.take() {
                    array = Some((k, Vec::new()));
                } else {
                    depth = depth.saturating_add(1);
                }
                continue;
            }
            b']' => {
                i = i.saturating_add(1);
                if array.is_some() && array_depth > 0 {
                    array_depth = array_depth.saturating_sub(1);
                } else if let Some((k, tokens)) = array.take() {
                    out.take(&k, tokens, true);
                } else {
                    depth = depth.saturating_sub(1);
                }
                continue;
            }
            b'(' => {
                i = skip_string(bytes, i)?;
                if let Some((_, tokens)) = array.as_mut()
                    && array_depth == 0
                {
                    tokens.push(Token::Other);
                }
            }
            b'<' => {
                i = bytes
                    .get(i..)?
                    .iter()
                    .position(|&c| c == b'>')
                    .map(|p| i.saturating_add(p).saturating_add(1))?;
                if let Some((_, tokens)) = array.as_mut()
                    && array_depth == 0
                {
                    tokens.push(Token::Other);
                }
            }
            _ => {
                // A number, a keyword (`R`, `true`, `null`) or a stray delimiter.
                let run = rest.iter().take_while(|&&c| is_regular(c)).count().max(1);
                let word = rest.get(..run).unwrap_or_default().to_vec();
                i = i.saturating_add(run);
                if let Some((_, tokens)) = array.as_mut() {
                    if array_depth == 0 {
                        tokens.push(Token::Word(word));
                    }
                } else if top && let Some(k) = key.take() {
                    out.take(&k, vec![Token::Word(word)], false);
                }
                continue;
            }
        }
        // A string value ends the entry of a top-level key.
        if top && array.is_none() {
            key = None;
        }
    }
    i = skip_space(bytes, i);
    if !bytes.get(i..)?.starts_with(b"stream") {
        return None;
    }
    i = i.saturating_add(b"stream".len());
    // lopdf allows spaces, then one end of line.
    while bytes.get(i) == Some(&b' ') {
        i = i.saturating_add(1);
    }
    if bytes.get(i) == Some(&b'\r') {
        i = i.saturating_add(1);
    }
    if bytes.get(i) == Some(&b'\n') {
        i = i.saturating_add(1);
    }
    out.data = i;
    Some(out)
}

/// The cross-reference table (`xref`, then sections of a header `first count` and entries
/// `offset generation n|f`) that starts at `at` exactly, as lopdf reads one: the first object
/// number of each of its sections, or `None` when no table starts there. Each line is looked at
/// once, and the table ends at the first line that is neither (its `trailer`).
pub fn table_at(bytes: &[u8], at: usize) -> Option<Vec<u128>> {
    let rest = bytes.get(at..)?.strip_prefix(b"xref")?;
    let mut firsts = Vec::new();
    // The rest of the `xref` line itself: nothing but spaces.
    let eol = rest.iter().position(|&b| b == b'\n' || b == b'\r')?;
    if !rest.get(..eol)?.trim_ascii().is_empty() {
        return Some(firsts);
    }
    let lines = rest
        .get(eol..)?
        .split(|&b| b == b'\n' || b == b'\r')
        .filter(|line| !line.is_empty());
    for line in lines {
        let mut words = line.split(|&b| b == b' ').filter(|w| !w.is_empty());
        let (Some(a), Some(b), c, None) = (words.next(), words.next(), words.next(), words.next())
        else {
            break;
        };
        let digits = |w: &[u8]| !w.is_empty() && w.iter().all(u8::is_ascii_digit);
        if !digits(a) || !digits(b) {
            break;
        }
        match c {
            None => firsts.push(a.iter().fold(0u128, |n, &d| {
                n.saturating_mul(10)
                    .saturating_add(u128::from(d.saturating_sub(b'0')))
            })),
            Some(b"n" | b"f") => {}
            Some(_) => break,
        }
    }
    Some(firsts)
}

/// The position after the literal string whose `(` is at `at`: balanced parentheses, `\`
/// escaping the next byte. `None` when it runs to the end of the file.
fn skip_string(bytes: &[u8], at: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = at;
    loop {
        match *bytes.get(i)? {
            b'\\' => i = i.saturating_add(2),
            b'(' => {
                depth = depth.saturating_add(1);
                i = i.saturating_add(1);
            }
            b')' => {
                depth = depth.saturating_sub(1);
                i = i.saturating_add(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i = i.saturating_add(1),
        }
    }
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

    fn stream(bytes: &[u8]) -> Option<StreamAt> {
        match stream_at(bytes, 0) {
            At::Stream(s) => Some(s),
            _ => None,
        }
    }

    #[test]
    fn names_are_decoded_as_lopdf_decodes_them() {
        assert_eq!(name_at(b"/Encr#79pt ", 0), (b"Encrypt".to_vec(), 10));
        assert_eq!(name_at(b"/Obj#53tm/N", 0), (b"ObjStm".to_vec(), 9));
        assert_eq!(name_at(b"/A#4", 0), (b"A".to_vec(), 2));
        assert_eq!(name_at(b"/A#zz", 0), (b"A".to_vec(), 2));
        assert_eq!(name_at(b"/", 0), (Vec::new(), 1));
    }

    #[test]
    fn encrypt_is_found_in_any_spelling() {
        assert!(scan(b"trailer << /Encrypt 5 0 R >>").names_encrypt);
        assert!(scan(b"trailer << /Encr#79pt 5 0 R >>").names_encrypt);
        assert!(scan(b"trailer << /#45#6e#63#72#79#70#74 5 0 R >>").names_encrypt);
        assert!(!scan(b"trailer << /Encrypted 5 0 R /Encryp >>").names_encrypt);
    }

    #[test]
    fn every_cross_reference_offset_is_found() {
        let bytes =
            b"junk%PDF-1.7\n<< /Prev 100 /XRef#53tm +7 /Pr#65v\n%c\n 9 >>\nstartxref\n42\n%%EOF";
        assert_eq!(
            scan(bytes).xref_offsets,
            vec![7, 9, 11, 13, 42, 46, 100, 104]
        );
        assert_eq!(
            scan(b"/Prev -5 /Prev x startxref").xref_offsets,
            Vec::<usize>::new()
        );
    }

    #[test]
    fn a_stream_dictionary_gives_its_filters() {
        let s =
            stream(b"  3 0 obj\n<< /Type /XRef /Filter /FlateDecode /Length 9 >>\nstream\r\nDATA")
                .unwrap();
        assert_eq!(s.filters, vec![vec![b"FlateDecode".to_vec()]]);
        assert_eq!(s.data, 67);
        let s = stream(b"3 0 obj<</Filter[/Fl #0a/Fl#61teDecode]>>stream\nX").unwrap();
        assert_eq!(
            s.filters,
            vec![vec![b"Fl".to_vec(), b"FlateDecode".to_vec()]]
        );
        assert_eq!(s.data, 48);
    }

    #[test]
    fn nothing_inside_a_value_is_taken_for_an_entry() {
        let s = stream(
            b"3 0 obj << /T (a /Filter /LZWDecode \\) >> stream) /D << /Filter /A85 >> \
              /H <2F46696C746572> /A [/Filter /X] /L 5 0 R /Filter /Fl >> stream\n",
        )
        .unwrap();
        assert_eq!(s.filters, vec![vec![b"Fl".to_vec()]]);
        // Two entries: lopdf keeps the last, both are given.
        let s = stream(b"1 0 obj << /Filter /Fl /Filter [/LZW] >> stream\n").unwrap();
        assert_eq!(s.filters, vec![vec![b"Fl".to_vec()], vec![b"LZW".to_vec()]]);
    }

    #[test]
    fn the_entries_of_a_cross_reference_stream_are_read() {
        let s = stream(
            b"3 0 obj << /Type /XRef /Size 12 /W [1 4 2] /Index [0 5 7 5] /Root 1 0 R \
              /Info << /W [9 9 9] /Size 99 >> /ID [<00> (x)] >> stream\n",
        )
        .unwrap();
        assert_eq!(s.widths, vec![vec![1, 4, 2]]);
        assert_eq!(s.indexes, vec![vec![0, 5, 7, 5]]);
        assert_eq!(s.sizes, vec![12]);
        // Not integers (lopdf refuses such a /W and ignores such an /Index): not given.
        let s = stream(
            b"3 0 obj << /W [1 4.0 2] /Index [0 (5)] /Size 5 0 R /W [1 [2] 3] /Index [0 <<>> 1] \
              /W [99999999999999999999 1 1] >> stream\n",
        )
        .unwrap();
        assert_eq!((s.widths.len(), s.indexes.len()), (0, 0));
        assert_eq!(s.sizes, vec![5]);
        let s = stream(b"3 0 obj << /W [1 2 3] /W [-1 +2 3] >> stream\n").unwrap();
        assert_eq!(s.widths, vec![vec![1, 2, 3], vec![-1, 2, 3]]);
    }

    #[test]
    fn a_table_gives_the_first_object_of_each_section() {
        let t = b"xref\n0 2\n0000000000 65535 f \n0000000017 00000 n \n\
                  18446744073709551615 1\r\n0000000099 00000 n\r\n7 0\ntrailer\n<< /Prev 5 >>";
        assert_eq!(table_at(t, 0), Some(vec![0, 18_446_744_073_709_551_615, 7]));
        assert_eq!(table_at(b"xref 0 1\n", 0), Some(vec![]));
        assert_eq!(table_at(b"xref", 0), None);
        assert_eq!(table_at(b" xref\n0 1\n", 0), None);
        assert_eq!(
            table_at(b"xref\n99999999999999999999999999999999999999999 1\n", 0)
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn other_objects_are_not_streams() {
        for bytes in [
            &b"3 0 obj << /Type /XRef >> endobj"[..],
            b"xref\n0 1\n",
            b"3 0 obj [1 2] stream",
            b"3 0 obj << /A (unclosed >> stream",
            b"3 0 obj << /A <unclosed",
            b"3 0 obj << /A << /B 1 >> stream",
            b"",
        ] {
            assert_eq!(stream_at(bytes, 0), At::Other, "{bytes:?}");
        }
    }

    #[test]
    fn the_scans_are_linear_in_adversarial_input() {
        // Unclosed strings, names of escapes and `startxref` without numbers, repeated: each
        // scan passes over each byte a bounded number of times (they finish on 1 MB at once).
        let many = "/#45#45 startxref ( <<".repeat(50_000);
        let s = scan(many.as_bytes());
        assert!(s.xref_offsets.is_empty() && !s.names_encrypt);
        let deep = format!("1 0 obj {}", "<<".repeat(500_000));
        assert_eq!(stream_at(deep.as_bytes(), 0), At::TooLong);
    }

    #[test]
    fn a_dictionary_past_the_limit_is_too_long_and_one_within_is_read() {
        let long = |n: usize| format!("1 0 obj << /Filter /Fl /T ({}) >> stream\n", "x".repeat(n));
        assert!(matches!(stream_at(long(100).as_bytes(), 0), At::Stream(_)));
        assert!(matches!(
            stream_at(long(MAX_DICTIONARY - 100).as_bytes(), 0),
            At::Stream(_)
        ));
        assert_eq!(stream_at(long(MAX_DICTIONARY).as_bytes(), 0), At::TooLong);
        // At the end of the file it is not a stream, as lopdf finds too.
        let cut = long(MAX_DICTIONARY);
        let cut = &cut.as_bytes()[..MAX_DICTIONARY / 2];
        assert_eq!(stream_at(cut, 0), At::Other);
    }

    #[test]
    fn references_are_not_offsets() {
        // Outline items link to each other with `/Prev N 0 R`: thousands of them in a long
        // document, none an offset.
        let outline = "<< /Title (x) /Prev 12 0 R /Next 14 0 R >>\n".repeat(MAX_OFFSETS * 2);
        let s = scan(format!("{outline}/Prev 99 startxref 7 /Prev 5 0 Rx").as_bytes());
        assert!(!s.too_many_offsets);
        assert_eq!(s.xref_offsets, vec![5, 7, 99]);
    }

    #[test]
    fn offsets_past_the_limit_are_counted_not_kept() {
        let many = "startxref 7 ".repeat(MAX_OFFSETS);
        let s = scan(many.as_bytes());
        assert!(!s.too_many_offsets);
        assert_eq!(s.xref_offsets, vec![7]);
        let s = scan(format!("{many}/Prev 9").as_bytes());
        assert!(s.too_many_offsets);
        assert_eq!(s.xref_offsets, vec![7]);
    }
}
