//! Every action a keymap binding can name, listed once with its name. The keymap reads the
//! TOML's names through this table, and the status bar and compose's key lines find an
//! action's keys by the action itself, so a new action is named in one place only.
use crate::domain::calendar::Answer;
use crate::tui::action::compose::ComposeAction;
use crate::tui::action::drive::DriveAction;
use crate::tui::action::mail_ops::MailOp;
use crate::tui::action::{Action, CalendarAction, PaletteAction, Pane, PeopleAction, SettingsAction};
use crate::tui::store::compose::Kind;
use crate::tui::store::drive::Place;

use super::Context;

/// Where a name means its action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// In every section.
    Any,
    /// Only in `[[mail]]`, where it is looked up before the others: `delete` there deletes
    /// messages, elsewhere it is the generic delete of the focused item.
    Mail,
    /// Only in `[[drive]]`, looked up before the others: `move` there moves drive items.
    Drive,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Named {
    name: &'static str,
    scope: Scope,
    action: Action,
}

const fn any(name: &'static str, action: Action) -> Named {
    Named { name, scope: Scope::Any, action }
}

const fn mail(name: &'static str, action: Action) -> Named {
    Named { name, scope: Scope::Mail, action }
}

const fn drive(name: &'static str, action: DriveAction) -> Named {
    Named { name, scope: Scope::Drive, action: Action::Drive(action) }
}

