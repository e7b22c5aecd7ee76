//! DOCX (WordprocessingML) files: the body, text boxes, footnotes and endnotes in document order.
//!
//! Parts are read through a byte budget ([`Limits::max_uncompressed`]) that checks both
//! the size each zip entry declares and the bytes that actually come out of it, and the
//! XML is read as a stream of events with an explicit nesting limit, so neither a zip
//! bomb nor deeply nested markup can exhaust memory or the stack.

use std::io::{Cursor, Read};

use quick_xml::NsReader;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::ResolveResult;
use zip::ZipArchive;
use zip::result::ZipError;

use super::{Extracted, FormatError, Limits, LineWriter, collapse_ws};

/// The main document part in every DOCX written by Word and most other tools.
const MAIN_PART: &str = "word/document.xml";

/// WordprocessingML namespaces (transitional and strict).
const NS_W: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// Markup compatibility (`mc:AlternateContent`).
const NS_MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
/// Dublin Core elements (`dc:title` in `docProps/core.xml`).
const NS_DC: &str = "http://purl.org/dc/elements/1.1/";

/// Extracts the text of a DOCX file.
///
/// Paragraphs give one line each; table rows give one line each with cells joined by
/// a tab (paragraphs inside a cell joined by a space); text boxes follow the paragraph
/// that anchors them; footnotes and endnotes (not the separator notes) come after the
/// body. Headers, footers and deleted revisions are left out. `title` is the
/// non-empty `dc:title` of `docProps/core.xml`.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, FormatError> {
    const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(OLE_MAGIC) {
        return Err(FormatError::OleCompound);
    }
    if !bytes.starts_with(b"PK") {
        return Err(FormatError::NotZip);
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    let mut budget = Budget {
        remaining: limits.max_uncompressed,
        limit: limits.max_uncompressed,
    };

    let main = match read_part(&mut archive, MAIN_PART, &mut budget)? {
        Some(xml) => xml,
        None => {
            // A few generators name the main part differently; the package
            // relationships say where it is.
            let target = read_part(&mut archive, "_rels/.rels", &mut budget)?
                .and_then(|rels| main_part_target(&rels))
                .filter(|t| t != MAIN_PART)
                .ok_or_else(|| FormatError::MissingPart(MAIN_PART.to_owned()))?;
            read_part(&mut archive, &target, &mut budget)?
                .ok_or_else(|| FormatError::MissingPart(target.clone()))?
        }
    };

    let mut out = LineWriter::default();
    walk(&main, MAIN_PART, limits.max_depth, &mut out)?;
    for notes in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(xml) = read_part(&mut archive, notes, &mut budget)? {
            walk(&xml, notes, limits.max_depth, &mut out)?;
        }
    }
    // A broken core.xml costs the title, not the text.
    let title = read_part(&mut archive, "docProps/core.xml", &mut budget)?
        .and_then(|xml| core_title(&xml, limits.max_depth).ok().flatten());

    Ok(Extracted {
        title,
        text: out.finish(),
        encoding: None,
    })
}

/// How many uncompressed bytes may still be read.
struct Budget {
    remaining: u64,
    limit: u64,
}

/// Reads one part as text, or `None` if the package has no such part.
fn read_part(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut Budget,
) -> Result<Option<String>, FormatError> {
    let Some(index) = archive.index_for_name(name) else {
        return Ok(None);
    };
    let entry = archive.by_index(index).map_err(zip_error)?;
    let bomb = FormatError::ZipBomb {
        limit: budget.limit,
    };
    if entry.size() > budget.remaining {
        return Err(bomb);
    }
    // The declared size can lie: count what really comes out, one byte past the budget.
    let capacity = usize::try_from(entry.size().min(16 << 20)).unwrap_or(0);
    let mut data = Vec::with_capacity(capacity);
    let read = entry
        .take(budget.remaining.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|e| FormatError::Zip(format!("{name}: {}", e.to_string().to_lowercase())))?;
    let read = u64::try_from(read).unwrap_or(u64::MAX);
    if read > budget.remaining {
        return Err(bomb);
    }
    budget.remaining -= read;
    // XML parts are UTF-8 (a UTF-16 BOM is honoured); invalid bytes become U+FFFD.
    let (text, _, _) = encoding_rs::UTF_8.decode(&data);
    Ok(Some(text.into_owned()))
}

