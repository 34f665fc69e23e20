//! The one test fixture of the simulator's Graph endpoints, for its unit tests and for the
//! protocol tests in crates/sim/tests: small hand-built tenants, a `SimState`, a router with
//! every Graph route and a stand-in for the token check, and a way to call it in process or
//! serve it on loopback. (Tests of sign-in itself go through the real `crate::router`.)
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::auth::Principal;
use crate::errors::GraphError;
use crate::faults::{FaultOptions, Faults};
use crate::identity::{IdentityConfig, IdentityState};
use crate::store::{Collection, Tenant};
use crate::{
    SharedState, SimOptions, SimState, SimUrls, auth, batch, calendar, contacts, directory, drive, faults, mail, sites,
    todo,
};

#[cfg(test)]
mod tokens;
#[cfg(test)]
pub use tokens::{device_code_token, device_code_token_for};

pub const ME_ID: &str = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";
pub const ME_UPN: &str = "AdeleV@contoso.onmicrosoft.com";
/// Messages in the Inbox of `sample_tenant`.
pub const INBOX_COUNT: usize = 25;

pub fn state_with(tenant: Tenant, origin: &str) -> SharedState {
    Arc::new(SimState {
        urls: SimUrls { origin: origin.to_owned() },
        identity: IdentityState::new(IdentityConfig::for_tenant(
            &tenant,
            &SimOptions { device_code_interval: 0, ..SimOptions::default() },
        )),
        tenant: RwLock::new(tenant),
        faults: Faults::new(FaultOptions::default()),
    })
}

pub fn bare_state() -> SharedState {
    state_with(sample_tenant(), "http://127.0.0.1:9")
}

fn user(id: &str, given: &str, surname: &str, upn: &str, job: &str) -> Value {
    json!({
        "id": id, "displayName": format!("{given} {surname}"), "givenName": given, "surname": surname,
        "userPrincipalName": upn, "mail": upn, "jobTitle": job, "businessPhones": ["+1 412 555 0109"],
        "mobilePhone": null, "officeLocation": "18/2111", "preferredLanguage": "en-US",
        "department": "Retail", "accountEnabled": true
    })
}

fn folder(id: &str, name: &str, parent: &str, hidden: bool) -> Value {
    json!({"id": id, "displayName": name, "parentFolderId": parent, "childFolderCount": 0,
           "unreadItemCount": 0, "totalItemCount": 0, "isHidden": hidden})
}

fn address(name: &str, addr: &str) -> Value {
    json!({"emailAddress": {"name": name, "address": addr}})
}

/// A tenant with only the mailbox owner, for tests that build their own data.
pub fn owner_tenant() -> Tenant {
    let mut t = Tenant {
        tenant_id: "t-1".into(),
        domain: "contoso.onmicrosoft.com".into(),
        me_id: ME_ID.into(),
        ..Default::default()
    };
    t.users = [user(ME_ID, "Adele", "Vance", ME_UPN, "Retail Manager")].into_iter().collect();
    t
}

