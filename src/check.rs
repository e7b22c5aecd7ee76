//! Compares extracted reports with reviewed expectations (`NAME.expected.json`):
//! a readable diff and precision/recall per metric. Used by the golden tests
//! and by `baocao check`.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::Extractor;
use crate::error::Error;
use crate::read::{self, Input};
use crate::record::{DocumentReport, Output, Record, SCHEMA, format_number};

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

/// Extensions of inputs a fixture may have, in order of preference.
pub const INPUT_EXTENSIONS: &[&str] = &["txt", "html", "htm", "docx", "pdf"];

/// The suffix of a reviewed expectation beside its input.
pub const EXPECTED_SUFFIX: &str = ".expected.json";

/// One input and its expectation file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fixture {
    /// The input (`fixtures/NAME.txt`).
    pub input: PathBuf,
    /// Its expectation (`fixtures/NAME.expected.json`).
    pub expected: PathBuf,
}

/// The expectation file of `input`: `NAME.expected.json` beside `NAME.EXT`.
pub fn expected_path(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    input.with_file_name(format!("{stem}{EXPECTED_SUFFIX}"))
}

/// The fixtures under `paths`: a directory gives every input in it (and in
/// its sub-directories, hidden ones skipped) that has an expectation beside
/// it; a file is taken as an input whatever it has (its expectation may be
/// missing, which [`check_fixture`] reports). Sorted, without duplicates.
pub fn find_fixtures(paths: &[PathBuf]) -> Result<Vec<Fixture>, Error> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let walker = walkdir::WalkDir::new(path)
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            for entry in walker {
                let entry = entry.map_err(|e| Error::io(path.display().to_string(), e.into()))?;
                let p = entry.path();
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default();
                let Some(stem) = name.strip_suffix(EXPECTED_SUFFIX) else {
                    continue;
                };
                let input = INPUT_EXTENSIONS
                    .iter()
                    .map(|ext| p.with_file_name(format!("{stem}.{ext}")))
                    .find(|i| i.is_file())
                    .ok_or_else(|| Error::Path {
                        path: p.display().to_string(),
                        message: "an expectation file with no input beside it".into(),
                    })?;
                out.push(Fixture {
                    input,
                    expected: p.to_path_buf(),
                });
            }
        } else if path.exists() {
            out.push(Fixture {
                input: path.clone(),
                expected: expected_path(path),
            });
        } else {
            return Err(Error::Path {
                path: path.display().to_string(),
                message: "no such file or directory".into(),
            });
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// What became of one fixture.
#[derive(Debug)]
pub enum Outcome {
    /// Compared with its expectation.
    Compared(Comparison),
    /// The expectation was (re)written.
    Blessed,
    /// The input or its expectation could not be used.
    Failed(String),
}

/// The result of a whole check.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Each fixture and its outcome, in order.
    pub fixtures: Vec<(Fixture, Outcome)>,
    /// Per-metric counts over all compared fixtures.
    pub totals: BTreeMap<String, Counts>,
}

impl CheckReport {
    /// Whether every fixture matched (or was blessed).
    pub fn passed(&self) -> bool {
        self.fixtures.iter().all(|(_, o)| match o {
            Outcome::Compared(c) => c.is_equal(),
            Outcome::Blessed => true,
            Outcome::Failed(_) => false,
        })
    }

    /// All counts added together.
    pub fn overall(&self) -> Counts {
        let mut all = Counts::default();
        for c in self.totals.values() {
            all.add(*c);
        }
        all
    }

