//! Reading typed values out of a YAML [`Node`] tree while collecting every
//! problem instead of stopping at the first.

use crate::model::{Date, Votes, is_slug};
use crate::time::Moment;
use crate::yaml::{Node, Path, Target};

/// No single count comes near this (it is more than the world's population);
/// capping figures here keeps every sum far from overflowing.
pub const MAX_VOTES: u64 = 10_000_000_000;

/// A problem at a place in a YAML document.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub path: Path,
    pub target: Target,
    pub message: String,
    pub help: Option<String>,
    /// For messages that quote the value as the user typed it (`4120.0`,
    /// which YAML reads as 4120): how to write it when the text cannot be
    /// found. The message and help hold [`AS_TYPED`] where it goes.
    pub typed: Option<String>,
}

/// Stands in a message for the value as typed; see [`Problem::into_wording`].
pub const AS_TYPED: &str = "\u{1}";

/// A message and its help, ready to show.
pub struct Wording {
    pub message: String,
    pub help: Option<String>,
}

impl Problem {
    /// The wording, with the value quoted exactly as it appears on `line`
    /// from `column` on.
    pub fn into_wording(self, line: Option<&str>, column: usize) -> Wording {
        let Some(fallback) = &self.typed else {
            return Wording {
                message: self.message,
                help: self.help,
            };
        };
        let token = line
            .map(|line| scalar_at(line, column))
            .filter(|token| !token.is_empty())
            .unwrap_or(fallback);
        Wording {
            message: self.message.replace(AS_TYPED, token),
            help: self.help.map(|help| help.replace(AS_TYPED, token)),
        }
    }
}

/// The plain scalar that starts at a 1-based character column.
fn scalar_at(line: &str, column: usize) -> &str {
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(at, _)| at);
    let rest = &line[start..];
    let end = rest
        .find(|c: char| matches!(c, ',' | '}' | ']' | '#' | '\r') || c.is_whitespace())
        .unwrap_or(rest.len());
    &rest[..end]
}

#[derive(Debug, Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn value(&mut self, path: &Path, message: impl Into<String>, help: impl Into<String>) {
        self.push(path, Target::Value, message.into(), help.into());
    }

    pub fn key(&mut self, path: &Path, message: impl Into<String>, help: impl Into<String>) {
        self.push(path, Target::Key, message.into(), help.into());
    }

    /// A problem whose message quotes the value as typed ([`AS_TYPED`]).
    pub fn typed_value(&mut self, path: &Path, message: String, help: String, fallback: String) {
        self.push(path, Target::Value, message, help);
        if let Some(last) = self.0.last_mut() {
            last.typed = Some(fallback);
        }
    }

    fn push(&mut self, path: &Path, target: Target, message: String, help: String) {
        self.0.push(Problem {
            path: path.clone(),
            target,
            message,
            help: (!help.is_empty()).then_some(help),
            typed: None,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The fields of one mapping. Every field must be taken or it is reported as
/// unknown by [`Fields::finish`], so a typo is never silently ignored.
pub struct Fields<'n> {
    entries: &'n [(String, Node)],
    taken: Vec<bool>,
    pub path: Path,
}

impl<'n> Fields<'n> {
    /// None (with a problem) when `node` is not a mapping.
    pub fn of(node: &'n Node, path: &Path, what: &str, problems: &mut Problems) -> Option<Self> {
        match node {
            Node::Map(entries) => Some(Fields {
                entries,
                taken: vec![false; entries.len()],
                path: path.clone(),
            }),
            other => {
                problems.value(
                    path,
                    format!(
                        "expected {what} (a mapping of fields), found {}",
                        other.kind()
                    ),
                    "write it as `field: value` lines, or `{field: value, ...}`",
                );
                None
            }
        }
    }

    /// An optional field; an explicit `null` counts as absent.
    pub fn optional(&mut self, key: &str) -> Option<(&'n Node, Path)> {
        let i = self.entries.iter().position(|(k, _)| k == key)?;
        self.taken[i] = true;
        let node = &self.entries[i].1;
        (*node != Node::Null).then(|| (node, self.path.key(key)))
    }

    pub fn required(
        &mut self,
        key: &str,
        help: &str,
        problems: &mut Problems,
    ) -> Option<(&'n Node, Path)> {
        let found = self.optional(key);
        if found.is_none() {
            problems.value(&self.path, format!("missing field `{key}`"), help);
        }
        found
    }

    /// Reports every field not taken.
    pub fn finish(self, known: &[&str], problems: &mut Problems) {
        for (i, ((key, value), taken)) in self.entries.iter().zip(self.taken).enumerate() {
            if taken {
                continue;
            }
            let help = match closest(key, known) {
                Some(near) => format!("did you mean `{near}`? Known fields: {}", known.join(", ")),
                // `colour:#abc` is one key: YAML needs a space after the colon.
                None if key.contains(':') => {
                    let (name, value) = key.split_once(':').unwrap_or((key, ""));
                    format!(
                        "put a space after the colon, and quotes around a value that starts with `#`: `{name}: \"{}\"`",
                        value.trim()
                    )
                }
                // `{name: Banks, Jo}` gives a field `Jo` with no value.
                None if *value == Node::Null && i > 0 => {
                    let (before, text) = &self.entries[i - 1];
                    let example = match text {
                        Node::Str(text) => format!("`{before}: \"{text}, {key}\"`"),
                        _ => format!("`{before}: \"…, {key}\"`"),
                    };
                    format!(
                        "inside `{{…}}` a comma starts a new field: if `{key}` belongs to `{before}`, put the whole value in quotes, like {example}"
                    )
                }
                None => format!("remove it; known fields: {}", known.join(", ")),
            };
            problems.key(&self.path.key(key), format!("unknown field `{key}`"), help);
        }
    }
}

/// A list's items with their paths; None (with a problem) for anything else.
pub fn list<'n>(
    node: &'n Node,
    path: &Path,
    what: &str,
    problems: &mut Problems,
) -> Option<Vec<(&'n Node, Path)>> {
    match node {
        Node::Seq(items) => Some(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| (item, path.index(i)))
                .collect(),
        ),
        other => {
            problems.value(
                path,
                format!("expected a list of {what}, found {}", other.kind()),
                "write each item on its own line starting with `- `",
            );
            None
        }
    }
}