/// One owner with a few colleagues, a folder tree, 25 Inbox messages (subjects `Message 00`..,
/// received an hour apart, newest last; every third unread; #3 has an attachment; #7 has
/// `it's` in its subject), a draft, a sent message, contacts and people.
pub fn sample_tenant() -> Tenant {
    let mut t = Tenant {
        tenant_id: "t-1".into(),
        domain: "contoso.onmicrosoft.com".into(),
        me_id: ME_ID.into(),
        ..Default::default()
    };
    t.users = [
        user(ME_ID, "Adele", "Vance", ME_UPN, "Retail Manager"),
        user("u-alex", "Alex", "Wilber", "AlexW@contoso.onmicrosoft.com", "Marketing Assistant"),
        user("u-ann", "Ann", "Beebe", "AnnB@contoso.onmicrosoft.com", "Designer"),
        user("u-megan", "Megan", "Bowen", "MeganB@contoso.onmicrosoft.com", "Auditor"),
    ]
    .into_iter()
    .collect();
    let folders = [
        ("f-root", "Top of Information Store", "f-none", false, "msgfolderroot"),
        ("f-inbox", "Inbox", "f-root", false, "inbox"),
        ("f-drafts", "Drafts", "f-root", false, "drafts"),
        ("f-sent", "Sent Items", "f-root", false, "sentitems"),
        ("f-deleted", "Deleted Items", "f-root", false, "deleteditems"),
        ("f-archive", "Archive", "f-root", false, "archive"),
        ("f-history", "Conversation History", "f-root", true, "conversationhistory"),
        ("f-projects", "Projects", "f-inbox", false, ""),
    ];
    for (id, name, parent, hidden, well_known) in folders {
        t.mail_folders.insert(folder(id, name, parent, hidden));
        if !well_known.is_empty() {
            t.well_known_folders.insert(well_known.into(), id.into());
        }
    }
    let me = address("Adele Vance", ME_UPN);
    for i in 0..INBOX_COUNT {
        let subject = if i == 7 { "it's late".to_owned() } else { format!("Message {i:02}") };
        let from = if i % 2 == 0 {
            address("Alex Wilber", "AlexW@contoso.onmicrosoft.com")
        } else {
            address("Ann Beebe", "AnnB@contoso.onmicrosoft.com")
        };
        let when = format!("2024-05-01T{:02}:00:00Z", i % 24);
        let when = if i >= 24 { "2024-05-02T00:00:00Z".to_owned() } else { when };
        t.messages.insert(json!({
            "@odata.etag": format!("W/\"CQAAAB{i}\""), "id": format!("m{i:02}"),
            "createdDateTime": when, "lastModifiedDateTime": when, "changeKey": format!("CQAAAB{i}"),
            "categories": if i % 5 == 0 { json!(["Red category"]) } else { json!([]) },
            "receivedDateTime": when, "sentDateTime": when, "hasAttachments": i == 3,
            "internetMessageId": format!("<m{i}@contoso.com>"), "subject": subject,
            "bodyPreview": format!("Body of message {i}"), "importance": if i == 4 { "high" } else { "normal" },
            "parentFolderId": "f-inbox", "conversationId": format!("conv{i}"), "conversationIndex": "AQ==",
            "isDeliveryReceiptRequested": false, "isReadReceiptRequested": false, "isRead": i % 3 != 0,
            "isDraft": false, "webLink": "https://outlook.office365.com/owa/", "inferenceClassification": "focused",
            "body": {"contentType": "html", "content": format!("<html><body><p>Body of <b>message</b> {i}</p></body></html>")},
            "sender": from.clone(), "from": from, "toRecipients": [me.clone()], "ccRecipients": [], "bccRecipients": [],
            "replyTo": [], "flag": {"flagStatus": "notFlagged"}
        }));
    }
    t.attachments.insert(
        "m03".into(),
        vec![json!({"@odata.type": "#microsoft.graph.fileAttachment", "id": "a1", "name": "notes.txt",
                    "contentType": "text/plain", "size": 5, "isInline": false, "lastModifiedDateTime": "2024-05-01T03:00:00Z",
                    "contentId": null, "contentLocation": null, "contentBytes": "aGVsbG8="})],
    );
    t.messages.insert(json!({
        "id": "d1", "subject": "Draft plan", "isDraft": true, "isRead": true, "parentFolderId": "f-drafts",
        "body": {"contentType": "text", "content": "plan"}, "toRecipients": [], "ccRecipients": [], "bccRecipients": [],
        "from": me.clone(), "sender": me.clone(), "replyTo": [], "categories": [], "importance": "normal",
        "receivedDateTime": "2024-05-01T09:00:00Z", "sentDateTime": null, "hasAttachments": false,
        "conversationId": "convd1", "flag": {"flagStatus": "notFlagged"}
    }));
    t.contacts = (0..12)
        .map(|i| {
            json!({"id": format!("c{i:02}"), "displayName": format!("Contact {i:02}"), "givenName": "Contact",
                   "surname": format!("{i:02}"), "parentFolderId": if i < 10 { "cf-default" } else { "cf-friends" },
                   "emailAddresses": [{"name": format!("Contact {i:02}"), "address": format!("c{i}@fabrikam.com")}],
                   "companyName": if i % 2 == 0 { "Fabrikam" } else { "Contoso" }})
        })
        .collect();
    t.contact_folders =
        Collection::from_iter([json!({"id": "cf-friends", "displayName": "Friends", "parentFolderId": "cf-default"})]);
    t.people = (0..30)
        .map(|i| {
            json!({"id": format!("p{i:02}"), "displayName": if i == 4 { "Irene McGowen".to_owned() } else { format!("Person {i:02}") },
                   "scoredEmailAddresses": [{"address": format!("p{i}@contoso.com"), "relevanceScore": 30 - i}]})
        })
        .collect();
    t.next_id = 1000;
    t
}

