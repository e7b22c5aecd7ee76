//! The output contract, schema `baocao/1`. Field names are API: downstream
//! scripts depend on them. Every field is documented in the README.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::document::Warning;

/// The schema identifier written at the top of JSON output.
pub const SCHEMA: &str = "baocao/1";

/// Whether a figure is a result, an estimate of a result, or a target.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A result achieved.
    Actual,
    /// An estimated result (`ước đạt`).
    Estimate,
    /// A plan or target (`phấn đấu`, a `Phương hướng` section).
    Target,
}

impl Status {
    /// The name used in output and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Status::Actual => "actual",
            Status::Estimate => "estimate",
            Status::Target => "target",
        }
    }
}

/// Whether a count is of new things or a running total.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Added this period (`phát triển mới`, `lắp đặt thêm`).
    New,
    /// A stock at the as-of date (`tổng số`, `hiện có`, `lũy kế`).
    Total,
}

/// A change stated next to a figure (`tăng 12,5% so với năm 2022`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Change {
    /// Size of the change (always positive; see `direction`).
    #[serde(serialize_with = "number", deserialize_with = "from_number")]
    #[schemars(with = "f64")]
    pub value: f64,
    /// `percent`, `percent_or_points` (a percentage change of a rate: may
    /// mean points), `percent_of_baseline` (`bằng 109%`), `rank` (`bậc`), or
    /// the record's own unit for absolute changes.
    pub unit: String,
    /// `increase` or `decrease`.
    pub direction: String,
    /// What it is compared with (`2022`, `cùng kỳ`), when stated.
    pub baseline: Option<String>,
}

/// One extracted figure with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Record {
    /// Catalogue metric id, or `quantity` / `percentage` for figures no metric claims.
    pub metric: String,
    /// The value in base units (counts, km, percent, VND).
    #[serde(serialize_with = "number", deserialize_with = "from_number")]
    #[schemars(with = "f64")]
    pub value: f64,
    /// Upper end of a range (`3% - 3,5%`), else null.
    #[serde(
        default,
        serialize_with = "opt_number",
        deserialize_with = "from_opt_number"
    )]
    #[schemars(with = "Option<f64>")]
    pub upper: Option<f64>,
    /// The total of an x/y figure (`09/09`), or the field size of a rank.
    #[serde(
        default,
        serialize_with = "opt_number",
        deserialize_with = "from_opt_number"
    )]
    #[schemars(with = "Option<f64>")]
    pub total: Option<f64>,
    /// Unit of `value`.
    pub unit: String,
    /// Document type, technology, field, index … as the metric defines; the counted
    /// noun of a generic record; or the agency or place of a table row.
    pub subtype: Option<String>,
    /// `approx`, `over`, `under`, `at_least`, `at_most`, or null.
    pub qualifier: Option<String>,
    /// `actual`, `estimate` or `target`.
    pub status: Status,
    /// `new`, `total`, or null.
    pub scope: Option<Scope>,
    /// The operator the figure is stated for.
    pub operator: Option<String>,
    /// The period the sentence gives for the figure.
    pub period: Option<String>,
    /// A change stated with the figure.
    pub change: Option<Change>,
    /// Percentage of plan achieved (`đạt 103% kế hoạch`).
    #[serde(
        default,
        serialize_with = "opt_number",
        deserialize_with = "from_opt_number"
    )]
    #[schemars(with = "Option<f64>")]
    pub plan_rate: Option<f64>,
    /// For a breakdown part (`trong đó Viettel 260 trạm`), the index of its
    /// total among this document's records.
    pub part_of: Option<usize>,
    /// The heading path the figure sits under, joined with ` > `.
    pub section: Option<String>,
    /// 1-based line of the input where the figure starts.
    pub line: usize,
    /// `[start, end)` byte offsets of the matched words in the normalised text.
    pub span: [usize; 2],
    /// The sentence the figure comes from.
    pub evidence: String,
}

/// A cited document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Reference {
    /// Document type (`Quyết định`).
    pub doc_type: Option<String>,
    /// Number as written (`02`).
    pub number: String,
    /// Year of a normative number (`35/2016/QĐ-UBND` → 2016).
    pub year: Option<i32>,
    /// Code (`QĐ-UBND`, `NQ/TW` for Party documents).
    pub code: String,
    /// Issuing body when stated (`của UBND tỉnh`).
    pub issuer: Option<String>,
    /// Date of the document (ISO), when stated.
    pub date: Option<String>,
    /// 1-based line of the first mention.
    pub line: usize,
    /// The sentence of the first mention.
    pub evidence: String,
}

/// The document's own number and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReportId {
    /// Its type (`Báo cáo`).
    pub doc_type: Option<String>,
    /// Its number (`3049`).
    pub number: String,
    /// Its code (`BC-STTTT`).
    pub code: String,
    /// Its date (ISO).
    pub date: Option<String>,
}

/// Everything extracted from one input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentReport {
    /// The input as named (`-` for standard input).
    pub source: String,
    /// The encoding the bytes were read as.
    pub encoding: String,
    /// The title, when the document has one.
    pub title: Option<String>,
    /// The document's own number and date.
    pub report: Option<ReportId>,
    /// The reporting period (`2021`, `2023-Q1`, `2022-H1` …).
    pub period: Option<String>,
    /// Figures, in document order.
    pub records: Vec<Record>,
    /// Cited documents, each once, in order of first mention.
    pub references: Vec<Reference>,
    /// Things to check.
    pub warnings: Vec<Warning>,
}

/// The whole JSON output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Output {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// One entry per input, in input order.
    pub documents: Vec<DocumentReport>,
}

/// Writes whole numbers as JSON integers (`27`, not `27.0`).
fn number<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

fn opt_number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => number(v, s),
        None => s.serialize_none(),
    }
}

fn from_number<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    f64::deserialize(d)
}

fn from_opt_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Option::<f64>::deserialize(d)
}

/// Formats a value the way CSV writes it (`27`, `68.5`).
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The JSON Schema of the JSON output (`baocao schema`), for schema
/// [`SCHEMA`]: `schema` must equal it.
pub fn json_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Output)).unwrap_or_default();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert(
            "$id".into(),
            format!("https://baocao.invalid/schema/{SCHEMA}").into(),
        );
        obj.insert(
            "title".into(),
            format!("baocao output, schema {SCHEMA}").into(),
        );
    }
    if let Some(p) = schema.pointer_mut("/properties/schema") {
        *p = serde_json::json!({ "const": SCHEMA, "description": "Always `baocao/1`." });
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_pins_the_version_and_names_every_record_field() {
        let s = json_schema();
        assert_eq!(
            s.pointer("/properties/schema/const"),
            Some(&serde_json::json!(SCHEMA))
        );
        let fields = s
            .pointer("/$defs/Record/properties")
            .and_then(|p| p.as_object())
            .map(|o| o.keys().cloned().collect::<Vec<_>>())
            .unwrap_or_default();
        for f in [
            "metric", "value", "total", "unit", "subtype", "status", "line", "span", "evidence",
        ] {
            assert!(fields.iter().any(|x| x == f), "{f} missing from {fields:?}");
        }
    }
}
