//! Opening a PDF within limits: the file's size, the decompressed bytes of each stream and of
//! the whole file, the number of objects and pages. lopdf parses the object syntax and the
//! cross-reference tables; every stream the reader itself needs (content streams, Form
//! XObjects, `ToUnicode` maps) is decompressed here with a bounded reader, and the object and
//! cross-reference streams lopdf decompresses while loading are measured the same way first, so
//! a deflate bomb stops at the limit wherever it sits.

use std::io::Read;

use lopdf::{Document, Object, Stream};

/// The limits of the PDF reader. Published reports are a few hundred KiB, 5–30 pages, with a
/// few hundred objects; the defaults are far above that and far below what would exhaust a
/// machine. Set fields with `Limits { pages: 10, ..Limits::default() }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file accepted, in bytes: 64 MiB.
    pub file_size: usize,
    /// The most pages read: 1000.
    pub pages: usize,
    /// The most bytes one stream may decompress to: 32 MiB.
    pub stream_bytes: usize,
    /// The most bytes all streams together may decompress to: 256 MiB.
    pub total_bytes: usize,
    /// The most objects a file may hold: 500 000.
    pub objects: usize,
    /// How deep Form XObjects may be nested (a form drawing a form …): 12.
    pub form_depth: usize,
    /// The most content-stream operators run for one page, forms included: 2 000 000.
    pub operators: usize,
    /// The most glyphs drawn on one page: 200 000 (a page of a report draws about 2 000).
    pub glyphs: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_size: crate::limits::DOCUMENT_LIMIT,
            pages: 1000,
            stream_bytes: 32 * 1024 * 1024,
            total_bytes: 256 * 1024 * 1024,
            objects: 500_000,
            form_depth: 12,
            operators: 2_000_000,
            glyphs: 200_000,
        }
    }
}

/// Which limit was hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitHit {
    /// One stream decompressed past [`Limits::stream_bytes`].
    Stream(usize),
    /// All streams together passed [`Limits::total_bytes`].
    Total(usize),
}

impl LimitHit {
    /// The message of the error.
    pub fn message(self) -> String {
        match self {
            LimitHit::Stream(limit) => {
                format!("a stream decompresses to more than {limit} bytes (the limit per stream)")
            }
            LimitHit::Total(limit) => format!(
                "the streams decompress to more than {limit} bytes together (the limit per file)"
            ),
        }
    }
}

/// What is left of the decompression allowance of a file.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    per_stream: usize,
    total_limit: usize,
    left: usize,
}

impl Budget {
    /// The allowance of the limits.
    pub fn new(limits: &Limits) -> Self {
        Budget {
            per_stream: limits.stream_bytes,
            total_limit: limits.total_bytes,
            left: limits.total_bytes,
        }
    }

    fn take(&mut self, n: usize) -> Result<(), LimitHit> {
        self.left = self
            .left
            .checked_sub(n)
            .ok_or(LimitHit::Total(self.total_limit))?;
        Ok(())
    }
}

