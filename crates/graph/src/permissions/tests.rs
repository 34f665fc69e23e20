//! The permission table: its defaults, implication between permissions, mapping requests to
//! features and the sentence a 403 becomes.
use super::explain::feature_for;
use super::*;
use crate::auth::Granted;

fn granted(scopes: &[&str]) -> Granted {
    Granted { scopes: scopes.iter().map(|s| s.to_string()).collect(), app_only: false }
}

#[test]
fn defaults_are_the_minimal_union_of_the_features() {
    assert_eq!(
        default_scopes(),
        vec![
            "User.Read",
            "Mail.ReadWrite",
            "Mail.Send",
            "MailboxSettings.ReadWrite",
            "Calendars.ReadWrite",
            "Calendars.Read.Shared",
            "People.Read",
            "Contacts.ReadWrite",
            "Files.ReadWrite.All",
            "Sites.Read.All",
            "Tasks.ReadWrite",
            "User.ReadBasic.All",
        ]
    );
    assert_eq!(
        default_application_permissions(),
        vec![
            "User.Read.All",
            "Mail.ReadWrite",
            "Mail.Send",
            "MailboxSettings.ReadWrite",
            "Calendars.ReadWrite",
            "People.Read.All",
            "Contacts.ReadWrite",
            "Files.Read.All",
            "Sites.ReadWrite.All",
            "Tasks.ReadWrite.All",
        ]
    );
    // Every default feature is covered by the defaults.
    for feature in FEATURES.iter().filter(|f| f.default) {
        assert!(default_scopes().iter().any(|d| implies(d, feature.delegated)), "{}", feature.id);
    }
}

#[test]
fn broader_permissions_imply_narrower_ones_of_the_same_resource() {
    for (held, needed) in [
        ("Mail.ReadWrite", "Mail.Read"),
        ("Mail.Read", "Mail.ReadBasic"),
        ("mail.readwrite", "Mail.Read"),
        ("Files.Read.All", "Files.Read"),
        ("Files.ReadWrite.All", "Files.Read.All"),
        ("Mail.Read.Shared", "Mail.Read"),
        ("MailboxSettings.ReadWrite", "MailboxSettings.Read"),
        ("Tasks.ReadWrite.All", "Tasks.Read.All"),
    ] {
        assert!(implies(held, needed), "{held} should imply {needed}");
    }
    for (held, needed) in [
        ("Mail.Read", "Mail.ReadWrite"),
        ("Mail.ReadWrite", "Mail.Send"),
        ("Files.Read", "Files.Read.All"),
        ("Mail.Read", "Mail.Read.Shared"),
        ("Sites.Read.All", "Files.Read.All"),
        ("User.Read", "User.ReadBasic.All"),
        ("Mail.ReadWrite", "MailboxSettings.Read"),
        ("openid", "Mail.Read"),
    ] {
        assert!(!implies(held, needed), "{held} should not imply {needed}");
    }
}

