//! The invitation reader: a meeting's mail in the mail reader with the meeting under the
//! headers (a conflict marked, the answer keys from the keymap), drawn as a snapshot; and in a
//! short reader, scrolling reaches the last line of the message below a long invitation.
use crate::screen;

use screen::draw;

use chrono::{NaiveDate, TimeZone, Utc};
use o365::domain::{Body, Event, EventAttendee, EventTime, Mailbox, ResponseType};
use o365::tui::action::Action;
use o365::tui::msg::Msg;
use o365::tui::store::{MailFocus, Store};
use o365::tui::update::update;

const ZONE: chrono_tz::Tz = chrono_tz::Europe::Paris;

fn mailbox(name: &str, address: &str) -> Mailbox {
    Mailbox { name: name.into(), address: address.into() }
}

/// The mail reader `height` rows tall with a meeting's mail open: its invitation has a clash
/// with another meeting that day, a free event at the same time and an earlier one.
fn reader_with_invitation(height: u16) -> Store {
    use o365::domain::{Message, MessageSummary};
    use o365::tui::effect::LoadKey;
    use o365::tui::fixtures::{MailData, folder, load_generation, load_mail};
    use o365::tui::msg::FullMessage;
    use o365::tui::msg::calendar::{CalendarMsg, Invitation};
    let mut store = Store::new("adele@contoso.test", ZONE, 130, height);
    store.calendar.today = NaiveDate::from_ymd_opt(2026, 11, 20);
    store.commands = o365::tui::keymap::palette_commands(&o365::tui::keymap::Keymap::load(None).unwrap());
    let summary = MessageSummary {
        id: "inv".into(),
        subject: "Budget review".into(),
        from: Some(mailbox("Megan Bowen", "megan@contoso.test")),
        received: Some(Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap()),
        is_meeting: true,
        ..Default::default()
    };
    let data = MailData {
        folders: vec![folder("inbox", "Inbox", 0, 1, 1)],
        messages: vec![summary.clone()],
        ..MailData::default()
    };
    load_mail(&mut store, data);
    update(&mut store, Action::FocusNext);
    let generation = load_generation(&update(&mut store, Action::Open), |k| matches!(k, LoadKey::Message { .. }));
    let message = Message { summary, body: Body::Text("Let us go through the numbers.".into()), ..Default::default() };
    let full = Box::new(FullMessage { message, attachments: Vec::new() });
    update(&mut store, Msg::Message { generation, result: Ok(full) });
    let at = |d, h, m| Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap().fixed_offset();
    let meeting = Event {
        id: "mine".into(),
        subject: "Budget review".into(),
        time: Some(EventTime::Timed { start: at(23, 14, 0), end: at(23, 15, 0) }),
        location: Some("Room 7".into()),
        organizer: Some(mailbox("Megan Bowen", "megan@contoso.test")),
        attendees: vec![EventAttendee {
            mailbox: mailbox("Adele Vance", "adele@contoso.test"),
            kind: None,
            response: None,
            responded: None,
        }],
        original_zone: Some("Eastern Standard Time".into()),
        my_response: Some(ResponseType::NotResponded),
        ..Default::default()
    };
    let nearby = vec![
        Event {
            id: "clash".into(),
            subject: "Design review".into(),
            time: Some(EventTime::Timed { start: at(23, 14, 30), end: at(23, 15, 30) }),
            ..Default::default()
        },
        Event {
            id: "free".into(),
            subject: "Focus time".into(),
            time: Some(EventTime::Timed { start: at(23, 14, 0), end: at(23, 16, 0) }),
            show_as: Some(o365::domain::ShowAs::Free),
            ..Default::default()
        },
        Event {
            id: "early".into(),
            subject: "Stand-up".into(),
            time: Some(EventTime::Timed { start: at(23, 8, 30), end: at(23, 8, 45) }),
            ..Default::default()
        },
        meeting.clone(),
    ];
    let invitation = Invitation { kind: Some("meetingRequest".into()), event: Some(meeting), nearby };
    update(
        &mut store,
        Msg::Calendar(CalendarMsg::Invitation { message_id: "inv".into(), result: Ok(Box::new(invitation)) }),
    );
    store
}

#[test]
fn invitation_in_the_reader_with_a_conflict() {
    insta::assert_snapshot!(draw(&reader_with_invitation(26)).backend());
}

/// The screen's text, row by row.
fn screen_text(store: &Store) -> String {
    let terminal = draw(store);
    let buffer = terminal.backend().buffer();
    let width = usize::from(buffer.area.width);
    let cells: Vec<&str> = buffer.content.iter().map(|c| c.symbol()).collect();
    cells.chunks(width).map(|row| row.concat()).collect::<Vec<_>>().join("\n")
}

#[test]
fn a_short_reader_scrolls_past_the_invitation_to_the_end_of_the_message() {
    let mut store = reader_with_invitation(14);
    while store.mail.focus != MailFocus::Reader {
        update(&mut store, Action::FocusNext);
    }
    assert!(!screen_text(&store).contains("Let us go through the numbers."), "the body starts below the fold");
    for _ in 0..40 {
        update(&mut store, Action::Down);
    }
    let text = screen_text(&store);
    assert!(text.contains("Let us go through the numbers."), "the last line can be reached:\n{text}");
    let doc = store.mail.reader.ready().unwrap();
    assert!(doc.scroll + 1 < store.reader_line_count(), "and no further than the last line");
    // Back up: the invitation's first lines show again.
    for _ in 0..40 {
        update(&mut store, Action::Up);
    }
    assert!(screen_text(&store).contains("Invitation"));
}
