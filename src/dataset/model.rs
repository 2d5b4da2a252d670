//! The trusted, in-memory dataset: plain typed tables whose cross-references have been checked.
//!
//! A value of [`Dataset`] exists only after [`super::load`] has validated it, so the engine can index with
//! the stored indexes without bounds anxiety. Nothing here reads files or talks to the browser.

use serde::Serialize;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dataset {
    /// Always [`SCHEMA_VERSION`]; first in the JSON so readers can check it before anything else.
    pub schema_version: u32,
    pub meta: Meta,
    pub sources: Vec<Source>,
    pub regions: Vec<Region>,
    pub icss: Vec<Ics>,
    pub measures: Vec<Measure>,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
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

/// A stored ICS-level series: one value per ICS per period (None where the source has none).
#[derive(Debug, Clone, PartialEq, Serialize)]
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
}

/// A known data-quality caveat attached to values of a measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flag {
    pub kind: FlagKind,
    /// Index into the measure's periods.
    pub period: usize,
    /// ICS indexes affected; empty means every ICS and the England value.
    pub icss: Vec<usize>,
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// "2022-10"
    Month,
    /// "2022/23"
    FinancialYear,
    /// "2021"
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Domain {
    Context,
    Health,
    Integration,
    Elective,
    Workforce,
}

impl Domain {
    pub const ALL: [Domain; 5] =
        [Domain::Context, Domain::Health, Domain::Integration, Domain::Elective, Domain::Workforce];

    pub fn label(self) -> &'static str {
        match self {
            Domain::Context => "Organisational context",
            Domain::Health => "Population health and inequalities",
            Domain::Integration => "Integrating services",
            Domain::Elective => "Elective care",
            Domain::Workforce => "Workforce",
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
    /// `num / den × multiplier`. A denominator with a single period applies to every period.
    Ratio { num: usize, den: usize, multiplier: f64, ci: CiMethod },
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
}
