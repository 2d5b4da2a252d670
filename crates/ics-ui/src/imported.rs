//! Files imported in this tab, kept so that the engine of every frame shown has them. A sub-ICB file's
//! indicators are summed again to the ICBs of each area set shown; an ICB file's stay with the area set they were
//! matched to (in each edition's frame of it), and the page says so on other boundaries. An imported indicator
//! has one id in every frame, so the selection, links and the name and unit the user gave it carry over.

use super::{ImportDone, ImportStatus, State};
use ics_data::dataset::{Domain, Frame, Polarity};
use ics_engine::import::{self, ImportedIndicator, Places, SubIcbIndicator};
use ics_engine::layer::Layered;
use ics_engine::Engine;

/// An imported indicator, kept: its id, the file's name and what was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub id: String,
    pub file: String,
    pub data: KeptData,
}

#[derive(Debug, Clone, PartialEq)]
pub enum KeptData {
    /// ICB values, matched to area set `set` (a `Dataset::area_sets` index).
    Icb { set: usize, ind: ImportedIndicator },
    /// Sub-ICB counts and denominators, summed to each set shown.
    SubIcb(SubIcbIndicator),
}

/// The sub-ICB locations and ICBs of every area set (or of the frame's alone, if the dataset cannot place them).
pub fn places(st: &State) -> Places {
    Places::for_frame(&st.dataset, st.engine.frame())
}

/// Places that can sum to `f`'s set: `all`, or the frame's own.
fn places_for(all: &Places, f: &Frame) -> Option<Places> {
    all.set(f.area_set).is_none().then(|| Places::of_frame(f))
}

/// The number of the next "user_N" id, unused in every engine of the page.
fn next_number(st: &State) -> usize {
    st.parked
        .iter()
        .chain(std::iter::once(&st.engine))
        .map(Engine::last_user_number)
        .chain(st.kept.iter().filter_map(|k| k.id.strip_prefix("user_")?.parse().ok()))
        .max()
        .unwrap_or(0)
        + 1
}

/// Adds kept indicator `k` to engine `e` if it belongs there and is not there yet; its index if added.
fn add(e: &mut Engine, k: &Kept, places: &Places) -> Option<usize> {
    if e.indicator(&k.id).is_ok() {
        return None;
    }
    match &k.data {
        KeptData::Icb { set, ind } => (e.frame().area_set == *set).then(|| e.add_imported_as(&k.id, &k.file, ind)),
        KeptData::SubIcb(s) => Some(e.add_sub_icb(&k.id, &k.file, s, places)),
    }
}

/// Reads a file the user chose into the frame shown: its indicators are added and kept, the first is shown.
pub fn load(st: &mut State, name: String, text: String) -> ImportStatus {
    let places = places(st);
    let frame = st.engine.frame();
    let set = frame.area_set;
    let imp = match import::import_in(&name, &text, frame, &places, &[]) {
        Ok(imp) => imp,
        Err(problems) => return ImportStatus::Failed { name, problems: problems.iter().map(|p| p.to_string()).collect() },
    };
    let mut n = next_number(st);
    let mut kept: Vec<Kept> = Vec::new();
    for ind in &imp.indicators {
        kept.push(Kept { id: format!("user_{n}"), file: name.clone(), data: KeptData::Icb { set, ind: ind.clone() } });
        n += 1;
    }
    for ind in &imp.sub_icb {
        kept.push(Kept { id: format!("user_{n}"), file: name.clone(), data: KeptData::SubIcb(ind.clone()) });
        n += 1;
    }
    let mut added = Vec::new();
    for k in kept {
        let label = match &k.data {
            KeptData::Icb { ind, .. } => ind.name.clone(),
            KeptData::SubIcb(s) => s.name.clone(),
        };
        if let Some(at) = add(&mut st.engine, &k, &places) {
            if added.is_empty() {
                st.settings.indicator = at;
                st.settings.period = None;
                st.settings.base_period = None;
                st.sort = None;
            }
        }
        added.push((label, k.id.clone()));
        st.kept.push(k);
    }
    // (What summing did on the boundaries shown is in each indicator's caveats: the panel shows those too.)
    let warnings: Vec<String> = imp.warnings.iter().map(|w| w.to_string()).collect();
    let sub_icb = !imp.sub_icb.is_empty();
    ImportStatus::Done(Box::new(ImportDone {
        name,
        text,
        added,
        warnings,
        unmatched: imp.unmatched,
        unmatched_more: imp.unmatched_more,
        set,
        sub_icb,
        fingertips: imp.fingertips,
        ..ImportDone::default()
    }))
}

