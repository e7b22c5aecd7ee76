//! Stage 1: reads an input into a [`SourceFile`]: its bytes and its format
//! (chosen by extension, confirmed by sniffing the bytes).

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::document::Format;
use crate::error::{Error, Result};

/// Default largest input read, in bytes.
pub const DEFAULT_MAX_BYTES: u64 = 512 * 1024 * 1024;

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Input {
    /// A file.
    Path(PathBuf),
    /// Standard input.
    Stdin,
}

impl Input {
    /// The name records carry as `source` (`-` for standard input).
    pub fn name(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin => "-".into(),
        }
    }
}

/// Stage 1 output: the raw bytes of one input and their format.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The input as named by the user.
    pub source: String,
    /// The format, by extension and content.
    pub format: Format,
    /// The bytes.
    pub bytes: Vec<u8>,
}

impl SourceFile {
    /// Wraps text already in memory (a library caller's string, an NDJSON line).
    pub fn from_text(source: impl Into<String>, text: &str) -> Self {
        SourceFile {
            source: source.into(),
            format: Format::Text,
            bytes: text.as_bytes().to_vec(),
        }
    }
}

/// The format a file name implies; `Err` with advice for known unsupported types.
pub fn format_for(path: &Path) -> std::result::Result<Option<Format>, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    Ok(match ext.as_deref() {
        None | Some("txt") | Some("text") | Some("md") => Some(Format::Text),
        Some("html") | Some("htm") | Some("xhtml") => Some(Format::Html),
        Some("docx") => Some(Format::Docx),
        Some("pdf") => Some(Format::Pdf),
        Some("doc") => {
            return Err("old binary Word (.doc) is not supported: save it as .docx or .txt".into());
        }
        Some("rtf") => return Err("RTF is not supported: save it as .docx or .txt".into()),
        Some("odt") => {
            return Err("OpenDocument (.odt) is not supported: save it as .docx or .txt".into());
        }
        Some("xls") | Some("xlsx") => {
            return Err("spreadsheets are not supported: export the sheet as .csv or .txt".into());
        }
        _ => None,
    })
}

/// Sniffs the real format from the first bytes, overriding a wrong extension.
fn sniff(bytes: &[u8], by_name: Format) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    if head.starts_with(b"%PDF-") {
        return Format::Pdf;
    }
    // A zip named .docx, or a Word package with no telling name (standard
    // input, a download saved without extension): Word writes
    // `[Content_Types].xml` and the `word/` parts first.
    if head.starts_with(b"PK\x03\x04")
        && (by_name == Format::Docx
            || (by_name == Format::Text
                && [&b"[Content_Types].xml"[..], b"word/"]
                    .iter()
                    .any(|n| head.windows(n.len()).any(|w| w == *n))))
    {
        return Format::Docx;
    }
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let starts_html = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if by_name == Format::Text && (starts_html(b"<!doctype html") || starts_html(b"<html")) {
        return Format::Html;
    }
    by_name
}

/// The signature of an OLE compound file: old binary Word (.doc), Excel (.xls).
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Sniffs the format of read bytes; an old binary Office file read as text
/// (standard input, a `.doc` renamed `.txt`) is refused with advice rather
/// than as "binary data".
fn sniff_content(source: &str, bytes: &[u8], by_name: Format) -> Result<Format> {
    let format = sniff(bytes, by_name);
    if format == Format::Text && bytes.starts_with(OLE_MAGIC) {
        return Err(Error::Unsupported {
            path: source.to_string(),
            message: "an OLE compound file (old binary Word .doc or Excel .xls) is not supported: save it as .docx or .txt".into(),
        });
    }
    Ok(format)
}

