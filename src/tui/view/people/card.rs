//! The selected person's card: every field a contact has, or a colleague's title, department,
//! office, phones and manager; then what can be done from here.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::super::labelled::labelled_lines;
use super::super::{message_line, pane_block};
use crate::sanitize;
use crate::tui::store::Store;
use crate::tui::store::people::{Colleague, Entry, ManagerLine, PeopleFocus};
use crate::tui::theme::Theme;

pub struct CardView<'a> {
    pub store: &'a Store,
    pub theme: &'a Theme,
}

fn colleague_lines(colleague: &Colleague, manager: Option<&ManagerLine>) -> Vec<(String, String)> {
    let mut lines = vec![("Name".to_owned(), colleague.name.clone())];
    let fields = [
        ("Email", &colleague.email),
        ("Title", &colleague.title),
        ("Department", &colleague.department),
        ("Company", &colleague.company),
        ("Office", &colleague.office),
    ];
    lines.extend(fields.into_iter().filter_map(|(label, v)| v.clone().map(|v| (label.to_owned(), v))));
    lines.extend(colleague.phones.iter().map(|p| ("Phone".to_owned(), p.clone())));
    if colleague.in_directory {
        let manager = match manager {
            None | Some(ManagerLine::Loading) => "…".to_owned(),
            Some(ManagerLine::Known(Some(line))) => line.clone(),
            Some(ManagerLine::Known(None)) => "none".to_owned(),
            Some(ManagerLine::Unavailable(why)) => format!("not shown: {why}"),
        };
        lines.push(("Manager".to_owned(), manager));
    }
    lines
}

impl Widget for CardView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let people = &self.store.people;
        let focused = people.focus == PeopleFocus::Card;
        let entry = people.selected_entry();
        let title = entry.map_or_else(|| "Card".to_owned(), |e| sanitize::line(&e.name()).into_owned());
        let block = pane_block(Line::styled(title, self.theme.title), focused, self.theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(entry) = entry else {
            return message_line("Select someone to see their card".into(), self.theme.dim, inner, buf);
        };
        let lines = match entry {
            Entry::Contact(contact) => contact.card_lines(),
            Entry::Colleague(colleague) => colleague_lines(colleague, people.managers.get(&colleague.id)),
        };
        let mut text = labelled_lines(&lines, inner.width, self.theme.header_label);
        text.push(Line::raw(""));
        let hint = match entry {
            Entry::Contact(_) => "c write · y copy address · b free/busy · e edit · d delete",
            Entry::Colleague(_) => "c write · y copy address · b free/busy · a add to contacts",
        };
        // Wrapped between actions, never inside one ("b free/busy" stays together).
        let hint = hint.split(" · ").map(|action| action.replace(' ', "\u{a0}")).collect::<Vec<_>>().join("\u{a0}· ");
        for line in crate::human::text::wrap(&hint, usize::from(inner.width)) {
            text.push(Line::styled(line.trim_end_matches("\u{a0}·").replace('\u{a0}', " "), self.theme.dim));
        }
        Paragraph::new(text).wrap(Wrap { trim: false }).render(inner, buf);
    }
}
