//! Stage 5: matches the recognised mentions against the metric catalogue and
//! produces records and references ([`Extraction`]).
//!
//! For each figure the matcher reads two places:
//! - the counted noun phrase right after it (`07 trạm BTS 4G`), and
//! - the label before it in its clause (`tỷ lệ hồ sơ nộp trực tuyến đạt 78,5%`,
//!   `12 tuyến cáp quang với chiều dài 68 km`).
//!
//! Shared nouns are settled by the nearest governing verb (`ban hành 27
//! Quyết định` vs `trình 01 Đề án`). Context cues then give the status
//! (section heading first, then the clause), scope, operator, period,
//! changes, plan rates and breakdown parts. A figure no metric claims still
//! becomes a generic `quantity` or `percentage` record.

mod context;
mod references;
mod table;

use crate::catalogue::{Catalogue, Cue, Hit, Role, UnitKind, ValueKind};
use crate::document::{Document, Span, Warning};
use crate::recognize::{
    Blocked, DensityBase, Mention, MentionKind, Mentions, Qualifier, Quantity, QuantityUnit,
    SentenceAnalysis,
};
use crate::record::{Change, Record, Reference, ReportId, Scope, Status};
use crate::segment::Outline;
use crate::token::TokenKind;

pub use context::SectionStatus;

/// A record with the bookkeeping validation needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The record as it will be written.
    pub record: Record,
    /// The total this record is a part of (index into the candidates).
    pub parent: Option<usize>,
    /// A percentage stated right after the figure (`09/09 … (đạt 100%)`).
    pub stated_rate: Option<f64>,
    /// Whether the metric's parts may overlap (BTS technologies).
    pub parts_overlap: bool,
}

/// Stage 5 output.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// Records in document order.
    pub candidates: Vec<Candidate>,
    /// Cited documents, de-duplicated.
    pub references: Vec<Reference>,
    /// The document's own number and date.
    pub report: Option<ReportId>,
    /// The reporting period.
    pub period: Option<String>,
    /// Matcher warnings.
    pub warnings: Vec<Warning>,
}

/// Options that change what the matcher keeps.
#[derive(Debug, Clone, Copy, Default)]
pub struct MatchOptions {
    /// Leave out generic `quantity` / `percentage` records.
    pub known_only: bool,
}

/// Matches a document's mentions against the catalogue.
pub fn extract(
    doc: &Document,
    outline: &Outline,
    mentions: &Mentions,
    catalogue: &Catalogue,
    options: MatchOptions,
) -> Extraction {
    let mut matcher = Matcher::new(doc, outline, mentions, catalogue, options);
    matcher.feed(mentions);
    matcher.finish()
}

/// Stage 5 fed in batches: the analysed sentences of a document arrive in
/// order, a batch at a time, so a long document never holds every
/// sentence's tokens at once. What carries from one sentence to the next
/// (the section, the paragraph's topic, elided nouns, cited documents)
/// lives here.
#[derive(Debug)]
pub struct Matcher<'a> {
    doc: &'a Document,
    outline: &'a Outline,
    catalogue: &'a Catalogue,
    options: MatchOptions,
    default_year: Option<i32>,
    statuses: Vec<SectionStatus>,
    antecedents: Vec<Antecedent>,
    topics: Vec<Topic>,
    section: Option<Option<usize>>,
    paragraph: Option<usize>,
    references: references::Collector,
    table: table::TableMemo,
    out: Extraction,
}

impl<'a> Matcher<'a> {
    /// A matcher for `doc`; `first` is the first batch of sentences (the
    /// document's number, date and period are read from its opening).
    pub fn new(
        doc: &'a Document,
        outline: &'a Outline,
        first: &Mentions,
        catalogue: &'a Catalogue,
        options: MatchOptions,
    ) -> Self {
        let identity = references::document_identity(doc, outline, first, catalogue);
        let default_year = identity.year;
        Matcher {
            doc,
            outline,
            catalogue,
            options,
            default_year,
            statuses: context::section_statuses(outline, catalogue, default_year),
            antecedents: Vec::new(),
            topics: Vec::new(),
            section: None,
            paragraph: None,
            references: references::Collector::default(),
            table: table::TableMemo::default(),
            out: Extraction {
                report: identity.report,
                period: identity.period,
                ..Extraction::default()
            },
        }
    }

    /// Matches the next batch of analysed sentences, in document order.
    pub fn feed(&mut self, mentions: &Mentions) {
        let (doc, outline, catalogue, options) =
            (self.doc, self.outline, self.catalogue, self.options);
        for sa in &mentions.sentences {
            let Some(sentence) = outline.sentences.get(sa.sentence) else {
                continue;
            };
            let block = sentence.block;
            let this_section = outline.blocks.get(block).map(|b| b.section);
            // Elided nouns refer back within a section (`… 5G đã được thử
            // nghiệm với 12 trạm` after a paragraph about `trạm BTS`).
            if self.section != this_section {
                self.section = this_section;
                self.antecedents.clear();
            }
            if self.paragraph != Some(block) {
                self.paragraph = Some(block);
                self.topics.clear();
            }
            let row = outline.blocks.get(block).is_some_and(|b| b.table)
                && table::extract_row(
                    &table::RowContext {
                        doc,
                        outline,
                        catalogue,
                        options,
                        statuses: &self.statuses,
                        year: self.default_year,
                    },
                    sa,
                    &mut self.table,
                    &mut self.out,
                );
            if !row {
                let mut m = SentenceMatcher::new(
                    doc,
                    outline,
                    catalogue,
                    sa,
                    self.default_year,
                    &self.statuses,
                    options,
                );
                m.antecedents = std::mem::take(&mut self.antecedents);
                m.topics = std::mem::take(&mut self.topics);
                m.run(&mut self.out);
                self.antecedents = m.antecedents;
                self.topics = m.topics;
            }
            self.references.add_sentence(
                doc,
                sentence.span,
                sa,
                catalogue,
                self.default_year,
                &mut self.out.warnings,
            );
        }
    }

    /// The records and references of every sentence fed.
    pub fn finish(self) -> Extraction {
        Extraction {
            references: self.references.finish(),
            ..self.out
        }
    }
}

/// Context a metric requires, met earlier in the paragraph: `Chỉ số DTI năm
/// 2024 … . Theo đó, tỉnh đạt 0,5218 điểm, xếp thứ 14/34` — the index named
/// in one sentence is the subject of the next.
#[derive(Debug, Clone, Copy)]
struct Topic {
    /// The metric whose `requires` phrase was met.
    metric: u16,
    /// The class term the phrase named (`DTI`), if any.
    capture: Option<(u16, u32)>,
}

/// A noun that identified a record earlier in the paragraph, for ellipsis:
/// `… 2.385 trạm BTS, trong đó 4G có 2.297 trạm, 5G có 146 trạm`.
#[derive(Debug, Clone)]
struct Antecedent {
    /// Folded keys of the term's words (`thuê bao di động`).
    keys: Vec<String>,
    /// The metric it identified.
    metric: u16,
}

/// Which side of the figure identified the metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    /// The noun phrase after the figure.
    After,
    /// The label before it.
    Before,
}

/// A metric candidate for one figure.
#[derive(Debug, Clone, Copy)]
struct Claim {
    metric: u16,
    hit: Hit,
    side: Side,
    weight: usize,
    governed: bool,
}

/// The kind of value a mention carries.
fn value_kind(catalogue: &Catalogue, kind: &MentionKind) -> Option<ValueKind> {
    match kind {
        MentionKind::Quantity(q) => {
            if q.density.is_some() {
                return Some(ValueKind::Density);
            }
            match q.unit {
                QuantityUnit::None => Some(ValueKind::Count),
                QuantityUnit::Duration => None,
                QuantityUnit::Unit(u) => match catalogue.unit(u).map(|u| u.kind) {
                    Some(UnitKind::Percent) => Some(ValueKind::Percent),
                    Some(UnitKind::Length) => Some(ValueKind::Length),
                    Some(UnitKind::Money) => Some(ValueKind::Money),
                    _ => None,
                },
            }
        }
        MentionKind::Ratio { .. } => Some(ValueKind::Ratio),
        MentionKind::Rank { .. } => Some(ValueKind::Rank),
        _ => None,
    }
}

struct SentenceMatcher<'a> {
    doc: &'a Document,
    outline: &'a Outline,
    catalogue: &'a Catalogue,
    sa: &'a SentenceAnalysis,
    default_year: Option<i32>,
    statuses: &'a [SectionStatus],
    options: MatchOptions,
    /// Hit indices sorted by start token, and by end token: lookups by
    /// position cost a binary search, not a scan of every hit.
    by_start: Vec<u32>,
    by_end: Vec<u32>,
    /// The longest hit, in tokens (bounds the hits covering a token).
    longest_hit: usize,
    /// Records made from this sentence: (mention index, candidate index).
    made: Vec<(usize, usize)>,
    /// Byte spans of the records made from this sentence.
    made_spans: Vec<Span>,
    /// Nouns that identified records earlier in the paragraph.
    antecedents: Vec<Antecedent>,
    /// Required context met earlier in the paragraph.
    topics: Vec<Topic>,
    /// Totals stated before their part: (total mention, part mention, total).
    denominators: Vec<(usize, usize, f64)>,
}

