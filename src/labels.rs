//! Matching the labels reports really print to the catalogue, by meaning rather than bytes.
//!
//! Every reader of published text (PDF, Word, web pages, HTML, Markdown, XLSX) needs to know
//! which row or column a label names. Published labels vary: full- and half-width punctuation,
//! spaces and line breaks inside labels, a missing 数, 规范性文件 for 行政规范性文件, numbering
//! variants (`1.`, `1、`, `（1）`), labels cut off by the extraction. The leniencies are:
//!
//! 1. [`normalize`]: full-width ASCII to half-width, every kind of white space removed, quotes
//!    removed, the numbering punctuation `、．` read as `.`, Chinese brackets as ASCII brackets.
//! 2. [`strip_numbering`]: a leading `一、`, `（一）`, `(三)`, `1.` and the like is not part
//!    of the meaning.
//! 3. The match itself: the label equals an official label, or is a prefix of it of at least
//!    four characters (a label cut off), or contains one of the row's distinctive words
//!    ([`KEYWORDS`]: 国家秘密, 不掌握, 重复申请 …), which are fragments of the official label, not
//!    new labels.
//!
//! A reader that relies on rule 2 or 3 reports it as a repair.

use crate::catalogue::{
    AppealColumn, AppealRow, ApplicantColumn, ApplicationRow, ProactiveColumn, ProactiveRow,
};

/// Normalises a label for comparison (rule 1 above).
pub fn normalize(text: &str) -> String {
    normalize_cow(text).into_owned()
}

/// [`normalize`], borrowing `text` when it is already normalised (most labels are), so that a
/// lookup that only compares the label allocates nothing.
pub(crate) fn normalize_cow(text: &str) -> std::borrow::Cow<'_, str> {
    crate::place::work::tick(text.len());
    let mut out = String::new();
    // The text between changed characters is copied as it stands, not character by character.
    let mut copied = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0usize;
    while let Some(&lead) = bytes.get(i) {
        // Every character this changes or drops is ASCII white space, `"`, `'` or `*`, or
        // starts with one of five lead bytes (0xC2 U+0085 U+00A0; 0xE1 U+1680; 0xE2 U+2000–U+205F;
        // 0xE3 U+3000–U+3015; 0xEF U+FEFF U+FF01–U+FF5E): every other character, CJK text
        // above all, is passed over by its length without being decoded.
        let may_change = crate::chars::is_ascii_space(lead)
            || matches!(lead, b'"' | b'\'' | b'*' | 0xEF)
            || crate::chars::may_start_other_space(lead);
        if !may_change {
            i = i.saturating_add(crate::chars::utf8_len(lead));
            continue;
        }
        let Some(ch) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        i = i.saturating_add(ch.len_utf8());
        let start = i.saturating_sub(ch.len_utf8());
        let mapped = match ch {
            '、' | '．' => '.',
            '〔' | '【' | '［' => '(',
            '〕' | '】' | '］' => ')',
            '\u{FF01}'..='\u{FF5E}' => {
                char::from_u32(u32::from(ch).saturating_sub(0xFEE0)).unwrap_or(ch)
            }
            _ => ch,
        };
        let dropped = mapped.is_whitespace()
            || matches!(
                mapped,
                '“' | '”' | '"' | '‘' | '’' | '\'' | '*' | '\u{200b}' | '\u{feff}'
            );
        if dropped || mapped != ch {
            if out.capacity() == 0 {
                out.reserve(text.len());
            }
            out.push_str(text.get(copied..start).unwrap_or(""));
            if !dropped {
                out.push(mapped);
            }
            copied = i;
        }
    }
    if copied == 0 {
        // Nothing was changed or dropped.
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    std::borrow::Cow::Owned(out)
}

/// Removes a leading numbering from a normalised label (rule 2 above): `一.`, `(一)`, `(三)1.`,
/// `1.`, `(1)`; returns the rest.
pub fn strip_numbering(label: &str) -> &str {
    let mut rest = label;
    loop {
        let before = rest;
        if let Some(r) = rest.strip_prefix('(') {
            if let Some(close) = r.find(')') {
                let inner = r.get(..close).unwrap_or("");
                if !inner.is_empty() && inner.chars().all(is_numeral) {
                    rest = r.get(close.saturating_add(1)..).unwrap_or("");
                }
            }
        } else {
            let n = rest.chars().take_while(|&c| is_numeral(c)).count();
            if n > 0 {
                let after: &str = rest
                    .char_indices()
                    .nth(n)
                    .and_then(|(i, _)| rest.get(i..))
                    .unwrap_or("");
                if let Some(r) = after.strip_prefix('.') {
                    rest = r;
                }
            }
        }
        if rest == before {
            return rest;
        }
    }
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || is_chinese_numeral(c)
}

