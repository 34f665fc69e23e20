//! Whose data a call addresses: the signed-in user, another user or shared mailbox, a group or a
//! SharePoint site — python-o365's `resource` (`me`, `user:…`, `group:…`, `site:…`).
use std::fmt;
use std::str::FromStr;

use crate::encode::encode_segment;

/// The owner of the mailbox, calendar, drive or task lists a call works on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Resource {
    /// The signed-in user (`/me`); meaningless with app-only tokens.
    #[default]
    Me,
    /// A user or shared mailbox by id or user principal name (`/users/{id}`).
    User(String),
    /// A Microsoft 365 group (`/groups/{id}`).
    Group(String),
    /// A SharePoint site (`/sites/{id}`).
    Site(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a resource: use me, user:<upn or id>, group:<id>, site:<id>, or a user principal name")]
pub struct ParseResourceError(String);

impl FromStr for Resource {
    type Err = ParseResourceError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let bad = || ParseResourceError(s.to_owned());
        if s.eq_ignore_ascii_case("me") {
            return Ok(Resource::Me);
        }
        let (kind, id) = match s.split_once(':') {
            Some((kind, id)) => (kind.to_ascii_lowercase(), id.trim()),
            None if s.contains('@') => ("user".to_owned(), s),
            None => return Err(bad()),
        };
        if id.is_empty() || id.contains('/') || id.chars().any(char::is_control) {
            return Err(bad());
        }
        match kind.as_str() {
            "user" | "users" => Ok(Resource::User(id.to_owned())),
            "group" | "groups" => Ok(Resource::Group(id.to_owned())),
            "site" | "sites" => Ok(Resource::Site(id.to_owned())),
            _ => Err(bad()),
        }
    }
}

impl Resource {
    /// The path prefix under the Graph root: `me`, `users/{id}`, … (ids percent-encoded).
    pub fn path(&self) -> String {
        match self {
            Resource::Me => "me".to_owned(),
            Resource::User(id) => format!("users/{}", encode_segment(id)),
            Resource::Group(id) => format!("groups/{}", encode_segment(id)),
            Resource::Site(id) => format!("sites/{}", encode_segment(id)),
        }
    }

    /// Whether the resource has a mailbox, calendar and To Do lists (users do; groups and sites
    /// are reached for their drives).
    pub fn is_user(&self) -> bool {
        matches!(self, Resource::Me | Resource::User(_))
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Resource::Me => f.write_str("me"),
            Resource::User(id) => write!(f, "user:{id}"),
            Resource::Group(id) => write!(f, "group:{id}"),
            Resource::Site(id) => write!(f, "site:{id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_python_o365_style_resources() {
        assert_eq!("me".parse(), Ok(Resource::Me));
        assert_eq!("user:adele@contoso.com".parse(), Ok(Resource::User("adele@contoso.com".into())));
        assert_eq!("shared@contoso.com".parse(), Ok(Resource::User("shared@contoso.com".into())));
        assert_eq!("group:1234".parse(), Ok(Resource::Group("1234".into())));
        assert_eq!(
            "site:contoso.sharepoint.com,abc,def".parse(),
            Ok(Resource::Site("contoso.sharepoint.com,abc,def".into()))
        );
        assert!("mailbox".parse::<Resource>().is_err());
        assert!("user:".parse::<Resource>().is_err());
        assert!("user:../me".parse::<Resource>().is_err());
        assert!("planet:x".parse::<Resource>().is_err());
    }

    #[test]
    fn paths_encode_ids() {
        assert_eq!(Resource::Me.path(), "me");
        assert_eq!(Resource::User("a b@c.com".into()).path(), "users/a%20b@c.com");
        assert_eq!(Resource::Site("x,y".into()).path(), "sites/x%2Cy");
        assert_eq!(Resource::User("o'neil@x.com".into()).to_string(), "user:o'neil@x.com");
    }
}
