//! A guard against absurd nesting, run before any parser.

use super::{Location, SyntaxError};

/// No psephos file nests lists and mappings more than a few levels deep.
pub const MAX_NESTING: usize = 32;

/// Refuses absurdly nested flow collections (`[[[[…`) before the parser sees
/// them: libyaml takes time quadratic in their depth, so a few hundred
/// kilobytes of brackets would stall a build for minutes. One linear pass,
/// skipping comments and quoted text.
pub(super) fn check_nesting(text: &str) -> Result<(), SyntaxError> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut in_comment = false;
    let mut previous = '\n';
    let mut location = Location::START;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (_, '\n' | '\r') => in_comment = false,
            _ if in_comment => {}
            // An escaped character never ends a double-quoted string.
            (Some('"'), '\\') if chars.next_if(|next| *next != '\n').is_some() => {
                location.column += 1;
            }
            (Some('\''), '\'') if chars.peek() == Some(&'\'') => {
                chars.next();
                location.column += 1;
            }
            (Some(open), c) if c == open => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if starts_token(previous) => quote = Some(c),
            (None, '#') if previous.is_whitespace() => in_comment = true,
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(SyntaxError {
                        location,
                        message: format!(
                            "lists and mappings are nested more than {MAX_NESTING} deep here"
                        ),
                    });
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        // A lone `\r` ends a line too, as in old Mac files.
        if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
            location.line += 1;
            location.column = 1;
        } else if c != '\r' {
            location.column += 1;
        }
        previous = c;
    }
    Ok(())
}

/// Quoted text starts a value only where a token may start.
fn starts_token(previous: char) -> bool {
    previous.is_whitespace() || matches!(previous, '[' | '{' | ',' | ':' | '-' | '?')
}
