//! Microsoft To Do lists and tasks as the app sees them (graph-facts §3.6), and the edits the
//! app makes to tasks (`edit`).
pub mod edit;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::time_zones::to_instant_lenient;
use super::{Body, Importance, TaskStatus, WellknownListName};
use o365_graph::dto;
use o365_graph::dto::lenient::parse_naive_date_time;

/// A task list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TaskList {
    pub id: String,
    pub name: String,
    pub wellknown: Option<WellknownListName>,
    pub is_owner: bool,
    pub is_shared: bool,
}

impl TaskList {
    /// The list new tasks go to by default ("Tasks").
    pub fn is_default(&self) -> bool {
        self.wellknown == Some(WellknownListName::DefaultList)
    }
}

impl From<&dto::TodoTaskList> for TaskList {
    fn from(value: &dto::TodoTaskList) -> Self {
        TaskList {
            id: value.id.clone(),
            name: value.display_name.clone().unwrap_or_default(),
            wellknown: value.wellknown_list_name.clone(),
            is_owner: value.is_owner.unwrap_or(false),
            is_shared: value.is_shared.unwrap_or(false),
        }
    }
}

/// A step of a task.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ChecklistItem {
    pub id: String,
    pub title: String,
    pub is_checked: bool,
    pub checked: Option<DateTime<Utc>>,
}

impl From<&dto::ChecklistItem> for ChecklistItem {
    fn from(value: &dto::ChecklistItem) -> Self {
        ChecklistItem {
            id: value.id.clone(),
            title: value.display_name.clone().unwrap_or_default(),
            is_checked: value.is_checked.unwrap_or(false),
            checked: value.checked_date_time,
        }
    }
}

/// A task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Task {
    pub id: String,
    pub title: String,
    pub status: TaskStatus,
    pub importance: Importance,
    /// To Do due dates are days: the date as written, whatever the zone.
    pub due: Option<NaiveDate>,
    pub reminder: Option<DateTime<Utc>>,
    pub completed: Option<DateTime<Utc>>,
    /// The body text; `None` when empty.
    pub note: Option<Body>,
    pub checklist: Vec<ChecklistItem>,
    pub categories: Vec<String>,
    pub created: Option<DateTime<Utc>>,
    pub modified: Option<DateTime<Utc>>,
    /// What the task came from (`linkedResources`, loaded with `$expand`).
    pub links: Vec<TaskLink>,
}

/// A linked resource: the item a task was made from, with a link back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskLink {
    /// The item's title (a message's subject).
    pub name: String,
    pub web_url: Option<String>,
    pub application: String,
    /// The message the task was made from, when the link names one (made by o365 or Outlook).
    pub message_id: Option<String>,
}

impl From<&dto::LinkedResource> for TaskLink {
    fn from(value: &dto::LinkedResource) -> Self {
        let application = value.application_name.clone().unwrap_or_default();
        let from_mail =
            application == o365_graph::todo::APPLICATION_NAME || application.to_lowercase().contains("outlook");
        TaskLink {
            name: value.display_name.clone().unwrap_or_default(),
            web_url: value.web_url.clone(),
            message_id: value.external_id.clone().filter(|id| from_mail && !id.is_empty()),
            application,
        }
    }
}

impl Task {
    pub fn is_completed(&self) -> bool {
        self.status == TaskStatus::Completed
    }
}

impl From<&dto::TodoTask> for Task {
    fn from(value: &dto::TodoTask) -> Self {
        let instant = |field: &Option<dto::DateTimeTimeZone>| {
            field.as_ref().and_then(to_instant_lenient).map(|at| at.with_timezone(&Utc))
        };
        Task {
            id: value.id.clone(),
            title: value.title.clone().unwrap_or_default(),
            status: value.status.clone().unwrap_or(TaskStatus::NotStarted),
            importance: value.importance.clone().unwrap_or(Importance::Normal),
            due: value.due_date_time.as_ref().and_then(|due| parse_naive_date_time(&due.date_time)).map(|at| at.date()),
            reminder: if value.is_reminder_on == Some(false) { None } else { instant(&value.reminder_date_time) },
            completed: instant(&value.completed_date_time),
            note: value.body.as_ref().map(Body::from).filter(|body| !body.is_empty()),
            checklist: value.checklist_items.iter().map(ChecklistItem::from).collect(),
            categories: value.categories.clone(),
            created: value.created_date_time,
            modified: value.last_modified_date_time,
            links: value.linked_resources.iter().map(TaskLink::from).collect(),
        }
    }
}
