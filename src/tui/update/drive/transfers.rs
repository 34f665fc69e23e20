//! Transfers: downloads to open or save, uploads and copies go into one queue; at most
//! `MAX_RUNNING` run at once and the next starts as one ends. A failure that may pass (a cut
//! connection, throttling, a service error) is tried again, up to `MAX_ATTEMPTS`, with its
//! reason shown; others fail at once. `x` in the transfers view cancels one, `r` tries a failed
//! or cancelled one again. An upload or copy into the listed folder lists it again.
use super::super::super::action::Action;
use super::super::super::action::drive::DriveAction;
use super::super::super::effect::drive::{DriveEffect, TransferId, TransferJob};
use super::super::super::effect::{Effect, LoadKey};
use super::super::super::msg::Outcome;
use super::super::super::msg::drive::TransferDone;
use super::super::super::msg::{Failure, FailureKind};
use super::super::super::store::Store;
use super::super::super::store::drive::transfers::{MAX_ATTEMPTS, MAX_RUNNING, Transfer, TransferState};
use super::super::{notify, report_error};

/// Adds a transfer to the queue (it starts at once when a slot is free).
pub(super) fn enqueue(store: &mut Store, job: TransferJob, name: String) -> Vec<Effect> {
    let transfers = &mut store.drive.transfers;
    transfers.last_id += 1;
    let id = transfers.last_id;
    let doing = match &job {
        TransferJob::Open { .. } | TransferJob::Save { .. } => "Downloading",
        TransferJob::Upload { .. } => "Uploading",
        TransferJob::Copy { .. } => "Copying",
    };
    transfers.rows.push(Transfer {
        id,
        job,
        name: name.clone(),
        state: TransferState::Queued,
        done: 0,
        total: 0,
        attempt: 1,
        retry_reason: None,
    });
    let waiting = store.drive.transfers.running() >= MAX_RUNNING;
    let note = if waiting { " (waits for a free slot; T shows the transfers)" } else { "" };
    notify(store, format!("{doing} {name}…{note}"));
    pump(store)
}

/// Starts queued transfers, oldest first, while fewer than `MAX_RUNNING` run.
fn pump(store: &mut Store) -> Vec<Effect> {
    let mut effects = Vec::new();
    let transfers = &mut store.drive.transfers;
    let mut running = transfers.running();
    for transfer in transfers.rows.iter_mut() {
        if running >= MAX_RUNNING {
            break;
        }
        if transfer.state == TransferState::Queued {
            transfer.state = TransferState::Running;
            running += 1;
            effects.push(Effect::Drive(DriveEffect::StartTransfer { id: transfer.id, job: transfer.job.clone() }));
        }
    }
    effects
}

pub(super) fn progress(store: &mut Store, id: TransferId, done: u64, total: u64) -> Vec<Effect> {
    if let Some(transfer) = store.drive.transfers.get_mut(id).filter(|t| t.state == TransferState::Running) {
        transfer.done = done;
        transfer.total = total;
    }
    Vec::new()
}

/// Whether a failure may pass if the same transfer runs again.
fn worth_retrying(failure: &Failure) -> bool {
    failure.is_retryable() || matches!(failure.kind, FailureKind::Service { status, .. } if status >= 500)
}

pub(super) fn ended(store: &mut Store, id: TransferId, result: Outcome<TransferDone>) -> Vec<Effect> {
    // A cancelled transfer's late answer changes nothing.
    let Some(transfer) = store.drive.transfers.get_mut(id).filter(|t| t.state == TransferState::Running) else {
        return Vec::new();
    };
    let name = transfer.name.clone();
    let mut effects = match result {
        Ok(done) => {
            transfer.done = transfer.total;
            transfer.retry_reason = None;
            let (summary, effects) = finished(store, id, done);
            if let Some(transfer) = store.drive.transfers.get_mut(id) {
                transfer.state = TransferState::Done(summary);
            }
            effects
        }
        Err(failure) if worth_retrying(&failure) && transfer.attempt < MAX_ATTEMPTS => {
            transfer.attempt += 1;
            transfer.retry_reason = Some(failure.text.clone());
            transfer.state = TransferState::Queued;
            let attempt = transfer.attempt;
            notify(store, format!("{name}: {failure}; trying again ({attempt} of {MAX_ATTEMPTS})"));
            Vec::new()
        }
        Err(failure) => {
            transfer.state = TransferState::Failed(failure.text.clone());
            transfer.retry_reason = None;
            let verb = match transfer.job {
                TransferJob::Open { .. } => "Opening",
                TransferJob::Save { .. } => "Saving",
                TransferJob::Upload { .. } => "Uploading",
                TransferJob::Copy { .. } => "Copying",
            };
            report_error(
                store,
                format!("{verb} {name} failed: {failure} (T shows the transfers; r there tries again)"),
            );
            Vec::new()
        }
    };
    effects.extend(pump(store));
    effects
}

