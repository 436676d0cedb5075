//! Reading typed values out of a YAML [`Node`] tree while collecting every
//! problem instead of stopping at the first. `values.rs` reads the scalars:
//! text, numbers of votes, dates, addresses, ids.

mod direction;
mod values;

use crate::diagnostic::Kind;
use crate::yaml::{Node, Path, Target};

pub use values::{MAX_VOTES, date, moment, slug, slugify, slugs, text, url, votes};

/// A problem at a place in a YAML document.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// What went wrong.
    pub kind: Kind,
    pub path: Path,
    pub target: Target,
    pub message: String,
    pub help: Option<String>,
    /// For messages that quote the value as the user typed it (`4120.0`,
    /// which YAML reads as 4120): how to write it when the text cannot be
    /// found. The message and help hold [`AS_TYPED`] where it goes.
    pub typed: Option<String>,
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

/// Stands in a message for the value as typed; see [`Problem::into_wording`].
pub const AS_TYPED: &str = "\u{1}";

/// A message and its help, ready to show.
pub struct Wording {
    pub message: String,
    pub help: Option<String>,
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
    /// A problem with the value at `path`.
    pub fn value(
        &mut self,
        kind: Kind,
        path: &Path,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(kind, path, Target::Value, message.into(), help.into());
    }

    /// A problem with the key of the last step of `path`.
    pub fn key(
        &mut self,
        kind: Kind,
        path: &Path,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.push(kind, path, Target::Key, message.into(), help.into());
    }

    /// A problem whose message quotes the value as typed ([`AS_TYPED`]).
    pub fn typed_value(
        &mut self,
        kind: Kind,
        path: &Path,
        message: String,
        help: String,
        fallback: String,
    ) {
        self.push(kind, path, Target::Value, message, help);
        if let Some(last) = self.0.last_mut() {
            last.typed = Some(fallback);
        }
    }

    fn push(&mut self, kind: Kind, path: &Path, target: Target, message: String, help: String) {
        self.0.push(Problem {
            kind,
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
                    Kind::WrongType,
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
            problems.value(
                Kind::MissingField,
                &self.path,
                format!("missing field `{key}`"),
                help,
            );
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
            problems.key(
                Kind::UnknownField,
                &self.path.key(key),
                format!("unknown field `{key}`"),
                help,
            );
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
                Kind::WrongType,
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
                Kind::WrongType,
                path,
                format!("expected {what}, found {}", other.kind()),
                "write it as `id: number` lines, or `{id: number, ...}`",
            );
            None
        }
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
    fn closest_tolerates_small_typos_only() {
        assert_eq!(
            closest("electorat", &["electorate", "name"]),
            Some("electorate")
        );
        assert_eq!(closest("zzz", &["electorate", "name"]), None);
    }
}
