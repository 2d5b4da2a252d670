//! The URL hash as a serialisation of the [`State`]: `to_hash` writes only what differs from the defaults, in a
//! fixed key order; `apply` is total — any text, however hostile, leaves a valid state and returns a notice for
//! every part it could not use.

use super::State;
use ics_data::dataset::{Deprivation, Weight};
use ics_engine::adjust::Axis;
use ics_engine::filter::{DeprivationGroup, PopulationBand};
use ics_engine::funnel::Overdispersion;
use ics_engine::peers::{PeerBasis, MAX_PEERS};
use ics_engine::query::View;

/// Longer hashes are not read at all (a real one is under 300 characters).
const MAX_HASH: usize = 2000;

pub fn to_hash(st: &State) -> String {
    let ds = st.engine.frame();
    let mut parts: Vec<(&str, String)> = Vec::new();
    let frame = ds;
    if frame.area_set != st.dataset.today() {
        parts.push(("g", frame.set.id.clone()));
    }
    if st.dataset.area_sets().get(frame.area_set).is_some_and(|s| s.edition != frame.edition_info.id) {
        parts.push(("imd", frame.edition_info.year.clone()));
    }
    let default_view = st.options.views.first().copied().unwrap_or_default();
    if st.view != default_view {
        parts.push(("v", st.view.key().into()));
    }
    if ds.indicators[st.indicator].id != super::DEFAULT_INDICATOR {
        parts.push(("i", ds.indicators[st.indicator].id.clone()));
    }
    if let Some(p) = &st.period {
        parts.push(("p", p.clone()));
    }
    if let Some(i) = st.selected {
        parts.push(("s", ds.icss[i].ods.clone()));
    }
    if let Some(r) = st.region {
        parts.push(("r", ds.regions[r].ods.clone()));
    }
    if let Some(b) = st.population {
        parts.push(("pop", b.key().into()));
    }
    if let Some(g) = st.deprivation_group {
        parts.push(("dep", g.key().into()));
    }
    if let Some(k) = st.range_indicator {
        parts.push(("ri", ds.indicators[k].id.clone()));
        if !st.range_min.trim().is_empty() {
            parts.push(("rmin", st.range_min.trim().into()));
        }
        if !st.range_max.trim().is_empty() {
            parts.push(("rmax", st.range_max.trim().into()));
        }
    }
    if st.peers_only {
        parts.push(("po", "1".into()));
    }
    if st.hide_estimates {
        parts.push(("he", "1".into()));
    }
    if st.by_name {
        parts.push(("o", "name".into()));
    }
    if st.hide_missing {
        parts.push(("nd", "hide".into()));
    }
    if st.peers.basis != PeerBasis::default() {
        parts.push(("pb", st.peers.basis.key().into()));
    }
    if st.peers.k != 5 {
        parts.push(("k", st.peers.k.to_string()));
    }
    if st.peers.log_population {
        parts.push(("lp", "1".into()));
    }
    if st.peers.region {
        parts.push(("pr", "1".into()));
    }
    if st.axis != Axis::default() {
        parts.push(("ax", st.axis.key().into()));
    }
    if st.weighted {
        parts.push(("w", "1".into()));
    }
    if st.include_flagged {
        parts.push(("fl", "1".into()));
    }
    if st.dep.index != Deprivation::Imd {
        parts.push(("di", st.dep.index.key().into()));
    }
    if st.dep.weight == Weight::Population {
        parts.push(("dw", "population".into()));
    }
    if st.dep.deciles {
        parts.push(("dq", "10".into()));
    }
    if let Some(b) = &st.base_period {
        parts.push(("b", b.clone()));
    }
    if st.spine_all {
        parts.push(("all", "1".into()));
    }
    if st.outlines {
        parts.push(("ol", "1".into()));
    }
    if st.dep_compare {
        parts.push(("dc", "1".into()));
    }
    if let Some(c) = &st.spc {
        parts.push(("spc", "1".into()));
        if c.baseline_from.is_some() || c.baseline_to.is_some() {
            parts.push(("sb", format!("{}..{}", c.baseline_from.as_deref().unwrap_or(""), c.baseline_to.as_deref().unwrap_or(""))));
        }
        if c.run != ics_engine::spc::DEFAULT_RUN {
            parts.push(("sr", c.run.to_string()));
        }
        if !c.screen {
            parts.push(("ss", "0".into()));
        }
    }
    if st.od != Overdispersion::None {
        parts.push(("od", st.od.key().into()));
    }
    parts.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&")
}

/// The keys a view's hash is made of: a page hash with none of them (`#contact-us`) is not a view.
const KEYS: [&str; 32] = [
    "od", "g", "imd", "v", "i", "p", "b", "s", "r", "pop", "dep", "ri", "rmin", "rmax", "o", "pb", "k", "lp", "pr", "ax", "w", "di", "dw", "dq",
    "all", "he", "ol", "dc", "spc", "sb", "sr", "ss",
];

