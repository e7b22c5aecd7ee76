//! Per-stage and whole-pipeline benchmarks.
//!
//! `cargo bench --bench pipeline` (about two minutes). Two inputs:
//! - `seed`: the seed fixture `fixtures/ninh-thuan-ttt-2021.txt` (~7 KB, a typical news page);
//! - `gen-1mb`: one ~1 MB generated report (`examples/gen_corpus.rs`, seed 42, as `--single`),
//!   which also shows whether any stage grows faster than linearly with document size.
//!
//! Every benchmark reports throughput in input bytes (criterion prints MiB/s),
//! so the stage numbers are comparable with each other and with end-to-end runs.
//! Stages: read (file → `SourceFile`), decode (detection + NFC normalisation),
//! normalize alone, tokenize (the whole text at once, a floor for the per-sentence
//! tokenizing the later stages do), segment, recognize, match, validate,
//! write (NDJSON, CSV), and the whole pipeline (`Extractor::extract_text`, and
//! extract + NDJSON as the CLI does).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use baocao::decode::{self, DecodeOptions};
use baocao::document::Span;
use baocao::matcher::{self, MatchOptions};
use baocao::output::{self, Format, WriteOptions};
use baocao::read::{self, Input};
use baocao::token::Tokens;
use baocao::{Catalogue, Document, Extractor, recognize, segment, validate};
use criterion::{
    BatchSize, BenchmarkGroup, Criterion, SamplingMode, Throughput, measurement::WallTime,
};

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

const SEED_FIXTURE: &str = "fixtures/ninh-thuan-ttt-2021.txt";

/// One benchmark input: its name, a file holding it, and its text.
struct BenchInput {
    name: &'static str,
    path: PathBuf,
    text: String,
}

fn inputs() -> Vec<BenchInput> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed_path = root.join(SEED_FIXTURE);
    let seed =
        std::fs::read_to_string(&seed_path).unwrap_or_else(|e| panic!("{SEED_FIXTURE}: {e}"));

    let mut generator = gen_corpus::corpus::Generator::from_fixtures(42)
        .unwrap_or_else(|e| panic!("fixtures: {e}"));
    let mut big = String::with_capacity(1_100_000);
    generator
        .long_document(1_000_000, &mut |piece| {
            big.push_str(piece);
            Ok(())
        })
        .unwrap_or_else(|e| panic!("generating: {e}"));
    let big_path =
        std::env::temp_dir().join(format!("baocao-bench-gen-1mb-{}.txt", std::process::id()));
    std::fs::write(&big_path, &big).unwrap_or_else(|e| panic!("{}: {e}", big_path.display()));

    vec![
        BenchInput {
            name: "seed",
            path: seed_path,
            text: seed,
        },
        BenchInput {
            name: "gen-1mb",
            path: big_path,
            text: big,
        },
    ]
}

fn configure(group: &mut BenchmarkGroup<'_, WallTime>, bytes: usize) {
    group.throughput(Throughput::Bytes(bytes as u64));
    if bytes > 100_000 {
        // One pass over 1 MB takes a large fraction of a second: few, flat samples.
        group
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3));
    } else {
        group
            .sample_size(20)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(1));
    }
}

fn ndjson_options() -> WriteOptions {
    WriteOptions {
        format: Format::Ndjson,
        ..WriteOptions::default()
    }
}

