//! The positioned-text layer: a content-stream interpreter that follows the text state
//! (`Tf Tc Tw Tz TL Ts`), the text positioning (`Td TD Tm T*`) and showing (`Tj TJ ' "`)
//! operators, `BT`/`ET`, the graphics state stack (`q`/`Q`, `cm`) and Form XObjects (`Do`),
//! and yields every glyph's text, origin, advance and size in page space (points, origin at the
//! bottom left, y up), and the ruling lines tables are drawn with (stroked segments and
//! rectangles, and filled rectangles thin enough to be rules).

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{Font, deref, number};
use super::load::{Budget, LimitHit, Limits, stream_bytes};

/// A glyph as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The Unicode text the glyph stands for (usually one character).
    pub text: String,
    /// Its origin's x in page space (points).
    pub x: f64,
    /// Its baseline's y in page space (points, y up).
    pub y: f64,
    /// How far it moves the pen along x (points).
    pub advance: f64,
    /// The font size in page space (points).
    pub size: f64,
}

/// A straight ruling line, horizontal or vertical, in page space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Left (or the x of a vertical rule).
    pub x0: f64,
    /// Bottom (or the y of a horizontal rule).
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Top.
    pub y1: f64,
}

impl Rule {
    /// Whether the rule runs along x.
    pub fn horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() <= (self.x1 - self.x0).abs()
    }
}

/// What one page draws.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageText {
    /// 1-based page number.
    pub number: u32,
    /// The page's height (points), from its `MediaBox`.
    pub height: f64,
    /// The glyphs, in drawing order.
    pub glyphs: Vec<Glyph>,
    /// The ruling lines.
    pub rules: Vec<Rule>,
    /// Rectangles painted (`re` followed by a painting operator).
    pub rectangles: usize,
    /// Straight segments stroked (`m`/`l`).
    pub segments: usize,
    /// Images drawn (image XObjects and inline images).
    pub images: usize,
    /// Glyphs whose font has no usable Unicode map, by font name.
    pub unmapped: Vec<(String, usize)>,
}

/// Why a page could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageError {
    /// A decompression limit.
    Limit(LimitHit),
    /// More operators than [`Limits::operators`].
    Operators(usize),
    /// Form XObjects nested deeper than [`Limits::form_depth`].
    Depth(usize),
    /// More glyphs than [`Limits::glyphs`].
    Glyphs(usize),
}

impl PageError {
    /// The message of the error.
    pub fn message(&self) -> String {
        match self {
            PageError::Limit(l) => l.message(),
            PageError::Operators(n) => {
                format!("more than {n} content-stream operators on the page (the limit)")
            }
            PageError::Depth(n) => {
                format!("Form XObjects nested more than {n} deep (the limit)")
            }
            PageError::Glyphs(n) => format!("more than {n} glyphs on the page (the limit)"),
        }
    }
}

impl From<LimitHit> for PageError {
    fn from(l: LimitHit) -> Self {
        PageError::Limit(l)
    }
}

