//! `update` on the command palette: it lists the default keymap's actions, typing filters them
//! by every word, and Enter shows the action's pane and runs it.
use chrono_tz::Tz;

use super::super::update;
use crate::tui::action::{Action, PaletteAction, Pane};
use crate::tui::effect::Effect;
use crate::tui::effect::people::PeopleEffect;
use crate::tui::keymap::{Keymap, palette_commands};
use crate::tui::store::Store;
use crate::tui::store::palette::matching;

fn store() -> Store {
    let mut store = Store::new("adele@contoso.test", Tz::UTC, 100, 30);
    store.commands = palette_commands(&Keymap::load(None).expect("the default keymap"));
    store
}

#[test]
fn typing_filters_and_enter_runs_the_action_in_its_pane() {
    let mut store = store();
    assert!(store.commands.len() > 50, "every section's actions");
    assert!(!store.commands.iter().any(|c| c.description.starts_with("Contact form")), "form keys are left out");
    update(&mut store, Action::Palette(PaletteAction::Open));
    for c in "people pane".chars() {
        update(&mut store, Action::TextInput(c));
    }
    let shown = matching(&store.commands, &store.palette.as_ref().unwrap().query);
    assert_eq!(shown.len(), 1, "{shown:?}");
    let effects = update(&mut store, Action::TextSubmit);
    assert!(store.palette.is_none());
    assert_eq!(store.pane, Pane::People);
    assert!(matches!(effects.as_slice(), [Effect::People(PeopleEffect::LoadSources { .. })]), "{effects:?}");
}

#[test]
fn esc_closes_without_running_anything() {
    let mut store = store();
    update(&mut store, Action::Palette(PaletteAction::Open));
    update(&mut store, Action::TextInput('4'));
    assert!(update(&mut store, Action::Back).is_empty());
    assert!(store.palette.is_none());
    assert_eq!(store.pane, Pane::Mail);
}
