//! Which permissions Microsoft Graph accepts for each route the simulator serves: written from
//! the public permission data (microsoftgraph/msgraph-metadata `permissions/beta/*.json`) and the
//! "least privileged / higher privileged" tables of each API page on learn.microsoft.com.
//!
//! A rule lists every permission that grants its methods on its path, the least privileged
//! first; holding any one of them is enough. `own` applies to the signed-in user's own data,
//! `others` to someone else's (a shared mailbox, another user's drive, a site library), `app` to
//! app-only tokens (the `roles` claim). Paths use the router's syntax: `{x}` is one segment,
//! `{*x}` the rest.
use super::{Perms, Rule, Workload};

// ---- permission sets --------------------------------------------------------------------------

/// Mail.json: GET on folders and messages; Mail.ReadBasic omits bodies and attachments.
const MAIL_READ_BASIC: Perms = Perms {
    own: &["Mail.ReadBasic", "Mail.Read", "Mail.ReadWrite"],
    others: &["Mail.Read.Shared", "Mail.ReadWrite.Shared"],
    app: &["Mail.ReadBasic.All", "Mail.Read", "Mail.ReadWrite"],
};
/// Attachments are not in Mail.ReadBasic (Mail.json lists them under Mail.Read only).
const MAIL_READ: Perms = Perms {
    own: &["Mail.Read", "Mail.ReadWrite"],
    others: &["Mail.Read.Shared", "Mail.ReadWrite.Shared"],
    app: &["Mail.Read", "Mail.ReadWrite"],
};
/// Creating, changing, moving and deleting mail; also createReply/createForward (drafts).
const MAIL_WRITE: Perms =
    Perms { own: &["Mail.ReadWrite"], others: &["Mail.ReadWrite.Shared"], app: &["Mail.ReadWrite"] };
/// send, sendMail, reply, replyAll, forward.
const MAIL_SEND: Perms = Perms { own: &["Mail.Send"], others: &["Mail.Send.Shared"], app: &["Mail.Send"] };
/// MailboxSettings.json: the master category list. There is no `.Shared` variant.
const SETTINGS_READ: Perms = Perms {
    own: &["MailboxSettings.Read", "MailboxSettings.ReadWrite"],
    others: &[],
    app: &["MailboxSettings.Read", "MailboxSettings.ReadWrite"],
};
const SETTINGS_WRITE: Perms =
    Perms { own: &["MailboxSettings.ReadWrite"], others: &[], app: &["MailboxSettings.ReadWrite"] };
/// Calendars.json and the calendar/event API pages (Calendars.ReadBasic leaves out bodies).
const CALENDAR_READ: Perms = Perms {
    own: &["Calendars.ReadBasic", "Calendars.Read", "Calendars.ReadWrite"],
    others: &["Calendars.Read.Shared", "Calendars.ReadWrite.Shared"],
    app: &["Calendars.ReadBasic", "Calendars.Read", "Calendars.ReadWrite"],
};
/// findMeetingTimes reads other people's free/busy: only the `.Shared` permissions grant it.
const CALENDAR_SHARED_READ: Perms =
    Perms { own: &["Calendars.Read.Shared", "Calendars.ReadWrite.Shared"], others: &[], app: &[] };
/// Creating and changing events, and answering invitations (accept, decline...).
const CALENDAR_WRITE: Perms =
    Perms { own: &["Calendars.ReadWrite"], others: &["Calendars.ReadWrite.Shared"], app: &["Calendars.ReadWrite"] };
