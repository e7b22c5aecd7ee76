//! Stage 7: writes [`DocumentReport`]s.
//!
//! Formats (the wire contract, schema `baocao/1`):
//! - `json`: `{"schema": "baocao/1", "documents": [ … ]}`, pretty-printed,
//!   each document written as soon as it is done.
//! - `ndjson`: one object per line, each with `kind` (`document`, `record`,
//!   `reference`) and `source`, streamed per document.
//! - `csv`: one row per record, columns [`CSV_COLUMNS`], RFC 4180 quoting.
//! - `wide`: one row per document: `source,title,report_number,report_date,period`
//!   then one column per metric and per `metric.subtype`, in catalogue order.
//!
//! Filters (`--metric`, `--status`) apply to records in every format.

mod wide;

use std::io::{self, Write};

use serde::Serialize;

use crate::catalogue::Catalogue;
use crate::record::{DocumentReport, Record, Reference, SCHEMA, Status, format_number};

pub use wide::WideWriter;

/// Columns of the long CSV format.
pub const CSV_COLUMNS: [&str; 11] = [
    "source",
    "metric",
    "value",
    "total",
    "unit",
    "subtype",
    "qualifier",
    "status",
    "section",
    "line",
    "evidence",
];

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Pretty JSON document.
    #[default]
    Json,
    /// Newline-delimited JSON.
    Ndjson,
    /// Long CSV, one row per record.
    Csv,
    /// Wide CSV, one row per document.
    Wide,
}

/// What to keep and how to write it.
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// The format.
    pub format: Format,
    /// Start CSV output with a UTF-8 byte-order mark (for Excel).
    pub bom: bool,
    /// CSV field delimiter (default `,`).
    pub delimiter: Option<u8>,
    /// Keep only these metrics (empty: all).
    pub metrics: Vec<String>,
    /// Keep only these statuses (empty: all).
    pub statuses: Vec<Status>,
}

impl WriteOptions {
    /// Whether a record passes the filters.
    pub fn keeps(&self, r: &Record) -> bool {
        (self.metrics.is_empty() || self.metrics.iter().any(|m| m == &r.metric))
            && (self.statuses.is_empty() || self.statuses.contains(&r.status))
    }

    /// The report with filtered records (`part_of` indexes are remapped);
    /// the report itself, not a copy, when nothing is filtered.
    pub fn filter<'r>(&self, report: &'r DocumentReport) -> std::borrow::Cow<'r, DocumentReport> {
        if self.metrics.is_empty() && self.statuses.is_empty() {
            return std::borrow::Cow::Borrowed(report);
        }
        let mut map = vec![None; report.records.len()];
        let mut records = Vec::new();
        for (i, r) in report.records.iter().enumerate() {
            if self.keeps(r) {
                map[i] = Some(records.len());
                records.push(r.clone());
            }
        }
        for r in &mut records {
            r.part_of = r.part_of.and_then(|p| map.get(p).copied().flatten());
        }
        std::borrow::Cow::Owned(DocumentReport {
            records,
            source: report.source.clone(),
            encoding: report.encoding.clone(),
            title: report.title.clone(),
            report: report.report.clone(),
            period: report.period.clone(),
            references: report.references.clone(),
            warnings: report.warnings.clone(),
        })
    }
}

/// Writes reports one by one, then finishes the output.
pub trait ReportWriter {
    /// Writes one document's report.
    fn write(&mut self, report: &DocumentReport) -> io::Result<()>;
    /// Writes whatever closes the output and flushes it.
    fn finish(&mut self) -> io::Result<()>;
}

/// Builds the writer for `options` over `out`.
pub fn writer<'a, W: Write + 'a>(
    out: W,
    options: &WriteOptions,
    catalogue: &'a Catalogue,
) -> Box<dyn ReportWriter + 'a> {
    match options.format {
        Format::Json => Box::new(JsonWriter::new(out, options.clone())),
        Format::Ndjson => Box::new(NdjsonWriter {
            out,
            options: options.clone(),
        }),
        Format::Csv => Box::new(CsvWriter::new(out, options.clone())),
        Format::Wide => Box::new(WideWriter::new(out, options.clone(), catalogue)),
    }
}

/// Pretty JSON: `{"schema": "baocao/1", "documents": [ … ]}`.
pub struct JsonWriter<W: Write> {
    out: W,
    options: WriteOptions,
    count: usize,
}

impl<W: Write> JsonWriter<W> {
    /// A JSON writer over `out`.
    pub fn new(out: W, options: WriteOptions) -> Self {
        JsonWriter {
            out,
            options,
            count: 0,
        }
    }
}

