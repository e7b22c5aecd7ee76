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

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use rustc_hash::FxHasher;

use crate::document::Span;
use crate::token::{TokenKind, Tokens};

/// The most tokens a `…` gap may skip.
pub const MAX_GAP: usize = 6;

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

/// A hash map keyed by small keys, with a fast non-cryptographic hasher:
/// the catalogue is trusted data, so flooding is not a concern.
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A folded key the dictionary knows, as a dense number.
type KeyId = u32;

/// Marks a token whose key occurs in no phrase.
const UNKNOWN: KeyId = KeyId::MAX;

/// One class's terms (as key ids, with their term index) by first key,
/// longest first.
type ClassTerms = FastMap<KeyId, Vec<(Vec<KeyId>, u32)>>;

/// One element of a phrase as the matcher runs it: keys interned.
#[derive(Debug, Clone, Copy)]
enum Step {
    Key(KeyId),
    Class(u16, bool),
    Gap,
}

/// Phrases indexed by their first key, so one pass over a sentence finds
/// every occurrence of every phrase. Keys are interned: a sentence's tokens
/// are looked up once each, then phrases compare numbers, not strings.
#[derive(Debug, Default)]
pub(crate) struct Dictionary<R> {
    entries: Vec<(Pattern, R)>,
    steps: Vec<Vec<Step>>,
    key_ids: FastMap<Box<str>, KeyId>,
    /// Entries by the id of their first key, when the second element is
    /// not a key (or there is none).
    by_first: Vec<Vec<u32>>,
    /// Entries that open with two keys, by those two ids: a frequent first
    /// word (`đã`, `công`) then tries only the phrases its successor allows.
    by_pair: FastMap<(KeyId, KeyId), Vec<u32>>,
    /// Per class: its terms (as key ids) by first key, longest first.
    classes: Vec<ClassTerms>,
    /// Adjacent words of every phrase (`thông tin`, `lĩnh vực`): the
    /// compound words the catalogue knows, which a noun phrase is not cut inside.
    pairs: HashSet<(KeyId, KeyId), BuildHasherDefault<FxHasher>>,
}

impl<R> Dictionary<R> {
    /// An empty dictionary over `class_count` classes.
    pub fn new(class_count: usize) -> Self {
        Dictionary {
            entries: Vec::new(),
            steps: Vec::new(),
            key_ids: FastMap::default(),
            by_first: Vec::new(),
            by_pair: FastMap::default(),
            classes: (0..class_count).map(|_| FastMap::default()).collect(),
            pairs: Default::default(),
        }
    }

    /// The id of `key`, interning it.
    fn intern(&mut self, key: &str) -> KeyId {
        if let Some(&id) = self.key_ids.get(key) {
            return id;
        }
        let id = self.key_ids.len() as KeyId;
        self.key_ids.insert(key.into(), id);
        self.by_first.push(Vec::new());
        id
    }

    /// The id of `key`, or [`UNKNOWN`].
    fn id_of(&self, key: &str) -> KeyId {
        self.key_ids.get(key).copied().unwrap_or(UNKNOWN)
    }

    /// The key id of every token.
    fn token_ids(&self, tokens: &Tokens) -> Vec<KeyId> {
        (0..tokens.len())
            .map(|i| self.id_of(tokens.key(i)))
            .collect()
    }

    fn compile_steps(&mut self, pattern: &Pattern) -> Vec<Step> {
        let steps: Vec<Step> = pattern
            .elems
            .iter()
            .map(|e| match e {
                Elem::Key(k) => Step::Key(self.intern(k)),
                Elem::Class(c, optional) => Step::Class(*c, *optional),
                Elem::Gap => Step::Gap,
            })
            .collect();
        for w in steps.windows(2) {
            if let [Step::Key(a), Step::Key(b)] = w {
                self.pairs.insert((*a, *b));
            }
        }
        steps
    }

