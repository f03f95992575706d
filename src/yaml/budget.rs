//! YAML straight into JSON values with a budget of nodes: aliases that repeat anchors that
//! repeat others ("billion laughs") would make a document of a few hundred bytes expand to
//! billions of values. The parser's own guard stops them only after much work; counting the
//! values as they are made stops them within a few milliseconds.

use std::cell::Cell;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};
use serde_json::{Map, Value};

/// Values a document may make beyond one per byte of its text (which no document written out
/// by hand can exceed).
const SPARE_NODES: usize = 10_000;

/// How many more values may be made.
pub(super) struct Budget(Cell<usize>);

impl Budget {
    pub(super) fn for_text(src: &str) -> Budget {
        Budget(Cell::new(SPARE_NODES.saturating_add(src.len())))
    }

    fn spend<E: de::Error>(&self) -> Result<(), E> {
        match self.0.get().checked_sub(1) {
            Some(left) => {
                self.0.set(left);
                Ok(())
            }
            // The parser's own words for the same thing, which `friendly` explains.
            None => Err(E::custom("repetition limit exceeded")),
        }
    }
}

/// Deserializes one value into JSON, spending the budget.
pub(super) struct JsonSeed<'b>(pub(super) &'b Budget);

impl<'de> DeserializeSeed<'de> for JsonSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(JsonVisitor(self.0))
    }
}

struct JsonVisitor<'b>(&'b Budget);

impl JsonVisitor<'_> {
    fn leaf<E: de::Error>(&self, value: Value) -> Result<Value, E> {
        self.0.spend()?;
        Ok(value)
    }
}

impl<'de> Visitor<'de> for JsonVisitor<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        self.leaf(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        self.leaf(Value::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        self.leaf(Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        self.leaf(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        self.leaf(Value::String(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        self.leaf(Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        self.leaf(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        self.leaf(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.0.spend()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(JsonSeed(self.0))? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.0.spend()?;
        let mut object = Map::new();
        while let Some(key) = map.next_key_seed(JsonSeed(self.0))? {
            let key = key_text(key);
            let value = map.next_value_seed(JsonSeed(self.0))?;
            if object.contains_key(&key) {
                // The parser's own words, which `duplicate_key` locates.
                return Err(de::Error::custom(format!(
                    "duplicate entry with key \"{key}\""
                )));
            }
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }

    /// A tagged value (`!!binary ...`, `!custom ...`): the value, without its tag.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        let (_tag, value): (de::IgnoredAny, _) = data.variant()?;
        value.newtype_variant_seed(JsonSeed(self.0))
    }
}

/// JSON keys are text: `true`, `2021` and `null` keys become their text.
fn key_text(key: Value) -> String {
    match key {
        Value::String(text) => text,
        Value::Null => "null".to_string(),
        other => other.to_string(),
    }
}
