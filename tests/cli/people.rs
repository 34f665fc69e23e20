//! Contacts, the directory, people, mailbox settings and mail-to-task from the command line:
//! the real binary against `o365 sim`, each write checked by reading the tenant back.
use crate::cli_harness as harness;

use harness::{Home, SimProcess, json_lines, ok, stderr, stdout};
use serde_json::Value;

fn signed_in(test: &str) -> (SimProcess, Home) {
    let sim = SimProcess::start(&[]);
    let home = Home::new(test);
    home.config_for(&sim);
    ok(&home.run("UTC", &["login"]));
    (sim, home)
}

fn contacts(home: &Home, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["contacts", "list", "--json"];
    all.extend(args);
    json_lines(&home.run("UTC", &all))
}

#[test]
fn contacts_add_show_edit_search_and_rm() {
    let (_sim, home) = signed_in("contacts-writes");
    let before = contacts(&home, &[]).len();
    assert!(before > 100, "the seeded address book: {before}");

    let said = ok(&home.run(
        "UTC",
        &[
            "contacts",
            "add",
            "--name",
            "Zoë Quill",
            "--email",
            "zoe@quill.example",
            "--email",
            "zq@home.example",
            "--phone",
            "+1 206 555 0100",
            "--company",
            "Quill & Co",
            "--title",
            "Editor",
        ],
    ));
    assert!(said.starts_with("Added `Zoë Quill` <zoe@quill.example> (id "), "{said}");
    let found = contacts(&home, &["zoe@quill"]);
    assert_eq!(found.len(), 1, "{found:?}");
    let zoe = &found[0];
    assert_eq!((zoe["givenName"].as_str(), zoe["surname"].as_str()), (Some("Zoë"), Some("Quill")));
    assert_eq!(zoe["emailAddresses"].as_array().unwrap().len(), 2);
    assert_eq!(zoe["mobilePhone"], "+1 206 555 0100");
    assert_eq!((zoe["companyName"].as_str(), zoe["jobTitle"].as_str()), (Some("Quill & Co"), Some("Editor")));

    let card = ok(&home.run("UTC", &["contacts", "show", "ZOË QUILL"]));
    assert!(card.contains("zoe@quill.example") && card.contains("zq@home.example"), "{card}");
    assert!(card.contains("Mobile") && card.contains("Quill & Co"), "{card}");

    ok(&home
        .run("UTC", &["contacts", "edit", "zq@home.example", "--title", "Chief editor", "--phone", "+1 206 555 0111"]));
    let edited = &contacts(&home, &["Quill"])[0];
    assert_eq!(edited["jobTitle"], "Chief editor");
    assert_eq!(edited["mobilePhone"], "+1 206 555 0111");
    assert_eq!(edited["companyName"], "Quill & Co", "fields not named stay");
    assert_eq!(edited["emailAddresses"].as_array().unwrap().len(), 2);

    // Two contacts share a name: acting on the name is refused with both ids.
    ok(&home.run(
        "UTC",
        &["contacts", "add", "--name", "Zoë Quill", "--email", "other@quill.example", "--folder", "suppliers"],
    ));
    let twice = home.run("UTC", &["contacts", "rm", "zoë quill"]);
    assert_eq!(twice.status.code(), Some(1), "{}", stderr(&twice));
    assert!(stderr(&twice).contains("names 2 contacts") && stderr(&twice).contains("(id "), "{}", stderr(&twice));
    let in_suppliers = contacts(&home, &["--folder", "Suppliers", "other@quill"]);
    assert_eq!(in_suppliers.len(), 1, "added to the folder asked for");

    let gone = ok(&home.run("UTC", &["contacts", "rm", "other@quill.example"]));
    assert!(gone.starts_with("Deleted `Zoë Quill`"), "{gone}");
    assert!(contacts(&home, &["other@quill"]).is_empty());
    assert_eq!(contacts(&home, &[]).len(), before + 1);
    let unknown = home.run("UTC", &["contacts", "show", "nobody@nowhere.example"]);
    assert_eq!(unknown.status.code(), Some(1));
    let bad = home.run("UTC", &["contacts", "add", "--name", "X", "--email", "not-an-address"]);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
}

