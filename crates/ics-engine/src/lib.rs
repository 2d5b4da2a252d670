//! The comparison and aggregation engine: the single source of truth for every figure ICS Explorer shows.
//!
//! It takes a validated [`Frame`] and answers questions: indicator values with confidence intervals and
//! flags ([`values`]), rankings and comparisons with England ([`compare`]), deprivation peers ([`peers`]),
//! deprivation-adjusted fits ([`adjust`]), within-ICS variation ([`within`]), trends ([`trend`]) and their SPC
//! charts ([`spc`]), one ICS's spine chart ([`profile`]), and the page's single [`query`]; and [`import`], a user's own files read into indicators. Pure Rust: it never imports web-sys, js-sys or
//! gloo, never panics on a valid dataset, and reports unknown ids and codes as [`EngineError`]s.
//!
//! Imported indicators live in the engine's [`layer::UserLayer`], never in the frame: everything reads
//! indicators, measures and sources through [`Engine::catalogue`] (a [`layer::Layered`] view: the frame's own, then the
//! user's), and the frame the dataset made is never changed.

/// One name table per enum: each variant with its key (the URL, the command line, the JS API) and, where the page
/// shows one, its label. `ALL` (in the table's order), `key`, `from_key` and `label` are made from it, so each name
/// is written once.
macro_rules! names {
    ($t:ident { $($v:ident => $key:literal),+ $(,)? }) => {
        impl $t {
            /// Every variant, in the order the page offers them.
            pub const ALL: [$t; [$($key),+].len()] = [$($t::$v),+];

            pub fn key(self) -> &'static str {
                match self {
                    $($t::$v => $key,)+
                }
            }

            pub fn from_key(k: &str) -> Option<$t> {
                $t::ALL.into_iter().find(|x| x.key() == k)
            }
        }
    };
    ($t:ident { $($v:ident => $key:literal, $label:literal),+ $(,)? }) => {
        names!($t { $($v => $key),+ });

        impl $t {
            pub fn label(self) -> &'static str {
                match self {
                    $($t::$v => $label,)+
                }
            }
        }
    };
}

pub mod adjust;
pub mod aggregate;
pub mod compare;
pub mod filter;
pub mod funnel;
pub mod import;
pub mod layer;
pub mod peers;
pub mod profile;
pub mod query;
pub mod spc;
pub mod stats;
pub mod trend;
pub mod values;
pub mod within;

use aggregate::{AreaIndex, AreaStats, Level};
use ics_data::dataset::{Frame, Indicator, Measure, Source};
use layer::{Layered, UserLayer};
use std::cell::OnceCell;
use std::fmt;

/// An engine question that cannot be answered, with what to do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineError(pub String);

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EngineError {}

#[derive(Clone)]
pub struct Engine {
    /// The frame as the dataset made it: never changed.
    ds: Frame,
    /// The user's imports, read after the frame's own through `catalogue()`.
    user: UserLayer,
    index: AreaIndex,
    /// Aggregations by level, computed on first use (`Level::ALL` order).
    areas: [OnceCell<Vec<AreaStats>>; 6],
    /// Each indicator's default period index, computed on first use.
    defaults: Vec<OnceCell<usize>>,
}

impl Engine {
    pub fn new(ds: Frame) -> Engine {
        let index = AreaIndex::new(&ds);
        let defaults = (0..ds.shipped_indicators().len()).map(|_| OnceCell::new()).collect();
        Engine { ds, user: UserLayer::default(), index, areas: Default::default(), defaults }
    }

    /// The frame as the dataset made it: its areas, LSOAs and links (for indicators, measures and sources, with
    /// the user's, see `catalogue`).
    pub fn frame(&self) -> &Frame {
        &self.ds
    }