/// A request header only this stand-in reads: the scopes its token carries, space-separated
/// (none by default), for the endpoints whose answer depends on them.
pub const TEST_SCOPES: &str = "x-test-scopes";

/// Stands in for `auth::require_token` (identity lives elsewhere): any bearer token is the owner.
async fn owner_token(mut req: Request, next: Next) -> Response {
    if req.headers().get("authorization").is_none() {
        return GraphError::new(StatusCode::UNAUTHORIZED, "InvalidAuthenticationToken", "Access token is empty.")
            .into_response();
    }
    let scopes = req.headers().get(TEST_SCOPES).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let scopes = scopes.split_whitespace().map(str::to_owned).collect();
    req.extensions_mut().insert(Principal::User { oid: ME_ID.into(), upn: ME_UPN.into(), scopes });
    next.run(req).await
}

/// `sim::router` with this helper's routes and the stand-in token check.
pub fn test_router(state: SharedState) -> Router {
    let graph = Router::new()
        .merge(directory::routes())
        .merge(mail::routes())
        .merge(calendar::routes())
        .merge(drive::routes())
        .merge(sites::routes())
        .merge(todo::routes())
        .merge(contacts::routes())
        .merge(crate::settings::routes())
        .merge(batch::routes())
        .fallback(auth::unknown_segment)
        .layer(axum::middleware::from_fn(owner_token));
    Router::new()
        .nest("/graph/v1.0", graph.clone())
        .nest("/graph/beta", graph)
        .merge(drive::unauthenticated_routes())
        .merge(mail::unauthenticated_routes())
        .layer(axum::extract::DefaultBodyLimit::max(crate::REQUEST_BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(state.clone(), faults::inject))
        .with_state(state)
}

/// An answer from `call`.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
    pub fn error_code(&self) -> String {
        self.json()["error"]["code"].as_str().unwrap_or_default().to_owned()
    }
}

/// Sends one request through `router` the way the server would (mailbox rewrite included).
pub async fn call(
    state: &SharedState,
    method: &str,
    uri: &str,
    body: Option<Value>,
    headers: &[(&str, &str)],
) -> Answer {
    let router = test_router(state.clone());
    let mut builder = Request::builder().method(method).uri(uri).header("Authorization", "Bearer t");
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    let req = match body {
        Some(b) => builder.header("Content-Type", "application/json").body(Body::from(b.to_string())).unwrap(),
        None => builder.body(Body::empty()).unwrap(),
    };
    let req = crate::server::prepare(state, &router, req);
    let response = router.oneshot(req).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec();
    Answer { status, headers, bytes }
}

pub async fn get(state: &SharedState, uri: &str) -> Answer {
    call(state, "GET", uri, None, &[]).await
}

/// Serves `sample_tenant` on a loopback port; returns the state and the server handle.
pub async fn spawn() -> (SharedState, crate::server::ServerHandle) {
    serve(sample_tenant()).await
}

/// Serves `tenant` on a loopback port through `test_router` (any bearer token is the owner).
pub async fn serve(tenant: Tenant) -> (SharedState, crate::server::ServerHandle) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let state = state_with(tenant, &origin);
    let handle = crate::server::serve(listener, test_router(state.clone()), state.clone());
    (state, handle)
}

/// Serves `sample_tenant` through the real `sim::router` (identity's token check included).
pub async fn spawn_real() -> (SharedState, crate::server::ServerHandle) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let state = state_with(sample_tenant(), &origin);
    let handle = crate::server::serve(listener, crate::router(state.clone()), state.clone());
    (state, handle)
}

/// A `PUT` of raw bytes with a `Content-Range` and no Authorization, as upload sessions take.
pub async fn put_bytes(state: &SharedState, uri: &str, range: &str, bytes: &'static [u8]) -> Answer {
    let router = test_router(state.clone());
    let req = Request::builder()
        .method("PUT")
        .uri(uri)
        .header("Content-Range", range)
        .header("Content-Type", "application/octet-stream")
        .body(Body::from(bytes))
        .unwrap();
    let req = crate::server::prepare(state, &router, req);
    let response = router.oneshot(req).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec();
    Answer { status, headers, bytes }
}
