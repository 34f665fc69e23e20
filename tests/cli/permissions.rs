//! The `o365` binary against an `o365 sim` that enforces permissions: with the default scopes
//! every command that talks to Graph (reads and writes) goes through without a 403; with fewer,
//! a command stops with one line naming the missing permission, and `o365 login --scopes`
//! adds it.
use crate::cli_harness as harness;

use std::process::Output;

use harness::{Home, SimProcess, json_lines, ok, stderr, stdout};

/// Words of a refusal for a missing permission, in any form the client may print.
const REFUSALS: &[&str] = &[
    "needs the permission",
    "needs the application permission",
    "ErrorAccessDenied",
    "accessDenied",
    "Authorization_RequestDenied",
    "HTTP 403",
];

fn refused_for_permission(output: &Output) -> Option<String> {
    let text = format!("{}{}", stdout(output), stderr(output));
    REFUSALS.iter().any(|r| text.contains(r)).then_some(text)
}

/// Runs `args`, which must succeed without any sign of a permission refusal.
fn walk_step(home: &Home, args: &[String]) -> Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = home.run("UTC", &args);
    if let Some(text) = refused_for_permission(&output) {
        panic!("`o365 {}` was refused a permission with the default scopes:\n{text}", args.join(" "));
    }
    assert!(output.status.success(), "`o365 {}` failed: {}", args.join(" "), stderr(&output));
    output
}

fn words(line: &str) -> Vec<String> {
    line.split_whitespace().map(str::to_owned).collect()
}

/// Arguments that may hold spaces (category names).
fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|a| (*a).to_owned()).collect()
}

fn field(line: &serde_json::Value, key: &str) -> String {
    line[key].as_str().unwrap_or_else(|| panic!("no {key} in {line}")).to_owned()
}

