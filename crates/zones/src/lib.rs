//! Windows time zone names (what Outlook and Microsoft Graph write in `dateTimeTimeZone`) to IANA
//! names and back, read from the Unicode CLDR's data checked in under `data/` (see
//! `data/SOURCE.md` for where it comes from). Names only: callers that need the rules resolve the
//! IANA name with their own zone database (chrono-tz).
use std::collections::HashMap;
use std::sync::OnceLock;

/// CLDR's `supplemental/windowsZones.xml`: `<mapZone other="WINDOWS" territory="T" type="IANA..."/>`.
const WINDOWS_ZONES: &str = include_str!("../data/windowsZones.xml");
/// CLDR's `bcp47/timezone.xml`: `<type name="..." alias="IANA IANA..."/>`, one zone's names per row.
const BCP47_ZONES: &str = include_str!("../data/bcp47-timezone.xml");

/// One `mapZone` row.
struct Row {
    windows: &'static str,
    territory: &'static str,
    /// Space-separated IANA names, the first being CLDR's choice for the territory.
    iana: &'static str,
}

struct Tables {
    rows: Vec<Row>,
    /// Every IANA name of a bcp47 row → that row's whole alias list.
    aliases: HashMap<&'static str, &'static str>,
}

/// The value of `name="..."` in one XML element's text.
fn attribute<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = element.find(&key)? + key.len();
    let length = element[start..].find('"')?;
    Some(&element[start..start + length])
}

/// The elements named `tag` in `xml` (each from `<tag` to its `>`), comments skipped.
fn elements<'a>(xml: &'a str, tag: &'a str) -> impl Iterator<Item = &'a str> {
    let open = format!("<{tag} ");
    xml.lines().filter_map(move |line| {
        let line = line.trim();
        let start = line.find(&open)?;
        let end = line[start..].find('>')?;
        Some(&line[start..start + end + 1])
    })
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let rows = elements(WINDOWS_ZONES, "mapZone")
            .filter_map(|e| {
                Some(Row {
                    windows: attribute(e, "other")?,
                    territory: attribute(e, "territory")?,
                    iana: attribute(e, "type")?,
                })
            })
            .collect();
        let mut aliases = HashMap::new();
        for element in elements(BCP47_ZONES, "type") {
            if let Some(list) = attribute(element, "alias") {
                for name in list.split_whitespace() {
                    aliases.insert(name, list);
                }
            }
        }
        Tables { rows, aliases }
    })
}

/// The IANA zone CLDR gives for a Windows zone name (its territory `001` row), matched ignoring
/// case: `Pacific Standard Time` → `America/Los_Angeles`. `None` for a name CLDR does not know.
pub fn windows_to_iana(windows: &str) -> Option<&'static str> {
    let windows = windows.trim();
    tables()
        .rows
        .iter()
        .find(|row| row.territory == "001" && row.windows.eq_ignore_ascii_case(windows))
        .and_then(|row| row.iana.split_whitespace().next())
}

/// The Windows zone name for an IANA zone, as Graph wants it in `dateTimeTimeZone`:
/// `Europe/Berlin` → `W. Europe Standard Time`. An alias CLDR writes under another name is found
/// too (`Asia/Kolkata` through `Asia/Calcutta`). `None` for a zone CLDR maps to no Windows zone.
pub fn iana_to_windows(iana: &str) -> Option<&'static str> {
    let iana = iana.trim();
    let tables = tables();
    let names: Vec<&str> = match tables.aliases.get(iana) {
        Some(list) => list.split_whitespace().collect(),
        None => vec![iana],
    };
    // A zone's own `001` row first (Etc/UTC is `UTC`, not the `ZZ` row of `Etc/GMT`), then any
    // territory's row that lists it.
    let lists = |row: &Row| row.iana.split_whitespace().any(|zone| names.contains(&zone));
    let primary = tables.rows.iter().find(|row| row.territory == "001" && lists(row));
    primary.or_else(|| tables.rows.iter().find(|row| lists(row))).map(|row| row.windows)
}

/// Every Windows zone name with CLDR's IANA zone for it (the territory `001` rows).
pub fn windows_zones() -> impl Iterator<Item = (&'static str, &'static str)> {
    tables()
        .rows
        .iter()
        .filter(|row| row.territory == "001")
        .filter_map(|row| Some((row.windows, row.iana.split_whitespace().next()?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_names_map_to_cldrs_zone() {
        assert_eq!(windows_to_iana("W. Europe Standard Time"), Some("Europe/Berlin"));
        assert_eq!(windows_to_iana("pacific standard time"), Some("America/Los_Angeles"));
        assert_eq!(windows_to_iana("Line Islands Standard Time"), Some("Pacific/Kiritimati"));
        assert_eq!(windows_to_iana("Aleutian Standard Time"), Some("America/Adak"));
        assert_eq!(windows_to_iana("UTC"), Some("Etc/UTC"));
        assert_eq!(windows_to_iana("Mars Standard Time"), None);
    }

    #[test]
    fn iana_names_and_their_aliases_map_back() {
        assert_eq!(iana_to_windows("Europe/Berlin"), Some("W. Europe Standard Time"));
        assert_eq!(iana_to_windows("America/New_York"), Some("Eastern Standard Time"));
        assert_eq!(iana_to_windows("Asia/Kolkata"), Some("India Standard Time"));
        assert_eq!(iana_to_windows("Asia/Calcutta"), Some("India Standard Time"));
        // Not a 001 zone: found through its territory's row.
        assert_eq!(iana_to_windows("Europe/Zurich"), Some("W. Europe Standard Time"));
        assert_eq!(iana_to_windows("UTC"), Some("UTC"));
        assert_eq!(iana_to_windows("Etc/UTC"), Some("UTC"));
        assert_eq!(iana_to_windows("Pacific/Kiritimati"), Some("Line Islands Standard Time"));
        assert_eq!(iana_to_windows("America/Adak"), Some("Aleutian Standard Time"));
        assert_eq!(iana_to_windows("Mars/Olympus_Mons"), None);
    }

    #[test]
    fn every_row_round_trips_and_names_a_zone_chrono_tz_knows() {
        let mut count = 0;
        for (windows, iana) in windows_zones() {
            assert!(iana.parse::<chrono_tz::Tz>().is_ok(), "{windows} → {iana}");
            let back = iana_to_windows(iana).unwrap();
            // Several Windows names share a zone (Mexico Standard Time and Central Standard Time
            // (Mexico)); the way back must land on one that maps to the same zone.
            assert_eq!(windows_to_iana(back), Some(iana), "{windows} → {iana} → {back}");
            count += 1;
        }
        assert!(count > 130, "only {count} rows read");
    }
}
