//! HTML pages: decode, parse with `scraper` (html5ever), drop boilerplate, keep the article text.
//!
//! The tree is flattened once into a pre-order list of open/close/text items, so every
//! later pass is a plain loop: nothing recurses, and nesting deeper than
//! [`Limits::max_depth`] is cut off by folding the deep subtree's text into one inline run.

use std::borrow::Cow;

use encoding_rs::Encoding;
use scraper::{ElementRef, Html, Node};

use super::{Extracted, FormatError, Limits, LineWriter, collapse_ws};

/// Extracts the title and the article text of an HTML page.
///
/// The bytes are decoded from their BOM, else from a `<meta charset>` or
/// `http-equiv` content type in the first 2 KB, else as UTF-8 with replacement
/// characters. Navigation, menus, related-news lists, scripts and similar
/// boilerplate are dropped; the main content container is preferred as the root
/// when it holds most of the text. `title` is the first `<h1>` outside boilerplate,
/// else `<title>`.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, FormatError> {
    let max_depth = limits.max_depth.max(1);
    let (text, encoding) = decode(bytes);
    let text = limit_nesting(&text, max_depth);
    let doc = Html::parse_document(&text);
    let Some(html) = doc.tree.root().children().find_map(ElementRef::wrap) else {
        return Ok(Extracted::default());
    };
    let page = Page::build(html, max_depth);
    let dropped = page.drop_flags();
    let body = page.body();
    let title_h1 = page.first_h1(&dropped, body);
    let root = page.choose_root(&dropped, body, title_h1.as_ref().map(|(i, _)| *i));
    let title = title_h1
        .map(|(_, t)| t)
        .or_else(|| page_title(html))
        .filter(|t| !t.is_empty());
    Ok(Extracted {
        title,
        text: page.render(&dropped, root),
        encoding: Some(encoding.name().to_ascii_lowercase()),
    })
}

/// Decodes the page bytes: BOM, then a meta charset in the first 2 KB, else UTF-8.
fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static Encoding) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        return (encoding.decode_without_bom_handling(rest).0, encoding);
    }
    let head = bytes.get(..2048).unwrap_or(bytes);
    let encoding = sniff_meta_charset(head).unwrap_or(encoding_rs::UTF_8);
    (encoding.decode_without_bom_handling(bytes).0, encoding)
}

/// Finds a `<meta charset=…>` or `<meta http-equiv=… content="…; charset=…">` label.
fn sniff_meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos + 5;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(label) = charset_label(tag)
            && let Some(encoding) = Encoding::for_label(label)
        {
            // The HTML standard maps UTF-16 labels found in a meta tag to UTF-8, and
            // x-user-defined to windows-1252.
            let encoding = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE
            {
                encoding_rs::UTF_8
            } else if encoding == encoding_rs::X_USER_DEFINED {
                encoding_rs::WINDOWS_1252
            } else {
                encoding
            };
            return Some(encoding);
        }
        from = end;
    }
    None
}

/// The value after `charset=` inside one lowercased meta tag.
fn charset_label(tag: &[u8]) -> Option<&[u8]> {
    let pos = find(tag, b"charset")?;
    let rest = &tag[pos + 7..];
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    let label = &rest[..len];
    (!label.is_empty()).then_some(label)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Elements whose end tag is optional: html5ever closes them implicitly, so they do
/// not add to the nesting estimate.
const OPTIONAL_END_TAGS: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rtc", "rp",
    "thead", "tbody", "tfoot", "colgroup", "caption", "html", "head", "body",
];

/// Elements without content.
const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT_TAGS: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Formatting elements: html5ever re-opens the unclosed ones in every new block.
const FORMATTING_TAGS: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Most unclosed formatting elements passed on to html5ever.
const MAX_OPEN_FORMATTING: usize = 12;

/// Removes start and end tags nested deeper than `max_depth` (keeping their text),
/// and formatting tags past [`MAX_OPEN_FORMATTING`] unclosed ones, before the page
/// reaches html5ever.
///
/// html5ever does not recurse, but several of its tree-construction steps scan the
/// stack of open elements, so 100 000 unclosed `<div>`s cost quadratic time; and it
/// re-creates every unclosed formatting element inside each following block, so 400
/// unclosed `<b id=…>` before 5 000 paragraphs (24 KB) build two million elements.
/// This pre-scan estimates both from the tag stream (void elements, self-closing tags
/// and elements with optional end tags do not count) and leaves the input untouched
/// unless an estimate goes past its limit.
fn limit_nesting(src: &str, max_depth: usize) -> Cow<'_, str> {
    if !scan_tags(src, max_depth, None) {
        return Cow::Borrowed(src);
    }
    let mut out = String::with_capacity(src.len());
    scan_tags(src, max_depth, Some(&mut out));
    Cow::Owned(out)
}

