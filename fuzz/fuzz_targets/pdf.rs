#![no_main]
//! Arbitrary bytes read as a PDF file.
//!
//! The PDF reader wraps the parser in `catch_unwind` and turns a parser panic into
//! an error, so a panic whose stack passes through that guard is not a crash of
//! the pipeline: the hook below lets those unwind (counting them on stderr) and
//! aborts, as libFuzzer expects, on every other panic.

use std::sync::Once;

use baocao::document::Format;
use libfuzzer_sys::fuzz_target;

static HOOK: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let bt = std::backtrace::Backtrace::force_capture().to_string();
            if bt.contains("pdf::extract_unguarded") {
                eprintln!("caught pdf parser panic: {info}");
                return;
            }
            eprintln!("{info}\n{bt}");
            std::process::abort();
        }));
    });
    baocao_fuzz::run(Format::Pdf, data);
});
