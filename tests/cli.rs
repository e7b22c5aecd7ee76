//! Command-line tests: formats, standard input, `--output`, errors and exit codes.

mod common;

use common::{SEED, baocao, stdout_of};

use std::path::Path;

use predicates::prelude::*;

#[test]
fn json_is_the_default_and_matches_the_contract() {
    let text = stdout_of(baocao().args(["extract", SEED]));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["schema"], "baocao/1");
    let doc = &v["documents"][0];
    assert_eq!(doc["source"], SEED);
    assert_eq!(doc["report"]["code"], "BC-STTTT");
    assert_eq!(doc["period"], "2021");
    let records = doc["records"].as_array().map(Vec::len).unwrap_or(0);
    assert_eq!(records, 11);
    for field in [
        "metric",
        "value",
        "total",
        "unit",
        "subtype",
        "qualifier",
        "status",
        "section",
        "line",
        "span",
        "evidence",
    ] {
        assert!(
            doc["records"][0].get(field).is_some(),
            "record lacks {field}"
        );
    }
}

#[test]
fn csv_has_the_contract_header_and_one_row_per_record() {
    let text = stdout_of(baocao().args(["extract", SEED, "--format", "csv"]));
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("source,metric,value,total,unit,subtype,qualifier,status,section,line,evidence")
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(rows.len(), 11);
    let bts = rows
        .iter()
        .find(|r| &r[1] == "bts_stations")
        .unwrap_or_else(|| panic!("no bts row"));
    assert_eq!(&bts[2], "7");
    assert_eq!(&bts[5], "4G");
    assert_eq!(&bts[7], "actual");
    assert!(bts[10].contains("07 trạm BTS 4G"));
}

#[test]
fn reads_standard_input() {
    let text = stdout_of(
        baocao()
            .args(["extract"])
            .write_stdin("Các doanh nghiệp đã phát triển thêm 07 trạm BTS 4G.\n"),
    );
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["documents"][0]["source"], "-");
    assert_eq!(v["documents"][0]["records"][0]["metric"], "bts_stations");
    let dash = stdout_of(
        baocao()
            .args(["extract", "-"])
            .write_stdin("Phát triển thêm 05 điểm chuyển mạch.\n"),
    );
    assert!(dash.contains("switching_points"));
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("records.csv");
    baocao()
        .args(["extract", SEED, "--format", "csv", "--output"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}"));
    assert!(text.starts_with("source,metric,"));
    assert_eq!(text.lines().count(), 12);
    // No temporary file is left beside it.
    let leftovers = std::fs::read_dir(dir.path())
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(leftovers, 1);
}

#[test]
fn missing_file_is_one_line_naming_it_and_the_others_still_run() {
    let assert = baocao()
        .args(["extract", "no/such/report.txt", SEED])
        .assert()
        .code(1);
    let out = assert.get_output();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "stderr: {stderr}");
    assert!(stderr.contains("no/such/report.txt"), "stderr: {stderr}");
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(1));
}

#[test]
fn output_is_deterministic() {
    let a = stdout_of(baocao().args([
        "extract",
        SEED,
        "fixtures/ninh-binh-report-year-2023-full.txt",
    ]));
    let b = stdout_of(baocao().args([
        "extract",
        SEED,
        "fixtures/ninh-binh-report-year-2023-full.txt",
    ]));
    assert_eq!(a, b);
}

#[test]
fn usage_errors_exit_2() {
    baocao()
        .args(["extract", "--format", "xml"])
        .assert()
        .code(2);
    baocao().args(["frobnicate"]).assert().code(2);
    assert!(Path::new(SEED).exists());
    baocao()
        .args(["extract", SEED, "--catalogue", "no/such/catalogue.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/catalogue.toml"));
}
