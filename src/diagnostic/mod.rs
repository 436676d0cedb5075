//! Problems found in input files, told the way a good compiler tells them:
//! what is wrong, where (file, line, column, field), and what to do.

use std::fmt;
use std::path::PathBuf;

use unicode_width::UnicodeWidthChar;

use crate::terminal::Palette;
use crate::yaml::Location;

mod kind;
mod lines;

pub use kind::Kind;

pub use lines::{LineIndex, TextLines, inside, line_of, lines, lines_with_ends, location_at};

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// What went wrong, for code that must tell problems apart.
    pub kind: Kind,
    pub file: PathBuf,
    pub location: Location,
    /// The field path inside the file, as `areas[2].first.kevin-price`.
    pub field: Option<String>,
    pub message: String,
    pub help: Option<String>,
    /// The text of the offending line, to show under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// `file:line:column`.
    pub fn position(&self) -> String {
        format!(
            "{}:{}:{}",
            printable(&self.file.display().to_string()),
            self.location.line,
            self.location.column
        )
    }

    /// The message with the field path in front, when there is one.
    pub fn headline(&self) -> String {
        printable(&match &self.field {
            Some(field) if !field.is_empty() => format!("{field}: {}", self.message),
            _ => self.message.clone(),
        })
    }

    /// The full, multi-line report, without colour.
    pub fn render(&self) -> String {
        self.render_with(Palette::PLAIN)
    }

    /// The full report: what, where, the line with a caret under the column,
    /// and what to do.
    pub fn render_with(&self, palette: Palette) -> String {
        self.render_as(palette, palette.error("error"))
    }

    /// The same report for something worth fixing that stops nothing.
    pub fn render_warning_with(&self, palette: Palette) -> String {
        self.render_as(palette, palette.warning("warning"))
    }

    fn render_as(&self, palette: Palette, label: String) -> String {
        let mut out = format!("{label}: {}\n", palette.bold(&self.headline()));
        let gutter = self.location.line.to_string().len();
        let pad = " ".repeat(gutter);
        out += &format!("{pad}{} {}\n", palette.frame("-->"), self.position());
        if let Some(line) = &self.source_line {
            let (line, column) = window(line.trim_end(), self.location.column);
            // Control characters (but tabs) become one replacement character
            // each, so they cannot drive the terminal; tabs are expanded below,
            // in the line and under it alike.
            let line: String = line
                .chars()
                .map(|c| {
                    if c.is_control() && c != '\t' {
                        '\u{fffd}'
                    } else {
                        c
                    }
                })
                .collect();
            let caret_at = caret_offset(&line, column);
            let bar = palette.frame("|");
            out += &format!("{pad} {bar}\n");
            out += &format!(
                "{} {bar} {}\n",
                palette.frame(&self.location.line.to_string()),
                line.replace('\t', &" ".repeat(TAB_WIDTH))
            );
            out += &format!(
                "{pad} {bar} {}{}\n",
                " ".repeat(caret_at),
                palette.error("^")
            );
        }
        if let Some(help) = &self.help {
            out += &format!("{pad} {} {}\n", palette.help("= help:"), printable(help));
        }
        out
    }
}

/// Text from file names and data with control characters written out as
/// `\u{1b}`: an escape sequence in a file name must not drive the terminal.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Shown lines are at most this many characters either side of the column.
const WINDOW: usize = 60;

/// The part of a long line around `column` (a line of 100,000 brackets is
/// no help on a terminal), and the column within that part.
fn window(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let start = at.saturating_sub(WINDOW);
    let end = (at + WINDOW).min(chars.len());
    if start == 0 && end == chars.len() {
        return (line.to_owned(), column);
    }
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, at - start + 1 + usize::from(start > 0))
}

/// Tabs are shown as this many spaces, in the line and under it alike.
const TAB_WIDTH: usize = 4;

/// How far the caret sits from the start of the shown line: columns count
/// characters, but a terminal gives a tab [`TAB_WIDTH`] cells (it is shown
/// expanded), a wide character (CJK, most emoji) two and a combining mark
/// none, so the caret is padded by the width of what comes before it.
fn caret_offset(line: &str, column: usize) -> usize {
    line.chars()
        .take(column.saturating_sub(1))
        .map(|c| match c {
            '\t' => TAB_WIDTH,
            c => c.width().unwrap_or(0),
        })
        .sum()
}

