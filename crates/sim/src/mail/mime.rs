//! RFC 822 / MIME for messages: the `$value` of a message (headers with RFC 2047 encoded
//! words, multipart with base64 attachments), and reading the base64 MIME `sendMail` accepts.
use axum::http::StatusCode;
use base64::Engine;
use serde_json::{Map, Value, json};

use crate::errors::{GraphError, GraphResult};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// `text` as is when it is printable ASCII, else an RFC 2047 `=?utf-8?B?...?=` word.
pub fn encode_word(text: &str) -> String {
    if text.chars().all(|c| (' '..='~').contains(&c)) {
        text.to_owned()
    } else {
        format!("=?utf-8?B?{}?=", B64.encode(text.as_bytes()))
    }
}

fn mailbox(recipient: &Value) -> Option<String> {
    let address = recipient.pointer("/emailAddress/address").and_then(Value::as_str)?;
    // CR/LF never reach a header line.
    let address: String = address.chars().filter(|c| !c.is_control()).collect();
    match recipient.pointer("/emailAddress/name").and_then(Value::as_str).filter(|n| !n.is_empty() && *n != address) {
        Some(name) => {
            let name: String = name.chars().filter(|c| !c.is_control()).collect();
            let name = encode_word(&name);
            let quoted = if name.starts_with("=?") {
                name
            } else {
                format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
            };
            Some(format!("{quoted} <{address}>"))
        }
        None => Some(format!("<{address}>")),
    }
}

fn address_list(m: &Value, key: &str) -> Option<String> {
    let list: Vec<String> = m.get(key)?.as_array()?.iter().filter_map(mailbox).collect();
    (!list.is_empty()).then(|| list.join(", "))
}

/// Base64 in lines of 76 characters.
fn wrapped_base64(bytes: &[u8]) -> String {
    let encoded = B64.encode(bytes);
    let mut out = String::with_capacity(encoded.len() + encoded.len() / 38);
    for chunk in encoded.as_bytes().chunks(76) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push_str("\r\n");
    }
    out
}

fn date_header(m: &Value) -> Option<String> {
    let when =
        m.get("sentDateTime").and_then(Value::as_str).or_else(|| m.get("receivedDateTime").and_then(Value::as_str))?;
    let parsed = chrono::DateTime::parse_from_rfc3339(when).ok()?;
    Some(parsed.to_rfc2822())
}

/// The message's RFC 822 header lines (`Name: value`), multipart type aside.
fn headers(m: &Value) -> Vec<String> {
    let mut head = Vec::new();
    if let Some(from) = m.get("from").and_then(mailbox) {
        head.push(format!("From: {from}"));
    }
    for (key, name) in [("toRecipients", "To"), ("ccRecipients", "Cc"), ("replyTo", "Reply-To")] {
        if let Some(list) = address_list(m, key) {
            head.push(format!("{name}: {list}"));
        }
    }
    let subject: String =
        m.get("subject").and_then(Value::as_str).unwrap_or("").chars().filter(|c| !c.is_control()).collect();
    head.push(format!("Subject: {}", encode_word(&subject)));
    if let Some(date) = date_header(m) {
        head.push(format!("Date: {date}"));
    }
    if let Some(id) = m.get("internetMessageId").and_then(Value::as_str) {
        head.push(format!("Message-ID: {id}"));
    }
    head.push("MIME-Version: 1.0".into());
    head
}

/// `internetMessageHeaders` made from the message: `[{"name","value"}]`.
pub fn header_list(m: &Value) -> Value {
    let mut list: Vec<Value> = headers(m)
        .iter()
        .filter_map(|line| line.split_once(": ").map(|(name, value)| json!({"name": name, "value": value})))
        .collect();
    let is_html =
        m.pointer("/body/contentType").and_then(Value::as_str).is_some_and(|t| t.eq_ignore_ascii_case("html"));
    let content_type = format!("text/{}; charset=\"utf-8\"", if is_html { "html" } else { "plain" });
    list.push(json!({"name": "Content-Type", "value": content_type}));
    Value::Array(list)
}

