//! The metric catalogue: what to look for, kept as data.
//!
//! Built-in TOML files under `src/catalogue/` are embedded with
//! `include_str!` and parsed at start-up through the same loader as a user's
//! `--catalogue FILE`, so there is one code path. A user file adds metrics,
//! classes (technologies, operators …), document types, units and cue words,
//! or replaces a built-in metric by giving its id.
//!
//! Each metric names the noun phrases that anchor it (`trạm BTS`), the verbs
//! that govern shared nouns (`ban hành 27 Quyết định` vs `trình 01 Đề án`),
//! the value kinds it takes and the class that fills its subtype, and carries
//! examples and counter-examples that `tests/catalogue.rs` and
//! `baocao catalogue check` run through the whole pipeline.

pub mod examples;
mod phrase;
mod schema;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

use serde::Serialize;
use unicode_normalization::{IsNormalized, is_nfc_quick};

use crate::error::{Error, Result};
pub use phrase::Hit;
pub(crate) use phrase::{Dictionary, Pattern};
pub use schema::{CounterExampleSchema as CounterExample, ExampleSchema as Example};
use schema::{FileSchema, MetricSchema, TermSchema};

/// The built-in catalogue files, in load order.
const BUILTIN: &[(&str, &str)] = &[
    ("lexicon.toml", include_str!("lexicon.toml")),
    ("documents.toml", include_str!("documents.toml")),
    ("telecom.toml", include_str!("telecom.toml")),
    ("postal.toml", include_str!("postal.toml")),
    ("services.toml", include_str!("services.toml")),
    ("press.toml", include_str!("press.toml")),
    ("finance.toml", include_str!("finance.toml")),
    ("security.toml", include_str!("security.toml")),
    ("rankings.toml", include_str!("rankings.toml")),
];

/// The kind of figure a metric takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// A plain count (`27 Quyết định`).
    Count,
    /// Part of a total (`09/09 nhiệm vụ`).
    Ratio,
    /// A percentage (`78,5%`).
    Percent,
    /// An amount of money (`58,7 tỷ đồng`).
    Money,
    /// A length (`68 km`).
    Length,
    /// A density per 100 inhabitants or households (`112,4 thuê bao/100 dân`).
    Density,
    /// A rank among a field (`xếp thứ 21/63`).
    Rank,
    /// A score (`0,5893 điểm`).
    Score,
}

impl ValueKind {
    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "count" => ValueKind::Count,
            "ratio" => ValueKind::Ratio,
            "percent" => ValueKind::Percent,
            "money" => ValueKind::Money,
            "length" => ValueKind::Length,
            "density" => ValueKind::Density,
            "rank" => ValueKind::Rank,
            "score" => ValueKind::Score,
            _ => return None,
        })
    }

    /// The kinds a unit implies when a metric does not list them.
    fn defaults_for_unit(unit: &str) -> Vec<ValueKind> {
        match unit {
            "percent" => vec![ValueKind::Percent],
            "VND" | "USD" => vec![ValueKind::Money],
            "km" => vec![ValueKind::Length],
            "per_100" => vec![ValueKind::Density],
            "rank" => vec![ValueKind::Rank],
            "score" => vec![ValueKind::Score],
            _ => vec![ValueKind::Count, ValueKind::Ratio],
        }
    }
}

/// How wide CSV folds several records of one metric in one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    /// Add the values (counts of new things, money).
    Sum,
    /// Keep the first value (rates, ranks, stocks).
    First,
}

/// One metric, compiled.
#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    /// Stable snake_case id.
    pub id: String,
    /// Vietnamese label.
    pub label: String,
    /// English label.
    pub label_en: String,
    /// Output unit.
    pub unit: String,
    /// Value kinds it takes.
    pub accepts: Vec<ValueKind>,
    /// Name of the class that fills the subtype.
    pub subtype: Option<String>,
    /// How wide CSV folds several values.
    pub aggregate: Aggregate,
    /// Whether breakdown parts may exceed the total.
    pub parts_overlap: bool,
    /// The file the metric came from.
    pub origin: String,
    /// Examples that must give exactly their record.
    #[serde(skip)]
    pub examples: Vec<Example>,
    /// Texts that must give no record of this metric.
    #[serde(skip)]
    pub counter_examples: Vec<CounterExample>,
    #[serde(skip)]
    pub(crate) subtype_class: Option<u16>,
    /// The metric needs one of its `requires` phrases in the sentence.
    #[serde(skip)]
    pub(crate) has_requires: bool,
    /// The subtype comes only from the matched noun.
    #[serde(skip)]
    pub(crate) subtype_from_term: bool,
}