type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b` (apply `a` first, then `b`).
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    let [a0, a1, a2, a3, a4, a5] = *a;
    let [b0, b1, b2, b3, b4, b5] = *b;
    [
        a0 * b0 + a1 * b2,
        a0 * b1 + a1 * b3,
        a2 * b0 + a3 * b2,
        a2 * b1 + a3 * b3,
        a4 * b0 + a5 * b2 + b4,
        a4 * b1 + a5 * b3 + b5,
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    let [a, b, c, d, e, f] = *m;
    (a * x + c * y + e, b * x + d * y + f)
}

#[derive(Debug, Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

impl Default for State {
    fn default() -> Self {
        State {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// A path under construction: subpaths of points (user space mapped to page space), with
/// whether each came from `re`.
#[derive(Debug, Default)]
struct Path {
    subpaths: Vec<(Vec<(f64, f64)>, bool)>,
}

struct Interpreter<'a> {
    doc: &'a Document,
    limits: &'a Limits,
    budget: &'a mut Budget,
    fonts: HashMap<ObjectId, Rc<Font>>,
    out: PageText,
    operators: usize,
    glyphs: usize,
    unmapped: HashMap<String, usize>,
}

/// Interprets the page `id` (1-based `number`).
///
/// # Errors
///
/// A [`PageError`] when a limit is passed.
pub fn page(
    doc: &Document,
    number: u32,
    id: ObjectId,
    limits: &Limits,
    budget: &mut Budget,
) -> Result<PageText, PageError> {
    let dict = doc.get_dictionary(id).ok();
    let height = dict
        .and_then(|d| inherited(doc, d, b"MediaBox"))
        .and_then(|o| o.as_array().ok())
        .and_then(|a| {
            let n: Vec<f64> = a
                .iter()
                .filter_map(|o| deref(doc, Some(o)).and_then(super::font::number))
                .collect();
            match n.as_slice() {
                [_, y0, _, y1] => Some((y1 - y0).abs()),
                _ => None,
            }
        })
        .unwrap_or(842.0);
    let resources = dict
        .and_then(|d| inherited(doc, d, b"Resources"))
        .and_then(|o| o.as_dict().ok());
    let mut content = Vec::new();
    for cid in doc.get_page_contents(id) {
        if let Ok(Object::Stream(s)) = doc.get_object(cid) {
            let bytes = stream_bytes(s, budget)?;
            content.extend_from_slice(&bytes);
            content.push(b'\n');
        }
    }
    let mut it = Interpreter {
        doc,
        limits,
        budget,
        fonts: HashMap::new(),
        out: PageText {
            number,
            height,
            ..PageText::default()
        },
        operators: 0,
        glyphs: 0,
        unmapped: HashMap::new(),
    };
    it.run(&content, resources, State::default(), 0)?;
    let mut unmapped: Vec<(String, usize)> = it.unmapped.into_iter().collect();
    unmapped.sort();
    it.out.unmapped = unmapped;
    Ok(it.out)
}

/// A page attribute, looked up through the page tree (`Resources`, `MediaBox` are inherited).
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut d = page;
    for _ in 0..32 {
        if let Some(o) = deref(doc, d.get(key).ok()) {
            return Some(o);
        }
        d = deref(doc, d.get(b"Parent").ok())?.as_dict().ok()?;
    }
    None
}

fn operand(ops: &[Object], i: usize) -> f64 {
    ops.get(i).and_then(number).unwrap_or(0.0)
}

impl Interpreter<'_> {
    fn run(
        &mut self,
        bytes: &[u8],
        resources: Option<&Dictionary>,
        start: State,
        depth: usize,
    ) -> Result<(), PageError> {
        let ops = Content::decode(bytes)
            .map(|c| c.operations)
            .unwrap_or_default();
        let mut gs = start;
        let mut stack: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut path = Path::default();
        let mut current = (0.0f64, 0.0f64);
        for op in &ops {
            self.operators = self.operators.saturating_add(1);
            if self.operators > self.limits.operators {
                return Err(PageError::Operators(self.limits.operators));
            }
            let o = &op.operands;
            match op.operator.as_str() {
                // The stack is bounded; a `q` past the bound is ignored (its `Q` then restores
                // an outer state, as a viewer might).
                "q" if stack.len() < 4096 => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    let m = [
                        operand(o, 0),
                        operand(o, 1),
                        operand(o, 2),
                        operand(o, 3),
                        operand(o, 4),
                        operand(o, 5),
                    ];
                    gs.ctm = mul(&m, &gs.ctm);
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "ET" => {}
                "Tf" => {
                    gs.size = operand(o, 1);
                    gs.font = o
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|n| self.font(resources, n))
                        .transpose()?;
                }
                "Tc" => gs.char_spacing = operand(o, 0),
                "Tw" => gs.word_spacing = operand(o, 0),
                "Tz" => gs.scale = operand(o, 0) / 100.0,
                "TL" => gs.leading = operand(o, 0),
                "Ts" => gs.rise = operand(o, 0),
                "Td" | "TD" => {
                    let (tx, ty) = (operand(o, 0), operand(o, 1));
                    if op.operator == "TD" {
                        gs.leading = -ty;
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                    tm = tlm;
                }
                "Tm" => {
                    tlm = [
                        operand(o, 0),
                        operand(o, 1),
                        operand(o, 2),
                        operand(o, 3),
                        operand(o, 4),
                        operand(o, 5),
                    ];
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = o.first() {
                        self.show(&gs, &mut tm, s)?;
                    }
                }
                "'" | "\"" => {
                    if op.operator == "\"" {
                        gs.word_spacing = operand(o, 0);
                        gs.char_spacing = operand(o, 1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                    if let Some(Object::String(s, _)) = o.last() {
                        self.show(&gs, &mut tm, s)?;
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = o.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(&gs, &mut tm, s)?,
                                other => {
                                    if let Some(n) = number(other) {
                                        let tx = -n / 1000.0 * gs.size * gs.scale;
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "m" => {
                    let p = apply(&gs.ctm, operand(o, 0), operand(o, 1));
                    path.subpaths.push((vec![p], false));
                    current = p;
                }
                "l" => {
                    let p = apply(&gs.ctm, operand(o, 0), operand(o, 1));
                    match path.subpaths.last_mut() {
                        Some((pts, false)) => pts.push(p),
                        _ => path.subpaths.push((vec![current, p], false)),
                    }
                    current = p;
                }
                "c" | "v" | "y" => {
                    // Curves are never rules: end the subpath at the curve's end point.
                    let n = o.len();
                    let p = apply(
                        &gs.ctm,
                        operand(o, n.saturating_sub(2)),
                        operand(o, n.saturating_sub(1)),
                    );
                    path.subpaths.push((vec![p], false));
                    current = p;
                }
                "h" => {
                    if let Some((pts, false)) = path.subpaths.last_mut() {
                        if let (Some(&first), true) = (pts.first(), pts.len() > 1) {
                            pts.push(first);
                        }
                    }
                }
                "re" => {
                    let (x, y, w, h) = (operand(o, 0), operand(o, 1), operand(o, 2), operand(o, 3));
                    let pts = vec![
                        apply(&gs.ctm, x, y),
                        apply(&gs.ctm, x + w, y),
                        apply(&gs.ctm, x + w, y + h),
                        apply(&gs.ctm, x, y + h),
                    ];
                    current = apply(&gs.ctm, x, y);
                    path.subpaths.push((pts, true));
                }
                "S" | "s" | "B" | "B*" | "b" | "b*" => {
                    let close = matches!(op.operator.as_str(), "s" | "b" | "b*");
                    self.stroke(&path, close);
                    path = Path::default();
                }
                "f" | "F" | "f*" => {
                    self.fill(&path);
                    path = Path::default();
                }
                "n" => path = Path::default(),
                "Do" => {
                    if let Some(name) = o.first().and_then(|n| n.as_name().ok()) {
                        self.xobject(resources, name, &gs, depth)?;
                    }
                }
                "BI" | "ID" | "EI" => self.out.images = self.out.images.saturating_add(1),
                _ => {}
            }
        }
        Ok(())
    }

    fn font(
        &mut self,
        resources: Option<&Dictionary>,
        name: &[u8],
    ) -> Option<Result<Rc<Font>, PageError>> {
        let fonts = deref(self.doc, resources?.get(b"Font").ok())?
            .as_dict()
            .ok()?;
        let r = fonts.get(name).ok()?;
        let id = r.as_reference().ok();
        if let Some(f) = id.and_then(|id| self.fonts.get(&id)) {
            return Some(Ok(Rc::clone(f)));
        }
        let dict = deref(self.doc, Some(r))?.as_dict().ok()?;
        let font = match Font::load(self.doc, dict, self.budget) {
            Ok(f) => Rc::new(f),
            Err(e) => return Some(Err(e.into())),
        };
        if let Some(id) = id {
            self.fonts.insert(id, Rc::clone(&font));
        }
        Some(Ok(font))
    }

    fn show(&mut self, gs: &State, tm: &mut Matrix, bytes: &[u8]) -> Result<(), PageError> {
        let Some(font) = gs.font.clone() else {
            return Ok(());
        };
        for code in font.codes(bytes) {
            self.glyphs = self.glyphs.saturating_add(1);
            if self.glyphs > self.limits.glyphs {
                return Err(PageError::Glyphs(self.limits.glyphs));
            }
            let w0 = font.width(code.value) / 1000.0;
            let trm = mul(
                &[gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise],
                &mul(tm, &gs.ctm),
            );
            let (x, y) = apply(&trm, 0.0, 0.0);
            let space = code.len == 1 && code.value == 32;
            let tx = (w0 * gs.size + gs.char_spacing + if space { gs.word_spacing } else { 0.0 })
                * gs.scale;
            let page_m = mul(tm, &gs.ctm);
            let [a, b, c, d, _, _] = page_m;
            let advance = tx * a.hypot(b);
            let size = gs.size.abs() * c.hypot(d);
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
            match font.text(code) {
                Some(text) => {
                    if !(x.is_finite() && y.is_finite() && advance.is_finite() && size.is_finite())
                    {
                        continue;
                    }
                    self.out.glyphs.push(Glyph {
                        text,
                        x,
                        y,
                        advance,
                        size,
                    });
                }
                None => {
                    let n = self.unmapped.entry(font.name.clone()).or_insert(0);
                    *n = n.saturating_add(1);
                }
            }
        }
        Ok(())
    }

    fn stroke(&mut self, path: &Path, close: bool) {
        for (pts, rect) in &path.subpaths {
            if *rect {
                self.out.rectangles = self.out.rectangles.saturating_add(1);
            } else if pts.len() > 1 {
                self.out.segments = self
                    .out
                    .segments
                    .saturating_add(pts.len().saturating_sub(1));
            }
            let mut edges: Vec<((f64, f64), (f64, f64))> = pts
                .windows(2)
                .filter_map(|w| match w {
                    [a, b] => Some((*a, *b)),
                    _ => None,
                })
                .collect();
            if *rect || close {
                if let (Some(&a), Some(&b)) = (pts.last(), pts.first()) {
                    edges.push((a, b));
                }
            }
            for (a, b) in edges {
                self.push_rule(a, b);
            }
        }
    }

    fn fill(&mut self, path: &Path) {
        for (pts, rect) in &path.subpaths {
            if !*rect {
                continue;
            }
            self.out.rectangles = self.out.rectangles.saturating_add(1);
            let xs = pts.iter().map(|p| p.0);
            let ys = pts.iter().map(|p| p.1);
            let (x0, x1) = (
                xs.clone().fold(f64::MAX, f64::min),
                xs.fold(f64::MIN, f64::max),
            );
            let (y0, y1) = (
                ys.clone().fold(f64::MAX, f64::min),
                ys.fold(f64::MIN, f64::max),
            );
            let (w, h) = (x1 - x0, y1 - y0);
            if h <= 2.0 && w > h {
                let y = (y0 + y1) / 2.0;
                self.push_rule((x0, y), (x1, y));
            } else if w <= 2.0 && h > w {
                let x = (x0 + x1) / 2.0;
                self.push_rule((x, y0), (x, y1));
            }
            // A larger filled rectangle is a background (of a cell, or of a line of prose):
            // not a rule.
        }
    }

    fn push_rule(&mut self, a: (f64, f64), b: (f64, f64)) {
        let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
        if !(dx.is_finite() && dy.is_finite()) || (dx < 1.0 && dy < 1.0) {
            return;
        }
        if dy <= 0.5 {
            let y = (a.1 + b.1) / 2.0;
            self.out.rules.push(Rule {
                x0: a.0.min(b.0),
                y0: y,
                x1: a.0.max(b.0),
                y1: y,
            });
        } else if dx <= 0.5 {
            let x = (a.0 + b.0) / 2.0;
            self.out.rules.push(Rule {
                x0: x,
                y0: a.1.min(b.1),
                x1: x,
                y1: a.1.max(b.1),
            });
        }
    }

    fn xobject(
        &mut self,
        resources: Option<&Dictionary>,
        name: &[u8],
        gs: &State,
        depth: usize,
    ) -> Result<(), PageError> {
        let Some(stream) = resources
            .and_then(|r| deref(self.doc, r.get(b"XObject").ok()))
            .and_then(|o| o.as_dict().ok())
            .and_then(|x| deref(self.doc, x.get(name).ok()))
            .and_then(|o| o.as_stream().ok())
        else {
            return Ok(());
        };
        match stream
            .dict
            .get(b"Subtype")
            .ok()
            .and_then(|o| o.as_name().ok())
        {
            Some(b"Image") => {
                self.out.images = self.out.images.saturating_add(1);
                Ok(())
            }
            Some(b"Form") => {
                if depth >= self.limits.form_depth {
                    return Err(PageError::Depth(self.limits.form_depth));
                }
                let bytes = stream_bytes(stream, self.budget)?;
                let matrix: Matrix = stream
                    .dict
                    .get(b"Matrix")
                    .ok()
                    .and_then(|o| o.as_array().ok())
                    .and_then(|a| {
                        let n: Vec<f64> = a.iter().filter_map(number).collect();
                        <[f64; 6]>::try_from(n).ok()
                    })
                    .unwrap_or(IDENTITY);
                let mut state = gs.clone();
                state.ctm = mul(&matrix, &gs.ctm);
                let own = deref(self.doc, stream.dict.get(b"Resources").ok())
                    .and_then(|o| o.as_dict().ok());
                self.run(&bytes, own.or(resources), state, depth.saturating_add(1))
            }
            _ => Ok(()),
        }
    }
}
