//! The page as pure Rust, in the Elm architecture: one [`State`], one [`Msg`] enum, [`update`] and
//! [`view::view`], which returns a [`node::Node`] tree. Everything the URL hash saves is one [`Settings`] value
//! in the state, which [`url`] serialises.
//!
//! Nothing here touches the browser, so the page logic is tested natively. Messages carry typed values, read from
//! the DOM by each control's handler (or from a link by `url`), never parsed in `update`. [`step`] is `update`
//! plus the [`Effect`]s that report a change (the hash to write, events for the host page); the web layer
//! patches the DOM with the tree, turns DOM events into messages and only carries effects out. Views never
//! compute figures: `update` asks the engine once per change and views render its [`QueryResult`].

pub mod chart;
pub mod editions;
pub use ics_data::export;
pub mod frames;
pub mod imported;
pub mod node;
pub mod settings;
pub mod table;
pub mod url;
pub mod view;
pub use view::view;

use ics_data::dataset::{Dataset, Deprivation, Polarity, Weight};
use ics_data::num::clamp;
use ics_engine::adjust::Axis;
use ics_engine::filter::{DeprivationGroup, Filters, PopulationBand, RangeFilter};
use ics_engine::funnel::Overdispersion;
use ics_engine::layer::Layered;
use ics_engine::peers::{PeerBasis, PeerSettings, MAX_PEERS};
use ics_engine::query::{DeprivationSettings, Query, QueryResult, View};
use ics_engine::Engine;

/// The indicator shown first: the share of residents in England's most deprived fifth of neighbourhoods
/// (Core20), exact on today's map (the waiting-list figures are estimates for six of its boards).
pub const DEFAULT_INDICATOR: &str = "core20_pop_share";

/// How the page is embedded (set once at mount).
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Read and write the URL hash (the full page and iframes; not custom elements sharing a page).
    pub hash: bool,
    /// A compact layout for embeds: no header, fewer controls.
    pub compact: bool,
    /// Views offered (all by default).
    pub views: Vec<View>,
    /// The explorer folder's URL (ending in '/'), for the "Embed this view" snippets.
    pub base: String,
    /// The embedder's boundaries and deprivation edition (`geography`, `imd`), when set: they win over a
    /// `state` setting's.
    pub geography: Option<String>,
    pub imd: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options { hash: true, compact: false, views: View::ALL.to_vec(), base: String::new(), geography: None, imd: None }
    }
}

/// Everything the URL hash saves: the view and its question, as one value. [`State::default_settings`] is the
/// starting view (the embedder's first view, the default indicator); `url` writes only what differs from it
/// and reads a hash back onto it; `settings` (the embedder's) and `update` change it. Indices are into the
/// frame shown (its indicators, ICSs and regions), which `url` turns into codes and back.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settings {
    pub view: View,
    /// Index into the frame's indicators.
    pub indicator: usize,
    /// None = the indicator's default period (see `Engine::default_period`).
    pub period: Option<String>,
    pub selected: Option<usize>,
    pub filters: FilterSettings,
    /// Order the ranked chart by name instead of value.
    pub by_name: bool,
    /// Leave ICSs with no value out of the ranked chart and its table.
    pub hide_missing: bool,
    pub peers: PeerSettings,
    /// The scatter plot's deprivation axis, whether its fit is weighted, and whether flagged values (incomplete,
    /// missing, after a break in the series) are included in it (and in SPC limits).
    pub axis: Axis,
    pub weighted: bool,
    pub include_flagged: bool,
    /// The deprivation view's profile: its index, weighting and quantiles (URL keys `di`, `dw`, `dq`; not the
    /// deprivation filter, whose key is `dep`).
    pub deprivation_view: DeprivationSettings,
    pub base_period: Option<String>,
    /// Show every Health Index row in the profile's spine chart.
    pub spine_all: bool,
    /// Draw the other area set's boundaries as outlines over the map.
    pub outlines: bool,
    /// Show the deprivation view's "IMD 2019 vs IMD 2025" comparison instead of its profile (`dc=1`).
    pub compare_editions: bool,
    /// The trends view as an SPC chart (Making Data Count), with its settings (see `view::spc`).
    pub spc: Option<ics_engine::spc::SpcSettings>,
    /// The funnel plot's overdispersion adjustment (`od=phi|tau`).
    pub overdispersion: Overdispersion,
}

