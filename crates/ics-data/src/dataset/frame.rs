//! One area set seen through one deprivation edition: `Dataset::frame` makes the [`Frame`] the engine reads.
//!
//! Series are published on the base area set (the 42 ICBs of July 2022). For another set, each of its areas
//! is made of pieces of base areas (`AreaSet::parts`). An area made of whole base areas gets exact values: the
//! sum of theirs for counts (rates are then their numerators over their denominators, never an average of
//! rates). An area with a piece of a base area gets an estimate, apportioned by the piece's share of that base
//! area's residents (Census 2021), and is marked as an estimate wherever it appears. Scores that cannot be
//! summed (the Health Index) are population-weighted means, marked as estimates for every area not the same as
//! a base area. Everything neighbourhood-based comes from the edition's LSOA table, through the set's own
//! lookup: exact.
//!
//! This module must never invent a value: a figure a frame cannot give is listed as unavailable, with why.

use super::model::*;

impl Dataset {
    pub fn area_set_index(&self, id: &str) -> Option<usize> {
        self.area_sets.iter().position(|s| s.id.eq_ignore_ascii_case(id.trim()))
    }

    pub fn edition_index(&self, id: &str) -> Option<usize> {
        self.editions.iter().position(|e| e.id.eq_ignore_ascii_case(id.trim()))
    }

    /// How area set `set`'s estimates are made, for series that add up (`additive`) or scores: see
    /// [`estimate_method`]. None for a set with no estimates.
    pub fn estimate_method(&self, set: usize, additive: bool) -> Option<String> {
        estimate_method(self.area_sets.get(set)?, self.area_sets.first()?, additive)
    }

    /// The frame of area set `set` seen through edition `edition` (indexes), or why there is none.
    pub fn frame(&self, set: usize, edition: usize) -> Result<Frame, String> {
        let s = self.area_sets.get(set).ok_or_else(|| format!("there is no area set number {set}"))?;
        let e = self.editions.get(edition).ok_or_else(|| format!("the deprivation edition number {edition} is not loaded"))?;
        let assignment = e
            .assignments
            .iter()
            .find(|a| a.area_set == set)
            .ok_or_else(|| format!("{} (on {} neighbourhoods) has no lookup to the {}: choose another edition", e.short, e.lsoa, s.name))?;
        let mut lsoas = e.lsoas.clone();
        lsoas.sicbl = assignment.sicbl.clone();
        let base = &self.area_sets[0];
        let measures: Vec<Measure> = self.measures.iter().map(|m| restate(m, set, s, base)).collect();
        let set_info = info(s);
        let edition_info = EditionInfo {
            id: e.id.clone(),
            name: e.name.clone(),
            short: e.short.clone(),
            year: e.year.clone(),
            lsoa: e.lsoa.clone(),
            population: e.population.clone(),
            indices: e.indices.clone(),
            age_85_plus: e.age_85_plus,
        };
        let mut indicators = Vec::new();
        let mut unavailable = self.unavailable.clone();
        for ind in &self.indicators {
            match for_frame(ind, &measures, s, e, self) {
                Ok(ind) => indicators.push(ind),
                Err(reason) => unavailable.push(Unavailable { name: ind.name.clone(), domain: ind.domain, reason, substitutes: vec![] }),
            }
        }
        let population = ["population_mid2022", "projected_population"]
            .iter()
            .find_map(|id| measures.iter().position(|m| m.id == *id && self.measures.iter().any(|o| o.id == m.id && o.area_set == set)))
            .or_else(|| measures.iter().position(|m| m.id == "projected_population"));
        let (links, other) = links(self, set);
        Ok(Frame {
            area_set: set,
            edition,
            set: set_info,
            edition_info,
            meta: self.meta.clone(),
            sources: self.sources.clone(),
            regions: s.regions.clone(),
            icss: s.icss.clone(),
            sicbls: s.sicbls.clone(),
            utlas: e.utlas.clone(),
            ltlas: e.ltlas.clone(),
            trusts: self.trusts.clone(),
            lsoas,
            measures,
            indicators,
            unavailable,
            boundaries: s.boundaries.clone(),
            parts: s.parts.clone(),
            population,
            links,
            other_boundaries: other.map(|o| o.boundaries.clone()).unwrap_or_default(),
            other_set: other.map(info),
        })
    }