impl<W: Write> ReportWriter for JsonWriter<W> {
    fn write(&mut self, report: &DocumentReport) -> io::Result<()> {
        let report = self.options.filter(report);
        let body = serde_json::to_string_pretty(&report).map_err(io::Error::other)?;
        if self.count == 0 {
            write!(
                self.out,
                "{{\n  \"schema\": \"{SCHEMA}\",\n  \"documents\": [\n"
            )?;
        } else {
            self.out.write_all(b",\n")?;
        }
        for (i, line) in body.lines().enumerate() {
            if i > 0 {
                self.out.write_all(b"\n")?;
            }
            write!(self.out, "    {line}")?;
        }
        self.count += 1;
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.count == 0 {
            write!(
                self.out,
                "{{\n  \"schema\": \"{SCHEMA}\",\n  \"documents\": []\n}}\n"
            )?;
        } else {
            self.out.write_all(b"\n  ]\n}\n")?;
        }
        self.out.flush()
    }
}

/// Newline-delimited JSON.
pub struct NdjsonWriter<W: Write> {
    out: W,
    options: WriteOptions,
}

#[derive(Serialize)]
struct Tagged<'a, T: Serialize> {
    kind: &'a str,
    source: &'a str,
    #[serde(flatten)]
    item: &'a T,
}

#[derive(Serialize)]
struct DocumentLine<'a> {
    encoding: &'a str,
    title: &'a Option<String>,
    report: &'a Option<crate::record::ReportId>,
    period: &'a Option<String>,
    records: usize,
    references: usize,
    warnings: &'a [crate::document::Warning],
}

impl<W: Write> ReportWriter for NdjsonWriter<W> {
    fn write(&mut self, report: &DocumentReport) -> io::Result<()> {
        let report = self.options.filter(report);
        let source = report.source.as_str();
        let doc = DocumentLine {
            encoding: &report.encoding,
            title: &report.title,
            report: &report.report,
            period: &report.period,
            records: report.records.len(),
            references: report.references.len(),
            warnings: &report.warnings,
        };
        // Line by line into the (buffered) output: no copy of the document's
        // lines is held in memory.
        let out = &mut self.out;
        let mut line = |value: &dyn erased::Json| -> io::Result<()> {
            value.write_json(out)?;
            out.write_all(b"\n")
        };
        line(&Tagged {
            kind: "document",
            source,
            item: &doc,
        })?;
        for r in &report.records {
            line(&Tagged {
                kind: "record",
                source,
                item: r,
            })?;
        }
        for r in &report.references {
            line(&Tagged::<Reference> {
                kind: "reference",
                source,
                item: r,
            })?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

mod erased {
    //! A tiny object-safe wrapper so one closure can serialise different types.
    use std::io;

    pub trait Json {
        fn write_json(&self, out: &mut dyn io::Write) -> io::Result<()>;
    }

    impl<T: serde::Serialize> Json for T {
        fn write_json(&self, out: &mut dyn io::Write) -> io::Result<()> {
            serde_json::to_writer(out, self).map_err(|e| match e.io_error_kind() {
                Some(kind) => io::Error::new(kind, e),
                None => io::Error::other(e),
            })
        }
    }
}

/// Long CSV: one row per record.
pub struct CsvWriter<W: Write> {
    pending: Option<W>,
    out: Option<csv::Writer<W>>,
    options: WriteOptions,
}

impl<W: Write> CsvWriter<W> {
    /// A CSV writer over `out`.
    pub fn new(out: W, options: WriteOptions) -> Self {
        CsvWriter {
            pending: Some(out),
            out: None,
            options,
        }
    }

    /// Writes the BOM and header on first use.
    fn started(&mut self) -> io::Result<&mut csv::Writer<W>> {
        if let Some(mut raw) = self.pending.take() {
            if self.options.bom {
                raw.write_all("\u{feff}".as_bytes())?;
            }
            let mut w = csv_builder(&self.options).from_writer(raw);
            w.write_record(CSV_COLUMNS)?;
            self.out = Some(w);
        }
        self.out
            .as_mut()
            .ok_or_else(|| io::Error::other("csv writer already finished"))
    }
}

pub(crate) fn csv_builder(options: &WriteOptions) -> csv::WriterBuilder {
    let mut b = csv::WriterBuilder::new();
    b.delimiter(options.delimiter.unwrap_or(b','));
    b
}

fn opt(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("")
}

impl<W: Write> ReportWriter for CsvWriter<W> {
    fn write(&mut self, report: &DocumentReport) -> io::Result<()> {
        let options = self.options.clone();
        let out = self.started()?;
        for r in report.records.iter().filter(|r| options.keeps(r)) {
            out.write_record([
                report.source.as_str(),
                r.metric.as_str(),
                &format_number(r.value),
                &r.total.map(format_number).unwrap_or_default(),
                r.unit.as_str(),
                opt(&r.subtype),
                opt(&r.qualifier),
                r.status.name(),
                opt(&r.section),
                &r.line.to_string(),
                r.evidence.as_str(),
            ])?;
        }
        out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        self.started()?.flush()
    }
}
