//! The official layout of a report as a document: title, headings, prose and tables whose
//! header and label cells span rows and columns exactly where the official tables merge them.
//!
//! Every renderer (text, Markdown, HTML) and the XLSX and DOCX writers walk this one document, so the
//! layout is written once. Labels come from [`crate::catalogue`] only.

use crate::catalogue::{
    APPLICANT_HEADER, APPLICATIONS_NOTE, AppealColumn, AppealRow, ApplicantColumn, ApplicationRow,
    LITIGATION_HEADER, ORGANISATIONS_HEADER, OUTCOMES_HEADER, PROACTIVE_CONTENT_HEADER,
    SECTION_HEADINGS, TableKey, proactive_groups,
};
use crate::report::{Address, Report};

/// The suffix of a report's title after `{issuer}{year}`.
pub const TITLE_SUFFIX: &str = "年政府信息公开工作年度报告";

/// The title of `report`: `{issuer}{year}年政府信息公开工作年度报告`.
pub fn title(report: &Report) -> String {
    format!("{}{}{TITLE_SUFFIX}", report.issuer, report.year)
}

/// The line under the title that says when the report was published, `发布日期：2025年1月20日`,
/// where the report knows it: the form the readers of published text take the date from.
pub fn published(report: &Report) -> Option<String> {
    report.published.map(|d| {
        format!(
            "{PUBLISHED_LABEL}：{}年{}月{}日",
            d.year(),
            u8::from(d.month()),
            d.day()
        )
    })
}

/// The label of the publication date under the title.
pub const PUBLISHED_LABEL: &str = "发布日期";

/// What one cell of a laid-out table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// A header or row label, from the catalogue.
    Label(&'static str),
    /// A data cell of the report.
    Data(Address),
}

/// One cell of a laid-out table, with the rows and columns it spans (at least 1 each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// What the cell shows.
    pub content: Content,
    /// Rows spanned.
    pub rows: usize,
    /// Columns spanned.
    pub cols: usize,
}

impl Span {
    const fn label(text: &'static str, rows: usize, cols: usize) -> Self {
        Span {
            content: Content::Label(text),
            rows,
            cols,
        }
    }

    const fn data(address: Address) -> Self {
        Span {
            content: Content::Data(address),
            rows: 1,
            cols: 1,
        }
    }
}

/// One official table: its caption (section 二 only), header rows and body rows. A row lists
/// only the cells that start in it, left to right, as HTML does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The table's key.
    pub key: TableKey,
    /// The caption: the Art. 20 item of a section 二 table.
    pub caption: Option<&'static str>,
    /// The header rows.
    pub head: Vec<Vec<Span>>,
    /// The body rows.
    pub body: Vec<Vec<Span>>,
    /// The number of columns.
    pub width: usize,
}

/// One part of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block<'a> {
    /// A section heading (`SECTION_HEADINGS`), with its 0-based index.
    Heading(usize, &'static str),
    /// The prose of a section, as the report gives it.
    Prose(&'a str),
    /// A table.
    Table(Table),
}

/// The blocks of `report` in the official order: each heading followed by its prose or tables.
pub fn blocks(report: &Report) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    let heading = |i: usize| SECTION_HEADINGS.get(i).copied().unwrap_or_default();
    let prose = [
        (0, report.prose.overview.as_deref()),
        (4, report.prose.problems.as_deref()),
        (5, report.prose.other.as_deref()),
    ];
    for i in 0..SECTION_HEADINGS.len() {
        out.push(Block::Heading(i, heading(i)));
        match i {
            1 => out.extend(proactive_tables(report).into_iter().map(Block::Table)),
            2 => out.push(Block::Table(applications_table(report))),
            3 => out.push(Block::Table(appeals_table())),
            _ => {
                if let Some((_, Some(text))) = prose.iter().find(|(j, _)| *j == i) {
                    out.push(Block::Prose(text));
                }
            }
        }
    }
    out
}

/// The tables of section 二, one per Art. 20 item of the report's edition.
pub fn proactive_tables(report: &Report) -> Vec<Table> {
    let edition = report.edition;
    proactive_groups(edition)
        .iter()
        .map(|g| {
            let mut header = vec![Span::label(PROACTIVE_CONTENT_HEADER, 1, 1)];
            header.extend(
                g.columns
                    .iter()
                    .map(|c| Span::label(c.label_in(edition), 1, 1)),
            );
            let body = g
                .rows
                .iter()
                .map(|&r| {
                    let mut row = vec![Span::label(r.label_in(edition), 1, 1)];
                    row.extend(
                        g.columns
                            .iter()
                            .map(|&c| Span::data(Address::Proactive(r, c))),
                    );
                    row
                })
                .collect();
            Table {
                key: TableKey::Proactive,
                caption: Some(g.caption),
                head: vec![header],
                body,
                width: g.columns.len().saturating_add(1),
            }
        })
        .collect()
}

/// The number of label columns before the data of section 三.
pub const APPLICATION_LABEL_COLUMNS: usize = 3;

