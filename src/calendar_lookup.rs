//! Every calendar of the account for both faces (`o365 calendar ...`, the Calendar pane): the
//! user's own and those shared with them, then the calendars of the Microsoft 365 groups they
//! belong to; and one calendar's events in a window, through the group for a group's.
//!
//! A group's calendar object needs Group.Read.All, which only an administrator grants; its
//! calendar view takes the Calendars permissions too (GD: group-list-calendarview.md). Without
//! it the group is listed by its name, without a colour, saying why, and its events still show.
use chrono::{DateTime, Utc};

use crate::domain::{Calendar, Event};
use o365_graph::calendar;
use o365_graph::client::GraphClient;
use o365_graph::dto;
use o365_graph::error::{GraphError, GraphResult};

/// A calendar as Graph gave it (a group's without Group.Read.All: the group's name and mail
/// under Graph's calendar field names), with what the application makes of it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub graph: dto::Calendar,
    pub calendar: Calendar,
}

/// The user's calendars, then their groups'. A sign-in that cannot list its groups (a personal
/// account has none) keeps its own calendars.
pub async fn list_all(client: &GraphClient) -> GraphResult<Vec<Listed>> {
    let own = calendar::list_calendars(client).await?;
    let mut all: Vec<Listed> =
        own.into_iter().map(|graph| Listed { calendar: Calendar::from(&graph), graph }).collect();
    let groups = match calendar::list_my_groups(client).await {
        Ok(groups) => groups,
        Err(GraphError::Api(api)) if (400..500).contains(&api.status) => Vec::new(),
        Err(error) => return Err(error),
    };
    for group in &groups {
        all.push(group_calendar(client, group).await?);
    }
    Ok(all)
}

async fn group_calendar(client: &GraphClient, group: &dto::Group) -> GraphResult<Listed> {
    let name = group.display_name.clone().unwrap_or_else(|| group.id.clone());
    let owner = dto::EmailAddress { name: Some(name.clone()), address: group.mail.clone() };
    let (graph, limited) = match calendar::get_group_calendar(client, &group.id).await {
        Ok(graph) => (graph, None),
        Err(GraphError::Api(api)) if api.status == 403 => {
            let why = match &api.missing_permission {
                Some(missing) => format!("its colour is not shown: {missing}"),
                None => format!("its colour is not shown: {}", api.message),
            };
            let graph = dto::Calendar {
                id: group.id.clone(),
                name: Some(name.clone()),
                can_edit: Some(false),
                owner: Some(owner.clone()),
                ..dto::Calendar::default()
            };
            (graph, Some(why))
        }
        Err(error) => return Err(error),
    };
    // A group's calendar is called "Calendar" like everyone's: the group's name says whose it is.
    let calendar = Calendar {
        name: name.clone(),
        is_default: false,
        owner: Some((&owner).into()),
        group_id: Some(group.id.clone()),
        limited,
        ..Calendar::from(&graph)
    };
    Ok(Listed { graph: dto::Calendar { name: Some(name), ..graph }, calendar })
}

/// The events of `calendar` overlapping `[start, end)`, series expanded, each knowing its
/// calendar.
pub async fn events(
    client: &GraphClient,
    calendar: &Calendar,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    limit: Option<usize>,
) -> GraphResult<Vec<dto::Event>> {
    match &calendar.group_id {
        Some(group) => calendar::group_calendar_view(client, group, start, end, limit).await,
        None => calendar::calendar_view(client, Some(&calendar.id), start, end, limit).await,
    }
}

/// `events` as the application's events, each knowing its calendar.
pub async fn domain_events(
    client: &GraphClient,
    calendar: &Calendar,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> GraphResult<Vec<Event>> {
    let found = events(client, calendar, start, end, None).await?;
    Ok(found.iter().map(|e| Event { calendar_id: Some(calendar.id.clone()), ..Event::from(e) }).collect())
}