const NAMED: &[Named] = &[
    // Everywhere (and in every pane section).
    any("quit", Action::Quit),
    any("help", Action::ToggleHelp),
    any("pane-mail", Action::ShowPane(Pane::Mail)),
    any("pane-calendar", Action::ShowPane(Pane::Calendar)),
    any("pane-drive", Action::ShowPane(Pane::Drive)),
    any("pane-tasks", Action::ShowPane(Pane::Tasks)),
    any("pane-people", Action::ShowPane(Pane::People)),
    any("settings", Action::ToggleSettings),
    any("palette", Action::Palette(PaletteAction::Open)),
    any("focus-next", Action::FocusNext),
    any("focus-prev", Action::FocusPrev),
    any("refresh", Action::Refresh),
    any("down", Action::Down),
    any("up", Action::Up),
    any("page-down", Action::PageDown),
    any("page-up", Action::PageUp),
    any("top", Action::Top),
    any("bottom", Action::Bottom),
    any("open", Action::Open),
    any("back", Action::Back),
    any("filter", Action::StartFilter),
    any("week-prev", Action::PrevWeek),
    any("week-next", Action::NextWeek),
    any("go-to-date", Action::GoToDate),
    any("today", Action::Today),
    any("week-view", Action::ToggleWeekGrid),
    any("details", Action::ToggleDetails),
    // The calendar's views, calendars, writing and free/busy; the answers also in the mail reader.
    any("calendar-view", Action::Calendar(CalendarAction::CycleView)),
    any("day-view", Action::Calendar(CalendarAction::DayView)),
    any("month-view", Action::Calendar(CalendarAction::MonthView)),
    any("calendars", Action::Calendar(CalendarAction::FocusCalendars)),
    any("toggle-calendar", Action::Calendar(CalendarAction::ToggleCalendar)),
    any("accept", Action::Calendar(CalendarAction::Answer(Answer::Accept))),
    any("tentative", Action::Calendar(CalendarAction::Answer(Answer::Tentative))),
    any("decline", Action::Calendar(CalendarAction::Answer(Answer::Decline))),
    any("schedule", Action::Calendar(CalendarAction::FreeBusy)),
    any("find-time", Action::Calendar(CalendarAction::FindTime)),
    any("event-form-save", Action::Calendar(CalendarAction::FormSave)),
    any("event-form-cancel", Action::Calendar(CalendarAction::FormCancel)),
    any("add", Action::Add),
    any("rename", Action::Rename),
    any("delete", Action::Delete),
    any("toggle-done", Action::ToggleDone),
    any("due-date", Action::EditDue),
    any("importance", Action::CycleImportance),
    any("note", Action::EditNote),
    any("show-completed", Action::ToggleCompleted),
    any("sort", Action::CycleSort),
    any("note-save", Action::NoteSave),
    any("note-cancel", Action::NoteCancel),
    any("search-sites", Action::SearchSites),
    any("notices", Action::ShowNotices),
    any("switch-account", Action::SwitchAccount),
    any("drive-my-files", Action::DrivePlace(Place::MyFiles)),
    any("drive-shared", Action::DrivePlace(Place::Shared)),
    any("drive-sites", Action::DrivePlace(Place::Sites)),
    // People, settings and moving between workloads.
    any("write-to", Action::People(PeopleAction::WriteTo)),
    any("copy-address", Action::People(PeopleAction::CopyAddress)),
    any("free-busy", Action::People(PeopleAction::FreeBusy)),
    any("contact-form-save", Action::People(PeopleAction::FormSave)),
    any("contact-form-cancel", Action::People(PeopleAction::FormCancel)),
    any("auto-reply-toggle", Action::Settings(SettingsAction::ToggleReplies)),
    any("auto-reply-schedule", Action::Settings(SettingsAction::ScheduleReplies)),
    any("auto-reply-message", Action::Settings(SettingsAction::EditMessage)),
    any("auto-reply-audience", Action::Settings(SettingsAction::CycleAudience)),
    any("mail-to-task", Action::MailToTask),
    any("open-linked-message", Action::OpenLinkedMessage),
    // Writing mail.
    any("compose", Action::Compose(ComposeAction::Open(Kind::New))),
    any("reply", Action::Compose(ComposeAction::Open(Kind::Reply))),
    any("reply-all", Action::Compose(ComposeAction::Open(Kind::ReplyAll))),
    any("forward", Action::Compose(ComposeAction::Open(Kind::Forward))),
    any("edit-draft", Action::Compose(ComposeAction::Open(Kind::Draft))),
    any("recover-draft", Action::Compose(ComposeAction::Recover)),
    any("compose-next-field", Action::Compose(ComposeAction::NextField)),
    any("compose-prev-field", Action::Compose(ComposeAction::PrevField)),
    any("compose-done", Action::Compose(ComposeAction::Done)),
    any("compose-send", Action::Compose(ComposeAction::Send)),
    any("compose-retry", Action::Compose(ComposeAction::Retry)),
    any("compose-edit", Action::Compose(ComposeAction::EditAgain)),
    any("compose-attach", Action::Compose(ComposeAction::Attach)),
    any("compose-attach-inline", Action::Compose(ComposeAction::AttachInline)),
    any("compose-save-draft", Action::Compose(ComposeAction::SaveDraft)),
    any("compose-discard", Action::Compose(ComposeAction::Discard)),
    any("compose-remove-attachment", Action::Compose(ComposeAction::RemoveAttachment)),
    any("compose-link-drive-file", Action::Compose(ComposeAction::LinkDriveFile)),
    // The mail pane's own commands: in `[[mail]]` these names come first.
    mail("mark", Action::Mail(MailOp::ToggleMark)),
    mail("mark-all", Action::Mail(MailOp::MarkAll)),
    mail("toggle-read", Action::Mail(MailOp::ToggleRead)),
    mail("toggle-flag", Action::Mail(MailOp::ToggleFlag)),
    mail("delete", Action::Mail(MailOp::Delete)),
    mail("delete-permanently", Action::Mail(MailOp::DeletePermanently)),
    mail("archive", Action::Mail(MailOp::Archive)),
    mail("move", Action::Mail(MailOp::Move)),
    mail("copy", Action::Mail(MailOp::Copy)),
    mail("save-attachment", Action::Mail(MailOp::SaveAttachment)),
    mail("save-attachments", Action::Mail(MailOp::SaveAllAttachments)),
    mail("open-attachment", Action::Mail(MailOp::OpenAttachment)),
    mail("save-eml", Action::Mail(MailOp::SaveEml)),
    mail("search", Action::Mail(MailOp::Search)),
    mail("unread-only", Action::Mail(MailOp::UnreadOnly)),
    mail("flagged-only", Action::Mail(MailOp::FlaggedOnly)),
    mail("with-attachments", Action::Mail(MailOp::WithAttachments)),
    mail("from-sender", Action::Mail(MailOp::FromSender)),
    mail("received-since", Action::Mail(MailOp::ReceivedSince)),
    mail("category-only", Action::Mail(MailOp::CategoryOnly)),
    mail("categorize", Action::Mail(MailOp::Categorize)),
    mail("conversation", Action::Mail(MailOp::Conversation)),
    mail("new-folder", Action::Mail(MailOp::NewFolder)),
    mail("new-top-folder", Action::Mail(MailOp::NewTopFolder)),
    mail("rename-folder", Action::Mail(MailOp::RenameFolder)),
    mail("delete-folder", Action::Mail(MailOp::DeleteFolder)),
    mail("next-message", Action::Mail(MailOp::NextMessage)),
    mail("prev-message", Action::Mail(MailOp::PrevMessage)),
    mail("threads", Action::Mail(MailOp::ToggleThreads)),
    mail("links", Action::Mail(MailOp::ListLinks)),
    mail("view-attachment", Action::Mail(MailOp::ViewAttachment)),
    mail("pipe", Action::Mail(MailOp::Pipe)),
    mail("pipe-source", Action::Mail(MailOp::PipeSource)),
    // The Drive pane's own commands: in `[[drive]]` these names come first.
    drive("save", DriveAction::Save),
    drive("new-folder", DriveAction::NewFolder),
    drive("move", DriveAction::Move),
    drive("copy", DriveAction::Copy),
    drive("delete-permanently", DriveAction::DeletePermanently),
    drive("share", DriveAction::Share),
    drive("versions", DriveAction::Versions),
    drive("permissions", DriveAction::Permissions),
    drive("search", DriveAction::Search),
    drive("recent", DriveAction::Recent),
    drive("mark", DriveAction::ToggleMark),
    drive("mark-all", DriveAction::MarkAll),
    drive("transfers", DriveAction::Transfers),
    drive("cancel-transfer", DriveAction::CancelTransfer),
];