#[test]
fn every_command_works_with_the_default_scopes() {
    let sim = SimProcess::start(&[]);
    let home = Home::new("perm-walk");
    home.config_for(&sim);
    ok(&home.run("UTC", &["login"]));
    let scratch = home.data().join("scratch");
    std::fs::create_dir_all(&scratch).unwrap();
    let attachment = scratch.join("note.txt");
    std::fs::write(&attachment, "a small attachment").unwrap();

    // Ids and names the commands below need, read with commands that are part of the walk too.
    let inbox = json_lines(&walk_step(&home, &words("mail list -n 6 --json")));
    let m: Vec<String> = inbox.iter().map(|l| field(l, "id")).collect();
    let with_files = json_lines(&walk_step(&home, &words("mail list --attachments -n 1 --json")));
    let with_files = field(&with_files[0], "id");
    let categories = json_lines(&walk_step(&home, &words("mail categories --json")));
    let category = field(&categories[0], "displayName");
    let lists = json_lines(&walk_step(&home, &words("todo lists --json")));
    let list = field(&lists[0], "id");
    let libraries = json_lines(&walk_step(&home, &words("drive libraries Engineering --json")));
    let library = field(&libraries[0], "id");
    let shared = json_lines(&walk_step(&home, &words("drive shared --json")));
    let shared_drive = shared[0]["remoteItem"]["parentReference"]["driveId"].as_str().unwrap().to_owned();
    let shared_item = shared[0]["remoteItem"]["id"].as_str().unwrap().to_owned();
    let week = words("calendar agenda --calendar Calendar --from 2026-03-09 --to 2026-03-16 --json");
    let week = json_lines(&walk_step(&home, &week));
    let invite =
        week.iter().find(|e| e["isOrganizer"] == false && e["type"] == "singleInstance").map(|e| field(e, "id"));
    let invite = invite.expect("the seeded week holds an invitation");
    let add =
        "calendar add --subject PermWalkEvent --start 2026-03-20T10:00 --duration 30m --attendee a@b.example --json";
    let event = field(&json_lines(&walk_step(&home, &words(add)))[0], "id");

    let colleagues = json_lines(&walk_step(&home, &words("users search a --json")));
    let colleague = field(&colleagues[0], "userPrincipalName");
    let vcard = scratch.join("walk.vcf").display().to_string();

    // Every subcommand that talks to Graph. A new command adds its line here.
    let saved = scratch.join("saved").display().to_string();
    let exported = scratch.join("m.eml").display().to_string();
    let table: Vec<Vec<String>> = vec![
        words("whoami"),
        words("mail folders"),
        words("mail folder create PermWalk"),
        words("mail folder create Sub --parent PermWalk"),
        words("mail folder rename PermWalk PermWalked"),
        words("mail list"),
        words("mail list --folder sentitems -n 3"),
        words("mail list --unread --flagged --from someone@contoso.com --since -30d"),
        vec!["mail".into(), "list".into(), "--search".into(), "subject:meeting".into()],
        args(&["mail", "list", "--category", &category, "-n", "3"]),
        args(&["mail", "categorize", &m[0], "--add", &category, "--json"]),
        words(&format!("mail categorize {} --add PermWalkNew --create --json", m[0])),
        args(&["mail", "categorize", &m[0], "--remove", &category, "--json"]),
        words(&format!("mail show {}", m[0])),
        words(&format!("mail attachments {with_files}")),
        vec!["mail".into(), "attachments".into(), with_files.clone(), "--save".into(), saved],
        vec!["mail".into(), "export".into(), m[0].clone(), exported],
        vec![
            "mail".into(),
            "send".into(),
            "--to".into(),
            "a@b.example".into(),
            "-s".into(),
            "walk".into(),
            "--body".into(),
            "hello".into(),
            "--attach".into(),
            attachment.display().to_string(),
        ],
        words(&format!("mail reply {} --body thanks", m[1])),
        words(&format!("mail reply {} --all --body thanks-all", m[1])),
        words(&format!("mail forward {} --to a@b.example --body fyi", m[2])),
        words(&format!("mail flag {} {} --json", m[0], m[1])),
        words(&format!("mail unflag {} --json", m[0])),
        words(&format!("mail read {} --json", m[0])),
        words(&format!("mail unread {} --json", m[0])),
        words(&format!("mail copy {} --to archive --json", m[3])),
        words(&format!("mail move {} PermWalked --json", m[3])),
        words(&format!("mail delete {} --json", m[4])),
        words(&format!("mail delete {} --permanent --json", m[5])),
        words("mail folder delete PermWalked"),
        words("calendar agenda"),
        words("calendar agenda --from today --to +30d"),
        words("calendar agenda --calendar Calendar --ids"),
        words(&format!("calendar show {invite}")),
        words(&format!("calendar respond {invite} accept --comment fine")),
        words(&format!("calendar edit {event} --location PermWalkRoom")),
        words("calendar free a@b.example --from 2026-03-20"),
        words("calendar find-time a@b.example --duration 30m --from 2026-03-20"),
        words(&format!("calendar rm {event} --message off")),
        words("contacts list"),
        words("drive ls"),
        words("drive ls Documents"),
        words("drive shared"),
        words("drive sites"),
        words("drive sites *"),
        words("drive libraries Engineering"),
        words(&format!("drive ls --drive {library}")),
        words(&format!("drive ls --drive {shared_drive} --item {shared_item}")),
        words("todo lists"),
        words(&format!("todo tasks {list}")),
        words(&format!("todo add {list} PermWalkTask --due tomorrow --importance high --note walked")),
        words(&format!("todo done {list} PermWalkTask")),
        words(&format!("todo undo {list} PermWalkTask")),
        words(&format!("todo edit {list} PermWalkTask --importance low --note edited")),
        words(&format!("todo checklist add {list} PermWalkTask PermWalkItem")),
        words(&format!("todo checklist list {list} PermWalkTask")),
        words(&format!("todo checklist tick {list} PermWalkTask PermWalkItem")),
        words(&format!("todo rm {list} PermWalkTask")),
        words(&format!("todo add {list} PermWalkFromMail --from-mail {}", m[0])),
        // Files (issue 8): every file command on the user's OneDrive, and a write to a library.
        words("drive mkdir PermWalk/Sub -p"),
        vec!["drive".into(), "put".into(), attachment.display().to_string(), "PermWalk/".into()],
        args(&["drive", "put", "--conflict", "replace", &attachment.display().to_string(), "PermWalk/"]),
        args(&["drive", "put", "--site", "Engineering", &attachment.display().to_string(), "PermWalkSite.txt"]),
        words("drive get PermWalk/note.txt -"),
        vec!["drive".into(), "get".into(), "PermWalk/note.txt".into(), format!("{}/", scratch.join("got").display())],
        words("drive versions PermWalk/note.txt"),
        words("drive share PermWalk/note.txt"),
        words("drive perms PermWalk/note.txt"),
        words("drive cp PermWalk/note.txt PermWalk/Sub/"),
        words("drive mv PermWalk/Sub/note.txt PermWalk/moved.txt"),
        words("drive search note"),
        words("drive recent"),
        words("drive rm PermWalk/moved.txt"),
        words("drive rm PermWalk --permanent"),
        // People and settings (issue 11).
        words("contacts folders"),
        words("contacts search a"),
        words("contacts add --name PermWalkContact --email permwalk@b.example --company Walk"),
        words("contacts show PermWalkContact"),
        words("contacts edit PermWalkContact --title Walker"),
        words("contacts rm PermWalkContact"),
        vec!["contacts".into(), "export".into(), vcard.clone()],
        vec!["contacts".into(), "import".into(), vcard, "--folder".into(), "PermWalkFolder".into()],
        words("contacts complete a"),
        words("people"),
        words("settings"),
        words("mail auto-reply status"),
    ];
    // A colleague's card: the manager needs User.Read.All, which needs an admin's consent and so
    // is not a default; the card says so in its place and everything else shows.
    let card = home.run("UTC", &["users", "show", &colleague]);
    assert!(card.status.success(), "{}", stderr(&card));
    let card = stdout(&card);
    assert!(card.contains(&colleague), "{card}");
    let refusals: Vec<&str> = card.lines().filter(|l| l.contains("needs the permission")).collect();
    assert!(
        refusals.len() == 1 && refusals[0].starts_with("Manager") && refusals[0].contains("User.Read.All"),
        "{card}"
    );
    // The calendars: a group's needs Group.Read.All (admin consent) for its colour; the list
    // says so under the table, and the group's events still show in the agenda.
    let calendars = home.run("UTC", &["calendar", "calendars"]);
    assert!(calendars.status.success(), "{}", stderr(&calendars));
    let calendars = stdout(&calendars);
    let refusals: Vec<&str> = calendars.lines().filter(|l| l.contains("needs the permission")).collect();
    assert!(refusals.len() == 1 && refusals[0].contains("Group.Read.All"), "{calendars}");
    for args in &table {
        let output = walk_step(&home, args);
        // Bulk commands report each message; none may have failed.
        if args.iter().any(|a| a == "--json")
            && ["categorize", "flag", "unflag", "read", "unread", "copy", "move", "delete"].contains(&args[1].as_str())
        {
            for line in json_lines(&output) {
                assert_eq!(line["ok"], true, "`o365 {}`: {line}", args.join(" "));
            }
        }
    }
}

