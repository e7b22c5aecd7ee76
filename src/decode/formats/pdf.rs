//! PDF files: the text layer of each page, in content-stream order, with line breaks
//! and word spaces recovered from glyph positions.
//!
//! Parsing is done by `lopdf` (cross-reference recovery, decryption with an empty
//! user password, stream filters with a decompression limit, font encodings and
//! `ToUnicode` maps). `lopdf`'s own `extract_text` only breaks lines at `ET`/`T*` and
//! ignores positioning, so this module walks the content operators itself: it
//! tracks the text and transformation matrices and glyph widths, starts a new line
//! when the baseline moves and inserts a space when the pen jumps forward by more
//! than a fraction of the font size. Form XObjects are followed (to a bounded depth).

use std::any::Any;
use std::collections::{BTreeMap, HashMap};

use lopdf::content::{Content, Operation};
use lopdf::{DecompressError, Dictionary, Document, Encoding, LoadOptions, Object};

use super::{Extracted, FormatError, LineWriter, collapse_ws};

/// Most bytes any one stream may decompress to.
const MAX_STREAM: usize = 64 << 20;
/// Most content operators interpreted over the whole document (guards against
/// form XObjects that reference each other exponentially often).
const MAX_OPERATIONS: u64 = 30_000_000;
/// Most content operators interpreted for one page (a busy page has ~100 000).
const MAX_PAGE_OPERATIONS: u64 = 3_000_000;
/// What loading one font (its encoding, `ToUnicode` map and widths) counts for
/// against [`MAX_OPERATIONS`]: a form drawn many times reloads its fonts each time.
const FONT_COST: u64 = 1000;
/// Deepest nesting of form XObjects that is followed.
const MAX_FORM_DEPTH: usize = 12;
/// Deepest `q` nesting that is remembered.
const MAX_SAVED_STATES: usize = 4096;
/// A document with fewer non-whitespace characters than `max(MIN_TEXT_CHARS,
/// MIN_TEXT_CHARS_PER_PAGE × pages)` has no real text layer: a scan, perhaps with
/// stamped page numbers.
const MIN_TEXT_CHARS: usize = 10;
/// See [`MIN_TEXT_CHARS`].
const MIN_TEXT_CHARS_PER_PAGE: usize = 8;

/// Extracts the text of a PDF, page after page, one visual line per line.
///
/// Returns [`FormatError::NoTextLayer`] when the document has pages but almost no
/// text (a scan), [`FormatError::Encrypted`] when it needs a password, and
/// [`FormatError::Pdf`] when it cannot be parsed. `title` is the Info dictionary's
/// `/Title`, if any. A panic inside the PDF parser is caught and reported as
/// [`FormatError::Pdf`] (this needs `panic = "unwind"`, the default).
pub fn extract(bytes: &[u8]) -> Result<Extracted, FormatError> {
    match std::panic::catch_unwind(|| extract_unguarded(bytes, Budget::default())) {
        Ok(result) => result,
        Err(payload) => Err(FormatError::Pdf(format!(
            "the pdf parser panicked: {}",
            panic_message(payload.as_ref())
        ))),
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_owned()
    }
}

fn pdf_error(e: impl std::fmt::Display) -> FormatError {
    FormatError::Pdf(e.to_string().to_lowercase())
}

/// Work limits for content interpretation.
#[derive(Clone, Copy)]
struct Budget {
    total: u64,
    per_page: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Self {
            total: MAX_OPERATIONS,
            per_page: MAX_PAGE_OPERATIONS,
        }
    }
}

fn extract_unguarded(bytes: &[u8], budget: Budget) -> Result<Extracted, FormatError> {
    let head = bytes.get(..1024).unwrap_or(bytes);
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(FormatError::Pdf("no %PDF- header".to_owned()));
    }
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(pdf_error)?;
    if doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none() {
        return Err(FormatError::Encrypted);
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(FormatError::Pdf("no pages".to_owned()));
    }

    let min_chars = MIN_TEXT_CHARS.max(MIN_TEXT_CHARS_PER_PAGE.saturating_mul(pages.len()));
    let mut out = LineWriter::default();
    let mut walker = Walker::new(budget);
    for page_id in pages.into_values() {
        walker.reset_page();
        let content = match doc.get_page_content_with_limit(page_id, MAX_STREAM) {
            Ok(content) => content,
            Err(e) if is_limit_error(&e) => return Err(pdf_error(e)),
            Err(_) => continue, // a page with unreadable content contributes no text
        };
        let fonts = doc.get_page_fonts(page_id).unwrap_or_default();
        walker.charge(FONT_COST.saturating_mul(fonts.len() as u64))?;
        let prepared = prepare_fonts(fonts);
        let scope = FontScope {
            fonts: load_fonts(&doc, &prepared)?,
            parent: None,
        };
        let resources = page_resources(&doc, page_id);
        walker.run(&doc, &content, &scope, &resources, 0)?;
        for line in walker.text.split('\n') {
            out.text(line);
            out.soft_break();
        }
    }
    let text = out.finish();
    if text.chars().filter(|c| !c.is_whitespace()).count() < min_chars {
        return Err(FormatError::NoTextLayer);
    }
    Ok(Extracted {
        title: info_title(&doc),
        text,
        encoding: None,
    })
}

