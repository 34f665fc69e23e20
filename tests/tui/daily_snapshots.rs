//! Issue 13, the whole interface, on a TestBackend: the `?` help scrolls and wraps so nothing is
//! cut off at 80x24 or 60x20; a long error is cut on the status bar but readable in full (with
//! the notices before it) behind Ctrl-N; the status bar's key hints follow the focused column.
use crate::screen;

use screen::draw;

use o365::tui::action::{Action, Pane};
use o365::tui::effect::LoadKey;
use o365::tui::fixtures::load_generation;
use o365::tui::keymap::{Context, Keymap};
use o365::tui::msg::{Failure, Msg};
use o365::tui::store::Store;
use o365::tui::update::update;

const ZONE: chrono_tz::Tz = chrono_tz::Europe::Paris;

/// Every page of the open overlay, scrolling with PageDown until the text stops moving.
fn every_page(store: &mut Store) -> Vec<String> {
    let mut pages = vec![draw(store).backend().to_string()];
    loop {
        update(store, Action::PageDown);
        let page = draw(store).backend().to_string();
        if Some(&page) == pages.last() {
            return pages;
        }
        pages.push(page);
    }
}

/// Every word of every description of `contexts` appears on some page: nothing is cut off.
fn assert_nothing_cut(pages: &[String], contexts: &[Context]) {
    let keymap = Keymap::load(None).unwrap();
    let text: String = pages.join("\n");
    for binding in contexts.iter().flat_map(|c| keymap.of(*c)) {
        for word in binding.description.split_whitespace() {
            assert!(text.contains(word), "`{word}` of `{}` is cut off:\n{}", binding.action_name, pages.join("\n"));
        }
    }
}

#[test]
fn help_at_80x24_wraps_and_scrolls_to_every_binding() {
    let mut store = Store::new("adele@contoso.test", ZONE, 80, 24);
    update(&mut store, Action::ToggleHelp);
    insta::assert_snapshot!("help_80x24_first_page", draw(&store).backend());
    let pages = every_page(&mut store);
    assert!(pages.len() > 1, "the mail bindings do not fit one page");
    assert_nothing_cut(&pages, &[Context::Global, Context::Mail]);
    insta::assert_snapshot!("help_80x24_last_page", pages.last().unwrap());
    // g goes back to the top; j and k move one row; Esc closes.
    update(&mut store, Action::Top);
    assert_eq!(draw(&store).backend().to_string(), pages[0]);
    update(&mut store, Action::Down);
    let one_down = draw(&store).backend().to_string();
    assert!(one_down.contains(" 2–23 of "), "j scrolls one row:\n{one_down}");
    update(&mut store, Action::Up);
    assert_eq!(draw(&store).backend().to_string(), pages[0], "k scrolls back");
    update(&mut store, Action::Back);
    assert!(!draw(&store).backend().to_string().contains("Keys (Esc closes)"));
}

#[test]
fn help_at_60x20_wraps_and_scrolls_in_every_pane() {
    for (pane, context) in [
        (Pane::Mail, Context::Mail),
        (Pane::Calendar, Context::Calendar),
        (Pane::Drive, Context::Drive),
        (Pane::Tasks, Context::Tasks),
        (Pane::People, Context::People),
    ] {
        let mut store = Store::new("adele@contoso.test", ZONE, 60, 20);
        update(&mut store, Action::ShowPane(pane));
        update(&mut store, Action::ToggleHelp);
        if pane == Pane::Tasks {
            insta::assert_snapshot!("help_60x20_tasks", draw(&store).backend());
        }
        let pages = every_page(&mut store);
        assert_nothing_cut(&pages, &[Context::Global, context]);
    }
    // Over the settings screen the help has the screen's own keys too.
    let mut store = Store::new("adele@contoso.test", ZONE, 60, 20);
    update(&mut store, Action::ToggleSettings);
    update(&mut store, Action::ToggleHelp);
    let pages = every_page(&mut store);
    assert_nothing_cut(&pages, &[Context::Global, Context::Mail, Context::Settings]);
}

const LONG: &str = "the service refused the request: ErrorQuotaExceeded: The mailbox of adele@contoso.test is \
                    over its storage limit of 50 GB; delete or archive items, then try again [HTTP 507, \
                    request-id 0d6c2a8e-5b71-4f2e-9a3c-7f1e2b4d8c90]";

#[test]
fn a_long_error_is_cut_on_the_bar_and_whole_behind_ctrl_n_with_the_notices_before() {
    let mut store = Store::new("adele@contoso.test", ZONE, 80, 24);
    update(&mut store, Action::Start);
    let generation = load_generation(&update(&mut store, Action::Refresh), |key| *key == LoadKey::Folders);
    update(&mut store, Msg::Folders { generation, result: Err(Failure::from(LONG)) });
    let screen = draw(&store).backend().to_string();
    let bar = screen.lines().last().unwrap().to_owned();
    assert!(bar.contains("Loading folders failed") && bar.contains("Ctrl-N full error"), "{bar}");
    insta::assert_snapshot!("long_error_on_the_bar", bar);

    update(&mut store, Action::ShowNotices);
    let screen = draw(&store).backend().to_string();
    // The text wraps: each of these parts sits on one line.
    for part in ["ErrorQuotaExceeded", "storage limit of 50 GB", "0d6c2a8e-5b71-4f2e-9a3c-7f1e2b4d8c90", "Refreshing…"]
    {
        assert!(screen.contains(part), "`{part}` in the notices:\n{screen}");
    }
    insta::assert_snapshot!("notices_overlay", draw(&store).backend());
    update(&mut store, Action::ShowNotices);
    assert!(!draw(&store).backend().to_string().contains("Notices, newest first"), "Ctrl-N again closes it");
}

fn status_bar(store: &Store) -> String {
    draw(store).backend().to_string().lines().last().unwrap().to_owned()
}

#[test]
fn the_key_hints_follow_the_focused_column() {
    let mut store = Store::new("adele@contoso.test", ZONE, 140, 30);
    update(&mut store, Action::ShowPane(Pane::Tasks));
    let lists = status_bar(&store);
    assert!(lists.contains("a new list") && lists.contains("e rename"), "{lists}");
    update(&mut store, Action::FocusNext);
    let tasks = status_bar(&store);
    assert!(tasks.contains("x done") && tasks.contains("c completed") && tasks.contains("s sort"), "{tasks}");
    assert_ne!(lists, tasks);
    // While the filter is typed, letters are text: the bar says how to end it instead.
    update(&mut store, Action::StartFilter);
    let typing = status_bar(&store);
    assert!(typing.contains("Enter keep  Esc clear") && !typing.contains("c completed"), "{typing}");
    update(&mut store, Action::TextSubmit);
    assert_eq!(status_bar(&store), tasks);

    let mut store = Store::new("adele@contoso.test", ZONE, 140, 30);
    let folders = status_bar(&store);
    assert!(folders.contains("N new folder"), "{folders}");
    update(&mut store, Action::FocusNext);
    let messages = status_bar(&store);
    assert!(messages.contains("v mark") && messages.contains("/ filter"), "{messages}");
    update(&mut store, Action::ShowPane(Pane::Drive));
    let drive = status_bar(&store);
    assert!(drive.contains("/ filter") && drive.contains("f find sites"), "{drive}");
}