/// The action `name` means in `context`'s section.
pub fn action_named(context: Context, name: &str) -> Option<Action> {
    let scoped = |scope: Scope| NAMED.iter().find(|n| n.scope == scope && n.name == name);
    let found = match context {
        Context::Mail => scoped(Scope::Mail).or_else(|| scoped(Scope::Any)),
        Context::Drive => scoped(Scope::Drive).or_else(|| scoped(Scope::Any)),
        _ => scoped(Scope::Any),
    };
    found.map(|n| n.action.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_listed_once_in_its_scope() {
        for (at, named) in NAMED.iter().enumerate() {
            let again = NAMED[at + 1..].iter().find(|n| n.scope == named.scope && n.name == named.name);
            assert!(again.is_none(), "`{}` is listed twice", named.name);
            let same = NAMED[at + 1..].iter().find(|n| n.action == named.action);
            assert!(same.is_none(), "{:?} has two names", named.action);
        }
    }

    #[test]
    fn mail_names_come_first_in_the_mail_section_only() {
        assert_eq!(action_named(Context::Mail, "delete"), Some(Action::Mail(MailOp::Delete)));
        assert_eq!(action_named(Context::Tasks, "delete"), Some(Action::Delete));
        assert_eq!(action_named(Context::Global, "mark"), None);
        assert_eq!(action_named(Context::Mail, "quit"), Some(Action::Quit));
        assert_eq!(action_named(Context::Global, "reply"), Some(Action::Compose(ComposeAction::Open(Kind::Reply))));
    }

    #[test]
    fn drive_names_come_first_in_the_drive_section_only() {
        assert_eq!(action_named(Context::Drive, "move"), Some(Action::Drive(DriveAction::Move)));
        assert_eq!(action_named(Context::Mail, "move"), Some(Action::Mail(MailOp::Move)));
        assert_eq!(action_named(Context::Tasks, "save"), None);
        assert_eq!(action_named(Context::Drive, "delete"), Some(Action::Delete));
    }

    #[test]
    fn every_listed_action_is_bound_by_default() {
        let keymap = super::super::Keymap::load(None).unwrap();
        for named in NAMED {
            assert!(
                keymap.bindings.iter().any(|b| b.action == named.action && b.action_name == named.name),
                "`{}` has no default binding in assets/keymap.toml",
                named.name
            );
        }
    }
}
