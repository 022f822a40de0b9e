//! Placing the rows of a page's tables into the report, and reading issuer, year and
//! publication date from the page.
//!
//! Stopgap: the text reader's assembler (by label, by position, by arithmetic) replaces the
//! placement here once it is available; this one places by label, and section 四's unlabelled
//! row by position.

use crate::catalogue::{
    AppealColumn, AppealRow, ApplicantColumn, ApplicationRow, CellType, Edition, ProactiveColumn,
    proactive_columns,
};
use crate::cell::{Cell, Origin};
use crate::error::ReadError;
use crate::finding::{Location, Rule};
use crate::labels;
use crate::read::{Reading, SourceRow, Spanned};
use crate::report::{Address, Report, Unplaced};

use super::Page;
use super::table::split_unit;

/// Builds the reading of a page.
pub(super) fn assemble(page: &Page) -> Result<Reading, ReadError> {
    let rows: Vec<SourceRow> = page.tables.iter().flat_map(|t| t.source_rows()).collect();
    let has_values = rows
        .iter()
        .any(|r| r.values.iter().any(|v| !v.text.is_empty()));
    let meta = meta(page);
    let title = meta.title.clone();
    let Some(issuer) = meta.issuer else {
        if !has_values && title.is_none() {
            return Err(ReadError::NotAReport {
                found: "a page with neither a report title nor a table of values".into(),
            });
        }
        return Err(ReadError::Field {
            location: "page title".into(),
            what: "the issuing body's name before 政府信息公开工作年度报告",
            found: title.map_or_else(|| "no title".to_owned(), |t| format!("`{t}`")),
        });
    };
    let Some(year) = meta.year else {
        return Err(ReadError::Field {
            location: "page title".into(),
            what: "the year reported on, such as 2024年",
            found: title.map_or_else(|| "no title".to_owned(), |t| format!("`{t}`")),
        });
    };
    let edition = edition_of(&rows).unwrap_or_else(|| Edition::for_year(year));
    let mut report = Report::new(issuer, year, edition);
    report.published = meta.published;
    let mut notes: Vec<(Rule, Location, Option<usize>, String)> = Vec::new();
    place(&rows, &mut report, &mut notes);
    let mut reading = Reading::new(report);
    for (rule, location, line, message) in notes {
        reading.note(rule, location, line, message);
    }
    Ok(reading)
}

/// The edition the labels of section 二 (and the rows of （六）) point to.
fn edition_of(rows: &[SourceRow]) -> Option<Edition> {
    let mut e2019 = false;
    let mut e2021 = false;
    for l in rows.iter().flat_map(|r| r.labels.iter()) {
        let n = labels::normalize(&l.text);
        e2019 |= ["新制作", "上一年项目", "采购项目", "采购总金额"]
            .iter()
            .any(|w| n.contains(w));
        e2021 |= ["制发件数", "废止件数", "现行有效", "收费金额"]
            .iter()
            .any(|w| n.contains(w));
    }
    match (e2019, e2021) {
        (true, false) => Some(Edition::E2019),
        (false, true) => Some(Edition::E2021),
        _ => None,
    }
}

