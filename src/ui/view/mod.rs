//! The page: controls (indicator, period, ICS, filters), view tabs, the indicator's metadata, and the current
//! view's chart, notes, downloads and data table. Each view module turns the engine's `QueryResult` into a
//! [`Content`]; this module lays it out and turns it into downloads.

mod about;
mod deprivation;
mod map;
mod profile;
mod rankings;
mod scatter;
mod trends;

use super::chart;
use super::node::{h, s, text, Element, Node};
use super::table::DataTable;
use super::{Download, Effect, Msg, State};
use crate::dataset::{Dataset, Domain, Indicator, PeriodKind, Polarity};
use crate::engine::filter::{DeprivationGroup, PopulationBand};
use crate::engine::query::{QueryResult, View};
use crate::format;

/// Everything a view shows, in a form that both the page and the downloads use.
pub struct Content {
    pub title: String,
    pub subtitle: String,
    /// View-specific controls above the chart.
    pub controls: Vec<Node<Msg>>,
    pub chart: Option<Chart>,
    /// Text after the chart: notes, call-outs, caveats.
    pub notes: Vec<Node<Msg>>,
    pub table: Option<DataTable>,
    /// Further sections (the profile's peers and within-ICS tables).
    pub extra: Vec<Node<Msg>>,
    /// A short name for downloaded files.
    pub slug: String,
    /// The source line under the chart, when it is not the indicator's.
    pub source: Option<String>,
}

pub struct Chart {
    pub svg: Element<Msg>,
    pub width: f64,
    pub height: f64,
    /// A text description of the chart for screen readers (the table gives the detail).
    pub description: String,
}

impl Content {
    fn new(title: String, slug: String) -> Content {
        Content { title, subtitle: String::new(), controls: vec![], chart: None, notes: vec![], table: None, extra: vec![], slug, source: None }
    }
}

/// Shared context for view builders.
pub struct Ctx<'a> {
    /// Width available to the chart, in CSS pixels.
    pub width: f64,
    pub st: &'a State,
    pub r: &'a QueryResult,
    pub ds: &'a Dataset,
    pub ind: &'a Indicator,
    pub kind: PeriodKind,
}

impl Ctx<'_> {
    pub fn period(&self) -> String {
        format::period(self.kind, &self.r.comparison.period)
    }

    pub fn value(&self, v: Option<f64>) -> String {
        match v {
            Some(x) => format!("{}{}", format::number(x, self.ind.decimals), unit_suffix(self.ind)),
            None => "no data".into(),
        }
    }

    pub fn name(&self, i: usize) -> &str {
        &self.ds.icss[i].short_name
    }

    pub fn is_peer(&self, i: usize) -> bool {
        self.r.peers.as_ref().is_some_and(|p| p.peers.iter().any(|x| x.ics == i))
    }

    /// The ICSs shown: those passing the filters, in dataset order.
    pub fn shown(&self) -> Vec<usize> {
        (0..self.ds.icss.len()).filter(|&i| self.r.included[i]).collect()
    }

    pub fn source_line(&self) -> String {
        let names: Vec<String> = self.ind.sources.iter().map(|&s| self.ds.sources[s].publisher.clone()).collect();
        format!("Source: {}. {}", dedup(names).join("; "), self.ind.geography)
    }
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = Vec::new();
    v.retain(|x| {
        let new = !seen.contains(x);
        seen.push(x.clone());
        new
    });
    v
}

/// "%" for percentages, nothing for other units (which are given in the axis and table headings).
pub fn unit_suffix(ind: &Indicator) -> &'static str {
    if ind.unit.starts_with('%') {
        "%"
    } else {
        ""
    }
}

pub fn view_label(v: View) -> &'static str {
    match v {
        View::Rankings => "Rankings",
        View::Deprivation => "Deprivation profile",
        View::Scatter => "Deprivation and performance",
        View::Map => "Map",
        View::Trends => "Trends",
        View::Profile => "ICS profile",
        View::About => "About the data",
    }
}

