//! Line classification: chrome, header, title, headings, body, duplicates,
//! closing block; and the grouping of body lines into blocks.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::{Block, Outline, Section};
use crate::catalogue::{Catalogue, Cue};
use crate::document::{Document, Span};
use crate::token::{TokenKind, Tokens};

/// What a line of the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// Empty or white space only.
    Blank,
    /// Page chrome: view counters, menus, related-article links, widgets.
    Chrome,
    /// A formal document's header (issuing body, `Số:`, place-date line).
    Header,
    /// The document title.
    Title,
    /// A section heading.
    Heading,
    /// Body text.
    Body,
    /// Body text repeating an earlier paragraph word for word.
    Duplicate,
    /// The closing block: `Nơi nhận:`, signatures.
    Closing,
}

/// Lines longer than this are checked for chrome only at their ends.
const PROBE_BYTES: usize = 240;

static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:",
        r"(?P<part>(?:PHẦN|Phần|CHƯƠNG|Chương)\s+(?:THỨ\s+\S+|[Tt]hứ\s+\S+|[IVXLC]+|\d+)\s*[.:)-]?)",
        r"|(?P<letter_upper>[A-E]\s*[.)])",
        r"|(?P<roman>[IVX]{1,5}\s*[.)/-]?)",
        r"|(?P<arabic>\d{1,2}(?:\.\d{1,2}){1,3}\.?|\d{1,2}[.)])",
        r"|(?P<letter>[a-zđ]\s*[).])",
        r")(?:\s+|$)"
    ))
    .unwrap_or_else(|e| panic!("heading regex: {e}"))
});

static TIMESTAMP_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\(\s*\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2}(?:\s*(?:SA|CH|AM|PM|sa|ch))?)?\s*\)\s*$",
    )
    .unwrap_or_else(|e| panic!("timestamp regex: {e}"))
});

static BULLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[-+•*–·∙○►]\s*").unwrap_or_else(|e| panic!("bullet regex: {e}"))
});

/// A parsed heading marker.
#[derive(Debug, Clone, Copy)]
struct Heading {
    level: u8,
    /// Byte length of the marker and the space after it.
    marker_len: usize,
}

fn heading_marker(line: &str) -> Option<Heading> {
    let caps = HEADING.captures(line)?;
    let whole = caps.get(0)?;
    let level = if caps.name("part").is_some() || caps.name("letter_upper").is_some() {
        0
    } else if caps.name("roman").is_some() {
        1
    } else if let Some(m) = caps.name("arabic") {
        let inner_dots = m.as_str().trim_end_matches('.').matches('.').count();
        2 + inner_dots.min(3) as u8
    } else {
        5
    };
    // A marker must be followed by text (a lone `1.` is not a heading).
    if whole.end() >= line.len() && caps.name("part").is_none() {
        return None;
    }
    // `I` or `V` followed by a lower-case word is a sentence, not a heading.
    if caps.name("roman").is_some() {
        let rest = &line[whole.end()..];
        if !rest.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
    }
    Some(Heading {
        level,
        marker_len: whole.end(),
    })
}

/// Cue hits at the start / end of a line, computed from bounded probes.
struct LineProbe {
    head: Tokens,
    head_hits: Vec<(Cue, usize, usize)>,
    tail: Tokens,
    tail_hits: Vec<(Cue, usize, usize)>,
    whole: bool,
}

fn probe(catalogue: &Catalogue, text: &str, span: Span) -> LineProbe {
    let head_end = floor_char(text, span.start + PROBE_BYTES.min(span.len()));
    let head_span = Span::new(span.start, head_end.max(span.start));
    let tail_start = ceil_char(text, span.end.saturating_sub(PROBE_BYTES).max(span.start));
    let tail_span = Span::new(tail_start, span.end);
    let head = Tokens::new(text, head_span);
    let head_hits = cue_hits(catalogue, &head);
    // A short line is probed once: its head is its tail.
    let whole = head_span == span;
    let (tail, tail_hits) = if whole {
        (head.clone(), head_hits.clone())
    } else {
        let tail = Tokens::new(text, tail_span);
        let hits = cue_hits(catalogue, &tail);
        (tail, hits)
    };
    LineProbe {
        whole,
        head,
        head_hits,
        tail,
        tail_hits,
    }
}

