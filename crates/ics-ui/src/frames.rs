//! Which area set and deprivation edition the page shows, and moving between them.
//!
//! The engines of frames shown before are kept, so switching back is instant and keeps data you imported. An
//! edition that is not loaded yet (IMD 2019 ships in a file of its own) is asked of the web layer with
//! `Effect::LoadEdition`; the switch (or the link being opened) finishes when `Msg::EditionLoaded` brings it.
//! Settings that still make sense are carried across: the indicator, region and periods by their ids, and the
//! selected ICB by its code, or, where it no longer exists, the area that took most of its residents, saying so.

use super::{Effect, State};
use ics_engine::layer::Layered;
use ics_engine::Engine;

/// A switch waiting for an edition to load: the edition, the area set, and what to do once it has.
#[derive(Debug, Clone, PartialEq)]
pub struct Loading {
    pub edition: String,
    pub set: usize,
    pub then: Then,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Then {
    /// Switch, carrying the current settings across.
    Switch,
    /// Switch, carrying the settings across, and select this area (a code) of the new set.
    Select(String),
    /// Open this hash (a link or the browser's Back) in the new frame.
    Hash(String),
    /// Apply the embedder's settings (name, value; `None` removed) in the new frame (see `settings::set`);
    /// `whose` is the setting that named the frame, for a problem.
    Settings { whose: &'static str, rest: Vec<(String, Option<String>)> },
}

/// The frame a geography and an edition name (defaults: today's set, the set's own edition): the area set
/// index and the edition id, which may not be loaded yet.
pub fn target(st: &State, geography: Option<&str>, imd: Option<&str>) -> Result<(usize, String), String> {
    let ds = &st.dataset;
    let set = match geography {
        None => ds.today(),
        Some(g) => ds.area_set_index(g).ok_or_else(|| {
            let ids: Vec<&str> = ds.area_sets().iter().map(|s| s.id.as_str()).collect();
            format!("\"{}\" is not a geography; use {}", super::url::clean(g), ids.join(" or "))
        })?,
    };
    let edition = match imd {
        None => ds.area_sets()[set].edition.clone(),
        Some(e) => {
            let e = e.trim().trim_start_matches("imd");
            let id = format!("imd{e}");
            if !["imd2019", "imd2025"].contains(&id.as_str()) {
                return Err(format!("\"{}\" is not a deprivation edition; use 2025 or 2019", super::url::clean(e)));
            }
            id
        }
    };
    Ok((set, edition))
}

/// Shows frame (`set`, `edition`), carrying the settings across. `Ok(None)` when it is shown (or already was);
/// `Ok(Some(effect))` when its edition must load first (`st.loading` says what then); `Err` when the pair
/// cannot be shown (an edition on neighbourhoods the set has no lookup for).
pub fn go(st: &mut State, set: usize, edition: &str, then: Then) -> Result<Option<Effect>, String> {
    let Some(ed) = st.dataset.edition_index(edition) else {
        st.loading = Some(Loading { edition: edition.to_string(), set, then });
        return Ok(Some(Effect::LoadEdition(edition.to_string())));
    };
    let select = match &then {
        Then::Select(code) => Some(code.as_str()),
        _ => None,
    };
    let here = st.engine.frame();
    if (here.area_set, here.edition) == (set, ed) {
        if let Some(code) = select {
            st.settings.selected = here.ics_index(code).or(st.settings.selected);
        }
        return Ok(None);
    }
    let engine = match st.parked.iter().position(|e| (e.frame().area_set, e.frame().edition) == (set, ed)) {
        Some(k) => st.parked.remove(k),
        None => Engine::new(st.dataset.frame(set, ed)?),
    };
    let old = std::mem::replace(&mut st.engine, engine);
    // Imported indicators follow (before the settings, so a selected one stays selected).
    let imports = super::imported::follow(st, old.catalogue());
    carry(st, old.catalogue(), select);
    st.frame_notes.extend(imports);
    st.parked.push(old);
    Ok(None)
}

/// An edition that was waited for could not be had: says why; the embedder's settings that waited apply to the
/// frame shown, and the failure is reported to the embedder too.
pub fn failed(st: &mut State, waiting: Option<Loading>, why: String) {
    if let Some(Loading { then: Then::Settings { whose, rest }, .. }) = waiting {
        let mut late = vec![super::settings::Problem { setting: whose, message: why.clone() }];
        late.extend(super::settings::apply_all(st, &rest));
        st.late_problems.extend(late);
    }
    st.frame_notes = vec![why];
}

/// Carries the settings of frame `old` to the state's new frame, by id and code (selecting `select` instead of
/// the selection's counterpart, if given); notes what changed.
fn carry(st: &mut State, old: Layered, select: Option<&str>) {
    let new = st.engine.catalogue();
    let mut notes = Vec::new();
    let by_id = |k: usize| old.indicators.get(k).and_then(|i| new.indicator_index(&i.id));
    let ind = by_id(st.settings.indicator);
    // An imported indicator that does not follow says so itself (see `imported::follow`).
    let user = old.indicators.get(st.settings.indicator).is_some_and(|i| i.domain == ics_data::dataset::Domain::User);
    if ind.is_none() && !user {
        let name = old.indicators.get(st.settings.indicator).map_or("", |i| i.name.as_str());
        let why = new.unavailable.iter().find(|u| u.name == name).map(|u| format!(": {}", u.reason)).unwrap_or_default();
        notes.push(format!("{name} is not available for the {} with {}{why}. The default indicator is shown.", new.set.name, new.edition_info.short));
    }
    st.settings.indicator = ind.unwrap_or_else(|| st.engine.indicator(super::DEFAULT_INDICATOR).map(|(k, _)| k).unwrap_or(0));
    st.settings.filters.range_indicator = st.settings.filters.range_indicator.and_then(by_id);
    st.settings.filters.region =
        st.settings.filters.region.and_then(|r| old.regions.get(r)).and_then(|r| new.regions.iter().position(|n| n.ods == r.ods));
    let chosen = select.and_then(|code| new.ics_index(code));
    st.settings.selected = if chosen.is_some() {
        chosen
    } else {
        st.settings.selected.and_then(|i| old.icss.get(i)).and_then(|was| match new.ics_index(&was.ods).or_else(|| new.ics_index(&was.code)) {
            Some(k) => Some(k),
            None => {
                // What it became (or was made from): the piece with the most of its residents.
                let links = old.links.get(old.icss.iter().position(|x| x.code == was.code)?)?;
                let names: Vec<&str> = links.iter().map(|l| l.name.as_str()).collect();
                let best = links.iter().max_by(|a, b| a.residents.total_cmp(&b.residents))?;
                let k = new.ics_index(&best.code)?;
                let verb = if links.iter().any(|l| l.predecessor) { "was made from" } else { "is now part of" };
                let list = match names.split_last() {
                    Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                    _ => names.join(""),
                };
                notes.push(format!("{} ({}) {verb} {list}; {} is shown.", was.short_name, old.set.period, new.icss[k].short_name));
                Some(k)
            }
        })
    };
    let (_, periods) = st.engine.periods(&st.engine.catalogue().indicators[st.settings.indicator]);
    st.settings.period = st.settings.period.take().filter(|p| periods.contains(p));
    st.settings.base_period = st.settings.base_period.take().filter(|p| periods.contains(p));
    st.sort = None;
    st.hover = None;
    st.user_text = None;
    st.frame_notes = notes;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{update, Msg, State};

    fn state() -> State {
        crate::tests::state()
    }

    #[test]
    fn today_is_the_default_and_july_2022_loads_its_edition_first() {
        let mut st = crate::tests::core();
        assert_eq!(st.engine.frame().set.id, "icb26");
        assert_eq!(st.engine.frame().icss.len(), 36);
        // Only IMD 2025 ships in the core file: asking for July 2022 (IMD 2019) asks for that file.
        let effect = update(&mut st, Msg::SetGeography("icb22".into()));
        assert_eq!(effect, Some(Effect::LoadEdition("imd2019".into())));
        assert_eq!(st.engine.frame().set.id, "icb26", "nothing changes until it has loaded");
        update(&mut st, Msg::EditionLoaded("imd2019".into(), ics_data::testdata::imd2019_json().into()));
        assert_eq!((st.engine.frame().set.id.as_str(), st.engine.frame().edition_info.id.as_str()), ("icb22", "imd2019"));
        assert!(st.loading.is_none());
    }

    #[test]
    fn the_selected_icb_is_kept_or_says_what_it_became() {
        let mut st = state();
        update(&mut st, Msg::SelectIcs("QOP".into()));
        update(&mut st, Msg::SetGeography("icb22".into()));
        assert_eq!(st.ics_code(st.settings.selected.unwrap()), "QOP", "Greater Manchester is in both");
        update(&mut st, Msg::SelectIcs("QNQ".into()));
        update(&mut st, Msg::SetGeography("icb26".into()));
        assert_eq!(st.engine.frame().icss[st.settings.selected.unwrap()].short_name, "Thames Valley", "Frimley's largest part");
        assert_eq!(
            st.frame_notes,
            ["Frimley (July 2022) is now part of Hampshire and Isle of Wight, Surrey and Sussex and Thames Valley; Thames Valley is shown."]
        );
        update(&mut st, Msg::SelectIcs("Z9B2Z".into()));
        update(&mut st, Msg::SetGeography("icb22".into()));
        assert_eq!(
            st.frame_notes,
            ["West and North London (April 2026) was made from North West London and North Central London; North West London is shown."]
        );
        assert_eq!(
            st.ics_code(st.settings.selected.unwrap()),
            "QRV",
            "the larger of the two (2.09 million residents to 1.41 million at the 2021 Census)"
        );
    }
}
