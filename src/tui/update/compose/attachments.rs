//! Taking an attachment off the message on the review screen: `D` asks which (its number in
//! the list of files; a yes/no when there is only one). A local file just leaves the list; a
//! file on the server draft (a forward's copy of the original's, a resumed draft's) is deleted
//! there, and comes back with the reason when the service refuses.
use crate::tui::effect::Effect;
use crate::tui::effect::compose::ComposeEffect;
use crate::tui::msg::Outcome;
use crate::tui::store::Store;
use crate::tui::store::compose::{AttachmentRef, ComposePrompt};
use crate::tui::store::prompt::{Prompt, Purpose};
use crate::tui::update::{notify, report_error};

/// `D`: which file to take off.
pub(super) fn ask_remove(store: &mut Store) -> Vec<Effect> {
    let Some(compose) = store.compose.open.as_ref() else { return Vec::new() };
    let purpose = Purpose::Compose(ComposePrompt::RemoveAttachment);
    store.prompt = match compose.attachments.as_slice() {
        [] => {
            notify(store, "The message has no attachments".into());
            return Vec::new();
        }
        [only] => Some(Prompt::yes_no(format!("Take {} off the message?", crate::sanitize::line(&only.name)), purpose)),
        files => Some(Prompt::text(format!("Take which file off? (1–{}, as listed)", files.len()), "", purpose)),
    };
    Vec::new()
}

/// The answer: a number (or a yes to the only file).
pub(super) fn remove(store: &mut Store, answer: &str) -> Result<Vec<Effect>, String> {
    let Some(compose) = store.compose.open.as_mut() else { return Ok(Vec::new()) };
    let count = compose.attachments.len();
    let at = match answer.trim() {
        // A yes/no answers with nothing typed.
        "" if count == 1 => 0,
        typed => match typed.parse::<usize>() {
            Ok(n) if (1..=count).contains(&n) => n - 1,
            _ => return Err(format!("Type a number from 1 to {count}")),
        },
    };
    let file = &compose.attachments[at];
    let effect = match (&file.server_id, &compose.server_draft_id) {
        (Some(attachment_id), Some(draft_id)) => Some(ComposeEffect::RemoveAttachment {
            draft_id: draft_id.clone(),
            attachment_id: attachment_id.clone(),
            name: file.name.clone(),
        }),
        _ if file.path.is_some() => None,
        // Uploaded by a failed send, its id unknown here: the draft keeps it.
        _ => {
            let name = crate::sanitize::line(&file.name);
            return Err(format!("{name} is on the server draft already: x discards the message"));
        }
    };
    let removed = compose.attachments.remove(at);
    notify(store, format!("Took {} off", crate::sanitize::line(&removed.name)));
    let mut effects: Vec<Effect> = effect.map(Effect::Compose).into_iter().collect();
    if effects.is_empty() {
        // The local draft file lists local files: it is written again without this one.
        effects.extend(super::review(store));
    } else if let Some(compose) = store.compose.open.as_mut() {
        compose.removing.push((at, removed));
    }
    Ok(effects)
}

/// The service answered a removal: done, or the file goes back where it was.
pub(super) fn removed(store: &mut Store, name: String, result: Outcome<()>) {
    let Some(compose) = store.compose.open.as_mut() else { return };
    let Some(index) = compose.removing.iter().position(|(_, file)| file.name == name) else { return };
    let (at, file): (usize, AttachmentRef) = compose.removing.remove(index);
    if let Err(reason) = result {
        let at = at.min(compose.attachments.len());
        compose.attachments.insert(at, file);
        report_error(store, format!("{} stays on the message: {reason}", crate::sanitize::line(&name)));
    }
}