/// Walks the tag stream; returns whether the nesting estimate exceeded `max_depth`.
/// With `out`, copies `src` there minus the tags that are too deep.
fn scan_tags(src: &str, max_depth: usize, mut out: Option<&mut String>) -> bool {
    let b = src.as_bytes();
    let mut exceeded = false;
    let mut depth = 0usize;
    let (mut formatting_open, mut formatting_stripped) = (0usize, 0usize);
    let mut copied = 0usize;
    let mut i = 0usize;
    while let Some(off) = b
        .get(i..)
        .and_then(|rest| rest.iter().position(|&c| c == b'<'))
    {
        let lt = i + off;
        let after = b.get(lt + 1).copied();
        let (closing, name_start) = match after {
            Some(b'!') => {
                i = if b[lt..].starts_with(b"<!--") {
                    find(&b[lt + 4..], b"-->").map_or(b.len(), |p| lt + 4 + p + 3)
                } else {
                    find(&b[lt..], b">").map_or(b.len(), |p| lt + p + 1)
                };
                continue;
            }
            Some(b'?') => {
                i = find(&b[lt..], b">").map_or(b.len(), |p| lt + p + 1);
                continue;
            }
            Some(b'/') => (true, lt + 2),
            Some(c) if c.is_ascii_alphabetic() => (false, lt + 1),
            _ => {
                i = lt + 1;
                continue;
            }
        };
        let name_len = b[name_start.min(b.len())..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b':' | b'_')))
            .unwrap_or(b.len() - name_start.min(b.len()));
        if name_len == 0 {
            i = lt + 1;
            continue;
        }
        let name = src
            .get(name_start..name_start + name_len)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let end = tag_end(b, name_start + name_len);
        let self_closing =
            end >= 2 && b.get(end - 1) == Some(&b'>') && b.get(end - 2) == Some(&b'/');
        let counted = !VOID_TAGS.contains(&name.as_str())
            && !OPTIONAL_END_TAGS.contains(&name.as_str())
            && !RAW_TEXT_TAGS.contains(&name.as_str());
        let formatting = FORMATTING_TAGS.contains(&name.as_str());
        let mut strip = false;
        if closing {
            if counted {
                strip = depth > max_depth;
                depth = depth.saturating_sub(1);
            }
            if formatting {
                if formatting_stripped > 0 {
                    formatting_stripped -= 1;
                    strip = true;
                } else {
                    formatting_open = formatting_open.saturating_sub(1);
                }
            }
        } else if counted && !self_closing {
            strip = depth >= max_depth;
            depth += 1;
            if formatting {
                if strip || formatting_open >= MAX_OPEN_FORMATTING {
                    formatting_stripped += 1;
                    strip = true;
                } else {
                    formatting_open += 1;
                }
            }
        }
        if strip {
            exceeded = true;
            if let Some(out) = out.as_deref_mut() {
                out.push_str(src.get(copied..lt).unwrap_or_default());
                if BLOCK_TAGS.contains(&name.as_str()) {
                    out.push(' ');
                }
                copied = end;
            }
        }
        i = end;
        if !closing && RAW_TEXT_TAGS.contains(&name.as_str()) {
            // Skip the raw text up to the matching end tag.
            let mut pattern = b"</".to_vec();
            pattern.extend_from_slice(name.as_bytes());
            let rest = b.get(end..).unwrap_or_default();
            i = rest
                .windows(pattern.len())
                .position(|w| w.eq_ignore_ascii_case(&pattern))
                .map_or(b.len(), |p| end + p);
        }
    }
    if let Some(out) = out {
        out.push_str(src.get(copied..).unwrap_or_default());
    }
    exceeded
}

/// Index just past the `>` that ends a tag whose name ends at `from` (quoted attribute
/// values may hold `>`), or the end of input.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    let mut prev = 0u8;
    let mut j = from;
    while let Some(&c) = b.get(j) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if (c == b'"' || c == b'\'') && prev == b'=' => quote = Some(c),
            None if c == b'>' => return j + 1,
            None => {
                if !c.is_ascii_whitespace() {
                    prev = c;
                }
            }
        }
        j += 1;
    }
    b.len()
}

/// `<title>` from the head, whitespace collapsed.
fn page_title(html: ElementRef<'_>) -> Option<String> {
    let head = html
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "head")?;
    let title = head
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "title")?;
    let text: String = title.text().collect();
    Some(collapse_ws(&text))
}

