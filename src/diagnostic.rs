//! Problems found in input files, told the way a good compiler tells them:
//! what is wrong, where (file, line, column, field), and what to do.

use std::fmt;
use std::path::PathBuf;

use crate::terminal::Palette;
use crate::yaml::Location;

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
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
            // One character for one, so the caret stays under its column.
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
                line.replace('\t', "    ")
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

/// Columns count characters; tabs are shown as four spaces.
fn caret_offset(line: &str, column: usize) -> usize {
    line.chars()
        .take(column.saturating_sub(1))
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

impl fmt::Display for Diagnostic {
    /// One line: `file:line:column: field: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.position(), self.headline())
    }
}

/// `location` moved inside `text`. The YAML library can place an error one
/// line past the last (at the end of a file without a final newline), or
/// past the end of a line; such a place points at the end of the text
/// instead, so the report can show the line it means.
pub fn inside(text: &str, location: Location) -> Location {
    TextLines::of(text).inside(location)
}

/// A text's lines, split once so that placing many problems in it does not
/// split it again for each.
pub struct TextLines<'t> {
    pub lines: Vec<&'t str>,
    ends_with_break: bool,
}

impl<'t> TextLines<'t> {
    pub fn of(text: &'t str) -> Self {
        TextLines {
            lines: lines(text),
            ends_with_break: text.is_empty() || text.ends_with(['\n', '\r']),
        }
    }

    /// Line `line` (from 1), without its ending.
    pub fn line(&self, line: usize) -> Option<String> {
        self.lines
            .get(line.checked_sub(1)?)
            .map(|l| (*l).to_owned())
    }

    /// See [`inside`].
    pub fn inside(&self, location: Location) -> Location {
        let all = &self.lines;
        // Just after a final line break is a place too: the empty last line.
        let last = all.len() + usize::from(self.ends_with_break);
        let line = location.line.clamp(1, last);
        let width = all.get(line - 1).map_or(0, |l| l.chars().count());
        let column = if line < location.line {
            width + 1
        } else {
            location.column.clamp(1, width + 1)
        };
        Location { line, column }
    }
}

/// Lines with their endings, which are `\n`, `\r\n` or a lone `\r` (old Mac
/// files), as YAML has them.
pub fn lines_with_ends(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = match rest.find(['\n', '\r']) {
            Some(at) if rest[at..].starts_with("\r\n") => at + 2,
            Some(at) => at + 1,
            None => rest.len(),
        };
        let (line, after) = rest.split_at(end);
        rest = after;
        Some(line)
    })
}

/// Where a byte offset of `text` is, as a line and column, lines breaking as
/// YAML breaks them (see [`lines`]).
pub fn location_at(text: &str, offset: usize) -> Location {
    let before = &text[..offset.min(text.len())];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |at| at + 1);
    let breaks = before.matches('\n').count() + before.matches('\r').count()
        - before.matches("\r\n").count();
    Location {
        line: breaks + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// The lines of `text` as YAML counts them: a line ends at `\n`, `\r\n` or
/// a lone `\r` (old Mac files). As with `str::lines`, a final line break
/// does not start another line.
pub fn lines(text: &str) -> Vec<&str> {
    let mut all: Vec<&str> = text
        .split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
        .collect();
    if all.last() == Some(&"") {
        all.pop();
    }
    all
}

/// The line of `text` at a 1-based line number.
pub fn line_of(text: &str, line: usize) -> Option<String> {
    lines(text)
        .get(line.checked_sub(1)?)
        .map(|l| (*l).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Diagnostic {
        Diagnostic {
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

    #[test]
    fn inside_moves_places_past_the_end_onto_the_text() {
        let at = |line, column| Location { line, column };
        assert_eq!(inside("a: 1\nb: [", at(3, 1)), at(2, 5));
        assert_eq!(inside("a: 1\n", at(2, 1)), at(2, 1));
        assert_eq!(inside("a: é\r\n", at(1, 9)), at(1, 5));
        assert_eq!(inside("", at(0, 0)), at(1, 1));
        assert_eq!(inside("a\nbc", at(2, 2)), at(2, 2));
        assert_eq!(inside("a\rb: [", at(2, 5)), at(2, 5));
    }

    #[test]
    fn byte_offsets_become_lines_and_columns() {
        let at = |line, column| Location { line, column };
        assert_eq!(location_at("ab\ncé d", 7), at(2, 4));
        assert_eq!(location_at("a\r\nb\rcd", 6), at(3, 2));
        assert_eq!(location_at("abc", 0), at(1, 1));
    }

    #[test]
    fn lines_end_where_yaml_ends_them() {
        assert_eq!(lines("a\nb\r\nc\rd\n"), ["a", "b", "c", "d"]);
        assert_eq!(lines("a\n\nb"), ["a", "", "b"]);
        assert_eq!(line_of("a\rb: [", 2).as_deref(), Some("b: ["));
    }

    #[test]
    fn line_of_is_one_based() {
        assert_eq!(line_of("a\nb\nc", 2).as_deref(), Some("b"));
        assert_eq!(line_of("a", 0), None);
        assert_eq!(line_of("a", 5), None);
    }
}
