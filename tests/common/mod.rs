//! Test-only generators of input twins: the same report text as other
//! encodings and formats (UTF-16, Windows-1258, TCVN3, VNI, NFD, DOCX, HTML,
//! PDF), and of hostile inputs (a zip bomb).
//!
//! The generators are written from the formats' specifications, not from the
//! readers under test, so that a reader bug is not mirrored by its generator.
//! The one exception is TCVN3 and VNI, encoded with the library's own
//! [`baocao::decode::legacy::encode`]; `legacy_tables_match_real_documents`
//! in `tests/inputs.rs` pins those tables to strings from real documents.

#![allow(dead_code)]

use std::io::Write;

use assert_cmd::Command;

use baocao::decode::legacy::{self, Legacy};
use unicode_normalization::UnicodeNormalization;

/// UTF-16 with a byte-order mark.
pub fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut out = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        let bytes = if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        };
        out.extend_from_slice(&bytes);
    }
    out
}

/// UTF-8 with a byte-order mark.
pub fn utf8_bom(text: &str) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    out.extend_from_slice(text.as_bytes());
    out
}

/// Decomposed Unicode ("Unicode tổ hợp"), as some Vietnamese keyboards type it.
pub fn nfd(text: &str) -> String {
    text.nfd().collect()
}

/// The Vietnamese tone marks (grave, acute, tilde, hook above, dot below).
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Windows-1258 through `encoding_rs`'s code page table (which maps single
/// code points only): each letter is written as its base letter (keeping
/// circumflex, breve and horn, which the code page has precomposed) followed
/// by the tone byte, the form Windows itself produces. With `precomposed`,
/// letters the code page holds whole (`á`, `à`, `Ô`) are written as one byte.
/// `None` when some character has no representation.
pub fn cp1258(text: &str, precomposed: bool) -> Option<Vec<u8>> {
    let enc = encoding_rs::WINDOWS_1258;
    let one = |s: &str| -> Option<Vec<u8>> {
        let (bytes, _, unmappable) = enc.encode(s);
        (!unmappable).then(|| bytes.into_owned())
    };
    let mut out = Vec::with_capacity(text.len());
    for c in text.nfc() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        if precomposed && let Some(b) = one(&c.to_string()) {
            out.extend(b);
            continue;
        }
        let parts: Vec<char> = c.nfd().collect();
        let tone = parts.iter().copied().find(|p| TONES.contains(p));
        let base: String = parts
            .iter()
            .copied()
            .filter(|p| Some(*p) != tone)
            .collect::<String>()
            .nfc()
            .collect();
        out.extend(one(&base)?);
        if let Some(t) = tone {
            out.extend(one(&t.to_string())?);
        }
    }
    Some(out)
}

