//! Switching accounts: `Ctrl-A` opens a picker of the config's accounts (the one in view
//! marked); Enter on another asks the loop to show it (each account keeps its own store, so
//! nothing of one shows in another's panes). Not while a message or a note is being written.
use super::super::action::Action;
use super::super::effect::Effect;
use super::super::store::Store;
use super::{list_step, notify};

/// Opens the picker on the account in view, or says why not.
pub(super) fn open_picker(store: &mut Store) -> Vec<Effect> {
    if store.accounts.len() < 2 {
        let text = format!("{} is the only account: add others to the config to switch", store.account);
        notify(store, text);
        return Vec::new();
    }
    if store.compose.is_open() || store.tasks.note_editor.is_some() {
        notify(store, "Finish or put away what is being written before switching accounts".to_owned());
        return Vec::new();
    }
    let here = store.accounts.iter().position(|name| *name == store.account).unwrap_or(0);
    store.account_picker = Some(here);
    Vec::new()
}

/// Keys while the picker is open: move, Enter picks, Esc closes.
pub(super) fn on_action(store: &mut Store, action: Action) -> Vec<Effect> {
    let Some(at) = store.account_picker else { return Vec::new() };
    let last = store.accounts.len().saturating_sub(1);
    if let Some(step) = list_step(&action, store.accounts.len().max(1)) {
        store.account_picker = Some(at.saturating_add_signed(step).min(last));
        return Vec::new();
    }
    match action {
        Action::Back | Action::SwitchAccount => {
            store.account_picker = None;
            Vec::new()
        }
        Action::Open | Action::TextSubmit => {
            store.account_picker = None;
            match store.accounts.get(at) {
                Some(name) if *name != store.account => vec![Effect::SwitchAccount(name.clone())],
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::update::update;

    fn three_accounts() -> Store {
        let mut store = Store::new("work", chrono_tz::Tz::UTC, 100, 30);
        store.accounts = vec!["home".into(), "work".into(), "shared".into()];
        store
    }

    #[test]
    fn the_picker_opens_on_this_account_and_enter_asks_for_another() {
        let mut store = three_accounts();
        assert!(update(&mut store, Action::SwitchAccount).is_empty());
        assert_eq!(store.account_picker, Some(1));
        update(&mut store, Action::Down);
        update(&mut store, Action::Down);
        assert_eq!(store.account_picker, Some(2), "stops at the last");
        assert_eq!(update(&mut store, Action::Open), [Effect::SwitchAccount("shared".into())]);
        assert_eq!(store.account_picker, None);
        update(&mut store, Action::SwitchAccount);
        assert!(update(&mut store, Action::Open).is_empty(), "picking the account in view changes nothing");
        update(&mut store, Action::SwitchAccount);
        update(&mut store, Action::Back);
        assert_eq!(store.account_picker, None);
    }

    #[test]
    fn one_account_or_a_message_being_written_says_why_not() {
        let mut store = Store::new("demo", chrono_tz::Tz::UTC, 100, 30);
        update(&mut store, Action::SwitchAccount);
        assert_eq!(store.account_picker, None);
        assert!(store.notice.as_ref().unwrap().text.contains("demo is the only account"));
        let mut store = three_accounts();
        store.compose.open =
            Some(crate::tui::store::compose::Compose::new(crate::tui::store::compose::Kind::New, None));
        update(&mut store, Action::SwitchAccount);
        assert_eq!(store.account_picker, None);
        assert!(store.notice.as_ref().unwrap().text.contains("before switching accounts"));
    }
}
