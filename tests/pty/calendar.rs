//! The Calendar pane in the real `o365 --demo`: `a` opens the event form, an event typed into it
//! (tomorrow at 10:00 for 45 minutes, in the pinned zone) is created in the demo tenant, and the
//! week grid (`w`) shows it on its day, selected, with its detail beside it. `.ci/clock-matrix`
//! runs it on every pinned day and zone.
use crate::pty_harness as pty;

use pty::{PinnedHome, PtyProgram, find, pinned_now, pinned_zone, row_text};

/// Tomorrow in the pinned zone, as the form takes a day.
fn tomorrow() -> chrono::NaiveDate {
    let now = chrono::DateTime::parse_from_rfc3339(&pinned_now()).expect("O365_TEST_NOW is an RFC 3339 time");
    let zone: chrono_tz::Tz = pinned_zone().parse().expect("O365_TEST_TZ is an IANA zone");
    now.with_timezone(&zone).date_naive().succ_opt().expect("a day after")
}

#[test]
fn an_event_made_in_the_form_shows_in_the_week_grid() {
    let home = PinnedHome::new("calendar");
    let mut app = PtyProgram::spawn(&["--demo"], &home.env(), &home.dir);
    app.wait_until("the Inbox listing", |screen| screen.contents().contains("Inbox · "));
    app.send("2");
    let today = format!("{} · today", pty::pinned_today());
    app.wait_until("the agenda of the week, loaded", |screen| screen.contents().contains(&today));

    app.send("a");
    app.wait_until("the event form", |screen| screen.contents().contains("New event"));
    let day = tomorrow();
    // Subject, then Start and End cleared (Ctrl-U) and typed; Esc saves.
    app.send("Pty planning\t\x15");
    app.send(&format!("{} 10:00\t\x15", day.format("%Y-%m-%d")));
    app.send("45m");
    app.wait_until("the fields typed", |screen| screen.contents().contains("45m"));
    app.send("\x1b");
    app.wait_until("the service's answer", |screen| {
        row_text(screen, pty::ROWS - 1).contains("Creating «Pty planning»: done")
    });

    app.send("w");
    let column = day.format("%a %-d").to_string();
    app.wait_until(&format!("the week grid with the event under {column:?}"), |screen| {
        let text = screen.contents();
        let Some((header_row, day_x)) = find(screen, &column) else { return false };
        // In the day's column, below its date: the selected event (drawn reversed) begins with
        // "P" after its bar, or "…" in a lane beside several meetings too narrow for a letter
        // (the demo's invitation may fall at that hour); the detail names it.
        let in_column = (header_row + 1..pty::ROWS).any(|row| {
            (day_x + 1..day_x + 10).any(|x| {
                let (Some(bar), Some(first)) = (screen.cell(row, x - 1), screen.cell(row, x)) else { return false };
                bar.contents() == "▌" && matches!(first.contents(), "P" | "…") && first.inverse()
            })
        });
        text.contains("Week · ")
            && in_column
            && text.lines().any(|l| l.contains("Subject:") && l.contains("Pty planning"))
            && text.contains("10:00–10:45")
    });
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}
