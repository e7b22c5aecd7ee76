//! Text normalisation: NFC, then character fixes, keeping every `\n`.
//!
//! - NFC composes decomposed text ("Unicode tổ hợp", Windows-1258 output).
//! - `ƣ`/`Ƣ` (U+01A3/U+01A2, from PDF extraction) become `ư`/`Ư`; `Ð`/`ð`
//!   (U+00D0/U+00F0, from legacy font conversion) become `Đ`/`đ`.
//! - Non-breaking and other odd spaces become a plain space; zero-width
//!   characters, soft hyphens and NULs are dropped; dashes become `-`; curly
//!   quotes become straight ones.
//! - `\r\n` becomes `\n`, a lone `\r` becomes `\n`, so line numbers match
//!   what an editor shows.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// What normalisation changed that a user may want to know.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    /// NUL bytes were removed.
    pub nul: usize,
    /// Other control characters were replaced by spaces.
    pub controls: usize,
    /// U+FFFD replacement characters are present (undecodable bytes).
    pub replacement: usize,
}

/// Normalises decoded text.
pub fn normalize(text: &str) -> (String, Changes) {
    let mut changes = Changes::default();
    let composed: std::borrow::Cow<str> = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => std::borrow::Cow::Borrowed(text),
        _ => std::borrow::Cow::Owned(text.nfc().collect()),
    };
    let mut out = String::with_capacity(composed.len());
    let mut chars = composed.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            '\0' => changes.nul += 1,
            '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{00ad}' => {}
            '\u{00a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
            | '\u{2028}'
            | '\u{2029}' => out.push(' '),
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => {
                out.push('-')
            }
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' => out.push('\''),
            '\u{201c}'..='\u{201f}' => out.push('"'),
            '\u{01a3}' => out.push('ư'),
            '\u{01a2}' => out.push('Ư'),
            '\u{00d0}' => out.push('Đ'),
            '\u{00f0}' => out.push('đ'),
            '\u{fffd}' => {
                changes.replacement += 1;
                out.push(c);
            }
            c if c.is_control() => {
                changes.controls += 1;
                out.push(' ');
            }
            c => out.push(c),
        }
    }
    (out, changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_forms_and_keeps_lines() {
        let nfd = "Quye\u{302}\u{301}t \u{111}i\u{323}nh";
        assert_eq!(normalize(nfd).0, "Quyết định");
        assert_eq!(normalize("phƣơng hƣớng").0, "phương hướng");
        assert_eq!(normalize("QUYẾT ÐỊNH").0, "QUYẾT ĐỊNH");
        assert_eq!(normalize("số\u{a0}\u{a0}3049").0, "số  3049");
        assert_eq!(normalize("2021\u{2013}2025").0, "2021-2025");
        assert_eq!(normalize("a\r\nb\rc\n").0, "a\nb\nc\n");
        let (text, changes) = normalize("a\0b\u{1}c");
        assert_eq!(text, "ab c");
        assert_eq!(changes.nul, 1);
        assert_eq!(changes.controls, 1);
        let input = "một\nhai\n\nba\n";
        assert_eq!(
            normalize(input).0.matches('\n').count(),
            input.matches('\n').count()
        );
    }
}