fn cue_hits(catalogue: &Catalogue, tokens: &Tokens) -> Vec<(Cue, usize, usize)> {
    catalogue
        .cue_dict
        .scan(tokens)
        .into_iter()
        .filter_map(|h| {
            let cue = catalogue.cue_dict.role(h.entry)?;
            Some((*cue, h.start, h.end))
        })
        .collect()
}

impl LineProbe {
    fn starts_with(&self, cue: Cue) -> bool {
        self.head_hits.iter().any(|&(c, s, _)| c == cue && s == 0)
    }

    fn ends_with(&self, cue: Cue) -> bool {
        let n = self.tail.len();
        self.tail_hits.iter().any(|&(c, _, e)| {
            c == cue && (e == n || (e + 1 == n && self.tail.kind_is(n - 1, TokenKind::Punct)))
        })
    }

    fn is(&self, cue: Cue) -> bool {
        let n = self.head.len();
        self.whole
            && self.head_hits.iter().any(|&(c, s, e)| {
                c == cue
                    && s == 0
                    && (e == n || (e + 1 == n && self.head.kind_is(n - 1, TokenKind::Punct)))
            })
    }
}

fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

/// Trims white space off a span.
fn trim_span(text: &str, span: Span) -> Span {
    let s = text.get(span.start..span.end).unwrap_or("");
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    Span::new(span.start + lead, span.end - trail.min(s.len() - lead))
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn has_letter(s: &str) -> bool {
    s.chars().any(|c| c.is_alphabetic())
}

/// Share of letters that are upper case.
fn upper_share(s: &str) -> f32 {
    let (mut upper, mut letters) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if c.is_uppercase() {
            upper += 1;
        }
    }
    if letters == 0 {
        0.0
    } else {
        upper as f32 / letters as f32
    }
}