fn is_limit_error(e: &lopdf::Error) -> bool {
    matches!(
        e,
        lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. })
    )
}

/// The Info dictionary's `/Title`, whitespace collapsed.
fn info_title(doc: &Document) -> Option<String> {
    let info = deref(doc, doc.trailer.get(b"Info").ok()?)?;
    let Object::Dictionary(info) = info else {
        return None;
    };
    let title = deref(doc, info.get(b"Title").ok()?)?;
    let title = lopdf::decode_text_string(title).ok()?;
    let title = collapse_ws(&title);
    (!title.is_empty()).then_some(title)
}

/// Follows references (lopdf bounds the chain).
fn deref<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Object> {
    doc.dereference(obj).ok().map(|(_, o)| o)
}

fn deref_dict<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Dictionary> {
    match deref(doc, obj)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

fn number(obj: &Object) -> Option<f64> {
    match obj {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)).filter(|v| v.is_finite()),
        _ => None,
    }
}

/// The resource dictionaries that apply to a page, nearest first.
fn page_resources(doc: &Document, page_id: lopdf::ObjectId) -> Vec<&Dictionary> {
    let Ok((direct, ids)) = doc.get_page_resources(page_id) else {
        return Vec::new();
    };
    direct
        .into_iter()
        .chain(ids.into_iter().filter_map(|id| doc.get_dictionary(id).ok()))
        .collect()
}

/// Font dictionaries copied so that a `/ToUnicode` map wins over `/Encoding`.
///
/// lopdf consults `/Encoding` first; PDF viewers (and this module) prefer the
/// `/ToUnicode` map when a font has one, since it is what the producer wrote for
/// text extraction. The copies also keep the original for widths.
fn prepare_fonts(fonts: BTreeMap<Vec<u8>, &Dictionary>) -> Vec<(Vec<u8>, Dictionary, &Dictionary)> {
    fonts
        .into_iter()
        .map(|(name, font)| {
            let mut copy = font.clone();
            if copy.has(b"ToUnicode") {
                copy.remove(b"Encoding");
            }
            (name, copy, font)
        })
        .collect()
}

/// Fonts from a resource dictionary's `/Font` entry.
fn resource_fonts<'a>(
    doc: &'a Document,
    resources: &[&'a Dictionary],
) -> BTreeMap<Vec<u8>, &'a Dictionary> {
    let mut fonts = BTreeMap::new();
    for res in resources {
        let Some(font_dict) = res.get(b"Font").ok().and_then(|f| deref_dict(doc, f)) else {
            continue;
        };
        for (name, value) in font_dict.iter() {
            if let Some(font) = deref_dict(doc, value) {
                fonts.entry(name.clone()).or_insert(font);
            }
        }
    }
    fonts
}

/// What is needed to decode and measure strings shown with one font.
struct FontInfo<'a> {
    /// `None` when the codes cannot be mapped to Unicode (CID font without `ToUnicode`).
    encoding: Option<Encoding<'a>>,
    /// Type0 fonts use two-byte codes here.
    two_byte: bool,
    widths: Widths,
}

/// Glyph advance widths in thousandths of the font size.
enum Widths {
    Simple {
        first: i64,
        widths: Vec<f64>,
        missing: f64,
        scale: f64,
    },
    Cid {
        map: HashMap<u32, f64>,
        default: f64,
    },
}

impl Widths {
    fn get(&self, code: u32) -> f64 {
        match self {
            Widths::Simple {
                first,
                widths,
                missing,
                scale,
            } => {
                let w = i64::from(code)
                    .checked_sub(*first)
                    .and_then(|index| usize::try_from(index).ok())
                    .and_then(|i| widths.get(i).copied())
                    .unwrap_or(*missing);
                w * scale
            }
            Widths::Cid { map, default } => map.get(&code).copied().unwrap_or(*default),
        }
    }
}