fn content(cx: &Ctx) -> Content {
    match cx.st.view {
        View::Rankings => rankings::content(cx),
        View::Deprivation => deprivation::content(cx),
        View::Scatter => scatter::content(cx),
        View::Map => map::content(cx),
        View::Trends => trends::content(cx),
        View::Profile => profile::content(cx),
        View::About => about::content(cx),
    }
}

pub fn view(st: &State) -> Node<Msg> {
    let ds = st.engine.dataset();
    let mut app = h("div").class(if st.options.compact { "ics-app ics-app--compact" } else { "ics-app" }).attr("data-view", st.view.key());
    if !st.notices.is_empty() {
        app = app.child(
            h("div")
                .class("ics-notice")
                .attr("role", "status")
                .child(h("h2").class("ics-notice__title").text("Some of this link could not be used"))
                .children(st.notices.iter().map(|n| h("p").text(n.clone()).into()))
                .child(h("button").attr("type", "button").class("ics-button ics-button--secondary").on_click(Msg::DismissNotices).text("Dismiss")),
        );
    }
    let r = match &st.result {
        Ok(r) => r,
        // The engine refused this question: say why, and keep the way out (another indicator, or the default).
        Err(e) => {
            return app
                .child(
                    h("div")
                        .class("ics-error")
                        .attr("role", "alert")
                        .child(h("h2").text("This view cannot be shown"))
                        .child(h("p").text(e.clone()))
                        .child(h("div").class("ics-field").child(label("ics-indicator", "Choose another indicator")).child(select("ics-indicator", "", Msg::SetIndicator, indicator_options(ds, None))))
                        .child(h("p").child(h("button").attr("type", "button").class("ics-button").id("ics-recover").on_click(Msg::ResetAll).text("Show the default view"))),
                )
                .into()
        }
    };
    let ind = &ds.indicators[r.indicator];
    let cx = Ctx { width: chart_width(st), st, r, ds, ind, kind: r.period_kind };
    let c = content(&cx);
    app.child(controls(&cx))
        .child(tabs(st))
        .child(
            h("div")
                .class("ics-body")
                .children(has_metadata(st.view).then(|| metadata(&cx)))
                .child(section(&cx, c)),
        )
        .child(h("p").class("ics-attribution").text(ds.meta.attribution.clone()))
        .into()
}

/// Views that show the indicator's metadata beside the chart.
fn has_metadata(v: View) -> bool {
    !matches!(v, View::About | View::Deprivation | View::Profile)
}

/// The width of the chart area, mirroring app.css: the app is a size container; from 1000px wide the view
/// takes three quarters beside the metadata (16px gap); panels have 16px padding (12px below 640px).
pub fn chart_width(st: &State) -> f64 {
    let w = st.width;
    let pad = if w <= 640.0 { 24.0 } else { 32.0 };
    let column = if w >= 1000.0 && has_metadata(st.view) { (w - 16.0) * 0.75 } else { w };
    (column - pad).max(240.0)
}

fn label(for_id: &str, t: &str) -> Node<Msg> {
    h("label").class("ics-label").attr("for", for_id.to_string()).text(t).into()
}

fn option(value: &str, label: &str, selected: bool) -> Node<Msg> {
    h("option").attr("value", value.to_string()).attr_if(selected, "selected", "selected").text(label).into()
}

pub fn select(id: &str, value: &str, f: fn(String) -> Msg, options: Vec<Node<Msg>>) -> Element<Msg> {
    h("select").class("ics-select").id(id.to_string()).attr("value", value.to_string()).on_change(f).children(options)
}

/// The indicator picker's options, grouped by domain and sub-group.
fn indicator_options(ds: &Dataset, current: Option<usize>) -> Vec<Node<Msg>> {
    let mut out = Vec::new();
    for d in Domain::ALL {
        let mut groups: Vec<&str> = Vec::new();
        for i in ds.indicators.iter().filter(|i| i.domain == d) {
            if !groups.contains(&i.group.as_str()) {
                groups.push(&i.group);
            }
        }
        for g in groups {
            let opts = ds.indicators.iter().enumerate().filter(|(_, i)| i.domain == d && i.group == g).map(|(k, i)| option(&i.id, &i.name, current == Some(k)));
            out.push(h("optgroup").attr("label", format!("{} — {g}", d.label())).children(opts).into());
        }
    }
    out
}