/// Reads one input, refusing files over `max_bytes`.
pub fn read(input: &Input, max_bytes: u64) -> Result<SourceFile> {
    let source = input.name();
    let (bytes, format) = match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .take(max_bytes + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io(source.clone(), e))?;
            if bytes.len() as u64 > max_bytes {
                return Err(Error::TooLarge {
                    path: source,
                    size: bytes.len() as u64,
                    limit: max_bytes,
                });
            }
            let format = sniff_content(&source, &bytes, Format::Text)?;
            (bytes, format)
        }
        Input::Path(path) => {
            let by_name = match format_for(path) {
                Ok(f) => f.unwrap_or(Format::Text),
                Err(message) => {
                    return Err(Error::Unsupported {
                        path: source,
                        message,
                    });
                }
            };
            let meta = std::fs::metadata(path).map_err(|e| Error::io(source.clone(), e))?;
            if meta.is_dir() {
                return Err(Error::Path {
                    path: source,
                    message: "is a directory".into(),
                });
            }
            if meta.len() > max_bytes {
                return Err(Error::TooLarge {
                    path: source,
                    size: meta.len(),
                    limit: max_bytes,
                });
            }
            let mut bytes = Vec::with_capacity(meta.len() as usize);
            std::fs::File::open(path)
                .and_then(|f| f.take(max_bytes + 1).read_to_end(&mut bytes))
                .map_err(|e| Error::io(source.clone(), e))?;
            if bytes.len() as u64 > max_bytes {
                return Err(Error::TooLarge {
                    path: source,
                    size: bytes.len() as u64,
                    limit: max_bytes,
                });
            }
            let format = sniff_content(&source, &bytes, by_name)?;
            (bytes, format)
        }
    };
    Ok(SourceFile {
        source,
        format,
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(format_for(Path::new("a.txt")), Ok(Some(Format::Text)));
        assert_eq!(format_for(Path::new("a.HTM")), Ok(Some(Format::Html)));
        assert_eq!(format_for(Path::new("a.docx")), Ok(Some(Format::Docx)));
        assert_eq!(format_for(Path::new("README")), Ok(Some(Format::Text)));
        assert_eq!(format_for(Path::new("a.png")), Ok(None));
        assert!(format_for(Path::new("a.doc")).is_err());
    }

    #[test]
    fn sniffs_content() {
        assert_eq!(sniff(b"%PDF-1.4 ...", Format::Text), Format::Pdf);
        assert_eq!(sniff(b"<!DOCTYPE html><html>", Format::Text), Format::Html);
        assert_eq!(sniff(b"plain", Format::Text), Format::Text);
        // A Word package without a telling name is still a DOCX; another zip is not.
        let docx =
            b"PK\x03\x04\x14\0\0\0\x08\0\0\0!\0\0\0\0\0\0\0\0\0\0\0\0\x13\0\0\0[Content_Types].xml";
        assert_eq!(sniff(docx, Format::Text), Format::Docx);
        assert_eq!(
            sniff(b"PK\x03\x04\x14\0\0\0photo.jpg", Format::Text),
            Format::Text
        );
    }

    /// An old .doc read as text used to be refused as "binary data, not text",
    /// which does not say what to do.
    #[test]
    fn ole_files_read_as_text_say_what_to_convert_to() {
        let mut doc = OLE_MAGIC.to_vec();
        doc.extend_from_slice(&[0; 504]);
        let err = sniff_content("bao-cao", &doc, Format::Text).unwrap_err();
        assert!(matches!(err, Error::Unsupported { .. }), "{err:?}");
        assert!(err.to_string().starts_with("bao-cao: "), "{err}");
        assert!(err.to_string().contains("save it as .docx"), "{err}");
        assert_eq!(
            sniff_content("a.docx", &doc, Format::Docx).ok(),
            Some(Format::Docx)
        );
    }
}

/// Something discovery wants the user to know (shown under `--verbose`, or
/// always for `always == true`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The message, naming the path.
    pub message: String,
    /// Show it even without `--verbose` (a problem rather than a skip).
    pub always: bool,
}

/// Whether a path looks like a glob pattern.
fn is_pattern(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Whether a file name is hidden (`.git`, `.DS_Store`).
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

/// Whether a directory walk takes this file: a known format, or a known
/// unsupported one (`.doc`) so the user hears what to convert it to.
fn walk_takes(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    matches!(
        ext.as_deref(),
        Some("txt" | "text" | "html" | "htm" | "xhtml" | "docx" | "pdf" | "doc" | "rtf" | "odt")
    )
}

/// Expands command-line paths into inputs: `-` is standard input, a directory
/// is walked recursively in sorted order (hidden entries and unknown file
/// types skipped), a pattern with `*`, `?` or `[` is expanded. A path that
/// does not exist stays as given so that reading it reports the error.
/// Patterns matching nothing are errors.
pub fn discover(paths: &[String], notes: &mut dyn FnMut(Note)) -> (Vec<Input>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for raw in paths {
        if raw == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(raw);
        if path.is_dir() {
            walk(path, &mut inputs, &mut errors, notes);
        } else if !path.exists() && is_pattern(raw) {
            match glob::glob(raw) {
                Ok(entries) => {
                    let mut matched: Vec<PathBuf> = entries.filter_map(|e| e.ok()).collect();
                    matched.sort();
                    if matched.is_empty() {
                        errors.push(Error::Path {
                            path: raw.clone(),
                            message: "the pattern matches no file".into(),
                        });
                    }
                    for m in matched {
                        if m.is_dir() {
                            walk(&m, &mut inputs, &mut errors, notes);
                        } else {
                            inputs.push(Input::Path(m));
                        }
                    }
                }
                Err(e) => errors.push(Error::Path {
                    path: raw.clone(),
                    message: format!("bad pattern: {}", e.msg),
                }),
            }
        } else {
            inputs.push(Input::Path(path.to_path_buf()));
        }
    }
    (inputs, errors)
}

/// Walks a directory into `inputs`. A report file (by extension) or a
/// directory that cannot be read is an error, like a file named on the command
/// line that cannot be read: its text is missing from the output. A directory
/// link loop is only a note (everything under it is reached once anyway), and
/// so is an unreadable entry that would have been skipped for its type.
fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<Error>, notes: &mut dyn FnMut(Note)) {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                if walk_takes(e.path()) {
                    inputs.push(Input::Path(e.path().to_path_buf()));
                } else {
                    notes(Note {
                        message: format!(
                            "{}: skipped (not a report file type)",
                            e.path().display()
                        ),
                        always: false,
                    });
                }
            }
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => notes(Note {
                message: format!("{}: skipped (not a regular file)", e.path().display()),
                always: false,
            }),
            Err(e) => {
                let entry_path = e.path().map(Path::to_path_buf);
                let path = entry_path.as_deref().unwrap_or(dir).display().to_string();
                if e.loop_ancestor().is_some() {
                    notes(Note {
                        message: format!("{path}: directory link loop, not followed"),
                        always: true,
                    });
                    continue;
                }
                let is_dir = entry_path
                    .as_deref()
                    .and_then(|p| std::fs::metadata(p).ok())
                    .is_some_and(|m| m.is_dir());
                let is_report = entry_path.as_deref().is_some_and(walk_takes);
                let message = e
                    .io_error()
                    .map(|io| io.to_string())
                    .unwrap_or_else(|| "cannot be read".into());
                if is_dir || is_report {
                    errors.push(match e.into_io_error() {
                        Some(io) => Error::io(path, io),
                        None => Error::Path { path, message },
                    });
                } else {
                    notes(Note {
                        message: format!("{path}: skipped ({message})"),
                        always: false,
                    });
                }
            }
        }
    }
}

