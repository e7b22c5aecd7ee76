//! Command-line tests of the output formats and filters: NDJSON, wide CSV,
//! byte-order mark, delimiter, `--metric`, `--status`, `--known-only`.

mod common;

use common::{SEED, baocao, stdout_bytes, stdout_of};

fn ndjson(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

const PLAN: &str = "BÁO CÁO KẾT QUẢ THÁNG 3\n\nTrong tháng, Sở ban hành 03 Quyết định. Các doanh nghiệp phát triển thêm 07 trạm BTS 4G.\nSở ban hành thêm 02 Quyết định và 01 Kế hoạch.\nNăm 2024, phấn đấu phát triển mới 50 trạm BTS 5G.\nCó 12 xã được hỗ trợ.\n";

fn plan_file(dir: &tempfile::TempDir) -> String {
    let p = dir.path().join("thang-3.txt");
    std::fs::write(&p, PLAN).unwrap_or_else(|e| panic!("{e}"));
    p.display().to_string()
}

#[test]
fn ndjson_lines_are_tagged_in_input_order() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let plan = plan_file(&dir);
    let lines = ndjson(&stdout_of(
        baocao().args(["extract", "--format", "ndjson", SEED, &plan]),
    ));
    let kinds: Vec<&str> = lines
        .iter()
        .map(|l| l["kind"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(kinds[0], "document");
    assert_eq!(lines[0]["source"], SEED);
    assert_eq!(kinds.iter().filter(|k| **k == "document").count(), 2);
    assert_eq!(kinds.iter().filter(|k| **k == "reference").count(), 3);
    // The seed's lines all come before the second document's.
    let second = lines
        .iter()
        .position(|l| l["source"] == plan.as_str())
        .unwrap_or(0);
    assert!(second > 0 && lines[..second].iter().all(|l| l["source"] == SEED));
    assert!(lines[second..].iter().all(|l| l["source"] == plan.as_str()));
    let record = lines
        .iter()
        .find(|l| l["kind"] == "record")
        .cloned()
        .unwrap_or_default();
    for field in ["metric", "value", "status", "line", "span", "evidence"] {
        assert!(record.get(field).is_some(), "{field}");
    }
}

#[test]
fn wide_csv_has_one_row_per_document_and_sums_within_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let plan = plan_file(&dir);
    let text = stdout_of(baocao().args(["extract", "--format", "wide", SEED, &plan]));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        &header[..5],
        ["source", "title", "report_number", "report_date", "period"]
    );
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}: {header:?}"))
    };
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][col("report_number")], "3049/BC-STTTT");
    assert_eq!(&rows[0][col("documents_issued.Quyết định")], "27");
    assert_eq!(&rows[0][col("documents_issued")], "54");
    assert_eq!(&rows[0][col("bts_stations.4G")], "7");
    // 03 + 02 Quyết định in one document are summed; the target (5G) is not a result.
    assert_eq!(&rows[1][col("documents_issued.Quyết định")], "5");
    assert_eq!(&rows[1][col("documents_issued")], "6");
    assert!(
        !header.iter().any(|h| h == "bts_stations.5G"),
        "targets are left out by default"
    );
    assert!(
        !header.iter().any(|h| h.starts_with("quantity")),
        "generic records have no column"
    );
    // Metric columns follow the catalogue order.
    assert!(col("documents_issued") < col("bts_stations"));
    // Asking for targets brings them in.
    let text =
        stdout_of(baocao().args(["extract", "--format", "wide", "--status", "target", &plan]));
    assert!(
        text.lines()
            .next()
            .unwrap_or("")
            .contains("bts_stations.5G"),
        "{text}"
    );
}

#[test]
fn bom_and_delimiter() {
    let bytes = stdout_bytes(baocao().args(["extract", "--format", "csv", "--bom", SEED]));
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    assert!(bytes[3..].starts_with(b"source,metric,value"));
    let plain = stdout_bytes(baocao().args(["extract", "--format", "csv", SEED]));
    assert!(plain.starts_with(b"source,"));
    let text = stdout_of(baocao().args(["extract", "--format", "csv", "--delimiter", ";", SEED]));
    assert!(text.starts_with("source;metric;value;total;unit;subtype"));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    assert_eq!(reader.records().count(), 11);
    let wide = stdout_bytes(baocao().args([
        "extract",
        "--format",
        "wide",
        "--bom",
        "--delimiter",
        ";",
        SEED,
    ]));
    assert!(wide.starts_with(&[0xEF, 0xBB, 0xBF]));
    assert!(wide[3..].starts_with(b"source;title;"));
    baocao()
        .args(["extract", "--delimiter", ";;", SEED])
        .assert()
        .code(2);
}

