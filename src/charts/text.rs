//! Fitting text into the room a chart gives it: the one shortener and the one
//! word wrapper of the charts. Widths are in characters, which is as close as
//! we can get without knowing the reader's font.

/// `text` in at most `chars` characters: a longer one is cut and ends in "…".
pub fn shorten(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(chars.saturating_sub(1)).collect();
    short.push('…');
    short
}

/// `text` on at most `most` lines of about `width` characters, broken between
/// words or after a hyphen ("Non-" / "transferable"); a longer one is
/// shortened on its last line. A word longer than `width` keeps a line of its
/// own rather than be broken.
pub fn wrap(text: &str, width: usize, most: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        for (i, piece) in word.split_inclusive('-').enumerate() {
            let joint = if i == 0 { " " } else { "" };
            match lines.last_mut() {
                Some(line)
                    if line.chars().count() + joint.len() + piece.chars().count() <= width =>
                {
                    line.push_str(joint);
                    line.push_str(piece);
                }
                _ => lines.push(piece.to_owned()),
            }
        }
    }
    if lines.len() > most {
        lines.truncate(most);
        if let Some(last) = lines.last_mut() {
            *last = format!("{}…", shorten(last, width).trim_end_matches('…'));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_kept_and_long_text_cut_to_the_limit() {
        assert_eq!(shorten("Fenland", 7), "Fenland");
        assert_eq!(shorten("Peterborough", 7), "Peterb…");
        assert_eq!(shorten("Peterborough", 7).chars().count(), 7);
    }

    #[test]
    fn labels_wrap_between_words_and_after_hyphens() {
        assert_eq!(wrap("Non-transferable", 12, 3), ["Non-", "transferable"]);
        assert_eq!(
            wrap("South Cambridgeshire", 15, 3),
            ["South", "Cambridgeshire"]
        );
        assert_eq!(wrap("a b c d", 1, 2), ["a", "b…"]);
        assert!(wrap("", 12, 3).is_empty());
    }
}