/// The filters panel: which ICSs are shown. `Default` is no filter ("Reset filters").
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FilterSettings {
    /// Index into the frame's regions.
    pub region: Option<usize>,
    pub population: Option<PopulationBand>,
    /// The deprivation filter (URL key `dep`).
    pub deprivation_group: Option<DeprivationGroup>,
    /// Index into the frame's indicators.
    pub range_indicator: Option<usize>,
    /// The range bounds as typed (validated when building the query).
    pub range_min: String,
    pub range_max: String,
    /// Show only the selected ICS and its peers.
    pub peers_only: bool,
    /// Leave out ICSs whose value is an apportioned estimate (a filter: see `Filters::hide_estimates`).
    pub hide_estimates: bool,
}

#[derive(Clone)]
pub struct State {
    /// Everything shipped: both area sets, and the deprivation editions loaded so far.
    pub dataset: Dataset,
    /// The engine of the frame shown (one area set seen through one edition).
    pub engine: Engine,
    /// Engines of frames shown before, kept so that switching back is instant and keeps imported data.
    parked: Vec<Engine>,
    /// The indicators imported in this tab, which every frame's engine is given as it is shown (see `imported`).
    kept: Vec<imported::Kept>,
    /// A switch waiting for its edition to load.
    pub loading: Option<frames::Loading>,
    /// What changed when the frame changed ("Frimley (July 2022) is now part of …").
    pub frame_notes: Vec<String>,
    /// Problems in embedder's settings applied once an edition loaded, for the web layer to report.
    pub late_problems: Vec<settings::Problem>,
    pub options: Options,
    /// Everything the URL hash saves (see [`Settings`] and [`url`]).
    pub settings: Settings,
    /// That comparison, once asked for (see `editions`): it never changes, so it is kept.
    pub edition_change: Option<editions::Compared>,
    /// The sorted table, if any: (its id, column, ascending).
    pub sort: Option<(&'static str, usize, bool)>,
    /// The ICS whose tooltip is shown.
    pub hover: Option<usize>,
    /// Width available to charts, in CSS pixels.
    pub width: f64,
    /// Messages for the user (e.g. parts of a link that could not be used).
    pub notices: Vec<String>,
    pub result: Result<QueryResult, String>,
    /// What the controls say of the engine's answers beside `result`, asked with it (see [`Hints`]).
    pub hints: Hints,
    /// Reading or importing a user's file.
    pub import: ImportStatus,
    /// The last "Copy a link" and how it went.
    pub copy: CopyStatus,
    /// The name and unit of an imported indicator as typed (indicator index, name, unit): what the inputs show,
    /// even while blank; the engine keeps the last non-blank text.
    pub user_text: Option<(usize, String, String)>,
    /// In hash mode, the view the embedder's settings describe: what an empty page hash means (set by the web
    /// layer once those settings are shown).
    pub home: String,
}

/// What the controls say beside the query result, asked of the engine with it (in [`State::refresh`]), so that
/// the view only renders answers and never asks the engine a question.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Hints {
    /// The indicator's default period (an index into the result's periods) and how many ICSs have usable
    /// (unflagged) values in it: the period picker's default option says both.
    pub default_period: (usize, usize),
    /// The range filter's indicator and the span of its values, which the range inputs' hint gives.
    pub range: Option<RangeSpan>,
}

/// The lowest and highest value of the range filter's indicator at its default period (the values the filter
/// compares); infinite when no ICS has one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RangeSpan {
    pub indicator: usize,
    pub lo: f64,
    pub hi: f64,
}

/// Where "Copy a link to this view" stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum CopyStatus {
    #[default]
    Idle,
    /// On the clipboard.
    Copied(String),
    /// The browser refused: the link is shown for copying by hand.
    Failed(String),
}

/// Where the "add your own data" import stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum ImportStatus {
    #[default]
    Idle,
    Reading {
        name: String,
        percent: f64,
    },
    Done(Box<ImportDone>),
    Failed {
        name: String,
        problems: Vec<String>,
    },
}

