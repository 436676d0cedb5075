//! Scalar values: text, numbers of votes, dates and times, web addresses
//! and ids, each checked as it is read.

use super::direction::close_direction_runs;
use super::{AS_TYPED, Problems, list};
use crate::diagnostic::Kind;
use crate::model::{Date, Votes, is_slug};
use crate::time::Moment;
use crate::yaml::{Node, Path};

/// No single count comes near this (it is more than the world's population);
/// capping figures here keeps every sum far from overflowing.
pub const MAX_VOTES: u64 = 10_000_000_000;

/// Non-empty text. Numbers are accepted as text (a title may be `2017`).
pub fn text(node: &Node, path: &Path, problems: &mut Problems) -> Option<String> {
    let found = match node {
        Node::Str(s) => s.trim().to_owned(),
        Node::Int(i) => i.to_string(),
        Node::Float(f) => f.to_string(),
        other => {
            problems.value(
                Kind::WrongType,
                path,
                format!("expected text, found {}", other.kind()),
                "write the text after the colon; put it in quotes if it starts with a symbol",
            );
            return None;
        }
    };
    if found.is_empty() {
        problems.value(
            Kind::Empty,
            path,
            "this must not be empty",
            "write the text after the colon",
        );
        return None;
    }
    // Control characters cannot appear in XML (the feeds) and show as
    // nothing or garbage in a page: they come from a bad copy and paste.
    if let Some(c) = found
        .chars()
        .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        problems.value(
            Kind::ControlCharacter,
            path,
            format!(
                "this text holds the invisible control character U+{:04X}",
                u32::from(c)
            ),
            "retype the text: control characters usually come from copying out of another program",
        );
        return None;
    }
    Some(close_direction_runs(found))
}

/// A whole, non-negative number of votes or ballot papers.
pub fn votes(node: &Node, path: &Path, problems: &mut Problems) -> Option<Votes> {
    match node {
        Node::Int(n) if *n < 0 => {
            problems.value(
                Kind::InvalidNumber,
                path,
                format!("{n} is less than zero; a number of votes is zero or more"),
                "give the number of votes as declared, 0 or more",
            );
            None
        }
        Node::Int(n) => match u64::try_from(*n) {
            Ok(n) if n <= MAX_VOTES => Some(Votes(n)),
            _ => {
                problems.value(
                    Kind::InvalidNumber,
                    path,
                    format!("{n} is too large to be a number of votes"),
                    "check the figure against the declaration",
                );
                None
            }
        },
        Node::Float(f) => {
            let help = if f.fract() == 0.0 && f.abs() <= MAX_VOTES as f64 {
                format!("write it without the decimal point: {f:.0}")
            } else {
                "give the whole number as declared".to_owned()
            };
            problems.typed_value(
                Kind::InvalidNumber,
                path,
                format!(
                    "`{AS_TYPED}` is not a whole number; votes are counted in whole ballot papers"
                ),
                help,
                format!("{f:?}"),
            );
            None
        }
        Node::Str(s) if looks_like_grouped_number(s) => {
            let digits = s.replace([',', ' ', '_'], "");
            let help = if digits == *s {
                // Quoted, or with a leading zero, YAML keeps it as text.
                let plain = s.trim_start_matches('0');
                format!(
                    "write it as a plain number, without quotes or leading zeros: {}",
                    if plain.is_empty() { "0" } else { plain }
                )
            } else {
                format!("write it without separators: {digits}")
            };
            problems.value(
                Kind::InvalidNumber,
                path,
                format!("\"{s}\" is text, not a number"),
                help,
            );
            None
        }
        other => {
            problems.value(
                Kind::WrongType,
                path,
                format!("expected a whole number of votes, found {}", other.kind()),
                "give the number of votes as declared, 0 or more",
            );
            None
        }
    }
}

fn looks_like_grouped_number(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | ' ' | '_' | '-'))
}

/// A `YYYY-MM-DD` date.
pub fn date(node: &Node, path: &Path, problems: &mut Problems) -> Option<Date> {
    let text = text(node, path, problems)?;
    let date = Date::parse(&text);
    if date.is_none() {
        problems.value(
            Kind::InvalidDate,
            path,
            format!("`{text}` is not a valid date"),
            "write the date as YYYY-MM-DD, for example 2017-05-04",
        );
    }
    date
}

