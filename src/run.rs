//! Runs an extraction over many inputs on all cores: reads and extracts a
//! batch in parallel, then writes the reports in input order, so the output
//! is byte-identical to a single-threaded run. Per-input errors are reported
//! as they happen and the run goes on (unless strict); memory stays bounded
//! by the batch size, whatever the number of inputs.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::sync::mpsc;

use crate::Extractor;
use crate::error::Error;
use crate::output::ReportWriter;
use crate::read::{self, Input, SourceFile};
use crate::record::DocumentReport;

/// One unit of work.
#[derive(Debug, Clone)]
pub enum Job {
    /// A file or standard input.
    Input(Input),
    /// A document given as text (`--input-format ndjson`).
    Text {
        /// Becomes the report's `source`.
        id: String,
        /// The document text.
        text: String,
    },
}

/// Settings for a run.
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// Stop at the first failing input.
    pub strict: bool,
    /// Largest input read, in bytes.
    pub max_bytes: u64,
    /// Worker threads (0: one per core).
    pub jobs: usize,
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            strict: false,
            max_bytes: read::DEFAULT_MAX_BYTES,
            jobs: 0,
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

/// Callbacks a run reports through.
pub struct Hooks<'a> {
    /// Called for each failing input, in input order.
    pub on_error: &'a mut dyn FnMut(&Error),
    /// Called after each input with the number done so far.
    pub on_progress: &'a mut dyn FnMut(usize),
}

/// [`process`], with a panic (a bug) turned into an error naming the input,
/// so one bad file can neither stop the run nor leave the writer waiting.
fn guarded(extractor: &Extractor, config: &RunConfig, job: Job) -> Result<DocumentReport, Error> {
    let path = match &job {
        Job::Input(input) => input.name(),
        Job::Text { id, .. } => id.clone(),
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        process(extractor, config, job)
    }))
    .unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into());
        Err(Error::Internal { path, message })
    })
}

fn process(extractor: &Extractor, config: &RunConfig, job: Job) -> Result<DocumentReport, Error> {
    match job {
        Job::Input(input) => {
            read::read(&input, config.max_bytes).and_then(|file| extractor.extract_source(file))
        }
        Job::Text { id, text } => extractor.extract_source(SourceFile::from_text(id, &text)),
    }
}

/// Extracts every job and writes its report, in order. Write errors end the
/// run and are returned (a broken pipe among them).
pub fn run(
    jobs: impl Iterator<Item = Result<Job, Error>>,
    extractor: &Extractor,
    config: &RunConfig,
    writer: &mut dyn ReportWriter,
    hooks: Hooks,
) -> std::io::Result<RunSummary> {
    let Hooks {
        on_error,
        on_progress,
    } = hooks;
    let threads = if config.jobs == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    } else {
        config.jobs
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(std::io::Error::other)?;
    // Jobs run on the pool while this thread writes finished reports in
    // input order; at most `window` jobs are outstanding (running, or done
    // and waiting for an earlier one), which bounds memory.
    let window = (threads * 4).max(8);
    let mut summary = RunSummary::default();
    let mut written = 0usize;
    let (sender, receiver) = mpsc::channel::<(usize, Result<DocumentReport, Error>)>();
    let mut waiting: BTreeMap<usize, Result<DocumentReport, Error>> = BTreeMap::new();
    let mut jobs = jobs.fuse();
    let mut started = 0usize;
    let mut failure: Option<std::io::Error> = None;
    pool.in_place_scope(|scope| {
        loop {
            let stop = summary.stopped || failure.is_some();
            while !stop && started - written < window {
                let Some(job) = jobs.next() else { break };
                let sender = sender.clone();
                let index = started;
                scope.spawn(move |_| {
                    let result = job.and_then(|job| guarded(extractor, config, job));
                    // The receiver outlives the scope: sending cannot fail.
                    let _ = sender.send((index, result));
                });
                started += 1;
            }
            if written == started || stop {
                break;
            }
            let Ok((index, result)) = receiver.recv() else {
                break;
            };
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&written) {
                written += 1;
                match result {
                    Ok(report) => {
                        if let Err(e) = writer.write(&report) {
                            failure = Some(e);
                            break;
                        }
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
                on_progress(written);
            }
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    writer.finish()?;
    Ok(summary)
}

/// Jobs for files and standard input.
pub fn input_jobs(inputs: Vec<Input>) -> impl Iterator<Item = Result<Job, Error>> {
    inputs.into_iter().map(|i| Ok(Job::Input(i)))
}

/// Jobs from NDJSON lines `{"id": …, "text": …}` (one document per line).
pub fn ndjson_jobs<R: BufRead>(
    reader: R,
    source: String,
) -> impl Iterator<Item = Result<Job, Error>> {
    reader.lines().enumerate().filter_map(move |(i, line)| {
        let line_no = i + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => return Some(Err(Error::io(source.clone(), e))),
        };
        if line.trim().is_empty() {
            return None;
        }
        let bad = |message: String| {
            Some(Err(Error::Ndjson {
                path: source.clone(),
                line: line_no,
                message,
            }))
        };
        let value: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => return bad(format!("not JSON: {e}")),
        };
        let id = match value.get("id") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => return bad("needs an \"id\" string or number".into()),
        };
        match value.get("text").and_then(|t| t.as_str()) {
            Some(text) => Some(Ok(Job::Text {
                id,
                text: text.to_string(),
            })),
            None => bad(format!("{id}: needs a \"text\" string")),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndjson_lines_become_jobs_or_errors() {
        let input = "{\"id\": \"a\", \"text\": \"Phát triển thêm 07 trạm BTS.\"}\n\n{\"id\": 7, \"text\": \"x\"}\nnot json\n{\"id\": \"b\"}\n";
        let jobs: Vec<_> = ndjson_jobs(input.as_bytes(), "-".into()).collect();
        assert_eq!(jobs.len(), 4);
        assert!(matches!(&jobs[0], Ok(Job::Text { id, .. }) if id == "a"));
        assert!(matches!(&jobs[1], Ok(Job::Text { id, .. }) if id == "7"));
        assert!(matches!(&jobs[2], Err(Error::Ndjson { line: 4, .. })));
        assert!(matches!(&jobs[3], Err(Error::Ndjson { line: 5, .. })));
    }
}
