//! Where a value is written in a YAML text, found by the parser itself rather than by searching
//! the text: a value spelled with escapes (`"java\tscript:"`) or in flow style is still found.
//! The parser is walked down the keys and items asked for, skipping everything else, and stops
//! with an error at the value: the error's position, which the parser takes from the value's
//! first character, is the answer.

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// One step down a YAML document: a key of a mapping, or an item of a sequence (from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// The value of this key.
    Key(&'a str),
    /// The item at this index.
    Index(usize),
}

/// The 1-based line and column where the value at `path` starts in `src`; None when the text
/// does not parse or has no such value.
pub fn position_of(src: &str, path: &[Step<'_>]) -> Option<(usize, usize)> {
    let deserializer = serde_yaml::Deserializer::from_str(src);
    let error = Seek(path).deserialize(deserializer).err()?;
    // The parser puts the path of the value before the message.
    if !error.to_string().contains(FOUND) {
        return None;
    }
    let location = error.location()?;
    Some((location.line().max(1), location.column().max(1)))
}

/// The message of the error that stops the walk at the value.
const FOUND: &str = "potline: found here";

/// Walks down `path`; at its end, fails at the value.
struct Seek<'a, 'p>(&'p [Step<'a>]);

impl<'de> DeserializeSeed<'de> for Seek<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self.0.first() {
            None => deserializer.deserialize_any(Here),
            Some(Step::Key(_)) => deserializer.deserialize_map(self),
            Some(Step::Index(_)) => deserializer.deserialize_seq(self),
        }
    }
}

impl<'de> Visitor<'de> for Seek<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping or a sequence")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (Some(Step::Key(wanted)), rest) = (self.0.first(), &self.0[1..]) else {
            return Ok(());
        };
        while let Some(key) = map.next_key::<serde_yaml::Value>()? {
            if key.as_str() == Some(*wanted) {
                return map.next_value_seed(Seek(rest));
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let (Some(Step::Index(wanted)), rest) = (self.0.first(), &self.0[1..]) else {
            return Ok(());
        };
        for _ in 0..*wanted {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Seek(rest)).map(|_| ())
    }

    // Anything else (a scalar where a mapping or sequence was asked for): no such value.
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// Fails at whatever value it is given, so that the parser reports where that value is.
struct Here;

impl<'de> Visitor<'de> for Here {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(E::custom(FOUND))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(E::custom(FOUND))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(E::custom(FOUND))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(E::custom(FOUND))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(E::custom(FOUND))
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(FOUND))
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(FOUND))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(FOUND))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_found_in_block_and_flow_style_whatever_their_spelling() {
        let src = "title: x\nmenus:\n  main:\n    - name: Home\n      url: /\n    - { name: About, url: \"java\\tscript:alert(1)\" }\n  footer:\n    - name: Contact\n      url:   'data:text/html,x'\n";
        let url = |menu, index| {
            position_of(
                src,
                &[
                    Step::Key("menus"),
                    Step::Key(menu),
                    Step::Index(index),
                    Step::Key("url"),
                ],
            )
        };
        assert_eq!(url("main", 0), Some((5, 12)));
        assert_eq!(url("main", 1), Some((6, 27)));
        assert_eq!(url("footer", 0), Some((9, 14)));
        assert_eq!(url("footer", 1), None);
        assert_eq!(url("side", 0), None);
        assert_eq!(position_of(src, &[Step::Key("title")]), Some((1, 8)));
        assert_eq!(
            position_of(src, &[Step::Key("title"), Step::Index(0)]),
            None
        );
        // Text that does not parse before the value: no position.
        assert_eq!(position_of("x: \"open\na: 1\n", &[Step::Key("a")]), None);
    }
}