impl<'a> SentenceMatcher<'a> {
    fn new(
        doc: &'a Document,
        outline: &'a Outline,
        catalogue: &'a Catalogue,
        sa: &'a SentenceAnalysis,
        default_year: Option<i32>,
        statuses: &'a [SectionStatus],
        options: MatchOptions,
    ) -> Self {
        let hits = &sa.hits;
        let mut by_start: Vec<u32> = (0..hits.len() as u32).collect();
        by_start.sort_by_key(|&i| hits.get(i as usize).map(|h| h.start));
        let mut by_end = by_start.clone();
        by_end.sort_by_key(|&i| hits.get(i as usize).map(|h| h.end));
        let longest_hit = hits
            .iter()
            .map(|h| h.end.saturating_sub(h.start))
            .max()
            .unwrap_or(0);
        SentenceMatcher {
            doc,
            outline,
            catalogue,
            sa,
            default_year,
            statuses,
            options,
            made: Vec::new(),
            made_spans: Vec::new(),
            by_start,
            by_end,
            longest_hit,
            antecedents: Vec::new(),
            topics: Vec::new(),
            denominators: Vec::new(),
        }
    }

    fn role(&self, h: &Hit) -> Option<Role> {
        self.catalogue.dict.role(h.entry).copied()
    }

