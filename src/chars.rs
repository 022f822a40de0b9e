//! What the byte scans of the readers rely on about UTF-8 text: which bytes are ASCII white
//! space, which lead bytes other white space can start with, and how long a character is from
//! its lead byte. One place, so that every scan that passes over bytes tells white space alike
//! (each is tested against `char::is_whitespace` where it is used). Each is `#[inline]`:
//! they are called per byte from other modules, which are other codegen units.

/// Whether `b` is ASCII white space as `char::is_whitespace` tells it (U+0009–U+000D, U+0020;
/// `u8::is_ascii_whitespace` leaves out U+000B).
#[inline]
pub(crate) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// Whether a character with lead byte `lead` can be white space outside ASCII: U+0085 and
/// U+00A0 (0xC2), U+1680 (0xE1), U+2000–U+200A, U+2028, U+2029, U+202F and U+205F (0xE2),
/// U+3000 (0xE3). CJK text never starts with one of these.
#[inline]
pub(crate) fn may_start_other_space(lead: u8) -> bool {
    matches!(lead, 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// The length in bytes of the character whose lead byte is `lead` (1 for ASCII).
#[inline]
pub(crate) fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0xBF => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// `line` past its leading ASCII white space (the indent of a layout line).
#[inline]
pub(crate) fn after_ascii_indent(line: &str) -> &str {
    let indent = line
        .bytes()
        .position(|b| !is_ascii_space(b))
        .unwrap_or(line.len());
    line.get(indent..).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_facts_hold_for_every_character() {
        for c in (0..=0x10_FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let lead = c.encode_utf8(&mut buf).bytes().next().unwrap_or(0);
            assert_eq!(utf8_len(lead), c.len_utf8(), "{c:?}");
            if c.is_whitespace() {
                assert!(
                    if c.is_ascii() {
                        is_ascii_space(lead)
                    } else {
                        may_start_other_space(lead)
                    },
                    "{c:?}"
                );
            } else if c.is_ascii() {
                assert!(!is_ascii_space(lead), "{c:?}");
            }
        }
    }
}
