//! Opening a PDF within limits: the file's size, the decompressed bytes of each stream and of
//! the whole file, the number of objects and pages. lopdf parses the object syntax and the
//! cross-reference tables; every stream the reader itself needs (content streams, Form
//! XObjects, `ToUnicode` maps) is decompressed here with a bounded reader. The streams lopdf
//! inflates itself are measured the same way before it does: cross-reference streams from the
//! raw bytes ([`precheck_streams`]), object streams held back while lopdf loads the file and
//! measured before it opens them; an encrypted file (whose object streams lopdf would decrypt
//! and inflate) is refused before it is loaded. So a deflate bomb stops at the limit wherever
//! it sits, however its names are spelt and however many filters it is wrapped in.

use std::io::Read;

use lopdf::{Document, Object, ObjectId, Stream};

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

/// Measures the cross-reference streams of a file against the limits, before lopdf sees them:
/// lopdf inflates a cross-reference stream while it reads the chain of cross-reference sections,
/// before any hook runs. Every stream object at an offset the file gives for a section (after
/// `startxref`, `/Prev` or `/XRefStm`, in any spelling) is decoded through each filter chain its
/// dictionary names, from its data to the end of the file (a stream's `/Length` can only end it
/// sooner), and counted. Object streams are measured as lopdf loads them ([`open`]).
///
/// # Errors
///
/// An [`OpenError::Limit`] when one of them passes a limit ([`LimitHit`]'s message), when one
/// is encoded with a filter the reader does not decode (LZW, ASCII85), which lopdf would
/// inflate unbounded, or when a cross-reference section gives lopdf numbers it cannot take
/// (a field wider than 16 bytes, object numbers past `u32`, millions of entries of no bytes).
pub fn precheck_streams(bytes: &[u8], budget: &mut Budget) -> Result<(), OpenError> {
    precheck(
        bytes,
        &super::prescan::scan(bytes),
        budget,
        Limits::default().objects,
    )
}

/// [`precheck_streams`] with the scan of the file made, allowing `objects` objects.
fn precheck(
    bytes: &[u8],
    scan: &super::prescan::Scan,
    budget: &mut Budget,
    objects: usize,
) -> Result<(), OpenError> {
    use super::prescan::{At, MAX_DICTIONARY, MAX_OFFSETS, stream_at, table_at};
    if scan.too_many_offsets {
        return Err(OpenError::Limit(format!(
            "the file names more than {MAX_OFFSETS} cross-reference offsets (the limit)"
        )));
    }
    // Offsets that differ by white space name the same stream: it is measured once.
    let mut measured = std::collections::BTreeSet::new();
    for &at in &scan.xref_offsets {
        if let Some(firsts) = table_at(bytes, at) {
            if let Some(first) = firsts.iter().find(|&&f| f > u128::from(u32::MAX)) {
                return Err(OpenError::Limit(format!(
                    "a cross-reference table numbers its objects from {first}, past the largest object number, {}",
                    u32::MAX
                )));
            }
            continue;
        }
        let stream = match stream_at(bytes, at) {
            At::Stream(stream) => stream,
            At::Other => continue,
            At::TooLong => {
                return Err(OpenError::Limit(format!(
                    "the object at cross-reference offset {at} has a dictionary of more than {MAX_DICTIONARY} bytes (the limit)"
                )));
            }
        };
        if !measured.insert(stream.data) {
            continue;
        }
        check_sections(&stream, objects)?;
        let data = bytes.get(stream.data..).unwrap_or_default();
        for chain in &stream.filters {
            measure(data, chain, budget, "a cross-reference stream")?;
        }
    }
    Ok(())
}

/// The widest field of a cross-reference stream's entries (`/W`): 16 bytes (real files use up to
/// 8). lopdf allocates a buffer of each width before it reads an entry.
const MAX_FIELD_WIDTH: i64 = 16;

/// Checks what lopdf computes from a cross-reference stream's `/W`, `/Index` and `/Size`
/// before it reads the stream: a field width it would allocate (`/W [1099511627776 4 1]` asked
/// for 1 TB and aborted the process), object numbers past `u32` (its sum overflows), and entries
/// of no bytes at all (`/W [0 0 0]`: lopdf adds one entry per object counted, without reading,
/// for as many as `/Size` says — 4 billion, for a minute and gigabytes). `objects` is the most
/// such entries allowed.
fn check_sections(stream: &super::prescan::StreamAt, objects: usize) -> Result<(), OpenError> {
    let limit = |m: String| Err(OpenError::Limit(m));
    // lopdf reads the first three widths and refuses the stream when one is negative.
    let widths: Vec<&[i64]> = stream
        .widths
        .iter()
        .filter_map(|w| w.get(..3))
        .filter(|w| w.iter().all(|&x| x >= 0))
        .collect();
    for w in &widths {
        if let Some(wide) = w.iter().find(|&&x| x > MAX_FIELD_WIDTH) {
            return limit(format!(
                "a cross-reference stream gives its entries a field of {wide} bytes (/W), more than {MAX_FIELD_WIDTH}"
            ));
        }
    }
    // The sections: each `/Index` pair, and `0 Size` (lopdf's default when `/Index` is not an
    // array of integers).
    let mut sections: Vec<(i64, i64)> = stream.sizes.iter().map(|&n| (0, n)).collect();
    for index in &stream.indexes {
        sections.extend(index.chunks_exact(2).filter_map(|p| match p {
            [first, count] => Some((*first, *count)),
            _ => None,
        }));
    }
    let mut counted = 0u128;
    for (first, count) in sections {
        if count <= 0 {
            continue;
        }
        let last = i128::from(first)
            .saturating_add(i128::from(count))
            .saturating_sub(1);
        if first < 0 || last > i128::from(u32::MAX) {
            return limit(format!(
                "a cross-reference stream numbers its objects from {first} to {last}, outside 0 to {}",
                u32::MAX
            ));
        }
        counted = counted.saturating_add(u128::try_from(count).unwrap_or(0));
    }
    let empty = widths.iter().any(|w| w.iter().all(|&x| x == 0));
    if empty && counted > u128::try_from(objects).unwrap_or(u128::MAX) {
        return limit(format!(
            "a cross-reference stream gives {counted} entries of no bytes (/W [0 0 0]), more than the {objects} objects allowed"
        ));
    }
    Ok(())
}

