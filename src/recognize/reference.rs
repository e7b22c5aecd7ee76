//! Document references, following Nghị định 30/2020/NĐ-CP and the law on
//! legal documents:
//! - administrative `N/TYPE-ISSUER[-UNIT]` (`02/QĐ-UBND`, `3049/BC-STTTT`),
//!   công văn `N/ISSUER-UNIT` (`3478/BTTTT-VP`);
//! - normative `N/YYYY/TYPE-ISSUER` (`35/2016/QĐ-UBND`, `30/2020/NĐ-CP`),
//!   laws `N/YYYY/QH13`;
//! - Party `N-TYPE/ISSUER` (`12-NQ/TW`).
//!
//! Real files are sloppy (`71/QĐ- UBND`, `số31-QĐ/TW`, `26 –NQ/TW`,
//! `QĐ-TTG`); the grammar tolerates a space after a hyphen inside a code and
//! a missing space after `số`.

use super::date::{self, Date};
use crate::token::{TokenKind, Tokens};

/// A cited document number, before type resolution and de-duplication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawReference {
    /// The number as written (`02`).
    pub number: String,
    /// The year of a normative number (`35/2016/QĐ-UBND` → 2016).
    pub year: Option<i32>,
    /// The code as written without spaces (`QĐ-UBND`, `NQ/TW`).
    pub code: String,
    /// The first part of the code (`QĐ`, `NQ`, `BTTTT`).
    pub code_head: String,
    /// Party style (`12-NQ/TW`).
    pub party: bool,
    /// Token where the number starts.
    pub start: usize,
    /// Token after the code.
    pub end: usize,
}

/// Mixed-case code parts that are legitimate (`TTr`, `QyĐ`, `TTg`).
const MIXED_CASE: &[&str] = &["TTr", "CTr", "QyĐ", "TrS", "TTg", "Ctr", "TTR", "CTR"];

fn code_like(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() || !letters[0].is_uppercase() {
        return false;
    }
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    upper * 2 > letters.len() || MIXED_CASE.contains(&word)
}

/// Reads one code part at `j` (`QĐ`, `QH13`, `PTTH&TTĐT`): (text, end).
fn code_part(text: &str, tokens: &Tokens, j: usize) -> Option<(String, usize)> {
    let t = tokens.get(j)?;
    if t.kind != TokenKind::Word {
        return None;
    }
    let word = text.get(t.start..t.end)?;
    if !code_like(word) {
        return None;
    }
    let mut out = word.to_string();
    let mut k = j + 1;
    loop {
        if tokens.kind_is(k, TokenKind::Number) && tokens.glued(k) {
            out.push_str(tokens.key(k));
            k += 1;
        } else if tokens.is_punct(k, '&')
            && tokens.glued(k)
            && tokens.kind_is(k + 1, TokenKind::Word)
            && tokens.glued(k + 1)
        {
            let next = tokens.get(k + 1).and_then(|t| text.get(t.start..t.end))?;
            out.push('&');
            out.push_str(next);
            k += 2;
        } else {
            break;
        }
    }
    Some((out, k))
}

/// Reads a code `PART (- PART)*` (with `/` allowed when `slash`) at `j`.
fn code(text: &str, tokens: &Tokens, j: usize, slash: bool) -> Option<(String, String, usize)> {
    let (head, mut k) = code_part(text, tokens, j)?;
    let mut out = head.clone();
    loop {
        let sep_is_hyphen = tokens.is_punct(k, '-');
        let sep_is_slash = slash && tokens.is_punct(k, '/');
        if !(sep_is_hyphen || sep_is_slash) || !tokens.glued(k) {
            break;
        }
        // `QĐ- UBND`: tolerate one space after the hyphen when a code part follows.
        let Some((part, next)) = code_part(text, tokens, k + 1) else {
            break;
        };
        if !tokens.glued(k + 1) && !sep_is_hyphen {
            break;
        }
        out.push(if sep_is_hyphen { '-' } else { '/' });
        out.push_str(&part);
        k = next;
    }
    Some((out, head, k))
}

