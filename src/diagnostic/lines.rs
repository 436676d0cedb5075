//! Lines of a text as YAML counts them (a line ends at `\n`, `\r\n` or a
//! lone `\r`), and places in it: split once per file, so that placing many
//! problems does not rescan the text for each.

use crate::yaml::Location;

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

/// Where every line of a text starts, found in one pass; placing a byte
/// offset is then a binary search, so placing N problems in a file costs
/// one scan of it plus N lookups.
pub struct LineIndex<'t> {
    text: &'t str,
    /// The byte offset of each line's start, the first at 0. After a final
    /// line break, the empty place at the end counts as a line start too.
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn of(text: &'t str) -> Self {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        for (at, &byte) in bytes.iter().enumerate() {
            let ends_line = byte == b'\n' || (byte == b'\r' && bytes.get(at + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(at + 1);
            }
        }
        LineIndex { text, starts }
    }

    /// The 1-based number of the line holding byte `offset`.
    pub fn line_number(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }

    /// Line `number` (from 1) without its ending; None past the last line
    /// (the empty place after a final line break is not a line).
    pub fn line(&self, number: usize) -> Option<&'t str> {
        let start = *self.starts.get(number.checked_sub(1)?)?;
        if start >= self.text.len() {
            return None;
        }
        let rest = &self.text[start..];
        Some(rest.split(['\n', '\r']).next().unwrap_or_default())
    }

    /// Where a byte offset is, as a line and a column counted in characters.
    pub fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let line = self.line_number(offset);
        let start = self.starts[line - 1];
        Location {
            line,
            column: self.text[start..offset].chars().count() + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_line_index_agrees_with_scanning_from_the_start() {
        for text in [
            "",
            "a",
            "a\n",
            "ab\ncé d",
            "a\r\nb\rcd",
            "a\n\nb\r\n\r\n",
            "a\rb\r",
        ] {
            let index = LineIndex::of(text);
            for offset in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                // Inside a `\r\n` the break has not happened yet for one and
                // has for the other; no place points there.
                if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
                    continue;
                }
                assert_eq!(
                    index.location(offset),
                    location_at(text, offset),
                    "{text:?} at {offset}"
                );
            }
            for line in 0..6 {
                assert_eq!(
                    index.line(line).map(str::to_owned),
                    line_of(text, line),
                    "{text:?} line {line}"
                );
            }
        }
    }
}
