//! Catalogue phrases: a tiny pattern language over folded tokens, compiled
//! once and matched in one pass per sentence.
//!
//! A phrase is written as the words themselves (`trạm BTS`), with two
//! additions:
//! - `{class}` matches any term of a named class (`trạm BTS {technology}`);
//!   `{class?}` makes it optional. The longest term wins.
//! - `…` (or `...`) skips up to [`MAX_GAP`] tokens, never across `;` or a
//!   sentence end (`tỷ lệ hồ sơ … trực tuyến`).
//!
//! Matching compares folded keys ([`crate::token`]), so case, old/new tone
//! placement and i/y spelling never matter, and nobody writes regex flags by
//! hand.

use std::collections::HashMap;

use crate::document::Span;
use crate::token::{TokenKind, Tokens};

/// The most tokens a `…` gap may skip.
pub const MAX_GAP: usize = 4;

/// One element of a compiled phrase.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Elem {
    /// A token whose folded key must equal this.
    Key(Box<str>),
    /// Any term of a class; `true` when optional.
    Class(u16, bool),
    /// Up to [`MAX_GAP`] tokens.
    Gap,
}

/// A compiled phrase.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pattern {
    pub elems: Vec<Elem>,
}

impl Pattern {
    /// Whether the phrase skips words (`…`).
    pub fn has_gap(&self) -> bool {
        self.elems.iter().any(|e| matches!(e, Elem::Gap))
    }

    /// Only literal keys: usable as a class term inside other phrases.
    pub fn is_plain(&self) -> bool {
        self.elems.iter().all(|e| matches!(e, Elem::Key(_)))
    }

    /// Number of literal keys: longer phrases are more specific.
    pub fn weight(&self) -> usize {
        self.elems
            .iter()
            .map(|e| match e {
                Elem::Key(_) => 2,
                Elem::Class(_, _) => 1,
                Elem::Gap => 0,
            })
            .sum()
    }
}

/// Compiles `text`; `class_id` resolves `{name}` references.
pub(crate) fn compile(
    text: &str,
    class_id: &dyn Fn(&str) -> Option<u16>,
) -> Result<Pattern, String> {
    let mut elems = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let next_brace = rest.find('{');
        let next_gap = [rest.find('…'), rest.find("...")]
            .into_iter()
            .flatten()
            .min();
        let cut = [next_brace, next_gap]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(rest.len());
        push_literal(&rest[..cut], &mut elems);
        rest = &rest[cut..];
        if rest.starts_with('{') {
            let close = rest
                .find('}')
                .ok_or_else(|| format!("phrase `{text}`: `{{` without `}}`"))?;
            let inner = rest[1..close].trim();
            let (name, optional) = match inner.strip_suffix('?') {
                Some(name) => (name.trim(), true),
                None => (inner, false),
            };
            let id =
                class_id(name).ok_or_else(|| format!("phrase `{text}`: unknown class `{name}`"))?;
            elems.push(Elem::Class(id, optional));
            rest = &rest[close + 1..];
        } else if let Some(after) = rest.strip_prefix('…') {
            elems.push(Elem::Gap);
            rest = after;
        } else if let Some(after) = rest.strip_prefix("...") {
            elems.push(Elem::Gap);
            rest = after;
        }
    }
    match elems.first() {
        None => Err(format!("phrase `{text}` is empty")),
        Some(Elem::Gap) | Some(Elem::Class(_, true)) => Err(format!(
            "phrase `{text}` starts with a gap or an optional class"
        )),
        _ if matches!(elems.last(), Some(Elem::Gap)) => {
            Err(format!("phrase `{text}` ends with a gap"))
        }
        _ => Ok(Pattern { elems }),
    }
}

fn push_literal(text: &str, elems: &mut Vec<Elem>) {
    let tokens = Tokens::new(text, Span::new(0, text.len()));
    for i in 0..tokens.len() {
        elems.push(Elem::Key(tokens.key(i).into()));
    }
}

/// Where a phrase matched inside a token list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the matched entry in its dictionary.
    pub entry: u32,
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The first class term the phrase captured: (class, term index).
    pub capture: Option<(u16, u32)>,
}

/// Per class: its term patterns by first key, longest first.
type ClassIndex = HashMap<Box<str>, Vec<(Pattern, u32)>>;

