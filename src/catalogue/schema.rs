//! The TOML shape of catalogue files, as serde structs. Unknown keys are
//! errors (`deny_unknown_fields`), so a typo in a user's file is reported
//! instead of silently ignored.

use std::collections::BTreeMap;

use serde::Deserialize;

/// One catalogue file: metrics, document types, term classes and the shared
/// lexicon of cue words. Every part is optional so a user's file can add just
/// one thing.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSchema {
    /// Metrics, in the order their columns appear in wide CSV.
    #[serde(default)]
    pub metric: Vec<MetricSchema>,
    /// Document types (Nghị định 30/2020/NĐ-CP, Phụ lục III, and normative types).
    #[serde(default)]
    pub document_type: Vec<DocumentTypeSchema>,
    /// Named term classes (`technology`, `operator`, verb lists …).
    #[serde(default)]
    pub class: BTreeMap<String, ClassSchema>,
    /// Units of measure written after a number.
    #[serde(default)]
    pub unit: Vec<UnitSchema>,
    /// Scale words (`nghìn`, `triệu`, `tỷ`).
    #[serde(default)]
    pub scale: Vec<ScaleSchema>,
    /// Cue phrases, keyed by cue name (see `lexicon.toml`).
    #[serde(default)]
    pub cues: BTreeMap<String, Vec<String>>,
}

/// One metric of the catalogue.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricSchema {
    /// Stable snake_case id (API: appears in JSON and CSV).
    pub id: String,
    /// Vietnamese label.
    pub label: String,
    /// English label.
    pub label_en: String,
    /// Output unit (`document`, `station`, `km`, `percent`, `VND`, …).
    pub unit: String,
    /// Value kinds the metric takes; derived from `unit` when empty.
    #[serde(default)]
    pub accepts: Vec<String>,
    /// Noun phrases that identify the metric on their own.
    #[serde(default)]
    pub terms: Vec<String>,
    /// Noun phrases that identify it only under one of `verbs`/`verbs_after`.
    #[serde(default)]
    pub nouns: Vec<String>,
    /// Verbs before the number that govern `nouns`.
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Verbs after the noun that govern `nouns` (`01 nhiệm vụ đang triển khai`).
    #[serde(default)]
    pub verbs_after: Vec<String>,
    /// Verbs that, when nearest, mean the noun is not this metric.
    #[serde(default)]
    pub not_verbs: Vec<String>,
    /// Verbs right after the noun that mean it is not this metric.
    #[serde(default)]
    pub not_verbs_after: Vec<String>,
    /// Context: one of these must appear earlier in the sentence.
    #[serde(default)]
    pub requires: Vec<String>,
    /// Phrases that veto the metric when they occur in the figure's clause.
    #[serde(default)]
    pub excludes: Vec<String>,
    /// The class whose term becomes the record's subtype.
    #[serde(default)]
    pub subtype: Option<String>,
    /// Where the subtype comes from: `context` (the noun phrase and the words
    /// around the figure, the default) or `term` (only the matched noun, as
    /// for document types: `27 Quyết định`).
    #[serde(default)]
    pub subtype_from: Option<String>,
    /// Whether wide CSV may sum several records (`sum`) or keeps the first (`first`).
    #[serde(default)]
    pub aggregate: Option<String>,
    /// Parts of a breakdown may add up to more than the total (BTS technologies).
    #[serde(default)]
    pub parts_overlap: bool,
    /// Examples that must give exactly the stated record.
    #[serde(default)]
    pub example: Vec<ExampleSchema>,
    /// Texts that must give no record of this metric.
    #[serde(default)]
    pub counter_example: Vec<CounterExampleSchema>,
}

/// An example sentence and the record it must give.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSchema {
    /// The sentence, as a report would write it.
    pub text: String,
    /// Expected value.
    pub value: f64,
    /// Expected total (x/y forms).
    #[serde(default)]
    pub total: Option<f64>,
    /// Expected upper end of a range.
    #[serde(default)]
    pub upper: Option<f64>,
    /// Expected unit, when it differs from the metric's.
    #[serde(default)]
    pub unit: Option<String>,
    /// Expected subtype.
    #[serde(default)]
    pub subtype: Option<String>,
    /// Expected qualifier.
    #[serde(default)]
    pub qualifier: Option<String>,
    /// Expected status (default `actual`).
    #[serde(default)]
    pub status: Option<String>,
    /// Expected scope.
    #[serde(default)]
    pub scope: Option<String>,
    /// Expected operator.
    #[serde(default)]
    pub operator: Option<String>,
}

/// A text that must not give a record of the metric.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CounterExampleSchema {
    /// The sentence.
    pub text: String,
    /// Why it is not a record (documentation only).
    #[serde(default)]
    pub why: Option<String>,
}

/// A document type and its abbreviation in document codes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentTypeSchema {
    /// Canonical name (`Quyết định`).
    pub name: String,
    /// Abbreviation in codes (`QĐ`), when it has one.
    #[serde(default)]
    pub code: Option<String>,
    /// Other spellings of the name.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Whether it can be counted as an issued document in prose (`27 Quyết định`).
    #[serde(default = "yes")]
    pub countable: bool,
}

fn yes() -> bool {
    true
}

/// A named list of terms.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassSchema {
    /// What the class is for.
    #[serde(default)]
    pub description: Option<String>,
    /// The terms, each a phrase or `{ term, canonical }`.
    pub terms: Vec<TermSchema>,
}

/// A class term: a phrase, optionally reported under another canonical name.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum TermSchema {
    /// The phrase is its own canonical name.
    Plain(String),
    /// A phrase reported as `canonical`.
    Full {
        /// The phrase.
        term: String,
        /// The name records carry.
        canonical: String,
    },
}

/// A unit of measure.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitSchema {
    /// The unit records carry (`km`, `percent`, `VND`).
    pub name: String,
    /// `percent`, `length`, `money` or `other`.
    pub kind: String,
    /// Multiplier to the base unit (`m` → km is 0.001).
    #[serde(default = "one")]
    pub factor: f64,
    /// Spellings.
    pub terms: Vec<String>,
}

fn one() -> f64 {
    1.0
}

/// A scale word.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleSchema {
    /// Power of ten (`triệu` is 6).
    pub exponent: u32,
    /// Spellings.
    pub terms: Vec<String>,
}
