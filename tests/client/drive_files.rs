//! Files end to end through the client against the simulated tenant (issue 8): locations (a
//! OneDrive path, a site by host and path with its default or a named library, a drive id),
//! downloads (streamed to a `.part`, resumed with Range after a cut, size and quickXorHash
//! checked, no token on the pre-authenticated URL, nothing overwritten), uploads (one PUT, or a
//! session whose dropped fragments are resent from nextExpectedRanges, resumed after a crash
//! from the kept session), conflicts, organising and sharing, each asserted on the tenant.
use crate::harness;

use std::path::{Path, PathBuf};

use o365_graph::drive::download::{Existing, download_to_file, part_path};
use o365_graph::drive::location::{DriveRoot, DriveTarget, SiteRef, resolve_drive};
use o365_graph::drive::organise::{copy_item, create_folder_path, delete_item, get_item, move_item};
use o365_graph::drive::sharing::{LinkKind, LinkRequest, LinkScope, create_link, list_permissions};
use o365_graph::drive::upload::{Conflict, FRAGMENT_UNIT, UploadOptions, upload_file};
use o365_sim::faults::{FaultKind, Gate};
use o365_sim::store::Content;

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("o365-client-drive-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Bytes that differ everywhere, so a misplaced range shows.
fn bytes(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8).collect()
}

fn write(dir: &Path, name: &str, data: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, data).unwrap();
    path
}

/// The bytes the tenant holds for an item.
fn stored(h: &harness::Harness, id: &str) -> Vec<u8> {
    let tenant = h.state.tenant.read().unwrap();
    let content: &Content = &tenant.drive_content[id];
    content.read_range(0, content.len())
}

fn me() -> DriveTarget {
    DriveTarget::Default
}

