//! Table rows (cells separated by tabs, as Word and HTML tables are read):
//! each value cell is read as the sentence `LABEL: VALUE UNIT`, and the
//! column header supplies status and period (`Năm 2022` actual 2022, `Ước
//! thực hiện năm 2023` estimate 2023, `Kế hoạch năm 2024` target 2024).
//!
//! ```text
//! STT  Chỉ tiêu        Đơn vị tính  Năm 2022  Ước thực hiện năm 2023  Kế hoạch năm 2024
//! 1    Số trạm BTS     Trạm         1.245     1.318                   1.400
//! ```

use super::context::SectionStatus;
use super::{Extraction, MatchOptions};
use crate::catalogue::{Catalogue, Cue, Role};
use crate::document::{Document, Format, Span};
use crate::recognize::{self, MentionKind, SentenceAnalysis};
use crate::record::Status;
use crate::segment::Outline;
use crate::token::Tokens;

/// A cell of a row: its byte span and trimmed text.
struct Cell<'a> {
    span: Span,
    text: &'a str,
}

fn cells(doc: &Document, span: Span) -> Vec<Cell<'_>> {
    let row = doc.slice(span);
    let mut out = Vec::new();
    let mut at = span.start;
    for part in row.split('\t') {
        let lead = part.len() - part.trim_start().len();
        let text = part.trim();
        out.push(Cell {
            span: Span::new(at + lead, at + lead + text.len()),
            text,
        });
        at += part.len() + 1;
    }
    out
}

/// A cell holding just a figure (`1.245`, `8.912,4`, `92,4%`, `≥ 45%`).
fn is_value_cell(text: &str) -> bool {
    let t = text.trim_start_matches(['≥', '≤', '>', '<', '~', ' ']);
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%' | ' ' | '/'))
}

/// A row-number cell (`1`, `2.1`, `I`, `a`).
fn is_row_number(text: &str) -> bool {
    let t = text.trim_end_matches(['.', ')']);
    (!t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit() || c == '.'))
        || matches!(
            t,
            "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX" | "X"
        )
        || (t.chars().count() == 1 && t.chars().all(|c| c.is_lowercase()))
}

/// The header row of the table this row belongs to: the first row of the run
/// of table blocks, when it holds no figures.
fn header_cells<'d>(doc: &'d Document, outline: &Outline, block: usize) -> Option<Vec<Cell<'d>>> {
    let mut first = block;
    while first > 0 {
        let prev = outline.blocks.get(first - 1)?;
        let this = outline.blocks.get(first)?;
        if !prev.table || this.line.saturating_sub(prev.line) > 2 {
            break;
        }
        first -= 1;
    }
    if first == block {
        return None;
    }
    let header = cells(doc, outline.blocks.get(first)?.span);
    (!header.iter().any(|c| is_value_cell(c.text))).then_some(header)
}

/// A column comparing other columns (`Tỷ lệ so với kế hoạch (%)`, `%`):
/// its figures restate others and make no records.
fn is_comparison_column(catalogue: &Catalogue, text: &str) -> bool {
    let bare = text.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace());
    if bare == "%" || bare.eq_ignore_ascii_case("tl") {
        return true;
    }
    let tokens = Tokens::new(text, Span::new(0, text.len()));
    catalogue.dict.scan(&tokens).iter().any(|h| {
        matches!(
            catalogue.dict.role(h.entry),
            Some(Role::Cue(Cue::Compared | Cue::EqualTo))
        )
    })
}

/// Whether a text names a metric (`Loại tấn công`); with `strict`, only by a
/// noun that identifies it on its own (`Điểm`, `Xếp hạng`, not `Số lượt`).
fn names_metric(catalogue: &Catalogue, text: &str, strict: bool) -> bool {
    let tokens = Tokens::new(text, Span::new(0, text.len()));
    catalogue
        .dict
        .scan(&tokens)
        .iter()
        .any(|h| match catalogue.dict.role(h.entry) {
            Some(Role::Term(_)) => true,
            Some(Role::Noun(_)) => !strict,
            _ => false,
        })
}

