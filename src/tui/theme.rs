//! Colours and text styles, read from TOML (assets/theme.toml is the default); views take
//! every style from here.
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

pub const DEFAULT_THEME: &str = include_str!("../../assets/theme.toml");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub selected: Style,
    pub unread: Style,
    pub marks: Style,
    pub dim: Style,
    pub header_label: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub status: Style,
    pub error: Style,
    pub notice: Style,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ThemeError {
    #[error("theme is not valid TOML: {0}")]
    Toml(String),
    #[error("theme style `{style}`: `{value}` is not a colour")]
    BadColour { style: String, value: String },
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStyle {
    fg: Option<String>,
    bg: Option<String>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    dim: bool,
    #[serde(default)]
    italic: bool,
    #[serde(default)]
    underline: bool,
    #[serde(default)]
    reversed: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    border: RawStyle,
    border_focused: RawStyle,
    title: RawStyle,
    selected: RawStyle,
    unread: RawStyle,
    marks: RawStyle,
    dim: RawStyle,
    header_label: RawStyle,
    tab: RawStyle,
    tab_active: RawStyle,
    status: RawStyle,
    error: RawStyle,
    notice: RawStyle,
}

impl Theme {
    pub fn parse(text: &str) -> Result<Theme, ThemeError> {
        let raw: RawTheme = toml::from_str(text).map_err(|e| ThemeError::Toml(e.to_string()))?;
        Ok(Theme {
            border: style("border", raw.border)?,
            border_focused: style("border_focused", raw.border_focused)?,
            title: style("title", raw.title)?,
            selected: style("selected", raw.selected)?,
            unread: style("unread", raw.unread)?,
            marks: style("marks", raw.marks)?,
            dim: style("dim", raw.dim)?,
            header_label: style("header_label", raw.header_label)?,
            tab: style("tab", raw.tab)?,
            tab_active: style("tab_active", raw.tab_active)?,
            status: style("status", raw.status)?,
            error: style("error", raw.error)?,
            notice: style("notice", raw.notice)?,
        })
    }
}

impl Default for Theme {
    fn default() -> Self {
        // The embedded default is checked by a test, so this cannot fail at run time.
        Theme::parse(DEFAULT_THEME).unwrap_or_else(|_| plain())
    }
}

/// No colours at all: the fallback should the embedded theme ever fail to parse.
fn plain() -> Theme {
    let none = Style::default();
    Theme {
        border: none,
        border_focused: none.add_modifier(Modifier::BOLD),
        title: none,
        selected: none.add_modifier(Modifier::REVERSED),
        unread: none.add_modifier(Modifier::BOLD),
        marks: none,
        dim: none,
        header_label: none.add_modifier(Modifier::BOLD),
        tab: none,
        tab_active: none.add_modifier(Modifier::UNDERLINED),
        status: none.add_modifier(Modifier::REVERSED),
        error: none.add_modifier(Modifier::BOLD),
        notice: none,
    }
}

fn style(name: &str, raw: RawStyle) -> Result<Style, ThemeError> {
    let colour = |value: Option<String>| -> Result<Option<Color>, ThemeError> {
        value
            .map(|v| {
                Color::from_str(&v).map_err(|_| ThemeError::BadColour { style: name.to_owned(), value: v.clone() })
            })
            .transpose()
    };
    let mut style = Style::default();
    if let Some(fg) = colour(raw.fg)? {
        style = style.fg(fg);
    }
    if let Some(bg) = colour(raw.bg)? {
        style = style.bg(bg);
    }
    let flags = [
        (raw.bold, Modifier::BOLD),
        (raw.dim, Modifier::DIM),
        (raw.italic, Modifier::ITALIC),
        (raw.underline, Modifier::UNDERLINED),
        (raw.reversed, Modifier::REVERSED),
    ];
    for (on, modifier) in flags {
        if on {
            style = style.add_modifier(modifier);
        }
    }
    Ok(style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_theme_parses() {
        let theme = Theme::parse(DEFAULT_THEME).unwrap();
        assert_eq!(theme.border_focused, Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD));
        assert_eq!(theme.selected, Style::default().add_modifier(Modifier::REVERSED));
    }

    #[test]
    fn a_bad_colour_is_named() {
        let text = DEFAULT_THEME.replace("fg = \"yellow\"", "fg = \"yelow\"");
        let err = Theme::parse(&text).unwrap_err();
        assert_eq!(err, ThemeError::BadColour { style: "marks".into(), value: "yelow".into() });
    }
}
