//! Permissions against the whole simulator over HTTP: per workload a token without the
//! permission gets 403 in the workload's shape and one with it gets through; `.Shared` and `.All`
//! for other people's data; `$batch` checks each sub-request; app-only tokens use `roles`; and
//! every route the Graph router serves has a rule.
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

use super::{RULES, find_rule};
use crate::server::testing::device_code_token_for;
use crate::{RunningSim, SimOptions};

async fn sim() -> RunningSim {
    let options = SimOptions {
        messages: 40,
        anchor: "2026-03-10T12:00:00Z".parse().unwrap(),
        device_code_interval: 0,
        auto_approve_device_codes: true,
        ..SimOptions::default()
    };
    crate::start("127.0.0.1:0".parse().unwrap(), options).await.unwrap()
}

struct Caller {
    http: Client,
    graph: String,
    token: String,
}

impl Caller {
    async fn with(sim: &RunningSim, scope: &str) -> Caller {
        let http = Client::new();
        let token = device_code_token_for(&sim.urls().origin, &http, scope).await;
        Caller { http, graph: sim.urls().graph_url(), token }
    }

    async fn send(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut request = self.http.request(method, format!("{}{path}", self.graph)).bearer_auth(&self.token);
        request = match body {
            Some(body) => request.json(&body),
            None => request.header("Content-Length", "0"),
        };
        let answer = request.send().await.unwrap();
        let status = answer.status();
        (status, answer.json().await.unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(Method::GET, path, None).await
    }
}

/// A refusal in Graph's shape: 403 with this code and the usual `innerError`.
fn assert_refused((status, body): &(StatusCode, Value), code: &str) {
    assert_eq!(*status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(body["error"]["innerError"]["request-id"].is_string(), "{body}");
}

fn assert_ok((status, body): &(StatusCode, Value)) {
    assert!(status.is_success(), "{status}: {body}");
}

#[tokio::test]
async fn outlook_mail_categories_contacts_and_todo_refuse_with_error_access_denied() {
    let sim = sim().await;
    let basic = Caller::with(&sim, "User.Read").await;
    let claims = sim.state.identity.decode_id_token(&basic.token).expect("a JWT-shaped access token");
    assert_eq!(
        (claims["scp"].as_str(), claims["aud"].as_str()),
        (Some("User.Read"), Some("https://graph.microsoft.com"))
    );
    assert!(claims.get("roles").is_none());
    assert_refused(&basic.get("/me/mailFolders/inbox/messages").await, "ErrorAccessDenied");
    assert_refused(&basic.get("/me/outlook/masterCategories").await, "ErrorAccessDenied");
    assert_refused(&basic.get("/me/todo/lists").await, "ErrorAccessDenied");
    assert_refused(&basic.get("/me/calendars").await, "ErrorAccessDenied");
    let contact = json!({"givenName": "Pavel", "emailAddresses": [{"address": "pavel@example.com"}]});
    assert_refused(&basic.send(Method::POST, "/me/contacts", Some(contact.clone())).await, "ErrorAccessDenied");
    assert_ok(&basic.get("/me").await);

    let readers = Caller::with(&sim, "Mail.Read Contacts.Read Tasks.Read MailboxSettings.Read Calendars.Read").await;
    assert_ok(&readers.get("/me/mailFolders/inbox/messages").await);
    assert_ok(&readers.get("/me/outlook/masterCategories").await);
    assert_ok(&readers.get("/me/todo/lists").await);
    assert_ok(&readers.get("/me/contacts").await);
    assert_ok(&readers.get("/me/calendars").await);
    // Reading is not writing.
    assert_refused(&readers.send(Method::POST, "/me/contacts", Some(contact.clone())).await, "ErrorAccessDenied");
    let list = json!({"displayName": "Groceries"});
    assert_refused(&readers.send(Method::POST, "/me/todo/lists", Some(list.clone())).await, "ErrorAccessDenied");
    let category = json!({"displayName": "Urgent", "color": "preset0"});
    let refused = readers.send(Method::POST, "/me/outlook/masterCategories", Some(category.clone())).await;
    assert_refused(&refused, "ErrorAccessDenied");
    let draft = json!({"subject": "hi", "toRecipients": [{"emailAddress": {"address": "a@b.example"}}]});
    assert_refused(&readers.send(Method::POST, "/me/messages", Some(draft.clone())).await, "ErrorAccessDenied");
    // Mail.Read does not cover the profile: that needs User.Read.
    assert_refused(&readers.get("/me").await, "Authorization_RequestDenied");

    let writers =
        Caller::with(&sim, "Mail.ReadWrite Contacts.ReadWrite Tasks.ReadWrite MailboxSettings.ReadWrite").await;
    assert_eq!(writers.send(Method::POST, "/me/contacts", Some(contact)).await.0, StatusCode::CREATED);
    assert_eq!(writers.send(Method::POST, "/me/todo/lists", Some(list)).await.0, StatusCode::CREATED);
    assert_eq!(writers.send(Method::POST, "/me/outlook/masterCategories", Some(category)).await.0, StatusCode::CREATED);
    let (status, created) = writers.send(Method::POST, "/me/messages", Some(draft)).await;
    assert_eq!(status, StatusCode::CREATED);
    // Sending is its own permission.
    let send = format!("/me/messages/{}/send", created["id"].as_str().unwrap());
    assert_refused(&writers.send(Method::POST, &send, None).await, "ErrorAccessDenied");
    let sender = Caller::with(&sim, "Mail.Send").await;
    assert_eq!(sender.send(Method::POST, &send, None).await.0, StatusCode::ACCEPTED);
    sim.shutdown().await;
}

#[tokio::test]
async fn calendar_reads_and_writes_are_separate_permissions() {
    let sim = sim().await;
    let view = "/me/calendarView?startDateTime=2026-03-09T00:00:00Z&endDateTime=2026-03-16T00:00:00Z";
    assert_refused(&Caller::with(&sim, "Mail.ReadWrite").await.get(view).await, "ErrorAccessDenied");
    let reader = Caller::with(&sim, "Calendars.Read").await;
    assert_ok(&reader.get(view).await);
    let event = json!({"subject": "Sync", "start": {"dateTime": "2026-03-11T09:00:00", "timeZone": "UTC"},
                       "end": {"dateTime": "2026-03-11T09:30:00", "timeZone": "UTC"}});
    assert_refused(&reader.send(Method::POST, "/me/events", Some(event.clone())).await, "ErrorAccessDenied");
    let writer = Caller::with(&sim, "Calendars.ReadWrite").await;
    assert_eq!(writer.send(Method::POST, "/me/events", Some(event)).await.0, StatusCode::CREATED);
    sim.shutdown().await;
}

#[tokio::test]
async fn drive_and_sites_refuse_with_access_denied_and_other_drives_need_all() {
    let sim = sim().await;
    let library = {
        let tenant = sim.state.read_tenant();
        let drive = tenant.drives.iter().find(|d| d["driveType"] == "documentLibrary").expect("a site library");
        drive["id"].as_str().unwrap().to_owned()
    };
    let none = Caller::with(&sim, "Mail.Read").await;
    assert_refused(&none.get("/me/drive/root/children").await, "accessDenied");
    assert_refused(&none.get("/sites?search=*").await, "accessDenied");

    let own = Caller::with(&sim, "Files.Read").await;
    assert_ok(&own.get("/me/drive/root/children").await);
    // Files.Read reaches only the user's own files: a site library or sharedWithMe needs `.All`.
    assert_refused(&own.get(&format!("/drives/{library}/root/children")).await, "accessDenied");
    assert_refused(&own.get("/me/drive/sharedWithMe").await, "accessDenied");
    let upload = |caller: &Caller, path: String| {
        let request = caller.http.put(format!("{}{path}", caller.graph)).bearer_auth(&caller.token);
        async move { request.header("Content-Type", "text/plain").body("hello").send().await.unwrap().status() }
    };
    assert_eq!(upload(&own, "/me/drive/root:/perm-test.txt:/content".into()).await, StatusCode::FORBIDDEN);

    let all = Caller::with(&sim, "Files.Read.All Files.ReadWrite").await;
    assert_ok(&all.get(&format!("/drives/{library}/root/children")).await);
    assert_ok(&all.get("/me/drive/sharedWithMe").await);
    assert_eq!(upload(&all, "/me/drive/root:/perm-test.txt:/content".into()).await, StatusCode::CREATED);
    // Writing into SharePoint needs Sites.ReadWrite.All (or Files.ReadWrite.All).
    let into_library = format!("/drives/{library}/root:/perm-test.txt:/content");
    assert_eq!(upload(&all, into_library.clone()).await, StatusCode::FORBIDDEN);
    assert_refused(&all.get("/sites?search=*").await, "accessDenied");
    let sites = Caller::with(&sim, "Sites.ReadWrite.All").await;
    assert_ok(&sites.get("/sites?search=*").await);
    assert_ok(&sites.get("/me/followedSites").await);
    assert_eq!(upload(&sites, into_library).await, StatusCode::CREATED);
    sim.shutdown().await;
}

#[tokio::test]
async fn the_directory_refuses_with_authorization_request_denied() {
    let sim = sim().await;
    let basic = Caller::with(&sim, "User.Read").await;
    assert_refused(&basic.get("/users").await, "Authorization_RequestDenied");
    let (me_id, other) = {
        let tenant = sim.state.read_tenant();
        let other = tenant.users.iter().find(|u| u["id"] != tenant.me_id.as_str()).unwrap()["id"].clone();
        (tenant.me_id.clone(), other.as_str().unwrap().to_owned())
    };
    assert_ok(&basic.get(&format!("/users/{me_id}")).await);
    assert_refused(&basic.get(&format!("/users/{other}")).await, "Authorization_RequestDenied");
    let directory = Caller::with(&sim, "User.ReadBasic.All").await;
    assert_ok(&directory.get("/users").await);
    assert_ok(&directory.get(&format!("/users/{other}")).await);
    sim.shutdown().await;
}

#[tokio::test]
async fn another_users_mailbox_needs_the_shared_permission() {
    let sim = sim().await;
    let other = {
        let tenant = sim.state.read_tenant();
        tenant.users.iter().find(|u| u["id"] != tenant.me_id.as_str()).unwrap()["userPrincipalName"].clone()
    };
    let path = format!("/users/{}/messages", other.as_str().unwrap());
    assert_refused(&Caller::with(&sim, "Mail.ReadWrite").await.get(&path).await, "ErrorAccessDenied");
    // With Mail.Read.Shared the request gets past the check; the simulator serves one mailbox.
    let (status, body) = Caller::with(&sim, "Mail.Read.Shared").await.get(&path).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("MailboxNotEnabledForRESTAPI")));
    // Paths no rule knows are left to the router: Graph's 400 for an unknown segment, and the
    // not-served answer for anything in another mailbox.
    let everything = Caller::with(&sim, "Mail.ReadWrite Mail.Read.Shared").await;
    assert_eq!(everything.get("/me/nothingHere").await.1["error"]["code"], "BadRequest");
    let (status, _) = everything.get(&format!("/users/{}/nothingHere", other.as_str().unwrap())).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    sim.shutdown().await;
}

