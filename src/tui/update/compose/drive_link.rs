//! A file from OneDrive linked in the message being written (`L` on the review screen): a
//! picker browses the own drive as the Drive pane's move picker does (`drive::picker`), a
//! second one asks the kind of link (a view link for the organization first; one anyone can
//! open only when picked), the worker makes it (`createLink`) and the link goes into the body
//! with the file's name, in the format being written, above the signature.
//!
//! Graph v1.0 cannot attach a OneDrive file as a `referenceAttachment`: that type has no
//! `sourceUrl` there (only in beta), so the link travels in the text.
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::effect::compose::ComposeEffect;
use crate::tui::msg::Outcome;
use crate::tui::msg::drive::FolderRow;
use crate::tui::store::Store;
use crate::tui::store::compose::{BuiltIn, Mode};
use crate::tui::store::drive::picker::{DrivePicker, Target};
use crate::tui::update::drive::picker::{self, Slot};
use crate::tui::update::{notify, report_error};

/// `L`: the picker over the root of the own drive.
pub(super) fn open(store: &mut Store) -> Vec<Effect> {
    if !store.compose.open.as_ref().is_some_and(|c| c.mode == Mode::Review) {
        return Vec::new();
    }
    store.compose.drive_picker = Some(DrivePicker::files(Vec::new()));
    picker::list_rows(store, Slot::Compose)
}

/// A key while the picker is open.
pub fn on_action(store: &mut Store, action: Action) -> Vec<Effect> {
    picker::on_action(store, action, Slot::Compose)
}

/// A file was picked: which link to make.
pub fn file_picked(store: &mut Store, file: FolderRow) -> Vec<Effect> {
    let title = format!("Link {} in the message", file.name);
    let target = Target { drive_id: None, item_id: file.id, name: file.name, is_folder: false };
    store.compose.drive_picker = Some(DrivePicker::link_kinds(title, target, true, store.people.personal_account));
    Vec::new()
}

/// The kind of link picked: the worker makes it.
pub fn link_kind_picked(store: &mut Store, target: Target, edit: bool, anyone: bool) -> Vec<Effect> {
    notify(store, format!("Making a link to {}…", crate::sanitize::line(&target.name)));
    vec![Effect::Compose(ComposeEffect::LinkDriveFile { item_id: target.item_id, name: target.name, edit, anyone })]
}

/// The link made: into the body (and the local draft file), or the reason it was not.
pub(super) fn linked(store: &mut Store, name: String, result: Outcome<String>) -> Vec<Effect> {
    let shown = crate::sanitize::line(&name).into_owned();
    let url = match result {
        Ok(url) => url,
        Err(reason) => {
            report_error(store, format!("No link to {shown}: {reason}"));
            return Vec::new();
        }
    };
    let html = store.compose.env.html;
    let Some(compose) = store.compose.open.as_mut() else { return Vec::new() };
    let line = link_line(&name, &url, html);
    let signature = compose.signature_block.clone();
    match compose.mode {
        // Editing again while the link was made: it goes into the text being edited.
        Mode::Editor => {
            if let Some(editor) = compose.editor.as_mut() {
                let mut fields = editor.fields();
                fields.body = with_line(&fields.body, signature.as_deref(), &line);
                let focus = editor.focus;
                *editor = BuiltIn::new(&fields);
                editor.focus = focus;
            }
        }
        // `$EDITOR` has the text: what it leaves replaces the body, so the link is only shown.
        Mode::External => {
            notify(
                store,
                format!("The link to {shown}: {} (your editor had the text: paste it)", crate::sanitize::line(&url)),
            );
            return Vec::new();
        }
        Mode::Review | Mode::Preparing => {
            compose.fields.body = with_line(&compose.fields.body, signature.as_deref(), &line);
        }
    }
    let review = compose.mode == Mode::Review;
    notify(store, format!("Linked {shown} in the message"));
    if review { super::review(store) } else { Vec::new() }
}

/// The line that carries the link: `name: url` in text; an anchor in HTML, the name escaped.
pub fn link_line(name: &str, url: &str, html: bool) -> String {
    // The name is remote text: no control character goes into the message.
    let name = crate::sanitize::line(name);
    if html {
        let escape = o365_graph::mail::respond::escape_html;
        format!("<a href=\"{}\">{}</a>", escape(url), escape(&name))
    } else {
        format!("{name}: {url}")
    }
}

/// `body` with `line` after the text written: above the signature when the body ends with it,
/// else at the end.
pub fn with_line(body: &str, signature: Option<&str>, line: &str) -> String {
    let (text, tail) = match signature.filter(|s| body.ends_with(*s)) {
        Some(signature) => body.split_at(body.len() - signature.len()),
        None => (body, ""),
    };
    let text = text.trim_end_matches('\n');
    let gap = if text.is_empty() { "" } else { "\n" };
    let end = if tail.is_empty() { "\n" } else { "" };
    format!("{text}{gap}{line}{end}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_goes_after_the_text_and_above_the_signature() {
        let signature = "\n\n-- \nAnn\n";
        let body = format!("Here it is.{signature}");
        assert_eq!(
            with_line(&body, Some(signature), "Plan.docx: https://x/1"),
            "Here it is.\nPlan.docx: https://x/1\n\n-- \nAnn\n"
        );
        // Only the signature: the link is the first line.
        assert_eq!(with_line(signature, Some(signature), "L"), "L\n\n-- \nAnn\n");
        assert_eq!(with_line("Hi\n\n", None, "L"), "Hi\nL\n");
        assert_eq!(with_line("", None, "L"), "L\n");
        // A signature edited away: at the end.
        assert_eq!(with_line("Hi\n-- \nBob\n", Some(signature), "L"), "Hi\n-- \nBob\nL\n");
    }

    #[test]
    fn the_line_is_text_or_an_escaped_anchor() {
        assert_eq!(link_line("a\u{1b}[31m.txt", "https://x/s?a=1&b=2", false), "a.txt: https://x/s?a=1&b=2");
        assert_eq!(
            link_line("<Q&A>.txt", "https://x/s?a=1&b=\"2\"", true),
            "<a href=\"https://x/s?a=1&amp;b=&quot;2&quot;\">&lt;Q&amp;A&gt;.txt</a>"
        );
    }
}
