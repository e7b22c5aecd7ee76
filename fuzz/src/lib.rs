//! Shared harness for the baocao fuzz targets: runs the pipeline the way
//! `Extractor::extract_source` does (decode, then `extract_document`) so the
//! normalised text is at hand, and checks invariants on every report.

use baocao::decode::{self, DecodeOptions};
use baocao::document::{Document, Format};
use baocao::output::{self, WriteOptions};
use baocao::read::SourceFile;
use baocao::record::DocumentReport;
use baocao::{Catalogue, Extractor};

/// Runs the whole pipeline on `bytes` read as `format` and checks the output.
pub fn run(format: Format, bytes: &[u8]) {
    let catalogue = Catalogue::builtin();
    let extractor = Extractor::new(catalogue);
    let file = SourceFile {
        source: "fuzz".to_string(),
        format,
        bytes: bytes.to_vec(),
    };
    // Errors (empty, binary, undecodable, malformed container) are fine.
    let Ok(doc) = decode::decode(file, &DecodeOptions::default()) else {
        return;
    };
    let report = extractor.extract_document(&doc);
    check(&doc, &report);
    write_all(&report, catalogue);
}

/// Runs the pipeline on text held in memory (the `extract_text` path).
pub fn run_text(text: &str) {
    let catalogue = Catalogue::builtin();
    let extractor = Extractor::new(catalogue);
    let file = SourceFile::from_text("fuzz", text);
    let Ok(doc) = decode::decode(file, &DecodeOptions::default()) else {
        return;
    };
    let report = extractor.extract_document(&doc);
    check(&doc, &report);
    write_all(&report, catalogue);
}

fn finite(what: &str, v: f64) {
    assert!(v.is_finite(), "{what} is not finite: {v}");
}

/// Invariants every report must satisfy.
pub fn check(doc: &Document, report: &DocumentReport) {
    let n = report.records.len();
    for (i, r) in report.records.iter().enumerate() {
        let [start, end] = r.span;
        assert!(start <= end, "record {i}: span {:?} is reversed", r.span);
        assert!(
            end <= doc.text.len(),
            "record {i}: span {:?} past end of text ({} bytes)",
            r.span,
            doc.text.len()
        );
        assert!(
            doc.text.is_char_boundary(start) && doc.text.is_char_boundary(end),
            "record {i}: span {:?} not on char boundaries",
            r.span
        );
        assert!(r.line >= 1, "record {i}: line 0");
        assert!(
            r.line <= doc.line_count(),
            "record {i}: line {} past last line {}",
            r.line,
            doc.line_count()
        );
        assert!(!r.evidence.is_empty(), "record {i}: empty evidence");
        assert!(!r.metric.is_empty(), "record {i}: empty metric");
        finite("value", r.value);
        if let Some(u) = r.upper {
            finite("upper", u);
        }
        if let Some(t) = r.total {
            finite("total", t);
        }
        if let Some(p) = r.plan_rate {
            finite("plan_rate", p);
        }
        if let Some(c) = &r.change {
            finite("change.value", c.value);
        }
        if let Some(p) = r.part_of {
            assert!(p < n, "record {i}: part_of {p} out of range ({n} records)");
        }
    }
    for (i, r) in report.references.iter().enumerate() {
        assert!(r.line >= 1, "reference {i}: line 0");
        assert!(!r.evidence.is_empty(), "reference {i}: empty evidence");
    }
    for w in &report.warnings {
        if let Some(l) = w.line {
            assert!(l >= 1, "warning {}: line 0", w.code);
        }
    }
    let json = serde_json::to_string(report).expect("report serialises to JSON");
    assert!(!json.is_empty());
}

/// Stage 7: every output format must write the report without error.
fn write_all(report: &DocumentReport, catalogue: &Catalogue) {
    for format in [
        output::Format::Json,
        output::Format::Ndjson,
        output::Format::Csv,
        output::Format::Wide,
    ] {
        let options = WriteOptions {
            format,
            ..WriteOptions::default()
        };
        let mut buf = Vec::new();
        {
            let mut w = output::writer(&mut buf, &options, catalogue);
            w.write(report).expect("write report");
            w.finish().expect("finish output");
        }
        if matches!(format, output::Format::Json) {
            let v: serde_json::Value =
                serde_json::from_slice(&buf).expect("JSON output parses back");
            assert!(v.get("documents").is_some());
        }
    }
}

/// CRC-32 (IEEE), for building zip archives around fuzzed parts.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A zip archive of stored (uncompressed) entries with correct CRCs, so the
/// fuzzed bytes reach the XML reader instead of failing the zip checks.
pub fn stored_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let size = data.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central {
                h.extend_from_slice(&20u16.to_le_bytes()); // version made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // version needed
            h.extend_from_slice(&0u16.to_le_bytes()); // flags
            h.extend_from_slice(&0u16.to_le_bytes()); // stored
            h.extend_from_slice(&0u32.to_le_bytes()); // time, date
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&size.to_le_bytes());
            h.extend_from_slice(&size.to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&0u16.to_le_bytes()); // comment
                h.extend_from_slice(&0u16.to_le_bytes()); // disk
                h.extend_from_slice(&0u16.to_le_bytes()); // internal attrs
                h.extend_from_slice(&0u32.to_le_bytes()); // external attrs
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend_from_slice(&header(0x0403_4b50, false));
        out.extend_from_slice(data);
        central.extend_from_slice(&header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}