/// What a TCVN3 document can hold: TCVN3 has no toned capitals (all-caps
/// `.VnTimeH` fonts drew lower-case codes as capitals), so a document typed
/// in it carries those letters in lower case.
pub fn tcvn3_fold(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_uppercase() && legacy::encode(&c.to_string(), Legacy::Tcvn3).is_none() {
                c.to_lowercase().collect::<Vec<char>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// A legacy 8-bit encoding through the library's encoder.
pub fn legacy_bytes(text: &str, encoding: Legacy) -> Option<Vec<u8>> {
    legacy::encode(text, encoding)
}

/// The characters of `text` a legacy encoding cannot hold.
pub fn unrepresentable(text: &str, encoding: Legacy) -> Vec<char> {
    let mut bad: Vec<char> = text
        .nfc()
        .filter(|c| !c.is_ascii() && legacy::encode(&c.to_string(), encoding).is_none())
        .collect();
    bad.sort_unstable();
    bad.dedup();
    bad
}

/// Escapes text for XML and HTML content.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Consecutive lines grouped into paragraphs (`false`) and tables (`true`,
/// the runs of lines holding a tab).
fn blocks(text: &str) -> Vec<(bool, Vec<&str>)> {
    let mut blocks: Vec<(bool, Vec<&str>)> = Vec::new();
    for line in text.lines() {
        let table = line.contains('\t');
        match blocks.last_mut() {
            Some((t, lines)) if *t && table => lines.push(line),
            _ => blocks.push((table, vec![line])),
        }
    }
    blocks
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// One WordprocessingML paragraph whose text is cut into runs every few
/// characters (as Word does around spelling marks and edits), with a
/// proofing mark and a bookmark between runs.
fn docx_paragraph(text: &str, extra_run: &str) -> String {
    if text.trim().is_empty() && extra_run.is_empty() {
        return "<w:p/>".into();
    }
    let mut xml = String::from("<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr>");
    let chars: Vec<char> = text.chars().collect();
    for (i, piece) in chars.chunks(11).enumerate() {
        let piece: String = piece.iter().collect();
        if i % 3 == 1 {
            xml.push_str("<w:proofErr w:type=\"spellStart\"/>");
        }
        if i % 4 == 2 {
            xml.push_str(&format!(
                "<w:bookmarkStart w:id=\"{i}\" w:name=\"b{i}\"/><w:bookmarkEnd w:id=\"{i}\"/>"
            ));
        }
        xml.push_str(&format!(
            "<w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\"/><w:sz w:val=\"28\"/></w:rPr>\
             <w:t xml:space=\"preserve\">{}</w:t></w:r>",
            escape(&piece)
        ));
    }
    xml.push_str(extra_run);
    xml.push_str("</w:p>");
    xml
}

/// A DOCX file holding `text`: one `<w:p>` per line, the runs of tab-separated
/// lines as a table (one `<w:tr>` per line, one `<w:tc>` per cell), and the
/// last non-blank line moved into a footnote referenced from the line before
/// it (the reader puts footnotes after the body, so the text order stays).
/// Also carries the package parts Word writes (content types, relationships,
/// styles, separator footnotes, a header with text that must not be read).
pub fn docx(text: &str) -> Vec<u8> {
    let lines: Vec<&str> = text.lines().collect();
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    let (body_text, note) = match last {
        Some(i) if !lines[i].contains('\t') => (lines[..i].join("\n"), Some(lines[i])),
        _ => (text.to_string(), None),
    };
    let mut body = String::new();
    let blocks = blocks(&body_text);
    let last_paragraph = blocks.iter().rposition(|(table, _)| !table);
    for (b, (table, lines)) in blocks.iter().enumerate() {
        if *table {
            body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>");
            for line in lines {
                body.push_str("<w:tr>");
                for cell in line.split('\t') {
                    body.push_str("<w:tc><w:tcPr><w:tcW w:w=\"4500\" w:type=\"dxa\"/></w:tcPr>");
                    body.push_str(&docx_paragraph(cell, ""));
                    body.push_str("</w:tc>");
                }
                body.push_str("</w:tr>");
            }
            body.push_str("</w:tbl>");
        } else {
            for (i, line) in lines.iter().enumerate() {
                let reference =
                    if note.is_some() && Some(b) == last_paragraph && i + 1 == lines.len() {
                        "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr>\
                     <w:footnoteReference w:id=\"1\"/></w:r>"
                    } else {
                        ""
                    };
                body.push_str(&docx_paragraph(line, reference));
            }
        }
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"{W_NS}\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <w:body>{body}<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId3\"/>\
         <w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
    );
    let footnotes = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:footnotes xmlns:w=\"{W_NS}\">\
         <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
         <w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>\
         <w:footnote w:id=\"1\">{}</w:footnote></w:footnotes>",
        note.map(|n| docx_paragraph(n, "")).unwrap_or_default()
    );
    let header = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:hdr xmlns:w=\"{W_NS}\"><w:p><w:r><w:t>Trang đầu: 999 trạm BTS, 888 Quyết định</w:t></w:r></w:p></w:hdr>"
    );
    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
        <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
        <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
        <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
        <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
        <Override PartName=\"/word/footnotes.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>\
        <Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
        </Types>";
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
        <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
        <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
        </Relationships>";
    let document_rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
        <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
        <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" Target=\"footnotes.xml\"/>\
        <Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>\
        </Relationships>";
    zip(&[
        ("[Content_Types].xml", content_types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", document_rels.as_bytes()),
        ("word/footnotes.xml", footnotes.as_bytes()),
        ("word/header1.xml", header.as_bytes()),
    ])
}

/// A deflate-compressed zip archive of the given entries.
pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        writer
            .start_file(*name, options)
            .unwrap_or_else(|e| panic!("{e}"));
        writer.write_all(data).unwrap_or_else(|e| panic!("{e}"));
    }
    writer
        .finish()
        .unwrap_or_else(|e| panic!("{e}"))
        .into_inner()
}

