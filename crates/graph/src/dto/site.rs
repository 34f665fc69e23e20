//! SharePoint sites (graph-facts §3.5b): `id` is `hostname,siteCollectionId,webId`.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::lenient;

/// `siteCollection {hostname}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SiteCollection {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
}

/// `site`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Site {
    #[serde(deserialize_with = "lenient::null_default", skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_date_time: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified_date_time: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_collection: Option<SiteCollection>,
    /// `root {}` marks the tenant's root site.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub root: Option<serde_json::Value>,
}

impl Site {
    /// What a person calls the site: its display name, else its URL name, else its id.
    pub fn title(&self) -> &str {
        self.display_name.as_deref().filter(|n| !n.is_empty()).or(self.name.as_deref()).unwrap_or(&self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerates_missing_and_null_fields() {
        let site: Site = serde_json::from_str(r#"{"id": null, "name": "HR"}"#).unwrap();
        assert_eq!(site.id, "");
        assert_eq!(site.title(), "HR");
        let full: Site = serde_json::from_str(
            r#"{"id":"h,1,2","displayName":"Marketing","webUrl":"https://h/sites/Marketing",
                "siteCollection":{"hostname":"h"},"createdDateTime":"2024-01-01T00:00:00Z","extra":1}"#,
        )
        .unwrap();
        assert_eq!(full.title(), "Marketing");
        assert_eq!(full.site_collection.unwrap().hostname.as_deref(), Some("h"));
    }
}
