//! Golden tests: every `fixtures/NAME.{txt,html,docx,pdf}` is extracted and
//! compared with its reviewed `fixtures/NAME.expected.json`.
//! `BAOCAO_BLESS=1 cargo test --test golden` rewrites the expected files
//! (review the diff before committing).

use std::path::{Path, PathBuf};

use baocao::check::{Counts, compare};
use baocao::read::{self, Input};
use baocao::record::{Output, SCHEMA};
use baocao::{Catalogue, Extractor};

const INPUT_EXTENSIONS: &[&str] = &["txt", "html", "htm", "docx", "pdf"];

fn fixture_inputs(dir: &Path) -> Vec<PathBuf> {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| INPUT_EXTENSIONS.contains(&e))
        })
        .collect();
    inputs.sort();
    inputs
}

fn expected_path(input: &Path) -> PathBuf {
    input.with_extension("expected.json")
}

#[test]
fn fixtures_match_their_golden_files() {
    let bless = std::env::var_os("BAOCAO_BLESS").is_some();
    let extractor = Extractor::new(Catalogue::builtin());
    let mut failures = Vec::new();
    let mut totals: std::collections::BTreeMap<String, Counts> = Default::default();
    let inputs = fixture_inputs(Path::new("fixtures"));
    assert!(
        inputs
            .iter()
            .any(|p| p.ends_with("ninh-thuan-ttt-2021.txt")),
        "the seed fixture is missing"
    );
    assert!(
        inputs.len() >= 11,
        "expected the seed and at least ten more fixtures"
    );
    for input in &inputs {
        let name = input.display().to_string();
        let file = read::read(&Input::Path(input.clone()), read::DEFAULT_MAX_BYTES)
            .unwrap_or_else(|e| panic!("{e}"));
        let report = extractor
            .extract_source(file)
            .unwrap_or_else(|e| panic!("{e}"));
        let expected_file = expected_path(input);
        if bless {
            let output = Output {
                schema: SCHEMA.into(),
                documents: vec![report],
            };
            let text = serde_json::to_string_pretty(&output).unwrap_or_default() + "\n";
            std::fs::write(&expected_file, text)
                .unwrap_or_else(|e| panic!("{}: {e}", expected_file.display()));
            continue;
        }
        let text = std::fs::read_to_string(&expected_file).unwrap_or_else(|e| {
            panic!(
                "{name} has no reviewed golden file {}: {e}",
                expected_file.display()
            )
        });
        let expected: Output = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_file.display()));
        assert_eq!(expected.schema, SCHEMA);
        assert_eq!(expected.documents.len(), 1, "{}", expected_file.display());
        let comparison = compare(&expected.documents[0], &report);
        for (metric, c) in &comparison.counts {
            totals.entry(metric.clone()).or_default().add(*c);
        }
        if !comparison.is_equal() {
            failures.push(format!(
                "{name}:\n  {}",
                comparison.differences.join("\n  ")
            ));
        }
    }
    println!("{:<36} {:>9} {:>7}", "metric", "precision", "recall");
    for (metric, c) in &totals {
        println!("{metric:<36} {:>9.3} {:>7.3}", c.precision(), c.recall());
    }
    assert!(
        failures.is_empty(),
        "golden mismatches:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_golden_file_has_an_input() {
    for entry in std::fs::read_dir("fixtures")
        .into_iter()
        .flatten()
        .flatten()
    {
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if let Some(stem) = name.strip_suffix(".expected.json") {
            let has_input = INPUT_EXTENSIONS
                .iter()
                .any(|ext| path.with_file_name(format!("{stem}.{ext}")).exists());
            assert!(has_input, "{} has no input beside it", path.display());
        }
    }
}
