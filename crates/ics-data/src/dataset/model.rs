//! The trusted, in-memory dataset: plain typed tables whose cross-references have been checked.
//!
//! Two shapes. A [`Dataset`] is what ships: two area sets (the 42 ICBs of July 2022 and the 36 of April 2026),
//! the deprivation editions loaded so far (IMD 2019 on 2011 neighbourhoods, IMD 2025 on 2021 ones) and the
//! ICB-level series, which are on the first area set. A [`Frame`] is one area set seen through one edition,
//! with every series restated for its areas (`Dataset::frame`): it is what the engine reads. Values of either
//! exist only after [`super::load`] has validated them, so the engine can index with the stored indexes without
//! bounds anxiety. A frame is never changed once made: its indicators, measures and sources are private to this
//! crate, and a user's imports are a layer the engine keeps over it. Nothing here reads files or talks to the
//! browser.

use serde::Serialize;

pub const SCHEMA_VERSION: u32 = 3;

/// What ships: the area sets, the deprivation editions loaded so far, and the series (on `area_sets[0]`).
/// (Written through `wire`, with the `write` feature.)
///
/// Validated once, on the way in: its fields are private and read through accessors, so nothing can change
/// a dataset after `load` (or the build step's `from_parts`) has checked it. (`load_edition` adds an edition,
/// checked the same way.)
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "write", derive(Serialize))]
pub struct Dataset {
    /// Always [`SCHEMA_VERSION`]; first in the JSON so readers can check it before anything else.
    pub(in crate::dataset) schema_version: u32,
    pub(in crate::dataset) meta: Meta,
    pub(in crate::dataset) sources: Vec<Source>,
    /// The first is the base set: the one the series are published on.
    pub(in crate::dataset) area_sets: Vec<AreaSet>,
    /// The editions loaded so far (the page loads one more on demand: see `load_edition`).
    pub(in crate::dataset) editions: Vec<Edition>,
    /// NHS trusts; `Trust::ics` indexes the base set's areas.
    pub(in crate::dataset) trusts: Vec<Trust>,
    pub(in crate::dataset) measures: Vec<Measure>,
    pub(in crate::dataset) indicators: Vec<Indicator>,
    /// Indicators the brief asks for that no obtainable source provides, shown to users as missing.
    pub(in crate::dataset) unavailable: Vec<Unavailable>,
}

/// A set of boundaries: its ICBs, their sub-ICB locations, NHS regions and outlines, and (for any but the base
/// set) how its areas are made from the base set's.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "write", derive(Serialize))]
pub struct AreaSet {
    /// "icb22", "icb26": used in links, the JS API and the CLI.
    pub id: String,
    /// "36 ICBs (April 2026)".
    pub name: String,
    /// When the boundaries took effect: "July 2022".
    pub period: String,
    /// The geography line under charts: "ICB (April 2026 boundaries)".
    pub geography: String,
    /// The edition this set opens with (an `Edition::id`).
    pub edition: String,
    /// Indexes into `Dataset::sources`: the lookups and boundaries.
    pub sources: Vec<usize>,
    pub regions: Vec<Region>,
    pub icss: Vec<Ics>,
    pub sicbls: Vec<Sicbl>,
    pub boundaries: Vec<Boundary>,
    /// How each area is made from base-set areas (empty for the base set): every piece of a base area inside
    /// one of this set's areas.
    pub parts: Vec<Part>,
}

/// The piece of a base-set area (`base`) inside an area of another set (`area`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    pub base: usize,
    pub area: usize,
    /// The base area's neighbourhoods (LSOA 2021) in the piece.
    pub lsoas: u32,
    /// Its residents in the piece (Census 2021): the weight series are apportioned by.
    pub residents: f64,
    /// `residents` as a share of all the base area's residents (1 = the whole base area).
    pub share: f64,
}

impl Part {
    /// Whether the piece is a whole base area (apportioning it is exact).
    pub fn is_whole(&self) -> bool {
        self.share >= 1.0
    }
}

