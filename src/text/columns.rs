//! Tables written one number per paragraph, as pdfminer gives them: every text box is its own
//! paragraph, the row labels of a table part come first, and then the values — often **column
//! by column** (the 13 values of 自然人, then the 13 of 商业企业, …), not row by row.
//!
//! A region is in this shape ([`is_paragraph_table`]) when every value in it stands alone on its
//! line. Its values then come in *runs* ([`runs`]): stretches of bare value lines, each with the
//! text lines before it (the labels and column headers of that part of the table).
//!
//! - **Section 三**: a run of `R × 7` values is `R` rows of the format, in the format's order,
//!   continuing where the previous run ended; the runs must cover the edition's rows exactly.
//!   Both orientations are built ([`application_rows`]), and the format's arithmetic — row
//!   totals, outcome totals and balance of each column — chooses (see
//!   [`crate::place::assemble::application_identities`]).
//! - **Section 二**: the row labels found before a run are queued; a run takes the queued rows
//!   whose cells it exactly fills (`proactive_rows`). Where a run holds several rows of several
//!   columns, it is read in the orientation section 三 showed, else row by row.
//!
//! The rows are handed to the assembler with the label the source gave them where that label
//! names the same row, so placing by label and by position works as for any other source.

use core::ops::Range;

use crate::catalogue::{ApplicantColumn, ApplicationRow, Edition, ProactiveRow, proactive_columns};
use crate::labels;
use crate::read::{SourceRow, Spanned};
use crate::text::lines::{Source, is_page_marker, is_value_token, words};

/// A stretch of bare value lines with the text lines before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The text lines between the previous run (or the start of the region) and this one.
    pub labels: Vec<Spanned>,
    /// The values, one per line, in the order of the source.
    pub values: Vec<Spanned>,
}

/// How a run of values is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// Row by row: the first row's values, then the second row's.
    Rows,
    /// Column by column: the first column's values down all rows, then the second column's.
    Columns,
}

/// Whether the table in `range` is written one value per line: at least two values, and no line
/// that carries a value also carries label text.
pub fn is_paragraph_table(src: &Source<'_>, range: Range<usize>) -> bool {
    let mut bare = 0usize;
    for (_, line) in src.lines(range) {
        let t = line.trim();
        if t.is_empty() || is_page_marker(t) {
            continue;
        }
        if is_value_token(t) {
            bare = bare.saturating_add(1);
        } else if words(t).any(|(_, w)| is_value_token(w)) {
            return false;
        }
    }
    bare >= 2
}

/// The runs of bare values in `range`, each with the text lines before it. Blank lines and page
/// numbers neither end a run nor count as labels.
pub fn runs(src: &Source<'_>, range: Range<usize>) -> Vec<Run> {
    scan_runs(src, range, false).unwrap_or_default()
}

/// [`runs`] of a table written one value per line, in one pass over its lines: `None` unless
/// [`is_paragraph_table`] holds for `range` (a line that carries a value beside label text
/// ends the pass at once).
pub fn paragraph_runs(src: &Source<'_>, range: Range<usize>) -> Option<Vec<Run>> {
    let runs = scan_runs(src, range, true)?;
    let bare = runs
        .iter()
        .try_fold(0usize, |n, r| n.checked_add(r.values.len()))?;
    (bare >= 2).then_some(runs)
}

/// The loop of [`runs`]; with `paragraph`, `None` at the first line that carries a value
/// beside label text.
fn scan_runs(src: &Source<'_>, range: Range<usize>, paragraph: bool) -> Option<Vec<Run>> {
    // Most tables are not written one value per line, and show it at their first line with a
    // value: until that line the label lines are kept as byte ranges, so that a pass that ends
    // there has copied no text.
    let mut before_first: Option<Vec<Range<usize>>> = paragraph.then(Vec::new);
    let mut out = Vec::new();
    let mut labels: Vec<Spanned> = Vec::new();
    let mut values: Vec<Spanned> = Vec::new();
    for (start, line) in src.lines(range) {
        let t = line.trim();
        if t.is_empty() || is_page_marker(t) {
            continue;
        }
        let value = is_value_token(t);
        if paragraph && !value && words(t).any(|(_, w)| is_value_token(w)) {
            return None;
        }
        let lead = line.len().saturating_sub(line.trim_start().len());
        let s = start.saturating_add(lead);
        let bytes = s..s.saturating_add(t.len());
        if let Some(pending) = before_first.as_mut() {
            if src.text.get(bytes.clone()).is_none() {
                continue;
            }
            if !value {
                pending.push(bytes);
                continue;
            }
            labels = pending.drain(..).filter_map(|r| src.spanned(r)).collect();
            before_first = None;
        }
        let Some(span) = src.spanned(bytes) else {
            continue;
        };
        if value {
            values.push(span);
        } else {
            if !values.is_empty() {
                out.push(Run {
                    labels: core::mem::take(&mut labels),
                    values: core::mem::take(&mut values),
                });
            }
            labels.push(span);
        }
    }
    if !values.is_empty() {
        out.push(Run { labels, values });
    }
    Some(out)
}

