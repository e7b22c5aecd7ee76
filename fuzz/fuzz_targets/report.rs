#![no_main]
//! Structure-aware target: the input is a program of byte opcodes that builds
//! Vietnamese-report-like text from fragments (numbers in Vietnamese formats,
//! dates, document numbers, catalogue phrases, punctuation, odd whitespace,
//! combining marks, long runs), then runs `extract_text` on it.
//!
//! Opcodes (one byte, then operands):
//! - `0x00..=0xDF`: push `FRAGMENTS[op % len]`
//! - `0xE0..=0xE7`: push a number in style `op - 0xE0`; operands: 1 byte digit count, then digits
//! - `0xE8`: push catalogue term `u16` (2 bytes) from `catalogue_terms.txt`
//! - `0xE9`: push char from 3 bytes (any scalar value)
//! - `0xEA`: push a combining mark (1 byte)
//! - `0xEB`: repeat: 1 byte count (×17 + 2), then one opcode whose output is repeated
//! - `0xEC`: raw UTF-8 chunk: 1 byte length, then bytes (lossy)
//! - `0xED`: push a date `ngày D tháng M năm Y` (3 bytes)
//! - `0xEE`: push a document number `N/YYYY/TYPE-BODY` (3 bytes)
//! - `0xEF..=0xFE`: push a separator (space, newline, tab, NBSP …)
//! - `0xFF`: the rest of the input, as UTF-8 (lossy): lets the fixtures seed this target

use libfuzzer_sys::fuzz_target;

mod report_gen;
use report_gen::build;

fuzz_target!(|data: &[u8]| {
    let text = build(data);
    baocao_fuzz::run_text(&text);
});
