//! The body a compose sends: new text; text above the service's quote of a reply or forward;
//! or, for an HTML draft resumed as text, its HTML as it was when the text came back unchanged
//! and the edited text otherwise (as HTML that still shows the draft's inline images, whose
//! `cid:` references would be lost with the markup). Inline images added here are referred to
//! from the body (a cid reference means nothing in plain text).
use crate::domain::Body;
use crate::tui::store::compose::draft::ResumedHtml;
use o365_graph::dto::ItemBody;
use o365_graph::mail::respond::{put_above_quote, text_as_html};
use o365_graph::mail::upload::OutgoingAttachment;
use o365_graph::mail::upload::inline_image::{ImageRef, body_with_images, cid_references};

/// The images among `files`, as the body refers to them.
pub fn images_of(files: &[OutgoingAttachment]) -> Vec<ImageRef<'_>> {
    files
        .iter()
        .filter_map(|f| f.content_id.as_deref().map(|content_id| ImageRef { content_id, name: &f.name }))
        .collect()
}

/// The body of `text` for a message that goes into an existing server draft (a reply,
/// forward, resumed or saved draft). With inline images the text goes as HTML that refers to
/// them, above the quote when there is one.
pub fn body_of(
    text: &str,
    quoted: Option<&Body>,
    resumed: Option<&ResumedHtml>,
    html: bool,
    images: &[ImageRef<'_>],
) -> ItemBody {
    if let Some(resumed) = resumed {
        return resumed_body(text, resumed, html, images);
    }
    let (text, html) = match images {
        [] => (text.to_owned(), html),
        images => (body_with_images(text, html, images), true),
    };
    match quoted.map(item_body) {
        Some(quote) if text.trim().is_empty() => quote,
        Some(quote) => put_above_quote(&quote, &text, html),
        None if html => ItemBody::html(&text),
        None => ItemBody::text(&text),
    }
}

/// The quote as Graph's body, in the format the service gave it.
fn item_body(body: &Body) -> ItemBody {
    match body {
        Body::Html(content) => ItemBody::html(content),
        Body::Text(content) => ItemBody::text(content),
    }
}

/// An HTML draft edited as text. Unchanged, its HTML goes back as it was (with any image added
/// here); changed, the text is the body: plain unless it must be HTML (the configured format,
/// or images to show: those added here and those the draft's HTML referred to).
fn resumed_body(text: &str, resumed: &ResumedHtml, html: bool, images: &[ImageRef<'_>]) -> ItemBody {
    if same_text(text, &resumed.text) {
        return ItemBody::html(&body_with_images(&resumed.html, true, images));
    }
    let kept = cid_references(&resumed.html);
    let mut refs = images.to_vec();
    for id in &kept {
        if !refs.iter().any(|r| r.content_id.eq_ignore_ascii_case(id)) {
            refs.push(ImageRef { content_id: id, name: id });
        }
    }
    match (refs.is_empty(), html) {
        (true, false) => ItemBody::text(text),
        (true, true) => ItemBody::html(&text_as_html(text)),
        (false, _) => ItemBody::html(&body_with_images(text, false, &refs)),
    }
}

/// The same text, but for blanks at line ends and blank lines around it (editors and the
/// read-back trim those).
fn same_text(a: &str, b: &str) -> bool {
    let lines = |text: &str| -> Vec<String> {
        let trimmed: Vec<String> = text.lines().map(|l| l.trim_end().to_owned()).collect();
        let start = trimmed.iter().position(|l| !l.is_empty()).unwrap_or(trimmed.len());
        let end = trimmed.iter().rposition(|l| !l.is_empty()).map_or(start, |last| last + 1);
        trimmed[start..end].to_vec()
    };
    lines(a) == lines(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use o365_graph::dto::BodyType;

    const DRAFT: &str = "<html><body><p>Dear team,</p><p>The <b>budget</b>.</p>\
        <img src=\"cid:chart.png@x\"></body></html>";

    fn resumed() -> ResumedHtml {
        ResumedHtml { html: DRAFT.into(), text: "Dear team,\n\nThe **budget**.  \n\n[chart]\n".into() }
    }

    #[test]
    fn an_html_draft_left_unchanged_keeps_its_html() {
        let body = body_of("\nDear team,\n\nThe **budget**.\n\n[chart]\n\n", None, Some(&resumed()), false, &[]);
        assert_eq!(body, ItemBody::html(DRAFT));
        let logo = [ImageRef { content_id: "logo.png@o365-tui", name: "logo.png" }];
        let with_logo = body_of(&resumed().text, None, Some(&resumed()), false, &logo);
        let content = with_logo.content.unwrap();
        assert!(content.contains("cid:chart.png@x") && content.contains("cid:logo.png@o365-tui"), "{content}");
    }

    #[test]
    fn an_edited_html_draft_sends_the_text_and_keeps_showing_its_images() {
        let body = body_of("Dear all,\n\nThe <revised> budget.\n", None, Some(&resumed()), false, &[]);
        assert_eq!(body.content_type, Some(BodyType::Html));
        let content = body.content.unwrap();
        assert!(content.contains("Dear all,<br><br>The &lt;revised&gt; budget."), "{content}");
        assert!(content.contains("<img src=\"cid:chart.png@x\""), "{content}");
        // Without images it is plain text, unless the configured format is HTML.
        let plain = ResumedHtml { html: "<p>Hi</p>".into(), text: "Hi\n".into() };
        assert_eq!(body_of("Hi there\n", None, Some(&plain), false, &[]), ItemBody::text("Hi there\n"));
        let as_html = body_of("Hi <there>\n", None, Some(&plain), true, &[]);
        assert!(as_html.content.unwrap().contains("Hi &lt;there&gt;"));
    }

    #[test]
    fn text_goes_above_a_quote_and_alone_without_one() {
        let quote = Body::Html("<html><body><hr>old</body></html>".into());
        let reply = body_of("Yes.\n", Some(&quote), None, false, &[]).content.unwrap();
        assert!(reply.find("Yes.").unwrap() < reply.find("<hr>old").unwrap(), "{reply}");
        assert_eq!(
            body_of("  \n", Some(&quote), None, false, &[]),
            ItemBody::html("<html><body><hr>old</body></html>")
        );
        assert_eq!(body_of("x\n", None, None, false, &[]), ItemBody::text("x\n"));
    }
}
