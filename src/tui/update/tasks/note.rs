//! A task's note as several lines of text: in `$VISUAL`/`$EDITOR` when one is set (the loop
//! runs it on a private file, as for compose), else in the built-in editor, which takes the keys
//! until Esc keeps the text or Ctrl-X drops it. A changed note goes out like any task edit.
use super::super::super::action::Action;
use super::super::super::effect::Effect;
use super::super::super::effect::compose::EditorJob;
use super::super::super::effect::tasks::NoteJob;
use super::super::super::store::Store;
use super::super::super::store::tasks::NoteEditor;
use super::super::{notify, report_error};
use super::edit::{change_task, selected};
use crate::domain::{Body, TaskEdit};
use crate::render;

/// `n`: the selected task's note in an editor.
pub(super) fn open(store: &mut Store) -> Vec<Effect> {
    let Some((list_id, task)) = selected(store) else { return Vec::new() };
    let text = task.note.as_ref().map(note_text).unwrap_or_default();
    let env = &store.compose.env;
    match (&env.editor, &env.dirs) {
        (Some(command), Some(dirs)) => {
            let job =
                EditorJob { command: command.clone(), path: dirs.new_path("note", "txt"), text: format!("{text}\n") };
            vec![Effect::EditNote(NoteJob { job, list_id, task_id: task.id })]
        }
        _ => {
            store.tasks.note_editor = Some(NoteEditor::new(list_id, task.id, task.title, &text));
            Vec::new()
        }
    }
}

/// The note as text to edit: an HTML note (written in Outlook) becomes the text it shows.
fn note_text(note: &Body) -> String {
    let text = match note {
        Body::Text(text) => text.clone(),
        Body::Html(_) => render::body_text(note, 1000),
    };
    text.trim_end().to_owned()
}

/// Keys while the built-in editor is open: they go into the text, except saving and dropping.
pub(super) fn on_action(store: &mut Store, action: Action) -> Vec<Effect> {
    match action {
        Action::NoteKey(key) => {
            if let Some(editor) = store.tasks.note_editor.as_mut() {
                editor.area.input(key);
            }
            Vec::new()
        }
        Action::NoteSave => {
            let Some(editor) = store.tasks.note_editor.take() else { return Vec::new() };
            let text = editor.text();
            save(store, editor.list_id, editor.task_id, editor.original.trim_end() == text, text)
        }
        Action::NoteCancel => {
            store.tasks.note_editor = None;
            notify(store, "The note is as it was".to_owned());
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// What `$EDITOR` left in the file.
pub(super) fn edited(
    store: &mut Store,
    list_id: String,
    task_id: String,
    result: Result<String, String>,
) -> Vec<Effect> {
    let text = match result {
        Ok(text) => text.trim_end().to_owned(),
        Err(reason) => {
            report_error(store, format!("The note was not changed: {reason}"));
            return Vec::new();
        }
    };
    let Some(task) = store.tasks.task_mut(&list_id, &task_id) else { return Vec::new() };
    let unchanged = task.note.as_ref().map(note_text).unwrap_or_default() == text;
    save(store, list_id, task_id, unchanged, text)
}

fn save(store: &mut Store, list_id: String, task_id: String, unchanged: bool, text: String) -> Vec<Effect> {
    if unchanged {
        notify(store, "The note is unchanged".to_owned());
        return Vec::new();
    }
    change_task(store, list_id, task_id, TaskEdit::Note(text), "Saving the note of")
}
