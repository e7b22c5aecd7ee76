#![no_main]
//! Arbitrary bytes read as a text file.

use baocao::document::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    baocao_fuzz::run(Format::Text, data);
});
