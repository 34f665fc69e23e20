//! The command palette's reactions: typing filters the commands, arrows move, Enter closes it
//! and runs the selected action (showing its pane first), Esc closes it.
use super::super::action::{Action, PaletteAction};
use super::super::effect::Effect;
use super::super::store::Store;
use super::super::store::palette::{Palette, matching};

#[cfg(test)]
mod tests;

pub(super) fn open(store: &mut Store) -> Vec<Effect> {
    store.palette = Some(Palette::default());
    Vec::new()
}

pub(super) fn on_action(store: &mut Store, action: Action) -> Vec<Effect> {
    let Some(palette) = store.palette.as_mut() else { return Vec::new() };
    let action = match action {
        Action::TextInput(c) => PaletteAction::Input(c),
        Action::TextBackspace => PaletteAction::Backspace,
        Action::TextSubmit | Action::Open => PaletteAction::Run,
        Action::Back | Action::Palette(PaletteAction::Open) => PaletteAction::Close,
        Action::Up => PaletteAction::Up,
        Action::Down => PaletteAction::Down,
        Action::Palette(other) => other,
        Action::Resize { .. } | Action::Tick { .. } => return super::on_action_outside_palette(store, action),
        _ => return Vec::new(),
    };
    let shown = matching(&store.commands, &palette.query).len();
    match action {
        PaletteAction::Input(c) => {
            palette.query.push(c);
            palette.selected = 0;
        }
        PaletteAction::Backspace => {
            palette.query.pop();
            palette.selected = 0;
        }
        PaletteAction::Up => palette.selected = palette.selected.saturating_sub(1),
        PaletteAction::Down => palette.selected = (palette.selected + 1).min(shown.saturating_sub(1)),
        PaletteAction::Close | PaletteAction::Open => store.palette = None,
        PaletteAction::Run => {
            let chosen =
                matching(&store.commands, &palette.query).get(palette.selected).map(|c| (c.pane, c.action.clone()));
            store.palette = None;
            if let Some((pane, action)) = chosen {
                let mut effects = Vec::new();
                if let Some(pane) = pane.filter(|p| *p != store.pane) {
                    effects.extend(super::update(store, Action::ShowPane(pane)));
                }
                effects.extend(super::update(store, action));
                return effects;
            }
        }
    }
    Vec::new()
}
