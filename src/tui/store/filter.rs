//! `/` in the Calendar, Drive and Tasks panes: text typed to narrow the list in view to the rows
//! that contain it (any case). The panes keep their rows; only what is shown changes. (The mail
//! pane has its own, older filter in `mail.rs`, which also counts matches as pages arrive.)

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    pub text: String,
    /// Typing: keys go into the text.
    pub editing: bool,
}

impl ListFilter {
    /// Typing, or text kept: the list shows only what matches.
    pub fn is_active(&self) -> bool {
        self.editing || !self.text.is_empty()
    }

    /// Whether a row whose text is `fields` is shown: one of them contains the filter text,
    /// ignoring case (every row when there is no text).
    pub fn keeps<'a>(&self, fields: impl IntoIterator<Item = &'a str>) -> bool {
        if self.text.is_empty() {
            return true;
        }
        let needle = self.text.to_lowercase();
        fields.into_iter().any(|field| field.to_lowercase().contains(&needle))
    }

    /// The line the list shows at its foot: `/text▏  (N matching)`.
    pub fn status_line(&self, matching: usize) -> String {
        let cursor = if self.editing { "▏" } else { "" };
        format!("/{}{cursor}  ({matching} matching)", crate::sanitize::line(&self.text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_kept_when_a_field_contains_the_text_in_any_case() {
        let mut filter = ListFilter::default();
        assert!(filter.keeps(["anything"]) && !filter.is_active());
        filter.text = "PLAN".into();
        assert!(filter.keeps(["Sprint planning", "Room 4"]));
        assert!(filter.keeps(["Lunch", "the plan room"]));
        assert!(!filter.keeps(["Lunch", "Canteen"]));
        assert!(filter.is_active());
        assert_eq!(filter.status_line(2), "/PLAN  (2 matching)");
    }
}
