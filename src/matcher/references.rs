//! Document references: type word, date and issuer attached, duplicates
//! merged; and the document's own identity (its number, date and period).

use std::collections::HashMap;

use crate::catalogue::{Catalogue, Cue, Role};
use crate::document::{Document, Span, Warning};
use crate::recognize::{self, Date, MentionKind, Mentions, RawReference, SentenceAnalysis};
use crate::record::{Reference, ReportId};
use crate::segment::{LineKind, Outline};
use crate::token::{TokenKind, Tokens, fold};

use super::collapse;

/// Mixed-case code parts and their official spelling.
const CANONICAL_PARTS: &[&str] = &["TTr", "CTr", "QyĐ", "TrS", "TTg"];

/// Rewrites `QĐ-TTG` as `QĐ-TTg`; other parts stay as written.
fn canonical_code(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut part = String::new();
    let flush = |part: &mut String, out: &mut String| {
        let fixed = CANONICAL_PARTS
            .iter()
            .find(|c| c.to_uppercase() == part.to_uppercase())
            .map(|c| c.to_string())
            .unwrap_or_else(|| part.clone());
        out.push_str(&fixed);
        part.clear();
    };
    for c in code.chars() {
        if c == '-' || c == '/' {
            flush(&mut part, &mut out);
            out.push(c);
        } else {
            part.push(c);
        }
    }
    flush(&mut part, &mut out);
    out
}

/// The document type a reference's code implies.
fn type_from_code(catalogue: &Catalogue, r: &RawReference) -> Option<String> {
    let head = r.code_head.as_str();
    if let Some(d) = catalogue.document_type_by_code(head) {
        return Some(d.name.clone());
    }
    let upper = head.to_uppercase();
    if r.year.is_some() && upper.starts_with("QH") {
        return Some("Luật".into());
    }
    if r.year.is_some() && upper.starts_with("UBTVQH") {
        return Some("Pháp lệnh".into());
    }
    if !r.party && r.year.is_none() && r.code.contains('-') {
        return Some("Công văn".into());
    }
    None
}

/// The type word written before a reference (`Quyết định số 02/…`).
fn type_word(
    catalogue: &Catalogue,
    sa: &SentenceAnalysis,
    r: &RawReference,
) -> Option<(String, usize)> {
    let t = &sa.tokens;
    let so = fold("số");
    let mut k = r.start;
    // `số31-…`: the number is glued to `số`.
    while k > 0 && (t.key(k - 1) == so || t.is_punct(k - 1, ':')) {
        k -= 1;
    }
    let class = catalogue.reference_type_class;
    sa.hits
        .iter()
        .filter(|h| h.end == k)
        .filter_map(|h| match catalogue.dict.role(h.entry) {
            Some(Role::ClassTerm(c, term)) if Some(*c) == class => catalogue
                .canonical(*c, *term)
                .map(|s| (s.to_string(), h.start)),
            _ => None,
        })
        .max_by_key(|(_, start)| std::cmp::Reverse(*start))
}

fn is_cue(catalogue: &Catalogue, sa: &SentenceAnalysis, cue: Cue, start: usize) -> Option<usize> {
    sa.hits
        .iter()
        .filter(|h| h.start == start && catalogue.dict.role(h.entry) == Some(&Role::Cue(cue)))
        .map(|h| h.end)
        .max()
}

