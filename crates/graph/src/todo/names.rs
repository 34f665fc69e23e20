//! Finding a To Do list, task or checklist item by what a person types: its id, else its name
//! ignoring case and surrounding spaces, else its name ignoring emoji as well (`Groceries` finds
//! `Groceries 🛒`). Several items answering to a name is refused, naming each with its id.
use crate::error::GraphError;

/// Why `pick` found no single item: nothing matched, or these (name, id) pairs all did.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Miss {
    None,
    Many(Vec<(String, String)>),
}

/// The item whose id is `wanted`; else the one item whose name equals it ignoring case and
/// surrounding spaces; else the one whose name equals it once emoji are left out of both.
/// A closer match wins over a looser one (`Groceries` picks `Groceries` over `Groceries 🛒`),
/// several at the same closeness are a `Miss::Many`.
pub(super) fn pick<T>(
    items: Vec<T>,
    wanted: &str,
    id: impl Fn(&T) -> &String,
    name: impl Fn(&T) -> Option<&str>,
) -> Result<T, Miss> {
    let wanted = wanted.trim();
    let folded = wanted.to_lowercase();
    let loose = loose_name(wanted);
    let mut exact = Vec::new();
    let mut near = Vec::new();
    for item in items {
        if id(&item) == wanted {
            return Ok(item);
        }
        let Some(own) = name(&item) else { continue };
        if own.trim().to_lowercase() == folded {
            exact.push(item);
        } else if !loose.is_empty() && loose_name(own) == loose {
            near.push(item);
        }
    }
    let mut found = if exact.is_empty() { near } else { exact };
    match found.len() {
        0 => Err(Miss::None),
        1 => Ok(found.remove(0)),
        _ => Err(Miss::Many(found.iter().map(|i| (name(i).unwrap_or_default().to_owned(), id(i).clone())).collect())),
    }
}

/// A name as it is compared loosely: lower case, without emoji, spaces collapsed.
pub fn loose_name(name: &str) -> String {
    let kept: String = name.chars().filter(|c| !is_emoji_part(*c)).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Emoji and what joins or varies them: pictographs, dingbats, symbols, flags, keycaps,
/// variation selectors, the zero-width joiner and tag characters (Unicode's emoji blocks).
fn is_emoji_part(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1F000..=0x1FAFF   // pictographs, emoticons, transport, flags, supplemental symbols
            | 0x2600..=0x27BF // miscellaneous symbols, dingbats
            | 0x2300..=0x23FF // ⌚ ⏰ and other technical symbols drawn as emoji
            | 0x2B00..=0x2BFF // ⭐ ⬛ and other arrows and shapes
            | 0xFE00..=0xFE0F // variation selectors (text or emoji presentation)
            | 0x200D          // zero-width joiner
            | 0x20E3          // combining keycap
            | 0xE0020..=0xE007F // tags (subdivision flags)
    )
}

/// Acting on one of several same-named items would be a guess: the client refuses and lists them.
pub(super) fn ambiguous(wanted: &str, what: &str, candidates: &[(String, String)]) -> GraphError {
    let listed: Vec<String> = candidates.iter().map(|(name, id)| format!("`{name}` (id {id})")).collect();
    GraphError::Ambiguous(format!(
        "`{}` names {} {what}: {}; give the id instead",
        wanted.trim(),
        candidates.len(),
        listed.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(id, name)| (id.to_string(), name.to_string())).collect()
    }

    fn pick_in(pairs: &[(&str, &str)], wanted: &str) -> Result<(String, String), Miss> {
        pick(items(pairs), wanted, |(id, _)| id, |(_, name)| Some(name.as_str()))
    }

    #[test]
    fn an_id_wins_then_a_unique_name_in_any_case() {
        let pairs = [("a1", "Buy milk"), ("b2", "Ärger melden"), ("c3", "a1")];
        assert_eq!(pick_in(&pairs, "a1").unwrap().0, "a1", "an id before a title that looks like it");
        assert_eq!(pick_in(&pairs, "BUY MILK").unwrap().0, "a1");
        assert_eq!(pick_in(&pairs, "ärger MELDEN").unwrap().0, "b2", "case folding beyond ASCII");
        assert_eq!(pick_in(&pairs, "nothing"), Err(Miss::None));
    }

    #[test]
    fn several_names_are_an_error_listing_each_with_its_id() {
        let pairs = [("a1", "Call Bob"), ("b2", "call bob"), ("c3", "Other")];
        let miss = pick_in(&pairs, "Call bob").unwrap_err();
        assert_eq!(miss, Miss::Many(items(&[("Call Bob", "a1"), ("call bob", "b2")])));
        let Miss::Many(candidates) = miss else { unreachable!() };
        let text = ambiguous("Call bob", "tasks", &candidates).to_string();
        assert!(
            text.contains("`Call bob` names 2 tasks") && text.contains("(id a1)") && text.contains("(id b2)"),
            "{text}"
        );
    }

    /// Issue 13: `o365 todo tasks Groceries` did not find the list `Groceries 🛒`.
    #[test]
    fn emoji_and_surrounding_spaces_do_not_count() {
        let pairs = [("g", "Groceries 🛒"), ("r", "  Reading list 📚 "), ("f", "👨‍👩‍👧 Family")];
        assert_eq!(pick_in(&pairs, "Groceries").unwrap().0, "g");
        assert_eq!(pick_in(&pairs, "  groceries ").unwrap().0, "g");
        assert_eq!(pick_in(&pairs, "GROCERIES🛒").unwrap().0, "g");
        assert_eq!(pick_in(&pairs, "reading list").unwrap().0, "r");
        assert_eq!(pick_in(&pairs, "family").unwrap().0, "f", "a joined emoji sequence goes whole");
        assert_eq!(pick_in(&pairs, "🛒"), Err(Miss::None), "nothing but emoji matches no name");
        assert_eq!(loose_name("  Keys ⌚️  and  ⭐ stars "), "keys and stars");
    }

    #[test]
    fn a_closer_name_wins_and_loose_ties_are_refused() {
        let pairs = [("a", "Groceries"), ("b", "Groceries 🛒")];
        assert_eq!(pick_in(&pairs, "groceries").unwrap().0, "a", "the exact name first");
        assert_eq!(pick_in(&pairs, "Groceries 🛒").unwrap().0, "b");
        let pairs = [("a", "Groceries 🛒"), ("b", "🥕 Groceries")];
        let Err(Miss::Many(both)) = pick_in(&pairs, "Groceries") else { panic!("two loose matches") };
        assert_eq!(both, items(&[("Groceries 🛒", "a"), ("🥕 Groceries", "b")]));
    }
}
