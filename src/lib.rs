//! baocao turns Vietnamese government report text into structured,
//! checkable metric records.
//!
//! The pipeline, one module per stage, each handing one type to the next:
//!
//! | stage | module | hands on |
//! |---|---|---|
//! | read | [`read`] | [`read::SourceFile`] |
//! | decode / normalise | [`decode`] | [`document::Document`] |
//! | segment | [`segment`] | [`segment::Outline`] |
//! | recognise | [`recognize`] | [`recognize::Mentions`] |
//! | match the catalogue | [`matcher`] | [`matcher::Extraction`] |
//! | validate | [`validate`] | [`record::DocumentReport`] |
//! | write | [`output`] | bytes |
//!
//! # Example
//!
//! ```
//! use baocao::{Catalogue, Extractor};
//!
//! let extractor = Extractor::new(Catalogue::builtin());
//! let report = extractor.extract_text("bao-cao.txt", "Các doanh nghiệp đã phát triển thêm 07 trạm BTS 4G.");
//! let report = report.expect("text is not empty");
//! assert_eq!(report.records[0].metric, "bts_stations");
//! assert_eq!(report.records[0].value, 7.0);
//! assert_eq!(report.records[0].subtype.as_deref(), Some("4G"));
//! ```

#![warn(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod catalogue;
pub mod check;
pub mod decode;
pub mod document;
pub mod error;
pub mod explain;
pub mod matcher;
pub mod output;
pub mod read;
pub mod recognize;
pub mod record;
pub mod run;
pub mod segment;
pub mod token;
pub mod validate;

pub use catalogue::Catalogue;
pub use document::Document;
pub use error::{Error, Result};
pub use record::{DocumentReport, Record, Reference};

use decode::DecodeOptions;
use matcher::MatchOptions;
use read::SourceFile;

/// How many sentences are recognised and matched together: enough to keep
/// the per-batch overhead negligible, few enough that a document of any
/// length holds only a batch's tokens at a time.
pub const BATCH_SENTENCES: usize = 1024;

/// Runs the whole pipeline with one catalogue.
#[derive(Debug, Clone, Copy)]
pub struct Extractor<'c> {
    catalogue: &'c Catalogue,
    decode: DecodeOptions,
    matching: MatchOptions,
}

impl<'c> Extractor<'c> {
    /// An extractor over `catalogue` with default options.
    pub fn new(catalogue: &'c Catalogue) -> Self {
        Extractor {
            catalogue,
            decode: DecodeOptions::default(),
            matching: MatchOptions::default(),
        }
    }

    /// Leaves out generic `quantity`/`percentage` records. Disabled by default.
    pub fn known_only(mut self, yes: bool) -> Self {
        self.matching.known_only = yes;
        self
    }

    /// Forces an encoding instead of detecting it. Detection by default.
    pub fn encoding(mut self, encoding: Option<decode::Encoding>) -> Self {
        self.decode.encoding = encoding;
        self
    }

    /// The catalogue in use.
    pub fn catalogue(&self) -> &'c Catalogue {
        self.catalogue
    }

    /// Stage 2 alone: decodes and normalises a read file. Record spans are
    /// byte offsets into the returned document's `text`.
    pub fn decode(&self, file: SourceFile) -> Result<Document> {
        decode::decode(file, &self.decode)
    }

    /// Stages 2–6 on a read source file.
    pub fn extract_source(&self, file: SourceFile) -> Result<DocumentReport> {
        let doc = decode::decode(file, &self.decode)?;
        Ok(self.extract_document(&doc))
    }

    /// Stages 2–6 on text held in memory.
    pub fn extract_text(&self, source: &str, text: &str) -> Result<DocumentReport> {
        self.extract_source(SourceFile::from_text(source, text))
    }

    /// Stages 3–6 on a decoded document. Sentences are recognised and
    /// matched [`BATCH_SENTENCES`] at a time, so the tokens of a long
    /// document are never all held at once.
    pub fn extract_document(&self, doc: &Document) -> DocumentReport {
        let outline = segment::segment(doc, self.catalogue);
        let total = outline.sentences.len();
        let batch = |start: usize| {
            let end = start.saturating_add(BATCH_SENTENCES).min(total);
            recognize::recognize_sentences(doc, &outline, self.catalogue, start..end)
        };
        let first = batch(0);
        let mut matcher =
            matcher::Matcher::new(doc, &outline, &first, self.catalogue, self.matching);
        matcher.feed(&first);
        let mut warnings = first.warnings;
        for start in (BATCH_SENTENCES..total).step_by(BATCH_SENTENCES) {
            let mentions = batch(start);
            matcher.feed(&mentions);
            warnings.extend(mentions.warnings);
        }
        validate::validate(doc, outline.title.clone(), matcher.finish(), warnings)
    }
}