#[test]
fn a_vcard_export_imported_into_an_empty_folder_exports_the_same_bytes() {
    let (_sim, home) = signed_in("contacts-vcard");
    let first = home.data().join("first.vcf");
    let second = home.data().join("second.vcf");
    ok(&home.run("UTC", &["contacts", "export", first.to_str().unwrap(), "--folder", "Contacts"]));
    let exported = std::fs::read(&first).unwrap();
    let cards = String::from_utf8_lossy(&exported).matches("BEGIN:VCARD\r\n").count();
    assert!(cards > 100, "{cards}");

    let said = ok(&home.run("UTC", &["contacts", "import", first.to_str().unwrap(), "--folder", "Imported"]));
    assert_eq!(said.trim(), format!("Imported {cards} contacts into Imported"));
    assert!(stderr(&home.run("UTC", &["contacts", "folders"])).is_empty());
    ok(&home.run("UTC", &["contacts", "export", second.to_str().unwrap(), "--folder", "imported"]));
    let again = std::fs::read(&second).unwrap();
    assert!(again == exported, "the second export differs from the first");

    let refused = home.run("UTC", &["contacts", "export", first.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2), "an existing file is not overwritten");
}

#[test]
fn complete_prints_address_tab_name_from_contacts_people_and_the_directory() {
    let (_sim, home) = signed_in("contacts-complete");
    let directory = json_lines(&home.run("UTC", &["users", "search", "a", "--json", "-n", "3"]));
    assert!(!directory.is_empty());
    let colleague = directory[0]["mail"].as_str().unwrap().to_owned();
    let term: String = colleague.chars().take(4).collect();
    let lines = ok(&home.run("UTC", &["contacts", "complete", &term]));
    assert!(!lines.is_empty());
    for line in lines.lines() {
        let (address, name) = line.split_once('\t').unwrap_or_else(|| panic!("no tab in `{line}`"));
        assert!(address.contains('@') && !name.is_empty(), "{line}");
    }
    assert!(lines.lines().any(|l| l.to_lowercase().starts_with(&colleague.to_lowercase())), "{lines}");
    let contact = &contacts(&home, &[])[0];
    let address = contact["emailAddresses"][0]["address"].as_str().unwrap();
    let by_contact = ok(&home.run("UTC", &["contacts", "complete", address]));
    assert!(by_contact.starts_with(&format!("{address}\t")), "{by_contact}");
    assert!(ok(&home.run("UTC", &["contacts", "complete", "zzzzqqq"])).is_empty());
}