fn place(
    rows: &[SourceRow],
    report: &mut Report,
    notes: &mut Vec<(Rule, Location, Option<usize>, String)>,
) {
    let edition = report.edition;
    let mut header: Vec<ProactiveColumn> = Vec::new();
    let mut in_appeals = false;
    for row in rows {
        if row.values.is_empty() {
            let cols: Vec<ProactiveColumn> = row
                .labels
                .iter()
                .filter_map(|l| labels::proactive_column(&l.text))
                .collect();
            if !cols.is_empty() {
                header = cols;
            }
            if row.labels.iter().any(|l| {
                let n = labels::normalize(&l.text);
                n.contains("复议") || n.contains("行政诉讼")
            }) {
                in_appeals = true;
            }
            continue;
        }
        let last = row.labels.last().map(|l| l.text.as_str()).unwrap_or("");
        if let Some(prow) = row
            .labels
            .iter()
            .rev()
            .find_map(|l| labels::proactive_row(&l.text))
        {
            let layout = proactive_columns(edition, prow);
            let cols: Vec<ProactiveColumn> =
                if header.len() == row.values.len() && header.iter().all(|c| layout.contains(c)) {
                    header.clone()
                } else {
                    layout.to_vec()
                };
            for (c, v) in cols.iter().zip(&row.values) {
                set(report, Address::Proactive(prow, *c), v, notes);
            }
            extra(report, row, cols.len(), last, notes);
            in_appeals = false;
            continue;
        }
        if let Some(arow) = row
            .labels
            .iter()
            .rev()
            .find_map(|l| labels::application_row(&l.text))
        {
            let arow = match (edition, arow) {
                (Edition::E2019, ApplicationRow::OtherOther) => ApplicationRow::Other,
                _ => arow,
            };
            let n = ApplicantColumn::ALL.len();
            let skip = row.values.len().saturating_sub(n);
            for (c, v) in ApplicantColumn::ALL
                .iter()
                .zip(row.values.iter().skip(skip))
            {
                set(report, Address::Applications(arow, *c), v, notes);
            }
            if skip > 0 {
                let leading: Vec<Spanned> = row.values.iter().take(skip).cloned().collect();
                unplaced(report, row, &leading, last, notes);
            }
            in_appeals = false;
            continue;
        }
        let appeal_label = row
            .labels
            .iter()
            .rev()
            .find_map(|l| labels::appeal_row(&l.text));
        let blocks: Vec<AppealRow> = match appeal_label {
            Some(r) => vec![r],
            None if in_appeals || row.values.len() == 15 => AppealRow::ALL.to_vec(),
            None => Vec::new(),
        };
        if !blocks.is_empty() {
            let cells = blocks.iter().flat_map(|&r| {
                AppealColumn::ALL
                    .iter()
                    .map(move |&c| Address::Appeals(r, c))
            });
            let mut placed = 0usize;
            for (a, v) in cells.zip(&row.values) {
                set(report, a, v, notes);
                placed = placed.saturating_add(1);
            }
            extra(report, row, placed, last, notes);
            continue;
        }
        extra(report, row, 0, last, notes);
    }
}

/// Values of `row` past the first `used` that were not placed.
fn extra(
    report: &mut Report,
    row: &SourceRow,
    used: usize,
    label: &str,
    notes: &mut Vec<(Rule, Location, Option<usize>, String)>,
) {
    let rest: Vec<&Spanned> = row
        .values
        .iter()
        .skip(used)
        .filter(|v| !v.text.is_empty())
        .collect();
    if rest.is_empty() {
        return;
    }
    let owned: Vec<Spanned> = rest.into_iter().cloned().collect();
    unplaced(report, row, &owned, label, notes);
}

