//! Benchmark: the time to draw one frame of the Mail pane with 100,000 message headers loaded,
//! and to scroll one row and draw, on a 200x60 ratatui TestBackend. The store is filled the way
//! the UI fills it: `update` with the folder list, the first page and then one more page per
//! "G" (Bottom) press, each answered with the page the worker would have sent.
//!
//! Run with `cargo bench --profile dev --bench tui_render` (optionally `-- --messages N --frames N`).
#[path = "support/bench.rs"]
#[allow(dead_code)]
mod bench;

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use o365::domain::{Body, Folder, Mailbox, Message, MessageSummary};
use o365::tui::action::Action;
use o365::tui::effect::{Effect, LoadKey};
use o365::tui::keymap::Keymap;
use o365::tui::msg::{FolderRow, FullMessage, MessagePage, Msg};
use o365::tui::store::Store;
use o365::tui::theme::Theme;
use o365::tui::update::update;
use o365::tui::view::ScreenView;
use o365::tui::worker::MESSAGES_PAGE;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;
const GOAL: Duration = Duration::from_millis(2);

fn main() {
    let Some(args) = bench::bench_args("tui_render", "cargo bench --profile dev --bench tui_render") else { return };
    let messages = bench::flag(&args, "--messages").unwrap_or(100_000);
    let frames = bench::flag(&args, "--frames").unwrap_or(2_000);

    let started = Instant::now();
    let mut store = filled_store(messages);
    let fill = started.elapsed();
    let loaded = store.mail.messages.ready().map_or(0, |page| page.items.len());
    assert_eq!(loaded, messages, "every page reached the store");

    let keymap = Keymap::load(None).expect("built-in keymap");
    let theme = Theme::default();
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test terminal");
    let mut draw = |store: &Store| {
        let view = ScreenView { store, theme: &theme, keymap: &keymap };
        terminal.draw(|frame| frame.render_widget(&view, frame.area())).expect("draw");
    };

    // Warm up, then the same frame again and again (what a redraw after any message costs).
    for _ in 0..100 {
        draw(&store);
    }
    let (frame_times, frame_cpu) = bench::sample(frames, || draw(&store));

    // One row down and a frame: the cursor sits on the window's last row, so every step scrolls.
    let (scroll_times, scroll_cpu) = bench::sample(frames, || {
        let effects = update(&mut store, Action::Down);
        draw(&store);
        assert!(effects.is_empty(), "nothing to load in the middle of a fully loaded list");
    });
    let cursor = store.mail.message_cursor;
    assert!(cursor.offset > 0 && cursor.selected == cursor.offset + visible_rows(&store) - 1, "{cursor:?}");

    println!(
        "tui_render: Mail pane at {WIDTH}x{HEIGHT}, {loaded} headers loaded in {:.2} s through update, {frames} samples each",
        fill.as_secs_f64()
    );
    bench::print_table(
        GOAL,
        vec![
            ("draw one frame (wall clock)", frame_times),
            ("draw one frame (thread CPU time)", frame_cpu),
            ("scroll one row + draw (wall clock)", scroll_times),
            ("scroll one row + draw (thread CPU)", scroll_cpu),
        ],
    );
}

fn visible_rows(store: &Store) -> usize {
    o365::tui::layout::inner_height(store.mail_layout().list)
}

/// The load of `key`'s kind that `effects` orders.
fn ordered(effects: &[Effect], wanted: impl Fn(&LoadKey) -> bool) -> Option<u64> {
    effects.iter().find_map(|effect| match effect {
        Effect::Load { generation, key } if wanted(key) => Some(*generation),
        _ => None,
    })
}

/// A header as Graph sends it: an id of Exchange's length, a subject, a sender, a date.
fn header(n: usize) -> MessageSummary {
    let names = ["Adele Vance", "Megan Bowen", "Nestor Wilke", "Lee Gu", "Zoë Fayette", "Dmitri Nørgaard"];
    let subjects = ["Quarterly numbers for review", "RE: Team offsite planning", "Lunch on Friday?", "日本語の件名"];
    let name = names[n % names.len()];
    let received =
        Utc.with_ymd_and_hms(2026, 3, 10, 12, 0, 0).single().map(|t| t - chrono::Duration::minutes(n as i64));
    MessageSummary {
        id: format!("AAMkAGI2TG93AAA={n:0>140}"),
        subject: format!("{} #{n}", subjects[n % subjects.len()]),
        from: Some(Mailbox { name: name.into(), address: format!("{}@contoso.test", name.replace(' ', ".")) }),
        received,
        is_read: !n.is_multiple_of(3),
        is_flagged: n.is_multiple_of(17),
        has_attachments: n.is_multiple_of(5),
        ..Default::default()
    }
}

fn page(from: usize, total: usize) -> MessagePage {
    let to = (from + MESSAGES_PAGE).min(total);
    let next_link = (to < total).then(|| format!("https://graph.test/v1.0/me/mailFolders/inbox/messages?$skip={to}"));
    MessagePage { items: (from..to).map(header).collect(), next_link }
}

/// Start, folders, the first page, then Bottom and the next page until `total` are loaded; a
/// message open in the reader; the cursor back in the list, in the middle of it.
fn filled_store(total: usize) -> Store {
    let mut store = Store::new("adele@contoso.test", chrono_tz::Europe::Paris, WIDTH, HEIGHT);
    let generation = ordered(&update(&mut store, Action::Start), |k| *k == LoadKey::Folders).expect("folders load");
    let inbox = Folder {
        id: "inbox".into(),
        name: "Inbox".into(),
        total_count: total as u64,
        unread_count: (total / 3) as u64,
        ..Default::default()
    };
    let rows = vec![FolderRow { folder: inbox, depth: 0 }];
    let effects = update(&mut store, Msg::Folders { generation, result: Ok(rows) });
    let generation = ordered(&effects, |k| matches!(k, LoadKey::Messages { .. })).expect("first page load");
    update(&mut store, Msg::Messages { generation, result: Ok(page(0, total)) });
    update(&mut store, Action::FocusNext);
    loop {
        let loaded = store.mail.messages.ready().map_or(0, |p| p.items.len());
        let effects = update(&mut store, Action::Bottom);
        let Some(generation) = ordered(&effects, |k| matches!(k, LoadKey::MoreMessages { .. })) else { break };
        update(&mut store, Msg::MoreMessages { generation, result: Ok(page(loaded, total)) });
    }
    // Open one message so the reader column has text too, then go back to the list.
    update(&mut store, Action::Top);
    let generation = ordered(&update(&mut store, Action::Open), |k| matches!(k, LoadKey::Message { .. }));
    let message = Message {
        summary: header(0),
        body: Body::Text("Hi,\n\nThe numbers are in. ".repeat(40)),
        ..Default::default()
    };
    let full = Box::new(FullMessage { message, attachments: Vec::new() });
    update(&mut store, Msg::Message { generation: generation.expect("message load"), result: Ok(full) });
    update(&mut store, Action::Back);
    // To the middle, with the cursor on the window's last row.
    while store.mail.message_cursor.selected < total / 2 {
        update(&mut store, Action::PageDown);
    }
    let last_row = store.mail.message_cursor.offset + visible_rows(&store) - 1;
    while store.mail.message_cursor.selected < last_row {
        update(&mut store, Action::Down);
    }
    store
}
