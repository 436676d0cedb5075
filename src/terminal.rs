//! How output looks in a terminal: colour only when writing to one, and never
//! when `NO_COLOR` is set (https://no-color.org) or `TERM` is `dumb`.

use std::io::IsTerminal;

/// Wraps text in ANSI styles, or leaves it plain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub colour: bool,
}

impl Palette {
    pub const PLAIN: Palette = Palette { colour: false };

    /// Colour for standard error when it is a terminal and nothing forbids it.
    pub fn for_stderr() -> Palette {
        Palette {
            colour: std::io::stderr().is_terminal() && colour_allowed(|k| std::env::var_os(k)),
        }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    pub fn error(self, text: &str) -> String {
        self.paint("1;31", text)
    }

    pub fn warning(self, text: &str) -> String {
        self.paint("1;33", text)
    }

    pub fn success(self, text: &str) -> String {
        self.paint("1;32", text)
    }

    /// Arrows, gutters and line numbers.
    pub fn frame(self, text: &str) -> String {
        self.paint("1;34", text)
    }

    pub fn help(self, text: &str) -> String {
        self.paint("1;36", text)
    }

    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }
}

/// The environment permits colour: `NO_COLOR` unset or empty, `TERM` not dumb.
fn colour_allowed(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    let no_colour = var("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = var("TERM").is_some_and(|v| v == "dumb");
    !no_colour && !dumb
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<OsString> {
        move |key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn no_color_and_dumb_terminals_turn_colour_off() {
        assert!(colour_allowed(env(&[])));
        assert!(
            colour_allowed(env(&[("NO_COLOR", "")])),
            "an empty NO_COLOR is unset"
        );
        assert!(!colour_allowed(env(&[("NO_COLOR", "1")])));
        assert!(!colour_allowed(env(&[("TERM", "dumb")])));
    }

    #[test]
    fn plain_text_has_no_escape_codes() {
        assert_eq!(Palette::PLAIN.error("error"), "error");
        assert_eq!(
            Palette { colour: true }.error("error"),
            "\x1b[1;31merror\x1b[0m"
        );
    }
}