#[test]
fn a_narrow_sign_in_is_told_what_is_missing_and_login_adds_it() {
    let sim = SimProcess::start(&[]);
    let home = Home::new("perm-narrow");
    home.write_config(&format!(
        "default_account = \"sim\"\n\n[accounts.sim]\nclient_id = \"{}\"\ngraph_url = \"{}\"\nauthority_url = \"{}\"\nscopes = [\"User.Read\", \"Mail.Read\"]\n",
        sim.client_id, sim.graph_url, sim.authority_url
    ));
    ok(&home.run("UTC", &["login"]));
    let inbox = json_lines(&home.run("UTC", &["mail", "list", "-n", "2", "--json"]));
    assert_eq!(inbox.len(), 2, "reading is granted");
    let id = field(&inbox[0], "id");

    // The master category list needs MailboxSettings.Read (outlookuser-list-mastercategories).
    let refused = home.run("UTC", &["mail", "categories"]);
    assert_eq!(refused.status.code(), Some(1));
    let said = stderr(&refused);
    assert_eq!(said.lines().count(), 1, "one line: {said}");
    assert!(said.starts_with("o365: error: "), "{said}");
    assert!(said.contains("reading your Outlook categories needs the permission MailboxSettings.Read"), "{said}");
    assert!(said.contains("app registration must include it") && said.contains("ErrorAccessDenied"), "{said}");
    assert!(said.contains("`o365 login --scopes MailboxSettings.Read`"), "{said}");

    // A write with a read permission: the message says which one, per message of the batch.
    let flagged = home.run("UTC", &["mail", "flag", &id, "--json"]);
    assert_eq!(flagged.status.code(), Some(1));
    let outcome = &json_lines(&flagged)[0];
    assert_eq!(outcome["ok"], false);
    assert!(outcome["error"].as_str().unwrap().contains("needs the permission Mail.ReadWrite"), "{outcome}");
    let drive = home.run("UTC", &["drive", "sites"]);
    assert!(stderr(&drive).contains("needs the permission Sites.Read.All"), "{}", stderr(&drive));

    // Incremental consent: helper and Graph names, comma or space separated.
    let login = home.run("UTC", &["login", "--scopes", "mailbox_settings,Mail.ReadWrite", "sharepoint"]);
    assert!(login.status.success(), "{}", stderr(&login));
    let me = &json_lines(&home.run("UTC", &["whoami", "--json"]))[0];
    let scopes: Vec<&str> = me["scopes"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    for scope in ["User.Read", "Mail.Read", "MailboxSettings.ReadWrite", "Mail.ReadWrite", "Sites.Read.All"] {
        assert!(scopes.contains(&scope), "{scope} in {scopes:?}");
    }
    assert!(!scopes.contains(&"Tasks.ReadWrite"), "only what was asked for: {scopes:?}");
    ok(&home.run("UTC", &["mail", "categories"]));
    ok(&home.run("UTC", &["mail", "flag", &id]));
    ok(&home.run("UTC", &["drive", "sites"]));
    // A plain login later keeps what was added.
    ok(&home.run("UTC", &["login"]));
    ok(&home.run("UTC", &["mail", "categories"]));

    let nothing = home.run("UTC", &["login", "--scopes", ","]);
    assert_eq!(nothing.status.code(), Some(2), "{}", stderr(&nothing));
}
