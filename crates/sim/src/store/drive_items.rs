//! Every item of every drive, by id, with the indexes a drive answers from: each folder's children
//! in name order (so a page of a 100,000-item folder costs the page), each drive's root and the
//! special folders. Every change goes through this type, which keeps the indexes right and notes
//! it in `changes` (per drive) for delta queries.
use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

use super::Collection;

/// Where a child sorts in its folder: by name ignoring case (OneDrive's default order), ties in
/// the order the items were added.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChildKey {
    pub name: String,
    pub seq: u64,
}

#[derive(Debug, Default)]
pub struct DriveItems {
    items: Collection,
    children: HashMap<String, BTreeSet<ChildKey>>,
    by_key: HashMap<ChildKey, String>,
    /// Where each item is filed: (parent id, key), or nothing for a root.
    placed: HashMap<String, (String, ChildKey)>,
    /// Root ids by the drive id they name (`None`: the item does not say, so it is the owner's).
    roots: Vec<(Option<String>, String)>,
    next_seq: u64,
    /// What changed in each drive (by `parentReference.driveId`; `""` for items that do not
    /// say, the owner's) since a delta token was issued.
    pub changes: super::mailbox::changes::Changes,
}

/// The journal scope of an item: the drive it names.
fn scope_of(item: &Value) -> &str {
    item.get("parentReference").and_then(|p| p.get("driveId")).and_then(Value::as_str).unwrap_or("")
}

fn parent_of(item: &Value) -> Option<&str> {
    item.get("parentReference").and_then(|p| p.get("id")).and_then(Value::as_str)
}

fn lower_name(item: &Value) -> String {
    item.get("name").and_then(Value::as_str).unwrap_or_default().to_lowercase()
}

impl DriveItems {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&Value> {
        self.items.get(id)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.items.contains(id)
    }