/// A file imported: what was added, and the rows that matched no ICS, for the user to fix or leave out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportDone {
    pub name: String,
    /// The file's text, kept in this tab to import again with the user's choices.
    pub text: String,
    /// The indicators added: (name in the file, id).
    pub added: Vec<(String, String)>,
    /// The area set the file was read on (its ICB indicators stay with it).
    pub set: usize,
    /// Whether the file was of sub-ICB locations (summed to whichever set is shown).
    pub sub_icb: bool,
    pub warnings: Vec<String>,
    /// Rows whose area matched no ICS, as first imported, and how many more were not listed.
    pub unmatched: Vec<ics_engine::import::Unmatched>,
    pub unmatched_more: usize,
    /// The user's choice for unmatched rows (line, ICS code or "england"; absent: left out), as chosen and as
    /// last applied.
    pub choices: Vec<(usize, String)>,
    pub applied: Vec<(usize, String)>,
    /// Why the choices could not be applied (the indicator keeps its last values).
    pub problems: Vec<String>,
    /// A Fingertips download's rows used and skipped, and the choices it offers; the user's choice of its rows.
    pub fingertips: Option<ics_engine::import::fingertips::Summary>,
    pub choice: ics_engine::import::Choice,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    SetView(View),
    SetIndicator(String),
    /// None: the indicator's default period.
    SetPeriod(Option<String>),
    SelectIcs(String),
    /// A click on a chart item: select that ICS, or clear the selection if it is already selected.
    Pick(usize),
    /// An index into the frame's regions (None: all regions).
    SetRegion(Option<usize>),
    SetPopulation(Option<PopulationBand>),
    SetDeprivationGroup(Option<DeprivationGroup>),
    /// An index into the frame's indicators (None: no range filter).
    SetRangeIndicator(Option<usize>),
    SetRangeMin(String),
    SetRangeMax(String),
    TogglePeersOnly,
    ToggleHideEstimates,
    ResetFilters,
    /// A table's column header: (the table's id, column).
    Sort(&'static str, usize),
    SetOrder(bool),
    SetHideMissing(bool),
    SetPeerBasis(PeerBasis),
    /// The number of peers (clamped to 1..=MAX_PEERS).
    SetPeerK(usize),
    TogglePeerLogPopulation,
    TogglePeerRegion,
    SetAxis(Axis),
    ToggleWeighted,
    ToggleIncludeFlagged,
    SetDepIndex(Deprivation),
    ToggleDepPopulation,
    SetDepDeciles(bool),
    /// None: the indicator's first period.
    SetBasePeriod(Option<String>),
    ToggleSpineAll,
    /// Draw (or stop drawing) the other area set's boundaries over the map.
    ToggleOutlines,
    /// The deprivation view: its profile (false) or the "IMD 2019 vs IMD 2025" comparison (true).
    SetDepCompare(bool),
    /// The funnel plot's overdispersion adjustment.
    SetOverdispersion(Overdispersion),
    Hover(Option<usize>),
    Escape,
    Resize(f64),
    /// The page's hash changed by itself (a link, Back, an edited address): open the view it describes (empty:
    /// the starting view, [`State::home`]).
    HashChanged(String),
    /// Show another area set ("icb22", "icb26"), with its own edition.
    SetGeography(String),
    /// Show another deprivation edition ("imd2019", "imd2025") with the same area set.
    SetEdition(String),
    /// Show an area of another set: the set ("icb22", "icb26") with its own edition, and the area's code.
    ShowArea(String, String),
    /// An edition shipped apart has been read: its id and JSON text.
    EditionLoaded(String, String),
    /// An edition shipped apart could not be read: its id and why.
    EditionFailed(String, String),
    Download(Download),
    DismissNotices,
    /// Back to the default view (the way out of an error).
    ResetAll,
    /// A file was chosen or dropped: its name and size in bytes.
    ImportStart(String, f64),
    /// Fraction of the file read so far (0 to 1).
    ImportProgress(f64),
    /// The file's name and text, read in the browser.
    ImportLoaded(String, String),
    ImportFailed(String),
    SetUserPolarity(Polarity),
    CopyLink,
    /// The browser's answer to a copy: whether the link reached the clipboard.
    LinkCopied(bool),
    SetUserName(String),
    SetUserUnit(String),
    /// The area chosen for an unmatched row, as "line:code" ("line:" to leave it out, "line:england").
    ChooseImportFix(String),
    /// Import the file again with the choices for unmatched rows.
    ApplyImportFixes,
    /// How a sub-ICB file's Count ÷ Denominator is expressed: the multiplier ("100", "1000").
    SetImportMultiplier(String),
    /// Which rows of a Fingertips download to import: "sex:N" (its Nth Sex and Age pair), "breakdown:N" (its Nth
    /// category breakdown) or "breakdown:" (none). The file is imported again.
    ChooseImportRows(String),
    DownloadTemplate,
    /// The trends view's SPC chart (see `view::spc::update`).
    Spc(view::spc::SpcMsg),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Download {
    Csv,
    Svg,
    Png,
}

/// Something for the web layer to do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Save {
        filename: String,
        mime: &'static str,
        content: String,
    },
    Png {
        filename: String,
        svg: String,
        width: f64,
        height: f64,
    },
    /// Put this text on the clipboard, then send `Msg::LinkCopied`.
    Copy(String),
    /// Load the edition shipped apart with this id (`www/data/<id>.js`), then send `Msg::EditionLoaded` (or
    /// `Msg::EditionFailed`).
    LoadEdition(String),
    /// Keep the page's hash in step with the view (hash mode only; see [`step`]).
    Hash(HashWrite),
    /// Tell the host page what changed: a DOM event from the explorer's element.
    Emit(HostEvent),
}

