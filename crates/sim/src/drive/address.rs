//! How a request names a drive item (graph-facts §3.5): `root`, `items/{id}`,
//! `special/{name}`, each optionally followed by `:/relative/path:` and then `/children`,
//! `/content` or `/search(q='...')`. Parsed from the raw path so percent-encoded names survive.
use crate::errors::GraphError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    Root,
    Item(String),
    Special(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Item,
    Children,
    Content,
    CreateUploadSession,
    Search(String),
    /// `/delta`: what changed in the drive since a token (graph-facts §2.8, driveitem-delta).
    Delta,
    /// `/copy`: a copy made in the background, watched through a monitor URL.
    Copy,
    /// `/createLink`: a sharing link.
    CreateLink,
    /// `/permissions`: who has access and through which links.
    Permissions,
    /// `/permissions/{id}`.
    Permission(String),
    /// `/permanentDelete`: deleted without going to the recycle bin.
    PermanentDelete,
    /// `/versions`.
    Versions,
    /// `/versions/{id}/restoreVersion`.
    RestoreVersion(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// The drive the request names; empty for the owner's (`/me/drive`). Set by the handler
    /// once the drive is known to exist (`parse` leaves it empty).
    pub drive_id: String,
    pub base: Base,
    /// Names below the base, decoded (`root:/a/b` gives `["a", "b"]`).
    pub path: Vec<String>,
    pub action: Action,
}

/// Decodes `%XX` escapes (a `+` stays a `+` in a path).
pub fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(byte) =
                std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn bad_segment(raw: &str) -> GraphError {
    GraphError::no_such_resource(raw)
}

/// The text of `search(q='...')`, with `''` read as one quote.
fn search_text(raw: &str) -> Option<String> {
    let decoded = percent_decode(raw);
    let inner = decoded.strip_prefix("search(")?.strip_suffix(')')?.trim();
    let value = inner.strip_prefix("q=")?.trim();
    let quoted = value.strip_prefix('\'')?.strip_suffix('\'')?;
    Some(quoted.replace("''", "'"))
}

fn action(tail: &str, whole: &str) -> Result<Action, GraphError> {
    match tail.trim_end_matches('/') {
        "" => Ok(Action::Item),
        "/children" => Ok(Action::Children),
        "/content" => Ok(Action::Content),
        "/createUploadSession" => Ok(Action::CreateUploadSession),
        "/copy" => Ok(Action::Copy),
        "/delta" => Ok(Action::Delta),
        "/createLink" => Ok(Action::CreateLink),
        "/permissions" => Ok(Action::Permissions),
        "/permanentDelete" => Ok(Action::PermanentDelete),
        "/versions" => Ok(Action::Versions),
        t if t.starts_with("/versions/") && t.ends_with("/restoreVersion") => {
            let id = &t["/versions/".len()..t.len() - "/restoreVersion".len()];
            if id.is_empty() || id.contains('/') {
                Err(bad_segment(whole))
            } else {
                Ok(Action::RestoreVersion(percent_decode(id)))
            }
        }
        t if t.starts_with("/permissions/") && t.len() > "/permissions/".len() => {
            Ok(Action::Permission(percent_decode(&t["/permissions/".len()..])))
        }
        t => match t.strip_prefix('/').and_then(search_text) {
            Some(q) => Ok(Action::Search(q)),
            None => Err(bad_segment(whole)),
        },
    }
}

/// Parses what follows `/drive` (e.g. `/root:/Docs/a%20b.txt:/content`).
pub fn parse(rest: &str) -> Result<Address, GraphError> {
    let trimmed = rest.strip_prefix('/').unwrap_or(rest);
    let (base, after) = if let Some(after) = trimmed.strip_prefix("root") {
        (Base::Root, after)
    } else if let Some(after) = trimmed.strip_prefix("items/") {
        let end = after.find(['/', ':']).unwrap_or(after.len());
        (Base::Item(percent_decode(&after[..end])), &after[end..])
    } else if let Some(after) = trimmed.strip_prefix("special/") {
        let end = after.find(['/', ':']).unwrap_or(after.len());
        (Base::Special(percent_decode(&after[..end]).to_ascii_lowercase()), &after[end..])
    } else {
        return Err(bad_segment(rest));
    };
    if matches!(&base, Base::Item(id) | Base::Special(id) if id.is_empty()) {
        return Err(bad_segment(rest));
    }
    let Some(path_part) = after.strip_prefix(':') else {
        if !after.is_empty() && !after.starts_with('/') {
            return Err(bad_segment(rest));
        }
        return Ok(Address { drive_id: String::new(), base, path: Vec::new(), action: action(after, rest)? });
    };
    // `:/a/b` (item), `:/a/b:` (item), `:/a/b:/children` (action): the last colon ends the path.
    let (raw_path, tail) = match path_part.rfind(':') {
        Some(i) => (&path_part[..i], &path_part[i + 1..]),
        None => (path_part, ""),
    };
    let path = raw_path.split('/').filter(|s| !s.is_empty()).map(percent_decode).collect();
    Ok(Address { drive_id: String::new(), base, path, action: action(tail, rest)? })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(base: Base, path: &[&str], action: Action) -> Address {
        Address { drive_id: String::new(), base, path: path.iter().map(|s| s.to_string()).collect(), action }
    }

    #[test]
    fn id_root_special_and_path_forms() {
        assert_eq!(parse("/root").unwrap(), addr(Base::Root, &[], Action::Item));
        assert_eq!(parse("/root/children").unwrap(), addr(Base::Root, &[], Action::Children));
        assert_eq!(parse("/items/01AB/content").unwrap(), addr(Base::Item("01AB".into()), &[], Action::Content));
        assert_eq!(
            parse("/special/Documents/children").unwrap(),
            addr(Base::Special("documents".into()), &[], Action::Children)
        );
        assert_eq!(
            parse("/root:/My%20Docs/caf%C3%A9%20menu.txt").unwrap(),
            addr(Base::Root, &["My Docs", "café menu.txt"], Action::Item)
        );
        assert_eq!(parse("/root:/a/b:").unwrap(), addr(Base::Root, &["a", "b"], Action::Item));
        assert_eq!(parse("/root:/a/b:/children").unwrap(), addr(Base::Root, &["a", "b"], Action::Children));
        assert_eq!(
            parse("/root:/big.bin:/createUploadSession").unwrap(),
            addr(Base::Root, &["big.bin"], Action::CreateUploadSession)
        );
        assert_eq!(
            parse("/items/01AB:/x+y.txt:/content").unwrap(),
            addr(Base::Item("01AB".into()), &["x+y.txt"], Action::Content)
        );
    }

    #[test]
    fn search_unescapes_doubled_quotes() {
        assert_eq!(
            parse("/root/search(q='it''s%20here')").unwrap(),
            addr(Base::Root, &[], Action::Search("it's here".into()))
        );
        assert!(parse("/root/search(q=nope)").is_err());
    }

    #[test]
    fn organising_and_sharing_actions() {
        assert_eq!(parse("/items/01AB/copy").unwrap(), addr(Base::Item("01AB".into()), &[], Action::Copy));
        assert_eq!(parse("/root:/a.txt:/createLink").unwrap(), addr(Base::Root, &["a.txt"], Action::CreateLink));
        assert_eq!(parse("/items/X/permissions").unwrap(), addr(Base::Item("X".into()), &[], Action::Permissions));
        assert_eq!(
            parse("/items/X/permissions/p%201").unwrap(),
            addr(Base::Item("X".into()), &[], Action::Permission("p 1".into()))
        );
        assert_eq!(parse("/items/X/versions").unwrap(), addr(Base::Item("X".into()), &[], Action::Versions));
        assert_eq!(
            parse("/items/X/versions/2.0/restoreVersion").unwrap(),
            addr(Base::Item("X".into()), &[], Action::RestoreVersion("2.0".into()))
        );
        assert_eq!(
            parse("/items/X/permanentDelete").unwrap(),
            addr(Base::Item("X".into()), &[], Action::PermanentDelete)
        );
    }

    #[test]
    fn unknown_segments_are_refused() {
        for bad in ["/rooty", "/items/", "/root/thumbnails", "/bogus", "/root:/a:/bogus"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
