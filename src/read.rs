//! What every reader returns: the report it read and the findings it made while reading.

use crate::finding::{Finding, Location, Rule};
use crate::report::Report;

/// A report as a reader produced it, with what the reader repaired, could not place, or found
/// ambiguous (findings with the rules `read.repaired`, `read.unplaced`, `read.ambiguous`).
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The report.
    pub report: Report,
    /// The reader's own findings, in the order of the source.
    pub findings: Vec<Finding>,
    /// The text the reader laid out, where the source is not text (PDF: its lines, and table
    /// rows with their cells separated by tabs): what the origins' and findings' lines and byte
    /// ranges refer to. `None` where they refer to the source itself.
    pub text: Option<String>,
}

impl Reading {
    /// A reading with no findings yet.
    pub fn new(report: Report) -> Self {
        Reading {
            report,
            findings: Vec::new(),
            text: None,
        }
    }

    /// Records a reader's finding at `line` of the source.
    pub fn note(
        &mut self,
        rule: Rule,
        mut location: Location,
        line: Option<usize>,
        message: String,
    ) {
        location.line = line;
        let mut f = Finding::new(rule, location, message);
        f.fingerprint_for(&self.report);
        self.findings.push(f);
    }

    /// Everything there is to say about one source: the reader's findings, then
    /// [`Report::check`] (the tables and the prose).
    ///
    /// ```
    /// let csv = "table,row,column,value\nreport,issuer,,某县某局\nreport,year,,2024\n\
    ///            applications,nonsense,total,3\n";
    /// let reading = zfxxgk::cells::read(csv)?;
    /// let findings = reading.check();
    /// assert_eq!(findings[0].rule, zfxxgk::Rule::ReadUnplaced);
    /// # Ok::<(), zfxxgk::ReadError>(())
    /// ```
    pub fn check(&self) -> Vec<Finding> {
        let mut out = self.findings.clone();
        for f in &mut out {
            f.fingerprint_for(&self.report);
        }
        out.extend(self.report.check());
        out
    }
}

/// A piece of source text with where it stands: what every reader of published text records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned {
    /// The text, as written.
    pub text: String,
    /// 1-based line of the source.
    pub line: usize,
    /// Byte range in the whole source, 0-based, end exclusive.
    pub bytes: core::ops::Range<usize>,
}

/// One table row as a reader found it, before it is placed: the label text (if the source kept
/// one) and the value texts, in order. Text, Markdown and HTML readers all produce these and
/// hand them to one assembler that places them by label, by position and by the format's
/// arithmetic.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceRow {
    /// The label cells, left to right (section 三 rows under 三、本年度办理结果 have two).
    pub labels: Vec<Spanned>,
    /// The value cells, left to right.
    pub values: Vec<Spanned>,
}

pub use crate::detect::read_any as any;
