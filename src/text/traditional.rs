//! The traditional-character leniency: reports mirrored or converted into traditional
//! characters (`政府信息公開工作年度報告`, `申請人情況`) are read by folding the traditional
//! characters that occur in the format's title, headings and labels to their simplified forms
//! before matching.
//!
//! Only the characters of [`TRADITIONAL`] are folded — the ones those words actually use, not a
//! general converter — plus the word `資訊` (the Taiwan word for 信息, [`WORDS`]). Every pair has
//! the same UTF-8 length, so byte offsets into the folded text are byte offsets into the source:
//! spans, lines and the prose cut from the source stay right. The reader reports the folding as
//! one `read.repaired` finding, and takes the issuer and the prose from the source as written.

use std::borrow::Cow;
use std::sync::OnceLock;

/// Traditional characters of the format's words, each with its simplified form.
#[rustfmt::skip]
pub const TRADITIONAL: &[(char, char)] = &[
    ('開', '开'), ('報', '报'), ('總', '总'), ('體', '体'), ('況', '况'), ('動', '动'), ('處', '处'), ('請', '请'),
    ('復', '复'), ('議', '议'), ('訴', '诉'), ('訟', '讼'), ('問', '问'), ('題', '题'), ('進', '进'), ('項', '项'),
    ('條', '条'), ('內', '内'), ('規', '规'), ('範', '范'), ('許', '许'), ('罰', '罚'), ('強', '强'), ('業', '业'),
    ('費', '费'), ('採', '采'), ('購', '购'), ('製', '制'), ('數', '数'), ('對', '对'), ('減', '减'), ('決', '决'),
    ('發', '发'), ('廢', '废'), ('現', '现'), ('額', '额'), ('單', '单'), ('萬', '万'), ('組', '组'), ('織', '织'),
    ('機', '机'), ('構', '构'), ('會', '会'), ('務', '务'), ('計', '计'), ('結', '结'), ('轉', '转'), ('辦', '办'),
    ('區', '区'), ('這', '这'), ('屬', '属'), ('於', '于'), ('國', '国'), ('穩', '稳'), ('護', '护'), ('權', '权'),
    ('類', '类'), ('過', '过'), ('執', '执'), ('詢', '询'), ('無', '无'), ('關', '关'), ('沒', '没'), ('補', '补'),
    ('後', '后'), ('確', '确'), ('訪', '访'), ('舉', '举'), ('複', '复'), ('當', '当'), ('認', '认'), ('獲', '获'),
    ('繳', '缴'), ('納', '纳'), ('繼', '继'), ('續', '续'), ('維', '维'), ('糾', '纠'), ('審', '审'), ('經', '经'),
    ('係', '系'), ('時', '时'), ('間', '间'), ('統', '统'), ('與', '与'), ('簡', '简'), ('稱', '称'), ('門', '门'),
    ('環', '环'), ('衛', '卫'), ('輸', '输'), ('運', '运'), ('際', '际'), ('縣', '县'), ('鎮', '镇'), ('鄉', '乡'),
    ('廳', '厅'), ('辭', '辞'), ('資', '资'),
];