    /// The frame for a geography and a deprivation edition as people name them: `icb22`/`icb26` (default:
    /// today's set) and `2019`/`2025` or `imd2019`/`imd2025` (default: the set's own edition). Errors say what
    /// to use instead.
    pub fn frame_for(&self, geography: Option<&str>, imd: Option<&str>) -> Result<Frame, String> {
        let set = match geography {
            None => self.today(),
            Some(g) => self.area_set_index(g).ok_or_else(|| {
                let ids: Vec<&str> = self.area_sets.iter().map(|s| s.id.as_str()).collect();
                format!("unknown geography \"{g}\": use {}", ids.join(" or "))
            })?,
        };
        match imd {
            None => self.default_frame(set),
            Some(e) => {
                let id = if e.trim().starts_with("imd") { e.trim().to_string() } else { format!("imd{}", e.trim()) };
                let k = self.edition_index(&id).ok_or_else(|| {
                    let ids: Vec<&str> = self.editions.iter().map(|e| e.year.as_str()).collect();
                    format!("unknown or unloaded deprivation edition \"{e}\": use {}", ids.join(" or "))
                })?;
                self.frame(set, k)
            }
        }
    }

    /// The frame a set opens with: its own edition, or the first loaded edition that can show it.
    pub fn default_frame(&self, set: usize) -> Result<Frame, String> {
        let s = self.area_sets.get(set).ok_or_else(|| format!("there is no area set number {set}"))?;
        let e = self
            .edition_index(&s.edition)
            .filter(|&e| self.editions[e].assignments.iter().any(|a| a.area_set == set))
            .or_else(|| self.editions.iter().position(|e| e.assignments.iter().any(|a| a.area_set == set)))
            .ok_or_else(|| format!("no loaded deprivation edition can show the {}", s.name))?;
        self.frame(set, e)
    }
}

fn info(s: &AreaSet) -> AreaSetInfo {
    AreaSetInfo { id: s.id.clone(), name: s.name.clone(), period: s.period.clone(), geography: s.geography.clone() }
}

/// Each area's links to the other set: its predecessors (for a later set) or what it went into (for the base
/// set), and that other set.
fn links(ds: &Dataset, set: usize) -> (Vec<Vec<Link>>, Option<&AreaSet>) {
    let s = &ds.area_sets[set];
    let mut out = vec![Vec::new(); s.icss.len()];
    if set == 0 {
        // The base set's successors in the first other set that has pieces.
        let Some(other) = ds.area_sets.iter().skip(1).find(|o| !o.parts.is_empty()) else { return (out, None) };
        for p in &other.parts {
            if let (Some(list), Some(to)) = (out.get_mut(p.base), other.icss.get(p.area)) {
                list.push(Link {
                    code: to.code.clone(),
                    ods: to.ods.clone(),
                    name: to.short_name.clone(),
                    predecessor: false,
                    share: p.share,
                    residents: p.residents,
                    lsoas: p.lsoas,
                });
            }
        }
        return (out, Some(other));
    }
    let base = &ds.area_sets[0];
    for p in &s.parts {
        if let (Some(list), Some(from)) = (out.get_mut(p.area), base.icss.get(p.base)) {
            list.push(Link {
                code: from.code.clone(),
                ods: from.ods.clone(),
                name: from.short_name.clone(),
                predecessor: true,
                share: p.share,
                residents: p.residents,
                lsoas: p.lsoas,
            });
        }
    }
    (out, Some(base))
}

