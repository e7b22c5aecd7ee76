//! Command-line tests of `check`, `explain`, `catalogue`, `schema`,
//! `completions` and `man`.

mod common;

use common::{SEED, baocao, stdout_of};

use std::path::Path;

use predicates::prelude::*;

fn copy_seed_to(dir: &Path) -> std::path::PathBuf {
    let input = dir.join("seed.txt");
    std::fs::copy(SEED, &input).unwrap_or_else(|e| panic!("{e}"));
    input
}

#[test]
fn check_passes_on_the_bundled_fixtures_and_prints_precision_recall() {
    baocao()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("precision"))
        .stdout(predicate::str::contains("bts_stations"))
        .stdout(predicate::str::contains("ok: "));
}

#[test]
fn check_bless_round_trip_then_a_difference_fails() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let input = copy_seed_to(dir.path());
    let expected = dir.path().join("seed.expected.json");

    // No expectation yet: a named input without one fails with a hint.
    baocao()
        .args(["check"])
        .arg(&input)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("--bless"));

    baocao()
        .args(["check", "--bless"])
        .arg(&input)
        .assert()
        .success();
    assert!(expected.exists());
    baocao()
        .arg("check")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("ok: 1 fixtures match"));

    // Edit the expectation: the value of one record changes.
    let text = std::fs::read_to_string(&expected).unwrap_or_else(|e| panic!("{e}"));
    let changed = text.replacen("\"value\": 27,", "\"value\": 28,", 1);
    assert_ne!(text, changed, "the seed has 27 Quyết định");
    std::fs::write(&expected, changed).unwrap_or_else(|e| panic!("{e}"));
    baocao()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("seed.txt:"))
        .stdout(predicate::str::contains(
            "documents_issued = 28 [Quyết định]",
        ))
        .stdout(predicate::str::contains("FAILED: 1 of 1 fixtures differ"));

    // Bless again and it passes.
    baocao()
        .args(["check", "--bless"])
        .arg(dir.path())
        .assert()
        .success();
    baocao().arg("check").arg(dir.path()).assert().success();
}

#[test]
fn check_with_no_fixtures_is_an_error() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    baocao()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no fixtures found"));
}

#[test]
fn explain_marks_spans_plainly_when_piped() {
    let out = stdout_of(baocao().args(["explain", SEED]));
    assert!(out.contains("«07 trạm BTS 4G»"), "{out}");
    assert!(
        out.contains("→ bts_stations = 7 station [4G] (actual, new)"),
        "{out}"
    );
    assert!(out.contains("11 record(s), 3 reference(s)"), "{out}");
    assert!(!out.contains('\x1b'), "no colour in a pipe");
}

#[test]
fn explain_colour_flags_and_metric_filter() {
    let out = stdout_of(baocao().args([
        "explain",
        SEED,
        "--color",
        "always",
        "--metric",
        "fibre_length",
    ]));
    assert!(out.contains('\x1b'), "{out}");
    assert!(out.contains("fibre_length = 68 km"), "{out}");
    assert!(!out.contains("bts_stations"), "{out}");
    let out = stdout_of(baocao().args(["explain", SEED]).env("NO_COLOR", "1"));
    assert!(!out.contains('\x1b'));
    baocao()
        .args(["explain", SEED, "--metric", "no_such_metric"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no_such_metric"));
}

#[test]
fn explain_reads_standard_input_and_names_a_missing_file() {
    let out = stdout_of(
        baocao()
            .args(["explain", "-"])
            .write_stdin("Ban hành 01 Nghị quyết, 27 Quyết định.\n"),
    );
    assert!(
        out.contains("documents_issued = 27 document [Quyết định]"),
        "{out}"
    );
    baocao()
        .args(["explain", "fixtures/no-such-report.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("fixtures/no-such-report.txt"));
}

#[test]
fn catalogue_lists_every_metric_as_a_table_and_as_json() {
    let table = stdout_of(baocao().arg("catalogue"));
    let json = stdout_of(baocao().args(["catalogue", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    let metrics = v["metrics"].as_array().cloned().unwrap_or_default();
    assert!(metrics.len() >= 45, "{}", metrics.len());
    for m in &metrics {
        let id = m["id"].as_str().unwrap_or_default();
        assert!(
            table.lines().any(|l| l.starts_with(&format!("{id} "))),
            "{id} not in the table"
        );
        assert!(m["label"].is_string() && m["label_en"].is_string() && m["unit"].is_string());
    }
    assert!(table.starts_with("id "));
    assert!(table.contains("bts_stations") && table.contains("technology"));
}

#[test]
fn catalogue_check_runs_a_user_file_and_fails_on_a_bad_example() {
    baocao()
        .args(["catalogue", "check", "examples/extra-metrics.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "1 metric(s), 3 example(s) run, 0 failure(s)",
        ));

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let wrong = dir.path().join("wrong.toml");
    std::fs::write(
        &wrong,
        r#"
[[metric]]
id = "digital_signature_certificates"
label = "Chứng thư số"
label_en = "Digital signature certificates"
unit = "certificate"
terms = ["chứng thư số"]

[[metric.example]]
text = "Cấp mới 356 chứng thư số."
value = 365
scope = "new"
"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    baocao()
        .args(["catalogue", "check"])
        .arg(&wrong)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("value 356"))
        .stdout(predicate::str::contains("at least 2"))
        .stdout(predicate::str::contains("no counter-example"));

    let unknown = dir.path().join("unknown.toml");
    std::fs::write(
        &unknown,
        "[[metric]]\nid = \"x\"\nlabel = \"a\"\nlabel_en = \"b\"\nunit = \"km\"\nbogus = 1\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    baocao()
        .args(["catalogue", "check"])
        .arg(&unknown)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown.toml").and(predicate::str::contains("bogus")));
}

#[test]
fn real_output_validates_against_the_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&stdout_of(baocao().arg("schema"))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(schema["properties"]["schema"]["const"], "baocao/1");
    let validator = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{e}"));
    let mut inputs: Vec<String> = std::fs::read_dir("fixtures")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.display().to_string())
        .collect();
    inputs.sort();
    let output: serde_json::Value =
        serde_json::from_str(&stdout_of(baocao().arg("extract").args(&inputs)))
            .unwrap_or_else(|e| panic!("{e}"));
    let errors: Vec<String> = validator
        .iter_errors(&output)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // And a wrong document does not validate.
    let mut broken = output.clone();
    broken["documents"][0]["records"][0]["status"] = "done".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = stdout_of(baocao().args(["completions", shell]));
        assert!(out.contains("extract"), "{shell}");
    }
    let man = stdout_of(baocao().arg("man"));
    assert!(man.contains(".TH baocao"), "{}", &man[..man.len().min(200)]);
    baocao().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn help_has_vietnamese_examples_and_version() {
    for cmd in ["extract", "check", "explain", "catalogue"] {
        let out = stdout_of(baocao().args([cmd, "--help"]));
        assert!(out.contains("Examples:"), "{cmd}");
    }
    let out = stdout_of(baocao().args(["extract", "--help"]));
    assert!(out.contains("Phát triển thêm 07 trạm BTS 4G"));
    let out = stdout_of(baocao().arg("--version"));
    assert!(out.starts_with("baocao "));
}
