//! The one place that knows which YAML libraries we use.
//!
//! serde_yaml is deprecated upstream; everything else in psephos sees only
//! [`Node`], [`Path`] and [`Location`], so a maintained fork (for example
//! `yaml_serde`) can replace it by editing this folder alone.
//!
//! serde_yaml keeps no positions on parsed values. [`Positions`]
//! (`positions.rs`) reads the document's events once with yaml-rust2's
//! parser, which marks each one, and records where every key and value
//! starts; placing any number of problems then costs that one pass.
//! [`locate`] (`seek.rs`) is the slow, sure way it falls back on: serde_yaml
//! stamps every error with the start of the node being read, so walking to
//! the node a path names and raising an error there gives its position, at
//! the cost of a parse per problem. A test checks that the two agree on
//! every key and value of every fixture. `nesting.rs` refuses absurdly
//! nested text before either parser sees it.

mod nesting;
mod positions;
mod seek;

use std::fmt;

pub use nesting::MAX_NESTING;
pub use positions::Positions;
pub use seek::locate;

/// A parsed YAML value, with mapping order kept as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Keys are kept as their text: every key psephos reads is a name or an id.
    Map(Vec<(String, Node)>),
}

impl Node {
    /// The value of a mapping's key; None for a missing key or a non-mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// What kind of value this is, in words for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Null => "nothing",
            Node::Bool(_) => "true/false",
            Node::Int(_) => "a whole number",
            Node::Float(_) => "a decimal number",
            Node::Str(_) => "text",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a mapping",
        }
    }
}

/// One step from a mapping to a value, or from a list to an item.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Where a value sits in a document, as `areas[2].first.kevin-price`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Path(Vec<Step>);

impl Path {
    pub fn root() -> Self {
        Path(Vec::new())
    }

    pub fn key(&self, key: &str) -> Self {
        let mut steps = self.0.clone();
        steps.push(Step::Key(key.to_owned()));
        Path(steps)
    }

    /// The stand-in path of a list or mapping used as a key.
    pub(crate) fn is_complex_key(&self) -> bool {
        self.0 == [Step::Key(COMPLEX_KEY.to_owned())]
    }

    pub fn index(&self, index: usize) -> Self {
        let mut steps = self.0.clone();
        steps.push(Step::Index(index));
        Path(steps)
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    pub fn steps(&self) -> &[Step] {
        &self.0
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(key) if i == 0 => write!(f, "{key}")?,
                Step::Key(key) => write!(f, ".{key}")?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A 1-based line and column in a text file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub const START: Location = Location { line: 1, column: 1 };
}

/// The text is not valid YAML (or repeats a key).
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub location: Location,
    pub message: String,
}

/// Parses a YAML document. An empty document is [`Node::Null`].
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    nesting::check_nesting(text)?;
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|err| syntax_error(&err))?;
    Ok(convert(value))
}

fn syntax_error(err: &serde_yaml::Error) -> SyntaxError {
    let location = err
        .location()
        .map(|l| Location {
            line: l.line(),
            column: l.column(),
        })
        .unwrap_or(Location::START);
    SyntaxError {
        location,
        message: strip_position(&err.to_string()),
    }
}

/// serde_yaml appends " at line L column C" to messages; we show the position
/// our own way, so keep only the description.
fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

fn convert(value: serde_yaml::Value) -> Node {
    use serde_yaml::Value;
    match value {
        Value::Null => Node::Null,
        Value::Bool(b) => Node::Bool(b),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Node::Int(i128::from(i))
            } else if let Some(u) = n.as_u64() {
                Node::Int(i128::from(u))
            } else {
                Node::Float(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Value::String(s) => Node::Str(s),
        Value::Sequence(items) => Node::Seq(items.into_iter().map(convert).collect()),
        Value::Mapping(map) => Node::Map(
            map.into_iter()
                .map(|(k, v)| (key_text(k), convert(v)))
                .collect(),
        ),
        // A tag such as `!foo` is not part of any psephos format; read through it.
        Value::Tagged(tagged) => convert(tagged.value),
    }
}

fn key_text(key: serde_yaml::Value) -> String {
    use serde_yaml::Value;
    match key {
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "~".to_owned(),
        other => serde_yaml::to_string(&other)
            .map(|s| s.trim().to_owned())
            .unwrap_or_default(),
    }
}

/// Which part of a mapping entry to point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The value at the path.
    Value,
    /// The key of the last step (for unknown or unexpected names).
    Key,
}

