//! Sub-ICB locations in a user's file: where every sub-ICB location lies in each area set, and files of
//! sub-ICB counts and denominators summed, exactly, to the ICBs of the set shown.
//!
//! A sub-ICB location is known by its ONS code (E38…), its NHS code (15E, W2U3Z) or its name ("NHS Birmingham
//! and Solihull ICB - 15E"), in three years' codes: July 2022 and April 2026 (the two area sets' own, from the
//! dataset) and April 2024 (July 2022's with two recoded: [`RECODED_2024`]). A file uses one year's codes; an NHS
//! code or name that meant different areas in different years (92A, 70F, D9Y0V) is read in the year the rest of
//! the file's rows say, and left out, saying why, when nothing says.
//!
//! Where a location lies comes from the neighbourhoods (LSOA 2021) of the edition that places them in every area
//! set, so nothing is assumed. A location's counts are added to an ICB only when all of its neighbourhoods are in
//! that ICB, and an ICB gets a value only when the file's locations with a count and a denominator cover all of
//! its neighbourhoods. A location split between ICBs (Frimley, D4U1Y, on April 2026 boundaries; 70F of April
//! 2026 on July 2022 ones) is left out, and the ICBs it is part of have no value: the page never shows a sum that
//! is not exact.
//!
//! The value is Count ÷ Denominator × a multiplier, worked out by the engine (a `Formula::Ratio`). The
//! multiplier is, in this order: the one every row of a Value column agrees with, to the decimals written (a
//! file whose values are not Count ÷ Denominator × any multiplier, such as age-standardised rates, is refused:
//! such rates cannot be added up); the one the indicator's name, the file's title or the value column's header
//! says ("per 1,000", "%"); else per 100 (a percentage) when no count exceeds its denominator and per 1,000
//! otherwise. Unless the Value column settled it, the user can change it.
//!
//! Pure and total, like the rest of the importer: outside data never panics here.

use super::{clip, lines, order_periods, problem, read_number, ImportProblem, Reading};
use ics_data::dataset::{Dataset, Frame, Ics, PeriodKind, Sicbl};

/// The April 2024 sub-ICB locations are July 2022's except these two, recoded when four neighbourhoods moved
/// from Surrey Heartlands to Sussex in 2023 (ONS SICBL24, as in `data/2026/sicbl24_sicbl26.csv`): (July 2022
/// code, April 2024 code). E38000265 (70F) is April 2026's too; E38000264 (92A) is in neither area set, and is
/// made of E38000246's neighbourhoods that are not in E38000265.
pub const RECODED_2024: [(&str, &str); 2] = [("E38000246", "E38000264"), ("E38000248", "E38000265")];

/// The multipliers a Value column is checked against.
pub const MULTIPLIERS: [f64; 6] = [1.0, 100.0, 1_000.0, 10_000.0, 100_000.0, 1_000_000.0];

/// Every sub-ICB location of every year of codes, and the ICBs of each area set they lie in.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Places {
    /// The area sets known: all of the dataset's, or one frame's alone.
    pub sets: Vec<SetPlaces>,
    /// The years of codes, as bits of `Location::vintages`: each area set's period, then "April 2024" when it
    /// could be made.
    pub vintages: Vec<String>,
    pub locations: Vec<Location>,
    /// England's neighbourhoods.
    pub lsoas: u32,
    /// Each neighbourhood's ICB (an index into the set's `icss`), per set; `u8::MAX` where unknown.
    icb_of: Vec<Vec<u8>>,
    /// Every location's names as compared (see `clean`): (name, location, years).
    keys: Vec<(String, usize, u8)>,
    /// ICBs of two sets that are the same area: (set, ICB, other set, its ICB), positions in `sets`.
    twins: Vec<(usize, usize, usize, usize)>,
}

/// One area set's ICBs.
#[derive(Debug, Clone, PartialEq)]
pub struct SetPlaces {
    /// Its `Dataset::area_sets` index.
    pub index: usize,
    /// "the 42 ICBs (July 2022)"
    pub label: String,
    /// "July 2022"
    pub period: String,
    pub icss: Vec<Ics>,
    /// Each ICB's neighbourhoods.
    pub lsoas: Vec<u32>,
    /// Each ICB's short and full names as compared (`import::clean`), made once.
    names: Vec<(String, String)>,
}

impl SetPlaces {
    /// The ICB a row names, as `import::match_ics` finds it.
    pub fn find(&self, code: &str, name: &str) -> Option<usize> {
        super::match_cleaned(&self.icss, &self.names, code, name)
    }
}

/// A sub-ICB location: one area, which may have had its codes in several years.
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    pub code: String,
    pub ods: String,
    /// Its names, each with the years (bits) it was used in.
    pub names: Vec<(String, u8)>,
    /// The years (bits of `Places::vintages`) it is a location of.
    pub vintages: u8,
    pub lsoas: u32,
    /// Per set (in `Places::sets` order): the ICBs its neighbourhoods are in, with how many are in each.
    pub icbs: Vec<Vec<(usize, u32)>>,
}

impl Location {
    /// The name it had in the latest of `years`, else its first.
    pub fn name(&self, years: u8) -> &str {
        let pick = self.names.iter().rev().find(|(_, v)| v & years != 0).or(self.names.first());
        pick.map_or(self.code.as_str(), |(n, _)| n.as_str())
    }
}

/// One area set as the builder reads it: its ICBs, its sub-ICB locations and each neighbourhood's location.
struct Input<'a> {
    index: usize,
    label: String,
    period: &'a str,
    icss: &'a [Ics],
    sicbls: &'a [Sicbl],
    assignment: &'a [u8],
}

/// "the 36 ICBs (April 2026)"
pub fn set_label(n: usize, period: &str) -> String {
    format!("the {n} ICBs ({period})")
}

