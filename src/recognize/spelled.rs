//! Spelled-out numbers (`hai mươi lăm`, `mười một`, `một trăm linh năm`,
//! `ba nghìn`, `một triệu rưỡi`).
//!
//! Reports use digits almost always; words appear for small counts. Bare
//! `năm` is the year, `tư` is also "private" or "fourth", `một` is also "a"
//! (`một số` = some), so a single word counts only when it is an unambiguous
//! digit word followed by a catalogue noun; the caller checks that.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::token::{TokenKind, Tokens, fold};

/// A spelled number found in a token list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spelled {
    /// Its value.
    pub value: f64,
    /// Token index after it.
    pub end: usize,
    /// Number of number words.
    pub words: usize,
    /// Contains a structure word (`mươi`, `trăm`, `nghìn` …): a real numeral
    /// rather than one digit word.
    pub structured: bool,
}

/// The role of a number word.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Word {
    /// `không` … `chín`.
    Digit(u32),
    /// Units that only follow a tens word: `mốt` 1, `tư` 4, `lăm`/`nhăm` 5.
    UnitAfterTens(u32),
    /// `mười`: ten.
    Ten,
    /// `mươi`, `chục`: tens multiplier.
    Tens,
    /// `trăm`.
    Hundred,
    /// `linh`, `lẻ`: zero tens.
    ZeroTens,
    /// `rưỡi`, `rưởi`: and a half.
    Half,
    /// `nghìn`, `ngàn`, `triệu`, `tỷ`.
    Scale(f64),
}

static WORDS: LazyLock<HashMap<String, Word>> = LazyLock::new(|| {
    let table: &[(&str, Word)] = &[
        ("không", Word::Digit(0)),
        ("một", Word::Digit(1)),
        ("hai", Word::Digit(2)),
        ("ba", Word::Digit(3)),
        ("bốn", Word::Digit(4)),
        ("năm", Word::Digit(5)),
        ("sáu", Word::Digit(6)),
        ("bảy", Word::Digit(7)),
        ("bẩy", Word::Digit(7)),
        ("tám", Word::Digit(8)),
        ("chín", Word::Digit(9)),
        ("mốt", Word::UnitAfterTens(1)),
        ("tư", Word::UnitAfterTens(4)),
        ("lăm", Word::UnitAfterTens(5)),
        ("nhăm", Word::UnitAfterTens(5)),
        ("mười", Word::Ten),
        ("mươi", Word::Tens),
        ("chục", Word::Tens),
        ("trăm", Word::Hundred),
        ("linh", Word::ZeroTens),
        ("lẻ", Word::ZeroTens),
        ("rưỡi", Word::Half),
        ("rưởi", Word::Half),
        ("nghìn", Word::Scale(1e3)),
        ("ngàn", Word::Scale(1e3)),
        ("triệu", Word::Scale(1e6)),
        ("tỷ", Word::Scale(1e9)),
    ];
    table.iter().map(|&(w, role)| (fold(w), role)).collect()
});

fn word(tokens: &Tokens, j: usize) -> Option<Word> {
    if !tokens.kind_is(j, TokenKind::Word) {
        return None;
    }
    WORDS.get(tokens.key(j)).copied()
}

fn digit(tokens: &Tokens, j: usize) -> Option<u32> {
    match word(tokens, j) {
        Some(Word::Digit(d)) => Some(d),
        _ => None,
    }
}

/// Digit words that may stand alone before a counted noun.
pub fn is_safe_single(key: &str) -> bool {
    matches!(
        WORDS.get(key),
        Some(Word::Digit(2 | 3 | 4 | 6 | 7 | 8 | 9)) | Some(Word::Ten)
    ) && !crate::token::key_is(key, "tư")
}