fn controls(cx: &Ctx) -> Node<Msg> {
    let (st, ds, r) = (cx.st, cx.ds, cx.r);
    let mut periods = vec![option("", &format!("Latest complete ({})", format::period(cx.kind, &r.periods[st.engine.default_period_cached(r.indicator).min(r.periods.len() - 1)])), st.period.is_none())];
    periods.extend(r.periods.iter().rev().map(|p| option(p, &format::period(cx.kind, p), st.period.as_deref() == Some(p))));
    let icss: Vec<(usize, &str)> = crate::sort::order(ds.icss.len(), &|a, b| ds.icss[a].short_name.cmp(&ds.icss[b].short_name)).into_iter().map(|i| (i, ds.icss[i].short_name.as_str())).collect();
    let mut ics_options = vec![option("", "None selected", st.selected.is_none())];
    ics_options.extend(icss.iter().map(|(i, n)| option(&ds.icss[*i].ods, n, st.selected == Some(*i))));
    let selected_code = st.selected.map(|i| ds.icss[i].ods.clone()).unwrap_or_default();
    let field = |id: &str, lab: &str, control: Element<Msg>| -> Node<Msg> { h("div").class("ics-field").child(label(id, lab)).child(control).into() };
    let main = h("div")
        .class("ics-controls__main")
        .child(field("ics-indicator", "Indicator", select("ics-indicator", &cx.ind.id, Msg::SetIndicator, indicator_options(ds, Some(r.indicator)))))
        .child(field("ics-period", "Period", select("ics-period", st.period.as_deref().unwrap_or(""), Msg::SetPeriod, periods)))
        .child(field("ics-selected", "Your ICS", select("ics-selected", &selected_code, Msg::SelectIcs, ics_options)));
    // Compact embeds leave the filters out, unless the view they show is filtered: then they say so and can
    // be reset.
    let show_filters = !st.options.compact || st.filters_active();
    let mut controls = h("div").class("ics-controls").child(main).children(show_filters.then(|| filters(cx)));
    if !st.options.compact {
        controls = controls.child(import_panel(cx));
    }
    controls.into()
}

