//! Stage 3: splits a [`Document`] into an [`Outline`]: which lines are page
//! chrome, header or closing block, the title, the section headings, the body
//! blocks (paragraphs, table rows) and their sentences.
//!
//! Nothing is deleted: chrome and duplicated paragraphs are only marked, so
//! line numbers and byte spans stay those of the document.
//!
//! News pages carry chrome around the article (`Lượt xem: 142`, a lone
//! `100%` from the font-size widget, `16 người đang online`, dated links under
//! `Tin liên quan`) and often repeat the lead paragraph; formal reports carry
//! a header (`Số: 3049/BC-STTTT`, `Ninh Thuận, ngày 22 tháng 10 năm 2021`)
//! and a closing block (`Nơi nhận:`, signatures).

mod lines;
mod sentence;

use crate::catalogue::Catalogue;
use crate::document::{Document, Span};

pub use lines::LineKind;

/// A section heading and its place in the heading tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading text (`2. Kết quả nổi bật …`), without inline body text.
    pub title: String,
    /// Depth: 0 for `PHẦN`, 1 for `I.`, 2 for `1.`, 3 for `1.1.`, 5 for `a)`.
    pub level: u8,
    /// The enclosing section.
    pub parent: Option<usize>,
    /// 1-based line of the heading.
    pub line: usize,
}

/// A body block: one paragraph (possibly hard-wrapped over several lines) or one table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Byte span in the document text.
    pub span: Span,
    /// The innermost section the block sits under.
    pub section: Option<usize>,
    /// A field label the paragraph opens with (`Lĩnh vực công nghệ thông tin: …`).
    pub label: Option<String>,
    /// Cells separated by tabs (a table row).
    pub table: bool,
    /// 1-based first line.
    pub line: usize,
}

/// A sentence of a body block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span in the document text.
    pub span: Span,
    /// Index of its block.
    pub block: usize,
}

/// Stage 3 output.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// The document's title, when it has one.
    pub title: Option<String>,
    /// What each line is (index = line − 1).
    pub lines: Vec<LineKind>,
    /// Section headings in document order.
    pub sections: Vec<Section>,
    /// Body blocks in document order.
    pub blocks: Vec<Block>,
    /// Sentences in document order.
    pub sentences: Vec<Sentence>,
    /// Whether the document is itself a plan (its title starts with `Kế hoạch`, `Đề án` …).
    pub plan_document: bool,
}

impl Outline {
    /// Page furniture inside `span` (a page number between the two halves of
    /// a sentence broken across a page): the byte spans of those lines.
    pub fn gaps(&self, doc: &Document, span: Span) -> Vec<Span> {
        let (first, last) = (
            doc.line_of(span.start),
            doc.line_of(span.end.saturating_sub(1)),
        );
        if first >= last {
            return Vec::new();
        }
        (first + 1..last)
            .filter(|&l| self.lines.get(l - 1) == Some(&LineKind::Chrome))
            .map(|l| doc.line_span(l))
            .collect()
    }

    /// The text of `span` without its [`gaps`](Self::gaps).
    pub fn text_without_gaps<'d>(
        &self,
        doc: &'d Document,
        span: Span,
    ) -> std::borrow::Cow<'d, str> {
        let whole = doc.text.get(span.start..span.end).unwrap_or("");
        let gaps = self.gaps(doc, span);
        if gaps.is_empty() {
            return std::borrow::Cow::Borrowed(whole);
        }
        let mut out = String::with_capacity(whole.len());
        let mut at = span.start;
        for g in gaps {
            out.push_str(doc.text.get(at..g.start).unwrap_or(""));
            at = g.end;
        }
        out.push_str(doc.text.get(at..span.end).unwrap_or(""));
        std::borrow::Cow::Owned(out)
    }

    /// The heading path of a section, outermost first, joined with ` > `.
    pub fn section_path(&self, section: Option<usize>) -> Vec<&str> {
        let mut path = Vec::new();
        let mut at = section;
        let mut guard = 0;
        while let Some(i) = at {
            let Some(s) = self.sections.get(i) else { break };
            path.push(s.title.as_str());
            at = s.parent;
            guard += 1;
            if guard > 64 {
                break;
            }
        }
        path.reverse();
        path
    }

    /// The kind of 1-based line `line`.
    pub fn line_kind(&self, line: usize) -> Option<LineKind> {
        self.lines.get(line.wrapping_sub(1)).copied()
    }
}

/// Segments a document.
pub fn segment(doc: &Document, catalogue: &Catalogue) -> Outline {
    let mut outline = lines::classify(doc, catalogue);
    for (index, block) in outline.blocks.iter().enumerate() {
        for span in sentence::split(&doc.text, block.span, block.table) {
            outline.sentences.push(Sentence { span, block: index });
        }
    }
    outline
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn outline(text: &str) -> (Document, Outline) {
        let doc = Document::new("t.txt", Format::Text, "utf-8", text.to_string());
        let outline = segment(&doc, Catalogue::builtin());
        (doc, outline)
    }

    #[test]
    fn a_sentence_broken_by_a_page_number_is_one_sentence_without_it() {
        let text = "BÁO CÁO\nKết quả 6 tháng đầu năm\n\n1. Công nghệ thông tin\nCổng dịch vụ công đã cung cấp 1.231 dịch vụ; tỷ lệ dịch vụ công trực tuyến mức\n\n2\n\nđộ 4 trên tổng số thủ tục hành chính đạt 28,5%; tỷ lệ hồ sơ nộp trực tuyến đạt\n21,7%.\n";
        let (doc, outline) = outline(text);
        let with_figure: Vec<&Sentence> = outline
            .sentences
            .iter()
            .filter(|s| doc.slice(s.span).contains("28,5%"))
            .collect();
        assert_eq!(with_figure.len(), 1);
        let s = with_figure[0];
        let clean = outline.text_without_gaps(&doc, s.span);
        assert!(
            clean.contains("mức") && clean.contains("độ 4") && clean.contains("21,7%"),
            "{clean}"
        );
        assert!(!clean.split_whitespace().any(|w| w == "2"), "{clean}");
        assert_eq!(outline.lines[6], LineKind::Chrome);
    }

    #[test]
    fn a_blank_line_alone_still_ends_a_paragraph() {
        let text = "BÁO CÁO\n\nPhát triển thêm 07 trạm\n\nđộ phủ sóng được cải thiện.\n";
        let (doc, outline) = outline(text);
        assert!(
            outline
                .sentences
                .iter()
                .all(|s| !doc.slice(s.span).contains("07 trạm\n\nđộ")),
            "joined across a plain blank line"
        );
    }
}

#[cfg(test)]
mod title_tests {
    use super::*;
    use crate::document::Format;

    #[test]
    fn a_news_page_title_is_the_headline_not_the_section_label() {
        let text = "Tin tức - Sự kiện\nTrang chủ » Tin tức » Hoạt động của Sở\nSở TT&TT tổng kết công tác năm 2022, triển khai nhiệm vụ năm 2023\nCập nhật: 10:35 12/01/2023 | Lượt xem: 1.234\nNăm 2022, toàn tỉnh có 1.856 trạm BTS.\n";
        let doc = Document::new("t.txt", Format::Text, "utf-8", text.to_string());
        let outline = segment(&doc, Catalogue::builtin());
        assert_eq!(
            outline.title.as_deref(),
            Some("Sở TT&TT tổng kết công tác năm 2022, triển khai nhiệm vụ năm 2023")
        );
        assert_eq!(outline.lines[0], LineKind::Chrome);
    }
}
