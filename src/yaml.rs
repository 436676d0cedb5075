//! The one place that knows which YAML library we use.
//!
//! serde_yaml is deprecated upstream; everything else in psephos sees only
//! [`Node`], [`Path`] and [`Location`], so a maintained fork (for example
//! `yaml_serde`) can replace it by editing this file alone.
//!
//! serde_yaml keeps no positions on parsed values. [`Positions`] reads the
//! document's events once with yaml-rust2's parser, which marks each one, and
//! records where every key and value starts; placing any number of problems
//! then costs that one pass. [`locate`] is the slow, sure way it falls back on:
//! serde_yaml stamps every error with the start of the node being read, so
//! walking to the node a path names and raising an error there gives its
//! position, at the cost of a parse per problem. A test checks that the two
//! agree on every key and value of every fixture. Both parsers stay in this
//! file.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

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
    fn is_complex_key(&self) -> bool {
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
    check_nesting(text)?;
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

/// No psephos file nests lists and mappings more than a few levels deep.
pub const MAX_NESTING: usize = 32;

/// Refuses absurdly nested flow collections (`[[[[…`) before the parser sees
/// them: libyaml takes time quadratic in their depth, so a few hundred
/// kilobytes of brackets would stall a build for minutes. One linear pass,
/// skipping comments and quoted text.
fn check_nesting(text: &str) -> Result<(), SyntaxError> {
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

/// Finds where the value (or key) at `path` starts. When the path does not
/// exist, the deepest existing node on it is returned, so a missing field
/// points at the mapping that lacks it.
pub fn locate(text: &str, path: &Path, target: Target) -> Location {
    let seek = Seek {
        steps: path.steps(),
        target,
    };
    let result = seek.deserialize(serde_yaml::Deserializer::from_str(text));
    match result {
        Err(err) => err.location().map_or(Location::START, |l| Location {
            line: l.line(),
            column: l.column(),
        }),
        // Only reachable for a document that is not a mapping or list at all.
        Ok(()) => Location::START,
    }
}

/// Where each key and value of a document starts, found in one pass over
/// it, so that placing thousands of problems costs one parse and not one
/// each. serde_yaml keeps no positions, so this reads the document's events
/// with yaml-rust2's parser. A path it does not know (or a document it cannot
/// read) is placed by [`locate`], as before.
#[derive(Debug, Default)]
pub struct Positions {
    values: std::collections::HashMap<Path, Location>,
    keys: std::collections::HashMap<Path, Location>,
}

impl Positions {
    pub fn of(text: &str) -> Positions {
        let mut walker = Walker::default();
        let mut parser = yaml_rust2::parser::Parser::new_from_str(text);
        match parser.load(&mut walker, false) {
            Ok(()) => walker.positions,
            Err(_) => Positions::default(),
        }
    }

    pub fn locate(&self, text: &str, path: &Path, target: Target) -> Location {
        let known = match target {
            Target::Value => self.values.get(path),
            Target::Key => self.keys.get(path),
        };
        known.copied().unwrap_or_else(|| locate(text, path, target))
    }
}

/// Where the walk is: in a mapping (waiting for a key, or for the value of
/// one) or in a list (at an index).
enum Frame {
    Map { path: Path, key: Option<String> },
    Seq { path: Path, next: usize },
}

#[derive(Default)]
struct Walker {
    stack: Vec<Frame>,
    positions: Positions,
}

/// Keys that are not plain text (a list or mapping as a key) are never
/// looked up; they are walked under this name so that the walk stays in step.
const COMPLEX_KEY: &str = "\u{0}complex key";

impl Walker {
    /// Records a node starting at `at`; returns its path when it is a value
    /// (or the root), None when it is a mapping's key.
    fn node(&mut self, at: Location, text: Option<&str>) -> Option<Path> {
        self.settle_start(at);
        match self.stack.last_mut() {
            None => {
                self.positions.values.insert(Path::root(), at);
                Some(Path::root())
            }
            Some(Frame::Map { path, key }) => match key.take() {
                None => {
                    let name = text.unwrap_or(COMPLEX_KEY).to_owned();
                    self.positions.keys.entry(path.key(&name)).or_insert(at);
                    *key = Some(name);
                    None
                }
                Some(name) => {
                    let value = path.key(&name);
                    self.positions.values.entry(value.clone()).or_insert(at);
                    Some(value)
                }
            },
            Some(Frame::Seq { path, next }) => {
                let value = path.index(*next);
                *next += 1;
                self.positions.values.insert(value.clone(), at);
                Some(value)
            }
        }
    }

    /// A mapping or list starts: its entries are walked under its path.
    fn open(&mut self, at: Location, map: bool) {
        // A container as a key: walk it, then expect that key's value.
        let path = self
            .node(at, None)
            .unwrap_or_else(|| Path::root().key(COMPLEX_KEY));
        self.stack.push(if map {
            Frame::Map { path, key: None }
        } else {
            Frame::Seq { path, next: 0 }
        });
    }

    /// yaml-rust2 marks a block mapping where it recognised it, at its first
    /// `:`; serde_yaml (libyaml) at its first key. The first entry settles it:
    /// a container starts no later than its first entry.
    fn settle_start(&mut self, entry: Location) {
        let Some(Frame::Map { path, .. } | Frame::Seq { path, .. }) = self.stack.last() else {
            return;
        };
        if let Some(start) = self.positions.values.get_mut(path)
            && entry < *start
        {
            *start = entry;
        }
    }

    fn close(&mut self) {
        let closed = self.stack.pop();
        let was_key = matches!(&closed, Some(Frame::Map { path, .. } | Frame::Seq { path, .. }) if path.is_complex_key());
        if was_key && let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
            *key = Some(COMPLEX_KEY.to_owned());
        }
    }
}

impl yaml_rust2::parser::MarkedEventReceiver for Walker {
    fn on_event(&mut self, event: yaml_rust2::Event, mark: yaml_rust2::scanner::Marker) {
        use yaml_rust2::Event;
        let at = Location {
            line: mark.line(),
            column: mark.col() + 1,
        };
        match event {
            Event::Scalar(text, ..) => {
                self.node(at, Some(&text));
            }
            Event::Alias(_) => {
                self.node(at, None);
            }
            Event::MappingStart(..) => self.open(at, true),
            Event::SequenceStart(..) => self.open(at, false),
            Event::MappingEnd | Event::SequenceEnd => self.close(),
            _ => {}
        }
    }
}

const HERE: &str = "psephos: found";

/// Walks down the steps; raises an error at the node it should point at.
struct Seek<'a> {
    steps: &'a [Step],
    target: Target,
}

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seek<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((Step::Key(wanted), rest)) = self.steps.split_first() else {
            return Err(de::Error::custom(HERE));
        };
        let key_is_target = rest.is_empty() && self.target == Target::Key;
        while let Some(found) = map.next_key_seed(KeySeed {
            wanted,
            raise: key_is_target,
        })? {
            if found {
                return map.next_value_seed(Seek {
                    steps: rest,
                    target: self.target,
                });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Err(de::Error::custom(HERE))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((Step::Index(wanted), rest)) = self.steps.split_first() else {
            return Err(de::Error::custom(HERE));
        };
        for _ in 0..*wanted {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Err(de::Error::custom(HERE));
            }
        }
        let seek = Seek {
            steps: rest,
            target: self.target,
        };
        match seq.next_element_seed(seek)? {
            Some(()) => Ok(()),
            None => Err(de::Error::custom(HERE)),
        }
    }

    // Any scalar: the path ends here (or cannot go further).
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(HERE))
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(HERE))
    }
}

/// Reads a mapping key; says whether it is the one wanted, or raises the
/// error right at the key when the key itself is the target.
struct KeySeed<'a> {
    wanted: &'a str,
    raise: bool,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        self.matched(key == self.wanted)
    }
    fn visit_i64<E: de::Error>(self, key: i64) -> Result<bool, E> {
        self.matched(key.to_string() == self.wanted)
    }
    fn visit_u64<E: de::Error>(self, key: u64) -> Result<bool, E> {
        self.matched(key.to_string() == self.wanted)
    }
    fn visit_f64<E: de::Error>(self, key: f64) -> Result<bool, E> {
        self.matched(key.to_string() == self.wanted)
    }
    fn visit_bool<E: de::Error>(self, key: bool) -> Result<bool, E> {
        self.matched(key.to_string() == self.wanted)
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        self.matched(self.wanted == "~")
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<bool, A::Error> {
        Ok(false)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<bool, A::Error> {
        Ok(false)
    }
}

impl KeySeed<'_> {
    fn matched<E: de::Error>(&self, is_it: bool) -> Result<bool, E> {
        if is_it && self.raise {
            Err(E::custom(HERE))
        } else {
            Ok(is_it)
        }
    }
}

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