/// `của UBND tỉnh` after token `k`.
fn issuer_after(
    doc: &Document,
    catalogue: &Catalogue,
    sa: &SentenceAnalysis,
    k: usize,
) -> Option<String> {
    let t = &sa.tokens;
    let mut j = k;
    if t.is_punct(j, ')') || t.is_punct(j, ',') {
        j += 1;
    }
    if !crate::token::key_is(t.key(j), "của") {
        return None;
    }
    let start = j + 1;
    let mut end = start;
    while end < t.len() && end < start + 12 {
        if t.kind_is(end, TokenKind::Punct) && !t.is_punct(end, '&') && !t.is_punct(end, '-') {
            break;
        }
        if t.kind_is(end, TokenKind::Number) {
            break;
        }
        if end > start && is_cue(catalogue, sa, Cue::IssuerStop, end).is_some() {
            break;
        }
        // `Bộ Thông tin và Truyền thông` keeps its `và`; `UBND tỉnh và Công văn số …` does not.
        if end > start && t.word_is(end, "và") {
            let next_upper = t
                .get(end + 1)
                .and_then(|x| doc.text.get(x.start..x.end))
                .is_some_and(|w| w.starts_with(char::is_uppercase));
            let next_is_type = sa.hits.iter().any(|h| {
                h.start == end + 1
                    && matches!(catalogue.dict.role(h.entry), Some(Role::ClassTerm(c, _)) if Some(*c) == catalogue.reference_type_class)
            });
            if !next_upper || next_is_type {
                break;
            }
        }
        end += 1;
    }
    if end <= start {
        return None;
    }
    let span = Span::new(t.list[start].start, t.list[end - 1].end);
    let text = collapse(doc.slice(span));
    (!text.is_empty()).then_some(text)
}

/// A date opening the sentence (`Ngày 22/10/2021, Sở … ban hành báo cáo số …`)
/// when an issuing verb comes between it and the reference.
fn opening_date(catalogue: &Catalogue, sa: &SentenceAnalysis, r: &RawReference) -> Option<Date> {
    let first = sa.mentions.first()?;
    let MentionKind::Date(d) = first.kind else {
        return None;
    };
    if first.start > 3 {
        return None;
    }
    let verb = (first.end..r.start)
        .any(|k| is_cue(catalogue, sa, Cue::IssuingVerb, k).is_some_and(|end| end + 4 >= r.start));
    verb.then_some(d)
}

fn key_of(r: &Reference) -> (String, Option<i32>, String) {
    let number = r.number.trim_start_matches('0').to_string();
    (number, r.year, r.code.to_uppercase())
}

/// Every reference in the body, once each, in order of first mention,
/// gathered sentence by sentence.
#[derive(Debug, Default)]
pub(super) struct Collector {
    out: Vec<Reference>,
    index: HashMap<(String, Option<i32>, String), usize>,
}

impl Collector {
    /// Adds the references cited in one analysed sentence.
    pub fn add_sentence(
        &mut self,
        doc: &Document,
        sentence: Span,
        sa: &SentenceAnalysis,
        catalogue: &Catalogue,
        default_year: Option<i32>,
        warnings: &mut Vec<Warning>,
    ) {
        for m in &sa.mentions {
            let MentionKind::Reference(r) = &m.kind else {
                continue;
            };
            let reference = build(doc, catalogue, sa, r, default_year, sentence, warnings);
            let key = key_of(&reference);
            match self.index.get(&key) {
                Some(&i) => {
                    if let Some(existing) = self.out.get_mut(i) {
                        merge(existing, reference);
                    }
                }
                None => {
                    self.index.insert(key, self.out.len());
                    self.out.push(reference);
                }
            }
        }
    }

    /// The references, in order of first mention.
    pub fn finish(self) -> Vec<Reference> {
        self.out
    }
}

fn merge(into: &mut Reference, other: Reference) {
    if into.date.is_none() {
        into.date = other.date;
    }
    if into.issuer.is_none() {
        into.issuer = other.issuer;
    }
    if into.doc_type.is_none() {
        into.doc_type = other.doc_type;
    }
}