    /// The frame with the user's indicators, measures and sources after its own (every other field is the frame's).
    pub fn catalogue(&self) -> Layered<'_> {
        Layered::new(&self.ds, &self.user)
    }

    /// The user's indicator number `k` (in the layered numbering), to change; `None` for the frame's own.
    fn user_indicator_mut(&mut self, k: usize) -> Option<&mut Indicator> {
        let k = k.checked_sub(self.ds.shipped_indicators().len())?;
        self.user.indicators.get_mut(k)
    }

    fn user_measure_mut(&mut self, k: usize) -> Option<&mut Measure> {
        let k = k.checked_sub(self.ds.shipped_measures().len())?;
        self.user.measures.get_mut(k)
    }

    fn user_source_mut(&mut self, k: usize) -> Option<&mut Source> {
        let k = k.checked_sub(self.ds.shipped_sources().len())?;
        self.user.sources.get_mut(k)
    }

    pub fn area_index(&self) -> &AreaIndex {
        &self.index
    }

    /// LSOA sums for every area of `level` (cached).
    pub fn areas(&self, level: Level) -> &[AreaStats] {
        let slot = Level::ALL.iter().position(|l| *l == level).unwrap_or(0);
        self.areas[slot].get_or_init(|| aggregate::aggregate(&self.ds, &self.index, level))
    }

    pub fn england_area(&self) -> &AreaStats {
        &self.areas(Level::England)[0]
    }

    /// The default period of indicator number `k` (cached; see `default_period`).
    pub fn default_period_cached(&self, k: usize) -> usize {
        match (self.defaults.get(k), self.catalogue().indicators.get(k)) {
            (Some(cell), Some(ind)) => *cell.get_or_init(|| self.default_period(ind)),
            _ => 0,
        }
    }

    /// The next free id for an imported indicator: "user_1", "user_2", …
    pub fn next_user_id(&self) -> String {
        format!("user_{}", self.last_user_number() + 1)
    }

    /// The largest N of the "user_N" ids in this engine (0 if none).
    pub fn last_user_number(&self) -> usize {
        self.catalogue().indicators.iter().filter_map(|i| i.id.strip_prefix("user_")?.parse::<usize>().ok()).max().unwrap_or(0)
    }

    /// Adds an indicator imported from a user's file (see `import`), with its source and measures, and returns
    /// its index. Nothing leaves the engine: the file was read in this browser.
    pub fn add_imported(&mut self, file_name: &str, imp: &crate::import::ImportedIndicator) -> usize {
        let id = self.next_user_id();
        self.add_imported_as(&id, file_name, imp)
    }

    /// The source of an imported indicator: the user's file.
    fn add_user_source(&mut self, id: &str, file_name: &str, period: String) -> usize {
        self.user.sources.push(Source {
            id: id.to_string(),
            publisher: "You: a file imported in this browser".into(),
            dataset: file_name.to_string(),
            period,
            licence: "as supplied with your file".into(),
            url: String::new(),
            via: "read on this computer; never uploaded".into(),
            files: vec![],
            caveats: vec![],
        });
        self.catalogue().sources.len() - 1
    }

    /// As `add_imported`, with the id given (the page keeps one id for an import in every frame).
    pub fn add_imported_as(&mut self, id: &str, file_name: &str, imp: &crate::import::ImportedIndicator) -> usize {
        use ics_data::dataset::{Domain, Formula, Polarity, ValueType};
        let id = id.to_string();
        let source = self.add_user_source(&id, file_name, period_range(&imp.periods));
        let base = self.catalogue().measures.len();
        let measures = crate::import::measures(imp, &id, source, self.ds.area_set);
        let has_limits = measures.len() == 3;
        self.user.measures.extend(measures);
        self.user.indicators.push(Indicator {
            id,
            name: imp.name.chars().take(120).collect(),
            domain: Domain::User,
            group: "Imported".into(),
            definition: format!("Imported from your file \"{file_name}\". ICS Explorer shows these values as supplied and has not checked them."),
            unit: imp.unit.clone().unwrap_or_else(|| "as in your file".into()),
            polarity: Polarity::Neutral,
            value_type: ValueType::Score,
            decimals: decimals_for(imp),
            geography: "ICB (July 2022), as matched from your file".into(),
            formula: Formula::Given { value: base, lower: has_limits.then_some(base + 1), upper: has_limits.then_some(base + 2) },
            numerator: None,
            denominator: None,
            sources: vec![source],
            caveats: vec![USER_CAVEAT.into()],
            standards: vec![],
        });
        self.defaults.push(OnceCell::new());
        self.catalogue().indicators.len() - 1
    }

    /// Adds an indicator from a user's file of sub-ICB counts and denominators, summed to this frame's ICBs
    /// (exactly, or no value: see `import::subicb`), as Count ÷ Denominator × its multiplier, with id `id`.
    /// Returns its index.
    pub fn add_sub_icb(&mut self, id: &str, file_name: &str, ind: &crate::import::SubIcbIndicator, places: &crate::import::Places) -> usize {
        use ics_data::dataset::{CiMethod, Domain, Formula, Polarity, ValueType};
        let source = self.add_user_source(id, file_name, period_range(&ind.periods));
        let num = self.catalogue().measures.len();
        let summed = ind.sum(places, self.ds.area_set);
        self.user.measures.extend(crate::import::ratio_measures(ind, &summed, id, source, self.ds.area_set));
        self.user.indicators.push(Indicator {
            id: id.to_string(),
            name: ind.name.chars().take(120).collect(),
            domain: Domain::User,
            group: "Imported".into(),
            definition: String::new(),
            unit: crate::import::subicb::unit_of(ind.multiplier),
            polarity: Polarity::Neutral,
            value_type: ValueType::Rate,
            decimals: 1,
            geography: format!("{}, summed from the sub-ICB locations in your file", self.ds.set.geography),
            formula: Formula::Ratio { num, den: num + 1, multiplier: ind.multiplier, ci: CiMethod::None, complement: false },
            numerator: None,
            denominator: None,
            sources: vec![source],
            caveats: vec![],
            standards: vec![],
        });
        self.defaults.push(OnceCell::new());
        let k = self.catalogue().indicators.len() - 1;
        self.describe_sub_icb(k, file_name, ind, places, &summed);
        k
    }

    /// Sums a sub-ICB indicator again (after the user chose its multiplier), keeping the name and polarity the
    /// user may have set, and the unit unless it was the old multiplier's.
    pub fn update_sub_icb(&mut self, k: usize, ind: &crate::import::SubIcbIndicator, places: &crate::import::Places) {
        use ics_data::dataset::{Domain, Formula};
        let frame = self.catalogue();
        let Some(old) = frame.indicators.get(k).filter(|i| i.domain == Domain::User) else { return };
        let Formula::Ratio { num, den, multiplier, .. } = old.formula else { return };
        let (id, source) = (old.id.clone(), old.sources.first().copied().unwrap_or(0));
        let file = frame.sources.get(source).map(|s| s.dataset.clone()).unwrap_or_default();
        let kept_unit = old.unit != crate::import::subicb::unit_of(multiplier);
        let summed = ind.sum(places, self.ds.area_set);
        let [c, d] = crate::import::ratio_measures(ind, &summed, &id, source, self.ds.area_set);
        for (slot, m) in [(num, c), (den, d)] {
            if let Some(x) = self.user_measure_mut(slot) {
                *x = m;
            }
        }
        if let Some(i) = self.user_indicator_mut(k) {
            i.formula = Formula::Ratio { num, den, multiplier: ind.multiplier, ci: ics_data::dataset::CiMethod::None, complement: false };
            if !kept_unit {
                i.unit = crate::import::subicb::unit_of(ind.multiplier);
            }
        }
        self.describe_sub_icb(k, &file, ind, places, &summed);
        if let Some(cell) = self.defaults.get_mut(k) {
            *cell = OnceCell::new();
        }
    }

    /// A sub-ICB indicator's definition, confidence interval method, value type and caveats, for its multiplier
    /// and for the ICBs it has no value for.
    fn describe_sub_icb(
        &mut self,
        k: usize,
        file_name: &str,
        ind: &crate::import::SubIcbIndicator,
        places: &crate::import::Places,
        summed: &crate::import::Summed,
    ) {
        use ics_data::dataset::{CiMethod, Formula, ValueType};
        let Some(i) = self.user_indicator_mut(k) else { return };
        let percent = ind.multiplier == 100.0 && ind.proportion;
        let times = if ind.multiplier == 1.0 { String::new() } else { format!(" × {}", ics_data::format::number(ind.multiplier, 0)) };
        i.definition = format!(
            "Imported from your file \"{file_name}\": Count ÷ Denominator{times}, where each ICB's count and denominator are the sums of its sub-ICB locations' in your file ({} codes). ICS Explorer has not checked the file's figures.",
            places.years(ind.vintages)
        );
        i.value_type = if percent { ValueType::Proportion } else { ValueType::Rate };
        i.decimals = if ind.multiplier == 1.0 { 3 } else { 1 };
        if let Formula::Ratio { ci, .. } = &mut i.formula {
            // Wilson for a percentage of people, Byar (exact Poisson for small counts) for a rate, as PHE's tools do.
            *ci = if percent { CiMethod::Wilson } else { CiMethod::Byar };
        }
        i.numerator = Some(format!("{} (column \"{}\" of your file), summed over each ICB's sub-ICB locations", ind.count_column, ind.count_column));
        i.denominator = Some(format!(
            "{} (column \"{}\" of your file), summed over each ICB's sub-ICB locations",
            ind.denominator_column, ind.denominator_column
        ));
        i.caveats = std::iter::once(USER_CAVEAT.to_string()).chain(summed.notes.iter().cloned()).collect();
    }

    /// Replaces the values of imported indicator number `k` with a new import of the same file (after the user
    /// said which ICS some rows are for), keeping the name, unit and polarity the user may have set.
    pub fn update_imported(&mut self, k: usize, imp: &crate::import::ImportedIndicator) {
        use ics_data::dataset::{Domain, Formula};
        let Some(ind) = self.catalogue().indicators.get(k).filter(|i| i.domain == Domain::User) else { return };
        let (id, source) = (ind.id.clone(), ind.sources.first().copied().unwrap_or(0));
        let Formula::Given { value, lower, upper } = ind.formula else { return };
        let mut fresh = crate::import::measures(imp, &id, source, self.ds.area_set).into_iter();
        let mut put = |slot: Option<usize>, m: Option<Measure>| -> Option<usize> {
            let m = m?;
            match slot.and_then(|s| Some((s, self.user_measure_mut(s)?))) {
                Some((s, x)) => {
                    *x = m;
                    Some(s)
                }
                None => {
                    self.user.measures.push(m);
                    Some(self.catalogue().measures.len() - 1)
                }
            }
        };
        let value = put(Some(value), fresh.next()).unwrap_or(value);
        let (lower, upper) = (put(lower, fresh.next()), put(upper, fresh.next()));
        let decimals = decimals_for(imp);
        if let Some(src) = self.user_source_mut(source) {
            src.period = period_range(&imp.periods);
        }
        if let Some(ind) = self.user_indicator_mut(k) {
            ind.formula = Formula::Given { value, lower, upper };
            ind.decimals = decimals;
        }
        if let Some(cell) = self.defaults.get_mut(k) {
            *cell = OnceCell::new();
        }
    }

    /// Renames an imported indicator and sets its unit (only imported ones: shipped metadata is fixed). Blank
    /// text is ignored; control characters are dropped and the name is cut at 120 characters, the unit at 60.
    pub fn set_user_text(&mut self, k: usize, name: &str, unit: &str) {
        let tidy = |s: &str, n: usize| -> String { s.chars().filter(|c| !c.is_control()).take(n).collect::<String>().trim().to_string() };
        if let Some(ind) = self.user_indicator_mut(k).filter(|i| i.domain == ics_data::dataset::Domain::User) {
            let (name, unit) = (tidy(name, 120), tidy(unit, 60));
            if !name.is_empty() {
                ind.name = name;
            }
            if !unit.is_empty() {
                ind.unit = unit;
            }
        }
    }

    /// Sets how an imported indicator reads (only imported ones: shipped metadata is fixed).
    pub fn set_user_polarity(&mut self, k: usize, p: ics_data::dataset::Polarity) {
        if let Some(ind) = self.user_indicator_mut(k).filter(|i| i.domain == ics_data::dataset::Domain::User) {
            ind.polarity = p;
        }
    }

    /// The LSOA rows of one ICS.
    pub fn ics_rows(&self, ics: usize) -> Vec<usize> {
        (0..self.ds.lsoas.len()).filter(|&r| self.index.ics[r] as usize == ics).collect()
    }

    /// Looks up an indicator by id, or explains how to find valid ids.
    pub fn indicator(&self, id: &str) -> Result<(usize, &Indicator), EngineError> {
        let indicators = self.catalogue().indicators;
        let found = self.catalogue().indicator_index(id).and_then(|k| Some((k, indicators.get(k)?)));
        found.ok_or_else(|| {
            let close: Vec<&str> = indicators.iter().map(|i| i.id.as_str()).filter(|i| i.contains(id) || id.contains(*i)).take(5).collect();
            let hint = if close.is_empty() { String::new() } else { format!(" Did you mean: {}?", close.join(", ")) };
            EngineError(format!("unknown indicator \"{id}\".{hint} List them with `ics-explorer indicators`."))
        })
    }

    /// Looks up an ICS by ONS code (E54…), ODS code (Q..) or exact short name, case-insensitively.
    pub fn ics(&self, code: &str) -> Result<usize, EngineError> {
        let c = code.trim();
        self.ds.ics_index(c).or_else(|| self.ds.icss.iter().position(|i| i.short_name.eq_ignore_ascii_case(c))).ok_or_else(|| {
            EngineError(format!("unknown ICS \"{code}\": use an ICB code such as E54000008 or QYG (list them with `ics-explorer table population`)"))
        })
    }
}

/// The caveat every imported indicator carries.
const USER_CAVEAT: &str = "Your own data: it exists only in this browser tab and is not in links or downloads of the page.";

/// "2021 to 2023", or the one period.
fn period_range(periods: &[String]) -> String {
    let (first, last) = (periods.first().cloned().unwrap_or_default(), periods.last().cloned().unwrap_or_default());
    if first == last {
        first
    } else {
        format!("{first} to {last}")
    }
}

/// Decimal places for imported values: none for whole numbers, two for small values, else one.
fn decimals_for(imp: &crate::import::ImportedIndicator) -> u8 {
    let values: Vec<f64> = imp.values.iter().flatten().flatten().copied().collect();
    if values.iter().all(|v| v.fract() == 0.0) {
        0
    } else if values.iter().all(|v| v.abs() < 10.0) {
        2
    } else {
        1
    }
}

#[cfg(test)]
pub(crate) mod fixture;