#[tokio::test]
async fn batch_sub_requests_are_checked_one_by_one() {
    let sim = sim().await;
    let caller = Caller::with(&sim, "Mail.Read").await;
    let batch = json!({"requests": [
        {"id": "1", "method": "GET", "url": "/me/messages?$top=1"},
        {"id": "2", "method": "GET", "url": "/me/todo/lists"},
        {"id": "3", "method": "PATCH", "url": "/me/messages/nope", "headers": {"Content-Type": "application/json"},
         "body": {"isRead": true}}
    ]});
    let (status, body) = caller.send(Method::POST, "/$batch", Some(batch)).await;
    assert_eq!(status, StatusCode::OK);
    let by_id = |id: &str| body["responses"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap().clone();
    assert_eq!(by_id("1")["status"], 200);
    assert_eq!(by_id("2")["status"], 403);
    assert_eq!(by_id("2")["body"]["error"]["code"], "ErrorAccessDenied");
    assert_eq!(by_id("3")["status"], 403, "a write with a read permission is refused before the lookup");
    sim.shutdown().await;
}

/// POSTs a form to the identity service and reads the JSON answer.
async fn post_form(http: &Client, url: &str, pairs: &[(&str, &str)]) -> Value {
    let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
    let request = http.post(url).header("Content-Type", "application/x-www-form-urlencoded").body(body);
    request.send().await.unwrap().json().await.unwrap()
}

async fn app_token(sim: &RunningSim) -> String {
    let url = format!("{}/login/{}/oauth2/v2.0/token", sim.urls().origin, sim.state.read_tenant().tenant_id);
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", crate::DEMO_CLIENT_ID),
        ("client_secret", crate::identity::DEMO_CLIENT_SECRET),
        ("scope", "https://graph.microsoft.com/.default"),
    ];
    let answer = post_form(&Client::new(), &url, &form).await;
    answer["access_token"].as_str().expect("an app-only token").to_owned()
}