/// Whether `c` is one of the Chinese numerals a label's numbering uses, 一 to 十 (`三、`,
/// `（五）`).
pub(crate) fn is_chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Distinctive words of the rows of section 三, most specific first. Each is a fragment of the
/// row's official label.
pub const KEYWORDS: &[(ApplicationRow, &str)] = &[
    (ApplicationRow::Received, "本年新收"),
    (ApplicationRow::CarriedOver, "上年结转"),
    (ApplicationRow::CarriedForward, "结转下年度"),
    (ApplicationRow::PartiallyGranted, "部分公开"),
    (ApplicationRow::WithheldStateSecret, "国家秘密"),
    (ApplicationRow::WithheldProhibitedByLaw, "禁止公开"),
    (ApplicationRow::WithheldSecurityStability, "三安全一稳定"),
    (ApplicationRow::WithheldThirdPartyRights, "第三方"),
    (ApplicationRow::WithheldInternalAffairs, "内部事务"),
    (ApplicationRow::WithheldProcessInformation, "过程性信息"),
    (ApplicationRow::WithheldEnforcementFiles, "执法案卷"),
    (ApplicationRow::WithheldQueryMatters, "行政查询"),
    (ApplicationRow::UnavailableNotHeld, "不掌握"),
    (ApplicationRow::UnavailableNeedsCreation, "另行制作"),
    (ApplicationRow::UnavailableUnclear, "仍不明确"),
    (ApplicationRow::NotProcessedComplaint, "信访举报"),
    (ApplicationRow::NotProcessedDuplicate, "重复申请"),
    (ApplicationRow::NotProcessedPublication, "公开出版物"),
    (ApplicationRow::NotProcessedExcessive, "大量反复"),
    (ApplicationRow::NotProcessedConfirmation, "重新出具"),
    (ApplicationRow::OtherOverdueCorrection, "逾期不补正"),
    (ApplicationRow::OtherUnpaidFee, "缴纳费用"),
    (ApplicationRow::Granted, "予以公开"),
];

/// Which row of section 三 `label` names, if any. `3.其他` and `（六）其他处理` are told apart
/// by the caller, who knows whether （六） has sub-rows: this returns
/// [`ApplicationRow::OtherOther`] for `3.其他` and [`ApplicationRow::Other`] for `其他处理`.
pub fn application_row(label: &str) -> Option<ApplicationRow> {
    application_row_normalized(&normalize_cow(label))
}

/// [`application_row`] of a label already normalised: [`normalize`] maps its output to itself,
/// so a part of a normalised label needs no second pass (and no second allocation).
pub(crate) fn application_row_normalized(n: &str) -> Option<ApplicationRow> {
    // The official rows and keywords, each compared with the label: a constant number of
    // passes over it.
    crate::place::work::tick(n.len().saturating_mul(KEYWORDS.len()));
    let bare = strip_numbering(n);
    if bare.is_empty() {
        return None;
    }
    if bare.starts_with("总计") || bare == "合计" {
        return Some(ApplicationRow::Total);
    }
    if bare == "其他" {
        return Some(ApplicationRow::OtherOther);
    }
    if bare.starts_with("其他处理") {
        return Some(ApplicationRow::Other);
    }
    if bare.contains("不予公开") && !bare.contains("予以公开") {
        return None;
    }
    let long_enough = bare.chars().nth(3).is_some();
    for (row, official) in official_rows() {
        let official = official.as_str();
        if bare == official || (long_enough && official.starts_with(bare)) {
            return Some(*row);
        }
    }
    KEYWORDS
        .iter()
        .zip(keyword_finders())
        .find(|(_, f)| f.find(bare.as_bytes()).is_some())
        .map(|(&(row, _), _)| row)
}

