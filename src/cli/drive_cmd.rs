//! `o365 drive ls [PATH]`: a OneDrive folder's children (folders first), or the one file a
//! path names.
use anyhow::Context;

use super::args::DriveCommand;
use super::output::Output;
use super::session::Session;
use super::table::{Table, human_size};
use crate::domain::time_zones::format_in_zone;
use crate::domain::{DriveItem, DriveItemKind};
use crate::graph::drive;

pub async fn run(command: &DriveCommand, session: &Session, out: &mut Output) -> anyhow::Result<()> {
    let DriveCommand::Ls { path, limit } = command;
    let path = path.as_deref().unwrap_or("/");
    let item = drive::get_item_by_path(&session.client, path).await.with_context(|| format!("drive path `{path}`"))?;
    let items = if item.folder.is_some() {
        drive::list_children(&session.client, &item.id, limit.get()).await.context("listing the folder")?
    } else {
        vec![item]
    };
    if out.json() {
        for item in &items {
            out.json_line(item)?;
        }
        return Ok(());
    }
    let mut table = Table::new(&["Name", "Size", "Modified"]).shrink_column(0);
    for item in items.iter().map(DriveItem::from) {
        let (name, size) = match item.kind {
            DriveItemKind::Folder { child_count } => (format!("{}/", item.name), format!("{child_count} items")),
            _ => (item.name.clone(), human_size(item.size)),
        };
        let modified = item.modified.map(|t| format_in_zone(&t, &session.zone, "%Y-%m-%d %H:%M")).unwrap_or_default();
        table.row([name, size, modified]);
    }
    if table.is_empty() {
        let _ = std::io::Write::write_all(&mut std::io::stderr(), b"The folder is empty.\n");
        return Ok(());
    }
    out.table(&table)
}
