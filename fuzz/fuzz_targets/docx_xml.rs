#![no_main]
//! Structure-aware DOCX: the input is split at the first `\0` into
//! `word/document.xml` and `word/footnotes.xml` (then `docProps/core.xml` at the
//! next `\0`), packed into a valid stored zip, so every run reaches the
//! WordprocessingML walker instead of failing the zip checks.

use baocao::document::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0);
    let document = parts.next().unwrap_or_default();
    let footnotes = parts.next();
    let core = parts.next();
    let mut entries: Vec<(&str, &[u8])> = vec![("word/document.xml", document)];
    if let Some(f) = footnotes {
        entries.push(("word/footnotes.xml", f));
    }
    if let Some(c) = core {
        entries.push(("docProps/core.xml", c));
    }
    let zip = baocao_fuzz::stored_zip(&entries);
    baocao_fuzz::run(Format::Docx, &zip);
});