/// A searcher (memchr's `memmem`) for each of [`KEYWORDS`], in its order, built once: a label
/// is looked up for every keyword, and std's `contains` builds its searcher anew each time.
fn keyword_finders() -> &'static [memchr::memmem::Finder<'static>] {
    static FINDERS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::OnceLock::new();
    FINDERS.get_or_init(|| {
        KEYWORDS
            .iter()
            .map(|&(_, k)| memchr::memmem::Finder::new(k))
            .collect()
    })
}

/// The most numbered parts of a label [`application_row_in`] tries, the last first.
const MAX_NUMBERED_PARTS: usize = 8;

/// Which row of section 三 a label that may carry other text names: the label as a reader
/// found it, often with a group heading or the tail of the previous row's label in front
/// (`（三）不予公开1.属于国家秘密`, `形，不计其他情形）1.属于国家秘密`). Tries each of the last
/// eight parts that start at a numbering (`1.`, `（一）`, `一、`), the last first, then the whole
/// text.
pub fn application_row_in(label: &str) -> Option<ApplicationRow> {
    let n = normalize_cow(label);
    let n = n.as_ref();
    // The last MAX_NUMBERED_PARTS starts, in a ring: `seen` counts every start found.
    let mut starts = [0usize; MAX_NUMBERED_PARTS];
    let mut seen = 0usize;
    let mut prev: Option<char> = None;
    for (i, c) in n.char_indices() {
        let numbered = if c == '(' {
            let rest = n.get(i.saturating_add(1)..).unwrap_or("");
            rest.chars().next().is_some_and(is_numeral)
        } else if is_numeral(c) && !prev.is_some_and(is_numeral) {
            let rest = n.get(i..).unwrap_or("");
            let after = rest.trim_start_matches(is_numeral);
            after.starts_with('.')
                && !after
                    .get(1..)
                    .is_some_and(|a| a.starts_with(|d: char| d.is_ascii_digit()))
        } else {
            false
        };
        if numbered && prev.is_none_or(|p| p != '(') {
            if let Some(slot) = starts.get_mut(seen % MAX_NUMBERED_PARTS) {
                *slot = i;
            }
            seen = seen.saturating_add(1);
        }
        prev = Some(c);
    }
    // A label names one row, with at most a heading and the tail of another before it: the
    // last few numbered parts are enough (tried the last first), and trying every part of a
    // long text would read it once per numbering in it.
    let kept = seen.min(MAX_NUMBERED_PARTS);
    for back in 1..=kept {
        let slot = seen.wrapping_sub(back) % MAX_NUMBERED_PARTS;
        let Some(&s) = starts.get(slot) else {
            continue;
        };
        if let Some(row) = n.get(s..).and_then(application_row_normalized) {
            return Some(row);
        }
    }
    application_row_normalized(n)
}

/// Which column of section 三 `label` names, if any.
pub fn applicant_column(label: &str) -> Option<ApplicantColumn> {
    applicant_column_normalized(&normalize_cow(label))
}

/// [`applicant_column`] of a label already [`normalize`]d.
pub(crate) fn applicant_column_normalized(n: &str) -> Option<ApplicantColumn> {
    let bare = strip_numbering(n);
    ApplicantColumn::ALL
        .iter()
        .copied()
        .find(|c| bare == c.label())
        .or(match bare {
            "公益组织" => Some(ApplicantColumn::SocialWelfare),
            "合计" => Some(ApplicantColumn::Total),
            _ => None,
        })
}

/// Which row of section 二 `label` names, if any (规范性文件 and 行政规范性文件 both name
/// [`ProactiveRow::NormativeDocuments`]).
pub fn proactive_row(label: &str) -> Option<ProactiveRow> {
    proactive_row_normalized(&normalize_cow(label))
}

/// [`proactive_row`] of a label already [`normalize`]d.
pub(crate) fn proactive_row_normalized(n: &str) -> Option<ProactiveRow> {
    let bare = strip_numbering(n);
    if bare.ends_with("规范性文件") {
        return Some(ProactiveRow::NormativeDocuments);
    }
    let official = official_proactive_rows();
    official
        .iter()
        .find(|(_, l)| bare == l)
        .or_else(|| {
            let long_enough = bare.chars().nth(3).is_some();
            official
                .iter()
                .find(|(_, l)| long_enough && bare.contains(l.as_str()))
        })
        .map(|&(r, _)| r)
}