/// Recognises a reference whose number starts at token `i`.
pub fn parse(text: &str, tokens: &Tokens, i: usize) -> Option<RawReference> {
    if !tokens.kind_is(i, TokenKind::Number) || tokens.key(i).len() > 6 {
        return None;
    }
    let first = i;
    let mut number = tokens.key(i).to_string();
    // `30c/NQ-CP`: a one-letter suffix glued to the number.
    let mut i = i;
    if tokens.kind_is(i + 1, TokenKind::Word)
        && tokens.glued(i + 1)
        && tokens.key(i + 1).len() == 1
        && tokens.is_punct(i + 2, '/')
        && tokens.glued(i + 2)
        && let Some(t) = tokens.get(i + 1)
        && let Some(letter) = text.get(t.start..t.end)
        && letter.chars().all(|c| c.is_ascii_lowercase())
    {
        number.push_str(letter);
        i += 1;
    }
    let after_so = first > 0 && tokens.glued(first) && tokens.kind_is(first - 1, TokenKind::Word);
    if after_so && !crate::token::key_is(tokens.key(first - 1), "số") {
        return None;
    }
    // N/YYYY/CODE and N/CODE.
    if tokens.is_punct(i + 1, '/') && tokens.glued(i + 1) {
        if let Some(year) = date::year_value(tokens, i + 2)
            && tokens.glued(i + 2)
            && tokens.is_punct(i + 3, '/')
            && tokens.glued(i + 3)
            && tokens.glued(i + 4)
            && let Some((code, head, end)) = code(text, tokens, i + 4, false)
        {
            return Some(RawReference {
                number,
                year: Some(year),
                code,
                code_head: head,
                party: false,
                start: first,
                end,
            });
        }
        if tokens.glued(i + 2)
            && let Some((code, head, end)) = code(text, tokens, i + 2, false)
        {
            return Some(RawReference {
                number,
                year: None,
                code,
                code_head: head,
                party: false,
                start: first,
                end,
            });
        }
        return None;
    }
    // N-TYPE/ISSUER (Party), tolerating spaces around the hyphen (`26 –NQ/TW`).
    let hyphen = tokens.is_punct(i + 1, '-');
    let type_at = if hyphen { i + 2 } else { i + 1 };
    if (hyphen || after_so || first > 0 && tokens.word_is(first - 1, "số"))
        && let Some((head, k)) = code_part(text, tokens, type_at)
        && tokens.is_punct(k, '/')
        && tokens.glued(k)
        && tokens.glued(k + 1)
        && let Some((issuer, _, end)) = code(text, tokens, k + 1, false)
    {
        return Some(RawReference {
            number,
            year: None,
            code: format!("{head}/{issuer}"),
            code_head: head,
            party: true,
            start: first,
            end,
        });
    }
    None
}

