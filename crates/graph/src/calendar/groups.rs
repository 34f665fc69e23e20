//! Microsoft 365 groups' calendars: the groups the user belongs to (`/me/memberOf` cast to
//! groups, GD: user-list-memberof.md; only those whose `groupTypes` has `Unified` have a
//! calendar), a group's calendar (`/groups/{id}/calendar`, Group.Read.All), its calendar view
//! (`/groups/{id}/calendarView`, which the Calendars permissions also allow, GD:
//! group-list-calendarview.md) and new events in it (`POST /groups/{id}/events`,
//! Group.ReadWrite.All, GD: group-post-events.md).
use chrono::{DateTime, Utc};

use super::super::client::{GraphClient, to_body};
use super::super::dto::{Calendar, Event, EventDraft, Group};
use super::super::encode::encode_segment;
use super::super::error::GraphResult;
use super::super::paging::collect;
use super::super::request::Request;
use super::{check_view_window, view_request};

/// The Microsoft 365 groups the signed-in user (or the client's resource) is a direct member of.
pub async fn list_my_groups(client: &GraphClient) -> GraphResult<Vec<Group>> {
    let request = Request::get(client.resource_path("memberOf/microsoft.graph.group"))
        .with_param("$select", "id,displayName,mail,groupTypes")
        .with_param("$top", 100);
    let groups: Vec<Group> = collect(client, request, None).await?;
    Ok(groups.into_iter().filter(Group::is_microsoft_365).collect())
}

fn group_path(group_id: &str, rest: &str) -> String {
    format!("groups/{}/{rest}", encode_segment(group_id))
}

/// The group's calendar: its id, colour and whether the user may write to it.
pub async fn get_group_calendar(client: &GraphClient, group_id: &str) -> GraphResult<Calendar> {
    client.json(Request::get(group_path(group_id, "calendar"))).await
}

/// Events overlapping `[start, end)` of the group's calendar, series expanded, by start.
pub async fn group_calendar_view(
    client: &GraphClient,
    group_id: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    limit: Option<usize>,
) -> GraphResult<Vec<Event>> {
    check_view_window(start, end)?;
    collect(client, view_request(group_path(group_id, "calendarView"), start, end, limit), limit).await
}

/// `POST /groups/{id}/events` → 201 with the event, with a `transactionId` as `create_event`.
pub async fn create_group_event(client: &GraphClient, group_id: &str, draft: &EventDraft) -> GraphResult<Event> {
    let mut draft = draft.clone();
    if draft.transaction_id.is_none() {
        draft.transaction_id = Some(uuid::Uuid::new_v4().to_string());
    }
    client.json(Request::post(group_path(group_id, "events")).with_json(to_body(&draft)?)).await
}