/// The lookup tables of [`TRADITIONAL`], built once: a bit per code point from the first
/// traditional character to the last, the pairs sorted for a binary search, and a bit per
/// block of 64 code points of the three-byte UTF-8 range that holds a traditional character.
struct Table {
    first: u32,
    bits: Vec<u64>,
    sorted: Vec<(char, char)>,
    /// `blocks[lead & 0x0F]` bit `second & 0x3F`: whether the code points whose UTF-8 starts
    /// with the bytes `lead`, `second` (lead `0xE0..=0xEF`) include a traditional character.
    blocks: [u64; 16],
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut sorted = TRADITIONAL.to_vec();
        sorted.sort_unstable();
        let first = sorted.first().map_or(0, |&(t, _)| u32::from(t));
        let last = sorted.last().map_or(0, |&(t, _)| u32::from(t));
        let words = usize::try_from(last.saturating_sub(first) / 64)
            .unwrap_or(0)
            .saturating_add(1);
        let mut bits = vec![0u64; words];
        for &(t, _) in &sorted {
            let offset = u32::from(t).saturating_sub(first);
            if let Some(w) = usize::try_from(offset / 64)
                .ok()
                .and_then(|i| bits.get_mut(i))
            {
                *w |= 1u64 << (offset % 64);
            }
        }
        let mut blocks = [0u64; 16];
        for &(t, _) in &sorted {
            let mut utf8 = [0u8; 4];
            if let [lead, second, _] = t.encode_utf8(&mut utf8).as_bytes() {
                if let Some(b) = blocks.get_mut(usize::from(lead & 0x0F)) {
                    *b |= 1u64 << (second & 0x3F);
                }
            }
        }
        Table {
            first,
            bits,
            sorted,
            blocks,
        }
    })
}

impl Table {
    /// Whether `text` holds a character of [`TRADITIONAL`]. Every one is three bytes long in
    /// UTF-8, so the scan reads bytes: shorter characters are passed over, and a three-byte
    /// one is looked up only when its first two bytes name a block of 64 code points that holds
    /// a traditional character.
    fn any_in(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let mut i = 0usize;
        while let Some(&lead) = bytes.get(i) {
            if lead < 0xE0 {
                // ASCII, or a byte of a two-byte character.
                i = i.saturating_add(1);
                continue;
            }
            if lead >= 0xF0 {
                i = i.saturating_add(4);
                continue;
            }
            let second = bytes.get(i.saturating_add(1)).copied().unwrap_or(0) & 0x3F;
            let block = self
                .blocks
                .get(usize::from(lead & 0x0F))
                .is_some_and(|b| b >> second & 1 == 1);
            if block {
                let third = bytes.get(i.saturating_add(2)).copied().unwrap_or(0) & 0x3F;
                let cp =
                    (u32::from(lead & 0x0F) << 12) | (u32::from(second) << 6) | u32::from(third);
                if self.has(cp) {
                    return true;
                }
            }
            i = i.saturating_add(3);
        }
        false
    }

    /// Whether code point `cp` is one of [`TRADITIONAL`]: its bit.
    fn has(&self, cp: u32) -> bool {
        cp.checked_sub(self.first)
            .and_then(|offset| {
                let word = self.bits.get(usize::try_from(offset / 64).ok()?)?;
                Some(word & (1u64 << (offset % 64)) != 0)
            })
            .unwrap_or(false)
    }

    /// The simplified form of `c`, if it is one of [`TRADITIONAL`]. Most characters are turned
    /// away by one bit of the table; the rest are found by a binary search, so that a text is
    /// scanned in a few instructions a character, not one comparison per entry of the table.
    /// The caller looks the table up once per text, not once per character.
    fn simplified(&self, c: char) -> Option<char> {
        if !self.has(u32::from(c)) {
            return None;
        }
        self.sorted
            .binary_search_by_key(&c, |&(t, _)| t)
            .ok()
            .and_then(|i| self.sorted.get(i))
            .map(|&(_, s)| s)
    }
}

/// Words folded as a whole before the characters: (traditional, simplified), same UTF-8 length.
pub const WORDS: &[(&str, &str)] = &[("資訊", "信息")];