#[tokio::test]
async fn app_only_tokens_are_checked_against_application_permissions() {
    let sim = sim().await;
    let owner = sim.state.read_tenant().me_id.clone();
    sim.state.identity.set_app_roles(&["Mail.Read"]);
    let app = Caller { http: Client::new(), graph: sim.urls().graph_url(), token: app_token(&sim).await };
    // The token says what it carries, as Entra's do: `roles`, no `scp`.
    let claims = sim.state.identity.decode_id_token(&app.token).expect("a JWT-shaped access token");
    assert_eq!(
        (claims["roles"].clone(), claims.get("scp"), claims["idtyp"].clone()),
        (json!(["Mail.Read"]), None, json!("app"))
    );
    assert_ok(&app.get(&format!("/users/{owner}/mailFolders/inbox/messages")).await);
    assert_refused(&app.get(&format!("/users/{owner}/todo/lists")).await, "ErrorAccessDenied");
    assert_refused(&app.get("/users").await, "Authorization_RequestDenied");
    // A delegated permission's name is not an application permission: Mail.Read does not send.
    let mail = json!({"message": {"subject": "x", "toRecipients": [{"emailAddress": {"address": "a@b.example"}}]}});
    assert_refused(&app.send(Method::POST, &format!("/users/{owner}/sendMail"), Some(mail)).await, "ErrorAccessDenied");
    // And never `/me`.
    assert_eq!(app.get("/me/messages").await.0, StatusCode::BAD_REQUEST);

    sim.state.identity.set_app_roles(&["Tasks.Read.All", "User.Read.All"]);
    let app = Caller { token: app_token(&sim).await, ..app };
    assert_ok(&app.get(&format!("/users/{owner}/todo/lists")).await);
    assert_ok(&app.get("/users").await);
    sim.shutdown().await;
}