    fn hits(&self) -> &'a [Hit] {
        &self.sa.hits
    }

    /// Hits starting at token `k`.
    fn starting_at(&self, k: usize) -> impl Iterator<Item = &'a Hit> + '_ {
        let hits = self.hits();
        let from = self
            .by_start
            .partition_point(|&i| hits.get(i as usize).is_some_and(|h| h.start < k));
        self.by_start[from..]
            .iter()
            .map_while(move |&i| hits.get(i as usize).filter(|h| h.start == k))
    }

    /// Hits ending at token `k` (exclusive end).
    fn ending_at(&self, k: usize) -> impl Iterator<Item = &'a Hit> + '_ {
        let hits = self.hits();
        let from = self
            .by_end
            .partition_point(|&i| hits.get(i as usize).is_some_and(|h| h.end < k));
        self.by_end[from..]
            .iter()
            .map_while(move |&i| hits.get(i as usize).filter(|h| h.end == k))
    }

    /// Hits covering token `k`.
    fn covering(&self, k: usize) -> impl Iterator<Item = &'a Hit> + '_ {
        let hits = self.hits();
        let lo = k.saturating_sub(self.longest_hit);
        let from = self
            .by_start
            .partition_point(|&i| hits.get(i as usize).is_some_and(|h| h.start < lo));
        self.by_start[from..]
            .iter()
            .map_while(move |&i| hits.get(i as usize).filter(|h| h.start <= k))
            .filter(move |h| k < h.end)
    }

    fn cue_at(&self, cue: Cue, start: usize) -> Option<Hit> {
        self.starting_at(start)
            .filter(|h| self.role(h) == Some(Role::Cue(cue)))
            .max_by_key(|h| h.end)
            .copied()
    }

    fn cue_ending(&self, cue: Cue, end: usize) -> Option<Hit> {
        self.ending_at(end)
            .filter(|h| self.role(h) == Some(Role::Cue(cue)))
            .max_by_key(|h| h.end - h.start)
            .copied()
    }

    fn is_function_word(&self, k: usize) -> bool {
        self.cue_at(Cue::FunctionWord, k).is_some()
    }

    fn tokens(&self) -> &'a crate::token::Tokens {
        &self.sa.tokens
    }

    fn punct(&self, k: usize, chars: &str) -> bool {
        let t = self.tokens();
        t.kind_is(k, TokenKind::Punct) && chars.contains(t.key(k))
    }

    /// Start of the clause holding token `k` (after the last `;` before it).
    fn clause_start(&self, k: usize) -> usize {
        (0..k)
            .rev()
            .find(|&j| self.punct(j, ";"))
            .map(|j| j + 1)
            .unwrap_or(0)
    }

    /// Start of the immediate phrase before token `k`: after the last comma,
    /// semicolon, colon, bracket or value mention.
    fn local_start(&self, k: usize, mentions: &[Mention]) -> usize {
        let prev_value = mentions
            .iter()
            .filter(|m| m.end <= k && m.is_value())
            .map(|m| m.end)
            .max()
            .unwrap_or(0);
        let punct = (0..k)
            .rev()
            .find(|&j| self.punct(j, ",;:()"))
            .map(|j| j + 1)
            .unwrap_or(0);
        prev_value.max(punct)
    }

    /// Whether a value mention starts at token `j`.
    fn value_starts_at(&self, j: usize) -> bool {
        self.sa
            .mentions
            .iter()
            .any(|m| m.start == j && m.is_value())
    }

    /// The first token at or after `k`, within `max` tokens and the
    /// sentence, where `stop` holds: the end of a window after a figure.
    fn window_end(&self, k: usize, max: usize, stop: impl Fn(usize) -> bool) -> usize {
        let n = self.tokens().len();
        (k..n.min(k + max))
            .find(|&j| stop(j))
            .unwrap_or(n.min(k + max).max(k))
    }

    /// The end of the noun phrase window after token `k`.
    fn after_window(&self, k: usize) -> usize {
        self.window_end(k, 8, |j| self.punct(j, ",;:.()") || self.value_starts_at(j))
    }

    /// The window after a percentage: what it is a share of (`100% thôn, xóm
    /// được phủ sóng 4G`), up to a clause end, bracket or another figure.
    fn share_window(&self, k: usize) -> usize {
        self.window_end(k, 14, |j| {
            self.punct(j, ";:.()")
                || self.value_starts_at(j)
                || (j > k && self.cue_at(Cue::StatedRate, j).is_some())
        })
    }

    /// Byte span covering tokens `[a, b)`.
    fn byte_span(&self, a: usize, b: usize) -> Span {
        let t = self.tokens();
        match (t.get(a), t.get(b.saturating_sub(1).max(a))) {
            (Some(x), Some(y)) => Span::new(x.start, y.end.max(x.start)),
            _ => Span::default(),
        }
    }

    fn text_of(&self, a: usize, b: usize) -> String {
        if b <= a {
            return String::new();
        }
        let span = self.byte_span(a, b);
        collapse(self.doc.slice(span))
    }

    fn run(&mut self, out: &mut Extraction) {
        let mentions = &self.sa.mentions;
        self.find_denominators();
        let legal_citation = self.is_legal_citation();
        for (mi, m) in mentions.iter().enumerate() {
            if self.denominators.iter().any(|&(d, _, _)| d == mi) {
                continue;
            }
            if let MentionKind::Blocked(Blocked::BadRatio) = m.kind {
                let line = self.doc.line_of(self.byte_span(m.start, m.end).start);
                out.warnings.push(Warning::new(
                    "ratio_exceeds_total",
                    format!(
                        "`{}`: the part is larger than the total; no record made",
                        self.text_of(m.start, m.end)
                    ),
                    Some(line),
                ));
                continue;
            }
            let Some(kind) = value_kind(self.catalogue, &m.kind) else {
                continue;
            };
            // `phạt tiền từ 10.000.000 đồng đến 20.000.000 đồng` quoted from a
            // legal provision is a bracket, not a figure of the report.
            if legal_citation
                && kind == ValueKind::Money
                && matches!(
                    m.kind,
                    MentionKind::Quantity(Quantity { upper: Some(_), .. })
                )
            {
                continue;
            }
            if self.attach(mi, m, kind, out) {
                continue;
            }
            if self.orphan_change(m, kind) {
                continue;
            }
            if let Some((c, claim)) = self.record_for(mi, m, kind, out) {
                // Every noun of this metric inside the figure's noun phrase can
                // be referred back to (`… có đài truyền thanh cấp xã, trong đó 97 đài …`).
                if let Some(claim) = claim
                    && claim.hit.entry != u32::MAX
                {
                    let phrase_end = self.np_window(claim.hit.end);
                    let nouns: Vec<Antecedent> = self
                        .hits()
                        .iter()
                        .filter(|h| {
                            h.start >= claim.hit.start
                                && h.start < phrase_end.max(claim.hit.end)
                                && self.tokens().kind_is(h.start, TokenKind::Word)
                                && matches!(self.role(h), Some(Role::Term(x) | Role::Noun(x)) if x == claim.metric)
                        })
                        .map(|h| Antecedent {
                            keys: (h.start..h.end).map(|k| self.tokens().key(k).to_string()).collect(),
                            metric: claim.metric,
                        })
                        .collect();
                    self.antecedents.extend(nouns);
                }
                self.made_spans
                    .push(Span::new(c.record.span[0], c.record.span[1]));
                out.candidates.push(c);
                self.made.push((mi, out.candidates.len() - 1));
            }
        }
        let met: Vec<Topic> = self
            .hits()
            .iter()
            .filter_map(|h| match self.role(h) {
                Some(Role::Requires(metric)) => Some(Topic {
                    metric,
                    capture: h.capture,
                }),
                _ => None,
            })
            .collect();
        self.topics.extend(met);
    }

    /// `Trong 32 nhiệm vụ được giao, … đã hoàn thành 14 nhiệm vụ`: the first
    /// count is the total of a later count of the same noun, not a figure of
    /// its own. Fills [`Self::denominators`] with (total mention, part mention, total).
    fn find_denominators(&mut self) {
        let t = self.tokens();
        let mentions = &self.sa.mentions;
        for (i, m) in mentions.iter().enumerate() {
            let MentionKind::Quantity(q) = &m.kind else {
                continue;
            };
            if q.unit != QuantityUnit::None
                || self.cue_ending(Cue::DenominatorLead, m.start).is_none()
            {
                continue;
            }
            if !t.kind_is(m.end, TokenKind::Word) {
                continue;
            }
            let head = t.key(m.end);
            let part = mentions.iter().enumerate().skip(i + 1).find(|(_, p)| {
                matches!(&p.kind, MentionKind::Quantity(pq) if pq.unit == QuantityUnit::None && pq.value <= q.value)
                    && t.key(p.end) == head
                    && !(m.end..p.start).any(|k| self.punct(k, ";"))
            });
            if let Some((j, _)) = part {
                self.denominators.push((i, j, q.value));
            }
        }
    }

    /// Whether the sentence quotes a legal provision (`Điều 101`, `khoản 1`).
    fn is_legal_citation(&self) -> bool {
        self.sa.mentions.iter().any(|m| {
            m.kind == MentionKind::Blocked(Blocked::Identifier)
                && self.cue_ending(Cue::LegalProvision, m.start).is_some()
        })
    }

    /// A change with nothing before it to attach to: `tăng 3 bậc`, `tăng 12%`
    /// with no figure of its own is not a record.
    fn orphan_change(&self, m: &Mention, kind: ValueKind) -> bool {
        let mut q = self.qualifier_start(m.start);
        // `tăng từ 5 bậc trở lên`.
        if q > 0 && self.tokens().word_is(q - 1, "từ") {
            q -= 1;
        }
        let changed = self.cue_ending(Cue::Increase, q).is_some()
            || self.cue_ending(Cue::Decrease, q).is_some();
        changed && (kind == ValueKind::Percent || self.cue_at(Cue::RankStep, m.end).is_some())
    }

    /// The record made from the value mention just before `m`, if it is close.
    fn previous_record(&self, m: &Mention) -> Option<(usize, usize)> {
        self.made
            .iter()
            .rev()
            .find(|&&(mi, _)| self.sa.mentions.get(mi).is_some_and(|p| p.end <= m.start))
            .copied()
    }

    /// Attaches changes, plan rates and stated rates to the record before
    /// them; returns true when `m` was consumed that way.
    fn attach(&self, _mi: usize, m: &Mention, kind: ValueKind, out: &mut Extraction) -> bool {
        let Some((prev_mi, prev_ci)) = self.previous_record(m) else {
            return false;
        };
        let t = self.tokens();
        let qual_start = self.qualifier_start(m.start);
        let percent = kind == ValueKind::Percent;
        let value = mention_value(&m.kind);
        // `tăng 12,5% so với cùng kỳ`, `tăng 19.435 thuê bao`, `tăng 6 bậc`.
        let direction = if self.cue_ending(Cue::Increase, qual_start).is_some() {
            Some("increase")
        } else if self.cue_ending(Cue::Decrease, qual_start).is_some() {
            Some("decrease")
        } else {
            None
        };
        let prev_record = out.candidates.get(prev_ci).map(|c| c.record.clone());
        let Some(prev) = prev_record else {
            return false;
        };
        // `3.126 nghìn tỷ đồng (tương đương khoảng 136 tỷ USD)`: the same
        // amount restated in other units is not a figure of its own.
        if !percent && self.cue_ending(Cue::Equivalent, qual_start).is_some() {
            return true;
        }
        if let Some(direction) = direction
            && self.clause_start(m.start)
                <= self.sa.mentions.get(prev_mi).map(|p| p.start).unwrap_or(0)
        {
            let rank_step = self.cue_at(Cue::RankStep, m.end).is_some();
            let unit = if rank_step {
                "rank".to_string()
            } else if percent {
                if prev.unit == "percent" {
                    "percent_or_points".to_string()
                } else {
                    "percent".to_string()
                }
            } else {
                prev.unit.clone()
            };
            let compatible = rank_step
                || percent
                || kind == ValueKind::Count
                || value_kind_unit_matches(&prev.unit, kind);
            if compatible {
                let baseline = self.baseline_after(m.end);
                if let Some(c) = out.candidates.get_mut(prev_ci)
                    && c.record.change.is_none()
                {
                    c.record.change = Some(Change {
                        value,
                        unit,
                        direction: direction.to_string(),
                        baseline,
                    });
                    return true;
                }
                return true;
            }
        }
        if !percent {
            return false;
        }
        // `bằng 109% so với cùng kỳ`.
        let after = self.skip_compared(m.end);
        if self.cue_ending(Cue::EqualTo, qual_start).is_some()
            && self.cue_at(Cue::Compared, m.end).is_some()
        {
            let baseline = self.baseline_after(m.end);
            if let Some(c) = out.candidates.get_mut(prev_ci) {
                if c.record.change.is_none() {
                    c.record.change = Some(Change {
                        value,
                        unit: "percent_of_baseline".into(),
                        direction: if value >= 100.0 {
                            "increase"
                        } else {
                            "decrease"
                        }
                        .into(),
                        baseline,
                    });
                }
                return true;
            }
        }
        // `đạt 103% kế hoạch`, `vượt 3% kế hoạch`.
        if self.cue_at(Cue::PlanReference, after).is_some() {
            let over = self.cue_ending(Cue::QualifierOver, m.start).is_some() && value < 100.0;
            if let Some(c) = out.candidates.get_mut(prev_ci) {
                if c.record.plan_rate.is_none() {
                    c.record.plan_rate = Some(if over { 100.0 + value } else { value });
                }
                return true;
            }
        }
        // `09/09 nhiệm vụ … (đạt 100%)`, `1.266 hồ sơ (99,7%)`, `98 xã, đạt 100%`.
        let prev_end = self.sa.mentions.get(prev_mi).map(|p| p.end).unwrap_or(0);
        let same_clause = !(prev_end..qual_start).any(|k| self.punct(k, ";"));
        let in_rate_cue = |k: usize| {
            self.covering(k)
                .any(|h| self.role(h) == Some(Role::Cue(Cue::StatedRate)))
        };
        // An aside in brackets with no figure of its own may come between:
        // `38/44 hệ thống (cấp độ 2 và cấp độ 3), đạt 86,4%`.
        let in_aside = |k: usize| {
            let open = (prev_end..=k)
                .rev()
                .find(|&j| self.punct(j, "(") || (j != k && self.punct(j, ")")));
            let close =
                (k..qual_start).find(|&j| self.punct(j, ")") || (j != k && self.punct(j, "(")));
            match (open, close) {
                (Some(o), Some(c)) => {
                    self.punct(o, "(")
                        && self.punct(c, ")")
                        && !self
                            .sa
                            .mentions
                            .iter()
                            .any(|x| x.is_value() && x.start > o && x.end <= c)
                }
                _ => false,
            }
        };
        let lead_ok = |from: usize| {
            (from..qual_start).all(|k| self.punct(k, ",-:") || in_rate_cue(k) || in_aside(k))
        };
        let open = (prev_end..qual_start).rev().find(|&k| self.punct(k, "("));
        let bracketed = open.is_some_and(|p| lead_ok(p + 1)) && self.punct(m.end, ")");
        let record_end = t
            .list
            .iter()
            .position(|tok| tok.start >= prev.span[1])
            .unwrap_or(t.len())
            .max(prev_end);
        let closes = m.end >= t.len() || self.punct(m.end, ",;.)");
        let unbracketed =
            lead_ok(record_end) && (record_end..qual_start).any(in_rate_cue) && closes;
        // `118/125 xã … có đài truyền thanh …, đạt 94,4%`: further away, a
        // rate that is the previous figure's share of its total.
        let base = prev.total.or_else(|| {
            out.candidates
                .get(prev_ci)
                .and_then(|c| c.parent)
                .and_then(|p| out.candidates.get(p))
                .map(|p| p.record.value)
        });
        let consistent = base
            .is_some_and(|b| b > 0.0 && (prev.value / b * 100.0 - value).abs() <= 0.5)
            && self.cue_ending(Cue::StatedRate, qual_start).is_some()
            && closes;
        if same_clause
            && (bracketed || unbracketed || consistent)
            && prev.unit != "percent"
            && let Some(c) = out.candidates.get_mut(prev_ci)
        {
            if c.stated_rate.is_none() {
                c.stated_rate = Some(value);
            }
            return true;
        }
        false
    }

    fn skip_compared(&self, k: usize) -> usize {
        match self.cue_at(Cue::Compared, k) {
            Some(h) => h.end,
            None => k,
        }
    }

    /// `so với cùng kỳ năm 2022` after token `k`: the baseline text or period.
    fn baseline_after(&self, k: usize) -> Option<String> {
        let h = self.cue_at(Cue::Compared, k).or_else(|| {
            (k..(k + 3).min(self.tokens().len())).find_map(|j| self.cue_at(Cue::Compared, j))
        })?;
        let mut end = h.end;
        let t = self.tokens();
        // Up to the next figure, clause or connective (`so với cùng kỳ và
        // đạt 103% kế hoạch`).
        while end < t.len() && end < h.end + 6 && !self.punct(end, ",;.()") {
            let next_clause = self
                .sa
                .mentions
                .iter()
                .any(|m| m.start == end && m.is_value())
                || (end > h.end
                    && ["và", "nhưng", "song", "còn", "đồng"]
                        .iter()
                        .any(|w| t.word_is(end, w)))
                || self.starting_at(end).any(|x| {
                    matches!(
                        self.role(x),
                        Some(Role::Cue(
                            Cue::StatedRate | Cue::PlanReference | Cue::Increase | Cue::Decrease
                        ))
                    )
                });
            if next_clause {
                break;
            }
            end += 1;
        }
        if let Some(p) = self
            .sa
            .mentions
            .iter()
            .find(|m| m.start >= h.end && m.end <= end)
            && let MentionKind::Period(period) = p.kind
        {
            return period.canonical(self.default_year);
        }
        let text = self.text_of(h.end, end);
        (!text.is_empty()).then_some(text)
    }

    /// Where the qualifier before token `k` starts (or `k`).
    fn qualifier_start(&self, k: usize) -> usize {
        let cues = [
            Cue::QualifierApprox,
            Cue::QualifierOver,
            Cue::QualifierUnder,
            Cue::QualifierAtMost,
            Cue::QualifierAtLeast,
        ];
        cues.iter()
            .filter_map(|&c| self.cue_ending(c, k))
            .map(|h| h.start)
            .min()
            .unwrap_or(k)
    }

    /// Makes the record for value mention `m`, or `None` when it is not a figure.
    fn record_for(
        &self,
        _mi: usize,
        m: &Mention,
        kind: ValueKind,
        out: &Extraction,
    ) -> Option<(Candidate, Option<Claim>)> {
        let claim = self.resolve(m, kind);
        let (metric_id, unit, subtype, parts_overlap) = match claim {
            Some(c) => {
                let metric = self.catalogue.metric_at(c.metric)?;
                let subtype = self.subtype(m, &c, metric.subtype_class, out);
                let unit = record_unit(self.catalogue, &metric.unit, &m.kind);
                (metric.id.clone(), unit, subtype, metric.parts_overlap)
            }
            None => match self.breakdown_metric(m, kind, out) {
                // `Tổng kinh phí 48,5 tỷ đồng, trong đó ngân sách tỉnh 18,5 tỷ đồng`.
                Some(mi) => {
                    let metric = self.catalogue.metric_at(mi)?;
                    let own = Claim {
                        metric: mi,
                        hit: Hit {
                            entry: u32::MAX,
                            start: m.start,
                            end: m.end,
                            capture: None,
                        },
                        side: Side::After,
                        weight: 0,
                        governed: false,
                    };
                    // A continuation keeps the subtype of the figure it continues.
                    let previous = self
                        .made
                        .last()
                        .and_then(|&(_, ci)| out.candidates.get(ci))
                        .and_then(|c| c.record.subtype.clone());
                    let subtype = match metric.subtype_class {
                        Some(_) => self
                            .subtype(m, &own, metric.subtype_class, out)
                            .or(previous),
                        None => self.label_phrase(m),
                    };
                    let unit = record_unit(self.catalogue, &metric.unit, &m.kind);
                    (metric.id.clone(), unit, subtype, metric.parts_overlap)
                }
                None => {
                    if self.options.known_only {
                        return None;
                    }
                    let (metric, subtype) = self.generic(m, kind)?;
                    let unit = record_unit(self.catalogue, "", &m.kind);
                    (metric, unit, subtype, false)
                }
            },
        };
        let denominator = self
            .denominators
            .iter()
            .find(|&&(_, part, _)| self.sa.mentions.get(part) == Some(m))
            .map(|&(_, _, total)| total);
        let (value, upper, total, qualifier) = match &m.kind {
            MentionKind::Quantity(q) => (q.value, q.upper, denominator, q.qualifier),
            MentionKind::Ratio {
                value,
                total,
                qualifier,
            } => (*value, None, Some(*total), *qualifier),
            MentionKind::Rank { rank, of } => (*rank, None, *of, None),
            _ => return None,
        };
        let (span_start, span_end) = match claim {
            Some(c) => (c.hit.start.min(m.start), c.hit.end.max(m.end)),
            None => (m.start, m.end),
        };
        let span = self.byte_span(span_start, span_end);
        let sentence = self.outline.sentences.get(self.sa.sentence)?;
        let block = self.outline.blocks.get(sentence.block)?;
        let status = context::status(self, m, block.section);
        let scope = match kind {
            ValueKind::Count | ValueKind::Ratio | ValueKind::Length => {
                context::scope(self, m, false)
            }
            ValueKind::Money => context::scope(self, m, true),
            _ => None,
        };
        let operator = self.operator(m, claim.as_ref());
        let period = context::period(self, m, claim.as_ref());
        let (parent, inherited_scope) = self.parent_of(m, &metric_id, out);
        let mut section_parts: Vec<&str> = self.outline.section_path(block.section);
        if let Some(label) = &block.label {
            section_parts.push(label);
        }
        let section = (!section_parts.is_empty()).then(|| section_parts.join(" > "));
        let record = Record {
            metric: metric_id,
            value,
            upper,
            total,
            unit,
            subtype,
            qualifier: qualifier.map(qualifier_name),
            status,
            scope: scope.or(inherited_scope),
            operator,
            period,
            change: None,
            plan_rate: None,
            part_of: None,
            section,
            line: self.doc.line_of(
                self.tokens()
                    .get(m.start)
                    .map(|t| t.start)
                    .unwrap_or(span.start),
            ),
            span: [span.start, span.end],
            evidence: evidence(self.doc, self.outline, sentence.span, span),
        };
        Some((
            Candidate {
                record,
                parent,
                stated_rate: None,
                parts_overlap,
            },
            claim,
        ))
    }

    /// The metric of the total a figure is a part of, when the figure has no
    /// noun of its own: the previous known record of the same kind in this
    /// sentence, with `trong đó`, `gồm` or a bracket between them.
    fn breakdown_metric(&self, m: &Mention, kind: ValueKind, out: &Extraction) -> Option<u16> {
        if kind == ValueKind::Count
            && self.tokens().kind_is(m.end, TokenKind::Word)
            && !self.is_function_word(m.end)
        {
            return None;
        }
        // `… đạt 85%; 100% cơ quan nhà nước cấp xã …`: a share of a noun of
        // its own is not a part of the figure before.
        if kind == ValueKind::Percent
            && self.tokens().kind_is(m.end, TokenKind::Word)
            && !self.is_function_word(m.end)
            && !self.starts_cue_only(m.end)
            && !self.is_stop_cue(m.end)
        {
            return None;
        }
        let &(pmi, pci) = self.made.last()?;
        let pm = self.sa.mentions.get(pmi)?;
        let pc = out.candidates.get(pci)?;
        let marker = (pm.end..m.start)
            .any(|k| self.cue_at(Cue::Breakdown, k).is_some() || self.punct(k, "("));
        // `203.615 thuê bao (Viettel 121.480, VNPT 74.290)`: a bare count
        // named by an operator or technology inside a breakdown of counts.
        let named_part = || {
            let q = self.qualifier_start(m.start);
            q > 0
                && self.covering(q - 1).any(|h| {
                    matches!(self.role(h), Some(Role::ClassTerm(c, _))
                        if Some(c) == self.catalogue.operator_class
                            || Some(c) == self.catalogue.technology_class)
                })
        };
        let same_kind = match kind {
            ValueKind::Money => pc.record.unit == "VND" || pc.record.unit == "USD",
            ValueKind::Length => pc.record.unit == "km",
            ValueKind::Percent => pc.record.unit == "percent",
            ValueKind::Count => {
                (marker || pc.parent.is_some())
                    && named_part()
                    && !matches!(
                        pc.record.unit.as_str(),
                        "percent" | "VND" | "USD" | "km" | "rank" | "score"
                    )
                    && pc.record.unit.split('_').next() != Some("per")
            }
            _ => false,
        };
        // `Doanh thu … trong tháng ước đạt 118,6 tỷ đồng; lũy kế 2 tháng đầu
        // năm ước đạt 241,3 tỷ đồng`: a figure whose label says nothing new
        // continues the one before.
        // `…, trong đó ngân sách trung ương 30 tỷ đồng, ngân sách tỉnh 18,5
        // tỷ đồng`: a sibling of a part is a part too.
        let sibling = pc.parent.is_some()
            && (!(pm.end..m.start).any(|k| self.punct(k, ";"))
                || context::own_clause_start(self, m, self.qualifier_start(m.start)) == 0);
        if !same_kind
            || !(marker || sibling || self.label_is_bare(m) || self.label_is_parallel(m, pc))
        {
            return None;
        }
        let mi = self.catalogue.metric_index_of(&pc.record.metric)?;
        Some(mi)
    }

    /// `Tỷ lệ hồ sơ … cấp huyện … đạt 71,25%, cấp xã đạt 64,8%`: a short
    /// label (at most three words) whose first word is in the previous
    /// record's label names the same thing for another part.
    fn label_is_parallel(&self, m: &Mention, prev: &Candidate) -> bool {
        let t = self.tokens();
        let q = self.qualifier_start(m.start);
        let Some(prev_mention) = self
            .sa
            .mentions
            .iter()
            .rfind(|p| p.end <= q && p.is_value())
        else {
            return false;
        };
        let words: Vec<usize> = (prev_mention.end..q)
            .filter(|&k| t.kind_is(k, TokenKind::Word) && !self.is_function_word(k))
            .collect();
        let Some(&first) = words.first() else {
            return false;
        };
        if words.len() > 3 || !(prev_mention.end..q).any(|k| self.punct(k, ",")) {
            return false;
        }
        let [from, to] = prev.record.span;
        t.list.iter().enumerate().any(|(k, tok)| {
            tok.start >= from
                && tok.end <= to
                && k < prev_mention.start
                && t.kind_is(k, TokenKind::Word)
                && t.key(k) == t.key(first)
        })
    }

    /// Whether everything between the previous figure (or clause start) and
    /// `m` is cue words, periods and punctuation: no noun of its own.
    fn label_is_bare(&self, m: &Mention) -> bool {
        let t = self.tokens();
        let q = self.qualifier_start(m.start);
        let prev = self
            .sa
            .mentions
            .iter()
            .filter(|p| p.end <= q && p.is_value())
            .map(|p| p.end)
            .max()
            .unwrap_or(0);
        (prev..q).all(|k| {
            !t.kind_is(k, TokenKind::Word)
                || self.is_function_word(k)
                || self
                    .covering(k)
                    .any(|h| matches!(self.role(h), Some(Role::Cue(_))))
                || self.sa.mentions.iter().any(|p| p.start <= k && k < p.end)
        })
    }

    /// The breakdown parent of a figure: the previous record of the same
    /// metric in this sentence, when `trong đó`, `gồm` or a bracket comes between.
    fn parent_of(
        &self,
        m: &Mention,
        metric: &str,
        out: &Extraction,
    ) -> (Option<usize>, Option<Scope>) {
        for &(pmi, pci) in self.made.iter().rev() {
            let Some(pm) = self.sa.mentions.get(pmi) else {
                continue;
            };
            let Some(pc) = out.candidates.get(pci) else {
                continue;
            };
            if pc.record.metric != metric || pc.parent.is_some() {
                continue;
            }
            // Only amounts add up: counts, money, lengths.
            let additive = !matches!(
                pc.record.unit.as_str(),
                "percent" | "rank" | "score" | "per_100_inhabitants" | "per_100_households"
            );
            let between = pm.end..m.start;
            // A part sits in the total's clause, after `trong đó`/`gồm`, or
            // inside a bracket opened after the total and not yet closed.
            // `…, nâng tổng số lên 1.318 trạm; trong đó 4G có 1.250 trạm`: a
            // clause opening with `trong đó` continues the one before.
            let same_clause = match between.clone().rev().find(|&k| self.punct(k, ";")) {
                None => true,
                Some(semi) => {
                    !between
                        .clone()
                        .filter(|&k| k < semi)
                        .any(|k| self.punct(k, ";"))
                        && self.cue_at(Cue::Breakdown, semi + 1).is_some()
                }
            };
            let cue = between
                .clone()
                .any(|k| self.cue_at(Cue::Breakdown, k).is_some());
            let open = between.clone().rev().find(|&k| self.punct(k, "()"));
            let in_bracket = open.is_some_and(|k| self.punct(k, "("));
            if additive && same_clause && (cue || in_bracket) {
                return (Some(pci), pc.record.scope);
            }
            return (None, None);
        }
        (None, None)
    }

    /// Finds the metric for a figure.
    fn resolve(&self, m: &Mention, kind: ValueKind) -> Option<Claim> {
        let t = self.tokens();
        let percent = kind == ValueKind::Percent;
        let mut rnp_start = m.end;
        if let MentionKind::Quantity(Quantity {
            density: Some((_, noun_start, _)),
            ..
        }) = m.kind
        {
            rnp_start = noun_start;
        }
        while percent && (t.word_is(rnp_start, "số") || t.word_is(rnp_start, "các")) {
            rnp_start += 1;
        }
        let window_end = if percent {
            self.share_window(rnp_start)
        } else {
            self.after_window(rnp_start)
        }
        .max(rnp_start);
        // For a percentage, what it is a share of may run past a comma
        // (`100% thôn, xóm được phủ sóng 4G`); terms past a comma count only
        // when no label before the figure names a metric. So do terms past
        // `và` (`… cáp quang đạt trên 80% và vùng phủ sóng 4G đạt 100%`).
        let first_comma = (rnp_start..window_end)
            .find(|&k| self.punct(k, ",") || t.word_is(k, "và"))
            .unwrap_or(window_end);
        let mut claims: Vec<Claim> = Vec::new();
        let mut far_claims: Vec<Claim> = Vec::new();
        for h in self.hits() {
            let on_after = if percent {
                h.start >= rnp_start && h.start < window_end
            } else {
                h.start == rnp_start
            };
            if !on_after {
                continue;
            }
            if let Some(c) = self.claim_from(h, Side::After) {
                if h.start > first_comma {
                    far_claims.push(c);
                } else {
                    claims.push(c);
                }
            }
        }
        let chosen = self.choose(m, kind, claims);
        if chosen.is_some() {
            return chosen;
        }
        if !far_claims.is_empty() {
            let label = self.resolve_label(m, kind, rnp_start);
            return label.or_else(|| self.choose(m, kind, far_claims));
        }
        if let Some(c) = self.resolve_label(m, kind, rnp_start) {
            return Some(c);
        }
        // An elided noun: `… trong đó Viettel 260 trạm` after `415 trạm BTS`,
        // `phát triển mới 8.915 thuê bao` after `Thuê bao Internet … đạt …`.
        let ends_phrase = |k: usize| {
            k >= t.len()
                || !t.kind_is(k, TokenKind::Word)
                || self.is_function_word(k)
                || self.starts_class_term(k)
        };
        let found = self.antecedents.iter().rev().find_map(|a| {
            let n = a
                .keys
                .iter()
                .enumerate()
                .take_while(|(j, key)| {
                    t.kind_is(rnp_start + j, TokenKind::Word)
                        && t.key(rnp_start + j) == key.as_str()
                })
                .count();
            (n >= 1 && ends_phrase(rnp_start + n)).then_some((a.metric, n))
        });
        let (metric, next) = match found {
            Some((metric, n)) => (metric, rnp_start + n),
            None => return None,
        };
        let claim = Claim {
            metric,
            hit: Hit {
                entry: u32::MAX,
                start: rnp_start,
                end: next,
                capture: None,
            },
            side: Side::After,
            weight: 0,
            governed: false,
        };
        // `… đọc lưu chiểu 214 xuất bản phẩm, … yêu cầu thu hồi 01 xuất bản
        // phẩm`: the same noun under one of the metric's not-verbs is not it.
        if self.verb_quality(claim, m, &[metric]) < 0 {
            return None;
        }
        self.choose(m, kind, vec![claim])
    }

    /// The label before the figure, when the figure has no noun of its own
    /// or its noun is the head of the label's term (`… trạm BTS …, Viettel 260 trạm`).
    fn resolve_label(&self, m: &Mention, kind: ValueKind, rnp_start: usize) -> Option<Claim> {
        let t = self.tokens();
        let qual_start = self.qualifier_start(m.start);
        let lc_start = self.label_start(m, qual_start);
        let rnp_is_empty = !t.kind_is(rnp_start, TokenKind::Word)
            || self.is_function_word(rnp_start)
            || self.starts_cue_only(rnp_start);
        let has_unit = matches!(
            kind,
            ValueKind::Percent
                | ValueKind::Money
                | ValueKind::Length
                | ValueKind::Density
                | ValueKind::Rank
        );
        let mut claims = Vec::new();
        for h in self.hits() {
            if h.start < lc_start || h.end > qual_start {
                continue;
            }
            if !(rnp_is_empty || has_unit || self.head_matches(h, rnp_start)) {
                continue;
            }
            // A one-syllable label (`tin`, `bài`, `vốn`) counts only right
            // before the figure (`vốn 35 tỷ đồng`); further back it is too easily
            // part of another word (`Thông tin … đạt 12/15`). Acronyms are safe.
            if h.end - h.start == 1
                && !self.is_acronym(h.start)
                && !self.only_cues_between(h.end, qual_start)
            {
                continue;
            }
            if let Some(c) = self.claim_from(h, Side::Before) {
                claims.push(c);
            }
        }
        self.choose(m, kind, claims)
    }

    /// Whether tokens `[a, b)` are only punctuation, function words and cue words.
    fn only_cues_between(&self, a: usize, b: usize) -> bool {
        let t = self.tokens();
        (a..b).all(|k| {
            !t.kind_is(k, TokenKind::Word)
                || self.is_function_word(k)
                || self
                    .covering(k)
                    .any(|h| matches!(self.role(h), Some(Role::Cue(_))))
        })
    }

    /// Whether token `k` is written in capitals (`BTS`, `DVCTT`).
    fn is_acronym(&self, k: usize) -> bool {
        let t = self.tokens();
        t.get(k)
            .and_then(|x| self.doc.text.get(x.start..x.end))
            .is_some_and(|w| w.chars().count() >= 2 && w.chars().all(|c| !c.is_lowercase()))
    }

    /// Whether a cue (not a noun) starts at `k` (`so với`, `tăng`).
    fn starts_cue_only(&self, k: usize) -> bool {
        let cues = [
            Cue::Compared,
            Cue::Increase,
            Cue::Decrease,
            Cue::StatedRate,
            Cue::Breakdown,
            Cue::PlanReference,
            Cue::AtLeastAfter,
            Cue::AtMostAfter,
        ];
        cues.iter().any(|&c| self.cue_at(c, k).is_some())
            && !self
                .starting_at(k)
                .any(|h| matches!(self.role(h), Some(Role::Term(_) | Role::Noun(_))))
    }

    /// Where the label search before `m` starts: the clause start, or the
    /// end of the previous value mention.
    fn label_start(&self, m: &Mention, qual_start: usize) -> usize {
        let clause = self.clause_start(m.start);
        let prev = self
            .sa
            .mentions
            .iter()
            .filter(|p| p.end <= qual_start && p.is_value())
            .map(|p| p.end)
            .max()
            .unwrap_or(0);
        clause.max(prev)
    }

    /// Whether the noun at `k` is the head of hit `h` (`trạm` of `trạm BTS`).
    fn head_matches(&self, h: &Hit, k: usize) -> bool {
        let t = self.tokens();
        let n = h.end - h.start;
        if n == 0 {
            return false;
        }
        let mut matched = 0;
        for j in 0..n {
            if k + j < t.len()
                && t.kind_is(k + j, TokenKind::Word)
                && t.key(k + j) == t.key(h.start + j)
            {
                matched += 1;
            } else {
                break;
            }
        }
        let next = k + matched;
        matched >= 1
            && (next >= t.len()
                || !t.kind_is(next, TokenKind::Word)
                || self.is_function_word(next)
                || self.starts_class_term(next))
    }

    /// Whether a class term (a technology, level, kind …) starts at `k`:
    /// `618 dịch vụ mức độ 4` keeps `dịch vụ` as the head.
    fn starts_class_term(&self, k: usize) -> bool {
        self.starting_at(k).any(|h| {
            matches!(self.role(h), Some(Role::ClassTerm(c, _)) if self.catalogue.is_modifier_class(c))
        })
    }

    fn claim_from(&self, h: &Hit, side: Side) -> Option<Claim> {
        let (metric, governed) = match self.role(h)? {
            Role::Term(mi) => (mi, false),
            Role::Noun(mi) => (mi, true),
            _ => return None,
        };
        // The longer match is the more specific: `05 Báo cáo` is a document
        // type (two words), not `báo` (a newspaper). Gapped phrases count
        // their literal words only.
        let weight = match self.catalogue.dict.pattern(h.entry) {
            Some(p) if p.has_gap() => p.weight(),
            Some(_) => 2 * (h.end - h.start),
            None => 0,
        };
        Some(Claim {
            metric,
            hit: *h,
            side,
            weight,
            governed,
        })
    }

    /// Picks the best valid claim.
    fn choose(&self, m: &Mention, kind: ValueKind, claims: Vec<Claim>) -> Option<Claim> {
        if claims.is_empty() {
            return None;
        }
        let percent = kind == ValueKind::Percent;
        let rate_label = self.rate_label_start(m);
        let claims: Vec<Claim> = claims
            .into_iter()
            .filter(|c| {
                self.catalogue
                    .metric_at(c.metric)
                    .is_some_and(|metric| self.kind_fits(&metric.accepts, kind, m))
                    && self.requirements_met(c.metric, m)
            })
            .collect();
        let rivals: Vec<u16> = claims.iter().map(|c| c.metric).collect();
        let mut scored: Vec<(Claim, i64)> = Vec::new();
        for c in claims {
            let verb = self.verb_quality(c, m, &rivals);
            if verb < 0 || (c.governed && verb == 0) {
                continue;
            }
            // Nouns after the figure: the longer term, then a governing verb.
            // Labels before it: for rates, the term right after `tỷ lệ`;
            // otherwise the label nearest the figure, then the longer one.
            let score = match c.side {
                Side::After => (c.weight as i64) * 1000 + verb,
                Side::Before => {
                    if percent
                        && let Some(r) = rate_label
                        && c.hit.start >= r
                    {
                        1_000_000 - (c.hit.start as i64 - r as i64) * 10_000
                            + (c.weight as i64) * 10
                            + verb
                    } else {
                        (c.hit.end as i64) * 10_000 + (c.weight as i64) * 10 + verb
                    }
                }
            };
            scored.push((c, score));
        }
        scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.metric.cmp(&b.0.metric)));
        scored.first().map(|(c, _)| *c)
    }

    /// Start of the phrase after a `tỷ lệ` label before `m`, if any.
    fn rate_label_start(&self, m: &Mention) -> Option<usize> {
        let clause = self.label_start(m, self.qualifier_start(m.start));
        let rate = crate::token::fold("tỷ");
        let le = crate::token::fold("lệ");
        let t = self.tokens();
        (clause..m.start)
            .rev()
            .find(|&k| t.key(k) == rate && t.key(k + 1) == le)
            .map(|k| k + 2)
    }

    fn kind_fits(&self, accepts: &[ValueKind], kind: ValueKind, m: &Mention) -> bool {
        if accepts.contains(&kind) {
            return true;
        }
        match kind {
            // A scaled count without unit in a money context (`đạt 58,7 tỷ`).
            ValueKind::Count => {
                let scaled = matches!(m.kind, MentionKind::Quantity(Quantity { scaled: true, .. }));
                (accepts.contains(&ValueKind::Money) && scaled)
                    || (accepts.contains(&ValueKind::Density) && self.density_label_before(m))
                    || accepts.contains(&ValueKind::Score)
            }
            // A rate written with `%` in a per-100 table (`…/100 dân: 22%`).
            ValueKind::Percent => {
                accepts.contains(&ValueKind::Density) && self.density_label_before(m)
            }
            _ => false,
        }
    }

    /// `thuê bao/100 dân` written before the figure in its clause.
    fn density_label_before(&self, m: &Mention) -> bool {
        let start = self.clause_start(m.start);
        self.sa.mentions.iter().any(|p| {
            p.start >= start
                && p.end <= m.start
                && p.kind == MentionKind::Blocked(Blocked::PerHundredBase)
        })
    }

    fn requirements_met(&self, metric: u16, m: &Mention) -> bool {
        let needs = self
            .catalogue
            .metric_at(metric)
            .is_some_and(|x| x.has_requires);
        let mut found = self.topics.iter().any(|t| t.metric == metric);
        let clause = self.clause_start(m.start);
        let clause_end = (m.end..self.tokens().len())
            .find(|&k| self.punct(k, ";"))
            .unwrap_or(self.tokens().len());
        let window = self.after_window(m.end);
        for h in self.hits() {
            match self.role(h) {
                // Earlier in the sentence, or anywhere in the figure's clause.
                Some(Role::Requires(x))
                    if x == metric
                        && (h.end <= m.start || (h.start >= clause && h.end <= clause_end)) =>
                {
                    found = true
                }
                Some(Role::Excludes(x)) if x == metric && h.start >= clause && h.start < window => {
                    return false;
                }
                _ => {}
            }
        }
        !needs || found
    }

    /// How well a verb governs the claim: 3 for a verb right after the noun,
    /// 2 for the nearest verb before being this metric's, 0 for none, −1 when
    /// the nearest verb is one that rules the metric out.
    fn verb_quality(&self, c: Claim, m: &Mention, rivals: &[u16]) -> i64 {
        let after_from = c.hit.end.max(m.end);
        let window = self.predicate_window(after_from);
        let is_verb = |h: &Hit| {
            matches!(
                self.role(h),
                Some(Role::Verb(_) | Role::VerbAfter(_) | Role::NotVerb(_) | Role::NotVerbAfter(_))
            )
        };
        // A verb inside a longer verb (`hoàn thành` in `chưa hoàn thành`) does not count.
        let shadowed = |h: &Hit| {
            self.hits().iter().any(|o| {
                is_verb(o)
                    && o.start <= h.start
                    && o.end >= h.end
                    && (o.end - o.start) > (h.end - h.start)
            })
        };
        // The first verb after the noun decides (`07 hồ sơ đang giải quyết`).
        let after = self
            .hits()
            .iter()
            .filter(|h| {
                h.start >= after_from
                    && h.start < window
                    && matches!(self.role(h), Some(Role::VerbAfter(x) | Role::NotVerbAfter(x)) if x == c.metric)
                    && !shadowed(h)
            })
            .min_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        match after.and_then(|h| self.role(h)) {
            Some(Role::VerbAfter(_)) => return 3,
            Some(Role::NotVerbAfter(_)) => return -1,
            _ => {}
        }
        let limit = c.hit.start.min(m.start);
        // The nearest verb before the figure among the verbs of the metrics
        // competing for it, and this metric's not-verbs. At equal ends the
        // longer phrase wins (`trình … ban hành` over `ban hành`).
        // A not-verb in the figure's own phrase counts even after its label
        // (`… 214 xuất bản phẩm, thu hồi 01 xuất bản phẩm`).
        let qual = self.qualifier_start(m.start);
        let own_phrase = self.local_start(qual, &self.sa.mentions);
        let mut best: Option<(usize, usize, Role)> = None;
        for h in self.hits() {
            let role = match self.role(h) {
                Some(r @ Role::Verb(x)) if rivals.contains(&x) && h.end <= limit => r,
                Some(r @ Role::NotVerb(x))
                    if x == c.metric
                        && (h.end <= limit || (h.start >= own_phrase && h.end <= qual)) =>
                {
                    r
                }
                _ => continue,
            };
            // `01 cuộc thanh tra … tại 05 doanh nghiệp`: a verb that is part of
            // an earlier figure's noun phrase governs nothing after it.
            let bytes = self.byte_span(h.start, h.end);
            if self
                .made_spans
                .iter()
                .any(|s| s.start <= bytes.start && bytes.end <= s.end)
            {
                continue;
            }
            let key = (h.end, h.end - h.start);
            let mine = matches!(role, Role::Verb(x) | Role::NotVerb(x) if x == c.metric);
            let better = match best {
                None => true,
                Some((e, len, _)) => key > (e, len) || (key == (e, len) && mine),
            };
            if better {
                best = Some((h.end, h.end - h.start, role));
            }
        }
        match best {
            Some((_, _, Role::Verb(x))) if x == c.metric => 2,
            // A term of three words or more that names the metric after the figure
            // (`ban hành … 1.234 văn bản đi`) outweighs a not-verb.
            Some((_, _, Role::NotVerb(_)))
                if !c.governed && c.side == Side::After && c.weight >= 6 =>
            {
                1
            }
            Some((_, _, Role::NotVerb(_))) => -1,
            // Another metric's verb, or none, is nearest: a governed noun loses.
            _ => {
                if c.governed {
                    0
                } else {
                    1
                }
            }
        }
    }

    /// The subtype: a class term captured by the figure's own noun, else found
    /// near the figure (its noun phrase, then the words just before it, then
    /// its clause), else inherited from a breakdown's total.
    fn subtype(
        &self,
        m: &Mention,
        c: &Claim,
        class: Option<u16>,
        out: &Extraction,
    ) -> Option<String> {
        let class = class?;
        let qual = self.qualifier_start(m.start);
        // The figure's own label: back to the clause start or the previous figure.
        let local = self.label_start(m, qual);
        // A captured term counts when the term is the figure's own noun or
        // its own label, not an earlier figure's noun it refers back to.
        let hit_bytes = self.byte_span(c.hit.start, c.hit.end);
        let in_earlier_record = self
            .made_spans
            .iter()
            .any(|s| s.start <= hit_bytes.start && hit_bytes.end <= s.end);
        let own_term = !in_earlier_record
            && match c.side {
                Side::After => c.hit.entry != u32::MAX,
                Side::Before => c.hit.start >= local,
            };
        if own_term
            && let Some((cl, term)) = c.hit.capture
            && cl == class
        {
            return self.catalogue.canonical(cl, term).map(str::to_string);
        }
        if self
            .catalogue
            .metric_at(c.metric)
            .is_some_and(|x| x.subtype_from_term)
        {
            return None;
        }
        let after_from = if c.side == Side::After {
            c.hit.start.min(m.end)
        } else {
            m.end
        };
        let window = self.np_window(c.hit.end.max(m.end));
        // Class terms that belong to an earlier figure's noun do not count.
        let in_record = |h: &Hit| {
            let b = self.byte_span(h.start, h.end);
            self.made_spans
                .iter()
                .any(|s| s.start <= b.start && b.end <= s.end)
        };
        let near = |from: usize, to: usize, nearest_last: bool| -> Option<String> {
            let mut found: Vec<&Hit> = self
                .hits()
                .iter()
                .filter(|h| {
                    h.start >= from
                        && h.start < to.max(from)
                        && matches!(self.role(h), Some(Role::ClassTerm(cl, _)) if cl == class)
                        && !in_record(h)
                })
                .collect();
            found.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
            // `(4G/5G)`: two terms joined by a slash name no single subtype.
            if found
                .windows(2)
                .any(|w| w[0].end + 1 == w[1].start && self.punct(w[0].end, "/"))
            {
                return None;
            }
            let pick = if nearest_last {
                found.iter().max_by_key(|h| (h.end, h.end - h.start))
            } else {
                found.first()
            };
            pick.and_then(|h| match self.role(h) {
                Some(Role::ClassTerm(cl, term)) => {
                    self.catalogue.canonical(cl, term).map(str::to_string)
                }
                _ => None,
            })
        };
        let noun_phrase = || near(after_from, window, false);
        let just_before = || near(local, qual, true);
        // The figure's own noun phrase first (`07 trạm BTS 4G`, `57 dịch vụ
        // mức độ 3`), then the words before it (`mạng 4G phủ sóng 100% dân số`).
        let found = noun_phrase().or_else(just_before);
        if found.is_some() {
            return found;
        }
        // Index names and fields usually open the clause, or follow it
        // (`xếp thứ 3/19 về Chỉ số cải cách hành chính`).
        let clause = self.clause_start(m.start);
        if self.catalogue.technology_class != Some(class)
            && let Some(s) = near(clause, qual, true)
                .or_else(|| near(m.end, self.predicate_window(m.end), false))
        {
            return Some(s);
        }
        // The index or field named earlier in the paragraph (`Chỉ số DTI …
        // . Theo đó, tỉnh đạt 0,5218 điểm`).
        if let Some(s) = self.topics.iter().rev().find_map(|t| match t.capture {
            Some((cl, term)) if cl == class => {
                self.catalogue.canonical(cl, term).map(str::to_string)
            }
            _ => None,
        }) {
            return Some(s);
        }
        // A part inherits the subtype of its total.
        let metric_id = self
            .catalogue
            .metric_at(c.metric)
            .map(|x| x.id.as_str())
            .unwrap_or("");
        let (parent, _) = self.parent_of(m, metric_id, out);
        parent
            .and_then(|p| out.candidates.get(p))
            .and_then(|p| p.record.subtype.clone())
    }

    /// The noun phrase after token `k`: up to punctuation, a function word
    /// (`và`, `của`) or the next figure.
    fn np_window(&self, k: usize) -> usize {
        let co = crate::token::fold("có");
        self.window_end(k, 10, |j| {
            // `1.700 trạm có công nghệ 4G` keeps going through `có`.
            self.punct(j, ",;:.()")
                || (self.is_function_word(j) && !self.tokens().is_word(j, &co))
                || self.value_starts_at(j)
        })
    }

    /// The rest of a figure's clause after token `k`: where a verb after the
    /// noun may stand (`64/71 hệ thống thông tin của các cơ quan … đã được
    /// phê duyệt`), up to a clause end, bracket or the next figure.
    fn predicate_window(&self, k: usize) -> usize {
        self.window_end(k, 16, |j| {
            // A comma ends the window when a new verb or figure follows it
            // (`tiếp nhận 8.930 hồ sơ, giải quyết 8.745 hồ sơ`) or a new metric's
            // name (`…, tỷ lệ giải quyết đúng hạn đạt 97,6%`), not inside a
            // noun phrase (`thôn, bản thuộc các huyện …, chưa có sóng`).
            let comma_ends = self.punct(j, ",")
                && (self.value_starts_at(j + 1)
                    || self.starting_at(j + 1).any(|h| {
                        matches!(
                            self.role(h),
                            Some(
                                Role::Term(_)
                                    | Role::Verb(_)
                                    | Role::NotVerb(_)
                                    | Role::Cue(Cue::Breakdown | Cue::StatedRate)
                            )
                        )
                    }));
            comma_ends || self.punct(j, ";.()") || self.value_starts_at(j)
        })
    }

    /// The operator a figure is stated for, when exactly one is named nearby.
    fn operator(&self, m: &Mention, c: Option<&Claim>) -> Option<String> {
        let class = self.catalogue.operator_class?;
        let qual = self.qualifier_start(m.start);
        let mut from = self.local_start(qual, &self.sa.mentions);
        // `Viettel: 05 trạm`, `… (Viettel 21 trạm`: look past a colon or bracket.
        if from > 0 && self.punct(from - 1, "(:") {
            from = self.local_start(from - 1, &self.sa.mentions);
        }
        let after_from = c.map(|c| c.hit.end.max(m.end)).unwrap_or(m.end);
        let to = self.after_window(after_from);
        let names_in = |range: std::ops::Range<usize>| {
            let mut names: Vec<String> = self
                .hits()
                .iter()
                .filter(|h| h.start >= range.start && h.end <= range.end)
                .filter_map(|h| match self.role(h) {
                    Some(Role::ClassTerm(cl, term)) if cl == class => {
                        self.catalogue.canonical(cl, term).map(str::to_string)
                    }
                    _ => None,
                })
                .collect();
            names.sort();
            names.dedup();
            names
        };
        // The name before the figure wins (`VNPT 21 trạm và MobiFone 12
        // trạm`); after it only when none comes before (`05 trạm của Viettel`).
        let mut names = names_in(from..qual);
        if names.is_empty() {
            names = names_in(after_from..to);
        }
        (names.len() == 1).then(|| names.remove(0))
    }

    /// A generic record for a figure no metric claims: (metric, subtype).
    fn generic(&self, m: &Mention, kind: ValueKind) -> Option<(String, Option<String>)> {
        let t = self.tokens();
        // `2 lần/ngày`, `3 buổi/tuần`: a frequency, not a count.
        if t.kind_is(m.end, TokenKind::Word)
            && self.punct(m.end + 1, "/")
            && self.cue_at(Cue::DurationAfter, m.end + 2).is_some()
        {
            return None;
        }
        match kind {
            ValueKind::Percent => {
                let mut k = m.end;
                while t.word_is(k, "số") || t.word_is(k, "các") {
                    k += 1;
                }
                let noun = self.noun_phrase(k).or_else(|| self.label_phrase(m));
                Some(("percentage".into(), noun))
            }
            ValueKind::Count | ValueKind::Ratio => {
                let noun = self.noun_phrase(m.end);
                let label = self.label_phrase(m);
                match (noun, label) {
                    // `thuê bao truyền hình trả tiền khoảng 185 nghìn thuê bao`:
                    // the label says more than the repeated head noun.
                    (Some(n), Some(l))
                        if crate::token::fold_phrase(&l)
                            .starts_with(&crate::token::fold_phrase(&n)) =>
                    {
                        Some(("quantity".into(), Some(l)))
                    }
                    (Some(n), _) => Some(("quantity".into(), Some(n))),
                    (None, Some(l)) => Some(("quantity".into(), Some(l))),
                    (None, None) => None,
                }
            }
            ValueKind::Money | ValueKind::Length | ValueKind::Density => {
                let noun = self.noun_phrase(m.end).or_else(|| self.label_phrase(m));
                Some(("quantity".into(), noun))
            }
            _ => None,
        }
    }

    /// The counted noun phrase starting at `k`: up to six words, stopping at
    /// punctuation, numbers, function words, cue words and verbs
    /// (`02 cuộc họp báo định kỳ`, `03 đại lý Internet công cộng`).
    fn noun_phrase(&self, k: usize) -> Option<String> {
        let t = self.tokens();
        // A catalogue noun starting here is kept whole (`100% điểm lõm sóng`).
        let term_end = self
            .hits()
            .iter()
            .filter(|h| h.start == k && matches!(self.role(h), Some(Role::Term(_) | Role::Noun(_))))
            .map(|h| h.end)
            .max()
            .unwrap_or(k);
        let mut end = k;
        while end < t.len() && end < k + 6 {
            if !t.kind_is(end, TokenKind::Word) {
                break;
            }
            if end < term_end {
                end += 1;
                continue;
            }
            // The first word is the noun whatever else it is (`100% chỉ tiêu`).
            let stop = self.is_function_word(end)
                || (end > k
                    && (self.starts_cue_only(end)
                        || self.is_stop_cue(end)
                        || self.starts_verb(end)));
            if stop {
                break;
            }
            end += 1;
        }
        // Not inside a compound word: `… thông tin cơ sở` cut after `cơ`
        // backs off to `… thông tin`.
        while end > k + 1
            && end < t.len()
            && t.kind_is(end, TokenKind::Word)
            && self.catalogue.is_compound(t.key(end - 1), t.key(end))
        {
            end -= 1;
        }
        (end > k).then(|| self.text_of(k, end))
    }

    /// Whether some metric's verb starts at `k` (`… xã được hỗ trợ`).
    fn starts_verb(&self, k: usize) -> bool {
        self.starting_at(k).any(|h| {
            matches!(
                self.role(h),
                Some(Role::Verb(_) | Role::VerbAfter(_) | Role::NotVerb(_) | Role::NotVerbAfter(_))
            )
        })
    }

    fn is_stop_cue(&self, k: usize) -> bool {
        [
            Cue::Target,
            Cue::Estimate,
            Cue::ScopeNew,
            Cue::ScopeTotal,
            Cue::LevelAfter,
            Cue::DurationAfter,
        ]
        .iter()
        .any(|&c| self.cue_at(c, k).is_some())
            || self.starting_at(k).any(|h| {
                matches!(
                    self.role(h),
                    Some(Role::Verb(_) | Role::VerbAfter(_) | Role::NotVerb(_))
                )
            })
    }

    /// The label before a figure (`Số lượt truy cập đạt 1.234` → `lượt truy cập`).
    fn label_phrase(&self, m: &Mention) -> Option<String> {
        let t = self.tokens();
        let qual = self.qualifier_start(m.start);
        let start = self.local_start(qual, &self.sa.mentions);
        let mut b = qual;
        while b > start
            && (self.is_function_word(b - 1)
                || !t.kind_is(b - 1, TokenKind::Word)
                || self.cue_ending(Cue::StatedRate, b).is_some()
                || self.cue_ending(Cue::ScopeTotal, b).is_some())
        {
            b -= 1;
        }
        // At most ten words, not starting inside a compound word.
        let mut a = start.max(b.saturating_sub(10));
        while a > start && a < b && self.catalogue.is_compound(t.key(a - 1), t.key(a)) {
            a += 1;
        }
        // A label starts after a period or date in its way (`phấn đấu đến
        // cuối năm 2024 nâng lên 88%` has none).
        if let Some(end) = self
            .sa
            .mentions
            .iter()
            .filter(|p| matches!(p.kind, MentionKind::Period(_) | MentionKind::Date(_)))
            .filter(|p| p.start >= a && p.start < b)
            .map(|p| p.end)
            .max()
        {
            a = end;
        }
        // Drop leading connectives and cue words (`phấn đấu`, `trong đó`),
        // then `tỷ lệ X` → `X`; `số lượng X`, `tổng số X` → `X`.
        let lead = |a: usize| {
            ["tỷ lệ", "số lượng", "tổng số", "số"]
                .into_iter()
                .find_map(|lead| {
                    let keys = crate::token::fold_phrase(lead);
                    (b > a + keys.len() && keys.iter().enumerate().all(|(j, k)| t.key(a + j) == k))
                        .then_some(keys.len())
                })
        };
        while a < b {
            if let Some(n) = lead(a) {
                a += n;
                break;
            }
            let strip = self.is_function_word(a)
                || self.starts_cue_only(a)
                || self.is_stop_cue(a)
                || !t.kind_is(a, TokenKind::Word);
            if !strip {
                break;
            }
            a += [Cue::Breakdown, Cue::Target]
                .into_iter()
                .find_map(|cue| self.cue_at(cue, a))
                .map(|h| h.end - h.start)
                .unwrap_or(1);
        }
        (b > a).then(|| self.text_of(a, b))
    }
}