impl Places {
    /// Every area set of the dataset, placed through the first edition that places its neighbourhoods in all of
    /// them (IMD 2025 on LSOA 2021); none if there is no such edition.
    pub fn new(ds: &Dataset) -> Places {
        let n = ds.area_sets().len();
        let Some(e) = ds.editions().iter().find(|e| (0..n).all(|s| e.assignments.iter().any(|a| a.area_set == s))) else {
            return Places::default();
        };
        let inputs: Vec<Input> = ds
            .area_sets()
            .iter()
            .enumerate()
            .filter_map(|(k, s)| {
                let a = e.assignments.iter().find(|a| a.area_set == k)?;
                Some(Input {
                    index: k,
                    label: set_label(s.icss.len(), &s.period),
                    period: &s.period,
                    icss: &s.icss,
                    sicbls: &s.sicbls,
                    assignment: &a.sicbl,
                })
            })
            .collect();
        build(&inputs)
    }

    /// The frame's own area set alone (no other years of codes).
    pub fn of_frame(f: &Frame) -> Places {
        build(&[Input {
            index: f.area_set,
            label: set_label(f.icss.len(), &f.set.period),
            period: &f.set.period,
            icss: &f.icss,
            sicbls: &f.sicbls,
            assignment: &f.lsoas.sicbl,
        }])
    }

    /// The dataset's places if they include the frame's set, else the frame's own.
    pub fn for_frame(ds: &Dataset, f: &Frame) -> Places {
        let p = Places::new(ds);
        if p.set(f.area_set).is_some() {
            p
        } else {
            Places::of_frame(f)
        }
    }

    /// The position in `sets` of area set `index`.
    pub fn set(&self, index: usize) -> Option<usize> {
        self.sets.iter().position(|s| s.index == index)
    }

    /// "July 2022 and April 2024": the years of `bits`, oldest first.
    pub fn years(&self, bits: u8) -> String {
        let mut ys: Vec<&str> = (0..self.vintages.len()).filter(|&v| bits & (1 << v) != 0).map(|v| self.vintages[v].as_str()).collect();
        let order = ics_data::sort::order(ys.len(), &|a, b| year(ys[a]).cmp(&year(ys[b])));
        ys = ics_data::sort::apply(&ys, &order);
        match ys.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => ys.join(""),
        }
    }

    /// Every year's bit.
    pub fn all_years(&self) -> u8 {
        (0..self.vintages.len().min(8)).fold(0, |a, v| a | (1 << v))
    }

    /// The latest year of `bits`, as a single bit.
    fn latest(&self, bits: u8) -> u8 {
        let best = (0..self.vintages.len()).filter(|&v| bits & (1 << v) != 0).max_by_key(|&v| year(&self.vintages[v]));
        best.map_or(0, |v| 1 << v)
    }

    /// The location with ONS code `code` in one of the years `bits`.
    pub fn find(&self, code: &str, bits: u8) -> Option<usize> {
        self.locations.iter().position(|l| l.code == code && l.vintages & bits != 0)
    }

    /// The locations a row may be, each with the years it may be from: by ONS code, NHS code or name, as people
    /// write them ("E38000256", "W2U3Z", "NHS North West London ICB - W2U3Z"). With both a code and a name, the
    /// locations both give (else the code's).
    pub fn locate(&self, code: &str, name: &str) -> Vec<(usize, u8)> {
        let (a, b) = (self.locate_one(code), self.locate_one(name));
        if a.is_empty() || b.is_empty() {
            return if a.is_empty() { b } else { a };
        }
        let both: Vec<(usize, u8)> =
            a.iter().filter_map(|&(k, v)| b.iter().find(|(j, _)| *j == k).map(|&(_, w)| (k, v & w))).filter(|&(_, v)| v != 0).collect();
        if both.is_empty() {
            a
        } else {
            both
        }
    }

    fn locate_one(&self, written: &str) -> Vec<(usize, u8)> {
        let w = written.trim();
        if w.is_empty() || w.len() > 200 {
            return vec![];
        }
        let codes: Vec<(usize, u8)> = self
            .locations
            .iter()
            .enumerate()
            .filter(|(_, l)| l.code.eq_ignore_ascii_case(w) || l.ods.eq_ignore_ascii_case(w))
            .map(|(k, l)| (k, l.vintages))
            .collect();
        if !codes.is_empty() {
            return codes;
        }
        let target = clean(w);
        let named: Vec<(usize, u8)> = self.keys.iter().filter(|(n, _, _)| *n == target).map(|&(_, k, v)| (k, v)).collect();
        if !named.is_empty() {
            return named;
        }
        // "… ICB - 15E", "… (15E)": the NHS code at the end.
        let tail = w.trim_end_matches(')').rsplit([' ', '(', '-', '\u{2013}']).next().unwrap_or("");
        if tail.len() < 3 || tail.len() == w.len() {
            return vec![];
        }
        self.locations.iter().enumerate().filter(|(_, l)| l.ods.eq_ignore_ascii_case(tail)).map(|(k, l)| (k, l.vintages)).collect()
    }

    /// Whether ICB `a` of set `s` and ICB `b` of set `t` (positions in `sets`) are the same area.
    pub fn same_area(&self, s: usize, a: usize, t: usize, b: usize) -> bool {
        self.twins.contains(&(s, a, t, b))
    }
}

/// The year in a period ("April 2024" → 2024), for ordering.
fn year(period: &str) -> u32 {
    period.rsplit(' ').next().and_then(|y| y.parse().ok()).unwrap_or(0)
}

/// A name as compared: lower case, "&" as "and", dashes as hyphens, single spaces, without a leading "NHS".
fn clean(s: &str) -> String {
    let s = s.trim().to_ascii_lowercase().replace('&', " and ").replace(['\u{2013}', '\u{2014}'], "-");
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.strip_prefix("nhs ").map(str::to_string).unwrap_or(s)
}

const NONE: u16 = u16::MAX;