fn load_fonts<'a>(
    doc: &'a Document,
    prepared: &'a [(Vec<u8>, Dictionary, &'a Dictionary)],
) -> Result<HashMap<Vec<u8>, FontInfo<'a>>, FormatError> {
    let mut fonts = HashMap::new();
    for (name, copy, original) in prepared {
        let subtype = original
            .get(b"Subtype")
            .ok()
            .and_then(|s| s.as_name().ok())
            .unwrap_or_default();
        let two_byte = subtype == b"Type0";
        let encoding = match copy.get_font_encoding_with_limit(doc, MAX_STREAM) {
            Ok(encoding) => Some(encoding),
            Err(e) if is_limit_error(&e) => return Err(pdf_error(e)),
            Err(_) => None,
        };
        let decodable = !two_byte
            || copy.has(b"ToUnicode")
            || matches!(
                copy.get(b"Encoding").ok().and_then(|e| e.as_name().ok()),
                Some(b"UniGB-UCS2-H" | b"UniGB-UTF16-H")
            );
        let widths = if two_byte {
            cid_widths(doc, original)
        } else {
            simple_widths(doc, original, subtype == b"Type3")
        };
        fonts.insert(
            name.clone(),
            FontInfo {
                encoding: encoding.filter(|_| decodable),
                two_byte,
                widths,
            },
        );
    }
    Ok(fonts)
}

fn simple_widths(doc: &Document, font: &Dictionary, type3: bool) -> Widths {
    let first = font.get(b"FirstChar").ok().and_then(number).unwrap_or(0.0) as i64;
    let widths: Vec<f64> = font
        .get(b"Widths")
        .ok()
        .and_then(|w| deref(doc, w))
        .and_then(|w| w.as_array().ok())
        .map(|arr| {
            arr.iter()
                .take(65_536)
                .map(|w| deref(doc, w).and_then(number).unwrap_or(0.0))
                .collect()
        })
        .unwrap_or_default();
    let missing = font
        .get(b"FontDescriptor")
        .ok()
        .and_then(|d| deref_dict(doc, d))
        .and_then(|d| d.get(b"MissingWidth").ok())
        .and_then(number)
        .filter(|w| *w > 0.0)
        // No widths at all (a standard 14 font): an average glyph width.
        .unwrap_or(if widths.is_empty() { 500.0 } else { 0.0 });
    let scale = if type3 {
        font.get(b"FontMatrix")
            .ok()
            .and_then(|m| deref(doc, m))
            .and_then(|m| m.as_array().ok())
            .and_then(|m| m.first())
            .and_then(number)
            .map_or(1.0, |a| a * 1000.0)
    } else {
        1.0
    };
    Widths::Simple {
        first,
        widths,
        missing,
        scale,
    }
}