/// `Xếp hạng (/63)`: the field size a header gives its ranks.
fn field_size(text: &str) -> Option<f64> {
    let after = text.split('/').nth(1)?;
    let digits: String = after
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// What a column header says: status and period.
fn column_context(catalogue: &Catalogue, text: &str) -> (Option<Status>, Option<String>) {
    let tokens = Tokens::new(text, Span::new(0, text.len()));
    let analysis = recognize::analyse_tokens(text, tokens, catalogue);
    let mut status = None;
    for h in &analysis.hits {
        let s = match catalogue.dict.role(h.entry) {
            Some(Role::Cue(Cue::Estimate)) => Status::Estimate,
            Some(Role::Cue(Cue::Target | Cue::PlanReference | Cue::TargetSection)) => {
                Status::Target
            }
            _ => continue,
        };
        // An estimate cue beats a plan word in the same header.
        if status != Some(Status::Estimate) {
            status = Some(s);
        }
    }
    let period = analysis.mentions.iter().find_map(|m| match m.kind {
        MentionKind::Period(p) => p.canonical(None),
        _ => None,
    });
    (status, period)
}

/// Extracts the records of one table row; false when the row is not a
/// label-and-figures row (its text is then read as a sentence).
/// Rows longer than this are not read as table rows.
const MAX_ROW_BYTES: usize = 4096;
/// Nor rows with more cells than this.
const MAX_ROW_CELLS: usize = 64;

pub(super) fn extract_row(
    doc: &Document,
    outline: &Outline,
    sa: &SentenceAnalysis,
    catalogue: &Catalogue,
    options: MatchOptions,
    statuses: &[SectionStatus],
    out: &mut Extraction,
) -> bool {
    let Some(sentence) = outline.sentences.get(sa.sentence) else {
        return false;
    };
    let Some(block) = outline.blocks.get(sentence.block) else {
        return false;
    };
    // A real table row is short: a long run of tab-separated text is prose.
    if block.span.len() > MAX_ROW_BYTES {
        return false;
    }
    let row = cells(doc, block.span);
    if row.len() < 2 || row.len() > MAX_ROW_CELLS {
        return false;
    }
    let label_index = row
        .iter()
        .position(|c| c.text.chars().any(char::is_alphabetic) && !is_row_number(c.text));
    let Some(label_index) = label_index else {
        return false;
    };
    let first_value = row
        .iter()
        .enumerate()
        .skip(label_index + 1)
        .find(|(_, c)| is_value_cell(c.text))
        .map(|(k, _)| k);
    let Some(first_value) = first_value else {
        // A header or caption row: no figures of its own.
        return !row.iter().any(|c| is_value_cell(c.text));
    };
    let label = row[label_index].text;
    let unit = row
        .get(label_index + 1..first_value)
        .and_then(|cs| {
            cs.iter()
                .find(|c| !c.text.is_empty() && c.text.split_whitespace().count() <= 4)
        })
        .map(|c| c.text)
        .unwrap_or("");
    let header = header_cells(doc, outline, sentence.block);
    // `Loại tấn công` over the label column says what every row counts.
    let label_header = header
        .as_ref()
        .and_then(|h| h.get(label_index))
        .map(|c| c.text)
        .filter(|t| names_metric(catalogue, t, false));
    let section_target = block
        .section
        .and_then(|s| statuses.get(s))
        .is_some_and(|s| *s == SectionStatus::Target);
    let mut section_parts: Vec<&str> = outline.section_path(block.section);
    if let Some(l) = &block.label {
        section_parts.push(l);
    }
    let section = (!section_parts.is_empty()).then(|| section_parts.join(" > "));
    let line = doc.line_of(block.span.start);
    for (k, cell) in row.iter().enumerate().skip(label_index + 1) {
        if !is_value_cell(cell.text) {
            continue;
        }
        let column_header = header.as_ref().and_then(|h| h.get(k)).map(|c| c.text);
        if column_header.is_some_and(|t| is_comparison_column(catalogue, t)) {
            continue;
        }
        // Without a unit column, a header naming what the column counts
        // (`Điểm`, `Xếp hạng`) stands after the figure.
        let unit = if unit.is_empty() {
            column_header
                .filter(|t| names_metric(catalogue, t, true))
                .unwrap_or("")
        } else {
            unit
        };
        let value_text = if unit.is_empty() || cell.text.ends_with('%') {
            cell.text.to_string()
        } else {
            format!("{} {unit}", cell.text)
        };
        let label = label.trim_end_matches(':');
        let synthetic = match label_header {
            Some(h) => format!("{label} ({h}): {value_text}"),
            None => format!("{label}: {value_text}"),
        };
        let (column_status, column_period) = column_header
            .map(|t| column_context(catalogue, t))
            .unwrap_or((None, None));
        for mut record in synthetic_records(&synthetic, catalogue, options) {
            record.line = line;
            record.span = [cell.span.start, cell.span.end];
            record.evidence = super::evidence(doc, outline, block.span, cell.span);
            record.section = section.clone();
            record.status = if section_target {
                Status::Target
            } else {
                column_status.unwrap_or(record.status)
            };
            if column_period.is_some() {
                record.period = column_period.clone();
            }
            if record.unit == "rank" && record.total.is_none() {
                record.total = column_header.and_then(field_size);
            }
            out.candidates.push(super::Candidate {
                record,
                parent: None,
                stated_rate: None,
                parts_overlap: false,
            });
        }
    }
    true
}

/// Runs the text-level pipeline on one synthetic sentence.
fn synthetic_records(
    text: &str,
    catalogue: &Catalogue,
    options: MatchOptions,
) -> Vec<crate::record::Record> {
    let doc = Document::new("table", Format::Text, "utf-8", text.to_string());
    let whole = Span::new(0, text.len());
    let outline = Outline {
        lines: vec![crate::segment::LineKind::Body],
        blocks: vec![crate::segment::Block {
            span: whole,
            section: None,
            label: None,
            table: false,
            line: 1,
        }],
        sentences: vec![crate::segment::Sentence {
            span: whole,
            block: 0,
        }],
        ..Outline::default()
    };
    let mentions = recognize::recognize(&doc, &outline, catalogue);
    let extraction = super::extract(&doc, &outline, &mentions, catalogue, options);
    extraction
        .candidates
        .into_iter()
        .map(|c| c.record)
        .collect()
}