/// The date written right after a reference: `ngày 05/01/2021`, `ngày 19
/// tháng 6 năm 2015`, optionally after a comma or inside parentheses.
pub fn date_after(tokens: &Tokens, end: usize, ngay: &str) -> Option<(Date, usize)> {
    let mut j = end;
    for _ in 0..2 {
        if tokens.is_punct(j, ',') || tokens.is_punct(j, '(') {
            j += 1;
        }
    }
    if tokens.key(j) != ngay {
        return None;
    }
    j += 1;
    if tokens.is_punct(j, ':') {
        j += 1;
    }
    date::numeric_date(tokens, j, true)
        .filter(|(d, _)| d.year.is_some() || !tokens.is_punct(j + 3, '/'))
        .or_else(|| date::spelled_date(tokens, j))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Span;

    fn reference(text: &str) -> Option<(String, Option<i32>, String, bool)> {
        let tokens = Tokens::new(text, Span::new(0, text.len()));
        let i = (0..tokens.len()).find(|&i| tokens.kind_is(i, TokenKind::Number))?;
        parse(text, &tokens, i).map(|r| (r.number, r.year, r.code, r.party))
    }

    #[test]
    fn recognises_every_numbering_family() {
        let cases: &[(&str, &str, Option<i32>, &str, bool)] = &[
            ("số 02/QĐ-UBND", "02", None, "QĐ-UBND", false),
            ("3049/BC-STTTT", "3049", None, "BC-STTTT", false),
            (
                "5917/BC-BKHĐT-KHGDTNMT",
                "5917",
                None,
                "BC-BKHĐT-KHGDTNMT",
                false,
            ),
            ("3478/BTTTT-VP", "3478", None, "BTTTT-VP", false),
            (
                "5261/BTTTT-PTTH&TTĐT",
                "5261",
                None,
                "BTTTT-PTTH&TTĐT",
                false,
            ),
            ("35/2016/QĐ-UBND", "35", Some(2016), "QĐ-UBND", false),
            ("30/2020/NĐ-CP", "30", Some(2020), "NĐ-CP", false),
            (
                "15/2016/TTLT-BTTTT-BXD",
                "15",
                Some(2016),
                "TTLT-BTTTT-BXD",
                false,
            ),
            ("80/2015/QH13", "80", Some(2015), "QH13", false),
            ("1675/NQ-UBTVQH15", "1675", None, "NQ-UBTVQH15", false),
            ("12-NQ/TW", "12", None, "NQ/TW", true),
            ("57-NQ/TW", "57", None, "NQ/TW", true),
            ("01-KH/BTGTU-UBND", "01", None, "KH/BTGTU-UBND", true),
            ("71/QĐ- UBND", "71", None, "QĐ-UBND", false),
            ("số31-QĐ/TW", "31", None, "QĐ/TW", true),
            ("26 -NQ/TW", "26", None, "NQ/TW", true),
            ("367 - QĐ/TWĐTN-VP", "367", None, "QĐ/TWĐTN-VP", true),
            ("số 84 QĐ/TWĐTN", "84", None, "QĐ/TWĐTN", true),
            ("1813/QĐ-TTG", "1813", None, "QĐ-TTG", false),
            ("3754/TTr-STTTT", "3754", None, "TTr-STTTT", false),
            ("81/CP", "81", None, "CP", false),
            ("30c/NQ-CP", "30c", None, "NQ-CP", false),
            ("03/VBHN-VPQH", "03", None, "VBHN-VPQH", false),
        ];
        for &(text, number, year, code, party) in cases {
            assert_eq!(
                reference(text),
                Some((number.to_string(), year, code.to_string(), party)),
                "input {text:?}"
            );
        }
    }

    #[test]
    fn refuses_look_alikes() {
        for text in [
            "09/09 nhiệm vụ",
            "17/5/2021",
            "112,4 thuê bao/100 dân",
            "2/3 số phiếu",
            "Covid-19",
            "21/63 tỉnh",
            "12 - Kế hoạch",
            "3/km",
            "tổng 45 - 50 trạm",
        ] {
            let tokens = Tokens::new(text, Span::new(0, text.len()));
            for i in 0..tokens.len() {
                assert_eq!(parse(text, &tokens, i), None, "input {text:?} at token {i}");
            }
        }
    }

    #[test]
    fn finds_the_date_after() {
        let ngay = crate::token::fold("ngày");
        for (text, iso) in [
            ("02/QĐ-UBND ngày 05/01/2021 của", "2021-01-05"),
            ("30/2020/NĐ-CP ngày 05 tháng 3 năm 2020", "2020-03-05"),
            ("3049/BC-STTTT, ngày 22-10-2021", "2021-10-22"),
            ("34/NQ-HĐND (ngày 17/5/2021)", "2021-05-17"),
        ] {
            let tokens = Tokens::new(text, Span::new(0, text.len()));
            let r = parse(text, &tokens, 0);
            let end = r.map(|r| r.end).unwrap_or(0);
            let got = date_after(&tokens, end, &ngay).and_then(|(d, _)| d.iso(None));
            assert_eq!(got.as_deref(), Some(iso), "{text}");
        }
    }
}