/// `text` with the traditional characters of [`TRADITIONAL`] and the words of [`WORDS`] folded
/// to simplified, and how many characters were folded. Borrowed when there was nothing to fold.
pub fn fold(text: &str) -> (Cow<'_, str>, usize) {
    crate::place::work::tick(text.len());
    let table = table();
    let needs = table.any_in(text);
    if !needs {
        return (Cow::Borrowed(text), 0);
    }
    let mut folded = 0usize;
    // Each word is looked for over the whole text: a constant number of passes.
    crate::place::work::tick(text.len().saturating_mul(WORDS.len().saturating_add(1)));
    let mut words = text.to_owned();
    for &(t, s) in WORDS {
        if t.len() == s.len() && words.contains(t) {
            let n = words.matches(t).count();
            folded = folded.saturating_add(n.saturating_mul(t.chars().count()));
            words = words.replace(t, s);
        }
    }
    // The text between folded characters is copied as it stands, not character by character.
    let mut out = String::with_capacity(words.len());
    let mut copied = 0usize;
    for (i, c) in words.char_indices() {
        match table.simplified(c) {
            Some(s) if c.len_utf8() == s.len_utf8() => {
                out.push_str(words.get(copied..i).unwrap_or(""));
                out.push(s);
                copied = i.saturating_add(c.len_utf8());
                folded = folded.saturating_add(1);
            }
            _ => {}
        }
    }
    out.push_str(words.get(copied..).unwrap_or(""));
    (Cow::Owned(out), folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_traditional_character_is_three_bytes_long() {
        // What the byte scan of `Table::any_in` relies on.
        for &(t, _) in TRADITIONAL {
            assert_eq!(t.len_utf8(), 3, "{t}");
        }
    }

    #[test]
    fn the_byte_scan_finds_what_a_scan_of_the_characters_finds() {
        // The definition: some character of the text is in the table. Every traditional
        // character, its simplified form and characters beside them in the same and the next
        // blocks, after text of every UTF-8 length (ASCII, two-, three- and four-byte).
        let table = table();
        let mut probes: Vec<char> = Vec::new();
        for &(t, s) in TRADITIONAL {
            for c in [t, s] {
                let cp = u32::from(c);
                probes.extend(
                    [
                        cp.saturating_sub(64),
                        cp.saturating_sub(1),
                        cp,
                        cp.saturating_add(1),
                        cp.saturating_add(64),
                    ]
                    .into_iter()
                    .filter_map(char::from_u32),
                );
            }
        }
        probes.extend(['a', 'é', '€', '𠀀', '\u{FFFF}', '\u{E000}', '\u{0800}']);
        let mut checked = 0usize;
        for lead in ["", "a", "é", "中", "𠀀", "ab中é"] {
            for &c in &probes {
                let text = format!("{lead}{c}");
                let by_chars = text.chars().any(|x| table.simplified(x).is_some());
                assert_eq!(table.any_in(&text), by_chars, "{text:?}");
                checked = checked.saturating_add(1);
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn every_pair_keeps_its_length() {
        for &(t, s) in TRADITIONAL {
            assert_eq!(t.len_utf8(), s.len_utf8(), "{t} → {s}");
        }
        for &(t, s) in WORDS {
            assert_eq!(t.len(), s.len(), "{t} → {s}");
        }
    }

    #[test]
    fn the_search_finds_what_the_table_says() {
        // Each traditional character once, so the sorted search cannot pick another pair.
        for (i, &(t, s)) in TRADITIONAL.iter().enumerate() {
            assert!(
                !TRADITIONAL.iter().skip(i + 1).any(|&(u, _)| u == t),
                "{t} twice"
            );
            assert_eq!(table().simplified(t), Some(s), "{t}");
            assert_eq!(table().simplified(s), None, "{s}");
        }
        for c in ['a', '1', '政', '府', '信', '息', '\u{10FFFF}'] {
            assert_eq!(table().simplified(c), None, "{c}");
        }
    }

    #[test]
    fn title_and_labels_fold() {
        let (f, n) = fold("交通運輸部2019年政府資訊公開工作年度報告 申請人情況");
        assert_eq!(f, "交通运输部2019年政府信息公开工作年度报告 申请人情况");
        assert_eq!(n, 8);
        assert_eq!(
            f.len(),
            "交通運輸部2019年政府資訊公開工作年度報告 申請人情況".len()
        );
        let (f, n) = fold("某县某局2024年政府信息公开工作年度报告");
        assert!(matches!(f, Cow::Borrowed(_)));
        assert_eq!(n, 0);
    }
}
