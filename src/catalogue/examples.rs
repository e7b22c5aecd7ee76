//! Runs every metric's examples and counter-examples through the whole
//! pipeline, as duckling runs its corpora: an example must give exactly one
//! record of its metric with exactly the stated fields (unstated optional
//! fields must be empty, status defaults to `actual`, unit to the metric's);
//! a counter-example must give none.

use super::{Catalogue, Metric};
use crate::Extractor;
use crate::record::{Record, format_number};

/// One example that did not give what it promised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The metric id.
    pub metric: String,
    /// The example text.
    pub text: String,
    /// What went wrong.
    pub problem: String,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {:?}: {}", self.metric, self.text, self.problem)
    }
}

/// The outcome of running one metric's examples.
#[derive(Debug, Clone, Default)]
pub struct ExampleRun {
    /// Examples and counter-examples run.
    pub run: usize,
    /// Those that failed.
    pub failures: Vec<ExampleFailure>,
}

fn opt_num(v: Option<f64>) -> String {
    v.map(format_number).unwrap_or_else(|| "null".into())
}

fn opt_str(v: Option<&str>) -> String {
    v.map(|s| format!("{s:?}")).unwrap_or_else(|| "null".into())
}

/// Runs the examples of `metric` with `extractor` (whose catalogue should contain it).
pub fn run_metric(extractor: &Extractor, metric: &Metric) -> ExampleRun {
    let mut out = ExampleRun::default();
    let fail = |out: &mut ExampleRun, text: &str, problem: String| {
        out.failures.push(ExampleFailure {
            metric: metric.id.clone(),
            text: text.to_string(),
            problem,
        });
    };
    for ex in &metric.examples {
        out.run += 1;
        let records: Vec<Record> = match extractor.extract_text("example", &ex.text) {
            Ok(r) => r
                .records
                .into_iter()
                .filter(|r| r.metric == metric.id)
                .collect(),
            Err(e) => {
                fail(&mut out, &ex.text, format!("extraction failed: {e}"));
                continue;
            }
        };
        let [r] = records.as_slice() else {
            let found: Vec<String> = records.iter().map(|r| format_number(r.value)).collect();
            fail(
                &mut out,
                &ex.text,
                format!(
                    "expected 1 record, got {} [{}]",
                    records.len(),
                    found.join(", ")
                ),
            );
            continue;
        };
        let mut problems = Vec::new();
        let mut check = |field: &str, want: String, got: String| {
            if want != got {
                problems.push(format!("{field} {got} ≠ {want}"));
            }
        };
        check("value", format_number(ex.value), format_number(r.value));
        check("total", opt_num(ex.total), opt_num(r.total));
        check("upper", opt_num(ex.upper), opt_num(r.upper));
        check(
            "unit",
            ex.unit.clone().unwrap_or_else(|| default_unit(metric)),
            r.unit.clone(),
        );
        check(
            "subtype",
            opt_str(ex.subtype.as_deref()),
            opt_str(r.subtype.as_deref()),
        );
        check(
            "qualifier",
            opt_str(ex.qualifier.as_deref()),
            opt_str(r.qualifier.as_deref()),
        );
        check(
            "status",
            ex.status.clone().unwrap_or_else(|| "actual".into()),
            r.status.name().to_string(),
        );
        let scope = r.scope.map(|s| match s {
            crate::record::Scope::New => "new",
            crate::record::Scope::Total => "total",
        });
        check("scope", opt_str(ex.scope.as_deref()), opt_str(scope));
        check(
            "operator",
            opt_str(ex.operator.as_deref()),
            opt_str(r.operator.as_deref()),
        );
        let whole = crate::matcher::collapse(&ex.text);
        if r.evidence.is_empty() || !whole.contains(&r.evidence) || r.span[0] >= r.span[1] {
            problems.push(format!(
                "evidence {:?} or span {:?} does not point into the example",
                r.evidence, r.span
            ));
        }
        if !problems.is_empty() {
            fail(&mut out, &ex.text, problems.join("; "));
        }
    }
    for cx in &metric.counter_examples {
        out.run += 1;
        match extractor.extract_text("counter-example", &cx.text) {
            Ok(r) => {
                let found: Vec<String> = r
                    .records
                    .iter()
                    .filter(|r| r.metric == metric.id)
                    .map(|r| format_number(r.value))
                    .collect();
                if !found.is_empty() {
                    fail(
                        &mut out,
                        &cx.text,
                        format!(
                            "counter-example gave {} record(s): {}",
                            found.len(),
                            found.join(", ")
                        ),
                    );
                }
            }
            Err(e) => fail(&mut out, &cx.text, format!("extraction failed: {e}")),
        }
    }
    out
}

fn default_unit(metric: &Metric) -> String {
    match metric.unit.as_str() {
        "per_100" => "per_100_inhabitants".into(),
        u => u.to_string(),
    }
}

/// Runs the examples of every metric whose origin is in `origins` (all when empty).
pub fn run_all(catalogue: &Catalogue, origins: &[String]) -> ExampleRun {
    let extractor = Extractor::new(catalogue);
    let mut out = ExampleRun::default();
    for m in catalogue.metrics() {
        if !origins.is_empty() && !origins.contains(&m.origin) {
            continue;
        }
        let r = run_metric(&extractor, m);
        out.run += r.run;
        out.failures.extend(r.failures);
    }
    out
}

/// Runs the examples of the metrics a user's catalogue file defines, and
/// checks that each has at least two examples and one counter-example
/// (`baocao catalogue check FILE`).
pub fn check_file(catalogue: &Catalogue, origin: &str) -> ExampleRun {
    let mut out = run_all(catalogue, &[origin.to_string()]);
    for m in catalogue.metrics().iter().filter(|m| m.origin == origin) {
        if m.examples.len() < 2 {
            out.failures.push(ExampleFailure {
                metric: m.id.clone(),
                text: String::new(),
                problem: format!(
                    "has {} example(s); every metric needs at least 2",
                    m.examples.len()
                ),
            });
        }
        if m.counter_examples.is_empty() {
            out.failures.push(ExampleFailure {
                metric: m.id.clone(),
                text: String::new(),
                problem: "has no counter-example; every metric needs one".into(),
            });
        }
    }
    out
}