impl fmt::Display for Diagnostic {
    /// One line: `file:line:column: field: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.position(), self.headline())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Diagnostic {
        Diagnostic {
            kind: Kind::MissingVotes,
            file: PathBuf::from("elections/x/election.yaml"),
            location: Location {
                line: 12,
                column: 11,
            },
            field: Some("areas[0].first".into()),
            message: "kevin-price is missing".into(),
            help: Some("add `kevin-price: 0` if they had no votes here".into()),
            source_line: Some("    first: {ann: 1}".into()),
        }
    }

    #[test]
    fn one_line_form_names_file_line_column_and_field() {
        assert_eq!(
            sample().to_string(),
            "elections/x/election.yaml:12:11: areas[0].first: kevin-price is missing"
        );
    }

    #[test]
    fn full_form_shows_the_line_with_a_caret_under_the_column() {
        let expected = "\
error: areas[0].first: kevin-price is missing
  --> elections/x/election.yaml:12:11
   |
12 |     first: {ann: 1}
   |           ^
   = help: add `kevin-price: 0` if they had no votes here
";
        assert_eq!(sample().render(), expected);
    }

    #[test]
    fn colour_marks_the_parts_but_keeps_the_text() {
        let coloured = sample().render_with(Palette { colour: true });
        assert!(
            coloured.starts_with("\x1b[1;31merror\x1b[0m: "),
            "{coloured}"
        );
        assert!(coloured.contains("\x1b[1;36m= help:\x1b[0m"), "{coloured}");
        let stripped: String = coloured
            .split('\x1b')
            .enumerate()
            .map(|(i, part)| {
                if i == 0 {
                    part
                } else {
                    part.split_once('m').map_or("", |(_, rest)| rest)
                }
            })
            .collect();
        assert_eq!(stripped, sample().render());
    }

    #[test]
    fn long_lines_are_shown_around_the_column() {
        let mut d = sample();
        d.source_line = Some(format!("zz: {}", "[".repeat(1000)));
        d.location.column = 500;
        let shown = d.render();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[3], format!("12 | …{}…", "[".repeat(120)));
        assert_eq!(lines[4].find('^'), Some(5 + 61));
    }

    #[test]
    fn tabs_are_shown_as_spaces_with_the_caret_under_the_column() {
        let mut d = sample();
        d.source_line = Some("\tname: x".into());
        d.location.column = 8;
        let shown = d.render();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[3], "12 |     name: x");
        assert_eq!(lines[4], "   |           ^");
    }

    #[test]
    fn wide_characters_take_two_cells_and_combining_marks_none() {
        let mut d = sample();
        // 投票 and 👍 are two cells wide each; the é is an e and a combining
        // accent, one cell for two characters.
        d.source_line = Some("name: 投票 e\u{301} 👍 x".into());
        d.location.column = 14;
        let shown = d.render();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[3], "12 | name: 投票 e\u{301} 👍 x");
        assert_eq!(lines[4], format!("   | {}^", " ".repeat(15)));
    }

    #[test]
    fn tabs_inside_a_line_and_wide_characters_together() {
        let mut d = sample();
        d.source_line = Some("a:\t投\tx".into());
        d.location.column = 6;
        let shown = d.render();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[3], "12 | a:    投    x");
        assert_eq!(lines[4], format!("   | {}^", " ".repeat(2 + 4 + 2 + 4)));
    }

    #[test]
    fn control_characters_from_names_and_data_never_reach_the_terminal() {
        let mut d = sample();
        d.file = PathBuf::from("content/news/\u{1b}[2Jevil.md");
        d.message = "no election has the slug `\u{1b}]0;title\u{7}`".into();
        d.source_line = Some("x: \u{1b}[31mred".into());
        d.location.column = 4;
        let shown = d.render();
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{shown:?}"
        );
        assert!(
            shown.contains("content/news/\\u{1b}[2Jevil.md:12:4"),
            "{shown}"
        );
        assert!(
            shown.contains("12 | x: \u{fffd}[31mred\n   |    ^"),
            "{shown}"
        );
    }
}
