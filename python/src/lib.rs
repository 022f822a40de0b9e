//! The native core of the `zfxxgk` Python package: thin functions over the library's contract
//! ([`zfxxgk::contract`]), returning JSON text and plain tuples that the pure-Python layer
//! (`python/zfxxgk/__init__.py`) turns into `Report`, `Finding` and `Result` objects and
//! exceptions. Every error is returned as a value, never a panic across the FFI boundary.

use std::path::PathBuf;

mod ordered;

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use zfxxgk::contract::{self, InputError, Line};
use zfxxgk::detect::Shape;
use zfxxgk::{Address, AppealColumn, ApplicantColumn, Edition, Number, Report, ReportBuilder};

/// An error as a tuple: (kind, message, line, column, offset).
type ErrorTuple = (String, String, Option<usize>, Option<usize>, Option<usize>);

fn error_tuple(e: &InputError) -> ErrorTuple {
    (
        e.kind.to_owned(),
        e.message.clone(),
        e.position.line,
        e.position.column,
        e.position.offset,
    )
}

/// The form keys of the Python API (`read(form=...)`, `check(form=...)`).
pub const FORMS: &[&str] = &["json", "csv", "text", "md", "html", "xlsx", "pdf", "docx"];

/// The shape a form key of the Python API names.
pub fn form_shape(form: &str) -> Option<Shape> {
    match form {
        "csv" | "cells" => Some(Shape::CellsCsv),
        "md" | "markdown" => Some(Shape::Markdown),
        other => Shape::from_key(other),
    }
}

pub use zfxxgk::inputs::{Input, check as check_input, inputs};

/// A report read or built, held by Python.
#[pyclass(module = "zfxxgk._native", frozen)]
pub struct NativeReport {
    report: Report,
    /// The findings of the complete check, as JSON objects (`None` until a check ran).
    findings: Option<Vec<String>>,
}

fn json_of(line: &Line) -> String {
    line.to_json()
        .unwrap_or_else(|e| format!("{{\"error\":{{\"kind\":\"internal\",\"message\":\"{e}\"}}}}"))
}

fn findings_json(findings: &[zfxxgk::Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| serde_json::to_string(f).unwrap_or_else(|_| "{}".to_owned()))
        .collect()
}

#[pymethods]
impl NativeReport {
    /// (issuer, year, edition key, published ISO date or None).
    fn meta(&self) -> (String, u16, String, Option<String>) {
        let r = &self.report;
        (
            r.issuer.as_str().to_owned(),
            r.year,
            r.edition.key().to_owned(),
            r.published.map(|d| d.to_string()),
        )
    }

    /// The report as JSON.
    fn to_json(&self) -> PyResult<String> {
        zfxxgk::json::to_string(&self.report)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
    }

    /// The report as the cells CSV.
    fn to_csv(&self) -> PyResult<String> {
        zfxxgk::cells::to_string(&self.report)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
    }

    /// The report rendered as `text`, `md`, `html`, `json`, `csv` (a string) or `xlsx`, `docx`
    /// (bytes).
    fn render<'py>(&self, py: Python<'py>, form: &str) -> PyResult<Py<PyAny>> {
        let r = &self.report;
        let text = match form {
            "text" => zfxxgk::render::text::to_string(r),
            "md" | "markdown" => zfxxgk::render::markdown::to_string(r),
            "html" => zfxxgk::render::html::to_string(r),
            "json" => self.to_json()?,
            "csv" | "cells" => self.to_csv()?,
            "xlsx" | "docx" => {
                let bytes = if form == "xlsx" {
                    zfxxgk::xlsx::to_bytes(r)
                } else {
                    zfxxgk::docx::to_bytes(r)
                }
                .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
                return Ok(PyBytes::new(py, &bytes).into_any().unbind());
            }
            other => {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "unknown form {other:?}: one of text md html json csv xlsx docx"
                )));
            }
        };
        Ok(text.into_pyobject(py)?.into_any().unbind())
    }

    /// The findings of the complete check as JSON objects: those computed when the input was
    /// read (located in it), else the report's own check.
    fn findings(&self) -> Vec<String> {
        match &self.findings {
            Some(f) => f.clone(),
            None => findings_json(&zfxxgk::Reading::new(self.report.clone()).check()),
        }
    }

    /// What the reader could not place: (line, key, raw text).
    fn unplaced(&self) -> Vec<(Option<usize>, String, String)> {
        self.report
            .unplaced
            .iter()
            .map(|u| (u.line, u.key.clone(), u.raw.clone()))
            .collect()
    }
}

