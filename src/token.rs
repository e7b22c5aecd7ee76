//! Splits text into word, number and punctuation tokens, each with a folded
//! matching key.
//!
//! Vietnamese is written one syllable per space-separated word, so a token is
//! a syllable (`trạm`), a run of ASCII digits (`3049`) or one punctuation
//! character (`/`). Tokens remember whether white space came before them, so
//! later stages can tell `3049/BC-STTTT` (glued) from `09 / 09`.
//!
//! The key folds what real reports vary on but that never changes meaning:
//! letter case, old and new tone placement (`hoá` = `hóa`, `Uỷ` = `Ủy`) and
//! the i/y spelling after a consonant (`tỉ` = `tỷ`, `kĩ` = `kỹ`). Keys are
//! the base letters followed by a tone digit (1 sắc, 2 huyền, 3 hỏi, 4 ngã,
//! 5 nặng), so `Quyết` → `quyêt1`.

use std::sync::LazyLock;

use unicode_normalization::char::{compose, decompose_canonical};

use crate::document::Span;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of letters (one syllable, or an abbreviation like `UBND`).
    Word,
    /// A run of ASCII digits.
    Number,
    /// One character that is neither a letter, a digit nor white space.
    Punct,
}

/// One token with its byte range in the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// First byte in the document text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Word, number or punctuation.
    pub kind: TokenKind,
    /// White space separates this token from the previous one.
    pub space_before: bool,
    /// That white space contains a line break.
    pub newline_before: bool,
    key_start: u32,
    key_end: u32,
}

impl Token {
    /// The byte span of the token.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// The tokens of one stretch of text (usually a sentence) and their keys.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// Tokens in text order.
    pub list: Vec<Token>,
    keys: String,
}

impl Tokens {
    /// Tokenizes `text[span]`; token offsets are absolute offsets into `text`.
    pub fn new(text: &str, span: Span) -> Tokens {
        let mut out = Tokens::default();
        let Some(slice) = text.get(span.start..span.end) else {
            return out;
        };
        let mut chars = slice.char_indices().peekable();
        let mut space_before = false;
        let mut newline_before = false;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() {
                space_before = true;
                newline_before |= c == '\n';
                chars.next();
                continue;
            }
            let start = i;
            let kind;
            let key_start = out.keys.len();
            if c.is_ascii_digit() {
                kind = TokenKind::Number;
                while let Some(&(_, d)) = chars.peek() {
                    if !d.is_ascii_digit() {
                        break;
                    }
                    out.keys.push(d);
                    chars.next();
                }
            } else if is_letter(c) {
                kind = TokenKind::Word;
                let mut tone = 0u8;
                while let Some(&(_, d)) = chars.peek() {
                    if !is_letter(d) {
                        break;
                    }
                    fold_char(d, &mut out.keys, &mut tone);
                    chars.next();
                }
                finish_key(&mut out.keys, key_start, tone);
            } else {
                kind = TokenKind::Punct;
                out.keys.push(c);
                chars.next();
            }
            let end = chars.peek().map(|&(j, _)| j).unwrap_or(slice.len());
            // A hyphen that ends a line inside a code (`3049/BC-` ⏎ `STTTT`)
            // joins the next token: Vietnamese never hyphenates words at a
            // line end, so the hyphen belongs to the code.
            let wrapped_code = newline_before
                && out.list.last().is_some_and(|prev| {
                    prev.kind == TokenKind::Punct
                        && !prev.space_before
                        && slice_byte(slice, prev.start - span.start) == Some(b'-')
                })
                && kind == TokenKind::Word;
            out.list.push(Token {
                start: span.start + start,
                end: span.start + end,
                kind,
                space_before: space_before && !wrapped_code,
                newline_before,
                key_start: key_start as u32,
                key_end: out.keys.len() as u32,
            });
            space_before = false;
            newline_before = false;
        }
        out
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The folded key of token `i` (`""` when out of range).
    pub fn key(&self, i: usize) -> &str {
        self.list
            .get(i)
            .and_then(|t| self.keys.get(t.key_start as usize..t.key_end as usize))
            .unwrap_or("")
    }

