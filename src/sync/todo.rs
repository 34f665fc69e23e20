//! To Do by delta (graph-facts §2.8, todotask-delta): the lists (`/todo/lists/delta`), then each
//! list's tasks (`/todo/lists/{id}/tasks/delta`), each round (small: collected whole) applied in
//! one transaction with its new deltaLink. A list whose sync state the service lost is synced
//! again from scratch, alone.
use std::collections::HashSet;

use super::report::{ResourceChanges, SyncReport};
use super::{DeltaResource, RoundError, SyncError, stamp};
use crate::cache::todo as cached;
use crate::cache::{Cache, links};
use crate::domain::{Task, TaskList};
use o365_graph::client::GraphClient;
use o365_graph::delta;
use o365_graph::dto;
use o365_graph::request::Request;
use o365_graph::todo::delta::{lists_delta_request, tasks_delta_request};

/// Which To Do resource a round is about.
#[derive(Debug, Clone)]
enum Resource {
    Lists,
    Tasks { list_id: String },
}

impl super::DeltaResource for Resource {
    fn key(&self) -> String {
        match self {
            Resource::Lists => links::TODO_LISTS.to_owned(),
            Resource::Tasks { list_id } => links::todo_tasks(list_id),
        }
    }

    fn first_request(&self, client: &GraphClient) -> Request {
        match self {
            Resource::Lists => lists_delta_request(client),
            Resource::Tasks { list_id } => tasks_delta_request(client, list_id),
        }
    }

    fn round(
        &self,
        client: &GraphClient,
        cache: &mut Cache,
        first: Request,
        full: bool,
        requests: &mut usize,
    ) -> impl Future<Output = Result<ResourceChanges, RoundError>> + Send {
        round(client, cache, self, first, full, requests)
    }
}

/// Syncs the task lists, then every list's tasks.
pub async fn sync_todo(client: &GraphClient, cache: &mut Cache) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::new("tasks");
    report.tree = super::resume_or_start(client, cache, &Resource::Lists, "lists", &mut report.requests).await?;
    for list in cache.todo_lists()? {
        let resource = Resource::Tasks { list_id: list.id.clone() };
        let changes = super::resume_or_start(client, cache, &resource, &list.name, &mut report.requests).await?;
        report.resources.push(ResourceChanges { id: list.id.clone(), ..changes });
    }
    Ok(report)
}

async fn round(
    client: &GraphClient,
    cache: &mut Cache,
    resource: &Resource,
    first: Request,
    full: bool,
    requests: &mut usize,
) -> Result<ResourceChanges, RoundError> {
    let key = resource.key();
    let at = stamp();
    match resource {
        Resource::Lists => {
            let round = delta::round::<dto::TodoTaskList>(client, first).await;
            // A failed round made at least the request that failed.
            *requests += round.as_ref().map_or(1, |r| r.pages);
            let round = round?;
            let lists: Vec<TaskList> = round.items.iter().map(TaskList::from).collect();
            let changes = cache.in_transaction(|tx| {
                let written = cached::upsert_lists(tx, &lists)?;
                let mut gone = round.removed.clone();
                if full {
                    let seen: HashSet<String> = lists.iter().map(|l| l.id.clone()).collect();
                    gone.extend(cached::lists_not_in(tx, &seen)?);
                }
                let removed = cached::remove_lists(tx, &gone)?;
                links::store(tx, &key, &round.delta_link, &at)?;
                Ok(ResourceChanges {
                    added: written.added,
                    updated: written.updated,
                    removed,
                    full,
                    ..Default::default()
                })
            })?;
            Ok(changes)
        }
        Resource::Tasks { list_id } => {
            let round = delta::round::<dto::TodoTask>(client, first).await;
            *requests += round.as_ref().map_or(1, |r| r.pages);
            let round = round?;
            let tasks: Vec<Task> = round.items.iter().map(Task::from).collect();
            let changes = cache.in_transaction(|tx| {
                let written = cached::upsert_tasks(tx, list_id, &tasks)?;
                let mut removed = cached::remove_tasks(tx, &round.removed)?;
                if full {
                    let seen: HashSet<String> = tasks.iter().map(|t| t.id.clone()).collect();
                    removed += cached::retain_tasks(tx, list_id, &seen)?;
                }
                links::store(tx, &key, &round.delta_link, &at)?;
                Ok(ResourceChanges {
                    added: written.added,
                    updated: written.updated,
                    removed,
                    full,
                    ..Default::default()
                })
            })?;
            Ok(changes)
        }
    }
}
