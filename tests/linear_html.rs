//! The HTML reader linear in its input, proved by counting work rather than timing it (as
//! `tests/linear.rs` does for the prose check): for N and 4N repetitions of an adversarial
//! shape the step count of [`html::read_counting`] may grow at most 4 × (1 + ε). A quadratic
//! scan grows 16×. The html5ever parse is outside the count (see `read_counting`).
#![cfg(feature = "html")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests fail loudly on purpose"
)]

use zfxxgk::html;

/// The growth allowed for 4× the input: 4 × (1 + ε). The binary searches by position add a
/// logarithmic factor, far below this.
const MAX_GROWTH: f64 = 4.0 * 1.1;

/// A page with a title naming a report, `body` after it.
fn page(body: &str) -> String {
    format!(
        "<html><head><title>某县某局2024年政府信息公开工作年度报告</title></head><body>{body}</body></html>"
    )
}

/// A row of section 三 with its seven values.
const ROW: &str = "<tr><td>一、本年新收政府信息公开申请数量</td><td>3</td><td>1</td><td>&nbsp;</td><td>0</td><td>0</td><td>0</td><td>4</td></tr>";

fn work(input: &[u8]) -> u64 {
    html::read_counting(input).1
}

/// Asserts that the work for `shape(4n)` is at most `MAX_GROWTH` times the work for
/// `shape(n)`, and that the input itself grew about 4 times (so that the shape is what grows).
fn assert_linear(name: &str, n: usize, shape: impl Fn(usize) -> String) {
    assert_linear_bytes(name, n, |n| shape(n).into_bytes());
}

/// [`assert_linear`] for a shape of bytes.
fn assert_linear_bytes(name: &str, n: usize, shape: impl Fn(usize) -> Vec<u8>) {
    let (small_input, large_input) = (shape(n), shape(4 * n));
    let size_growth = large_input.len() as f64 / small_input.len() as f64;
    assert!(
        size_growth > 3.0,
        "{name}: the input grew only {size_growth:.2}×"
    );
    let small = work(&small_input);
    let large = work(&large_input);
    assert!(small > 0, "{name}: no work counted");
    let growth = large as f64 / small as f64;
    eprintln!("RATIO {name}: {growth:.3} ({small} → {large})");
    assert!(
        growth <= MAX_GROWTH,
        "{name}: 4× the input took {growth:.2}× the work ({small} → {large})"
    );
}

#[test]
fn the_counter_counts_what_the_reader_reads() {
    // The same page read with and without the counter: the same result, and the count grows
    // with the page.
    let one = page(&format!("<table>{ROW}</table>"));
    let (counted, steps) = html::read_counting(one.as_bytes());
    let plain = html::read(one.as_bytes());
    assert_eq!(format!("{counted:?}"), format!("{plain:?}"));
    assert!(
        steps as usize >= one.len(),
        "{steps} steps for {}",
        one.len()
    );
    let two = page(&format!("<table>{ROW}{ROW}</table>"));
    assert!(work(two.as_bytes()) > steps);
}

#[test]
fn deep_nesting() {
    assert_linear("<div> × n", 200, |n| {
        page(&format!(
            "{}<table>{ROW}</table>{}",
            "<div>".repeat(n),
            "</div>".repeat(n)
        ))
    });
    assert_linear("nested tables × n", 100, |n| {
        page(&format!(
            "{}<table>{ROW}</table>{}",
            "<table><tr><td>".repeat(n),
            "</td></tr></table>".repeat(n)
        ))
    });
    assert_linear("nested cells in SVG × n", 100, |n| {
        page(&format!(
            "<table>{ROW}<tr><td><svg>{}</svg></td></tr></table>",
            "<g><tr><td>1".repeat(n)
        ))
    });
    assert_linear("nested inline elements in one cell × n", 200, |n| {
        page(&format!(
            "<table>{ROW}<tr><td>{}12{}</td></tr></table>",
            "<span>".repeat(n),
            "</span>".repeat(n)
        ))
    });
}

