//! Advice for the YAML mistakes people actually make when typing results by
//! hand. Some of them parse without complaint into something else (a colour
//! after `#` is a comment; `4,120` inside `{…}` is two entries), so they are
//! looked for in the text itself, where the typed characters still are.

use crate::diagnostic::lines;
use crate::yaml::Location;

/// A mistake found in the text, with what to do about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Hint {
    pub location: Location,
    pub message: String,
    pub help: String,
}

/// Every typing mistake in `text` that YAML would silently misread.
pub fn misreadings(text: &str) -> Vec<Hint> {
    let mut hints = Vec::new();
    for (index, line) in lines(text).into_iter().enumerate() {
        let code = without_comment(line);
        hints.extend(unquoted_colour(line, code, index + 1));
        hints.extend(grouped_numbers_in_flow(code, index + 1));
    }
    hints
}

/// The help for a YAML syntax error, from the line it was found on.
pub fn syntax_help(message: &str, line: Option<&str>) -> String {
    let line = line.unwrap_or_default();
    let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
    if indent.contains('\t') || message.contains("tab character") {
        return "use spaces to indent, not tabs: YAML does not allow tabs there (most editors can be set to insert spaces)".into();
    }
    if message.contains("expected ',' or '}'") || message.contains("expected ',' or ']'") {
        return "check that every `[` and `{` is closed; inside them a comma or `: ` ends a value, so put any value that holds one in quotes, like `name: \"Banks, Jo\"`".into();
    }
    if message.contains("nested more than") {
        return "no psephos file needs more than a few levels: look for stray `[` or `{`".into();
    }
    if message.contains("mapping values are not allowed") {
        return "a value that holds `: ` must be in quotes, like `name: \"Jo: Banks\"`".into();
    }
    "check the indentation and punctuation on this line and the one before".into()
}

/// Where a repeated key is: the parser points at the start of the mapping
/// that holds it, which may be many lines above.
pub fn repeated_key(text: &str, message: &str, mapping_line: usize) -> Option<Location> {
    let key = message
        .split("duplicate entry with key \"")
        .nth(1)?
        .split('"')
        .next()?;
    let mut seen_at: Option<usize> = None;
    for (index, line) in lines(text)
        .into_iter()
        .enumerate()
        .skip(mapping_line.saturating_sub(1))
    {
        let indent = line.len() - line.trim_start_matches([' ', '-']).len();
        let rest = &line[indent..];
        let is_key = rest
            .strip_prefix(key)
            .or_else(|| rest.strip_prefix(&format!("\"{key}\"")))
            .is_some_and(|after| after.trim_start().starts_with(':'));
        if !is_key {
            continue;
        }
        match seen_at {
            None => seen_at = Some(indent),
            Some(first) if first == indent => {
                return Some(Location {
                    line: index + 1,
                    column: line[..indent].chars().count() + 1,
                });
            }
            Some(_) => {}
        }
    }
    None
}

/// `colour: #1d70b8` reads as no colour at all: `#` starts a comment.
fn unquoted_colour(line: &str, code: &str, line_number: usize) -> Option<Hint> {
    // The comment that swallowed the colour starts right after `: `.
    let at = code.len().checked_sub(2)?;
    if line.get(at..at + 3) != Some(": #") {
        return None;
    }
    let hex: String = line[at + 3..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    let after = line[at + 3 + hex.len()..].chars().next();
    if !matches!(hex.len(), 3 | 6) || after.is_some_and(|c| !matches!(c, ' ' | ',' | '}' | '\r')) {
        return None;
    }
    Some(Hint {
        location: Location {
            line: line_number,
            column: line[..at + 2].chars().count() + 1,
        },
        message: format!(
            "`#{hex}` is read as a comment, so this has no value: in YAML `#` starts a comment"
        ),
        help: format!("put the colour in quotes: \"#{hex}\""),
    })
}

/// `{alex-rivers: 4,120}` is a mapping of `alex-rivers: 4` and `120:`.
fn grouped_numbers_in_flow(code: &str, line_number: usize) -> Vec<Hint> {
    let mut hints = Vec::new();
    let mut depth = 0i32;
    for (at, c) in unquoted(code) {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ':' if depth > 0 => {
                let value = code[at + 1..].trim_start();
                if let Some(number) = grouped_number(value) {
                    let start = code.len() - value.len();
                    hints.push(grouped_hint(
                        number,
                        code[..start].chars().count() + 1,
                        line_number,
                    ));
                }
            }
            _ => {}
        }
    }
    hints
}

fn grouped_hint(number: &str, column: usize, line: usize) -> Hint {
    let mut parts = number.split(',');
    let head = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();

    Hint {
        location: Location { line, column },
        message: format!(
            "`{number}`: inside `{{…}}` a comma separates entries, so this is read as {head}, then {} as {}",
            rest.join(", "),
            if rest.len() == 1 { "a name" } else { "names" }
        ),
        help: format!(
            "write the number without commas: {}",
            number.replace(',', "")
        ),
    }
}