fn zip_error(e: ZipError) -> FormatError {
    let message = match e {
        ZipError::Io(io) => io.to_string(),
        other => other.to_string(),
    };
    FormatError::Zip(message.to_lowercase())
}

fn xml_error(part: &str, e: impl std::fmt::Display) -> FormatError {
    FormatError::Xml(format!("{part}: {e}"))
}

/// Which namespace an element belongs to, as far as this reader cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ns {
    W,
    Mc,
    Dc,
    Other,
}

fn ns_of(resolved: &ResolveResult<'_>) -> Ns {
    match resolved {
        ResolveResult::Bound(ns) if NS_W.contains(&ns.0) => Ns::W,
        ResolveResult::Bound(ns) if ns.0 == NS_MC => Ns::Mc,
        ResolveResult::Bound(ns) if ns.0 == NS_DC => Ns::Dc,
        _ => Ns::Other,
    }
}

/// Element kinds that matter for text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Paragraph,
    Run,
    Text,
    Table,
    Row,
    Cell,
    TextBox,
    Other,
}

/// Open containers that collect text.
enum Frame {
    /// A paragraph; `deferred` holds lines (text boxes) to emit after it.
    Paragraph {
        text: String,
        deferred: Vec<String>,
    },
    Table,
    Row {
        cells: Vec<String>,
    },
    Cell {
        parts: Vec<String>,
    },
    TextBox {
        lines: Vec<String>,
    },
}