/// Tags whose content is never text of the page, whatever their size.
const HARD_DROP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "math", "object", "embed",
    "canvas", "select", "button", "textarea", "head", "title", "video", "audio", "map",
];

/// Tags that are boilerplate unless they wrap most of the page (an ASP.NET `<form>` does).
const SOFT_DROP_TAGS: &[&str] = &["nav", "header", "footer", "aside", "form", "menu"];

/// Class or id fragments that mark menus, share bars, related-news lists and the like.
const DROP_MARKERS: &[&str] = &[
    "menu",
    "nav",
    "breadcrumb",
    "share",
    "social",
    "related",
    "tin-lien-quan",
    "tinlienquan",
    "tin_lien_quan",
    "other-news",
    "othernews",
    "tin-khac",
    "tinkhac",
    "sidebar",
    "footer",
    "header",
    "comment",
];

/// Class or id fragments that mark the main content container.
const CONTENT_MARKERS: &[&str] = &[
    "content", "article", "detail", "noidung", "noi-dung", "chitiet", "chi-tiet",
];

/// Heading texts that introduce a list of other articles.
const RELATED_HEADINGS: &[&str] = &[
    "tin liên quan",
    "tin mới nhất",
    "tin khác",
    "bài viết liên quan",
    "các tin khác",
    "tin cùng chuyên mục",
    "các tin đã đưa",
    "tin đã đưa",
    "tin bài liên quan",
    "bài liên quan",
    "tin tức liên quan",
    "các bài viết khác",
    "bài viết khác",
    "tin xem nhiều",
    "tin đọc nhiều",
    "đọc nhiều nhất",
    "xem nhiều nhất",
    "tin nổi bật",
];

/// Tags that start and end a line.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// One item of the flattened tree.
enum Item<'a> {
    /// An element opens; `close` is the index of its [`Item::Close`].
    Open {
        el: ElementRef<'a>,
        close: usize,
        in_article: bool,
    },
    /// An element closes; `open` is the index of its [`Item::Open`].
    Close { open: usize },
    /// A text node (or the folded text of a subtree past the depth limit).
    Text(Cow<'a, str>),
}

/// The page as a flat pre-order list of items.
struct Page<'a> {
    items: Vec<Item<'a>>,
}