/// Which column of section 二 `label` names, if any, in either edition.
pub fn proactive_column(label: &str) -> Option<ProactiveColumn> {
    proactive_column_normalized(&normalize_cow(label))
}

/// [`proactive_column`] of a label already [`normalize`]d.
pub(crate) fn proactive_column_normalized(n: &str) -> Option<ProactiveColumn> {
    let bare: std::borrow::Cow<'_, str> = if n.contains('数') {
        n.replace('数', "").into()
    } else {
        n.into()
    };
    let bare = bare.as_ref();
    if let Some(&(c, _)) = official_proactive_columns()
        .iter()
        .find(|(_, l)| bare == *l)
    {
        return Some(c);
    }
    let words: &[(ProactiveColumn, &str)] = &[
        (ProactiveColumn::NewlyMade, "新制作"),
        (ProactiveColumn::NewlyPublished, "新公开"),
        (ProactiveColumn::TotalPublished, "公开总"),
        (ProactiveColumn::PreviousItems, "上一年项目"),
        (ProactiveColumn::Change, "增"),
        (ProactiveColumn::Projects, "采购项目"),
        (ProactiveColumn::Decisions, "处理决定"),
        (ProactiveColumn::Issued, "制发"),
        (ProactiveColumn::Repealed, "废止"),
        (ProactiveColumn::InForce, "现行有效"),
        (ProactiveColumn::Amount, "金额"),
    ];
    words
        .iter()
        .find(|(_, w)| bare.contains(w))
        .map(|&(c, _)| c)
}

/// Which column of section 四 `label` names, if any.
pub fn appeal_column(label: &str) -> Option<AppealColumn> {
    appeal_column_normalized(&normalize_cow(label))
}

/// [`appeal_column`] of a label already [`normalize`]d.
pub(crate) fn appeal_column_normalized(n: &str) -> Option<AppealColumn> {
    let words: &[(AppealColumn, &str)] = &[
        (AppealColumn::Upheld, "维持"),
        (AppealColumn::Corrected, "纠正"),
        (AppealColumn::Other, "其他"),
        (AppealColumn::Pending, "未审结"),
        (AppealColumn::Total, "总计"),
    ];
    words.iter().find(|(_, w)| n.contains(w)).map(|&(c, _)| c)
}

/// Whether `text` is a column header of one of the official tables, in either edition: a
/// column label (本年新制作数量, 自然人, 结果维持 …), a header over columns (信息内容, 申请人情况,
/// 法人或其他组织, 行政复议, 行政诉讼 and its two blocks) or the note of section 三. Exact after
/// [`normalize`], so a row label that merely contains such a word is not a header.
pub fn is_column_header(text: &str) -> bool {
    let n = normalize(text);
    !n.is_empty() && column_headers().contains(&n)
}

/// The official labels of the rows of section 三, normalised and without their numbering,
/// computed once.
fn official_rows() -> &'static [(ApplicationRow, String)] {
    static ROWS: std::sync::OnceLock<Vec<(ApplicationRow, String)>> = std::sync::OnceLock::new();
    ROWS.get_or_init(|| {
        ApplicationRow::ALL
            .iter()
            .map(|&r| (r, strip_numbering(&normalize(r.label())).to_owned()))
            .collect()
    })
}

/// The official labels of the rows of section 二, normalised, computed once.
fn official_proactive_rows() -> &'static [(ProactiveRow, String)] {
    static ROWS: std::sync::OnceLock<Vec<(ProactiveRow, String)>> = std::sync::OnceLock::new();
    ROWS.get_or_init(|| {
        ProactiveRow::ALL
            .iter()
            .map(|&r| (r, normalize(r.label())))
            .collect()
    })
}

/// The official labels of the columns of section 二 in each edition (2019 first), normalised
/// and without 数, computed once, in the order [`proactive_column`] tries them.
fn official_proactive_columns() -> &'static [(ProactiveColumn, String)] {
    use crate::catalogue::Edition;
    static COLUMNS: std::sync::OnceLock<Vec<(ProactiveColumn, String)>> =
        std::sync::OnceLock::new();
    COLUMNS.get_or_init(|| {
        ProactiveColumn::ALL
            .iter()
            .flat_map(|&c| {
                Edition::ALL
                    .iter()
                    .map(move |&e| (c, normalize(c.label_in(e)).replace('数', "")))
            })
            .collect()
    })
}

