//! The keys every picker overlay shares (the mail pane's folders, attachments and categories;
//! the Drive pane's folders, versions and link kinds): typing filters; `j`/`k` move while
//! nothing is typed, arrows and Tab always; Enter picks; Esc clears the typed text, then closes.
use super::super::action::Action;
use super::super::store::mail::ops::Picker;

/// Rows the picker moves for a page key.
const PAGE: usize = 10;

/// What a key asks of the picker's owner once the picker itself has moved or filtered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PickerKey {
    Stay,
    Close,
    Pick,
}

pub(super) fn picker_key<P>(picker: &mut Picker<P>, action: Action) -> PickerKey {
    let last = picker.matches.len().saturating_sub(1);
    match action {
        Action::TextInput('j') if picker.typed.is_empty() => picker.selected = (picker.selected + 1).min(last),
        Action::TextInput('k') if picker.typed.is_empty() => picker.selected = picker.selected.saturating_sub(1),
        Action::TextInput(c) => {
            picker.typed.push(c);
            picker.refilter();
        }
        Action::TextBackspace => {
            picker.typed.pop();
            picker.refilter();
        }
        Action::Down | Action::FocusNext => picker.selected = (picker.selected + 1).min(last),
        Action::Up | Action::FocusPrev => picker.selected = picker.selected.saturating_sub(1),
        Action::PageDown => picker.selected = (picker.selected + PAGE).min(last),
        Action::PageUp => picker.selected = picker.selected.saturating_sub(PAGE),
        Action::Top => picker.selected = 0,
        Action::Bottom => picker.selected = last,
        Action::Back if !picker.typed.is_empty() => {
            picker.typed.clear();
            picker.refilter();
        }
        Action::Back => return PickerKey::Close,
        Action::TextSubmit | Action::Open => return PickerKey::Pick,
        _ => {}
    }
    PickerKey::Stay
}