/// The table of section 三, with the rows [`Report::application_rows`] gives.
pub fn applications_table(report: &Report) -> Table {
    let orgs = ApplicantColumn::ALL
        .iter()
        .filter(|c| c.is_organisation())
        .count();
    let data_cols = ApplicantColumn::ALL.len();
    let top = vec![
        Span::label(APPLICATIONS_NOTE, 3, APPLICATION_LABEL_COLUMNS),
        Span::label(APPLICANT_HEADER, 1, data_cols),
    ];
    let mut middle = Vec::new();
    let mut bottom = Vec::new();
    let mut orgs_started = false;
    for &c in ApplicantColumn::ALL {
        if c.is_organisation() {
            if !orgs_started {
                middle.push(Span::label(ORGANISATIONS_HEADER, 1, orgs));
                orgs_started = true;
            }
            bottom.push(Span::label(c.label(), 1, 1));
        } else {
            middle.push(Span::label(c.label(), 2, 1));
        }
    }

    let rows = report.application_rows();
    let outcome_rows = rows
        .iter()
        .filter(|r| r.is_outcome() || **r == ApplicationRow::Total)
        .count();
    let mut body = Vec::with_capacity(rows.len());
    let mut outcomes_started = false;
    for (i, &row) in rows.iter().enumerate() {
        let mut line = Vec::with_capacity(10);
        let in_outcomes = row.is_outcome() || row == ApplicationRow::Total;
        if !in_outcomes {
            line.push(Span::label(row.label(), 1, APPLICATION_LABEL_COLUMNS));
        } else {
            if !outcomes_started {
                line.push(Span::label(OUTCOMES_HEADER, outcome_rows, 1));
                outcomes_started = true;
            }
            match row.group() {
                None => line.push(Span::label(row.label(), 1, 2)),
                Some(group) => {
                    let previous = i.checked_sub(1).and_then(|p| rows.get(p));
                    if previous.and_then(|p| p.group()) != Some(group) {
                        let run = rows
                            .iter()
                            .skip(i)
                            .take_while(|r| r.group() == Some(group))
                            .count();
                        line.push(Span::label(group.label(), run, 1));
                    }
                    line.push(Span::label(row.label(), 1, 1));
                }
            }
        }
        line.extend(
            ApplicantColumn::ALL
                .iter()
                .map(|&c| Span::data(Address::Applications(row, c))),
        );
        body.push(line);
    }
    Table {
        key: TableKey::Applications,
        caption: None,
        head: vec![top, middle, bottom],
        body,
        width: APPLICATION_LABEL_COLUMNS.saturating_add(data_cols),
    }
}

/// The table of section 四: 行政复议 and 行政诉讼 (未经复议直接起诉, 复议后起诉), five columns each.
pub fn appeals_table() -> Table {
    let block = AppealColumn::ALL.len();
    let litigation = AppealRow::ALL.len().saturating_sub(1);
    let mut top = Vec::new();
    let mut middle = Vec::new();
    let mut bottom = Vec::new();
    for &row in AppealRow::ALL {
        if row == AppealRow::Review {
            top.push(Span::label(row.label(), 1, block));
            middle.extend(
                AppealColumn::ALL
                    .iter()
                    .map(|c| Span::label(c.label(), 2, 1)),
            );
        } else {
            if top.len() < 2 {
                top.push(Span::label(
                    LITIGATION_HEADER,
                    1,
                    block.saturating_mul(litigation),
                ));
            }
            middle.push(Span::label(row.label(), 1, block));
            bottom.extend(
                AppealColumn::ALL
                    .iter()
                    .map(|c| Span::label(c.label(), 1, 1)),
            );
        }
    }
    let data = AppealRow::ALL
        .iter()
        .flat_map(|&r| {
            AppealColumn::ALL
                .iter()
                .map(move |&c| Span::data(Address::Appeals(r, c)))
        })
        .collect();
    Table {
        key: TableKey::Appeals,
        caption: None,
        head: vec![top, middle, bottom],
        body: vec![data],
        width: block.saturating_mul(AppealRow::ALL.len()),
    }
}

/// A table with its spans laid out on a full grid: each position holds the span that covers
/// it and whether the position is the span's top-left corner.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Rows of positions; `None` where no span covers the position.
    pub grid: Vec<Vec<Option<(Span, bool)>>>,
    /// For each position, the (row, column) of the top-left corner of the span covering it
    /// (where a writer with vertical merges, such as DOCX's `vMerge`, needs to tell a merged
    /// cell's first column from the others).
    pub origin: Vec<Vec<Option<(usize, usize)>>>,
    /// The number of header rows.
    pub head_rows: usize,
}

/// Places every span of `table` on the grid, as a browser lays out rowspan and colspan.
pub fn place(table: &Table) -> Placed {
    let rows: Vec<&Vec<Span>> = table.head.iter().chain(table.body.iter()).collect();
    let mut grid: Vec<Vec<Option<(Span, bool)>>> = vec![vec![None; table.width]; rows.len()];
    let mut origin: Vec<Vec<Option<(usize, usize)>>> = vec![vec![None; table.width]; rows.len()];
    for (r, spans) in rows.iter().enumerate() {
        let mut c = 0usize;
        for span in spans.iter() {
            while grid
                .get(r)
                .and_then(|line| line.get(c))
                .is_some_and(Option::is_some)
            {
                c = c.saturating_add(1);
            }
            for dr in 0..span.rows {
                for dc in 0..span.cols {
                    let slot = grid
                        .get_mut(r.saturating_add(dr))
                        .and_then(|line| line.get_mut(c.saturating_add(dc)));
                    if let Some(slot) = slot {
                        *slot = Some((*span, dr == 0 && dc == 0));
                    }
                    let at = origin
                        .get_mut(r.saturating_add(dr))
                        .and_then(|line| line.get_mut(c.saturating_add(dc)));
                    if let Some(at) = at {
                        *at = Some((r, c));
                    }
                }
            }
            c = c.saturating_add(span.cols);
        }
    }
    Placed {
        grid,
        origin,
        head_rows: table.head.len(),
    }
}

/// The text a content shows for `report`: the label, or the cell as written (a number, a mark,
/// invalid text), empty for a blank.
pub fn text(report: &Report, content: Content) -> String {
    match content {
        Content::Label(s) => s.to_owned(),
        Content::Data(a) => report
            .cell(a)
            .map(crate::Cell::source_text)
            .unwrap_or_default(),
    }
}
