//! Where a file lives (issue 8): a path in a drive, the drive being the resource's own
//! (`me/drive`, `users/{upn}/drive`, `sites/{id}/drive`), a SharePoint library named by site and
//! library name, or any drive by id. `DriveRoot` is the resolved drive every item request is
//! built under, so the operations take a location once and never care which kind it was.
use std::fmt;
use std::str::FromStr;

use crate::client::GraphClient;
use crate::dto::{Drive, Site};
use crate::encode::encode_segment;
use crate::error::{GraphError, GraphResult};
use crate::request::Request;
use crate::resource::Resource;
use crate::sites::{find_site, followed_sites, site_drives};

/// Which drive a location is in, before it is looked up.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum DriveTarget {
    /// The client's resource's drive (the signed-in user's OneDrive for `me`).
    #[default]
    Default,
    /// A document library of a SharePoint site; `None` is the site's default library.
    Site { site: SiteRef, library: Option<String> },
    /// Any drive by id.
    Drive(String),
}

/// How a site is named: `contoso.sharepoint.com:/sites/Finance`, a site id
/// (`host,collection,web`), or the name of a followed site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteRef {
    Path { host: String, path: String },
    Id(String),
    Name(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a site: use HOST:/sites/NAME (contoso.sharepoint.com:/sites/Finance), a site id, or a followed site's name"
)]
pub struct ParseSiteError(String);

impl FromStr for SiteRef {
    type Err = ParseSiteError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let bad = || ParseSiteError(text.to_owned());
        if text.is_empty() || text.chars().any(char::is_control) {
            return Err(bad());
        }
        let text = text.strip_prefix("https://").unwrap_or(text);
        if let Some((host, path)) =
            text.split_once(":/").or_else(|| text.split_once('/').filter(|(h, _)| h.contains('.')))
        {
            let path = path.trim_matches('/');
            if host.is_empty() || host.contains([',', ' ']) || path.is_empty() || path.split('/').any(|s| s == "..") {
                return Err(bad());
            }
            return Ok(SiteRef::Path { host: host.to_owned(), path: path.to_owned() });
        }
        if text.contains(',') || text.eq_ignore_ascii_case("root") {
            return Ok(SiteRef::Id(text.to_owned()));
        }
        Ok(SiteRef::Name(text.to_owned()))
    }
}

impl fmt::Display for SiteRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SiteRef::Path { host, path } => write!(f, "{host}:/{path}"),
            SiteRef::Id(id) | SiteRef::Name(id) => f.write_str(id),
        }
    }
}

impl DriveTarget {
    /// The account setting `drive = "site:HOST:/sites/NAME[#LIBRARY]"`, `"drive:ID"` or `"me"`.
    pub fn parse_setting(text: &str) -> Result<DriveTarget, String> {
        let text = text.trim();
        if text.is_empty() || text.eq_ignore_ascii_case("me") || text.eq_ignore_ascii_case("default") {
            return Ok(DriveTarget::Default);
        }
        if let Some(id) = text.strip_prefix("drive:").map(str::trim).filter(|id| !id.is_empty()) {
            return Ok(DriveTarget::Drive(id.to_owned()));
        }
        let Some(site) = text.strip_prefix("site:") else {
            return Err(format!("`{text}` is not a drive: use site:HOST:/sites/NAME[#LIBRARY], drive:ID or me"));
        };
        let (site, library) = match site.rsplit_once('#') {
            Some((site, library)) if !library.trim().is_empty() => (site, Some(library.trim().to_owned())),
            _ => (site, None),
        };
        let site = site.parse::<SiteRef>().map_err(|e| e.to_string())?;
        Ok(DriveTarget::Site { site, library })
    }
}

/// A drive, resolved: the path prefix item requests go under (`me/drive`, `drives/{id}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriveRoot {
    prefix: String,
}

impl DriveRoot {
    /// The drive under `prefix` (`me/drive`, `drives/b!x`).
    pub fn new(prefix: impl Into<String>) -> Self {
        Self { prefix: prefix.into() }
    }

