//! Reads the shipped JSON into a trusted [`Dataset`], checking everything on the way in.
//!
//! This is the only door into the engine for outside data: after `load` succeeds, every index is in range,
//! every code is well formed and unique, and every number is finite. It collects all problems rather than
//! stopping at the first, and it never panics, whatever the input.

use super::model::*;
use super::problem::{Log, Problem, Problems};
use super::wire;
use crate::format::plain;
use crate::json::Json;

/// Parses and validates a dataset (the core file: `dataset.json`). On failure, returns every problem found.
pub fn load(json: &str) -> Result<Dataset, Problems> {
    load_tree(&parse(json)?)
}

/// [`load`] after the JSON parser: for the fuzzer, which changes an already parsed dataset. `root` must be a
/// tree the parser could have made (finite numbers, no key twice in an object).
#[doc(hidden)]
pub fn load_tree(root: &Json) -> Result<Dataset, Problems> {
    let mut log = Log::default();
    let ds = read(root, &mut log);
    match ds {
        Some(ds) if log.is_empty() => checked(ds),
        _ => {
            if log.is_empty() {
                log.push_in("dataset", None, "", "could not be read");
            }
            Err(Problems(log.problems))
        }
    }
}

impl Dataset {
    /// Adds an edition shipped in a file of its own (`{"schema_version": 3, "edition": {…}}`, e.g.
    /// `imd2019.json`), checked against this dataset's area sets. An edition already loaded is replaced.
    pub fn load_edition(&mut self, json: &str) -> Result<(), Problems> {
        let root = parse(json)?;
        let mut log = Log::default();
        log.at("dataset", None);
        let edition = log.obj(&root, "").and_then(|m| {
            schema(m, &mut log)?;
            let e = log.get(m, "edition")?;
            wire::edition::read(e, &self.area_sets, self.sources.len(), &mut log)
        });
        match edition {
            Some(e) if log.is_empty() => {
                match self.edition_index(&e.id) {
                    Some(k) => self.editions[k] = e,
                    None => self.editions.push(e),
                }
                Ok(())
            }
            _ => {
                if log.is_empty() {
                    log.push_in("edition", None, "", "could not be read");
                }
                Err(Problems(log.problems))
            }
        }
    }

    /// One table of the wire format (`table`: "measure", "boundary" or "edition", with its packed LSOA table)
    /// read from its JSON tree by the reader the loader uses for it, against this dataset's area sets and sources. For
    /// the fuzz targets (crates/ics-fuzz), which reach each reader directly instead of through a whole dataset;
    /// nothing else calls it.
    #[doc(hidden)]
    pub fn read_wire_table(&self, table: &str, root: &Json) -> Result<(), Problems> {
        let mut log = Log::default();
        log.at(table, None);
        let n_sources = self.sources.len();
        let read = match table {
            "measure" => wire::measure::read(root, &self.area_sets.iter().map(|s| s.icss.len()).collect::<Vec<_>>(), n_sources, &mut log).is_some(),
            "boundary" => wire::boundary::read(root, self.area_sets.first().map_or(0, |s| s.icss.len()), &mut log).is_some(),
            "edition" => wire::edition::read(root, &self.area_sets, n_sources, &mut log).is_some(),
            other => {
                log.push("", format!("\"{other}\" is not a table of the wire format: use measure, boundary or edition"));
                false
            }
        };
        if read && log.is_empty() {
            Ok(())
        } else {
            if log.is_empty() {
                log.push("", "could not be read");
            }
            Err(Problems(log.problems))
        }
    }
}

/// The dataset once the whole-dataset checks pass (see `check`).
pub(super) fn checked(ds: Dataset) -> Result<Dataset, Problems> {
    let mut log = Log::default();
    check(&ds, &mut log);
    if log.is_empty() {
        Ok(ds)
    } else {
        Err(Problems(log.problems))
    }
}