/// A term of a class and the canonical name records carry for it.
#[derive(Debug, Clone, Serialize)]
pub struct ClassTerm {
    /// The phrase as written in the catalogue.
    pub phrase: String,
    /// The name records carry.
    pub canonical: String,
}

/// A named list of terms (`technology`, `operator`, `doc_type` …).
#[derive(Debug, Clone, Serialize)]
pub struct Class {
    /// Class name.
    pub name: String,
    /// What the class is for.
    pub description: Option<String>,
    /// Its terms.
    pub terms: Vec<ClassTerm>,
}

/// A document type and its code abbreviation.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentType {
    /// Canonical name (`Quyết định`).
    pub name: String,
    /// Code abbreviation (`QĐ`).
    pub code: Option<String>,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Whether prose counts it (`27 Quyết định`).
    pub countable: bool,
}

/// What kind of quantity a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// `%`, `phần trăm`.
    Percent,
    /// `km`, `m`.
    Length,
    /// `đồng`, `USD`.
    Money,
    /// Anything else (`ha`, `Mbps`).
    Other,
}

/// A unit of measure.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Name records carry.
    pub name: String,
    /// What it measures.
    pub kind: UnitKind,
    /// Multiplier to the base unit.
    pub factor: f64,
}

/// The meaning of a cue phrase from the lexicon's `[cues]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Cue {
    Target,
    Estimate,
    Actual,
    TargetSection,
    ActualSection,
    PlanTitle,
    ScopeNew,
    ScopeTotal,
    Cumulative,
    Breakdown,
    Increase,
    Decrease,
    Compared,
    EqualTo,
    PlanReference,
    RankStep,
    StatedRate,
    IssuingVerb,
    Citation,
    IssuerStop,
    IdentifierBefore,
    LevelBefore,
    LevelAfter,
    OrdinalBefore,
    RankBefore,
    PhoneBefore,
    DurationAfter,
    Vague,
    RangeJoin,
    PerHundredBase,
    ChromeStart,
    ChromeEnd,
    ChromeSection,
    Signature,
    HeaderLine,
    ClosingBlock,
    Appendix,
    FunctionWord,
    DigitalCompound,
    DenominatorLead,
    PredicateMarker,
    ImmediateActual,
    /// `hiện còn 45 điểm`: the present state, a result even in a plan section.
    CurrentState,
    LegalProvision,
    Multiplier,
    /// `(tương đương khoảng 136 tỷ USD)`: the figure before, restated.
    Equivalent,
    /// `Cổng Thông tin điện tử …` opening a scraped page: the portal's name.
    SiteName,
    /// `Thực hiện Công văn số …`: words that open a report's first paragraph.
    ParagraphOpener,
    /// `Sở …`, `Huyện …`: a table row naming an agency or a place.
    AgencyHead,
    /// `Đơn vị tính`, `Ghi chú`, `STT`: table columns that are no indicator.
    TableBookkeeping,
    QualifierOver,
    QualifierUnder,
    QualifierApprox,
    QualifierAtMost,
    QualifierAtLeast,
    AtLeastAfter,
    AtMostAfter,
    DateLead,
    AsOf,
    PeriodLead,
}