/// A deprivation edition on its own neighbourhoods: the LSOA table with its deciles, scores and populations,
/// the local authorities, and each LSOA's sub-ICB location in every area set it can be seen through. (Written
/// to JSON in `wire::edition`, with the table packed by `wire::lsoa`.)
#[derive(Debug, Clone, PartialEq)]
pub struct Edition {
    /// "imd2019", "imd2025".
    pub id: String,
    /// "English Indices of Deprivation 2019".
    pub name: String,
    /// "IMD 2019".
    pub short: String,
    /// The year figures are labelled with: "2019".
    pub year: String,
    /// The neighbourhoods: "LSOA 2011".
    pub lsoa: String,
    /// Whose residents weight the figures: "mid-2020" (ONS estimates), "Census 2021".
    pub population: String,
    /// The year of that population: "2020", "2021".
    pub population_year: String,
    /// Indexes into `Dataset::sources`: the indices, the populations, the lookups.
    pub sources: Vec<usize>,
    /// The indices with national deciles in this edition (IDACI and IDAOPI are not in every one).
    pub indices: Vec<Deprivation>,
    /// Whether the populations split 65+ into 65–74, 75–84 and 85+ (else all of 65+ is in the 65–74 band).
    pub age_85_plus: bool,
    pub utlas: Vec<Utla>,
    pub ltlas: Vec<Ltla>,
    /// `sicbl` is empty here: see `assignments`.
    pub lsoas: Lsoas,
    pub assignments: Vec<Assignment>,
}

/// Each LSOA's sub-ICB location (an index into the area set's `sicbls`) in one area set.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub area_set: usize,
    pub sicbl: Vec<u8>,
}

/// One area set seen through one deprivation edition: what the engine reads. Every series is restated for the
/// set's areas (exactly for whole base areas, as a marked estimate for apportioned pieces), and the indicators
/// are those this frame can give, with their text and sources for its edition.
///
/// A frame is never changed after `Dataset::frame` makes it: its sources, measures and indicators (the three
/// catalogues a user's import extends) are private to ics-data and read through `shipped_sources`,
/// `shipped_measures` and `shipped_indicators`; the engine keeps a user's imports in its own layer over the frame
/// (`ics_engine::layer`). The other fields are public for reading; nothing outside ics-data and tests writes them.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "testdata", derive(Default))]
pub struct Frame {
    /// `Dataset::area_sets` and `Dataset::editions` indexes of this frame.
    pub area_set: usize,
    pub edition: usize,
    /// The set's and edition's descriptions (no tables).
    pub set: AreaSetInfo,
    pub edition_info: EditionInfo,
    pub meta: Meta,
    pub(crate) sources: Vec<Source>,
    pub regions: Vec<Region>,
    pub icss: Vec<Ics>,
    pub sicbls: Vec<Sicbl>,
    pub utlas: Vec<Utla>,
    pub ltlas: Vec<Ltla>,
    /// `Trust::ics` indexes the base set's areas; `parts` places them in this set.
    pub trusts: Vec<Trust>,
    pub lsoas: Lsoas,
    pub(crate) measures: Vec<Measure>,
    pub(crate) indicators: Vec<Indicator>,
    pub unavailable: Vec<Unavailable>,
    pub boundaries: Vec<Boundary>,
    /// The set's pieces of base areas (empty for the base set).
    pub parts: Vec<Part>,
    /// The measure whose values are each area's population of record (filters by size, peers by size).
    pub population: Option<usize>,
    /// For each area, the areas of the other set it is made from or became, with shares.
    pub links: Vec<Vec<Link>>,
    /// The other set's outlines, to draw under this set's on the map.
    pub other_boundaries: Vec<Boundary>,
    pub other_set: Option<AreaSetInfo>,
}

/// An area set's description, for labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "testdata", derive(Default))]
pub struct AreaSetInfo {
    pub id: String,
    pub name: String,
    pub period: String,
    pub geography: String,
}