fn parse(json: &str) -> Result<Json, Problems> {
    crate::json::parse(json).map_err(|e| {
        let hint = if e.eof {
            "the file ends too early: it is truncated (re-download it, or rebuild it with `ics-explorer build-data`)"
        } else {
            "it is not valid JSON"
        };
        Problems(vec![Problem { table: "dataset".into(), row: None, field: String::new(), message: format!("{hint} ({e})") }])
    })
}

/// Checks `schema_version` is this reader's.
fn schema(m: &Json, log: &mut Log) -> Option<()> {
    let version = match m.get("schema_version") {
        Some(v) => v.as_u64(),
        None => {
            log.push("schema_version", "is missing: this is not an ICS Explorer dataset");
            return None;
        }
    };
    if version != Some(SCHEMA_VERSION as u64) {
        log.push(
            "schema_version",
            format!(
                "is {}, but this version of ICS Explorer reads schema version {SCHEMA_VERSION}: use the dataset shipped with it, or rebuild it with `ics-explorer build-data`",
                m.get("schema_version").map(short).unwrap_or_default()
            ),
        );
        return None;
    }
    Some(())
}

fn read(root: &Json, log: &mut Log) -> Option<Dataset> {
    log.at("dataset", None);
    let m = log.obj(root, "")?;
    schema(m, log)?;
    let meta = read_meta(m, log);
    let sources = table(m, "sources", log, read_source);
    let n_sources = raw_len(m, "sources");
    let area_sets = table(m, "area_sets", log, |o, log| read_area_set(o, n_sources, log));
    // When a set is damaged, what indexes its areas cannot be checked (and would only repeat the damage), but
    // the rest is still read, so every other problem is reported at once.
    let sets = area_sets.clone().unwrap_or_default();
    let sets_ok = area_sets.is_some();
    let base_areas = sets.first().map_or(0, |s| s.icss.len());
    let editions = if sets_ok { table(m, "editions", log, |o, log| wire::edition::read(o, &sets, n_sources, log)) } else { None };
    let trusts = if !sets_ok {
        None
    } else {
        table(m, "trusts", log, |o, log| {
            let ics = match o.get("ics") {
                Some(Json::Null) => None,
                _ => Some(log.index(o, "ics", base_areas)?),
            };
            let opened = log.text(o, "opened")?;
            let closed = log.opt_text(o, "closed");
            for (field, d) in [("opened", Some(&opened)), ("closed", closed.as_ref())] {
                if let Some(d) = d {
                    if !date_is_valid(d) {
                        log.push(field, format!("\"{d}\" is not a date (YYYY-MM-DD)"));
                        return None;
                    }
                }
            }
            Some(Trust { code: log.text(o, "code")?, name: log.text(o, "name")?, ics, opened, closed })
        })
    };
    let set_sizes: Vec<usize> = sets.iter().map(|s| s.icss.len()).collect();
    let measures = if sets_ok { table(m, "measures", log, |o, log| wire::measure::read(o, &set_sizes, n_sources, log)) } else { None };
    let n_measures = raw_len(m, "measures");
    let indicators = table(m, "indicators", log, |o, log| read_indicator(o, n_measures, n_sources, log));
    let unavailable = table(m, "unavailable", log, |o, log| {
        Some(Unavailable {
            name: log.text(o, "name")?,
            domain: log.word(o, "domain", &DOMAINS)?,
            reason: log.text(o, "reason")?,
            substitutes: log.strings(o, "substitutes")?,
        })
    });
    Some(Dataset {
        schema_version: SCHEMA_VERSION,
        meta: meta?,
        sources: sources?,
        area_sets: area_sets?,
        editions: editions?,
        trusts: trusts?,
        measures: measures?,
        indicators: indicators?,
        unavailable: unavailable?,
    })
}