fn build(
    doc: &Document,
    catalogue: &Catalogue,
    sa: &SentenceAnalysis,
    r: &RawReference,
    default_year: Option<i32>,
    sentence: Span,
    warnings: &mut Vec<Warning>,
) -> Reference {
    let t = &sa.tokens;
    let line = doc.line_of(t.get(r.start).map(|x| x.start).unwrap_or(sentence.start));
    let written = type_word(catalogue, sa, r).map(|(w, _)| w);
    let implied = type_from_code(catalogue, r);
    // Party codes reuse abbreviations (`QĐ/TW` is a Quy định as often as a
    // Quyết định), so only State documents are checked.
    if let (Some(w), Some(i)) = (&written, &implied)
        && !r.party
        && w != i
        && catalogue.document_type_by_code(&r.code_head).is_some()
        && !(w == "Luật" || w == "Bộ luật")
    {
        warnings.push(Warning::new(
            "reference_type_mismatch",
            format!("`{w}` is cited with code `{}`, which is a {i}", r.code),
            Some(line),
        ));
    }
    let ngay = fold("ngày");
    let dated = recognize::reference::date_after(t, r.end, &ngay);
    let date = dated
        .map(|(d, _)| d)
        .or_else(|| opening_date(catalogue, sa, r));
    let issuer = issuer_after(doc, catalogue, sa, dated.map(|(_, e)| e).unwrap_or(r.end));
    Reference {
        doc_type: written.or(implied),
        number: r.number.clone(),
        year: r.year,
        code: canonical_code(&r.code),
        issuer,
        date: date.and_then(|d| d.iso(default_year)),
        line,
        evidence: collapse(doc.slice(sentence)),
    }
}

/// The document's own number, date, period and year.
#[derive(Debug, Clone, Default)]
pub(super) struct Identity {
    pub report: Option<ReportId>,
    pub period: Option<String>,
    pub year: Option<i32>,
}