/// A write of the page's hash.
#[derive(Debug, Clone, PartialEq)]
pub enum HashWrite {
    /// A new Back step (in a frame, where the session history is the host page's, written in place instead).
    Push(String),
    /// In place (typing a range bound, the embedder's own changes).
    Replace(String),
    /// The address bar moved on by itself (Back, an edited address): a write still waiting is dropped.
    Cancel,
}

/// An event for the host page (bubbling and composed), with its detail as strings.
#[derive(Debug, Clone, PartialEq)]
pub enum HostEvent {
    /// `view-change`: the view's hash changed (`{hash}`).
    ViewChange { hash: String },
    /// `ics-select`: the selected ICS changed (`{code, name}`, both empty when cleared).
    IcsSelect { code: String, name: String },
}

impl HostEvent {
    pub fn name(&self) -> &'static str {
        match self {
            HostEvent::ViewChange { .. } => "view-change",
            HostEvent::IcsSelect { .. } => "ics-select",
        }
    }

    pub fn detail(&self) -> Vec<(&'static str, &str)> {
        match self {
            HostEvent::ViewChange { hash } => vec![("hash", hash)],
            HostEvent::IcsSelect { code, name } => vec![("code", code), ("name", name)],
        }
    }
}

/// How a change is recorded in the page's history.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Record {
    /// A new Back step: most changes.
    Push,
    /// In place: typing, resizing, the embedder's settings (not steps the visitor would go Back through).
    Replace,
    /// The change came from the page's hash: nothing to write.
    FromHash,
}

impl State {
    /// The page on today's map (the last area set) with its own edition, or why there is none to show.
    pub fn new(dataset: Dataset, options: Options) -> Result<State, String> {
        let engine = Engine::new(dataset.default_frame(dataset.today())?);
        let mut st = State {
            dataset,
            engine,
            parked: Vec::new(),
            kept: Vec::new(),
            loading: None,
            frame_notes: Vec::new(),
            late_problems: Vec::new(),
            options,
            settings: Settings::default(),
            edition_change: None,
            sort: None,
            hover: None,
            width: 960.0,
            notices: Vec::new(),
            result: Err(String::new()),
            hints: Hints::default(),
            import: ImportStatus::Idle,
            copy: CopyStatus::Idle,
            user_text: None,
            home: String::new(),
        };
        st.reset();
        Ok(st)
    }

    /// The starting view: the embedder's first view and the default indicator, nothing else set.
    pub fn default_settings(&self) -> Settings {
        let view = self.options.views.first().copied().unwrap_or_default();
        let indicator = self.engine.indicator(DEFAULT_INDICATOR).map(|(k, _)| k).unwrap_or(0);
        Settings { view, indicator, ..Settings::default() }
    }

    /// Back to the default view (keeps the engine, options and width).
    fn reset(&mut self) {
        self.settings = self.default_settings();
        self.sort = None;
        self.hover = None;
        self.notices.clear();
        self.frame_notes.clear();
        self.refresh();
    }

    /// What `update` must keep true, whatever the messages (checked by the fuzz target `url_update` after each
    /// one): every index in range for the frame shown, the peer count in its range, and an error in `result`
    /// only with words for the user. Empty when all hold.
    pub fn invariant_violations(&self) -> Vec<String> {
        let frame = self.engine.frame();
        let (icss, indicators) = (frame.icss.len(), self.engine.catalogue().indicators.len());
        let s = &self.settings;
        let mut out = Vec::new();
        let mut check = |ok: bool, what: String| {
            if !ok {
                out.push(what);
            }
        };
        check(s.indicator < indicators, format!("indicator {} of {indicators}", s.indicator));
        check(s.selected.is_none_or(|i| i < icss), format!("selected ICS {:?} of {icss}", s.selected));
        check(self.hover.is_none_or(|i| i < icss), format!("hovered ICS {:?} of {icss}", self.hover));
        check(s.filters.region.is_none_or(|r| r < frame.regions.len()), format!("region {:?} of {}", s.filters.region, frame.regions.len()));
        check(s.filters.range_indicator.is_none_or(|k| k < indicators), format!("range indicator {:?} of {indicators}", s.filters.range_indicator));
        check((1..=MAX_PEERS).contains(&s.peers.k), format!("{} peers", s.peers.k));
        check(self.width.is_finite() && self.width > 0.0, format!("width {}", self.width));
        check(self.result.as_ref().err().is_none_or(|e| !e.is_empty()), "an error without words".to_string());
        out
    }

