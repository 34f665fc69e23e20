//! The people pane's effects as Graph calls: the contact folders, one source's people (a
//! folder's contacts, `/me/people`, a directory search), a colleague's manager, contact writes;
//! and a message made into a To Do task. Each runs as its own tokio task and answers with one
//! message; the store drops answers it no longer waits for. With a local cache, contact folders
//! and their contacts read from it offline, and what the service answers or confirms is kept.
use tokio::sync::mpsc::UnboundedSender;

use super::super::effect::people::{ContactWrite, PeopleEffect};
use super::super::msg::Msg;
use super::super::msg::people::PeopleMsg;
use super::super::store::people::{Colleague, Entry, Source};
use super::Failures;
use super::cached::CacheAccess;
use super::cached_panes::{cached_entries, cached_sources, keep_entries, keep_sources, keep_written, read};
use crate::cache::Cache;
use crate::domain::{Contact, User};
use o365_graph::client::GraphClient;
use o365_graph::contacts;
use o365_graph::dto::{self, NewTask};
use o365_graph::error::{GraphError, GraphResult};
use o365_graph::{todo, users};

/// How many people a search or the ranking shows.
const PEOPLE_SHOWN: usize = 100;

pub(super) fn run(
    client: &GraphClient,
    cache: Option<&CacheAccess>,
    messages: &UnboundedSender<Msg>,
    effect: PeopleEffect,
) {
    let (client, cache, messages) = (client.clone(), cache.cloned(), messages.clone());
    tokio::spawn(async move {
        let failures = Failures::default();
        let failed = |e: GraphError| failures.failure(e);
        let cache = cache.as_ref();
        let msg = match effect {
            PeopleEffect::LoadSources { generation } => {
                let found = read(cache, &messages, sources(&client), cached_sources, keep_sources);
                PeopleMsg::Sources { generation, result: found.await.map_err(failed) }
            }
            PeopleEffect::LoadEntries { generation, source, search } => {
                let service = entries(&client, &source, search.as_deref());
                let (local_source, local_search) = (source.clone(), search.clone());
                let local = move |c: &mut Cache| cached_entries(c, &local_source, local_search.as_deref());
                let (kept_source, kept_search) = (source.clone(), search.clone());
                let keep = move |c: &mut Cache, found| keep_entries(c, &kept_source, kept_search.as_deref(), found);
                let found = read(cache, &messages, service, local, keep);
                PeopleMsg::Entries { generation, result: found.await.map_err(failed) }
            }
            PeopleEffect::LoadManager { user_id } => {
                let result =
                    users::get_manager(&client, &user_id).await.map(|m| m.map(|m| mailbox_line(&User::from(&m))));
                PeopleMsg::Manager { user_id, result: result.map_err(failed) }
            }
            PeopleEffect::Write { op, write } => {
                let (folder, removed) = match &write {
                    ContactWrite::Create { folder_id, .. } => (folder_id.clone(), None),
                    ContactWrite::Update { .. } => (None, None),
                    ContactWrite::Delete { id } => (None, Some(id.clone())),
                };
                let result = write_one(&client, write).await;
                if let Ok(contact) = &result {
                    let contact = contact.clone();
                    let keep =
                        move |c: &mut Cache| c.keep_contact(folder.as_deref(), contact.as_deref(), removed.as_deref());
                    keep_written(cache, keep).await;
                }
                PeopleMsg::Written { op, result: result.map_err(failed) }
            }
        };
        let _ = messages.send(Msg::People(msg));
        failures.announce(&messages);
    });
}

fn mailbox_line(user: &User) -> String {
    match &user.email {
        Some(address) => format!("{} <{address}>", user.display_name),
        None => user.display_name.clone(),
    }
}