/// Phrases indexed by their first key, so one pass over a sentence finds
/// every occurrence of every phrase.
#[derive(Debug, Default)]
pub(crate) struct Dictionary<R> {
    entries: Vec<(Pattern, R)>,
    by_first: HashMap<Box<str>, Vec<u32>>,
    classes: Vec<ClassIndex>,
    /// Adjacent words of every phrase (`thông tin`, `lĩnh vực`): the
    /// compound words the catalogue knows, which a noun phrase is not cut inside.
    pairs: std::collections::HashSet<(Box<str>, Box<str>)>,
}

impl<R> Dictionary<R> {
    /// An empty dictionary over `class_count` classes.
    pub fn new(class_count: usize) -> Self {
        Dictionary {
            entries: Vec::new(),
            by_first: HashMap::new(),
            classes: (0..class_count).map(|_| HashMap::new()).collect(),
            pairs: Default::default(),
        }
    }

    fn note_pairs(&mut self, pattern: &Pattern) {
        for w in pattern.elems.windows(2) {
            if let [Elem::Key(a), Elem::Key(b)] = w {
                self.pairs.insert((a.clone(), b.clone()));
            }
        }
    }

    /// Whether folded words `a b` occur together in some phrase.
    pub fn is_pair(&self, a: &str, b: &str) -> bool {
        self.pairs.contains(&(Box::from(a), Box::from(b)))
    }

    /// Registers term `term` of class `class`; class terms are plain phrases.
    pub fn add_class_term(
        &mut self,
        class: u16,
        term: u32,
        pattern: Pattern,
    ) -> Result<(), String> {
        if pattern.elems.iter().any(|e| !matches!(e, Elem::Key(_))) {
            return Err("class terms cannot contain classes or gaps".into());
        }
        let Some(Elem::Key(first)) = pattern.elems.first().cloned() else {
            return Err("empty class term".into());
        };
        self.note_pairs(&pattern);
        let map = self
            .classes
            .get_mut(class as usize)
            .ok_or_else(|| "unknown class".to_string())?;
        let list = map.entry(first).or_default();
        list.push((pattern, term));
        list.sort_by_key(|(p, _)| std::cmp::Reverse(p.elems.len()));
        Ok(())
    }

    /// Adds a phrase with its role; returns its entry index.
    pub fn add(&mut self, pattern: Pattern, role: R) -> u32 {
        let id = self.entries.len() as u32;
        let firsts: Vec<Box<str>> = match pattern.elems.first() {
            Some(Elem::Key(k)) => vec![k.clone()],
            Some(Elem::Class(c, _)) => self
                .classes
                .get(*c as usize)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        for first in firsts {
            self.by_first.entry(first).or_default().push(id);
        }
        self.note_pairs(&pattern);
        self.entries.push((pattern, role));
        id
    }

    /// The role of entry `id`.
    pub fn role(&self, id: u32) -> Option<&R> {
        self.entries.get(id as usize).map(|(_, r)| r)
    }

    /// The pattern of entry `id`.
    pub fn pattern(&self, id: u32) -> Option<&Pattern> {
        self.entries.get(id as usize).map(|(p, _)| p)
    }

    /// Every match of every entry in `tokens`, sorted by start then longest first.
    pub fn scan(&self, tokens: &Tokens) -> Vec<Hit> {
        let mut hits = Vec::new();
        for i in 0..tokens.len() {
            let Some(ids) = self.by_first.get(tokens.key(i)) else {
                continue;
            };
            for &id in ids {
                if let Some((pattern, _)) = self.entries.get(id as usize)
                    && let Some((end, capture)) = self.match_at(&pattern.elems, tokens, i, None)
                {
                    hits.push(Hit {
                        entry: id,
                        start: i,
                        end,
                        capture,
                    });
                }
            }
        }
        hits.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(b.end.cmp(&a.end))
                .then(a.entry.cmp(&b.entry))
        });
        hits
    }

    /// Matches `elems` at token `i`; returns the end token and first capture.
    fn match_at(
        &self,
        elems: &[Elem],
        tokens: &Tokens,
        i: usize,
        capture: Option<(u16, u32)>,
    ) -> Option<(usize, Option<(u16, u32)>)> {
        let Some((elem, rest)) = elems.split_first() else {
            return Some((i, capture));
        };
        match elem {
            Elem::Key(k) => {
                if i < tokens.len() && tokens.key(i) == &**k {
                    self.match_at(rest, tokens, i + 1, capture)
                } else {
                    None
                }
            }
            Elem::Class(c, optional) => {
                if let Some((end, term)) = self.match_class(*c, tokens, i)
                    && let Some(found) =
                        self.match_at(rest, tokens, end, capture.or(Some((*c, term))))
                {
                    return Some(found);
                }
                if *optional {
                    self.match_at(rest, tokens, i, capture)
                } else {
                    None
                }
            }
            Elem::Gap => {
                for skip in 0..=MAX_GAP {
                    let at = i + skip;
                    if skip > 0 && is_barrier(tokens, at - 1) {
                        return None;
                    }
                    if let Some(found) = self.match_at(rest, tokens, at, capture) {
                        return Some(found);
                    }
                }
                None
            }
        }
    }

    /// The longest term of `class` at token `i`: (end, term index).
    pub fn match_class(&self, class: u16, tokens: &Tokens, i: usize) -> Option<(usize, u32)> {
        let list = self.classes.get(class as usize)?.get(tokens.key(i))?;
        list.iter().find_map(|(pattern, term)| {
            let n = pattern.elems.len();
            let all = pattern.elems.iter().enumerate().all(|(j, e)| match e {
                Elem::Key(k) => i + j < tokens.len() && tokens.key(i + j) == &**k,
                _ => false,
            });
            all.then_some((i + n, *term))
        })
    }
}

