//! A map from text keys to values, kept as one vector sorted by key. The widget's maps (an
//! agreement's fields, a language's texts, a theme, what a tab keeps) hold tens to a few hundred
//! entries, written rarely and read often. The standard `BTreeMap` does this too, but its node
//! code weighs about 13 KB in the main wasm module that every page view downloads; a sorted
//! vector needs a binary search and a `Vec::insert`. Keys iterate in the same order as a
//! `BTreeMap<String, _>` (bytewise), so JSON written from it, and every hash over it, is the same.

use std::borrow::Cow;
use std::fmt;

use miniserde::de::{self, Deserialize, Visitor};
use miniserde::ser::{self, Fragment, Serialize};

/// See the module.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Map<V>(Vec<(String, V)>);

impl<V> Default for Map<V> {
    fn default() -> Self {
        Map(Vec::new())
    }
}

impl<V> Map<V> {
    pub fn new() -> Self {
        Map(Vec::new())
    }

    /// Where `key` is, or where it would go.
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`, returning the value it replaced.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// In key order, as a `BTreeMap` iterates.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&String, &V)> + ExactSizeIterator {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.0.iter().map(|(_, v)| v)
    }
}

impl<V> FromIterator<(String, V)> for Map<V> {
    /// Later entries win over earlier ones with the same key, as in a `BTreeMap`.
    fn from_iter<I: IntoIterator<Item = (String, V)>>(entries: I) -> Self {
        let mut map = Map::new();
        map.extend(entries);
        map
    }
}

impl<V, const N: usize> From<[(String, V); N]> for Map<V> {
    fn from(entries: [(String, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<V> Extend<(String, V)> for Map<V> {
    fn extend<I: IntoIterator<Item = (String, V)>>(&mut self, entries: I) {
        for (k, v) in entries {
            self.insert(k, v);
        }
    }
}

impl<V> IntoIterator for Map<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, V> IntoIterator for &'a Map<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a String, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

/// `map["key"]`, which panics when the key is missing, as a `BTreeMap`'s does.
impl<V> std::ops::Index<&str> for Map<V> {
    type Output = V;

    fn index(&self, key: &str) -> &V {
        self.get(key).expect("no entry for this key")
    }
}

impl<V: fmt::Debug> fmt::Debug for Map<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Written as a JSON object, keys in order.
impl<V: Serialize> Serialize for Map<V> {
    fn begin(&self) -> Fragment<'_> {
        struct Entries<'a, V>(std::slice::Iter<'a, (String, V)>);
        impl<V: Serialize> ser::Map for Entries<'_, V> {
            fn next(&mut self) -> Option<(Cow<'_, str>, &dyn Serialize)> {
                let (k, v) = self.0.next()?;
                Some((Cow::Borrowed(k.as_str()), v as &dyn Serialize))
            }
        }
        Fragment::Map(Box::new(Entries(self.0.iter())))
    }
}

miniserde::make_place!(Place);

/// Read from a JSON object; a key given twice keeps its last value.
impl<V: Deserialize> Deserialize for Map<V> {
    fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
        Place::new(out)
    }
}

impl<V: Deserialize> Visitor for Place<Map<V>> {
    fn map(&mut self) -> miniserde::Result<Box<dyn de::Map + '_>> {
        Ok(Box::new(Builder { out: &mut self.out, map: Map::new(), key: None, value: None }))
    }
}

struct Builder<'a, V> {
    out: &'a mut Option<Map<V>>,
    map: Map<V>,
    key: Option<String>,
    value: Option<V>,
}

impl<V> Builder<'_, V> {
    fn shift(&mut self) {
        if let (Some(k), Some(v)) = (self.key.take(), self.value.take()) {
            self.map.insert(k, v);
        }
    }
}

impl<V: Deserialize> de::Map for Builder<'_, V> {
    fn key(&mut self, k: &str) -> miniserde::Result<&mut dyn Visitor> {
        self.shift();
        self.key = Some(k.to_string());
        Ok(Deserialize::begin(&mut self.value))
    }

    fn finish(&mut self) -> miniserde::Result<()> {
        self.shift();
        *self.out = Some(std::mem::take(&mut self.map));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Map;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    proptest! {
        // Pins: the map behaves as a `BTreeMap<String, _>` under any mix of
        // inserts and removes (few distinct keys, so they collide often):
        // the same answers, the same entries in the same order.
        #[test]
        fn behaves_as_a_btree_map(ops in prop::collection::vec((0u8..3, "[a-e]{0,2}", 0u32..100), 0..200)) {
            let (mut mine, mut theirs) = (Map::new(), BTreeMap::new());
            for (op, key, value) in ops {
                match op {
                    0 | 1 => prop_assert_eq!(mine.insert(key.clone(), value), theirs.insert(key, value)),
                    _ => prop_assert_eq!(mine.remove(&key), theirs.remove(&key)),
                }
                prop_assert_eq!(mine.len(), theirs.len());
            }
            let a: Vec<_> = mine.iter().collect();
            let b: Vec<_> = theirs.iter().collect();
            prop_assert_eq!(a, b);
            for k in theirs.keys() {
                prop_assert_eq!(mine.get(k), theirs.get(k));
            }
        }

        // Pins: JSON written from the map is what a `BTreeMap` writes, and
        // reads back to the same map.
        #[test]
        fn json_round_trips_as_a_btree_map_does(entries in prop::collection::vec(("[a-z\"\\\\ é]{0,4}", "[a-z\"\\\\\n é]{0,6}"), 0..20)) {
            let mine: Map<String> = entries.iter().cloned().collect();
            let theirs: BTreeMap<String, String> = entries.into_iter().collect();
            let text = miniserde::json::to_string(&mine);
            prop_assert_eq!(&text, &miniserde::json::to_string(&theirs));
            let back: Map<String> = miniserde::json::from_str(&text).unwrap();
            prop_assert_eq!(back, mine);
        }
    }

    // Pins: a key given twice in JSON keeps its last value; a value of the
    // wrong kind is refused.
    #[test]
    fn reads_json_as_a_btree_map_does() {
        let m: Map<String> = miniserde::json::from_str(r#"{"b":"1","a":"2","b":"3"}"#).unwrap();
        assert_eq!(m.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>(), ["a=2", "b=3"]);
        assert!(miniserde::json::from_str::<Map<String>>(r#"{"a":1}"#).is_err());
        assert!(miniserde::json::from_str::<Map<String>>(r#"["a"]"#).is_err());
    }
}
