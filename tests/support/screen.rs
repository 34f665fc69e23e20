//! The whole interface drawn from a store onto a TestBackend of the store's size, with the
//! default keymap and theme: what every snapshot test looks at.
use o365::tui::keymap::Keymap;
use o365::tui::store::Store;
use o365::tui::theme::Theme;
use o365::tui::view::ScreenView;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn draw(store: &Store) -> Terminal<TestBackend> {
    let keymap = Keymap::load(None).unwrap();
    let theme = Theme::default();
    let mut terminal = Terminal::new(TestBackend::new(store.size.width, store.size.height)).unwrap();
    let view = ScreenView { store, theme: &theme, keymap: &keymap };
    terminal.draw(|frame| frame.render_widget(&view, frame.area())).unwrap();
    terminal
}