/// The message as RFC 822 text.
pub fn build_mime(m: &Value, attachments: &[Value]) -> String {
    let mut head = headers(m);
    let is_html =
        m.pointer("/body/contentType").and_then(Value::as_str).is_some_and(|t| t.eq_ignore_ascii_case("html"));
    let content = m.pointer("/body/content").and_then(Value::as_str).unwrap_or("");
    let body_part = format!(
        "Content-Type: text/{}; charset=\"utf-8\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}",
        if is_html { "html" } else { "plain" },
        wrapped_base64(content.as_bytes())
    );
    if attachments.is_empty() {
        return format!("{}\r\n{body_part}", head.iter().map(|h| format!("{h}\r\n")).collect::<String>());
    }
    let id = m.get("id").and_then(Value::as_str).unwrap_or("x");
    let boundary = format!("_sim_boundary_{}_", id.chars().filter(char::is_ascii_alphanumeric).collect::<String>());
    head.push(format!("Content-Type: multipart/mixed; boundary=\"{boundary}\""));
    let mut out: String = head.iter().map(|h| format!("{h}\r\n")).collect();
    out.push_str(&format!("\r\n--{boundary}\r\n{body_part}"));
    for a in attachments {
        let name: String =
            a.get("name").and_then(Value::as_str).unwrap_or("attachment").chars().filter(|c| !c.is_control()).collect();
        let name = encode_word(&name).replace('"', "'");
        let content_type = a.get("contentType").and_then(Value::as_str).unwrap_or("application/octet-stream");
        let bytes = B64.decode(a.get("contentBytes").and_then(Value::as_str).unwrap_or("")).unwrap_or_default();
        let disposition = if a.get("isInline") == Some(&Value::Bool(true)) { "inline" } else { "attachment" };
        out.push_str(&format!(
            "--{boundary}\r\nContent-Type: {content_type}; name=\"{name}\"\r\nContent-Disposition: {disposition}; filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n"
        ));
        if let Some(cid) = a.get("contentId").and_then(Value::as_str) {
            out.push_str(&format!("Content-ID: <{cid}>\r\n"));
        }
        out.push_str(&format!("\r\n{}", wrapped_base64(&bytes)));
    }
    out.push_str(&format!("--{boundary}--\r\n"));
    out
}

fn parse_addresses(value: &str) -> Vec<Value> {
    value
        .split(',')
        .filter_map(|part| {
            let part = part.trim();
            if part.is_empty() {
                return None;
            }
            Some(match (part.find('<'), part.rfind('>')) {
                (Some(open), Some(close)) if open < close => {
                    let name = part[..open].trim().trim_matches('"');
                    json!({"emailAddress": {"name": name, "address": &part[open + 1..close]}})
                }
                _ => json!({"emailAddress": {"address": part}}),
            })
        })
        .collect()
}

/// A `sendMail` body sent as base64 MIME, as message JSON (Subject, To, Cc, Bcc, text body).
pub fn parse_base64_mime(body: &[u8]) -> GraphResult<Map<String, Value>> {
    let invalid = || {
        GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorMimeContentInvalidBase64String",
            "Invalid base64 string for MIME content.",
        )
    };
    let compact: Vec<u8> = body.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
    let raw = B64.decode(&compact).map_err(|_| invalid())?;
    let text = String::from_utf8_lossy(&raw).replace("\r\n", "\n");
    let (head, content) = text.split_once("\n\n").unwrap_or((&text, ""));
    let mut message = Map::new();
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    if headers.is_empty() {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorMimeContentInvalid",
            "The MIME content is not valid.",
        ));
    }
    for (k, v) in headers {
        match k.as_str() {
            "subject" => {
                message.insert("subject".into(), Value::String(v));
            }
            "to" => {
                message.insert("toRecipients".into(), Value::Array(parse_addresses(&v)));
            }
            "cc" => {
                message.insert("ccRecipients".into(), Value::Array(parse_addresses(&v)));
            }
            "bcc" => {
                message.insert("bccRecipients".into(), Value::Array(parse_addresses(&v)));
            }
            _ => {}
        }
    }
    message.insert("body".into(), json!({"contentType": "text", "content": content.trim_end()}));
    Ok(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_has_encoded_subject_and_attachments() {
        let m = json!({"id": "m1", "subject": "Grüße", "sentDateTime": "2024-05-02T08:14:01Z",
            "from": {"emailAddress": {"name": "Adele Vance", "address": "adele@contoso.com"}},
            "toRecipients": [{"emailAddress": {"name": "Alex", "address": "alex@contoso.com"}}],
            "body": {"contentType": "html", "content": "<p>hi</p>"}});
        let a = json!({"name": "notes.txt", "contentType": "text/plain", "contentBytes": "aGVsbG8="});
        let text = build_mime(&m, &[a]);
        assert!(text.contains("Subject: =?utf-8?B?R3LDvMOfZQ==?=\r\n"), "{text}");
        assert!(text.contains("From: \"Adele Vance\" <adele@contoso.com>\r\n"));
        assert!(text.contains("Date: Thu, 2 May 2024 08:14:01 +0000\r\n"));
        assert!(text.contains("multipart/mixed; boundary=\"_sim_boundary_m1_\""));
        assert!(text.contains("Content-Disposition: attachment; filename=\"notes.txt\"\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8=\r\n"));
        assert!(text.contains(&format!("\r\n\r\n{}\r\n", B64.encode("<p>hi</p>"))));
        assert!(text.ends_with("--_sim_boundary_m1_--\r\n"));
    }

    #[test]
    fn base64_mime_is_read_or_rejected() {
        let mime = "Subject: Hello\r\nTo: Alex <alex@contoso.com>, b@c.com\r\n\r\nBody text\r\n";
        let m = parse_base64_mime(B64.encode(mime).as_bytes()).unwrap();
        assert_eq!(m["subject"], "Hello");
        assert_eq!(m["toRecipients"][1]["emailAddress"]["address"], "b@c.com");
        assert_eq!(m["body"]["content"], "Body text");
        assert_eq!(parse_base64_mime(b"not base64!!").unwrap_err().code, "ErrorMimeContentInvalidBase64String");
    }
}
