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