/// Works out the document's own identity from its header, lead and title.
pub(super) fn document_identity(
    doc: &Document,
    outline: &Outline,
    mentions: &Mentions,
    catalogue: &Catalogue,
) -> Identity {
    let mut report: Option<ReportId> = None;
    let mut place_date: Option<Date> = None;
    let mut type_line: Option<String> = None;
    // The header of a formal document: `Số: 3049/BC-STTTT`, the place-date line, the type line.
    for (i, kind) in outline.lines.iter().enumerate() {
        if *kind == LineKind::Title && type_line.is_none() {
            // `BẢN TIN AN TOÀN THÔNG TIN MẠNG TUẦN 34`: a type opening the title.
            let text = fold_words(doc.slice(doc.line_span(i + 1)));
            type_line = catalogue
                .document_types()
                .iter()
                .filter(|d| text.starts_with(&format!("{} ", fold_words(&d.name))))
                .max_by_key(|d| d.name.len())
                .map(|d| d.name.clone());
        }
        if *kind != LineKind::Header {
            continue;
        }
        let mut span = doc.line_span(i + 1);
        // `Số: 215/BC-` ⏎ `STTTT`: a code broken after its hyphen.
        if doc.slice(span).trim_end().ends_with('-') {
            let next = doc.line_span(i + 2);
            if !next.is_empty() {
                span = Span::new(span.start, next.end);
            }
        }
        let tokens = Tokens::new(&doc.text, span);
        let analysis = line_analysis(doc, catalogue, &tokens);
        for m in &analysis.mentions {
            match &m.kind {
                MentionKind::Reference(r)
                    if report.is_none() && opens_with_so(&tokens, r.start) =>
                {
                    report = Some(ReportId {
                        doc_type: type_from_code(catalogue, r),
                        number: r.number.clone(),
                        code: canonical_code(&r.code),
                        date: None,
                    });
                }
                MentionKind::Date(d) if place_date.is_none() && d.year.is_some() => {
                    place_date = Some(*d)
                }
                _ => {}
            }
        }
        let text = collapse(doc.slice(span));
        if type_line.is_none()
            && let Some(d) = catalogue
                .document_types()
                .iter()
                .find(|d| fold_words(&d.name) == fold_words(&text))
        {
            type_line = Some(d.name.clone());
        }
    }
    // A lead sentence: `… đã ban hành báo cáo số 3049/BC-STTTT …`, `Theo Báo
    // cáo số …`, `(Kèm theo Báo cáo số …)`: the first report cited near the
    // top is the one the page is about. A plan counts when the title says
    // the document is a plan.
    let mut report_sentence: Option<usize> = None;
    if report.is_none() {
        'outer: for (si, sa) in mentions.sentences.iter().enumerate().take(3) {
            for m in &sa.mentions {
                let MentionKind::Reference(r) = &m.kind else {
                    continue;
                };
                let written = type_word(catalogue, sa, r).map(|(w, _)| w);
                let doc_type = written.or_else(|| type_from_code(catalogue, r));
                // `(Kèm theo Kế hoạch số 312/KH-UBND …)` heading an appendix:
                // the appendix belongs to that document; a cover letter
                // (`Kèm theo Công văn …`) only carries it.
                let attached = doc_type.as_deref() != Some("Công văn")
                    && r.start <= 8
                    && (0..r.start).any(|k| sa.tokens.word_is(k, "kèm"))
                    && (0..r.start).any(|k| sa.tokens.word_is(k, "theo"));
                let is_report = doc_type.as_deref() == Some("Báo cáo")
                    || (doc_type.as_deref() == Some("Kế hoạch") && outline.plan_document)
                    || attached;
                if !is_report {
                    continue;
                }
                let ngay = fold("ngày");
                let date = recognize::reference::date_after(&sa.tokens, r.end, &ngay)
                    .map(|(d, _)| d)
                    .or_else(|| opening_date(catalogue, sa, r));
                report = Some(ReportId {
                    doc_type,
                    number: r.number.clone(),
                    code: canonical_code(&r.code),
                    date: date.and_then(|d| d.iso(None)),
                });
                report_sentence = Some(si);
                break 'outer;
            }
        }
    }
    if let Some(r) = report.as_mut() {
        if r.date.is_none() {
            r.date = place_date.and_then(|d| d.iso(None));
        }
        if r.doc_type.as_deref().is_none_or(|t| t == "Công văn")
            && let Some(t) = &type_line
        {
            r.doc_type = Some(t.clone());
        }
    }
    // The period: from the title, else the report sentence, else an opening adjunct.
    let mut period: Option<recognize::Period> = None;
    if let Some(title) = &outline.title {
        let tokens = Tokens::new(title, Span::new(0, title.len()));
        let analysis = line_analysis_text(title, catalogue, &tokens);
        period = analysis.mentions.iter().find_map(|m| match m.kind {
            MentionKind::Period(p) => Some(p),
            _ => None,
        });
    }
    let sentence_period = |sa: &SentenceAnalysis, opening_only: bool| {
        sa.mentions.iter().find_map(|m| match m.kind {
            MentionKind::Period(p) if !opening_only || m.start <= 3 => Some(p),
            _ => None,
        })
    };
    if period.is_none()
        && let Some(sa) = report_sentence.and_then(|i| mentions.sentences.get(i))
    {
        period = sentence_period(sa, false);
    }
    if period.is_none()
        && let Some(sa) = mentions.sentences.first()
    {
        period = sentence_period(sa, true);
    }
    let report_year = report
        .as_ref()
        .and_then(|r| r.date.as_deref())
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse::<i32>().ok());
    let year = period.and_then(|p| p.year()).or(report_year);
    Identity {
        period: period.and_then(|p| p.canonical(year)),
        report,
        year,
    }
}

fn opens_with_so(tokens: &Tokens, start: usize) -> bool {
    let so = fold("số");
    (0..start).all(|k| tokens.key(k) == so || tokens.is_punct(k, ':'))
}

fn fold_words(s: &str) -> String {
    crate::token::fold_phrase(s).join(" ")
}

fn line_analysis(doc: &Document, catalogue: &Catalogue, tokens: &Tokens) -> SentenceAnalysis {
    line_analysis_text(&doc.text, catalogue, tokens)
}

fn line_analysis_text(text: &str, catalogue: &Catalogue, tokens: &Tokens) -> SentenceAnalysis {
    recognize::analyse_tokens(text, tokens.clone(), catalogue)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_codes() {
        assert_eq!(canonical_code("QĐ-TTG"), "QĐ-TTg");
        assert_eq!(canonical_code("TTR-STTTT"), "TTr-STTTT");
        assert_eq!(canonical_code("NQ/TW"), "NQ/TW");
        assert_eq!(canonical_code("BC-STTTT"), "BC-STTTT");
    }
}