    /// Any drive by id.
    pub fn by_id(drive_id: &str) -> Self {
        Self::new(format!("drives/{}", encode_segment(drive_id)))
    }

    /// The drive itself.
    pub fn drive_path(&self) -> &str {
        &self.prefix
    }

    /// `{drive}/root` or `{drive}/root:/a/b:` (segments percent-encoded; `.` and empty skipped).
    pub fn path(&self, path: &str) -> String {
        let segments: Vec<String> =
            path.split('/').filter(|s| !s.is_empty() && *s != ".").map(encode_segment).collect();
        if segments.is_empty() {
            format!("{}/root", self.prefix)
        } else {
            format!("{}/root:/{}:", self.prefix, segments.join("/"))
        }
    }

    /// `{drive}/items/{id}`.
    pub fn item(&self, item_id: &str) -> String {
        format!("{}/items/{}", self.prefix, encode_segment(item_id))
    }

    /// `{drive}/items/{parent}:/{name}:`: a child by name, which may not exist yet.
    pub fn child(&self, parent_id: &str, name: &str) -> String {
        format!("{}:/{}:", self.item(parent_id), encode_segment(name))
    }
}

/// The drive's id (`GET {drive}`), e.g. for a copy's `parentReference.driveId`.
pub async fn drive_id(client: &GraphClient, drive: &DriveRoot) -> GraphResult<String> {
    client.json::<Drive>(Request::get(drive.drive_path())).await.map(|d| d.id)
}

/// The error for an app-only sign-in asked for "its" OneDrive: it has none.
fn no_user_drive() -> GraphError {
    GraphError::Refused(
        "an app signed in with client credentials has no OneDrive of its own: set the account's \
         `drive = \"site:HOST:/sites/NAME\"` (a SharePoint library) or `mailbox = \"user:UPN\"` (that \
         user's OneDrive), or pass --site or --drive"
            .to_owned(),
    )
}

/// Resolves `target` to the drive its requests go under.
pub async fn resolve_drive(client: &GraphClient, target: &DriveTarget) -> GraphResult<DriveRoot> {
    match target {
        DriveTarget::Default => {
            match client.resource() {
                Resource::Me if client.is_app_only().await => Err(no_user_drive()),
                Resource::Me | Resource::User(_) => Ok(DriveRoot::new(client.resource_path("drive"))),
                // A group's or site's drive is then addressed by its id, as every library is.
                Resource::Group(_) | Resource::Site(_) => {
                    let drive: Drive = client.json(Request::get(client.resource_path("drive"))).await?;
                    Ok(DriveRoot::by_id(&drive.id))
                }
            }
        }
        DriveTarget::Drive(id) => Ok(DriveRoot::by_id(id)),
        DriveTarget::Site { site, library } => {
            let site = resolve_site(client, site).await?;
            let drive = match library {
                None => client.json::<Drive>(Request::get(format!("sites/{}/drive", encode_segment(&site.id)))).await?,
                Some(name) => find_library(client, &site, name).await?,
            };
            Ok(DriveRoot::by_id(&drive.id))
        }
    }
}

/// A site by host and path, id, or the name of a site the user follows (else any site that
/// name finds).
pub async fn resolve_site(client: &GraphClient, site: &SiteRef) -> GraphResult<Site> {
    match site {
        SiteRef::Path { host, path } => {
            let segments: Vec<String> = path.split('/').filter(|s| !s.is_empty()).map(encode_segment).collect();
            let request = Request::get(format!("sites/{}:/{}", encode_segment(host), segments.join("/")));
            client.json(request).await.map_err(|e| name_the_site(e, site))
        }
        SiteRef::Id(id) => find_site(client, id).await.map_err(|e| name_the_site(e, site)),
        SiteRef::Name(name) => {
            // Followed sites first: app-only sign-ins have none, so a refusal is no answer.
            if !client.is_app_only().await
                && let Ok(followed) = followed_sites(client, Some(500)).await
            {
                let wanted = name.to_lowercase();
                let hit = followed.into_iter().find(|s| {
                    s.display_name.as_deref().is_some_and(|n| n.to_lowercase() == wanted)
                        || s.name.as_deref().is_some_and(|n| n.to_lowercase() == wanted)
                });
                if let Some(hit) = hit {
                    return Ok(hit);
                }
            }
            find_site(client, name).await
        }
    }
}

