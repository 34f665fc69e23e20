//! Where a file command works: the drive its --site/--library/--drive (or the account's `drive`)
//! names, and remote paths in it: an existing folder, or a path ending in `/`, receives items
//! under their own names; anything else names the new item.
use anyhow::Context;
use o365_graph::client::GraphClient;
use o365_graph::drive::location::{DriveRoot, DriveTarget, SiteRef, resolve_drive};
use o365_graph::drive::organise::get_item;
use o365_graph::dto::DriveItem;
use o365_graph::error::GraphError;

use crate::cli::args::LocationArgs;
use crate::cli::failure::UsageError;
use crate::cli::session::Session;

/// The drive the flags (else the account) name, looked up.
pub async fn drive_for(session: &Session, args: &LocationArgs) -> anyhow::Result<DriveRoot> {
    let target = match (&args.site, &args.drive) {
        (Some(site), _) => {
            let site: SiteRef = site.parse().map_err(|e: o365_graph::drive::location::ParseSiteError| {
                anyhow::Error::new(UsageError(format!("--site: {e}")))
            })?;
            DriveTarget::Site { site, library: args.library.clone() }
        }
        (None, Some(id)) => DriveTarget::Drive(id.clone()),
        (None, None) => session.default_drive().clone(),
    };
    resolve_drive(&session.client, &target).await.context("finding the drive")
}

/// A remote path as typed, checked: `/` separated, a leading `/` optional, no `..`.
pub fn clean(path: &str) -> anyhow::Result<String> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty() && *s != ".").collect();
    if segments.contains(&"..") {
        return Err(UsageError(format!("`{path}`: `..` is not allowed in a remote path")).into());
    }
    Ok(segments.join("/"))
}

/// The parent folder part and the last name of a cleaned path (`a/b/c` → `a/b`, `c`).
pub fn split(path: &str) -> (&str, &str) {
    path.rsplit_once('/').unwrap_or(("", path))
}

/// Where items go for a destination: into a folder under their own names, or one item under a
/// new name in a folder.
pub enum Destination {
    Into(DriveItem),
    As { folder: DriveItem, name: String },
}

/// Reads a destination path: an existing folder or one ending in `/` is `Into`; else the
/// parent must be a folder and the last name is the new name.
pub async fn destination(client: &GraphClient, drive: &DriveRoot, raw: &str) -> anyhow::Result<Destination> {
    let path = clean(raw)?;
    let wants_folder = raw.ends_with('/') || path.is_empty();
    match get_item(client, drive, &path).await {
        Ok(item) if item.folder.is_some() || item.root.is_some() => return Ok(Destination::Into(item)),
        Ok(_) if wants_folder => anyhow::bail!("`{raw}` is a file, not a folder"),
        Ok(_) => {}
        Err(GraphError::NotFound(_)) if wants_folder => anyhow::bail!("the folder `{raw}` does not exist"),
        Err(GraphError::NotFound(_)) => {}
        Err(e) => return Err(e).with_context(|| format!("`{raw}`")),
    }
    let (parent, name) = split(&path);
    let folder = get_item(client, drive, parent).await.with_context(|| format!("the folder of `{raw}`"))?;
    if folder.folder.is_none() && folder.root.is_none() {
        anyhow::bail!("`{parent}` is a file, not a folder");
    }
    Ok(Destination::As { folder, name: name.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_paths() {
        assert_eq!(clean("/Documents//Reports/./q3.xlsx").unwrap(), "Documents/Reports/q3.xlsx");
        assert_eq!(clean("/").unwrap(), "");
        assert!(clean("a/../b").is_err());
        assert_eq!(split("a/b/c"), ("a/b", "c"));
        assert_eq!(split("c"), ("", "c"));
    }
}
