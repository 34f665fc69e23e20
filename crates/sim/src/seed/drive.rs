//! The owner's OneDrive (graph-facts §3.5, §4.5, §4.6): the drive resource, a few hundred items
//! under a root, and every file's bytes (small text stored, large files generated on demand).
pub(super) mod layout;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, TimeZone, Utc};
use serde_json::json;

use super::cast::{Cast, Person};
use super::files::{TINY_PNG, csv, markdown, mime_for, notes, pdf};
use super::rng::Rng;
use super::shape::{identity_set, iso};
use super::words::PROJECTS;
use crate::store::{Content, Tenant};

const QUOTA_TOTAL: u64 = 1024 * 1024 * 1024 * 1024;

struct Node {
    id: String,
    name: String,
    /// Index of the parent in the node list; `None` for the root.
    parent: Option<usize>,
    /// Path below the root ("" for the root, "Documents/HR" for a folder in Documents).
    path: String,
    special: Option<&'static str>,
    content: Option<Content>,
    created: DateTime<Utc>,
    modified: DateTime<Utc>,
    author: usize,
    editor: usize,
    size: u64,
    children: u64,
}

/// Percent-encodes a drive path for `webUrl` (slashes kept).
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub(super) struct Builder<'a> {
    tenant: &'a mut Tenant,
    rng: Rng,
    anchor: DateTime<Utc>,
    nodes: Vec<Node>,
    by_path: BTreeMap<String, usize>,
    names: BTreeSet<(usize, String)>,
    people: Vec<&'a Person>,
}

/// What tells one drive from another: its kind, name, address and owner.
pub(super) struct DriveSpec {
    /// `business` for a OneDrive, `documentLibrary` for a site's library.
    pub drive_type: &'static str,
    pub name: String,
    pub web_url: String,
    pub owner: serde_json::Value,
}

/// A seeded drive: its resource, and its items' ids by path below the root ("" is the root).
pub(super) struct Seeded {
    pub drive: serde_json::Value,
    pub ids: BTreeMap<String, String>,
}

impl<'a> Builder<'a> {
    /// `people[0]` is the drive's owner, who writes most of its files.
    pub(super) fn new(tenant: &'a mut Tenant, rng: Rng, anchor: DateTime<Utc>, people: Vec<&'a Person>) -> Self {
        Builder { tenant, rng, anchor, nodes: Vec::new(), by_path: BTreeMap::new(), names: BTreeSet::new(), people }
    }

    /// The index of the folder at `path` (the root for an unknown path).
    pub(super) fn folder_at(&self, path: &str) -> usize {
        self.by_path.get(path).copied().unwrap_or(0)
    }

    pub(super) fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }
}

impl Builder<'_> {
    fn when(&mut self, year: Option<i32>) -> (DateTime<Utc>, DateTime<Utc>) {
        let latest = self.anchor - Duration::hours(2);
        let created = match year.and_then(|y| Utc.with_ymd_and_hms(y, 1, 1, 9, 0, 0).single()) {
            Some(start) => start + Duration::minutes(self.rng.range(0, 60 * 24 * 360)),
            None => self.anchor - Duration::minutes(self.rng.range(60 * 24, 60 * 24 * 900)),
        }
        .min(latest - Duration::hours(1));
        let modified = (created + Duration::minutes(self.rng.range(0, 60 * 24 * 200))).min(latest);
        (created, modified)
    }

    pub(super) fn add(
        &mut self,
        parent: Option<usize>,
        name: &str,
        special: Option<&'static str>,
        content: Option<Content>,
        year: Option<i32>,
    ) -> usize {
        let mut name = name.to_owned();
        if let Some(p) = parent {
            let (stem, ext) =
                name.rsplit_once('.').map_or((name.clone(), String::new()), |(s, e)| (s.to_owned(), format!(".{e}")));
            let mut n = 1;
            while self.names.contains(&(p, name.to_lowercase())) {
                name = format!("{stem} ({n}){ext}");
                n += 1;
            }
            self.names.insert((p, name.to_lowercase()));
        }
        let path = match parent {
            None => String::new(),
            Some(p) if self.nodes[p].path.is_empty() => name.clone(),
            Some(p) => format!("{}/{name}", self.nodes[p].path),
        };
        let (created, modified) = self.when(year);
        let author = if self.rng.chance(0.8) { 0 } else { self.rng.below(self.people.len()) };
        let editor = if self.rng.chance(0.7) { author } else { self.rng.below(self.people.len()) };
        let id = self.tenant.mint_id("drv");
        self.by_path.insert(path.clone(), self.nodes.len());
        self.nodes.push(Node {
            id,
            name,
            parent,
            path,
            special,
            content,
            created,
            modified,
            author,
            editor,
            size: 0,
            children: 0,
        });
        self.nodes.len() - 1
    }

    pub(super) fn file(&mut self, parent: usize, name: &str, year: Option<i32>) {
        let kind = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        let project = self.rng.pick(PROJECTS);
        let content = match kind.as_str() {
            "txt" => Content::Bytes(notes(&mut self.rng, project)),
            "md" => Content::Bytes(markdown(&mut self.rng, project)),
            "csv" => {
                let rows = self.rng.range(5, 60) as usize;
                Content::Bytes(csv(&mut self.rng, rows))
            }
            _ => Content::Generated { seed: self.rng.next_u64(), len: layout::file_size(&mut self.rng, &kind) },
        };
        self.add(Some(parent), name, None, Some(content), year);
    }
}