/// Every column header of both editions, normalised, computed once.
fn column_headers() -> &'static [String] {
    use crate::catalogue::{
        APPLICANT_HEADER, APPLICATIONS_NOTE, Edition, LITIGATION_HEADER, ORGANISATIONS_HEADER,
        PROACTIVE_CONTENT_HEADER,
    };
    static HEADERS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    HEADERS.get_or_init(|| {
        let fixed = [
            PROACTIVE_CONTENT_HEADER,
            APPLICANT_HEADER,
            ORGANISATIONS_HEADER,
            LITIGATION_HEADER,
            APPLICATIONS_NOTE,
        ];
        let proactive = ProactiveColumn::ALL
            .iter()
            .flat_map(|&c| Edition::ALL.iter().map(move |&e| c.label_in(e)));
        let others = ApplicantColumn::ALL
            .iter()
            .map(|c| c.label())
            .chain(AppealColumn::ALL.iter().map(|c| c.label()))
            .chain(AppealRow::ALL.iter().map(|r| r.label()));
        fixed
            .into_iter()
            .chain(proactive)
            .chain(others)
            .map(normalize)
            .collect()
    })
}

/// Which block of section 四 `label` names, if any.
pub fn appeal_row(label: &str) -> Option<AppealRow> {
    appeal_row_normalized(&normalize_cow(label))
}

