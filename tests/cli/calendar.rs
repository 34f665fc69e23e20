//! `o365 calendar calendars | agenda | show | add | edit | rm | respond | free` end to end: the
//! real binary against `o365 sim`, each write checked through the read commands, and the exit
//! codes and one-line errors of what cannot be done; a Microsoft 365 group's calendar with the
//! default scopes and with Group.ReadWrite.All added.
use crate::cli_harness as harness;

use harness::{Home, SimProcess, json_lines, ok, stderr};
use serde_json::Value;

const ZONE: &str = "Europe/Berlin";

fn signed_in(test: &str) -> (SimProcess, Home) {
    let sim = SimProcess::start(&[]);
    let home = Home::new(test);
    home.config_for(&sim);
    ok(&home.run(ZONE, &["login"]));
    (sim, home)
}

fn agenda(home: &Home, from: &str, to: &str) -> Vec<Value> {
    json_lines(&home.run(ZONE, &["calendar", "agenda", "--calendar", "Calendar", "--from", from, "--to", to, "--json"]))
}

fn titled<'a>(events: &'a [Value], subject: &str) -> Vec<&'a Value> {
    events.iter().filter(|e| e["subject"] == subject).collect()
}

/// A usage mistake: exit 2 and one line saying what is wrong.
fn refused(home: &Home, args: &[&str], says: &str) {
    let output = home.run(ZONE, args);
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {said}");
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.contains(says), "{args:?} said {said:?}, not {says:?}");
}