/// A mapping's entries with their paths, for maps keyed by id.
pub fn entries<'n>(
    node: &'n Node,
    path: &Path,
    what: &str,
    problems: &mut Problems,
) -> Option<Vec<(&'n str, &'n Node, Path)>> {
    match node {
        Node::Map(entries) => Some(
            entries
                .iter()
                .map(|(k, v)| (k.as_str(), v, path.key(k)))
                .collect(),
        ),
        other => {
            problems.value(
                path,
                format!("expected {what}, found {}", other.kind()),
                "write it as `id: number` lines, or `{id: number, ...}`",
            );
            None
        }
    }
}

/// Non-empty text. Numbers are accepted as text (a title may be `2017`).
pub fn text(node: &Node, path: &Path, problems: &mut Problems) -> Option<String> {
    let found = match node {
        Node::Str(s) => s.trim().to_owned(),
        Node::Int(i) => i.to_string(),
        Node::Float(f) => f.to_string(),
        other => {
            problems.value(
                path,
                format!("expected text, found {}", other.kind()),
                "write the text after the colon; put it in quotes if it starts with a symbol",
            );
            return None;
        }
    };
    if found.is_empty() {
        problems.value(
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
            path,
            format!(
                "this text holds the invisible control character U+{:04X}",
                u32::from(c)
            ),
            "retype the text: control characters usually come from copying out of another program",
        );
        return None;
    }
    Some(found)
}

/// A whole, non-negative number of votes or ballot papers.
pub fn votes(node: &Node, path: &Path, problems: &mut Problems) -> Option<Votes> {
    match node {
        Node::Int(n) if *n < 0 => {
            problems.value(
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
            problems.value(path, format!("\"{s}\" is text, not a number"), help);
            None
        }
        other => {
            problems.value(
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
            path,
            format!("expected an id, found {}", node.kind()),
            "ids are lowercase words joined by hyphens, like `kevin-price`",
        );
        return None;
    };
    if !is_slug(id) {
        problems.value(
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

/// The known name nearest to a misspelt one, if it is near enough.
pub fn closest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edit_distance(word, k), *k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(1))
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn unknown_fields_are_reported_with_a_suggestion() {
        let node = Node::Map(vec![
            ("name".into(), Node::Str("x".into())),
            ("electorat".into(), Node::Int(5)),
        ]);
        let mut problems = Problems::default();
        let mut fields = Fields::of(&node, &Path::root(), "an area", &mut problems).unwrap();
        fields.optional("name");
        fields.finish(&["name", "electorate"], &mut problems);
        assert_eq!(problems.0.len(), 1);
        assert_eq!(problems.0[0].message, "unknown field `electorat`");
        assert_eq!(problems.0[0].target, Target::Key);
        assert!(
            problems.0[0]
                .help
                .as_deref()
                .unwrap()
                .starts_with("did you mean `electorate`?")
        );
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

    #[test]
    fn closest_tolerates_small_typos_only() {
        assert_eq!(
            closest("electorat", &["electorate", "name"]),
            Some("electorate")
        );
        assert_eq!(closest("zzz", &["electorate", "name"]), None);
    }
}