impl Cue {
    const ALL: &'static [(&'static str, Cue)] = &[
        ("target", Cue::Target),
        ("estimate", Cue::Estimate),
        ("actual", Cue::Actual),
        ("target_section", Cue::TargetSection),
        ("actual_section", Cue::ActualSection),
        ("plan_title", Cue::PlanTitle),
        ("scope_new", Cue::ScopeNew),
        ("scope_total", Cue::ScopeTotal),
        ("cumulative", Cue::Cumulative),
        ("breakdown", Cue::Breakdown),
        ("increase", Cue::Increase),
        ("decrease", Cue::Decrease),
        ("compared", Cue::Compared),
        ("equal_to", Cue::EqualTo),
        ("plan_reference", Cue::PlanReference),
        ("rank_step", Cue::RankStep),
        ("stated_rate", Cue::StatedRate),
        ("issuing_verb", Cue::IssuingVerb),
        ("citation", Cue::Citation),
        ("issuer_stop", Cue::IssuerStop),
        ("identifier_before", Cue::IdentifierBefore),
        ("level_before", Cue::LevelBefore),
        ("level_after", Cue::LevelAfter),
        ("ordinal_before", Cue::OrdinalBefore),
        ("rank_before", Cue::RankBefore),
        ("phone_before", Cue::PhoneBefore),
        ("duration_after", Cue::DurationAfter),
        ("vague", Cue::Vague),
        ("range_join", Cue::RangeJoin),
        ("per_hundred_base", Cue::PerHundredBase),
        ("chrome_start", Cue::ChromeStart),
        ("chrome_end", Cue::ChromeEnd),
        ("chrome_section", Cue::ChromeSection),
        ("signature", Cue::Signature),
        ("header_line", Cue::HeaderLine),
        ("closing_block", Cue::ClosingBlock),
        ("appendix", Cue::Appendix),
        ("function_word", Cue::FunctionWord),
        ("digital_compound", Cue::DigitalCompound),
        ("denominator_lead", Cue::DenominatorLead),
        ("predicate_marker", Cue::PredicateMarker),
        ("immediate_actual", Cue::ImmediateActual),
        ("current_state", Cue::CurrentState),
        ("legal_provision", Cue::LegalProvision),
        ("multiplier", Cue::Multiplier),
        ("equivalent", Cue::Equivalent),
        ("site_name", Cue::SiteName),
        ("paragraph_opener", Cue::ParagraphOpener),
        ("agency_head", Cue::AgencyHead),
        ("table_bookkeeping", Cue::TableBookkeeping),
        ("qualifier_over", Cue::QualifierOver),
        ("qualifier_under", Cue::QualifierUnder),
        ("qualifier_approx", Cue::QualifierApprox),
        ("qualifier_at_most", Cue::QualifierAtMost),
        ("qualifier_at_least", Cue::QualifierAtLeast),
        ("at_least_after", Cue::AtLeastAfter),
        ("at_most_after", Cue::AtMostAfter),
        ("date_lead", Cue::DateLead),
        ("as_of", Cue::AsOf),
        ("period_lead", Cue::PeriodLead),
    ];

    fn from_name(name: &str) -> Option<Cue> {
        Cue::ALL.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
    }
}

/// What a dictionary phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Identifies the metric on its own.
    Term(u16),
    /// Identifies the metric under one of its verbs.
    Noun(u16),
    /// A governing verb before the figure.
    Verb(u16),
    /// A governing verb after the noun.
    VerbAfter(u16),
    /// A verb that rules the metric out when nearest.
    NotVerb(u16),
    /// A verb right after the noun that rules the metric out (`đang giải quyết`).
    NotVerbAfter(u16),
    /// Context the metric requires.
    Requires(u16),
    /// Context that vetoes the metric.
    Excludes(u16),
    /// A term of a class.
    ClassTerm(u16, u32),
    /// A cue word.
    Cue(Cue),
    /// A unit of measure (index into units).
    Unit(u16),
    /// A scale word (power of ten).
    Scale(u32),
}

/// The loaded, compiled catalogue.
#[derive(Debug)]
pub struct Catalogue {
    metrics: Vec<Metric>,
    classes: Vec<Class>,
    document_types: Vec<DocumentType>,
    units: Vec<Unit>,
    pub(crate) dict: Dictionary<Role>,
    /// The cue phrases alone (with the class terms they use): what
    /// segmentation probes every line for, without the metric phrases.
    pub(crate) cue_dict: Dictionary<Cue>,
    pub(crate) operator_class: Option<u16>,
    pub(crate) technology_class: Option<u16>,
    pub(crate) reference_type_class: Option<u16>,
    /// First words of metric nouns (`trạm` of `trạm BTS`).
    head_nouns: HashSet<Box<str>>,
}

static BUILTIN_CATALOGUE: LazyLock<std::result::Result<Catalogue, String>> =
    LazyLock::new(|| Catalogue::from_sources(&builtin_sources()).map_err(|e| e.to_string()));

fn builtin_sources() -> Vec<(String, String)> {
    BUILTIN
        .iter()
        .map(|(name, text)| (format!("builtin:{name}"), (*text).to_string()))
        .collect()
}

