//! Replays fuzz inputs through the pipeline in an optimised build and prints
//! how long each took, with the same invariant checks as the fuzz targets.
//!
//! usage: replay TARGET FILE... (TARGET: text, html, docx, docx_xml, pdf, report)

#[path = "../../../fuzz_targets/report_gen.rs"]
#[allow(dead_code)]
mod report_gen;

#[path = "../../../src/lib.rs"]
#[allow(dead_code)]
mod harness;

use std::time::Instant;

use baocao::document::Format;

fn main() {
    let mut args = std::env::args().skip(1);
    let target = args.next().expect("usage: replay TARGET FILE...");
    for path in args {
        let data = std::fs::read(&path).expect("read input");
        let start = Instant::now();
        match target.as_str() {
            "text" => harness::run(Format::Text, &data),
            "html" => harness::run(Format::Html, &data),
            "docx" => harness::run(Format::Docx, &data),
            "pdf" => harness::run(Format::Pdf, &data),
            "docx_xml" => {
                let mut parts = data.splitn(3, |&b| b == 0);
                let document = parts.next().unwrap_or_default();
                let mut entries: Vec<(&str, &[u8])> = vec![("word/document.xml", document)];
                if let Some(f) = parts.next() {
                    entries.push(("word/footnotes.xml", f));
                }
                if let Some(c) = parts.next() {
                    entries.push(("docProps/core.xml", c));
                }
                harness::run(Format::Docx, &harness::stored_zip(&entries));
            }
            "report" => harness::run_text(&report_gen::build(&data)),
            other => panic!("unknown target {other}"),
        }
        println!("{path}\t{} bytes\t{:.3} s", data.len(), start.elapsed().as_secs_f64());
    }
}
