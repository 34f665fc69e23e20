//! Which of the open list's tasks show and in what order: completed ones hidden until asked
//! for, the `/` filter on titles, and the order chosen with `s` (as To Do lists them, by due
//! date, by importance, by title). The store keeps the tasks as loaded; the cursor moves over
//! what shows.
use std::cmp::Ordering;

use super::TasksState;
use crate::domain::{Importance, Task};

/// The order of the tasks column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TaskSort {
    /// As the service lists them.
    #[default]
    AsListed,
    /// Soonest due first; tasks without a due date last.
    Due,
    /// High, normal, low.
    Importance,
    /// By title, ignoring case.
    Title,
}

impl TaskSort {
    pub fn next(self) -> TaskSort {
        match self {
            TaskSort::AsListed => TaskSort::Due,
            TaskSort::Due => TaskSort::Importance,
            TaskSort::Importance => TaskSort::Title,
            TaskSort::Title => TaskSort::AsListed,
        }
    }

    /// How the column title names the order; `None` for the service's own.
    pub fn label(self) -> Option<&'static str> {
        match self {
            TaskSort::AsListed => None,
            TaskSort::Due => Some("by due date"),
            TaskSort::Importance => Some("by importance"),
            TaskSort::Title => Some("by title"),
        }
    }

    fn compare(self, a: &Task, b: &Task) -> Ordering {
        let rank = |i: &Importance| match i {
            Importance::High => 0,
            Importance::Normal => 1,
            Importance::Low => 2,
            _ => 1,
        };
        match self {
            TaskSort::AsListed => Ordering::Equal,
            // `None` after every date.
            TaskSort::Due => (a.due.is_none(), a.due).cmp(&(b.due.is_none(), b.due)),
            TaskSort::Importance => rank(&a.importance).cmp(&rank(&b.importance)),
            TaskSort::Title => a.title.to_lowercase().cmp(&b.title.to_lowercase()),
        }
    }
}

impl TasksState {
    /// The tasks shown, as indices into the loaded ones, in the order shown.
    pub fn shown(&self) -> Vec<usize> {
        let Some(tasks) = self.tasks.ready() else { return Vec::new() };
        let mut shown: Vec<usize> = (0..tasks.len())
            .filter(|&i| self.show_completed || !tasks[i].is_completed())
            .filter(|&i| self.filter.keeps([tasks[i].title.as_str()]))
            .collect();
        // Stable: equal tasks keep the service's order.
        shown.sort_by(|&a, &b| self.sort.compare(&tasks[a], &tasks[b]));
        shown
    }

    /// Where the task `task_id` shows, if it does.
    pub fn shown_position(&self, task_id: &str) -> Option<usize> {
        let tasks = self.tasks.ready()?;
        self.shown().iter().position(|&i| tasks[i].id == task_id)
    }

    /// Completed tasks of the open list not shown because completed ones are hidden.
    pub fn hidden_completed(&self) -> usize {
        if self.show_completed {
            return 0;
        }
        self.tasks.ready().map_or(0, |tasks| tasks.iter().filter(|t| t.is_completed()).count())
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::TaskStatus;
    use crate::tui::store::tasks::Remote;

    fn task(id: &str, title: &str, done: bool, importance: Importance, due: Option<u32>) -> Task {
        Task {
            id: id.into(),
            title: title.into(),
            status: if done { TaskStatus::Completed } else { TaskStatus::NotStarted },
            importance,
            due: due.map(|d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap()),
            reminder: None,
            completed: None,
            note: None,
            checklist: Vec::new(),
            categories: Vec::new(),
            created: None,
            modified: None,
            links: Vec::new(),
        }
    }

    fn state() -> TasksState {
        let tasks = vec![
            task("a", "pay rent", false, Importance::Normal, Some(20)),
            task("b", "Buy milk", true, Importance::High, Some(2)),
            task("c", "call Bob", false, Importance::High, None),
            task("d", "Archive photos", false, Importance::Low, Some(5)),
        ];
        TasksState { tasks: Remote::Ready(tasks), ..TasksState::default() }
    }

    fn ids(state: &TasksState) -> String {
        let tasks = state.tasks.ready().unwrap();
        state.shown().iter().map(|&i| tasks[i].id.as_str()).collect()
    }

    #[test]
    fn completed_tasks_are_hidden_until_asked_for() {
        let mut state = state();
        assert_eq!(ids(&state), "acd");
        assert_eq!(state.hidden_completed(), 1);
        state.show_completed = true;
        assert_eq!(ids(&state), "abcd");
        assert_eq!(state.hidden_completed(), 0);
    }

    #[test]
    fn each_order_and_the_filter() {
        let mut state = state();
        state.show_completed = true;
        let mut seen = Vec::new();
        for _ in 0..4 {
            state.sort = state.sort.next();
            seen.push((state.sort, ids(&state)));
        }
        assert_eq!(
            seen,
            [
                (TaskSort::Due, "bdac".to_owned()),
                (TaskSort::Importance, "bcad".to_owned()),
                (TaskSort::Title, "dbca".to_owned()),
                (TaskSort::AsListed, "abcd".to_owned()),
            ]
        );
        state.filter.text = "B".into();
        assert_eq!(ids(&state), "bc", "titles containing b, any case");
        assert_eq!(state.shown_position("c"), Some(1));
        assert_eq!(state.shown_position("a"), None);
    }
}