fn build(inputs: &[Input]) -> Places {
    let n = inputs.first().map_or(0, |i| i.assignment.len());
    let mut places = Places { lsoas: n as u32, ..Places::default() };
    // Years are bits of a u8: at most six area sets (and April 2024).
    if inputs.iter().any(|i| i.assignment.len() != n) || inputs.len() > 6 {
        return places;
    }
    for i in inputs {
        let mut lsoas = vec![0u32; i.icss.len()];
        let icb_of: Vec<u8> = i
            .assignment
            .iter()
            .map(|&s| match i.sicbls.get(usize::from(s)).map(|x| x.ics).filter(|&c| c < i.icss.len() && c < 255) {
                Some(c) => {
                    lsoas[c] += 1;
                    c as u8
                }
                None => u8::MAX,
            })
            .collect();
        places.icb_of.push(icb_of);
        let names = i.icss.iter().map(|x| (super::clean(&x.short_name), super::clean(&x.name))).collect();
        places.sets.push(SetPlaces { index: i.index, label: i.label.clone(), period: i.period.to_string(), icss: i.icss.to_vec(), lsoas, names });
        places.vintages.push(i.period.to_string());
    }
    // Each year's location of every neighbourhood: one location per code and area.
    let mut locs: Vec<Location> = Vec::new();
    let mut loc_of: Vec<Vec<u16>> = Vec::new();
    // Each location's neighbourhoods in the year it first appears.
    let mut loc_rows: Vec<Vec<u32>> = Vec::new();
    for (v, i) in inputs.iter().enumerate() {
        let bit = 1u8 << v;
        let rows = group(i.assignment.iter().map(|&s| usize::from(s)), i.sicbls.len());
        let mut mine: Vec<u16> = Vec::with_capacity(i.sicbls.len());
        for (s, rows) in i.sicbls.iter().zip(rows) {
            // The same code in an earlier year, if it is the same area. A code twice in one year (which the
            // dataset's checks refuse) is two locations.
            let same = locs.iter().zip(&loc_rows).position(|(l, r)| l.vintages & bit == 0 && l.code == s.code && *r == rows);
            let at = match same {
                Some(at) => {
                    let l = &mut locs[at];
                    l.vintages |= bit;
                    add_name(l, &s.name, bit);
                    at
                }
                None => {
                    locs.push(Location {
                        code: s.code.clone(),
                        ods: s.ods.clone(),
                        names: vec![(s.name.clone(), bit)],
                        vintages: bit,
                        lsoas: 0,
                        icbs: vec![],
                    });
                    loc_rows.push(rows);
                    locs.len() - 1
                }
            };
            mine.push(at as u16);
        }
        loc_of.push(i.assignment.iter().map(|&s| mine.get(usize::from(s)).copied().unwrap_or(NONE)).collect());
    }
    if let Some(l24) = april_2024(&mut locs, &loc_of, &places.vintages) {
        loc_of.push(l24);
        places.vintages.push("April 2024".into());
    }
    // Each location's neighbourhoods and the ICBs they are in, through the first year it is a location of.
    let by_year: Vec<Vec<Vec<u32>>> = loc_of.iter().map(|col| group(col.iter().map(|&x| usize::from(x)), locs.len())).collect();
    for (k, l) in locs.iter_mut().enumerate() {
        let first = l.vintages.trailing_zeros() as usize;
        let Some(rows) = by_year.get(first).map(|g| &g[k]) else { continue };
        let mut hist: Vec<Vec<u32>> = places.sets.iter().map(|s| vec![0; s.icss.len()]).collect();
        for &r in rows {
            l.lsoas += 1;
            for (s, h) in hist.iter_mut().enumerate() {
                if let Some(c) = h.get_mut(usize::from(places.icb_of[s][r as usize])) {
                    *c += 1;
                }
            }
        }
        l.icbs = hist.into_iter().map(|h| h.into_iter().enumerate().filter(|(_, c)| *c > 0).collect()).collect();
    }
    // ICBs of two sets with the same neighbourhoods.
    for s in 0..places.sets.len() {
        for t in (0..places.sets.len()).filter(|&t| t != s) {
            let (ns, nt) = (places.sets[s].icss.len(), places.sets[t].icss.len());
            let mut both = vec![0u32; ns * nt];
            for (&a, &b) in places.icb_of[s].iter().zip(&places.icb_of[t]) {
                if usize::from(a) < ns && usize::from(b) < nt {
                    both[usize::from(a) * nt + usize::from(b)] += 1;
                }
            }
            for a in 0..ns {
                for b in 0..nt {
                    let n = both[a * nt + b];
                    if n > 0 && n == places.sets[s].lsoas[a] && n == places.sets[t].lsoas[b] {
                        places.twins.push((s, a, t, b));
                    }
                }
            }
        }
    }
    places.keys = locs.iter().enumerate().flat_map(|(k, l)| l.names.iter().map(move |(n, v)| (clean(n), k, *v))).collect();
    places.locations = locs;
    places
}

/// The rows of each of `n` groups, in order, from each row's group (rows in no group, `>= n`, left out).
fn group(of_row: impl Iterator<Item = usize>, n: usize) -> Vec<Vec<u32>> {
    let mut rows = vec![Vec::new(); n];
    for (r, g) in of_row.enumerate() {
        if let Some(v) = rows.get_mut(g) {
            v.push(r as u32);
        }
    }
    rows
}

fn add_name(l: &mut Location, name: &str, bit: u8) {
    match l.names.iter_mut().find(|(n, _)| n == name) {
        Some((_, v)) => *v |= bit,
        None => l.names.push((name.to_string(), bit)),
    }
}

