//! The views' shared contract: what a view shows ([`Content`], [`Chart`]), what it is given ([`Ctx`]: the state,
//! the engine's `QueryResult`, the frame with the user's imports as an `ics_engine::layer::Layered`), and which
//! view module draws the current view. The page around the view is in `layout`, its controls' building blocks in
//! `widgets`, the "Add your own data" panel in `import_panel`, the sharing snippets in `embed`, the chart and data
//! files in `downloads`, the notes every view shares in `notes`, and the pickable marks of every chart in `item`.
//!
//! Views only render engine results: a view must never compute a figure or ask the engine a question while
//! rendering; what it needs is in the `QueryResult` or in `State` (see `State::hints`).

mod about;
mod deprivation;
mod downloads;
mod edition_change;
mod embed;
mod funnel;
mod import_panel;
pub mod item;
mod layout;
mod map;
pub mod notes;
mod profile;
mod rankings;
mod scatter;
pub mod spc;
mod transition;
mod trends;
pub mod widgets;

pub use downloads::{chart_file, download, standalone_svg, Standalone, EXPORT_WIDTH};
pub use layout::{chart_width, view, view_label};

use crate::node::{Element, Node};
use crate::table::DataTable;
use crate::{Msg, State};
use ics_data::dataset::{Indicator, PeriodKind};
use ics_data::format;
use ics_engine::filter::{DeprivationGroup, PopulationBand};
use ics_engine::layer::Layered;
use ics_engine::query::{QueryResult, View};
use notes::unit_suffix;

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
    pub ds: Layered<'a>,
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
        if let (true, Some(i)) = (st.settings.filters.peers_only, st.settings.selected) {
            return Some(format!("{} and its peers", self.name(i)));
        }
        let mut who = match st.settings.filters.region {
            Some(r) => format!("{} ICSs", self.ds.regions[r].name),
            None => "ICSs".to_string(),
        };
        if let Some(b) = st.settings.filters.population {
            who.push_str(match b {
                PopulationBand::Under1m => " of under 1 million people",
                PopulationBand::From1mTo1_5m => " of 1 to 1.5 million people",
                PopulationBand::From1_5mTo2m => " of 1.5 to 2 million people",
                PopulationBand::Over2m => " of 2 million people or more",
            });
        }
        let mut with = Vec::new();
        if let Some(g) = st.settings.filters.deprivation_group {
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
        if let Some(k) = st.settings.filters.range_indicator {
            let ind = &self.ds.indicators[k];
            let bound = |t: &str| State::parse_bound(t).ok().flatten().map(|x| format!("{}{}", format::number(x, ind.decimals), unit_suffix(ind)));
            with.push(match (bound(&st.settings.filters.range_min), bound(&st.settings.filters.range_max)) {
                (Some(a), Some(b)) => format!("{} from {a} to {b}", ind.name),
                (Some(a), None) => format!("{} of at least {a}", ind.name),
                (None, Some(b)) => format!("{} of at most {b}", ind.name),
                (None, None) => format!("a value for {}", ind.name),
            });
        }
        if st.settings.filters.hide_estimates && !self.r.hidden_estimates.is_empty() {
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
        notes::estimate_words(self.ds, self.ind)
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

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = Vec::new();
    v.retain(|x| {
        let new = !seen.contains(x);
        seen.push(x.clone());
        new
    });
    v
}

fn content(cx: &Ctx) -> Content {
    let mut c = match cx.st.settings.view {
        View::Rankings => rankings::content(cx),
        View::Deprivation => deprivation::content(cx),
        View::Scatter => scatter::content(cx),
        View::Funnel => funnel::content(cx),
        View::Map => map::content(cx),
        View::Trends if cx.st.settings.spc.is_some() => spc::content(cx),
        View::Trends => trends::content(cx),
        View::Profile => profile::content(cx),
        View::About => about::content(cx),
    };
    if charts_the_shown(cx.st.settings.view) {
        c.lead.extend(notes::selected_hidden_note(cx));
    }
    c
}

/// Whether a view charts the ICSs shown, the filters' choice (trends and the profile draw the user's ICS whatever
/// the filters): those say so when they leave out the user's ICS (`notes::selected_hidden_note`).
pub fn charts_the_shown(view: View) -> bool {
    matches!(view, View::Rankings | View::Deprivation | View::Scatter | View::Funnel | View::Map)
}