fn read_area_set(o: &Json, n_sources: usize, log: &mut Log) -> Option<AreaSet> {
    let id = log.text(o, "id")?;
    let here = |log: &mut Log| log.at("area_set", Some(id.clone()));
    let mut sources = Vec::new();
    for v in log.array(o, "sources")? {
        sources.push(log.index_value(v, "sources", n_sources)?);
    }
    here(log);
    let regions =
        sub_table(o, "regions", log, |o, log| Some(Region { code: log.text(o, "code")?, ods: log.text(o, "ods")?, name: log.text(o, "name")? }))?;
    let n_regions = regions.len();
    here(log);
    let icss = sub_table(o, "icss", log, |o, log| {
        Some(Ics {
            code: log.text(o, "code")?,
            ods: log.text(o, "ods")?,
            name: log.text(o, "name")?,
            short_name: log.text(o, "short_name")?,
            region: log.index(o, "region", n_regions)?,
        })
    })?;
    let n_icss = icss.len();
    here(log);
    if raw_len(o, "sicbls") > 256 {
        log.push("sicbls", "has more than 256 sub-ICB locations, more than the LSOA table can index");
        return None;
    }
    let sicbls = sub_table(o, "sicbls", log, |o, log| {
        Some(Sicbl { code: log.text(o, "code")?, ods: log.text(o, "ods")?, name: log.text(o, "name")?, ics: log.index(o, "ics", n_icss)? })
    });
    here(log);
    let boundaries = sub_table(o, "boundaries", log, |o, log| wire::boundary::read(o, n_icss, log));
    here(log);
    let parts = sub_table(o, "parts", log, |o, log| {
        let residents = log.f64(o, "residents")?;
        let share = log.f64(o, "share")?;
        if residents < 0.0 || !(0.0..=1.0).contains(&share) {
            log.push("share", "should be from 0 to 1, with non-negative residents");
            return None;
        }
        let Some(lsoas) = log.get(o, "lsoas")?.as_u64().filter(|&n| n <= 100_000) else {
            log.push("lsoas", "should be a whole number of LSOAs");
            return None;
        };
        // `base` is checked against the base set once all sets are read (see `check`).
        Some(Part { base: log.index(o, "base", 1 << 16)?, area: log.index(o, "area", n_icss)?, lsoas: lsoas as u32, residents, share })
    });
    here(log);
    Some(AreaSet {
        name: log.text(o, "name")?,
        period: log.text(o, "period")?,
        geography: log.text(o, "geography")?,
        edition: log.text(o, "edition")?,
        id,
        sources,
        regions,
        icss,
        sicbls: sicbls?,
        boundaries: boundaries?,
        parts: parts?,
    })
}

