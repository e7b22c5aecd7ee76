//! Extract one report with the library and print its records.
//!
//! `cargo run --example extract_one -- fixtures/ninh-thuan-ttt-2021.txt`

use std::path::PathBuf;

use anyhow::{Context, Result};
use baocao::read::{self, Input};
use baocao::{Catalogue, Extractor};

fn main() -> Result<()> {
    let path = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .context("usage: extract_one FILE")?;
    let extractor = Extractor::new(Catalogue::builtin());
    let file = read::read(&Input::Path(path.clone()), read::DEFAULT_MAX_BYTES)?;
    let report = extractor
        .extract_source(file)
        .with_context(|| format!("{}: extraction failed", path.display()))?;
    println!(
        "{}: {}",
        report.source,
        report.title.as_deref().unwrap_or("(no title)")
    );
    for r in &report.records {
        let total = r.total.map(|t| format!("/{t}")).unwrap_or_default();
        let subtype = r
            .subtype
            .as_deref()
            .map(|s| format!(" [{s}]"))
            .unwrap_or_default();
        println!(
            "  line {:>4}  {:<28} {}{} {}{}  ({})",
            r.line,
            r.metric,
            r.value,
            total,
            r.unit,
            subtype,
            r.status.name()
        );
    }
    for reference in &report.references {
        println!(
            "  line {:>4}  reference {} {}/{} {}",
            reference.line,
            reference.doc_type.as_deref().unwrap_or(""),
            reference.number,
            reference.code,
            reference.date.as_deref().unwrap_or("")
        );
    }
    for w in &report.warnings {
        println!("  warning: {} ({})", w.message, w.code);
    }
    Ok(())
}
