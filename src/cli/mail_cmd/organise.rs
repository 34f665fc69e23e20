//! `o365 mail move | copy | flag | unflag | read | unread | delete ID...`: any number of
//! messages through `$batch`, one line per message saying what happened, exit 1 if any failed.
use anyhow::Context;

use super::super::failure::UsageError;
use super::super::output::Output;
use super::super::session::Session;
use super::super::table::Table;
use crate::sanitize;
use o365_graph::dto::FlagStatus;
use o365_graph::mail::organise::{Change, MessageOutcome, apply};
use o365_graph::mail::resolve_folder;

/// What a command asks for, before folder names are resolved.
pub enum Action<'a> {
    Move(&'a str),
    Copy(&'a str),
    Flag(bool),
    Read(bool),
    Delete { permanent: bool },
}

/// The ids and the folder of `move`/`copy`: `--to FOLDER`, else the last word after the ids
/// (`o365 mail move ID FOLDER`).
pub fn ids_and_folder<'a>(words: &'a [String], to: Option<&'a str>) -> Result<(&'a [String], &'a str), UsageError> {
    match (to, words) {
        (Some(folder), ids) => Ok((ids, folder)),
        (None, [ids @ .., folder]) if !ids.is_empty() => Ok((ids, folder)),
        (None, _) => Err(UsageError("name the folder: `ID... FOLDER` or `ID... --to FOLDER`".into())),
    }
}

pub async fn run(session: &Session, ids: &[String], action: Action<'_>, out: &mut Output) -> anyhow::Result<()> {
    let (change, verb) = match action {
        Action::Move(folder) => {
            let folder = resolve_folder(&session.client, folder).await?;
            (Change::Move(folder.id), "moved")
        }
        Action::Copy(folder) => {
            let folder = resolve_folder(&session.client, folder).await?;
            (Change::Copy(folder.id), "copied")
        }
        Action::Flag(true) => (Change::Flag(FlagStatus::Flagged), "flagged"),
        Action::Flag(false) => (Change::Flag(FlagStatus::NotFlagged), "unflagged"),
        Action::Read(read) => (Change::MarkRead(read), if read { "marked read" } else { "marked unread" }),
        Action::Delete { permanent: true } => (Change::PermanentDelete, "deleted permanently"),
        Action::Delete { permanent: false } => (Change::Delete, "moved to Deleted Items"),
    };
    let outcomes = apply(&session.client, ids, &change, |_, _| {}).await.context("changing messages")?;
    report(&outcomes, verb, out)?;
    let failed = outcomes.iter().filter(|o| !o.is_ok()).count();
    if failed > 0 {
        anyhow::bail!("{failed} of {} messages could not be {verb}", outcomes.len());
    }
    Ok(())
}

pub(super) fn report(outcomes: &[MessageOutcome], verb: &str, out: &mut Output) -> anyhow::Result<()> {
    if out.json() {
        for o in outcomes {
            out.json_line(&serde_json::json!({
                "id": o.id,
                "ok": o.is_ok(),
                "newId": o.new_id,
                "error": o.error.as_ref().map(ToString::to_string),
            }))?;
        }
        return Ok(());
    }
    let mut table = Table::new(&["Id", "Result"]).shrink_column(1);
    for o in outcomes {
        let result = match (&o.error, &o.new_id) {
            (Some(e), _) => format!("failed: {}", sanitize::line(&e.to_string())),
            (None, Some(new_id)) => format!("{verb} (new id {new_id})"),
            (None, None) => verb.to_owned(),
        };
        table.row([o.id.clone(), result]);
    }
    out.table(&table)
}

#[cfg(test)]
mod tests {
    use super::ids_and_folder;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn the_folder_is_to_or_the_last_word() {
        let two = words(&["m1", "Archive"]);
        assert_eq!(ids_and_folder(&two, None).unwrap(), (&two[..1], "Archive"));
        let (ids, folder) = ids_and_folder(&two, Some("Inbox/Sub")).unwrap();
        assert_eq!((ids.len(), folder), (2, "Inbox/Sub"));
        let one = words(&["m1"]);
        assert!(ids_and_folder(&one, None).unwrap_err().0.contains("name the folder"));
    }
}