/// A list of objects inside an object (as `table`, one level down, reported from where the log is).
pub(super) fn sub_table<T>(o: &Json, name: &str, log: &mut Log, mut row: impl FnMut(&Json, &mut Log) -> Option<T>) -> Option<Vec<T>> {
    let items = log.array(o, name)?;
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let row_name = item.get("code").or_else(|| item.get("id")).or_else(|| item.get("name")).and_then(Json::as_str);
        let label = match row_name {
            Some(code) if !code.is_empty() => code.to_string(),
            _ => format!("#{i}"),
        };
        log.at(singular(name), Some(label));
        let Some(o) = log.obj(item, "") else {
            ok = false;
            continue;
        };
        match row(o, log) {
            Some(t) => out.push(t),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// A value as it would be written in JSON, briefly, for messages.
pub(super) fn short(v: &Json) -> String {
    match v {
        Json::Num(x) => plain(*x, if x.fract() == 0.0 { 0 } else { 3 }),
        Json::Str(s) => format!("\"{}\"", s.chars().take(40).collect::<String>()),
        other => other.kind().to_string(),
    }
}

fn date_is_valid(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0..4, 5..7, 8..10].into_iter().all(|r| b[r].iter().all(u8::is_ascii_digit))
        && period_is_valid(PeriodKind::Month, &d[..7])
        && (1..=31).contains(&d[8..].parse::<u8>().unwrap_or(0))
}

/// The length of a top-level list as written, so that a bad row does not make every reference to later rows
/// look out of range too.
pub(super) fn raw_len(m: &Json, name: &str) -> usize {
    m.get(name).and_then(Json::as_array).map_or(0, Vec::len)
}

/// Reads a list of objects. A row that fails is skipped (its problems are logged) so the rest are still checked.
fn table<T>(m: &Json, name: &str, log: &mut Log, row: impl FnMut(&Json, &mut Log) -> Option<T>) -> Option<Vec<T>> {
    log.at("dataset", None);
    sub_table(m, name, log, row)
}

fn singular(table: &str) -> &str {
    match table {
        "icss" => "ics",
        "area_sets" => "area_set",
        "editions" => "edition",
        "parts" => "part",
        "sicbls" => "sicbl",
        "utlas" => "utla",
        "ltlas" => "ltla",
        "trusts" => "trust",
        "boundaries" => "boundary",
        "regions" => "region",
        "sources" => "source",
        "measures" => "measure",
        "indicators" => "indicator",
        other => other,
    }
}

fn read_meta(m: &Json, log: &mut Log) -> Option<Meta> {
    log.at("dataset", None);
    let o = log.get(m, "meta")?;
    let o = log.obj(o, "meta")?;
    log.at("meta", None);
    Some(Meta { title: log.text(o, "title")?, attribution: log.text(o, "attribution")?, built_by: log.text(o, "built_by")? })
}

fn read_source(o: &Json, log: &mut Log) -> Option<Source> {
    Some(Source {
        id: log.text(o, "id")?,
        publisher: log.text(o, "publisher")?,
        dataset: log.text(o, "dataset")?,
        period: log.text(o, "period")?,
        licence: log.text(o, "licence")?,
        url: log.text(o, "url")?,
        via: log.str(o, "via")?.to_string(),
        files: log.strings(o, "files")?,
        caveats: log.strings(o, "caveats")?,
    })
}

pub fn period_is_valid(kind: PeriodKind, p: &str) -> bool {
    let b = p.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    match kind {
        PeriodKind::Year => b.len() == 4 && digits(0..4),
        PeriodKind::Month => b.len() == 7 && digits(0..4) && b[4] == b'-' && digits(5..7) && (1..=12).contains(&p[5..7].parse().unwrap_or(0)),
        PeriodKind::FinancialYear => {
            b.len() == 7 && digits(0..4) && b[4] == b'/' && digits(5..7) && {
                let y: u32 = p[0..4].parse().unwrap_or(0);
                let e: u32 = p[5..7].parse().unwrap_or(99);
                (y + 1) % 100 == e
            }
        }
        PeriodKind::Label => !p.trim().is_empty() && p.chars().count() <= 40 && !p.chars().any(char::is_control),
    }
}

const DOMAINS: [(&str, Domain); 5] = [
    ("context", Domain::Context),
    ("health", Domain::Health),
    ("integration", Domain::Integration),
    ("elective", Domain::Elective),
    ("workforce", Domain::Workforce),
];
const POLARITIES: [(&str, Polarity); 3] =
    [("higher_is_better", Polarity::HigherIsBetter), ("lower_is_better", Polarity::LowerIsBetter), ("neutral", Polarity::Neutral)];
const VALUE_TYPES: [(&str, ValueType); 4] =
    [("count", ValueType::Count), ("rate", ValueType::Rate), ("proportion", ValueType::Proportion), ("score", ValueType::Score)];
const CI_METHODS: [(&str, CiMethod); 3] = [("none", CiMethod::None), ("wilson", CiMethod::Wilson), ("byar", CiMethod::Byar)];

fn read_indicator(o: &Json, n_measures: usize, n_sources: usize, log: &mut Log) -> Option<Indicator> {
    let formula = read_formula(o, n_measures, log)?;
    let decimals = match log.get(o, "decimals")?.as_u64() {
        Some(d) if d <= 6 => d as u8,
        _ => {
            log.push("decimals", "should be a whole number from 0 to 6");
            return None;
        }
    };
    let mut sources = Vec::new();
    for v in log.array(o, "sources")? {
        sources.push(log.index_value(v, "sources", n_sources)?);
    }
    Some(Indicator {
        id: log.text(o, "id")?,
        name: log.text(o, "name")?,
        domain: log.word(o, "domain", &DOMAINS)?,
        group: log.text(o, "group")?,
        definition: log.text(o, "definition")?,
        unit: log.text(o, "unit")?,
        polarity: log.word(o, "polarity", &POLARITIES)?,
        value_type: log.word(o, "value_type", &VALUE_TYPES)?,
        decimals,
        geography: log.text(o, "geography")?,
        formula,
        numerator: log.opt_text(o, "numerator"),
        denominator: log.opt_text(o, "denominator"),
        sources,
        caveats: log.strings(o, "caveats")?,
        standards: read_standards(o, log)?,
    })
}

/// An indicator's published standards: an optional list of `{value, label, source}`.
fn read_standards(o: &Json, log: &mut Log) -> Option<Vec<crate::dataset::Standard>> {
    let Some(list) = o.get("standards") else { return Some(vec![]) };
    let Some(items) = list.as_array() else {
        log.push("standards", format!("should be a list, found {}", list.kind()));
        return None;
    };
    items
        .iter()
        .map(|s| Some(crate::dataset::Standard { value: log.f64(s, "value")?, label: log.text(s, "label")?, source: log.text(s, "source")? }))
        .collect()
}

const WEIGHTS: [(&str, Weight); 4] =
    [("lsoas", Weight::Lsoas), ("population", Weight::Population), ("children", Weight::Children), ("older", Weight::Older)];
const SCORES: [(&str, Score); 3] = [("imd", Score::Imd), ("income_rate", Score::IncomeRate), ("employment_rate", Score::EmploymentRate)];

fn read_formula(o: &Json, n_measures: usize, log: &mut Log) -> Option<Formula> {
    let f = log.get(o, "formula")?;
    let f = log.obj(f, "formula")?;
    let (name, body) = match f.members() {
        [(k, v)] => (k.as_str(), v),
        _ => {
            log.push("formula", "should have exactly one of: stored, ratio, lsoa, org");
            return None;
        }
    };
    let b = log.obj(body, &format!("formula.{name}"))?;
    Some(match name {
        "stored" => Formula::Stored { measure: log.index(b, "measure", n_measures)? },
        "ratio" => {
            let multiplier = log.f64(b, "multiplier")?;
            if multiplier <= 0.0 {
                log.push("formula.ratio.multiplier", format!("is {}, expected a positive number", plain(multiplier, 3)));
                return None;
            }
            Formula::Ratio {
                num: log.index(b, "num", n_measures)?,
                den: log.index(b, "den", n_measures)?,
                multiplier,
                ci: log.word(b, "ci", &CI_METHODS)?,
                complement: log.bool(b, "complement")?,
            }
        }
        "lsoa" => {
            let period = log.text(b, "period")?;
            let stat = log.get(b, "stat")?;
            let stat = log.obj(stat, "formula.lsoa.stat")?;
            let (kind_name, args) = stat.members().first()?;
            let a = log.obj(args, "formula.lsoa.stat")?;
            let stat = match kind_name.as_str() {
                "deprived_share" => {
                    let dep_key = log.text(a, "dep")?;
                    let Some(dep) = Deprivation::from_key(&dep_key) else {
                        log.push("formula.lsoa.stat.dep", format!("\"{dep_key}\" is not an index of deprivation"));
                        return None;
                    };
                    let cut = match log.get(a, "cut")?.as_u64() {
                        Some(c @ 1..=9) => c as u8,
                        _ => {
                            log.push("formula.lsoa.stat.cut", "should be a decile from 1 to 9");
                            return None;
                        }
                    };
                    LsoaStat::DeprivedShare { dep, cut, weight: log.word(a, "weight", &WEIGHTS)? }
                }
                "mean_score" => LsoaStat::MeanScore { score: log.word(a, "score", &SCORES)? },
                "age_share" => {
                    let from = log.text(a, "from")?;
                    let Some(band) = AgeBand::ALL.into_iter().find(|b| b.key() == from) else {
                        log.push("formula.lsoa.stat.from", format!("\"{from}\" is not an age band"));
                        return None;
                    };
                    LsoaStat::AgeShare { from: band }
                }
                other => {
                    log.push("formula.lsoa.stat", format!("\"{other}\" is not one of deprived_share, mean_score, age_share"));
                    return None;
                }
            };
            Formula::Lsoa { stat, period }
        }
        "org" => {
            let period = log.text(b, "period")?;
            let count = log.get(b, "count")?;
            let count = match count {
                Json::Str(s) if s == "lsoas" => OrgCount::Lsoas,
                Json::Str(s) if s == "sicbls" => OrgCount::Sicbls,
                Json::Obj(c) if c.len() == 1 => {
                    let (k, v) = c.iter().next()?;
                    let a = log.obj(v, "formula.org.count")?;
                    match k.as_str() {
                        "utlas" | "ltlas" => {
                            let min_pct = log.f64(a, "min_pct")?;
                            if !(0.0..=100.0).contains(&min_pct) {
                                log.push("formula.org.count.min_pct", format!("is {}, expected 0 to 100", plain(min_pct, 3)));
                                return None;
                            }
                            if k == "utlas" {
                                OrgCount::Utlas { min_pct }
                            } else {
                                OrgCount::Ltlas { min_pct }
                            }
                        }
                        "trusts" => {
                            let on = log.text(a, "on")?;
                            if !date_is_valid(&on) {
                                log.push("formula.org.count.on", format!("\"{on}\" is not a date (YYYY-MM-DD)"));
                                return None;
                            }
                            OrgCount::Trusts { on }
                        }
                        other => {
                            log.push("formula.org.count", format!("\"{other}\" is not one of utlas, ltlas, trusts"));
                            return None;
                        }
                    }
                }
                other => {
                    log.push("formula.org.count", format!("should be \"lsoas\", \"sicbls\" or an object, found {}", other.kind()));
                    return None;
                }
            };
            Formula::Org { count, period }
        }
        other => {
            log.push("formula", format!("\"{other}\" is not one of: stored, ratio, lsoa, org"));
            return None;
        }
    })
}

/// Whole-dataset checks that need more than one row: codes, uniqueness, counts and totals.
fn check(ds: &Dataset, log: &mut Log) {
    unique(log, "source", ds.sources.iter().map(|r| &r.id), "id");
    unique(log, "area_set", ds.area_sets.iter().map(|r| &r.id), "id");
    unique(log, "edition", ds.editions.iter().map(|r| &r.id), "id");
    unique(log, "measure", ds.measures.iter().map(|r| &r.id), "id");
    unique(log, "indicator", ds.indicators.iter().map(|r| &r.id), "id");
    if ds.area_sets.is_empty() {
        log.push_in("dataset", None, "area_sets", "is empty: the dataset needs at least the base set of ICBs");
        return;
    }
    let n_base = ds.area_sets[0].icss.len();
    for (k, set) in ds.area_sets.iter().enumerate() {
        unique(log, "region", set.regions.iter().map(|r| &r.code), "code");
        unique(log, "region", set.regions.iter().map(|r| &r.ods), "ods");
        unique(log, "ics", set.icss.iter().map(|r| &r.code), "code");
        unique(log, "ics", set.icss.iter().map(|r| &r.ods), "ods");
        unique(log, "ics", set.icss.iter().map(|r| &r.short_name), "short_name");
        // Imports match sub-ICB codes to places: one code, one place.
        unique(log, "sicbl", set.sicbls.iter().map(|r| &r.code), "code");
        unique(log, "sicbl", set.sicbls.iter().map(|r| &r.ods), "ods");
        for r in &set.regions {
            code_shape(log, "region", &r.code, "code", "E40", 9);
        }
        for i in &set.icss {
            code_shape(log, "ics", &i.code, "code", "E54", 9);
            if !(matches!(i.ods.len(), 3 | 5) && i.ods.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())) {
                log.push_in(
                    "ics",
                    Some(i.code.clone()),
                    "ods",
                    format!("\"{}\" is not an NHS ICB code (three or five capital letters and digits, such as QOP or S1Y5D)", i.ods),
                );
            }
        }
        if k > 0 {
            if let Some(p) = set.parts.iter().find(|p| p.base >= n_base) {
                log.push_in("area_set", Some(set.id.clone()), "parts", format!("a part's base area {} is out of range 0..{n_base}", p.base));
            }
            // Every base area is shared out whole: its pieces' shares add to 1.
            for b in 0..n_base {
                let total: f64 = set.parts.iter().filter(|p| p.base == b).map(|p| p.share).sum();
                if (total - 1.0).abs() > 1e-6 {
                    log.push_in(
                        "area_set",
                        Some(set.id.clone()),
                        "parts",
                        format!(
                            "the pieces of base area {} ({}) share out {} of it, not all of it",
                            b,
                            ds.area_sets[0].icss[b].code,
                            plain(total, 4)
                        ),
                    );
                }
            }
        } else if !set.parts.is_empty() {
            log.push_in("area_set", Some(set.id.clone()), "parts", "must be empty for the base set (the first)");
        }
    }
    for e in &ds.editions {
        if e.assignments.is_empty() {
            log.push_in("edition", Some(e.id.clone()), "assignments", "places its LSOAs in no area set");
        }
    }
    for m in &ds.measures {
        let Some(areas) = ds.area_sets.get(m.area_set).map(|s| &s.icss) else { continue };
        for (p, row) in m.values.iter().enumerate() {
            for (i, v) in row.iter().enumerate() {
                if let Some(v) = v {
                    if *v < 0.0 {
                        let ics = areas.get(i).map(|x| x.code.clone()).unwrap_or_default();
                        log.push_in(
                            "measure",
                            Some(m.id.clone()),
                            &format!("values[{}][{ics}]", m.periods[p]),
                            format!("is {}, but measures are counts and scores that cannot be negative", plain(*v, 3)),
                        );
                    }
                }
            }
        }
    }
    for ind in &ds.indicators {
        if let Formula::Ratio { num, den, .. } = ind.formula {
            let (Some(n), Some(d)) = (ds.measures.get(num), ds.measures.get(den)) else { continue };
            if d.periods.len() != 1 && d.periods != n.periods {
                log.push_in(
                    "indicator",
                    Some(ind.id.clone()),
                    "formula.ratio.den",
                    format!(
                        "measure \"{}\" has {} periods; a denominator needs one period or the same periods as the numerator \"{}\"",
                        d.id,
                        d.periods.len(),
                        n.id
                    ),
                );
            }
            if n.area_set != d.area_set {
                log.push_in("indicator", Some(ind.id.clone()), "formula.ratio", "divides measures of two different area sets");
            }
        }
    }
    // The population every per-head rate divides by must exist and be plausible for England.
    match ds.measures.iter().find(|m| m.id == "projected_population") {
        None => log.push_in("dataset", None, "measures", "has no \"projected_population\" measure, which every per-head rate needs"),
        Some(m) => {
            let total: f64 = m.values[0].iter().flatten().sum();
            if m.values[0].iter().any(Option::is_none) {
                log.push_in("measure", Some(m.id.clone()), "values", "has an ICS with no population");
            } else if !(50.0e6..70.0e6).contains(&total) {
                log.push_in(
                    "measure",
                    Some(m.id.clone()),
                    "values",
                    format!("sum to {}, but England's population is about 56 to 62 million: the file is damaged", plain(total, 0)),
                );
            }
        }
    }
}

fn unique<'a>(log: &mut Log, table: &str, items: impl Iterator<Item = &'a String>, field: &str) {
    let mut seen: Vec<&String> = Vec::new();
    for s in items {
        if seen.contains(&s) {
            log.push_in(table, Some(s.clone()), field, format!("\"{s}\" appears more than once"));
        } else {
            seen.push(s);
        }
    }
}

fn code_shape(log: &mut Log, table: &str, code: &str, field: &str, prefix: &str, len: usize) {
    let ok = code.len() == len && code.starts_with(prefix) && code[prefix.len()..].bytes().all(|b| b.is_ascii_digit());
    if !ok {
        log.push_in(
            table,
            Some(code.to_string()),
            field,
            format!("\"{code}\" is not a valid code: expected {prefix} followed by {} digits", len - prefix.len()),
        );
    }
}
