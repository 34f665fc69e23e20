//! `outlookCategory`: an entry of the user's master category list (`/me/outlook/masterCategories`).
//! Items (messages, events, contacts, tasks) carry categories by display name only.
use serde::{Deserialize, Serialize};

use super::lenient;

/// `outlookCategory {id, displayName, color}`. `color` is `none` or `preset0` … `preset24`;
/// the shade is the client's choice (Outlook desktop: preset0 red, preset1 orange, preset3
/// yellow, preset4 green, preset7 blue, preset8 purple …).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OutlookCategory {
    #[serde(deserialize_with = "lenient::null_default", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(deserialize_with = "lenient::null_default")]
    pub display_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

impl OutlookCategory {
    /// N of `presetN` (0–24); `None` for `none`, a missing colour or one this build does not know.
    pub fn preset(&self) -> Option<u8> {
        let colour = self.color.as_deref()?.to_ascii_lowercase();
        colour.strip_prefix("preset")?.parse().ok().filter(|n| *n <= 24)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_parse_and_odd_colours_do_not() {
        let parse = |json: &str| serde_json::from_str::<OutlookCategory>(json).unwrap();
        let red = parse(r#"{"id":"c1","displayName":"Red category","color":"preset0"}"#);
        assert_eq!((red.display_name.as_str(), red.preset()), ("Red category", Some(0)));
        assert_eq!(parse(r#"{"id":"c2","displayName":"X","color":"Preset24"}"#).preset(), Some(24));
        assert_eq!(parse(r#"{"id":"c3","displayName":"X","color":"none"}"#).preset(), None);
        assert_eq!(parse(r#"{"id":"c4","displayName":"X","color":"preset99"}"#).preset(), None);
        assert_eq!(
            parse(r#"{"id":"c5","displayName":null,"color":null}"#),
            OutlookCategory { id: "c5".into(), ..Default::default() }
        );
    }
}
