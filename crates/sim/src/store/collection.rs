//! `Collection`: JSON objects addressed by their `id`, in the order they were added (an
//! `IndexMap`, so a lookup is a hash probe and a removal keeps the others' order). Objects the
//! seed adds are kept as JSON text until first read: a parsed object costs several times its
//! text (each nested object is a map node of its own), and most of a demo tenant's events, files
//! and contacts are never read in a run.
use std::sync::OnceLock;

use indexmap::IndexMap;
use serde_json::Value;

/// An ordered set of JSON objects addressed by their `id`.
#[derive(Debug, Default, Clone)]
pub struct Collection {
    items: IndexMap<String, Item>,
}

/// One object: parsed, or JSON text parsed (once) when it is first read.
#[derive(Debug, Clone)]
struct Item {
    value: OnceLock<Value>,
    /// The object's JSON text while it has only been read (empty once it is changed, or for an
    /// object added parsed).
    packed: Box<str>,
}

impl Item {
    fn parsed(value: Value) -> Self {
        Self { value: OnceLock::from(value), packed: Box::default() }
    }

    fn value(&self) -> &Value {
        self.value
            .get_or_init(|| serde_json::from_str(&self.packed).expect("text written by Collection::insert_packed"))
    }

    fn value_mut(&mut self) -> &mut Value {
        self.value();
        // Changed from here on: the text would be stale.
        self.packed = Box::default();
        self.value.get_mut().expect("parsed just above")
    }

    fn into_value(self) -> Value {
        self.value();
        self.value.into_inner().expect("parsed just above")
    }
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
        let id = self.id_of(&value);
        self.items.insert(id, Item::parsed(value));
    }

    /// Adds an object at the end as JSON text, parsed when first read: for the seed's objects,
    /// most of which a run never reads. What is read back is the same object.
    pub fn insert_packed(&mut self, value: Value) {
        let id = self.id_of(&value);
        let packed = value.to_string().into_boxed_str();
        self.items.insert(id, Item { value: OnceLock::new(), packed });
    }

    /// The object's id, which must be a string not already present.
    fn id_of(&self, value: &Value) -> String {
        let id = value.get("id").and_then(Value::as_str).expect("sim entity without a string id").to_owned();
        assert!(!self.items.contains_key(&id), "duplicate sim id {id}");
        id
    }

    pub fn get(&self, id: &str) -> Option<&Value> {
        self.items.get(id).map(Item::value)
    }

    /// The object to change in place. Its `id` must stay what it is: the index is keyed by it.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Value> {
        self.items.get_mut(id).map(Item::value_mut)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.items.contains_key(id)
    }

    /// Removes an object, keeping the order of the others: listings that do not sort (people
    /// by relevance, To Do lists) answer in this order.
    pub fn remove(&mut self, id: &str) -> Option<Value> {
        self.items.shift_remove(id).map(Item::into_value)
    }

    /// Keeps the objects for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&Value) -> bool) {
        self.items.retain(|_, item| keep(item.value()));
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Value> + ExactSizeIterator + Clone {
        self.items.values().map(Item::value)
    }

    /// Every object, in order, without keeping the parsed form of those still JSON text: for a
    /// pass over the whole collection (the seed's) that must not undo what packing saves.
    pub fn scan(&self) -> impl Iterator<Item = std::borrow::Cow<'_, Value>> {
        self.items.values().map(|item| match item.value.get() {
            Some(value) => std::borrow::Cow::Borrowed(value),
            None => std::borrow::Cow::Owned(
                serde_json::from_str(&item.packed).expect("text written by Collection::insert_packed"),
            ),
        })
    }

    /// How many objects are still JSON text, never read since the seed added them.
    pub fn unread_packed(&self) -> usize {
        self.items.values().filter(|item| item.value.get().is_none()).count()
    }

    /// The first object added (and still present).
    pub fn first(&self) -> Option<&Value> {
        self.items.first().map(|(_, item)| item.value())
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

    #[test]
    fn a_packed_object_reads_back_the_same_and_is_parsed_once() {
        let objects: Vec<Value> = (0..3)
            .map(|i| json!({"id": format!("e{i}"), "n": i, "score": 28.57, "nested": {"a": [1, {"b": null}], "s": "\u{1b}x"}}))
            .collect();
        let mut c = Collection::new();
        for o in &objects {
            c.insert_packed(o.clone());
        }
        assert_eq!(c.unread_packed(), 3);
        assert_eq!(c.get("e1"), Some(&objects[1]));
        assert_eq!(c.unread_packed(), 2, "only the object read is parsed");
        c.get_mut("e2").unwrap()["n"] = json!(20);
        assert_eq!(c.get("e2").unwrap()["n"], 20, "a change is kept, not the text");
        assert_eq!(c.clone().get("e2").unwrap()["n"], 20);
        assert_eq!(c.remove("e0"), Some(objects[0].clone()));
        assert_eq!(c.iter().map(|v| v["id"].clone()).collect::<Vec<_>>(), vec![json!("e1"), json!("e2")]);
    }
}