#[test]
fn users_search_show_and_people() {
    let (_sim, home) = signed_in("users");
    let found = json_lines(&home.run("UTC", &["users", "search", "a", "--json"]));
    // A word of a name starting with "a", or an address starting with it (tokenised matching).
    assert!(found.len() >= 2, "{found:?}");
    for user in &found {
        let words = format!("{} {}", user["displayName"], user["mail"]).to_lowercase();
        assert!(words.split([' ', '"']).any(|w| w.starts_with('a')), "{user}");
    }
    // The card's properties are selected, but User.ReadBasic.All (the default) reads only
    // others' basic profile: the rest come back null, and the card leaves them out.
    let (whole, others): (Vec<_>, Vec<_>) = found.iter().partition(|u| u["department"].is_string());
    assert!(whole.len() <= 1, "only the signed-in user's own profile is whole: {whole:?}");
    assert!(others.len() >= 2 && others.iter().all(|u| u["mail"].is_string() && !u["jobTitle"].is_string()));
    // The table leaves out the title and department columns when no one found has them.
    let table = ok(&home.run("UTC", &["users", "search", "a"]));
    let header = table.lines().next().unwrap_or_default();
    assert!(header.starts_with("Name") && header.contains("Email"), "{table}");
    let has_title = found.iter().any(|u| u["jobTitle"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(header.contains("Title"), has_title, "{table}");
    let upn = others[0]["userPrincipalName"].as_str().unwrap();
    let card = ok(&home.run("UTC", &["users", "show", upn]));
    assert!(card.starts_with("Name  ") && card.contains("Email"), "{card}");
    assert!(!card.contains("Department") && !card.contains("Title") && !card.contains("Office"), "{card}");
    // The manager needs User.Read.All, which the defaults do not ask for: the card says so.
    assert!(card.contains("Manager     not shown:") && card.contains("User.Read.All"), "{card}");
    let none = home.run("UTC", &["users", "show", "nobody@contoso.onmicrosoft.com"]);
    assert_eq!(none.status.code(), Some(1));
    let people = json_lines(&home.run("UTC", &["people", "--json", "-n", "5"]));
    assert_eq!(people.len(), 5);
    assert!(stdout(&home.run("UTC", &["people"])).contains("Email"));
}

#[test]
fn automatic_replies_on_scheduled_and_off() {
    let (_sim, home) = signed_in("auto-reply");
    let status = ok(&home.run("Europe/Berlin", &["mail", "auto-reply"]));
    assert!(status.starts_with("Automatic replies  off"), "{status}");
    let refused = home.run("UTC", &["mail", "auto-reply", "on"]);
    assert_eq!(refused.status.code(), Some(2), "no message yet: {}", stderr(&refused));
    let on = ok(&home.run(
        "Europe/Berlin",
        &[
            "mail",
            "auto-reply",
            "on",
            "--from",
            "2026-03-16T08:00",
            "--until",
            "2026-03-20T18:00",
            "--message",
            "Away until Friday.\nAsk Ben.",
            "--external",
            "Out of office.",
            "--external-audience",
            "contacts",
        ],
    ));
    assert_eq!(on.trim(), "Automatic replies scheduled from 2026-03-16 08:00 until 2026-03-20 18:00");
    let stored = json_lines(&home.run("UTC", &["mail", "auto-reply", "status", "--json"]));
    assert_eq!(stored[0]["status"], "scheduled");
    assert_eq!(stored[0]["externalAudience"], "contactsOnly");
    assert_eq!(stored[0]["scheduledStartDateTime"]["dateTime"], "2026-03-16T07:00:00");
    let settings = ok(&home.run("Europe/Berlin", &["settings"]));
    assert!(settings.contains("Inside             Away until Friday.\n                   Ask Ben."), "{settings}");
    assert!(settings.contains("Working hours") && settings.contains("Mon–Fri"), "{settings}");
    let off = ok(&home.run("UTC", &["mail", "auto-reply", "off"]));
    assert_eq!(off.trim(), "Automatic replies off");
    let after = json_lines(&home.run("UTC", &["settings", "--json"]));
    assert_eq!(after[0]["automaticRepliesSetting"]["status"], "disabled");
    let on_again = ok(&home.run("UTC", &["mail", "auto-reply", "on"]));
    assert_eq!(on_again.trim(), "Automatic replies on", "the stored message is kept");
    let backwards = home.run("UTC", &["mail", "auto-reply", "on", "--from", "+2d", "--until", "+1d"]);
    assert_eq!(backwards.status.code(), Some(2));
}

#[test]
fn a_mail_added_as_a_task_carries_its_link() {
    let (_sim, home) = signed_in("mail-task");
    let inbox = json_lines(&home.run("UTC", &["mail", "list", "-n", "1", "--json"]));
    let message = &inbox[0];
    let id = message["id"].as_str().unwrap();
    let added = json_lines(&home.run("UTC", &["todo", "add", "Tasks", "Answer this", "--from-mail", id, "--json"]));
    let link = &added[0]["linkedResources"][0];
    assert_eq!(link["externalId"], id);
    assert_eq!(link["displayName"], message["subject"]);
    assert_eq!(link["applicationName"], "o365-tui");
    assert!(link["webUrl"].as_str().unwrap().starts_with("https://outlook.office365.com/"), "{link}");
    let missing = home.run("UTC", &["todo", "add", "Tasks", "x", "--from-mail", "AAMkNOPE"]);
    assert_eq!(missing.status.code(), Some(1));
}
