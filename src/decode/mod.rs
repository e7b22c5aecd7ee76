//! Stage 2: turns a [`SourceFile`] into a [`Document`]: extracts the text of
//! structured formats, detects and decodes the encoding, then normalises.
//!
//! Encodings: UTF-8 (with or without BOM), UTF-16 LE/BE (BOM, or a clear NUL
//! pattern), Windows-1258, and the legacy font encodings TCVN3 (ABC) and
//! VNI-Windows, detected statistically ([`legacy`]). `--encoding` overrides
//! detection.

pub mod formats;
pub mod legacy;
pub mod normalize;

use crate::document::{Document, Format, Warning};
use crate::error::{Error, Result};
use crate::read::SourceFile;

/// An encoding the user may force with `--encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8.
    Utf8,
    /// UTF-16 little endian.
    Utf16Le,
    /// UTF-16 big endian.
    Utf16Be,
    /// Windows-1258.
    Windows1258,
    /// TCVN3 (ABC, `.VnTime` fonts).
    Tcvn3,
    /// VNI-Windows.
    Vni,
}

impl Encoding {
    /// Parses a name (`utf-8`, `utf-16le`, `windows-1258`, `cp1258`, `tcvn3`, `abc`, `vni`).
    pub fn from_name(name: &str) -> Option<Encoding> {
        Some(match name.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Encoding::Utf8,
            "utf-16le" | "utf-16" | "utf16le" | "utf16" => Encoding::Utf16Le,
            "utf-16be" | "utf16be" => Encoding::Utf16Be,
            "windows-1258" | "cp1258" | "win1258" => Encoding::Windows1258,
            "tcvn3" | "tcvn" | "abc" | "vn3" | "tcvn-5712" => Encoding::Tcvn3,
            "vni" | "vni-windows" | "vni-win" => Encoding::Vni,
            _ => return None,
        })
    }

    /// The name reported in `encoding`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni-windows",
        }
    }

    /// All names accepted by [`Encoding::from_name`], for messages.
    pub const NAMES: &'static str = "utf-8, utf-16le, utf-16be, windows-1258, tcvn3, vni";
}

/// Options for decoding.
#[derive(Debug, Clone, Copy, Default)]
pub struct DecodeOptions {
    /// Force this encoding instead of detecting one.
    pub encoding: Option<Encoding>,
}

/// Decodes and normalises a source file.
pub fn decode(file: SourceFile, options: &DecodeOptions) -> Result<Document> {
    let source = file.source.clone();
    match file.format {
        Format::Text => {
            let (text, encoding, mut warnings) =
                decode_text(&source, &file.bytes, options.encoding)?;
            let mut doc = finish(&source, Format::Text, encoding, &text, &mut warnings)?;
            doc.warnings = warnings;
            Ok(doc)
        }
        structured => {
            let limits = formats::Limits::default();
            let extracted = match structured {
                Format::Html => formats::html::extract(&file.bytes, &limits),
                Format::Docx => formats::docx::extract(&file.bytes, &limits),
                _ => formats::pdf::extract(&file.bytes),
            }
            .map_err(|e| Error::Format {
                path: source.clone(),
                message: format!("{}: {e}", structured.name()),
            })?;
            let mut warnings = Vec::new();
            let encoding = extracted.encoding.as_deref().unwrap_or("utf-8");
            let mut doc = finish(
                &source,
                structured,
                encoding,
                &extracted.text,
                &mut warnings,
            )?;
            doc.title = extracted.title.map(|t| normalize::normalize(&t).0);
            doc.warnings = warnings;
            Ok(doc)
        }
    }
}

/// Normalises text and wraps it as a document, rejecting empty input.
pub(crate) fn finish(
    source: &str,
    format: Format,
    encoding: &str,
    text: &str,
    warnings: &mut Vec<Warning>,
) -> Result<Document> {
    let (normalized, changes) = normalize::normalize(text);
    if normalized.trim().is_empty() {
        return Err(Error::Empty {
            path: source.to_string(),
        });
    }
    if changes.nul > 0 {
        warnings.push(Warning::new(
            "nul_bytes",
            format!("{} NUL bytes removed", changes.nul),
            None,
        ));
    }
    if changes.replacement > 0 {
        warnings.push(Warning::new(
            "undecodable_bytes",
            format!(
                "{} bytes could not be decoded and were replaced by U+FFFD",
                changes.replacement
            ),
            None,
        ));
    }
    Ok(Document::new(source, format, encoding, normalized))
}