    /// Whether folded words `a b` occur together in some phrase.
    pub fn is_pair(&self, a: &str, b: &str) -> bool {
        let (a, b) = (self.id_of(a), self.id_of(b));
        a != UNKNOWN && b != UNKNOWN && self.pairs.contains(&(a, b))
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
        if (class as usize) >= self.classes.len() {
            return Err("unknown class".into());
        }
        let keys: Vec<KeyId> = self
            .compile_steps(&pattern)
            .into_iter()
            .filter_map(|s| match s {
                Step::Key(k) => Some(k),
                _ => None,
            })
            .collect();
        let Some(&first) = keys.first() else {
            return Err("empty class term".into());
        };
        let map = self
            .classes
            .get_mut(class as usize)
            .ok_or_else(|| "unknown class".to_string())?;
        let list = map.entry(first).or_default();
        list.push((keys, term));
        list.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        Ok(())
    }

    /// Adds a phrase with its role; returns its entry index.
    pub fn add(&mut self, pattern: Pattern, role: R) -> u32 {
        let id = self.entries.len() as u32;
        let steps = self.compile_steps(&pattern);
        let firsts: Vec<KeyId> = match steps.first() {
            Some(&Step::Key(a)) => {
                if let Some(&Step::Key(b)) = steps.get(1) {
                    self.by_pair.entry((a, b)).or_default().push(id);
                    Vec::new()
                } else {
                    vec![a]
                }
            }
            Some(Step::Class(c, _)) => self
                .classes
                .get(*c as usize)
                .map(|m| m.keys().copied().collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        for first in firsts {
            if let Some(list) = self.by_first.get_mut(first as usize) {
                list.push(id);
            }
        }
        self.steps.push(steps);
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
        let ids = self.token_ids(tokens);
        let mut hits = Vec::new();
        for (i, &key) in ids.iter().enumerate() {
            if key == UNKNOWN {
                continue;
            }
            let single = self.by_first.get(key as usize).map(Vec::as_slice);
            let pair = ids
                .get(i + 1)
                .filter(|&&next| next != UNKNOWN)
                .and_then(|&next| self.by_pair.get(&(key, next)))
                .map(Vec::as_slice);
            let candidates = single
                .unwrap_or_default()
                .iter()
                .chain(pair.unwrap_or_default());
            for &entry in candidates {
                if let Some(steps) = self.steps.get(entry as usize)
                    && let Some((end, capture)) = self.match_at(steps, &ids, tokens, i, None)
                {
                    hits.push(Hit {
                        entry,
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

    /// Matches `steps` at token `i`; returns the end token and first capture.
    fn match_at(
        &self,
        steps: &[Step],
        ids: &[KeyId],
        tokens: &Tokens,
        i: usize,
        capture: Option<(u16, u32)>,
    ) -> Option<(usize, Option<(u16, u32)>)> {
        let Some((step, rest)) = steps.split_first() else {
            return Some((i, capture));
        };
        match *step {
            Step::Key(k) => {
                if ids.get(i) == Some(&k) {
                    self.match_at(rest, ids, tokens, i + 1, capture)
                } else {
                    None
                }
            }
            Step::Class(c, optional) => {
                if let Some((end, term)) = self.match_class(c, ids, i)
                    && let Some(found) =
                        self.match_at(rest, ids, tokens, end, capture.or(Some((c, term))))
                {
                    return Some(found);
                }
                if optional {
                    self.match_at(rest, ids, tokens, i, capture)
                } else {
                    None
                }
            }
            Step::Gap => {
                for skip in 0..=MAX_GAP {
                    let at = i + skip;
                    if skip > 0 && is_barrier(tokens, at - 1) {
                        return None;
                    }
                    if let Some(found) = self.match_at(rest, ids, tokens, at, capture) {
                        return Some(found);
                    }
                }
                None
            }
        }
    }

    /// The longest term of `class` at token `i`: (end, term index).
    fn match_class(&self, class: u16, ids: &[KeyId], i: usize) -> Option<(usize, u32)> {
        let list = self.classes.get(class as usize)?.get(ids.get(i)?)?;
        list.iter().find_map(|(keys, term)| {
            let n = keys.len();
            (ids.get(i..i + n) == Some(keys.as_slice())).then_some((i + n, *term))
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