fn from_line(line: Line) -> (String, Option<NativeReport>) {
    let json = json_of(&line);
    let findings = findings_json(line.findings());
    let report = match line.outcome {
        contract::Outcome::Checked { reading, .. } => Some(NativeReport {
            report: reading.report,
            findings: Some(findings),
        }),
        _ => None,
    };
    (json, report)
}

/// Reads and checks `data` (named `name`) in `form` (detected when `None`): the line's JSON
/// and the report, or the error as a tuple.
#[pyfunction]
#[pyo3(signature = (name, data, form=None))]
fn read(
    py: Python<'_>,
    name: String,
    data: Vec<u8>,
    form: Option<String>,
) -> PyResult<(String, Option<NativeReport>, Option<ErrorTuple>)> {
    let shape = shape_of_form(form.as_deref())?;
    let line = py.detach(|| contract::check(&name, &data, shape));
    let error = line.error().map(error_tuple);
    let (json, report) = from_line(line);
    Ok((json, report, error))
}

fn shape_of_form(form: Option<&str>) -> PyResult<Option<Shape>> {
    match form {
        None => Ok(None),
        Some(f) => form_shape(f).map(Some).ok_or_else(|| {
            pyo3::exceptions::PyValueError::new_err(format!(
                "unknown form {f:?}: one of {}",
                FORMS.join(" ")
            ))
        }),
    }
}

/// A running `check`: an iterator over (line JSON, report) in the order of the inputs.
#[pyclass(module = "zfxxgk._native", frozen)]
pub struct NativeCheck {
    run: ordered::Run,
}

#[pymethods]
impl NativeCheck {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<(String, Option<NativeReport>)>> {
        match self.run.next(py) {
            Ok(item) => Ok(item),
            Err(ordered::NextError::Signal(e)) => Err(e),
            Err(ordered::NextError::Broken(why)) => {
                Err(pyo3::exceptions::PyRuntimeError::new_err(why))
            }
        }
    }

    /// (inputs walked so far, the most results held at once, the window): for tests.
    fn stats(&self) -> (usize, usize, usize) {
        self.run.stats()
    }
}

/// Checks every input below `paths` in the CLI's order, in parallel with the GIL released,
/// as an iterator holding a bounded number of results (see [`ordered`]). `window` (inputs
/// checked ahead) is for tests.
#[pyfunction]
#[pyo3(signature = (paths, jobs=None, form=None, window=None))]
fn check(
    paths: Vec<PathBuf>,
    jobs: Option<usize>,
    form: Option<String>,
    window: Option<usize>,
) -> PyResult<NativeCheck> {
    let shape = shape_of_form(form.as_deref())?;
    let run = ordered::Run::start(paths, shape, jobs, window)
        .map_err(pyo3::exceptions::PyRuntimeError::new_err)?;
    Ok(NativeCheck { run })
}

/// The walk order of `paths` (for tests against the CLI's order).
#[pyfunction]
fn walk(paths: Vec<PathBuf>) -> Vec<String> {
    inputs(&paths).map(|i| i.name()).collect()
}

