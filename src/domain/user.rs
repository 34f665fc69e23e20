//! The signed-in user and directory users (graph-facts §3.7, §4.10).
use serde::Serialize;

use o365_graph::dto;

/// A directory user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: String,
    pub display_name: String,
    /// `mail`, else the user principal name (which is usually the address).
    pub email: Option<String>,
    pub user_principal_name: Option<String>,
    pub job_title: Option<String>,
    pub department: Option<String>,
    pub company: Option<String>,
    pub office_location: Option<String>,
    /// Mobile first, then business numbers.
    pub phones: Vec<String>,
}

/// The signed-in user.
pub type Me = User;

impl From<&dto::User> for User {
    fn from(value: &dto::User) -> Self {
        let mut phones: Vec<String> = value.mobile_phone.iter().cloned().collect();
        phones.extend(value.business_phones.iter().cloned());
        User {
            id: value.id.clone(),
            display_name: value.display_name.clone().unwrap_or_default(),
            email: value.mail.clone().filter(|mail| !mail.is_empty()).or_else(|| value.user_principal_name.clone()),
            user_principal_name: value.user_principal_name.clone(),
            job_title: value.job_title.clone().filter(|t| !t.trim().is_empty()),
            department: value.department.clone().filter(|t| !t.trim().is_empty()),
            company: value.company_name.clone().filter(|t| !t.trim().is_empty()),
            office_location: value.office_location.clone().filter(|t| !t.trim().is_empty()),
            phones,
        }
    }
}