/// A measure restated for set `set`: as it is on its own set, restated from the base set through the set's
/// pieces, or with no values (and so no indicator) on any other set.
fn restate(m: &Measure, set: usize, s: &AreaSet, base: &AreaSet) -> Measure {
    if m.area_set == set {
        return Measure { estimated: vec![false; s.icss.len()], ..m.clone() };
    }
    let n = s.icss.len();
    if m.area_set != 0 || s.parts.is_empty() {
        return Measure { values: vec![vec![None; n]; m.periods.len()], flags: vec![], area_set: set, estimated: vec![false; n], ..m.clone() };
    }
    let pieces: Vec<Vec<&Part>> = (0..n).map(|a| s.parts.iter().filter(|p| p.area == a && p.base < base.icss.len()).collect()).collect();
    let estimated: Vec<bool> =
        pieces.iter().map(|ps| if m.additive { ps.iter().any(|p| !p.is_whole()) } else { !(ps.len() == 1 && ps[0].is_whole()) }).collect();
    let values = m
        .values
        .iter()
        .map(|row| {
            pieces
                .iter()
                .map(|ps| {
                    if ps.is_empty() {
                        return None;
                    }
                    let mut sum = 0.0;
                    let mut weight = 0.0;
                    for p in ps {
                        let v = row.get(p.base).copied().flatten()?;
                        if m.additive {
                            sum += p.share * v;
                        } else {
                            sum += p.residents * v;
                            weight += p.residents;
                        }
                    }
                    if m.additive {
                        Some(sum)
                    } else {
                        (weight > 0.0).then(|| sum / weight)
                    }
                })
                .collect()
        })
        .collect();
    // A caveat on a base area applies to every area made with a piece of it.
    let flags = m
        .flags
        .iter()
        .map(|f| {
            let mut icss: Vec<usize> = (0..n).filter(|&a| pieces[a].iter().any(|p| f.icss.contains(&p.base))).collect();
            icss.dedup();
            Flag { icss, ..f.clone() }
        })
        .filter(|f| !f.icss.is_empty() || f.england)
        .collect();
    Measure { values, flags, area_set: set, estimated, ..m.clone() }
}

/// The indicator as this frame gives it (its text and sources for the edition and set), or why it cannot.
fn for_frame(ind: &Indicator, measures: &[Measure], s: &AreaSet, e: &Edition, ds: &Dataset) -> Result<Indicator, String> {
    let mut out = ind.clone();
    let uses = |k: usize| measures.get(k).is_some_and(|m| m.values.iter().flatten().any(Option::is_some));
    let mut restated = false;
    // Whether the indicator's series add up across areas (else they are averaged: scores).
    let mut additive = true;
    match &mut out.formula {
        Formula::Lsoa { stat, period } => {
            match *stat {
                LsoaStat::DeprivedShare { dep, .. } if !e.indices.contains(&dep) => {
                    return Err(format!("not published for {} neighbourhoods in the {} extract shipped here", e.lsoa, e.short));
                }
                LsoaStat::AgeShare { from: AgeBand::Age75To84 | AgeBand::Age85Plus } if !e.age_85_plus => {
                    return Err(format!("the {} population ({}) has no age band above 65", e.short, e.population));
                }
                _ => {}
            }
            *period = if matches!(stat, LsoaStat::AgeShare { .. }) { e.population_year.clone() } else { e.year.clone() };
            let mut sources = e.sources.clone();
            sources.extend(s.sources.iter().copied());
            out.sources = sources;
        }
        Formula::Org { period, .. } => {
            *period = s.period.rsplit(' ').next().unwrap_or_default().to_string();
            let mut sources: Vec<usize> = ind.sources.iter().copied().filter(|k| !ds.area_sets[0].sources.contains(k)).collect();
            sources.extend(s.sources.iter().copied());
            out.sources = sources;
            restated = !s.parts.is_empty() && matches!(ind.formula, Formula::Org { count: OrgCount::Trusts { .. }, .. });
        }
        Formula::Stored { measure } => {
            if !uses(*measure) {
                return Err(format!("published for another set of boundaries, not the {}", s.name));
            }
            restated = measures[*measure].estimated.iter().any(|&x| x);
            additive = measures[*measure].additive;
        }
        Formula::Ratio { num, den, .. } => {
            if !uses(*num) || !uses(*den) {
                return Err(format!("published for another set of boundaries, not the {}", s.name));
            }
            restated = measures[*num].estimated.iter().chain(&measures[*den].estimated).any(|&x| x);
            additive = measures[*num].additive && measures[*den].additive;
        }
        Formula::Given { value, .. } => {
            if !uses(*value) {
                return Err(format!("your file's values are for another set of boundaries, not the {}", s.name));
            }
        }
    }
    // The tokens LSOA-based indicators' texts carry, for the edition and set they are seen through.
    let fill = |t: &str| {
        t.replace("{imd}", &e.short)
            .replace("{iod}", &format!("IoD {}", e.year))
            .replace("{year}", &e.year)
            .replace("{pop}", &e.population)
            .replace("{lsoa}", &e.lsoa)
            .replace("{n_lsoas}", &crate::format::number(e.lsoas.len() as f64, 0))
            .replace("{period}", &s.period)
    };
    out.name = fill(&out.name);
    out.definition = fill(&out.definition);
    out.unit = fill(&out.unit);
    out.numerator = out.numerator.as_deref().map(fill);
    out.denominator = out.denominator.as_deref().map(fill);
    out.caveats = out.caveats.iter().map(|c| fill(c)).collect();
    out.geography = s.geography.clone();
    if let Some(method) = restated.then(|| estimate_method(s, &ds.area_sets[0], additive)).flatten() {
        out.caveats.push(format!("{method} {MARKED}"));
    }
    Ok(out)
}