/// The April 2024 year of codes, from July 2022's and [`RECODED_2024`]: each neighbourhood's location, or None
/// (and no such year) if the area sets are not the ones it describes.
fn april_2024(locs: &mut Vec<Location>, loc_of: &[Vec<u16>], vintages: &[String]) -> Option<Vec<u16>> {
    let v22 = vintages.iter().position(|v| v == "July 2022")?;
    if vintages.len() >= 7 {
        return None;
    }
    let bit = 1u8 << vintages.len();
    let col22 = &loc_of[v22];
    // (July 2022 location, April 2024 location if it already exists in another year)
    let mut recodes: Vec<(u16, Option<u16>, &str)> = Vec::new();
    for (from, to) in RECODED_2024 {
        let f = locs.iter().position(|l| l.code == from && l.vintages & (1 << v22) != 0)? as u16;
        let t = locs.iter().position(|l| l.code == to).map(|t| t as u16);
        recodes.push((f, t, to));
    }
    let mut fresh: Vec<(u16, u16)> = Vec::new();
    for (f, t, to) in &recodes {
        if t.is_none() {
            let from = &locs[usize::from(*f)];
            let l = Location {
                code: to.to_string(),
                ods: from.ods.clone(),
                names: from.names.iter().filter(|(_, v)| v & (1 << v22) != 0).map(|(n, _)| (n.clone(), bit)).collect(),
                vintages: bit,
                lsoas: 0,
                icbs: vec![],
            };
            locs.push(l);
            fresh.push((*f, (locs.len() - 1) as u16));
        }
    }
    // A recoded location that exists in another year keeps that year's area.
    let existing: Vec<(u16, usize)> =
        recodes.iter().filter_map(|&(_, t, _)| t).map(|t| (t, locs[usize::from(t)].vintages.trailing_zeros() as usize)).collect();
    let mut col = Vec::with_capacity(col22.len());
    for (r, &base) in col22.iter().enumerate() {
        let here = match existing.iter().find(|(t, y)| loc_of.get(*y).is_some_and(|c| c[r] == *t)) {
            Some(&(t, _)) => t,
            None => match recodes.iter().find(|(f, _, _)| *f == base) {
                Some((f, _, _)) => fresh.iter().find(|(x, _)| x == f)?.1,
                None => base,
            },
        };
        // Unless recoded, a July 2022 location is April 2024's whole.
        if here != base && !recodes.iter().any(|(f, _, _)| *f == base) {
            return None;
        }
        col.push(here);
    }
    if fresh.iter().any(|(_, t)| !col.contains(t)) {
        return None;
    }
    for (k, l) in locs.iter_mut().enumerate() {
        let k = k as u16;
        let kept = l.vintages & (1 << v22) != 0 && !recodes.iter().any(|(f, _, _)| *f == k);
        if kept || existing.iter().any(|(t, _)| *t == k) {
            l.vintages |= bit;
            let names: Vec<String> =
                if kept { l.names.iter().filter(|(_, v)| v & (1 << v22) != 0).map(|(n, _)| n.clone()).collect() } else { vec![] };
            for n in names {
                add_name(l, &n, bit);
            }
        }
    }
    // A recoded location that existed already (70F) had its July 2022 name in April 2024.
    for (f, t, _) in &recodes {
        if let Some(t) = t {
            let names: Vec<String> = locs[usize::from(*f)].names.iter().filter(|(_, v)| v & (1 << v22) != 0).map(|(n, _)| n.clone()).collect();
            for n in names {
                add_name(&mut locs[usize::from(*t)], &n, bit);
            }
        }
    }
    Some(col)
}

/// How the multiplier was chosen.
#[derive(Debug, Clone, PartialEq)]
pub enum Multiplier {
    /// Every row's value is Count ÷ Denominator × it (the column's header).
    Values(String),
    /// The text says so (what it says).
    Text(String),
    /// Nothing says: per 100 when no count exceeds its denominator, else per 1,000.
    Guessed,
    /// The user chose it.
    Chosen,
}

/// One row of a sub-ICB file that is used: its location (ONS code, in the file's years), the period (an index into
/// the indicator's periods), and its count and denominator (None: blank or suppressed).
#[derive(Debug, Clone, PartialEq)]
pub struct SubRow {
    pub line: usize,
    pub code: String,
    pub period: usize,
    pub count: Option<f64>,
    pub denominator: Option<f64>,
}

/// An indicator from a file of sub-ICB counts and denominators, as read: summed to an area set's ICBs by
/// [`SubIcbIndicator::sum`], so it can be shown on any of them.
#[derive(Debug, Clone, PartialEq)]
pub struct SubIcbIndicator {
    pub name: String,
    pub period_kind: PeriodKind,
    pub periods: Vec<String>,
    pub rows: Vec<SubRow>,
    /// The count and denominator of an England row, per period.
    pub england: Vec<Option<(f64, f64)>>,
    /// The years of codes the rows are read in (bits of `Places::vintages`).
    pub vintages: u8,
    pub multiplier: f64,
    pub multiplier_from: Multiplier,
    /// Whether no count exceeds its denominator (a proportion).
    pub proportion: bool,
    /// The headers of the count and denominator columns.
    pub count_column: String,
    pub denominator_column: String,
}

/// An indicator summed to one area set's ICBs: counts and denominators per period per ICB (None where the file's
/// locations do not cover the ICB exactly), England's, and why ICBs have no value.
#[derive(Debug, Clone, PartialEq)]
pub struct Summed {
    pub counts: Vec<Vec<Option<f64>>>,
    pub denominators: Vec<Vec<Option<f64>>>,
    pub england_count: Vec<Option<f64>>,
    pub england_denominator: Vec<Option<f64>>,
    /// Per period: whether England is only the ICBs with a value (no England row, and the file's locations do not
    /// cover England).
    pub england_partial: Vec<bool>,
    /// Why ICBs have no value: locations split between them, and (in the latest period) ICBs the file's locations
    /// do not cover.
    pub notes: Vec<String>,
    /// "the 36 ICBs (April 2026)"
    pub label: String,
}

/// The columns a sub-ICB file is read from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Columns {
    pub code: Option<usize>,
    pub name: Option<usize>,
    pub count: usize,
    pub denominator: usize,
    pub value: Option<usize>,
    pub period: Option<usize>,
    pub indicator: Option<usize>,
    pub area_type: Option<usize>,
    pub unit: Option<usize>,
}

/// What a sub-ICB file gave: its indicators, and what the user should know.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    pub indicators: Vec<SubIcbIndicator>,
    pub warnings: Vec<ImportProblem>,
}

/// A row as read, before the file's years are known.
struct Obs {
    line: usize,
    /// The column the area was read from, and what it said.
    column: String,
    written: String,
    candidates: Vec<(usize, u8)>,
    group: usize,
    period: String,
    count: Option<f64>,
    denominator: Option<f64>,
    /// The value and the decimals it was written with.
    value: Option<(f64, i32)>,
}

/// Whether an area type names sub-ICB locations (Fingertips: "Sub-ICBs", older files "CCGs").
pub(super) fn sub_type(t: &str) -> bool {
    let t = super::norm(t);
    t.contains("sub") || t.contains("sicbl") || t.contains("ccg")
}

