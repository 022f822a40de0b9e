//! What a table cell's text reads as: a value (a number, with its unit) or a label. Shared by
//! every reader, so that a cell is judged the same way whichever shape it came in.

/// Whether `token` is the text of one table cell: a number (digits, at most one decimal point,
/// an optional sign, an optional unit 元 or 万元), or a mark for none (`/`, `-`, `无` …).
pub fn is_value_token(token: &str) -> bool {
    crate::place::work::tick(token.len());
    let t = crate::cell::trim(token);
    if crate::cell::is_none_mark(t) {
        return true;
    }
    // A number starts with a digit or a sign (a unit is only ever at its end): most tokens
    // asked about are labels, turned away here by their first byte.
    if !t
        .as_bytes()
        .first()
        .is_some_and(|b| matches!(b, b'0'..=b'9' | b'+' | b'-'))
    {
        return false;
    }
    let t = strip_unit(t).0;
    let t = t.strip_prefix(['+', '-']).unwrap_or(t);
    !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        && t.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && t.bytes().filter(|&b| b == b'.').count() <= 1
}

/// Splits a trailing unit (`元`, `万元`) off a value text: (number text, unit).
pub fn strip_unit(text: &str) -> (&str, Option<&'static str>) {
    for unit in ["万元", "元", "件", "个", "项"] {
        if let Some(n) = text.strip_suffix(unit) {
            return (n.trim_end(), Some(unit));
        }
    }
    (text, None)
}