/// The default folder, the folders inside it, then people and the directory.
async fn sources(client: &GraphClient) -> GraphResult<Vec<Source>> {
    let mut found = vec![Source::Folder { id: None, name: "Contacts".to_owned() }];
    for folder in contacts::list_contact_folders(client).await? {
        let name = folder.display_name.clone().unwrap_or_else(|| folder.id.clone());
        found.push(Source::Folder { id: Some(folder.id), name });
    }
    found.extend([Source::People, Source::Directory]);
    Ok(found)
}

fn colleague_of_user(user: &dto::User) -> Colleague {
    let user = User::from(user);
    Colleague {
        id: user.id,
        name: user.display_name,
        email: user.email,
        title: user.job_title,
        department: user.department,
        company: user.company,
        office: user.office_location,
        phones: user.phones,
        in_directory: true,
    }
}

fn colleague_of_person(person: &dto::Person) -> Colleague {
    let organisation = person.person_type.as_ref().and_then(|t| t.subclass.as_deref()) == Some("OrganizationUser");
    let text = |v: &Option<String>| v.clone().filter(|t| !t.trim().is_empty());
    Colleague {
        id: person.id.clone(),
        name: person.display_name.clone().unwrap_or_default(),
        email: person.scored_email_addresses.iter().find_map(|e| e.address.clone()),
        title: text(&person.job_title),
        department: text(&person.department),
        company: text(&person.company_name),
        office: text(&person.office_location),
        phones: person.phones.iter().filter_map(|p| p.number.clone()).collect(),
        in_directory: organisation,
    }
}

async fn entries(client: &GraphClient, source: &Source, search: Option<&str>) -> GraphResult<Vec<Entry>> {
    match source {
        Source::Folder { id, .. } => {
            let found = match id {
                None => contacts::list_contacts(client, None).await?,
                Some(folder) => contacts::list_folder_contacts(client, folder, None).await?,
            };
            Ok(found
                .iter()
                .filter(|c| search.is_none_or(|term| contacts::matches(c, term)))
                .map(|c| Entry::Contact(Box::new(Contact::from(c))))
                .collect())
        }
        Source::People => {
            let found = users::people(client, search, Some(PEOPLE_SHOWN)).await?;
            Ok(found.iter().map(|p| Entry::Colleague(colleague_of_person(p))).collect())
        }
        Source::Directory => {
            let Some(term) = search else { return Ok(Vec::new()) };
            let found = users::search_users(client, term, Some(PEOPLE_SHOWN)).await?;
            Ok(found.iter().map(|u| Entry::Colleague(colleague_of_user(u))).collect())
        }
    }
}

async fn write_one(client: &GraphClient, write: ContactWrite) -> GraphResult<Option<Box<Contact>>> {
    Ok(match write {
        ContactWrite::Create { folder_id, contact } => {
            let created = contacts::create_contact(client, folder_id.as_deref(), &contact.to_dto()).await?;
            Some(Box::new(Contact::from(&created)))
        }
        ContactWrite::Update { id, contact } => {
            Some(Box::new(Contact::from(&contacts::replace_contact(client, &id, &contact.to_dto()).await?)))
        }
        ContactWrite::Delete { id } => {
            contacts::delete_contact(client, &id).await?;
            None
        }
    })
}

/// A task in the list named `list`, titled with the message's subject, linked back to it.
pub(super) fn mail_to_task(client: &GraphClient, messages: &UnboundedSender<Msg>, list: String, message_id: String) {
    let (client, messages) = (client.clone(), messages.clone());
    tokio::spawn(async move {
        let failures = Failures::default();
        let made = async {
            let list = todo::resolve_list(&client, &list).await?;
            let (message, _) = o365_graph::mail::get_message(&client, &message_id).await?;
            let link = todo::message_link(&message);
            let title = link.display_name.clone().unwrap_or_default();
            let task = NewTask { title: title.clone(), linked_resources: vec![link], ..NewTask::default() };
            todo::create_task(&client, &list.id, &task).await?;
            Ok::<_, GraphError>((list.id, title))
        };
        let result = made.await.map_err(|e| failures.failure(e));
        let _ = messages.send(Msg::MailToTask(result));
        failures.announce(&messages);
    });
}
