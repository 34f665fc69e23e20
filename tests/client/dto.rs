//! Wire types against the graph-facts §4 samples (tests/fixtures), and their conversion to
//! domain types: values read, tolerance (minimal objects, unknown fields and enum values, nulls),
//! and serialization with Graph's names.
use chrono::{DateTime, NaiveDate, Utc};
use o365::domain::{self, Body, DriveItemKind, EventTime, PhoneKind};
use o365_graph::dto::{self, Attachment, FlagStatus, Importance, Page, ResponseType, TaskStatus};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn parse<T: DeserializeOwned>(name: &str) -> T {
    serde_json::from_str(&fixture(name)).unwrap_or_else(|error| panic!("{name}: {error}"))
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

/// Serializes, checks the output re-reads to the same value, and returns the JSON.
fn round_trip<T: DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug>(value: &T) -> Value {
    let json = serde_json::to_value(value).unwrap();
    let again: T = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(&again, value);
    json
}

#[test]
fn messages_page_reads_items_and_next_link() {
    let page: Page<dto::Message> = parse("messages_page");
    assert_eq!(page.value.len(), 2);
    assert_eq!(
        page.next_link.as_deref(),
        Some(
            "https://graph.microsoft.com/v1.0/me/messages?$select=subject%2cfrom%2creceivedDateTime%2cisRead&$top=2&$skip=2"
        )
    );
    assert_eq!(page.delta_link, None);
    let first = domain::MessageSummary::from(&page.value[0]);
    assert_eq!(first.subject, "You have late tasks!");
    assert!(!first.is_read);
    assert_eq!(first.from.as_ref().unwrap().address, "noreply@planner.office365.com");
    assert_eq!(first.received, Some(utc("2024-05-02T08:14:04Z")));
    assert!(domain::MessageSummary::from(&page.value[1]).is_read);
    let json = round_trip(&page);
    assert!(json.get("@odata.nextLink").is_some());
    assert!(json.get("@odata.deltaLink").is_none(), "absent links are not written");
}

#[test]
fn full_message_reads_every_property() {
    let message: dto::Message = parse("message");
    assert_eq!(message.importance, Some(Importance::High));
    assert_eq!(message.inference_classification, Some(dto::InferenceClassification::Focused));
    assert_eq!(message.conversation_index.as_deref(), Some("AQHanH2v3Ks8b1x9TUGJ8yW3bB5u7w=="));
    let flag = message.flag.as_ref().unwrap();
    assert_eq!(flag.flag_status, Some(FlagStatus::Flagged));
    assert_eq!(flag.due_date_time.as_ref().unwrap().date_time, "2024-05-03T00:00:00.0000000");
    assert_eq!(message.body.as_ref().unwrap().content_type, Some(dto::BodyType::Html));

    let domain = domain::Message::from(&message);
    assert_eq!(domain.summary.id, "AAMkADhMGAAA=");
    assert!(domain.summary.is_flagged && domain.summary.has_attachments && !domain.summary.is_read);
    assert_eq!(domain.summary.importance, Some(Importance::High));
    assert_eq!(domain.summary.conversation_id.as_deref(), Some("AAQkADOUpag6yWs="));
    assert_eq!(domain.summary.from.as_ref().unwrap().name, "Adele Vance");
    assert_eq!(domain.to.len(), 1);
    assert_eq!(domain.to[0].address, "AlexW@contoso.onmicrosoft.com");
    assert!(domain.cc.is_empty() && domain.bcc.is_empty() && domain.reply_to.is_empty());
    assert!(matches!(&domain.body, Body::Html(html) if html.contains("draft budget attached")));
    assert_eq!(domain.categories, ["Blue category"]);
    assert_eq!(domain.sent, Some(utc("2024-05-02T08:14:01Z")));
    assert!(domain.web_link.unwrap().starts_with("https://outlook.office365.com/owa/"));

    let json = round_trip(&message);
    for key in ["@odata.etag", "receivedDateTime", "toRecipients", "inferenceClassification", "isReadReceiptRequested"]
    {
        assert!(json.get(key).is_some(), "{key} missing from {json}");
    }
    assert_eq!(json["flag"]["flagStatus"], "flagged");
    assert_eq!(json["body"]["contentType"], "html");
    assert!(json.get("ccRecipients").is_none(), "empty collections are skipped");
}

#[test]
fn mail_folder_converts_counts() {
    let folder = domain::Folder::from(&parse::<dto::MailFolder>("mail_folder"));
    assert_eq!(folder.name, "Inbox");
    assert_eq!((folder.unread_count, folder.total_count, folder.child_folder_count), (59, 60, 2));
    assert_eq!(folder.parent_id.as_deref(), Some("AQMkADYAAAIBCAAAAA=="));
    assert!(!folder.is_hidden && !folder.is_search_folder);
}

#[test]
fn series_master_event_reads_recurrence_and_attendees() {
    let event: dto::Event = parse("event_series_master");
    let recurrence = event.recurrence.as_ref().unwrap();
    let pattern = recurrence.pattern.as_ref().unwrap();
    assert_eq!(pattern.kind, Some(dto::RecurrencePatternType::Weekly));
    assert_eq!(pattern.days_of_week, [dto::DayOfWeek::Monday]);
    assert_eq!(pattern.index, Some(dto::WeekIndex::First));
    let range = recurrence.range.as_ref().unwrap();
    assert_eq!(range.kind, Some(dto::RecurrenceRangeType::EndDate));
    assert_eq!(range.end_date.as_deref(), Some("2024-07-29"));
    assert_eq!(event.ical_uid.as_deref().map(str::len), Some(112));
    assert_eq!(event.online_meeting_provider, Some(dto::OnlineMeetingProvider::TeamsForBusiness));

    let domain = domain::Event::from(&event);
    assert_eq!(domain.subject, "Weekly sync");
    let Some(EventTime::Timed { start, end }) = domain.time else { panic!("{:?}", domain.time) };
    assert_eq!(start.with_timezone(&Utc), utc("2024-05-06T07:00:00Z"));
    assert_eq!(end.with_timezone(&Utc), utc("2024-05-06T07:30:00Z"));
    assert_eq!(domain.location.as_deref(), Some("Room 1"));
    assert_eq!(domain.organizer.as_ref().unwrap().address, "AdeleV@contoso.onmicrosoft.com");
    assert_eq!(domain.attendees.len(), 1);
    assert_eq!(domain.attendees[0].response, Some(ResponseType::Accepted));
    assert_eq!(domain.attendees[0].kind, Some(dto::AttendeeType::Required));
    assert_eq!(domain.attendees[0].responded, Some(utc("2024-04-30T11:02:00Z")));
    assert_eq!(domain.my_response, Some(ResponseType::Organizer));
    assert!(domain.online_meeting_url.unwrap().starts_with("https://teams.microsoft.com/l/meetup-join/"));
    assert_eq!(domain.show_as, Some(dto::ShowAs::Busy));
    assert_eq!(domain.kind, Some(dto::EventType::SeriesMaster));
    assert!(domain.is_recurring && !domain.is_cancelled && domain.is_organizer);
    assert_eq!(domain.series_master_id, None);

    let json = round_trip(&event);
    assert!(json.get("iCalUId").is_some());
    assert_eq!(json["type"], "seriesMaster");
    assert_eq!(json["recurrence"]["pattern"]["daysOfWeek"], json!(["monday"]));
    assert_eq!(json["attendees"][0]["status"]["response"], "accepted");
}

#[test]
fn all_day_event_in_a_windows_zone_keeps_its_dates() {
    let event: dto::Event = serde_json::from_value(json!({
        "id": "e1", "subject": "Offsite", "isAllDay": true, "type": "occurrence",
        "seriesMasterId": "AAMkADNVxRAAA=", "recurrence": null,
        "start": {"dateTime": "2024-03-10T00:00:00.0000000", "timeZone": "Pacific Standard Time"},
        "end": {"dateTime": "2024-03-12T00:00:00.0000000", "timeZone": "Pacific Standard Time"}
    }))
    .unwrap();
    let domain = domain::Event::from(&event);
    assert_eq!(
        domain.time,
        Some(EventTime::AllDay {
            start: NaiveDate::from_ymd_opt(2024, 3, 10).unwrap(),
            end_exclusive: NaiveDate::from_ymd_opt(2024, 3, 12).unwrap()
        })
    );
    assert!(domain.is_recurring);
    assert_eq!(domain.series_master_id.as_deref(), Some("AAMkADNVxRAAA="));
}

#[test]
fn drive_items_convert_file_and_folder() {
    let file: dto::DriveItem = parse("drive_item_file");
    assert!(file.download_url.as_deref().unwrap().contains("download.aspx"));
    assert_eq!(
        file.file.as_ref().unwrap().hashes.as_ref().unwrap().quick_xor_hash.as_deref(),
        Some("aG0Sx2HGR3yGr7WLwVZtVxMK1W8=")
    );
    let domain = domain::DriveItem::from(&file);
    assert_eq!(domain.name, "Budget Q2.xlsx");
    assert_eq!(
        domain.kind,
        DriveItemKind::File {
            mime: Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".into()),
            size: 28351
        }
    );
    assert_eq!(domain.parent_path.as_deref(), Some("/Finance"));
    assert_eq!(domain.path().as_deref(), Some("/Finance/Budget Q2.xlsx"));
    assert_eq!(domain.modified, Some(utc("2024-05-01T15:20:45Z")));
    assert_eq!(domain.modified_by.as_deref(), Some("Alex Wilber"));
    assert_eq!(domain.parent_id.as_deref(), Some("01BYE5RZ56Y2GOVW7725BZO354PWSELRRZ"));
    let json = round_trip(&file);
    assert!(json.get("@microsoft.graph.downloadUrl").is_some());
    assert!(json.get("eTag").is_some() && json.get("cTag").is_some() && json.get("fileSystemInfo").is_some());

    let folder = domain::DriveItem::from(&parse::<dto::DriveItem>("drive_item_folder"));
    assert_eq!(folder.kind, DriveItemKind::Folder { child_count: 4 });
    assert!(folder.is_folder());
    assert_eq!(folder.path().as_deref(), Some("/Finance"));

    let root: dto::DriveItem =
        serde_json::from_value(json!({"id": "r", "name": "root", "root": {}, "folder": {"childCount": 1}})).unwrap();
    assert!(domain::DriveItem::from(&root).is_root);
    assert_eq!(round_trip(&root)["root"], json!({}));
}

#[test]
fn todo_list_and_task_convert() {
    let list = domain::TaskList::from(&parse::<dto::TodoTaskList>("todo_task_list"));
    assert_eq!(list.name, "Tasks");
    assert!(list.is_default() && list.is_owner && !list.is_shared);

    let task: dto::TodoTask = parse("todo_task");
    let domain = domain::Task::from(&task);
    assert_eq!(domain.title, "Submit expense report");
    assert_eq!(domain.status, TaskStatus::InProgress);
    assert_eq!(domain.importance, Importance::High);
    assert_eq!(domain.due, NaiveDate::from_ymd_opt(2024, 5, 10));
    assert_eq!(domain.reminder, Some(utc("2024-05-09T08:00:00Z")));
    assert_eq!(domain.completed, None);
    assert_eq!(domain.note, Some(Body::Text("Include the taxi receipts.".into())));
    assert_eq!(domain.checklist.len(), 1);
    assert!(domain.checklist[0].is_checked);
    assert_eq!(domain.checklist[0].title, "Scan receipts");
    assert_eq!(domain.created, Some(utc("2024-05-01T09:03:05.8339192Z")));
    assert!(!domain.is_completed());
    assert_eq!(round_trip(&task)["checklistItems"][0]["isChecked"], true);
}

#[test]
fn contact_and_user_convert() {
    let contact = domain::Contact::from(&parse::<dto::Contact>("contact"));
    assert_eq!(contact.name, "Pavel Bansky");
    assert_eq!(contact.emails[0].address, "pavelb@fabrikam.onmicrosoft.com");
    assert_eq!(contact.phones[0].kind, PhoneKind::Mobile);
    assert_eq!(contact.phones[0].number, "+1 425 555 0188");
    assert_eq!(contact.phones[1].kind, PhoneKind::Business);
    assert_eq!(contact.company.as_deref(), Some("Fabrikam"));
    assert_eq!(contact.title.as_deref(), Some("Product Manager"));

    let me = domain::Me::from(&parse::<dto::User>("user_me"));
    assert_eq!(me.display_name, "Adele Vance");
    assert_eq!(me.email.as_deref(), Some("AdeleV@contoso.onmicrosoft.com"));
    assert_eq!(me.id, "87d349ed-44d7-43e1-9a83-5f2406dee5bd");
    assert_eq!(me.phones, ["+1 412 555 0109"]);
}

#[test]
fn graph_errors_read_nested_inner_errors() {
    let body: dto::GraphErrorBody = parse("graph_error");
    assert_eq!(body.error.code, "ErrorItemNotFound");
    assert_eq!(body.error.request_id(), Some("2f286794-6102-4009-9b50-300118150029"));
    assert_eq!(body.error.date(), Some(utc("2024-05-02T08:30:12Z")));
    let json = round_trip(&body);
    assert!(json["error"]["innerError"].get("client-request-id").is_some());

    let nested: dto::GraphErrorBody = serde_json::from_value(json!({"error": {
        "code": "invalidRequest", "message": "x",
        "innererror": {"code": "fragmentOverlap", "innererror": {"code": "uploadSessionFailed"}}
    }}))
    .unwrap();
    assert_eq!(nested.error.codes(), ["invalidRequest", "fragmentOverlap", "uploadSessionFailed"]);
    assert!(nested.error.has_code("UPLOADSESSIONFAILED"));
    assert!(!nested.error.has_code("itemNotFound"));
    let throttled: dto::GraphErrorBody = serde_json::from_value(json!({"error": {"code": "TooManyRequests",
        "innerError": {"code": "429", "date": "2020-08-18T12:51:51", "message": "Please retry after", "request-id": "94fb", "status": "429"},
        "message": "Please retry again later."}}))
    .unwrap();
    assert_eq!(throttled.error.inner_error.unwrap().status.as_deref(), Some("429"));
}

#[test]
fn minimal_objects_deserialize() {
    fn minimal<T: DeserializeOwned>() -> T {
        serde_json::from_str(r#"{"id":"x"}"#).unwrap()
    }
    assert_eq!(minimal::<dto::Message>().id, "x");
    assert_eq!(minimal::<dto::MailFolder>().id, "x");
    assert_eq!(minimal::<dto::Event>().id, "x");
    assert_eq!(minimal::<dto::Calendar>().id, "x");
    assert_eq!(minimal::<dto::DriveItem>().id, "x");
    assert_eq!(minimal::<dto::Drive>().id, "x");
    assert_eq!(minimal::<dto::TodoTaskList>().id, "x");
    assert_eq!(minimal::<dto::TodoTask>().id, "x");
    assert_eq!(minimal::<dto::ChecklistItem>().id, "x");
    assert_eq!(minimal::<dto::Contact>().id, "x");
    assert_eq!(minimal::<dto::ContactFolder>().id, "x");
    assert_eq!(minimal::<dto::User>().id, "x");
    assert_eq!(minimal::<dto::Person>().id, "x");
    // and convert without inventing data
    let event = domain::Event::from(&minimal::<dto::Event>());
    assert_eq!((event.time, event.location), (None, None));
    let item = domain::DriveItem::from(&minimal::<dto::DriveItem>());
    assert_eq!((&item.kind, item.path()), (&DriveItemKind::Other, None));
    assert_eq!(domain::Task::from(&minimal::<dto::TodoTask>()).status, TaskStatus::NotStarted);
    assert_eq!(serde_json::to_value(minimal::<dto::Message>()).unwrap(), json!({"id": "x"}));
}

#[test]
fn unknown_fields_and_enum_values_are_kept_or_ignored() {
    let task: dto::TodoTask = serde_json::from_value(json!({
        "id": "t", "status": "unknownFutureValue", "importance": "critical", "brandNewProperty": {"a": 1}
    }))
    .unwrap();
    assert_eq!(task.status, Some(TaskStatus::Other("unknownFutureValue".into())));
    assert_eq!(task.importance, Some(Importance::Other("critical".into())));
    assert_eq!(round_trip(&task)["status"], "unknownFutureValue");

    let event: dto::Event = serde_json::from_value(json!({"id": "e", "showAs": "somewhereElse", "type": "newKind",
        "responseStatus": {"response": "maybe"}}))
    .unwrap();
    assert_eq!(event.show_as, Some(dto::ShowAs::Other("somewhereElse".into())));
    assert_eq!(event.kind, Some(dto::EventType::Other("newKind".into())));
    // requests may spell enum members differently; Graph's spelling goes back out
    let body: dto::ItemBody = serde_json::from_value(json!({"contentType": "HTML", "content": "<p>x</p>"})).unwrap();
    assert_eq!(body.content_type, Some(dto::BodyType::Html));
    assert_eq!(serde_json::to_value(&body).unwrap()["contentType"], "html");
}

#[test]
fn nulls_are_tolerated_everywhere() {
    let message: dto::Message = serde_json::from_value(json!({
        "id": "m", "subject": null, "toRecipients": null, "categories": [null, "Red"],
        "ccRecipients": [null], "from": null, "flag": null, "receivedDateTime": null, "body": null, "attachments": null
    }))
    .unwrap();
    assert!(message.to_recipients.is_empty() && message.cc_recipients.is_empty());
    assert_eq!(message.categories, ["Red"]);
    let summary = domain::MessageSummary::from(&message);
    assert_eq!((summary.subject.as_str(), summary.from, summary.received), ("", None, None));
    let page: Page<dto::Message> = serde_json::from_value(json!({"value": null})).unwrap();
    assert!(page.value.is_empty());
    let with_null_id: dto::User = serde_json::from_value(json!({"id": null, "businessPhones": null})).unwrap();
    assert_eq!(with_null_id.id, "");
}

#[test]
fn attachments_dispatch_on_odata_type() {
    let list: Page<Attachment> = serde_json::from_value(json!({"value": [
        {"@odata.type": "#microsoft.graph.fileAttachment", "id": "a1", "name": "smile.gif", "contentType": "image/gif",
         "size": 1008, "isInline": true, "contentId": "smile", "contentBytes": "R0lGODdhEAYEAA=="},
        {"@odata.type": "#microsoft.graph.itemAttachment", "id": "a2", "name": "Re: plan", "size": 3000},
        {"@odata.type": "#microsoft.graph.referenceAttachment", "id": "a3", "name": "Spec.docx", "sourceUrl": "https://x/Spec.docx"},
        {"@odata.type": "#microsoft.graph.futureAttachment", "id": "a4", "name": "?"},
        {"id": "a5", "name": "untyped"}
    ]}))
    .unwrap();
    let Attachment::File(file) = &list.value[0] else { panic!("{:?}", list.value[0]) };
    assert_eq!(file.content_bytes.as_deref(), Some("R0lGODdhEAYEAA=="));
    assert!(matches!(list.value[1], Attachment::Item(_)));
    assert!(matches!(list.value[2], Attachment::Reference(_)));
    let Attachment::Other(other) = &list.value[3] else { panic!("{:?}", list.value[3]) };
    assert_eq!(other.odata_type.as_deref(), Some("#microsoft.graph.futureAttachment"));
    assert!(matches!(list.value[4], Attachment::Other(_)));

    let infos: Vec<domain::AttachmentInfo> = list.value.iter().map(domain::AttachmentInfo::from).collect();
    assert_eq!((infos[0].name.as_str(), infos[0].size, infos[0].inline), ("smile.gif", 1008, true));
    assert_eq!(infos[2].kind, domain::AttachmentKind::Reference { source_url: Some("https://x/Spec.docx".into()) });

    let json = round_trip(&list.value[0]);
    assert_eq!(json["@odata.type"], "#microsoft.graph.fileAttachment");
    assert_eq!(json["contentBytes"], "R0lGODdhEAYEAA==");
    assert_eq!(round_trip(&list.value[3])["@odata.type"], "#microsoft.graph.futureAttachment");
}

#[test]
fn request_bodies_send_only_what_is_set() {
    let task = dto::NewTask {
        title: "A new task".into(),
        due_date_time: Some(dto::DateTimeTimeZone::new("2024-05-10T00:00:00", "UTC")),
        importance: Some(Importance::High),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&task).unwrap(),
        json!({"title": "A new task", "dueDateTime": {"dateTime": "2024-05-10T00:00:00", "timeZone": "UTC"}, "importance": "high"})
    );
    let patch = dto::TaskPatch { status: Some(TaskStatus::Completed), due_date_time: Some(None), ..Default::default() };
    assert_eq!(serde_json::to_value(&patch).unwrap(), json!({"status": "completed", "dueDateTime": null}));
    let check = dto::ChecklistItemPatch { is_checked: Some(true), ..Default::default() };
    assert_eq!(serde_json::to_value(&check).unwrap(), json!({"isChecked": true}));
    assert_eq!(
        serde_json::to_value(dto::NewTaskList { display_name: "Travel items".into() }).unwrap(),
        json!({"displayName": "Travel items"})
    );
    let send = dto::SendMailRequest {
        message: dto::Message {
            subject: Some("Hi".into()),
            body: Some(dto::ItemBody::text("Hello")),
            to_recipients: vec![dto::Recipient::new("alex@contoso.com", Some("Alex"))],
            ..Default::default()
        },
        save_to_sent_items: Some(false),
    };
    assert_eq!(
        serde_json::to_value(&send).unwrap(),
        json!({"message": {"subject": "Hi", "body": {"contentType": "text", "content": "Hello"},
            "toRecipients": [{"emailAddress": {"name": "Alex", "address": "alex@contoso.com"}}]},
            "saveToSentItems": false})
    );
    let folder = dto::NewDriveFolder {
        name: "New Folder".into(),
        folder: Default::default(),
        conflict_behavior: Some(dto::ConflictBehavior::Rename),
    };
    assert_eq!(
        serde_json::to_value(&folder).unwrap(),
        json!({"name": "New Folder", "folder": {}, "@microsoft.graph.conflictBehavior": "rename"})
    );
    let flag = dto::MessagePatch {
        flag: Some(dto::FollowupFlag { flag_status: Some(FlagStatus::Flagged), ..Default::default() }),
        ..Default::default()
    };
    assert_eq!(serde_json::to_value(&flag).unwrap(), json!({"flag": {"flagStatus": "flagged"}}));
}
