//! Sentence splitting that respects Vietnamese numbers (`1.234`, `68,5`),
//! dates (`17/5/2021`), codes (`34/NQ-HĐND`) and abbreviations (`TP.`, `ThS.`).

use crate::document::Span;

/// Sentences longer than this are cut at clause boundaries, then at spaces,
/// so one pathological line never makes one huge unit of work.
pub const MAX_SENTENCE_BYTES: usize = 4096;

const ABBREVIATIONS: &[&str] = &[
    "TP", "Tp", "tp", "ThS", "Ths", "TS", "PGS", "GS", "KS", "BS", "CN", "v.v", "St", "KT", "TM",
    "TL", "TUQ", "NXB", "tr", "Th", "Q", "P", "Đ/c", "đ/c", "TT", "ĐT", "Tel", "No",
];

/// Splits `text[span]` into sentence spans (trimmed, never empty).
pub fn split(text: &str, span: Span, table: bool) -> Vec<Span> {
    let mut out = Vec::new();
    let Some(block) = text.get(span.start..span.end) else {
        return out;
    };
    if table {
        push_trimmed(text, span, &mut out);
        return out;
    }
    let bytes = block.as_bytes();
    let mut start = 0usize;
    let mut iter = block.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let end_mark = matches!(c, '.' | '!' | '?' | '…');
        if !end_mark {
            continue;
        }
        let after = i + c.len_utf8();
        // Swallow closing punctuation (`./.`, `."`, `…)`).
        let mut stop = after;
        while let Some(&(j, d)) = iter.peek() {
            if matches!(d, '.' | '/' | '"' | '\'' | ')' | '!' | '?' | '…') {
                stop = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        let next_is_space = bytes.get(stop).is_none_or(|b| b.is_ascii_whitespace());
        if !next_is_space {
            continue;
        }
        let rest = block[stop..].trim_start();
        let next_char = rest.chars().next();
        let opens_sentence = next_char.is_none_or(|n| {
            n.is_uppercase()
                || n.is_ascii_digit()
                || matches!(n, '-' | '+' | '•' | '(' | '"' | '\'' | '“')
        });
        if !opens_sentence || (c == '.' && stop == after && is_abbreviation(&block[start..i])) {
            continue;
        }
        push_trimmed(
            text,
            Span::new(span.start + start, span.start + stop),
            &mut out,
        );
        start = stop;
    }
    push_trimmed(text, Span::new(span.start + start, span.end), &mut out);
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true;
    }
    ABBREVIATIONS.contains(&word)
}

/// Pushes the trimmed span, cutting it when it is too long.
fn push_trimmed(text: &str, span: Span, out: &mut Vec<Span>) {
    let Some(s) = text.get(span.start..span.end) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = span.start + lead;
    let end = start + trimmed.len();
    if trimmed.len() <= MAX_SENTENCE_BYTES {
        out.push(Span::new(start, end));
        return;
    }
    // Cut at `;`, else at a comma, else at the last space before the limit.
    let mut at = start;
    while end - at > MAX_SENTENCE_BYTES {
        let window = text
            .get(at..at + MAX_SENTENCE_BYTES)
            .map(str::len)
            .unwrap_or(0);
        let limit = if window == 0 {
            floor_boundary(text, at + MAX_SENTENCE_BYTES)
        } else {
            at + window
        };
        let chunk = text.get(at..limit).unwrap_or("");
        let cut = chunk
            .rfind(';')
            .or_else(|| chunk.rfind(", "))
            .map(|p| p + 1)
            .or_else(|| chunk.rfind(char::is_whitespace))
            .filter(|&p| p > 0)
            .unwrap_or(chunk.len());
        let piece_end = at + cut;
        if piece_end <= at {
            break;
        }
        push_trimmed_short(text, Span::new(at, piece_end), out);
        at = piece_end;
    }
    push_trimmed_short(text, Span::new(at, end), out);
}

fn push_trimmed_short(text: &str, span: Span, out: &mut Vec<Span>) {
    let Some(s) = text.get(span.start..span.end) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(
            span.start + lead,
            span.start + lead + trimmed.len(),
        ));
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text, Span::new(0, text.len()), false)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn splits_at_sentence_ends_only() {
        assert_eq!(
            sentences(
                "Có 1.234 thuê bao, đạt 68,5%. Ngày 17/5/2021 ban hành 34/NQ-HĐND. TP. Phan Rang có 3 trạm."
            ),
            [
                "Có 1.234 thuê bao, đạt 68,5%.",
                "Ngày 17/5/2021 ban hành 34/NQ-HĐND.",
                "TP. Phan Rang có 3 trạm."
            ]
        );
        assert_eq!(
            sentences("quản lý nhà nước./. Một số"),
            ["quản lý nhà nước./.", "Một số"]
        );
        assert_eq!(
            sentences("kỷ cương…kịp thời. xong"),
            ["kỷ cương…kịp thời. xong"]
        );
    }

    #[test]
    fn cuts_very_long_sentences() {
        let text = "a ".repeat(10_000);
        let parts = split(&text, Span::new(0, text.len()), false);
        assert!(parts.len() >= 4);
        assert!(parts.iter().all(|s| s.len() <= MAX_SENTENCE_BYTES));
        let single = "x".repeat(10_000);
        let parts = split(&single, Span::new(0, single.len()), false);
        assert!(parts.iter().all(|s| s.len() <= MAX_SENTENCE_BYTES));
        assert_eq!(parts.iter().map(|s| s.len()).sum::<usize>(), 10_000);
    }
}