/// How estimates are shown, said after the method in an indicator's caveats.
const MARKED: &str = "Estimates are marked “≈” and hatched or ringed in charts, “(estimate)” in tables, and “yes” in the estimate column of downloads; “Hide estimated values” under Filter the ICSs shown leaves them out.";

/// How a set's estimates are made, naming each estimated area's pieces with their shares: for series that add
/// up (`additive`: counts, and rates made of them) the pieces' apportioned values are summed; for scores that
/// cannot be summed (the Health Index) each area not identical to one base area gets the residents-weighted mean
/// of its pieces. None when no area of the set is estimated that way.
pub fn estimate_method(s: &AreaSet, base: &AreaSet, additive: bool) -> Option<String> {
    let pct = |x: f64| crate::format::number(100.0 * x, 0);
    let mut names = Vec::new();
    let mut parts = Vec::new();
    for (a, area) in s.icss.iter().enumerate() {
        let ps: Vec<&Part> = s.parts.iter().filter(|p| p.area == a && p.base < base.icss.len()).collect();
        let exact = if additive { ps.iter().all(|p| p.is_whole()) } else { ps.len() == 1 && ps[0].is_whole() };
        if ps.is_empty() || exact {
            continue;
        }
        let residents: f64 = ps.iter().map(|p| p.residents).sum();
        let pieces: Vec<String> = ps
            .iter()
            .map(|p| {
                let name = &base.icss[p.base].short_name;
                let piece = if p.is_whole() { name.clone() } else { format!("{}% of {name}", pct(p.share)) };
                if additive || residents <= 0.0 {
                    piece
                } else {
                    format!("{piece} (weight {}%)", pct(p.residents / residents))
                }
            })
            .collect();
        names.push(area.short_name.clone());
        parts.push(format!("{} = {}", area.short_name, pieces.join(" + ")));
    }
    if parts.is_empty() {
        return None;
    }
    let (n, total, old) = (parts.len(), s.icss.len(), &base.period);
    let list = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    };
    Some(if additive {
        format!(
            "Estimates for {n} of the {total} ICBs ({list}). This series is published only for the {} ICBs of {old}, and these ICBs were formed with part of one. Each part is given its {old} ICB's figure in proportion to the part's share of that ICB's residents (Census 2021), and the parts are added up: {}. The other {} ICBs are unchanged or made of whole {old} ICBs, so their figures are exact sums.",
            base.icss.len(),
            parts.join("; "),
            total - n
        )
    } else {
        format!(
            "Estimates for {n} of the {total} ICBs ({list}). This score is published only for the {} ICBs of {old} and cannot be added up, so every ICB whose boundaries changed gets the mean of the scores of the {old} ICBs it is made from, weighted by the residents (Census 2021) of the part of each it contains: {}. The other {} ICBs are unchanged, so their scores are exact.",
            base.icss.len(),
            parts.join("; "),
            total - n
        )
    })
}