/// A whole token response of the device code flow for `scope`.
async fn device_code_grant(sim: &RunningSim, http: &Client, scope: &str) -> Value {
    let base = format!("{}/login/common/oauth2/v2.0", sim.urls().origin);
    let codes =
        post_form(http, &format!("{base}/devicecode"), &[("client_id", crate::DEMO_CLIENT_ID), ("scope", scope)]).await;
    let form = [
        ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
        ("client_id", crate::DEMO_CLIENT_ID),
        ("device_code", codes["device_code"].as_str().unwrap()),
    ];
    // Auto-approval answers the second poll.
    for _ in 0..3 {
        let token = post_form(http, &format!("{base}/token"), &form).await;
        if token["access_token"].is_string() {
            return token;
        }
    }
    panic!("no token for {scope}");
}

#[tokio::test]
async fn a_refresh_may_ask_for_anything_consented_since() {
    let sim = sim().await;
    let http = Client::new();
    let first = device_code_grant(&sim, &http, "Mail.Read offline_access").await;
    let refresh_token = first["refresh_token"].as_str().expect("a refresh token").to_owned();
    // Incremental consent: a later sign-in adds Tasks.Read ...
    device_code_grant(&sim, &http, "Tasks.Read offline_access").await;
    // ... which the first sign-in's refresh token may now ask for too.
    let token_url = format!("{}/login/common/oauth2/v2.0/token", sim.urls().origin);
    let refresh = |scope: &'static str| {
        let form = [
            ("grant_type", "refresh_token"),
            ("client_id", crate::DEMO_CLIENT_ID),
            ("refresh_token", refresh_token.as_str()),
            ("scope", scope),
        ];
        let (http, token_url) = (&http, &token_url);
        async move { post_form(http, token_url, &form).await }
    };
    let refreshed = refresh("Mail.Read Tasks.Read offline_access").await;
    assert_eq!(refreshed["scope"], "Mail.Read Tasks.Read offline_access", "{refreshed}");
    let refused = refresh("Mail.Read Contacts.Read offline_access").await;
    assert_eq!(refused["error"], "invalid_grant", "never consented: {refused}");
    sim.shutdown().await;
}

