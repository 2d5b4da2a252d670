//! The page: controls (indicator, period, ICS, filters), view tabs, the indicator's metadata, and the current
//! view's chart, notes, downloads and data table. Each view module turns the engine's `QueryResult` into a
//! [`Content`]; this module lays it out and turns it into downloads.

mod about;
mod deprivation;
mod edition_change;
mod funnel;
mod map;
mod profile;
mod rankings;
mod scatter;
pub mod spc;
mod transition;
mod trends;

use super::chart;
use super::node::{h, s, text, Element, Node};
use super::table::DataTable;
use super::{Download, Effect, Msg, State};
use ics_data::dataset::{Domain, Frame, Indicator, PeriodKind, Polarity};
use ics_data::format;
use ics_engine::filter::{DeprivationGroup, PopulationBand};
use ics_engine::query::{QueryResult, View};

/// Everything a view shows, in a form that both the page and the downloads use.
pub struct Content {
    pub title: String,
    pub subtitle: String,
    /// Sections before the chart (the profile's peers).
    pub lead: Vec<Node<Msg>>,
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
        Content {
            title,
            subtitle: String::new(),
            lead: vec![],
            controls: vec![],
            chart: None,
            notes: vec![],
            table: None,
            extra: vec![],
            slug,
            source: None,
        }
    }
}

/// Shared context for view builders.
pub struct Ctx<'a> {
    /// Width available to the chart, in CSS pixels.
    pub width: f64,
    pub st: &'a State,
    pub r: &'a QueryResult,
    pub ds: &'a Frame,
    pub ind: &'a Indicator,
    pub kind: PeriodKind,
    /// Drawing for a download: no tooltip, no focus, a fixed width.
    pub export: bool,
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

    /// The ICS whose tooltip is open (never in a download).
    pub fn hover(&self) -> Option<usize> {
        self.st.hover.filter(|_| !self.export)
    }

    pub fn name(&self, i: usize) -> &str {
        &self.ds.icss[i].short_name
    }

    pub fn is_peer(&self, i: usize) -> bool {
        self.r.peers.as_ref().is_some_and(|p| p.peers.iter().any(|x| x.ics == i))
    }

    /// The ICSs a filter narrows the view to, in words ("Midlands ICSs of 1 to 1.5 million people"), or None
    /// when every ICS is shown. Titles, text alternatives and file names follow it.
    pub fn scope(&self) -> Option<String> {
        let st = self.st;
        self.r.comparison.filtered.as_ref()?;
        if let (true, Some(i)) = (st.peers_only, st.selected) {
            return Some(format!("{} and its peers", self.name(i)));
        }
        let mut who = match st.region {
            Some(r) => format!("{} ICSs", self.ds.regions[r].name),
            None => "ICSs".to_string(),
        };
        if let Some(b) = st.population {
            who.push_str(match b {
                PopulationBand::Under1m => " of under 1 million people",
                PopulationBand::From1mTo1_5m => " of 1 to 1.5 million people",
                PopulationBand::From1_5mTo2m => " of 1.5 to 2 million people",
                PopulationBand::Over2m => " of 2 million people or more",
            });
        }
        let mut with = Vec::new();
        if let Some(g) = st.deprivation_group {
            with.push(
                match g {
                    DeprivationGroup::Low => "a Core20 share under 10%",
                    DeprivationGroup::BelowAverage => "a Core20 share of 10% to 20%",
                    DeprivationGroup::AboveAverage => "a Core20 share of 20% to 30%",
                    DeprivationGroup::High => "a Core20 share of 30% or more",
                }
                .to_string(),
            );
        }
        if let Some(k) = st.range_indicator {
            let ind = &self.ds.indicators[k];
            let bound = |t: &str| State::parse_bound(t).ok().flatten().map(|x| format!("{}{}", format::number(x, ind.decimals), unit_suffix(ind)));
            with.push(match (bound(&st.range_min), bound(&st.range_max)) {
                (Some(a), Some(b)) => format!("{} from {a} to {b}", ind.name),
                (Some(a), None) => format!("{} of at least {a}", ind.name),
                (None, Some(b)) => format!("{} of at most {b}", ind.name),
                (None, None) => format!("a value for {}", ind.name),
            });
        }
        if st.hide_estimates && !self.r.hidden_estimates.is_empty() {
            with.push("exact values (estimates hidden)".to_string());
        }
        if !with.is_empty() {
            who = format!("{who} with {}", with.join(" and "));
        }
        Some(who)
    }

    /// A value as charts label it: "≈ 284,581" for an estimate.
    pub fn value_of(&self, v: &ics_engine::values::Value) -> String {
        if v.estimate && v.value.is_some() {
            format!("≈ {}", self.value(v.value))
        } else {
            self.value(v.value)
        }
    }

    /// Whether any ICS's value of the indicator in view is an estimate (shown or not): then its tables have an
    /// estimate column.
    pub fn has_estimates(&self) -> bool {
        self.r.comparison.rows.iter().any(|r| r.value.estimate)
    }

    /// How the indicator in view is estimated for the ICSs that need it, in a few words.
    pub fn estimate_words(&self) -> String {
        estimate_words(self.ds, self.ind)
    }

    /// The ICSs shown: those passing the filters, in dataset order.
    pub fn shown(&self) -> Vec<usize> {
        (0..self.ds.icss.len()).filter(|&i| self.r.included[i]).collect()
    }

    /// Who published the figures, in which dataset, for which period and on which geography.
    pub fn source_line(&self) -> String {
        self.source_for(&self.period())
    }

    /// The source line for figures of `period` (e.g. a trend's "Apr 2022 to Jul 2025").
    pub fn source_for(&self, period: &str) -> String {
        let names: Vec<String> =
            self.ind.sources.iter().map(|&s| format!("{}, {}", self.ds.sources[s].publisher, self.ds.sources[s].dataset)).collect();
        format!("Source: {}. Figures for {period}; {}.", dedup(names).join("; "), self.ind.geography)
    }
}

