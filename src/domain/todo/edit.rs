//! One change to a task, described once: `TaskEdit` is what the user asked for. Made on a
//! task it gives back the fields as they were (`TaskField`), which put the task back when the
//! service refuses; the worker turns the same value into the service's request.
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use super::super::{Body, Importance, TaskStatus};
use super::Task;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskEdit {
    Title(String),
    /// Completed, or not started again.
    Status(TaskStatus),
    /// A day of `zone`'s calendar (To Do due dates are days); `None` clears it.
    Due {
        day: Option<NaiveDate>,
        zone: Tz,
    },
    Importance(Importance),
    /// Plain text; empty removes the note.
    Note(String),
}

/// What an edit changed, as it was before: enough to put the task back exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskField {
    Title(String),
    Status { status: TaskStatus, completed: Option<DateTime<Utc>> },
    Due(Option<NaiveDate>),
    Importance(Importance),
    Note(Option<Body>),
}

impl TaskEdit {
    /// Makes the edit on `task` and returns what it replaced. A status change drops the
    /// completion stamp until the service sends its own.
    pub fn apply(&self, task: &mut Task) -> TaskField {
        match self {
            TaskEdit::Title(title) => TaskField::Title(std::mem::replace(&mut task.title, title.clone())),
            TaskEdit::Status(status) => {
                let before = TaskField::Status { status: task.status.clone(), completed: task.completed.take() };
                task.status = status.clone();
                before
            }
            TaskEdit::Due { day, .. } => TaskField::Due(std::mem::replace(&mut task.due, *day)),
            TaskEdit::Importance(importance) => {
                TaskField::Importance(std::mem::replace(&mut task.importance, importance.clone()))
            }
            TaskEdit::Note(text) => {
                let note = (!text.is_empty()).then(|| Body::Text(text.clone()));
                TaskField::Note(std::mem::replace(&mut task.note, note))
            }
        }
    }
}

impl TaskField {
    /// Puts the field back on `task`.
    pub fn restore(self, task: &mut Task) {
        match self {
            TaskField::Title(title) => task.title = title,
            TaskField::Status { status, completed } => {
                task.status = status;
                task.completed = completed;
            }
            TaskField::Due(due) => task.due = due,
            TaskField::Importance(importance) => task.importance = importance,
            TaskField::Note(note) => task.note = note,
        }
    }

    /// Takes the service's value of this field from `answered` (and what the service stamps
    /// along with it: the completion time, the modification time).
    pub fn take_answer(&self, shown: &mut Task, answered: Task) {
        match self {
            TaskField::Title(_) => shown.title = answered.title,
            TaskField::Status { .. } => {
                shown.status = answered.status;
                shown.completed = answered.completed;
            }
            TaskField::Due(_) => shown.due = answered.due,
            TaskField::Importance(_) => shown.importance = answered.importance,
            TaskField::Note(_) => shown.note = answered.note,
        }
        shown.modified = answered.modified;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task() -> Task {
        Task {
            id: "t".into(),
            title: "Pay rent".into(),
            status: TaskStatus::Completed,
            importance: Importance::Normal,
            due: NaiveDate::from_ymd_opt(2026, 11, 20),
            reminder: None,
            completed: Some(DateTime::<Utc>::UNIX_EPOCH),
            note: None,
            checklist: Vec::new(),
            categories: Vec::new(),
            created: None,
            modified: None,
            links: Vec::new(),
        }
    }

    #[test]
    fn an_edit_made_and_put_back_leaves_the_task_as_it_was() {
        let edits = [
            TaskEdit::Title("Pay the landlord".into()),
            TaskEdit::Status(TaskStatus::NotStarted),
            TaskEdit::Due { day: None, zone: Tz::UTC },
            TaskEdit::Importance(Importance::High),
            TaskEdit::Note("By transfer".into()),
        ];
        for edit in edits {
            let mut changed = task();
            let before = edit.apply(&mut changed);
            assert_ne!(changed, task(), "{edit:?} changes the task");
            before.restore(&mut changed);
            assert_eq!(changed, task(), "{edit:?} is undone exactly");
        }
    }

    #[test]
    fn reopening_drops_the_stamp_and_an_empty_note_removes_it() {
        let mut shown = task();
        TaskEdit::Status(TaskStatus::NotStarted).apply(&mut shown);
        assert_eq!((shown.status.clone(), shown.completed), (TaskStatus::NotStarted, None));
        shown.note = Some(Body::Text("x".into()));
        assert_eq!(TaskEdit::Note(String::new()).apply(&mut shown), TaskField::Note(Some(Body::Text("x".into()))));
        assert_eq!(shown.note, None);
    }
}