fn filters(cx: &Ctx) -> Node<Msg> {
    let (st, ds) = (cx.st, cx.ds);
    let mut regions = vec![option("", "All regions", st.region.is_none())];
    regions.extend(ds.regions.iter().enumerate().map(|(k, reg)| option(&reg.ods, &reg.name, st.region == Some(k))));
    let mut pops = vec![option("", "Any size", st.population.is_none())];
    pops.extend(PopulationBand::ALL.iter().map(|b| option(b.key(), b.label(), st.population == Some(*b))));
    let mut deps = vec![option("", "Any level", st.deprivation_group.is_none())];
    deps.extend(DeprivationGroup::ALL.iter().map(|g| option(g.key(), g.label(), st.deprivation_group == Some(*g))));
    let mut range = vec![option("", "No range filter", st.range_indicator.is_none())];
    range.extend(indicator_options(ds, st.range_indicator));
    let range_id = st.range_indicator.map(|k| ds.indicators[k].id.clone()).unwrap_or_default();
    let field = |id: &str, lab: &str, control: Element<Msg>| -> Node<Msg> { h("div").class("ics-field").child(label(id, lab)).child(control).into() };
    let shown = cx.r.included.iter().filter(|x| **x).count();
    let mut fs = h("fieldset")
        .class("ics-filters")
        .child(h("legend").class("ics-visually-hidden").text("Filter the ICSs shown"))
        .child(field("ics-region", "NHS region", select("ics-region", &st.region.map(|r| ds.regions[r].ods.clone()).unwrap_or_default(), Msg::SetRegion, regions)))
        .child(field("ics-population", "Population", select("ics-population", st.population.map(|b| b.key()).unwrap_or(""), Msg::SetPopulation, pops)))
        .child(field("ics-deprivation", "Deprivation (Core20 share)", select("ics-deprivation", st.deprivation_group.map(|g| g.key()).unwrap_or(""), Msg::SetDeprivationGroup, deps)))
        .child(field("ics-range", "Range on", select("ics-range", &range_id, Msg::SetRangeIndicator, range)));
    if let Some(k) = st.range_indicator {
        let ind = &ds.indicators[k];
        let v = st.engine.values_at(ind, st.engine.default_period_cached(k));
        let vals: Vec<f64> = v.icss.iter().filter_map(|x| x.value).collect();
        let (lo, hi) = vals.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| (a.min(x), b.max(x)));
        let hint = format!("{}: {} to {}", ind.unit, format::number(lo, ind.decimals), format::number(hi, ind.decimals));
        let input = |id: &str, lab: &str, value: &str, f: fn(String) -> Msg| -> Node<Msg> {
            let bad = State::parse_bound(value).is_err();
            h("div")
                .class(if bad { "ics-field ics-field--error" } else { "ics-field" })
                .child(label(id, lab))
                .children(bad.then(|| h("span").class("ics-field__error").id(format!("{id}-error")).text("Enter a number").into()))
                .child(
                    h("input")
                        .class("ics-input")
                        .id(id.to_string())
                        .attr("type", "text")
                        .attr("inputmode", "decimal")
                        .attr("value", value.to_string())
                        .attr("aria-describedby", if bad { format!("{id}-error ics-range-hint") } else { "ics-range-hint".into() })
                        .on_input(f),
                )
                .into()
        };
        fs = fs
            .child(input("ics-range-min", "From", &st.range_min, Msg::SetRangeMin))
            .child(input("ics-range-max", "To", &st.range_max, Msg::SetRangeMax))
            .child(h("p").class("ics-hint").id("ics-range-hint").text(hint));
    }
    let fs = fs.child(
        h("div")
            .class("ics-filters__summary")
            .child(h("p").attr("aria-live", "polite").text(format!("Showing {shown} of {} ICSs.", ds.icss.len())))
            .child(h("button").attr("type", "button").class("ics-button ics-button--secondary").id("ics-reset").on_click(Msg::ResetFilters).text("Reset filters")),
    );
    // A disclosure, open on wide screens and whenever a filter is in use, so phones see the chart sooner.
    let summary = if st.filters_active() { format!("Filter the ICSs shown ({shown} of {} shown)", ds.icss.len()) } else { "Filter the ICSs shown".into() };
    h("details")
        .class("ics-filters-box")
        .attr_if(st.width > 640.0 || st.filters_active(), "open", "")
        .child(h("summary").class("ics-filters-box__summary").text(summary))
        .child(fs)
        .into()
}

