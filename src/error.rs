//! Typed errors of the library. Every variant that concerns a file names it;
//! messages are lower case, one line, without a trailing period.

/// Anything that can stop baocao from producing a report for one input, or
/// from loading a catalogue.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The input as named by the user.
        path: String,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The input is empty or holds only white space.
    #[error("{path}: empty input")]
    Empty {
        /// The input as named by the user.
        path: String,
    },
    /// The input is larger than the configured limit.
    #[error("{path}: input is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// The input as named by the user.
        path: String,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The bytes look like binary data rather than text.
    #[error("{path}: binary data, not text ({reason})")]
    Binary {
        /// The input as named by the user.
        path: String,
        /// What gave it away.
        reason: String,
    },
    /// No supported encoding decodes the bytes.
    #[error("{path}: cannot decode text (tried utf-8, utf-16, windows-1258, tcvn3, vni)")]
    Decode {
        /// The input as named by the user.
        path: String,
    },
    /// The file type is not supported; the message says what to convert it to.
    #[error("{path}: {message}")]
    Unsupported {
        /// The input as named by the user.
        path: String,
        /// What is wrong and what to do.
        message: String,
    },
    /// A structured document (HTML, DOCX, PDF) could not be parsed.
    #[error("{path}: {message}")]
    Format {
        /// The input as named by the user.
        path: String,
        /// The parser's complaint.
        message: String,
    },
    /// A line of `--input-format ndjson` is not a `{"id", "text"}` object.
    #[error("{path}: line {line}: {message}")]
    Ndjson {
        /// The input as named by the user.
        path: String,
        /// The 1-based line.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A catalogue file is malformed or inconsistent.
    #[error("{path}: {entry}: {message}")]
    Catalogue {
        /// The catalogue file (`builtin:NAME.toml` for built-in data).
        path: String,
        /// The entry at fault (a metric id, class name or `toml`).
        entry: String,
        /// What is wrong.
        message: String,
    },
    /// A bug in baocao met this input; the run went on with the others.
    #[error("{path}: internal error, please report it with this file: {message}")]
    Internal {
        /// The input as named by the user.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// A path given on the command line does not exist or matches nothing.
    #[error("{path}: {message}")]
    Path {
        /// The path or pattern as given.
        path: String,
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// The input (or catalogue file) the error concerns.
    pub fn path(&self) -> &str {
        match self {
            Error::Io { path, .. }
            | Error::Empty { path }
            | Error::TooLarge { path, .. }
            | Error::Binary { path, .. }
            | Error::Decode { path }
            | Error::Unsupported { path, .. }
            | Error::Format { path, .. }
            | Error::Ndjson { path, .. }
            | Error::Catalogue { path, .. }
            | Error::Internal { path, .. }
            | Error::Path { path, .. } => path,
        }
    }

    /// Wraps an I/O error for `path`.
    pub fn io(path: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Renders a path the way messages show it.
pub fn display_path(path: &std::path::Path) -> String {
    path.display().to_string()
}
