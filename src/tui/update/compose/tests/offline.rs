//! A message sent while the service cannot be reached: refused with a notice that says where
//! it is kept, the review screen and its text left as they were, the local draft written again;
//! once the service is back, the same send goes out.
use super::*;

#[test]
fn a_send_offline_is_refused_and_the_message_kept_here_and_on_disk() {
    let mut store = store_with(None);
    let path = reviewed_new_message(&mut store);
    store.sync.cached = true;
    store.sync.offline = true;
    let effects = act(&mut store, ComposeAction::Send);
    let [Effect::Compose(ComposeEffect::SaveLocal { path: kept, draft })] = effects.as_slice() else {
        panic!("only the local draft is written: {effects:?}")
    };
    assert_eq!((kept, draft.body.as_str()), (&path, "Body line one\nline two\n"));
    let compose = store.compose.open.as_ref().expect("still open");
    assert_eq!((compose.mode, &compose.status), (Mode::Review, &Status::Idle));
    let notice = store.notice.clone().unwrap();
    assert!(notice.is_error && notice.text.contains("Offline:"), "{notice:?}");
    assert!(notice.text.contains(&path.display().to_string()), "says where the message is: {}", notice.text);
    assert!(act(&mut store, ComposeAction::SaveDraft).is_empty(), "no save to the service's Drafts either");

    store.sync.offline = false;
    let effects = act(&mut store, ComposeAction::Send);
    assert!(matches!(effects.as_slice(), [Effect::Compose(ComposeEffect::Send { .. })]), "{effects:?}");
}
