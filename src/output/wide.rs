//! Wide CSV: one row per document, one column per metric and per
//! `metric.subtype`, for spreadsheets.
//!
//! A cell folds the document's records of that metric: breakdown parts are
//! left out (their total is there), targets are left out unless `--status`
//! asks for them, and records are summed (`aggregate = "sum"`) or the first
//! is kept (`aggregate = "first"`). Sums add the records with the first
//! record's unit that are not running totals (`tổng số`, `hiện có`); when the
//! first record is a running total, it is the cell (a stock is never added to
//! new counts). Generic
//! `quantity`/`percentage` records have no column.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use super::{ReportWriter, WriteOptions, csv_builder};
use crate::catalogue::{Aggregate, Catalogue};
use crate::record::{DocumentReport, Record, Scope, Status, format_number};

/// Fixed leading columns of wide CSV.
pub const WIDE_COLUMNS: [&str; 5] = ["source", "title", "report_number", "report_date", "period"];

struct Row {
    fixed: [String; 5],
    cells: BTreeMap<String, f64>,
}

/// Buffers one row per document and writes the table at the end (the
/// columns depend on every document).
pub struct WideWriter<'a, W: Write> {
    out: Option<W>,
    options: WriteOptions,
    catalogue: &'a Catalogue,
    rows: Vec<Row>,
}

impl<'a, W: Write> WideWriter<'a, W> {
    /// A wide writer over `out`.
    pub fn new(out: W, options: WriteOptions, catalogue: &'a Catalogue) -> Self {
        WideWriter {
            out: Some(out),
            options,
            catalogue,
            rows: Vec::new(),
        }
    }

    fn kept(&self, r: &Record) -> bool {
        if r.part_of.is_some() || r.metric == "quantity" || r.metric == "percentage" {
            return false;
        }
        if self.options.statuses.is_empty() && r.status == Status::Target {
            return false;
        }
        self.options.keeps(r)
    }
}

/// Folds records into one value per the metric's aggregation rule.
fn fold(records: &[&Record], aggregate: Aggregate) -> Option<f64> {
    let first = records.first()?;
    match aggregate {
        Aggregate::First => Some(first.value),
        // A running total is a stock: it is not added to anything.
        Aggregate::Sum if first.scope == Some(Scope::Total) => Some(first.value),
        Aggregate::Sum => Some(
            records
                .iter()
                .filter(|r| r.unit == first.unit && r.scope != Some(Scope::Total))
                .map(|r| r.value)
                .sum(),
        ),
    }
}

impl<W: Write> ReportWriter for WideWriter<'_, W> {
    fn write(&mut self, report: &DocumentReport) -> io::Result<()> {
        let mut by_metric: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
        for r in report.records.iter().filter(|r| self.kept(r)) {
            by_metric.entry(r.metric.as_str()).or_default().push(r);
        }
        let mut cells = BTreeMap::new();
        for (metric, records) in by_metric {
            let aggregate = self
                .catalogue
                .metric(metric)
                .map(|m| m.aggregate)
                .unwrap_or(Aggregate::Sum);
            if let Some(v) = fold(&records, aggregate) {
                cells.insert(metric.to_string(), v);
            }
            let mut by_subtype: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
            for r in &records {
                if let Some(s) = r.subtype.as_deref() {
                    by_subtype.entry(s).or_default().push(r);
                }
            }
            for (subtype, rs) in by_subtype {
                if let Some(v) = fold(&rs, aggregate) {
                    cells.insert(format!("{metric}.{subtype}"), v);
                }
            }
        }
        let report_id = report.report.as_ref();
        self.rows.push(Row {
            fixed: [
                report.source.clone(),
                report.title.clone().unwrap_or_default(),
                report_id
                    .map(|r| format!("{}/{}", r.number, r.code))
                    .unwrap_or_default(),
                report_id.and_then(|r| r.date.clone()).unwrap_or_default(),
                report.period.clone().unwrap_or_default(),
            ],
            cells,
        });
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        let Some(mut out) = self.out.take() else {
            return Ok(());
        };
        if self.options.bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let present: BTreeSet<&str> = self
            .rows
            .iter()
            .flat_map(|r| r.cells.keys().map(String::as_str))
            .collect();
        let mut columns: Vec<String> = Vec::new();
        for m in self.catalogue.metrics() {
            if present.contains(m.id.as_str()) {
                columns.push(m.id.clone());
            }
            let prefix = format!("{}.", m.id);
            columns.extend(
                present
                    .iter()
                    .filter(|c| c.starts_with(&prefix))
                    .map(|c| c.to_string()),
            );
        }
        let mut w = csv_builder(&self.options).from_writer(out);
        w.write_record(
            WIDE_COLUMNS
                .iter()
                .map(|s| s.to_string())
                .chain(columns.iter().cloned()),
        )?;
        for row in &self.rows {
            let values = columns.iter().map(|c| {
                row.cells
                    .get(c)
                    .map(|v| format_number(*v))
                    .unwrap_or_default()
            });
            w.write_record(row.fixed.iter().cloned().chain(values))?;
        }
        w.flush()
    }
}