/// Imports the file again with the user's choices for its unmatched rows, and updates (or adds) its indicators,
/// in every frame of its area set.
pub fn apply_fixes(st: &mut State) {
    let ImportStatus::Done(d) = &st.import else { return };
    let frame = st.engine.frame();
    if d.sub_icb || d.set != frame.area_set {
        return;
    }
    let fixes = fixes_of(&d.choices, frame);
    let places = places(st);
    let result = import::import_choosing(&d.name, &d.text, frame, &places, &fixes, &d.choice);
    let (name, set) = (d.name.clone(), d.set);
    let mut added = d.added.clone();
    match result {
        Ok(imp) => {
            let mut n = next_number(st);
            for ind in &imp.indicators {
                match added.iter().find(|(a, _)| *a == ind.name).map(|(_, id)| id.clone()) {
                    Some(id) => {
                        for k in st.kept.iter_mut().filter(|k| k.id == id) {
                            k.data = KeptData::Icb { set, ind: ind.clone() };
                        }
                        for e in st.parked.iter_mut().chain(std::iter::once(&mut st.engine)) {
                            if let Ok((k, _)) = e.indicator(&id) {
                                e.update_imported(k, ind);
                            }
                        }
                    }
                    None => {
                        let k = Kept { id: format!("user_{n}"), file: name.clone(), data: KeptData::Icb { set, ind: ind.clone() } };
                        n += 1;
                        add(&mut st.engine, &k, &places);
                        added.push((ind.name.clone(), k.id.clone()));
                        st.kept.push(k);
                    }
                }
            }
            if let ImportStatus::Done(d) = &mut st.import {
                d.added = added;
                d.warnings = imp.warnings.iter().map(|w| w.to_string()).collect();
                d.fingertips = imp.fingertips;
                d.applied = d.choices.clone();
                d.problems.clear();
            }
        }
        Err(problems) => {
            if let ImportStatus::Done(d) = &mut st.import {
                d.problems = problems.iter().map(|p| p.to_string()).collect();
            }
        }
    }
}

/// The user's choices for unmatched rows (line, ICS code or "england"), as the importer takes them.
fn fixes_of(choices: &[(usize, String)], frame: &Frame) -> Vec<(usize, import::Target)> {
    choices
        .iter()
        .filter_map(|(line, code)| {
            let to = if code == "england" { import::Target::England } else { import::Target::Ics(frame.ics_index(code)?) };
            Some((*line, to))
        })
        .collect()
}

