//! The `baocao` command line: parses arguments and calls the library.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use baocao::decode::Encoding;
use baocao::output::{self, Format, WriteOptions};
use baocao::read::{self, Input};
use baocao::record::Status;
use baocao::run::{self, Hooks, RunConfig};
use baocao::{Catalogue, Extractor};
use clap::{Parser, Subcommand, ValueEnum};

/// Turns Vietnamese government report text into structured, checkable metric records.
#[derive(Parser)]
#[command(name = "baocao", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract metric records from report files, folders or standard input.
    #[command(after_help = EXTRACT_EXAMPLES)]
    Extract(ExtractArgs),
}

const EXTRACT_EXAMPLES: &str = "Examples:
  baocao extract fixtures/ninh-thuan-ttt-2021.txt --format csv
  baocao extract reports/ --format wide --bom -o bao-cao.csv
  echo 'Phát triển thêm 07 trạm BTS 4G.' | baocao extract";

#[derive(clap::Args)]
struct ExtractArgs {
    /// Files, folders or glob patterns; `-` or nothing reads standard input.
    paths: Vec<String>,
    /// Read more paths from FILE, one per line (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    files_from: Option<String>,
    /// How standard input is read: a document (`text`) or one JSON document per line (`ndjson`).
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    input_format: InputFormat,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = FormatArg::Json)]
    format: FormatArg,
    /// Write to FILE (a temporary file renamed into place at the end) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Extra catalogue file(s) adding or replacing metrics.
    #[arg(long, value_name = "FILE")]
    catalogue: Vec<PathBuf>,
    /// Keep only these metrics (repeatable).
    #[arg(long = "metric", value_name = "ID")]
    metrics: Vec<String>,
    /// Keep only records with this status (repeatable).
    #[arg(long = "status", value_enum)]
    statuses: Vec<StatusArg>,
    /// Leave out generic `quantity` / `percentage` records.
    #[arg(long)]
    known_only: bool,
    /// Read text in this encoding instead of detecting it (utf-8, utf-16le, utf-16be, windows-1258, tcvn3, vni).
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    encoding: Option<Encoding>,
    /// Start CSV output with a UTF-8 byte-order mark (Excel shows Vietnamese correctly).
    #[arg(long)]
    bom: bool,
    /// CSV field delimiter (e.g. `;` where the comma is the decimal mark).
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    delimiter: Option<u8>,
    /// Stop at the first input that fails.
    #[arg(long)]
    strict: bool,
    /// Worker threads (default: one per core).
    #[arg(long, short, value_name = "N", default_value_t = 0)]
    jobs: usize,
    /// Largest input file, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = read::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Say which files were skipped and why.
    #[arg(long, short)]
    verbose: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum InputFormat {
    /// Each input is one document.
    Text,
    /// Each standard-input line is `{"id": …, "text": …}`.
    Ndjson,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// Pretty JSON.
    Json,
    /// Newline-delimited JSON, one object per line.
    Ndjson,
    /// CSV, one row per record.
    Csv,
    /// CSV, one row per document, one column per metric.
    Wide,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Json => Format::Json,
            FormatArg::Ndjson => Format::Ndjson,
            FormatArg::Csv => Format::Csv,
            FormatArg::Wide => Format::Wide,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum StatusArg {
    /// Results.
    Actual,
    /// Estimated results.
    Estimate,
    /// Plans and targets.
    Target,
}

impl From<StatusArg> for Status {
    fn from(s: StatusArg) -> Status {
        match s {
            StatusArg::Actual => Status::Actual,
            StatusArg::Estimate => Status::Estimate,
            StatusArg::Target => Status::Target,
        }
    }
}

fn parse_encoding(s: &str) -> Result<Encoding, String> {
    Encoding::from_name(s)
        .ok_or_else(|| format!("unknown encoding `{s}` (known: {})", Encoding::NAMES))
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s.as_bytes() {
        [b] if b.is_ascii() => Ok(*b),
        b"\\t" | b"tab" => Ok(b'\t'),
        _ => Err("the delimiter must be one ASCII character".into()),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("baocao: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The built-in catalogue, or one extended by the user's files (kept for the
/// whole process).
fn load_catalogue(files: &[PathBuf]) -> Result<&'static Catalogue> {
    if files.is_empty() {
        return Ok(Catalogue::builtin());
    }
    Ok(Box::leak(Box::new(Catalogue::with_user_files(files)?)))
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let catalogue = load_catalogue(&args.catalogue)?;
    for id in &args.metrics {
        if catalogue.metric(id).is_none() && id != "quantity" && id != "percentage" {
            anyhow::bail!("--metric {id}: no such metric (see `baocao catalogue`)");
        }
    }
    let extractor = Extractor::new(catalogue)
        .known_only(args.known_only)
        .encoding(args.encoding);
    let verbose = args.verbose;
    let mut failed_paths = 0usize;
    let mut paths = args.paths.clone();
    if let Some(list) = &args.files_from {
        paths.extend(read::read_path_list(list)?);
    }
    let (inputs, errors) = read::discover(&paths, &mut |note| {
        if note.always || verbose {
            eprintln!("baocao: {}", note.message);
        }
    });
    for e in &errors {
        eprintln!("baocao: {e}");
        failed_paths += 1;
    }
    let inputs = if inputs.is_empty() && paths.is_empty() {
        vec![Input::Stdin]
    } else {
        inputs
    };
    let options = WriteOptions {
        format: args.format.into(),
        bom: args.bom,
        delimiter: args.delimiter,
        metrics: args.metrics.clone(),
        statuses: args.statuses.iter().map(|&s| s.into()).collect(),
    };
    let config = RunConfig {
        strict: args.strict,
        max_bytes: args.max_bytes,
        jobs: args.jobs,
    };
    let total = inputs.len();
    let progress = (total > 1 && io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed_precise}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let mut on_error = |e: &baocao::Error| match &progress {
        Some(bar) => bar.suspend(|| eprintln!("baocao: {e}")),
        None => eprintln!("baocao: {e}"),
    };
    let mut on_progress = |done: usize| {
        if let Some(bar) = &progress {
            bar.set_position(done as u64);
        }
    };
    let ndjson = matches!(args.input_format, InputFormat::Ndjson);
    let mut run_to = |out: &mut dyn Write| -> Result<run::RunSummary> {
        let mut writer = output::writer(out, &options, catalogue);
        let hooks = Hooks {
            on_error: &mut on_error,
            on_progress: &mut on_progress,
        };
        let summary = if ndjson {
            let stdin = io::stdin().lock();
            run::run(
                run::ndjson_jobs(stdin, "-".into()),
                &extractor,
                &config,
                writer.as_mut(),
                hooks,
            )?
        } else {
            run::run(
                run::input_jobs(inputs.clone()),
                &extractor,
                &config,
                writer.as_mut(),
                hooks,
            )?
        };
        Ok(summary)
    };
    let summary = match &args.output {
        Some(path) => {
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let tmp = tempfile::NamedTempFile::new_in(dir).with_context(|| {
                format!(
                    "{}: cannot create a temporary file beside it",
                    path.display()
                )
            })?;
            let summary = {
                let mut file = io::BufWriter::new(tmp.as_file());
                let summary = run_to(&mut file)
                    .with_context(|| format!("{}: write failed", path.display()))?;
                file.flush()
                    .with_context(|| format!("{}: write failed", path.display()))?;
                summary
            };
            tmp.persist(path).with_context(|| {
                format!("{}: cannot move the output into place", path.display())
            })?;
            summary
        }
        None => {
            let mut stdout = io::BufWriter::new(io::stdout().lock());
            let summary = run_to(&mut stdout).context("standard output")?;
            stdout.flush().context("standard output")?;
            summary
        }
    };
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    Ok(if summary.failed + failed_paths > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