/// The values of a run of `rows × cols` values as rows, read in `orientation`; `None` when the
/// run does not hold exactly that many values. With `T = &Spanned` the rows borrow the run's
/// values instead of copying their texts.
pub fn arrange<T: Clone>(
    values: &[T],
    rows: usize,
    cols: usize,
    orientation: Orientation,
) -> Option<Vec<Vec<T>>> {
    arrange_owned(values.to_vec(), rows, cols, orientation)
}

/// As [`arrange`], moving the values into their rows.
fn arrange_owned<T>(
    values: Vec<T>,
    rows: usize,
    cols: usize,
    orientation: Orientation,
) -> Option<Vec<Vec<T>>> {
    if rows.checked_mul(cols)? != values.len() || rows == 0 || cols == 0 {
        return None;
    }
    let mut slots: Vec<Option<T>> = values.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(rows);
    for r in 0..rows {
        let mut row = Vec::with_capacity(cols);
        for c in 0..cols {
            row.push(
                slots
                    .get_mut(position(r, c, rows, cols, orientation)?)?
                    .take()?,
            );
        }
        out.push(row);
    }
    Some(out)
}

/// Where the value of row `r`, column `c` of a `rows × cols` run stands in the run.
fn position(
    r: usize,
    c: usize,
    rows: usize,
    cols: usize,
    orientation: Orientation,
) -> Option<usize> {
    match orientation {
        Orientation::Rows => r.checked_mul(cols)?.checked_add(c),
        Orientation::Columns => c.checked_mul(rows)?.checked_add(r),
    }
}

/// One reading of section 三 written one value per line: each row with the data row of the
/// format it stands for.
pub type ApplicationReading = Vec<(ApplicationRow, Vec<Spanned>)>;

/// Section 三 from its runs, in `orientation`: every run must hold whole rows of seven values,
/// and all runs together the rows of one edition (23 or 25), which fixes the order. `None` when
/// the runs do not fit.
pub fn application_rows(runs: &[Run], orientation: Orientation) -> Option<ApplicationReading> {
    let borrowed = application_rows_borrowed(runs, orientation)?;
    Some(
        borrowed
            .into_iter()
            .map(|(row, values)| (row, values.into_iter().cloned().collect()))
            .collect(),
    )
}

/// As [`application_rows`], each row borrowing the run's values (to weigh the orientations
/// without copying a text).
pub fn application_rows_borrowed(
    runs: &[Run],
    orientation: Orientation,
) -> Option<Vec<(ApplicationRow, Vec<&Spanned>)>> {
    let order = application_order(runs)?;
    let width = ApplicantColumn::ALL.len();
    let mut out = Vec::with_capacity(order.len());
    let mut at = 0usize;
    for run in runs {
        let r = run.values.len().checked_div(width)?;
        let targets = order.get(at..at.checked_add(r)?)?;
        let values: Vec<&Spanned> = run.values.iter().collect();
        let arranged = arrange_owned(values, r, width, orientation)?;
        out.extend(targets.iter().copied().zip(arranged));
        at = at.checked_add(r)?;
    }
    Some(out)
}

/// The rows of the edition the runs of section 三 fill, in the format's order: `None` unless
/// every run holds whole rows of seven values and all runs the rows of one edition.
fn application_order(runs: &[Run]) -> Option<&'static [ApplicationRow]> {
    let width = ApplicantColumn::ALL.len();
    let total = runs
        .iter()
        .try_fold(0usize, |acc, r| acc.checked_add(r.values.len()))?;
    if runs
        .iter()
        .any(|r| r.values.len().checked_rem(width) != Some(0))
    {
        return None;
    }
    let rows = total.checked_div(width)?;
    [Edition::E2021, Edition::E2019]
        .into_iter()
        .map(crate::catalogue::application_rows)
        .find(|o| o.len() == rows)
}