/// Decimals written after the point ("12.30%" → 2).
fn decimals(cell: &str) -> i32 {
    cell.split_once('.').map_or(0, |(_, f)| f.chars().take_while(char::is_ascii_digit).count().min(15) as i32)
}

/// The multiplier a text names: "per 1,000", "per 100 000", "%", "percentage", "per cent".
pub fn multiplier_in(text: &str) -> Option<f64> {
    let t = text.to_ascii_lowercase();
    let mut rest = t.as_str();
    while let Some(at) = rest.find("per") {
        let after = &rest[at + 3..];
        let digits: String =
            after.trim_start().chars().take_while(|c| c.is_ascii_digit() || matches!(c, ',' | ' ')).filter(char::is_ascii_digit).collect();
        if let Some(m) = ics_data::format::parse_number(&digits).filter(|m| MULTIPLIERS[1..].contains(m)) {
            return Some(m);
        }
        if after.trim_start().starts_with("cent") {
            return Some(100.0);
        }
        rest = after;
    }
    (t.contains('%') || t.contains("percent") || t.contains("proportion")).then_some(100.0)
}

/// "per 1,000", "%", "as a ratio": how a multiplier reads as a unit.
pub fn unit_of(m: f64) -> String {
    if m == 100.0 {
        "%".into()
    } else if m == 1.0 {
        "ratio".into()
    } else {
        format!("per {}", ics_data::format::number(m, 0))
    }
}

