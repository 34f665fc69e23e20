//! The prompt's reactions: typing, yes/no, cancelling, and handing the answer to the update
//! module its purpose belongs to. A refused answer keeps the prompt open with the reason. Tab
//! in a prompt for a path asks the worker to complete it; in the mail search prompt it switches
//! to the local cache, which is searched as the text is typed.
use super::super::action::Action;
use super::super::effect::Effect;
use super::super::store::Store;
use super::super::store::prompt::{PathMatches, PathQuery, Prompt, PromptKind, Purpose};
use super::calendar;

/// What a pane's update module says to an answer: effects to run, or why it is refused.
pub(super) type Answered = Result<Vec<Effect>, String>;

/// Reacts to an action while the prompt is open; the prompt swallows every other action.
pub(super) fn on_action(store: &mut Store, action: Action) -> Vec<Effect> {
    let Some(prompt) = store.prompt.as_mut() else { return Vec::new() };
    match (&mut prompt.kind, action) {
        (_, Action::Back) => store.prompt = None,
        (PromptKind::Text { text }, Action::TextInput(c)) => {
            text.push(c);
            prompt.edited();
            // A search of the local cache runs as it is typed.
            return super::mail_ops::search_typed(store);
        }
        (PromptKind::Text { text }, Action::TextBackspace) => {
            text.pop();
            prompt.edited();
            return super::mail_ops::search_typed(store);
        }
        (PromptKind::Text { text }, Action::TextComplete) => {
            if let Some(paths) = &prompt.paths {
                return vec![Effect::CompletePath(PathQuery { typed: text.clone(), folders_only: paths.folders_only })];
            }
            // In the mail search prompt, Tab switches between the server and the local cache.
            return super::mail_ops::search_toggled(store);
        }
        (PromptKind::Text { .. }, Action::TextSubmit) => return submit(store),
        (PromptKind::YesNo, Action::TextInput('y' | 'Y')) => return submit(store),
        (PromptKind::Choice { options }, Action::TextInput(c)) => {
            if let Some((key, _)) = options.iter().find(|(key, _)| key.eq_ignore_ascii_case(&c)) {
                // The answer is the key, handed over as the prompt's text.
                prompt.kind = PromptKind::Text { text: key.to_string() };
                return submit(store);
            }
        }
        // Enter on a yes/no question means no: a destructive answer takes a deliberate `y`.
        (PromptKind::YesNo, Action::TextInput('n' | 'N') | Action::TextSubmit) => store.prompt = None,
        _ => {}
    }
    Vec::new()
}

/// A completion for the text still in the field: the field takes it and the choices show.
/// One for text typed over since is dropped.
pub(super) fn on_path_completed(store: &mut Store, matches: PathMatches) -> Vec<Effect> {
    let Some(prompt) = store.prompt.as_mut() else { return Vec::new() };
    let (PromptKind::Text { text }, Some(paths)) = (&mut prompt.kind, prompt.paths.as_mut()) else { return Vec::new() };
    if *text != matches.typed {
        return Vec::new();
    }
    *text = matches.completed;
    paths.choices = matches.choices;
    paths.found = matches.found;
    paths.answered = true;
    prompt.error = None;
    Vec::new()
}

fn submit(store: &mut Store) -> Vec<Effect> {
    let Some(prompt) = store.prompt.take() else { return Vec::new() };
    let answer = prompt.typed().trim().to_owned();
    match answer_for(store, &prompt.purpose, &answer) {
        Ok(effects) => effects,
        Err(reason) => {
            store.prompt = Some(Prompt { error: Some(reason), ..prompt });
            Vec::new()
        }
    }
}

/// The answer goes to the pane that asked.
fn answer_for(store: &mut Store, purpose: &Purpose, answer: &str) -> Answered {
    match purpose {
        Purpose::CalendarGoTo => calendar::go_to(store, answer),
        Purpose::Calendar(asked) => calendar::answer_prompt(store, asked.clone(), answer),
        Purpose::Tasks(asked) => super::tasks::answer(store, asked.clone(), answer),
        Purpose::Drive(purpose) => super::drive::answer(store, purpose, answer),
        Purpose::Mail(asked) => super::mail_ops::answer(store, asked, answer),
        Purpose::Compose(purpose) => super::compose::answer(store, purpose, answer),
        Purpose::People(asked) => super::people::answer(store, asked.clone(), answer),
        Purpose::Settings(asked) => super::settings::answer(store, asked, answer),
        Purpose::MailToTask { message_id } => super::workloads::answer_list(store, message_id, answer),
    }
}

#[cfg(test)]
mod tests;
