//! Context of a figure: status (section heading first, then the clause),
//! scope and period.

use super::SentenceMatcher;
use crate::catalogue::{Catalogue, Cue, Role};
use crate::document::Span;
use crate::recognize::{self, Mention, MentionKind, Period};
use crate::record::{Scope, Status};
use crate::segment::Outline;
use crate::token::Tokens;

/// What a section heading says about the figures under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionStatus {
    /// Results (`Kết quả`, `Tình hình thực hiện`).
    Actual,
    /// Plans (`Phương hướng`, `Nhiệm vụ năm tới`, `Kế hoạch năm`).
    Target,
    /// The heading says neither.
    Unknown,
}

/// The status each section gives, inherited down the heading tree.
pub(super) fn section_statuses(
    outline: &Outline,
    catalogue: &Catalogue,
    doc_year: Option<i32>,
) -> Vec<SectionStatus> {
    let mut out: Vec<SectionStatus> = Vec::with_capacity(outline.sections.len());
    for section in &outline.sections {
        let own = title_status(&section.title, catalogue, doc_year);
        let status = match own {
            SectionStatus::Unknown => section
                .parent
                .and_then(|p| out.get(p).copied())
                .unwrap_or(SectionStatus::Unknown),
            s => s,
        };
        out.push(status);
    }
    out
}

/// What a heading's own words say: the first status cue decides.
pub(crate) fn title_status(
    title: &str,
    catalogue: &Catalogue,
    doc_year: Option<i32>,
) -> SectionStatus {
    let tokens = Tokens::new(title, Span::new(0, title.len()));
    let hits = catalogue.dict.scan(&tokens);
    let mut first: Option<(usize, SectionStatus)> = None;
    for h in &hits {
        let s = match catalogue.dict.role(h.entry) {
            Some(Role::Cue(Cue::TargetSection)) => SectionStatus::Target,
            Some(Role::Cue(Cue::ActualSection)) => SectionStatus::Actual,
            _ => continue,
        };
        if first.is_none_or(|(start, _)| h.start < start) {
            first = Some((h.start, s));
        }
    }
    if let Some((_, s)) = first {
        return s;
    }
    // `Nhiệm vụ năm 2024` in a report about 2023 is a plan.
    let tasks = crate::token::fold("nhiệm");
    if let Some(year) = doc_year
        && (0..tokens.len()).any(|i| tokens.key(i) == tasks)
        && (0..tokens.len())
            .any(|i| recognize::date::year_value(&tokens, i).is_some_and(|y| y > year))
    {
        return SectionStatus::Target;
    }
    SectionStatus::Unknown
}

/// The status of a figure.
pub(super) fn status(sm: &SentenceMatcher, m: &Mention, section: Option<usize>) -> Status {
    let section_status = section
        .and_then(|s| sm.statuses.get(s).copied())
        .unwrap_or(SectionStatus::Unknown);
    let limit = sm.qualifier_start(m.start);
    // `(hiện còn 45 điểm)` in a list of targets is the present state.
    if sm.cue_ending(Cue::CurrentState, limit).is_some() {
        return Status::Actual;
    }
    if section_status == SectionStatus::Target {
        return Status::Target;
    }
    // The words right before the figure decide first: `ước thực hiện
    // 1.847,5 tỷ`, `kế hoạch 40%`, `chỉ tiêu: 80%`, `thực hiện 31,9%`.
    let mut k = limit;
    while k > 0 && sm.punct(k - 1, ":") {
        k -= 1;
    }
    if sm.cue_ending(Cue::Estimate, k).is_some() {
        return Status::Estimate;
    }
    if sm.cue_ending(Cue::PlanReference, k).is_some() {
        return Status::Target;
    }
    if sm.cue_ending(Cue::ImmediateActual, k).is_some() {
        return Status::Actual;
    }
    // Then the nearest cue in the figure's own clause; a cue in an earlier
    // clause carries over when it is a target (`phấn đấu …; tỷ lệ … đạt
    // 50%`) unless this clause says `đã`, or when it opens the sentence
    // (`Ước thực hiện đến ngày 30/6, … ; đã giải quyết 39.876 hồ sơ`).
    let clause = sm.clause_start(m.start);
    let past = sm.hits().iter().any(|h| {
        h.start >= clause
            && h.end <= limit
            && sm.role(h) == Some(Role::Cue(Cue::PredicateMarker))
            && crate::token::key_is(sm.tokens().key(h.start), "đã")
    });
    let mut best: Option<(usize, usize, Status)> = None;
    for h in sm.hits() {
        if h.end > limit {
            continue;
        }
        let s = match sm.role(h) {
            Some(Role::Cue(Cue::Target)) => Status::Target,
            Some(Role::Cue(Cue::Estimate)) => Status::Estimate,
            Some(Role::Cue(Cue::Actual)) => Status::Actual,
            _ => continue,
        };
        // `6/8 chỉ tiêu đạt`: a cue word counted by a figure is its noun;
        // `so với các chỉ tiêu`: a target word inside an actual cue is not one.
        if s == Status::Target
            && (sm
                .sa
                .mentions
                .iter()
                .any(|p| p.end == h.start && p.is_value())
                || sm.hits().iter().any(|o| {
                    o.start <= h.start
                        && o.end >= h.end
                        && o.end - o.start > h.end - h.start
                        && sm.role(o) == Some(Role::Cue(Cue::Actual))
                }))
        {
            continue;
        }
        let eligible = h.start >= clause
            || match s {
                Status::Target => !past,
                Status::Estimate => h.start <= 2,
                Status::Actual => false,
            };
        if !eligible {
            continue;
        }
        let key = (h.end, h.end - h.start);
        if best.is_none_or(|(e, l, _)| key > (e, l)) {
            best = Some((h.end, h.end - h.start, s));
        }
    }
    if let Some((_, _, s)) = best {
        return s;
    }
    match section_status {
        SectionStatus::Actual => Status::Actual,
        _ => super::default_status(sm.outline.plan_document),
    }
}

