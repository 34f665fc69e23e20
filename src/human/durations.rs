//! Lengths of time people type (`--duration 30m`, `--reminder 15m`, `--interval 1h`): a number
//! with a unit, `d`, `h` or `m`, and combinations such as `1h30m`; a bare number is minutes.
use chrono::Duration;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a length of time: use minutes (30m or 30), hours (1h, 1h30m) or days (2d)")]
pub struct DurationArgError(pub String);

/// The length `arg` names; zero and negative lengths are refused.
pub fn parse_duration(arg: &str) -> Result<Duration, DurationArgError> {
    let text = arg.trim().to_ascii_lowercase();
    let bad = || DurationArgError(arg.trim().to_owned());
    if let Ok(minutes) = text.parse::<i64>() {
        return (minutes > 0 && minutes <= 525_600).then(|| Duration::minutes(minutes)).ok_or_else(bad);
    }
    let mut total = 0i64;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            'd' => 1440,
            'h' => 60,
            'm' => 1,
            _ => return Err(bad()),
        };
        let count: i64 = number.parse().map_err(|_| bad())?;
        total = count.checked_mul(unit).and_then(|m| total.checked_add(m)).ok_or_else(bad)?;
        number.clear();
    }
    // Past a year, a typo is likelier than a meeting.
    if !number.is_empty() || total <= 0 || total > 525_600 {
        return Err(bad());
    }
    Ok(Duration::minutes(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_units_and_combinations() {
        assert_eq!(parse_duration("30m"), Ok(Duration::minutes(30)));
        assert_eq!(parse_duration("45"), Ok(Duration::minutes(45)));
        assert_eq!(parse_duration("1h"), Ok(Duration::hours(1)));
        assert_eq!(parse_duration("1H30M"), Ok(Duration::minutes(90)));
        assert_eq!(parse_duration("2d"), Ok(Duration::days(2)));
    }

    #[test]
    fn refuses_what_is_not_a_length() {
        for bad in ["", "0", "-5", "m", "1x", "1h30", "soon", "400d"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert!(parse_duration("1x").unwrap_err().to_string().contains("`1x`"));
    }
}
