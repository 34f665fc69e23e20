//! `o365 calendar show ID`: one event with its attendees' answers and its description.
use anyhow::Context;

use super::super::output::Output;
use super::super::session::Session;
use crate::domain::Event;
use crate::render::event::event_text;
use o365_graph::calendar;

pub async fn run(session: &Session, out: &mut Output, id: &str) -> anyhow::Result<()> {
    let event = calendar::get_event(&session.client, id).await.context("reading the event")?;
    if out.json() {
        return out.json_line(&event);
    }
    let own_zone = event.original_start_time_zone.clone();
    let width = out.width().unwrap_or(100).min(100);
    out.text(&event_text(&Event::from(&event), &session.zone, own_zone.as_deref(), width))
}
