//! How a failed command is told, the same way for every command: an error
//! with its cause and what to do about it, or the located problems found and
//! how many there were. The errors themselves hold plain words; how they are
//! painted is the caller's choice of [`Palette`] (plain in pipes and in the
//! preview's overlay).

use std::error::Error;

use crate::diagnostic::Diagnostic;
use crate::terminal::Palette;

/// An error that can say what the reader can do about it.
pub trait Advice: Error {
    /// What to do, when there is something to say.
    fn help(&self) -> Option<String> {
        None
    }
}

/// `error: what happened: why`, then ` = help: what to do` when there is
/// advice.
///
/// Only the error's immediate cause is added: the causes psephos wraps (an
/// I/O error, a template's error) tell their own story in full, and some
/// also return their inner error as a source, which would say it twice.
pub fn error_report(error: &dyn Advice, palette: Palette) -> String {
    let mut message = error.to_string();
    if let Some(cause) = error.source() {
        message = format!("{message}: {cause}");
    }
    error_line(&message, error.help().as_deref(), palette)
}

/// `error: message`, then ` = help: advice` when there is some.
pub fn error_line(message: &str, help: Option<&str>, palette: Palette) -> String {
    let mut out = format!("{}: {message}", palette.error("error"));
    if let Some(help) = help {
        out += &format!("\n = help: {help}");
    }
    out
}

/// Each problem in full, then how many there were, `what` saying where and
/// with what consequence (`in the content; nothing was written`).
pub fn problems_report(diagnostics: &[Diagnostic], what: &str, palette: Palette) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        out += &diagnostic.render_with(palette);
        out.push('\n');
    }
    out + &error_line(&found(diagnostics.len(), what), None, palette)
}

/// `found 3 problems in the election data`.
pub fn found(count: usize, what: &str) -> String {
    format!(
        "found {count} problem{} {what}",
        if count == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt;
    use std::io;

    #[derive(Debug)]
    struct Failed(io::Error);

    impl fmt::Display for Failed {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("could not write out/")
        }
    }

    impl Error for Failed {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            Some(&self.0)
        }
    }

    impl Advice for Failed {
        fn help(&self) -> Option<String> {
            Some("check the folder is writable".into())
        }
    }

    #[test]
    fn an_error_is_told_with_its_cause_and_advice() {
        let error = Failed(io::Error::other("disk full"));
        assert_eq!(
            error_report(&error, Palette::PLAIN),
            "error: could not write out/: disk full\n = help: check the folder is writable"
        );
        assert_eq!(
            error_report(&error, Palette { colour: true }),
            "\x1b[1;31merror\x1b[0m: could not write out/: disk full\n = help: check the folder is writable",
            "only the label is painted"
        );
    }

    #[test]
    fn problems_are_listed_then_counted() {
        assert_eq!(found(1, "in the content"), "found 1 problem in the content");
        assert_eq!(
            found(2, "in the content"),
            "found 2 problems in the content"
        );
        assert_eq!(
            problems_report(&[], "in the data", Palette::PLAIN),
            "error: found 0 problems in the data"
        );
    }
}
