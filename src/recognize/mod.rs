//! Stage 4: finds typed mentions in every sentence of an [`Outline`]:
//! quantities (with scale words, units, qualifiers and ranges), x/y ratios,
//! ranks, dates, periods, document references, and the numbers that are not
//! quantities at all (`Covid-19`, `4G`, `mức độ 3, 4`, `Điều 10`, phone
//! numbers), which are recorded as blocked so nothing later mistakes them.
//!
//! Every sentence is tokenised once and scanned once against the whole
//! catalogue dictionary; the hits are kept for the matcher.

pub mod date;
pub mod number;
pub mod reference;
pub mod spelled;

use serde::Serialize;

use crate::catalogue::{Catalogue, Cue, Hit, Role};
use crate::document::{Document, Warning};
use crate::segment::Outline;
use crate::token::{TokenKind, Tokens, fold, key_is};
pub use date::{Date, Period};
pub use reference::RawReference;

/// A qualifier written before a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// `hơn`, `trên`, `vượt`.
    Over,
    /// `gần`.
    Under,
    /// `khoảng`, `xấp xỉ`, `chừng`, `trên dưới`.
    Approx,
    /// `dưới`, `không quá`, `tối đa`.
    AtMost,
    /// `ít nhất`, `tối thiểu`, `từ … trở lên`.
    AtLeast,
}

/// What follows a number as its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantityUnit {
    /// No unit: a count of the noun that follows.
    None,
    /// A catalogue unit (index).
    Unit(u16),
    /// A duration (`03 ngày`, `6 tháng`).
    Duration,
}

/// What a per-100 density is per.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DensityBase {
    /// Per 100 inhabitants (`/100 dân`).
    Inhabitants,
    /// Per 100 households (`/100 hộ`).
    Households,
}

/// A number with what qualifies it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    /// The value, in the unit's base (km, VND, percent).
    pub value: f64,
    /// Upper end of a range.
    pub upper: Option<f64>,
    /// The unit.
    pub unit: QuantityUnit,
    /// A scale word was applied (`triệu`, `tỷ`).
    pub scaled: bool,
    /// The qualifier before it.
    pub qualifier: Option<Qualifier>,
    /// Written in words.
    pub spelled: bool,
    /// Written in foreign style (`0.8253`).
    pub foreign: bool,
    /// A density: per 100 of this base, with the noun's tokens.
    pub density: Option<(DensityBase, usize, usize)>,
    /// Token after the number and its scale word (where the unit or noun starts).
    pub number_end: usize,
}

/// Why a number is not a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Blocked {
    /// Part of a name or identifier (`Covid-19`, `Điều 10`, `số 07`).
    Identifier,
    /// A level or grade (`mức độ 3`, `4 cấp`).
    Level,
    /// An ordinal or session number (`lần thứ 2`).
    Ordinal,
    /// A phone number.
    Phone,
    /// A clock time or standard number (`10:56`, `9001:2015`).
    Time,
    /// Digits that form no number (`1.2.3`).
    Code,
    /// A technology or model tag (`4G`, `3D`).
    Technology,
    /// The `100` of `/100 dân`.
    PerHundredBase,
    /// A part of a total larger than the total (`12/8 xã`).
    BadRatio,
    /// A multiplier (`gấp 2 lần`).
    Multiplier,
}

/// One mention's payload.
#[derive(Debug, Clone, PartialEq)]
pub enum MentionKind {
    /// A quantity.
    Quantity(Quantity),
    /// Part of a total (`09/09 nhiệm vụ`).
    Ratio {
        /// The part.
        value: f64,
        /// The total.
        total: f64,
        /// Qualifier before it.
        qualifier: Option<Qualifier>,
    },
    /// A rank (`xếp thứ 21/63`).
    Rank {
        /// The rank.
        rank: f64,
        /// Field size, when given.
        of: Option<f64>,
    },
    /// A date.
    Date(Date),
    /// A period.
    Period(Period),
    /// A document reference.
    Reference(RawReference),
    /// A number that is not a quantity.
    Blocked(Blocked),
}

/// A mention: its kind and token range `[start, end)` in its sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// What it is.
    pub kind: MentionKind,
    /// First token (the number itself, not a qualifier before it).
    pub start: usize,
    /// Token after its last token (including the unit).
    pub end: usize,
}