/// Parses a number below one thousand at `i`: (value, end, structured).
fn below_thousand(tokens: &Tokens, i: usize) -> Option<(u32, usize, bool)> {
    let mut j = i;
    let mut value = 0u32;
    let mut structured = false;
    // Hundreds: `một trăm`, `không trăm`.
    if let Some(d) = digit(tokens, j)
        && word(tokens, j + 1) == Some(Word::Hundred)
    {
        value += d * 100;
        j += 2;
        structured = true;
        match word(tokens, j) {
            Some(Word::ZeroTens) => {
                let u = digit(tokens, j + 1).filter(|&d| d != 0)?;
                return Some((value + u, j + 2, true));
            }
            Some(Word::Half) => return Some((value + 50, j + 1, true)),
            _ => {}
        }
    }
    // `mười [một…chín|lăm]`.
    if word(tokens, j) == Some(Word::Ten) {
        value += 10;
        j += 1;
        structured = true;
        match word(tokens, j) {
            Some(Word::Digit(u)) if u != 0 => {
                value += u;
                j += 1;
            }
            Some(Word::UnitAfterTens(5)) => {
                value += 5;
                j += 1;
            }
            _ => {}
        }
        return Some((value, j, structured));
    }
    // `hai mươi [mốt|tư|lăm|…]`, `hai chục`.
    if let Some(d) = digit(tokens, j)
        && d >= 1
        && word(tokens, j + 1) == Some(Word::Tens)
    {
        value += d * 10;
        j += 2;
        match word(tokens, j) {
            Some(Word::Digit(u)) if u != 0 => {
                value += u;
                j += 1;
            }
            Some(Word::UnitAfterTens(u)) => {
                value += u;
                j += 1;
            }
            _ => {}
        }
        return Some((value, j, true));
    }
    if let Some(d) = digit(tokens, j) {
        return Some((value + d, j + 1, structured));
    }
    (j > i).then_some((value, j, structured))
}

/// Parses a spelled number at token `i`.
pub fn parse(tokens: &Tokens, i: usize) -> Option<Spelled> {
    let mut total: f64 = 0.0;
    let mut j = i;
    let mut structured = false;
    let mut last_scale = f64::INFINITY;
    while let Some((group, after, s)) = below_thousand(tokens, j) {
        structured |= s;
        let Some(Word::Scale(mut scale)) = word(tokens, after) else {
            total += f64::from(group);
            j = after;
            if word(tokens, j) == Some(Word::Half) && group < 10 {
                total += 0.5;
                j += 1;
            }
            break;
        };
        let mut next = after + 1;
        if scale == 1e3 && word(tokens, next) == Some(Word::Scale(1e9)) {
            scale = 1e12;
            next += 1;
        }
        if scale >= last_scale {
            // `một nghìn triệu` and the like: stop rather than guess.
            break;
        }
        total += f64::from(group) * scale;
        structured = true;
        last_scale = scale;
        j = next;
        match word(tokens, j) {
            Some(Word::Half) => {
                total += scale / 2.0;
                j += 1;
                break;
            }
            Some(Word::ZeroTens) => j += 1,
            _ => {}
        }
    }
    if j == i {
        return None;
    }
    Some(Spelled {
        value: total,
        end: j,
        words: j - i,
        structured,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Span;

    fn spelled(text: &str) -> Option<(f64, usize, bool)> {
        let tokens = Tokens::new(text, Span::new(0, text.len()));
        parse(&tokens, 0).map(|s| (s.value, s.words, s.structured))
    }

    #[test]
    fn parses_spelled_numbers() {
        let cases: &[(&str, f64, usize)] = &[
            ("hai mươi lăm trạm", 25.0, 3),
            ("mười một bưu cục", 11.0, 2),
            ("hai mươi mốt xã", 21.0, 3),
            ("hai mươi tư giờ", 24.0, 3),
            ("một trăm linh năm", 105.0, 4),
            ("một trăm lẻ năm", 105.0, 4),
            ("ba nghìn", 3000.0, 2),
            ("ba ngàn", 3000.0, 2),
            ("một triệu rưỡi", 1_500_000.0, 3),
            ("hai nghìn rưỡi", 2500.0, 3),
            ("năm mươi", 50.0, 2),
            ("mười lăm", 15.0, 2),
            ("ba mươi", 30.0, 2),
            ("hai chục", 20.0, 2),
            ("chín trăm chín mươi chín", 999.0, 5),
            ("hai nghìn không trăm hai mươi ba", 2023.0, 7),
            ("hai", 2.0, 1),
            ("Bảy", 7.0, 1),
        ];
        for &(text, value, words) in cases {
            let got = spelled(text);
            assert_eq!(
                got.map(|g| (g.0, g.1)),
                Some((value, words)),
                "input {text:?} gave {got:?}"
            );
        }
    }

    #[test]
    fn single_words_are_not_structured() {
        assert_eq!(spelled("năm 2021").map(|g| g.2), Some(false));
        assert_eq!(spelled("một số").map(|g| g.2), Some(false));
        assert_eq!(spelled("ba").map(|g| g.2), Some(false));
        assert!(!is_safe_single(&fold("năm")));
        assert!(!is_safe_single(&fold("một")));
        assert!(!is_safe_single(&fold("tư")));
        assert!(is_safe_single(&fold("bảy")));
        assert!(is_safe_single(&fold("mười")));
        assert_eq!(spelled("tư nhân"), None);
        assert_eq!(spelled("trạm"), None);
    }
}
