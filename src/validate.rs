//! Stage 6: cross-checks records and turns an [`Extraction`] into the
//! [`DocumentReport`] that is written out. Problems become warnings; values
//! are never changed silently.
//!
//! Checks: a stated percentage that disagrees with x/y (or with a part's
//! share of its total) by more than half a point; breakdown parts that add
//! up to more than their total (except where parts overlap, like BTS
//! technologies); the same metric, subtype and period with two different
//! values; an actual figure dated after the document itself.

use std::collections::BTreeMap;

use crate::document::{Document, Warning};
use crate::matcher::{Candidate, Extraction};
use crate::record::{DocumentReport, Record, Status, format_number};

/// Tolerance, in percentage points, for a stated rate against its figures.
const RATE_TOLERANCE: f64 = 0.5;

/// Validates an extraction and builds the document's report.
pub fn validate(
    doc: &Document,
    title: Option<String>,
    extraction: Extraction,
    mut warnings: Vec<Warning>,
) -> DocumentReport {
    let Extraction {
        candidates,
        references,
        report,
        period,
        warnings: match_warnings,
    } = extraction;
    warnings.extend(doc.warnings.iter().cloned());
    warnings.extend(match_warnings);
    check_rates(&candidates, &mut warnings);
    check_parts(&candidates, &mut warnings);
    check_conflicts(&candidates, period.as_deref(), &mut warnings);
    if let Some(date) = report.as_ref().and_then(|r| r.date.as_deref()) {
        check_dates(&candidates, date, &mut warnings);
    }
    warnings.sort_by(|a, b| {
        a.line
            .cmp(&b.line)
            .then(a.code.cmp(&b.code))
            .then(a.message.cmp(&b.message))
    });
    warnings.dedup();
    DocumentReport {
        source: doc.source.clone(),
        encoding: doc.encoding.clone(),
        title,
        report,
        period,
        records: candidates
            .into_iter()
            .map(|c| Record {
                part_of: c.parent,
                ..c.record
            })
            .collect(),
        references,
        warnings,
    }
}

fn check_rates(candidates: &[Candidate], warnings: &mut Vec<Warning>) {
    for c in candidates {
        let Some(stated) = c.stated_rate else {
            continue;
        };
        let r = &c.record;
        let base = match (r.total, c.parent.and_then(|p| candidates.get(p))) {
            (Some(total), _) if total > 0.0 => Some(total),
            (None, Some(parent)) if parent.record.value > 0.0 => Some(parent.record.value),
            _ => None,
        };
        let Some(base) = base else { continue };
        let computed = r.value / base * 100.0;
        if (computed - stated).abs() > RATE_TOLERANCE {
            warnings.push(Warning::new(
                "rate_mismatch",
                format!(
                    "{}: {} of {} is {:.1}%, but the text states {}%",
                    r.metric,
                    format_number(r.value),
                    format_number(base),
                    computed,
                    format_number(stated)
                ),
                Some(r.line),
            ));
        }
    }
}

fn check_parts(candidates: &[Candidate], warnings: &mut Vec<Warning>) {
    let mut sums: BTreeMap<usize, f64> = BTreeMap::new();
    for c in candidates {
        if let Some(p) = c.parent
            && !c.parts_overlap
        {
            *sums.entry(p).or_default() += c.record.value;
        }
    }
    for (p, sum) in sums {
        let Some(parent) = candidates.get(p) else {
            continue;
        };
        if sum > parent.record.value * 1.000_001 {
            warnings.push(Warning::new(
                "parts_exceed_total",
                format!(
                    "{}: parts add up to {}, more than the stated total {}",
                    parent.record.metric,
                    format_number(sum),
                    format_number(parent.record.value)
                ),
                Some(parent.record.line),
            ));
        }
    }
}