fn reports_of(reports: &[PyRef<'_, NativeReport>]) -> Vec<Report> {
    reports.iter().map(|r| r.report.clone()).collect()
}

/// Series findings over (name, report) pairs: (index of the file, finding JSON).
#[pyfunction]
fn series(names: Vec<String>, reports: Vec<PyRef<'_, NativeReport>>) -> Vec<(usize, String)> {
    let owned = reports_of(&reports);
    let pairs: Vec<(&str, &Report)> = names.iter().map(String::as_str).zip(owned.iter()).collect();
    zfxxgk::analysis::series::check(&pairs)
        .into_iter()
        .map(|s| {
            let json = serde_json::to_string(&s.finding).unwrap_or_else(|_| "{}".to_owned());
            (s.file, json)
        })
        .collect()
}

/// The sum of reports: the summed report and its notes (finding JSON), or an error message.
#[pyfunction]
fn sum(
    names: Vec<String>,
    reports: Vec<PyRef<'_, NativeReport>>,
) -> PyResult<(NativeReport, Vec<String>)> {
    sum_inner(&names, &reports).map_err(pyo3::exceptions::PyValueError::new_err)
}

fn sum_inner(
    names: &[String],
    reports: &[PyRef<'_, NativeReport>],
) -> Result<(NativeReport, Vec<String>), String> {
    let owned = reports_of(reports);
    let pairs: Vec<(&str, &Report)> = names.iter().map(String::as_str).zip(owned.iter()).collect();
    let summed = zfxxgk::analysis::sum::sum_named(&pairs).map_err(|e| e.to_string())?;
    let notes = findings_json(&summed.notes());
    Ok((
        NativeReport {
            report: summed.report,
            findings: None,
        },
        notes,
    ))
}

/// Builds a report with every total computed; cells are (table, row, column, value text).
#[pyfunction]
#[pyo3(signature = (issuer, year, edition, cells, published=None))]
fn build(
    issuer: String,
    year: u16,
    edition: &str,
    cells: Vec<(String, String, String, String)>,
    published: Option<String>,
) -> PyResult<NativeReport> {
    build_inner(issuer, year, edition, &cells, published)
        .map_err(pyo3::exceptions::PyValueError::new_err)
}

fn build_inner(
    issuer: String,
    year: u16,
    edition: &str,
    cells: &[(String, String, String, String)],
    published: Option<String>,
) -> Result<NativeReport, String> {
    let edition = Edition::ALL
        .iter()
        .copied()
        .find(|e| e.key() == edition)
        .ok_or_else(|| format!("unknown edition {edition:?}: \"2019\" or \"2021\""))?;
    let mut builder = ReportBuilder::new(issuer, year, edition);
    if let Some(p) = published {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let date = time::Date::parse(&p, &format)
            .map_err(|e| format!("published {p:?} is not a date YYYY-MM-DD: {e}"))?;
        builder = builder.published(date);
    }
    let mut applications: Vec<(zfxxgk::ApplicationRow, [u64; 6])> = Vec::new();
    let mut appeals: Vec<(zfxxgk::AppealRow, [u64; 4])> = Vec::new();
    for (table, row, column, value) in cells {
        let address = Address::from_keys(table, row, column)
            .ok_or_else(|| format!("no cell {table}/{row}/{column}"))?;
        let number = Number::parse(value, address.cell_type()).ok_or_else(|| {
            format!("{table}/{row}/{column}: {value:?} is not a number of this cell")
        })?;
        match address {
            Address::Proactive(r, c) => builder = builder.proactive(r, c, number),
            Address::Applications(r, c) => {
                let i = ApplicantColumn::ALL
                    .iter()
                    .position(|x| *x == c)
                    .filter(|i| *i < 6)
                    .ok_or_else(|| format!("{table}/{row}/{column} is computed"))?;
                let Number::Count(n) = number else {
                    return Err(format!("{table}/{row}/{column}: not a count"));
                };
                let slot = match applications.iter_mut().find(|(x, _)| *x == r) {
                    Some((_, counts)) => counts,
                    None => {
                        applications.push((r, [0; 6]));
                        let last = applications.last_mut().ok_or("internal")?;
                        &mut last.1
                    }
                };
                if let Some(s) = slot.get_mut(i) {
                    *s = n;
                }
            }
            Address::Appeals(r, c) => {
                let i = AppealColumn::PARTS
                    .iter()
                    .position(|x| *x == c)
                    .ok_or_else(|| format!("{table}/{row}/{column} is computed"))?;
                let Number::Count(n) = number else {
                    return Err(format!("{table}/{row}/{column}: not a count"));
                };
                let slot = match appeals.iter_mut().find(|(x, _)| *x == r) {
                    Some((_, counts)) => counts,
                    None => {
                        appeals.push((r, [0; 4]));
                        let last = appeals.last_mut().ok_or("internal")?;
                        &mut last.1
                    }
                };
                if let Some(s) = slot.get_mut(i) {
                    *s = n;
                }
            }
            _ => return Err(format!("no cell {table}/{row}/{column}")),
        }
    }
    for (r, counts) in applications {
        builder = builder.applications(r, counts);
    }
    for (r, counts) in appeals {
        builder = builder.appeals(r, counts);
    }
    let report = builder.build().map_err(|e| e.to_string())?;
    Ok(NativeReport {
        report,
        findings: None,
    })
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeReport>()?;
    m.add_class::<NativeCheck>()?;
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(walk, m)?)?;
    m.add_function(wrap_pyfunction!(series, m)?)?;
    m.add_function(wrap_pyfunction!(sum, m)?)?;
    m.add_function(wrap_pyfunction!(build, m)?)?;
    m.add("VERSION", contract::VERSION)?;
    m.add("CHANNEL", ordered::CHANNEL)?;
    Ok(())
}
