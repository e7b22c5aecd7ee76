//! Runs an extraction over many inputs: reads, extracts and writes each one
//! in input order, collecting per-file errors instead of stopping (unless
//! strict), so one bad file never costs the others' output.

use crate::Extractor;
use crate::error::Error;
use crate::output::ReportWriter;
use crate::read::{self, Input};

/// Settings for a run.
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// Stop at the first failing input.
    pub strict: bool,
    /// Largest input read, in bytes.
    pub max_bytes: u64,
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            strict: false,
            max_bytes: read::DEFAULT_MAX_BYTES,
        }
    }
}

/// What happened in a run.
#[derive(Debug, Default)]
pub struct RunSummary {
    /// Inputs written.
    pub ok: usize,
    /// Inputs that failed.
    pub failed: usize,
    /// The run stopped early (`--strict`).
    pub stopped: bool,
}

/// Extracts every input and writes its report; `on_error` hears about each
/// failing input as it happens. Write errors end the run and are returned.
pub fn run(
    inputs: &[Input],
    extractor: &Extractor,
    config: &RunConfig,
    writer: &mut dyn ReportWriter,
    on_error: &mut dyn FnMut(&Error),
) -> std::io::Result<RunSummary> {
    let mut summary = RunSummary::default();
    for input in inputs {
        let result =
            read::read(input, config.max_bytes).and_then(|file| extractor.extract_source(file));
        match result {
            Ok(report) => {
                writer.write(&report)?;
                summary.ok += 1;
            }
            Err(e) => {
                on_error(&e);
                summary.failed += 1;
                if config.strict {
                    summary.stopped = true;
                    break;
                }
            }
        }
    }
    writer.finish()?;
    Ok(summary)
}
