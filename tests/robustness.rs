//! Regression tests for what fuzzing found: very long lines full of figures
//! or table cells must give output proportional to the input (no record
//! copies kilobytes of evidence) and finish (no quadratic blow-up). These
//! assert sizes, not times.

use baocao::{Catalogue, Extractor};

fn extract(text: &str) -> baocao::DocumentReport {
    Extractor::new(Catalogue::builtin())
        .extract_text("long.txt", text)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn output_bytes(report: &baocao::DocumentReport) -> usize {
    serde_json::to_string(report).map(|s| s.len()).unwrap_or(0)
}

#[test]
fn one_line_of_table_cells_gives_bounded_evidence() {
    // Found by the fuzzer: 40 KB on one line, once 2.5 GB of memory.
    let text = "1\tTrạm BTS\tTrạm\t1.318".repeat(1600);
    let report = extract(&text);
    assert!(!report.records.is_empty());
    assert!(
        report.records.iter().all(|r| r.evidence.len() <= 700),
        "evidence is capped"
    );
    assert!(
        output_bytes(&report) < text.len() * 60,
        "output {} for input {}",
        output_bytes(&report),
        text.len()
    );
}

#[test]
fn one_long_sentence_of_figures_gives_bounded_evidence() {
    let text = "Ban hành 27 Quyết định, phát triển thêm 07 trạm BTS 4G, ".repeat(1000);
    let report = extract(&text);
    assert_eq!(
        report
            .records
            .iter()
            .filter(|r| r.metric == "bts_stations")
            .count(),
        1000
    );
    for r in &report.records {
        assert!(r.evidence.len() <= 700, "{} bytes", r.evidence.len());
        let words: String = text
            .get(r.span[0]..r.span[1])
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            r.evidence.contains(&words),
            "{words:?} not in {:?}",
            r.evidence
        );
    }
}

#[test]
fn many_dates_in_one_sentence_and_a_long_table_label_finish() {
    let dates = "ngày 22 tháng 10 năm 2021 ".repeat(1500);
    assert!(extract(&dates).records.is_empty());
    let label = format!(
        "{}\t1.318\t2.000",
        "Số trạm BTS trên địa bàn tỉnh ".repeat(600)
    );
    let report = extract(&label);
    assert!(report.records.iter().all(|r| r.evidence.len() <= 700));
}

/// A document longer than one batch of sentences gives exactly what one
/// pass over all its sentences gives: the section, elided nouns, the topic
/// of a paragraph and repeated citations carry across batch boundaries.
#[test]
fn batched_extraction_equals_one_pass() {
    use baocao::{matcher, recognize, segment, validate};

    let mut text = String::from(
        "UBND TỈNH NINH THUẬN\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 3049/BC-STTTT\n\
         Ninh Thuận, ngày 22 tháng 10 năm 2021\n\nBÁO CÁO\nKết quả công tác năm 2021\n\n",
    );
    let mut n = 0;
    for part in 1..=12 {
        text.push_str(&format!("{part}. Hạ tầng viễn thông phần {part}\n"));
        for _ in 0..150 {
            n += 1;
            text.push_str(&format!(
                "Các doanh nghiệp phát triển thêm {} trạm BTS 4G. Trong đó {} trạm đã phát sóng. \
                 Thực hiện Quyết định số {}/QĐ-UBND ngày 17/5/2021 của UBND tỉnh.\n",
                n % 97 + 3,
                n % 7 + 1,
                n % 40 + 1
            ));
        }
    }
    text.push_str("II. PHƯƠNG HƯỚNG NĂM 2022\nPhấn đấu phát triển 120 trạm BTS 5G.\n");
    let catalogue = Catalogue::builtin();
    let extractor = Extractor::new(catalogue);
    let doc = extractor
        .decode(baocao::read::SourceFile::from_text("long.txt", &text))
        .unwrap_or_else(|e| panic!("{e}"));
    let outline = segment::segment(&doc, catalogue);
    assert!(
        outline.sentences.len() > 3 * baocao::BATCH_SENTENCES,
        "the document must span several batches"
    );
    let mentions = recognize::recognize(&doc, &outline, catalogue);
    let extraction = matcher::extract(
        &doc,
        &outline,
        &mentions,
        catalogue,
        matcher::MatchOptions::default(),
    );
    let one_pass = validate::validate(&doc, outline.title.clone(), extraction, mentions.warnings);
    let batched = extractor.extract_document(&doc);
    assert!(batched.records.len() > 3000);
    assert_eq!(batched.references.len(), 40);
    assert_eq!(
        serde_json::to_string(&batched).unwrap_or_default(),
        serde_json::to_string(&one_pass).unwrap_or_default()
    );
    assert!(
        batched
            .records
            .iter()
            .any(|r| r.status == baocao::record::Status::Target)
    );
}
