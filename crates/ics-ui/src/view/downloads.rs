//! The files a view can be saved as: its table as CSV, its chart as SVG or PNG laid out on its own at
//! [`EXPORT_WIDTH`] whatever the screen (title, subtitle, source and licence around it), and the row of buttons
//! that asks for them.
//!
//! Files hold what the page shows, drawn by the same view modules: nothing is computed here but layout.

use super::{chart_width, content, Chart, Ctx};
use crate::chart;
use crate::node::{h, s, Element, Node};
use crate::{Download, Effect, Msg, State};

/// The buttons under a view: its data (when it has a table), its chart (when it has one), and a link to it.
pub fn buttons(table: bool, chart: bool) -> Node<Msg> {
    h("div")
        .class("ics-downloads")
        .children(table.then(|| download_button(Download::Csv, "Download the data (CSV)")))
        .children(chart.then(|| download_button(Download::Svg, "Download the chart (SVG)")))
        .children(chart.then(|| download_button(Download::Png, "Download the chart (PNG)")))
        .child(
            h("button")
                .attr("type", "button")
                .class("ics-button ics-button--secondary")
                .id("ics-copy-link")
                .on_click(Msg::CopyLink)
                .text("Copy a link to this view"),
        )
        .into()
}

fn download_button(kind: Download, label: &str) -> Node<Msg> {
    h("button")
        .attr("type", "button")
        .class("ics-button ics-button--secondary")
        .attr(
            "data-download",
            match kind {
                Download::Csv => "csv",
                Download::Svg => "svg",
                Download::Png => "png",
            },
        )
        .on_click(Msg::Download(kind))
        .text(label)
        .into()
}

/// The width charts are drawn at in downloads, whatever the screen: a board paper's text column (about 25 cm at
/// 96 dpi), so a PNG or SVG saved on a phone is the same as one saved on a desktop.
pub const EXPORT_WIDTH: f64 = 960.0;

/// Carries out a download of the current view.
pub fn download(st: &State, kind: Download) -> Option<Effect> {
    if kind == Download::Csv {
        let r = st.result.as_ref().ok()?;
        let ds = st.engine.catalogue();
        let cx = Ctx { width: chart_width(st), st, r, ds, ind: &ds.indicators[r.indicator], kind: r.period_kind, export: false };
        let c = content(&cx);
        let t = c.table?;
        return Some(Effect::Save { filename: format!("ics-explorer-{}.csv", c.slug), mime: "text/csv;charset=utf-8", content: t.to_csv(st.sort) });
    }
    let (stem, doc) = chart_file(st)?;
    let (width, height) = (doc.width, doc.height);
    let svg = Node::from(doc.svg).to_markup();
    Some(match kind {
        Download::Png => Effect::Png { filename: format!("{stem}.png"), svg, width, height },
        _ => Effect::Save { filename: format!("{stem}.svg"), mime: "image/svg+xml", content: svg },
    })
}

/// The current view's chart as a file of its own (its file name without extension, and the drawing), laid out
/// at [`EXPORT_WIDTH`] whatever the screen.
pub fn chart_file(st: &State) -> Option<(String, Standalone)> {
    let r = st.result.as_ref().ok()?;
    let ds = st.engine.catalogue();
    let cx = Ctx { width: EXPORT_WIDTH, st, r, ds, ind: &ds.indicators[r.indicator], kind: r.period_kind, export: true };
    let c = content(&cx);
    let source = c.source.clone().unwrap_or_else(|| cx.source_line());
    let ch = c.chart?;
    Some((format!("ics-explorer-{}", c.slug), standalone_svg(&c.title, &c.subtitle, &source, ch)))
}

/// A chart laid out as a file of its own.
pub struct Standalone {
    pub svg: Element<Msg>,
    pub width: f64,
    pub height: f64,
    /// Where the chart sits: (top, bottom).
    pub chart_y: (f64, f64),
}

/// The chart as a standalone SVG file: its title and subtitle above it, its source and the licence below it,
/// each wrapped to the width, with the chart at its own size in between (nothing overlaps, nothing is scaled).
pub fn standalone_svg(title: &str, subtitle: &str, source: &str, ch: Chart) -> Standalone {
    const PAD: f64 = 16.0;
    let w = ch.width + 2.0 * PAD;
    let mut texts: Vec<Node<Msg>> = Vec::new();
    let mut y = PAD;
    // Lines of `size` px text, each in a box `lead` px high whose baseline leaves room for descenders.
    let mut block = |text: &str, size: f64, lead: f64, bold: bool, fill: &str, y: &mut f64| {
        if text.is_empty() {
            return;
        }
        for line in chart::wrap(text, w - 2.0 * PAD, if bold { size * 1.08 } else { size }) {
            let t = chart::svg_text(PAD, *y + (lead + size) / 2.0 - 0.2 * size, line).attr("font-size", chart::px(size)).attr("fill", fill);
            texts.push(if bold { t.attr("font-weight", "700") } else { t }.into());
            *y += lead;
        }
    };
    block(title, 18.0, 24.0, true, chart::TEXT, &mut y);
    block(subtitle, 13.0, 18.0, false, chart::MID_GREY, &mut y);
    y += 12.0;
    let chart_top = y;
    let mut inner = ch.svg;
    inner.attrs.retain(|(k, _)| !matches!(*k, "class" | "role" | "aria-label" | "aria-describedby" | "x" | "y"));
    inner.attrs.push(("y", chart::px(chart_top)));
    y += ch.height + 12.0;
    let chart_bottom = chart_top + ch.height;
    block(source, 12.0, 16.0, false, chart::MID_GREY, &mut y);
    block(
        "Contains public sector information licensed under the Open Government Licence v3.0. Made with ICS Explorer.",
        12.0,
        16.0,
        false,
        chart::MID_GREY,
        &mut y,
    );
    let h = y + PAD;
    let svg = s("svg")
        .attr("xmlns", "http://www.w3.org/2000/svg")
        .attr("width", chart::px(w))
        .attr("height", chart::px(h))
        .attr("viewBox", format!("0 0 {} {}", chart::px(w), chart::px(h)))
        .attr("font-family", "Arial, Helvetica, sans-serif")
        .attr("font-size", "12")
        .child(chart::rect(0.0, 0.0, w, h, "#ffffff"))
        .children(texts)
        .child(inner.attr("x", chart::px(PAD)));
    Standalone { svg, width: w, height: h, chart_y: (chart_top, chart_bottom) }
}
