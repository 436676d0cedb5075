//! Why a build failed: in words, with no terminal styling; what to do about
//! it ([`Advice`]); and the whole report as a terminal or the preview shows
//! it ([`BuildError::report`]).

use std::error::Error;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, printable};
use crate::open_data::DataError;
use crate::problems::{Advice, error_report, found, problems_report};
use crate::terminal::Palette;

/// What a build with problems in the content says after listing them.
const NOTHING_WRITTEN: &str = "in the content; nothing was written";

#[derive(Debug)]
pub enum BuildError {
    /// Problems in the content, each located.
    Content(Vec<Diagnostic>),
    /// The output folder would overwrite the site itself.
    UnsafeOutput {
        out: PathBuf,
        why: String,
    },
    /// The output folder holds files psephos did not put there, which the
    /// build would delete; `--force` allows it.
    ForeignOutput {
        out: PathBuf,
        /// The first few names in it.
        names: Vec<String>,
        count: usize,
    },
    Render(askama::Error),
    /// An open-data file (results JSON or CSV) could not be made.
    Data(DataError),
    /// An election's result card could not be drawn (a bug: psephos made
    /// its SVG).
    Card {
        path: String,
        error: crate::card::RasterError,
    },
    /// A file of the site's own could not be read.
    Read {
        path: PathBuf,
        error: io::Error,
    },
    Write {
        out: PathBuf,
        error: io::Error,
    },
}

impl BuildError {
    /// The error in full: each problem in the content with its line and
    /// caret, or what went wrong and what to do.
    pub fn report(&self, palette: Palette) -> String {
        match self {
            BuildError::Content(diagnostics) => {
                problems_report(diagnostics, NOTHING_WRITTEN, palette)
            }
            other => error_report(other, palette),
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Content(diagnostics) => {
                write!(f, "{}", found(diagnostics.len(), NOTHING_WRITTEN))?;
                for diagnostic in diagnostics {
                    write!(f, "\n{diagnostic}")?;
                }
                Ok(())
            }
            BuildError::UnsafeOutput { out, why } => write!(
                f,
                "will not write the site to {}: {}",
                shown(out),
                printable(why)
            ),
            BuildError::ForeignOutput { out, names, count } => {
                let more = count.saturating_sub(names.len());
                let and_more = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                let s = if *count == 1 { "" } else { "s" };
                write!(
                    f,
                    "will not replace {}: it holds {count} file{s} or folder{s} that psephos did not write, or that changed since it wrote them: {}{and_more}",
                    shown(out),
                    printable(&names.join(", ")),
                )
            }
            BuildError::Render(_) => write!(f, "a page could not be rendered"),
            BuildError::Data(error) => write!(f, "{error}"),
            BuildError::Card { path, error } => write!(
                f,
                "the result card {} could not be drawn: {error}",
                printable(path)
            ),
            BuildError::Read { path, .. } => write!(f, "could not read {}", shown(path)),
            BuildError::Write { out, .. } => {
                write!(f, "could not write the site to {}", shown(out))
            }
        }
    }
}

impl Error for BuildError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            BuildError::Render(error) => Some(error),
            BuildError::Data(error) => error.source(),
            BuildError::Card { error, .. } => Some(error),
            BuildError::Read { error, .. } | BuildError::Write { error, .. } => Some(error),
            BuildError::Content(_)
            | BuildError::UnsafeOutput { .. }
            | BuildError::ForeignOutput { .. } => None,
        }
    }
}

impl Advice for BuildError {
    fn help(&self) -> Option<String> {
        match self {
            BuildError::UnsafeOutput { .. } => {
                Some("choose an output folder of its own, such as public/".into())
            }
            BuildError::ForeignOutput { out, .. } => Some(format!(
                "a build replaces its output folder whole, deleting everything in it. Choose a new or empty folder with --out, or pass --force to delete what {} holds and build there",
                shown(out)
            )),
            BuildError::Read { .. } => {
                Some("check that the file is readable; nothing was written".into())
            }
            BuildError::Write { .. } => {
                Some("check the folder is writable; the previous output is unchanged".into())
            }
            BuildError::Card { .. } => {
                Some("this is a bug in psephos: please report it, with the election's data".into())
            }
            BuildError::Content(_) | BuildError::Render(_) | BuildError::Data(_) => None,
        }
    }
}

/// A path as shown on a terminal: an escape sequence in a file name is
/// written out, never sent.
pub(super) fn shown(path: &Path) -> String {
    printable(&path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::Location;

    fn problem(message: &str) -> Diagnostic {
        Diagnostic {
            kind: crate::diagnostic::Kind::Syntax,
            file: PathBuf::from("content/site.yaml"),
            location: Location::START,
            field: None,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    #[test]
    fn the_message_has_no_label_and_the_cause_is_its_source() {
        let error = BuildError::Write {
            out: PathBuf::from("public"),
            error: io::Error::other("disk full"),
        };
        assert_eq!(error.to_string(), "could not write the site to public");
        assert_eq!(
            error.source().map(|e| e.to_string()).as_deref(),
            Some("disk full")
        );
        assert_eq!(
            error.report(Palette::PLAIN),
            "error: could not write the site to public: disk full\n = help: check the folder is writable; the previous output is unchanged"
        );
    }

    #[test]
    fn problems_in_the_content_are_each_named() {
        let error = BuildError::Content(vec![problem("one"), problem("two")]);
        assert_eq!(
            error.to_string(),
            "found 2 problems in the content; nothing was written\ncontent/site.yaml:1:1: one\ncontent/site.yaml:1:1: two"
        );
        let report = error.report(Palette::PLAIN);
        assert!(report.starts_with("error: one\n"), "{report}");
        assert!(
            report.ends_with("\nerror: found 2 problems in the content; nothing was written"),
            "{report}"
        );
    }

    #[test]
    fn names_from_the_disk_cannot_drive_the_terminal() {
        let error = BuildError::UnsafeOutput {
            out: PathBuf::from("out\u{1b}[2J"),
            why: "it is a file".into(),
        };
        assert!(!error.to_string().contains('\u{1b}'));
        assert!(!error.report(Palette::PLAIN).contains('\u{1b}'));
    }
}