/// The Graph routes each module registers, as (methods, path): read from the source of every
/// `routes()` function, so a route added without a permission rule fails `every_route_has_a_rule`.
fn served_routes() -> Vec<(Vec<String>, String)> {
    let sources = [
        include_str!("../directory.rs"),
        include_str!("../mail.rs"),
        include_str!("../calendar.rs"),
        include_str!("../drive.rs"),
        include_str!("../sites.rs"),
        include_str!("../todo.rs"),
        include_str!("../contacts.rs"),
        include_str!("../settings.rs"),
        include_str!("../batch.rs"),
    ];
    let mut routes = Vec::new();
    for source in sources {
        let start = source.find("pub fn routes()").expect("a routes() function");
        let body = &source[start..start + source[start..].find("\n}\n").expect("its end")];
        for call in body.split(".route(").skip(1) {
            let path = call.split('"').nth(1).expect("a path literal").to_owned();
            let methods = ["get", "post", "put", "patch", "delete", "any"]
                .iter()
                .filter(|m| call.contains(&format!("{m}(")))
                .map(|m| m.to_ascii_uppercase())
                .collect();
            routes.push((methods, path));
        }
    }
    routes
}

#[test]
fn every_route_has_a_rule() {
    let routes = served_routes();
    assert!(routes.len() > 60, "the scan found the routes: {}", routes.len());
    for (methods, path) in routes {
        if methods == ["ANY"] {
            // `/users/{user}/{*rest}`: another user's mailbox, checked as `/me/{rest}` on their data.
            assert_eq!(path, "/users/{user}/{*rest}");
            continue;
        }
        assert!(!methods.is_empty(), "no method found for {path}");
        for method in methods {
            let rule = find_rule(&method, &path).unwrap_or_else(|| panic!("no permission rule for {method} {path}"));
            assert_eq!(rule.path, path, "{method} {path} falls under another rule");
        }
    }
}

#[test]
fn rules_are_unique_and_name_known_permission_shapes() {
    for (i, rule) in RULES.iter().enumerate() {
        for other in &RULES[i + 1..] {
            let overlap = rule.methods.iter().any(|m| other.methods.contains(m));
            assert!(!(overlap && rule.path == other.path), "two rules for {} {:?}", rule.path, rule.methods);
        }
        for name in rule.perms.own.iter().chain(rule.perms.others).chain(rule.perms.app) {
            let parts: Vec<&str> = name.split('.').collect();
            assert!((2..=3).contains(&parts.len()) && parts.iter().all(|p| !p.is_empty()), "{name}");
        }
        if rule.workload.is_some() {
            // Documented with delegated permissions only: findMeetingTimes (user-findmeetingtimes),
            // the signed-in user's memberships (user-list-memberof) and a group's calendar and
            // events (calendar-get, group-list-events, group-post-events), its view aside.
            let delegated_only = rule.path == "/me/findMeetingTimes"
                || rule.path.starts_with("/me/memberOf")
                || (rule.path.starts_with("/groups/") && rule.path != "/groups/{group}/calendarView");
            assert!(
                !rule.perms.own.is_empty() && (delegated_only || !rule.perms.app.is_empty()),
                "{} grants nothing",
                rule.path
            );
        }
    }
}