    /// Opens `hash` (a link, the browser's Back, `setState`): in the frame it names (loading its edition first
    /// if needed: then the effect to carry out), with the defaults for everything it leaves out.
    pub fn open(&mut self, hash: &str) -> Option<Effect> {
        let (g, imd) = url::frame_of(hash);
        let notices = match frames::target(self, g.as_deref(), imd.as_deref()) {
            Ok((set, edition)) => match frames::go(self, set, &edition, frames::Then::Hash(hash.to_string())) {
                Ok(Some(effect)) => return Some(effect),
                Ok(None) => Vec::new(),
                Err(why) => vec![format!("The link's boundaries and deprivation edition cannot be shown together ({why}), so today's map is shown.")],
            },
            Err(why) => vec![format!("The link's geography could not be used ({why}), so today's map is shown.")],
        };
        if !notices.is_empty() {
            let today = self.dataset.today();
            let edition = self.dataset.area_sets()[today].edition.clone();
            if let Ok(Some(effect)) = frames::go(self, today, &edition, frames::Then::Switch) {
                return Some(effect);
            }
        }
        self.reset();
        let more = url::apply(self, hash);
        self.notices = notices;
        self.notices.extend(more);
        None
    }

    pub fn ics_code(&self, i: usize) -> &str {
        &self.engine.frame().icss[i].ods
    }

    fn parse_bound(text: &str) -> Result<Option<f64>, String> {
        let t = text.trim().replace(',', "");
        if t.is_empty() {
            return Ok(None);
        }
        ics_data::format::parse_number(&t).map(Some).ok_or_else(|| format!("\"{}\" is not a number", text.trim()))
    }

    /// The engine query this state asks.
    pub fn query(&self) -> Query {
        self.settings.query(self.engine.catalogue())
    }

    /// Asks the engine again. A question the engine refuses (which the controls should prevent) is shown as
    /// an error in the page, never a panic.
    pub fn refresh(&mut self) {
        self.result = self.engine.query(&self.query()).map_err(|e| e.0);
        self.hints = self.hints();
    }

    /// The engine's answers the controls give beside the result (see [`Hints`]).
    fn hints(&self) -> Hints {
        let e = &self.engine;
        let default_period = match &self.result {
            Ok(r) => {
                let k = e.default_period_cached(r.indicator).min(r.periods.len() - 1);
                (k, e.values_at(&e.catalogue().indicators[r.indicator], k).icss.iter().filter(|v| v.is_usable()).count())
            }
            Err(_) => (0, 0),
        };
        let range = self.settings.filters.range_indicator.map(|k| {
            let v = e.values_at(&e.catalogue().indicators[k], e.default_period_cached(k));
            let (lo, hi) = v.icss.iter().filter_map(|x| x.value).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
            RangeSpan { indicator: k, lo, hi }
        });
        Hints { default_period, range }
    }

    /// A link that opens the full explorer at this view (from an embed too).
    pub fn link(&self) -> String {
        let hash = url::to_hash(self);
        format!("{}index.html{}{hash}", self.options.base, if hash.is_empty() { "" } else { "#" })
    }

    /// Opened from a folder on this computer: links to it work only here.
    pub fn is_local(&self) -> bool {
        self.options.base.starts_with("file:")
    }

    pub fn filters_active(&self) -> bool {
        self.settings.filters.active()
    }
}

impl Settings {
    /// The engine query these settings ask of `frame` (whose indices they hold).
    pub fn query(&self, frame: Layered) -> Query {
        let f = &self.filters;
        let range = f.range_indicator.map(|k| RangeFilter {
            indicator: frame.indicators[k].id.clone(),
            min: State::parse_bound(&f.range_min).ok().flatten(),
            max: State::parse_bound(&f.range_max).ok().flatten(),
        });
        Query {
            indicator: frame.indicators[self.indicator].id.clone(),
            period: self.period.clone(),
            filters: Filters {
                regions: f.region.map(|r| vec![frame.regions[r].ods.clone()]).unwrap_or_default(),
                population: f.population,
                deprivation: f.deprivation_group,
                range,
                peers_only: f.peers_only,
                hide_estimates: f.hide_estimates,
            },
            selected: self.selected.map(|i| frame.icss[i].ods.clone()),
            peers: self.peers.clone(),
            axis: self.axis,
            weighted: self.weighted,
            include_flagged: self.include_flagged,
            base_period: self.base_period.clone(),
            view: self.view,
            deprivation: self.deprivation_view,
            spc: self.spc.clone().map(|s| ics_engine::spc::SpcSettings { include_flagged: self.include_flagged, ..s }),
            overdispersion: self.overdispersion,
        }
    }
}

impl FilterSettings {
    /// Whether any filter is on (the typed range bounds count only with a range indicator).
    pub fn active(&self) -> bool {
        self.region.is_some()
            || self.population.is_some()
            || self.deprivation_group.is_some()
            || self.range_indicator.is_some()
            || self.peers_only
            || self.hide_estimates
    }
}