impl Mention {
    /// Whether the mention carries a value a record can take.
    pub fn is_value(&self) -> bool {
        match &self.kind {
            MentionKind::Quantity(q) => q.unit != QuantityUnit::Duration,
            MentionKind::Ratio { .. } | MentionKind::Rank { .. } => true,
            _ => false,
        }
    }
}

/// One analysed sentence.
#[derive(Debug, Clone)]
pub struct SentenceAnalysis {
    /// Index into [`Outline::sentences`].
    pub sentence: usize,
    /// Its tokens.
    pub tokens: Tokens,
    /// Every catalogue phrase found in it.
    pub hits: Vec<Hit>,
    /// Its mentions, in order.
    pub mentions: Vec<Mention>,
}

/// Stage 4 output.
#[derive(Debug, Clone, Default)]
pub struct Mentions {
    /// Analysed sentences (those that contain digits or number words).
    pub sentences: Vec<SentenceAnalysis>,
    /// Recogniser warnings (foreign number formats …).
    pub warnings: Vec<Warning>,
}

/// Recognises mentions in every sentence.
pub fn recognize(doc: &Document, outline: &Outline, catalogue: &Catalogue) -> Mentions {
    recognize_sentences(doc, outline, catalogue, 0..outline.sentences.len())
}

/// Recognises mentions in the sentences `range` of the outline (indexes
/// into [`Outline::sentences`]; out-of-range indexes are ignored), so a long
/// document can be analysed a batch at a time.
pub fn recognize_sentences(
    doc: &Document,
    outline: &Outline,
    catalogue: &Catalogue,
    range: std::ops::Range<usize>,
) -> Mentions {
    let mut out = Mentions::default();
    let start = range.start;
    let sentences = outline.sentences.get(range).unwrap_or_default();
    for (offset, sentence) in sentences.iter().enumerate() {
        let index = start + offset;
        let mut tokens = Tokens::new(&doc.text, sentence.span);
        // A page number between the halves of a sentence is not part of it.
        let gaps = outline.gaps(doc, sentence.span);
        if !gaps.is_empty() {
            tokens.list.retain(|tok| {
                !gaps
                    .iter()
                    .any(|g| g.start <= tok.start && tok.start < g.end)
            });
        }
        let (mut analysis, foreign) = analyse(&doc.text, tokens, catalogue);
        analysis.sentence = index;
        if foreign {
            out.warnings.push(Warning::new(
                "foreign_number_format",
                "a number uses a decimal point or comma grouping (foreign style); read as written",
                Some(doc.line_of(sentence.span.start)),
            ));
        }
        out.sentences.push(analysis);
    }
    out
}

/// Analyses one token list (a sentence, a header line or a title) whose
/// offsets point into `text`.
pub fn analyse_tokens(text: &str, tokens: Tokens, catalogue: &Catalogue) -> SentenceAnalysis {
    analyse(text, tokens, catalogue).0
}

fn analyse(text: &str, tokens: Tokens, catalogue: &Catalogue) -> (SentenceAnalysis, bool) {
    let hits = catalogue.dict.scan(&tokens);
    let mut scanner = Scanner {
        text,
        tokens: &tokens,
        hits: &hits,
        catalogue,
        mentions: Vec::new(),
        foreign: false,
    };
    scanner.run();
    let (mentions, foreign) = (scanner.mentions, scanner.foreign);
    (
        SentenceAnalysis {
            sentence: 0,
            tokens,
            hits,
            mentions,
        },
        foreign,
    )
}

struct Scanner<'a> {
    text: &'a str,
    tokens: &'a Tokens,
    hits: &'a [Hit],
    catalogue: &'a Catalogue,
    mentions: Vec<Mention>,
    foreign: bool,
}