fn value_kind_unit_matches(unit: &str, kind: ValueKind) -> bool {
    match kind {
        ValueKind::Money => unit == "VND" || unit == "USD",
        ValueKind::Length => unit == "km",
        _ => false,
    }
}

/// The numeric value of a value mention.
fn mention_value(kind: &MentionKind) -> f64 {
    match kind {
        MentionKind::Quantity(q) => q.value,
        MentionKind::Ratio { value, .. } => *value,
        MentionKind::Rank { rank, .. } => *rank,
        _ => f64::NAN,
    }
}

/// The unit a record carries.
fn record_unit(catalogue: &Catalogue, metric_unit: &str, kind: &MentionKind) -> String {
    match kind {
        MentionKind::Quantity(q) => {
            if let Some((base, _, _)) = q.density {
                return match base {
                    DensityBase::Inhabitants => "per_100_inhabitants".into(),
                    DensityBase::Households => "per_100_households".into(),
                };
            }
            match q.unit {
                QuantityUnit::Unit(u) => catalogue
                    .unit(u)
                    .map(|u| u.name.clone())
                    .unwrap_or_default(),
                QuantityUnit::Duration => "duration".into(),
                QuantityUnit::None => {
                    if metric_unit == "per_100" {
                        "per_100_inhabitants".into()
                    } else if metric_unit.is_empty() {
                        "count".into()
                    } else if metric_unit == "VND" && q.scaled {
                        "VND".into()
                    } else {
                        metric_unit.to_string()
                    }
                }
            }
        }
        MentionKind::Rank { .. } => "rank".into(),
        _ => {
            if metric_unit.is_empty() {
                "count".into()
            } else {
                metric_unit.to_string()
            }
        }
    }
}

