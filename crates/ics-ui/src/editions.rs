//! "IMD 2019 vs IMD 2025": each of the 42 ICSs of July 2022 seen through both deprivation editions, for the
//! deprivation view's comparison.
//!
//! IMD 2019 is published for 2011 neighbourhoods, which have a lookup only to the July 2022 boundaries, so the
//! comparison is always of the 42, whatever map the page shows. Its figures come from the engine: one engine per
//! frame (the July 2022 set through each edition), reusing the page's own engines where it has them and keeping
//! any it makes for a later switch. IMD 2019 ships in a file of its own: while it loads, the comparison waits
//! (`Effect::LoadEdition`, then `Msg::EditionLoaded`). It is computed once: nothing a user does changes it.

use super::{Effect, State};
use ics_engine::aggregate::Level;
use ics_engine::query::{Query, View};
use ics_engine::Engine;

/// The editions compared, oldest first.
pub const EDITIONS: [&str; 2] = ["imd2019", "imd2025"];

/// The indicator compared: the share of residents in England's most deprived fifth of neighbourhoods.
pub const INDICATOR: &str = "core20_pop_share";

/// Where the comparison stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Compared {
    /// Waiting for an edition shipped apart (its id).
    Loading(String),
    /// It could not be made (why, in words).
    Failed(String),
    Ready(Box<EditionChange>),
}

/// One edition's side of the comparison: its names, for labels, and England's share.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// "IMD 2019".
    pub short: String,
    /// "English Indices of Deprivation 2019".
    pub name: String,
    /// "LSOA 2011".
    pub lsoa: String,
    /// "mid-2020".
    pub population: String,
    /// England's share (%).
    pub england: Option<f64>,
    /// The indicator's sources ("publisher, dataset").
    pub sources: Vec<String>,
}

/// One ICS in both editions.
#[derive(Debug, Clone, PartialEq)]
pub struct EditionRow {
    /// ONS code (E54…) and NHS code (Q..).
    pub code: String,
    pub ods: String,
    pub name: String,
    /// % of residents in England's most deprived fifth, in each edition (oldest first).
    pub share: [Option<f64>; 2],
    /// All its residents, in each edition's population (mid-2020 estimates, Census 2021).
    pub population: [Option<f64>; 2],
    /// Rank among the 42 (1 = the largest share), in each edition; ties share a rank.
    pub rank: [Option<usize>; 2],
    /// Places moved towards the most deprived end (the 2019 rank minus the 2025 rank): positive = a larger share
    /// relative to other ICSs in 2025.
    pub places: Option<i64>,
    /// The later share minus the earlier, in percentage points.
    pub points: Option<f64>,
}

/// The 42 ICSs through both editions, most deprived in the later edition first.
#[derive(Debug, Clone, PartialEq)]
pub struct EditionChange {
    /// "42 ICSs (July 2022)", "ICB (July 2022 boundaries)".
    pub set_name: String,
    pub geography: String,
    pub sides: [Side; 2],
    pub rows: Vec<EditionRow>,
    /// England's later share minus its earlier, in percentage points.
    pub england_points: Option<f64>,
}

impl EditionChange {
    /// The row of an ICS by ONS or NHS code.
    pub fn row(&self, code: &str) -> Option<&EditionRow> {
        self.rows.iter().find(|r| r.code.eq_ignore_ascii_case(code) || r.ods.eq_ignore_ascii_case(code))
    }
}

/// Whether the page shows the comparison now.
pub fn wanted(st: &State) -> bool {
    st.settings.compare_editions && st.settings.view == View::Deprivation
}

/// Makes the comparison when it is shown and not made yet: computes it if both editions are loaded, or asks
/// the web layer for the one that is not (once: while it loads, the comparison says so).
pub fn ensure(st: &mut State) -> Option<Effect> {
    if !wanted(st) || st.edition_change.is_some() {
        return None;
    }
    if let Some(id) = EDITIONS.iter().find(|id| st.dataset.edition_index(id).is_none()) {
        st.edition_change = Some(Compared::Loading(id.to_string()));
        return Some(Effect::LoadEdition(id.to_string()));
    }
    st.edition_change = Some(match compute(st) {
        Ok(c) => Compared::Ready(Box::new(c)),
        Err(why) => Compared::Failed(why),
    });
    None
}