fn name_the_site(error: GraphError, site: &SiteRef) -> GraphError {
    match error.api() {
        Some(api) if api.status == 404 => GraphError::NotFound(format!("no site at `{site}`")),
        _ => error,
    }
}

/// The library of `site` called `name` (its display name or the last part of its URL).
pub async fn find_library(client: &GraphClient, site: &Site, name: &str) -> GraphResult<Drive> {
    let drives = site_drives(client, &site.id).await?;
    let wanted = name.to_lowercase();
    let url_name = |d: &Drive| {
        d.web_url.as_deref().and_then(|u| u.rsplit('/').next()).map(|s| s.replace("%20", " ").to_lowercase())
    };
    let found = drives.iter().find(|d| d.name.as_deref().is_some_and(|n| n.to_lowercase() == wanted));
    let found = found.or_else(|| drives.iter().find(|d| url_name(d).as_deref() == Some(wanted.as_str())));
    found.cloned().ok_or_else(|| {
        let names: Vec<&str> = drives.iter().filter_map(|d| d.name.as_deref()).collect();
        GraphError::NotFound(format!(
            "site `{}` has no library called `{name}` (it has: {})",
            site.title(),
            if names.is_empty() { "none".to_owned() } else { names.join(", ") }
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_forms() {
        let path = |h: &str, p: &str| SiteRef::Path { host: h.into(), path: p.into() };
        assert_eq!(
            "contoso.sharepoint.com:/sites/Finance".parse(),
            Ok(path("contoso.sharepoint.com", "sites/Finance"))
        );
        assert_eq!(
            "https://contoso.sharepoint.com/sites/Finance/".parse(),
            Ok(path("contoso.sharepoint.com", "sites/Finance"))
        );
        assert_eq!("contoso.sharepoint.com,a,b".parse(), Ok(SiteRef::Id("contoso.sharepoint.com,a,b".into())));
        assert_eq!("Marketing".parse(), Ok(SiteRef::Name("Marketing".into())));
        assert!("contoso.sharepoint.com:/".parse::<SiteRef>().is_err());
        assert!("h.com:/sites/../x".parse::<SiteRef>().is_err());
        assert!("".parse::<SiteRef>().is_err());
    }

    #[test]
    fn drive_settings() {
        assert_eq!(DriveTarget::parse_setting("me"), Ok(DriveTarget::Default));
        assert_eq!(DriveTarget::parse_setting("drive:b!1"), Ok(DriveTarget::Drive("b!1".into())));
        assert_eq!(
            DriveTarget::parse_setting("site:contoso.sharepoint.com:/sites/Finance#Reports"),
            Ok(DriveTarget::Site {
                site: SiteRef::Path { host: "contoso.sharepoint.com".into(), path: "sites/Finance".into() },
                library: Some("Reports".into())
            })
        );
        assert!(DriveTarget::parse_setting("onedrive").unwrap_err().contains("site:HOST:/sites/NAME"));
    }

    #[test]
    fn item_paths_under_any_drive() {
        let me = DriveRoot::new("me/drive");
        assert_eq!(me.path("/"), "me/drive/root");
        assert_eq!(me.path("/Documents/Q3 report.xlsx"), "me/drive/root:/Documents/Q3%20report.xlsx:");
        assert_eq!(me.path("Année/é"), "me/drive/root:/Ann%C3%A9e/%C3%A9:");
        let lib = DriveRoot::by_id("b!x y");
        assert_eq!(lib.item("01A"), "drives/b%21x%20y/items/01A");
        assert_eq!(lib.child("01A", "a/b.txt"), "drives/b%21x%20y/items/01A:/a%2Fb.txt:");
    }
}