pub fn generate(tenant: &mut Tenant, seed: u64, cast: &Cast, anchor: DateTime<Utc>) {
    let rng = Rng::stream(seed, "drive");
    let people: Vec<&Person> = cast.directory.iter().take(12).collect();
    let mut b = Builder::new(tenant, rng, anchor, people);
    let root = b.add(None, "root", None, None, None);
    for plan in layout::folders(anchor.year()) {
        let (parent_path, name) = plan.path.rsplit_once('/').unwrap_or(("", &plan.path));
        let parent = b.by_path.get(parent_path).copied().unwrap_or(root);
        let folder = b.add(Some(parent), name, plan.special, None, plan.year);
        for _ in 0..plan.files {
            let kind = b.rng.pick(plan.kinds);
            let project = b.rng.pick(PROJECTS);
            let name = layout::file_name(&mut b.rng, kind, project);
            b.file(folder, &name, plan.year);
        }
    }
    for (folder, name, size) in layout::LARGE_FILES {
        let parent = b.by_path.get(*folder).copied().unwrap_or(root);
        // Seeded by name, not by the tenant's seed: the same big file in every tenant.
        let content = Content::Generated { seed: Rng::stream(0, name).next_u64(), len: *size };
        b.add(Some(parent), name, None, Some(content), None);
    }
    for (folder, name) in layout::AWKWARD_NAMES {
        let parent = b.by_path.get(*folder).copied().unwrap_or(root);
        b.file(parent, name, None);
    }
    let pictures = b.by_path.get("Pictures").copied().unwrap_or(root);
    b.add(Some(pictures), "Contoso logo.png", None, Some(Content::Bytes(TINY_PNG.to_vec())), None);
    let hr = b.by_path.get("Documents/HR").copied().unwrap_or(root);
    b.add(Some(hr), "Benefits overview.pdf", None, Some(Content::Bytes(pdf("Benefits overview 2025"))), None);
    let me = cast.me();
    let personal = me.address.to_lowercase().replace(['@', '.'], "_");
    let spec = DriveSpec {
        drive_type: "business",
        name: "OneDrive".to_owned(),
        web_url: format!("https://contoso-my.sharepoint.com/personal/{personal}/Documents"),
        owner: json!({ "user": { "displayName": me.name, "id": me.user_id, "email": me.address } }),
    };
    tenant.drive = finish(b, &spec).drive;
}

