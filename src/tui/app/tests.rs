//! The loop's start without a terminal: a warning from opening the account is on the status bar
//! from the first frame.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::*;
use crate::tui::view::StatusView;

/// `token_store = "keyring"` without a usable keyring: the status bar says so from the
/// first frame (the same line goes to o365.log and, from the command line, to stderr).
#[test]
fn the_token_store_warning_is_on_the_status_bar_from_the_start() {
    let warning =
        "token_store = \"keyring\" but the OS keyring cannot be used (EPERM): tokens are kept in a plain file";
    let options = crate::tui::Options {
        account: "work".into(),
        zone: chrono_tz::UTC,
        compose_html: false,
        data_dir: "/nowhere".into(),
        personal_account: false,
        mail: Default::default(),
        warning: Some(warning.into()),
        offline: false,
    };
    let (keymap, theme) = (Keymap::load(None).unwrap(), Theme::default());
    let store = account_store(&options, None, 200, 30);
    let notice = store.notice.clone().expect("a notice");
    assert!(notice.is_error && notice.until_ms.is_none(), "it stays: {notice:?}");
    assert!(store.log.newest_first().any(|n| n.text == warning), "and Ctrl-N shows it in full");
    let area = Rect::new(0, 0, 200, 1);
    let mut buf = Buffer::empty(area);
    StatusView { store: &store, theme: &theme, keymap: &keymap }.render(area, &mut buf);
    let line: String = (0..area.width).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
    assert!(line.contains("token_store = \"keyring\" but the OS keyring cannot be used"), "{line}");
    let quiet = account_store(&crate::tui::Options { warning: None, ..options }, None, 200, 30);
    assert_eq!(quiet.notice, None);
}
