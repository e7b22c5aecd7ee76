//! Property tests over the whole pipeline: no input makes it panic, and every
//! record points at real text — its span lies on character boundaries and
//! the words it covers are in its evidence.

use baocao::document::Format;
use baocao::read::SourceFile;
use baocao::{Catalogue, Extractor};
use proptest::prelude::*;

/// Words and marks that real reports are made of, so generated text often
/// forms figures the matcher takes up.
const WORDS: &[&str] = &[
    "Ban hành",
    "Quyết định",
    "Kế hoạch",
    "trạm BTS",
    "4G",
    "5G",
    "tuyến cáp quang",
    "km",
    "chiều dài",
    "phát triển thêm",
    "hoàn thành",
    "nhiệm vụ",
    "đạt",
    "%",
    "tỷ lệ",
    "hồ sơ",
    "tiếp nhận",
    "giải quyết",
    "trong đó",
    "Viettel",
    "VNPT",
    "tăng",
    "so với",
    "cùng kỳ",
    "năm 2023",
    "ước đạt",
    "phấn đấu",
    "tỷ đồng",
    "triệu",
    "nghìn",
    "thuê bao",
    "xếp thứ",
    "điểm",
    "Nghị quyết số",
    "ngày",
    "/QĐ-UBND",
    "hơn",
    "khoảng",
    "gần",
    "từ",
    "đến",
    "xã",
    "(",
    ")",
    ",",
    ";",
    ".",
    ":",
    "-",
    "\n",
    "\n\n",
    "I.",
    "1.",
    "a)",
    "Covid-19",
    "hai mươi lăm",
    "mười một",
    "\u{a0}",
    "\t",
    "…",
    "Số:",
    "BÁO CÁO",
    "09/09",
    "21/63",
    "1.234",
    "68,5",
];

fn report_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(WORDS).prop_map(str::to_string),
        2 => (0u32..100_000).prop_map(|n| n.to_string()),
        1 => (1u32..99, 0u32..99).prop_map(|(a, b)| format!("{a},{b}")),
        1 => (1u32..999, 1u32..999).prop_map(|(a, b)| format!("{a}.{b:03}")),
        1 => "\\PC{1,6}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let extractor = Extractor::new(Catalogue::builtin());
    let Ok(doc) = extractor.decode(SourceFile::from_text("p.txt", text)) else {
        return Ok(()); // empty or undecodable input is an error, not a panic
    };
    let report = extractor.extract_document(&doc);
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for r in &report.records {
        let [start, end] = r.span;
        prop_assert!(start <= end && end <= doc.text.len(), "{r:?}");
        prop_assert!(
            doc.text.is_char_boundary(start) && doc.text.is_char_boundary(end),
            "{r:?}"
        );
        let words = squash(&doc.text[start..end]);
        prop_assert!(
            squash(&r.evidence).contains(&words),
            "span {words:?} not in evidence {:?}",
            r.evidence
        );
        prop_assert!(r.line >= 1 && r.line <= doc.line_count(), "{r:?}");
        prop_assert!(r.value.is_finite());
        if let Some(p) = r.part_of {
            prop_assert!(p < report.records.len());
        }
    }
    for reference in &report.references {
        prop_assert!(reference.line >= 1 && reference.line <= doc.line_count());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,400}") {
        check(&text)?;
    }

    #[test]
    fn report_like_text_gives_well_placed_records(text in report_like()) {
        check(&text)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let extractor = Extractor::new(Catalogue::builtin());
        for format in [Format::Text, Format::Html, Format::Docx, Format::Pdf] {
            let file = SourceFile { source: "p".into(), format, bytes: bytes.clone() };
            let _ = extractor.extract_source(file);
        }
    }
}

/// The report-like generator is only worth running if its text gives records.
#[test]
fn report_like_text_often_gives_records() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let extractor = Extractor::new(Catalogue::builtin());
    let mut runner = TestRunner::deterministic();
    let strategy = report_like();
    let mut with_records = 0;
    for _ in 0..200 {
        let text = strategy
            .new_tree(&mut runner)
            .unwrap_or_else(|e| panic!("{e}"))
            .current();
        if extractor
            .extract_text("p.txt", &text)
            .is_ok_and(|r| !r.records.is_empty())
        {
            with_records += 1;
        }
    }
    assert!(
        with_records >= 40,
        "only {with_records} of 200 generated texts gave records"
    );
}
