//! Time zone names as Graph accepts them: Windows names (the Outlook default) mapped to IANA
//! zones through CLDR's windowsZones data (the o365-zones crate), and IANA names themselves
//! (graph-facts §3.4, dateTimeTimeZone).
use chrono_tz::Tz;

/// The zone a Graph time zone name stands for: a Windows name (case-insensitive) or an IANA
/// name. `None` is Graph's `TimeZoneNotSupportedException`.
pub fn resolve_zone(name: &str) -> Option<Tz> {
    let name = name.trim();
    if let Some(iana) = o365_zones::windows_to_iana(name) {
        return iana.parse().ok();
    }
    if name.eq_ignore_ascii_case("utc") || name.eq_ignore_ascii_case("etc/utc") {
        return Some(Tz::UTC);
    }
    name.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_windows_name_cldr_lists_resolves() {
        for (windows, iana) in o365_zones::windows_zones() {
            assert!(resolve_zone(windows).is_some(), "{windows} -> {iana} does not parse");
        }
    }

    #[test]
    fn windows_and_iana_names_are_accepted_and_junk_is_not() {
        assert_eq!(resolve_zone("Pacific Standard Time"), Some(chrono_tz::America::Los_Angeles));
        assert_eq!(resolve_zone("w. europe standard time"), Some(chrono_tz::Europe::Berlin));
        assert_eq!(resolve_zone("Europe/Paris"), Some(chrono_tz::Europe::Paris));
        assert_eq!(resolve_zone("UTC"), Some(Tz::Etc__UTC));
        assert_eq!(resolve_zone("Australia Eastern Standard Time"), None);
        assert_eq!(resolve_zone("Greenwich Mean Time"), None);
    }
}