fn qualifier_name(q: Qualifier) -> String {
    match q {
        Qualifier::Over => "over",
        Qualifier::Under => "under",
        Qualifier::Approx => "approx",
        Qualifier::AtMost => "at_most",
        Qualifier::AtLeast => "at_least",
    }
    .to_string()
}

/// Collapses white space runs to single spaces.
/// Evidence longer than this is cut to the figure's clause, then to a window around it.
const MAX_EVIDENCE_BYTES: usize = 600;

/// The evidence of a figure at `span` in `sentence`: the sentence, or when it
/// is very long the clause (between semicolons) holding the figure, or a
/// window of words around it marked with `…` — so that no record carries
/// kilobytes of text and output stays proportional to input.
pub(crate) fn evidence(doc: &Document, outline: &Outline, sentence: Span, span: Span) -> String {
    if sentence.len() <= MAX_EVIDENCE_BYTES {
        return collapse(&outline.text_without_gaps(doc, sentence));
    }
    let text = &doc.text;
    let (a, b) = (
        span.start.clamp(sentence.start, sentence.end),
        span.end.clamp(sentence.start, sentence.end),
    );
    let clause_start = text
        .get(sentence.start..a)
        .and_then(|s| s.rfind(';'))
        .map(|i| sentence.start + i + 1)
        .unwrap_or(sentence.start);
    let clause_end = text
        .get(b..sentence.end)
        .and_then(|s| s.find(';'))
        .map(|i| b + i + 1)
        .unwrap_or(sentence.end);
    if clause_end - clause_start <= MAX_EVIDENCE_BYTES {
        return collapse(&outline.text_without_gaps(doc, Span::new(clause_start, clause_end)));
    }
    let half = MAX_EVIDENCE_BYTES / 2;
    let mut from = a.saturating_sub(half).max(clause_start);
    while from > clause_start && !text.is_char_boundary(from) {
        from -= 1;
    }
    if from > clause_start {
        // Start at a word.
        from = text
            .get(from..a)
            .and_then(|s| s.find(char::is_whitespace))
            .map(|i| from + i)
            .unwrap_or(from);
    }
    let mut to = (b + half).min(clause_end);
    while to < clause_end && !text.is_char_boundary(to) {
        to += 1;
    }
    if to < clause_end {
        to = text
            .get(b..to)
            .and_then(|s| s.rfind(char::is_whitespace))
            .map(|i| b + i)
            .unwrap_or(to);
    }
    let body = collapse(&outline.text_without_gaps(doc, Span::new(from, to)));
    let lead = if from > clause_start { "… " } else { "" };
    let tail = if to < clause_end { " …" } else { "" };
    format!("{lead}{body}{tail}")
}

