//! SharePoint sites and their document libraries (graph-facts §3.5b): search, the sites the
//! user follows, one site by id, and a site's drives. A library's files are then read with
//! `drive::shared::list_drive_children` by drive id.
use super::client::GraphClient;
use super::dto::{Drive, Site};
use super::encode::encode_segment;
use super::error::{GraphError, GraphResult};
use super::paging::collect;
use super::request::Request;

/// Sites whose name or description matches `query` (`*` lists every site the user may see).
pub async fn search_sites(client: &GraphClient, query: &str, limit: Option<usize>) -> GraphResult<Vec<Site>> {
    let query = if query.trim().is_empty() { "*" } else { query.trim() };
    let request = Request::get("sites").with_query(vec![("search".to_owned(), query.to_owned())]);
    collect(client, request, limit).await
}

/// The sites the signed-in user follows.
pub async fn followed_sites(client: &GraphClient, limit: Option<usize>) -> GraphResult<Vec<Site>> {
    collect(client, Request::get("me/followedSites"), limit).await
}

/// A site by id (`hostname,siteCollectionId,webId`, or `root`).
pub async fn get_site(client: &GraphClient, site_id: &str) -> GraphResult<Site> {
    client.json(Request::get(format!("sites/{}", encode_segment(site_id)))).await
}

/// The site's document libraries.
pub async fn site_drives(client: &GraphClient, site_id: &str) -> GraphResult<Vec<Drive>> {
    collect(client, Request::get(format!("sites/{}/drives", encode_segment(site_id))), None).await
}

/// A site named by id, or by display name or URL name (case-insensitive) among the sites a
/// search for that name finds; several equally good matches are refused with their names.
pub async fn find_site(client: &GraphClient, id_or_name: &str) -> GraphResult<Site> {
    if id_or_name.contains(',') || id_or_name.eq_ignore_ascii_case("root") {
        return get_site(client, id_or_name).await;
    }
    let found = search_sites(client, id_or_name, Some(200)).await?;
    let wanted = id_or_name.to_lowercase();
    let exact: Vec<&Site> = found
        .iter()
        .filter(|s| {
            s.id == id_or_name
                || s.display_name.as_deref().is_some_and(|n| n.to_lowercase() == wanted)
                || s.name.as_deref().is_some_and(|n| n.to_lowercase() == wanted)
        })
        .collect();
    match exact.as_slice() {
        [one] => Ok((*one).clone()),
        [] if found.len() == 1 => Ok(found[0].clone()),
        [] => Err(GraphError::NotFound(format!("no site is called `{id_or_name}`"))),
        many => Err(GraphError::Ambiguous(format!(
            "`{id_or_name}` names several sites: {}",
            many.iter().map(|s| format!("{} ({})", s.title(), s.id)).collect::<Vec<_>>().join(", ")
        ))),
    }
}
