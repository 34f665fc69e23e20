//! The local cache's part of `update` (issue 10): a sync at start (after the worker painted
//! from the cache), on `r`, after a change the service confirmed, and every `sync_interval`;
//! what a sync's end changes (the status bar's time, a new-mail notice, the open folder and the
//! folder tree reloaded, which the worker answers from the now current cache); offline (the
//! service unreachable, or `--offline`) shown, and changes refused while it lasts.
use super::super::action::{Action, CalendarAction, Pane, PeopleAction};
use super::super::effect::{Effect, NewMailNotice};
use super::super::msg::FailureKind;
use super::super::msg::cache::{CacheMsg, Synced};
use super::super::store::Store;
use super::super::store::mail::live::Timer;
use super::{mail, notify, report_error};

/// What the status bar says when a change is refused offline.
pub const OFFLINE_REFUSAL: &str = "Offline: nothing can be changed until the service can be reached (r tries again)";

/// At start: the first sync, and the timer of the next.
pub(super) fn start(store: &mut Store) -> Vec<Effect> {
    if let Some(every) = store.sync.every_ms.filter(|_| store.sync.cached && !store.sync.forced_offline) {
        store.sync.timer = Timer::Starting { after_ms: every };
    }
    if store.sync.forced_offline && store.sync.cached {
        store.sync.offline = true;
    }
    sync_now(store, Vec::new())
}

/// Orders a sync: the folder tree, the folders it says changed, and these and the open folder
/// (always looked at, so a flag set elsewhere shows there too); unless there is no cache or the
/// network is not to be used. Asked for while one runs, it runs again when that one ends.
pub(super) fn sync_now(store: &mut Store, mut folders: Vec<String>) -> Vec<Effect> {
    folders.extend(store.mail.open_folder.clone().filter(|open| !folders.contains(open)));
    let sync = &mut store.sync;
    if !sync.cached || sync.forced_offline {
        return Vec::new();
    }
    if sync.syncing {
        sync.again = true;
        return Vec::new();
    }
    sync.syncing = true;
    vec![Effect::SyncCache { folders }]
}

/// The timed sync, when due.
pub(super) fn tick(store: &mut Store, now_ms: u64) -> Vec<Effect> {
    if !store.sync.timer.run(now_ms) {
        return Vec::new();
    }
    store.sync.timer = match store.sync.every_ms {
        Some(every) => Timer::At(now_ms.saturating_add(every)),
        None => Timer::Off,
    };
    sync_now(store, Vec::new())
}

pub(super) fn on_msg(store: &mut Store, msg: CacheMsg) -> Vec<Effect> {
    match msg {
        CacheMsg::Offline(offline) => {
            set_offline(store, offline);
            Vec::new()
        }
        CacheMsg::Synced(Ok(done)) => synced(store, done),
        CacheMsg::Synced(Err(failure)) => {
            store.sync.syncing = false;
            store.sync.again = false;
            if failure.kind == FailureKind::Offline {
                set_offline(store, true);
            } else {
                report_error(store, format!("Syncing the local cache failed: {failure}"));
            }
            Vec::new()
        }
    }
}

fn synced(store: &mut Store, done: Synced) -> Vec<Effect> {
    store.sync.syncing = false;
    let again = std::mem::take(&mut store.sync.again);
    store.sync.set_synced(Pane::Mail, done.at);
    for pane in &done.panes {
        store.sync.set_synced(*pane, done.at);
    }
    set_offline(store, false);
    if let Some(notice) = done.notice {
        notify(store, notice);
    }
    let mut effects = Vec::new();
    if done.new_in_inbox > 0 {
        let plural = if done.new_in_inbox == 1 { "" } else { "s" };
        notify(store, format!("{} new message{plural} in the Inbox", done.new_in_inbox));
        if store.sync.notify_desktop {
            effects.push(Effect::NotifyDesktop(NewMailNotice {
                count: done.new_in_inbox,
                named: done.new_in_inbox_named,
            }));
        }
    }
    let open_changed = store.mail.open_folder.as_ref().is_some_and(|open| done.changed_folders.contains(open));
    if open_changed || done.folders_changed {
        // The worker answers these from the cache the sync just brought up to date.
        effects.extend(mail::live::refresh_now(store));
    }
    if again {
        effects.extend(sync_now(store, Vec::new()));
    }
    effects
}

