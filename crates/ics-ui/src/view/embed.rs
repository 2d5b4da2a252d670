//! Sharing a view: "Embed this view" (an iframe snippet for any CMS, a custom element for pages you control) and
//! what happened to "Copy a link to this view", with the warning that a folder opened from this computer
//! (`file://`) has no address to share.
//!
//! Snippets are text shown in read-only fields, built from the URL hash of the state; they never become markup
//! of this page.

use super::Ctx;
use crate::node::{h, Node};
use crate::{Msg, State};

/// What happened to "Copy a link to this view", and for a folder opened from this computer, that its links
/// work only here.
pub fn copy_status(st: &State) -> Node<Msg> {
    use crate::CopyStatus;
    let local = "This copy of ICS Explorer was opened from a folder on this computer (file://), so a link to it opens only on this computer. To share a view, put the folder on a web server or intranet first.";
    let mut status = h("div").class("ics-copy").attr("role", "status").attr("aria-live", "polite");
    status = match &st.copy {
        CopyStatus::Idle => status,
        CopyStatus::Copied(_) => {
            status.child(h("p").child(h("strong").text("Link copied. ")).text("Paste it into an email or a document to open this view."))
        }
        CopyStatus::Failed(link) => status
            .child(h("p").child(h("strong").text("Your browser did not let ICS Explorer copy the link. ")).text("Select it below and copy it."))
            .child(h("label").class("ics-label").attr("for", "ics-link").text("Link to this view"))
            .child(h("input").class("ics-input ics-snippet").id("ics-link").attr("type", "text").attr("readonly", "").attr("value", link.clone())),
    };
    if st.is_local() {
        status = status.child(h("p").class("ics-hint").text(local));
    }
    status.into()
}

/// "Embed this view": copyable snippets for an iframe (any CMS) and for the custom element (pages you control).
pub fn embed(cx: &Ctx, title: &str) -> Node<Msg> {
    let base = &cx.st.options.base;
    // Opened from this computer: there is no address another page could use yet.
    if base.starts_with("file:") {
        return h("details")
            .class("ics-embed")
            .child(h("summary").text("Embed this view"))
            .child(h("p").text("To embed this view in another page, first put the ICS Explorer folder on a web server or intranet site: it is open from this computer, so other pages cannot reach it."))
            .child(h("p").text("Then open ICS Explorer from that site and copy the code from this box. The guide docs/embedding.md, in the folder, explains each way to embed it."))
            .into();
    }
    let hash = crate::url::to_hash(cx.st);
    let iframe = format!(
        "<iframe src=\"{base}embed.html#{hash}\" title=\"ICS Explorer: {}\" width=\"100%\" height=\"900\" data-ics-explorer></iframe>\n<script src=\"{base}www/embed-host.js\"></script>",
        title.replace('"', "'")
    );
    let element = format!("<script src=\"{base}www/ics-explorer.js\"></script>\n<ics-explorer state=\"{hash}\"></ics-explorer>");
    let snippet = |id: &str, label: &str, hint: &str, code: String| -> Node<Msg> {
        h("div")
            .class("ics-field")
            .child(h("label").class("ics-label").attr("for", id.to_string()).text(label))
            .child(h("p").class("ics-hint").text(hint))
            .child(
                h("textarea")
                    .class("ics-input ics-snippet")
                    .id(id.to_string())
                    .attr("readonly", "")
                    .attr("rows", "3")
                    .attr("spellcheck", "false")
                    .text(code),
            )
            .into()
    };
    h("details")
        .class("ics-embed")
        .child(h("summary").text("Embed this view"))
        .child(snippet(
            "ics-embed-iframe",
            "In any web page or CMS (an iframe)",
            "Paste into an HTML block. The view, filters and selection come with it; the second line sizes the frame to its content.",
            iframe,
        ))
        .child(snippet(
            "ics-embed-element",
            "In a page you control (a custom element)",
            "Copy the ICS Explorer folder to your site first. Works under a strict Content-Security-Policy; see docs/embedding.md.",
            element,
        ))
        .into()
}
