//! `baocao explain`: the text of a report with every matched span
//! highlighted and each record printed under the line it comes from, for a
//! person checking what was extracted.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::document::Document;
use crate::record::{DocumentReport, Record, format_number};

/// How to render.
#[derive(Debug, Clone, Default)]
pub struct ExplainOptions {
    /// Use ANSI colours (a terminal without `NO_COLOR`); otherwise spans are
    /// marked `«…»`.
    pub color: bool,
    /// Show only these metrics (empty: all).
    pub metrics: Vec<String>,
}

const HIGHLIGHT: &str = "\x1b[1;33m";
const RECORD: &str = "\x1b[36m";
const WARN: &str = "\x1b[35m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Writes `report` (extracted from `doc`) for reading.
pub fn render(
    doc: &Document,
    report: &DocumentReport,
    options: &ExplainOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let paint = |code: &'static str| if options.color { code } else { "" };
    let records: Vec<&Record> = report
        .records
        .iter()
        .filter(|r| options.metrics.is_empty() || options.metrics.contains(&r.metric))
        .collect();
    writeln!(out, "{}{}{}", paint(DIM), report.source, paint(RESET))?;
    if let Some(title) = &report.title {
        writeln!(out, "title: {title}")?;
    }
    if let Some(id) = &report.report {
        writeln!(
            out,
            "report: {} {}/{}{}",
            id.doc_type.as_deref().unwrap_or(""),
            id.number,
            id.code,
            id.date
                .as_deref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default()
        )?;
    }
    if let Some(period) = &report.period {
        writeln!(out, "period: {period}")?;
    }
    writeln!(out)?;

    // Lines to show: each record's own line and every line its span touches.
    let mut by_line: BTreeMap<usize, Vec<&Record>> = BTreeMap::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for r in &records {
        by_line.entry(r.line).or_default();
        let [start, end] = r.span;
        let (start, end) = (start.min(doc.text.len()), end.min(doc.text.len()));
        if start < end {
            spans.push((start, end));
            for line in doc.line_of(start)..=doc.line_of(end.saturating_sub(1)) {
                by_line.entry(line).or_default();
            }
        }
    }
    for r in &records {
        by_line.entry(r.line).or_default().push(r);
    }
    spans.sort_unstable();
    let merged = merge(spans);
    let width = by_line
        .keys()
        .last()
        .map(|l| l.to_string().len())
        .unwrap_or(1);
    for (line, recs) in &by_line {
        let span = doc.line_span(*line);
        let text = doc.text.get(span.start..span.end).unwrap_or("");
        let mut shown = String::new();
        let mut at = span.start;
        for &(s, e) in merged
            .iter()
            .filter(|(s, e)| *e > span.start && *s < span.end)
        {
            let (s, e) = (s.max(span.start), e.min(span.end));
            shown.push_str(doc.text.get(at..s).unwrap_or(""));
            let (open, close) = if options.color {
                (HIGHLIGHT, RESET)
            } else {
                ("«", "»")
            };
            shown.push_str(open);
            shown.push_str(doc.text.get(s..e).unwrap_or(""));
            shown.push_str(close);
            at = e;
        }
        shown.push_str(doc.text.get(at..span.end).unwrap_or(""));
        if shown.is_empty() {
            shown.push_str(text);
        }
        writeln!(out, "{line:>width$} │ {shown}")?;
        for r in recs {
            writeln!(
                out,
                "{:>width$} │   {}→ {}{}",
                "",
                paint(RECORD),
                describe(r),
                paint(RESET)
            )?;
        }
    }
    let warnings: Vec<_> = report
        .warnings
        .iter()
        .filter(|w| options.metrics.is_empty() || w.line.is_some_and(|l| by_line.contains_key(&l)))
        .collect();
    if !warnings.is_empty() {
        writeln!(out)?;
        for w in warnings {
            let at = w.line.map(|l| format!("line {l}: ")).unwrap_or_default();
            writeln!(
                out,
                "{}warning: {at}{} ({}){}",
                paint(WARN),
                w.message,
                w.code,
                paint(RESET)
            )?;
        }
    }
    writeln!(
        out,
        "\n{} record(s), {} reference(s)",
        records.len(),
        report.references.len()
    )
}

/// One line describing a record: `bts_stations = 7 [4G] actual, new, Viettel`.
pub fn describe(r: &Record) -> String {
    let mut s = format!("{} = ", r.metric);
    if let Some(q) = &r.qualifier {
        s.push_str(&format!("({q}) "));
    }
    s.push_str(&format_number(r.value));
    if let Some(u) = r.upper {
        s.push_str(&format!("–{}", format_number(u)));
    }
    if let Some(t) = r.total {
        s.push_str(&format!("/{}", format_number(t)));
    }
    s.push_str(&format!(" {}", r.unit));
    if let Some(sub) = &r.subtype {
        s.push_str(&format!(" [{sub}]"));
    }
    let mut extra = vec![r.status.name().to_string()];
    if let Some(scope) = r.scope {
        extra.push(format!("{scope:?}").to_lowercase());
    }
    if let Some(op) = &r.operator {
        extra.push(op.clone());
    }
    if let Some(p) = &r.period {
        extra.push(p.clone());
    }
    if let Some(c) = &r.change {
        extra.push(format!(
            "{} {} {}{}",
            c.direction,
            format_number(c.value),
            c.unit,
            c.baseline
                .as_deref()
                .map(|b| format!(" vs {b}"))
                .unwrap_or_default()
        ));
    }
    if let Some(p) = r.plan_rate {
        extra.push(format!("{}% of plan", format_number(p)));
    }
    if let Some(p) = r.part_of {
        extra.push(format!("part of #{p}"));
    }
    format!("{s} ({})", extra.join(", "))
}

/// Merges overlapping or touching sorted spans.
fn merge(spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::SourceFile;
    use crate::{Catalogue, Extractor};

    fn explain(text: &str, options: &ExplainOptions) -> String {
        let extractor = Extractor::new(Catalogue::builtin());
        let doc = extractor
            .decode(SourceFile::from_text("t.txt", text))
            .expect("decodes");
        let report = extractor.extract_document(&doc);
        let mut out = Vec::new();
        render(&doc, &report, options, &mut out).expect("renders");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn marks_spans_and_prints_records_under_their_line() {
        let text = "BÁO CÁO KẾT QUẢ\n\nPhát triển thêm 07 trạm BTS 4G và 12 tuyến cáp quang.\n";
        let out = explain(text, &ExplainOptions::default());
        assert!(
            out.contains("3 │ Phát triển thêm «07 trạm BTS 4G»"),
            "{out}"
        );
        assert!(
            out.contains("→ bts_stations = 7 station [4G] (actual, new)"),
            "{out}"
        );
        assert!(out.contains("→ fibre_routes = 12"), "{out}");
        assert!(!out.contains('\x1b'), "plain output has no escapes");
    }

    #[test]
    fn colour_and_metric_filter() {
        let text = "Phát triển thêm 07 trạm BTS 4G và 12 tuyến cáp quang.\n";
        let options = ExplainOptions {
            color: true,
            metrics: vec!["fibre_routes".into()],
        };
        let out = explain(text, &options);
        assert!(out.contains(HIGHLIGHT), "{out}");
        assert!(out.contains("fibre_routes = 12"), "{out}");
        assert!(!out.contains("bts_stations"), "{out}");
    }
}