/// A date with a time, or a date alone: `2026-06-20T01:42`.
pub fn moment(node: &Node, path: &Path, problems: &mut Problems) -> Option<Moment> {
    let text = text(node, path, problems)?;
    let moment = Moment::parse(&text);
    if moment.is_none() {
        problems.value(
            Kind::InvalidDate,
            path,
            format!("`{text}` is not a valid date or date and time"),
            "write the date as YYYY-MM-DD (2026-06-20), or the date and time as YYYY-MM-DDTHH:MM (2026-06-20T01:42, UK time; seconds and an offset such as Z or +01:00 may follow)",
        );
    }
    moment
}

/// A web address.
pub fn url(node: &Node, path: &Path, problems: &mut Problems) -> Option<String> {
    let url = text(node, path, problems)?;
    if url.starts_with("https://") || url.starts_with("http://") {
        Some(url)
    } else {
        problems.value(
            Kind::InvalidAddress,
            path,
            format!("`{url}` is not a web address"),
            "give the full address, starting with https://",
        );
        None
    }
}

/// A list of ids.
pub fn slugs(node: &Node, path: &Path, what: &str, problems: &mut Problems) -> Option<Vec<String>> {
    let items = list(node, path, what, problems)?;
    let ids: Vec<Option<String>> = items
        .iter()
        .map(|(item, path)| slug(item, path, problems))
        .collect();
    ids.into_iter().collect()
}

/// An id: a lowercase slug.
pub fn slug(node: &Node, path: &Path, problems: &mut Problems) -> Option<String> {
    let Node::Str(id) = node else {
        problems.value(
            Kind::WrongType,
            path,
            format!("expected an id, found {}", node.kind()),
            "ids are lowercase words joined by hyphens, like `kevin-price`",
        );
        return None;
    };
    if !is_slug(id) {
        problems.value(
            Kind::InvalidId,
            path,
            format!("`{id}` is not a valid id"),
            format!(
                "ids are lowercase letters and digits in words joined by single hyphens; try `{}`",
                slugify(id)
            ),
        );
        return None;
    }
    Some(id.clone())
}

/// A suggestion for a string that is not a slug.
pub fn slugify(text: &str) -> String {
    let slug = crate::model::hyphenated_words(text, |c| c.is_ascii_alphanumeric());
    if slug.is_empty() {
        "candidate-name".to_owned()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::reader::Problem;

    fn read_votes(node: Node) -> (Option<Votes>, Vec<Problem>) {
        let mut problems = Problems::default();
        let v = votes(&node, &Path::root().key("n"), &mut problems);
        (v, problems.0)
    }

    #[test]
    fn votes_must_be_whole_non_negative_numbers() {
        assert_eq!(read_votes(Node::Int(5384)).0, Some(Votes(5384)));
        assert_eq!(read_votes(Node::Int(0)).0, Some(Votes(0)));
        let (v, problems) = read_votes(Node::Int(-3));
        assert_eq!(v, None);
        assert_eq!(
            problems[0].message,
            "-3 is less than zero; a number of votes is zero or more"
        );
        let (_, problems) = read_votes(Node::Float(12.5));
        assert!(problems[0].message.contains("not a whole number"));
        let (_, problems) = read_votes(Node::Float(4120.0));
        let wording = problems[0]
            .clone()
            .into_wording(Some("  n: 4120.00 # note"), 6);
        assert_eq!(
            wording.message,
            "`4120.00` is not a whole number; votes are counted in whole ballot papers"
        );
        assert_eq!(
            wording.help.as_deref(),
            Some("write it without the decimal point: 4120")
        );
        let unplaced = problems[0].clone().into_wording(None, 1);
        assert!(
            unplaced.message.starts_with("`4120.0` is not"),
            "{}",
            unplaced.message
        );
        let (_, problems) = read_votes(Node::Str("5,384".into()));
        assert_eq!(
            problems[0].help.as_deref(),
            Some("write it without separators: 5384")
        );
        let (_, problems) = read_votes(Node::Int(i128::from(u64::MAX) + 1));
        assert!(problems[0].message.contains("too large"));
    }

    #[test]
    fn slugs_get_a_suggested_spelling() {
        let mut problems = Problems::default();
        let got = slug(
            &Node::Str("Kevin Price".into()),
            &Path::root(),
            &mut problems,
        );
        assert_eq!(got, None);
        assert!(
            problems.0[0]
                .help
                .as_deref()
                .unwrap()
                .ends_with("try `kevin-price`")
        );
    }
}