/// user-list-memberof: the signed-in user's own memberships need only User.Read.
const MEMBER_OF: Perms = Perms {
    own: &["User.Read", "GroupMember.Read.All", "Directory.Read.All", "Directory.ReadWrite.All"],
    others: &["User.Read.All", "GroupMember.Read.All", "Directory.Read.All", "Directory.ReadWrite.All"],
    app: &[],
};
/// A group's calendar and events (calendar-get, group-list-events: group calendar rows):
/// Group.Read.All, which needs an administrator's consent; no application permission.
const GROUP_CALENDAR_READ: Perms = Perms {
    own: &["Group.Read.All", "Group.ReadWrite.All"],
    others: &["Group.Read.All", "Group.ReadWrite.All"],
    app: &[],
};
/// group-list-calendarview also accepts the Calendars permissions as higher privileged ones.
const GROUP_CALENDAR_VIEW: Perms = Perms {
    own: &["Group.Read.All", "Calendars.Read", "Calendars.ReadBasic", "Calendars.ReadWrite", "Group.ReadWrite.All"],
    others: &["Group.Read.All", "Calendars.Read", "Calendars.ReadBasic", "Calendars.ReadWrite", "Group.ReadWrite.All"],
    app: &["Calendars.ReadBasic", "Calendars.Read", "Calendars.ReadWrite"],
};
/// group-post-events: Group.ReadWrite.All only.
const GROUP_CALENDAR_WRITE: Perms = Perms { own: &["Group.ReadWrite.All"], others: &["Group.ReadWrite.All"], app: &[] };
/// Contacts.json.
const CONTACTS_READ: Perms = Perms {
    own: &["Contacts.Read", "Contacts.ReadWrite"],
    others: &["Contacts.Read.Shared", "Contacts.ReadWrite.Shared"],
    app: &["Contacts.Read", "Contacts.ReadWrite"],
};
const CONTACTS_WRITE: Perms =
    Perms { own: &["Contacts.ReadWrite"], others: &["Contacts.ReadWrite.Shared"], app: &["Contacts.ReadWrite"] };
/// Tasks.json and the To Do pages (todo-list-lists: application Tasks.Read.All).
const TASKS_READ: Perms = Perms {
    own: &["Tasks.Read", "Tasks.ReadWrite"],
    others: &["Tasks.Read.Shared", "Tasks.ReadWrite.Shared"],
    app: &["Tasks.Read.All", "Tasks.ReadWrite.All"],
};
/// Tasks.json files `DELETE /me/todo/lists/{id}` under Tasks.Read; the API page
/// (todotasklist-delete) says Tasks.ReadWrite, which is what the service enforces.
const TASKS_WRITE: Perms =
    Perms { own: &["Tasks.ReadWrite"], others: &["Tasks.ReadWrite.Shared"], app: &["Tasks.ReadWrite.All"] };
/// People.json: People.Read for one's own list; People.Read.All (admin consent) for others.
const PEOPLE: Perms =
    Perms { own: &["People.Read", "People.Read.All"], others: &["People.Read.All"], app: &["People.Read.All"] };