/// Share of bytes that are control characters other than tab, CR, LF, FF.
fn control_share(bytes: &[u8]) -> f64 {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.is_empty() {
        return 0.0;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    controls as f64 / sample.len() as f64
}

/// Looks like UTF-16 without a BOM: many NULs at odd (LE) or even (BE) positions.
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let odd_nul = sample
        .chunks(2)
        .filter(|c| c.len() == 2 && c[1] == 0 && c[0] != 0)
        .count();
    let even_nul = sample
        .chunks(2)
        .filter(|c| c.len() == 2 && c[0] == 0 && c[1] != 0)
        .count();
    if odd_nul * 10 >= pairs * 4 {
        Some(Encoding::Utf16Le)
    } else if even_nul * 10 >= pairs * 4 {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Decodes text bytes: (text, encoding name, warnings).
pub fn decode_text(
    source: &str,
    bytes: &[u8],
    forced: Option<Encoding>,
) -> Result<(String, &'static str, Vec<Warning>)> {
    let mut warnings = Vec::new();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty {
            path: source.to_string(),
        });
    }
    let encoding = match forced {
        Some(e) => e,
        None => detect(source, bytes)?,
    };
    let text = match encoding {
        Encoding::Utf8 => {
            let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            match std::str::from_utf8(body) {
                Ok(s) => s.to_string(),
                Err(_) => {
                    warnings.push(Warning::new(
                        "invalid_utf8",
                        "some bytes are not valid UTF-8 and were replaced",
                        None,
                    ));
                    String::from_utf8_lossy(body).into_owned()
                }
            }
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let enc = if encoding == Encoding::Utf16Le {
                encoding_rs::UTF_16LE
            } else {
                encoding_rs::UTF_16BE
            };
            let (text, _, had_errors) = enc.decode(bytes);
            if had_errors {
                warnings.push(Warning::new(
                    "invalid_utf16",
                    "some UTF-16 units were invalid and replaced",
                    None,
                ));
            }
            text.into_owned()
        }
        Encoding::Windows1258 => legacy::decode(bytes, legacy::Legacy::Windows1258),
        Encoding::Tcvn3 => {
            warnings.push(Warning::new(
                "tcvn3_capitals",
                "converted from TCVN3: accented capitals were typed with lower-case codes in all-caps fonts, so they come back lower case",
                None,
            ));
            legacy::decode(bytes, legacy::Legacy::Tcvn3)
        }
        Encoding::Vni => legacy::decode(bytes, legacy::Legacy::Vni),
    };
    Ok((text, encoding.name(), warnings))
}

/// Detects the encoding of text bytes.
fn detect(source: &str, bytes: &[u8]) -> Result<Encoding> {
    if bytes.starts_with(b"\xef\xbb\xbf") {
        return Ok(Encoding::Utf8);
    }
    if bytes.starts_with(b"\xff\xfe") {
        return Ok(Encoding::Utf16Le);
    }
    if bytes.starts_with(b"\xfe\xff") {
        return Ok(Encoding::Utf16Be);
    }
    if let Some(e) = utf16_without_bom(bytes) {
        return Ok(e);
    }
    let controls = control_share(bytes);
    if controls > 0.05 {
        return Err(Error::Binary {
            path: source.to_string(),
            reason: format!("{:.0}% control bytes", controls * 100.0),
        });
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Ok(Encoding::Utf8);
    }
    match legacy::detect(bytes) {
        Some((legacy::Legacy::Tcvn3, _)) => Ok(Encoding::Tcvn3),
        Some((legacy::Legacy::Vni, _)) => Ok(Encoding::Vni),
        Some((legacy::Legacy::Windows1258, _)) => Ok(Encoding::Windows1258),
        None => {
            // Mostly UTF-8 with a few broken bytes is still UTF-8.
            let lossy = String::from_utf8_lossy(bytes);
            let bad = lossy.matches('\u{fffd}').count();
            if bad * 200 < lossy.chars().count() {
                Ok(Encoding::Utf8)
            } else {
                Err(Error::Decode {
                    path: source.to_string(),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_encodings() {
        let text = "Sở Thông tin và Truyền thông ban hành 27 Quyết định.\n";
        let utf8 = decode_text("t", text.as_bytes(), None).map(|r| (r.0, r.1));
        assert_eq!(utf8.ok(), Some((text.to_string(), "utf-8")));
        let mut bom = vec![0xef, 0xbb, 0xbf];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(
            decode_text("t", &bom, None).map(|r| r.0).ok().as_deref(),
            Some(text)
        );
        let mut utf16: Vec<u8> = vec![0xff, 0xfe];
        for u in text.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let got = decode_text("t", &utf16, None).map(|r| (r.0, r.1)).ok();
        assert_eq!(got, Some((text.to_string(), "utf-16le")));
        for enc in [
            legacy::Legacy::Tcvn3,
            legacy::Legacy::Vni,
            legacy::Legacy::Windows1258,
        ] {
            let source = if enc == legacy::Legacy::Tcvn3 {
                text.replace('S', "s")
            } else {
                text.to_string()
            };
            let bytes = legacy::encode(&source, enc).unwrap_or_default();
            let got = decode_text("t", &bytes, None).map(|r| (r.0, r.1)).ok();
            let (decoded, name) = got.unwrap_or_default();
            assert_eq!(name, enc.name(), "{enc:?}");
            assert_eq!(normalize::normalize(&decoded).0, source, "{enc:?}");
        }
    }

    #[test]
    fn rejects_binary_and_empty() {
        let binary: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 31) as u8).collect();
        assert!(matches!(
            decode_text("b", &binary, None),
            Err(Error::Binary { .. })
        ));
        assert!(matches!(
            decode_text("e", b"  \n\n ", None),
            Err(Error::Empty { .. })
        ));
    }
}
