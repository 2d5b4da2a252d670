//! The page as pure Rust, in the Elm architecture: one [`State`], one [`Msg`] enum, [`update`] and
//! [`view::view`], which returns a [`node::Node`] tree. The URL hash is a serialisation of the state ([`url`]).
//!
//! Nothing here touches the browser, so the page logic is tested natively; `web` patches the DOM with the tree,
//! turns DOM events into messages and performs [`Effect`]s (downloads). Views never compute figures: `update`
//! asks the engine once per change and views render its [`QueryResult`].

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

use ics_data::dataset::{Dataset, Deprivation, Weight};
use ics_engine::adjust::Axis;
use ics_engine::filter::{DeprivationGroup, Filters, PopulationBand, RangeFilter};
use ics_engine::funnel::Overdispersion;
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
    pub view: View,
    /// Index into the dataset's indicators.
    pub indicator: usize,
    /// None = the indicator's default period (see `Engine::default_period`).
    pub period: Option<String>,
    pub selected: Option<usize>,
    pub region: Option<usize>,
    pub population: Option<PopulationBand>,
    pub deprivation_group: Option<DeprivationGroup>,
    pub range_indicator: Option<usize>,
    /// The range bounds as typed (validated when building the query).
    pub range_min: String,
    pub range_max: String,
    /// Show only the selected ICS and its peers.
    pub peers_only: bool,
    /// Leave out ICSs whose value is an apportioned estimate (a filter: see `Filters::hide_estimates`).
    pub hide_estimates: bool,
    pub peers: PeerSettings,
    pub axis: Axis,
    pub weighted: bool,
    /// Include flagged values (incomplete, missing, after a break in the series) in the deprivation fit.
    pub include_flagged: bool,
    pub dep: DeprivationSettings,
    pub base_period: Option<String>,
    /// Order the ranked chart by name instead of value.
    pub by_name: bool,
    /// Leave ICSs with no value out of the ranked chart and its table.
    pub hide_missing: bool,
    /// Show every Health Index row in the profile's spine chart.
    pub spine_all: bool,
    /// Draw the other area set's boundaries as outlines over the map.
    pub outlines: bool,
    /// Show the deprivation view's "IMD 2019 vs IMD 2025" comparison instead of its profile.
    pub dep_compare: bool,
    /// The trends view as an SPC chart (Making Data Count), with its settings (see `view::spc`).
    pub spc: Option<ics_engine::spc::SpcSettings>,
    /// The funnel plot's overdispersion adjustment (`od=phi|tau`).
    pub od: Overdispersion,
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
    /// Reading or importing a user's file.
    pub import: ImportStatus,
    /// The last "Copy a link" and how it went.
    pub copy: CopyStatus,
    /// The name and unit of an imported indicator as typed (indicator index, name, unit): what the inputs show,
    /// even while blank; the engine keeps the last non-blank text.
    pub user_text: Option<(usize, String, String)>,
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
    SetPeriod(String),
    SelectIcs(String),
    /// A click on a chart item: select that ICS, or clear the selection if it is already selected.
    Pick(usize),
    SetRegion(String),
    SetPopulation(String),
    SetDeprivationGroup(String),
    SetRangeIndicator(String),
    SetRangeMin(String),
    SetRangeMax(String),
    TogglePeersOnly,
    ToggleHideEstimates,
    ResetFilters,
    /// A table's column header: (the table's id, column).
    Sort(&'static str, usize),
    SetOrder(bool),
    SetHideMissing(bool),
    SetPeerBasis(String),
    SetPeerK(String),
    TogglePeerLogPopulation,
    TogglePeerRegion,
    SetAxis(String),
    ToggleWeighted,
    ToggleIncludeFlagged,
    SetDepIndex(String),
    ToggleDepPopulation,
    SetDepDeciles(bool),
    SetBasePeriod(String),
    ToggleSpineAll,
    /// Draw (or stop drawing) the other area set's boundaries over the map.
    ToggleOutlines,
    /// The deprivation view: its profile (false) or the "IMD 2019 vs IMD 2025" comparison (true).
    SetDepCompare(bool),
    /// The funnel plot's overdispersion adjustment: "none", "phi" or "tau".
    SetOverdispersion(String),
    Hover(Option<usize>),
    Escape,
    Resize(f64),
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
    SetUserPolarity(String),
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
    /// The trends view's SPC chart: "on", "off", "run:N", "from:P", "to:P", "screen" (see `view::spc::update`).
    Spc(String),
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
            view: View::default(),
            indicator: 0,
            period: None,
            selected: None,
            region: None,
            population: None,
            deprivation_group: None,
            range_indicator: None,
            range_min: String::new(),
            range_max: String::new(),
            peers_only: false,
            hide_estimates: false,
            peers: PeerSettings::default(),
            axis: Axis::default(),
            weighted: false,
            include_flagged: false,
            dep: DeprivationSettings::default(),
            base_period: None,
            by_name: false,
            hide_missing: false,
            spine_all: false,
            outlines: false,
            dep_compare: false,
            spc: None,
            od: Overdispersion::None,
            edition_change: None,
            sort: None,
            hover: None,
            width: 960.0,
            notices: Vec::new(),
            result: Err(String::new()),
            import: ImportStatus::Idle,
            copy: CopyStatus::Idle,
            user_text: None,
        };
        st.reset();
        Ok(st)
    }

    /// Back to the default view (keeps the engine, options and width).
    fn reset(&mut self) {
        self.view = self.options.views.first().copied().unwrap_or_default();
        self.indicator = self.engine.indicator(DEFAULT_INDICATOR).map(|(k, _)| k).unwrap_or(0);
        self.period = None;
        self.selected = None;
        self.region = None;
        self.population = None;
        self.deprivation_group = None;
        self.range_indicator = None;
        self.range_min.clear();
        self.range_max.clear();
        self.peers_only = false;
        self.hide_estimates = false;
        self.peers = PeerSettings::default();
        self.axis = Axis::default();
        self.weighted = false;
        self.include_flagged = false;
        self.dep = DeprivationSettings::default();
        self.base_period = None;
        self.by_name = false;
        self.hide_missing = false;
        self.spine_all = false;
        self.outlines = false;
        self.dep_compare = false;
        self.od = Overdispersion::None;
        self.spc = None;
        self.sort = None;
        self.hover = None;
        self.notices.clear();
        self.frame_notes.clear();
        self.refresh();
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
        let ds = self.engine.frame();
        let ind = &ds.indicators[self.indicator];
        let range = self.range_indicator.map(|k| RangeFilter {
            indicator: ds.indicators[k].id.clone(),
            min: State::parse_bound(&self.range_min).ok().flatten(),
            max: State::parse_bound(&self.range_max).ok().flatten(),
        });
        Query {
            indicator: ind.id.clone(),
            period: self.period.clone(),
            filters: Filters {
                regions: self.region.map(|r| vec![ds.regions[r].ods.clone()]).unwrap_or_default(),
                population: self.population,
                deprivation: self.deprivation_group,
                range,
                peers_only: self.peers_only,
                hide_estimates: self.hide_estimates,
            },
            selected: self.selected.map(|i| ds.icss[i].ods.clone()),
            peers: self.peers.clone(),
            axis: self.axis,
            weighted: self.weighted,
            include_flagged: self.include_flagged,
            base_period: self.base_period.clone(),
            view: self.view,
            deprivation: self.dep,
            spc: self.spc.clone().map(|s| ics_engine::spc::SpcSettings { include_flagged: self.include_flagged, ..s }),
            overdispersion: self.od,
        }
    }

    /// Asks the engine again. A question the engine refuses (which the controls should prevent) is shown as
    /// an error in the page, never a panic.
    pub fn refresh(&mut self) {
        self.result = self.engine.query(&self.query()).map_err(|e| e.0);
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
        self.region.is_some()
            || self.population.is_some()
            || self.deprivation_group.is_some()
            || self.range_indicator.is_some()
            || self.peers_only
            || self.hide_estimates
    }
}