/// Inflates zlib (or, where the zlib header is broken, raw deflate) data, stopping past `limit`
/// output bytes. A stream cut short gives what it holds up to the cut.
fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, LimitHit> {
    let bound = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let mut out = Vec::new();
    let zlib = flate2::read::ZlibDecoder::new(data)
        .take(bound)
        .read_to_end(&mut out);
    if zlib.is_err() && out.is_empty() {
        out.clear();
        let _ = flate2::read::DeflateDecoder::new(data)
            .take(bound)
            .read_to_end(&mut out);
    }
    if out.len() > limit {
        return Err(LimitHit::Stream(limit));
    }
    Ok(out)
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut high: Option<u8> = None;
    for &c in data {
        if c == b'>' {
            break;
        }
        let Some(d) = (c as char).to_digit(16) else {
            continue;
        };
        let d = d as u8;
        match high.take() {
            Some(h) => out.push((h << 4) | d),
            None => high = Some(d),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
    out
}

/// The decoded bytes of a stream, within the budget. Filters other than `FlateDecode` and
/// `ASCIIHexDecode` give no bytes (images and fonts are never decoded here).
///
/// # Errors
///
/// A [`LimitHit`] when the stream passes the limit per stream or the file's allowance.
pub fn stream_bytes(stream: &Stream, budget: &mut Budget) -> Result<Vec<u8>, LimitHit> {
    let filters: Vec<Vec<u8>> = match stream.dict.get(b"Filter") {
        Ok(Object::Name(n)) => vec![n.clone()],
        Ok(Object::Array(a)) => a
            .iter()
            .filter_map(|o| o.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    };
    let mut data = stream.content.clone();
    if data.len() > budget.per_stream {
        return Err(LimitHit::Stream(budget.per_stream));
    }
    for f in &filters {
        data = match f.as_slice() {
            b"FlateDecode" | b"Fl" => inflate(&data, budget.per_stream)?,
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&data),
            _ => return Ok(Vec::new()),
        };
    }
    budget.take(data.len())?;
    Ok(data)
}

/// Measures the object and cross-reference streams of a file (those lopdf decompresses while
/// loading) against the limits, before lopdf sees them.
///
/// # Errors
///
/// A [`LimitHit`] when one of them passes a limit.
pub fn precheck_streams(bytes: &[u8], budget: &mut Budget) -> Result<(), LimitHit> {
    let mut at = 0usize;
    while let Some(p) = find(bytes, at, b"stream") {
        let start = p.saturating_add(6);
        at = start;
        // `endstream` contains `stream`: skip it.
        if p >= 3 && bytes.get(p.saturating_sub(3)..p) == Some(b"end".as_slice()) {
            continue;
        }
        let dict_from = p.saturating_sub(2048);
        let dict = bytes.get(dict_from..p).unwrap_or_default();
        let dict = match rfind(dict, b"obj") {
            Some(o) => dict.get(o..).unwrap_or_default(),
            None => dict,
        };
        let kind = find(dict, 0, b"/ObjStm").is_some() || find(dict, 0, b"/XRef").is_some();
        if !kind || find(dict, 0, b"/Fl").is_none() {
            continue;
        }
        let mut body = start;
        if bytes.get(body) == Some(&b'\r') {
            body = body.saturating_add(1);
        }
        if bytes.get(body) == Some(&b'\n') {
            body = body.saturating_add(1);
        }
        let end = find(bytes, body, b"endstream").unwrap_or(bytes.len());
        let out = inflate(bytes.get(body..end).unwrap_or_default(), budget.per_stream)?;
        budget.take(out.len())?;
        at = end.max(start);
    }
    Ok(())
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p.saturating_add(from))
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Why a file could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// A limit was passed: its message.
    Limit(String),
    /// The file is encrypted.
    Encrypted,
    /// lopdf could not parse it: its message.
    Syntax(String),
}

/// Parses a file with lopdf, within the limits.
///
/// # Errors
///
/// [`OpenError`] as described there.
pub fn open(bytes: &[u8], limits: &Limits, budget: &mut Budget) -> Result<Document, OpenError> {
    precheck_streams(bytes, budget).map_err(|l| OpenError::Limit(l.message()))?;
    let has_encrypt = find(bytes, 0, b"/Encrypt").is_some();
    let doc = match Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(_) if has_encrypt => return Err(OpenError::Encrypted),
        Err(e) => return Err(OpenError::Syntax(e.to_string())),
    };
    if doc.trailer.get(b"Encrypt").is_ok() || doc.encryption_state.is_some() {
        return Err(OpenError::Encrypted);
    }
    if doc.objects.len() > limits.objects {
        return Err(OpenError::Limit(format!(
            "the file holds more than {} objects (the limit)",
            limits.objects
        )));
    }
    Ok(doc)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn inflating_stops_at_the_limit() {
        let bomb = zlib(&vec![0u8; 1 << 20]);
        assert!(bomb.len() < 2048);
        assert_eq!(inflate(&bomb, 1000), Err(LimitHit::Stream(1000)));
        assert_eq!(inflate(&bomb, 1 << 20).unwrap().len(), 1 << 20);
    }

    #[test]
    fn a_cut_stream_gives_what_it_holds() {
        let data = zlib(b"BT /F1 12 Tf (hello) Tj ET");
        let cut = data.get(..data.len() - 6).unwrap();
        let out = inflate(cut, 1000).unwrap();
        assert!(b"BT /F1 12 Tf (hello) Tj ET".starts_with(&out));
    }

    #[test]
    fn the_file_allowance_is_shared() {
        let limits = Limits {
            stream_bytes: 100,
            total_bytes: 150,
            ..Limits::default()
        };
        let mut budget = Budget::new(&limits);
        let mut s = Stream::new(lopdf::Dictionary::new(), zlib(&[b' '; 80]));
        s.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        assert_eq!(stream_bytes(&s, &mut budget).unwrap().len(), 80);
        assert_eq!(stream_bytes(&s, &mut budget), Err(LimitHit::Total(150)));
    }
}