/// [`appeal_row`] of a label already [`normalize`]d.
pub(crate) fn appeal_row_normalized(n: &str) -> Option<AppealRow> {
    if n.contains("未经复议") {
        Some(AppealRow::LitigationDirect)
    } else if n.contains("复议后") {
        Some(AppealRow::LitigationAfterReview)
    } else if n.contains("行政复议") {
        Some(AppealRow::Review)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`normalize`] by its definition, a character at a time.
    fn normalize_by_chars(text: &str) -> String {
        text.chars()
            .map(|ch| match ch {
                '、' | '．' => '.',
                '〔' | '【' | '［' => '(',
                '〕' | '】' | '］' => ')',
                '\u{FF01}'..='\u{FF5E}' => {
                    char::from_u32(u32::from(ch).saturating_sub(0xFEE0)).unwrap_or(ch)
                }
                _ => ch,
            })
            .filter(|&c| {
                !(c.is_whitespace()
                    || matches!(
                        c,
                        '“' | '”' | '"' | '‘' | '’' | '\'' | '*' | '\u{200b}' | '\u{feff}'
                    ))
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn normalize_is_its_definition(
            chars in proptest::collection::vec(proptest::prop_oneof![
                proptest::char::range('\u{0}', '\u{7F}'),
                proptest::char::range('\u{80}', '\u{2100}'),
                proptest::char::range('\u{2FF0}', '\u{3020}'),
                proptest::char::range('\u{4E00}', '\u{4E40}'),
                proptest::char::range('\u{FEF0}', '\u{FF70}'),
                proptest::char::range('\u{1F600}', '\u{1F610}'),
            ], 0..24)
        ) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(normalize(&text), normalize_by_chars(&text));
        }
    }

    #[test]
    fn a_numeral_is_an_ascii_digit_or_one_of_the_ten_chinese_numerals() {
        for cp in 0..0x3_0000u32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            assert_eq!(
                is_numeral(c),
                c.is_ascii_digit() || "一二三四五六七八九十".contains(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn normalize_maps_and_drops_each_character_on_its_own() {
        // The definition, one character at a time.
        let reference = |text: &str| -> String {
            text.chars()
                .map(|ch| match ch {
                    '、' | '．' => '.',
                    '〔' | '【' | '［' => '(',
                    '〕' | '】' | '］' => ')',
                    '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(ch) - 0xFEE0).unwrap_or(ch),
                    _ => ch,
                })
                .filter(|ch| {
                    !ch.is_whitespace()
                        && !matches!(
                            ch,
                            '“' | '”' | '"' | '‘' | '’' | '\'' | '*' | '\u{200b}' | '\u{feff}'
                        )
                })
                .collect()
        };
        let mut every: String = ('\u{FF01}'..='\u{FF5E}').collect();
        every.push_str("、．〔【［〕】］“”\"‘’'*\u{200b}\u{feff} \t\n\u{3000}\u{a0}");
        let mut texts = vec![every.clone(), String::new(), "本年新收".to_owned()];
        for c in every.chars() {
            texts.push(format!("{c}"));
            texts.push(format!("（一）{c}本年{c}{c}新收{c}"));
        }
        for t in &texts {
            assert_eq!(normalize(t), reference(t), "{t:?}");
        }
    }

    #[test]
    fn normalize_maps_its_output_to_itself() {
        // `application_row_in` relies on it: the parts of a normalised label are not
        // normalised again.
        let mut every_special: String = ('\u{FF01}'..='\u{FF5E}').collect();
        every_special
            .push_str("、．〔【［〕】］“”\"‘’'*\u{200b}\u{feff} \t\n\u{3000}（一）１．本年");
        for label in [
            every_special.as_str(),
            "（二）部分公开（区分处理",
            "形，不计其他情形）1.属于国家秘密",
            "＂＇＊　ａ",
        ] {
            let once = normalize(label);
            assert_eq!(normalize(&once), once, "{label}");
        }
    }

    #[test]
    fn labels_match_across_widths_spaces_and_numbering() {
        assert_eq!(
            application_row("（二）部分公开（区分处理"),
            Some(ApplicationRow::PartiallyGranted)
        );
        assert_eq!(
            application_row("一、本年新收政府信息\n公开申请数量"),
            Some(ApplicationRow::Received)
        );
        assert_eq!(
            application_row("1．属于国家秘密"),
            Some(ApplicationRow::WithheldStateSecret)
        );
        assert_eq!(
            application_row("3.危及\"三安全一稳定\""),
            Some(ApplicationRow::WithheldSecurityStability)
        );
        assert_eq!(
            application_row("（一）予以公开"),
            Some(ApplicationRow::Granted)
        );
        assert_eq!(application_row("（三）不予公开"), None);
        assert_eq!(application_row("（七）总计"), Some(ApplicationRow::Total));
        assert_eq!(application_row("3.其他"), Some(ApplicationRow::OtherOther));
        assert_eq!(
            application_row("（六）其他处理"),
            Some(ApplicationRow::Other)
        );
        assert_eq!(
            application_row("四、结转下年度继续办理"),
            Some(ApplicationRow::CarriedForward)
        );
    }

    #[test]
    fn section_two_labels_of_both_editions() {
        assert_eq!(
            proactive_row("规范性文件"),
            Some(ProactiveRow::NormativeDocuments)
        );
        assert_eq!(
            proactive_row("行政规范性文件"),
            Some(ProactiveRow::NormativeDocuments)
        );
        assert_eq!(proactive_column("本年增/减"), Some(ProactiveColumn::Change));
        assert_eq!(
            proactive_column("处理决定数量"),
            Some(ProactiveColumn::Decisions)
        );
        assert_eq!(
            proactive_column("本年收费金额（单位：万元）"),
            Some(ProactiveColumn::Amount)
        );
        assert_eq!(
            proactive_column("现行有效件数"),
            Some(ProactiveColumn::InForce)
        );
    }

    #[test]
    fn appeal_labels() {
        assert_eq!(appeal_column("结果维持"), Some(AppealColumn::Upheld));
        assert_eq!(appeal_column("尚未审结"), Some(AppealColumn::Pending));
        assert_eq!(
            appeal_row("未经复议直接起诉"),
            Some(AppealRow::LitigationDirect)
        );
        assert_eq!(
            applicant_column("社会公益组织"),
            Some(ApplicantColumn::SocialWelfare)
        );
    }

    #[test]
    fn the_last_numbered_part_names_the_row() {
        assert_eq!(
            application_row_in("（三）不\n予公开\n1.属于国家秘密"),
            Some(ApplicationRow::WithheldStateSecret)
        );
        assert_eq!(
            application_row_in("形，不计其他情形）1.属于国家秘密"),
            Some(ApplicationRow::WithheldStateSecret)
        );
        assert_eq!(
            application_row_in(
                "（六）其他处理1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
            ),
            Some(ApplicationRow::OtherOverdueCorrection)
        );
        assert_eq!(
            application_row_in("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            Some(ApplicationRow::PartiallyGranted)
        );
    }

    #[test]
    fn numbering_is_stripped() {
        assert_eq!(strip_numbering("(三)1.属于"), "属于");
        assert_eq!(strip_numbering("一.本年"), "本年");
        assert_eq!(strip_numbering("12"), "12");
    }
}
