//! The default keymap is coherent: no key means two things in one section, and no pane
//! (People included) takes a global key (q, ?, 1–5, `,`, `:`, Tab, r, Ctrl-N, Ctrl-A) away from
//! the user. The writing context may: it is modal. The invitation keys, which come before the
//! mail pane's while the reader shows a meeting's mail, take none of the mail pane's keys.
use std::collections::HashMap;

use o365::tui::keymap::{Context, Keymap};

#[test]
fn no_key_is_bound_twice_in_a_section_and_panes_leave_global_keys_alone() {
    let keymap = Keymap::load(None).unwrap();
    let mut seen: HashMap<(Context, &str), &str> = HashMap::new();
    for binding in &keymap.bindings {
        for key in &binding.keys {
            if let Some(other) = seen.insert((binding.context, key.as_str()), binding.action_name.as_str()) {
                panic!("[{}] `{key}` is bound to both `{other}` and `{}`", binding.context.name(), binding.action_name);
            }
        }
    }
    let global: Vec<&str> = keymap.of(Context::Global).flat_map(|b| b.keys.iter().map(String::as_str)).collect();
    for context in [Context::Mail, Context::Calendar, Context::Drive, Context::Tasks, Context::People] {
        for binding in keymap.of(context) {
            for key in &binding.keys {
                assert!(
                    !global.contains(&key.as_str()),
                    "[{}] `{}` takes the global key `{key}`",
                    context.name(),
                    binding.action_name
                );
            }
        }
    }
}

#[test]
fn the_invitation_keys_shadow_no_mail_or_global_key() {
    let keymap = Keymap::load(None).unwrap();
    let taken: Vec<(&str, &str)> = [Context::Mail, Context::Global]
        .into_iter()
        .flat_map(|c| keymap.of(c))
        .flat_map(|b| b.keys.iter().map(move |k| (k.as_str(), b.action_name.as_str())))
        .collect();
    let answers: Vec<&str> = keymap.of(Context::Invitation).flat_map(|b| b.keys.iter().map(String::as_str)).collect();
    assert_eq!(answers.len(), 3, "accept, tentative, decline: {answers:?}");
    for key in answers {
        if let Some((_, action)) = taken.iter().find(|(k, _)| *k == key) {
            panic!("[invitation] `{key}` shadows `{action}` of the mail pane");
        }
    }
}