impl Catalogue {
    /// The built-in catalogue, parsed once.
    ///
    /// The built-in data is checked by the test suite, so failing here is a
    /// bug in this crate rather than in the input.
    pub fn builtin() -> &'static Catalogue {
        match &*BUILTIN_CATALOGUE {
            Ok(c) => c,
            Err(e) => panic!("built-in catalogue is invalid: {e}"),
        }
    }

    /// The built-in catalogue extended by user files, in order.
    pub fn with_user_files(paths: &[impl AsRef<Path>]) -> Result<Catalogue> {
        let mut sources = builtin_sources();
        for path in paths {
            let path = path.as_ref();
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(name.clone(), e))?;
            sources.push((name, text));
        }
        Catalogue::from_sources(&sources)
    }

    /// Loads catalogue files given as `(name, TOML text)`.
    pub fn from_sources(sources: &[(String, String)]) -> Result<Catalogue> {
        let mut merged = Merged::default();
        for (name, text) in sources {
            let file: FileSchema = toml::from_str(text).map_err(|e| Error::Catalogue {
                path: name.clone(),
                entry: "toml".into(),
                message: one_line(&e.to_string()),
            })?;
            merged.add(name, file)?;
        }
        merged.compile()
    }

    /// Writes the metrics as an aligned table: id, unit, subtype class,
    /// English and Vietnamese labels (`baocao catalogue`).
    pub fn write_table(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let rows: Vec<[&str; 5]> = self
            .metrics
            .iter()
            .map(|m| {
                [
                    m.id.as_str(),
                    m.unit.as_str(),
                    m.subtype.as_deref().unwrap_or("-"),
                    m.label_en.as_str(),
                    m.label.as_str(),
                ]
            })
            .collect();
        let header = ["id", "unit", "subtype", "label_en", "label"];
        let mut widths = header.map(|h| h.chars().count());
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        for row in std::iter::once(&header).chain(&rows) {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                if i + 1 == row.len() {
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    let pad = widths[i] - cell.chars().count() + 2;
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            writeln!(out, "{line}")?;
        }
        Ok(())
    }

    /// The metrics as JSON (`baocao catalogue --format json`).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "metrics": self.metrics,
            "classes": self.classes,
            "document_types": self.document_types,
        })
    }

    /// Metrics in catalogue order.
    pub fn metrics(&self) -> &[Metric] {
        &self.metrics
    }

    /// The metric with this id.
    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }

    /// Whether a class describes a noun (a technology, level, kind, operator)
    /// rather than listing verbs.
    pub(crate) fn is_modifier_class(&self, class: u16) -> bool {
        self.operator_class == Some(class)
            || self.metrics.iter().any(|m| m.subtype_class == Some(class))
    }

    /// Whether folded words `a b` are adjacent in some catalogue phrase (a
    /// compound word such as `thông tin`).
    pub(crate) fn is_compound(&self, a: &str, b: &str) -> bool {
        self.dict.is_pair(a, b)
    }

    /// Whether a folded word starts some metric's noun phrase.
    pub(crate) fn is_head_noun(&self, key: &str) -> bool {
        self.head_nouns.contains(key)
    }

    /// Index of the metric with this id.
    pub(crate) fn metric_index_of(&self, id: &str) -> Option<u16> {
        self.metrics
            .iter()
            .position(|m| m.id == id)
            .map(|i| i as u16)
    }

    /// Metric by index.
    pub(crate) fn metric_at(&self, i: u16) -> Option<&Metric> {
        self.metrics.get(i as usize)
    }

    /// Term classes.
    pub fn classes(&self) -> &[Class] {
        &self.classes
    }

    /// Document types.
    pub fn document_types(&self) -> &[DocumentType] {
        &self.document_types
    }

    /// Unit by index.
    pub(crate) fn unit(&self, i: u16) -> Option<&Unit> {
        self.units.get(i as usize)
    }

    /// The canonical name of a class term.
    pub(crate) fn canonical(&self, class: u16, term: u32) -> Option<&str> {
        self.classes
            .get(class as usize)
            .and_then(|c| c.terms.get(term as usize))
            .map(|t| t.canonical.as_str())
    }

    /// The document type whose code is `code` (case-insensitive).
    pub(crate) fn document_type_by_code(&self, code: &str) -> Option<&DocumentType> {
        let folded = crate::token::fold(code);
        self.document_types.iter().find(|d| {
            d.code
                .as_deref()
                .is_some_and(|c| crate::token::fold(c) == folded)
        })
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Catalogue files merged in order, before compilation.
#[derive(Default)]
struct Merged {
    metrics: Vec<(String, MetricSchema)>,
    classes: BTreeMap<String, (String, Option<String>, Vec<TermSchema>)>,
    document_types: Vec<(String, schema::DocumentTypeSchema)>,
    units: Vec<(String, schema::UnitSchema)>,
    scales: Vec<(String, schema::ScaleSchema)>,
    cues: Vec<(String, String, Vec<String>)>,
}

impl Merged {
    fn add(&mut self, origin: &str, file: FileSchema) -> Result<()> {
        let err = |entry: &str, message: String| Error::Catalogue {
            path: origin.to_string(),
            entry: entry.to_string(),
            message,
        };
        let mut seen = HashSet::new();
        for m in file.metric {
            if !seen.insert(m.id.clone()) {
                return Err(err(&m.id, "duplicate metric id in this file".into()));
            }
            check_metric_text(&m).map_err(|msg| err(&m.id, msg))?;
            match self.metrics.iter_mut().find(|(_, old)| old.id == m.id) {
                Some(slot) => *slot = (origin.to_string(), m),
                None => self.metrics.push((origin.to_string(), m)),
            }
        }
        for (name, class) in file.class {
            for t in &class.terms {
                let (term, canonical) = term_parts(t);
                check_nfc(term)
                    .and(check_nfc(canonical))
                    .map_err(|msg| err(&name, msg))?;
            }
            let slot = self
                .classes
                .entry(name)
                .or_insert_with(|| (origin.to_string(), class.description.clone(), Vec::new()));
            slot.2.extend(class.terms);
        }
        for d in file.document_type {
            check_nfc(&d.name).map_err(|msg| err(&d.name, msg))?;
            match self
                .document_types
                .iter_mut()
                .find(|(_, old)| old.name == d.name)
            {
                Some(slot) => *slot = (origin.to_string(), d),
                None => self.document_types.push((origin.to_string(), d)),
            }
        }
        for u in file.unit {
            self.units.push((origin.to_string(), u));
        }
        for s in file.scale {
            self.scales.push((origin.to_string(), s));
        }
        for (name, phrases) in file.cues {
            if Cue::from_name(&name).is_none() {
                return Err(err(&name, "unknown cue list".into()));
            }
            for p in &phrases {
                check_nfc(p).map_err(|msg| err(&name, msg))?;
            }
            self.cues.push((origin.to_string(), name, phrases));
        }
        Ok(())
    }

    fn compile(self) -> Result<Catalogue> {
        let err = |origin: &str, entry: &str, message: String| Error::Catalogue {
            path: origin.to_string(),
            entry: entry.to_string(),
            message,
        };
        // Classes: the declared ones, then `doc_type` from the document types.
        let mut classes: Vec<Class> = Vec::new();
        let mut class_origin: Vec<String> = Vec::new();
        for (name, (origin, description, terms)) in &self.classes {
            classes.push(Class {
                name: name.clone(),
                description: description.clone(),
                terms: terms
                    .iter()
                    .map(|t| {
                        let (term, canonical) = term_parts(t);
                        ClassTerm {
                            phrase: term.to_string(),
                            canonical: canonical.to_string(),
                        }
                    })
                    .collect(),
            });
            class_origin.push(origin.clone());
        }
        let document_types: Vec<DocumentType> = self
            .document_types
            .iter()
            .map(|(_, d)| DocumentType {
                name: d.name.clone(),
                code: d.code.clone(),
                aliases: d.aliases.clone(),
                countable: d.countable,
            })
            .collect();
        classes.push(Class {
            name: "doc_type".into(),
            description: Some("Document types that prose counts (`27 Quyết định`)".into()),
            terms: document_types
                .iter()
                .filter(|d| d.countable)
                .flat_map(|d| {
                    std::iter::once(&d.name)
                        .chain(&d.aliases)
                        .map(|p| ClassTerm {
                            phrase: p.clone(),
                            canonical: d.name.clone(),
                        })
                })
                .collect(),
        });
        class_origin.push("document_type".into());
        classes.push(Class {
            name: "reference_type".into(),
            description: Some("Every document type, for citations".into()),
            terms: document_types
                .iter()
                .flat_map(|d| {
                    std::iter::once(&d.name)
                        .chain(&d.aliases)
                        .map(|p| ClassTerm {
                            phrase: p.clone(),
                            canonical: d.name.clone(),
                        })
                })
                .collect(),
        });
        class_origin.push("document_type".into());
        let class_names: Vec<String> = classes.iter().map(|c| c.name.clone()).collect();
        let class_id = |name: &str| class_names.iter().position(|n| n == name).map(|i| i as u16);

        let mut dict: Dictionary<Role> = Dictionary::new(classes.len());
        let mut cue_dict: Dictionary<Cue> = Dictionary::new(classes.len());
        // Classes whose terms have gaps (verb lists) cannot sit inside a
        // phrase; a phrase that is just `{name}` expands to their terms.
        let mut gapped: HashSet<u16> = HashSet::new();
        let mut compiled_terms: Vec<Vec<Pattern>> = Vec::with_capacity(classes.len());
        for (ci, class) in classes.iter().enumerate() {
            let origin = &class_origin[ci];
            let mut patterns = Vec::with_capacity(class.terms.len());
            for (ti, term) in class.terms.iter().enumerate() {
                let pattern = phrase::compile(&term.phrase, &class_id).map_err(|m| {
                    err(origin, &class.name, format!("term `{}`: {m}", term.phrase))
                })?;
                if pattern.is_plain() {
                    for result in [
                        dict.add_class_term(ci as u16, ti as u32, pattern.clone()),
                        cue_dict.add_class_term(ci as u16, ti as u32, pattern.clone()),
                    ] {
                        result.map_err(|m| {
                            err(origin, &class.name, format!("term `{}`: {m}", term.phrase))
                        })?;
                    }
                } else {
                    gapped.insert(ci as u16);
                }
                dict.add(pattern.clone(), Role::ClassTerm(ci as u16, ti as u32));
                patterns.push(pattern);
            }
            compiled_terms.push(patterns);
        }
        let compile_list = |text: &str| -> std::result::Result<Vec<Pattern>, String> {
            let pattern = phrase::compile(text, &class_id)?;
            if let [phrase::Elem::Class(c, false)] = pattern.elems.as_slice()
                && gapped.contains(c)
            {
                return Ok(compiled_terms.get(*c as usize).cloned().unwrap_or_default());
            }
            if pattern
                .elems
                .iter()
                .any(|e| matches!(e, phrase::Elem::Class(c, _) if gapped.contains(c)))
            {
                return Err(format!(
                    "phrase `{text}` uses a class with gapped terms inside a longer phrase"
                ));
            }
            Ok(vec![pattern])
        };

        let mut units = Vec::new();
        for (origin, u) in &self.units {
            let kind = match u.kind.as_str() {
                "percent" => UnitKind::Percent,
                "length" => UnitKind::Length,
                "money" => UnitKind::Money,
                "other" => UnitKind::Other,
                other => return Err(err(origin, &u.name, format!("unknown unit kind `{other}`"))),
            };
            let index = units.len() as u16;
            units.push(Unit {
                name: u.name.clone(),
                kind,
                factor: u.factor,
            });
            for t in &u.terms {
                for p in compile_list(t).map_err(|m| err(origin, &u.name, m))? {
                    dict.add(p, Role::Unit(index));
                }
            }
        }
        for (origin, s) in &self.scales {
            for t in &s.terms {
                for p in compile_list(t).map_err(|m| err(origin, t, m))? {
                    dict.add(p, Role::Scale(s.exponent));
                }
            }
        }
        for (origin, name, phrases) in &self.cues {
            let cue =
                Cue::from_name(name).ok_or_else(|| err(origin, name, "unknown cue list".into()))?;
            for t in phrases {
                for p in compile_list(t).map_err(|m| err(origin, name, m))? {
                    cue_dict.add(p.clone(), cue);
                    dict.add(p, Role::Cue(cue));
                }
            }
        }

        let mut metrics = Vec::new();
        let mut head_nouns: HashSet<Box<str>> = HashSet::new();
        for (index, (origin, m)) in self.metrics.iter().enumerate() {
            let e = |message: String| err(origin, &m.id, message);
            if !is_snake_case(&m.id) {
                return Err(e("id must be snake_case ASCII".into()));
            }
            if m.terms.is_empty() && m.nouns.is_empty() {
                return Err(e("needs at least one of `terms` or `nouns`".into()));
            }
            if !m.nouns.is_empty() && m.verbs.is_empty() && m.verbs_after.is_empty() {
                return Err(e("`nouns` need `verbs` or `verbs_after`".into()));
            }
            let accepts = if m.accepts.is_empty() {
                ValueKind::defaults_for_unit(&m.unit)
            } else {
                m.accepts
                    .iter()
                    .map(|a| {
                        ValueKind::from_name(a)
                            .ok_or_else(|| e(format!("unknown value kind `{a}`")))
                    })
                    .collect::<Result<Vec<_>>>()?
            };
            let subtype_class = match &m.subtype {
                Some(name) => Some(
                    class_id(name).ok_or_else(|| e(format!("unknown subtype class `{name}`")))?,
                ),
                None => None,
            };
            let subtype_from_term = match m.subtype_from.as_deref() {
                None | Some("context") => false,
                Some("term") => true,
                Some(other) => return Err(e(format!("unknown subtype_from `{other}`"))),
            };
            let aggregate = match m.aggregate.as_deref() {
                None | Some("sum") => Aggregate::Sum,
                Some("first") => Aggregate::First,
                Some(other) => return Err(e(format!("unknown aggregate `{other}`"))),
            };
            let mi = index as u16;
            let lists: [(&Vec<String>, Role); 8] = [
                (&m.terms, Role::Term(mi)),
                (&m.nouns, Role::Noun(mi)),
                (&m.verbs, Role::Verb(mi)),
                (&m.verbs_after, Role::VerbAfter(mi)),
                (&m.not_verbs, Role::NotVerb(mi)),
                (&m.not_verbs_after, Role::NotVerbAfter(mi)),
                (&m.requires, Role::Requires(mi)),
                (&m.excludes, Role::Excludes(mi)),
            ];
            for (list, role) in lists {
                for text in list {
                    for p in compile_list(text).map_err(&e)? {
                        if matches!(role, Role::Term(_) | Role::Noun(_))
                            && let Some(phrase::Elem::Key(k)) = p.elems.first()
                            && k.chars().all(char::is_alphanumeric)
                        {
                            head_nouns.insert(k.clone());
                        }
                        dict.add(p, role);
                    }
                }
            }
            for ex in &m.example {
                for field in [&ex.status, &ex.scope, &ex.qualifier].into_iter().flatten() {
                    check_nfc(field).map_err(&e)?;
                }
            }
            metrics.push(Metric {
                id: m.id.clone(),
                label: m.label.clone(),
                label_en: m.label_en.clone(),
                unit: m.unit.clone(),
                accepts,
                subtype: m.subtype.clone(),
                aggregate,
                parts_overlap: m.parts_overlap,
                origin: origin.clone(),
                examples: m.example.clone(),
                counter_examples: m.counter_example.clone(),
                subtype_class,
                has_requires: !m.requires.is_empty(),
                subtype_from_term,
            });
        }
        if metrics.len() > u16::MAX as usize || classes.len() > u16::MAX as usize {
            return Err(err("catalogue", "catalogue", "too many entries".into()));
        }
        Ok(Catalogue {
            operator_class: class_id("operator"),
            technology_class: class_id("technology"),
            reference_type_class: class_id("reference_type"),
            head_nouns,
            metrics,
            classes,
            document_types,
            units,
            dict,
            cue_dict,
        })
    }
}

fn term_parts(t: &TermSchema) -> (&str, &str) {
    match t {
        TermSchema::Plain(s) => (s, s),
        TermSchema::Full { term, canonical } => (term, canonical),
    }
}

fn is_snake_case(id: &str) -> bool {
    !id.is_empty()
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn check_nfc(text: &str) -> std::result::Result<(), String> {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Ok(()),
        _ if unicode_normalization::UnicodeNormalization::nfc(text).eq(text.chars()) => Ok(()),
        _ => Err(format!("text is not NFC: `{text}`")),
    }
}

fn check_metric_text(m: &MetricSchema) -> std::result::Result<(), String> {
    let all = [&m.label, &m.label_en, &m.unit]
        .into_iter()
        .chain(&m.terms)
        .chain(&m.nouns)
        .chain(&m.verbs)
        .chain(&m.verbs_after)
        .chain(&m.not_verbs)
        .chain(&m.not_verbs_after)
        .chain(&m.requires)
        .chain(&m.excludes)
        .chain(m.example.iter().map(|e| &e.text))
        .chain(m.example.iter().filter_map(|e| e.subtype.as_ref()))
        .chain(m.counter_example.iter().map(|e| &e.text));
    for text in all {
        check_nfc(text)?;
    }
    Ok(())
}

/// A readable description of a dictionary hit (for debugging tools).
#[doc(hidden)]
pub fn debug_role(catalogue: &Catalogue, hit: &Hit) -> String {
    match catalogue.dict.role(hit.entry) {
        Some(Role::Term(m)) => format!(
            "term {}",
            catalogue
                .metric_at(*m)
                .map(|m| m.id.as_str())
                .unwrap_or("?")
        ),
        Some(Role::Noun(m)) => format!(
            "noun {}",
            catalogue
                .metric_at(*m)
                .map(|m| m.id.as_str())
                .unwrap_or("?")
        ),
        Some(Role::Verb(m)) => format!(
            "verb {}",
            catalogue
                .metric_at(*m)
                .map(|m| m.id.as_str())
                .unwrap_or("?")
        ),
        Some(Role::VerbAfter(m)) => format!(
            "verb_after {}",
            catalogue
                .metric_at(*m)
                .map(|m| m.id.as_str())
                .unwrap_or("?")
        ),
        Some(Role::NotVerbAfter(m)) => format!(
            "not_verb_after {}",
            catalogue
                .metric_at(*m)
                .map(|m| m.id.as_str())
                .unwrap_or("?")
        ),
        Some(Role::NotVerb(m)) => format!(
            "not_verb {}",
            catalogue
                .metric_at(*m)
                .map(|m| m.id.as_str())
                .unwrap_or("?")
        ),
        Some(Role::Requires(m)) => format!(
            "requires {}",
            catalogue
                .metric_at(*m)
                .map(|m| m.id.as_str())
                .unwrap_or("?")
        ),
        Some(Role::Excludes(m)) => format!(
            "excludes {}",
            catalogue
                .metric_at(*m)
                .map(|m| m.id.as_str())
                .unwrap_or("?")
        ),
        Some(Role::ClassTerm(c, t)) => format!(
            "class {} = {}",
            catalogue
                .classes
                .get(*c as usize)
                .map(|c| c.name.as_str())
                .unwrap_or("?"),
            catalogue.canonical(*c, *t).unwrap_or("?")
        ),
        Some(Role::Cue(c)) => format!("cue {c:?}"),
        Some(Role::Unit(u)) => format!(
            "unit {}",
            catalogue.unit(*u).map(|u| u.name.as_str()).unwrap_or("?")
        ),
        Some(Role::Scale(e)) => format!("scale 1e{e}"),
        None => "?".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(extra: &str) -> Result<Catalogue> {
        let mut sources = builtin_sources();
        sources.push(("user.toml".to_string(), extra.to_string()));
        Catalogue::from_sources(&sources)
    }

    #[test]
    fn builtin_loads() {
        let c = Catalogue::builtin();
        assert!(c.metric("bts_stations").is_some());
        assert!(c.metric("documents_issued").is_some());
        assert!(
            c.document_type_by_code("qđ")
                .is_some_and(|d| d.name == "Quyết định")
        );
    }

    #[test]
    fn user_file_adds_and_replaces_metrics() {
        let c = load(
            r#"
[[metric]]
id = "camera_count"
label = "Camera"
label_en = "Cameras"
unit = "camera"
terms = ["camera giám sát"]

[[metric]]
id = "bts_stations"
label = "Trạm"
label_en = "Stations"
unit = "station"
terms = ["trạm phát sóng"]
"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(c.metric("camera_count").is_some());
        assert_eq!(
            c.metric("bts_stations").map(|m| m.label.as_str()),
            Some("Trạm")
        );
        assert_eq!(
            c.metric("bts_stations").map(|m| m.origin.as_str()),
            Some("user.toml")
        );
    }

    #[test]
    fn errors_name_the_file_and_entry() {
        let cases = [
            (
                "[[metric]]\nid = \"x\"\nlabel = \"a\"\nlabel_en = \"a\"\nunit = \"u\"\nterms = [\"a\"]\ncolour = 1\n",
                "toml",
            ),
            (
                "[[metric]]\nid = \"x\"\nlabel = \"a\"\nlabel_en = \"a\"\nunit = \"u\"\nterms = [\"a\"]\n[[metric]]\nid = \"x\"\nlabel = \"a\"\nlabel_en = \"a\"\nunit = \"u\"\nterms = [\"a\"]\n",
                "x",
            ),
            (
                "[[metric]]\nid = \"y\"\nlabel = \"a\"\nlabel_en = \"a\"\nunit = \"u\"\nterms = [\"{nope}\"]\n",
                "y",
            ),
            (
                "[[metric]]\nid = \"z\"\nlabel = \"a\"\nlabel_en = \"a\"\nunit = \"u\"\nterms = [\"ho\u{0301}a\"]\n",
                "z",
            ),
            (
                "[[metric]]\nid = \"Bad-Id\"\nlabel = \"a\"\nlabel_en = \"a\"\nunit = \"u\"\nterms = [\"a\"]\n",
                "Bad-Id",
            ),
            ("[cues]\nnonsense = [\"a\"]\n", "nonsense"),
        ];
        for (text, entry) in cases {
            match load(text) {
                Err(Error::Catalogue { path, entry: e, .. }) => {
                    assert_eq!(path, "user.toml", "{text}");
                    assert_eq!(e, entry, "{text}");
                }
                other => panic!("expected a catalogue error for {text:?}, got {other:?}"),
            }
        }
    }
}