    /// How many seeded items are still JSON text, never read (`Collection::unread_packed`).
    pub fn unread_packed(&self) -> usize {
        self.items.unread_packed()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Value> {
        self.items.iter()
    }

    fn file(&mut self, id: &str, item: &Value) {
        if item.get("root").is_some() {
            let drive = item.get("parentReference").and_then(|p| p.get("driveId")).and_then(Value::as_str);
            self.roots.push((drive.map(str::to_owned), id.to_owned()));
        }
        if let Some(parent) = parent_of(item) {
            self.next_seq += 1;
            let key = ChildKey { name: lower_name(item), seq: self.next_seq };
            self.children.entry(parent.to_owned()).or_default().insert(key.clone());
            self.by_key.insert(key.clone(), id.to_owned());
            self.placed.insert(id.to_owned(), (parent.to_owned(), key));
        }
    }

    fn unfile(&mut self, id: &str) {
        self.roots.retain(|(_, root)| root != id);
        if let Some((parent, key)) = self.placed.remove(id) {
            if let Some(set) = self.children.get_mut(&parent) {
                set.remove(&key);
            }
            self.by_key.remove(&key);
        }
    }

    /// Adds an item at the end. An item without a string `id`, or with an id already present,
    /// is a programming error in the simulator and panics.
    pub fn insert(&mut self, item: Value) {
        let id = item.get("id").and_then(Value::as_str).expect("drive item without a string id").to_owned();
        self.file(&id, &item);
        self.changes.record(scope_of(&item), &std::sync::Arc::from(id.as_str()));
        self.items.insert(item);
    }

    /// Adds a seeded item, kept as JSON text until first read (`Collection::insert_packed`).
    pub fn insert_seeded(&mut self, item: Value) {
        let id = item.get("id").and_then(Value::as_str).expect("drive item without a string id").to_owned();
        self.file(&id, &item);
        self.items.insert_packed(item);
    }

    /// Changes an item in place, re-filing it when its name or parent changed. Its `id` must stay.
    pub fn update<R>(&mut self, id: &str, change: impl FnOnce(&mut Value) -> R) -> Option<R> {
        let item = self.items.get_mut(id)?;
        let before = (parent_of(item).map(str::to_owned), lower_name(item), item.get("root").is_some());
        let result = change(item);
        let scope = scope_of(item).to_owned();
        let after = (parent_of(item).map(str::to_owned), lower_name(item), item.get("root").is_some());
        if before != after {
            let item = item.clone();
            self.unfile(id);
            self.file(id, &item);
        }
        self.changes.record(&scope, &std::sync::Arc::from(id));
        Some(result)
    }

    pub fn remove(&mut self, id: &str) -> Option<Value> {
        self.unfile(id);
        let item = self.items.remove(id)?;
        self.changes.record(scope_of(&item), &std::sync::Arc::from(id));
        Some(item)
    }

    /// The children of a folder in name order, from just after `after` when given.
    pub fn children_after<'a>(
        &'a self,
        folder: &str,
        after: Option<&'a ChildKey>,
    ) -> impl Iterator<Item = (&'a ChildKey, &'a Value)> + 'a {
        let set = self.children.get(folder);
        let range = set.into_iter().flat_map(move |set| match after {
            Some(key) => set.range((std::ops::Bound::Excluded(key.clone()), std::ops::Bound::Unbounded)),
            None => set.range::<ChildKey, _>(..),
        });
        range.filter_map(move |key| Some((key, self.items.get(self.by_key.get(key)?)?)))
    }

    /// The children of a folder in name order.
    pub fn children(&self, folder: &str) -> impl Iterator<Item = &Value> {
        self.children_after(folder, None).map(|(_, item)| item)
    }

    /// The children of a folder in the order they were filed there (reads only those items).
    pub fn children_in_filed_order(&self, folder: &str) -> Vec<&Value> {
        let mut children: Vec<(&ChildKey, &Value)> = self.children_after(folder, None).collect();
        children.sort_by_key(|(key, _)| key.seq);
        children.into_iter().map(|(_, item)| item).collect()
    }

    pub fn child_count(&self, folder: &str) -> usize {
        self.children.get(folder).map_or(0, BTreeSet::len)
    }

    /// The child of `folder` called `name`, ignoring case.
    pub fn child_named(&self, folder: &str, name: &str) -> Option<&Value> {
        let lower = name.to_lowercase();
        let from = ChildKey { name: lower.clone(), seq: 0 };
        let set = self.children.get(folder)?;
        let key = set.range(from..).next().filter(|key| key.name == lower)?;
        self.items.get(self.by_key.get(key)?)
    }

    /// The roots: (the drive id the root names, if it does; its id).
    pub fn roots(&self) -> impl Iterator<Item = (Option<&str>, &str)> {
        self.roots.iter().map(|(drive, id)| (drive.as_deref(), id.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn children_stay_in_name_order_through_renames_moves_and_removals() {
        let mut items = DriveItems::default();
        items.insert(json!({"id": "R", "name": "root", "root": {}, "parentReference": {"driveId": "d1"}}));
        items.insert(json!({"id": "F", "name": "Folder", "folder": {}, "parentReference": {"id": "R"}}));
        for (id, name) in [("a", "beta.txt"), ("b", "Alpha.txt"), ("c", "gamma.txt")] {
            items.insert(json!({"id": id, "name": name, "parentReference": {"id": "F"}}));
        }
        let names = |items: &DriveItems, folder: &str| -> Vec<String> {
            items.children(folder).map(|i| i["name"].as_str().unwrap().to_owned()).collect()
        };
        assert_eq!(names(&items, "F"), ["Alpha.txt", "beta.txt", "gamma.txt"]);
        assert_eq!(items.child_named("F", "ALPHA.TXT").unwrap()["id"], "b");
        items.update("c", |i| i["name"] = json!("Aardvark.txt"));
        assert_eq!(names(&items, "F"), ["Aardvark.txt", "Alpha.txt", "beta.txt"]);
        items.update("a", |i| i["parentReference"]["id"] = json!("R"));
        assert_eq!(names(&items, "F"), ["Aardvark.txt", "Alpha.txt"]);
        assert_eq!(names(&items, "R"), ["beta.txt", "Folder"]);
        let (first, _) = items.children_after("F", None).next().unwrap();
        let rest: Vec<&str> = items.children_after("F", Some(first)).map(|(_, i)| i["id"].as_str().unwrap()).collect();
        assert_eq!(rest, ["b"]);
        items.remove("b");
        assert_eq!((items.child_count("F"), items.child_count("R")), (1, 2));
        assert_eq!(items.roots().collect::<Vec<_>>(), [(Some("d1"), "R")]);
        assert!(items.child_named("F", "alpha.txt").is_none());
    }
}