/// An edition's description, for labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "testdata", derive(Default))]
pub struct EditionInfo {
    pub id: String,
    pub name: String,
    pub short: String,
    pub year: String,
    pub lsoa: String,
    pub population: String,
    pub indices: Vec<Deprivation>,
    pub age_85_plus: bool,
}

/// An area of the other set that an area is made from (`predecessor`) or went into.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub code: String,
    pub ods: String,
    pub name: String,
    /// Whether the other area is a predecessor (this set is the later one).
    pub predecessor: bool,
    /// The share of the predecessor's residents in the piece (Census 2021).
    pub share: f64,
    /// The piece's residents (Census 2021).
    pub residents: f64,
    pub lsoas: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "testdata", derive(Default))]
pub struct Meta {
    pub title: String,
    /// The Open Government Licence attribution the sources require, shown in the page footer.
    pub attribution: String,
    /// What built the file and from which folder (for provenance), e.g. "ics-explorer build-data from data/".
    pub built_by: String,
}

/// A published source: who, what, when, under which licence, and how it reached this repository.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub id: String,
    pub publisher: String,
    pub dataset: String,
    pub period: String,
    pub licence: String,
    pub url: String,
    /// The intermediary the extract was copied from (repository and commit), if any.
    pub via: String,
    /// The raw files under `data/` built from this source.
    pub files: Vec<String>,
    pub caveats: Vec<String>,
}

/// An NHS England region (July 2022).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Region {
    /// ONS code, E40…
    pub code: String,
    /// NHS ODS code, Y…
    pub ods: String,
    pub name: String,
}

/// An Integrated Care System, identified by its Integrated Care Board (July 2022 boundaries).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ics {
    /// ONS code, E54…
    pub code: String,
    /// NHS ODS code, Q..
    pub ods: String,
    /// Full ICB name, "NHS … Integrated Care Board".
    pub name: String,
    pub short_name: String,
    /// Index into `Dataset::regions`.
    pub region: usize,
}

/// A sub-ICB location (July 2022; mostly the former CCGs).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sicbl {
    /// ONS code, E38…
    pub code: String,
    /// NHS ODS code, e.g. 01F
    pub ods: String,
    pub name: String,
    pub ics: usize,
}

/// An upper-tier local authority (April 2021).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Utla {
    pub code: String,
    pub name: String,
}

/// A lower-tier local authority (2022), in one upper-tier authority.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ltla {
    pub code: String,
    pub name: String,
    pub utla: usize,
}

/// An NHS trust from the ODS register, with the ICB its headquarters are in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trust {
    /// ODS code, e.g. R0A
    pub code: String,
    pub name: String,
    /// None for trusts outside the 42 ICBs (the Welsh trusts in the register).
    pub ics: Option<usize>,
    /// "YYYY-MM-DD"
    pub opened: String,
    pub closed: Option<String>,
}

/// The index of deprivation a decile column refers to (IMD 2019, its seven domains, and the two
/// supplementary indices). Rank 1 and decile 1 are always the most deprived, nationally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Deprivation {
    Imd,
    Income,
    Employment,
    Education,
    Health,
    Crime,
    Barriers,
    LivingEnvironment,
    Idaci,
    Idaopi,
}

impl Deprivation {
    pub const ALL: [Deprivation; 10] = [
        Deprivation::Imd,
        Deprivation::Income,
        Deprivation::Employment,
        Deprivation::Education,
        Deprivation::Health,
        Deprivation::Crime,
        Deprivation::Barriers,
        Deprivation::LivingEnvironment,
        Deprivation::Idaci,
        Deprivation::Idaopi,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Deprivation::Imd => "imd",
            Deprivation::Income => "income",
            Deprivation::Employment => "employment",
            Deprivation::Education => "education",
            Deprivation::Health => "health",
            Deprivation::Crime => "crime",
            Deprivation::Barriers => "barriers",
            Deprivation::LivingEnvironment => "living_environment",
            Deprivation::Idaci => "idaci",
            Deprivation::Idaopi => "idaopi",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Deprivation::Imd => "Index of Multiple Deprivation",
            Deprivation::Income => "Income deprivation",
            Deprivation::Employment => "Employment deprivation",
            Deprivation::Education => "Education, skills and training deprivation",
            Deprivation::Health => "Health deprivation and disability",
            Deprivation::Crime => "Crime",
            Deprivation::Barriers => "Barriers to housing and services",
            Deprivation::LivingEnvironment => "Living environment deprivation",
            Deprivation::Idaci => "Income deprivation affecting children (IDACI)",
            Deprivation::Idaopi => "Income deprivation affecting older people (IDAOPI)",
        }
    }

    pub fn from_key(s: &str) -> Option<Deprivation> {
        Deprivation::ALL.into_iter().find(|d| d.key() == s)
    }
}