    /// Token `i`, if any.
    pub fn get(&self, i: usize) -> Option<&Token> {
        self.list.get(i)
    }

    /// True when token `i` is the punctuation character `c`.
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.list.get(i).is_some_and(|t| t.kind == TokenKind::Punct) && self.key(i).starts_with(c)
    }

    /// True when token `i` is a word whose key is `key`.
    pub fn is_word(&self, i: usize, key: &str) -> bool {
        self.list.get(i).is_some_and(|t| t.kind == TokenKind::Word) && self.key(i) == key
    }

    /// True when token `i` is the word `word` (folded as keys are:
    /// `word_is(i, "số")` is `is_word(i, &fold("số"))` without allocating).
    pub fn word_is(&self, i: usize, word: &str) -> bool {
        self.list.get(i).is_some_and(|t| t.kind == TokenKind::Word) && key_is(self.key(i), word)
    }

    /// True when token `i` exists and has the given kind.
    pub fn kind_is(&self, i: usize, kind: TokenKind) -> bool {
        self.list.get(i).is_some_and(|t| t.kind == kind)
    }

    /// True when token `i` directly follows token `i - 1` with no white space.
    pub fn glued(&self, i: usize) -> bool {
        i > 0 && self.list.get(i).is_some_and(|t| !t.space_before)
    }
}

fn slice_byte(s: &str, i: usize) -> Option<u8> {
    s.as_bytes().get(i).copied()
}

/// Letters, plus combining marks that NFC could not compose.
pub fn is_letter(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x80 {
        c.is_ascii_alphabetic()
    } else if (TABLE_START..TABLE_END).contains(&cp) {
        // Vietnamese letters all fall in the folding table's range.
        FOLD_TABLE
            .get((cp - TABLE_START) as usize)
            .is_some_and(|f| f.letter)
    } else {
        c.is_alphabetic()
    }
}

/// Folds one word into its matching key (see the module docs).
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// Appends the folded key of `word` to `out`.
fn fold_into(word: &str, out: &mut String) {
    let start = out.len();
    let mut tone = 0u8;
    for c in word.chars() {
        fold_char(c, out, &mut tone);
    }
    finish_key(out, start, tone);
}

/// True when `key` is the folded key of `word`: `fold(word) == key`,
/// folding into a reused buffer instead of a new string.
pub fn key_is(key: &str, word: &str) -> bool {
    thread_local! {
        static SCRATCH: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => {
            buf.clear();
            fold_into(word, &mut buf);
            buf.as_str() == key
        }
        Err(_) => fold(word) == key,
    })
}

/// Folds a phrase token by token, the way [`Tokens::new`] keys text.
pub fn fold_phrase(phrase: &str) -> Vec<String> {
    let tokens = Tokens::new(phrase, Span::new(0, phrase.len()));
    (0..tokens.len())
        .map(|i| tokens.key(i).to_string())
        .collect()
}

const TONE_MARKS: [char; 5] = ['\u{301}', '\u{300}', '\u{309}', '\u{303}', '\u{323}'];
const TABLE_START: u32 = 0xC0;
const TABLE_END: u32 = 0x1F00;

/// How one char of `TABLE_START..TABLE_END` folds.
#[derive(Debug, Clone, Copy)]
struct Folded {
    /// Its lower-case form without a tone mark.
    base: char,
    /// The tone (0 for none).
    tone: u8,
    /// Whether [`is_letter`] accepts it.
    letter: bool,
}

/// How each char in `TABLE_START..TABLE_END` folds.
static FOLD_TABLE: LazyLock<Vec<Folded>> = LazyLock::new(|| {
    (TABLE_START..TABLE_END)
        .map(|cp| {
            let Some(c) = char::from_u32(cp) else {
                return Folded {
                    base: '\u{fffd}',
                    tone: 0,
                    letter: false,
                };
            };
            let lower = c.to_lowercase().next().unwrap_or(c);
            let mut parts: Vec<char> = Vec::with_capacity(4);
            decompose_canonical(lower, |d| parts.push(d));
            let mut tone = 0u8;
            parts.retain(|d| match TONE_MARKS.iter().position(|t| t == d) {
                Some(p) => {
                    tone = p as u8 + 1;
                    false
                }
                None => true,
            });
            let mut base = parts.first().copied().unwrap_or(lower);
            for &mark in parts.iter().skip(1) {
                base = compose(base, mark).unwrap_or(base);
            }
            Folded {
                base,
                tone,
                letter: c.is_alphabetic() || ('\u{300}'..='\u{36f}').contains(&c),
            }
        })
        .collect()
});