/// How `ind` is estimated for the ICSs that need it: "apportioned from July 2022 ICBs", or for scores that
/// cannot be summed, "population-weighted means of July 2022 ICBs' scores".
pub fn estimate_words(ds: &Frame, ind: &Indicator) -> String {
    use ics_data::dataset::Formula;
    let additive = match ind.formula {
        Formula::Stored { measure } => ds.measures.get(measure).is_none_or(|m| m.additive),
        Formula::Ratio { num, den, .. } => [num, den].iter().all(|&k| ds.measures.get(k).is_none_or(|m| m.additive)),
        _ => true,
    };
    let old = ds.other_set.as_ref().map_or("July 2022", |o| o.period.as_str());
    if additive {
        format!("apportioned from {old} ICBs")
    } else {
        format!("population-weighted means of {old} ICBs' scores")
    }
}

/// What a table's caption says about ICSs hidden for having estimated values.
pub fn hidden_estimates_caption(cx: &Ctx) -> String {
    match cx.r.hidden_estimates.len() {
        0 => String::new(),
        1 => ". 1 ICS with an estimated value is hidden".into(),
        n => format!(". {n} ICSs with estimated values are hidden"),
    }
}

/// The tooltip line of an estimated value.
pub fn estimate_tip(words: &str) -> String {
    format!("Estimate: {words} (see the indicator's caveats)")
}

/// Under a one-period chart: which values shown are estimates and how they are made, or which ICSs were left
/// out for being estimates ("Hide estimated values").
pub fn estimates_note(cx: &Ctx) -> Option<Node<Msg>> {
    let names = |v: &[usize]| -> String {
        let names: Vec<&str> = v.iter().map(|&i| cx.name(i)).collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => names.join(""),
        }
    };
    let hidden = &cx.r.hidden_estimates;
    if !hidden.is_empty() {
        let n = hidden.len();
        let (who, are) = if n == 1 { ("1 ICS".to_string(), "is") } else { (format!("{n} ICSs"), "are") };
        return Some(
            h("p")
                .class("ics-callout ics-estimates")
                .text(format!(
                    "{who} {are} hidden because {} values are estimates ({}): {}. How they are made is in the indicator's caveats. Untick “Hide estimated values” under Filter the ICSs shown to show them.",
                    if n == 1 { "its" } else { "their" },
                    cx.estimate_words(),
                    names(hidden)
                ))
                .into(),
        );
    }
    let shown: Vec<usize> =
        cx.shown().into_iter().filter(|&i| cx.r.comparison.rows[i].value.estimate && cx.r.comparison.rows[i].value.value.is_some()).collect();
    (!shown.is_empty()).then(|| {
        h("p")
            .class("ics-callout ics-estimates")
            .child(h("strong").text("≈ Estimates: "))
            .text(format!(
                "the values for {} are estimates ({}), marked ≈ and hatched or ringed in the chart. How they are made is in the indicator's caveats. To leave them out, tick “Hide estimated values” under Filter the ICSs shown.",
                names(&shown),
                cx.estimate_words()
            ))
            .into()
    })
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
        View::Funnel => "Funnel plot",
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
        View::Funnel => funnel::content(cx),
        View::Map => map::content(cx),
        View::Trends if cx.st.spc.is_some() => spc::content(cx),
        View::Trends => trends::content(cx),
        View::Profile => profile::content(cx),
        View::About => about::content(cx),
    }
}