fn ends_sentence(s: &str) -> bool {
    s.ends_with(['.', '!', '?', ';', ':', '…'])
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Classifies every line and builds sections and blocks.
pub(super) fn classify(doc: &Document, catalogue: &Catalogue) -> Outline {
    let text = doc.text.as_str();
    let n = doc.line_count();
    let spans: Vec<Span> = (1..=n).map(|l| trim_span(text, doc.line_span(l))).collect();
    let mut kinds = vec![LineKind::Blank; n];
    let mut outline = Outline::default();

    // A formal document: a header line (`Số:`, `CỘNG HÒA …`) near the top, or
    // a document-type line (`BÁO CÁO`) among its first lines.
    let formal = spans.iter().take(30).any(|&s| {
        !s.is_empty() && {
            let p = probe(catalogue, text, s);
            p.starts_with(Cue::HeaderLine)
        }
    }) || spans.iter().filter(|s| !s.is_empty()).take(6).any(|&s| {
        let line = text.get(s.start..s.end).unwrap_or("");
        upper_share(line) > 0.8 && word_count(line) <= 4 && is_document_type_line(catalogue, line)
    });
    let wrap_width = wrap_width(text, &spans);

    let mut in_header = formal;
    let mut type_line_seen = false;
    let mut abstract_open = false;
    let mut title_parts: Vec<String> = Vec::new();
    let mut type_title: Option<String> = None;
    let mut title_done = false;
    let mut title_continues: Vec<usize> = Vec::new();
    let mut seen_body = false;
    let mut after_chrome_section = false;
    let mut closing = false;
    let mut seen_paragraphs: HashSet<String> = HashSet::new();
    let mut stack: Vec<usize> = Vec::new();
    let container_title = doc.title.as_deref().map(collapse);

    for (i, &span) in spans.iter().enumerate() {
        let line_no = i + 1;
        let line = text.get(span.start..span.end).unwrap_or("");
        if line.is_empty() {
            kinds[i] = LineKind::Blank;
            if abstract_open && !title_parts.is_empty() {
                abstract_open = false;
                title_done = true;
            }
            continue;
        }
        if title_continues.contains(&i) {
            kinds[i] = LineKind::Title;
            title_parts.push(line.to_string());
            continue;
        }
        if after_chrome_section {
            kinds[i] = LineKind::Chrome;
            continue;
        }
        let p = probe(catalogue, text, span);
        if closing {
            if p.starts_with(Cue::Appendix) {
                closing = false;
            } else {
                kinds[i] = LineKind::Closing;
                continue;
            }
        }
        let words = word_count(line);
        if p.is(Cue::ChromeSection) {
            kinds[i] = LineKind::Chrome;
            if seen_body {
                after_chrome_section = true;
            }
            continue;
        }
        if p.starts_with(Cue::ClosingBlock) {
            kinds[i] = LineKind::Closing;
            closing = true;
            continue;
        }
        let is_link = words <= 40 && TIMESTAMP_LINK.is_match(line);
        let menu_like = line.matches('|').count() >= 2
            || line.matches('»').count() >= 1
            || line.matches(" > ").count() >= 2;
        // `21,7%.` finishing a wrapped sentence (`… đạt` / `21,7%.`) is text.
        let finishes_sentence = i > 0
            && kinds[i - 1] == LineKind::Body
            && line.starts_with(|c: char| c.is_ascii_digit())
            && line.ends_with(['.', ';'])
            && {
                let prev = text.get(spans[i - 1].start..spans[i - 1].end).unwrap_or("");
                !ends_sentence(prev) && !prev.contains('\t')
            };
        if (!has_letter(line) && !finishes_sentence)
            // A portal's name heading a scraped page.
            || (!seen_body
                && !title_done
                && p.starts_with(Cue::SiteName)
                && !ends_sentence(line)
                && words <= 20)
            // A banner in capitals right above the menu (`SỞ THÔNG TIN VÀ
            // TRUYỀN THÔNG TỈNH …` ⏎ `Trang chủ | Giới thiệu | …`).
            || (!formal
                && !seen_body
                && !title_done
                && upper_share(line) > 0.8
                && spans.iter().skip(i + 1).take(2).any(|s| {
                    let next = text.get(s.start..s.end).unwrap_or("");
                    next.matches('|').count() >= 2 || next.contains('»')
                }))
            || p.starts_with(Cue::ChromeStart)
            || (words <= 12 && p.ends_with(Cue::ChromeEnd))
            || is_link
            || menu_like
        {
            kinds[i] = LineKind::Chrome;
            continue;
        }
        // Table rows (tab-separated cells) are never headings: `1⇥Số trạm BTS⇥…`.
        let is_row = line.contains('\t');
        let heading = if is_row { None } else { heading_marker(line) };

        // The header zone of a formal document.
        if in_header {
            let cells_upper = line
                .split('\t')
                .next()
                .is_some_and(|c| upper_share(c) > 0.8);
            let is_type_line = cells_upper && is_document_type_line(catalogue, line);
            if is_type_line && !type_line_seen {
                kinds[i] = LineKind::Header;
                type_line_seen = true;
                abstract_open = true;
                type_title = Some(sentence_case(line));
                // `BẢN TIN AN TOÀN THÔNG TIN MẠNG TUẦN 34 NĂM 2024`: the type
                // and the title on one line.
                if words > 4 {
                    kinds[i] = LineKind::Title;
                    title_parts.push(line.to_string());
                }
                continue;
            }
            let opens_body = p.starts_with(Cue::HeaderLine) && line.starts_with("Kính");
            // `(Kèm theo Công văn số …)` after the abstract is body text, not title.
            if abstract_open
                && heading.is_none()
                && !opens_body
                && words <= 30
                && !ends_sentence(line)
                && !line.starts_with('(')
                && (title_parts.is_empty() || !opens_paragraph(&p, line))
            {
                kinds[i] = LineKind::Title;
                title_parts.push(line.trim_start_matches(['-', ' ']).to_string());
                continue;
            }
            if abstract_open {
                abstract_open = false;
                title_done = true;
            }
            let long = line.split('\t').any(|cell| word_count(cell) > 25);
            let header_like = if type_line_seen {
                opens_body || p.starts_with(Cue::HeaderLine)
            } else {
                heading.is_none() && !long
            };
            if header_like {
                kinds[i] = LineKind::Header;
                continue;
            }
            in_header = false;
            title_done = true;
        }

        // A news page's title: the first headline-like line before the body.
        if !formal && !title_done && !seen_body && heading.is_none() {
            let matches_container = container_title
                .as_deref()
                .is_some_and(|t| t == collapse(line));
            // Section labels (`Tin tức - Sự kiện`, `Hoạt động của Sở`) are
            // shorter than headlines.
            if matches_container
                || ((6..=60).contains(&words) && !ends_sentence(line) && !line.contains('\t'))
            {
                // A hard-wrapped headline goes on over the next lines; a
                // wrapped paragraph reaches a sentence end.
                let mut more = Vec::new();
                let mut prev = span;
                let mut paragraph = false;
                for (j, &next) in spans.iter().enumerate().skip(i + 1).take(3) {
                    let next_text = text.get(next.start..next.end).unwrap_or("");
                    let next_opens = opens_paragraph(&probe(catalogue, text, next), next_text);
                    if next_text.is_empty()
                        || next_opens
                        || !title_goes_on(text, prev, next_text, wrap_width)
                    {
                        break;
                    }
                    if ends_sentence(next_text) {
                        paragraph = true;
                        break;
                    }
                    more.push(j);
                    prev = next;
                }
                if matches_container || !paragraph {
                    kinds[i] = LineKind::Title;
                    title_parts.push(line.to_string());
                    title_done = true;
                    title_continues = more;
                    continue;
                }
            }
            // A short label, not a short sentence (`Ban hành 27 Quyết định.`).
            if words < 6 && !ends_sentence(line) && !line.chars().any(|c| c.is_ascii_digit()) {
                kinds[i] = LineKind::Chrome;
                continue;
            }
        }
        if !formal && !title_done && words >= 6 {
            title_done = true;
        }

        // Signature lines after the body.
        if seen_body
            && words <= 8
            && (p.starts_with(Cue::Signature)
                || (upper_share(line) > 0.9 && is_signature_title(catalogue, &p)))
        {
            kinds[i] = LineKind::Closing;
            continue;
        }

        // Headings, possibly with body text inline after a colon.
        let (body_span, table) = if let Some(h) = heading {
            let rest_span = Span::new(span.start + h.marker_len, span.end);
            let rest = text.get(rest_span.start..rest_span.end).unwrap_or("");
            let rest_words = word_count(rest);
            let colon = inline_colon(rest);
            if let Some(colon_at) = colon {
                let title = collapse(&format!("{}{}", &line[..h.marker_len], &rest[..colon_at]));
                push_section(&mut outline, &mut stack, title, h.level, line_no);
                kinds[i] = LineKind::Heading;
                let after = rest[colon_at + 1..].trim();
                if word_count(after) == 0 {
                    continue;
                }
                (rest_span, false)
            } else if rest_words <= 25 && !ends_sentence(rest) {
                push_section(&mut outline, &mut stack, collapse(line), h.level, line_no);
                kinds[i] = LineKind::Heading;
                continue;
            } else {
                (rest_span, false)
            }
        } else if (2..=25).contains(&words)
            && upper_share(line) > 0.8
            && !line.contains('\t')
            && !ends_sentence(line)
        {
            push_section(&mut outline, &mut stack, collapse(line), 1, line_no);
            kinds[i] = LineKind::Heading;
            continue;
        } else {
            if is_row {
                // Keep leading empty cells so columns line up with the header.
                (row_span(text, doc.line_span(line_no)), true)
            } else {
                (span, false)
            }
        };

        // Body text.
        let key = collapse(line);
        // A short wrapped line inside a repeated paragraph repeats too.
        let continues_duplicate = i > 0
            && kinds[i - 1] == LineKind::Duplicate
            && continues_previous(text, spans[i - 1], line, wrap_width);
        if !table
            && (continues_duplicate || (key.chars().count() >= 40 && !seen_paragraphs.insert(key)))
        {
            kinds[i] = LineKind::Duplicate;
            continue;
        }
        if kinds[i] != LineKind::Heading {
            kinds[i] = LineKind::Body;
        }
        seen_body = true;
        let section = stack.last().copied();
        // The body line this one may continue: the one before, or the last
        // body line before a page break (blank lines and a page number).
        // A numbered heading with its text inline (`1. Tham mưu …: Ban hành …
        // 25` ⏎ `Kế hoạch …`) is continued like body text.
        let previous = if i > 0 && matches!(kinds[i - 1], LineKind::Body | LineKind::Heading) {
            Some(i - 1)
        } else {
            across_page_break(text, &spans, &kinds, i)
        };
        let joins = !table
            && heading.is_none()
            && outline
                .blocks
                .last()
                .is_some_and(|b| !b.table && b.section == section)
            && previous.is_some_and(|p| {
                outline
                    .blocks
                    .last()
                    .is_some_and(|b| b.span.end == spans[p].end)
                    && continues_previous(text, spans[p], line, wrap_width)
            });
        if joins {
            if let Some(last) = outline.blocks.last_mut() {
                last.span = Span::new(last.span.start, body_span.end);
            }
            continue;
        }
        let body_text = text.get(body_span.start..body_span.end).unwrap_or("");
        // A heading's inline text already gave its label to the section title.
        let label = if kinds[i] == LineKind::Heading {
            None
        } else {
            field_label(body_text)
        };
        outline.blocks.push(Block {
            span: body_span,
            section,
            label,
            table,
            line: line_no,
        });
    }
    outline.title = (!title_parts.is_empty())
        .then(|| collapse(&title_parts.join(" ")))
        .or(type_title);
    if outline.title.is_none() {
        outline.title = container_title;
    }
    outline.plan_document = outline
        .title
        .as_deref()
        .is_some_and(|t| title_is_plan(catalogue, t));
    outline.lines = kinds;
    outline
}

/// A table row's span: the line without its line break and outer spaces,
/// but with leading and trailing tabs (empty cells) kept.
fn row_span(text: &str, line: Span) -> Span {
    let s = text.get(line.start..line.end).unwrap_or("");
    let lead = s.len() - s.trim_start_matches([' ', '\r']).len();
    let trail = s.len() - s.trim_end_matches([' ', '\r']).len();
    Span::new(line.start + lead, line.end - trail.min(s.len() - lead))
}

fn push_section(
    outline: &mut Outline,
    stack: &mut Vec<usize>,
    title: String,
    level: u8,
    line: usize,
) {
    while let Some(&top) = stack.last() {
        if outline.sections.get(top).is_some_and(|s| s.level >= level) {
            stack.pop();
        } else {
            break;
        }
    }
    outline.sections.push(Section {
        title: title.trim_end_matches([':', ' ']).to_string(),
        level,
        parent: stack.last().copied(),
        line,
    });
    stack.push(outline.sections.len() - 1);
}

/// A colon that ends a short heading or label inside the first words.
fn inline_colon(rest: &str) -> Option<usize> {
    let colon = rest.find(':')?;
    let before = &rest[..colon];
    // `10:56` is a time, not a label.
    if before.ends_with(|c: char| c.is_ascii_digit())
        && rest[colon + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    (word_count(before) <= 15 && word_count(before) >= 1).then_some(colon)
}

/// The field label a paragraph opens with, when the paragraph goes on after it.
fn field_label(body: &str) -> Option<String> {
    let stripped = BULLET.replace(body, "");
    let colon = inline_colon(&stripped)?;
    let label = stripped[..colon].trim();
    let after = &stripped[colon + 1..];
    if word_count(label) > 12 || word_count(after) < 6 || label.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    Some(collapse(label))
}

/// The body line before a page break ending at line `i` (index): blank
/// lines and at least one page number (`2`, `- 2 -`, `2/15`) between.
fn across_page_break(text: &str, spans: &[Span], kinds: &[LineKind], i: usize) -> Option<usize> {
    let mut j = i;
    let mut page_number = false;
    while j > 0 && i - j < 6 {
        j -= 1;
        let line = text.get(spans[j].start..spans[j].end).unwrap_or("").trim();
        match kinds[j] {
            LineKind::Blank => {}
            LineKind::Chrome if is_page_number(line) => page_number = true,
            LineKind::Body => return page_number.then_some(j),
            _ => return None,
        }
    }
    None
}

/// Whether a headline line `prev` is hard-wrapped onto `next`: `next` starts
/// in lower case, or `prev` fills the wrap width and `next` is written in
/// the same case (an upper-case title goes on in upper case).
/// The opening words of a report's first paragraph, capitalised (`Thực
/// hiện Công văn số …`, `Căn cứ …`): such a line starts a sentence, not the
/// rest of a title.
fn opens_paragraph(p: &LineProbe, line: &str) -> bool {
    line.starts_with(char::is_uppercase) && p.starts_with(Cue::ParagraphOpener)
}

fn title_goes_on(text: &str, prev: Span, next: &str, wrap_width: Option<usize>) -> bool {
    let prev_text = text.get(prev.start..prev.end).unwrap_or("");
    if prev_text.is_empty()
        || ends_sentence(prev_text)
        || BULLET.is_match(next)
        || next.starts_with('(')
    {
        return false;
    }
    if next.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    let full = wrap_width.is_some_and(|w| prev_text.chars().count() * 10 >= w * 6);
    let same_case = (upper_share(prev_text) > 0.8) == (upper_share(next) > 0.8);
    full && same_case && !next.contains(['|', ':'])
}

/// `2`, `- 2 -`, `2/15`, `Trang 2`: a page number line.
fn is_page_number(line: &str) -> bool {
    let rest = line
        .strip_prefix("Trang ")
        .or_else(|| line.strip_prefix("trang "))
        .unwrap_or(line);
    !rest.is_empty()
        && rest.chars().count() <= 12
        && rest.chars().any(|c| c.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '–' | '/' | '.'))
}

/// Whether `line` continues the previous body line (hard-wrapped text).
fn continues_previous(text: &str, prev: Span, line: &str, wrap_width: Option<usize>) -> bool {
    let prev_text = text.get(prev.start..prev.end).unwrap_or("");
    if prev_text.is_empty()
        || ends_sentence(prev_text)
        || prev_text.ends_with("./.")
        || prev_text.contains('\t')
    {
        return false;
    }
    if BULLET.is_match(line) || heading_marker(line).is_some() {
        return false;
    }
    let first = line.chars().next().unwrap_or(' ');
    if first.is_lowercase()
        || first.is_ascii_digit()
        || matches!(first, '(' | ',' | '%' | '-' | '/')
    {
        return true;
    }
    if prev_text.ends_with(['-', ',', '/']) || prev_text.ends_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    wrap_width.is_some_and(|w| prev_text.chars().count() * 10 >= w * 6)
}

/// The typical width of a hard-wrapped text, or `None` when lines are not wrapped.
fn wrap_width(text: &str, spans: &[Span]) -> Option<usize> {
    let mut lengths: Vec<usize> = spans
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| {
            text.get(s.start..s.end)
                .map(|l| l.chars().count())
                .unwrap_or(0)
        })
        .collect();
    if lengths.len() < 6 {
        return None;
    }
    lengths.sort_unstable();
    let width = lengths[lengths.len() * 95 / 100];
    if width < 40 {
        return None;
    }
    let near = lengths.iter().filter(|&&l| l * 100 >= width * 75).count();
    (near * 100 >= lengths.len() * 30 && width <= 200).then_some(width)
}

