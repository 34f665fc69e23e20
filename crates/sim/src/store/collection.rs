//! `Collection`: JSON objects addressed by their `id`, in the order they were added (an
//! `IndexMap`, so a lookup is a hash probe and a removal keeps the others' order).
use indexmap::IndexMap;
use serde_json::Value;

/// An ordered set of JSON objects addressed by their `id`.
#[derive(Debug, Default, Clone)]
pub struct Collection {
    items: IndexMap<String, Value>,
}

impl Collection {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds an object at the end. An object without a string `id`, or with an id already
    /// present, is a programming error in the simulator and panics.
    pub fn insert(&mut self, value: Value) {
        let id = value.get("id").and_then(Value::as_str).expect("sim entity without a string id").to_owned();
        assert!(!self.items.contains_key(&id), "duplicate sim id {id}");
        self.items.insert(id, value);
    }

    pub fn get(&self, id: &str) -> Option<&Value> {
        self.items.get(id)
    }

    /// The object to change in place. Its `id` must stay what it is: the index is keyed by it.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Value> {
        self.items.get_mut(id)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.items.contains_key(id)
    }

    /// Removes an object, keeping the order of the others: listings that do not sort (people
    /// by relevance, To Do lists) answer in this order.
    pub fn remove(&mut self, id: &str) -> Option<Value> {
        self.items.shift_remove(id)
    }

    /// Keeps the objects for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&Value) -> bool) {
        self.items.retain(|_, v| keep(v));
    }

    pub fn iter(&self) -> indexmap::map::Values<'_, String, Value> {
        self.items.values()
    }

    /// The first object added (and still present).
    pub fn first(&self) -> Option<&Value> {
        self.items.first().map(|(_, v)| v)
    }
}

impl FromIterator<Value> for Collection {
    fn from_iter<T: IntoIterator<Item = Value>>(iter: T) -> Self {
        let mut c = Collection::new();
        for v in iter {
            c.insert(v);
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn collection_keeps_order_and_index_after_remove() {
        let mut c: Collection = (0..5).map(|i| json!({"id": format!("m{i}"), "n": i})).collect();
        assert_eq!(c.remove("m1").unwrap()["n"], 1);
        assert_eq!(c.get("m4").unwrap()["n"], 4);
        let order: Vec<_> = c.iter().map(|v| v["n"].as_i64().unwrap()).collect();
        assert_eq!(order, vec![0, 2, 3, 4]);
        c.retain(|v| v["n"] != 3);
        assert_eq!(c.get("m4").unwrap()["n"], 4);
        assert!(c.get("m3").is_none());
        assert_eq!(c.first().unwrap()["n"], 0);
    }
}