/// Reads the rows of a file of sub-ICB counts and denominators. `title` is the line above the header, if any;
/// `default_name` names an indicator the file does not name.
pub fn read(
    rows: &[(usize, Vec<String>)],
    headers: &[String],
    cols: &Columns,
    places: &Places,
    default_name: &str,
    title: Option<&str>,
) -> Result<Read, Vec<ImportProblem>> {
    let h = headers;
    let cell = |r: &Vec<String>, c: Option<usize>| -> String { c.and_then(|c| r.get(c)).map(|s| s.trim().to_string()).unwrap_or_default() };
    let mut problems: Vec<ImportProblem> = Vec::new();
    let mut warnings: Vec<ImportProblem> = Vec::new();
    let mut skipped = 0usize;
    let mut skipped_types: Vec<String> = Vec::new();
    let mut unknown: Vec<ImportProblem> = Vec::new();
    let (mut suppressed, mut markers) = (0usize, Vec::<String>::new());
    let mut groups: Vec<String> = Vec::new();
    let mut obs: Vec<Obs> = Vec::new();
    // England rows: (line, group, period, count, denominator, value).
    let mut england: Vec<Obs> = Vec::new();
    let all_years = places.years(places.all_years());
    for (line, r) in rows {
        let line = *line;
        let (code, name, area_type) = (cell(r, cols.code), cell(r, cols.name), cell(r, cols.area_type));
        let is_england = code.eq_ignore_ascii_case("E92000001") || (code.is_empty() && name.eq_ignore_ascii_case("england"));
        let candidates = if is_england { vec![] } else { places.locate(&code, &name) };
        let (column, written) = if !code.is_empty() || cols.name.is_none() { (cols.code, code.clone()) } else { (cols.name, name.clone()) };
        let column = column.and_then(|c| h.get(c)).cloned().unwrap_or_default();
        if !is_england && candidates.is_empty() {
            let an_icb = places.sets.iter().any(|s| s.find(&code, &name).is_some());
            if an_icb || (!area_type.is_empty() && !sub_type(&area_type)) {
                skipped += 1;
                let t = if area_type.is_empty() { "ICBs".to_string() } else { clip(&area_type) };
                if !skipped_types.contains(&t) && skipped_types.len() < 5 {
                    skipped_types.push(t);
                }
            } else if unknown.len() < 1000 {
                let what = if written.is_empty() {
                    "no area is given".to_string()
                } else {
                    format!("\"{}\" is not a sub-ICB location of {all_years}", clip(&written))
                };
                unknown.push(problem(Some(line), Some(&column), format!("{what}: the row was left out")));
            }
            continue;
        }
        let mut number = |c: Option<usize>| -> Option<(f64, i32)> {
            let c = c?;
            let t = cell(r, Some(c));
            match read_number(&t) {
                Ok(Reading::Value(v, _)) => Some((v, decimals(&t))),
                Ok(Reading::Blank) => None,
                Ok(Reading::Suppressed) => {
                    suppressed += 1;
                    if !markers.contains(&t) && markers.len() < 5 {
                        markers.push(t);
                    }
                    None
                }
                Err(m) => {
                    problems.push(problem(Some(line), h.get(c).map(String::as_str), m));
                    None
                }
            }
        };
        let count = number(Some(cols.count)).map(|x| x.0);
        let denominator = number(Some(cols.denominator)).map(|x| x.0);
        let value = number(cols.value);
        let (ch, dh) = (h.get(cols.count).map(String::as_str), h.get(cols.denominator).map(String::as_str));
        // Sums of numbers this large would not be exact (nor, summed, finite).
        for (x, c) in [(count, ch), (denominator, dh)] {
            if x.is_some_and(|x| !x.is_finite() || x.abs() >= 1e15) {
                problems.push(problem(
                    Some(line),
                    c,
                    "the number is too large to add up exactly: counts and denominators must be below 1,000,000,000,000,000",
                ));
            }
        }
        if count.is_some_and(|c| c < 0.0) {
            problems.push(problem(Some(line), ch, "a count cannot be negative"));
        }
        if denominator.is_some_and(|d| d < 0.0) {
            problems.push(problem(Some(line), dh, "a denominator cannot be negative"));
        }
        if let (Some(c), Some(0.0)) = (count, denominator) {
            if c > 0.0 {
                problems.push(problem(Some(line), dh, format!("the denominator is 0 but the count is {}: correct one of them", as_written(c))));
            }
        }
        let period = if cols.period.is_some() { cell(r, cols.period) } else { "as supplied".to_string() };
        if period.is_empty() || period.chars().count() > 40 {
            problems.push(problem(
                Some(line),
                cols.period.and_then(|c| h.get(c)).map(String::as_str),
                "the period is empty or longer than 40 characters: give every row its period",
            ));
            continue;
        }
        let ind_name = match cell(r, cols.indicator) {
            n if n.is_empty() => default_name.to_string(),
            n => n,
        };
        let group = match groups.iter().position(|g| *g == ind_name) {
            Some(g) => g,
            None if groups.len() < 20 => {
                groups.push(ind_name);
                groups.len() - 1
            }
            None => {
                problems.push(problem(
                    Some(line),
                    cols.indicator.and_then(|c| h.get(c)).map(String::as_str),
                    "more than 20 indicators in one file: split it",
                ));
                break;
            }
        };
        let o = Obs { line, column, written, candidates, group, period, count, denominator, value };
        if is_england {
            england.push(o);
        } else {
            obs.push(o);
        }
        if problems.len() >= 100 {
            break;
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if obs.is_empty() {
        let mut e = vec![problem(None, None, format!("none of the rows is a sub-ICB location of {all_years}, so nothing was imported"))];
        e.extend(unknown.into_iter().take(20));
        return Err(e);
    }

    // The years the file's codes are from: those every row allows.
    let bits = |o: &Obs| o.candidates.iter().fold(0u8, |a, &(_, v)| a | v);
    let years = obs.iter().fold(u8::MAX, |a, o| a & bits(o));
    if years == 0 {
        let n = places.vintages.len();
        let best = (0..n.min(8))
            .max_by_key(|&v| (obs.iter().filter(|o| bits(o) & (1 << v) != 0).count(), year(&places.vintages[v])))
            .map_or(0, |v| 1u8 << v);
        // The years of the rows that agree with the likeliest year.
        let most = obs.iter().filter(|o| bits(o) & best != 0).fold(u8::MAX, |a, o| a & bits(o));
        let mut e: Vec<ImportProblem> = obs
            .iter()
            .filter(|o| bits(o) & best == 0)
            .take(5)
            .map(|o| {
                problem(
                    Some(o.line),
                    Some(&o.column),
                    format!(
                        "\"{}\" is a sub-ICB location of {}, but the file's other rows are locations of {}",
                        clip(&o.written),
                        places.years(bits(o)),
                        places.years(most)
                    ),
                )
            })
            .collect();
        e.push(problem(
            None,
            None,
            "the file mixes sub-ICB codes of different years, whose areas overlap, so nothing was imported: use one year's codes throughout",
        ));
        return Err(e);
    }
    // Each row's location in those years; a code or name that was different areas in them is left out.
    let mut ambiguous: Vec<ImportProblem> = Vec::new();
    let mut resolved: Vec<(&Obs, usize)> = Vec::new();
    for o in &obs {
        let mut ks: Vec<usize> = Vec::new();
        for &(k, v) in &o.candidates {
            if v & years != 0 && !ks.contains(&k) {
                ks.push(k);
            }
        }
        match ks.as_slice() {
            [k] => resolved.push((o, *k)),
            _ => {
                let codes: Vec<&str> = ks.iter().map(|&k| places.locations[k].code.as_str()).collect();
                ambiguous.push(problem(Some(o.line), Some(&o.column), format!(
                    "\"{}\" was a different area in {} ({}), and nothing else in the file says which year its codes are from: give the row its ONS code (E38…) to use it",
                    clip(&o.written),
                    places.years(bits(o) & years),
                    codes.join(", ")
                )));
            }
        }
    }
    let file_years = years;
    let mut indicators = Vec::new();
    for (g, name) in groups.iter().enumerate() {
        let mine: Vec<&(&Obs, usize)> = resolved.iter().filter(|(o, _)| o.group == g).collect();
        let eng: Vec<&Obs> = england.iter().filter(|o| o.group == g).collect();
        if !mine.iter().any(|(o, _)| o.count.is_some() && o.denominator.is_some()) {
            continue;
        }
        let labels: Vec<&str> = mine.iter().map(|(o, _)| o.period.as_str()).chain(eng.iter().map(|o| o.period.as_str())).collect();
        let (kind, periods) = order_periods(&labels);
        let at = |p: &str| periods.iter().position(|x| x == p).unwrap_or(0);
        // Each location once a period: rows in (period, location, line) order, a row like the one before it is a
        // second.
        let keys: Vec<(usize, usize, usize)> = mine.iter().map(|(o, k)| (at(&o.period), *k, o.line)).collect();
        let order = ics_data::sort::order(keys.len(), &|a, b| keys[a].cmp(&keys[b]));
        let mut first = (usize::MAX, usize::MAX, 0);
        for &x in &order {
            let (p, k, line) = keys[x];
            if (p, k) != (first.0, first.1) {
                first = (p, k, line);
            } else if problems.len() < 100 {
                let o = mine[x].0;
                problems.push(problem(
                    Some(o.line),
                    Some(&o.column),
                    format!(
                        "a second row for {} ({}){} (the first is on line {})",
                        places.locations[k].name(file_years),
                        places.locations[k].code,
                        super::during(&o.period),
                        first.2
                    ),
                ));
            }
        }
        let mut england_row: Vec<Option<(f64, f64)>> = vec![None; periods.len()];
        let mut england_line: Vec<usize> = vec![0; periods.len()];
        for o in &eng {
            let p = at(&o.period);
            if england_line[p] != 0 {
                problems.push(problem(
                    Some(o.line),
                    None,
                    format!("a second row for England{} (the first is on line {})", super::during(&o.period), england_line[p]),
                ));
            }
            england_line[p] = o.line;
            england_row[p] = o.count.zip(o.denominator);
        }
        let checked: Vec<&Obs> = mine.iter().map(|(o, _)| *o).chain(eng.iter().copied()).collect();
        let proportion = checked.iter().all(|o| match (o.count, o.denominator) {
            (Some(c), Some(d)) => c <= d,
            _ => true,
        });
        let (multiplier, from) = match multiplier_of(&checked, cols, h, name, title, rows) {
            Ok(Some(x)) => x,
            Ok(None) => (if proportion { 100.0 } else { 1_000.0 }, Multiplier::Guessed),
            Err(mut e) => {
                problems.append(&mut e);
                continue;
            }
        };
        let col = |c: usize| h.get(c).cloned().unwrap_or_default();
        indicators.push(SubIcbIndicator {
            name: name.clone(),
            period_kind: kind,
            rows: mine
                .iter()
                .map(|(o, k)| SubRow {
                    line: o.line,
                    code: places.locations[*k].code.clone(),
                    period: at(&o.period),
                    count: o.count,
                    denominator: o.denominator,
                })
                .collect(),
            periods,
            england: england_row,
            vintages: file_years,
            multiplier,
            multiplier_from: from,
            proportion,
            count_column: col(cols.count),
            denominator_column: col(cols.denominator),
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if indicators.is_empty() {
        let mut e = vec![problem(
            None,
            None,
            format!(
                "no sub-ICB row has both a count (column \"{}\") and a denominator (column \"{}\"), so nothing was imported",
                h.get(cols.count).cloned().unwrap_or_default(),
                h.get(cols.denominator).cloned().unwrap_or_default()
            ),
        )];
        e.extend(ambiguous.into_iter().take(20));
        return Err(e);
    }
    warnings.push(problem(
        None,
        None,
        format!(
            "Read as sub-ICB locations ({} codes): each ICB's value is its locations' counts added up, over their denominators added up",
            places.years(file_years)
        ),
    ));
    for ind in &indicators {
        let how = match &ind.multiplier_from {
            Multiplier::Values(c) => format!("as the values in column \"{c}\" are"),
            Multiplier::Text(t) => format!("as the file says (\"{}\")", clip(t)),
            Multiplier::Guessed | Multiplier::Chosen => format!(
                "as {}; nothing in the file says how it is expressed, so choose another below if it should be",
                if ind.proportion { "no count is larger than its denominator" } else { "some counts are larger than their denominators" }
            ),
        };
        warnings.push(problem(None, None, format!("{}: Count ÷ Denominator is shown {}, {how}", ind.name, multiplier_words(ind.multiplier))));
    }
    if skipped > 0 {
        warnings.push(problem(
            None,
            cols.area_type.and_then(|c| h.get(c)).map(String::as_str),
            format!("{skipped} rows for other kinds of area were left out ({})", skipped_types.join(", ")),
        ));
    }
    if suppressed > 0 {
        let quoted: Vec<String> = markers.iter().map(|m| format!("“{m}”")).collect();
        let (cells, are) = if suppressed == 1 { ("cell", "is") } else { ("cells", "are") };
        warnings.push(problem(None, None, format!("{suppressed} {cells} marked as suppressed or not available ({}) {are} read as no data: the ICBs those locations are in have no value", quoted.join(", "))));
    }
    let left_out = unknown.len() + ambiguous.len();
    let mut listed: Vec<ImportProblem> = unknown.into_iter().chain(ambiguous).collect();
    let order = ics_data::sort::order(listed.len(), &|a, b| listed[a].line.cmp(&listed[b].line));
    listed = ics_data::sort::apply(&listed, &order);
    if left_out > 10 {
        let more: Vec<usize> = listed[10..].iter().filter_map(|p| p.line).collect();
        listed.truncate(10);
        listed.push(problem(None, None, format!("{} more rows were left out ({})", left_out - 10, lines(&more))));
    }
    warnings.extend(listed);
    Ok(Read { indicators, warnings })
}

/// "as a percentage", "per 1,000", "as a ratio (per 1)".
pub fn multiplier_words(m: f64) -> String {
    if m == 100.0 {
        "as a percentage (per 100)".into()
    } else if m == 1.0 {
        "as a ratio (per 1)".into()
    } else {
        format!("per {}", ics_data::format::number(m, 0))
    }
}

/// The multiplier the rows' values agree with, or the one the file's text names; None if nothing says. Values that
/// agree with no multiplier are a problem.
fn multiplier_of(
    rows: &[&Obs],
    cols: &Columns,
    h: &[String],
    name: &str,
    title: Option<&str>,
    all: &[(usize, Vec<String>)],
) -> Result<Option<(f64, Multiplier)>, Vec<ImportProblem>> {
    let header = |c: Option<usize>| c.and_then(|c| h.get(c)).cloned().unwrap_or_default();
    let checked: Vec<(&Obs, f64, i32, f64, f64)> = rows
        .iter()
        .filter_map(|o| {
            let (v, dec) = o.value?;
            let (c, d) = (o.count?, o.denominator?);
            (d > 0.0).then_some((*o, v, dec, c, d))
        })
        .collect();
    let agrees = |m: f64, &(_, v, dec, c, d): &(&Obs, f64, i32, f64, f64)| (v - c / d * m).abs() <= 0.5 * 10f64.powi(-dec) + 1e-9 * v.abs().max(1.0);
    if checked.iter().any(|x| x.3 > 0.0) {
        let fits: Vec<f64> = MULTIPLIERS.iter().copied().filter(|&m| checked.iter().all(|x| agrees(m, x))).collect();
        match fits.as_slice() {
            [m] => return Ok(Some((*m, Multiplier::Values(header(cols.value))))),
            [] => {
                let best = MULTIPLIERS.iter().copied().max_by_key(|&m| checked.iter().filter(|x| agrees(m, x)).count()).unwrap_or(100.0);
                let mut e: Vec<ImportProblem> = checked
                    .iter()
                    .filter(|x| !agrees(best, x))
                    .take(3)
                    .map(|&(o, v, dec, c, d)| {
                        let n = as_written;
                        let times = if best == 1.0 { String::new() } else { format!(" × {}", ics_data::format::number(best, 0)) };
                        problem(
                            Some(o.line),
                            Some(&header(cols.value)),
                            format!(
                                "the value {} is not Count ÷ Denominator{times}: {} ÷ {}{times} = {}",
                                ics_data::format::number(v, dec.clamp(0, 9) as u8),
                                n(c),
                                n(d),
                                n(c / d * best)
                            ),
                        )
                    })
                    .collect();
                e.push(problem(None, Some(&header(cols.value)), "the values are not Count ÷ Denominator × 1, 100, 1,000, 10,000, 100,000 or 1,000,000, so they may be age-standardised or otherwise adjusted rates, which cannot be added up across sub-ICB locations: to show each ICB's Count ÷ Denominator instead, delete the Value column and import the file again"));
                return Err(e);
            }
            _ => {}
        }
    }
    let unit = cols.unit.and_then(|c| all.iter().find_map(|(_, r)| r.get(c).map(|s| s.trim()).filter(|s| !s.is_empty())));
    let texts = [Some(name), cols.value.and_then(|c| h.get(c)).map(String::as_str), title, unit];
    Ok(texts.into_iter().flatten().find_map(|t| multiplier_in(t).map(|m| (m, Multiplier::Text(t.to_string())))))
}

impl SubIcbIndicator {
    /// Summed to the ICBs of area set `set` (a `Dataset::area_sets` index): exact, or no value.
    pub fn sum(&self, places: &Places, set: usize) -> Summed {
        let np = self.periods.len();
        let Some(s) = places.set(set) else {
            return Summed {
                counts: vec![vec![]; np],
                denominators: vec![vec![]; np],
                england_count: vec![None; np],
                england_denominator: vec![None; np],
                england_partial: vec![true; np],
                notes: vec!["ICS Explorer does not know where the sub-ICB locations lie on these boundaries".into()],
                label: String::new(),
            };
        };
        let sp = &places.sets[s];
        let n = sp.icss.len();
        let last = np.saturating_sub(1);
        // One pass over the rows: each period's sums per ICB, the neighbourhoods they cover, and England's.
        let mut c = vec![vec![0.0; n]; np];
        let mut d = vec![vec![0.0; n]; np];
        let mut covered = vec![vec![0u64; n]; np];
        let mut all: Vec<(f64, f64, u64)> = vec![(0.0, 0.0, 0); np];
        // Locations split between ICBs, with the first line each is on; and those with figures in the latest period.
        let mut split: Vec<(usize, usize)> = Vec::new();
        let mut has_last = vec![false; places.locations.len()];
        for r in &self.rows {
            let (Some(k), Some(x), Some(y)) = (places.find(&r.code, self.vintages), r.count, r.denominator) else { continue };
            let p = r.period;
            if p >= np {
                continue;
            }
            let l = &places.locations[k];
            has_last[k] |= p == last;
            all[p] = (all[p].0 + x, all[p].1 + y, all[p].2 + u64::from(l.lsoas));
            match l.icbs.get(s).map(Vec::as_slice) {
                Some(&[(a, _)]) if a < n => {
                    c[p][a] += x;
                    d[p][a] += y;
                    covered[p][a] += u64::from(l.lsoas);
                }
                _ => {
                    if !split.iter().any(|(j, _)| *j == k) {
                        split.push((k, r.line));
                    }
                }
            }
        }
        let mut counts = vec![vec![None; n]; np];
        let mut dens = vec![vec![None; n]; np];
        let (mut e_count, mut e_den, mut partial) = (vec![None; np], vec![None; np], vec![false; np]);
        for p in 0..np {
            for a in 0..n {
                if covered[p][a] > 0 && covered[p][a] == u64::from(sp.lsoas[a]) {
                    counts[p][a] = Some(c[p][a]);
                    dens[p][a] = Some(d[p][a]);
                }
            }
            match self.england.get(p).copied().flatten() {
                Some((x, y)) => (e_count[p], e_den[p]) = (Some(x), Some(y)),
                None if all[p].2 == u64::from(places.lsoas) && all[p].2 > 0 => (e_count[p], e_den[p]) = (Some(all[p].0), Some(all[p].1)),
                None => partial[p] = true,
            }
        }
        let mut notes = Vec::new();
        let mut split_icbs: Vec<usize> = Vec::new();
        for &(k, line) in &split {
            let l = &places.locations[k];
            let names: Vec<&str> =
                l.icbs.get(s).map_or(vec![], |v| v.iter().filter_map(|(a, _)| sp.icss.get(*a)).map(|i| i.short_name.as_str()).collect());
            split_icbs.extend(l.icbs.get(s).map_or(vec![], |v| v.iter().map(|(a, _)| *a).collect()));
            notes.push(format!(
                "{} (line {line}) is split between {} on {} boundaries, so its counts cannot be added to any one of them exactly: it was left out, and they have no value",
                l.name(self.vintages),
                and_list(&names),
                sp.period
            ));
        }
        // ICBs the file's locations do not cover in the latest period, and the locations missing.
        let year = places.latest(self.vintages);
        let mut uncovered = Vec::new();
        for a in 0..n {
            if counts.get(last).is_some_and(|row| row[a].is_some()) || split_icbs.contains(&a) {
                continue;
            }
            let missing: Vec<&str> = places
                .locations
                .iter()
                .enumerate()
                .filter(|(k, l)| l.vintages & year != 0 && l.icbs.get(s).is_some_and(|v| v.iter().any(|(b, _)| *b == a)) && !has_last[*k])
                .map(|(_, l)| l.ods.as_str())
                .collect();
            uncovered.push(format!("{} ({})", sp.icss[a].short_name, if missing.is_empty() { "part of it".to_string() } else { missing.join(", ") }));
        }
        if !uncovered.is_empty() {
            let shown =
                if uncovered.len() > 5 { format!("{} and {} more", uncovered[..5].join("; "), uncovered.len() - 5) } else { uncovered.join("; ") };
            notes.push(format!(
                "No value for {} of {}{}: the file has no count and denominator for the sub-ICB locations in brackets, so their sums would not be the whole ICB: {shown}",
                uncovered.len(),
                sp.label,
                super::during(self.periods.get(last).map_or("", String::as_str)),
            ));
        }
        Summed {
            counts,
            denominators: dens,
            england_count: e_count,
            england_denominator: e_den,
            england_partial: partial,
            notes,
            label: sp.label.clone(),
        }
    }
}

/// A number as people write it: whole numbers without decimals, others to at most four.
fn as_written(x: f64) -> String {
    let s = ics_data::format::number(x, if x.fract() == 0.0 { 0 } else { 4 });
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// "A, B and C".
pub(super) fn and_list(names: &[&str]) -> String {
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    }
}