fn cid_widths(doc: &Document, font: &Dictionary) -> Widths {
    let descendant = font
        .get(b"DescendantFonts")
        .ok()
        .and_then(|d| deref(doc, d))
        .and_then(|d| d.as_array().ok())
        .and_then(|d| d.first())
        .and_then(|d| deref_dict(doc, d));
    let Some(descendant) = descendant else {
        return Widths::Cid {
            map: HashMap::new(),
            default: 1000.0,
        };
    };
    let default = descendant
        .get(b"DW")
        .ok()
        .and_then(number)
        .unwrap_or(1000.0);
    let mut map = HashMap::new();
    let w = descendant
        .get(b"W")
        .ok()
        .and_then(|w| deref(doc, w))
        .and_then(|w| w.as_array().ok());
    if let Some(w) = w {
        // Either `c [w1 w2 …]` or `c_first c_last w`.
        let mut i = 0;
        while i < w.len() && map.len() < 65_536 {
            let Some(first) = w.get(i).and_then(number) else {
                break;
            };
            let first = first.max(0.0) as u32;
            match w.get(i + 1).and_then(|o| deref(doc, o)) {
                Some(Object::Array(list)) => {
                    for (k, width) in list.iter().take(65_536).enumerate() {
                        if let Some(width) = number(width) {
                            map.insert(first.saturating_add(k as u32), width);
                        }
                    }
                    i += 2;
                }
                Some(last) => {
                    let (Some(last), Some(width)) = (number(last), w.get(i + 2).and_then(number))
                    else {
                        break;
                    };
                    let last = (last.max(0.0) as u32).min(first.saturating_add(65_535));
                    for code in first..=last {
                        map.insert(code, width);
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }
    Widths::Cid { map, default }
}

/// Fonts visible to a content stream: its own, then those of the enclosing stream.
struct FontScope<'s> {
    fonts: HashMap<Vec<u8>, FontInfo<'s>>,
    parent: Option<&'s FontScope<'s>>,
}

impl<'s> FontScope<'s> {
    fn get(&self, name: &[u8]) -> Option<&FontInfo<'s>> {
        self.fonts
            .get(name)
            .or_else(|| self.parent.and_then(|p| p.get(name)))
    }
}

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m × n` in PDF's row-vector convention (apply `m`, then `n`).
fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn translate(tx: f64, ty: f64) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, tx, ty]
}

fn matrix_from(operands: &[Object]) -> Option<Matrix> {
    let mut m = [0.0; 6];
    for (slot, obj) in m.iter_mut().zip(operands.iter()) {
        *slot = number(obj)?;
    }
    (operands.len() >= 6).then_some(m)
}

/// Graphics state kept across `q`/`Q` (the parts that matter for text).
#[derive(Clone)]
struct GState {
    ctm: Matrix,
    char_spacing: f64,
    word_spacing: f64,
    horizontal_scale: f64,
    leading: f64,
    font: Vec<u8>,
    font_size: f64,
    rise: f64,
}

impl Default for GState {
    fn default() -> Self {
        Self {
            ctm: IDENTITY,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
            leading: 0.0,
            font: Vec::new(),
            font_size: 0.0,
            rise: 0.0,
        }
    }
}

/// Interprets content streams and writes the text of one page at a time.
struct Walker {
    text: String,
    state: GState,
    saved: Vec<GState>,
    /// `q` operators past [`MAX_SAVED_STATES`] whose `Q` has not come yet.
    unsaved: usize,
    tm: Matrix,
    tlm: Matrix,
    /// Where the previous string ended (device space), and its font size there.
    last_end: Option<(f64, f64)>,
    last_size: f64,
    budget: Budget,
    operations: u64,
    page_operations: u64,
}

impl Walker {
    fn new(budget: Budget) -> Self {
        Self {
            budget,
            text: String::new(),
            state: GState::default(),
            saved: Vec::new(),
            unsaved: 0,
            tm: IDENTITY,
            tlm: IDENTITY,
            last_end: None,
            last_size: 0.0,
            operations: 0,
            page_operations: 0,
        }
    }

    fn reset_page(&mut self) {
        self.text.clear();
        self.state = GState::default();
        self.saved.clear();
        self.unsaved = 0;
        self.tm = IDENTITY;
        self.tlm = IDENTITY;
        self.last_end = None;
        self.last_size = 0.0;
        self.page_operations = 0;
    }

    fn run<'a>(
        &mut self,
        doc: &'a Document,
        data: &[u8],
        fonts: &FontScope<'_>,
        resources: &[&'a Dictionary],
        depth: usize,
    ) -> Result<(), FormatError> {
        // A content stream that stops parsing part-way keeps the text before the fault.
        for op in Content::<Vec<Operation>>::decode_iter(data) {
            let Ok(op) = op else { break };
            self.charge(1)?;
            self.operation(doc, &op, fonts, resources, depth)?;
        }
        Ok(())
    }

    fn operation<'a>(
        &mut self,
        doc: &'a Document,
        op: &Operation,
        fonts: &FontScope<'_>,
        resources: &[&'a Dictionary],
        depth: usize,
    ) -> Result<(), FormatError> {
        let args = &op.operands;
        let num = |i: usize| args.get(i).and_then(number);
        match op.operator.as_str() {
            "q" => self.save(),
            "Q" => self.restore(),
            "cm" => {
                if let Some(m) = matrix_from(args) {
                    self.state.ctm = mul(&m, &self.state.ctm);
                }
            }
            "BT" => {
                self.tm = IDENTITY;
                self.tlm = IDENTITY;
            }
            "Tf" => {
                if let Some(Object::Name(name)) = args.first() {
                    self.state.font = name.clone();
                }
                if let Some(size) = num(1) {
                    self.state.font_size = size;
                }
            }
            "Tc" => self.state.char_spacing = num(0).unwrap_or(0.0),
            "Tw" => self.state.word_spacing = num(0).unwrap_or(0.0),
            "Tz" => self.state.horizontal_scale = num(0).unwrap_or(100.0) / 100.0,
            "TL" => self.state.leading = num(0).unwrap_or(0.0),
            "Ts" => self.state.rise = num(0).unwrap_or(0.0),
            "Td" => self.move_line(num(0).unwrap_or(0.0), num(1).unwrap_or(0.0)),
            "TD" => {
                let ty = num(1).unwrap_or(0.0);
                self.state.leading = -ty;
                self.move_line(num(0).unwrap_or(0.0), ty);
            }
            "Tm" => {
                if let Some(m) = matrix_from(args) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            "T*" => self.move_line(0.0, -self.state.leading),
            "Tj" => {
                if let Some(Object::String(bytes, _)) = args.first() {
                    self.show(bytes, fonts);
                }
            }
            "'" => {
                self.move_line(0.0, -self.state.leading);
                if let Some(Object::String(bytes, _)) = args.first() {
                    self.show(bytes, fonts);
                }
            }
            "\"" => {
                self.state.word_spacing = num(0).unwrap_or(0.0);
                self.state.char_spacing = num(1).unwrap_or(0.0);
                self.move_line(0.0, -self.state.leading);
                if let Some(Object::String(bytes, _)) = args.get(2) {
                    self.show(bytes, fonts);
                }
            }
            "TJ" => {
                if let Some(Object::Array(items)) = args.first() {
                    for item in items {
                        match item {
                            Object::String(bytes, _) => self.show(bytes, fonts),
                            other => {
                                if let Some(adjust) = number(other) {
                                    let tx = -adjust / 1000.0
                                        * self.state.font_size
                                        * self.state.horizontal_scale;
                                    self.tm = mul(&translate(tx, 0.0), &self.tm);
                                }
                            }
                        }
                    }
                }
            }
            "Do" => {
                if let Some(Object::Name(name)) = args.first() {
                    self.form(doc, name, fonts, resources, depth)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Counts work against [`MAX_OPERATIONS`] and [`MAX_PAGE_OPERATIONS`]
    /// (operators, content bytes of forms, and fonts loaded at [`FONT_COST`] each).
    fn charge(&mut self, units: u64) -> Result<(), FormatError> {
        self.operations = self.operations.saturating_add(units);
        self.page_operations = self.page_operations.saturating_add(units);
        if self.operations > self.budget.total || self.page_operations > self.budget.per_page {
            return Err(FormatError::Pdf(
                "content too complex (operation limit reached)".to_owned(),
            ));
        }
        Ok(())
    }

    /// `q`: past [`MAX_SAVED_STATES`] only the nesting is counted, so `Q` stays paired.
    fn save(&mut self) {
        if self.saved.len() < MAX_SAVED_STATES {
            self.saved.push(self.state.clone());
        } else {
            self.unsaved += 1;
        }
    }

    fn restore(&mut self) {
        if self.unsaved > 0 {
            self.unsaved -= 1;
        } else if let Some(state) = self.saved.pop() {
            self.state = state;
        }
    }

    fn move_line(&mut self, tx: f64, ty: f64) {
        self.tlm = mul(&translate(tx, ty), &self.tlm);
        self.tm = self.tlm;
    }

    /// Runs a form XObject's content with its own matrix and resources.
    fn form<'a>(
        &mut self,
        doc: &'a Document,
        name: &[u8],
        fonts: &FontScope<'_>,
        resources: &[&'a Dictionary],
        depth: usize,
    ) -> Result<(), FormatError> {
        if depth >= MAX_FORM_DEPTH {
            return Ok(());
        }
        let stream = resources.iter().find_map(|res| {
            let xobjects = deref_dict(doc, res.get(b"XObject").ok()?)?;
            match deref(doc, xobjects.get(name).ok()?)? {
                Object::Stream(s) => Some(s),
                _ => None,
            }
        });
        let Some(stream) = stream else {
            return Ok(());
        };
        let is_form = stream
            .dict
            .get(b"Subtype")
            .ok()
            .and_then(|s| s.as_name().ok())
            == Some(b"Form");
        if !is_form {
            return Ok(());
        }
        let data = match stream.get_plain_content_with_limit(MAX_STREAM) {
            Ok(data) => data,
            Err(e) if is_limit_error(&e) => return Err(pdf_error(e)),
            Err(_) => return Ok(()),
        };
        self.charge(data.len() as u64 / 16)?;
        let own_resources: Vec<&'a Dictionary> = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| deref_dict(doc, r))
            .into_iter()
            .collect();
        let form_fonts = resource_fonts(doc, &own_resources);
        self.charge(10 + FONT_COST.saturating_mul(form_fonts.len() as u64))?;
        let prepared = prepare_fonts(form_fonts);
        let scope = FontScope {
            fonts: load_fonts(doc, &prepared)?,
            parent: Some(fonts),
        };
        let inner_resources: Vec<&'a Dictionary> = own_resources
            .iter()
            .chain(resources.iter())
            .copied()
            .collect();

        let saved_state = self.state.clone();
        let (saved_tm, saved_tlm) = (self.tm, self.tlm);
        let saved_depth = (self.saved.len(), self.unsaved);
        if let Some(m) = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|m| deref(doc, m))
            .and_then(|m| m.as_array().ok())
            .and_then(|m| matrix_from(m))
        {
            self.state.ctm = mul(&m, &self.state.ctm);
        }
        let result = self.run(doc, &data, &scope, &inner_resources, depth + 1);
        self.saved.truncate(saved_depth.0);
        self.unsaved = saved_depth.1;
        self.state = saved_state;
        self.tm = saved_tm;
        self.tlm = saved_tlm;
        result
    }

    /// Shows one string: places it relative to the previous one, appends its text,
    /// and advances the text matrix by its width.
    fn show(&mut self, bytes: &[u8], fonts: &FontScope<'_>) {
        let font = fonts.get(&self.state.font);
        let st = self.state.clone();
        let m = mul(&self.tm, &st.ctm);
        let start = (m[4] + st.rise * m[2], m[5] + st.rise * m[3]);
        let size = (st.font_size.abs() * m[2].hypot(m[3])).max(0.1);
        let dir = {
            let len = m[0].hypot(m[1]);
            if len > 1e-9 {
                (m[0] / len, m[1] / len)
            } else {
                (1.0, 0.0)
            }
        };

        let decoded = font
            .and_then(|f| f.encoding.as_ref())
            .and_then(|e| e.bytes_to_string(bytes).ok())
            .unwrap_or_default();
        if !decoded.trim().is_empty() {
            self.separate(start, dir, size, decoded.starts_with(char::is_whitespace));
            self.text.push_str(&decoded);
        }

        // Advance by the glyph widths.
        let two_byte = font.is_some_and(|f| f.two_byte);
        let codes: Vec<u32> = if two_byte {
            bytes
                .chunks(2)
                .map(|c| c.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b)))
                .collect()
        } else {
            bytes.iter().map(|&b| u32::from(b)).collect()
        };
        let mut advance = 0.0;
        for code in codes {
            let width = font.map_or(500.0, |f| f.widths.get(code)) / 1000.0;
            let mut tx = width * st.font_size + st.char_spacing;
            if !two_byte && code == 32 {
                tx += st.word_spacing;
            }
            advance += tx * st.horizontal_scale;
        }
        if advance.is_finite() {
            self.tm = mul(&translate(advance, 0.0), &self.tm);
        }
        if !decoded.trim().is_empty() {
            let m = mul(&self.tm, &self.state.ctm);
            self.last_end = Some((m[4] + self.state.rise * m[2], m[5] + self.state.rise * m[3]));
            self.last_size = size;
        }
    }

    /// Adds a line break or a space between the previous string and one starting at `start`.
    fn separate(&mut self, start: (f64, f64), dir: (f64, f64), size: f64, starts_with_space: bool) {
        let Some(end) = self.last_end else {
            return;
        };
        if self.text.is_empty() || self.text.ends_with('\n') {
            return;
        }
        let (dx, dy) = (start.0 - end.0, start.1 - end.1);
        let along = dx * dir.0 + dy * dir.1;
        let across = dy * dir.0 - dx * dir.1;
        let ref_size = size.max(self.last_size);
        let new_line = across.abs() > 0.5 * ref_size;
        // A smaller font shifted off the baseline (a superscript note mark) is kept
        // apart from the number before it.
        let shifted_smaller =
            across.abs() > 0.15 * ref_size && size.min(self.last_size) < 0.85 * ref_size;
        if new_line {
            self.text.push('\n');
        } else if (along > 0.2 * ref_size || along < -ref_size || shifted_smaller)
            && !starts_with_space
            && !self.text.ends_with(char::is_whitespace)
        {
            self.text.push(' ');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a PDF file with correct cross-reference offsets from object bodies
    /// (object `n` is `objects[n - 1]`; object 1 must be the catalog).
    fn build_pdf(objects: &[Vec<u8>], info: Option<usize>) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(format!("xref\n0 {}\n", objects.len() + 1).as_bytes());
        out.extend_from_slice(b"0000000000 65535 f \n");
        for off in offsets {
            out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
        }
        let info = info.map(|i| format!(" /Info {i} 0 R")).unwrap_or_default();
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    fn stream(content: &str) -> Vec<u8> {
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        )
        .into_bytes()
    }

    /// One page, Helvetica, the given content stream.
    fn one_page_pdf(content: &str, title: Option<&str>) -> Vec<u8> {
        let mut objects = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
              /Resources << /Font << /F1 5 0 R >> >> >>"
                .to_vec(),
            stream(content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
                .to_vec(),
        ];
        let info = title.map(|t| {
            objects.push(format!("<< /Title ({t}) /Producer (test) >>").into_bytes());
            objects.len()
        });
        build_pdf(&objects, info)
    }

    #[test]
    fn hand_written_pdf_text_comes_out() {
        let pdf = one_page_pdf(
            "BT /F1 12 Tf 72 712 Td (Bao cao so 3049) Tj ET",
            Some("Bao cao"),
        );
        // The hand-computed cross-reference table is right: strict loading accepts it.
        let strict = LoadOptions {
            strict: true,
            ..LoadOptions::default()
        };
        let doc = Document::load_mem_with_options(&pdf, strict).unwrap();
        assert_eq!(doc.get_pages().len(), 1);
        let out = extract(&pdf).unwrap();
        assert_eq!(out.text, "Bao cao so 3049");
        assert_eq!(out.title.as_deref(), Some("Bao cao"));
    }

    #[test]
    fn lines_and_word_gaps_follow_positions() {
        let content = "BT /F1 12 Tf 72 712 Td (Ket qua nam) Tj ( 2023:) Tj 0 -14 Td \
                       [(Tong so ho so)-300(3049)] TJ ET \
                       BT /F1 12 Tf 72 684 Td (Ty le) Tj ET BT /F1 12 Tf 110 684 Td (98,5%) Tj ET \
                       BT /F1 12 Tf 1 0 0 1 72 670 Tm (Het) Tj T* ET";
        let out = extract(&one_page_pdf(content, None)).unwrap();
        assert_eq!(
            out.text,
            "Ket qua nam 2023:\nTong so ho so 3049\nTy le 98,5%\nHet"
        );
        assert_eq!(out.title, None);
    }

    #[test]
    fn words_split_across_operators_stay_joined() {
        // Kerning pairs inside a word must not become spaces; Word writes runs like this.
        let content = "BT /F1 12 Tf 72 712 Td [(Quy)-20(et)] TJ ( dinh so 27 cua Uy ban) Tj ET";
        let out = extract(&one_page_pdf(content, None)).unwrap();
        assert_eq!(out.text, "Quyet dinh so 27 cua Uy ban");
    }

    #[test]
    fn page_without_text_is_no_text_layer() {
        let content = "q 100 0 0 100 72 600 cm 0 0 1 rg 0 0 1 1 re f Q";
        let err = extract(&one_page_pdf(content, None)).unwrap_err();
        assert!(matches!(err, FormatError::NoTextLayer), "{err:?}");
        assert_eq!(
            err.to_string(),
            "no text layer (a scanned pdf?): run OCR first"
        );
        // A stamped page number or two is not a text layer either.
        let err = extract(&one_page_pdf("BT /F1 12 Tf (- 1 -) Tj ET", None)).unwrap_err();
        assert!(matches!(err, FormatError::NoTextLayer), "{err:?}");
    }

    #[test]
    fn garbage_with_pdf_header_is_an_error() {
        let mut garbage = b"%PDF-1.7\n".to_vec();
        let mut x: u32 = 12345;
        for _ in 0..4096 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            garbage.push((x >> 16) as u8);
        }
        let err = extract(&garbage).unwrap_err();
        assert!(matches!(err, FormatError::Pdf(_)), "{err:?}");

        for bad in [
            &b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"[..],
            b"%PDF-",
            b"",
            b"not a pdf at all",
        ] {
            let result = extract(bad);
            assert!(result.is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn truncated_and_corrupted_pdfs_do_not_panic() {
        let pdf = one_page_pdf(
            "BT /F1 12 Tf 72 712 Td (Bao cao so 3049 ve ket qua thuc hien) Tj ET",
            Some("T"),
        );
        for cut in (0..pdf.len()).step_by(7) {
            let _ = extract(&pdf[..cut]);
        }
        for i in (0..pdf.len()).step_by(3) {
            let mut bad = pdf.clone();
            bad[i] = bad[i].wrapping_add(0x41);
            let _ = extract(&bad);
        }
    }

    #[test]
    fn to_unicode_cid_font_gives_vietnamese_text() {
        // A Type0 font with two-byte codes 0001.. mapped to "Sở Thông tin" by a ToUnicode CMap.
        let text = "Sở Thông tin và Truyền thông đã ban hành 27 Quyết định";
        let chars: Vec<char> = text.chars().collect();
        let mut unique: Vec<char> = chars.clone();
        unique.sort_unstable();
        unique.dedup();
        let code = |c: char| unique.iter().position(|&u| u == c).unwrap() as u16 + 1;
        let mut cmap = String::from(
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
             /CMapName /Test def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
        );
        cmap.push_str(&format!("{} beginbfchar\n", unique.len()));
        for &c in &unique {
            let mut utf16 = [0u16; 2];
            let units = c.encode_utf16(&mut utf16);
            let hex: String = units.iter().map(|u| format!("{u:04X}")).collect();
            cmap.push_str(&format!("<{:04X}> <{hex}>\n", code(c)));
        }
        cmap.push_str("endbfchar endcmap CMapName currentdict /CMap defineresource pop end end");
        let shown: String = chars.iter().map(|&c| format!("{:04X}", code(c))).collect();
        let content = format!("BT /F2 11 Tf 1 0 0 1 72 700 Tm <{shown}> Tj ET");
        let objects = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
              /Resources << /Font << /F2 5 0 R >> >> >>"
                .to_vec(),
            stream(&content),
            b"<< /Type /Font /Subtype /Type0 /BaseFont /TimesNewRoman /Encoding /Identity-H \
              /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>"
                .to_vec(),
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TimesNewRoman \
              /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>"
                .to_vec(),
            stream(&cmap),
        ];
        let out = extract(&build_pdf(&objects, None)).unwrap();
        assert_eq!(out.text, text);
    }

    #[test]
    fn form_xobject_text_is_included() {
        let objects = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
              /Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> >>"
                .to_vec(),
            stream(
                "BT /F1 12 Tf 72 720 Td (Trang chinh co noi dung) Tj ET q 1 0 0 1 0 -40 cm /Fm1 Do Q",
            ),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
            {
                let form = "BT /F1 12 Tf 72 720 Td (Trong bieu mau) Tj ET";
                format!(
                    "<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Length {} >>\nstream\n{form}\nendstream",
                    form.len()
                )
                .into_bytes()
            },
        ];
        let out = extract(&build_pdf(&objects, None)).unwrap();
        assert_eq!(out.text, "Trang chinh co noi dung\nTrong bieu mau");
    }

    #[test]
    fn exponentially_nested_forms_hit_the_operation_limit() {
        // Form n draws form n+1 forty times: 40^10 invocations if nothing stopped it.
        let levels = 10;
        let mut objects = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        ];
        let xobjects: String = (0..levels)
            .map(|i| format!("/X{i} {} 0 R ", 6 + i))
            .collect();
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
                 /Resources << /Font << /F1 5 0 R >> /XObject << {xobjects}>> >> >>"
            )
            .into_bytes(),
        );
        objects.push(stream("/X0 Do"));
        objects.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec());
        for i in 0..levels {
            let body = if i + 1 < levels {
                format!("/X{} Do ", i + 1).repeat(40)
            } else {
                "BT /F1 12 Tf 72 712 Td (la) Tj ET".to_owned()
            };
            objects.push(
                format!(
                    "<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Length {} >>\nstream\n{body}\nendstream",
                    body.len()
                )
                .into_bytes(),
            );
        }
        let pdf = build_pdf(&objects, None);
        // A smaller page budget than the default keeps the test quick in debug builds.
        let budget = Budget {
            per_page: 200_000,
            ..Budget::default()
        };
        let err = extract_unguarded(&pdf, budget).unwrap_err();
        assert!(
            matches!(&err, FormatError::Pdf(m) if m.contains("too complex")),
            "{err:?}"
        );
    }

    #[test]
    fn two_pages_are_separated_by_a_newline() {
        let objects = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /Resources << /Font << /F1 7 0 R >> >> >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R >>".to_vec(),
            stream("BT /F1 12 Tf 72 712 Td (Trang mot bao cao) Tj ET"),
            stream("BT /F1 12 Tf 72 712 Td (Trang hai ket luan) Tj ET"),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        ];
        let out = extract(&build_pdf(&objects, None)).unwrap();
        assert_eq!(out.text, "Trang mot bao cao\nTrang hai ket luan");
        assert!(!out.text.contains('\u{c}'));
    }
}