#[tokio::test]
async fn a_small_file_goes_up_in_one_put_and_comes_back_byte_equal() {
    let h = harness::start().await;
    let client = h.client();
    let drive = resolve_drive(&client, &me()).await.unwrap();
    let dir = scratch();
    let data = bytes(100_000);
    let local = write(&dir, "q3 report é.csv", &data);
    let folder = get_item(&client, &drive, "Documents").await.unwrap();
    let item =
        upload_file(&client, &drive, &folder.id, "q3 report é.csv", &local, &UploadOptions::default(), &mut |_, _| {})
            .await
            .unwrap();
    assert_eq!(stored(&h, &item.id), data);
    assert_eq!(item.parent_reference.unwrap().path.as_deref(), Some("/drive/root:/Documents"));
    let uploads: Vec<_> = h.seen().into_iter().filter(|s| s.method == "PUT").collect();
    assert_eq!(uploads.len(), 1, "one PUT under the simple upload limit");
    assert!(uploads[0].path().ends_with(":/content"));

    // Down again: streamed into a part, renamed, hash checked, no token to the download host.
    h.clear_seen();
    let fresh = get_item(&client, &drive, "Documents/q3 report é.csv").await.unwrap();
    assert!(fresh.file.as_ref().unwrap().hashes.as_ref().unwrap().quick_xor_hash.is_some());
    let target = dir.join("copy.csv");
    let mut last = (0, 0);
    download_to_file(&client, &drive, &fresh, &target, Existing::Keep, &mut |done, size| last = (done, size))
        .await
        .unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), data);
    assert_eq!(last, (100_000, 100_000));
    assert!(!part_path(&target).exists());
    let downloads: Vec<_> = h.seen().into_iter().filter(|s| s.path().starts_with("/download/")).collect();
    assert_eq!(downloads.len(), 1);
    assert!(downloads.iter().all(|s| !s.authorization), "no bearer token on a pre-authenticated URL");
    // Never over an existing file unless asked.
    let error = download_to_file(&client, &drive, &fresh, &target, Existing::Keep, &mut |_, _| {}).await.unwrap_err();
    assert!(error.to_string().contains("exists"), "{error}");
    std::fs::write(&target, b"mine").unwrap();
    download_to_file(&client, &drive, &fresh, &target, Existing::Overwrite, &mut |_, _| {}).await.unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), data);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_cut_download_resumes_with_range_and_a_part_left_behind_is_resumed_too() {
    let h = harness::start().await;
    let client = h.client();
    let drive = resolve_drive(&client, &me()).await.unwrap();
    let dir = scratch();
    let data = bytes(1_500_000);
    let local = write(&dir, "big.bin", &data);
    let root = get_item(&client, &drive, "/").await.unwrap();
    upload_file(&client, &drive, &root.id, "big.bin", &local, &UploadOptions::default(), &mut |_, _| {}).await.unwrap();
    let item = get_item(&client, &drive, "big.bin").await.unwrap();

    h.clear_seen();
    h.faults().transfers.cut_next_downloads(1, 600_000);
    let target = dir.join("got.bin");
    download_to_file(&client, &drive, &item, &target, Existing::Keep, &mut |_, _| {}).await.unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), data, "byte-equal after the cut");
    let gets: Vec<_> = h.seen().into_iter().filter(|s| s.path().starts_with("/download/")).collect();
    assert_eq!(gets.len(), 2);
    assert_eq!(gets[0].header("range"), None);
    let range = gets[1].header("range").unwrap();
    let from: u64 = range.trim_start_matches("bytes=").trim_end_matches('-').parse().unwrap();
    assert!(from > 0 && from <= 600_000, "resumed from what was on disk: {range}");

    // A part an earlier run left: only the rest is fetched.
    let second = dir.join("again.bin");
    std::fs::write(part_path(&second), &data[..1_000_000]).unwrap();
    h.clear_seen();
    download_to_file(&client, &drive, &item, &second, Existing::Keep, &mut |_, _| {}).await.unwrap();
    assert_eq!(std::fs::read(&second).unwrap(), data);
    let gets: Vec<_> = h.seen().into_iter().filter(|s| s.path().starts_with("/download/")).collect();
    assert_eq!(gets.iter().map(|s| s.header("range").unwrap_or("")).collect::<Vec<_>>(), ["bytes=1000000-"]);
    // A damaged part fails the hash and is removed, the target never created.
    let third = dir.join("bad.bin");
    let mut damaged = data[..1_000_000].to_vec();
    damaged[10] ^= 0xFF;
    std::fs::write(part_path(&third), &damaged).unwrap();
    let error = download_to_file(&client, &drive, &item, &third, Existing::Keep, &mut |_, _| {}).await.unwrap_err();
    assert!(error.to_string().contains("quickXorHash"), "{error}");
    assert!(!third.exists() && !part_path(&third).exists());
    assert_eq!(h.faults().transfers.preauthenticated_with_token(), 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

fn session_options(dir: &Path) -> UploadOptions {
    UploadOptions { conflict: Conflict::Fail, fragment_size: FRAGMENT_UNIT, state_dir: Some(dir.join("uploads")) }
}

#[tokio::test]
async fn an_upload_session_with_dropped_fragments_completes_with_identical_bytes() {
    let h = harness::start().await;
    let client = h.client();
    let drive = resolve_drive(&client, &me()).await.unwrap();
    let dir = scratch();
    let data = bytes(5 * 1024 * 1024 + 12_345);
    let local = write(&dir, "video.bin", &data);
    let root = get_item(&client, &drive, "/").await.unwrap();
    h.faults().fail_upload_put(2, FaultKind::Drop);
    h.faults().fail_upload_put(5, FaultKind::LoseAnswer);
    h.faults().fail_upload_put(9, FaultKind::ServerError);
    let item = upload_file(&client, &drive, &root.id, "video.bin", &local, &session_options(&dir), &mut |_, _| {})
        .await
        .unwrap();
    assert_eq!(stored(&h, &item.id), data);
    let seen = h.seen();
    let puts: Vec<_> = seen.iter().filter(|s| s.method == "PUT" && s.path().starts_with("/upload/")).collect();
    // The dropped and the refused fragment go again; the one whose answer was lost had landed,
    // which the session's nextExpectedRanges says, so it is not sent twice.
    assert_eq!(puts.len() as u64, data.len() as u64 / FRAGMENT_UNIT + 1 + 2);
    let status_checks = seen.iter().filter(|s| s.method == "GET" && s.path().starts_with("/upload/")).count();
    assert_eq!(status_checks, 3, "after each failure the client asks the session where it stands");
    assert!(puts.iter().all(|s| !s.authorization));
    assert!(seen.iter().any(|s| s.method == "POST" && s.path().ends_with(":/createUploadSession")));
    assert!(std::fs::read_dir(dir.join("uploads")).unwrap().next().is_none(), "the kept session is gone once done");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn an_upload_killed_midway_resumes_from_the_kept_session() {
    let h = harness::start().await;
    let client = h.client();
    let drive = resolve_drive(&client, &me()).await.unwrap();
    let dir = scratch();
    let data = bytes(6 * 1024 * 1024);
    let local = write(&dir, "nightly.bin", &data);
    let root = get_item(&client, &drive, "/").await.unwrap();
    let gate = Gate::default();
    h.faults().fail_upload_put(3, FaultKind::Hold(gate.clone()));
    let task = {
        let (client, drive, local, options, root) =
            (client.clone(), drive.clone(), local.clone(), session_options(&dir), root.id.clone());
        tokio::spawn(async move {
            upload_file(&client, &drive, &root, "nightly.bin", &local, &options, &mut |_, _| {}).await
        })
    };
    gate.arrived().await;
    task.abort();
    let _ = task.await;
    let kept: Vec<_> = std::fs::read_dir(dir.join("uploads")).unwrap().collect();
    assert_eq!(kept.len(), 1, "the session URL is kept on disk");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = kept[0].as_ref().unwrap().metadata().unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let sent_before = h.faults().transfers.upload_bytes();
    assert_eq!(sent_before, 4 * FRAGMENT_UNIT, "three fragments landed, the fourth was cut off");

    let item = upload_file(&client, &drive, &root.id, "nightly.bin", &local, &session_options(&dir), &mut |_, _| {})
        .await
        .unwrap();
    assert_eq!(stored(&h, &item.id), data);
    let sent_twice = h.faults().transfers.upload_bytes() - data.len() as u64;
    assert!(sent_twice <= FRAGMENT_UNIT, "at most one fragment sent twice, not {sent_twice} bytes");
    let sessions = h.seen().iter().filter(|s| s.path().ends_with(":/createUploadSession")).count();
    assert_eq!(sessions, 1, "the second run made no new session");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn conflict_fail_names_the_existing_item_and_changes_nothing() {
    let h = harness::start().await;
    let client = h.client();
    let drive = resolve_drive(&client, &me()).await.unwrap();
    let dir = scratch();
    let root = get_item(&client, &drive, "/").await.unwrap();
    let first = write(&dir, "a.txt", b"first");
    let original = upload_file(&client, &drive, &root.id, "a.txt", &first, &UploadOptions::default(), &mut |_, _| {})
        .await
        .unwrap();
    let second = write(&dir, "b.txt", b"second");
    let error = upload_file(&client, &drive, &root.id, "A.TXT", &second, &UploadOptions::default(), &mut |_, _| {})
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("`A.TXT` already exists") && error.to_string().contains(&original.id),
        "{error}"
    );
    assert_eq!(stored(&h, &original.id), b"first");
    let options = |conflict| UploadOptions { conflict, ..UploadOptions::default() };
    let renamed = upload_file(&client, &drive, &root.id, "a.txt", &second, &options(Conflict::Rename), &mut |_, _| {})
        .await
        .unwrap();
    assert_eq!(renamed.name.as_deref(), Some("a 1.txt"));
    let replaced =
        upload_file(&client, &drive, &root.id, "a.txt", &second, &options(Conflict::Replace), &mut |_, _| {})
            .await
            .unwrap();
    assert_eq!(replaced.id, original.id);
    assert_eq!(stored(&h, &original.id), b"second");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn sites_by_path_libraries_by_name_and_drives_by_id() {
    let h = harness::start().await;
    let client = h.client();
    let site: SiteRef = "contoso.sharepoint.com:/sites/Marketing".parse().unwrap();
    let library = resolve_drive(&client, &DriveTarget::Site { site: site.clone(), library: None }).await.unwrap();
    let campaigns = get_item(&client, &library, "Campaigns").await.unwrap();
    assert!(campaigns.folder.is_some());
    let named = DriveTarget::Site { site: site.clone(), library: Some("documents".into()) };
    assert_eq!(resolve_drive(&client, &named).await.unwrap(), library);
    let drive_id = campaigns.parent_reference.unwrap().drive_id.unwrap();
    assert_eq!(library, DriveRoot::by_id(&drive_id));
    assert_eq!(resolve_drive(&client, &DriveTarget::Drive(drive_id)).await.unwrap(), library);
    let by_name = DriveTarget::Site { site: SiteRef::Name("marketing".into()), library: None };
    assert_eq!(resolve_drive(&client, &by_name).await.unwrap(), library);
    let missing = DriveTarget::Site { site, library: Some("Archive".into()) };
    let error = resolve_drive(&client, &missing).await.unwrap_err().to_string();
    assert!(error.contains("no library called `Archive`") && error.contains("Documents"), "{error}");
    let nowhere = "contoso.sharepoint.com:/sites/Nowhere".parse().unwrap();
    let error = resolve_drive(&client, &DriveTarget::Site { site: nowhere, library: None }).await.unwrap_err();
    assert_eq!(error.to_string(), "no site at `contoso.sharepoint.com:/sites/Nowhere`");
}

#[tokio::test]
async fn folders_moves_copies_deletes_and_links_change_the_tenant() {
    let h = harness::start().await;
    let client = h.client();
    let drive = resolve_drive(&client, &me()).await.unwrap();
    let made = create_folder_path(&client, &drive, "Archive 2025/Q3/Reports", true).await.unwrap();
    assert_eq!(made.parent_reference.as_ref().unwrap().path.as_deref(), Some("/drive/root:/Archive 2025/Q3"));
    assert_eq!(create_folder_path(&client, &drive, "Archive 2025/Q3/Reports", true).await.unwrap().id, made.id);
    let error = create_folder_path(&client, &drive, "Nope/Deeper", false).await.unwrap_err();
    assert!(error.to_string().contains("-p"), "{error}");

    let dir = scratch();
    let local = write(&dir, "a.pdf", b"%PDF-1.7");
    let documents = get_item(&client, &drive, "Documents").await.unwrap();
    let file = upload_file(&client, &drive, &documents.id, "a.pdf", &local, &UploadOptions::default(), &mut |_, _| {})
        .await
        .unwrap();
    let moved = move_item(&client, &drive, &file.id, Some(&made.id), Some("b.pdf")).await.unwrap();
    assert_eq!(moved.name.as_deref(), Some("b.pdf"));
    assert_eq!(get_item(&client, &drive, "Archive 2025/Q3/Reports/b.pdf").await.unwrap().id, file.id);

    let drive_id = moved.parent_reference.unwrap().drive_id.unwrap();
    let mut percent = Vec::new();
    let copy_id =
        copy_item(&client, &drive, &file.id, &drive_id, &documents.id, None, &mut |p| percent.push(p)).await.unwrap();
    assert_eq!(percent.last(), Some(&100.0));
    assert_eq!(get_item(&client, &drive, "Documents/b.pdf").await.unwrap().id, copy_id);
    assert_eq!(stored(&h, &copy_id), b"%PDF-1.7");

    let link = LinkRequest { kind: LinkKind::Edit, scope: LinkScope::Organization, expires: None, password: None };
    let permission = create_link(&client, &drive, &copy_id, &link).await.unwrap();
    assert!(permission.link.as_ref().unwrap().web_url.as_deref().unwrap().starts_with("https://"));
    let permissions = list_permissions(&client, &drive, &copy_id).await.unwrap();
    assert_eq!(permissions.iter().map(|p| p.roles[0].as_str()).collect::<Vec<_>>(), ["owner", "write"]);

    delete_item(&client, &drive, &copy_id, false).await.unwrap();
    assert!(get_item(&client, &drive, "Documents/b.pdf").await.is_err());
    assert_eq!(h.state.tenant.read().unwrap().drive_recycle_bin.len(), 1);
    delete_item(&client, &drive, &file.id, true).await.unwrap();
    assert_eq!(h.state.tenant.read().unwrap().drive_recycle_bin.len(), 1, "permanent: not in the bin");
    assert!(h.seen().iter().filter(|s| s.path().starts_with("/monitor/")).all(|s| !s.authorization));
    std::fs::remove_dir_all(&dir).unwrap();
}
