//! Permissions as the simulated tenant enforces them, seen from the client: a 403 names the
//! missing permission for every workload (direct requests and `$batch`), a scope added by an
//! incremental sign-in survives a refresh, the TUI worker hands the same text to the pane that
//! failed, and the client's table, the tenant's rules, the demo app registration, the README
//! and config.example.toml all say the same thing.
use crate::harness;

use std::collections::BTreeSet;

use chrono::{Duration, TimeZone, Utc};
use o365::tui::effect::{Effect, LoadKey};
use o365::tui::msg::Msg;
use o365::tui::worker::Worker;
use o365_graph::auth::cache;
use o365_graph::drive::shared;
use o365_graph::error::GraphError;
use o365_graph::mail::{MessageFilter, categories, organise};
use o365_graph::permissions::{default_application_permissions, default_scopes, feature_for, markdown_table};
use o365_graph::{calendar, contacts, drive, mail, sites, todo, users};
use o365_sim::permissions::{Owner, RULES};
use tokio::sync::mpsc;

/// The error's one line, asserting it names `permission` and how to get it.
fn explains(error: &GraphError, permission: &str, code: &str) -> String {
    let text = error.to_string();
    assert!(text.contains(&format!("needs the permission {permission},")), "{text}");
    assert!(text.contains(&format!("`o365 login --scopes {permission}`")), "{text}");
    assert!(text.contains("app registration must include it"), "{text}");
    assert!(!text.contains('\n'), "{text}");
    let api = error.api().expect("Graph's own error is kept");
    assert_eq!((api.status, api.code.as_str()), (403, code), "{text}");
    assert!(api.request_id.as_deref().is_some_and(|id| text.contains(id)), "the request id is shown: {text}");
    text
}

#[tokio::test]
async fn every_workload_names_the_permission_the_sign_in_lacks() {
    let h = harness::start_with_scopes(harness::sim_options(60), &["User.Read"]).await;
    let client = h.client();
    let anchor = harness::anchor();

    explains(&mail::list_folders(&client).await.unwrap_err(), "Mail.Read", "ErrorAccessDenied");
    let messages = mail::list_messages(&client, None, &MessageFilter::default(), Some(5)).await;
    explains(&messages.unwrap_err(), "Mail.Read", "ErrorAccessDenied");
    let categories = categories::list_master_categories(&client).await.unwrap_err();
    let text = explains(&categories, "MailboxSettings.Read", "ErrorAccessDenied");
    assert!(text.starts_with("reading your Outlook categories needs"), "{text}");
    let view = calendar::calendar_view(&client, None, anchor, anchor + Duration::days(7), None).await;
    explains(&view.unwrap_err(), "Calendars.Read", "ErrorAccessDenied");
    explains(&contacts::list_contacts(&client, Some(3)).await.unwrap_err(), "Contacts.Read", "ErrorAccessDenied");
    explains(&users::people(&client, None, Some(3)).await.unwrap_err(), "People.Read", "ErrorAccessDenied");
    explains(&todo::list_lists(&client, None).await.unwrap_err(), "Tasks.Read", "ErrorAccessDenied");
    explains(&drive::list_children_by_path(&client, "/", None).await.unwrap_err(), "Files.Read", "accessDenied");
    let shared = shared::shared_with_me(&client, None).await.unwrap_err();
    explains(&shared, "Files.Read.All", "accessDenied");
    assert!(!shared::is_retired_refusal(&shared), "a missing permission is not the retired endpoint");
    explains(&sites::search_sites(&client, "*", None).await.unwrap_err(), "Sites.Read.All", "accessDenied");
    let directory = users::list_users(&client, None, Some(3)).await.unwrap_err();
    explains(&directory, "User.ReadBasic.All", "Authorization_RequestDenied");

    // Reading is granted now, writing is not: each message of a batch says what is missing.
    h.sign_in_adding(&["mailbox"]).await;
    let client = h.client();
    let inbox = mail::list_messages(&client, None, &MessageFilter::default(), Some(2)).await.unwrap();
    let ids: Vec<String> = inbox.iter().map(|m| m.id.clone()).collect();
    let outcomes = organise::mark_read(&client, &ids, true).await.unwrap();
    for outcome in outcomes {
        let error = outcome.error.expect("refused");
        let text = error.to_string();
        assert!(text.contains("needs the permission Mail.ReadWrite") && text.contains("ErrorAccessDenied"), "{text}");
    }
    // A permission the grant has does not get explained away: the 403 keeps Graph's words.
    let other = h.client_with(o365_graph::client::ClientOptions {
        resource: o365_graph::resource::Resource::User("MeganB@contoso.onmicrosoft.com".into()),
        ..h.options()
    });
    let error = mail::list_folders(&other).await.unwrap_err();
    assert_eq!(error.api().map(|a| a.status), Some(403));
    assert!(error.to_string().starts_with("Graph refused the request: ErrorAccessDenied"), "{error}");
}