fn unplaced(
    report: &mut Report,
    row: &SourceRow,
    values: &[Spanned],
    label: &str,
    notes: &mut Vec<(Rule, Location, Option<usize>, String)>,
) {
    let values = if values.is_empty() {
        &row.values
    } else {
        values
    };
    let line = values.first().map(|v| v.line);
    let raw = values
        .iter()
        .map(|v| v.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let line_text = line.map_or_else(String::new, |l| format!("第 {l} 行："));
    let bytes = match (values.first(), values.last()) {
        (Some(a), Some(b)) => Some(a.bytes.start..b.bytes.end.max(a.bytes.start)),
        _ => None,
    };
    notes.push((
        Rule::ReadUnplaced,
        Location {
            bytes,
            ..Location::table("source")
        },
        line,
        format!("{line_text}表格行「{label}」的值「{raw}」无法归入报告的表格，已原样保留"),
    ));
    report.unplaced.push(Unplaced {
        line,
        key: label.to_owned(),
        raw,
    });
}

/// Sets one cell from the text of a table cell, stripping units and thousands separators
/// (reported).
fn set(
    report: &mut Report,
    address: Address,
    v: &Spanned,
    notes: &mut Vec<(Rule, Location, Option<usize>, String)>,
) {
    let ty: CellType = address.cell_type();
    let text = v.text.trim();
    let cleaned = match split_unit(text) {
        Some((number, unit))
            if !unit.is_empty() || number.contains(',') || number.starts_with('－') =>
        {
            let n = number.replace(',', "").replace('－', "-");
            notes.push((
                Rule::ReadRepaired,
                Location {
                    bytes: Some(v.bytes.clone()),
                    ..Location::cell(address)
                },
                Some(v.line),
                format!(
                    "第 {} 行：{} 写作「{text}」，去掉单位和千位分隔符读作 {n}",
                    v.line,
                    address.describe(report.edition)
                ),
            ));
            n
        }
        _ => text.to_owned(),
    };
    let cell = Cell::from_text(&cleaned, ty).with_origin(Origin {
        line: v.line,
        bytes: v.bytes.clone(),
    });
    report.set(address, cell);
}

/// Issuer, year and publication date as the page states them.
#[derive(Debug, Default)]
struct Meta {
    title: Option<String>,
    issuer: Option<String>,
    year: Option<u16>,
    published: Option<time::Date>,
}

const TITLE_MARKS: &[&str] = &[
    "政府信息公开工作年度报告",
    "政府信息公开年度报告",
    "政务公开工作年度报告",
    "信息公开工作年度报告",
    "年度报告",
];

fn meta(page: &Page) -> Meta {
    let candidates = page.title.iter().map(String::as_str).chain(
        page.text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(80),
    );
    let mut m = Meta::default();
    for line in candidates {
        let Some(head) = TITLE_MARKS
            .iter()
            .find_map(|mark| line.find(mark).and_then(|p| line.get(..p)))
        else {
            continue;
        };
        let Some((year, issuer)) = title_parts(head) else {
            continue;
        };
        m.title = Some(line.to_owned());
        m.year = Some(year);
        if !issuer.is_empty() {
            m.issuer = Some(issuer);
            break;
        }
    }
    m.published = published(&page.text);
    m
}

/// The year and issuer of a title's part before 政府信息公开…: `2019年上海市人民政府办公厅` or
/// `上海市人民政府办公厅2019年度`.
fn title_parts(head: &str) -> Option<(u16, String)> {
    let chars: Vec<(usize, char)> = head.char_indices().collect();
    for (k, window) in chars.windows(5).enumerate() {
        let [(start, a), (_, b), (_, c), (_, d), (end, nian)] = window else {
            continue;
        };
        if *nian != '年' || ![a, b, c, d].iter().all(|x| x.is_ascii_digit()) {
            continue;
        }
        let before = k.checked_sub(1).and_then(|i| chars.get(i)).map(|&(_, c)| c);
        if before.is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        let year: u16 = head.get(*start..*end)?.parse().ok()?;
        let mut after = head
            .get(end.saturating_add('年'.len_utf8())..)
            .unwrap_or("");
        after = after.strip_prefix('度').unwrap_or(after);
        let issuer = format!("{}{}", head.get(..*start).unwrap_or(""), after);
        let issuer = issuer
            .trim_matches(|c: char| c.is_whitespace() || "《》“”\"'（）()【】[]_-—:：".contains(c))
            .trim_start_matches("关于");
        return Some((year, issuer.to_owned()));
    }
    None
}

/// The publication date after 发布日期 / 发布时间 / 成文日期 / 发文日期.
fn published(text: &str) -> Option<time::Date> {
    for label in ["发布日期", "发布时间", "成文日期", "发文日期", "公开日期"] {
        let mut rest = text;
        while let Some(p) = rest.find(label) {
            let after = rest.get(p.saturating_add(label.len())..).unwrap_or("");
            let after =
                after.trim_start_matches(|c: char| c.is_whitespace() || c == ':' || c == '：');
            if let Some(d) = date(after) {
                return Some(d);
            }
            rest = after;
        }
    }
    None
}

/// A date at the start of `s`: `2020-01-31`, `2020/1/31`, `2020.01.31`, `2020年1月31日`.
fn date(s: &str) -> Option<time::Date> {
    let mut nums: Vec<u32> = Vec::new();
    let mut cur = String::new();
    for c in s.chars().take(16) {
        if c.is_ascii_digit() {
            cur.push(c);
        } else if !cur.is_empty()
            && matches!(c, '-' | '/' | '.' | '年' | '月' | '日')
            && nums.len() < 3
        {
            nums.push(cur.parse().ok()?);
            cur.clear();
            if nums.len() == 3 {
                break;
            }
        } else {
            break;
        }
    }
    if nums.len() < 3 && !cur.is_empty() {
        nums.push(cur.parse().ok()?);
    }
    let [y, m, d] = nums.as_slice() else {
        return None;
    };
    let month = time::Month::try_from(u8::try_from(*m).ok()?).ok()?;
    time::Date::from_calendar_date(i32::try_from(*y).ok()?, month, u8::try_from(*d).ok()?).ok()
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
    fn titles_and_dates() {
        assert_eq!(
            title_parts("2019年上海市人民政府办公厅"),
            Some((2019, "上海市人民政府办公厅".to_owned()))
        );
        assert_eq!(
            title_parts("某县某局2024年度"),
            Some((2024, "某县某局".to_owned()))
        );
        assert_eq!(
            published("x 发布日期：2020-01-31 y").unwrap().to_string(),
            "2020-01-31"
        );
        assert_eq!(
            published("成文日期: 2025年1月20日").unwrap().to_string(),
            "2025-01-20"
        );
        assert_eq!(published("发布时间：不详"), None);
    }
}
