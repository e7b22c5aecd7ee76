//! The catalogue's own corpus: every example and counter-example of every
//! built-in metric runs through the whole pipeline; plus a lint of the data.

use std::collections::HashSet;

use baocao::Catalogue;
use baocao::catalogue::examples;

#[test]
fn every_builtin_example_gives_its_record() {
    let catalogue = Catalogue::builtin();
    let run = examples::run_all(catalogue, &[]);
    let report: Vec<String> = run.failures.iter().map(|f| f.to_string()).collect();
    assert!(run.run > 0);
    assert!(
        report.is_empty(),
        "{} of {} examples failed:\n{}",
        report.len(),
        run.run,
        report.join("\n")
    );
}

#[test]
fn every_metric_has_examples_and_a_counter_example() {
    for m in Catalogue::builtin().metrics() {
        assert!(
            m.examples.len() >= 2,
            "{} has {} examples (needs 2)",
            m.id,
            m.examples.len()
        );
        assert!(
            !m.counter_examples.is_empty(),
            "{} has no counter-example",
            m.id
        );
    }
}

#[test]
fn metric_ids_are_unique_snake_case_and_labelled() {
    let mut seen = HashSet::new();
    for m in Catalogue::builtin().metrics() {
        assert!(seen.insert(m.id.clone()), "duplicate id {}", m.id);
        assert!(
            m.id.chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit()),
            "{}",
            m.id
        );
        assert!(
            !m.label.is_empty() && !m.label_en.is_empty(),
            "{} needs both labels",
            m.id
        );
    }
}

#[test]
fn class_terms_are_unique_within_a_class() {
    for class in Catalogue::builtin().classes() {
        let mut seen = HashSet::new();
        for t in &class.terms {
            let key = baocao::token::fold_phrase(&t.phrase).join(" ");
            assert!(
                seen.insert(key),
                "class {} repeats `{}`",
                class.name,
                t.phrase
            );
        }
    }
}