/// "Add your own data": a file picker and drop zone; the file is read in the browser, never uploaded.
fn import_panel(cx: &Ctx) -> Node<Msg> {
    use super::ImportStatus;
    let st = cx.st;
    let status: Node<Msg> = match &st.import {
        ImportStatus::Idle => h("p").class("ics-hint").text("CSV or JSON with one value per ICB, keyed by ICB code (E54… or Q..) or name, such as a Fingertips “Download data” file. Optional columns: Time period, Lower and Upper CI 95.0 limit, Indicator Name.").into(),
        ImportStatus::Reading { name, percent } => h("div")
            .child(h("label").attr("for", "ics-import-progress").text(format!("Reading {name}: {}%", format::number(*percent, 0))))
            .child(h("progress").id("ics-import-progress").attr("max", "100").attr("value", format::plain(*percent, 0)).text(format!("{}%", format::number(*percent, 0))))
            .into(),
        ImportStatus::Done { name, added, warnings } => {
            let names: Vec<&str> = added.iter().filter_map(|&k| cx.ds.indicators.get(k)).map(|i| i.name.as_str()).collect();
            h("div")
                .class("ics-import__done")
                .child(h("p").child(h("strong").text(format!("Added from {name}: "))).text(format!("{}. It is in the indicator list under “Your own data”.", names.join("; "))))
                .children((!warnings.is_empty()).then(|| h("ul").class("ics-import__warnings").children(warnings.iter().map(|w| h("li").text(w.clone()).into())).into()))
                .into()
        }
        ImportStatus::Failed { name, problems } => h("div")
            .class("ics-error ics-import__failed")
            .child(h("h3").text(format!("{} could not be imported", if name.is_empty() { "The file" } else { name.as_str() })))
            .child(h("ul").children(problems.iter().take(50).map(|p| h("li").text(p.clone()).into())))
            .child(h("p").text("Nothing was added. Fix the file and choose it again."))
            .into(),
    };
    let user = cx.ind.domain == crate::dataset::Domain::User;
    let polarity = user.then(|| {
        let opts = [("neutral", "Neither (context)"), ("higher_is_better", "Higher is better"), ("lower_is_better", "Lower is better")];
        let current = match cx.ind.polarity {
            Polarity::HigherIsBetter => "higher_is_better",
            Polarity::LowerIsBetter => "lower_is_better",
            Polarity::Neutral => "neutral",
        };
        h("div")
            .class("ics-field")
            .child(label("ics-user-polarity", &format!("How to read “{}”", cx.ind.name)))
            .child(select("ics-user-polarity", current, Msg::SetUserPolarity, opts.iter().map(|(v, l)| option(v, l, *v == current)).collect()))
            .into()
    });
    h("details")
        .class("ics-import")
        .attr_if(st.import != ImportStatus::Idle || user, "open", "")
        .child(h("summary").class("ics-filters-box__summary").text("Add your own data"))
        .child(
            h("div")
                .class("ics-dropzone")
                .attr("data-drop", "")
                .child(h("p").text("Your file stays on this computer: it is read by your browser and never uploaded. Drop it here, or:"))
                .child(label("ics-import-file", "Choose a CSV or JSON file"))
                .child(h("input").class("ics-file").id("ics-import-file").attr("type", "file").attr("data-import", "").attr("accept", ".csv,.json,.txt,text/csv,application/json")),
        )
        .child(h("div").attr("role", "status").attr("aria-live", "polite").child(status))
        .children(polarity)
        .into()
}

fn tabs(st: &State) -> Node<Msg> {
    h("nav")
        .class("ics-tabs")
        .attr("aria-label", "Views")
        .child(h("ul").children(st.options.views.iter().map(|v| {
            h("li")
                .child(
                    h("button")
                        .attr("type", "button")
                        .class("ics-tab")
                        .attr("data-view", v.key())
                        .attr_if(*v == st.view, "aria-current", "page")
                        .on_click(Msg::SetView(*v))
                        .text(view_label(*v)),
                )
                .into()
        })))
        .into()
}

fn polarity_text(p: Polarity) -> &'static str {
    match p {
        Polarity::HigherIsBetter => "Higher is better",
        Polarity::LowerIsBetter => "Lower is better",
        Polarity::Neutral => "Context: neither higher nor lower is better",
    }
}

/// What the indicator means, where it comes from and what to beware of.
fn metadata(cx: &Ctx) -> Node<Msg> {
    let (ind, ds) = (cx.ind, cx.ds);
    let mut rows: Vec<(&str, String)> = vec![
        ("Definition", ind.definition.clone()),
        ("Unit", ind.unit.clone()),
        ("Period", cx.period()),
        ("Polarity", polarity_text(ind.polarity).into()),
    ];
    if let Some(n) = &ind.numerator {
        rows.push(("Numerator", n.clone()));
    }
    if let Some(d) = &ind.denominator {
        rows.push(("Denominator", d.clone()));
    }
    let sources: Vec<String> = ind.sources.iter().map(|&s| format!("{}: {} ({}; {})", ds.sources[s].publisher, ds.sources[s].dataset, ds.sources[s].period, ds.sources[s].licence)).collect();
    rows.push(("Source", sources.join(". ")));
    let stands_in: Vec<&str> = ds.unavailable.iter().filter(|u| u.substitutes.contains(&ind.id)).map(|u| u.name.as_str()).collect();
    if !stands_in.is_empty() {
        rows.push(("Stands in for", format!("{} (not available: see About the data)", stands_in.join("; "))));
    }
    let dl = h("dl").class("ics-meta__list").children(rows.into_iter().flat_map(|(k, v)| [h("dt").text(k).into(), h("dd").text(v).into()]));
    h("aside")
        .class("ics-meta")
        .attr("aria-label", "About this indicator")
        .child(h("h2").class("ics-meta__title").text(ind.name.clone()))
        .child(dl)
        .children((!ind.caveats.is_empty()).then(|| {
            h("div")
                .class("ics-meta__caveats")
                .child(h("h3").text("Caveats"))
                .child(h("ul").children(ind.caveats.iter().map(|c| h("li").text(c.clone()).into())))
                .into()
        }))
        .into()
}