/// Whether a page's hash is a view of ICS Explorer (or empty, the default view) rather than an ordinary anchor
/// of the host page such as `#contact-us`, which an explorer that keeps the page's hash leaves alone.
pub fn is_state(hash: &str) -> bool {
    let hash = hash.trim_start_matches('#');
    hash.is_empty() || hash.split('&').any(|part| part.split_once('=').is_some_and(|(k, _)| KEYS.contains(&k)))
}

/// Something in a hash that could not be used. The page words it for a visitor following a link
/// ([`Problem::notice`]); `settings` words it for the page editor who wrote it.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The whole hash, too long to read (its length).
    TooLong(usize),
    /// A setting's value that was not recognised: what it is ("view", "ICS", …) and the value.
    Unknown { what: &'static str, value: String },
    /// A period the indicator does not have.
    Period(String),
    /// A base period the indicator does not have.
    BasePeriod(String),
}

impl Problem {
    /// The notice shown to a visitor who followed a link.
    pub fn notice(&self) -> String {
        match self {
            Problem::TooLong(n) => format!("The link was too long ({n} characters) to be a view of ICS Explorer, so the default view is shown."),
            Problem::Unknown { what, value } => format!("The link's {what} \"{}\" was not recognised, so the default is shown.", clean(value)),
            Problem::Period(p) => format!("The link's period \"{}\" does not exist for this indicator, so its default period is shown.", clean(p)),
            Problem::BasePeriod(b) => {
                format!("The link's base period \"{}\" does not exist for this indicator, so the first period is used.", clean(b))
            }
        }
    }
}

/// The frame a hash names: its geography (`g=icb22`) and deprivation edition (`imd=2019`), if given.
pub fn frame_of(hash: &str) -> (Option<String>, Option<String>) {
    let hash = hash.trim_start_matches('#');
    if hash.len() > MAX_HASH {
        return (None, None);
    }
    let get = |key: &str| hash.split('&').find_map(|part| part.split_once('=').filter(|(k, _)| *k == key).and_then(|(_, v)| decode(v)));
    (get("g"), get("imd"))
}

/// Applies `hash` to a state that holds the defaults. Returns notices for whatever was not understood.
pub fn apply(st: &mut State, hash: &str) -> Vec<String> {
    problems(st, hash).iter().map(Problem::notice).collect()
}

/// The period a link or setting names: one of the indicator's periods, or "latest" (its most recent period,
/// as the engine's queries and the command line accept).
pub fn period(periods: &[String], p: &str) -> Option<String> {
    if p.eq_ignore_ascii_case("latest") {
        return periods.last().cloned();
    }
    periods.iter().find(|x| *x == p).cloned()
}