/// User.json: the signed-in user's profile needs only User.Read; another user's needs a
/// directory-wide permission. `User.ReadBasic.All` has no working application form (user-list).
const PROFILE: Perms = Perms {
    own: &[
        "User.Read",
        "User.ReadWrite",
        "User.ReadBasic.All",
        "User.Read.All",
        "User.ReadWrite.All",
        "Directory.Read.All",
        "Directory.ReadWrite.All",
    ],
    others: &[
        "User.ReadBasic.All",
        "User.Read.All",
        "User.ReadWrite.All",
        "Directory.Read.All",
        "Directory.ReadWrite.All",
    ],
    app: &["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
};
const DIRECTORY: Perms = Perms { own: PROFILE.others, others: PROFILE.others, app: PROFILE.app };
/// profilephoto-get: a photo is read as the profile it belongs to (one's own with User.Read,
/// another user's with User.ReadBasic.All).
const PHOTO: Perms = PROFILE;
/// A user's manager (user-list-manager): a directory-wide read, User.Read.All at least.
const MANAGER: Perms = Perms { own: PROFILE.app, others: PROFILE.app, app: PROFILE.app };
/// Files.json and Sites.json: reading one's own OneDrive. Someone else's drive or a site
/// library needs an `.All` permission (Files.Read reaches only the user's own files).
const FILES_READ: Perms = Perms {
    own: &[
        "Files.Read",
        "Files.ReadWrite",
        "Files.Read.All",
        "Files.ReadWrite.All",
        "Sites.Read.All",
        "Sites.ReadWrite.All",
    ],
    others: &["Files.Read.All", "Files.ReadWrite.All", "Sites.Read.All", "Sites.ReadWrite.All"],
    app: &["Files.Read.All", "Files.ReadWrite.All", "Sites.Read.All", "Sites.ReadWrite.All"],
};
/// User.json also lists User.Read for `GET /me/drive`.
const MY_DRIVE: Perms = Perms {
    own: &[
        "Files.Read",
        "Files.ReadWrite",
        "Files.Read.All",
        "Files.ReadWrite.All",
        "Sites.Read.All",
        "Sites.ReadWrite.All",
        "User.Read",
    ],
    others: FILES_READ.others,
    app: FILES_READ.app,
};
/// Files.json lists sharedWithMe under the `.All` permissions only.
const SHARED_WITH_ME: Perms = Perms { own: FILES_READ.others, others: FILES_READ.others, app: FILES_READ.app };
const FILES_WRITE: Perms = Perms {
    own: &["Files.ReadWrite", "Files.ReadWrite.All", "Sites.ReadWrite.All"],
    others: &["Files.ReadWrite.All", "Sites.ReadWrite.All"],
    app: &["Files.ReadWrite.All", "Sites.ReadWrite.All"],
};
/// Sites.json: sites, their lists and followed sites.
const SITES_READ: Perms = Perms {
    own: &["Sites.Read.All", "Sites.ReadWrite.All", "Sites.Manage.All", "Sites.FullControl.All"],
    others: &["Sites.Read.All", "Sites.ReadWrite.All", "Sites.Manage.All", "Sites.FullControl.All"],
    app: &["Sites.Read.All", "Sites.ReadWrite.All", "Sites.Manage.All", "Sites.FullControl.All"],
};
/// Files.json lists a site's drives under Files.Read as well as the `.All` permissions.
const SITE_DRIVES: Perms = Perms {
    own: &[
        "Files.Read",
        "Files.ReadWrite",
        "Files.Read.All",
        "Files.ReadWrite.All",
        "Sites.Read.All",
        "Sites.ReadWrite.All",
    ],
    others: &[
        "Files.Read",
        "Files.ReadWrite",
        "Files.Read.All",
        "Files.ReadWrite.All",
        "Sites.Read.All",
        "Sites.ReadWrite.All",
    ],
    app: FILES_READ.app,
};

// ---- rules ------------------------------------------------------------------------------------

const GET: &[&str] = &["GET"];
const POST: &[&str] = &["POST"];
const WRITES: &[&str] = &["PATCH", "DELETE"];
const ANY_WRITE: &[&str] = &["POST", "PUT", "PATCH", "DELETE"];

const fn outlook(methods: &'static [&'static str], path: &'static str, perms: Perms) -> Rule {
    Rule { methods, path, workload: Some(Workload::Outlook), perms }
}

const fn drive(methods: &'static [&'static str], path: &'static str, perms: Perms) -> Rule {
    Rule { methods, path, workload: Some(Workload::Drive), perms }
}

const fn directory(methods: &'static [&'static str], path: &'static str, perms: Perms) -> Rule {
    Rule { methods, path, workload: Some(Workload::Directory), perms }
}

