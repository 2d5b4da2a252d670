//! The page shell: any notices, the controls (indicator, period, ICS, boundaries and edition, filters, the
//! import panel), the view tabs, the current view's section (title, chart and its text alternative, notes,
//! buttons, table) and the indicator's metadata beside it.
//!
//! Layout only: it places what the view modules, `State` and the engine's results hold, and never asks the
//! engine a question or computes a figure.

use super::downloads::buttons;
use super::embed::{copy_status, embed};
use super::import_panel::import_panel;
use super::widgets::{checkbox, field, label, option, select, some};
use super::{content, Content, Ctx};
use crate::node::{h, Node};
use crate::{Msg, State};
use ics_data::dataset::{Domain, Polarity};
use ics_data::format;
use ics_engine::filter::{DeprivationGroup, PopulationBand};
use ics_engine::layer::Layered;
use ics_engine::query::View;

pub fn view(st: &State) -> Node<Msg> {
    let ds = st.engine.catalogue();
    let mut app = h("div").class(if st.options.compact { "ics-app ics-app--compact" } else { "ics-app" }).attr("data-view", st.settings.view.key());
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
                        .child(h("div").class("ics-field").child(label("ics-indicator", "Choose another indicator")).child(select(
                            "ics-indicator",
                            "",
                            Msg::SetIndicator,
                            indicator_options(ds, None),
                        )))
                        .child(
                            h("p").child(
                                h("button")
                                    .attr("type", "button")
                                    .class("ics-button")
                                    .id("ics-recover")
                                    .on_click(Msg::ResetAll)
                                    .text("Show the default view"),
                            ),
                        ),
                )
                .into()
        }
    };
    let ind = &ds.indicators[r.indicator];
    let cx = Ctx { width: chart_width(st), st, r, ds, ind, kind: r.period_kind, export: false };
    let c = content(&cx);
    app.child(controls(&cx))
        .child(tabs(st))
        .child(
            h("div")
                .class("ics-body")
                // The view first, then what the indicator means: on a phone the chart comes before the
                // definitions, and screen readers meet them in the same order.
                .child(section(&cx, c))
                .children(has_metadata(st.settings.view).then(|| metadata(&cx))),
        )
        .child(h("p").class("ics-attribution").text(ds.meta.attribution.clone()))
        .into()
}

pub fn view_label(v: View) -> &'static str {
    match v {
        View::Rankings => "Rankings",
        View::Deprivation => "Deprivation profile",
        View::Scatter => "Deprivation and performance",
        View::Funnel => "Funnel plot",
        View::Map => "Map",
        View::Trends => "Trends",
        View::Profile => "ICS profile",
        View::About => "About the data",
    }
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
    let column = if w >= 1000.0 && has_metadata(st.settings.view) { (w - 16.0) * 0.75 } else { w };
    (column - pad).max(240.0)
}

/// The indicator picker's options, grouped by domain and sub-group.
fn indicator_options(ds: Layered, current: Option<usize>) -> Vec<Node<Msg>> {
    let mut out = Vec::new();
    for d in Domain::ALL {
        let mut groups: Vec<&str> = Vec::new();
        for i in ds.indicators.iter().filter(|i| i.domain == d) {
            if !groups.contains(&i.group.as_str()) {
                groups.push(&i.group);
            }
        }
        for g in groups {
            let opts = ds
                .indicators
                .iter()
                .enumerate()
                .filter(|(_, i)| i.domain == d && i.group == g)
                .map(|(k, i)| option(&i.id, &i.name, current == Some(k)));
            out.push(h("optgroup").attr("label", format!("{} — {g}", d.label())).children(opts).into());
        }
    }
    out
}