impl Scanner<'_> {
    fn role(&self, hit: &Hit) -> Option<Role> {
        self.catalogue.dict.role(hit.entry).copied()
    }

    /// The longest cue hit of `cue` ending exactly at token `end`.
    fn cue_ending_at(&self, cue: Cue, end: usize) -> Option<Hit> {
        self.hits
            .iter()
            .filter(|h| h.end == end && self.role(h) == Some(Role::Cue(cue)))
            .max_by_key(|h| h.end - h.start)
            .copied()
    }

    /// The longest hit of `cue` starting at token `start`.
    fn cue_starting_at(&self, cue: Cue, start: usize) -> Option<Hit> {
        self.hits
            .iter()
            .filter(|h| h.start == start && self.role(h) == Some(Role::Cue(cue)))
            .max_by_key(|h| h.end - h.start)
            .copied()
    }

    fn unit_at(&self, start: usize) -> Option<(u16, usize)> {
        self.hits
            .iter()
            .filter(|h| h.start == start)
            .filter_map(|h| match self.role(h) {
                Some(Role::Unit(u)) => Some((u, h.end)),
                _ => None,
            })
            .max_by_key(|&(_, end)| end)
    }

    fn scale_at(&self, start: usize) -> Option<(u32, usize)> {
        self.hits
            .iter()
            .filter(|h| h.start == start)
            .filter_map(|h| match self.role(h) {
                Some(Role::Scale(e)) => Some((e, h.end)),
                _ => None,
            })
            .max_by_key(|&(_, end)| end)
    }

    /// A catalogue noun, or the head word of one (`trạm` of `trạm BTS`), starts at `start`.
    fn starts_metric_noun(&self, start: usize) -> bool {
        (self.catalogue.is_head_noun(self.key(start))
            && self.cue_starting_at(Cue::FunctionWord, start).is_none())
            || self.hits.iter().any(|h| {
                h.start == start
                    && matches!(self.role(h), Some(Role::Term(_)) | Some(Role::Noun(_)))
            })
    }

    fn qualifier_before(&self, start: usize) -> Option<Qualifier> {
        let table = [
            (Cue::QualifierApprox, Qualifier::Approx),
            (Cue::QualifierOver, Qualifier::Over),
            (Cue::QualifierUnder, Qualifier::Under),
            (Cue::QualifierAtMost, Qualifier::AtMost),
            (Cue::QualifierAtLeast, Qualifier::AtLeast),
        ];
        table
            .iter()
            .filter_map(|&(cue, q)| self.cue_ending_at(cue, start).map(|h| (h.end - h.start, q)))
            .max_by_key(|&(len, _)| len)
            .map(|(_, q)| q)
    }

    fn push(&mut self, kind: MentionKind, start: usize, end: usize) -> usize {
        self.mentions.push(Mention { kind, start, end });
        end.max(start + 1)
    }

    fn key(&self, i: usize) -> &str {
        self.tokens.key(i)
    }

    fn run(&mut self) {
        let n = self.tokens.len();
        let ngay = fold("ngày");
        let mut i = 0;
        while i < n {
            let kind = self.tokens.list[i].kind;
            i = match kind {
                TokenKind::Number => self.number_at(i),
                TokenKind::Word => {
                    if let Some((period, end)) = date::word_period(self.tokens, i) {
                        self.push(MentionKind::Period(period), i, end)
                    } else if self.key(i) == ngay
                        && let Some((d, end)) = date::spelled_date(self.tokens, i + 1)
                            .or_else(|| date::numeric_date(self.tokens, i + 1, true))
                    {
                        self.push(MentionKind::Date(d), i + 1, end)
                    } else if self.key(i) == ngay
                        && let Some(end) = date::spelled_date_shape(self.tokens, i + 1)
                    {
                        // An impossible date is no count of months.
                        self.push(MentionKind::Blocked(Blocked::Code), i + 1, end)
                    } else if let Some(next) = self.spelled_at(i) {
                        next
                    } else {
                        i + 1
                    }
                }
                TokenKind::Punct => i + 1,
            };
        }
    }

    fn spelled_at(&mut self, i: usize) -> Option<usize> {
        let sp = spelled::parse(self.tokens, i)?;
        let ordinal = self.cue_ending_at(Cue::OrdinalBefore, i).is_some();
        let single_ok = sp.words == 1
            && spelled::is_safe_single(self.key(i))
            && self.starts_metric_noun(sp.end);
        if ordinal || !(sp.structured || single_ok) {
            return None;
        }
        Some(self.finish_quantity(i, sp.value, sp.end, false, true, sp.value >= 1e6))
    }

    /// Handles the number token at `i`; returns the next token to look at.
    fn number_at(&mut self, i: usize) -> usize {
        let t = self.tokens;
        if let Some(r) = reference::parse(self.text, t, i) {
            let (start, end) = (r.start, r.end);
            return self.push(MentionKind::Reference(r), start, end);
        }
        // Glued to a word or symbol before: Covid-19, IPv6, 9001:2015, /100.
        if t.glued(i) {
            let prev_punct = |c: char| t.is_punct(i - 1, c);
            let after_word = t.kind_is(i - 1, TokenKind::Word);
            let after_word_hyphen =
                prev_punct('-') && i >= 2 && t.glued(i - 1) && t.kind_is(i - 2, TokenKind::Word);
            let blocked = if after_word || after_word_hyphen {
                Some(Blocked::Identifier)
            } else if prev_punct(':') {
                Some(Blocked::Time)
            } else if prev_punct('/') {
                Some(
                    if self.cue_starting_at(Cue::PerHundredBase, i + 1).is_some() {
                        Blocked::PerHundredBase
                    } else {
                        Blocked::Code
                    },
                )
            } else {
                None
            };
            if let Some(b) = blocked {
                let end = self.glued_run_end(i);
                return self.push(MentionKind::Blocked(b), i, end);
            }
        }
        if let Some((d, end)) = date::numeric_date(t, i, false) {
            return self.push(MentionKind::Date(d), i, end);
        }
        // `Chiều 6-1`, `sáng 18.6`: a date word before a glued day and month
        // (but `sáng 7-8 giờ`, `tối 2-3 người` are ranges of a unit or noun).
        if self.cue_ending_at(Cue::DateLead, i).is_some()
            && t.glued(i + 1)
            && t.glued(i + 2)
            && let Some((d, end)) = date::numeric_date(t, i, true)
            && self.cue_starting_at(Cue::DurationAfter, end).is_none()
            && !(t.is_punct(i + 1, '-')
                && d.day < d.month
                && (self.unit_at(end).is_some() || self.starts_metric_noun(end)))
        {
            return self.push(MentionKind::Date(d), i, end);
        }
        if let Some((p, end)) = date::month_year(t, i).or_else(|| date::count_period(t, i)) {
            return self.push(MentionKind::Period(p), i, end);
        }
        // `trước ngày 20 hằng tháng`: a day of the month, not a figure.
        if i > 0
            && t.word_is(i - 1, "ngày")
            && t.kind_is(i, TokenKind::Number)
            && t.key(i).parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
            && !t.glued(i + 1)
            && self.unit_at(i + 1).is_none()
            && !self.starts_metric_noun(i + 1)
        {
            return self.push(MentionKind::Blocked(Blocked::Time), i, i + 1);
        }
        if t.is_punct(i + 1, ':')
            && t.glued(i + 1)
            && t.kind_is(i + 2, TokenKind::Number)
            && t.glued(i + 2)
        {
            let mut end = self.glued_run_end(i);
            if matches!(self.key(end), "sa" | "ch" | "am" | "pm") {
                end += 1;
            }
            return self.push(MentionKind::Blocked(Blocked::Time), i, end);
        }
        // Before the literal: `0912.345.678` groups digits in no number convention.
        if self.after_phone_label(i) || self.phone_shaped(i) {
            let mut end = self.glued_run_end(i);
            while t.kind_is(end, TokenKind::Number) {
                end = self.glued_run_end(end);
            }
            return self.push(MentionKind::Blocked(Blocked::Phone), i, end);
        }
        let Some(lit) = number::parse(t, i) else {
            let end = self.glued_run_end(i);
            return self.push(MentionKind::Blocked(Blocked::Code), i, end);
        };
        // Slash forms: ratio, rank, day/month.
        if t.is_punct(lit.end, '/') && t.glued(lit.end) && t.glued(lit.end + 1) {
            if let Some(b) = number::parse(t, lit.end + 1) {
                return self.slash_form(i, lit, b);
            }
            let end = self.glued_run_end(i);
            return self.push(MentionKind::Blocked(Blocked::Code), i, end);
        }
        if lit.foreign {
            self.foreign = true;
        }
        // Words before that make it an identifier, rank, ordinal or level.
        if self.cue_ending_at(Cue::RankBefore, i).is_some() {
            let of = self.rank_field(lit.end);
            return self.push(
                MentionKind::Rank {
                    rank: lit.f64(),
                    of: of.map(|(v, _)| v),
                },
                i,
                of.map(|(_, e)| e).unwrap_or(lit.end),
            );
        }
        if self.cue_ending_at(Cue::OrdinalBefore, i).is_some() {
            return self.push(MentionKind::Blocked(Blocked::Ordinal), i, lit.end);
        }
        // `Đề án 06`, `Điều 10`; but `kế hoạch 40%` is a figure.
        if let Some(h) = self.cue_ending_at(Cue::IdentifierBefore, i)
            && !self.is_total_marker(h)
            && !self.is_tail_of_longer_phrase(h)
            && self.unit_at(lit.end).is_none()
            && self.scale_at(lit.end).is_none()
            && self.cue_ending_at(Cue::DenominatorLead, i).is_none()
        {
            let end = self.glued_run_end(i);
            return self.push(MentionKind::Blocked(Blocked::Identifier), i, end);
        }
        // `09 giờ 15`, `08 giờ 00`: clock times, not durations.
        let gio = fold("giờ");
        if let Some(v) = lit.small_int()
            && v <= 24
            && t.is_word(lit.end, &gio)
            && let Some(minutes) = number::parse(t, lit.end + 1).and_then(|l| l.small_int())
            && minutes < 60
            && number::parse(t, lit.end + 1).is_some_and(|l| l.plain)
        {
            let mut end = lit.end + 2;
            if t.word_is(end, "phút") {
                end += 1;
            }
            return self.push(MentionKind::Blocked(Blocked::Time), i, end);
        }
        // `gấp 2 lần`: a multiplier.
        if self
            .cue_ending_at(Cue::Multiplier, self.qualifier_start_of(i))
            .is_some()
        {
            let mut end = lit.end;
            if t.word_is(end, "lần") {
                end += 1;
            }
            return self.push(MentionKind::Blocked(Blocked::Multiplier), i, end);
        }
        // `từ 27 đến 29/9/2022`: the first day of a date range.
        if let Some(day) = lit.small_int()
            && (1..=31).contains(&day)
            && let Some(h) = self.cue_starting_at(Cue::RangeJoin, lit.end)
            && let Some((to, _)) = date::numeric_date(t, h.end, true)
            && let Some(from) = Date::new(to.year, to.month, day as u32)
        {
            return self.push(MentionKind::Date(from), i, lit.end);
        }
        // `mức độ 3, 4` and `cấp 2` are levels; `cấp 06 giấy phép` (a leading
        // zero, a counted noun after) is a count.
        let small_int = lit.small_int().filter(|&v| v <= 10);
        let counted =
            t.key(i).starts_with('0') && t.key(i).len() > 1 || self.starts_metric_noun(lit.end);
        if small_int.is_some()
            && !counted
            && (self.cue_ending_at(Cue::LevelBefore, i).is_some() || self.continues_level_list(i))
            && self.unit_at(lit.end).is_none()
        {
            return self.push(MentionKind::Blocked(Blocked::Level), i, lit.end);
        }
        if let Some(h) = self.cue_starting_at(Cue::LevelAfter, lit.end)
            && small_int.is_some()
            && self.ends_phrase(h.end)
        {
            return self.push(MentionKind::Blocked(Blocked::Level), i, h.end);
        }
        // A bare year.
        if lit.plain
            && let Some(y) = date::year_value(t, i)
            && self.scale_at(lit.end).is_none()
            && self.unit_at(lit.end).is_none()
        {
            return self.push(MentionKind::Period(Period::Year(y)), i, lit.end);
        }
        // Glued letters after: a unit (4.750km) or a tag (4G).
        if t.glued(lit.end)
            && t.kind_is(lit.end, TokenKind::Word)
            && self.unit_at(lit.end).is_none()
        {
            let end = self.glued_run_end(i);
            return self.push(MentionKind::Blocked(Blocked::Technology), i, end);
        }
        let mut value = lit.value;
        let mut j = lit.end;
        let mut scaled = false;
        if let Some((mut exp, mut end)) = self.scale_at(j) {
            // `triệu tỷ`: a larger scale word right after multiplies.
            let mut last = exp;
            while let Some((more, e)) = self.scale_at(end).filter(|&(m, _)| m > last) {
                exp += more;
                last = more;
                end = e;
            }
            value = value.scale(exp as i32);
            j = end;
            scaled = true;
            // `1 triệu 200 nghìn`.
            if let Some(rest) = number::parse(t, j)
                && let Some((exp2, end2)) = self.scale_at(rest.end)
                && exp2 < exp
            {
                let extra = rest.value.scale(exp2 as i32).to_f64();
                return self.finish_quantity(
                    i,
                    value.to_f64() + extra,
                    end2,
                    lit.foreign,
                    false,
                    true,
                );
            }
        }
        self.finish_quantity(i, value.to_f64(), j, lit.foreign, false, scaled)
    }

    /// Adds unit, density, range and qualifier to a number ending at `j`.
    fn finish_quantity(
        &mut self,
        i: usize,
        value: f64,
        j: usize,
        foreign: bool,
        spelled: bool,
        scaled: bool,
    ) -> usize {
        let t = self.tokens;
        let mut q = Quantity {
            value,
            upper: None,
            unit: QuantityUnit::None,
            scaled,
            qualifier: self.qualifier_before(i),
            spelled,
            foreign,
            density: None,
            number_end: j,
        };
        let mut end = j;
        // `98,7 TB/100 dân`: a density first, even when its noun looks like a unit.
        let density = self.density_after(j);
        if density.is_none()
            && let Some((u, uend)) = self.unit_at(j)
            && !(t.glued(uend) && t.kind_is(uend, TokenKind::Number))
        {
            let factor = self.catalogue.unit(u).map(|u| u.factor).unwrap_or(1.0);
            q.value = scale_by(q.value, factor);
            q.unit = QuantityUnit::Unit(u);
            end = uend;
        } else if self.cue_starting_at(Cue::DurationAfter, j).is_some() {
            q.unit = QuantityUnit::Duration;
        } else if let Some((base, noun_end, dend)) = density {
            q.density = Some((base, j, noun_end));
            end = dend;
        }
        // A range: `3% - 3,5%`, `từ 10 đến 15`, `01 - 05 ngày`.
        if let Some(h) = self.cue_starting_at(Cue::RangeJoin, end)
            && let Some(upper) = number::parse(t, h.end)
            && !date::is_bare_year(t, h.end)
        {
            let mut upper_value = upper.value;
            let mut uend = upper.end;
            if let Some((exp, e)) = self.scale_at(uend) {
                upper_value = upper_value.scale(exp as i32);
                uend = e;
                // `1.520 - 1.560 tỷ đồng`: the scale word covers both ends.
                if !q.scaled {
                    q.value = scale_by(q.value, 10f64.powi(exp as i32));
                    q.scaled = true;
                }
            }
            let mut upper_f = upper_value.to_f64();
            let mut ok = true;
            if let Some((u, e)) = self.unit_at(uend) {
                if QuantityUnit::Unit(u) == q.unit || q.unit == QuantityUnit::None {
                    let factor = self.catalogue.unit(u).map(|u| u.factor).unwrap_or(1.0);
                    upper_f = scale_by(upper_f, factor);
                    if q.unit == QuantityUnit::None {
                        q.value = scale_by(q.value, factor);
                        q.unit = QuantityUnit::Unit(u);
                    }
                    uend = e;
                } else {
                    ok = false;
                }
            } else if let QuantityUnit::Unit(u) = q.unit {
                let factor = self.catalogue.unit(u).map(|u| u.factor).unwrap_or(1.0);
                upper_f = scale_by(upper_f, factor);
            }
            if ok && upper_f > q.value {
                q.upper = Some(upper_f);
                if q.qualifier == Some(Qualifier::AtLeast) || self.is_tu_before(i) {
                    q.qualifier = None;
                }
                end = uend;
                if self.cue_starting_at(Cue::DurationAfter, end).is_some() {
                    q.unit = QuantityUnit::Duration;
                }
            }
        }
        // `từ 60% trở lên`.
        if q.upper.is_none() {
            for k in end..(end + 6).min(t.len()) {
                if t.kind_is(k, TokenKind::Punct) && matches!(t.key(k), "," | ";" | "." | "(") {
                    break;
                }
                if self.cue_starting_at(Cue::AtLeastAfter, k).is_some() {
                    q.qualifier = Some(Qualifier::AtLeast);
                    break;
                }
                if self.cue_starting_at(Cue::AtMostAfter, k).is_some() {
                    q.qualifier = Some(Qualifier::AtMost);
                    break;
                }
            }
        }
        self.push(MentionKind::Quantity(q), i, end)
    }

    fn is_tu_before(&self, i: usize) -> bool {
        i > 0 && self.tokens.word_is(i - 1, "từ")
    }

    /// `… thuê bao/100 dân` after a number: (base, noun end, end).
    fn density_after(&self, j: usize) -> Option<(DensityBase, usize, usize)> {
        let t = self.tokens;
        let mut k = j;
        while k < j + 6 && t.kind_is(k, TokenKind::Word) {
            k += 1;
        }
        if !(t.is_punct(k, '/') && t.kind_is(k + 1, TokenKind::Number) && t.key(k + 1) == "100") {
            return None;
        }
        let base = self.cue_starting_at(Cue::PerHundredBase, k + 2)?;
        let households = (base.start..base.end).any(|x| key_is(t.key(x), "hộ"));
        let kind = if households {
            DensityBase::Households
        } else {
            DensityBase::Inhabitants
        };
        Some((kind, k, base.end))
    }

    fn slash_form(&mut self, i: usize, a: number::Literal, b: number::Literal) -> usize {
        let t = self.tokens;
        let end = b.end;
        // A third part (`3/15/1`) is a code.
        if t.is_punct(end, '/') && t.glued(end) {
            let e = self.glued_run_end(i);
            return self.push(MentionKind::Blocked(Blocked::Code), i, e);
        }
        let (av, bv) = (a.f64(), b.f64());
        if self.cue_ending_at(Cue::RankBefore, i).is_some() {
            return self.push(
                MentionKind::Rank {
                    rank: av,
                    of: Some(bv),
                },
                i,
                end,
            );
        }
        let day_month = a.plain
            && b.plain
            && date::Date::new(None, bv as u32, av as u32).is_some()
            && bv.fract() == 0.0;
        let in_parens = i > 0 && t.is_punct(i - 1, '(') && t.is_punct(end, ')');
        let after_date_word = self.cue_ending_at(Cue::DateLead, i).is_some();
        if day_month
            && (after_date_word || in_parens)
            && let Some(d) = date::Date::new(None, bv as u32, av as u32)
        {
            return self.push(MentionKind::Date(d), i, end);
        }
        if av == 24.0 && bv == 7.0 {
            return self.push(MentionKind::Blocked(Blocked::Code), i, end);
        }
        let qualifier = self.qualifier_before(i);
        // `10/10` with no counted noun after it and nothing before it that
        // makes it a figure (`hoàn thành 09/09`, `đạt 3/4`) is a day and month.
        if day_month
            && !self.starts_noun(end)
            && !self.figure_context_before(self.qualifier_start_of(i))
            && let Some(d) = date::Date::new(None, bv as u32, av as u32)
        {
            return self.push(MentionKind::Date(d), i, end);
        }
        if av > bv || bv == 0.0 {
            return self.push(MentionKind::Blocked(Blocked::BadRatio), i, end);
        }
        self.push(
            MentionKind::Ratio {
                value: av,
                total: bv,
                qualifier,
            },
            i,
            end,
        )
    }

    /// Where a qualifier before token `i` starts (or `i`).
    fn qualifier_start_of(&self, i: usize) -> usize {
        [
            Cue::QualifierApprox,
            Cue::QualifierOver,
            Cue::QualifierUnder,
            Cue::QualifierAtMost,
            Cue::QualifierAtLeast,
        ]
        .iter()
        .filter_map(|&c| self.cue_ending_at(c, i).map(|h| h.start))
        .min()
        .unwrap_or(i)
    }

    /// A verb, label or rate word right before token `k` marks a figure.
    fn figure_context_before(&self, k: usize) -> bool {
        self.hits.iter().any(|h| {
            h.end == k
                && matches!(
                    self.role(h),
                    Some(
                        Role::Verb(_)
                            | Role::NotVerb(_)
                            | Role::Term(_)
                            | Role::Noun(_)
                            | Role::Cue(
                                Cue::StatedRate
                                    | Cue::Increase
                                    | Cue::Decrease
                                    | Cue::ScopeNew
                                    | Cue::ScopeTotal
                                    | Cue::Target
                                    | Cue::Estimate
                                    | Cue::Actual
                            )
                    )
                )
        }) || (k > 0 && self.tokens.is_punct(k - 1, ':'))
    }

    /// Whether a counted noun starts at `k` (a word that is not a function word).
    fn starts_noun(&self, k: usize) -> bool {
        self.tokens.kind_is(k, TokenKind::Word)
            && self.cue_starting_at(Cue::FunctionWord, k).is_none()
    }

    /// `/63` or `trên 63` after a rank.
    fn rank_field(&self, j: usize) -> Option<(f64, usize)> {
        let t = self.tokens;
        if t.is_punct(j, '/') && t.glued(j) {
            let b = number::parse(t, j + 1)?;
            return Some((b.f64(), b.end));
        }
        if t.word_is(j, "trên") {
            // `xếp thứ 21 trên 63`, `trên tổng số 63`, `trên tổng số 63 tỉnh, thành phố`.
            let mut k = j + 1;
            if t.word_is(k, "tổng") && t.word_is(k + 1, "số") {
                k += 2;
            }
            let b = number::parse(t, k).filter(|b| b.small_int().is_some())?;
            return Some((b.f64(), b.end));
        }
        None
    }

    /// `tổng số 1.318` — `số` here means "number of", not an identifier; in
    /// `chuyển đổi số: 20` it means "digital".
    fn is_total_marker(&self, h: Hit) -> bool {
        self.cue_ending_at(Cue::DigitalCompound, h.start + 1)
            .is_some()
            || self.cue_ending_at(Cue::DigitalCompound, h.end).is_some()
            || h.start > 0
                && (self.cue_ending_at(Cue::ScopeTotal, h.end).is_some()
                    || self.tokens.word_is(h.start - 1, "con")
                    || self.tokens.word_is(h.start - 1, "tổng"))
    }

    /// `chỉnh trang 12,5km`: the cue word (`trang`, page) is the end of a
    /// longer phrase (a verb, a term), so it is not the cue.
    fn is_tail_of_longer_phrase(&self, h: Hit) -> bool {
        self.hits.iter().any(|o| {
            o.start < h.start
                && o.end == h.end
                && self.role(o) != Some(Role::Cue(Cue::IdentifierBefore))
        })
    }

    /// `mức độ 3, 4` / `mức độ 3 và 4`: the 4 continues a level list.
    fn continues_level_list(&self, i: usize) -> bool {
        let t = self.tokens;
        if i < 2 {
            return false;
        }
        let sep = t.is_punct(i - 1, ',') || t.is_punct(i - 1, '-') || t.word_is(i - 1, "và");
        sep && self
            .mentions
            .last()
            .is_some_and(|m| m.end == i - 1 && m.kind == MentionKind::Blocked(Blocked::Level))
    }

    /// A phrase ends at `k`: end of sentence, punctuation or a function word.
    fn ends_phrase(&self, k: usize) -> bool {
        let t = self.tokens;
        k >= t.len()
            || t.kind_is(k, TokenKind::Punct)
            || self.cue_starting_at(Cue::FunctionWord, k).is_some()
    }

    /// `Điện thoại 0259…`, `Hotline: 1800…`: a phone label, maybe with a colon, before `i`.
    fn after_phone_label(&self, i: usize) -> bool {
        self.cue_ending_at(Cue::PhoneBefore, i).is_some()
            || i > 0
                && self.tokens.is_punct(i - 1, ':')
                && self.cue_ending_at(Cue::PhoneBefore, i - 1).is_some()
    }

    /// `0259.3822.123`, `0918 123 456`: phone-shaped digit groups.
    fn phone_shaped(&self, i: usize) -> bool {
        let t = self.tokens;
        if !t.key(i).starts_with('0') || t.key(i).len() < 3 {
            return false;
        }
        let mut digits = 0;
        let mut k = i;
        while k < t.len() && (t.kind_is(k, TokenKind::Number) || (t.is_punct(k, '.') && t.glued(k)))
        {
            if t.kind_is(k, TokenKind::Number) {
                digits += t.key(k).len();
            }
            k += 1;
        }
        digits >= 9
    }

    /// The end of the run of tokens glued to token `i` (letters, digits, `.,/:-`).
    fn glued_run_end(&self, i: usize) -> usize {
        let t = self.tokens;
        let mut k = i + 1;
        while k < t.len() && t.glued(k) {
            let ok = match t.list[k].kind {
                TokenKind::Number | TokenKind::Word => true,
                TokenKind::Punct => {
                    matches!(t.key(k), "." | "," | "/" | ":" | "-")
                        && t.glued(k + 1)
                        && matches!(
                            t.get(k + 1).map(|x| x.kind),
                            Some(TokenKind::Number | TokenKind::Word)
                        )
                }
            };
            if !ok {
                break;
            }
            k += 1;
        }
        k
    }
}

fn scale_by(value: f64, factor: f64) -> f64 {
    if factor == 1.0 {
        return value;
    }
    let raw = value * factor;
    // Keep results like 0.5 km exact after `500 m`.
    let rounded = (raw * 1e9).round() / 1e9;
    if (rounded - raw).abs() < 1e-9 {
        rounded
    } else {
        raw
    }
}

#[cfg(test)]
mod tests;
