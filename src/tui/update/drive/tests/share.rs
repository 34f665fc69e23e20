//! Links, versions, search and recent files in `update`.
use super::*;
use crate::tui::action::drive::DriveAction;
use crate::tui::effect::drive::LinkSpec;
use crate::tui::msg::drive::VersionRow;

#[test]
fn l_picks_the_link_then_its_expiry_and_offers_the_link_for_the_clipboard() {
    let mut store = at_root();
    store.calendar.today = chrono::NaiveDate::from_ymd_opt(2026, 3, 10);
    update(&mut store, Action::Bottom);
    assert!(command(&mut store, DriveAction::Share).is_empty());
    update(&mut store, Action::Down);
    assert!(update(&mut store, Action::TextSubmit).is_empty());
    assert!(store.prompt.as_ref().unwrap().title.starts_with("The link expires on"));
    type_in(&mut store, "yesterday");
    assert!(store.prompt.as_ref().unwrap().error.is_some(), "a day in the past is refused");
    for _ in 0.."yesterday".len() {
        update(&mut store, Action::TextBackspace);
    }
    let effects = type_in(&mut store, "+7d");
    // The end of 17 March in Paris (UTC+1 then).
    let link = LinkSpec { edit: true, anyone: false, expires: Some("2026-03-17T23:00:00Z".into()), password: None };
    assert_eq!(
        effects,
        [Effect::Drive(DriveEffect::Share { drive_id: None, item_id: "f.txt".into(), name: "f.txt".into(), link })]
    );
    let url = "https://contoso.example/s/\u{1b}]52;c;x\u{7}abc".to_owned();
    update(&mut store, Msg::Drive(DriveMsg::Shared { name: "f.txt".into(), result: Ok(url.clone()) }));
    let prompt = store.prompt.as_ref().unwrap();
    assert!(prompt.title.starts_with("Copy the link? https://contoso.example/s/"), "{}", prompt.title);
    assert!(!prompt.title.contains('\u{1b}') && !store.notice.as_ref().unwrap().text.contains('\u{1b}'));
    assert_eq!(update(&mut store, Action::TextInput('y')), [Effect::CopyToClipboard(url)]);
}

fn version(id: &str, size: u64) -> VersionRow {
    VersionRow { id: id.into(), modified: None, size, by: Some("Ada".into()) }
}

#[test]
fn h_lists_versions_and_a_restore_shows_at_once_and_is_put_back_when_refused() {
    let mut store = at_root();
    update(&mut store, Action::Bottom);
    let effects = command(&mut store, DriveAction::Versions);
    let [Effect::Drive(DriveEffect::LoadVersions { generation, ref item_id, .. })] = effects[..] else { panic!() };
    assert_eq!(item_id, "f.txt");
    let rows = vec![version("3.0", 5), version("2.0", 42)];
    update(&mut store, Msg::Drive(DriveMsg::Versions { generation, result: Ok(rows) }));
    let labels: Vec<String> =
        store.drive.picker.as_ref().unwrap().picker.items.iter().map(|i| i.label.clone()).collect();
    assert_eq!(labels, ["3.0 · 5 B · Ada (current)", "2.0 · 42 B · Ada"]);
    assert!(update(&mut store, Action::TextSubmit).is_empty());
    assert_eq!(store.notice.as_ref().unwrap().text, "Version 3.0 is the current one");

    command(&mut store, DriveAction::Versions);
    let effects = command(&mut store, DriveAction::Versions);
    assert!(effects.is_empty(), "the picker is open: keys go to it");
    update(&mut store, Action::Back);
    let effects = command(&mut store, DriveAction::Versions);
    let [Effect::Drive(DriveEffect::LoadVersions { generation, .. })] = effects[..] else { panic!() };
    update(
        &mut store,
        Msg::Drive(DriveMsg::Versions { generation, result: Ok(vec![version("3.0", 5), version("2.0", 42)]) }),
    );
    update(&mut store, Action::Down);
    update(&mut store, Action::TextSubmit);
    assert!(store.prompt.as_ref().unwrap().title.starts_with("Restore version 2.0 of f.txt?"));
    let effects = update(&mut store, Action::TextInput('y'));
    let op = write_op(&effects);
    assert_eq!(store.drive.selected().unwrap().item.size, 42, "the version's size at once");
    written(&mut store, op, Err(Failure::local("locked")));
    assert_eq!(store.drive.selected().unwrap().item.size, 5, "put back");
    assert!(store.notice.as_ref().unwrap().is_error);
}

#[test]
fn f_searches_the_drive_into_the_list_and_esc_returns() {
    let mut store = at_root();
    assert!(command(&mut store, DriveAction::Search).is_empty());
    assert_eq!(store.prompt.as_ref().unwrap().title, "Search your files");
    let (generation, key) = one_load(&type_in(&mut store, "it's q3"));
    assert_eq!(key, LoadKey::DriveSearch { drive_id: None, query: "it's q3".into() });
    arrive(&mut store, generation, vec![entry("hit.txt", false)]);
    assert_eq!(store.drive.path.last().unwrap().name, "Search: “it's q3”");
    assert!(update(&mut store, Action::Add).is_empty(), "no upload into search results");
    assert!(store.prompt.is_none());
    let (_, folder) = ordered(&update(&mut store, Action::Back));
    assert_eq!(folder, None, "back to the folder searched from");
}

#[test]
fn capital_r_lists_recent_files_each_in_its_own_drive() {
    let mut store = at_root();
    let (generation, key) = one_load(&command(&mut store, DriveAction::Recent));
    assert_eq!(key, LoadKey::DriveRecent);
    arrive(&mut store, generation, vec![entry_in("r.docx", false, Some("other-drive"))]);
    let effects = update(&mut store, Action::Open);
    let job =
        TransferJob::Open { drive_id: Some("other-drive".into()), item_id: "r.docx".into(), name: "r.docx".into() };
    assert_eq!(effects, [Effect::Drive(DriveEffect::StartTransfer { id: 1, job })]);
}
