//! The slow, sure way to find a path's place: let serde_yaml raise an error
//! at the node the path names.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{Location, Path, Step, Target};

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