/// Reads a list of paths, one per line (blank lines and `#` comments skipped).
pub fn read_path_list(source: &str) -> Result<Vec<String>> {
    let text = if source == "-" {
        let mut s = String::new();
        std::io::stdin()
            .lock()
            .read_to_string(&mut s)
            .map_err(|e| Error::io("-", e))?;
        s
    } else {
        std::fs::read_to_string(source).map_err(|e| Error::io(source, e))?
    };
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

#[cfg(test)]
mod discover_tests {
    use super::*;

    #[test]
    fn walks_directories_in_order_and_expands_patterns() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/sub")).unwrap();
        std::fs::create_dir_all(root.join(".hidden")).unwrap();
        for f in [
            "b/sub/z.txt",
            "b/a.html",
            "b/image.png",
            ".hidden/x.txt",
            "c.txt",
            "b/.secret.txt",
        ] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let mut notes = Vec::new();
        let (inputs, errors) = discover(&[root.join("b").display().to_string()], &mut |n| {
            notes.push(n)
        });
        assert!(errors.is_empty());
        let names: Vec<String> = inputs
            .iter()
            .map(|i| {
                i.name()
                    .trim_start_matches(&root.display().to_string())
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["/b/a.html", "/b/sub/z.txt"]);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].message.contains("image.png") && !notes[0].always);

        let pattern = format!("{}/*.txt", root.display());
        let (inputs, errors) = discover(&[pattern, "-".into()], &mut |_| {});
        assert!(errors.is_empty());
        assert_eq!(inputs.len(), 2);
        assert_eq!(inputs[1], Input::Stdin);

        let none = format!("{}/*.docx", root.display());
        let (inputs, errors) = discover(&[none], &mut |_| {});
        assert!(inputs.is_empty());
        assert_eq!(errors.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn link_loops_are_reported_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("r");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(&root, root.join("loop")).unwrap();
        let mut notes = Vec::new();
        let (inputs, _) = discover(&[root.display().to_string()], &mut |n| notes.push(n));
        assert_eq!(inputs.len(), 1);
        assert!(notes.iter().any(|n| n.always && n.message.contains("loop")));
    }

    /// A report file the walk cannot read is an error (exit 1), as it is when
    /// named on the command line; it used to be a note only, so a run over a
    /// folder with a dangling `bao-cao.txt` link exited 0 with that report missing.
    #[cfg(unix)]
    #[test]
    fn unreadable_report_files_in_a_walk_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("r");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(root.join("gone.txt"), root.join("b.txt")).unwrap();
        std::os::unix::fs::symlink(root.join("gone.png"), root.join("c.png")).unwrap();
        let mut notes = Vec::new();
        let (inputs, errors) = discover(&[root.display().to_string()], &mut |n| notes.push(n));
        assert_eq!(inputs, [Input::Path(root.join("a.txt"))]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].path(), root.join("b.txt").display().to_string());
        assert!(matches!(errors[0], Error::Io { .. }), "{:?}", errors[0]);
        // The dangling picture would have been skipped anyway: a verbose note.
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].message.contains("c.png") && !notes[0].always);
    }
}
