//! The URL hash as a serialisation of the state's [`Settings`]: `to_hash` writes only what differs from the defaults, in a
//! fixed key order; `apply` is total — any text, however hostile, leaves a valid state and returns a notice for
//! every part it could not use.

use super::{Settings, State};
use ics_data::dataset::{Deprivation, Weight};
use ics_engine::adjust::Axis;
use ics_engine::filter::{DeprivationGroup, PopulationBand};
use ics_engine::funnel::Overdispersion;
use ics_engine::peers::{PeerBasis, MAX_PEERS};
use ics_engine::query::View;

/// Longer hashes are not read at all (a real one is under 300 characters).
const MAX_HASH: usize = 2000;

/// The hash of the state's [`Settings`] in its frame: only what differs from the starting view, in a fixed key order.
pub fn to_hash(st: &State) -> String {
    let frame = st.engine.catalogue();
    let (s, d) = (&st.settings, st.default_settings());
    let f = &s.filters;
    let mut parts: Vec<(&str, String)> = Vec::new();
    if frame.area_set != st.dataset.today() {
        parts.push(("g", frame.set.id.clone()));
    }
    if st.dataset.area_sets().get(frame.area_set).is_some_and(|s| s.edition != frame.edition_info.id) {
        parts.push(("imd", frame.edition_info.year.clone()));
    }
    if s.view != d.view {
        parts.push(("v", s.view.key().into()));
    }
    if frame.indicators[s.indicator].id != super::DEFAULT_INDICATOR {
        parts.push(("i", frame.indicators[s.indicator].id.clone()));
    }
    if let Some(p) = &s.period {
        parts.push(("p", p.clone()));
    }
    if let Some(i) = s.selected {
        parts.push(("s", frame.icss[i].ods.clone()));
    }
    if let Some(r) = f.region {
        parts.push(("r", frame.regions[r].ods.clone()));
    }
    if let Some(b) = f.population {
        parts.push(("pop", b.key().into()));
    }
    if let Some(g) = f.deprivation_group {
        parts.push(("dep", g.key().into()));
    }
    if let Some(k) = f.range_indicator {
        parts.push(("ri", frame.indicators[k].id.clone()));
        if !f.range_min.trim().is_empty() {
            parts.push(("rmin", f.range_min.trim().into()));
        }
        if !f.range_max.trim().is_empty() {
            parts.push(("rmax", f.range_max.trim().into()));
        }
    }
    let mut flag = |key: &'static str, on: bool, value: &str| {
        if on {
            parts.push((key, value.into()));
        }
    };
    flag("po", f.peers_only, "1");
    flag("he", f.hide_estimates, "1");
    flag("o", s.by_name, "name");
    flag("nd", s.hide_missing, "hide");
    flag("pb", s.peers.basis != d.peers.basis, s.peers.basis.key());
    flag("k", s.peers.k != d.peers.k, &s.peers.k.to_string());
    flag("lp", s.peers.log_population, "1");
    flag("pr", s.peers.region, "1");
    flag("ax", s.axis != d.axis, s.axis.key());
    flag("w", s.weighted, "1");
    flag("fl", s.include_flagged, "1");
    let dv = &s.deprivation_view;
    flag("di", dv.index != d.deprivation_view.index, dv.index.key());
    flag("dw", dv.weight == Weight::Population, "population");
    flag("dq", dv.deciles, "10");
    flag("b", s.base_period.is_some(), s.base_period.as_deref().unwrap_or_default());
    flag("all", s.spine_all, "1");
    flag("ol", s.outlines, "1");
    flag("dc", s.compare_editions, "1");
    if let Some(c) = &s.spc {
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
    if s.overdispersion != d.overdispersion {
        parts.push(("od", s.overdispersion.key().into()));
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

/// Sets the state's settings to those `hash` describes (see [`parse`]). Returns notices for whatever was not understood.
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

/// Sets the state's [`Settings`] to those `hash` describes (the defaults for what it leaves out). Returns a
/// problem for whatever was not understood.
pub fn problems(st: &mut State, hash: &str) -> Vec<Problem> {
    let (settings, problems) = parse(st, hash);
    st.settings = settings;
    problems
}

/// The [`Settings`] `hash` describes in the state's frame: the starting view's, with whatever the hash sets
/// that is valid, and a problem for the rest.
pub fn parse(st: &State, hash: &str) -> (Settings, Vec<Problem>) {
    let mut s = st.default_settings();
    let hash = hash.trim_start_matches('#');
    if hash.is_empty() {
        return (s, vec![]);
    }
    if hash.len() > MAX_HASH {
        return (s, vec![Problem::TooLong(hash.len())]);
    }
    let mut problems = Vec::new();
    let mut bad = |what: &'static str, value: &str| problems.push(Problem::Unknown { what, value: value.to_string() });
    let ds = st.engine.catalogue();
    let indicator = |id: &str| ds.indicator_index(id);
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
                Some(x) => s.view = x,
                None => bad("view", &v),
            },
            "i" => match indicator(&v) {
                Some(x) => s.indicator = x,
                None => bad("indicator", &v),
            },
            "p" => period = Some(v),
            "b" => base = Some(v),
            "s" => match ds.ics_index(&v) {
                Some(x) => s.selected = Some(x),
                None => bad("ICS", &v),
            },
            "r" => match ds.regions.iter().position(|r| r.ods.eq_ignore_ascii_case(&v) || r.code.eq_ignore_ascii_case(&v)) {
                Some(x) => s.filters.region = Some(x),
                None => bad("region", &v),
            },
            "pop" => match PopulationBand::from_key(&v) {
                Some(x) => s.filters.population = Some(x),
                None => bad("population band", &v),
            },
            "dep" => match DeprivationGroup::from_key(&v) {
                Some(x) => s.filters.deprivation_group = Some(x),
                None => bad("deprivation group", &v),
            },
            "ri" => match indicator(&v) {
                Some(x) => s.filters.range_indicator = Some(x),
                None => bad("range indicator", &v),
            },
            // Kept as the hash writes them: without the spaces around (a link's "%0A" would not come back).
            "rmin" | "rmax" => match State::parse_bound(&v) {
                Ok(_) if k == "rmin" => s.filters.range_min = v.trim().to_string(),
                Ok(_) => s.filters.range_max = v.trim().to_string(),
                Err(_) => bad("range limit", &v),
            },
            "o" if v == "name" => s.by_name = true,
            "po" if v == "1" => s.filters.peers_only = true,
            "he" if v == "1" => s.filters.hide_estimates = true,
            "nd" if v == "hide" => s.hide_missing = true,
            "pb" => match PeerBasis::from_key(&v) {
                Some(x) => s.peers.basis = x,
                None => bad("peer basis", &v),
            },
            "k" => match v.parse::<usize>() {
                Ok(x) if (1..=MAX_PEERS).contains(&x) => s.peers.k = x,
                _ => bad("number of peers", &v),
            },
            "lp" if v == "1" => s.peers.log_population = true,
            "pr" if v == "1" => s.peers.region = true,
            "ax" => match Axis::from_key(&v) {
                Some(x) => s.axis = x,
                None => bad("deprivation axis", &v),
            },
            "w" if v == "1" => s.weighted = true,
            "fl" if v == "1" => s.include_flagged = true,
            "di" => match Deprivation::from_key(&v) {
                Some(x) => s.deprivation_view.index = x,
                None => bad("deprivation index", &v),
            },
            "dw" if v == "population" => s.deprivation_view.weight = Weight::Population,
            "dq" if v == "10" => s.deprivation_view.deciles = true,
            "all" if v == "1" => s.spine_all = true,
            "ol" if v == "1" => s.outlines = true,
            "dc" if v == "1" => s.compare_editions = true,
            "spc" if v == "1" => {
                s.spc.get_or_insert_with(Default::default);
            }
            "sr" => match v.parse::<usize>() {
                Ok(n) if ics_engine::spc::RUNS.contains(&n) => s.spc.get_or_insert_with(Default::default).run = n,
                _ => bad("SPC run length", &v),
            },
            "ss" if v == "0" => s.spc.get_or_insert_with(Default::default).screen = false,
            "sb" => spc_baseline = Some(v),
            "od" => match Overdispersion::from_key(&v) {
                Some(x) => s.overdispersion = x,
                None => bad("overdispersion adjustment", &v),
            },
            _ => bad("setting", part),
        }
    }
    // Periods depend on the indicator, so they are checked last.
    let (_, periods) = st.engine.periods(&ds.indicators[s.indicator]);
    if let Some(p) = period {
        match self::period(&periods, &p) {
            Some(x) => s.period = Some(x),
            None => problems.push(Problem::Period(p)),
        }
    }
    if let Some(b) = base {
        if periods.contains(&b) {
            s.base_period = Some(b);
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
                    let c = s.spc.get_or_insert_with(Default::default);
                    (c.baseline_from, c.baseline_to) = (from, to);
                }
            },
            None => problems.push(Problem::Unknown { what: "SPC baseline", value: b }),
        }
    }
    if s.filters.range_indicator.is_none() {
        s.filters.range_min.clear();
        s.filters.range_max.clear();
    }
    (s, problems)
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