fn stages(c: &mut Criterion, input: &BenchInput, catalogue: &Catalogue) {
    let extractor = Extractor::new(catalogue);
    let bytes = input.text.len();
    let mut group = c.benchmark_group(format!("stage/{}", input.name));
    configure(&mut group, bytes);

    let file = read::read(&Input::Path(input.path.clone()), read::DEFAULT_MAX_BYTES)
        .unwrap_or_else(|e| panic!("{e}"));
    let doc: Document = extractor
        .decode(file.clone())
        .unwrap_or_else(|e| panic!("{e}"));
    let outline = segment::segment(&doc, catalogue);
    let mentions = recognize::recognize(&doc, &outline, catalogue);
    let extraction = matcher::extract(
        &doc,
        &outline,
        &mentions,
        catalogue,
        MatchOptions::default(),
    );
    let report = validate::validate(
        &doc,
        outline.title.clone(),
        extraction.clone(),
        mentions.warnings.clone(),
    );

    group.bench_function("1-read", |b| {
        b.iter(|| {
            read::read(
                black_box(&Input::Path(input.path.clone())),
                read::DEFAULT_MAX_BYTES,
            )
        })
    });
    group.bench_function("2-decode", |b| {
        b.iter_batched(
            || file.clone(),
            |f| decode::decode(f, &DecodeOptions::default()),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("2a-normalize", |b| {
        b.iter(|| decode::normalize::normalize(black_box(&input.text)))
    });
    group.bench_function("2b-tokenize-all", |b| {
        b.iter(|| Tokens::new(black_box(&doc.text), Span::new(0, doc.text.len())))
    });
    group.bench_function("3-segment", |b| {
        b.iter(|| segment::segment(black_box(&doc), catalogue))
    });
    group.bench_function("4-recognize", |b| {
        b.iter(|| recognize::recognize(black_box(&doc), &outline, catalogue))
    });
    group.bench_function("5-match", |b| {
        b.iter(|| {
            matcher::extract(
                black_box(&doc),
                &outline,
                &mentions,
                catalogue,
                MatchOptions::default(),
            )
        })
    });
    group.bench_function("6-validate", |b| {
        b.iter_batched(
            || {
                (
                    outline.title.clone(),
                    extraction.clone(),
                    mentions.warnings.clone(),
                )
            },
            |(title, extraction, warnings)| validate::validate(&doc, title, extraction, warnings),
            BatchSize::LargeInput,
        )
    });
    for (name, format) in [
        ("7-write-ndjson", Format::Ndjson),
        ("7-write-csv", Format::Csv),
    ] {
        group.bench_function(name, |b| {
            let options = WriteOptions {
                format,
                ..WriteOptions::default()
            };
            let mut out = Vec::with_capacity(1 << 20);
            b.iter(|| {
                out.clear();
                let mut writer = output::writer(&mut out, &options, catalogue);
                writer
                    .write(black_box(&report))
                    .unwrap_or_else(|e| panic!("{e}"));
                writer.finish().unwrap_or_else(|e| panic!("{e}"));
            })
        });
    }
    group.finish();
}

fn pipeline(c: &mut Criterion, input: &BenchInput, catalogue: &Catalogue) {
    let extractor = Extractor::new(catalogue);
    let mut group = c.benchmark_group(format!("pipeline/{}", input.name));
    configure(&mut group, input.text.len());
    group.bench_function("extract_text", |b| {
        b.iter(|| extractor.extract_text("bench.txt", black_box(&input.text)))
    });
    group.bench_function("read+extract+ndjson", |b| {
        let options = ndjson_options();
        let mut out = Vec::with_capacity(1 << 20);
        b.iter(|| {
            out.clear();
            let file = read::read(&Input::Path(input.path.clone()), read::DEFAULT_MAX_BYTES)
                .unwrap_or_else(|e| panic!("{e}"));
            let report = extractor
                .extract_source(file)
                .unwrap_or_else(|e| panic!("{e}"));
            let mut writer = output::writer(&mut out, &options, catalogue);
            writer.write(&report).unwrap_or_else(|e| panic!("{e}"));
            writer.finish().unwrap_or_else(|e| panic!("{e}"));
        })
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    let catalogue = Catalogue::builtin();
    let inputs = inputs();
    for input in &inputs {
        pipeline(c, input, catalogue);
        stages(c, input, catalogue);
    }
    // The built-in catalogue is compiled once per process (`Catalogue::builtin`);
    // this measures that one-off start-up cost through the public loader.
    let mut group = c.benchmark_group("catalogue");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    group.bench_function("compile-builtin", |b| {
        let none: [&Path; 0] = [];
        b.iter(|| Catalogue::with_user_files(black_box(&none)))
    });
    group.finish();
    for input in &inputs {
        if input.name != "seed" {
            let _ = std::fs::remove_file(&input.path);
        }
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c);
    c.final_summary();
}
