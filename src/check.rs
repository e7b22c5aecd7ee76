//! Compares extracted reports with reviewed expectations (`NAME.expected.json`):
//! a readable diff and precision/recall per metric. Used by the golden tests
//! and by `baocao check`.

use std::collections::BTreeMap;

use crate::record::{DocumentReport, Record, format_number};

/// Record fields compared one by one.
const FIELDS: &[&str] = &[
    "metric",
    "value",
    "upper",
    "total",
    "unit",
    "subtype",
    "qualifier",
    "status",
    "scope",
    "operator",
    "period",
    "change",
    "plan_rate",
    "part_of",
    "section",
    "line",
    "span",
    "evidence",
];

/// True positives, false positives and false negatives of one metric.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Expected and found.
    pub matched: usize,
    /// Found but not expected.
    pub unexpected: usize,
    /// Expected but not found.
    pub missing: usize,
}

impl Counts {
    /// matched / (matched + unexpected), or 1 when nothing was found.
    pub fn precision(&self) -> f64 {
        let found = self.matched + self.unexpected;
        if found == 0 {
            1.0
        } else {
            self.matched as f64 / found as f64
        }
    }

    /// matched / (matched + missing), or 1 when nothing was expected.
    pub fn recall(&self) -> f64 {
        let expected = self.matched + self.missing;
        if expected == 0 {
            1.0
        } else {
            self.matched as f64 / expected as f64
        }
    }

    /// Adds another count.
    pub fn add(&mut self, other: Counts) {
        self.matched += other.matched;
        self.unexpected += other.unexpected;
        self.missing += other.missing;
    }
}

/// The outcome of comparing one document.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    /// Human-readable differences, one per line; empty when equal.
    pub differences: Vec<String>,
    /// Per-metric counts (a record counts as matched when metric, value,
    /// total, subtype, status and line agree).
    pub counts: BTreeMap<String, Counts>,
}

impl Comparison {
    /// Whether the documents are the same.
    pub fn is_equal(&self) -> bool {
        self.differences.is_empty()
    }
}

fn value_of(r: &Record) -> serde_json::Value {
    serde_json::to_value(r).unwrap_or(serde_json::Value::Null)
}

fn short(r: &Record) -> String {
    let mut s = format!("{} = {}", r.metric, format_number(r.value));
    if let Some(t) = r.total {
        s.push_str(&format!("/{}", format_number(t)));
    }
    if let Some(sub) = &r.subtype {
        s.push_str(&format!(" [{sub}]"));
    }
    s.push_str(&format!(" ({}, line {})", r.status.name(), r.line));
    s
}

/// The identity used for precision and recall.
fn identity(
    r: &Record,
) -> (
    String,
    String,
    Option<String>,
    Option<String>,
    &'static str,
    usize,
) {
    (
        r.metric.clone(),
        format_number(r.value),
        r.total.map(format_number),
        r.subtype.clone(),
        r.status.name(),
        r.line,
    )
}

/// Compares an expected report with an actual one.
pub fn compare(expected: &DocumentReport, actual: &DocumentReport) -> Comparison {
    let mut out = Comparison::default();
    let scalar = |name: &str, e: String, a: String, out: &mut Comparison| {
        if e != a {
            out.differences
                .push(format!("{name}: expected {e}, got {a}"));
        }
    };
    let json = |v: &dyn erased::Ser| v.json();
    scalar(
        "title",
        json(&expected.title),
        json(&actual.title),
        &mut out,
    );
    scalar(
        "report",
        json(&expected.report),
        json(&actual.report),
        &mut out,
    );
    scalar(
        "period",
        json(&expected.period),
        json(&actual.period),
        &mut out,
    );
    scalar(
        "encoding",
        json(&expected.encoding),
        json(&actual.encoding),
        &mut out,
    );

    // Records: exact matches first, then pairs on the same metric and line.
    let mut left: Vec<Option<&Record>> = expected.records.iter().map(Some).collect();
    let mut right: Vec<Option<&Record>> = actual.records.iter().map(Some).collect();
    for slot in left.iter_mut() {
        let Some(e) = *slot else { continue };
        if let Some(r) = right.iter_mut().find(|r| r.is_some_and(|a| a == e)) {
            *r = None;
            *slot = None;
            out.counts.entry(e.metric.clone()).or_default().matched += 1;
        }
    }
    for slot in left.iter_mut() {
        let Some(e) = *slot else { continue };
        let pair = right
            .iter()
            .position(|r| r.is_some_and(|a| identity(a) == identity(e)))
            .or_else(|| {
                right
                    .iter()
                    .position(|r| r.is_some_and(|a| a.metric == e.metric && a.line == e.line))
            });
        if let Some(i) = pair {
            let Some(a) = right.get_mut(i).and_then(Option::take) else {
                continue;
            };
            *slot = None;
            let (ev, av) = (value_of(e), value_of(a));
            let changed: Vec<String> = FIELDS
                .iter()
                .filter(|f| ev.get(**f) != av.get(**f))
                .map(|f| {
                    format!(
                        "{f}: {} → {}",
                        ev.get(*f).map(|v| v.to_string()).unwrap_or_default(),
                        av.get(*f).map(|v| v.to_string()).unwrap_or_default()
                    )
                })
                .collect();
            out.differences
                .push(format!("changed  {}: {}", short(e), changed.join("; ")));
            let c = out.counts.entry(e.metric.clone()).or_default();
            if identity(e) == identity(a) {
                c.matched += 1;
            } else {
                c.missing += 1;
                out.counts.entry(a.metric.clone()).or_default().unexpected += 1;
            }
        }
    }
    for e in left.into_iter().flatten() {
        out.differences.push(format!("missing  {}", short(e)));
        out.counts.entry(e.metric.clone()).or_default().missing += 1;
    }
    for a in right.into_iter().flatten() {
        out.differences.push(format!("unexpected {}", short(a)));
        out.counts.entry(a.metric.clone()).or_default().unexpected += 1;
    }

    // References and warnings as sets of JSON lines.
    for (name, e, a) in [
        (
            "reference",
            lines(&expected.references),
            lines(&actual.references),
        ),
        (
            "warning",
            lines(&expected.warnings),
            lines(&actual.warnings),
        ),
    ] {
        for x in e.iter().filter(|x| !a.contains(x)) {
            out.differences.push(format!("missing  {name} {x}"));
        }
        for x in a.iter().filter(|x| !e.contains(x)) {
            out.differences.push(format!("unexpected {name} {x}"));
        }
    }
    out
}

fn lines<T: serde::Serialize>(items: &[T]) -> Vec<String> {
    items
        .iter()
        .map(|i| serde_json::to_string(i).unwrap_or_default())
        .collect()
}

mod erased {
    pub trait Ser {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}
