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
    Ok(list_with_note(client).await?.0)
}

/// `list_all`, and a line for the user when some of their groups could not be listed: Graph
/// lists them with limited information (no name, no kind) to a sign-in without Group.Read.All,
/// so whether they have a calendar is unknown.
pub async fn list_with_note(client: &GraphClient) -> GraphResult<(Vec<Listed>, Option<String>)> {
    let own = calendar::list_calendars(client).await?;
    let mut all: Vec<Listed> =
        own.into_iter().map(|graph| Listed { calendar: Calendar::from(&graph), graph }).collect();
    let groups = match calendar::list_my_groups(client).await {
        Ok(groups) => groups,
        Err(GraphError::Api(api)) if (400..500).contains(&api.status) => Vec::new(),
        Err(error) => return Err(error),
    };
    let (unknown, groups): (Vec<dto::Group>, Vec<dto::Group>) = groups.into_iter().partition(dto::Group::is_limited);
    for group in &groups {
        all.push(group_calendar(client, group).await?);
    }
    let note = match unknown.first() {
        None => None,
        Some(group) => Some(unlisted_note(client, &group.id, unknown.len()).await),
    };
    Ok((all, note))
}

async fn unlisted_note(client: &GraphClient, group_id: &str, count: usize) -> String {
    let groups = if count == 1 { "1 of your groups is".to_owned() } else { format!("{count} of your groups are") };
    let why = match client.missing_permission("GET", &format!("groups/{group_id}/calendar")).await {
        Some(missing) => missing.to_string(),
        None => "their names and calendars needs the permission Group.Read.All".to_owned(),
    };
    format!("{groups} not listed with their calendars: {why}")
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

/// An event found by its id alone, and the group whose calendar holds it (none: the user's own).
#[derive(Debug, Clone)]
pub struct Located {
    pub event: dto::Event,
    pub group_id: Option<String>,
}

/// The event `id` among the user's own events, else in the calendars of their Microsoft 365
/// groups (an id alone does not say whose calendar holds it). A sign-in that may not read the
/// groups' events gets the 403 naming what `then` (the write to come, as `METHOD`) needs, so
/// one line says which permission to ask for.
pub async fn locate(client: &GraphClient, id: &str, then: &str) -> GraphResult<Located> {
    let not_found = match calendar::get_event(client, id).await {
        Ok(event) => return Ok(Located { event, group_id: None }),
        Err(error) if error.is_not_found() => error,
        Err(error) => return Err(error),
    };
    let groups = match calendar::list_my_groups(client).await {
        Ok(groups) => groups,
        Err(GraphError::Api(api)) if (400..500).contains(&api.status) => return Err(not_found),
        Err(error) => return Err(error),
    };
    for group in &groups {
        match calendar::get_group_event(client, &group.id, id).await {
            Ok(event) => return Ok(Located { event, group_id: Some(group.id.clone()) }),
            Err(error) if error.is_not_found() => continue,
            Err(GraphError::Api(mut api)) if api.status == 403 => {
                let path = format!("groups/{}/events/{id}", group.id);
                if let Some(missing) = client.missing_permission(then, &path).await {
                    api.missing_permission = Some(missing);
                }
                return Err(GraphError::Api(api));
            }
            Err(error) => return Err(error),
        }
    }
    Err(not_found)
}