/// Sizes and child counts bottom-up, then the Graph objects and contents; the drive resource
/// is returned for the caller to file (the owner's drive, or one of `Tenant::drives`).
pub(super) fn finish(mut b: Builder, spec: &DriveSpec) -> Seeded {
    for i in (0..b.nodes.len()).rev() {
        if let Some(c) = &b.nodes[i].content {
            b.nodes[i].size = c.len();
        }
        if let Some(p) = b.nodes[i].parent {
            b.nodes[p].size += b.nodes[i].size;
            b.nodes[p].children += 1;
        }
    }
    let drive_id = format!("b!{}", b.rng.hex(24).to_lowercase());
    let base_url = spec.web_url.clone();
    let drive_type = spec.drive_type;
    for i in 0..b.nodes.len() {
        let n = &b.nodes[i];
        let web_url = if n.path.is_empty() { base_url.clone() } else { format!("{base_url}/{}", encode_path(&n.path)) };
        let guid = b.rng.guid().to_uppercase();
        let version = b.rng.range(1, 9);
        let mut item = json!({
            "id": n.id,
            "name": n.name,
            "size": n.size,
            "eTag": format!("\"{{{guid}}},{version}\""),
            "createdDateTime": iso(n.created),
            "lastModifiedDateTime": iso(n.modified),
            "webUrl": web_url,
            "createdBy": identity_set(b.people[n.author]),
            "lastModifiedBy": identity_set(b.people[n.editor]),
            "fileSystemInfo": { "createdDateTime": iso(n.created), "lastModifiedDateTime": iso(n.modified) },
        });
        let fields = item.as_object_mut().expect("json! object");
        match n.parent {
            None => {
                fields.insert("root".into(), json!({}));
                fields.insert("parentReference".into(), json!({ "driveType": drive_type, "driveId": drive_id }));
            }
            Some(p) => {
                let parent = &b.nodes[p];
                let path = if parent.path.is_empty() {
                    "/drive/root:".to_owned()
                } else {
                    format!("/drive/root:/{}", parent.path)
                };
                fields.insert(
                    "parentReference".into(),
                    json!({ "driveType": drive_type, "driveId": drive_id, "id": parent.id, "name": parent.name, "path": path }),
                );
            }
        }
        match &n.content {
            None => {
                fields.insert("folder".into(), json!({ "childCount": n.children }));
                if let Some(special) = n.special {
                    fields.insert("specialFolder".into(), json!({ "name": special }));
                }
                if n.path == "Shared" {
                    fields.insert("shared".into(), json!({ "scope": "users" }));
                }
            }
            Some(_) => {
                fields.insert("cTag".into(), json!(format!("\"c:{{{guid}}},{}\"", version + 1)));
                fields.insert(
                    "file".into(),
                    // The hashes are the bytes': computed when an answer first shows them (drive::tree).
                    json!({ "mimeType": mime_for(&n.name), "hashes": {} }),
                );
                let lower = n.name.to_ascii_lowercase();
                if lower.ends_with(".png") || lower.ends_with(".jpg") {
                    let (w, h) = if n.size < 1000 {
                        (2, 2)
                    } else {
                        (b.rng.pick(&[1920, 4032, 2560, 1280]), b.rng.pick(&[1080, 3024, 1440, 720]))
                    };
                    fields.insert("image".into(), json!({ "width": w, "height": h }));
                    if lower.ends_with(".jpg") {
                        fields.insert("photo".into(), json!({ "takenDateTime": iso(n.created) }));
                    }
                }
            }
        }
        b.tenant.drive_items.insert_seeded(item);
        if let Some(content) = b.nodes[i].content.take() {
            b.tenant.drive_content.insert(b.nodes[i].id.clone(), content);
        }
    }
    let used = b.nodes[0].size;
    let deleted = 48 * 1024 * 1024;
    let drive = json!({
        "id": drive_id,
        "driveType": drive_type,
        "name": spec.name,
        "description": "",
        "webUrl": base_url,
        "createdDateTime": iso(b.anchor - Duration::days(1200)),
        "lastModifiedDateTime": iso(b.nodes.iter().map(|n| n.modified).max().unwrap_or(b.anchor)),
        "createdBy": { "user": { "displayName": "System Account" } },
        "owner": spec.owner,
        "quota": { "total": QUOTA_TOTAL, "used": used, "remaining": QUOTA_TOTAL - used - deleted, "deleted": deleted, "state": "normal" },
    });
    let ids = b.by_path.iter().map(|(path, &i)| (path.clone(), b.nodes[i].id.clone())).collect();
    Seeded { drive, ids }
}
