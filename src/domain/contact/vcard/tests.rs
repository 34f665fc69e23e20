//! vCard writing and reading: escaping, folding, round trips, other versions, errors.
use chrono::NaiveDate;

use super::*;
use crate::domain::Mailbox;
use crate::domain::contact::{AddressKind, Contact, ContactPhone, PhoneKind, PostalAddress};

fn pavel() -> Contact {
    Contact {
        name: "Pavel Bansky".into(),
        given_name: "Pavel".into(),
        surname: "Bansky".into(),
        emails: vec![
            Mailbox { name: "Pavel Bansky".into(), address: "pavelb@fabrikam.example".into() },
            Mailbox { name: "Pavel Bansky".into(), address: "pavel@home.example".into() },
        ],
        phones: vec![
            ContactPhone { kind: PhoneKind::Mobile, number: "+1 425 555 0188".into() },
            ContactPhone { kind: PhoneKind::Business, number: "+1 732 555 0102".into() },
            ContactPhone { kind: PhoneKind::Home, number: "+1 732 555 0199".into() },
        ],
        company: Some("Fabrikam; Inc.".into()),
        department: Some("Sales, West".into()),
        title: Some("Product Manager".into()),
        office: Some("20/1101".into()),
        web_page: Some("https://www.fabrikam.example".into()),
        addresses: vec![
            (
                AddressKind::Home,
                PostalAddress { street: "2 Elm St".into(), city: "Kirkland".into(), ..Default::default() },
            ),
            (
                AddressKind::Business,
                PostalAddress {
                    street: "1 Microsoft Way".into(),
                    city: "Redmond".into(),
                    state: "WA".into(),
                    postal_code: "98052".into(),
                    country: "United States".into(),
                },
            ),
        ],
        birthday: NaiveDate::from_ymd_opt(1974, 7, 22),
        notes: "Met at Ignite.\nLikes \\ backslashes, commas; and semicolons.".into(),
        categories: vec!["Customers".into(), "Red, urgent".into()],
        spouse: Some("Ana".into()),
        children: vec!["Tom".into()],
        ..Contact::default()
    }
}

#[test]
fn a_card_is_crlf_escaped_and_in_a_fixed_order() {
    let card = write_card(&pavel());
    assert!(card.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Pavel Bansky\r\nN:Bansky;Pavel;;;\r\n"), "{card}");
    assert!(card.ends_with("END:VCARD\r\n"));
    assert!(!card.replace("\r\n", "").contains('\n'), "every line ends in CRLF");
    assert!(card.contains("ORG:Fabrikam\\; Inc.;Sales\\, West\r\n"), "{card}");
    assert!(card.contains("TEL;VALUE=text;TYPE=cell:+1 425 555 0188\r\n"));
    assert!(card.contains("ADR;TYPE=work:;;1 Microsoft Way;Redmond;WA;98052;United States\r\n"));
    assert!(card.contains("BDAY:19740722\r\n"));
    assert!(card.contains("NOTE:Met at Ignite.\\nLikes \\\\ backslashes\\, commas\\; and semicolons.\r\n"), "{card}");
    assert!(card.contains("CATEGORIES:Customers,Red\\, urgent\r\n"));
}

#[test]
fn long_lines_fold_at_75_octets_between_characters() {
    let contact = Contact { name: "Zoë ".repeat(40), notes: "日本語のメモ".repeat(10), ..Contact::default() };
    let card = write_card(&contact);
    for line in card.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let back = read_cards(&card).unwrap();
    assert_eq!(back[0].name, contact.name.trim());
    assert_eq!(back[0].notes, contact.notes);
}

#[test]
fn writing_what_was_read_gives_the_same_bytes() {
    let first = write_cards(&[pavel(), Contact { name: "Ann Lee".into(), ..Contact::default() }]);
    let read = read_cards(&first).unwrap();
    assert_eq!(read.len(), 2);
    assert_eq!(read[1], pavel(), "everything written is read back");
    assert_eq!(write_cards(&read), first);
    assert!(first.find("FN:Ann Lee").unwrap() < first.find("FN:Pavel").unwrap(), "cards in name order");
}

#[test]
fn version_3_and_2_1_cards_are_read() {
    let v3 = "BEGIN:VCARD\nVERSION:3.0\nFN:Jane Doe\nN:Doe;Jane;;;\nitem1.EMAIL;TYPE=INTERNET,pref:jane@example.com\n\
              TEL;TYPE=HOME,VOICE:+44 20 7946 0000\nTEL;TYPE=CELL:tel:+44 7700 900000\nBDAY:1990-01-31\n\
              ADR;TYPE=HOME:;;10 Downing St;London;;SW1A 2AA;UK\nNOTE:multi\n  folded\nX-UNKNOWN:ignored\nEND:VCARD\n";
    let jane = &read_cards(v3).unwrap()[0];
    assert_eq!(jane.name, "Jane Doe");
    assert_eq!(jane.emails[0].address, "jane@example.com");
    assert_eq!(jane.phones[0], ContactPhone { kind: PhoneKind::Mobile, number: "+44 7700 900000".into() });
    assert_eq!(jane.phones[1].kind, PhoneKind::Home);
    assert_eq!(jane.birthday, NaiveDate::from_ymd_opt(1990, 1, 31));
    assert_eq!(jane.address(AddressKind::Home).unwrap().city, "London");
    assert_eq!(jane.notes, "multi folded");

    let v21 = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=\r\n=BCrgen;;;\r\n\
               TEL;CELL:0170 1234567\r\nEND:VCARD\r\n";
    let jurgen = &read_cards(v21).unwrap()[0];
    assert_eq!((jurgen.surname.as_str(), jurgen.given_name.as_str()), ("Müller", "Jürgen"));
    assert_eq!(jurgen.name, "Jürgen Müller", "no FN: the name is made from N");
    assert_eq!(jurgen.phones[0].kind, PhoneKind::Mobile);
}

#[test]
fn broken_files_are_refused_with_the_line() {
    assert_eq!(read_cards("hello\n"), Err(ReadError::Empty));
    let open = read_cards("BEGIN:VCARD\nVERSION:4.0\nFN:A\n").unwrap_err();
    assert_eq!(open.to_string(), "line 1: the card that starts here has no END:VCARD");
    assert!(read_cards("END:VCARD\n").is_err());
    assert!(read_cards("BEGIN:VCARD\nno colon here\nEND:VCARD\n").unwrap_err().to_string().starts_with("line 2"));
}