fn section(cx: &Ctx, c: Content) -> Node<Msg> {
    let downloads = h("div")
        .class("ics-downloads")
        .children(c.table.is_some().then(|| download_button(Download::Csv, "Download the data (CSV)")))
        .children(c.chart.is_some().then(|| download_button(Download::Svg, "Download the chart (SVG)")))
        .children(c.chart.is_some().then(|| download_button(Download::Png, "Download the chart (PNG)")));
    let source = c.source.clone().unwrap_or_else(|| cx.source_line());
    let figure = c.chart.map(|ch| {
        h("figure")
            .class("ics-figure")
            .child(ch.svg.attr("role", "group").attr("aria-label", format!("Chart: {}", c.title)).attr("aria-describedby", "ics-chart-desc"))
            .child(h("figcaption").child(h("p").id("ics-chart-desc").class("ics-figure__desc").text(ch.description)).child(h("p").class("ics-figure__source").text(source.clone())))
            .into()
    });
    let embed = (!cx.st.options.compact).then(|| embed(cx, &c.title));
    h("section")
        .class("ics-view")
        .attr("aria-labelledby", "ics-view-title")
        .child(h("h2").id("ics-view-title").class("ics-view__title").text(c.title))
        .children((!c.subtitle.is_empty()).then(|| h("p").class("ics-view__subtitle").text(c.subtitle).into()))
        .children((!c.controls.is_empty()).then(|| h("div").class("ics-view__controls").children(c.controls).into()))
        .children(figure)
        .children(c.notes)
        .child(downloads)
        .children(embed)
        .children(c.table.map(|t| t.render(cx.st.sort, cx.st.selected)))
        .children(c.extra)
        .into()
}

/// "Embed this view": copyable snippets for an iframe (any CMS) and for the custom element (pages you control).
fn embed(cx: &Ctx, title: &str) -> Node<Msg> {
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
    let hash = super::url::to_hash(cx.st);
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
            .child(h("textarea").class("ics-input ics-snippet").id(id.to_string()).attr("readonly", "").attr("rows", "3").attr("spellcheck", "false").text(code))
            .into()
    };
    h("details")
        .class("ics-embed")
        .child(h("summary").text("Embed this view"))
        .child(snippet("ics-embed-iframe", "In any web page or CMS (an iframe)", "Paste into an HTML block. The view, filters and selection come with it; the second line sizes the frame to its content.", iframe))
        .child(snippet("ics-embed-element", "In a page you control (a custom element)", "Copy the ICS Explorer folder to your site first. Works under a strict Content-Security-Policy; see docs/embedding.md.", element))
        .into()
}

fn download_button(kind: Download, label: &str) -> Node<Msg> {
    h("button").attr("type", "button").class("ics-button ics-button--secondary").attr("data-download", match kind { Download::Csv => "csv", Download::Svg => "svg", Download::Png => "png" }).on_click(Msg::Download(kind)).text(label).into()
}

/// A toggle button (aria-pressed) for view options.
pub fn toggle(label: &str, pressed: bool, msg: Msg) -> Node<Msg> {
    h("button").attr("type", "button").class("ics-toggle").attr("aria-pressed", if pressed { "true" } else { "false" }).on_click(msg).text(label).into()
}

pub fn checkbox(id: &str, label_text: &str, checked: bool, f: fn(String) -> Msg) -> Node<Msg> {
    h("div")
        .class("ics-checkbox")
        .child(h("input").attr("type", "checkbox").id(id.to_string()).attr_if(checked, "checked", "checked").on_change(f))
        .child(h("label").attr("for", id.to_string()).text(label_text))
        .into()
}