/// An edition arrived (or could not): the comparison waiting for it can go ahead (or says why it cannot).
pub fn edition_arrived(st: &mut State, id: &str, failed: Option<&str>) {
    if let Some(Compared::Loading(waiting)) = &st.edition_change {
        if waiting == id {
            st.edition_change = failed.map(|why| Compared::Failed(format!("the {id} file could not be loaded ({why})")));
        }
    }
}

/// One ICS as one edition's engine gives it.
struct Entry {
    code: String,
    ods: String,
    name: String,
    share: Option<f64>,
    population: Option<f64>,
    rank: Option<usize>,
}

/// The comparison, from an engine for each edition's frame of the July 2022 areas (the page's own engines where
/// it has them; any made here are parked, so a later switch to that frame is instant).
fn compute(st: &mut State) -> Result<EditionChange, String> {
    let set = 0;
    let mut editions = Vec::new();
    for id in EDITIONS {
        let ed = st.dataset.edition_index(id).ok_or_else(|| format!("the {id} edition is not loaded"))?;
        let is = |e: &Engine| (e.frame().area_set, e.frame().edition) == (set, ed);
        if !is(&st.engine) && !st.parked.iter().any(is) {
            let engine = Engine::new(st.dataset.frame(set, ed)?);
            st.parked.push(engine);
        }
        editions.push(ed);
    }
    let mut sides = Vec::new();
    let mut entries: Vec<Vec<Entry>> = Vec::new();
    let (mut set_name, mut geography) = (String::new(), String::new());
    for ed in editions {
        let Some(engine) = std::iter::once(&st.engine).chain(&st.parked).find(|e| (e.frame().area_set, e.frame().edition) == (set, ed)) else {
            return Err("an edition's engine is missing".into());
        };
        let r = engine.query(&Query::new(INDICATOR)).map_err(|e| e.0)?;
        let areas = engine.areas(Level::Ics);
        let ds = engine.catalogue();
        let ind = &ds.indicators[r.indicator];
        let e = &ds.edition_info;
        sides.push(Side {
            short: e.short.clone(),
            name: e.name.clone(),
            lsoa: e.lsoa.clone(),
            population: e.population.clone(),
            england: r.comparison.england.value,
            sources: ind.sources.iter().filter_map(|&s| ds.sources.get(s)).map(|s| format!("{}, {}", s.publisher, s.dataset)).collect(),
        });
        entries.push(
            r.comparison
                .rows
                .iter()
                .filter_map(|x| {
                    let a = ds.icss.get(x.ics)?;
                    let population = areas.get(x.ics).map(|s| s.total_population());
                    Some(Entry {
                        code: a.code.clone(),
                        ods: a.ods.clone(),
                        name: a.short_name.clone(),
                        share: x.value.value,
                        population,
                        rank: x.rank,
                    })
                })
                .collect(),
        );
        (set_name, geography) = (ds.set.name.clone(), ds.set.geography.clone());
    }
    let (Ok([old_side, new_side]), Ok([earlier, later])) = (<[Side; 2]>::try_from(sides), <[Vec<Entry>; 2]>::try_from(entries)) else {
        return Err("two editions are needed".into());
    };
    let rows: Vec<EditionRow> = later
        .iter()
        .map(|n| {
            let o = earlier.iter().find(|o| o.code == n.code);
            let (old_share, old_rank) = (o.and_then(|o| o.share), o.and_then(|o| o.rank));
            EditionRow {
                code: n.code.clone(),
                ods: n.ods.clone(),
                name: n.name.clone(),
                share: [old_share, n.share],
                population: [o.and_then(|o| o.population), n.population],
                rank: [old_rank, n.rank],
                places: old_rank.zip(n.rank).map(|(a, b)| a as i64 - b as i64),
                points: old_share.zip(n.share).map(|(a, b)| b - a),
            }
        })
        .collect();
    let key = |r: &EditionRow| r.rank[1].unwrap_or(usize::MAX);
    let order = ics_data::sort::order(rows.len(), &|a, b| key(&rows[a]).cmp(&key(&rows[b])).then(rows[a].name.cmp(&rows[b].name)));
    let england_points = old_side.england.zip(new_side.england).map(|(a, b)| b - a);
    Ok(EditionChange { set_name, geography, sides: [old_side, new_side], rows: ics_data::sort::apply(&rows, &order), england_points })
}