/// Every route the simulator serves under the Graph root, with what it needs.
pub const RULES: &[Rule] = &[
    // `$batch` itself needs nothing; each sub-request goes through this check on its own.
    Rule { methods: POST, path: "/$batch", workload: None, perms: Perms { own: &[], others: &[], app: &[] } },
    // Directory and people.
    directory(GET, "/me", PROFILE),
    directory(GET, "/users/{user}", PROFILE),
    directory(GET, "/users", DIRECTORY),
    // user-list-manager: User.Read.All is the least privileged delegated permission.
    directory(GET, "/me/manager", MANAGER),
    directory(GET, "/users/{user}/manager", MANAGER),
    // A photo is served by Exchange: its refusals take Outlook's shape.
    outlook(GET, "/me/photo/$value", PHOTO),
    outlook(GET, "/users/{user}/photo/$value", PHOTO),
    outlook(GET, "/me/people", PEOPLE),
    // Mail folders (Mail.json).
    outlook(GET, "/me/mailFolders", MAIL_READ_BASIC),
    outlook(POST, "/me/mailFolders", MAIL_WRITE),
    // message-delta and mailfolder-delta: Mail.ReadBasic is enough (Mail.json).
    outlook(GET, "/me/mailFolders/delta", MAIL_READ_BASIC),
    outlook(GET, "/me/mailFolders/{folder}/messages/delta", MAIL_READ_BASIC),
    outlook(GET, "/me/mailFolders/{folder}", MAIL_READ_BASIC),
    outlook(WRITES, "/me/mailFolders/{folder}", MAIL_WRITE),
    outlook(GET, "/me/mailFolders/{folder}/childFolders", MAIL_READ_BASIC),
    outlook(POST, "/me/mailFolders/{folder}/childFolders", MAIL_WRITE),
    outlook(POST, "/me/mailFolders/{folder}/move", MAIL_WRITE),
    outlook(POST, "/me/mailFolders/{folder}/copy", MAIL_WRITE),
    // Messages. `$value` (MIME) is documented on message-get with the same permissions.
    outlook(GET, "/me/messages", MAIL_READ_BASIC),
    outlook(POST, "/me/messages", MAIL_WRITE),
    outlook(GET, "/me/messages/$count", MAIL_READ_BASIC),
    outlook(GET, "/me/mailFolders/{folder}/messages", MAIL_READ_BASIC),
    outlook(POST, "/me/mailFolders/{folder}/messages", MAIL_WRITE),
    outlook(GET, "/me/mailFolders/{folder}/messages/$count", MAIL_READ_BASIC),
    outlook(GET, "/me/mailFolders/{folder}/messages/{id}", MAIL_READ_BASIC),
    outlook(WRITES, "/me/mailFolders/{folder}/messages/{id}", MAIL_WRITE),
    outlook(GET, "/me/mailFolders/{folder}/messages/{id}/$value", MAIL_READ_BASIC),
    outlook(GET, "/me/messages/{id}", MAIL_READ_BASIC),
    outlook(WRITES, "/me/messages/{id}", MAIL_WRITE),
    outlook(GET, "/me/messages/{id}/$value", MAIL_READ_BASIC),
    outlook(POST, "/me/messages/{id}/move", MAIL_WRITE),
    outlook(POST, "/me/messages/{id}/copy", MAIL_WRITE),
    // message-permanentdelete: Mail.ReadWrite, no higher.
    outlook(POST, "/me/messages/{id}/permanentDelete", MAIL_WRITE),
    outlook(POST, "/me/messages/{id}/createReply", MAIL_WRITE),
    outlook(POST, "/me/messages/{id}/createReplyAll", MAIL_WRITE),
    outlook(POST, "/me/messages/{id}/createForward", MAIL_WRITE),
    outlook(POST, "/me/messages/{id}/send", MAIL_SEND),
    outlook(POST, "/me/messages/{id}/reply", MAIL_SEND),
    outlook(POST, "/me/messages/{id}/replyAll", MAIL_SEND),
    outlook(POST, "/me/messages/{id}/forward", MAIL_SEND),
    outlook(POST, "/me/sendMail", MAIL_SEND),
    // Attachments.
    outlook(GET, "/me/messages/{id}/attachments", MAIL_READ),
    outlook(POST, "/me/messages/{id}/attachments", MAIL_WRITE),
    outlook(GET, "/me/messages/{id}/attachments/{attachment}", MAIL_READ),
    outlook(&["DELETE"], "/me/messages/{id}/attachments/{attachment}", MAIL_WRITE),
    outlook(GET, "/me/messages/{id}/attachments/{attachment}/$value", MAIL_READ),
    outlook(POST, "/me/messages/{id}/attachments/createUploadSession", MAIL_WRITE),
    // Outlook categories (MailboxSettings.json; outlookuser-list-mastercategories).
    outlook(GET, "/me/outlook/masterCategories", SETTINGS_READ),
    outlook(POST, "/me/outlook/masterCategories", SETTINGS_WRITE),
    outlook(GET, "/me/outlook/masterCategories/{id}", SETTINGS_READ),
    outlook(WRITES, "/me/outlook/masterCategories/{id}", SETTINGS_WRITE),
    // Calendars and events (Calendars.json).
    outlook(GET, "/me/calendars", CALENDAR_READ),
    outlook(GET, "/me/calendar", CALENDAR_READ),
    outlook(GET, "/me/calendars/{id}", CALENDAR_READ),
    outlook(GET, "/me/events", CALENDAR_READ),
    outlook(POST, "/me/events", CALENDAR_WRITE),
    outlook(GET, "/me/calendar/events", CALENDAR_READ),
    outlook(POST, "/me/calendar/events", CALENDAR_WRITE),
    outlook(GET, "/me/calendars/{id}/events", CALENDAR_READ),
    outlook(POST, "/me/calendars/{id}/events", CALENDAR_WRITE),
    outlook(GET, "/me/events/{id}", CALENDAR_READ),
    outlook(WRITES, "/me/events/{id}", CALENDAR_WRITE),
    outlook(GET, "/me/events/{id}/instances", CALENDAR_READ),
    outlook(POST, "/me/events/{id}/accept", CALENDAR_WRITE),
    outlook(POST, "/me/events/{id}/tentativelyAccept", CALENDAR_WRITE),
    outlook(POST, "/me/events/{id}/decline", CALENDAR_WRITE),
    // event-cancel: Calendars.ReadWrite; calendar-getschedule: Calendars.ReadBasic.
    outlook(POST, "/me/events/{id}/cancel", CALENDAR_WRITE),
    outlook(POST, "/me/calendar/getSchedule", CALENDAR_READ),
    // user-findmeetingtimes: delegated Calendars.Read.Shared (least), Calendars.ReadWrite.Shared;
    // no application permission.
    outlook(POST, "/me/findMeetingTimes", CALENDAR_SHARED_READ),
    outlook(GET, "/me/calendarView", CALENDAR_READ),
    // event-delta (calendarView delta): Calendars.ReadBasic is enough (Calendars.json).
    outlook(GET, "/me/calendarView/delta", CALENDAR_READ),
    outlook(GET, "/me/calendar/calendarView", CALENDAR_READ),
    outlook(GET, "/me/calendars/{id}/calendarView", CALENDAR_READ),
    // Groups the user belongs to and their calendars.
    directory(GET, "/me/memberOf", MEMBER_OF),
    directory(GET, "/me/memberOf/microsoft.graph.group", MEMBER_OF),
    outlook(GET, "/groups/{group}/calendar", GROUP_CALENDAR_READ),
    outlook(GET, "/groups/{group}/calendarView", GROUP_CALENDAR_VIEW),
    outlook(GET, "/groups/{group}/calendar/calendarView", GROUP_CALENDAR_READ),
    outlook(GET, "/groups/{group}/events", GROUP_CALENDAR_READ),
    outlook(GET, "/groups/{group}/calendar/events", GROUP_CALENDAR_READ),
    outlook(GET, "/groups/{group}/events/{id}", GROUP_CALENDAR_READ),
    outlook(POST, "/groups/{group}/events", GROUP_CALENDAR_WRITE),
    outlook(POST, "/groups/{group}/calendar/events", GROUP_CALENDAR_WRITE),
    // Contacts (Contacts.json).
    outlook(GET, "/me/contacts", CONTACTS_READ),
    outlook(POST, "/me/contacts", CONTACTS_WRITE),
    outlook(GET, "/me/contacts/{id}", CONTACTS_READ),
    outlook(WRITES, "/me/contacts/{id}", CONTACTS_WRITE),
    outlook(GET, "/me/contactFolders", CONTACTS_READ),
    // contact-delta and contactfolder-delta: Contacts.Read.
    outlook(GET, "/me/contactFolders/delta", CONTACTS_READ),
    outlook(GET, "/me/contactFolders/{folder}/contacts/delta", CONTACTS_READ),
    outlook(POST, "/me/contactFolders", CONTACTS_WRITE),
    outlook(GET, "/me/contactFolders/{folder}", CONTACTS_READ),
    outlook(GET, "/me/contactFolders/{folder}/contacts", CONTACTS_READ),
    outlook(POST, "/me/contactFolders/{folder}/contacts", CONTACTS_WRITE),
    outlook(GET, "/me/contactFolders/{folder}/contacts/{id}", CONTACTS_READ),
    outlook(WRITES, "/me/contactFolders/{folder}/contacts/{id}", CONTACTS_WRITE),
    outlook(GET, "/me/contactFolders/{folder}/childFolders", CONTACTS_READ),
    // Mailbox settings (user-get-mailboxsettings, user-update-mailboxsettings).
    outlook(GET, "/me/mailboxSettings", SETTINGS_READ),
    outlook(&["PATCH"], "/me/mailboxSettings", SETTINGS_WRITE),
    outlook(GET, "/me/mailboxSettings/{property}", SETTINGS_READ),
    // Microsoft To Do (Tasks.json).
    outlook(GET, "/me/todo/lists", TASKS_READ),
    outlook(POST, "/me/todo/lists", TASKS_WRITE),
    // todotasklist-delta and todotask-delta: Tasks.Read.
    outlook(GET, "/me/todo/lists/delta", TASKS_READ),
    outlook(GET, "/me/todo/lists/{list_id}/tasks/delta", TASKS_READ),
    outlook(GET, "/me/todo/lists/{list_id}", TASKS_READ),
    outlook(WRITES, "/me/todo/lists/{list_id}", TASKS_WRITE),
    outlook(GET, "/me/todo/lists/{list_id}/tasks", TASKS_READ),
    outlook(POST, "/me/todo/lists/{list_id}/tasks", TASKS_WRITE),
    outlook(GET, "/me/todo/lists/{list_id}/tasks/{task_id}", TASKS_READ),
    outlook(WRITES, "/me/todo/lists/{list_id}/tasks/{task_id}", TASKS_WRITE),
    outlook(GET, "/me/todo/lists/{list_id}/tasks/{task_id}/checklistItems", TASKS_READ),
    outlook(POST, "/me/todo/lists/{list_id}/tasks/{task_id}/checklistItems", TASKS_WRITE),
    outlook(GET, "/me/todo/lists/{list_id}/tasks/{task_id}/checklistItems/{item_id}", TASKS_READ),
    outlook(WRITES, "/me/todo/lists/{list_id}/tasks/{task_id}/checklistItems/{item_id}", TASKS_WRITE),
    outlook(GET, "/me/todo/lists/{list_id}/tasks/{task_id}/linkedResources", TASKS_READ),
    outlook(POST, "/me/todo/lists/{list_id}/tasks/{task_id}/linkedResources", TASKS_WRITE),
    outlook(GET, "/me/todo/lists/{list_id}/tasks/{task_id}/linkedResources/{linked_id}", TASKS_READ),
    outlook(WRITES, "/me/todo/lists/{list_id}/tasks/{task_id}/linkedResources/{linked_id}", TASKS_WRITE),
    // OneDrive (Files.json): every address form inside a drive reads or writes the same way.
    drive(GET, "/me/drive", MY_DRIVE),
    drive(GET, "/me/drive/sharedWithMe", SHARED_WITH_ME),
    drive(GET, "/me/drive/{*rest}", FILES_READ),
    drive(ANY_WRITE, "/me/drive/{*rest}", FILES_WRITE),
    drive(GET, "/drives/{drive_id}", FILES_READ),
    drive(GET, "/drives/{drive_id}/{*rest}", FILES_READ),
    drive(ANY_WRITE, "/drives/{drive_id}/{*rest}", FILES_WRITE),
    // SharePoint sites (Sites.json).
    drive(GET, "/sites", SITES_READ),
    drive(GET, "/sites/root", SITES_READ),
    drive(GET, "/sites/{site_id}", SITES_READ),
    drive(GET, "/sites/{site_id}/drives", SITE_DRIVES),
    drive(GET, "/sites/{site_id}/drive", SITE_DRIVES),
    drive(GET, "/me/followedSites", SITES_READ),
];
