//! Free/busy for a set of people (`POST /me/calendar/getSchedule`, GD: calendar-getschedule.md)
//! and times that suit them (`POST /me/findMeetingTimes`), answered in the zone asked for with
//! `Prefer: outlook.timezone`.
use super::super::client::{GraphClient, to_body};
use super::super::dto::Page;
use super::super::dto::{MeetingTimeSuggestionsResult, MeetingTimesRequest, ScheduleInformation, ScheduleRequest};
use super::super::error::GraphResult;
use super::super::request::Request;

/// At most this many addresses per request (the service's limit).
pub const MAX_SCHEDULES: usize = 20;

/// Each address's availability in the request's window, in the request's order.
pub async fn get_schedule(client: &GraphClient, request: &ScheduleRequest) -> GraphResult<Vec<ScheduleInformation>> {
    let path = client.resource_path("calendar/getSchedule");
    let page: Page<ScheduleInformation> = client.json(Request::post(path).with_json(to_body(request)?)).await?;
    Ok(page.value)
}

/// `POST /me/findMeetingTimes`: times when the organizer and the attendees are free, answered
/// in the zone asked for with `Prefer: outlook.timezone`.
pub async fn find_meeting_times(
    client: &GraphClient,
    request: &MeetingTimesRequest,
) -> GraphResult<MeetingTimeSuggestionsResult> {
    let path = client.resource_path("findMeetingTimes");
    client.json(Request::post(path).with_json(to_body(request)?)).await
}