/// Keys that are not plain text (a list or mapping as a key) are never
/// looked up; they are walked under this name so that the walk stays in step.
pub(crate) const COMPLEX_KEY: &str = "\u{0}complex key";

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
title: An election
areas:
  - id: north
    first: {ann: 10, bob: 20}
  - id: south
    first:
      ann: 5
      bob: 7
";

    #[test]
    fn parses_mappings_in_order() {
        let node = parse(DOC).unwrap();
        let Node::Map(entries) = node else {
            panic!("not a map")
        };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["title", "areas"]);
    }

    #[test]
    fn locates_values_keys_and_list_items() {
        let first = Path::root().key("areas").index(1).key("first");
        assert_eq!(
            locate(DOC, &first.key("bob"), Target::Value),
            Location {
                line: 8,
                column: 12
            }
        );
        assert_eq!(
            locate(DOC, &first.key("bob"), Target::Key),
            Location { line: 8, column: 7 }
        );
        let flow = Path::root().key("areas").index(0).key("first").key("bob");
        assert_eq!(
            locate(DOC, &flow, Target::Value),
            Location {
                line: 4,
                column: 27
            }
        );
        assert_eq!(
            locate(DOC, &Path::root().key("areas").index(1), Target::Value),
            Location { line: 5, column: 5 }
        );
    }

    #[test]
    fn a_missing_step_points_at_the_deepest_node_that_exists() {
        let path = Path::root().key("areas").index(0).key("second");
        assert_eq!(
            locate(DOC, &path, Target::Value),
            Location { line: 3, column: 5 }
        );
    }

    #[test]
    fn syntax_errors_have_a_location_and_no_duplicate_position_text() {
        let err = parse("title: [unclosed\nother: 1\n").unwrap_err();
        assert_eq!(err.location.line, 2);
        assert!(!err.message.contains("at line"), "{}", err.message);
    }

    #[test]
    fn duplicate_keys_are_syntax_errors() {
        // serde_yaml points at the mapping that holds the repeated key.
        let err = parse("x:\n  a: 1\n  b: 2\n  a: 3\n").unwrap_err();
        assert_eq!(err.location.line, 2);
        assert!(
            err.message.contains("duplicate entry with key \"a\""),
            "{}",
            err.message
        );
    }

    #[test]
    fn absurd_nesting_is_refused_before_parsing_at_its_place() {
        let deep = format!(
            "title: x\nzz: {}{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let err = parse(&deep).unwrap_err();
        assert_eq!(
            err.location,
            Location {
                line: 2,
                column: 5 + MAX_NESTING
            }
        );
        assert!(err.message.contains("nested more than"), "{}", err.message);
    }

    #[test]
    fn brackets_in_quotes_and_comments_do_not_count_as_nesting() {
        let brackets = "[".repeat(MAX_NESTING + 1);
        let doc = format!(
            "a: \"{brackets}\"\nb: '{brackets}'\nc: 'it''s {brackets}'\nd: 1 # {brackets}\ne: O'Brien\nf: [[x]]\n"
        );
        assert!(parse(&doc).is_ok(), "{:?}", parse(&doc));
        let nested = format!(
            "a: {}1{}\n",
            "[".repeat(MAX_NESTING),
            "]".repeat(MAX_NESTING)
        );
        assert!(parse(&nested).is_ok());
    }

    #[test]
    fn paths_display_like_field_accessors() {
        let path = Path::root()
            .key("areas")
            .index(2)
            .key("first")
            .key("kevin-price");
        assert_eq!(path.to_string(), "areas[2].first.kevin-price");
    }
}
