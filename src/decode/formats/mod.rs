//! Document-format readers: turn HTML pages, DOCX files and PDF files into
//! plain text, one block (paragraph, heading, list item, table row) per line.
//! Combining marks are left to the NFC step of [`crate::decode`].
//!
//! Every reader takes untrusted bytes and returns either [`Extracted`] text or a
//! [`FormatError`]; none of them panics on malformed input, overflows the stack on
//! deeply nested markup, or inflates a small archive without bound.

pub mod docx;
pub mod html;
pub mod pdf;

/// Text pulled out of a structured document: one block (paragraph, heading, list item, table row) per line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Extracted {
    /// The document title, when the format carries one.
    pub title: Option<String>,
    /// The document text, one block per line.
    pub text: String,
    /// The character encoding the markup was decoded from, when the format has one.
    pub encoding: Option<String>,
}

/// Why a document could not be turned into text.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// The bytes are not a zip archive at all.
    #[error("not a zip archive")]
    NotZip,
    /// The bytes are an OLE compound file: a legacy binary .doc or a password-protected .docx.
    #[error("ole compound file (a legacy .doc or a password-protected .docx), not a docx zip")]
    OleCompound,
    /// The zip archive is truncated or corrupt.
    #[error("corrupt or truncated zip archive: {0}")]
    Zip(String),
    /// A part the format requires is missing from the package.
    #[error("missing part {0}")]
    MissingPart(String),
    /// The uncompressed content would exceed [`Limits::max_uncompressed`].
    #[error("uncompressed content exceeds the limit of {limit} bytes")]
    ZipBomb {
        /// The limit that was exceeded, in bytes.
        limit: u64,
    },
    /// An XML part is malformed (syntax, nesting or entity errors).
    #[error("malformed xml: {0}")]
    Xml(String),
    /// Markup nests deeper than [`Limits::max_depth`].
    #[error("markup nests deeper than the depth limit")]
    TooDeep,
    /// The PDF is malformed or could not be read.
    #[error("unreadable pdf: {0}")]
    Pdf(String),
    /// The PDF is encrypted with a password that is not empty.
    #[error("encrypted pdf: a password is needed")]
    Encrypted,
    /// The PDF has pages but (almost) no extractable text.
    #[error("no text layer (a scanned pdf?): run OCR first")]
    NoTextLayer,
}

/// Resource limits for hostile input.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most bytes a DOCX may decompress to, summed over the parts that are read (default 256 MiB).
    pub max_uncompressed: u64,
    /// Deepest element nesting handled in HTML and XML (default 512).
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_uncompressed: 256 * 1024 * 1024,
            max_depth: 512,
        }
    }
}

/// Line-oriented text builder shared by the readers.
///
/// Runs of whitespace inside a line collapse to one space, tabs are kept only where
/// the caller pushes them explicitly (table cells), lines are trimmed, and blank
/// lines never come in runs longer than one.
#[derive(Debug, Default)]
pub(crate) struct LineWriter {
    lines: Vec<String>,
    current: String,
}

impl LineWriter {
    /// Appends running text to the current line, collapsing whitespace.
    pub(crate) fn text(&mut self, s: &str) {
        for c in s.chars() {
            if is_invisible(c) {
                continue;
            }
            if c.is_whitespace() {
                if !self.current.is_empty() && !self.current.ends_with([' ', '\t']) {
                    self.current.push(' ');
                }
            } else {
                self.current.push(c);
            }
        }
    }

    /// Appends a literal tab (a cell separator); surrounding spaces are dropped.
    pub(crate) fn tab(&mut self) {
        while self.current.ends_with(' ') {
            self.current.pop();
        }
        self.current.push('\t');
    }

    /// Ends the current line if it holds any text (a block boundary).
    pub(crate) fn soft_break(&mut self) {
        if !self.current.trim().is_empty() {
            self.push_current();
        } else {
            self.current.clear();
        }
    }

    /// Ends the current line even if it is empty (a `<br>`), producing at most one blank line.
    pub(crate) fn hard_break(&mut self) {
        self.push_current();
    }

    /// Adds a complete line whose tab characters are kept (other whitespace collapses).
    pub(crate) fn line_with_tabs(&mut self, line: &str) {
        self.soft_break();
        for (i, segment) in line.split('\t').enumerate() {
            if i > 0 {
                self.tab();
            }
            self.text(segment);
        }
        self.soft_break();
    }

    /// Adds a table row: cells joined by a single tab, each cell's whitespace collapsed.
    pub(crate) fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        if cells.iter().all(|c| c.as_ref().trim().is_empty()) {
            return;
        }
        self.soft_break();
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.tab();
            }
            self.text(cell.as_ref().trim());
        }
        let line = std::mem::take(&mut self.current);
        self.lines.push(line.trim_matches(' ').to_owned());
    }

    fn push_current(&mut self) {
        let line = std::mem::take(&mut self.current);
        let line = line.trim_matches(|c: char| c == ' ' || c == '\t');
        if line.is_empty() && self.lines.last().is_none_or(|l| l.is_empty()) {
            return;
        }
        self.lines.push(line.to_owned());
    }

    /// Finishes the text: lines joined by `\n`.
    pub(crate) fn finish(mut self) -> String {
        self.soft_break();
        while self.lines.last().is_some_and(|l| l.is_empty()) {
            self.lines.pop();
        }
        self.lines.join("\n")
    }
}

/// Characters that carry no text: zero-width spaces and joiners, soft hyphens, BOMs.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    ) || (c.is_control() && !c.is_whitespace())
}

/// Collapses whitespace runs to single spaces, drops invisible characters and trims.
pub(crate) fn collapse_ws(s: &str) -> String {
    let mut w = LineWriter::default();
    w.text(s);
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_writer_collapses_and_limits_blank_lines() {
        let mut w = LineWriter::default();
        w.text("  a \t b  ");
        w.hard_break();
        w.hard_break();
        w.hard_break();
        w.text("c\u{00A0}\u{00A0}d");
        w.soft_break();
        w.row(&["x", "", " y  z "]);
        assert_eq!(w.finish(), "a b\n\nc d\nx\t\ty z");
    }
}