/// The first source label that names each of `rows`, each label read once and only until every
/// row has its label.
fn first_labels(runs: &[Run], rows: &[ApplicationRow]) -> Vec<(ApplicationRow, Spanned)> {
    let mut first: Vec<(ApplicationRow, Spanned)> = Vec::new();
    let mut missing: Vec<ApplicationRow> = rows.to_vec();
    for l in runs.iter().flat_map(|r| r.labels.iter()) {
        if missing.is_empty() {
            break;
        }
        if let Some(row) = labels::application_row_in(&l.text) {
            if let Some(k) = missing.iter().position(|&m| m == row) {
                missing.swap_remove(k);
                first.push((row, l.clone()));
            }
        }
    }
    first
}

/// The label of `target` among `first`, as the labels of its source row.
fn label_of(first: &[(ApplicationRow, Spanned)], target: ApplicationRow) -> Vec<Spanned> {
    first
        .iter()
        .find(|(row, _)| *row == target)
        .map(|(_, l)| l.clone())
        .into_iter()
        .collect()
}

/// The source rows for a reading of section 三: each row carries the source label that names
/// the same row where there is one (else none, and the assembler places it by position).
pub fn application_source_rows(runs: &[Run], reading: &ApplicationReading) -> Vec<SourceRow> {
    let targets: Vec<ApplicationRow> = reading.iter().map(|(t, _)| *t).collect();
    let first = first_labels(runs, &targets);
    reading
        .iter()
        .map(|(target, values)| SourceRow {
            labels: label_of(&first, *target),
            values: values.clone(),
        })
        .collect()
}

/// The source rows of section 三 read from its runs in `orientation`, as
/// [`application_source_rows`] of [`application_rows`] gives them, the values moved out of the
/// runs instead of copied. `None` when the runs do not fit (as for [`application_rows`]).
pub fn into_application_source_rows(
    runs: Vec<Run>,
    orientation: Orientation,
) -> Option<Vec<SourceRow>> {
    let order = application_order(&runs)?;
    let first = first_labels(&runs, order);
    let width = ApplicantColumn::ALL.len();
    let mut out = Vec::with_capacity(order.len());
    let mut at = 0usize;
    for run in runs {
        let r = run.values.len().checked_div(width)?;
        let targets = order.get(at..at.checked_add(r)?)?;
        let arranged = arrange_owned(run.values, r, width, orientation)?;
        out.extend(
            targets
                .iter()
                .zip(arranged)
                .map(|(target, values)| SourceRow {
                    labels: label_of(&first, *target),
                    values,
                }),
        );
        at = at.checked_add(r)?;
    }
    Some(out)
}

/// Section 三 written one value per line with each row's label before its values (a table
/// cell per line, row by row, as crawled pages give it): a run of exactly seven values is the
/// row its last label line names. `None` when no run is one row long.
pub fn labelled_application_rows(runs: &[Run]) -> Option<Vec<SourceRow>> {
    let width = ApplicantColumn::ALL.len();
    if !runs.iter().any(|r| r.values.len() == width) {
        return None;
    }
    Some(
        runs.iter()
            .map(|run| SourceRow {
                labels: if run.values.len() == width {
                    run.labels.last().cloned().into_iter().collect()
                } else {
                    Vec::new()
                },
                values: run.values.clone(),
            })
            .collect(),
    )
}

/// One group of section 二: the rows a run of values fills, with the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProactiveGroup {
    /// The rows, with the source label that named each.
    pub rows: Vec<(ProactiveRow, Spanned)>,
    /// The run's values.
    pub values: Vec<Spanned>,
}