/// The scope a figure's clause gives it.
/// Only cues in the figure's own clause count; amounts of money take a
/// scope only from cumulative cues (`lũy kế`).
pub(super) fn scope(sm: &SentenceMatcher, m: &Mention, money: bool) -> Option<Scope> {
    let limit = sm.qualifier_start(m.start);
    // A cue in an earlier clause carries over a list (`toàn tỉnh có … thuê bao
    // di động; 312,5 nghìn thuê bao Internet`) unless this clause has a verb
    // of its own (`…; thuê bao băng rộng di động đạt 710 nghìn`).
    let from = own_clause_start(sm, m, limit);
    let mut best: Option<(usize, usize, Scope)> = None;
    for h in sm.hits() {
        if h.end > limit || h.start < from {
            continue;
        }
        let s = match sm.role(h) {
            Some(Role::Cue(Cue::ScopeNew)) if !money => Scope::New,
            Some(Role::Cue(Cue::ScopeTotal)) if !money => Scope::Total,
            Some(Role::Cue(Cue::Cumulative)) => Scope::Total,
            _ => continue,
        };
        let key = (h.end, h.end - h.start);
        if best.is_none_or(|(e, l, _)| key > (e, l)) {
            best = Some((h.end, h.end - h.start, s));
        }
    }
    best.map(|(_, _, s)| s)
}

/// Where cues for figure `m` may start: the sentence start, or its own
/// clause when the clause has a predicate of its own (a verb, `đạt`, `đã`).
pub(super) fn own_clause_start(sm: &SentenceMatcher, m: &Mention, limit: usize) -> usize {
    let clause = sm.clause_start(m.start);
    let own_verb = sm.hits().iter().any(|h| {
        h.start >= clause
            && h.end <= limit
            && matches!(
                sm.role(h),
                Some(
                    Role::Verb(_)
                        | Role::Cue(
                            Cue::StatedRate
                                | Cue::ScopeNew
                                | Cue::ScopeTotal
                                | Cue::PredicateMarker
                                | Cue::Target
                                | Cue::Estimate
                        )
                )
            )
    });
    if own_verb { clause } else { 0 }
}

fn period_of(kind: &MentionKind) -> Option<Period> {
    match kind {
        MentionKind::Period(p) => Some(*p),
        MentionKind::Date(d) => Some(Period::Day(*d)),
        _ => None,
    }
}

/// The period the sentence gives a figure: a sentence-opening adjunct
/// (`Năm 2023, …`, `Tính đến ngày 30/6/2023, …`), a preposition-led period
/// before it in its clause (`trong năm 2023`, `đến năm 2025`), or one right
/// after its noun phrase.
pub(super) fn period(
    sm: &SentenceMatcher,
    m: &Mention,
    claim: Option<&super::Claim>,
) -> Option<String> {
    let mentions = &sm.sa.mentions;
    let t = sm.tokens();
    let led = |p: &Mention| {
        let lead = [Cue::PeriodLead, Cue::AsOf].iter().any(|&c| {
            sm.cue_ending(c, p.start).is_some()
                || (p.start > 0 && sm.cue_ending(c, p.start - 1).is_some())
        });
        let compared = sm.cue_ending(Cue::Compared, p.start).is_some()
            || (p.start > 0 && sm.cue_ending(Cue::Compared, p.start - 1).is_some());
        lead && !compared
    };
    // Sentence opener.
    if let Some(first) = mentions.first()
        && let Some(p) = period_of(&first.kind)
        && first.start <= 4
        && first.end <= m.start
        && (sm.punct(first.end, ",") || led(first))
        && (0..first.start).all(|k| !sm.punct(k, ",;"))
    {
        return p.canonical(sm.default_year);
    }
    let clause = sm.clause_start(m.start);
    let before = mentions
        .iter()
        .filter(|p| p.start >= clause && p.end <= m.start && led(p))
        .filter_map(|p| period_of(&p.kind))
        .next_back();
    if let Some(p) = before {
        return p.canonical(sm.default_year);
    }
    let from = claim.map(|c| c.hit.end.max(m.end)).unwrap_or(m.end);
    let window = sm.after_window(from) + 3;
    mentions
        .iter()
        .filter(|p| p.start >= from && p.start <= window.min(t.len()) && led(p))
        .find_map(|p| period_of(&p.kind))
        .and_then(|p| p.canonical(sm.default_year))
}
