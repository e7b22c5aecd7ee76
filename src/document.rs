//! The normalised text of one input and the byte-offset ↔ line bookkeeping
//! every later stage relies on for provenance.
//!
//! Invariant: normalisation never adds or removes a `\n`, so the line numbers
//! of a text input equal the line numbers a user sees in an editor.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into [`Document::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// Builds a span; `end` is clamped to be at least `start`.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// The kind of file a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (any supported encoding).
    Text,
    /// An HTML page.
    Html,
    /// A Word 2007+ document.
    Docx,
    /// A PDF with a text layer.
    Pdf,
}

impl Format {
    /// Lower-case name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// A warning attached to a document: something the analyst should check.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Warning {
    /// A stable snake_case code, e.g. `rate_mismatch`.
    pub code: String,
    /// A one-line explanation in English.
    pub message: String,
    /// The 1-based line the warning concerns, when there is one.
    pub line: Option<usize>,
}

impl Warning {
    /// Builds a warning.
    pub fn new(code: &str, message: impl Into<String>, line: Option<usize>) -> Self {
        Warning {
            code: code.to_string(),
            message: message.into(),
            line,
        }
    }
}

/// Stage 2 output: decoded, normalised text ready for segmentation.
#[derive(Debug, Clone)]
pub struct Document {
    /// The input as named by the user (`-` for standard input).
    pub source: String,
    /// The file format the text came from.
    pub format: Format,
    /// The character encoding the bytes were read as (`utf-8`, `tcvn3`, …).
    pub encoding: String,
    /// A title supplied by the container (HTML `<h1>`/`<title>`, DOCX core properties).
    pub title: Option<String>,
    /// NFC text with odd spaces folded; `\n` separates lines.
    pub text: String,
    /// Problems met while decoding.
    pub warnings: Vec<Warning>,
    line_starts: Vec<usize>,
}

impl Document {
    /// Wraps already-normalised text.
    pub fn new(
        source: impl Into<String>,
        format: Format,
        encoding: impl Into<String>,
        text: String,
    ) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_iter_newlines(&text));
        Document {
            source: source.into(),
            format,
            encoding: encoding.into(),
            title: None,
            text,
            warnings: Vec::new(),
            line_starts,
        }
    }

    /// The 1-based line holding byte offset `at`.
    pub fn line_of(&self, at: usize) -> usize {
        match self.line_starts.binary_search(&at) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// Number of lines (a final line without `\n` counts).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte span of 1-based line `line` without its `\n` (empty for
    /// line 0 or a line past the end).
    pub fn line_span(&self, line: usize) -> Span {
        let Some(&start) = line.checked_sub(1).and_then(|i| self.line_starts.get(i)) else {
            return Span::new(self.text.len(), self.text.len());
        };
        let end = self
            .line_starts
            .get(line)
            .map(|next| next.saturating_sub(1))
            .unwrap_or(self.text.len())
            .max(start);
        Span::new(start, end)
    }

    /// The text of a span, or `""` when the span is out of range or off a char boundary.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }
}

fn memchr_iter_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_follow_newlines() {
        let doc = Document::new("t", Format::Text, "utf-8", "một\nhai\n\nbốn".to_string());
        assert_eq!(doc.line_count(), 4);
        let second = doc.text.find("hai").unwrap_or(0);
        let fourth = doc.text.find("bốn").unwrap_or(0);
        assert_eq!(doc.line_of(0), 1);
        assert_eq!(doc.line_of(second - 1), 1);
        assert_eq!(doc.line_of(second), 2);
        assert_eq!(doc.line_of(fourth - 1), 3);
        assert_eq!(doc.line_of(fourth), 4);
        assert_eq!(doc.slice(doc.line_span(2)), "hai");
        assert_eq!(doc.slice(doc.line_span(3)), "");
        assert_eq!(doc.slice(doc.line_span(4)), "bốn");
        assert_eq!(doc.slice(doc.line_span(9)), "");
        assert_eq!(doc.slice(doc.line_span(0)), "");
    }
}