fn check_conflicts(
    candidates: &[Candidate],
    doc_period: Option<&str>,
    warnings: &mut Vec<Warning>,
) {
    type Key<'a> = (
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        Status,
        String,
        Option<&'a str>,
        String,
    );
    let mut seen: BTreeMap<Key, &Record> = BTreeMap::new();
    for c in candidates {
        let r = &c.record;
        // Only single-valued figures can conflict: stocks (`tổng số`, `hiện
        // có`) and rates; several flows of one metric are normal (documents
        // issued by the Sở and advised to the province).
        let single_valued = r.scope == Some(crate::record::Scope::Total)
            || matches!(
                r.unit.as_str(),
                "percent" | "rank" | "score" | "per_100_inhabitants" | "per_100_households"
            );
        if c.parent.is_some()
            || r.metric == "quantity"
            || r.metric == "percentage"
            || r.status == Status::Target
            || !single_valued
        {
            continue;
        }
        let key: Key = (
            r.metric.as_str(),
            r.subtype.as_deref(),
            r.period.as_deref().or(doc_period),
            r.status,
            format!("{:?}", r.scope),
            r.operator.as_deref(),
            // A rank out of 20 and a rank out of 63 are different rankings.
            format!(
                "{}/{}",
                r.unit,
                r.total.map(format_number).unwrap_or_default()
            ),
        );
        match seen.get(&key) {
            Some(first) if first.value != r.value || first.total != r.total => {
                warnings.push(Warning::new(
                    "conflicting_values",
                    format!(
                        "{}{}: {} here but {} on line {}",
                        r.metric,
                        r.subtype
                            .as_deref()
                            .map(|s| format!(" ({s})"))
                            .unwrap_or_default(),
                        format_number(r.value),
                        format_number(first.value),
                        first.line
                    ),
                    Some(r.line),
                ));
            }
            Some(_) => {}
            None => {
                seen.insert(key, r);
            }
        }
    }
}

/// The first day of a canonical period (`2023`, `2023-02`, `2023-Q1`,
/// `2022-H1`, `2023-01/2023-09`, `2021/2025`, `2017-W37`, `2023-06-30`).
fn period_start(period: &str) -> Option<(i32, u32, u32)> {
    let first = period.split('/').next()?;
    let year: i32 = first.get(..4)?.parse().ok()?;
    let rest = first.get(4..).unwrap_or("");
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    if rest.is_empty() {
        return Some((year, 1, 1));
    }
    if let Some(q) = rest.strip_prefix('Q') {
        let q: u32 = q.parse().ok()?;
        return Some((year, (q.max(1) - 1) * 3 + 1, 1));
    }
    if let Some(h) = rest.strip_prefix('H') {
        return Some((year, if h == "2" { 7 } else { 1 }, 1));
    }
    if rest.starts_with('W') {
        return Some((year, 1, 1));
    }
    let mut parts = rest.split('-');
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next().and_then(|d| d.parse().ok()).unwrap_or(1);
    Some((year, month, day))
}

fn check_dates(candidates: &[Candidate], report_date: &str, warnings: &mut Vec<Warning>) {
    let Some(limit) = period_start(report_date) else {
        return;
    };
    for c in candidates {
        let r = &c.record;
        if r.status != Status::Actual {
            continue;
        }
        let Some(start) = r.period.as_deref().and_then(period_start) else {
            continue;
        };
        if start > limit {
            warnings.push(Warning::new(
                "period_after_report",
                format!(
                    "{} is an actual figure for {}, after the document's own date {}",
                    r.metric,
                    r.period.as_deref().unwrap_or(""),
                    report_date
                ),
                Some(r.line),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_starts() {
        assert_eq!(period_start("2023"), Some((2023, 1, 1)));
        assert_eq!(period_start("2023-02"), Some((2023, 2, 1)));
        assert_eq!(period_start("2023-Q3"), Some((2023, 7, 1)));
        assert_eq!(period_start("2022-H2"), Some((2022, 7, 1)));
        assert_eq!(period_start("2023-01/2023-09"), Some((2023, 1, 1)));
        assert_eq!(period_start("2021/2025"), Some((2021, 1, 1)));
        assert_eq!(period_start("2023-06-30"), Some((2023, 6, 30)));
        assert_eq!(period_start("x"), None);
    }
}
