//! `o365 mail categories` (the master list with colours), `o365 mail categorize ID... --add
//! --remove --clear` (each message keeps its other categories), and the `mail list` conditions
//! (`--flagged --attachments --from --since --until --category`) turned into quick filters.
use anyhow::Context;
use chrono::{DateTime, Days, NaiveDate, Utc};
use chrono_tz::Tz;

use super::super::args::{CategorizeArgs, ListFilterArgs};
use super::super::failure::UsageError;
use super::super::output::Output;
use super::super::session::Session;
use super::super::table::Table;
use super::organise::report;
use crate::domain::{CategoryEdit, QuickFilters};
use crate::human::dates::{local_midnight, parse_day};
use o365_graph::dto::OutlookCategory;
use o365_graph::mail::categories::{create_master_category, edit_categories, list_master_categories};

/// Outlook desktop's names for the preset colours (outlookCategory resource, "Note").
const PRESET_NAMES: [&str; 25] = [
    "red",
    "orange",
    "brown",
    "yellow",
    "green",
    "teal",
    "olive",
    "blue",
    "purple",
    "cranberry",
    "steel",
    "dark steel",
    "gray",
    "dark gray",
    "black",
    "dark red",
    "dark orange",
    "dark brown",
    "dark yellow",
    "dark green",
    "dark teal",
    "dark olive",
    "dark blue",
    "dark purple",
    "dark cranberry",
];

/// "preset0 (red)", "none".
pub fn colour_label(category: &OutlookCategory) -> String {
    match (category.preset(), category.color.as_deref()) {
        (Some(n), Some(colour)) => format!("{colour} ({})", PRESET_NAMES[usize::from(n)]),
        (None, Some(colour)) => colour.to_owned(),
        (None | Some(_), None) => "none".to_owned(),
    }
}

pub async fn list(session: &Session, out: &mut Output) -> anyhow::Result<()> {
    let categories = list_master_categories(&session.client).await.context("listing categories")?;
    if out.json() {
        for category in &categories {
            out.json_line(category)?;
        }
        return Ok(());
    }
    let mut table = Table::new(&["Category", "Colour"]).shrink_column(0);
    for category in &categories {
        table.row([category.display_name.clone(), colour_label(category)]);
    }
    out.table(&table)
}

/// The master list's spelling of each name; names not in it are created (`--create`) or refused.
async fn known_names(session: &Session, names: &[String], create: bool) -> anyhow::Result<Vec<String>> {
    let master = list_master_categories(&session.client).await.context("listing categories")?;
    let mut out = Vec::new();
    let mut unknown = Vec::new();
    for name in names {
        match master.iter().find(|c| c.display_name.to_lowercase() == name.trim().to_lowercase()) {
            Some(found) => out.push(found.display_name.clone()),
            None => unknown.push(name.trim().to_owned()),
        }
    }
    if unknown.is_empty() {
        return Ok(out);
    }
    if !create {
        let known: Vec<&str> = master.iter().map(|c| c.display_name.as_str()).collect();
        return Err(UsageError(format!(
            "no category named {} in your list (known: {}); add --create to add it",
            unknown.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
            if known.is_empty() { "none".to_owned() } else { known.join(", ") }
        ))
        .into());
    }
    for name in unknown {
        let created =
            create_master_category(&session.client, &name, None).await.with_context(|| format!("creating {name}"))?;
        out.push(created.display_name);
    }
    Ok(out)
}

pub async fn categorize(session: &Session, args: &CategorizeArgs, out: &mut Output) -> anyhow::Result<()> {
    // Removing needs no check: a name outside the master list can still sit on a message.
    let add = if args.add.is_empty() { Vec::new() } else { known_names(session, &args.add, args.create).await? };
    let edit = CategoryEdit { add, remove: args.remove.clone(), clear: args.clear };
    let outcomes = edit_categories(&session.client, &args.ids, |list| edit.apply(list), |_, _| {})
        .await
        .context("changing categories")?;
    report(&outcomes, "categories updated", out)?;
    let failed = outcomes.iter().filter(|o| !o.is_ok()).count();
    if failed > 0 {
        anyhow::bail!("{failed} of {} messages could not be changed", outcomes.len());
    }
    Ok(())
}

/// `--since`/`--until` day, `-7d` included, as the start of that day in `zone`.
fn day_start(arg: &str, zone: Tz, today: NaiveDate, after: bool) -> anyhow::Result<DateTime<Utc>> {
    let day = parse_day(arg, today).map_err(|e| UsageError(e.to_string()))?;
    let day = if after { day.checked_add_days(Days::new(1)) } else { Some(day) };
    day.and_then(|d| local_midnight(d, zone)).ok_or_else(|| UsageError(format!("`{arg}` is out of range")).into())
}

/// The list conditions, days read in the user's zone; `None` when no condition is given.
pub fn quick_filters(
    args: &ListFilterArgs,
    unread: bool,
    zone: Tz,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<QuickFilters>> {
    if !args.any() {
        return Ok(None);
    }
    let today = now.with_timezone(&zone).date_naive();
    let filters = QuickFilters {
        unread,
        flagged: args.flagged,
        attachments: args.attachments,
        from: args.from.as_deref().map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned),
        since: args.since.as_deref().map(|d| day_start(d, zone, today, false)).transpose()?,
        // The whole last day: up to the start of the next.
        until: args.until.as_deref().map(|d| day_start(d, zone, today, true)).transpose()?,
        category: args.category.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned),
    };
    if let (Some(since), Some(until)) = (filters.since, filters.until)
        && until <= since
    {
        return Err(UsageError("--until is before --since".to_owned()).into());
    }
    Ok(Some(filters))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn days_are_read_in_the_users_zone_and_until_takes_the_whole_day() {
        let args = ListFilterArgs {
            since: Some("-7d".into()),
            until: Some("2026-11-23".into()),
            category: Some(" Red category ".into()),
            ..Default::default()
        };
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        let filters = quick_filters(&args, false, chrono_tz::Europe::Berlin, now).unwrap().unwrap();
        assert_eq!(filters.since, Some(Utc.with_ymd_and_hms(2026, 11, 15, 23, 0, 0).unwrap()));
        assert_eq!(filters.until, Some(Utc.with_ymd_and_hms(2026, 11, 23, 23, 0, 0).unwrap()));
        assert_eq!(filters.category.as_deref(), Some("Red category"));
        assert!(quick_filters(&ListFilterArgs::default(), true, Tz::UTC, now).unwrap().is_none());
        let backwards = ListFilterArgs { since: Some("today".into()), until: Some("yesterday".into()), ..args };
        assert!(quick_filters(&backwards, false, Tz::UTC, now).is_err());
    }

    #[test]
    fn colours_are_named_like_outlook_names_them() {
        let category = |color: Option<&str>| OutlookCategory { color: color.map(str::to_owned), ..Default::default() };
        assert_eq!(colour_label(&category(Some("preset7"))), "preset7 (blue)");
        assert_eq!(colour_label(&category(Some("none"))), "none");
        assert_eq!(colour_label(&category(None)), "none");
    }
}