/// Work left while flattening.
enum Pending<'a> {
    Visit(ElementRef<'a>),
    Close(usize),
    Text(&'a str),
}

impl<'a> Page<'a> {
    /// Flattens the tree under `html` without recursion.
    fn build(html: ElementRef<'a>, max_depth: usize) -> Self {
        let mut items: Vec<Item<'a>> = Vec::new();
        // Depths of the open <article> elements on the current path.
        let mut article_depths: Vec<usize> = Vec::new();
        let mut depth = 0usize;
        let mut work = vec![Pending::Visit(html)];
        while let Some(next) = work.pop() {
            match next {
                Pending::Text(t) => items.push(Item::Text(Cow::Borrowed(t))),
                Pending::Close(open) => {
                    let close = items.len();
                    items.push(Item::Close { open });
                    if let Some(Item::Open { close: c, .. }) = items.get_mut(open) {
                        *c = close;
                    }
                    depth = depth.saturating_sub(1);
                    if article_depths.last().is_some_and(|&d| d > depth) {
                        article_depths.pop();
                    }
                }
                Pending::Visit(el) => {
                    let open = items.len();
                    items.push(Item::Open {
                        el,
                        close: open,
                        in_article: !article_depths.is_empty(),
                    });
                    depth += 1;
                    if el.value().name() == "article" {
                        article_depths.push(depth);
                    }
                    work.push(Pending::Close(open));
                    if depth >= max_depth {
                        // Too deep to keep the structure: keep the text as one run.
                        let folded = folded_text(el);
                        if !folded.is_empty() {
                            items.push(Item::Text(Cow::Owned(folded)));
                        }
                        continue;
                    }
                    let children: Vec<Pending<'a>> = el
                        .children()
                        .filter_map(|child| match child.value() {
                            Node::Text(t) => Some(Pending::Text(t)),
                            Node::Element(_) => ElementRef::wrap(child).map(Pending::Visit),
                            _ => None,
                        })
                        .collect();
                    work.extend(children.into_iter().rev());
                }
            }
        }
        Page { items }
    }

    /// The `<body>` element's open index, else the root `<html>` (index 0).
    fn body(&self) -> usize {
        self.items
            .iter()
            .position(|it| matches!(it, Item::Open { el, .. } if el.value().name() == "body"))
            .unwrap_or(0)
    }

    fn close_of(&self, open: usize) -> usize {
        match self.items.get(open) {
            Some(Item::Open { close, .. }) => *close,
            _ => open,
        }
    }

    /// Non-whitespace character counts per open index, with `skip` subtrees left out.
    fn text_counts(&self, skip: impl Fn(usize, &ElementRef<'a>, bool) -> bool) -> Vec<usize> {
        let mut counts = vec![0usize; self.items.len()];
        let mut stack: Vec<usize> = Vec::new();
        let mut i = 0;
        while i < self.items.len() {
            match &self.items[i] {
                Item::Open {
                    el,
                    close,
                    in_article,
                } => {
                    if skip(i, el, *in_article) {
                        i = (*close).max(i) + 1;
                        continue;
                    }
                    stack.push(i);
                }
                Item::Close { open } => {
                    if stack.last() == Some(open) {
                        stack.pop();
                        let own = counts[*open];
                        if let Some(&parent) = stack.last() {
                            counts[parent] += own;
                        }
                    }
                }
                Item::Text(t) => {
                    if let Some(&parent) = stack.last() {
                        counts[parent] += t.chars().filter(|c| !c.is_whitespace()).count();
                    }
                }
            }
            i += 1;
        }
        counts
    }

    /// Which open items are dropped (their whole subtree is boilerplate).
    fn drop_flags(&self) -> Vec<bool> {
        let raw = self.text_counts(|_, el, _| is_hard_drop(el));
        let body = self.body();
        let page_total = raw.get(body).copied().unwrap_or(0);
        let mut dropped = vec![false; self.items.len()];
        for (i, item) in self.items.iter().enumerate() {
            let Item::Open { el, in_article, .. } = item else {
                continue;
            };
            if i <= body {
                continue; // never drop <html> or <body>
            }
            let drop = if is_hard_drop(el) {
                true
            } else if is_soft_drop(el, *in_article) {
                // A soft marker on an element that wraps most of the page (a body-wide
                // <form>, a "has-sidebar" layout div) is a wrapper, not boilerplate.
                raw[i] * 2 < page_total
            } else {
                is_related_heading(el) || follows_related_heading(el)
            };
            dropped[i] = drop;
        }
        dropped
    }

    /// The first `<h1>` outside dropped subtrees with text: (open index, text).
    fn first_h1(&self, dropped: &[bool], body: usize) -> Option<(usize, String)> {
        let mut i = body;
        while i < self.items.len() {
            if let Item::Open { el, close, .. } = &self.items[i] {
                if dropped[i] {
                    i = (*close).max(i) + 1;
                    continue;
                }
                if el.value().name() == "h1" {
                    let text = self.plain_text(i);
                    if !text.is_empty() {
                        return Some((i, text));
                    }
                }
            }
            i += 1;
        }
        None
    }

    /// All text under an open item, whitespace collapsed.
    fn plain_text(&self, open: usize) -> String {
        let close = self.close_of(open);
        let mut w = LineWriter::default();
        for item in self.items.get(open..close).unwrap_or_default() {
            if let Item::Text(t) = item {
                w.text(t);
            }
        }
        w.finish()
    }

    /// Picks the content container to extract from, or `body`.
    fn choose_root(&self, dropped: &[bool], body: usize, title_h1: Option<usize>) -> usize {
        let clean = self.text_counts(|i, _, _| dropped[i]);
        let total = clean.get(body).copied().unwrap_or(0);
        if total == 0 {
            return body;
        }
        // Candidates outside dropped subtrees that hold at least half the kept text.
        let mut qualifying: Vec<usize> = Vec::new();
        let mut i = body;
        while i < self.items.len() {
            if let Item::Open { el, close, .. } = &self.items[i] {
                if dropped[i] {
                    i = (*close).max(i) + 1;
                    continue;
                }
                if i != body && is_content_candidate(el) && clean[i] * 2 >= total {
                    qualifying.push(i);
                }
            }
            i += 1;
        }
        // Qualifying candidates nest (two disjoint ones cannot both hold more than
        // half), so the one with the least text is the innermost.
        let Some(&inner) = qualifying
            .iter()
            .min_by_key(|&&c| (clean[c], usize::MAX - c))
        else {
            return body;
        };
        let contains = |outer: usize, inner: usize| outer <= inner && inner < self.close_of(outer);
        if let Some(h1) = title_h1
            && !contains(inner, h1)
        {
            // Widen to a container that also holds the title (and so the lead paragraph),
            // as long as that adds at most half as much text again.
            if let Some(&wider) = qualifying
                .iter()
                .filter(|&&c| contains(c, inner) && contains(c, h1))
                .filter(|&&c| clean[c] * 2 <= clean[inner] * 3)
                .min_by_key(|&&c| clean[c])
            {
                return wider;
            }
        }
        inner
    }

    /// Renders the subtree at `root` as lines.
    fn render(&self, dropped: &[bool], root: usize) -> String {
        let end = self.close_of(root);
        let mut out = LineWriter::default();
        let mut tables: Vec<TableState> = Vec::new();
        let mut pre_depth = 0usize;
        let mut i = root;
        while i <= end && i < self.items.len() {
            match &self.items[i] {
                Item::Open { el, close, .. } => {
                    if dropped[i] {
                        i = (*close).max(i) + 1;
                        continue;
                    }
                    let name = el.value().name();
                    match name {
                        "table" => {
                            boundary(&mut out, &mut tables);
                            tables.push(TableState::default());
                        }
                        "tr" => {
                            if let Some(t) = tables.last_mut() {
                                t.cells.clear();
                            }
                        }
                        "td" | "th" => {
                            if let Some(t) = tables.last_mut() {
                                t.cell = Some(String::new());
                            }
                        }
                        "br" => match cell_of(&mut tables) {
                            Some(cell) => cell.push(' '),
                            None => out.hard_break(),
                        },
                        "pre" => {
                            pre_depth += 1;
                            boundary(&mut out, &mut tables);
                        }
                        _ if BLOCK_TAGS.contains(&name) => boundary(&mut out, &mut tables),
                        _ => {}
                    }
                }
                Item::Close { open } => {
                    if let Some(Item::Open { el, .. }) = self.items.get(*open) {
                        let name = el.value().name();
                        match name {
                            "table" => {
                                if let Some(mut t) = tables.pop() {
                                    t.finish_row(&mut out, &mut tables);
                                }
                                boundary(&mut out, &mut tables);
                            }
                            "tr" => {
                                if let Some(mut t) = tables.pop() {
                                    t.finish_row(&mut out, &mut tables);
                                    tables.push(t);
                                }
                            }
                            "td" | "th" => {
                                if let Some(t) = tables.last_mut()
                                    && let Some(cell) = t.cell.take()
                                {
                                    t.cells.push(collapse_ws(&cell));
                                }
                            }
                            "pre" => {
                                pre_depth = pre_depth.saturating_sub(1);
                                boundary(&mut out, &mut tables);
                            }
                            _ if BLOCK_TAGS.contains(&name) => boundary(&mut out, &mut tables),
                            _ => {}
                        }
                    }
                }
                Item::Text(t) => match cell_of(&mut tables) {
                    Some(cell) => cell.push_str(t),
                    None if pre_depth > 0 => {
                        let mut lines = t.split('\n');
                        if let Some(first) = lines.next() {
                            out.text(first);
                        }
                        for line in lines {
                            out.hard_break();
                            out.text(line);
                        }
                    }
                    None => out.text(t),
                },
            }
            i += 1;
        }
        out.finish()
    }
}

/// Row and cell being collected for one open `<table>`.
#[derive(Default)]
struct TableState {
    cells: Vec<String>,
    cell: Option<String>,
}

impl TableState {
    /// Emits the collected row: a tab-separated line, or (for a table nested in a
    /// cell of `outer`) a space-separated run inside that cell.
    fn finish_row(&mut self, out: &mut LineWriter, outer: &mut [TableState]) {
        if let Some(cell) = self.cell.take() {
            self.cells.push(collapse_ws(&cell));
        }
        if self.cells.is_empty() {
            return;
        }
        let cells = std::mem::take(&mut self.cells);
        match outer.last_mut().and_then(|t| t.cell.as_mut()) {
            Some(outer_cell) => {
                outer_cell.push(' ');
                outer_cell.push_str(&cells.join(" "));
                outer_cell.push(' ');
            }
            None => out.row(&cells),
        }
    }
}

/// The open cell text of the innermost table, if text currently goes into a cell.
fn cell_of(tables: &mut [TableState]) -> Option<&mut String> {
    tables.last_mut().and_then(|t| t.cell.as_mut())
}

/// A block boundary: a line break outside tables, a space inside a cell.
fn boundary(out: &mut LineWriter, tables: &mut [TableState]) {
    match cell_of(tables) {
        Some(cell) => cell.push(' '),
        None => out.soft_break(),
    }
}

/// Text of a subtree that is too deep to walk structurally (script and style text left out).
fn folded_text(el: ElementRef<'_>) -> String {
    let mut text = String::new();
    for node in el.descendants() {
        if let Node::Text(t) = node.value() {
            let in_code = node
                .parent()
                .and_then(|p| p.value().as_element().map(|e| e.name()))
                .is_some_and(|n| HARD_DROP_TAGS.contains(&n));
            if !in_code {
                text.push_str(t);
                text.push(' ');
            }
        }
    }
    collapse_ws(&text)
}

fn is_hard_drop(el: &ElementRef<'_>) -> bool {
    HARD_DROP_TAGS.contains(&el.value().name())
}

/// Boilerplate by tag, class/id marker, or hidden styling (before the wrapper check).
fn is_soft_drop(el: &ElementRef<'_>, in_article: bool) -> bool {
    let e = el.value();
    let name = e.name();
    // An <article>'s own <header> holds its title and date: keep it.
    if SOFT_DROP_TAGS.contains(&name) && !(name == "header" && in_article) {
        return true;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden").is_some_and(|v| v.trim() == "true") {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    has_marker(el, DROP_MARKERS)
}

fn is_content_candidate(el: &ElementRef<'_>) -> bool {
    matches!(el.value().name(), "article" | "main") || has_marker(el, CONTENT_MARKERS)
}

/// Whether the class or id attribute contains one of `markers` (case-insensitive).
fn has_marker(el: &ElementRef<'_>, markers: &[&str]) -> bool {
    let e = el.value();
    [e.attr("class"), e.attr("id")]
        .into_iter()
        .flatten()
        .any(|value| {
            let value = value.to_ascii_lowercase();
            markers.iter().any(|m| value.contains(m))
        })
}

/// A short heading-like element whose whole text is "Tin liên quan" or similar.
fn is_related_heading(el: &ElementRef<'_>) -> bool {
    let name = el.value().name();
    if !matches!(
        name,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "div" | "span" | "strong" | "b" | "header"
    ) {
        return false;
    }
    // Gather at most a few dozen characters from a bounded number of nodes.
    let mut text = String::new();
    for (n, node) in el.descendants().enumerate() {
        if n > 200 || text.len() > 120 {
            return false;
        }
        if let Node::Text(t) = node.value() {
            text.push_str(t);
            text.push(' ');
        }
    }
    let text = collapse_ws(&text).to_lowercase();
    let text = text.trim_end_matches([':', ' ', '»', '>']).trim();
    RELATED_HEADINGS.contains(&text)
}

/// Whether the previous element sibling is a related-news heading (so this is its list).
fn follows_related_heading(el: &ElementRef<'_>) -> bool {
    if !matches!(
        el.value().name(),
        "ul" | "ol" | "div" | "table" | "section" | "dl" | "p"
    ) {
        return false;
    }
    el.prev_siblings()
        .find_map(ElementRef::wrap)
        .is_some_and(|prev| is_related_heading(&prev))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(html: &str) -> Extracted {
        extract(html.as_bytes(), &Limits::default()).unwrap()
    }

    #[test]
    fn vietnamese_text_survives_exactly() {
        let page = "<html><head><meta charset=\"utf-8\"><title>Tin tức</title></head><body>\
                    <p>Sở Thông tin và Truyền thông đã ban hành 27 Quyết định</p></body></html>";
        let out = run(page);
        assert_eq!(
            out.text,
            "Sở Thông tin và Truyền thông đã ban hành 27 Quyết định"
        );
        assert_eq!(out.title.as_deref(), Some("Tin tức"));
    }

    #[test]
    fn table_rows_become_tab_separated_lines() {
        let page = "<body><p>Bảng 1</p><table>\
                    <tr><th>Chỉ tiêu</th><th>Năm 2023</th></tr>\
                    <tr><td>Số  hồ sơ\n tiếp nhận</td><td> 3.049 </td></tr>\
                    <tr><td><p>Đúng</p><p>hạn</p></td><td>98,5%</td></tr>\
                    </table><p>Hết</p></body>";
        let out = run(page);
        assert_eq!(
            out.text,
            "Bảng 1\nChỉ tiêu\tNăm 2023\nSố hồ sơ tiếp nhận\t3.049\nĐúng hạn\t98,5%\nHết"
        );
    }

    #[test]
    fn nested_table_stays_in_its_cell() {
        let page = "<table><tr><td>A</td><td><table><tr><td>x</td><td>y</td></tr></table></td></tr></table>";
        assert_eq!(run(page).text, "A\tx y");
    }

    #[test]
    fn news_page_keeps_only_the_article() {
        let page = r#"<!DOCTYPE html>
<html><head><title>Ban hành 27 Quyết định - Cổng thông tin điện tử tỉnh</title>
<script>var menu = "Trang chủ";</script><style>p { color: red }</style></head>
<body>
<header><h1 class="logo">Cổng thông tin điện tử tỉnh</h1></header>
<div id="main-menu"><ul><li><a href="/">Trang chủ</a></li><li>Giới thiệu</li></ul></div>
<div class="breadcrumb">Trang chủ » Tin tức</div>
<nav><a href="/">Tin tức</a></nav>
<div class="news-detail">
  <h1 class="title">Ban hành 27 Quyết định</h1>
  <div class="sapo">Năm 2023, Sở đã ban hành 27 Quyết định.</div>
  <div class="share-bar">Chia sẻ Facebook Zalo</div>
  <div class="news-content">
    <p>Sở Thông tin và Truyền thông đã ban hành 27 Quyết định về chuyển đổi số.</p>
    <p>Tỷ lệ hồ sơ trực tuyến đạt 85&nbsp;% &amp; tăng   12 điểm.</p>
    <script>document.write("quảng cáo")</script>
    <p>Nội dung chi tiết xem tại các văn bản đính kèm trên cổng thông tin của Sở.</p>
  </div>
  <h3>Tin liên quan</h3>
  <ul><li><a href="/a">Tin cũ số một về chuyển đổi số</a></li><li><a href="/b">Tin cũ số hai</a></li></ul>
  <div class="tin-lien-quan"><a href="/c">Một tin khác nữa</a></div>
</div>
<aside><div class="box">Tin mới nhất: Hội nghị tổng kết</div></aside>
<div id="footer">Bản quyền thuộc về Sở Thông tin và Truyền thông. Địa chỉ: 123 đường ABC.</div>
<footer>Liên hệ</footer>
</body></html>"#;
        let out = run(page);
        assert_eq!(out.title.as_deref(), Some("Ban hành 27 Quyết định"));
        assert_eq!(
            out.text,
            "Ban hành 27 Quyết định\n\
             Năm 2023, Sở đã ban hành 27 Quyết định.\n\
             Sở Thông tin và Truyền thông đã ban hành 27 Quyết định về chuyển đổi số.\n\
             Tỷ lệ hồ sơ trực tuyến đạt 85 % & tăng 12 điểm.\n\
             Nội dung chi tiết xem tại các văn bản đính kèm trên cổng thông tin của Sở."
        );
    }

    #[test]
    fn aspnet_form_wrapper_is_not_dropped() {
        let page = r#"<body><form id="aspnetForm" action="/"><div class="menu">Trang chủ</div>
            <div class="content-wrapper has-sidebar"><p>Báo cáo số 3049 về kết quả thực hiện nhiệm vụ năm 2023.</p></div>
            </form></body>"#;
        let out = run(page);
        assert_eq!(
            out.text,
            "Báo cáo số 3049 về kết quả thực hiện nhiệm vụ năm 2023."
        );
    }

    #[test]
    fn title_falls_back_to_title_tag_with_suffix() {
        let page = "<html><head><title>  Báo cáo   tháng 5 - Sở TT&amp;TT </title></head>\
                    <body><p>Nội dung</p></body></html>";
        let out = run(page);
        assert_eq!(out.title.as_deref(), Some("Báo cáo tháng 5 - Sở TT&TT"));
    }

    #[test]
    fn entities_and_breaks() {
        let page = "<body><div>A&nbsp;&nbsp;B &amp; C&lt;D&gt; &quot;E&quot; &#273;&#x1EBF;n</div>\
                    <p>dòng 1<br>dòng 2<br><br><br>dòng 3</p><pre>x  1\ny 2</pre>\
                    <ul><li>một</li><li>hai <b>ba</b></li></ul></body>";
        assert_eq!(
            run(page).text,
            "A B & C<D> \"E\" đến\ndòng 1\ndòng 2\n\ndòng 3\nx 1\ny 2\nmột\nhai ba"
        );
    }

    #[test]
    fn meta_charset_windows_1258() {
        // "Việt Nam: Quyết định" in windows-1258: ê = 0xEA, dot below = 0xF2, ế needs
        // ê + acute (0xEC), đ = 0xF0.
        let mut bytes = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\"><title>T</title></head><body><p>Vi".to_vec();
        bytes.extend_from_slice(&[0xEA, 0xF2]);
        bytes.extend_from_slice(b"t Nam: Quy");
        bytes.extend_from_slice(&[0xEA, 0xEC]);
        bytes.extend_from_slice(b"t ");
        bytes.push(0xF0);
        bytes.extend_from_slice(b"i");
        bytes.push(0xF2);
        bytes.extend_from_slice(b"nh</p></body></html>");
        let out = extract(&bytes, &Limits::default()).unwrap();
        // Windows-1258 decodes tones as combining marks; the decode stage composes them (NFC).
        let composed: String =
            unicode_normalization::UnicodeNormalization::nfc(out.text.as_str()).collect();
        assert_eq!(composed, "Việt Nam: Quyết định");
        assert_eq!(out.encoding.as_deref(), Some("windows-1258"));

        let short = b"<meta charset=windows-1258><p>\xD0\xEAm</p>";
        assert_eq!(extract(short, &Limits::default()).unwrap().text, "Đêm");
    }

    #[test]
    fn bom_wins_and_invalid_utf8_is_replaced() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("<meta charset=\"windows-1252\"><p>Đà Nẵng</p>".as_bytes());
        assert_eq!(extract(&bytes, &Limits::default()).unwrap().text, "Đà Nẵng");
        let bad = b"<p>a\xFFb</p>";
        assert_eq!(extract(bad, &Limits::default()).unwrap().text, "a\u{FFFD}b");
    }

    #[test]
    fn very_deep_nesting_does_not_overflow() {
        let depth = 100_000;
        let mut page = String::from("<body><p>Đầu trang</p>");
        for _ in 0..depth {
            page.push_str("<span>");
        }
        page.push_str("sâu");
        for _ in 0..depth {
            page.push_str("</span>");
        }
        page.push_str("<p>Cuối trang</p></body>");
        let out = run(&page);
        assert_eq!(out.text, "Đầu trang\nsâu\nCuối trang");

        let mut divs = String::from("<body>");
        for _ in 0..depth {
            divs.push_str("<div>");
        }
        divs.push_str("đáy");
        let out = run(&divs);
        assert_eq!(out.text, "đáy");
    }

    #[test]
    fn nesting_prescan_leaves_normal_pages_alone() {
        let page = "<body><div><svg><path d='a>b'/><path/></svg><p>x<p>y<ul><li>z</ul></div>\
                    <script>if (a<b) { document.write('<div><div><div>') }</script></body>";
        assert!(matches!(limit_nesting(page, 3), Cow::Borrowed(_)));
        let deep = "<div><div><div><div>a</div></div></div></div>";
        assert_eq!(limit_nesting(deep, 2), "<div><div>  a  </div></div>");
    }

    #[test]
    fn unclosed_formatting_elements_are_capped() {
        let mut page = String::from("<body><div>");
        for i in 0..400 {
            page.push_str(&format!("<b id={i}>"));
        }
        page.push_str("</div>");
        for _ in 0..5000 {
            page.push_str("<p>x");
        }
        let start = std::time::Instant::now();
        let out = run(&page);
        assert_eq!(out.text.lines().count(), 5000);
        assert!(start.elapsed() < std::time::Duration::from_secs(20));
        let nested =
            "<p><b><i><u><font color=red><strong>đậm</strong></font></u></i></b> thường</p>";
        assert!(matches!(limit_nesting(nested, 512), Cow::Borrowed(_)));
        assert_eq!(run(nested).text, "đậm thường");
    }

    #[test]
    fn depth_limit_folds_text() {
        let mut page = String::from("<body>");
        for _ in 0..20 {
            page.push_str("<div>");
        }
        page.push_str("<p>a</p><p>b</p>");
        let limits = Limits {
            max_depth: 8,
            ..Limits::default()
        };
        let out = extract(page.as_bytes(), &limits).unwrap();
        assert_eq!(out.text, "a b");
    }

    #[test]
    fn empty_and_garbage_input() {
        assert_eq!(run("").text, "");
        let out = extract(&[0u8, 0xFF, 0xFE, 0x00, 0x3C], &Limits::default()).unwrap();
        assert!(out.title.is_none());
    }

    #[test]
    fn hidden_and_related_heading_blocks_are_dropped() {
        let page = r#"<body><div class="detail">
            <p>Kết quả năm 2023 đạt 100% kế hoạch đề ra của Ủy ban nhân dân tỉnh.</p>
            <div style="display: none">ẩn</div>
            <p><strong>Các tin khác:</strong></p>
            <ul><li>Tin A</li><li>Tin B</li></ul>
            </div></body>"#;
        assert_eq!(
            run(page).text,
            "Kết quả năm 2023 đạt 100% kế hoạch đề ra của Ủy ban nhân dân tỉnh."
        );
    }
}
