//! Prints the text a `report` fuzz input builds: `dump-report FILE > out.txt`.

#[path = "../../../fuzz_targets/report_gen.rs"]
#[allow(dead_code)]
mod report_gen;

use std::io::Write;

fn main() {
    let path = std::env::args().nth(1).expect("usage: dump-report FILE");
    let data = std::fs::read(&path).expect("read input");
    let text = report_gen::build(&data);
    std::io::stdout().write_all(text.as_bytes()).expect("write");
}
