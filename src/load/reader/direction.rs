//! Direction marks in text from the data. An override or embedding left open
//! (`U+202E` RIGHT-TO-LEFT OVERRIDE with no `U+202C` after it) lasts, in a
//! browser, to the end of the paragraph: past the end of the name that held
//! it and over the words and figures psephos writes beside it, so an office
//! ending in one is followed by `)snoitcele 21(` for `(12 elections)`. Each
//! text is closed where it ends, so that what it does to direction stays
//! inside it.

/// Opens a run that `U+202C` POP DIRECTIONAL FORMATTING closes.
const EMBEDDINGS: [char; 4] = ['\u{202A}', '\u{202B}', '\u{202D}', '\u{202E}'];
/// Opens a run that `U+2069` POP DIRECTIONAL ISOLATE closes.
const ISOLATES: [char; 3] = ['\u{2066}', '\u{2067}', '\u{2068}'];
const POP_EMBEDDING: char = '\u{202C}';
const POP_ISOLATE: char = '\u{2069}';

/// `text` with the directional runs it leaves open closed at its end, in
/// the order the Unicode bidirectional algorithm (UAX #9, X1-X8) pairs them;
/// text that closes what it opens is returned as it is.
pub fn close_direction_runs(text: String) -> String {
    if !text
        .chars()
        .any(|c| EMBEDDINGS.contains(&c) || ISOLATES.contains(&c))
    {
        return text;
    }
    // true: an isolate; false: an embedding or override.
    let mut open: Vec<bool> = Vec::new();
    for c in text.chars() {
        if EMBEDDINGS.contains(&c) {
            open.push(false);
        } else if ISOLATES.contains(&c) {
            open.push(true);
        } else if c == POP_EMBEDDING {
            // Closes the innermost embedding, never across an isolate.
            if open.last() == Some(&false) {
                open.pop();
            }
        } else if c == POP_ISOLATE {
            // Closes the innermost isolate and the embeddings inside it.
            if let Some(at) = open.iter().rposition(|&isolate| isolate) {
                open.truncate(at);
            }
        }
    }
    let mut text = text;
    text.extend(open.iter().rev().map(|&isolate| match isolate {
        true => POP_ISOLATE,
        false => POP_EMBEDDING,
    }));
    text
}

#[cfg(test)]
mod tests {
    use super::close_direction_runs;

    fn closed(text: &str) -> String {
        close_direction_runs(text.to_owned())
    }

    #[test]
    fn an_override_left_open_is_closed_at_the_end() {
        assert_eq!(closed("Mayor \u{202E}RTL"), "Mayor \u{202E}RTL\u{202C}");
        assert_eq!(
            closed("\u{202B}a\u{202D}b"),
            "\u{202B}a\u{202D}b\u{202C}\u{202C}"
        );
        assert_eq!(closed("\u{2067}a"), "\u{2067}a\u{2069}");
    }

    #[test]
    fn runs_are_closed_innermost_first() {
        assert_eq!(
            closed("\u{202E}a\u{2068}b\u{202A}c"),
            "\u{202E}a\u{2068}b\u{202A}c\u{202C}\u{2069}\u{202C}"
        );
    }

    #[test]
    fn text_that_closes_what_it_opens_is_kept_as_it_is() {
        for text in [
            "Zoë Ćwik-Øster",
            "محمد علي",
            "\u{202E}evil\u{202C}",
            "\u{2066}a\u{202B}b\u{2069}",
            "\u{202C}\u{2069}stray closers",
        ] {
            assert_eq!(closed(text), text);
        }
    }

    #[test]
    fn a_pop_does_not_close_across_an_isolate() {
        // The PDF inside the isolate has no embedding of its own to close:
        // the override before the isolate is still open after it.
        assert_eq!(
            closed("\u{202E}a\u{2066}b\u{202C}\u{2069}"),
            "\u{202E}a\u{2066}b\u{202C}\u{2069}\u{202C}"
        );
    }
}