    /// Writes the differences and a precision/recall table per metric.
    pub fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut differing = 0;
        let mut blessed = 0;
        for (f, outcome) in &self.fixtures {
            match outcome {
                Outcome::Compared(c) if !c.is_equal() => {
                    differing += 1;
                    writeln!(out, "{}:", f.input.display())?;
                    for d in &c.differences {
                        writeln!(out, "  {d}")?;
                    }
                }
                Outcome::Compared(_) => {}
                Outcome::Blessed => {
                    blessed += 1;
                    writeln!(out, "{}: wrote {}", f.input.display(), f.expected.display())?;
                }
                Outcome::Failed(e) => {
                    differing += 1;
                    writeln!(out, "{}: {e}", f.input.display())?;
                }
            }
        }
        if !self.totals.is_empty() {
            writeln!(out)?;
            writeln!(
                out,
                "{:<36} {:>8} {:>8} {:>8} {:>9} {:>7}",
                "metric", "matched", "missing", "extra", "precision", "recall"
            )?;
            let overall = self.overall();
            for (metric, c) in self.totals.iter().chain([(&"(all)".to_string(), &overall)]) {
                writeln!(
                    out,
                    "{metric:<36} {:>8} {:>8} {:>8} {:>9.3} {:>7.3}",
                    c.matched,
                    c.missing,
                    c.unexpected,
                    c.precision(),
                    c.recall()
                )?;
            }
        }
        writeln!(out)?;
        let total = self.fixtures.len();
        if blessed > 0 {
            writeln!(out, "{blessed} of {total} expectation files written")?;
        }
        if differing == 0 {
            writeln!(out, "ok: {total} fixtures match their expectations")
        } else {
            writeln!(out, "FAILED: {differing} of {total} fixtures differ")
        }
    }
}

/// Extracts one fixture and compares it with (or, with `bless`, writes) its expectation.
pub fn check_fixture(extractor: &Extractor, fixture: &Fixture, bless: bool) -> Outcome {
    let report = match read::read(&Input::Path(fixture.input.clone()), read::DEFAULT_MAX_BYTES)
        .and_then(|file| extractor.extract_source(file))
    {
        Ok(r) => r,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    if bless {
        let output = Output {
            schema: SCHEMA.into(),
            documents: vec![report],
        };
        return match serde_json::to_string_pretty(&output) {
            Ok(text) => match write_atomically(&fixture.expected, format!("{text}\n").as_bytes()) {
                Ok(()) => Outcome::Blessed,
                Err(e) => Outcome::Failed(format!("{}: {e}", fixture.expected.display())),
            },
            Err(e) => Outcome::Failed(e.to_string()),
        };
    }
    let text = match std::fs::read_to_string(&fixture.expected) {
        Ok(t) => t,
        Err(e) => {
            return Outcome::Failed(format!(
                "{}: {e} (run with --bless to write it, then review it)",
                fixture.expected.display()
            ));
        }
    };
    let expected: Output = match serde_json::from_str(&text) {
        Ok(o) => o,
        Err(e) => {
            return Outcome::Failed(format!(
                "{}: not baocao JSON: {e}",
                fixture.expected.display()
            ));
        }
    };
    if expected.schema != SCHEMA {
        return Outcome::Failed(format!(
            "{}: schema {} (expected {SCHEMA})",
            fixture.expected.display(),
            expected.schema
        ));
    }
    match expected.documents.as_slice() {
        [doc] => Outcome::Compared(compare(doc, &report)),
        docs => Outcome::Failed(format!(
            "{}: {} documents (expected exactly one)",
            fixture.expected.display(),
            docs.len()
        )),
    }
}

/// Checks every fixture.
pub fn check(extractor: &Extractor, fixtures: &[Fixture], bless: bool) -> CheckReport {
    let mut report = CheckReport::default();
    for f in fixtures {
        let outcome = check_fixture(extractor, f, bless);
        if let Outcome::Compared(c) = &outcome {
            for (metric, counts) in &c.counts {
                report
                    .totals
                    .entry(metric.clone())
                    .or_default()
                    .add(*counts);
            }
        }
        report.fixtures.push((f.clone(), outcome));
    }
    report
}

/// Writes `bytes` to a temporary file beside `path`, then renames it into place.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