/// Decodes `data` through the filters `chain` within the budget, each step bounded by the limit
/// per stream, and counts what comes out; `what` names the stream for the message of a filter
/// that cannot be measured.
fn measure(
    data: &[u8],
    chain: &[Vec<u8>],
    budget: &mut Budget,
    what: &str,
) -> Result<(), OpenError> {
    // Only what comes out is bounded: `data` may run on past the stream (to the end of the
    // file, for a cross-reference stream), and it is in memory already.
    let limit = |l: LimitHit| OpenError::Limit(l.message());
    let mut out: Option<Vec<u8>> = None;
    for filter in chain {
        let input = out.as_deref().unwrap_or(data);
        out = Some(match filter.as_slice() {
            b"FlateDecode" | b"Fl" => inflate(input, budget.per_stream).map_err(limit)?,
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(input),
            // lopdf decodes these two; a bound cannot be set on them here, so the file is
            // refused rather than inflated without one.
            b"LZWDecode" | b"LZW" | b"ASCII85Decode" | b"A85" => {
                return Err(OpenError::Limit(format!(
                    "{what} is encoded with {}, which the reader does not decode (its size cannot be bounded first)",
                    String::from_utf8_lossy(filter)
                )));
            }
            // lopdf stops at a filter it does not know: nothing more is decoded.
            _ => break,
        });
    }
    budget.take(out.map_or(0, |o| o.len())).map_err(limit)
}

/// The `/Type` an object stream is given while lopdf loads the file, so that lopdf keeps it as
/// it is instead of inflating it; [`open`] measures it and then has lopdf open it.
const HELD_OBJECT_STREAM: &[u8] = b"ZfxxgkHeldObjStm";

/// lopdf's hook on each object it loads: an object stream is held (its `/Type` changed to
/// [`HELD_OBJECT_STREAM`]) so that lopdf does not inflate it unbounded.
fn hold_object_streams(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    if let Object::Stream(stream) = object
        && stream.dict.has_type(b"ObjStm")
    {
        stream
            .dict
            .set("Type", Object::Name(HELD_OBJECT_STREAM.to_vec()));
    }
    // lopdf keeps the object it passed (changed in place); what is returned is not used.
    Some((id, Object::Null))
}

/// Opens the object streams held while loading, as lopdf would have: each is measured within the
/// budget, then lopdf inflates it and parses its objects, and each object is added unless the
/// file has it already or its cross-reference entry places it in another stream.
fn open_object_streams(doc: &mut Document, budget: &mut Budget) -> Result<(), OpenError> {
    let held: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_stream()
                .is_ok_and(|s| s.dict.has_type(HELD_OBJECT_STREAM))
        })
        .map(|(id, _)| *id)
        .collect();
    for id in held {
        let Some(Object::Stream(stream)) = doc.objects.get_mut(&id) else {
            continue;
        };
        stream.dict.set("Type", Object::Name(b"ObjStm".to_vec()));
        let chain: Vec<Vec<u8>> = match stream.dict.get(b"Filter") {
            Ok(Object::Name(n)) => vec![n.clone()],
            Ok(Object::Array(a)) => a
                .iter()
                .map(|o| o.as_name().map(<[u8]>::to_vec))
                .collect::<Result<_, _>>()
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        measure(&stream.content, &chain, budget, "an object stream")?;
        let Ok(objects) = lopdf::ObjectStream::new(stream) else {
            continue;
        };
        for (object_id, object) in objects.objects {
            let placed_elsewhere = matches!(
                doc.reference_table.get(object_id.0),
                Some(lopdf::xref::XrefEntry::Compressed { container, .. }) if *container != id.0
            );
            if !placed_elsewhere {
                doc.objects.entry(object_id).or_insert(object);
            }
        }
    }
    Ok(())
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
    // lopdf decrypts an encrypted file's object streams (inflating them unbounded) as it loads
    // it: a file that names `/Encrypt` anywhere, in any spelling, is refused before.
    let scan = super::prescan::scan(bytes);
    if scan.names_encrypt {
        return Err(OpenError::Encrypted);
    }
    precheck(bytes, &scan, budget, limits.objects)?;
    let options = lopdf::LoadOptions {
        filter: Some(hold_object_streams),
        ..lopdf::LoadOptions::default()
    };
    let mut doc = Document::load_mem_with_options(bytes, options)
        .map_err(|e| OpenError::Syntax(e.to_string()))?;
    if doc.trailer.get(b"Encrypt").is_ok() || doc.encryption_state.is_some() {
        return Err(OpenError::Encrypted);
    }
    open_object_streams(&mut doc, budget)?;
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
