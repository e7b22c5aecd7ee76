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
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

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
    /// Compare inputs with their reviewed `NAME.expected.json` files; print the differences and precision/recall per metric.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// Show a report's text with every matched figure highlighted and its record under the line.
    #[command(after_help = EXPLAIN_EXAMPLES)]
    Explain(ExplainArgs),
    /// List the metric catalogue, or check a catalogue file of your own.
    #[command(after_help = CATALOGUE_EXAMPLES)]
    Catalogue(CatalogueArgs),
    /// Print the JSON Schema of the JSON output (schema `baocao/1`).
    Schema,
    /// Print a shell completion script.
    #[command(after_help = "Example:\n  baocao completions bash > /etc/bash_completion.d/baocao")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    #[command(after_help = "Example:\n  baocao man > baocao.1 && man ./baocao.1")]
    Man,
}

const CHECK_EXAMPLES: &str = "Examples:
  baocao check                      # every fixture in fixtures/
  baocao check my-fixtures/ --bless # write NAME.expected.json files, then review them
  baocao check fixtures/ninh-thuan-ttt-2021.txt

Exit status: 0 when every fixture matches, 1 when any differs or fails.";

const EXPLAIN_EXAMPLES: &str = "Examples:
  baocao explain fixtures/ninh-thuan-ttt-2021.txt
  baocao explain bao-cao-thang-3.docx --metric bts_stations | less -R
  echo 'Ban hành 01 Nghị quyết, 27 Quyết định.' | baocao explain -";

const CATALOGUE_EXAMPLES: &str = "Examples:
  baocao catalogue
  baocao catalogue --format json | jq '.metrics[].id'
  baocao catalogue check chi-tieu-rieng.toml";

#[derive(clap::Args)]
struct CheckArgs {
    /// Fixture folders or input files (default: `fixtures`).
    paths: Vec<PathBuf>,
    /// Write the expected files from the current output instead of comparing (review the diff!).
    #[arg(long)]
    bless: bool,
    /// Extra catalogue file(s).
    #[arg(long, value_name = "FILE")]
    catalogue: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct ExplainArgs {
    /// The report (`-` for standard input).
    path: String,
    /// Show only these metrics (repeatable).
    #[arg(long = "metric", value_name = "ID")]
    metrics: Vec<String>,
    /// When to colour: auto (a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// Extra catalogue file(s).
    #[arg(long, value_name = "FILE")]
    catalogue: Vec<PathBuf>,
    /// Read text in this encoding instead of detecting it.
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    encoding: Option<Encoding>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    /// Colour on a terminal unless `NO_COLOR` is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(clap::Args)]
struct CatalogueArgs {
    #[command(subcommand)]
    action: Option<CatalogueAction>,
    /// Output format of the listing.
    #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
    /// Extra catalogue file(s) to include in the listing.
    #[arg(long, value_name = "FILE")]
    catalogue: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum CatalogueAction {
    /// Validate catalogue file(s) and run their examples; exit 1 on any failure.
    Check {
        /// The TOML file(s).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    /// An aligned table.
    Table,
    /// JSON.
    Json,
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
        Command::Check(args) => check(args),
        Command::Explain(args) => explain(args),
        Command::Catalogue(args) => catalogue(args),
        Command::Schema => print_json(&baocao::record::json_schema()),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "baocao", &mut io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => man(),
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
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
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
            // A run stopped by `--strict` is incomplete: the previous file stays.
            if summary.stopped {
                eprintln!(
                    "baocao: {}: not written, the run stopped at the first failure (--strict)",
                    path.display()
                );
            } else {
                tmp.persist(path).with_context(|| {
                    format!("{}: cannot move the output into place", path.display())
                })?;
            }
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

fn man() -> Result<ExitCode> {
    let mut out = io::stdout().lock();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn print_json(value: &serde_json::Value) -> Result<ExitCode> {
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn check(args: CheckArgs) -> Result<ExitCode> {
    let catalogue = load_catalogue(&args.catalogue)?;
    let extractor = Extractor::new(catalogue);
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("fixtures")]
    } else {
        args.paths
    };
    let fixtures = baocao::check::find_fixtures(&paths)?;
    if fixtures.is_empty() {
        anyhow::bail!(
            "no fixtures found in {} (a fixture is NAME.txt with NAME.expected.json beside it)",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let report = baocao::check::check(&extractor, &fixtures, args.bless);
    let mut out = io::stdout().lock();
    report.render(&mut out)?;
    out.flush()?;
    Ok(if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn explain(args: ExplainArgs) -> Result<ExitCode> {
    let catalogue = load_catalogue(&args.catalogue)?;
    for id in &args.metrics {
        if catalogue.metric(id).is_none() && id != "quantity" && id != "percentage" {
            anyhow::bail!("--metric {id}: no such metric (see `baocao catalogue`)");
        }
    }
    let extractor = Extractor::new(catalogue).encoding(args.encoding);
    let input = if args.path == "-" {
        Input::Stdin
    } else {
        Input::Path(PathBuf::from(&args.path))
    };
    let doc = match read::read(&input, read::DEFAULT_MAX_BYTES).and_then(|f| extractor.decode(f)) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("baocao: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    let report = extractor.extract_document(&doc);
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let options = baocao::explain::ExplainOptions {
        color,
        metrics: args.metrics,
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    baocao::explain::render(&doc, &report, &options, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn catalogue(args: CatalogueArgs) -> Result<ExitCode> {
    match args.action {
        None => {
            let catalogue = load_catalogue(&args.catalogue)?;
            match args.format {
                ListFormat::Json => print_json(&catalogue.to_json()),
                ListFormat::Table => {
                    let mut out = io::stdout().lock();
                    catalogue.write_table(&mut out)?;
                    out.flush()?;
                    Ok(ExitCode::SUCCESS)
                }
            }
        }
        Some(CatalogueAction::Check { files }) => {
            let catalogue = match Catalogue::with_user_files(&files) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("baocao: {e}");
                    return Ok(ExitCode::from(1));
                }
            };
            let mut failed = false;
            let mut out = io::stdout().lock();
            for file in &files {
                let origin = file.display().to_string();
                let metrics = catalogue
                    .metrics()
                    .iter()
                    .filter(|m| m.origin == origin)
                    .count();
                let run = baocao::catalogue::examples::check_file(&catalogue, &origin);
                for f in &run.failures {
                    writeln!(out, "{origin}: {f}")?;
                }
                writeln!(
                    out,
                    "{origin}: {metrics} metric(s), {} example(s) run, {} failure(s)",
                    run.run,
                    run.failures.len()
                )?;
                failed |= !run.failures.is_empty();
            }
            out.flush()?;
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}
