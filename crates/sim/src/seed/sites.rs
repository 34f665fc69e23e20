//! SharePoint sites with their document libraries, and a colleague's OneDrive from which a few
//! items are shared with the owner (graph-facts §3.5b). Built with the OneDrive seed's builder,
//! so library items look exactly like OneDrive items, only in other drives.
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use super::cast::{Cast, Person};
use super::drive::layout::file_name;
use super::drive::{Builder, DriveSpec, Seeded, finish};
use super::rng::Rng;
use super::shape::{identity_set, iso};
use super::words::PROJECTS;
use crate::store::Tenant;

pub const HOSTNAME: &str = "contoso.sharepoint.com";

/// A folder of a library: path below its root, how many files, and their kinds.
type FolderPlan = (&'static str, usize, &'static [&'static str]);

struct LibraryPlan {
    name: &'static str,
    /// The library's last URL segment (SharePoint calls "Documents" `Shared Documents`).
    url: &'static str,
    folders: &'static [FolderPlan],
}

struct SitePlan {
    /// The URL name below `/sites/` (empty for the root site).
    name: &'static str,
    display: &'static str,
    description: &'static str,
    followed: bool,
    libraries: &'static [LibraryPlan],
}

const DOCS: &[&str] = &["docx", "xlsx", "pptx", "pdf"];

const SITES: &[SitePlan] = &[
    SitePlan {
        name: "",
        display: "Contoso",
        description: "The Contoso intranet home",
        followed: false,
        libraries: &[LibraryPlan { name: "Documents", url: "Shared Documents", folders: &[("Templates", 3, DOCS)] }],
    },
    SitePlan {
        name: "Marketing",
        display: "Marketing",
        description: "Campaigns, brand assets and press",
        followed: true,
        libraries: &[LibraryPlan {
            name: "Documents",
            url: "Shared Documents",
            folders: &[("", 2, DOCS), ("Campaigns", 5, DOCS), ("Brand assets", 4, &["png", "pdf"]), ("Press", 3, DOCS)],
        }],
    },
    SitePlan {
        name: "Engineering",
        display: "Engineering",
        description: "Specs, architecture and release notes",
        followed: true,
        libraries: &[
            LibraryPlan {
                name: "Documents",
                url: "Shared Documents",
                folders: &[
                    ("", 1, &["md"]),
                    ("Specs", 5, &["docx", "md", "pdf"]),
                    ("Architecture", 3, &["png", "md"]),
                    ("Release notes", 4, &["md"]),
                ],
            },
            LibraryPlan { name: "Release builds", url: "Release builds", folders: &[("2026", 3, &["zip"])] },
        ],
    },
    SitePlan {
        name: "HR",
        display: "Human Resources",
        description: "Policies, onboarding and benefits",
        followed: false,
        libraries: &[LibraryPlan {
            name: "Documents",
            url: "Shared Documents",
            folders: &[("Policies", 4, &["pdf", "docx"]), ("Onboarding", 3, &["docx", "pptx"])],
        }],
    },
];

/// What the colleague's OneDrive holds; the paths in `SHARED` are shared with the owner.
const COLLEAGUE_FOLDERS: &[FolderPlan] =
    &[("", 3, &["docx", "xlsx", "md"]), ("Q4 planning", 5, DOCS), ("Team photos", 4, &["jpg"])];

/// Percent-encodes a URL path segment (spaces and the like).
fn encode(segment: &str) -> String {
    segment.bytes().fold(String::new(), |mut out, b| {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
        out
    })
}

/// Fills a drive from its folder plans and files it in `Tenant::drives`.
fn seed_drive(
    tenant: &mut Tenant,
    rng: Rng,
    anchor: DateTime<Utc>,
    people: Vec<&Person>,
    folders: &[FolderPlan],
    spec: DriveSpec,
    site_id: Option<&str>,
) -> Seeded {
    let mut b = Builder::new(tenant, rng, anchor, people);
    let root = b.add(None, "root", None, None, None);
    for (path, files, kinds) in folders {
        let folder = if path.is_empty() { root } else { b.add(Some(root), path, None, None, None) };
        for _ in 0..*files {
            let kind = b.rng().pick(kinds);
            let project = b.rng().pick(PROJECTS);
            let name = file_name(b.rng(), kind, project);
            b.file(folder, &name, None);
        }
    }
    debug_assert_eq!(b.folder_at(""), root);
    let mut seeded = finish(b, &spec);
    if let (Some(site), Some(map)) = (site_id, seeded.drive.as_object_mut()) {
        map.insert("_siteId".to_owned(), json!(site));
    }
    tenant.drives.insert(seeded.drive.clone());
    seeded
}

pub fn generate(tenant: &mut Tenant, seed: u64, cast: &Cast, anchor: DateTime<Utc>) {
    let mut rng = Rng::stream(seed, "sites");
    let members: Vec<&Person> = cast.directory.iter().skip(1).take(10).collect();
    // Marketing's Campaigns folder, one of whose files is shared with the owner.
    let mut campaigns: Option<String> = None;
    for (n, plan) in SITES.iter().enumerate() {
        let site_id = format!("{HOSTNAME},{},{}", rng.guid(), rng.guid());
        let web_url = if plan.name.is_empty() {
            format!("https://{HOSTNAME}")
        } else {
            format!("https://{HOSTNAME}/sites/{}", plan.name)
        };
        let created = anchor - Duration::days(900 - 60 * n as i64);
        let mut site = json!({
            "id": site_id,
            "name": if plan.name.is_empty() { plan.display } else { plan.name },
            "displayName": plan.display,
            "description": plan.description,
            "webUrl": web_url,
            "createdDateTime": iso(created),
            "lastModifiedDateTime": iso(anchor - Duration::hours(3 + 5 * n as i64)),
            "siteCollection": { "hostname": HOSTNAME },
            "_followed": plan.followed,
        });
        if plan.name.is_empty() {
            site["root"] = json!({});
        }
        let group = json!({ "group": { "id": rng.guid(), "displayName": format!("{} Owners", plan.display) } });
        tenant.sites.insert(site);
        for library in plan.libraries {
            let mut people = members.clone();
            let turn = n % people.len().max(1);
            people.rotate_left(turn);
            let spec = DriveSpec {
                drive_type: "documentLibrary",
                name: library.name.to_owned(),
                web_url: format!("{web_url}/{}", encode(library.url)),
                owner: group.clone(),
            };
            let stream = Rng::stream(seed, &format!("sites/{}/{}", plan.display, library.name));
            let seeded = seed_drive(tenant, stream, anchor, people, library.folders, spec, Some(&site_id));
            if plan.name == "Marketing" && campaigns.is_none() {
                campaigns = seeded.ids.get("Campaigns").cloned();
            }
        }
    }
    colleague_drive(tenant, seed, cast, anchor, campaigns.as_deref());
}

/// A colleague's OneDrive; a folder and two files of it, and one Marketing file, are shared
/// with the owner.
fn colleague_drive(tenant: &mut Tenant, seed: u64, cast: &Cast, anchor: DateTime<Utc>, campaigns: Option<&str>) {
    let Some(colleague) = cast.directory.get(1) else { return };
    let people: Vec<&Person> = cast.directory.iter().skip(1).take(6).collect();
    let personal = colleague.address.to_lowercase().replace(['@', '.'], "_");
    let spec = DriveSpec {
        drive_type: "business",
        name: "OneDrive".to_owned(),
        web_url: format!("https://contoso-my.sharepoint.com/personal/{personal}/Documents"),
        owner: identity_set(colleague),
    };
    let seeded =
        seed_drive(tenant, Rng::stream(seed, "sites/colleague"), anchor, people, COLLEAGUE_FOLDERS, spec, None);
    let mut shared: Vec<String> = seeded.ids.get("Q4 planning").cloned().into_iter().collect();
    // Through the drive's index, which reads only the folders' own items: the seed keeps every
    // item as text until it is read (Collection::insert_packed).
    let root = seeded.ids.get("").map(String::as_str).unwrap_or_default();
    let root_files: Vec<String> = (tenant.drive_items.children_in_filed_order(root).into_iter())
        .filter(|i| i.get("file").is_some())
        .take(2)
        .map(|i| i["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    shared.extend(root_files);
    let marketing = campaigns.and_then(|folder| campaign_file(tenant, folder));
    for (n, id) in shared.iter().enumerate() {
        mark_shared(tenant, id, identity_set(colleague), anchor - Duration::hours(6 + 20 * n as i64));
    }
    if let Some((id, sharer)) = marketing {
        mark_shared(tenant, &id, sharer, anchor - Duration::days(9));
        shared.push(id);
    }
    tenant.shared_with_me = shared;
}

/// The first file filed in Marketing's Campaigns folder and who wrote it.
fn campaign_file(tenant: &Tenant, folder: &str) -> Option<(String, Value)> {
    let file = tenant.drive_items.children_in_filed_order(folder).into_iter().next()?;
    Some((file["id"].as_str()?.to_owned(), file["createdBy"].clone()))
}

/// Adds the `shared` facet a shared item carries; `owner` is an `identitySet`.
fn mark_shared(tenant: &mut Tenant, id: &str, owner: Value, when: DateTime<Utc>) {
    tenant.drive_items.update(id, |item| {
        item["shared"] = json!({ "owner": owner, "scope": "users", "sharedDateTime": iso(when) });
    });
}