/// Applies a message. Returns an effect for the web layer to carry out, if any.
pub fn update(st: &mut State, msg: Msg) -> Option<Effect> {
    let ds = st.engine.frame();
    let indicator_index = |id: &str| ds.indicators.iter().position(|i| i.id == id);
    let ics_index = |code: &str| ds.ics_index(code);
    let mut requery = true;
    match msg {
        Msg::SetView(v) => {
            if st.view != v {
                st.sort = None;
            }
            st.view = v;
        }
        Msg::SetIndicator(id) => {
            if let Some(k) = indicator_index(&id) {
                st.indicator = k;
                st.period = None;
                st.base_period = None;
                st.sort = None;
                if let Some(s) = &mut st.spc {
                    (s.baseline_from, s.baseline_to) = (None, None);
                }
            }
        }
        Msg::SetPeriod(p) => st.period = (!p.is_empty()).then_some(p),
        Msg::SelectIcs(code) => st.selected = ics_index(&code),
        Msg::Pick(i) => st.selected = if st.selected == Some(i) { None } else { Some(i) },
        Msg::SetRegion(code) => st.region = ds.regions.iter().position(|r| r.ods == code),
        Msg::SetPopulation(k) => st.population = PopulationBand::from_key(&k),
        Msg::SetDeprivationGroup(k) => st.deprivation_group = DeprivationGroup::from_key(&k),
        Msg::SetRangeIndicator(id) => st.range_indicator = indicator_index(&id),
        Msg::SetRangeMin(t) => st.range_min = t,
        Msg::SetRangeMax(t) => st.range_max = t,
        Msg::TogglePeersOnly => st.peers_only = !st.peers_only,
        Msg::ToggleHideEstimates => st.hide_estimates = !st.hide_estimates,
        Msg::ResetFilters => {
            st.peers_only = false;
            st.hide_estimates = false;
            st.region = None;
            st.population = None;
            st.deprivation_group = None;
            st.range_indicator = None;
            st.range_min.clear();
            st.range_max.clear();
        }
        Msg::Sort(table, c) => {
            st.sort = match st.sort {
                Some((t, k, true)) if t == table && k == c => Some((table, c, false)),
                Some((t, k, false)) if t == table && k == c => None,
                _ => Some((table, c, true)),
            };
            requery = false;
        }
        Msg::SetOrder(by_name) => {
            st.by_name = by_name;
            requery = false;
        }
        Msg::SetHideMissing(hide) => {
            st.hide_missing = hide;
            requery = false;
        }
        Msg::SetPeerBasis(k) => st.peers.basis = PeerBasis::from_key(&k).unwrap_or_default(),
        Msg::SetPeerK(k) => {
            if let Ok(k) = k.parse::<usize>() {
                st.peers.k = k.clamp(1, MAX_PEERS);
            }
        }
        Msg::TogglePeerLogPopulation => st.peers.log_population = !st.peers.log_population,
        Msg::TogglePeerRegion => st.peers.region = !st.peers.region,
        Msg::SetAxis(k) => st.axis = Axis::from_key(&k).unwrap_or_default(),
        Msg::ToggleWeighted => st.weighted = !st.weighted,
        Msg::ToggleIncludeFlagged => st.include_flagged = !st.include_flagged,
        Msg::SetOverdispersion(k) => st.od = Overdispersion::from_key(&k).unwrap_or_default(),
        Msg::SetDepIndex(k) => st.dep.index = Deprivation::from_key(&k).unwrap_or(Deprivation::Imd),
        Msg::ToggleDepPopulation => st.dep.weight = if st.dep.weight == Weight::Population { Weight::Lsoas } else { Weight::Population },
        Msg::SetDepDeciles(d) => st.dep.deciles = d,
        Msg::SetBasePeriod(p) => st.base_period = (!p.is_empty()).then_some(p),
        Msg::Spc(t) => view::spc::update(st, &t),
        Msg::ToggleSpineAll => {
            st.spine_all = !st.spine_all;
            requery = false;
        }
        Msg::ToggleOutlines => {
            st.outlines = !st.outlines;
            requery = false;
        }
        Msg::SetDepCompare(on) => {
            if st.dep_compare != on {
                st.sort = None;
            }
            st.dep_compare = on;
            // Asked for again after a failure: try again.
            if on && matches!(st.edition_change, Some(editions::Compared::Failed(_))) {
                st.edition_change = None;
            }
        }
        Msg::Hover(h) => {
            st.hover = h;
            requery = false;
        }
        Msg::Escape => {
            st.hover = None;
            requery = false;
        }
        Msg::Resize(w) => {
            st.width = w.clamp(280.0, 1200.0);
            requery = false;
        }
        Msg::HashChanged(hash) => {
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
                *percent = (f * 100.0).clamp(0.0, 100.0);
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
        Msg::SetUserPolarity(p) => {
            let polarity = match p.as_str() {
                "higher_is_better" => ics_data::dataset::Polarity::HigherIsBetter,
                "lower_is_better" => ics_data::dataset::Polarity::LowerIsBetter,
                _ => ics_data::dataset::Polarity::Neutral,
            };
            st.engine.set_user_polarity(st.indicator, polarity);
        }
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
    let k = st.indicator;
    let ind = &st.engine.frame().indicators[k];
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