/// A number written with thousands separators at the start of `value`.
fn grouped_number(value: &str) -> Option<&str> {
    let end = value
        .find(|c: char| !(c.is_ascii_digit() || c == ','))
        .unwrap_or(value.len());
    let number = value[..end].trim_end_matches(',');
    let mut groups = number.split(',');
    let head = groups.next()?;
    let tail: Vec<&str> = groups.collect();
    let well_formed =
        (1..=3).contains(&head.len()) && !tail.is_empty() && tail.iter().all(|g| g.len() == 3);
    well_formed.then_some(number)
}

/// The part of a line before any comment, leaving quoted text alone.
fn without_comment(line: &str) -> &str {
    let comment = unquoted(line)
        .find(|&(at, c)| c == '#' && (at == 0 || line[..at].ends_with(char::is_whitespace)));
    comment.map_or(line, |(at, _)| &line[..at])
}

/// The characters of a line outside quoted text, with their byte offsets.
/// A quote opens text only where a YAML value can start (so `O'Brien` is
/// not quoted text).
fn unquoted(line: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut quote = None;
    let mut previous = ' ';
    line.char_indices().filter(move |&(_, c)| {
        let outside = match quote {
            Some(open) => {
                if c == open {
                    quote = None;
                }
                false
            }
            None if matches!(c, '"' | '\'')
                && (previous.is_whitespace() || "[{,:".contains(previous)) =>
            {
                quote = Some(c);
                false
            }
            None => true,
        };
        previous = c;
        outside
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Location {
        Location { line, column }
    }

    #[test]
    fn an_unquoted_colour_is_found_in_block_and_flow_style() {
        let hints =
            misreadings("parties:\n  - id: a\n    colour: #1d70b8\n  - {id: b, colour: #fff}\n");
        assert_eq!(hints.len(), 2, "{hints:?}");
        assert_eq!(hints[0].location, at(3, 13));
        assert_eq!(hints[0].help, "put the colour in quotes: \"#1d70b8\"");
        assert_eq!(hints[1].location, at(4, 21));
    }

    #[test]
    fn quoted_colours_and_real_comments_are_left_alone() {
        assert!(misreadings("colour: \"#1d70b8\"\nname: x # note: #abc\nx: # fff\n").is_empty());
    }

    #[test]
    fn thousands_separators_in_flow_mappings_are_found() {
        let hints = misreadings("first: {alex-rivers: 4,120, sam: 12,345,678, jo: 19}\n");
        assert_eq!(hints.len(), 2, "{hints:?}");
        assert_eq!(hints[0].location, at(1, 22));
        assert_eq!(hints[0].help, "write the number without commas: 4120");
        assert_eq!(hints[1].help, "write the number without commas: 12345678");
        assert!(
            hints[0].message.contains("read as 4, then 120 as a name"),
            "{}",
            hints[0].message
        );
    }

    #[test]
    fn an_apostrophe_inside_a_name_does_not_hide_what_follows() {
        let hints =
            misreadings("first: {o-brien: 4,120} # O'Brien's\nx: {name: O'Brien, n: 1,000}\n");
        assert_eq!(hints.len(), 2, "{hints:?}");
        assert_eq!(hints[1].location, at(2, 23));
    }

    #[test]
    fn plain_numbers_lists_and_block_values_are_not_flagged() {
        let text = "first: {a: 4120, b: 3}\nlist: [1,200]\nblock: 4,120\nname: {id: x, name: \"a: 1,000\"}\n";
        assert!(misreadings(text).is_empty(), "{:?}", misreadings(text));
    }

    #[test]
    fn a_repeated_key_is_found_below_its_mapping() {
        let text = "title: A\nareas:\n  - id: n\n    name: N\n    id: m\ntitle: B\n";
        let message = "duplicate entry with key \"title\"";
        assert_eq!(repeated_key(text, message, 1), Some(at(6, 1)));
        let message = "duplicate entry with key \"id\"";
        assert_eq!(repeated_key(text, message, 3), Some(at(5, 5)));
        assert_eq!(repeated_key(text, "something else", 1), None);
    }

    #[test]
    fn syntax_help_names_tabs_and_quoting() {
        assert!(syntax_help("found a tab character", Some("\tname: x")).starts_with("use spaces"));
        assert!(
            syntax_help("did not find expected ',' or '}'", Some("{name: Jo: B}"))
                .contains("in quotes")
        );
        assert!(
            syntax_help("mapping values are not allowed in this context", None).contains("quotes")
        );
        assert!(syntax_help("anything else", None).starts_with("check the indentation"));
    }
}