/// `BÁO CÁO`, `BÁO CÁO NHANH`, `KẾ HOẠCH`: a line that opens with a document type name.
fn is_document_type_line(catalogue: &Catalogue, line: &str) -> bool {
    let key = crate::token::fold_phrase(line.split('\t').next().unwrap_or(line)).join(" ");
    catalogue.document_types().iter().any(|d| {
        let name = crate::token::fold_phrase(&d.name).join(" ");
        key == name || key.starts_with(&format!("{name} "))
    })
}

fn is_signature_title(catalogue: &Catalogue, p: &LineProbe) -> bool {
    let _ = catalogue;
    p.is(Cue::Signature)
}

fn title_is_plan(catalogue: &Catalogue, title: &str) -> bool {
    let tokens = Tokens::new(title, Span::new(0, title.len()));
    cue_hits(catalogue, &tokens)
        .iter()
        .any(|&(c, s, _)| c == Cue::PlanTitle && s == 0)
}

/// `BÁO CÁO` → `Báo cáo`.
fn sentence_case(line: &str) -> String {
    let lower = collapse(line).to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_markers() {
        let cases: &[(&str, Option<u8>)] = &[
            ("I. KẾT QUẢ THỰC HIỆN", Some(1)),
            ("II KẾT QUẢ", Some(1)),
            ("1. Tham mưu HĐND", Some(2)),
            ("2.1. Bưu chính", Some(3)),
            ("1.1.1 Viễn thông", Some(4)),
            ("a) Lĩnh vực báo chí", Some(5)),
            ("đ) Lĩnh vực khác", Some(5)),
            ("PHẦN THỨ NHẤT KẾT QUẢ", Some(0)),
            ("A. TÌNH HÌNH", Some(0)),
            ("1.234 thuê bao", None),
            ("2021 là năm", None),
            ("Viettel có", None),
            ("I am", None),
            ("1.", None),
        ];
        for (line, level) in cases {
            assert_eq!(heading_marker(line).map(|h| h.level), *level, "{line}");
        }
    }

    #[test]
    fn labels_need_text_after_them() {
        assert_eq!(
            field_label(
                "Lĩnh vực công nghệ thông tin: Trình HĐND ban hành Nghị quyết số 34/NQ-HĐND ngày 17/5/2021."
            ),
            Some("Lĩnh vực công nghệ thông tin".to_string())
        );
        assert_eq!(
            field_label("- Tỷ lệ hộ gia đình sử dụng Internet cáp quang: 80%"),
            None
        );
        assert_eq!(
            field_label("Lúc 10:56 sáng nay có rất nhiều người đến dự họp"),
            None
        );
    }
}