/// A transfer done: the notice, what the view says of it, and the listing again when the new
/// item lands in the folder shown.
fn finished(store: &mut Store, id: TransferId, done: TransferDone) -> (String, Vec<Effect>) {
    let Some(transfer) = store.drive.transfers.rows.iter().find(|t| t.id == id) else {
        return (String::new(), Vec::new());
    };
    let name = transfer.name.clone();
    let landed_in = match &transfer.job {
        TransferJob::Upload { drive_id, folder_id, .. } => {
            Some(LoadKey::DriveChildren { drive_id: drive_id.clone(), folder_id: folder_id.clone() })
        }
        TransferJob::Copy { drive_id, to_folder_id, .. } => {
            Some(LoadKey::DriveChildren { drive_id: drive_id.clone(), folder_id: to_folder_id.clone() })
        }
        TransferJob::Open { .. } | TransferJob::Save { .. } => None,
    };
    let (text, summary, new_item) = match done {
        TransferDone::Opened(path) => (format!("Opened {}", path.display()), "opened".to_owned(), None),
        TransferDone::Saved(path) => {
            let shown = path.display().to_string();
            (format!("Saved {name} to {shown}"), format!("saved to {shown}"), None)
        }
        TransferDone::Uploaded(id) => (format!("Uploaded {name}"), "uploaded".to_owned(), Some(id)),
        TransferDone::Copied(id) => (format!("Copied {name}"), "copied".to_owned(), Some(id)),
    };
    notify(store, text);
    let shows_it = landed_in.is_some_and(|key| key == store.drive.listing_key());
    let effects = match new_item.filter(|_| shows_it) {
        Some(id) => {
            store.drive.reselect = Some(id);
            super::load(store)
        }
        None => Vec::new(),
    };
    (summary, effects)
}

/// Keys while the transfers view shows: moving, cancelling, trying again, closing. The rest
/// is swallowed so nothing acts on the listing hidden under it.
pub(super) fn on_view_action(store: &mut Store, action: Action) -> Vec<Effect> {
    let transfers = &mut store.drive.transfers;
    let last = transfers.rows.len().saturating_sub(1);
    match action {
        Action::Down => transfers.selected = (transfers.selected + 1).min(last),
        Action::Up => transfers.selected = transfers.selected.saturating_sub(1),
        Action::Top | Action::PageUp => transfers.selected = 0,
        Action::Bottom | Action::PageDown => transfers.selected = last,
        Action::Back | Action::Drive(DriveAction::Transfers) => transfers.open = false,
        Action::Drive(DriveAction::CancelTransfer) => return cancel(store),
        Action::Refresh => return again(store),
        _ => {}
    }
    Vec::new()
}

/// `x`: the selected transfer stops (a running one is aborted; a queued one never starts).
fn cancel(store: &mut Store) -> Vec<Effect> {
    let selected = store.drive.transfers.selected;
    let Some(transfer) = store.drive.transfers.rows.get_mut(selected).filter(|t| t.is_active()) else {
        return Vec::new();
    };
    let was_running = transfer.state == TransferState::Running;
    transfer.state = TransferState::Cancelled;
    let (id, name) = (transfer.id, transfer.name.clone());
    notify(store, format!("Cancelled {name}"));
    let mut effects = Vec::new();
    if was_running {
        effects.push(Effect::Drive(DriveEffect::CancelTransfer(id)));
    }
    effects.extend(pump(store));
    effects
}

/// `r`: a failed or cancelled transfer goes back into the queue with fresh attempts.
fn again(store: &mut Store) -> Vec<Effect> {
    let selected = store.drive.transfers.selected;
    let Some(transfer) = store.drive.transfers.rows.get_mut(selected) else { return Vec::new() };
    if !matches!(transfer.state, TransferState::Failed(_) | TransferState::Cancelled) {
        return Vec::new();
    }
    transfer.state = TransferState::Queued;
    transfer.attempt = 1;
    transfer.retry_reason = None;
    let name = transfer.name.clone();
    notify(store, format!("Trying {name} again…"));
    pump(store)
}