/// Imports the Fingertips download shown in the import panel again with the rows the user chose ("sex:N",
/// "breakdown:N" or "breakdown:", see `Msg::ChooseImportRows`): its indicators are updated in place, in order (the
/// first keeps the first's id, and so on, renamed for what they now are), and any further ones added. (An
/// indicator the new choice no longer gives stays, with its values: an engine's indicators are never removed.)
pub fn choose_rows(st: &mut State, value: &str) {
    let ImportStatus::Done(d) = &mut st.import else { return };
    let Some(s) = &d.fingertips else { return };
    let mut choice = d.choice.clone();
    let pick = |v: &str, n: usize| v.parse::<usize>().ok().filter(|&k| k < n);
    if let Some(k) = value.strip_prefix("sex:").and_then(|v| pick(v, s.sex_ages.len())) {
        choice.sex_age = Some((s.sex_ages[k].0.clone(), s.sex_ages[k].1.clone()));
    } else if let Some(v) = value.strip_prefix("breakdown:") {
        let breakdown = match v {
            "" => None,
            v => match pick(v, s.breakdowns.len()) {
                Some(k) => Some(s.breakdowns[k].0.clone()),
                None => return,
            },
        };
        // Another breakdown has other Sex and Age pairs: back to the usual one.
        choice = import::Choice { breakdown, sex_age: None };
    } else {
        return;
    }
    if choice == d.choice {
        return;
    }
    d.choice = choice;
    let frame = st.engine.frame();
    if d.set != frame.area_set {
        return;
    }
    let fixes = fixes_of(&d.applied, frame);
    let all = Places::new(&st.dataset);
    let own = places_for(&all, frame);
    let places = own.as_ref().unwrap_or(&all);
    let imp = match import::import_choosing(&d.name, &d.text, frame, places, &fixes, &d.choice) {
        Ok(imp) => imp,
        Err(problems) => {
            d.problems = problems.iter().map(|p| p.to_string()).collect();
            return;
        }
    };
    let (set, name) = (d.set, d.name.clone());
    let old: Vec<String> = d.added.iter().map(|(_, id)| id.clone()).collect();
    let fresh = imp.indicators.into_iter().map(|ind| KeptData::Icb { set, ind }).chain(imp.sub_icb.into_iter().map(KeptData::SubIcb));
    let mut n = next_number(st);
    let mut added = Vec::new();
    for (pos, data) in fresh.enumerate() {
        let label = match &data {
            KeptData::Icb { ind, .. } => ind.name.clone(),
            KeptData::SubIcb(s) => s.name.clone(),
        };
        let same_kind = |k: &Kept| std::mem::discriminant(&k.data) == std::mem::discriminant(&data);
        let reuse = old.get(pos).filter(|id| st.kept.iter().any(|k| k.id == **id && same_kind(k))).cloned();
        let id = match reuse {
            Some(id) => {
                for e in st.parked.iter_mut().chain(std::iter::once(&mut st.engine)) {
                    let Ok((at, _)) = e.indicator(&id) else { continue };
                    match &data {
                        KeptData::Icb { ind, .. } => e.update_imported(at, ind),
                        KeptData::SubIcb(s) => {
                            let own = places_for(&all, e.frame());
                            e.update_sub_icb(at, s, own.as_ref().unwrap_or(&all));
                        }
                    }
                    e.set_user_text(at, &label, "");
                }
                for k in st.kept.iter_mut().filter(|k| k.id == id) {
                    k.data = data.clone();
                }
                id
            }
            None => {
                let k = Kept { id: format!("user_{n}"), file: name.clone(), data };
                n += 1;
                add(&mut st.engine, &k, places);
                let id = k.id.clone();
                st.kept.push(k);
                id
            }
        };
        if pos == 0 {
            if let Ok((at, _)) = st.engine.indicator(&id) {
                st.settings.indicator = at;
                st.settings.period = None;
                st.settings.base_period = None;
            }
        }
        added.push((label, id));
    }
    if let ImportStatus::Done(d) = &mut st.import {
        d.added = added;
        d.warnings = imp.warnings.iter().map(|w| w.to_string()).collect();
        d.fingertips = imp.fingertips;
        d.problems.clear();
    }
}

