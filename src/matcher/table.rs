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

/// The row's label: its first cell with letters that is no row number.
fn label_position(row: &[Cell]) -> Option<usize> {
    row.iter()
        .position(|c| c.text.chars().any(char::is_alphabetic) && !is_row_number(c.text))
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

/// The header row of the table whose first row is block `first`, when that
/// row is not `block` itself and holds no figures.
fn header_cells<'d>(
    doc: &'d Document,
    outline: &Outline,
    first: usize,
    block: usize,
) -> Option<Vec<Cell<'d>>> {
    if first == block {
        return None;
    }
    let header = cells(doc, outline.blocks.get(first)?.span);
    (!header.iter().any(|c| is_value_cell(c.text))).then_some(header)
}

/// Whether block `block` continues the table of block `block - 1`.
fn continues_table(outline: &Outline, block: usize) -> bool {
    block > 0
        && match (outline.blocks.get(block - 1), outline.blocks.get(block)) {
            (Some(prev), Some(this)) => prev.table && this.line.saturating_sub(prev.line) <= 2,
            _ => false,
        }
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

/// Whether a text is context a metric requires (`Chỉ số chính` over the
/// DTI component rows: the scores below are index scores).
fn names_context(catalogue: &Catalogue, text: &str) -> bool {
    let tokens = Tokens::new(text, Span::new(0, text.len()));
    catalogue
        .dict
        .scan(&tokens)
        .iter()
        .any(|h| matches!(catalogue.dict.role(h.entry), Some(Role::Requires(_))))
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

/// What reading a row needs from the document being matched.
pub(super) struct RowContext<'a> {
    pub doc: &'a Document,
    pub outline: &'a Outline,
    pub catalogue: &'a Catalogue,
    pub options: MatchOptions,
    pub statuses: &'a [SectionStatus],
    /// The document's year: a column for a later year holds targets.
    pub year: Option<i32>,
}

pub(super) fn extract_row(
    cx: &RowContext,
    sa: &SentenceAnalysis,
    memo: &mut TableMemo,
    out: &mut Extraction,
) -> bool {
    let RowContext {
        doc,
        outline,
        catalogue,
        options,
        statuses,
        year,
    } = *cx;
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
    let Some(label_index) = label_position(&row) else {
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
    // `Số trạm BTS (trạm)`, `Doanh thu (tỷ đồng)`, `Tỷ lệ … (%)`: a unit in
    // brackets after the label, when there is no unit column.
    let (label, label_unit) = split_label_unit(row[label_index].text);
    let unit = row
        .get(label_index + 1..first_value)
        .and_then(|cs| {
            cs.iter()
                .find(|c| !c.text.is_empty() && c.text.split_whitespace().count() <= 4)
        })
        .map(|c| c.text)
        .or(label_unit)
        .unwrap_or("");
    let first_row = memo.first_row(outline, sentence.block);
    let header = header_cells(doc, outline, first_row, sentence.block);
    // `Loại tấn công` over the label column says what every row counts.
    let label_header = header
        .as_ref()
        .and_then(|h| h.get(label_index))
        .map(|c| c.text)
        .filter(|t| names_metric(catalogue, t, false) || names_context(catalogue, t));
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
    // Rows of entities under columns of indicators (`Sở Tư pháp ⇥ 15.208 ⇥
    // 15.011 ⇥ 0 ⇥ 100` under `Cơ quan ⇥ Tiếp nhận ⇥ Đã giải quyết ⇥ Quá
    // hạn ⇥ Tỷ lệ đúng hạn (%)`): the header says what each figure is, the
    // caption (`đơn vị tính: hồ sơ`) what it counts.
    // Such columns name no year and no status (unlike `Năm 2022`, `Kế
    // hoạch năm 2024`); two of them make the table one of this kind. The
    // header decides, not this row (whose cells may be `-`).
    let indicator_columns = memo.indicator_columns(first_row, label_index, || {
        header.as_ref().map_or(0, |h| {
            h.iter()
                .skip(label_index + 1)
                .filter(|c| {
                    !c.text.is_empty()
                    && !opens_with(catalogue, c.text, Cue::TableBookkeeping)
                    && !is_value_cell(c.text)
                    && !is_comparison_column(catalogue, c.text)
                    && column_context(catalogue, c.text) == (None, None)
                    // A short metric noun (`Điểm`, `Xếp hạng`) follows the
                    // figure as its unit; a longer header names an indicator.
                    && (!names_metric(catalogue, c.text, true)
                        || c.text.split_whitespace().count() >= 3)
                })
                .count()
        })
    });
    let by_column =
        indicator_columns >= 2 && memo.labels_are_entities(doc, outline, catalogue, first_row);
    let label_names_metric = names_metric(catalogue, label, true);
    let caption = if by_column {
        caption_unit(doc, outline, first_row)
    } else {
        None
    };
    for (k, cell) in row.iter().enumerate().skip(label_index + 1) {
        if !is_value_cell(cell.text) {
            continue;
        }
        let column_header = header.as_ref().and_then(|h| h.get(k)).map(|c| c.text);
        if column_header.is_some_and(|t| is_comparison_column(catalogue, t)) {
            continue;
        }
        let (synthetic, column_status, column_period, entity) = if by_column {
            let Some(h) = column_header.filter(|t| !t.is_empty()) else {
                continue;
            };
            let (status, period) = column_context(catalogue, h);
            let synthetic = column_sentence(h, cell.text, caption.as_deref());
            // Whose figure it is (`Sở Tư pháp`) tells the rows apart.
            (synthetic, status, period, Some(label.trim_end_matches(':')))
        } else {
            // Without a unit column, a header naming what the column counts
            // (`Điểm`, `Xếp hạng`) stands after the figure.
            let row_unit = !unit.is_empty();
            let unit = if unit.is_empty() {
                column_header
                    .filter(|t| names_metric(catalogue, t, true))
                    .unwrap_or("")
            } else {
                unit
            };
            let value_text = if unit.is_empty()
                || cell.text.ends_with('%')
                || (row_unit && label_names_metric && !is_measure_unit(catalogue, unit))
            {
                // A count's unit column (`Người`, `Trạm`) adds nothing to a label
                // that names the metric, and could be read as another noun.
                cell.text.to_string()
            } else if is_percent_header(unit) {
                // `Tỷ lệ …` after a figure is no scale word (`95,20 tỷ`).
                format!("{}%", cell.text)
            } else {
                format!("{} {unit}", cell.text)
            };
            let label = label.trim_end_matches(':');
            let synthetic = match label_header {
                Some(h) => format!("{label} ({h}): {value_text}"),
                None => format!("{label}: {value_text}"),
            };
            let (status, period) = column_header
                .map(|t| column_context(catalogue, t))
                .unwrap_or((None, None));
            (synthetic, status, period, None)
        };
        for mut record in synthetic_records(&synthetic, catalogue, options) {
            record.line = line;
            record.span = [cell.span.start, cell.span.end];
            record.evidence = super::evidence(doc, outline, block.span, cell.span);
            record.section = section.clone();
            if let Some(entity) = entity
                && record.subtype.is_none()
            {
                record.subtype = Some(entity.to_string());
            }
            // `Năm 2025` in a document of 2023 is a plan, whatever the row says.
            let later = column_period
                .as_deref()
                .and_then(|p| p.get(..4))
                .and_then(|y| y.parse::<i32>().ok())
                .zip(year)
                .is_some_and(|(column, doc)| column > doc);
            record.status = if section_target || (later && column_status.is_none()) {
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

/// What is known of the table being read, so that each row does not walk
/// back to the table's start and each table is judged once.
#[derive(Debug, Default)]
pub(super) struct TableMemo {
    /// The current table's first block and the last block seen in it.
    run: Option<(usize, usize)>,
    /// A table's first block and whether its row labels are entities.
    judged: Option<(usize, bool)>,
    /// A table's first block, its label column and how many of its header
    /// cells name indicators.
    columns: Option<(usize, usize, usize)>,
}

impl TableMemo {
    /// The first block of the table holding `block`.
    fn first_row(&mut self, outline: &Outline, block: usize) -> usize {
        let first = match self.run {
            Some((first, last)) if last == block => first,
            Some((first, last)) if last + 1 == block && continues_table(outline, block) => first,
            _ => {
                let mut first = block;
                while continues_table(outline, first) {
                    first -= 1;
                }
                first
            }
        };
        self.run = Some((first, block));
        first
    }

    /// The indicator columns of the table starting at block `first` with its
    /// label in column `label`, counted once per table.
    fn indicator_columns(
        &mut self,
        first: usize,
        label: usize,
        count: impl FnOnce() -> usize,
    ) -> usize {
        match self.columns {
            Some((f, l, n)) if f == first && l == label => n,
            _ => {
                let n = count();
                self.columns = Some((first, label, n));
                n
            }
        }
    }

    /// [`labels_are_entities`] for the table starting at block `first`.
    fn labels_are_entities(
        &mut self,
        doc: &Document,
        outline: &Outline,
        catalogue: &Catalogue,
        first: usize,
    ) -> bool {
        match self.judged {
            Some((f, entities)) if f == first => entities,
            _ => {
                let entities = labels_are_entities(doc, outline, catalogue, first);
                self.judged = Some((first, entities));
                entities
            }
        }
    }
}

/// Whether most row labels of the table starting at block `first` (its
/// first 50 rows) name no metric: `Sở Tư pháp`, `Huyện Đức Trọng`, not
/// `Số trạm BTS`.
fn labels_are_entities(
    doc: &Document,
    outline: &Outline,
    catalogue: &Catalogue,
    first: usize,
) -> bool {
    let (mut rows, mut metric_labels) = (0usize, 0usize);
    for b in outline.blocks.iter().skip(first).take(50) {
        if !b.table {
            break;
        }
        let row = cells(doc, b.span);
        if !row.iter().any(|c| is_value_cell(c.text)) {
            continue;
        }
        let Some(label) = label_position(&row).and_then(|k| row.get(k)) else {
            continue;
        };
        rows += 1;
        if names_metric(catalogue, label.text, true)
            && !opens_with(catalogue, label.text, Cue::AgencyHead)
        {
            metric_labels += 1;
        }
    }
    rows > 0 && metric_labels * 2 < rows
}

/// Whether `text` opens with a phrase of `cue` (`Sở …` for an agency head,
/// `Đơn vị tính` for a bookkeeping column).
fn opens_with(catalogue: &Catalogue, text: &str, cue: Cue) -> bool {
    let tokens = Tokens::new(text, Span::new(0, text.len()));
    catalogue
        .cue_dict
        .scan(&tokens)
        .iter()
        .any(|h| h.start == 0 && catalogue.cue_dict.role(h.entry) == Some(&cue))
}

/// The sentence a figure under an indicator column reads as: `Tiếp nhận:
/// 18.742 hồ sơ`, `Tỷ lệ đúng hạn: 95,20%`.
fn column_sentence(header: &str, value: &str, unit: Option<&str>) -> String {
    let percent = is_percent_header(header);
    let name = header
        .replace("(%)", "")
        .replace('%', "")
        .trim()
        .trim_end_matches(':')
        .to_string();
    if percent {
        let value = value.trim_end_matches('%');
        format!("{name}: {value}%")
    } else {
        match unit {
            Some(u) => format!("{name}: {value} {u}"),
            None => format!("{name}: {value}"),
        }
    }
}

/// A label and the unit in brackets at its end: `Số trạm BTS (trạm)` →
/// (`Số trạm BTS`, `trạm`); a bracket with digits or a capital (`(DDoS)`,
/// an abbreviation) is not a unit.
fn split_label_unit(label: &str) -> (&str, Option<&str>) {
    let trimmed = label.trim_end();
    if let Some(inner) = trimmed.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        let unit = inner[open + 1..].trim();
        let before = inner[..open].trim_end();
        if !unit.is_empty()
            && !before.is_empty()
            && unit.split_whitespace().count() <= 3
            && !unit.chars().any(|c| c.is_ascii_digit())
            && unit.starts_with(|c: char| c.is_lowercase() || c == '%')
        {
            return (before, Some(unit));
        }
    }
    (label, None)
}

/// A unit that changes the value (`tỷ đồng`, `km`, `%`), as opposed to
/// the name of what is counted (`Người`, `Trạm`).
fn is_measure_unit(catalogue: &Catalogue, unit: &str) -> bool {
    let tokens = Tokens::new(unit, Span::new(0, unit.len()));
    unit.contains(['%', '/'])
        || catalogue.dict.scan(&tokens).iter().any(|h| {
            h.start == 0
                && matches!(
                    catalogue.dict.role(h.entry),
                    Some(Role::Unit(_) | Role::Scale(_))
                )
        })
}

/// `Tỷ lệ đúng hạn (%)`, `%`: a column of percentages.
fn is_percent_header(header: &str) -> bool {
    let tokens = Tokens::new(header, Span::new(0, header.len()));
    header.contains('%') || (tokens.word_is(0, "tỷ") && tokens.word_is(1, "lệ"))
}

/// `(đơn vị tính: hồ sơ)`, `ĐVT: trạm` in the line just above the table
/// starting at block `first`.
fn caption_unit(doc: &Document, outline: &Outline, first: usize) -> Option<String> {
    // The caption may be a heading, which is no block: read the line.
    let line = outline.blocks.get(first)?.line;
    let caption = doc.slice(doc.line_span(line.checked_sub(1).filter(|&l| l > 0)?));
    let lower = caption.to_lowercase();
    let at = ["đơn vị tính:", "đvt:"]
        .iter()
        .find_map(|m| lower.find(m).map(|i| i + m.len()))?;
    let unit: String = lower
        .get(at..)?
        .chars()
        .take_while(|c| !matches!(c, ')' | ';' | ',' | '.' | '\n'))
        .collect();
    let unit = unit.trim();
    (!unit.is_empty() && unit.split_whitespace().count() <= 3).then(|| unit.to_string())
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