/// Page chrome around the article of an HTML twin; every piece holds a figure
/// that would become a record if the reader kept it.
const NAV: &str = "<header class=\"site-header\"><div class=\"logo\">Sở Thông tin và Truyền thông</div>\
    <nav class=\"menu\"><ul><li><a href=\"/\">Trang chủ</a></li><li><a href=\"/gt\">Giới thiệu</a></li>\
    <li><a href=\"/tt\">Tin tức: 999 trạm BTS 5G mới</a></li><li><a href=\"/vb\">Văn bản: 888 Quyết định</a></li></ul></nav></header>\
    <div class=\"breadcrumb\"><a href=\"/\">Trang chủ</a> &raquo; <a href=\"/tt\">Tin tức</a></div>";
const ASIDE: &str = "<aside class=\"sidebar\"><h3>Tin liên quan</h3><ul class=\"related-news\">\
    <li><a href=\"/a\">Phát triển thêm 777 trạm BTS 4G trong quý</a></li>\
    <li><a href=\"/b\">Ban hành 666 Kế hoạch chuyển đổi số</a></li></ul></aside>";
const FOOTER: &str = "<footer class=\"site-footer\"><p>Bản quyền © 2021 Sở Thông tin và Truyền thông.</p>\
    <p>Địa chỉ: 555 đường 16 Tháng 4. Điện thoại: 0259 3822 555. Đang truy cập: 444 người.</p></footer>";
const SCRIPT: &str = "<script>var stats = {\"bts\": \"333 trạm BTS 4G\", \"qd\": \"222 Quyết định\"};\
    document.write('<p>Phát triển thêm 111 trạm BTS 4G</p>');</script>";

/// An HTML page holding `text`: each line in a `<p>` (a blank line an empty
/// `<p>`), the runs of tab-separated lines as a `<table>`, inside a `<main>`
/// between a header with navigation, a breadcrumb, a sidebar of related
/// news, a footer, scripts and styles that must all be dropped.
pub fn html(text: &str) -> String {
    let mut article = String::new();
    for (table, lines) in blocks(text) {
        if table {
            article.push_str("<table class=\"table\"><tbody>");
            for line in lines {
                article.push_str("<tr>");
                for cell in line.split('\t') {
                    article.push_str(&format!("<td>{}</td>", escape(cell)));
                }
                article.push_str("</tr>\n");
            }
            article.push_str("</tbody></table>\n");
        } else {
            for line in lines {
                article.push_str(&format!("<p>{}</p>\n", escape(line)));
            }
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <title>Cổng thông tin điện tử</title>\
         <style>p {{ margin: 0 }} .x::after {{ content: \"123 trạm BTS\" }}</style>{SCRIPT}</head>\n\
         <body>{NAV}\n<div class=\"container\"><main id=\"main-content\"><article class=\"post-content\">\n\
         {article}</article>\n\
         <div class=\"share-buttons\"><a href=\"#\">Chia sẻ</a> <a href=\"#\">In bài</a></div></main>\
         {ASIDE}</div>\n{FOOTER}{SCRIPT}</body></html>\n"
    )
}

/// Lines per PDF page.
const PDF_LINES_PER_PAGE: usize = 45;

/// A PDF whose text layer holds `text`, one text line per input line (blank
/// lines leave a gap, as an empty paragraph does), 45 lines a page. The font
/// is a Type0 font with two-byte codes and a `ToUnicode` map, as Word and
/// LibreOffice write Vietnamese; the page content streams are compressed.
/// Built with lopdf.
pub fn pdf(text: &str) -> Vec<u8> {
    use lopdf::{Dictionary, Document, Object, Stream, dictionary};

    let mut unique: Vec<char> = text.chars().filter(|&c| c != '\n').collect();
    unique.sort_unstable();
    unique.dedup();
    let code = |c: char| -> u16 {
        u16::try_from(unique.binary_search(&c).unwrap_or_else(|_| panic!("{c:?}")) + 1)
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in unique.chunks(100) {
        cmap.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for &c in chunk {
            let mut units = [0u16; 2];
            let hex: String = c
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            cmap.push_str(&format!("<{:04X}> <{hex}>\n", code(c)));
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");

    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let to_unicode = doc.add_object(Stream::new(Dictionary::new(), cmap.into_bytes()));
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "TimesNewRomanPSMT",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "DW" => 500,
    });
    let font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "TimesNewRomanPSMT",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![descendant.into()],
        "ToUnicode" => to_unicode,
    });
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font },
    });
    let lines: Vec<&str> = text.lines().collect();
    let mut kids = Vec::new();
    for page_lines in lines.chunks(PDF_LINES_PER_PAGE) {
        let mut content = String::new();
        for (i, line) in page_lines.iter().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let y = 800 - 16 * i;
            let hex: String = line.chars().map(|c| format!("{:04X}", code(c))).collect();
            content.push_str(&format!("BT /F1 10 Tf 1 0 0 1 40 {y} Tm <{hex}> Tj ET\n"));
        }
        let mut stream = Stream::new(Dictionary::new(), content.into_bytes());
        stream.compress().unwrap_or_else(|e| panic!("{e}"));
        let content_id = doc.add_object(stream);
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Contents" => content_id,
            "Resources" => resources,
        });
        kids.push(Object::from(page));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
        }),
    );
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap_or_else(|e| panic!("{e}"));
    out
}

