//! `o365 users search TERM`, `o365 users show USER` and `o365 people [TERM]`: colleagues in the
//! organisation's directory (a personal account has none: the command says so) and the people
//! Graph ranks as relevant to you.
use anyhow::Context;

use super::args::UsersCommand;
use super::output::Output;
use super::session::Session;
use super::table::Table;
use crate::domain::User;
use crate::sanitize;
use o365_graph::error::GraphError;
use o365_graph::users;

pub async fn run(command: &UsersCommand, session: &Session, out: &mut Output) -> anyhow::Result<()> {
    if session.is_personal_account() {
        anyhow::bail!("a personal Microsoft account has no organisation directory; `o365 people` and contacts work");
    }
    match command {
        UsersCommand::Search { term, limit } => search(session, term, limit.get(), out).await,
        UsersCommand::Show { user } => show(session, user, out).await,
    }
}

async fn search(session: &Session, term: &str, limit: Option<usize>, out: &mut Output) -> anyhow::Result<()> {
    let found = users::search_users(&session.client, term, limit).await.context("searching the directory")?;
    if out.json() {
        for user in &found {
            out.json_line(user)?;
        }
        return Ok(());
    }
    if found.is_empty() {
        let _ = std::io::Write::write_all(&mut std::io::stderr(), b"No one in the directory matches.\n");
        return Ok(());
    }
    let mut table = Table::new(&["Name", "Email", "Title", "Department"]).shrink_column(0).optional_columns(&[2, 3]);
    for user in found.iter().map(User::from) {
        table.row([
            user.display_name.clone(),
            user.email.clone().unwrap_or_default(),
            user.job_title.clone().unwrap_or_default(),
            user.department.clone().unwrap_or_default(),
        ]);
    }
    out.table(&table)
}

/// The manager line: the manager, "none", or why it cannot be read (User.Read.All is an
/// administrator's permission; the rest of the card does not need it).
async fn manager_line(session: &Session, id: &str) -> String {
    match users::get_manager(&session.client, id).await {
        Ok(Some(manager)) => {
            let manager = User::from(&manager);
            match manager.email {
                Some(address) => format!("{} <{address}>", manager.display_name),
                None => manager.display_name,
            }
        }
        Ok(None) => "none".to_owned(),
        Err(GraphError::Api(api)) if api.status == 403 => match &api.missing_permission {
            Some(missing) => format!("not shown: {missing}"),
            None => "not shown: reading it needs User.Read.All".to_owned(),
        },
        Err(error) => format!("not shown: {error}"),
    }
}

async fn show(session: &Session, wanted: &str, out: &mut Output) -> anyhow::Result<()> {
    let found = users::get_user(&session.client, wanted).await.context("looking the user up")?;
    if out.json() {
        return out.json_line(&found);
    }
    let user = User::from(&found);
    let manager = manager_line(session, &user.id).await;
    let mut lines: Vec<(&str, String)> = vec![("Name", user.display_name.clone())];
    let fields = [
        ("Email", user.email.clone()),
        ("Title", user.job_title.clone()),
        ("Department", user.department.clone()),
        ("Company", user.company.clone()),
        ("Office", user.office_location.clone()),
    ];
    lines.extend(fields.into_iter().filter_map(|(label, value)| value.map(|v| (label, v))));
    for phone in &user.phones {
        lines.push(("Phone", phone.clone()));
    }
    lines.push(("Manager", manager));
    let text: String = lines.iter().map(|(label, value)| format!("{label:<10}  {value}\n")).collect();
    out.text(&sanitize::block(&text))
}

pub async fn people(
    session: &Session,
    term: Option<&str>,
    limit: Option<usize>,
    out: &mut Output,
) -> anyhow::Result<()> {
    let found = users::people(&session.client, term, Some(limit.unwrap_or(50))).await.context("listing people")?;
    if out.json() {
        for person in &found {
            out.json_line(person)?;
        }
        return Ok(());
    }
    let mut table = Table::new(&["Name", "Email", "Title", "Company"]).shrink_column(0);
    for person in &found {
        let address = person.scored_email_addresses.iter().find_map(|e| e.address.clone()).unwrap_or_default();
        table.row([
            person.display_name.clone().unwrap_or_default(),
            address,
            person.job_title.clone().unwrap_or_default(),
            person.company_name.clone().unwrap_or_default(),
        ]);
    }
    out.table(&table)
}