/// Mid-2020 population age bands held per LSOA. 65+ is the sum of the last three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeBand {
    #[serde(rename = "0_15")]
    Age0To15,
    #[serde(rename = "16_64")]
    Age16To64,
    #[serde(rename = "65_74")]
    Age65To74,
    #[serde(rename = "75_84")]
    Age75To84,
    #[serde(rename = "85_plus")]
    Age85Plus,
}

impl AgeBand {
    pub const ALL: [AgeBand; 5] = [AgeBand::Age0To15, AgeBand::Age16To64, AgeBand::Age65To74, AgeBand::Age75To84, AgeBand::Age85Plus];

    pub fn key(self) -> &'static str {
        match self {
            AgeBand::Age0To15 => "0_15",
            AgeBand::Age16To64 => "16_64",
            AgeBand::Age65To74 => "65_74",
            AgeBand::Age75To84 => "75_84",
            AgeBand::Age85Plus => "85_plus",
        }
    }
}

/// Number of LSOAs in England: 2011 and 2021 neighbourhoods.
pub const LSOAS_2011: usize = 32_844;
pub const LSOAS_2021: usize = 33_755;

/// The national decile of an IMD-style rank among `n` LSOAs: decile = ceil(rank / (n / 10)), in exact integer
/// arithmetic (ceil(rank / 3,284.4) for IMD 2019, ceil(rank / 3,375.5) for IMD 2025).
pub fn decile_of_rank(rank: u32, n: usize) -> u8 {
    let n = n.max(1) as u64;
    (rank as u64 * 10).div_ceil(n) as u8
}

/// All of England's LSOAs of one edition, column by column. Row `r` of every column is the same LSOA.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "testdata", derive(Default))]
pub struct Lsoas {
    /// The numeric part of the code: 1 for E01000001. Strictly increasing.
    pub code: Vec<u32>,
    /// In a frame, the index into `Frame::sicbls` (which gives the ICS); empty in an `Edition`, whose
    /// `assignments` hold one such column per area set.
    pub sicbl: Vec<u8>,
    /// Index into the edition's `ltlas` (which gives the upper-tier authority).
    pub ltla: Vec<u16>,
    /// IMD score in thousandths (92,735 for 92.735).
    pub imd_score: Vec<u32>,
    /// IMD national rank (1 = most deprived). Ties share a rank, as published.
    pub imd_rank: Vec<u16>,
    /// Income and employment domain rates in thousandths of the population (the IoD "scores").
    pub income_rate: Vec<u16>,
    pub employment_rate: Vec<u16>,
    /// National deciles (1 = most deprived) for each index, in `Deprivation::ALL` order; 0 for an index the
    /// edition does not have.
    pub deciles: [Vec<u8>; 10],
    /// Residents by age band, in `AgeBand::ALL` order (for an edition without 85+, all of 65+ is in 65–74).
    pub population: [Vec<u16>; 5],
}

impl Lsoas {
    pub fn len(&self) -> usize {
        self.code.len()
    }

    pub fn is_empty(&self) -> bool {
        self.code.is_empty()
    }

    pub fn code_string(&self, row: usize) -> String {
        format!("E01{:06}", self.code.get(row).copied().unwrap_or(0))
    }

    pub fn decile(&self, dep: Deprivation, row: usize) -> u8 {
        self.deciles[dep as usize][row]
    }