/// Folds runs of white space to one space; a line break after a hyphen
/// inside a code (`3049/BC-` ⏎ `STTTT`) disappears, as Vietnamese never
/// hyphenates words at a line end.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut words = s.split_whitespace().peekable();
    let mut gaps = s
        .split(|c: char| !c.is_whitespace())
        .filter(|g| !g.is_empty())
        .skip(usize::from(s.starts_with(char::is_whitespace)));
    while let Some(w) = words.next() {
        out.push_str(w);
        let gap = gaps.next().unwrap_or(" ");
        if let Some(next) = words.peek() {
            let mut before = w.chars().rev();
            let code_break = gap.contains('\n')
                && before.next() == Some('-')
                && before.next().is_some_and(|c| c.is_alphanumeric())
                && next.starts_with(|c: char| c.is_uppercase());
            if !code_break {
                out.push(' ');
            }
        }
    }
    out
}

/// Status default when nothing in the text says otherwise.
pub(crate) fn default_status(plan_document: bool) -> Status {
    if plan_document {
        Status::Target
    } else {
        Status::Actual
    }
}

#[cfg(test)]
mod tests {
    use super::collapse;

    #[test]
    fn collapse_folds_space_and_rejoins_codes_broken_after_a_hyphen() {
        assert_eq!(
            collapse("  Ban  hành\n 27\tQuyết định "),
            "Ban hành 27 Quyết định"
        );
        assert_eq!(
            collapse("báo cáo số 3049/BC-\nSTTTT về việc"),
            "báo cáo số 3049/BC-STTTT về việc"
        );
        // Not across a plain space, nor before a lower-case word, nor after a dash.
        assert_eq!(collapse("BC- STTTT"), "BC- STTTT");
        assert_eq!(collapse("kinh tế -\nxã hội"), "kinh tế - xã hội");
        assert_eq!(collapse("BC-\nvề"), "BC- về");
        assert_eq!(collapse(""), "");
    }
}
