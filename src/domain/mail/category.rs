//! A change to messages' categories: names to add and to take off, or clear first. A message's
//! list is replaced whole by the service (a PATCH has no "add one"), so the edit is made on
//! each message's own list, keeping its other names.

/// Categories to add to and take from each message's list; `clear` empties it first.
/// Names compare without regard to case, as Outlook matches them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CategoryEdit {
    pub add: Vec<String>,
    pub remove: Vec<String>,
    pub clear: bool,
}

impl CategoryEdit {
    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.remove.is_empty() && !self.clear
    }

    /// `current` with the edit made: kept names stay in order, added ones go at the end.
    pub fn apply(&self, current: &[String]) -> Vec<String> {
        let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
        let mut out: Vec<String> = if self.clear { Vec::new() } else { current.to_vec() };
        out.retain(|name| !self.remove.iter().any(|gone| same(gone, name)));
        for name in &self.add {
            if !out.iter().any(|kept| same(kept, name)) {
                out.push(name.clone());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn an_edit_keeps_order_adds_at_the_end_and_ignores_case() {
        let edit =
            CategoryEdit { add: names(&["Travel", "red category"]), remove: names(&["BLUE category"]), clear: false };
        assert_eq!(edit.apply(&names(&["Blue category", "Red category"])), names(&["Red category", "Travel"]));
        assert_eq!(edit.apply(&[]), names(&["Travel", "red category"]));
        let clear = CategoryEdit { add: names(&["Travel"]), clear: true, ..Default::default() };
        assert_eq!(clear.apply(&names(&["Blue category"])), names(&["Travel"]));
        assert!(CategoryEdit::default().is_empty() && !clear.is_empty());
    }
}