#[test]
fn calendars_lists_own_and_shared_calendars_with_colours() {
    let (_sim, home) = signed_in("cal-calendars");
    let calendars = json_lines(&home.run(ZONE, &["calendar", "calendars", "--json"]));
    assert!(calendars.iter().any(|c| c["isDefaultCalendar"] == true && c["name"] == "Calendar"));
    let shared = calendars.iter().find(|c| c["canEdit"] == false && c["hexColor"] == "#f7a35c");
    assert!(shared.is_some_and(|c| c["owner"]["address"].as_str().is_some()), "{calendars:?}");
    let table = ok(&home.run(ZONE, &["calendar", "calendars"]));
    assert!(table.contains("#87d28e") && table.contains("default") && table.contains("read"), "{table}");

    refused(&home, &["calendar", "agenda", "--from", "soon"], "--from");
    let unknown = home.run(ZONE, &["calendar", "agenda", "--calendar", "No such calendar"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr(&unknown).contains("no calendar is named"), "{}", stderr(&unknown));
}

#[test]
fn a_series_is_added_then_one_occurrence_edited_and_another_removed() {
    let (_sim, home) = signed_in("cal-series");
    let created = ok(&home.run(
        ZONE,
        &[
            "calendar",
            "add",
            "--subject",
            "Stand-up",
            "--start",
            "2026-03-23T09:00",
            "--duration",
            "15m",
            "--repeat",
            "weekly:MO,WE",
            "--until",
            "2026-04-08",
            "--location",
            "Room 4",
            "--attendee",
            "alex@example.com",
            "--teams",
            "--reminder",
            "10m",
        ],
    ));
    assert!(created.starts_with("created "), "{created}");

    let events = agenda(&home, "2026-03-23", "2026-04-09");
    let standups = titled(&events, "Stand-up");
    let starts: Vec<&str> = standups.iter().map(|e| &e["start"]["dateTime"].as_str().unwrap()[..16]).collect();
    assert_eq!(
        starts,
        [
            "2026-03-23T09:00",
            "2026-03-25T09:00",
            "2026-03-30T09:00",
            "2026-04-01T09:00",
            "2026-04-06T09:00",
            "2026-04-08T09:00"
        ],
        "09:00 in Berlin on both sides of the change to summer time"
    );
    assert!(standups.iter().all(|e| e["isOnlineMeeting"] == true && e["location"]["displayName"] == "Room 4"));
    let occurrence = standups[2]["id"].as_str().unwrap().to_owned();
    let gone = standups[3]["id"].as_str().unwrap().to_owned();

    refused(&home, &["calendar", "edit", &occurrence, "--subject", "x"], "--occurrence");
    refused(&home, &["calendar", "rm", &gone], "--series");
    ok(&home.run(
        ZONE,
        &[
            "calendar",
            "edit",
            &occurrence,
            "--occurrence",
            "--subject",
            "Stand-up (late)",
            "--start",
            "2026-03-30T10:00",
        ],
    ));
    ok(&home.run(ZONE, &["calendar", "rm", &gone, "--occurrence"]));

    let events = agenda(&home, "2026-03-23", "2026-04-09");
    assert_eq!(titled(&events, "Stand-up").len(), 4, "two of six changed or gone");
    let late = titled(&events, "Stand-up (late)");
    assert_eq!(late.len(), 1);
    assert_eq!(late[0]["type"], "exception");
    assert_eq!(&late[0]["start"]["dateTime"].as_str().unwrap()[..16], "2026-03-30T10:00");
    assert_eq!(&late[0]["end"]["dateTime"].as_str().unwrap()[..16], "2026-03-30T10:15", "the length kept");

    let shown = ok(&home.run(ZONE, &["calendar", "show", &occurrence]));
    assert!(
        shown.contains("Stand-up (late)") && shown.contains("alex@example.com") && shown.contains("Room 4"),
        "{shown}"
    );
    assert!(shown.contains("Mon 2026-03-30 10:00–10:15 CEST"), "{shown}");

    // The whole series goes with --series; its organizer cancels it with a note.
    let first = titled(&events, "Stand-up")[0]["id"].as_str().unwrap().to_owned();
    let cancelled = ok(&home.run(ZONE, &["calendar", "rm", &first, "--series", "--message", "No more stand-ups"]));
    assert!(cancelled.starts_with("cancelled"), "{cancelled}");
    let events = agenda(&home, "2026-03-23", "2026-04-09");
    assert!(titled(&events, "Stand-up").is_empty() && titled(&events, "Stand-up (late)").is_empty());
}

#[test]
fn bad_event_arguments_are_usage_errors_that_create_nothing() {
    let (_sim, home) = signed_in("cal-usage");
    let before = agenda(&home, "2026-03-23", "2026-03-24").len();
    refused(&home, &["calendar", "add", "--subject", "x", "--start", "2026-03-23T09:00"], "--duration");
    refused(&home, &["calendar", "add", "--start", "2026-03-23T09:00", "--duration", "1h"], "--subject");
    refused(
        &home,
        &["calendar", "add", "--subject", "x", "--start", "2026-03-23T09:00", "--duration", "soon"],
        "--duration",
    );
    refused(
        &home,
        &["calendar", "add", "--subject", "x", "--start", "2026-03-23T09:00", "--end", "2026-03-23T08:00"],
        "after",
    );
    refused(
        &home,
        &["calendar", "add", "--subject", "x", "--start", "2026-03-23T09:00", "--duration", "1h", "--repeat", "hourly"],
        "--repeat",
    );
    refused(
        &home,
        &["calendar", "add", "--subject", "x", "--start", "2026-03-23T09:00", "--duration", "1h", "--attendee", "bob"],
        "email",
    );
    assert_eq!(agenda(&home, "2026-03-23", "2026-03-24").len(), before);

    let all_day = ok(&home.run(
        ZONE,
        &["calendar", "add", "--subject", "Offsite", "--start", "2026-03-23", "--end", "2026-03-24", "--all-day"],
    ));
    assert!(all_day.contains("Mon 2026-03-23 – Tue 2026-03-24 (all day)"), "{all_day}");
}

#[test]
fn an_invitation_is_answered_and_free_busy_shows_the_new_meeting() {
    let (_sim, home) = signed_in("cal-respond");
    let events = agenda(&home, "2026-03-09", "2026-03-16");
    let invite = events
        .iter()
        .find(|e| e["isOrganizer"] == false && e["type"] == "singleInstance")
        .expect("the seeded week holds invitations");
    let id = invite["id"].as_str().unwrap();
    let said =
        ok(&home.run(ZONE, &["calendar", "respond", id, "tentative", "--comment", "Might be late", "--no-send"]));
    assert!(said.contains("not told"), "{said}");
    let shown = json_lines(&home.run(ZONE, &["calendar", "show", id, "--json"]));
    assert_eq!(shown[0]["responseStatus"]["response"], "tentativelyAccepted");
    // clap's own message for a value it does not know: exit 2, naming the choices.
    let maybe = home.run(ZONE, &["calendar", "respond", id, "maybe"]);
    assert_eq!(maybe.status.code(), Some(2));
    assert!(stderr(&maybe).contains("accept, tentative, decline"), "{}", stderr(&maybe));

    let me = json_lines(&home.run(ZONE, &["whoami", "--json"]))[0]["username"].as_str().unwrap().to_owned();
    ok(&home.run(ZONE, &["calendar", "add", "--subject", "Focus", "--start", "2026-08-16T09:00", "--duration", "1h"]));
    let free = json_lines(&home.run(
        ZONE,
        &[
            "calendar",
            "free",
            &me,
            "--from",
            "2026-08-16T08:00",
            "--to",
            "2026-08-16T12:00",
            "--interval",
            "1h",
            "--json",
        ],
    ));
    assert_eq!(free[0]["availabilityView"], "0200");
    let table = ok(&home.run(ZONE, &["calendar", "free", &me, "--from", "2026-08-16", "--interval", "1h"]));
    assert!(table.contains("09:00–10:00") && table.contains("busy") && table.contains("Focus"), "{table}");

    // Monday 17 August: busy 09:00–10:00, so a free hour starts at 10:00 in working hours.
    ok(&home.run(ZONE, &["calendar", "add", "--subject", "Focus", "--start", "2026-08-17T09:00", "--duration", "1h"]));
    let found = json_lines(&home.run(
        ZONE,
        &[
            "calendar",
            "find-time",
            &me,
            "--duration",
            "1h",
            "--from",
            "2026-08-17T09:00",
            "--to",
            "2026-08-17T12:00",
            "--json",
        ],
    ));
    let starts: Vec<&str> = found[0]["meetingTimeSuggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["meetingTimeSlot"]["start"]["dateTime"].as_str().unwrap()[..16])
        .collect();
    assert_eq!(starts, ["2026-08-17T10:00", "2026-08-17T10:30", "2026-08-17T11:00"]);
    let table = ok(&home.run(
        ZONE,
        &["calendar", "find-time", &me, "--duration", "1h", "--from", "2026-08-17T09:00", "--to", "2026-08-17T12:00"],
    ));
    assert!(table.contains("Mon 2026-08-17") && table.contains("10:00–11:00"), "{table}");
    refused(&home, &["calendar", "find-time", &me, "--duration", "soon"], "--duration");
}

#[test]
fn a_group_calendar_shows_its_events_and_takes_new_ones_once_the_group_permission_is_granted() {
    let (_sim, home) = signed_in("cal-group");
    // The default scopes: the group is listed by its name, its colour needs Group.Read.All.
    let table = ok(&home.run(ZONE, &["calendar", "calendars"]));
    let row = table.lines().find(|l| l.starts_with("Falcon Launch")).unwrap_or_else(|| panic!("{table}"));
    assert!(row.contains("group, read") && row.contains("falconlaunch@"), "{row}");
    assert!(!table.contains("Redmond office staff"), "a security group has no calendar: {table}");
    let note = table.lines().find(|l| l.contains("needs the permission")).unwrap_or_else(|| panic!("{table}"));
    assert!(note.starts_with("Falcon Launch: its colour is not shown") && note.contains("Group.Read.All"), "{note}");
    let week = ["calendar", "agenda", "--calendar", "falcon launch", "--from", "2026-03-09", "--to", "2026-03-16"];
    let events = json_lines(&home.run(ZONE, &[&week[..], &["--json"]].concat()));
    assert!(!titled(&events, "Falcon sync").is_empty() && !titled(&events, "Falcon launch review").is_empty());
    let all =
        json_lines(&home.run(ZONE, &["calendar", "agenda", "--from", "2026-03-09", "--to", "2026-03-16", "--json"]));
    assert!(!titled(&all, "Falcon sync").is_empty(), "every calendar by default, the group's too");
    let add = ["calendar", "add", "--subject", "Falcon retro", "--start", "2026-03-12T15:00", "--duration", "1h"];
    let add = [&add[..], &["--calendar", "Falcon Launch"]].concat();
    let refused = home.run(ZONE, &add);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("needs the permission Group.ReadWrite.All"), "{}", stderr(&refused));

    // An administrator consented: the calendar has its colour and takes the new event.
    ok(&home.run(ZONE, &["login", "--scopes", "Group.ReadWrite.All"]));
    let table = ok(&home.run(ZONE, &["calendar", "calendars"]));
    let row = table.lines().find(|l| l.starts_with("Falcon Launch")).unwrap_or_else(|| panic!("{table}"));
    assert!(row.contains("#3ab0a8") && row.contains("group, edit"), "{row}");
    assert!(!table.contains("needs the permission"), "{table}");
    ok(&home.run(ZONE, &add));
    let events = json_lines(&home.run(ZONE, &[&week[..], &["--json"]].concat()));
    let retro = titled(&events, "Falcon retro");
    assert_eq!(retro.len(), 1, "{events:?}");
    assert_eq!(retro[0]["organizer"]["emailAddress"]["name"], "Falcon Launch");
    assert!(titled(&agenda(&home, "2026-03-09", "2026-03-16"), "Falcon retro").is_empty(), "not in the user's own");
}