fn fold_char(c: char, out: &mut String, tone: &mut u8) {
    let cp = c as u32;
    if cp < 0x80 {
        out.push(c.to_ascii_lowercase());
    } else if (TABLE_START..TABLE_END).contains(&cp) {
        let (base, t) = FOLD_TABLE
            .get((cp - TABLE_START) as usize)
            .map_or((c, 0), |f| (f.base, f.tone));
        if t != 0 {
            *tone = t;
        }
        out.push(base);
    } else if let Some(p) = TONE_MARKS.iter().position(|&t| t == c) {
        *tone = p as u8 + 1;
    } else if ('\u{300}'..='\u{36f}').contains(&c) {
        // A non-tone combining mark left over (rare after NFC): drop it.
    } else {
        out.extend(c.to_lowercase());
    }
}

const VOWELS: &str = "aăâeêioôơuưy";

fn finish_key(out: &mut String, key_start: usize, tone: u8) {
    // i/y after a consonant at the end of a syllable are the same letter.
    let word = &out[key_start..];
    if word.ends_with('y') && word.chars().count() >= 2 {
        let before = word.chars().rev().nth(1);
        if before.is_some_and(|b| b.is_alphabetic() && !VOWELS.contains(b)) {
            out.pop();
            out.push('i');
        }
    }
    if tone != 0 {
        out.push((b'0' + tone) as char);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        let t = Tokens::new(text, Span::new(0, text.len()));
        (0..t.len()).map(|i| t.key(i).to_string()).collect()
    }

    #[test]
    fn folds_case_and_tone_placement() {
        let cases = [
            ("hoá", "hóa"),
            ("Uỷ", "ủy"),
            ("thuỷ", "thủy"),
            ("tỉ", "tỷ"),
            ("kĩ", "kỹ"),
            ("QUYẾT", "quyết"),
            ("ĐỊNH", "định"),
            ("khoá", "khóa"),
        ];
        for (a, b) in cases {
            assert_eq!(fold(a), fold(b), "{a} vs {b}");
        }
        assert_eq!(fold("Quyết"), "quyêt1");
        assert_eq!(fold("quý"), "quy1");
        assert_ne!(fold("ban"), fold("bản"));
        assert_ne!(fold("tư"), fold("tu"));
    }

    #[test]
    fn splits_words_numbers_and_punctuation() {
        assert_eq!(keys("3049/BC-STTTT"), ["3049", "/", "bc", "-", "stttt"]);
        assert_eq!(keys("07 trạm BTS 4G"), ["07", "tram5", "bts", "4", "g"]);
        assert_eq!(keys("68,5 km"), ["68", ",", "5", "km"]);
    }

    #[test]
    fn records_glue() {
        let text = "Covid-19 và 4 G";
        let t = Tokens::new(text, Span::new(0, text.len()));
        assert!(t.glued(1) && t.glued(2));
        assert!(!t.glued(3));
        assert!(!t.glued(0));
        assert_eq!(&text[t.list[2].start..t.list[2].end], "19");
    }

    #[test]
    fn line_end_hyphen_glues_codes() {
        let text = "số 3049/BC-\nSTTTT ngày";
        let t = Tokens::new(text, Span::new(0, text.len()));
        let i = (0..t.len()).find(|&i| t.key(i) == "stttt").unwrap_or(0);
        assert!(t.glued(i));
        assert!(t.list[i].newline_before);
    }

    #[test]
    fn offsets_are_absolute() {
        let text = "xx Bộ yy";
        let t = Tokens::new(text, Span::new(3, 7));
        assert_eq!(t.len(), 1);
        assert_eq!(&text[t.list[0].start..t.list[0].end], "Bộ");
        assert!(Tokens::new(text, Span::new(4, 99)).is_empty());
    }
}