/// A message applied as the page does: [`update`], then the effects that report the change (the hash written, in
/// hash mode, and events for the host page), before the update's own effect. The web layer only carries them out.
pub fn step(st: &mut State, msg: Msg) -> Vec<Effect> {
    let record = match msg {
        Msg::HashChanged(_) => Record::FromHash,
        Msg::SetRangeMin(_) | Msg::SetRangeMax(_) | Msg::Resize(_) => Record::Replace,
        _ => Record::Push,
    };
    let (effect, mut effects) = observe(st, record, |st| update(st, msg));
    effects.extend(effect);
    effects
}

/// Runs `f` on the state and returns its result with the effects that report what it changed: the hash to write
/// (recorded as `record` says) and a `view-change` event when the view's hash changed, an `ics-select` event when
/// the selected ICS did.
pub fn observe<R>(st: &mut State, record: Record, f: impl FnOnce(&mut State) -> R) -> (R, Vec<Effect>) {
    let (selected, hash_before) = (st.settings.selected, url::to_hash(st));
    let out = f(st);
    let mut effects = Vec::new();
    let hash = url::to_hash(st);
    if st.options.hash && record == Record::FromHash {
        effects.push(Effect::Hash(HashWrite::Cancel));
    }
    if hash != hash_before {
        if st.options.hash && record != Record::FromHash {
            // An empty hash means the embedder's starting view, so the default view is written out when that is
            // another one.
            let written = if hash.is_empty() && !st.home.is_empty() { format!("v={}", st.settings.view.key()) } else { hash.clone() };
            effects.push(Effect::Hash(if record == Record::Push { HashWrite::Push(written) } else { HashWrite::Replace(written) }));
        }
        effects.push(Effect::Emit(HostEvent::ViewChange { hash }));
    }
    if st.settings.selected != selected {
        let (code, name) =
            st.settings.selected.map(|i| (st.ics_code(i).to_string(), st.engine.frame().icss[i].short_name.clone())).unwrap_or_default();
        effects.push(Effect::Emit(HostEvent::IcsSelect { code, name }));
    }
    (out, effects)
}