/// Streams one WordprocessingML part into `out`.
fn walk(xml: &str, part: &str, max_depth: usize, out: &mut LineWriter) -> Result<(), FormatError> {
    let mut reader = NsReader::from_str(xml);
    let mut state = Walker {
        out,
        kinds: Vec::new(),
        frames: Vec::new(),
        skip_from: None,
    };
    loop {
        let (ns, event) = {
            let (resolved, event) = reader
                .read_resolved_event()
                .map_err(|e| xml_error(part, e))?;
            (ns_of(&resolved), event)
        };
        match event {
            Event::Start(e) => {
                if state.kinds.len() >= max_depth {
                    return Err(FormatError::TooDeep);
                }
                let kind = state.start(ns, &e, &reader, part)?;
                state.kinds.push(kind);
            }
            Event::Empty(e) => {
                if state.skip_from.is_none() {
                    state.empty(ns, &e);
                }
            }
            Event::End(_) => {
                let kind = state.kinds.pop().unwrap_or(Kind::Other);
                if let Some(from) = state.skip_from {
                    if state.kinds.len() <= from {
                        state.skip_from = None;
                    }
                    continue;
                }
                state.end(kind);
            }
            Event::Text(t) => {
                if state.in_text() {
                    state.push_text(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if state.in_text() {
                    state.push_text(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = resolve_ref(&r).map_err(|e| xml_error(part, e))?;
                if state.in_text() {
                    state.push_text(&resolved);
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    // A truncated part: keep whatever paragraphs were open.
    while let Some(frame) = state.frames.pop() {
        state.close_frame(frame);
    }
    Ok(())
}

/// Resolves `&name;` or `&#n;` in XML text; other entities are an error.
fn resolve_ref(r: &BytesRef<'_>) -> Result<String, String> {
    if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
        return Ok(c.to_string());
    }
    let name: &str = r;
    quick_xml::escape::resolve_predefined_entity(name)
        .map(str::to_owned)
        .ok_or_else(|| format!("unknown entity &{name};"))
}

struct Walker<'o> {
    out: &'o mut LineWriter,
    /// Kinds of the open elements (the nesting stack).
    kinds: Vec<Kind>,
    frames: Vec<Frame>,
    /// Set while inside a skipped subtree: the stack depth at which it started.
    skip_from: Option<usize>,
}

impl Walker<'_> {
    fn in_text(&self) -> bool {
        self.skip_from.is_none() && self.kinds.last() == Some(&Kind::Text)
    }

    /// Handles a start tag and returns the kind to push.
    fn start(
        &mut self,
        ns: Ns,
        e: &BytesStart<'_>,
        reader: &NsReader<&[u8]>,
        part: &str,
    ) -> Result<Kind, FormatError> {
        if self.skip_from.is_some() {
            return Ok(Kind::Other);
        }
        let local = e.local_name();
        let name: &str = local.as_ref();
        let kind = match (ns, name) {
            (Ns::W, "p") => {
                self.frames.push(Frame::Paragraph {
                    text: String::new(),
                    deferred: Vec::new(),
                });
                Kind::Paragraph
            }
            (Ns::W, "r") => Kind::Run,
            (Ns::W, "t") => Kind::Text,
            (Ns::W, "tbl") => {
                self.frames.push(Frame::Table);
                Kind::Table
            }
            (Ns::W, "tr") => {
                self.frames.push(Frame::Row { cells: Vec::new() });
                Kind::Row
            }
            (Ns::W, "tc") => {
                self.frames.push(Frame::Cell { parts: Vec::new() });
                Kind::Cell
            }
            (Ns::W, "txbxContent") => {
                self.frames.push(Frame::TextBox { lines: Vec::new() });
                Kind::TextBox
            }
            // Deleted and moved-away revisions, field instructions, and the legacy
            // copy of text boxes in mc:Fallback are not text of the document.
            (Ns::W, "del" | "moveFrom" | "delText" | "instrText" | "delInstrText")
            | (Ns::Mc, "Fallback") => {
                self.skip_from = Some(self.kinds.len());
                Kind::Other
            }
            (Ns::W, "footnote" | "endnote") if is_separator_note(e, reader, part)? => {
                self.skip_from = Some(self.kinds.len());
                Kind::Other
            }
            _ => {
                // `<w:tab></w:tab>` written with an end tag.
                self.empty(ns, e);
                Kind::Other
            }
        };
        Ok(kind)
    }

    /// Handles run-level content that carries no text of its own.
    fn empty(&mut self, ns: Ns, e: &BytesStart<'_>) {
        if ns != Ns::W {
            return;
        }
        let in_run = self.kinds.last() == Some(&Kind::Run);
        let local = e.local_name();
        let name: &str = local.as_ref();
        match name {
            "tab" | "ptab" if in_run => self.push_text("\t"),
            "br" | "cr" if in_run => self.push_text(" "),
            "noBreakHyphen" if in_run => self.push_text("-"),
            "tc" => {
                if let Some(Frame::Row { cells }) = self.frames.last_mut() {
                    cells.push(String::new());
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, kind: Kind) {
        let closes_frame = matches!(
            kind,
            Kind::Paragraph | Kind::Table | Kind::Row | Kind::Cell | Kind::TextBox
        );
        if closes_frame && let Some(frame) = self.frames.pop() {
            self.close_frame(frame);
        }
    }

    fn close_frame(&mut self, frame: Frame) {
        match frame {
            Frame::Paragraph { text, deferred } => {
                self.emit(text);
                for line in deferred {
                    self.emit(line);
                }
            }
            Frame::Table => {}
            Frame::Row { cells } => self.emit_row(cells),
            Frame::Cell { parts } => {
                let text = collapse_ws(&parts.join(" "));
                if let Some(Frame::Row { cells }) = self.frames.last_mut() {
                    cells.push(text);
                }
            }
            Frame::TextBox { lines } => {
                for line in lines {
                    self.emit(line);
                }
            }
        }
    }

    /// Appends run text to the innermost open paragraph.
    fn push_text(&mut self, s: &str) {
        let paragraph = self.frames.iter_mut().rev().find_map(|f| match f {
            Frame::Paragraph { text, .. } => Some(text),
            _ => None,
        });
        if let Some(text) = paragraph {
            text.push_str(s);
        }
    }

    /// Sends a finished line to the innermost container that collects lines.
    fn emit(&mut self, line: String) {
        if line.trim().is_empty() {
            return;
        }
        for frame in self.frames.iter_mut().rev() {
            match frame {
                Frame::Paragraph { deferred, .. } => {
                    deferred.push(line);
                    return;
                }
                Frame::Cell { parts } => {
                    parts.push(line);
                    return;
                }
                Frame::TextBox { lines } => {
                    lines.push(line);
                    return;
                }
                Frame::Table | Frame::Row { .. } => {}
            }
        }
        self.out.line_with_tabs(&line);
    }

    /// Sends a finished table row: a tab-separated line, or a run of text inside the
    /// cell of an enclosing table.
    fn emit_row(&mut self, cells: Vec<String>) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            return;
        }
        let target = self.frames.iter_mut().rev().find(|f| {
            matches!(
                f,
                Frame::Paragraph { .. } | Frame::Cell { .. } | Frame::TextBox { .. }
            )
        });
        match target {
            Some(Frame::Cell { parts }) => parts.push(cells.join(" ")),
            Some(
                Frame::Paragraph {
                    deferred: lines, ..
                }
                | Frame::TextBox { lines },
            ) => {
                lines.push(cells.join("\t"));
            }
            _ => self.out.row(&cells),
        }
    }
}

/// Whether a `w:footnote`/`w:endnote` is a separator rather than a real note.
fn is_separator_note(
    e: &BytesStart<'_>,
    reader: &NsReader<&[u8]>,
    part: &str,
) -> Result<bool, FormatError> {
    for attr in e.attributes() {
        let attr = attr.map_err(|err| xml_error(part, err))?;
        let (resolved, local) = reader.resolver().resolve_attribute(attr.key);
        let local_name: &str = local.as_ref();
        if ns_of(&resolved) == Ns::W && local_name == "type" {
            let value = attr
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| xml_error(part, err))?;
            return Ok(matches!(
                value.as_ref(),
                "separator" | "continuationSeparator" | "continuationNotice"
            ));
        }
    }
    Ok(false)
}

/// The `Target` of the package relationship whose type ends in `/officeDocument`.
fn main_part_target(rels: &str) -> Option<String> {
    let mut reader = NsReader::from_str(rels);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let mut is_main = false;
                let mut target = None;
                for attr in e.attributes().flatten() {
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .ok()?;
                    match attr.key.local_name().as_ref() {
                        "Type" => is_main = value.ends_with("/officeDocument"),
                        "Target" => target = Some(value.trim_start_matches('/').to_owned()),
                        _ => {}
                    }
                }
                if is_main {
                    return target;
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// The `dc:title` of `docProps/core.xml`, if present and not blank.
fn core_title(xml: &str, max_depth: usize) -> Result<Option<String>, FormatError> {
    const PART: &str = "docProps/core.xml";
    let mut reader = NsReader::from_str(xml);
    let mut depth = 0usize;
    let mut title_depth: Option<usize> = None;
    let mut title = String::new();
    loop {
        let (ns, event) = {
            let (resolved, event) = reader
                .read_resolved_event()
                .map_err(|e| xml_error(PART, e))?;
            (ns_of(&resolved), event)
        };
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > max_depth {
                    return Err(FormatError::TooDeep);
                }
                if title_depth.is_none() && ns == Ns::Dc && e.local_name().as_ref() == "title" {
                    title_depth = Some(depth);
                }
            }
            Event::End(_) => {
                if title_depth == Some(depth) {
                    break;
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) if title_depth.is_some() => title.push_str(&t.xml10_content()),
            Event::CData(t) if title_depth.is_some() => title.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if title_depth.is_some() => {
                title.push_str(&resolve_ref(&r).map_err(|e| xml_error(PART, e))?);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let title = collapse_ws(&title);
    Ok((!title.is_empty()).then_some(title))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
                     xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" \
                     xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" \
                     xmlns:v=\"urn:schemas-microsoft-com:vml\" \
                     xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"#;

    fn body(inner: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <w:document {W}><w:body>{inner}<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId1\"/></w:sectPr></w:body></w:document>"
        )
    }

    fn para(text: &str) -> String {
        format!(
            "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
        )
    }

    fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        zip.start_file("[Content_Types].xml", options).unwrap();
        zip.write_all(CONTENT_TYPES.as_bytes()).unwrap();
        for (name, data) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(data.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn run(parts: &[(&str, &str)]) -> Extracted {
        extract(&docx(parts), &Limits::default()).unwrap()
    }

    #[test]
    fn paragraphs_in_order_with_vietnamese_text() {
        let xml = body(&format!(
            "{}{}<w:p><w:r><w:t>Tổng</w:t></w:r><w:r><w:tab/><w:t>3.049</w:t></w:r><w:r><w:br/><w:t>hồ sơ</w:t></w:r></w:p><w:p/>",
            para("Sở Thông tin và Truyền thông đã ban hành 27 Quyết định"),
            para("  Kết   quả &amp; hạn chế &lt;2023&gt; &#273;&#x1EA1;t ")
        ));
        let out = run(&[(MAIN_PART, &xml)]);
        assert_eq!(
            out.text,
            "Sở Thông tin và Truyền thông đã ban hành 27 Quyết định\n\
             Kết quả & hạn chế <2023> đạt\n\
             Tổng\t3.049 hồ sơ"
        );
        assert_eq!(out.title, None);
    }

    #[test]
    fn tables_give_one_tab_separated_line_per_row() {
        let cell = |t: &str| format!("<w:tc><w:tcPr/>{}</w:tc>", para(t));
        let xml = body(&format!(
            "{}<w:tbl><w:tblPr/><w:tr>{}{}</w:tr><w:tr>{}<w:tc>{}{}</w:tc></w:tr><w:tr>{}{}</w:tr></w:tbl>{}",
            para("Bảng 1"),
            cell("Chỉ tiêu"),
            cell("Kết quả"),
            cell("Hồ sơ đúng hạn"),
            para("98,5%"),
            para("(tăng)"),
            cell(""),
            cell("x"),
            para("Hết"),
        ));
        let out = run(&[(MAIN_PART, &xml)]);
        assert_eq!(
            out.text,
            "Bảng 1\nChỉ tiêu\tKết quả\nHồ sơ đúng hạn\t98,5% (tăng)\n\tx\nHết"
        );
    }

    #[test]
    fn footnotes_and_text_boxes_are_included_deleted_text_is_not() {
        let text_box = "<w:p><w:r><w:t>Trước hộp.</w:t></w:r><w:r><mc:AlternateContent>\
            <mc:Choice Requires=\"wps\"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>\
            <w:p><w:r><w:t>Trong hộp văn bản</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>\
            <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>\
            <w:p><w:r><w:t>Trong hộp văn bản</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>\
            </mc:AlternateContent></w:r><w:r><w:t xml:space=\"preserve\"> Sau hộp.</w:t></w:r></w:p>";
        let deleted = "<w:p><w:r><w:t>Giữ</w:t></w:r><w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>Xóa</w:delText></w:r></w:del>\
            <w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t xml:space=\"preserve\"> thêm</w:t></w:r></w:ins>\
            <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>\
            <w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>";
        let xml = body(&format!("{text_box}{deleted}"));
        let footnotes = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:footnotes {W}>\
             <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r><w:r><w:t>SEP</w:t></w:r></w:p></w:footnote>\
             <w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>\
             <w:footnote w:id=\"1\">{}</w:footnote></w:footnotes>",
            para("Nguồn: Cục Thống kê")
        );
        let header = format!("<w:hdr {W}>{}</w:hdr>", para("ĐẦU TRANG BÍ MẬT"));
        let footer = format!("<w:ftr {W}>{}</w:ftr>", para("CHÂN TRANG"));
        let out = run(&[
            (MAIN_PART, &xml),
            ("word/footnotes.xml", &footnotes),
            ("word/header1.xml", &header),
            ("word/footer1.xml", &footer),
        ]);
        assert_eq!(
            out.text,
            "Trước hộp. Sau hộp.\nTrong hộp văn bản\nGiữ thêm\nNguồn: Cục Thống kê"
        );
        assert!(!out.text.contains("ĐẦU TRANG"));
        assert!(!out.text.contains("SEP"));
    }

    #[test]
    fn title_comes_from_core_properties() {
        let core = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
            <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
            xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>A</dc:creator>\
            <dc:title>Báo cáo số 3049/BC-UBND</dc:title></cp:coreProperties>";
        let out = run(&[(MAIN_PART, &body(&para("x"))), ("docProps/core.xml", core)]);
        assert_eq!(out.title.as_deref(), Some("Báo cáo số 3049/BC-UBND"));

        let blank = "<cp:coreProperties xmlns:cp=\"x\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>  </dc:title></cp:coreProperties>";
        let out = run(&[(MAIN_PART, &body(&para("x"))), ("docProps/core.xml", blank)]);
        assert_eq!(out.title, None);
    }

    #[test]
    fn default_namespace_documents_work() {
        let xml = "<document xmlns=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
                   <body><p><r><t>Không tiền tố</t></r></p></body></document>";
        assert_eq!(run(&[(MAIN_PART, xml)]).text, "Không tiền tố");
    }

    #[test]
    fn main_part_found_through_relationships() {
        let rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
            <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"/word/document2.xml\"/></Relationships>";
        let out = run(&[
            ("_rels/.rels", rels),
            ("word/document2.xml", &body(&para("Khác tên"))),
        ]);
        assert_eq!(out.text, "Khác tên");
    }

    #[test]
    fn missing_document_part() {
        let err = extract(&docx(&[("word/styles.xml", "<x/>")]), &Limits::default()).unwrap_err();
        assert!(
            matches!(&err, FormatError::MissingPart(p) if p == MAIN_PART),
            "{err:?}"
        );
        assert_eq!(err.to_string(), "missing part word/document.xml");
    }

    #[test]
    fn not_a_zip_and_truncated_zip() {
        let err = extract(b"<html>not a docx</html>", &Limits::default()).unwrap_err();
        assert!(matches!(err, FormatError::NotZip), "{err:?}");
        let err = extract(b"", &Limits::default()).unwrap_err();
        assert!(matches!(err, FormatError::NotZip), "{err:?}");
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert!(matches!(
            extract(&ole, &Limits::default()),
            Err(FormatError::OleCompound)
        ));

        let good = docx(&[(MAIN_PART, &body(&para(&"Nội dung dài ".repeat(200))))]);
        for cut in [good.len() / 2, good.len() - 10, 30, 4] {
            let err = extract(&good[..cut], &Limits::default()).unwrap_err();
            assert!(matches!(err, FormatError::Zip(_)), "cut at {cut}: {err:?}");
        }
        // Corrupt the compressed data of word/document.xml but keep the directory:
        // the CRC (or the deflate stream) catches it.
        let name = MAIN_PART.as_bytes();
        let pos = good.windows(name.len()).position(|w| w == name).unwrap();
        let extra = u16::from_le_bytes([good[pos - 2], good[pos - 1]]) as usize;
        let data_start = pos + name.len() + extra;
        let mut bad = good.clone();
        for b in bad.iter_mut().skip(data_start + 2).take(16) {
            *b ^= 0x5A;
        }
        let err = extract(&bad, &Limits::default()).unwrap_err();
        assert!(matches!(err, FormatError::Zip(_)), "{err:?}");
    }

    #[test]
    fn zip_bomb_is_refused() {
        // 8 MiB of one repeated byte compresses to a few KiB.
        let payload = format!("{}{}", body(&para("a")), " ".repeat(8 << 20));
        let bytes = docx(&[(MAIN_PART, &payload)]);
        assert!(bytes.len() < 64 * 1024, "compressed to {}", bytes.len());
        let limits = Limits {
            max_uncompressed: 1 << 20,
            ..Limits::default()
        };
        let err = extract(&bytes, &limits).unwrap_err();
        assert!(
            matches!(err, FormatError::ZipBomb { limit } if limit == 1 << 20),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "uncompressed content exceeds the limit of 1048576 bytes"
        );
        // The same file is fine with the default limit.
        assert_eq!(extract(&bytes, &Limits::default()).unwrap().text, "a");
    }

    #[test]
    fn zip_bomb_with_a_lying_declared_size_is_refused() {
        let payload = format!("{}{}", body(&para("a")), " ".repeat(4 << 20));
        let mut bytes = docx(&[(MAIN_PART, &payload)]);
        // Rewrite the uncompressed size of word/document.xml to 100 bytes in both the
        // local header (offset 22) and the central directory entry (offset 24).
        let name = MAIN_PART.as_bytes();
        let positions: Vec<usize> = bytes
            .windows(name.len())
            .enumerate()
            .filter(|(_, w)| *w == name)
            .map(|(i, _)| i)
            .collect();
        for pos in positions {
            let local = pos >= 30 && bytes[pos - 30..pos - 26] == [0x50, 0x4B, 0x03, 0x04];
            let central = pos >= 46 && bytes[pos - 46..pos - 42] == [0x50, 0x4B, 0x01, 0x02];
            let at = if local {
                pos - 30 + 22
            } else if central {
                pos - 46 + 24
            } else {
                continue;
            };
            bytes[at..at + 4].copy_from_slice(&100u32.to_le_bytes());
        }
        let limits = Limits {
            max_uncompressed: 1 << 20,
            ..Limits::default()
        };
        let err = extract(&bytes, &limits).unwrap_err();
        assert!(
            matches!(err, FormatError::ZipBomb { .. } | FormatError::Zip(_)),
            "{err:?}"
        );
    }

    #[test]
    fn xml_errors_are_errors() {
        let unknown_entity = body("<w:p><w:r><w:t>a &nbsp; b</w:t></w:r></w:p>");
        let err = extract(&docx(&[(MAIN_PART, &unknown_entity)]), &Limits::default()).unwrap_err();
        assert!(
            matches!(&err, FormatError::Xml(m) if m.contains("nbsp")),
            "{err:?}"
        );

        let mismatched = body("<w:p><w:r><w:t>a</w:r></w:t></w:p>");
        let err = extract(&docx(&[(MAIN_PART, &mismatched)]), &Limits::default()).unwrap_err();
        assert!(matches!(err, FormatError::Xml(_)), "{err:?}");

        let bad_char_ref = body("<w:p><w:r><w:t>&#0;</w:t></w:r></w:p>");
        let err = extract(&docx(&[(MAIN_PART, &bad_char_ref)]), &Limits::default()).unwrap_err();
        assert!(matches!(err, FormatError::Xml(_)), "{err:?}");
    }

    #[test]
    fn truncated_xml_part_keeps_the_text_before_the_cut() {
        let xml = format!(
            "<w:document {W}><w:body>{}<w:p><w:r><w:t>cắt",
            para("Đoạn đầu")
        );
        let out = run(&[(MAIN_PART, &xml)]);
        assert_eq!(out.text, "Đoạn đầu\ncắt");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let mut xml = format!("<w:document {W}><w:body>");
        for _ in 0..100_000 {
            xml.push_str("<w:sdt><w:sdtContent>");
        }
        let err = extract(&docx(&[(MAIN_PART, &xml)]), &Limits::default()).unwrap_err();
        assert!(matches!(err, FormatError::TooDeep), "{err:?}");
    }
}
