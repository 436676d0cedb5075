//! Where every key and value of a document starts, in one pass.

use std::collections::HashSet;

use super::{COMPLEX_KEY, Location, Path, Target, locate};

/// Where each key and value of a document starts, found in one pass over
/// it, so that placing thousands of problems costs one parse and not one
/// each. serde_yaml keeps no positions, so this reads the document's events
/// with yaml-rust2's parser. A path that leads nowhere is placed where
/// [`locate`] places it, at the deepest node on it that exists; a document
/// it cannot read, or one with anchors, aliases or tags (which serde_yaml
/// walks differently), is placed by [`locate`] itself, as before.
#[derive(Debug, Default)]
pub struct Positions {
    values: std::collections::HashMap<Path, Location>,
    keys: std::collections::HashMap<Path, Location>,
    /// No anchors, aliases or tags: every node is where it is written.
    plain: bool,
}

impl Positions {
    pub fn of(text: &str) -> Positions {
        Self::walk(text, Walker::default())
    }

    /// The places of `paths` and of the nodes leading to them, and of
    /// nothing else that can be skipped: placing a few problems in a large
    /// file then costs little more than the parse.
    pub fn of_paths<'p>(text: &str, paths: impl IntoIterator<Item = &'p Path>) -> Positions {
        let mut relevant = HashSet::new();
        for path in paths {
            for n in 0..=path.0.len() {
                relevant.insert(Path(path.0[..n].to_vec()));
            }
        }
        Self::walk(
            text,
            Walker {
                relevant: Some(relevant),
                ..Walker::default()
            },
        )
    }

    fn walk(text: &str, mut walker: Walker) -> Positions {
        let mut parser = yaml_rust2::parser::Parser::new_from_str(text);
        match parser.load(&mut walker, false) {
            Ok(()) => Positions {
                plain: !walker.unusual,
                ..walker.positions
            },
            Err(_) => Positions::default(),
        }
    }

    pub fn locate(&self, text: &str, path: &Path, target: Target) -> Location {
        let known = match target {
            Target::Value => self.values.get(path),
            Target::Key => self.keys.get(path),
        };
        if let Some(known) = known {
            return *known;
        }
        // serde_yaml raises the error at the last node it reached.
        let steps = path.steps();
        let deepest = (0..steps.len())
            .rev()
            .find_map(|n| self.values.get(&Path(steps[..n].to_vec())));
        match deepest {
            Some(found) if self.plain => *found,
            _ => locate(text, path, target),
        }
    }
}

/// Where the walk is: in a mapping (waiting for a key, or for the value of
/// one) or in a list (at an index).
enum Frame {
    Map {
        path: Path,
        key: Option<String>,
    },
    Seq {
        path: Path,
        next: usize,
    },
    /// A mapping or list holding nothing wanted, and whether it is a key.
    Skip {
        is_key: bool,
    },
}

#[derive(Default)]
struct Walker {
    stack: Vec<Frame>,
    positions: Positions,
    /// An anchor, alias or tag was seen.
    unusual: bool,
    /// The paths worth recording and descending into; None for all.
    relevant: Option<HashSet<Path>>,
}

impl Walker {
    /// Records a node starting at `at`; returns its path when it is a value
    /// (or the root), None when it is a mapping's key.
    fn node(&mut self, at: Location, text: Option<&str>) -> Option<Path> {
        self.settle_start(at);
        match self.stack.last_mut() {
            Some(Frame::Skip { .. }) => None,
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
        if let Some(Frame::Skip { .. }) = self.stack.last() {
            self.stack.push(Frame::Skip { is_key: false });
            return;
        }
        // A container as a key: walk it, then expect that key's value.
        let path = self
            .node(at, None)
            .unwrap_or_else(|| Path::root().key(COMPLEX_KEY));
        if let Some(relevant) = &self.relevant
            && !relevant.contains(&path)
        {
            let is_key = path.is_complex_key();
            self.stack.push(Frame::Skip { is_key });
            return;
        }
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
        let was_key = match self.stack.pop() {
            Some(Frame::Map { path, .. } | Frame::Seq { path, .. }) => path.is_complex_key(),
            Some(Frame::Skip { is_key }) => is_key,
            None => false,
        };
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
            Event::Scalar(text, _, anchor, tag) => {
                self.unusual |= anchor != 0 || tag.is_some();
                self.node(at, Some(&text));
            }
            Event::Alias(_) => {
                self.unusual = true;
                self.node(at, None);
            }
            Event::MappingStart(anchor, tag) => {
                self.unusual |= anchor != 0 || tag.is_some();
                self.open(at, true);
            }
            Event::SequenceStart(anchor, tag) => {
                self.unusual |= anchor != 0 || tag.is_some();
                self.open(at, false);
            }
            Event::MappingEnd | Event::SequenceEnd => self.close(),
            _ => {}
        }
    }
}