/// Tokens a gap never skips: clause and sentence ends.
fn is_barrier(tokens: &Tokens, i: usize) -> bool {
    tokens.kind_is(i, TokenKind::Punct) && matches!(tokens.key(i), ";" | "." | "!" | "?")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class_id(name: &str) -> Option<u16> {
        match name {
            "technology" => Some(0),
            _ => None,
        }
    }

    fn dictionary() -> Dictionary<&'static str> {
        let mut d = Dictionary::new(1);
        for (i, t) in ["2G", "3G", "4G", "5G"].iter().enumerate() {
            let p = compile(t, &class_id).unwrap_or_else(|e| panic!("{e}"));
            d.add_class_term(0, i as u32, p)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        for (text, role) in [
            ("trạm BTS {technology?}", "bts"),
            ("tỷ lệ hồ sơ … trực tuyến", "online_rate"),
            ("{technology}", "tech"),
            ("hồ sơ", "application"),
        ] {
            let p = compile(text, &class_id).unwrap_or_else(|e| panic!("{e}"));
            d.add(p, role);
        }
        d
    }

    fn found(d: &Dictionary<&'static str>, text: &str) -> Vec<(String, String)> {
        let tokens = Tokens::new(text, Span::new(0, text.len()));
        d.scan(&tokens)
            .into_iter()
            .map(|h| {
                let from = tokens.list[h.start].start;
                let to = tokens.list[h.end - 1].end;
                (
                    d.role(h.entry).copied().unwrap_or("").to_string(),
                    text[from..to].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn matches_literal_class_and_gap_phrases() {
        let d = dictionary();
        assert_eq!(
            found(&d, "07 trạm BTS 4G"),
            [
                ("bts".to_string(), "trạm BTS 4G".to_string()),
                ("tech".into(), "4G".into())
            ]
        );
        assert_eq!(
            found(&d, "TRẠM bts mới"),
            [("bts".to_string(), "TRẠM bts".to_string())]
        );
        assert_eq!(
            found(&d, "Tỷ lệ hồ sơ nộp trực tuyến đạt 78,5%"),
            [
                (
                    "online_rate".to_string(),
                    "Tỷ lệ hồ sơ nộp trực tuyến".to_string()
                ),
                ("application".into(), "hồ sơ".into())
            ]
        );
        assert_eq!(
            found(&d, "tỷ lệ hồ sơ; trực tuyến"),
            [("application".to_string(), "hồ sơ".to_string())]
        );
    }

    #[test]
    fn captures_the_class_term() {
        let d = dictionary();
        let text = "trạm BTS 5G";
        let tokens = Tokens::new(text, Span::new(0, text.len()));
        let hits = d.scan(&tokens);
        assert_eq!(hits[0].capture, Some((0, 3)));
    }

    #[test]
    fn rejects_malformed_phrases() {
        for bad in [
            "",
            "{technology",
            "{nope}",
            "… trạm",
            "trạm …",
            "{technology?} trạm",
        ] {
            assert!(
                compile(bad, &class_id).is_err(),
                "{bad:?} should not compile"
            );
        }
    }
}
