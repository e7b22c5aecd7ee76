//! The `baocao` command line: parses arguments and calls the library.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use baocao::output::{self, Format, WriteOptions};
use baocao::read::Input;
use baocao::run::{RunConfig, run};
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
    /// Extract metric records from report files (or standard input).
    #[command(
        after_help = "Example:\n  baocao extract fixtures/ninh-thuan-ttt-2021.txt --format csv\n  echo 'Phát triển thêm 07 trạm BTS 4G.' | baocao extract"
    )]
    Extract(ExtractArgs),
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Files to read; `-` or nothing reads standard input.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = FormatArg::Json)]
    format: FormatArg,
    /// Write to FILE (atomically: a temporary file renamed at the end) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Extra catalogue file(s) adding or replacing metrics.
    #[arg(long, value_name = "FILE")]
    catalogue: Vec<PathBuf>,
    /// Leave out generic `quantity` / `percentage` records.
    #[arg(long)]
    known_only: bool,
    /// Stop at the first input that fails.
    #[arg(long)]
    strict: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// Pretty JSON.
    Json,
    /// Newline-delimited JSON.
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
    let extractor = Extractor::new(catalogue).known_only(args.known_only);
    let inputs: Vec<Input> = if args.paths.is_empty() {
        vec![Input::Stdin]
    } else {
        args.paths
            .iter()
            .map(|p| {
                if p.as_os_str() == "-" {
                    Input::Stdin
                } else {
                    Input::Path(p.clone())
                }
            })
            .collect()
    };
    let options = WriteOptions {
        format: args.format.into(),
        ..WriteOptions::default()
    };
    let config = RunConfig {
        strict: args.strict,
        ..RunConfig::default()
    };
    let mut on_error = |e: &baocao::Error| eprintln!("baocao: {e}");
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
                let file = io::BufWriter::new(tmp.as_file());
                let mut writer = output::writer(file, &options, catalogue);
                run(&inputs, &extractor, &config, writer.as_mut(), &mut on_error)
                    .with_context(|| format!("{}: write failed", path.display()))?
            };
            tmp.persist(path).with_context(|| {
                format!("{}: cannot move the output into place", path.display())
            })?;
            summary
        }
        None => {
            let stdout = io::stdout().lock();
            let mut writer = output::writer(io::BufWriter::new(stdout), &options, catalogue);
            run(&inputs, &extractor, &config, writer.as_mut(), &mut on_error)
                .context("standard output")?
        }
    };
    io::stdout().flush().ok();
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