/// Applies `hash` to a state that holds the defaults. Returns a problem for whatever was not understood.
pub fn problems(st: &mut State, hash: &str) -> Vec<Problem> {
    let hash = hash.trim_start_matches('#');
    if hash.is_empty() {
        return vec![];
    }
    if hash.len() > MAX_HASH {
        return vec![Problem::TooLong(hash.len())];
    }
    let mut problems = Vec::new();
    let mut bad = |what: &'static str, value: &str| problems.push(Problem::Unknown { what, value: value.to_string() });
    let ds = st.engine.frame();
    let indicator = |id: &str| ds.indicators.iter().position(|i| i.id == id);
    let mut period = None;
    let mut base = None;
    let mut spc_baseline = None;
    for part in hash.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let Some(v) = decode(v) else {
            bad("setting", part);
            continue;
        };
        match k {
            // The frame: already shown by `State::open` (see `frame_of`).
            "g" | "imd" => {}
            "v" => match View::from_key(&v).filter(|x| st.options.views.contains(x)) {
                Some(x) => st.view = x,
                None => bad("view", &v),
            },
            "i" => match indicator(&v) {
                Some(x) => st.indicator = x,
                None => bad("indicator", &v),
            },
            "p" => period = Some(v),
            "b" => base = Some(v),
            "s" => match ds.ics_index(&v) {
                Some(x) => st.selected = Some(x),
                None => bad("ICS", &v),
            },
            "r" => match ds.regions.iter().position(|r| r.ods.eq_ignore_ascii_case(&v) || r.code.eq_ignore_ascii_case(&v)) {
                Some(x) => st.region = Some(x),
                None => bad("region", &v),
            },
            "pop" => match PopulationBand::from_key(&v) {
                Some(x) => st.population = Some(x),
                None => bad("population band", &v),
            },
            "dep" => match DeprivationGroup::from_key(&v) {
                Some(x) => st.deprivation_group = Some(x),
                None => bad("deprivation group", &v),
            },
            "ri" => match indicator(&v) {
                Some(x) => st.range_indicator = Some(x),
                None => bad("range indicator", &v),
            },
            "rmin" | "rmax" => match State::parse_bound(&v) {
                Ok(_) if k == "rmin" => st.range_min = v,
                Ok(_) => st.range_max = v,
                Err(_) => bad("range limit", &v),
            },
            "o" if v == "name" => st.by_name = true,
            "po" if v == "1" => st.peers_only = true,
            "he" if v == "1" => st.hide_estimates = true,
            "nd" if v == "hide" => st.hide_missing = true,
            "pb" => match PeerBasis::from_key(&v) {
                Some(x) => st.peers.basis = x,
                None => bad("peer basis", &v),
            },
            "k" => match v.parse::<usize>() {
                Ok(x) if (1..=MAX_PEERS).contains(&x) => st.peers.k = x,
                _ => bad("number of peers", &v),
            },
            "lp" if v == "1" => st.peers.log_population = true,
            "pr" if v == "1" => st.peers.region = true,
            "ax" => match Axis::from_key(&v) {
                Some(x) => st.axis = x,
                None => bad("deprivation axis", &v),
            },
            "w" if v == "1" => st.weighted = true,
            "fl" if v == "1" => st.include_flagged = true,
            "di" => match Deprivation::from_key(&v) {
                Some(x) => st.dep.index = x,
                None => bad("deprivation index", &v),
            },
            "dw" if v == "population" => st.dep.weight = Weight::Population,
            "dq" if v == "10" => st.dep.deciles = true,
            "all" if v == "1" => st.spine_all = true,
            "ol" if v == "1" => st.outlines = true,
            "dc" if v == "1" => st.dep_compare = true,
            "spc" if v == "1" => {
                st.spc.get_or_insert_with(Default::default);
            }
            "sr" => match v.parse::<usize>() {
                Ok(n) if ics_engine::spc::RUNS.contains(&n) => st.spc.get_or_insert_with(Default::default).run = n,
                _ => bad("SPC run length", &v),
            },
            "ss" if v == "0" => st.spc.get_or_insert_with(Default::default).screen = false,
            "sb" => spc_baseline = Some(v),
            "od" => match Overdispersion::from_key(&v) {
                Some(x) => st.od = x,
                None => bad("overdispersion adjustment", &v),
            },
            _ => bad("setting", part),
        }
    }
    // Periods depend on the indicator, so they are checked last.
    let (_, periods) = st.engine.periods(&st.engine.frame().indicators[st.indicator]);
    if let Some(p) = period {
        match self::period(&periods, &p) {
            Some(x) => st.period = Some(x),
            None => problems.push(Problem::Period(p)),
        }
    }
    if let Some(b) = base {
        if periods.contains(&b) {
            st.base_period = Some(b);
        } else {
            problems.push(Problem::BasePeriod(b));
        }
    }
    if let Some(b) = spc_baseline {
        // Both ends must be periods of the indicator (either may be left out), the first not after the last.
        let at = |p: &Option<String>| p.as_ref().map(|p| periods.iter().position(|x| x == p));
        match ics_engine::spc::parse_baseline(&b) {
            Some((from, to)) => match (at(&from), at(&to)) {
                (Some(None), _) | (_, Some(None)) => problems.push(Problem::Unknown { what: "SPC baseline", value: b }),
                (Some(Some(a)), Some(Some(z))) if a > z => problems.push(Problem::Unknown { what: "SPC baseline", value: b }),
                _ => {
                    let c = st.spc.get_or_insert_with(Default::default);
                    (c.baseline_from, c.baseline_to) = (from, to);
                }
            },
            None => problems.push(Problem::Unknown { what: "SPC baseline", value: b }),
        }
    }
    if st.range_indicator.is_none() {
        st.range_min.clear();
        st.range_max.clear();
    }
    problems
}

/// Shortens and strips control characters from user text before it appears in a notice (it is still shown
/// as text, never markup).
pub fn clean(s: &str) -> String {
    let t: String = s.chars().filter(|c| !c.is_control()).take(60).collect();
    if s.chars().count() > 60 {
        t + "…"
    } else {
        t
    }
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_and_decode_round_trip() {
        for s in ["2022/23", "a b&c=d", "<script>", "é", ""] {
            assert_eq!(decode(&encode(s)).as_deref(), Some(s));
        }
        assert_eq!(decode("%zz"), None);
        assert_eq!(decode("%e9"), None, "not UTF-8");
        assert_eq!(clean("a\u{0}b"), "ab");
    }

    #[test]
    fn a_page_anchor_is_not_a_view() {
        for h in ["", "#", "#v=map", "#i=x&zz=1", "#s=QOP", "v=nope"] {
            assert!(is_state(h), "{h}");
        }
        for h in ["#contact-us", "#top", "#section=2", "#a&b", "#=v"] {
            assert!(!is_state(h), "{h}");
        }
    }
}