/// The multiplier of the sub-ICB indicators of the file shown in the import panel, as the user chose it ("1000"):
/// they are summed again in every frame.
pub fn set_multiplier(st: &mut State, choice: &str) {
    let Some(m) = ics_data::format::parse_number(choice.trim()).filter(|m| import::subicb::MULTIPLIERS.contains(m)) else { return };
    let ImportStatus::Done(d) = &st.import else { return };
    let ids: Vec<String> = d.added.iter().map(|(_, id)| id.clone()).collect();
    let all = Places::new(&st.dataset);
    for k in st.kept.iter_mut().filter(|k| ids.contains(&k.id)) {
        let KeptData::SubIcb(s) = &mut k.data else { continue };
        if matches!(s.multiplier_from, import::subicb::Multiplier::Values(_)) {
            continue;
        }
        s.multiplier = m;
        s.multiplier_from = import::subicb::Multiplier::Chosen;
        for e in st.parked.iter_mut().chain(std::iter::once(&mut st.engine)) {
            if let Ok((at, _)) = e.indicator(&k.id) {
                let own = places_for(&all, e.frame());
                e.update_sub_icb(at, s, own.as_ref().unwrap_or(&all));
            }
        }
    }
}

/// After a switch: gives the engine shown the kept indicators it lacks (sub-ICB ones summed to its set, ICB
/// ones of its set), and the name, unit and polarity the user gave each in frame `old`. Returns what to tell
/// the user about them.
pub fn follow(st: &mut State, old: Layered) -> Vec<String> {
    if st.kept.is_empty() {
        return vec![];
    }
    let all = Places::new(&st.dataset);
    let own = places_for(&all, st.engine.frame());
    let places = own.as_ref().unwrap_or(&all);
    let set = st.engine.frame().area_set;
    let label = ics_engine::import::subicb::set_label(st.engine.frame().icss.len(), &st.engine.frame().set.period);
    let mut notes = Vec::new();
    for k in &st.kept {
        add(&mut st.engine, k, places);
        // The user's name, unit and polarity, as last set.
        let was = old.indicators.iter().find(|i| i.id == k.id && i.domain == Domain::User);
        if let (Some(was), Ok((at, now))) = (was, st.engine.indicator(&k.id)) {
            let (name, unit, polarity): (String, String, Polarity) = (was.name.clone(), was.unit.clone(), was.polarity);
            if (now.name.as_str(), now.unit.as_str(), now.polarity) != (name.as_str(), unit.as_str(), polarity) {
                st.engine.set_user_text(at, &name, &unit);
                st.engine.set_user_polarity(at, polarity);
            }
        }
        let name = st.engine.indicator(&k.id).map(|(_, i)| i.name.clone()).ok().or_else(|| was.map(|i| i.name.clone()));
        match &k.data {
            KeptData::Icb { set: s, ind } if *s != set => {
                let there =
                    st.dataset.area_sets().get(*s).map(|a| ics_engine::import::subicb::set_label(a.icss.len(), &a.period)).unwrap_or_default();
                notes.push(format!(
                    "“{}” (from {}) is for {there}, so it stays with those boundaries: switch back to them to see it.",
                    name.unwrap_or_else(|| ind.name.clone()),
                    k.file
                ));
            }
            KeptData::SubIcb(s) if old.area_set != set => {
                let summed = s.sum(places, set);
                let last = summed.counts.last().map_or(0, |row| row.iter().filter(|v| v.is_some()).count());
                let n = st.engine.frame().icss.len();
                let gaps = if last == n { String::new() } else { format!(": {last} of {n} have a value (its notes say why the others have none)") };
                notes.push(format!(
                    "“{}” (from {}) was summed again from its sub-ICB locations to {label}{gaps}.",
                    name.unwrap_or_else(|| s.name.clone()),
                    k.file
                ));
            }
            _ => {}
        }
    }
    notes
}

/// The multiplier choice the import panel offers for a sub-ICB file (none when its Value column settled it):
/// the current multiplier.
pub fn multiplier_choice(st: &State, d: &ImportDone) -> Option<f64> {
    st.kept.iter().filter(|k| d.added.iter().any(|(_, id)| *id == k.id)).find_map(|k| match &k.data {
        KeptData::SubIcb(s) if !matches!(s.multiplier_from, import::subicb::Multiplier::Values(_)) => Some(s.multiplier),
        _ => None,
    })
}