/// A PDF page holding only an image, as a scanner writes it: no text layer.
pub fn scanned_pdf() -> Vec<u8> {
    use lopdf::{Dictionary, Document, Object, Stream, dictionary};

    let mut doc = Document::with_version("1.4");
    let pages_id = doc.new_object_id();
    // An 8×8 grey image.
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => 8,
            "Height" => 8,
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
        },
        (0..64u8).map(|i| i.wrapping_mul(37)).collect(),
    ));
    let content = doc.add_object(Stream::new(
        Dictionary::new(),
        b"q 595 0 0 842 0 0 cm /Im1 Do Q".to_vec(),
    ));
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Contents" => content,
        "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => image } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![Object::from(page)],
            "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap_or_else(|e| panic!("{e}"));
    out
}

/// A raw deflate stream (RFC 1951) that inflates to `1 + 258 × copies` zero
/// bytes, written by hand so that a test can hold a real zip bomb without
/// compressing hundreds of megabytes: one literal zero, then `copies` copies
/// of 258 bytes at distance 1. A dynamic Huffman block gives the copy symbol
/// (285) and the distance code (0) one bit each, so every 258 output bytes
/// cost two bits (about 1 : 1000).
pub fn zero_deflate(copies: u64) -> Vec<u8> {
    let mut bits = BitWriter::default();
    bits.put(1, 1); // BFINAL
    bits.put(2, 2); // BTYPE = dynamic Huffman
    bits.put(286 - 257, 5); // HLIT: 286 literal/length codes
    bits.put(0, 5); // HDIST: 1 distance code
    bits.put(19 - 4, 4); // HCLEN: all 19 code-length code lengths follow
    // The code-length alphabet: symbols 0, 1, 2 and 18 (a run of 11..=138
    // zeros) get 2-bit codes, canonically 00, 01, 10, 11.
    const ORDER: [usize; 19] = [
        16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
    ];
    for &s in &ORDER {
        bits.put(if matches!(s, 0 | 1 | 2 | 18) { 2 } else { 0 }, 3);
    }
    let cl_code = |s: u32| -> u32 { if s == 18 { 0b11 } else { s } };
    // Code lengths of the 286 literal/length symbols, then of the one
    // distance code: literal 0 → 2, end of block (256) → 2, length 258
    // (285) → 1; distance code 0 → 1.
    let mut lengths = vec![0u32; 287];
    lengths[0] = 2;
    lengths[256] = 2;
    lengths[285] = 1;
    lengths[286] = 1;
    let mut i = 0;
    while i < lengths.len() {
        let zeros = lengths[i..]
            .iter()
            .take_while(|&&l| l == 0)
            .count()
            .min(138);
        if zeros >= 11 {
            bits.put_code(cl_code(18), 2);
            bits.put(u32::try_from(zeros - 11).unwrap_or(0), 7);
            i += zeros;
        } else {
            bits.put_code(cl_code(lengths[i]), 2);
            i += 1;
        }
    }
    // Canonical literal/length codes: 285 → 0, 0 → 10, 256 → 11; distance 0 → 0.
    bits.put_code(0b10, 2); // the literal zero
    // Each copy is two zero bits: once byte-aligned, four copies are a zero byte.
    let mut remaining = copies;
    while remaining > 0 && bits.used != 0 {
        bits.put(0, 2);
        remaining -= 1;
    }
    let zero_bytes = usize::try_from(remaining / 4).unwrap_or(usize::MAX);
    bits.bytes.extend(std::iter::repeat_n(0u8, zero_bytes));
    for _ in 0..remaining % 4 {
        bits.put(0, 2);
    }
    bits.put_code(0b11, 2); // end of block
    bits.finish()
}