    pub fn total_population(&self, row: usize) -> u32 {
        self.population.iter().map(|c| u32::from(c[row])).sum()
    }
}

/// One ICS's outline: rings of (longitude, latitude) in units of 0.0001° (on the wire: `wire::boundary`).
#[derive(Debug, Clone, PartialEq)]
pub struct Boundary {
    pub ics: usize,
    pub rings: Vec<Vec<[i32; 2]>>,
}

/// An indicator the brief asks for that could not be sourced, with what is shipped instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unavailable {
    pub name: String,
    pub domain: Domain,
    pub reason: String,
    /// Ids of shipped indicators that stand in for it, if any.
    pub substitutes: Vec<String>,
}

/// A stored ICS-level series: one value per ICS per period (None where the source has none). On the wire:
/// `wire::measure`.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    pub id: String,
    pub name: String,
    /// Index into `Dataset::sources`.
    pub source: usize,
    pub period_kind: PeriodKind,
    /// Sorted ascending, unique.
    pub periods: Vec<String>,
    /// `values[p][i]`: period `p`, ICS `i`.
    pub values: Vec<Vec<Option<f64>>>,
    /// A published England value per period, where the source has one (else the engine sums the ICSs).
    pub england: Option<Vec<Option<f64>>>,
    pub flags: Vec<Flag>,
    /// The area set its values are for (`Dataset::area_sets` index).
    pub area_set: usize,
    /// Whether the values can be summed across areas (counts) or only averaged (scores, such as the Health
    /// Index): how a frame restates them for pieces of areas.
    pub additive: bool,
    /// In a frame: which areas' values are apportioned estimates (empty: none).
    pub estimated: Vec<bool>,
}

impl Measure {
    /// Whether area `i`'s values are apportioned estimates.
    pub fn is_estimated(&self, i: usize) -> bool {
        self.estimated.get(i).copied().unwrap_or(false)
    }
}

/// The most decimals the wire's fixed-point form carries; values needing more are written as plain numbers.
pub const MAX_DECIMALS: u32 = 9;

/// A known data-quality caveat attached to values of a measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flag {
    pub kind: FlagKind,
    /// Index into the measure's periods.
    pub period: usize,
    /// ICS indexes affected (may be empty when only the England value is).
    pub icss: Vec<usize>,
    /// Whether the England value for the period is affected.
    pub england: bool,
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// The value is known to be incomplete (e.g. missing trusts): compare with care.
    Incomplete,
    /// The value is absent for a known reason.
    Missing,
    /// A caveat worth reading that does not make the value incomplete.
    Note,
    /// A break in the series: the value sits on a level that an implausible month-on-month step put it on (the
    /// rule is in docs/schema.md); it is not comparable with the ICS's other months, nor safely with other ICSs.
    Break,
}

/// The break-in-series rule's limit: a month-on-month step is implausible when an ICS's value moves by more than
/// this factor either way relative to the median ICS's (more than 25% up or 20% down). See `build::series::breaks`.
pub const BREAK_FACTOR: f64 = 1.25;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// "2022-10"
    Month,
    /// "2022/23"
    FinancialYear,
    /// "2021"
    Year,
    /// Any other label (from a user's file), in the file's order.
    Label,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Domain {
    Context,
    Health,
    Integration,
    Elective,
    Workforce,
    /// Indicators a user imported into their own browser (never in a shipped dataset).
    User,
}

impl Domain {
    pub const ALL: [Domain; 6] = [Domain::Context, Domain::Health, Domain::Integration, Domain::Elective, Domain::Workforce, Domain::User];

