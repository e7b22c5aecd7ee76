//! Stage 1: reads an input into a [`SourceFile`]: its bytes and its format
//! (chosen by extension, confirmed by sniffing the bytes).

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::document::Format;
use crate::error::{Error, Result};

/// Default largest input read, in bytes.
pub const DEFAULT_MAX_BYTES: u64 = 512 * 1024 * 1024;

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Input {
    /// A file.
    Path(PathBuf),
    /// Standard input.
    Stdin,
}

impl Input {
    /// The name records carry as `source` (`-` for standard input).
    pub fn name(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin => "-".into(),
        }
    }
}

/// Stage 1 output: the raw bytes of one input and their format.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The input as named by the user.
    pub source: String,
    /// The format, by extension and content.
    pub format: Format,
    /// The bytes.
    pub bytes: Vec<u8>,
}

impl SourceFile {
    /// Wraps text already in memory (a library caller's string, an NDJSON line).
    pub fn from_text(source: impl Into<String>, text: &str) -> Self {
        SourceFile {
            source: source.into(),
            format: Format::Text,
            bytes: text.as_bytes().to_vec(),
        }
    }
}

/// The format a file name implies; `Err` with advice for known unsupported types.
pub fn format_for(path: &Path) -> std::result::Result<Option<Format>, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    Ok(match ext.as_deref() {
        None | Some("txt") | Some("text") | Some("md") => Some(Format::Text),
        Some("html") | Some("htm") | Some("xhtml") => Some(Format::Html),
        Some("docx") => Some(Format::Docx),
        Some("pdf") => Some(Format::Pdf),
        Some("doc") => {
            return Err("old binary Word (.doc) is not supported: save it as .docx or .txt".into());
        }
        Some("rtf") => return Err("RTF is not supported: save it as .docx or .txt".into()),
        Some("odt") => {
            return Err("OpenDocument (.odt) is not supported: save it as .docx or .txt".into());
        }
        Some("xls") | Some("xlsx") => {
            return Err("spreadsheets are not supported: export the sheet as .csv or .txt".into());
        }
        _ => None,
    })
}

/// Sniffs the real format from the first bytes, overriding a wrong extension.
fn sniff(bytes: &[u8], by_name: Format) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    if head.starts_with(b"%PDF-") {
        return Format::Pdf;
    }
    if head.starts_with(b"PK\x03\x04") && by_name == Format::Docx {
        return Format::Docx;
    }
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let starts_html = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if by_name == Format::Text && (starts_html(b"<!doctype html") || starts_html(b"<html")) {
        return Format::Html;
    }
    by_name
}

/// Reads one input, refusing files over `max_bytes`.
pub fn read(input: &Input, max_bytes: u64) -> Result<SourceFile> {
    let source = input.name();
    let (bytes, format) = match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .take(max_bytes + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io(source.clone(), e))?;
            if bytes.len() as u64 > max_bytes {
                return Err(Error::TooLarge {
                    path: source,
                    size: bytes.len() as u64,
                    limit: max_bytes,
                });
            }
            let format = sniff(&bytes, Format::Text);
            (bytes, format)
        }
        Input::Path(path) => {
            let by_name = match format_for(path) {
                Ok(f) => f.unwrap_or(Format::Text),
                Err(message) => {
                    return Err(Error::Unsupported {
                        path: source,
                        message,
                    });
                }
            };
            let meta = std::fs::metadata(path).map_err(|e| Error::io(source.clone(), e))?;
            if meta.is_dir() {
                return Err(Error::Path {
                    path: source,
                    message: "is a directory".into(),
                });
            }
            if meta.len() > max_bytes {
                return Err(Error::TooLarge {
                    path: source,
                    size: meta.len(),
                    limit: max_bytes,
                });
            }
            let mut bytes = Vec::with_capacity(meta.len() as usize);
            std::fs::File::open(path)
                .and_then(|f| f.take(max_bytes + 1).read_to_end(&mut bytes))
                .map_err(|e| Error::io(source.clone(), e))?;
            if bytes.len() as u64 > max_bytes {
                return Err(Error::TooLarge {
                    path: source,
                    size: bytes.len() as u64,
                    limit: max_bytes,
                });
            }
            let format = sniff(&bytes, by_name);
            (bytes, format)
        }
    };
    Ok(SourceFile {
        source,
        format,
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(format_for(Path::new("a.txt")), Ok(Some(Format::Text)));
        assert_eq!(format_for(Path::new("a.HTM")), Ok(Some(Format::Html)));
        assert_eq!(format_for(Path::new("a.docx")), Ok(Some(Format::Docx)));
        assert_eq!(format_for(Path::new("README")), Ok(Some(Format::Text)));
        assert_eq!(format_for(Path::new("a.png")), Ok(None));
        assert!(format_for(Path::new("a.doc")).is_err());
    }

    #[test]
    fn sniffs_content() {
        assert_eq!(sniff(b"%PDF-1.4 ...", Format::Text), Format::Pdf);
        assert_eq!(sniff(b"<!DOCTYPE html><html>", Format::Text), Format::Html);
        assert_eq!(sniff(b"plain", Format::Text), Format::Text);
    }
}