fn controls(cx: &Ctx) -> Node<Msg> {
    let (st, ds, r) = (cx.st, cx.ds, cx.r);
    let mut periods = vec![option("", &default_period_label(cx), st.settings.period.is_none())];
    periods.extend(r.periods.iter().rev().map(|p| option(p, &format::period(cx.kind, p), st.settings.period.as_deref() == Some(p))));
    let icss: Vec<(usize, &str)> = ics_data::sort::order(ds.icss.len(), &|a, b| ds.icss[a].short_name.cmp(&ds.icss[b].short_name))
        .into_iter()
        .map(|i| (i, ds.icss[i].short_name.as_str()))
        .collect();
    let mut ics_options = vec![option("", "None selected", st.settings.selected.is_none())];
    ics_options.extend(icss.iter().map(|(i, n)| option(&ds.icss[*i].ods, n, st.settings.selected == Some(*i))));
    let selected_code = st.settings.selected.map(|i| ds.icss[i].ods.clone()).unwrap_or_default();
    let main = h("div")
        .class("ics-controls__main")
        .child(field("ics-indicator", "Indicator", select("ics-indicator", &cx.ind.id, Msg::SetIndicator, indicator_options(ds, Some(r.indicator)))))
        .child(field("ics-period", "Period", select("ics-period", st.settings.period.as_deref().unwrap_or(""), |p| Msg::SetPeriod(some(p)), periods)))
        .child(field("ics-selected", "Your ICS", select("ics-selected", &selected_code, Msg::SelectIcs, ics_options)));
    // Compact embeds leave the filters out, unless the view they show is filtered: then they say so and can
    // be reset.
    let show_filters = !st.options.compact || st.filters_active();
    let mut controls = h("div").class("ics-controls").child(main).child(frame_controls(cx)).children(show_filters.then(|| filters(cx)));
    if !st.options.compact {
        controls = controls.child(import_panel(cx));
    }
    controls.into()
}

/// Which boundaries and deprivation edition are shown, how to change them, and what changed when they did.
fn frame_controls(cx: &Ctx) -> Node<Msg> {
    let st = cx.st;
    let ds = &st.dataset;
    let f = cx.ds;
    // Today's set first.
    let sets: Vec<Node<Msg>> = ds.area_sets().iter().rev().map(|s| option(&s.id, &s.name, s.id == f.set.id)).collect();
    // Every edition shipped: those loaded, and those named by a set (loaded when chosen). An edition can show a
    // set when it has a lookup to it; one not loaded yet is known to show the set that opens with it.
    let mut editions: Vec<(String, String, bool)> = Vec::new();
    for (k, s) in ds.area_sets().iter().enumerate() {
        if editions.iter().any(|(id, _, _)| *id == s.edition) {
            continue;
        }
        let (name, shows) = match ds.editions().iter().find(|e| e.id == s.edition) {
            Some(e) => (format!("{} ({} neighbourhoods)", e.short, e.lsoa), e.assignments.iter().any(|a| a.area_set == f.area_set)),
            None => (format!("IMD {} (loads when chosen)", s.edition.trim_start_matches("imd")), k == f.area_set),
        };
        editions.push((s.edition.clone(), name, shows));
    }
    // Newest first, through the crate's one stable sort (a `sort_by` of its own would add a copy of the algorithm).
    let newest = ics_data::sort::order(editions.len(), &|a, b| editions[b].0.cmp(&editions[a].0));
    let editions = ics_data::sort::apply(&editions, &newest);
    let edition_options: Vec<Node<Msg>> = editions
        .iter()
        .map(|(id, name, shows)| {
            h("option")
                .attr("value", id.clone())
                .attr_if(*id == f.edition_info.id, "selected", "selected")
                .attr_if(!shows, "disabled", "")
                .text(name.clone())
                .into()
        })
        .collect();
    let unavailable: Vec<&str> = editions.iter().filter(|(_, _, shows)| !shows).map(|(_, n, _)| n.as_str()).collect();
    let mut status = h("div").class("ics-frame__status").attr("role", "status").attr("aria-live", "polite");
    if let Some(l) = &st.loading {
        let set = &ds.area_sets()[l.set];
        status = status.child(h("p").class("ics-loading-edition").text(format!(
            "Loading IMD {} for the {}…",
            l.edition.trim_start_matches("imd"),
            set.name
        )));
    }
    for n in &st.frame_notes {
        status = status.child(h("p").class("ics-frame__note").text(n.clone()));
    }
    h("div")
        .class("ics-controls__frame")
        .child(field("ics-geography", "Boundaries", select("ics-geography", &f.set.id, Msg::SetGeography, sets)))
        .child(field("ics-edition", "Deprivation", select("ics-edition", &f.edition_info.id, Msg::SetEdition, edition_options)))
        .child(h("p").class("ics-hint ics-frame__about").text(format!(
            "{} with the {}; neighbourhood figures weighted by {} residents.{}",
            f.set.name,
            f.edition_info.name,
            f.edition_info.population,
            if unavailable.is_empty() { String::new() } else { format!(" {} has no lookup to these boundaries.", unavailable.join(" and ")) }
        )))
        .child(status)
        .into()
}