#[test]
fn many_tables_rows_and_cells() {
    assert_linear("tables × n", 50, |n| {
        page(&format!("<table>{ROW}</table>").repeat(n))
    });
    assert_linear("rows × n", 50, |n| {
        page(&format!("<table>{}</table>", ROW.repeat(n)))
    });
    assert_linear("cells in one row × n", 200, |n| {
        page(&format!(
            "<table>{ROW}<tr><td>其他</td>{}</tr></table>",
            "<td>1</td>".repeat(n)
        ))
    });
    assert_linear("blank cells × n", 200, |n| {
        page(&format!(
            "<table>{ROW}<tr>{}</tr></table>",
            "<td>&nbsp;</td>".repeat(n)
        ))
    });
}

#[test]
fn huge_spans() {
    assert_linear("rowspan to the last row, n rows", 50, |n| {
        page(&format!(
            "<table><tr><td rowspan=\"0\">三、本年度办理结果</td>{}</tr>{}</table>",
            &ROW[4..ROW.len() - 5],
            ROW.repeat(n)
        ))
    });
    assert_linear("colspan 1000 × n rows", 20, |n| {
        page(&format!(
            "<table>{ROW}{}</table>",
            "<tr><td colspan=\"1000\">1</td></tr>".repeat(n)
        ))
    });
    assert_linear("a rowspan with n digits", 2000, |n| {
        page(&format!(
            "<table>{ROW}<tr><td rowspan=\"{}1\">1</td></tr></table>",
            "0".repeat(n)
        ))
    });
}

/// Grid positions the cells of `input`'s tables cover (overlaps counted twice).
fn positions(input: &str) -> usize {
    html::page(input)
        .tables
        .iter()
        .flat_map(|t| t.cells())
        .map(|c| c.rowspan * c.colspan)
        .sum()
}

#[test]
fn spans_cost_the_positions_they_cover() {
    // Each row's first cell reaches down to the last row, so the n-th row starts at column n:
    // the grid is a triangle, n² / 2 positions for n rows. That is quadratic in the page, up to
    // MAX_GRID positions for all tables together; the work stays linear in the page and the
    // positions together.
    let shape = |n: usize| {
        page(&format!(
            "<table>{ROW}{}</table>",
            "<tr><td rowspan=\"100000\">1</td><td>2</td></tr>".repeat(n)
        ))
    };
    let per_unit = |n: usize| {
        let input = shape(n);
        work(input.as_bytes()) as f64 / (input.len() + positions(&input)) as f64
    };
    let (small, large) = (per_unit(50), per_unit(200));
    eprintln!(
        "RATIO triangle, per byte and position: {:.3}",
        large / small
    );
    assert!(large <= small * 1.1, "{small:.2} → {large:.2} steps a unit");
    // Past MAX_GRID (1,415 rows make 1,001,820 positions) the page is refused, and the work
    // stops with it.
    let over = shape(1_500);
    let (result, steps) = html::read_counting(over.as_bytes());
    assert!(
        matches!(result, Err(zfxxgk::ReadError::TooMany { .. })),
        "{result:?}"
    );
    let limit = (html::MAX_GRID + over.len()) as u64;
    assert!(steps <= 4 * limit, "{steps} steps past the grid limit");
}

#[test]
fn labels_reaching_down_cost_their_copies() {
    // A label n characters long reaching down n rows is a label of each of them: n² / 2
    // characters for the placement to match, quadratic in the page up to MAX_SPANNED_TEXT
    // bytes, past which the page is refused. The work stays linear in the page and the copies
    // together.
    let shape = |n: usize| {
        page(&format!(
            "<table><tr><td rowspan=\"0\">{}</td>{}</tr>{}</table>",
            "三、本年度办理结果".repeat(n),
            &ROW[4..ROW.len() - 5],
            ROW.repeat(n)
        ))
    };
    let copies = |n: usize| "三、本年度办理结果".len() * n * n;
    let per_unit = |n: usize| {
        let input = shape(n);
        let (result, steps) = html::read_counting(input.as_bytes());
        assert!(result.is_ok(), "{result:?}");
        steps as f64 / (input.len() + copies(n)) as f64
    };
    let (small, large) = (per_unit(25), per_unit(100));
    eprintln!(
        "RATIO long label down n rows, per byte and copy: {:.3}",
        large / small
    );
    assert!(large <= small * 1.1, "{small:.2} → {large:.2} steps a unit");
    let over = shape(250);
    assert!(copies(250) > html::MAX_SPANNED_TEXT);
    let (result, steps) = html::read_counting(over.as_bytes());
    assert!(
        matches!(result, Err(zfxxgk::ReadError::TooMany { limit, .. }) if limit == html::MAX_SPANNED_TEXT),
        "{result:?}"
    );
    assert!(
        steps <= 16 * over.len() as u64,
        "{steps} steps for a refused page of {} bytes",
        over.len()
    );
}

