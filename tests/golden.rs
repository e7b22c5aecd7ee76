//! Golden tests: every input in `fixtures/` with a reviewed
//! `NAME.expected.json` beside it is extracted and compared with it — the
//! same run as `baocao check fixtures`.
//! `BAOCAO_BLESS=1 cargo test --test golden` rewrites the expected files
//! (review the diff before committing).

use std::path::PathBuf;

use baocao::check::{self, Outcome};
use baocao::{Catalogue, Extractor};

#[test]
fn fixtures_match_their_golden_files() {
    let bless = std::env::var_os("BAOCAO_BLESS").is_some();
    let extractor = Extractor::new(Catalogue::builtin());
    let fixtures =
        check::find_fixtures(&[PathBuf::from("fixtures")]).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        fixtures
            .iter()
            .any(|f| f.input.ends_with("ninh-thuan-ttt-2021.txt")),
        "the seed fixture is missing"
    );
    assert!(
        fixtures.len() >= 26,
        "expected the seed and at least 25 more fixtures"
    );
    let report = check::check(&extractor, &fixtures, bless);
    let mut text = Vec::new();
    report.render(&mut text).unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&text);
    println!("{text}");
    assert!(report.passed(), "golden mismatches:\n{text}");
    if !bless {
        assert!(
            report
                .fixtures
                .iter()
                .all(|(_, o)| matches!(o, Outcome::Compared(_))),
            "every fixture is compared"
        );
    }
}

#[test]
fn every_top_level_input_has_a_golden_file() {
    for entry in std::fs::read_dir("fixtures")
        .into_iter()
        .flatten()
        .flatten()
    {
        let path = entry.path();
        let is_input = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| check::INPUT_EXTENSIONS.contains(&e));
        if is_input {
            assert!(
                check::expected_path(&path).exists(),
                "{} has no reviewed golden file",
                path.display()
            );
        }
    }
}