#[test]
fn requests_map_to_their_feature_whoever_is_addressed() {
    let cases = [
        ("GET", "/me/outlook/masterCategories", "categories.read"),
        ("GET", "me/mailFolders/inbox/messages?$top=10", "mail.read"),
        ("GET", "/users/shared%40contoso.com/messages/AAMk=/attachments", "mail.read"),
        ("PATCH", "/me/messages/AAMk=", "mail.write"),
        ("POST", "/me/messages/AAMk=/move", "mail.write"),
        ("POST", "/me/messages/AAMk=/send", "mail.send"),
        ("POST", "/me/sendMail", "mail.send"),
        ("POST", "/me/mailFolders/inbox/childFolders", "mail.write"),
        ("POST", "/me/outlook/masterCategories", "categories.write"),
        ("GET", "/me/calendarView?startDateTime=x", "calendar.read"),
        ("GET", "/me/drive/root:/Documents:/children", "files.read"),
        ("GET", "/me/drive/sharedWithMe", "files.shared"),
        ("GET", "/drives/b!abc/items/01X/content", "files.shared"),
        ("GET", "/sites/contoso.sharepoint.com,1,2/drives", "sites.read"),
        ("GET", "/sites/contoso.sharepoint.com,1,2", "sites.read"),
        ("GET", "/sites/contoso.sharepoint.com,1,2/drive/root/children", "files.read"),
        ("GET", "/me/followedSites", "sites.read"),
        ("PUT", "/me/drive/items/01X:/a%20b.txt:/content", "files.write"),
        ("POST", "/users/cron%40contoso.com/drive/items/01X/copy", "files.write"),
        ("POST", "/drives/b!abc/items/01X:/big.bin:/createUploadSession", "libraries.write"),
        ("DELETE", "/drives/b!abc/items/01X", "libraries.write"),
        ("PATCH", "/me/todo/lists/L1/tasks/T1", "tasks.write"),
        ("GET", "/me/todo/lists/L1/tasks", "tasks.read"),
        ("GET", "/me/people?$search=ann", "people"),
        ("GET", "/me", "profile"),
        ("GET", "/users?$search=ann", "directory"),
    ];
    for (method, path, id) in cases {
        assert_eq!(feature_for(method, path).map(|f| f.id), Some(id), "{method} {path}");
    }
    assert_eq!(feature_for("POST", "/$batch"), None);
    assert_eq!(feature_for("GET", "/me/somethingElse"), None);
}

#[test]
fn the_table_is_well_formed() {
    for (i, feature) in FEATURES.iter().enumerate() {
        assert!(FEATURES[i + 1..].iter().all(|f| f.id != feature.id), "duplicate id {}", feature.id);
        assert!(!feature.requests.is_empty(), "{}", feature.id);
        for request in feature.requests {
            let (method, path) = request.split_once(' ').expect("METHOD path");
            assert!(["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&method), "{request}");
            assert!(!path.starts_with('/') && !path.contains("//"), "{request}");
            // Each pattern maps back to its own feature.
            let sample = path.replace("~", "me").replace("{x}", "X1").replace("{*}", "a/b");
            assert_eq!(feature_for(method, &sample).map(|f| f.id), Some(feature.id), "{request}");
        }
    }
}

#[test]
fn a_missing_permission_is_named_only_when_the_grant_lacks_it() {
    let path = "/me/outlook/masterCategories";
    let missing = missing_permission("GET", path, &granted(&["User.Read", "Mail.ReadWrite", "openid"])).unwrap();
    assert_eq!((missing.permission, missing.application), ("MailboxSettings.Read", false));
    let text = missing.to_string();
    assert!(text.contains("reading your Outlook categories needs the permission MailboxSettings.Read"), "{text}");
    assert!(
        text.contains("app registration must include it") && text.contains("o365 login --scopes MailboxSettings.Read")
    );
    assert!(!text.contains('\n'));
    // A higher permission covers it: a 403 then has another cause and is not explained away.
    assert_eq!(missing_permission("GET", path, &granted(&["MailboxSettings.ReadWrite"])), None);
    // Unknown requests are not guessed at.
    assert_eq!(missing_permission("GET", "/me/insights/used", &granted(&[])), None);
    // App-only grants do not list roles: the application permission is named.
    let app = Granted { scopes: vec![], app_only: true };
    let missing = missing_permission("POST", "/users/u1/todo/lists", &app).unwrap();
    assert_eq!((missing.permission, missing.application, missing.admin_consent), ("Tasks.ReadWrite.All", true, true));
    assert!(missing.to_string().contains("application permission Tasks.ReadWrite.All"));
}

#[test]
fn the_readme_table_lists_the_defaults_and_every_feature() {
    let table = markdown_table();
    let first = table.lines().next().unwrap();
    for permission in default_scopes() {
        assert!(first.contains(&format!("`{permission}`")), "{first}");
    }
    for feature in FEATURES {
        assert!(table.contains(&format!("| {} | `{}`", feature.what, feature.delegated)), "{}\n{table}", feature.id);
    }
    assert!(table.contains("`o365 mail categories`"), "{table}");
}