#[test]
fn long_text_and_attributes() {
    assert_linear("a long text node in a cell", 1000, |n| {
        page(&format!(
            "<table>{ROW}<tr><td>{}</td><td>1</td></tr></table>",
            "申请".repeat(n)
        ))
    });
    assert_linear("a long text node outside tables", 1000, |n| {
        page(&format!(
            "<p>{}</p><table>{ROW}</table>",
            "本年度".repeat(n)
        ))
    });
    assert_linear("a long attribute value", 1000, |n| {
        page(&format!(
            "<table>{ROW}<tr><td class=\"{}\">1</td></tr></table>",
            "x".repeat(n)
        ))
    });
    assert_linear("quoted attribute values holding cells", 200, |n| {
        page(&format!(
            "<table>{ROW}<tr><td>{}</td></tr></table>",
            "<b title=\"<td>1".repeat(n)
        ))
    });
    assert_linear("tags running into cells", 200, |n| {
        page(&format!(
            "<table>{ROW}<tr><td>{}</tr></table>",
            "<x<td>1".repeat(n)
        ))
    });
    assert_linear("entities × n", 500, |n| {
        page(&format!(
            "<table>{ROW}<tr><td>{}1</td></tr></table>",
            "&nbsp;&amp;&#12288;".repeat(n)
        ))
    });
    assert_linear("unclosed comments and scripts × n", 200, |n| {
        page(&format!(
            "<table>{ROW}</table>{}",
            "<!--<script><style>".repeat(n)
        ))
    });
}

#[test]
fn javascript_strings() {
    assert_linear("document.write × n", 50, |n| {
        format!(
            "document.write('<title>某县某局2024年政府信息公开工作年度报告</title><table>');\n{}document.write('</table>');\n",
            format!("document.write('{ROW}');\n").repeat(n)
        )
    });
    assert_linear("strings joined with + × n", 50, |n| {
        format!(
            "var content = '<title>某县某局2024年政府信息公开工作年度报告</title><table>'{}+ '</table>';\n",
            format!(" +\n '{ROW}'").repeat(n)
        )
    });
    assert_linear("escapes × n", 200, |n| {
        format!(
            "var content = \"<table>{}</table>\";",
            ROW.replace('<', "\\u003c").replace('"', "\\\"").repeat(n)
        )
    });
    assert_linear("escaped quotes that open no string × n", 1000, |n| {
        format!("x = '<table>{ROW}</table>';\n{}\n", "\\'".repeat(n))
    });
    assert_linear("escaped double quotes × n", 1000, |n| {
        format!("x = '<table>{ROW}</table>';\n{}\n", "\\\"".repeat(n))
    });
    assert_linear("lines of unclosed quotes × n", 500, |n| {
        format!("x = '<table>{ROW}</table>';\n{}", "'\"\n".repeat(n))
    });
    assert_linear("comments × n", 500, |n| {
        format!(
            "x = '<table>{ROW}</table>';\n{}",
            "// '\"\n/* ' */".repeat(n)
        )
    });
}

#[test]
fn pages_of_nothing() {
    assert_linear("only digits", 5000, |n| "1".repeat(n));
    assert_linear("only less-than signs", 5000, |n| "<".repeat(n));
    assert_linear("only quotes", 5000, |n| "\"".repeat(n));
    assert_linear_bytes("GBK bytes", 2000, |n| {
        let text = page(&format!(
            "<table>{ROW}</table><p>{}</p>",
            "本年度".repeat(n)
        ));
        encoding_rs::GBK.encode(&text).0.into_owned()
    });
    assert_linear_bytes("bytes that are neither UTF-8 nor GBK", 2000, |n| {
        let mut bytes = page(&format!("<table>{ROW}</table>")).into_bytes();
        bytes.extend(std::iter::repeat_n(0xffu8, n));
        bytes
    });
}