/// Carries out a download of the current view.
pub fn download(st: &State, kind: Download) -> Option<Effect> {
    let r = st.result.as_ref().ok()?;
    let ds = st.engine.dataset();
    let ind = &ds.indicators[r.indicator];
    let cx = Ctx { width: chart_width(st), st, r, ds, ind, kind: r.period_kind };
    let c = content(&cx);
    let stem = format!("ics-explorer-{}", c.slug);
    match kind {
        Download::Csv => {
            let t = c.table?;
            Some(Effect::Save { filename: format!("{stem}.csv"), mime: "text/csv;charset=utf-8", content: t.to_csv(st.sort) })
        }
        Download::Svg | Download::Png => {
            let ch = c.chart?;
            let source = c.source.clone().unwrap_or_else(|| cx.source_line());
            let (svg, w, h) = standalone_svg(&c.title, &c.subtitle, &source, ch);
            Some(match kind {
                Download::Svg => Effect::Save { filename: format!("{stem}.svg"), mime: "image/svg+xml", content: svg },
                _ => Effect::Png { filename: format!("{stem}.png"), svg, width: w, height: h },
            })
        }
    }
}

/// The chart as a standalone SVG file with its title, period, source and licence written into the image.
pub fn standalone_svg(title: &str, subtitle: &str, source: &str, ch: Chart) -> (String, f64, f64) {
    let (w, top, bottom) = (ch.width, 56.0, 44.0);
    let h = ch.height + top + bottom;
    let mut inner = ch.svg;
    inner.attrs.retain(|(k, _)| !matches!(*k, "class" | "role" | "aria-label" | "aria-describedby" | "width" | "height"));
    inner.attrs.push(("y", chart::px(top)));
    let doc: Node<Msg> = s("svg")
        .attr("xmlns", "http://www.w3.org/2000/svg")
        .attr("width", chart::px(w))
        .attr("height", chart::px(h))
        .attr("viewBox", format!("0 0 {} {}", chart::px(w), chart::px(h)))
        .attr("font-family", "Arial, Helvetica, sans-serif")
        .attr("font-size", "12")
        .child(chart::rect(0.0, 0.0, w, h, "#ffffff"))
        .child(chart::svg_text(8.0, 22.0, title).attr("font-size", "16").attr("font-weight", "700"))
        .child(chart::svg_text(8.0, 42.0, subtitle).attr("fill", chart::MID_GREY))
        .child(inner)
        .child(chart::svg_text(8.0, h - 24.0, source).attr("fill", chart::MID_GREY))
        .child(chart::svg_text(8.0, h - 8.0, "Contains public sector information licensed under the Open Government Licence v3.0. ICS Explorer.").attr("fill", chart::MID_GREY))
        .into();
    (doc.to_markup(), w, h)
}

/// A heading and paragraph used for empty states ("choose an ICS").
pub fn prompt(title: &str, body: &str) -> Node<Msg> {
    h("div").class("ics-prompt").child(h("h3").text(title)).child(h("p").text(body)).into()
}

/// Lists caveat notes attached to values (flags), once each, with the ICSs they affect.
pub fn flag_notes(cx: &Ctx, items: &[(Option<usize>, &crate::engine::values::FlagNote)]) -> Option<Node<Msg>> {
    let mut notes: Vec<(String, Vec<String>)> = Vec::new();
    for (ics, f) in items {
        let who = ics.map(|i| cx.name(i).to_string()).unwrap_or_else(|| "England".into());
        match notes.iter_mut().find(|(n, _)| *n == f.note) {
            Some((_, w)) => {
                if !w.contains(&who) {
                    w.push(who)
                }
            }
            None => notes.push((f.note.clone(), vec![who])),
        }
    }
    (!notes.is_empty()).then(|| {
        h("div")
            .class("ics-flags")
            .child(h("h3").text("Data quality notes for this period"))
            .child(h("ul").children(notes.into_iter().map(|(n, who)| {
                let affects = if who.len() > 4 { format!("{} ICSs and others", who.len()) } else { who.join(", ") };
                h("li").child(h("strong").text("⚠ ")).text(format!("{n} (Affects: {affects}.)")).into()
            })))
            .into()
    })
}

pub fn t(s: impl Into<String>) -> Node<Msg> {
    text(s)
}