/// Section 二 from its runs: the row labels are queued in the order of the source, and each run
/// takes the queued rows whose cells it exactly fills. Runs that fill no whole set of rows are
/// returned apart, to be reported as unplaced.
pub fn proactive_groups(runs: &[Run], edition: Edition) -> (Vec<ProactiveGroup>, Vec<Run>) {
    let width = |row: ProactiveRow| {
        let c = proactive_columns(edition, row).len();
        if c == 0 {
            let other = match edition {
                Edition::E2019 => Edition::E2021,
                Edition::E2021 => Edition::E2019,
            };
            proactive_columns(other, row).len()
        } else {
            c
        }
    };
    let mut queue: Vec<(ProactiveRow, Spanned)> = Vec::new();
    let mut groups = Vec::new();
    let mut left = Vec::new();
    for run in runs {
        for l in &run.labels {
            if let Some(row) = labels::proactive_row(&l.text) {
                if !queue.iter().any(|(r, _)| *r == row) {
                    queue.push((row, l.clone()));
                }
            }
        }
        let mut cells = 0usize;
        let mut take = 0usize;
        for (row, _) in &queue {
            if cells >= run.values.len() {
                break;
            }
            cells = cells.saturating_add(width(*row));
            take = take.saturating_add(1);
        }
        if take > 0 && cells == run.values.len() {
            let rows: Vec<(ProactiveRow, Spanned)> = queue.drain(..take).collect();
            groups.push(ProactiveGroup {
                rows,
                values: run.values.clone(),
            });
        } else {
            left.push(run.clone());
        }
    }
    (groups, left)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[Vec<Spanned>]) -> Vec<String> {
        rows.iter()
            .map(|r| {
                r.iter()
                    .map(|s| s.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn runs_and_orientations() {
        let text = "规章\n行政规范性文件\n本年制发件数\n\n1\n\n8\n- 3 -\n0\n26\n11\n66\n行政许可\n447228\n";
        let src = Source::new(text);
        assert!(is_paragraph_table(&src, 0..text.len()));
        let runs = runs(&src, 0..text.len());
        assert_eq!(runs.len(), 2);
        let first = runs.first().map(|r| r.values.clone()).unwrap_or_default();
        let cols = arrange(&first, 2, 3, Orientation::Columns).unwrap_or_default();
        assert_eq!(texts(&cols), vec!["1 0 11", "8 26 66"]);
        let rows = arrange(&first, 2, 3, Orientation::Rows).unwrap_or_default();
        assert_eq!(texts(&rows), vec!["1 8 0", "26 11 66"]);
        assert!(arrange(&first, 4, 3, Orientation::Rows).is_none());
        let (groups, left) = proactive_groups(&runs, Edition::E2021);
        assert!(left.is_empty());
        let named: Vec<Vec<ProactiveRow>> = groups
            .iter()
            .map(|g| g.rows.iter().map(|(r, _)| *r).collect())
            .collect();
        assert_eq!(
            named,
            vec![
                vec![ProactiveRow::Regulations, ProactiveRow::NormativeDocuments],
                vec![ProactiveRow::Licensing]
            ]
        );
    }

    #[test]
    fn moving_the_chosen_reading_gives_the_rows_of_copying_it() {
        // Section 三 of the 2021 edition one value per line, in two runs (10 rows, then 15),
        // with labels before each run: some name rows, some do not.
        let mut text = String::from("申请人情况\n自然人\n本年新收政府信息公开申请数量\n");
        for i in 0..70 {
            text.push_str(&format!("{i}\n"));
        }
        text.push_str("（三）不予公开\n1.属于国家秘密\n");
        for i in 70..175 {
            text.push_str(&format!("{}\n", i * 3));
        }
        let src = Source::new(&text);
        let runs = runs(&src, 0..text.len());
        assert_eq!(runs.len(), 2);
        for o in [Orientation::Rows, Orientation::Columns] {
            let copied = application_rows(&runs, o).unwrap_or_default();
            assert_eq!(copied.len(), 25);
            let borrowed: ApplicationReading = application_rows_borrowed(&runs, o)
                .unwrap_or_default()
                .into_iter()
                .map(|(r, v)| (r, v.into_iter().cloned().collect()))
                .collect();
            assert_eq!(borrowed, copied);
            let expected = application_source_rows(&runs, &copied);
            assert!(expected.iter().any(|r| !r.labels.is_empty()));
            assert_eq!(
                into_application_source_rows(runs.clone(), o),
                Some(expected),
                "{o:?}"
            );
        }
        // Runs that do not hold whole rows fit neither way.
        let short = vec![Run {
            labels: Vec::new(),
            values: runs
                .first()
                .and_then(|r| r.values.get(..6))
                .map(<[Spanned]>::to_vec)
                .unwrap_or_default(),
        }];
        assert!(application_rows(&short, Orientation::Rows).is_none());
        assert!(into_application_source_rows(short, Orientation::Rows).is_none());
    }

    #[test]
    fn a_row_with_labels_and_values_is_not_a_paragraph_table() {
        let text = "规章 1 0 11\n行政规范性文件 8 26 66\n";
        let src = Source::new(text);
        assert!(!is_paragraph_table(&src, 0..text.len()));
    }
}