#[tokio::test]
async fn a_scope_added_by_an_incremental_sign_in_survives_a_refresh() {
    let h = harness::start_with_scopes(harness::sim_options(40), &["User.Read", "Mail.Read"]).await;
    let error = todo::list_lists(&h.client(), None).await.unwrap_err();
    explains(&error, "Tasks.Read", "ErrorAccessDenied");

    let signed_in = h.sign_in_adding(&["Tasks.Read"]).await;
    for scope in ["User.Read", "Mail.Read", "Tasks.Read"] {
        assert!(signed_in.scopes.iter().any(|s| s == scope), "{scope} in {:?}", signed_in.scopes);
    }
    let client = h.client();
    assert!(!todo::list_lists(&client, None).await.unwrap().is_empty());

    // The access token dies; the client refreshes and asks for the grant, not the config.
    h.state.identity.expire_access_tokens();
    assert!(!todo::list_lists(&client, None).await.unwrap().is_empty(), "still allowed after the refresh");
    assert_eq!(h.state.identity.tokens_issued("refresh_token"), 1);
    let cached = cache::load(&cache::cache_file(&h.tokens, "work")).unwrap().unwrap();
    assert!(cached.scopes.iter().any(|s| s == "Tasks.Read"), "{:?}", cached.scopes);
    assert!(mail::list_folders(&client).await.is_ok());
}

#[tokio::test]
async fn the_failed_pane_gets_the_explanation_and_the_others_load() {
    let h = harness::start_with_scopes(harness::sim_options(40), &["User.Read", "Mail.Read"]).await;
    let (sender, mut messages) = mpsc::unbounded_channel();
    let mut worker = Worker::new(h.client(), sender);
    let start = Utc.with_ymd_and_hms(2026, 3, 9, 0, 0, 0).unwrap();
    worker.run(Effect::Load { generation: 1, key: LoadKey::Agenda { start, end: start + Duration::days(7) } });
    let Some(Msg::Agenda { result: Err(text), .. }) = messages.recv().await else { panic!("the agenda fails") };
    assert!(text.text.contains("reading your calendar needs the permission Calendars.Read"), "{text}");
    assert!(text.text.contains("`o365 login --scopes Calendars.Read`"), "{text}");
    worker.run(Effect::Load { generation: 2, key: LoadKey::Folders });
    let Some(Msg::Folders { result: Ok(rows), .. }) = messages.recv().await else { panic!("mail still loads") };
    assert!(!rows.is_empty());
}

/// A concrete path for a rule's template: one made-up id per `{x}`, two segments for `{*x}`.
fn sample(template: &str) -> String {
    template
        .split('/')
        .map(|part| match part {
            p if p.starts_with("{*") => "a/b",
            p if p.starts_with('{') => "X1",
            p => p,
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn the_client_table_asks_for_permissions_the_tenant_accepts() {
    let defaults = default_scopes();
    let mut mapped = 0;
    for rule in RULES.iter().filter(|r| r.workload.is_some()) {
        for method in rule.methods {
            let path = sample(rule.path);
            let Some(feature) = feature_for(method, &path) else { continue };
            mapped += 1;
            // The client reaches `/drives/{id}` only for drives that are not the user's own.
            let owner = if path.starts_with("/drives/") { Owner::Other } else { Owner::Me };
            let accepted = if owner == Owner::Me { rule.perms.own } else { rule.perms.others };
            let takes = |name: &str| accepted.iter().any(|a| a.eq_ignore_ascii_case(name));
            assert!(takes(feature.delegated), "{method} {path}: {} is not accepted ({accepted:?})", feature.delegated);
            assert!(
                feature.application.is_empty()
                    || rule.perms.app.iter().any(|a| a.eq_ignore_ascii_case(feature.application)),
                "{method} {path}: application {} is not accepted ({:?})",
                feature.application,
                rule.perms.app
            );
            if feature.default {
                assert!(defaults.iter().any(|d| takes(d)), "{method} {path}: no default scope is accepted");
            }
        }
    }
    assert!(mapped > 60, "most rules belong to a feature: {mapped}");
}

#[tokio::test]
async fn the_demo_app_registration_holds_the_default_permissions() {
    let h = harness::start_with_scopes(harness::sim_options(20), &[".default"]).await;
    let signed_in = h.sign_in_adding(&[]).await;
    let oidc = ["openid", "profile", "email", "offline_access"];
    let granted: BTreeSet<&str> = signed_in.scopes.iter().map(String::as_str).filter(|s| !oidc.contains(s)).collect();
    assert_eq!(granted, default_scopes().into_iter().collect::<BTreeSet<_>>());
    let roles: BTreeSet<&str> = o365_sim::identity::DEMO_APP_ROLES.iter().copied().collect();
    assert_eq!(roles, default_application_permissions().into_iter().collect::<BTreeSet<_>>());
}

/// The text between `<!-- name -->` and `<!-- /name -->` in `document`.
fn between<'a>(document: &'a str, name: &str) -> &'a str {
    let open = format!("<!-- {name} -->\n");
    let start = document.find(&open).unwrap_or_else(|| panic!("no {open}")) + open.len();
    let end = document[start..].find(&format!("<!-- /{name} -->")).expect("its end") + start;
    &document[start..end]
}

#[test]
fn the_readme_lists_the_permissions_of_the_table() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let expected = markdown_table();
    assert_eq!(
        between(&readme, "permissions"),
        expected,
        "README.md's app-registration table is out of date; replace it with:\n{expected}"
    );
}

#[test]
fn config_example_names_the_default_scopes() {
    let example = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/config.example.toml")).unwrap();
    let comment: Vec<&str> = example
        .lines()
        .skip_while(|l| !l.starts_with("# Default (when empty)"))
        .take_while(|l| l.starts_with('#') && l.trim() != "#")
        .collect();
    let listed: BTreeSet<&str> = comment
        .iter()
        .flat_map(|l| l.trim_start_matches('#').split([',', ' ']))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| w.contains('.') && w.starts_with(|c: char| c.is_ascii_uppercase()))
        .collect();
    assert_eq!(listed, default_scopes().into_iter().collect::<BTreeSet<_>>(), "{comment:?}");
}