fn set_offline(store: &mut Store, offline: bool) {
    let offline = offline || store.sync.forced_offline;
    if offline && !store.sync.offline {
        notify(store, "Offline: showing the local cache".to_owned());
    }
    store.sync.offline = offline;
}

/// True (with the notice, naming what was not done) when a change must be refused because the
/// service cannot be reached: every pane's writes ask this before anything goes out.
pub(super) fn refuse_offline_change(store: &mut Store, what: &str) -> bool {
    if store.sync.offline {
        report_error(store, format!("{what} was not done. {OFFLINE_REFUSAL}"));
    }
    store.sync.offline
}

/// True (with the notice) when `action` would change something in the Tasks, People or Calendar
/// pane while the service cannot be reached: refused before anything shows changed (a form
/// stays open with what was typed). Mail and Drive ask the same in their own handlers; the
/// panes' write queues refuse anything that gets past this (`refuse_offline_change`).
pub(super) fn refuse_offline_action(store: &mut Store, action: &Action) -> bool {
    if !store.sync.offline || !matches!(store.pane, Pane::Tasks | Pane::People | Pane::Calendar) {
        return false;
    }
    let what = match action {
        Action::Add => "Adding",
        Action::Rename => "Renaming",
        Action::Delete => "Deleting",
        Action::ToggleDone => "Marking done",
        Action::EditDue => "Setting the due date",
        Action::CycleImportance => "Changing the importance",
        Action::EditNote => "Editing the note",
        Action::Calendar(CalendarAction::Answer(_)) => "Answering",
        Action::Calendar(CalendarAction::FormSave) | Action::People(PeopleAction::FormSave) => "Saving",
        _ => return false,
    };
    refuse_offline_change(store, what)
}

/// True (with the notice) when a change must be refused because the service cannot be reached.
pub(super) fn refuse_offline(store: &mut Store) -> bool {
    if store.sync.offline {
        report_error(store, OFFLINE_REFUSAL.to_owned());
    }
    store.sync.offline
}

#[cfg(test)]
mod tests {
    use super::super::update;
    use crate::domain::NewMail;
    use crate::tui::effect::{Effect, NewMailNotice};
    use crate::tui::msg::Msg;
    use crate::tui::msg::cache::{CacheMsg, Synced};
    use crate::tui::store::Store;

    fn synced(new: usize) -> Msg {
        let named = (0..new.min(3)).map(|i| NewMail { from: format!("S{i}"), subject: format!("T{i}") }).collect();
        let done = Synced {
            at: chrono::DateTime::parse_from_rfc3339("2026-03-10T09:02:00Z").unwrap().to_utc(),
            new_in_inbox: new,
            new_in_inbox_named: named,
            changed_folders: Vec::new(),
            folders_changed: false,
            panes: Vec::new(),
            notice: None,
        };
        Msg::Cache(CacheMsg::Synced(Ok(done)))
    }

    fn store(notify_desktop: bool) -> Store {
        let mut store = Store::new("work", chrono_tz::UTC, 120, 40);
        store.sync.cached = true;
        store.sync.syncing = true;
        store.sync.notify_desktop = notify_desktop;
        store
    }

    fn desktop(effects: &[Effect]) -> Vec<&NewMailNotice> {
        effects.iter().filter_map(|e| if let Effect::NotifyDesktop(n) = e { Some(n) } else { None }).collect()
    }

    #[test]
    fn new_mail_is_said_on_the_status_bar_and_told_to_the_desktop() {
        let mut on = store(true);
        let effects = update(&mut on, synced(5));
        assert_eq!(on.notice.as_ref().map(|n| n.text.as_str()), Some("5 new messages in the Inbox"));
        let told = desktop(&effects);
        assert_eq!(told.len(), 1, "{effects:?}");
        assert_eq!((told[0].count, told[0].named.len()), (5, 3));

        let mut off = store(false);
        let effects = update(&mut off, synced(1));
        assert_eq!(off.notice.as_ref().map(|n| n.text.as_str()), Some("1 new message in the Inbox"));
        assert!(desktop(&effects).is_empty(), "notify = false: the status bar only");

        let mut quiet = store(true);
        assert!(desktop(&update(&mut quiet, synced(0))).is_empty(), "no new mail, nothing to tell");
    }
}