pub fn view(st: &State) -> Node<Msg> {
    let ds = st.engine.frame();
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
                .children(has_metadata(st.view).then(|| metadata(&cx))),
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
fn indicator_options(ds: &Frame, current: Option<usize>) -> Vec<Node<Msg>> {
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
    let mut periods = vec![option("", &default_period_label(cx), st.period.is_none())];
    periods.extend(r.periods.iter().rev().map(|p| option(p, &format::period(cx.kind, p), st.period.as_deref() == Some(p))));
    let icss: Vec<(usize, &str)> = ics_data::sort::order(ds.icss.len(), &|a, b| ds.icss[a].short_name.cmp(&ds.icss[b].short_name))
        .into_iter()
        .map(|i| (i, ds.icss[i].short_name.as_str()))
        .collect();
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
    editions.sort_by(|a, b| b.0.cmp(&a.0));
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
    let field = |id: &str, lab: &str, control: Element<Msg>| -> Node<Msg> { h("div").class("ics-field").child(label(id, lab)).child(control).into() };
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
    let (st, r, n) = (cx.st, cx.r, cx.ds.icss.len());
    let k = st.engine.default_period_cached(r.indicator).min(r.periods.len() - 1);
    let period = format::period(cx.kind, &r.periods[k]);
    let ind = &cx.ds.indicators[r.indicator];
    let usable = st.engine.values_at(ind, k).icss.iter().filter(|v| v.is_usable()).count();
    if usable == n {
        format!("Default: {period} (latest, all {n} ICSs)")
    } else {
        format!("Default: {period} (latest with unflagged values for {usable} of {n} ICSs)")
    }
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
    let mut fs =
        h("fieldset")
            .class("ics-filters")
            .child(h("legend").class("ics-visually-hidden").text("Filter the ICSs shown"))
            .child(field(
                "ics-region",
                "NHS region",
                select("ics-region", &st.region.map(|r| ds.regions[r].ods.clone()).unwrap_or_default(), Msg::SetRegion, regions),
            ))
            .child(field(
                "ics-population",
                "Population",
                select("ics-population", st.population.map(|b| b.key()).unwrap_or(""), Msg::SetPopulation, pops),
            ))
            .child(field(
                "ics-deprivation",
                "Deprivation (Core20 share)",
                select("ics-deprivation", st.deprivation_group.map(|g| g.key()).unwrap_or(""), Msg::SetDeprivationGroup, deps),
            ))
            .child(field("ics-range", "Range on", select("ics-range", &range_id, Msg::SetRangeIndicator, range)))
            .child(
                h("div")
                    .class("ics-field")
                    .child(checkbox("ics-peers-only", "Only your ICS and its peers", st.peers_only, |_| Msg::TogglePeersOnly))
                    .children((st.peers_only && st.selected.is_none()).then(|| {
                        h("p").class("ics-hint").text("Choose your ICS above to see it with its peers; until then every ICS is shown.").into()
                    })),
            );
    // Only where some values can be estimates (today's map), or to untick it.
    if !ds.parts.is_empty() || st.hide_estimates {
        let hint = if ds.parts.is_empty() {
            format!("No values are estimates on the {} map.", ds.set.period)
        } else if st.view == View::Deprivation {
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
            .attr_if(st.hide_estimates, "checked", "checked")
            .on_change(|_| Msg::ToggleHideEstimates);
        fs =
            fs.child(h("div").class("ics-field").child(h("p").class("ics-hint").id("ics-hide-estimates-hint").text(hint)).child(
                h("div").class("ics-checkbox").child(input).child(h("label").attr("for", "ics-hide-estimates").text("Hide estimated values")),
            ));
    }
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

/// "Add your own data": a file picker and drop zone (the file is read in the browser, never uploaded), a template
/// to fill in, what was added, the rows that matched no ICS (to assign or leave out), and the imported
/// indicator's name, unit and polarity.
fn import_panel(cx: &Ctx) -> Node<Msg> {
    use super::ImportStatus;
    let st = cx.st;
    let status: Node<Msg> = match &st.import {
        ImportStatus::Idle => h("div")
            .child(h("p").class("ics-hint").text("CSV or JSON with one value per ICB, keyed by ICB code (E54… or NHS code) or name: a Fingertips “Download data” file as it comes (its ICB and England rows are used, and the rest counted), a table saved from a spreadsheet, or the template. Optional columns: Time period, Lower and Upper CI 95.0 limit, Indicator Name. Numbers may have % or £ signs and commas between thousands; blank cells, “-”, “..”, “*” and “x” mean no value."))
            .child(h("p").class("ics-hint").text("Or one row per sub-ICB location (E38… or codes such as 15E), with Count and Denominator columns: each ICB's counts and denominators are added up, on whichever boundaries are shown. Rates alone cannot be added up."))
            .into(),
        ImportStatus::Reading { name, percent } => h("div")
            .child(h("label").attr("for", "ics-import-progress").text(format!("Reading {name}: {}%", format::number(*percent, 0))))
            .child(h("progress").id("ics-import-progress").attr("max", "100").attr("value", format::plain(*percent, 0)).text(format!("{}%", format::number(*percent, 0))))
            .into(),
        ImportStatus::Done(d) => {
            let here: Vec<&ics_data::dataset::Indicator> = d.added.iter().filter_map(|(_, id)| cx.ds.indicators.iter().find(|i| i.id == *id)).collect();
            let names: Vec<&str> = here.iter().map(|i| i.name.as_str()).collect();
            // A sub-ICB file's notes on the boundaries shown (which ICBs have no value, and why).
            let notes = here.iter().filter(|_| d.sub_icb).flat_map(|i| i.caveats.iter().filter(|c| !c.starts_with("Your own data")));
            let warnings: Vec<&String> = d.warnings.iter().chain(notes).collect();
            let added = if names.is_empty() {
                // An ICB file read on other boundaries: its indicators stay there.
                let there = st.dataset.area_sets().get(d.set).map(|a| format!("the {} ICBs ({})", a.icss.len(), a.period)).unwrap_or_default();
                format!("its indicators are for {there}, so they stay with those boundaries: switch back to them to see them.")
            } else {
                format!("{}. It is in the indicator list under “Your own data”.", names.join("; "))
            };
            h("div")
                .class("ics-import__done")
                .child(h("p").child(h("strong").text(format!("Added from {}: ", d.name))).text(added))
                .children((!warnings.is_empty()).then(|| h("ul").class("ics-import__warnings").children(warnings.iter().map(|w| h("li").text(w.to_string()).into())).into()))
                .children(super::imported::multiplier_choice(st, d).map(multiplier_field))
                .children(d.fingertips.as_ref().filter(|_| d.set == cx.ds.area_set).map(fingertips_fields).unwrap_or_default())
                .children((!d.problems.is_empty() && d.fingertips.is_some() && d.unmatched.is_empty()).then(|| {
                    h("div")
                        .class("ics-error")
                        .child(h("p").text("Your choice could not be used, so the indicators are unchanged:"))
                        .child(h("ul").children(d.problems.iter().take(20).map(|p| h("li").text(p.clone()).into())))
                        .into()
                }))
                .into()
        }
        ImportStatus::Failed { name, problems } => h("div")
            .class("ics-error ics-import__failed")
            .child(h("h3").text(format!("{} could not be imported", if name.is_empty() { "The file" } else { name.as_str() })))
            .child(h("ul").children(problems.iter().take(50).map(|p| h("li").text(p.clone()).into())))
            .child(h("p").text("Nothing was added. Fix the file and choose it again."))
            .into(),
    };
    let fixes = match &st.import {
        // Rows are assigned to ICBs of the set the file was read on.
        ImportStatus::Done(d) if !d.unmatched.is_empty() && !d.sub_icb && d.set == cx.ds.area_set => Some(unmatched_rows(cx, d)),
        _ => None,
    };
    let user = cx.ind.domain == ics_data::dataset::Domain::User;
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
                .child(
                    h("input")
                        .class("ics-file")
                        .id("ics-import-file")
                        .attr("type", "file")
                        .attr("data-import", "")
                        .attr("accept", ".csv,.json,.txt,text/csv,application/json"),
                ),
        )
        .child(
            h("p")
                .class("ics-import__template")
                .text(format!(
                    "Starting from scratch? The template lists the {} ICBs ({}) with their codes, ready to fill in. ",
                    cx.ds.icss.len(),
                    cx.ds.set.period
                ))
                .child(
                    h("button")
                        .attr("type", "button")
                        .class("ics-button ics-button--secondary")
                        .id("ics-import-template")
                        .on_click(Msg::DownloadTemplate)
                        .text("Download a template (CSV)"),
                ),
        )
        .child(h("div").attr("role", "status").attr("aria-live", "polite").child(status))
        .children(fixes)
        .children(user.then(|| user_fields(cx)))
        .into()
}

/// How a sub-ICB file's Count ÷ Denominator is shown, when its Value column did not settle it.
fn multiplier_field(current: f64) -> Node<Msg> {
    let opts = ics_engine::import::subicb::MULTIPLIERS
        .iter()
        .map(|&m| option(&format::plain(m, 0), &ics_data::format::upper_first(&ics_engine::import::subicb::multiplier_words(m)), m == current))
        .collect();
    h("div")
        .class("ics-field")
        .child(label("ics-import-multiplier", "Show Count ÷ Denominator"))
        .child(select("ics-import-multiplier", &format::plain(current, 0), Msg::SetImportMultiplier, opts))
        .into()
}

/// A Fingertips download's choices of rows, each importing the file again: which Sex and Age (when its ICB rows
/// have several), and a category breakdown instead of the plain rows (when it has any).
fn fingertips_fields(s: &ics_engine::import::fingertips::Summary) -> Vec<Node<Msg>> {
    let mut out = Vec::new();
    if s.sex_ages.len() > 1 {
        let opts = s
            .sex_ages
            .iter()
            .enumerate()
            .map(|(k, (sex, age, n))| {
                let words = if sex.is_empty() && age.is_empty() {
                    "No sex or age given".to_string()
                } else {
                    [sex.as_str(), age.as_str()].iter().filter(|w| !w.is_empty()).copied().collect::<Vec<_>>().join(", ")
                };
                option(
                    &format!("sex:{k}"),
                    &format!("{words} ({} {})", format::number(*n as f64, 0), if *n == 1 { "row" } else { "rows" }),
                    s.sex_age.as_ref().is_some_and(|(a, b)| a == sex && b == age),
                )
            })
            .collect();
        let current = s.sex_ages.iter().position(|(a, b, _)| s.sex_age.as_ref().is_some_and(|(x, y)| x == a && y == b)).unwrap_or(0);
        out.push(
            h("div")
                .class("ics-field")
                .child(label("ics-import-sex-age", "Sex and age to import"))
                .child(select("ics-import-sex-age", &format!("sex:{current}"), Msg::ChooseImportRows, opts))
                .into(),
        );
    }
    if !s.breakdowns.is_empty() {
        let chosen = s.breakdowns.iter().position(|b| s.breakdown.as_deref() == Some(b.0.as_str()));
        let mut opts = vec![option("breakdown:", "No breakdown: one value per ICB", chosen.is_none())];
        opts.extend(s.breakdowns.iter().enumerate().map(|(k, (t, n, _))| {
            option(
                &format!("breakdown:{k}"),
                &format!(
                    "Breakdown by {t}: an indicator for each of its {}",
                    if *n == 1 { "1 category".to_string() } else { format!("{n} categories") }
                ),
                chosen == Some(k),
            )
        }));
        let value = chosen.map_or("breakdown:".to_string(), |k| format!("breakdown:{k}"));
        out.push(
            h("div")
                .class("ics-field")
                .child(label("ics-import-breakdown", "Category breakdown"))
                .child(select("ics-import-breakdown", &value, Msg::ChooseImportRows, opts))
                .into(),
        );
    }
    out
}

/// Unmatched rows listed with a choice each; more are counted.
const FIX_ROWS: usize = 30;

/// The rows of an import that matched no ICS: each with a choice of ICS (closest first) or "leave it out", and a
/// button to import the file again with the choices.
fn unmatched_rows(cx: &Ctx, d: &super::ImportDone) -> Node<Msg> {
    let ds = cx.ds;
    let n = d.unmatched.len() + d.unmatched_more;
    let by_name = ics_data::sort::order(ds.icss.len(), &|a, b| ds.icss[a].short_name.cmp(&ds.icss[b].short_name));
    let rows = d.unmatched.iter().take(FIX_ROWS).map(|u| {
        let id = format!("ics-fix-{}", u.line);
        let chosen = d.choices.iter().find(|(l, _)| *l == u.line).map_or("", |(_, c)| c.as_str());
        let value = |code: &str| format!("{}:{code}", u.line);
        let ics = |i: &usize| option(&value(&ds.icss[*i].ods), &ds.icss[*i].short_name, chosen == ds.icss[*i].ods);
        let mut opts = vec![option(&value(""), "Leave this row out", chosen.is_empty())];
        if !u.suggestions.is_empty() {
            opts.push(h("optgroup").attr("label", "Closest matches").children(u.suggestions.iter().map(ics)).into());
        }
        let others = if u.suggestions.is_empty() { "ICSs" } else { "Other ICSs" };
        opts.push(h("optgroup").attr("label", others).children(by_name.iter().filter(|i| !u.suggestions.contains(i)).map(ics)).into());
        opts.push(option(&value("england"), "England (the comparator)", chosen == "england"));
        let written = match u.written.as_str() {
            "" => "no area given".to_string(),
            w if w.starts_with("E38") => format!("“{w}”, a sub-ICB location"),
            w => format!("“{w}”"),
        };
        let value_text = if u.value.is_empty() { "no value".to_string() } else { format!("value {}", u.value) };
        h("div")
            .class("ics-field")
            .child(label(&id, &format!("Line {}: {written} ({value_text})", u.line)))
            .child(select(&id, &value(chosen), Msg::ChooseImportFix, opts))
            .into()
    });
    let pending = d.choices.len() != d.applied.len() || d.choices.iter().any(|c| !d.applied.contains(c));
    let status: Option<Node<Msg>> = if !d.problems.is_empty() {
        Some(
            h("div")
                .class("ics-error")
                .child(h("p").text("Your choices could not be used, so the indicator is unchanged:"))
                .child(h("ul").children(d.problems.iter().take(20).map(|p| h("li").text(p.clone()).into())))
                .into(),
        )
    } else if pending {
        Some(h("p").text("Select “Update the indicator” to use your choices.").into())
    } else if !d.applied.is_empty() {
        let k = d.applied.len();
        Some(h("p").text(format!("Updated: {k} {} now included; any others are left out.", if k == 1 { "row is" } else { "rows are" })).into())
    } else {
        None
    };
    h("fieldset")
        .class("ics-import__unmatched")
        .child(h("legend").class("ics-label").text(if n == 1 {
            "1 row did not match an ICS and was left out".to_string()
        } else {
            format!("{n} rows did not match an ICS and were left out")
        }))
        .child(h("p").class("ics-hint").text("Choose the ICS each row is for, or leave it out, then update the indicator."))
        .children(rows)
        .children((n > FIX_ROWS.min(d.unmatched.len())).then(|| {
            h("p")
                .text(format!("{} more rows are not listed here: correct them in the file and import it again.", n - FIX_ROWS.min(d.unmatched.len())))
                .into()
        }))
        .child(
            h("button")
                .attr("type", "button")
                .class("ics-button")
                .id("ics-import-apply")
                .on_click(Msg::ApplyImportFixes)
                .text("Update the indicator"),
        )
        .child(h("div").attr("role", "status").attr("aria-live", "polite").children(status))
        .into()
}

/// The imported indicator's name, unit and polarity, which every view, table and download uses.
fn user_fields(cx: &Ctx) -> Node<Msg> {
    let (name, unit) = match &cx.st.user_text {
        Some((k, n, u)) if *k == cx.r.indicator => (n.clone(), u.clone()),
        _ => (cx.ind.name.clone(), cx.ind.unit.clone()),
    };
    let input = |id: &str, lab: &str, hint: &str, value: &str, max: &str, error: &str, f: fn(String) -> Msg| -> Node<Msg> {
        let bad = value.trim().is_empty();
        let described = if bad { format!("{id}-hint {id}-error") } else { format!("{id}-hint") };
        h("div")
            .class(if bad { "ics-field ics-field--error" } else { "ics-field" })
            .child(label(id, lab))
            .child(h("p").class("ics-hint").id(format!("{id}-hint")).text(hint))
            // Always there (empty when the text is fine), so the input keeps its place, and focus, as the user types.
            .child(h("span").class("ics-field__error").id(format!("{id}-error")).text(if bad { error } else { "" }))
            .child(
                h("input")
                    .class("ics-input")
                    .id(id.to_string())
                    .attr("type", "text")
                    .attr("maxlength", max)
                    .attr("spellcheck", "true")
                    .attr("value", value.to_string())
                    .attr("aria-describedby", described)
                    .on_input(f),
            )
            .into()
    };
    let opts = [("neutral", "Neither (context)"), ("higher_is_better", "Higher is better"), ("lower_is_better", "Lower is better")];
    let current = match cx.ind.polarity {
        Polarity::HigherIsBetter => "higher_is_better",
        Polarity::LowerIsBetter => "lower_is_better",
        Polarity::Neutral => "neutral",
    };
    h("fieldset")
        .class("ics-import__about")
        .child(h("legend").class("ics-label").text("Your indicator"))
        .child(input(
            "ics-user-name",
            "Name",
            "Used in titles, tables and downloads.",
            &name,
            "120",
            "Enter a name for the indicator",
            Msg::SetUserName,
        ))
        .child(input(
            "ics-user-unit",
            "Unit",
            "For example: %, per 1,000 people, £, people.",
            &unit,
            "60",
            "Enter a unit, such as % or per 1,000 people",
            Msg::SetUserUnit,
        ))
        .child(h("div").class("ics-field").child(label("ics-user-polarity", &format!("How to read “{}”", cx.ind.name))).child(select(
            "ics-user-polarity",
            current,
            Msg::SetUserPolarity,
            opts.iter().map(|(v, l)| option(v, l, *v == current)).collect(),
        )))
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
    let downloads = h("div")
        .class("ics-downloads")
        .children(c.table.is_some().then(|| download_button(Download::Csv, "Download the data (CSV)")))
        .children(c.chart.is_some().then(|| download_button(Download::Svg, "Download the chart (SVG)")))
        .children(c.chart.is_some().then(|| download_button(Download::Png, "Download the chart (PNG)")))
        .child(
            h("button")
                .attr("type", "button")
                .class("ics-button ics-button--secondary")
                .id("ics-copy-link")
                .on_click(Msg::CopyLink)
                .text("Copy a link to this view"),
        );
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
        .children(c.table.map(|t| t.render(cx.st.sort, cx.st.selected)))
        .children(c.extra)
        .into()
}

/// What happened to "Copy a link to this view", and for a folder opened from this computer, that its links
/// work only here.
fn copy_status(st: &State) -> Node<Msg> {
    use super::CopyStatus;
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

/// A toggle button (aria-pressed) for view options.
pub fn toggle(label: &str, pressed: bool, msg: Msg) -> Node<Msg> {
    h("button")
        .attr("type", "button")
        .class("ics-toggle")
        .attr("aria-pressed", if pressed { "true" } else { "false" })
        .on_click(msg)
        .text(label)
        .into()
}

pub fn checkbox(id: &str, label_text: &str, checked: bool, f: fn(String) -> Msg) -> Node<Msg> {
    h("div")
        .class("ics-checkbox")
        .child(h("input").attr("type", "checkbox").id(id.to_string()).attr_if(checked, "checked", "checked").on_change(f))
        .child(h("label").attr("for", id.to_string()).text(label_text))
        .into()
}

/// The width charts are drawn at in downloads, whatever the screen: a board paper's text column (about 25 cm at
/// 96 dpi), so a PNG or SVG saved on a phone is the same as one saved on a desktop.
pub const EXPORT_WIDTH: f64 = 960.0;

/// Carries out a download of the current view.
pub fn download(st: &State, kind: Download) -> Option<Effect> {
    if kind == Download::Csv {
        let r = st.result.as_ref().ok()?;
        let ds = st.engine.frame();
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
    let ds = st.engine.frame();
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

/// A heading and paragraph used for empty states ("choose an ICS").
pub fn prompt(title: &str, body: &str) -> Node<Msg> {
    h("div").class("ics-prompt").child(h("h3").text(title)).child(h("p").text(body)).into()
}

/// Lists the caveats attached to the values shown in a one-period view (flags), once each, with the ICSs each
/// affects (all of them, from the flag itself, whichever value it was found on).
pub fn flag_notes(cx: &Ctx, flags: &[&ics_engine::values::FlagNote]) -> Option<Node<Msg>> {
    let single = cx.period();
    let items: Vec<(&str, &ics_engine::values::FlagNote)> = flags.iter().map(|f| (cx.r.comparison.period.as_str(), *f)).collect();
    period_notes(cx, &items, &format!("Data quality notes for {single}"), false)
}

/// Caveats found on values of several periods (the trends view) or indicators (the profile): each note once,
/// with the ICSs it affects and, if `show_periods`, the periods of the current indicator it was found in.
pub fn period_notes(cx: &Ctx, items: &[(&str, &ics_engine::values::FlagNote)], title: &str, show_periods: bool) -> Option<Node<Msg>> {
    // (note, kind, affected ICSs, England affected, periods)
    let mut notes: Vec<(&str, ics_data::dataset::FlagKind, Vec<usize>, bool, Vec<&str>)> = Vec::new();
    for (period, f) in items {
        match notes.iter_mut().find(|n| n.0 == f.note) {
            Some(n) => {
                for &i in &f.icss {
                    if !n.2.contains(&i) {
                        n.2.push(i);
                    }
                }
                n.3 |= f.england;
                if !n.4.contains(period) {
                    n.4.push(period);
                }
            }
            None => notes.push((&f.note, f.kind, f.icss.clone(), f.england, vec![period])),
        }
    }
    let several_periods = show_periods && items.iter().any(|(p, _)| *p != items[0].0);
    (!notes.is_empty()).then(|| {
        h("div")
            .class("ics-flags")
            .child(h("h3").text(title.to_string()))
            .child(h("ul").children(notes.into_iter().map(|(n, kind, mut icss, england, periods)| {
                icss.sort_unstable();
                let mut who: Vec<String> = if icss.len() == cx.ds.icss.len() {
                    vec![format!("all {} ICSs", icss.len())]
                } else if icss.len() > 6 {
                    vec![format!("{} ICSs", icss.len())]
                } else {
                    icss.iter().map(|&i| cx.name(i).to_string()).collect()
                };
                if england {
                    who.push("England".into());
                }
                let affects = match who.len() {
                    0 => String::new(),
                    1 => format!(" Affects: {}.", who[0]),
                    k => format!(" Affects: {} and {}.", who[..k - 1].join(", "), who[k - 1]),
                };
                let when = if several_periods { format!(" Periods: {}.", period_ranges(cx, &periods)) } else { String::new() };
                let mark = if kind == ics_data::dataset::FlagKind::Note { "Note: " } else { "⚠ " };
                h("li").child(h("strong").text(mark)).text(format!("{n}{affects}{when}")).into()
            })))
            .into()
    })
}

/// "Oct 2022 to Dec 2022, Nov 2025": consecutive listed periods joined into ranges.
fn period_ranges(cx: &Ctx, periods: &[&str]) -> String {
    let all = &cx.r.periods;
    let mut idx: Vec<usize> = periods.iter().filter_map(|p| all.iter().position(|x| x == p)).collect();
    idx.sort_unstable();
    let mut out: Vec<String> = Vec::new();
    let mut k = 0;
    while k < idx.len() {
        let mut j = k;
        while j + 1 < idx.len() && idx[j + 1] == idx[j] + 1 {
            j += 1;
        }
        let (a, b) = (format::period(cx.kind, &all[idx[k]]), format::period(cx.kind, &all[idx[j]]));
        out.push(if j == k { a } else { format!("{a} to {b}") });
        k = j + 1;
    }
    out.join(", ")
}

/// Why a value is flagged, in a few words ("break in the series", "incomplete", "missing").
pub fn flag_reason(flags: &[ics_engine::values::FlagNote]) -> String {
    use ics_data::dataset::FlagKind;
    let mut words: Vec<&str> = Vec::new();
    for f in flags {
        let w = match f.kind {
            FlagKind::Break => "break in the series",
            FlagKind::Incomplete => "incomplete",
            FlagKind::Missing => "missing",
            FlagKind::Note => continue,
        };
        if !words.contains(&w) {
            words.push(w);
        }
    }
    words.join("; ")
}

/// "No data for Cambridgeshire and Peterborough in Aug 2025." for the ICSs shown without a value.
pub fn no_data_note(cx: &Ctx) -> Option<Node<Msg>> {
    let missing: Vec<&str> = cx.shown().into_iter().filter(|&i| cx.r.comparison.rows[i].value.value.is_none()).map(|i| cx.name(i)).collect();
    (!missing.is_empty()).then(|| {
        h("p")
            .class("ics-callout")
            .text(format!("No data for {} in {}: shown as “no data” and left out of ranks and comparisons.", missing.join(", "), cx.period()))
            .into()
    })
}

pub fn t(s: impl Into<String>) -> Node<Msg> {
    text(s)
}