#[test]
fn metric_and_status_filters_really_filter() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let plan = plan_file(&dir);
    let lines = ndjson(&stdout_of(baocao().args([
        "extract",
        "--format",
        "ndjson",
        "--metric",
        "bts_stations",
        "--metric",
        "fibre_length",
        SEED,
        &plan,
    ])));
    let metrics: Vec<&str> = lines
        .iter()
        .filter(|l| l["kind"] == "record")
        .map(|l| l["metric"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        metrics,
        [
            "bts_stations",
            "fibre_length",
            "bts_stations",
            "bts_stations"
        ]
    );

    let csv_text =
        stdout_of(baocao().args(["extract", "--format", "csv", "--status", "target", &plan]));
    let rows: Vec<&str> = csv_text.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{csv_text}");
    assert!(
        rows[0].contains(",bts_stations,50,") && rows[0].contains(",target,"),
        "{csv_text}"
    );

    let json = stdout_of(baocao().args([
        "extract", "--status", "actual", "--status", "estimate", &plan,
    ]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    let records = v["documents"][0]["records"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!records.is_empty());
    assert!(records.iter().all(|r| r["status"] != "target"));

    baocao()
        .args(["extract", "--metric", "bts", SEED])
        .assert()
        .code(2);
    baocao()
        .args(["extract", "--status", "done", SEED])
        .assert()
        .code(2);
}

#[test]
fn known_only_drops_generic_records() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let plan = plan_file(&dir);
    let all = stdout_of(baocao().args(["extract", "--format", "csv", &plan]));
    assert!(all.contains(",quantity,12,"), "{all}");
    let known = stdout_of(baocao().args(["extract", "--format", "csv", "--known-only", &plan]));
    assert!(!known.contains(",quantity,"), "{known}");
    assert!(known.contains(",bts_stations,7,"));
}

#[test]
fn ndjson_input_gives_one_document_per_line() {
    let input = "{\"id\": \"a\", \"text\": \"Phát triển thêm 07 trạm BTS 4G.\"}\n{\"id\": \"b\", \"text\": \"Ban hành 27 Quyết định.\"}\n";
    let lines = ndjson(&stdout_of(
        baocao()
            .args(["extract", "--input-format", "ndjson", "--format", "ndjson"])
            .write_stdin(input),
    ));
    let records: Vec<(&str, &str)> = lines
        .iter()
        .filter(|l| l["kind"] == "record")
        .map(|l| {
            (
                l["source"].as_str().unwrap_or(""),
                l["metric"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(records, [("a", "bts_stations"), ("b", "documents_issued")]);
}

/// Many files on several threads give the same bytes, in input order, as one
/// thread; a failing file is reported in its place and the others are kept.
#[test]
fn output_is_byte_identical_whatever_the_number_of_threads() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let seed = std::fs::read_to_string(SEED).unwrap_or_else(|e| panic!("{e}"));
    for i in 0..40 {
        // Documents of very different lengths, so that threads finish out of order.
        let body = if i % 7 == 0 {
            seed.repeat(6)
        } else {
            format!("Các doanh nghiệp đã lắp đặt mới {} trạm BTS 4G.\n", i + 1)
        };
        std::fs::write(dir.path().join(format!("doc-{i:02}.txt")), body)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(dir.path().join("doc-13.txt"), "").unwrap_or_else(|e| panic!("{e}"));
    let run = |format: &str, jobs: &str| {
        let out = baocao()
            .args(["extract", "--format", format, "--jobs", jobs])
            .arg(dir.path())
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.status.code(), Some(1), "the empty file fails the run");
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(stderr.contains("doc-13.txt: empty input"), "{stderr}");
        out.stdout
    };
    for format in ["ndjson", "json", "csv"] {
        let one = run(format, "1");
        assert!(!one.is_empty());
        for jobs in ["2", "4"] {
            assert!(
                run(format, jobs) == one,
                "{format} with {jobs} threads differs"
            );
        }
    }
    // Input order: doc-00 … doc-39, without doc-13.
    let sources: Vec<String> = String::from_utf8_lossy(&run("ndjson", "4"))
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["kind"] == "document")
        .filter_map(|v| v["source"].as_str().map(str::to_string))
        .collect();
    let names: Vec<String> = sources
        .iter()
        .filter_map(|s| s.rsplit('/').next().map(str::to_string))
        .collect();
    let want: Vec<String> = (0..40)
        .filter(|&i| i != 13)
        .map(|i| format!("doc-{i:02}.txt"))
        .collect();
    assert_eq!(names, want);
}