/// A zip archive of one deflated entry `name` whose data is `deflated`,
/// declaring `declared_size` uncompressed bytes and CRC `crc`, written by hand
/// (the zip crate writes only what it compressed itself).
pub fn raw_zip_entry(name: &str, deflated: &[u8], declared_size: u32, crc: u32) -> Vec<u8> {
    let compressed = u32::try_from(deflated.len()).unwrap_or_else(|e| panic!("{e}"));
    let name_len = u16::try_from(name.len()).unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    let common = |out: &mut Vec<u8>| {
        out.extend_from_slice(&20u16.to_le_bytes()); // version needed
        out.extend_from_slice(&0u16.to_le_bytes()); // flags
        out.extend_from_slice(&8u16.to_le_bytes()); // deflate
        out.extend_from_slice(&0u16.to_le_bytes()); // time
        out.extend_from_slice(&0x21u16.to_le_bytes()); // date 1980-01-01
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&compressed.to_le_bytes());
        out.extend_from_slice(&declared_size.to_le_bytes());
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // extra field length
    };
    out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
    common(&mut out);
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(deflated);
    let central = u32::try_from(out.len()).unwrap_or_else(|e| panic!("{e}"));
    out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
    out.extend_from_slice(&20u16.to_le_bytes()); // version made by
    common(&mut out);
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    out.extend_from_slice(&0u16.to_le_bytes()); // disk
    out.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
    out.extend_from_slice(&0u32.to_le_bytes()); // external attributes
    out.extend_from_slice(&0u32.to_le_bytes()); // local header offset
    out.extend_from_slice(name.as_bytes());
    let central_len = u32::try_from(out.len()).unwrap_or(0) - central;
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&central_len.to_le_bytes());
    out.extend_from_slice(&central.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// CRC-32 (IEEE) of `data`, bit by bit.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Writes bits least-significant first, as deflate packs them.
#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    current: u8,
    used: u32,
}

impl BitWriter {
    /// Writes the low `n` bits of `value`, least-significant first (header fields).
    fn put(&mut self, value: u32, n: u32) {
        for k in 0..n {
            self.bit((value >> k) & 1);
        }
    }

    /// Writes a Huffman code of `n` bits, most-significant first.
    fn put_code(&mut self, code: u32, n: u32) {
        for k in (0..n).rev() {
            self.bit((code >> k) & 1);
        }
    }

    fn bit(&mut self, b: u32) {
        self.current |= (b as u8) << self.used;
        self.used += 1;
        if self.used == 8 {
            self.bytes.push(self.current);
            self.current = 0;
            self.used = 0;
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.used > 0 {
            self.bytes.push(self.current);
        }
        self.bytes
    }
}

/// The `baocao` binary under test.
pub fn baocao() -> Command {
    Command::cargo_bin("baocao").unwrap_or_else(|e| panic!("{e}"))
}

/// Runs `cmd`, asserts it succeeded, and returns its standard output.
pub fn stdout_bytes(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Runs `cmd`, asserts it succeeded, and returns its standard output as text.
pub fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(stdout_bytes(cmd)).unwrap_or_else(|e| panic!("{e}"))
}

/// The bundled seed report.
pub const SEED: &str = "fixtures/ninh-thuan-ttt-2021.txt";