    pub fn label(self) -> &'static str {
        match self {
            Domain::Context => "Organisational context",
            Domain::Health => "Population health and inequalities",
            Domain::Integration => "Integrating services",
            Domain::Elective => "Elective care",
            Domain::Workforce => "Workforce",
            Domain::User => "Your own data",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    HigherIsBetter,
    LowerIsBetter,
    /// Context, not performance: "higher" and "lower", never "better" or "worse".
    Neutral,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueType {
    Count,
    /// Events or people per `multiplier` of a denominator.
    Rate,
    /// A part of a whole, as a percentage.
    Proportion,
    /// An index or score with no natural denominator.
    Score,
}

/// How an indicator's value is obtained. Every computed figure is computed by the engine.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Formula {
    /// The measure's value as stored.
    Stored { measure: usize },
    /// `num / den × multiplier`, or with `complement`, `(1 − num / den) × multiplier` (e.g. "within 4 hours" from
    /// "over 4 hours"). A denominator with a single period applies to every period.
    Ratio { num: usize, den: usize, multiplier: f64, ci: CiMethod, complement: bool },
    /// Computed live from the LSOA table, for one period (the IMD or population year).
    Lsoa { stat: LsoaStat, period: String },
    /// Counted live from the organisation tables, for one period (the boundaries' year).
    Org { count: OrgCount, period: String },
    /// A value with its published 95% limits (a user's import, e.g. a Fingertips download).
    Given { value: usize, lower: Option<usize>, upper: Option<usize> },
}

/// A figure aggregated from LSOAs to each area.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LsoaStat {
    /// % of `weight` living in LSOAs in national deciles 1..=`cut` of `dep` (Core20: IMD, cut 2, population).
    DeprivedShare { dep: Deprivation, cut: u8, weight: Weight },
    /// Population-weighted mean of an LSOA score.
    MeanScore { score: Score },
    /// % of the population in the age bands from `from` upwards (65+ from 65_74; 85+ from 85_plus).
    AgeShare { from: AgeBand },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Weight {
    /// Each LSOA counts once.
    Lsoas,
    /// Mid-2020 population, all ages.
    Population,
    /// Mid-2020 population aged 0 to 15 (for IDACI).
    Children,
    /// Mid-2020 population aged 65 and over (for IDAOPI, which counts 60+; the nearest band held).
    Older,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Score {
    /// IMD 2019 score.
    Imd,
    /// Income domain rate, as a percentage.
    IncomeRate,
    /// Employment domain rate, as a percentage.
    EmploymentRate,
}

/// Organisational counts per ICS.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgCount {
    Lsoas,
    Sicbls,
    /// Upper-tier authorities with at least `min_pct` % of their LSOAs in the ICS.
    Utlas {
        min_pct: f64,
    },
    /// Lower-tier authorities with at least `min_pct` % of their LSOAs in the ICS.
    Ltlas {
        min_pct: f64,
    },
    /// NHS trusts headquartered in the ICS and open on `on` ("YYYY-MM-DD").
    Trusts {
        on: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CiMethod {
    None,
    /// Wilson score interval for a proportion.
    Wilson,
    /// Byar's approximation (exact Poisson below 10 events) for a count over a denominator.
    Byar,
}

/// Indicator metadata: everything a user needs to read a figure correctly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// Stable identifier used in URLs, the CLI and the JS API.
    pub id: String,
    pub name: String,
    pub domain: Domain,
    /// A sub-heading within the domain for the indicator picker (e.g. "ONS Health Index: Healthy people").
    pub group: String,
    pub definition: String,
    /// How values read, e.g. "people", "% of waiting list", "per 1,000 people".
    pub unit: String,
    pub polarity: Polarity,
    pub value_type: ValueType,
    /// Decimal places to show.
    pub decimals: u8,
    pub geography: String,
    pub formula: Formula,
    pub numerator: Option<String>,
    pub denominator: Option<String>,
    /// Indexes into `Dataset::sources`.
    pub sources: Vec<usize>,
    pub caveats: Vec<String>,
    /// Published standards or targets the indicator is read against (e.g. the NHS Constitution's), each with its
    /// source; most indicators have none, and none is ever made up.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub standards: Vec<Standard>,
}

/// A published standard or target for an indicator, in its unit, with who set it and where.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standard {
    pub value: f64,
    /// What it is, e.g. "NHS Constitution operational standard: 95% within 4 hours".
    pub label: String,
    /// The publication that sets it.
    pub source: String,
}