/// The period picker's default option, saying what the default is: the latest period in which all but two ICSs
/// have unflagged values (the engine's rule), and how many do.
fn default_period_label(cx: &Ctx) -> String {
    let (r, n) = (cx.r, cx.ds.icss.len());
    let (k, usable) = cx.st.hints.default_period;
    let period = format::period(cx.kind, &r.periods[k]);
    if usable == n {
        format!("Default: {period} (latest, all {n} ICSs)")
    } else {
        format!("Default: {period} (latest with unflagged values for {usable} of {n} ICSs)")
    }
}

fn filters(cx: &Ctx) -> Node<Msg> {
    let (st, ds) = (cx.st, cx.ds);
    let mut regions = vec![option("", "All regions", st.settings.filters.region.is_none())];
    regions.extend(ds.regions.iter().enumerate().map(|(k, reg)| option(&reg.ods, &reg.name, st.settings.filters.region == Some(k))));
    let mut pops = vec![option("", "Any size", st.settings.filters.population.is_none())];
    pops.extend(PopulationBand::ALL.iter().map(|b| option(b.key(), b.label(), st.settings.filters.population == Some(*b))));
    let mut deps = vec![option("", "Any level", st.settings.filters.deprivation_group.is_none())];
    deps.extend(DeprivationGroup::ALL.iter().map(|g| option(g.key(), g.label(), st.settings.filters.deprivation_group == Some(*g))));
    let mut range = vec![option("", "No range filter", st.settings.filters.range_indicator.is_none())];
    range.extend(indicator_options(ds, st.settings.filters.range_indicator));
    let range_id = st.settings.filters.range_indicator.map(|k| ds.indicators[k].id.clone()).unwrap_or_default();
    // The options' values are codes and ids (links and tests name them); the messages carry indices.
    let (region_codes, indicator_ids): (Vec<String>, Vec<String>) =
        (ds.regions.iter().map(|r| r.ods.clone()).collect(), ds.indicators.iter().map(|i| i.id.clone()).collect());
    let shown = cx.r.included.iter().filter(|x| **x).count();
    let mut fs =
        h("fieldset")
            .class("ics-filters")
            .child(h("legend").class("ics-visually-hidden").text("Filter the ICSs shown"))
            .child(field(
                "ics-region",
                "NHS region",
                select(
                    "ics-region",
                    &st.settings.filters.region.map(|r| ds.regions[r].ods.clone()).unwrap_or_default(),
                    move |v| Msg::SetRegion(region_codes.iter().position(|r| *r == v)),
                    regions,
                ),
            ))
            .child(field(
                "ics-population",
                "Population",
                select(
                    "ics-population",
                    st.settings.filters.population.map(|b| b.key()).unwrap_or(""),
                    |v| Msg::SetPopulation(PopulationBand::from_key(&v)),
                    pops,
                ),
            ))
            .child(field(
                "ics-deprivation",
                "Deprivation (Core20 share)",
                select(
                    "ics-deprivation",
                    st.settings.filters.deprivation_group.map(|g| g.key()).unwrap_or(""),
                    |v| Msg::SetDeprivationGroup(DeprivationGroup::from_key(&v)),
                    deps,
                ),
            ))
            .child(field(
                "ics-range",
                "Range on",
                select("ics-range", &range_id, move |v| Msg::SetRangeIndicator(indicator_ids.iter().position(|i| *i == v)), range),
            ))
            .child(
                h("div")
                    .class("ics-field")
                    .child(checkbox("ics-peers-only", "Only your ICS and its peers", st.settings.filters.peers_only, |_| Msg::TogglePeersOnly))
                    .children((st.settings.filters.peers_only && st.settings.selected.is_none()).then(|| {
                        h("p").class("ics-hint").text("Choose your ICS above to see it with its peers; until then every ICS is shown.").into()
                    })),
            );
    // Only where some values can be estimates (today's map), or to untick it.
    if !ds.parts.is_empty() || st.settings.filters.hide_estimates {
        let hint = if ds.parts.is_empty() {
            format!("No values are estimates on the {} map.", ds.set.period)
        } else if st.settings.view == View::Deprivation {
            "The deprivation profile is counted from neighbourhoods, so it is exact for every ICS and none is hidden.".to_string()
        } else if cx.has_estimates() {
            let n = cx.r.comparison.rows.iter().filter(|r| r.value.estimate).count();
            format!("{n} of this indicator's values are estimates ({}); ticked, those ICSs are left out.", cx.estimate_words())
        } else {
            "This indicator has no estimated values.".to_string()
        };
        // The hint first, so this checkbox lines up with the others at the foot of the row.
        let input = h("input")
            .attr("type", "checkbox")
            .id("ics-hide-estimates")
            .attr("aria-describedby", "ics-hide-estimates-hint")
            .attr_if(st.settings.filters.hide_estimates, "checked", "checked")
            .on_change(|_| Msg::ToggleHideEstimates);
        fs =
            fs.child(h("div").class("ics-field").child(h("p").class("ics-hint").id("ics-hide-estimates-hint").text(hint)).child(
                h("div").class("ics-checkbox").child(input).child(h("label").attr("for", "ics-hide-estimates").text("Hide estimated values")),
            ));
    }
    if let Some(crate::RangeSpan { indicator, lo, hi }) = st.hints.range {
        let ind = &ds.indicators[indicator];
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
            .child(input("ics-range-min", "From", &st.settings.filters.range_min, Msg::SetRangeMin))
            .child(input("ics-range-max", "To", &st.settings.filters.range_max, Msg::SetRangeMax))
            .child(h("p").class("ics-hint").id("ics-range-hint").text(hint));
    }
    let fs = fs.child(
        h("div")
            .class("ics-filters__summary")
            .child(h("p").attr("aria-live", "polite").text(format!("Showing {shown} of {} ICSs.", ds.icss.len())))
            .child(
                h("button")
                    .attr("type", "button")
                    .class("ics-button ics-button--secondary")
                    .id("ics-reset")
                    .on_click(Msg::ResetFilters)
                    .text("Reset filters"),
            ),
    );
    // A disclosure, open on wide screens and whenever a filter is in use, so phones see the chart sooner.
    let summary =
        if st.filters_active() { format!("Filter the ICSs shown ({shown} of {} shown)", ds.icss.len()) } else { "Filter the ICSs shown".into() };
    h("details")
        .class("ics-filters-box")
        .attr_if(st.width > 640.0 || st.filters_active(), "open", "")
        .child(h("summary").class("ics-filters-box__summary").text(summary))
        .child(fs)
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
                        .attr_if(*v == st.settings.view, "aria-current", "page")
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
    let sources: Vec<String> = ind
        .sources
        .iter()
        .map(|&s| format!("{}: {} ({}; {})", ds.sources[s].publisher, ds.sources[s].dataset, ds.sources[s].period, ds.sources[s].licence))
        .collect();
    rows.push(("Source", sources.join(". ")));
    if cx.has_estimates() {
        let n = cx.r.comparison.rows.iter().filter(|r| r.value.estimate).count();
        rows.push((
            "Estimates",
            format!(
                "{n} of the {} ICBs' values are estimates ({}), marked ≈: the caveats below say how they are made and from what.",
                ds.icss.len(),
                cx.estimate_words()
            ),
        ));
    }
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
    let downloads = buttons(c.table.is_some(), c.chart.is_some());
    let source = c.source.clone().unwrap_or_else(|| cx.source_line());
    let figure = c.chart.map(|ch| {
        h("figure")
            .class("ics-figure")
            .child(ch.svg.attr("role", "group").attr("aria-label", format!("Chart: {}", c.title)).attr("aria-describedby", "ics-chart-desc"))
            .child(
                h("figcaption")
                    .child(h("p").id("ics-chart-desc").class("ics-figure__desc").text(ch.description))
                    .child(h("p").class("ics-figure__source").text(source.clone())),
            )
            .into()
    });
    let embed = (!cx.st.options.compact).then(|| embed(cx, &c.title));
    h("section")
        .class("ics-view")
        .attr("aria-labelledby", "ics-view-title")
        .child(h("h2").id("ics-view-title").class("ics-view__title").text(c.title))
        .children((!c.subtitle.is_empty()).then(|| h("p").class("ics-view__subtitle").text(c.subtitle).into()))
        .children(c.lead)
        .children((!c.controls.is_empty()).then(|| h("div").class("ics-view__controls").children(c.controls).into()))
        .children(figure)
        .children(c.notes)
        .child(downloads)
        .child(copy_status(cx.st))
        .children(embed)
        .children(c.table.map(|t| t.render(cx.st.sort, cx.st.settings.selected)))
        .children(c.extra)
        .into()
}