/// Applies a message. Returns an effect for the web layer to carry out, if any.
pub fn update(st: &mut State, msg: Msg) -> Option<Effect> {
    let ds = st.engine.catalogue();
    let indicator_index = |id: &str| ds.indicator_index(id);
    let ics_index = |code: &str| ds.ics_index(code);
    let mut requery = true;
    match msg {
        Msg::SetView(v) => {
            if st.settings.view != v {
                st.sort = None;
            }
            st.settings.view = v;
        }
        Msg::SetIndicator(id) => {
            if let Some(k) = indicator_index(&id) {
                st.settings.indicator = k;
                st.settings.period = None;
                st.settings.base_period = None;
                st.sort = None;
                if let Some(s) = &mut st.settings.spc {
                    (s.baseline_from, s.baseline_to) = (None, None);
                }
            }
        }
        Msg::SetPeriod(p) => st.settings.period = p,
        Msg::SelectIcs(code) => st.settings.selected = ics_index(&code),
        // An index from a chart item of the frame shown; one from elsewhere (past its ICSs) is ignored.
        Msg::Pick(i) if i >= st.engine.frame().icss.len() => requery = false,
        Msg::Pick(i) => st.settings.selected = if st.settings.selected == Some(i) { None } else { Some(i) },
        Msg::SetRegion(r) => st.settings.filters.region = r.filter(|&r| r < ds.regions.len()),
        Msg::SetPopulation(b) => st.settings.filters.population = b,
        Msg::SetDeprivationGroup(g) => st.settings.filters.deprivation_group = g,
        Msg::SetRangeIndicator(k) => st.settings.filters.range_indicator = k.filter(|&k| k < ds.indicators.len()),
        Msg::SetRangeMin(t) => st.settings.filters.range_min = t,
        Msg::SetRangeMax(t) => st.settings.filters.range_max = t,
        Msg::TogglePeersOnly => st.settings.filters.peers_only = !st.settings.filters.peers_only,
        Msg::ToggleHideEstimates => st.settings.filters.hide_estimates = !st.settings.filters.hide_estimates,
        Msg::ResetFilters => st.settings.filters = FilterSettings::default(),
        Msg::Sort(table, c) => {
            st.sort = match st.sort {
                Some((t, k, true)) if t == table && k == c => Some((table, c, false)),
                Some((t, k, false)) if t == table && k == c => None,
                _ => Some((table, c, true)),
            };
            requery = false;
        }
        Msg::SetOrder(by_name) => {
            st.settings.by_name = by_name;
            requery = false;
        }
        Msg::SetHideMissing(hide) => {
            st.settings.hide_missing = hide;
            requery = false;
        }
        Msg::SetPeerBasis(b) => st.settings.peers.basis = b,
        Msg::SetPeerK(k) => st.settings.peers.k = k.clamp(1, MAX_PEERS),
        Msg::TogglePeerLogPopulation => st.settings.peers.log_population = !st.settings.peers.log_population,
        Msg::TogglePeerRegion => st.settings.peers.region = !st.settings.peers.region,
        Msg::SetAxis(a) => st.settings.axis = a,
        Msg::ToggleWeighted => st.settings.weighted = !st.settings.weighted,
        Msg::ToggleIncludeFlagged => st.settings.include_flagged = !st.settings.include_flagged,
        Msg::SetOverdispersion(o) => st.settings.overdispersion = o,
        Msg::SetDepIndex(d) => st.settings.deprivation_view.index = d,
        Msg::ToggleDepPopulation => {
            st.settings.deprivation_view.weight =
                if st.settings.deprivation_view.weight == Weight::Population { Weight::Lsoas } else { Weight::Population }
        }
        Msg::SetDepDeciles(d) => st.settings.deprivation_view.deciles = d,
        Msg::SetBasePeriod(p) => st.settings.base_period = p,
        Msg::Spc(m) => view::spc::update(st, m),
        Msg::ToggleSpineAll => {
            st.settings.spine_all = !st.settings.spine_all;
            requery = false;
        }
        Msg::ToggleOutlines => {
            st.settings.outlines = !st.settings.outlines;
            requery = false;
        }
        Msg::SetDepCompare(on) => {
            if st.settings.compare_editions != on {
                st.sort = None;
            }
            st.settings.compare_editions = on;
            // Asked for again after a failure: try again.
            if on && matches!(st.edition_change, Some(editions::Compared::Failed(_))) {
                st.edition_change = None;
            }
        }
        Msg::Hover(h) => {
            st.hover = h.filter(|&i| i < st.engine.frame().icss.len());
            requery = false;
        }
        Msg::Escape => {
            st.hover = None;
            requery = false;
        }
        Msg::Resize(w) => {
            // Not a number (a width read from a detached element) keeps the last width.
            if !w.is_nan() {
                st.width = clamp(w, 280.0, 1200.0);
            }
            requery = false;
        }
        Msg::HashChanged(hash) => {
            // An empty hash is the starting view: the embedder's, if it set one.
            let hash = if hash.trim_start_matches('#').is_empty() { st.home.clone() } else { hash };
            if url::to_hash(st) != hash.trim_start_matches('#') {
                if let Some(effect) = st.open(&hash) {
                    return Some(effect);
                }
            }
        }
        Msg::SetGeography(g) => {
            let target = frames::target(st, Some(&g), None);
            match target.and_then(|(set, e)| frames::go(st, set, &e, frames::Then::Switch)) {
                Ok(Some(effect)) => return Some(effect),
                Ok(None) => {}
                Err(why) => st.frame_notes = vec![why],
            }
        }
        Msg::ShowArea(g, code) => {
            let target = frames::target(st, Some(&g), None);
            match target.and_then(|(set, e)| frames::go(st, set, &e, frames::Then::Select(code))) {
                Ok(Some(effect)) => return Some(effect),
                Ok(None) => {}
                Err(why) => st.frame_notes = vec![why],
            }
        }
        Msg::SetEdition(e) => {
            let set = st.engine.frame().area_set;
            match frames::go(st, set, e.trim(), frames::Then::Switch) {
                Ok(Some(effect)) => return Some(effect),
                Ok(None) => {}
                Err(why) => st.frame_notes = vec![why],
            }
        }
        Msg::EditionLoaded(id, json) => {
            let waiting = st.loading.take().filter(|l| l.edition == id);
            let loaded = st.dataset.load_edition(&json);
            editions::edition_arrived(st, &id, loaded.as_ref().err().map(|_| "it could not be read"));
            match loaded {
                Ok(()) => match waiting {
                    Some(frames::Loading { set, then: then @ (frames::Then::Switch | frames::Then::Select(_)), .. }) => {
                        if let Err(why) = frames::go(st, set, &id, then) {
                            st.frame_notes = vec![why];
                        }
                    }
                    Some(frames::Loading { then: frames::Then::Hash(hash), .. }) => {
                        // Opened, the view is asked of the engine below (its result is the default view's).
                        if let Some(effect) = st.open(&hash) {
                            return Some(effect);
                        }
                    }
                    Some(frames::Loading { set, then: frames::Then::Settings { whose, rest }, .. }) => {
                        if let Err(why) = frames::go(st, set, &id, frames::Then::Switch) {
                            // Today's edition ships in the core file: no waiting.
                            st.late_problems.push(settings::Problem { setting: whose, message: format!("{why}; today's map is shown") });
                            let today = st.dataset.today();
                            let edition = st.dataset.area_sets()[today].edition.clone();
                            let _ = frames::go(st, today, &edition, frames::Then::Switch);
                        }
                        let late = settings::apply_all(st, &rest);
                        st.late_problems.extend(late);
                    }
                    None => {}
                },
                Err(problems) => {
                    let why = format!(
                        "The {} file could not be read, so the view stays as it was: {}",
                        id,
                        problems.0.first().map(|p| p.to_string()).unwrap_or_default()
                    );
                    frames::failed(st, waiting, why);
                }
            }
        }
        Msg::EditionFailed(id, why) => {
            editions::edition_arrived(st, &id, Some(&why));
            let waiting = st.loading.take().filter(|l| l.edition == id);
            frames::failed(st, waiting, format!("The {id} file could not be loaded ({why}), so the view stays as it was. Opened from a downloaded folder, check that all of the folder was extracted."));
        }
        Msg::Download(kind) => return view::download(st, kind),
        Msg::DismissNotices => {
            st.notices.clear();
            requery = false;
        }
        Msg::ResetAll => {
            if let Some(effect) = st.open("") {
                return Some(effect);
            }
        }
        Msg::ImportStart(name, size) => {
            st.import = if size > ics_engine::import::MAX_BYTES as f64 {
                ImportStatus::Failed { name, problems: vec![format!("the file is larger than {} MB", ics_engine::import::MAX_BYTES / 1_048_576)] }
            } else {
                ImportStatus::Reading { name, percent: 0.0 }
            };
            requery = false;
        }
        Msg::ImportProgress(f) => {
            if let ImportStatus::Reading { percent, .. } = &mut st.import {
                *percent = clamp(f * 100.0, 0.0, 100.0);
            }
            requery = false;
        }
        Msg::ImportFailed(why) => {
            let name = match &st.import {
                ImportStatus::Reading { name, .. } => name.clone(),
                _ => String::new(),
            };
            st.import = ImportStatus::Failed { name, problems: vec![why] };
            requery = false;
        }
        Msg::ImportLoaded(name, text) => st.import = imported::load(st, name, text),
        Msg::CopyLink => {
            st.copy = CopyStatus::Idle;
            return Some(Effect::Copy(st.link()));
        }
        Msg::LinkCopied(ok) => {
            let link = st.link();
            st.copy = if ok { CopyStatus::Copied(link) } else { CopyStatus::Failed(link) };
            requery = false;
        }
        Msg::ChooseImportFix(choice) => {
            if let (ImportStatus::Done(d), Some((line, code))) = (&mut st.import, choice.split_once(':')) {
                if let Some(line) = line.parse::<usize>().ok().filter(|l| d.unmatched.iter().any(|u| u.line == *l)) {
                    d.choices.retain(|(l, _)| *l != line);
                    if !code.is_empty() {
                        d.choices.push((line, code.to_string()));
                    }
                }
            }
            requery = false;
        }
        Msg::ApplyImportFixes => imported::apply_fixes(st),
        Msg::SetImportMultiplier(m) => imported::set_multiplier(st, &m),
        Msg::ChooseImportRows(c) => imported::choose_rows(st, &c),
        Msg::DownloadTemplate => {
            return Some(Effect::Save {
                filename: "ics-explorer-template.csv".into(),
                mime: "text/csv;charset=utf-8",
                content: ics_engine::import::template(st.engine.frame()),
            });
        }
        Msg::SetUserName(name) => set_user_text(st, Some(name), None),
        Msg::SetUserUnit(unit) => set_user_text(st, None, Some(unit)),
        Msg::SetUserPolarity(p) => st.engine.set_user_polarity(st.settings.indicator, p),
    }
    if requery {
        // The view changed: an old "Link copied" would now describe another view.
        st.copy = CopyStatus::Idle;
        st.refresh();
    }
    editions::ensure(st)
}

/// Keeps the typed name or unit of the current (imported) indicator and gives the engine any that is not blank.
fn set_user_text(st: &mut State, name: Option<String>, unit: Option<String>) {
    let k = st.settings.indicator;
    let ind = &st.engine.catalogue().indicators[k];
    let (old_name, old_unit) = match &st.user_text {
        Some((i, n, u)) if *i == k => (n.clone(), u.clone()),
        _ => (ind.name.clone(), ind.unit.clone()),
    };
    let (name, unit) = (name.unwrap_or(old_name), unit.unwrap_or(old_unit));
    st.engine.set_user_text(k, &name, &unit);
    st.user_text = Some((k, name, unit));
}

#[cfg(test)]
pub(crate) mod tests;
