//! Aggregation from LSOAs to any area: ICS, sub-ICB location, upper- and lower-tier local authority, NHS
//! region, England, or any subset (e.g. the parts of local authorities inside one ICS).
//!
//! One pass over the LSOAs accumulates, per area, the LSOA count, population by age band, the LSOA count and
//! population (all ages, children, older people) in every national decile of every index of deprivation, and
//! population-weighted sums of the LSOA scores. Every deprivation figure (quintile and decile shares, Core20
//! at any cut-off, weighted mean scores, age structure) is then read off these sums.

use ics_data::dataset::{AgeBand, Deprivation, Frame, LsoaStat, Lsoas, Score, Weight};
pub use lsoa_sums::{Columns, Keys, Rows};
use serde::Serialize;

/// A geography LSOAs can be aggregated to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Ics,
    Sicbl,
    Utla,
    Ltla,
    Region,
    England,
}

impl Level {
    pub const ALL: [Level; 6] = [Level::Ics, Level::Sicbl, Level::Utla, Level::Ltla, Level::Region, Level::England];

    pub fn label(self) -> &'static str {
        match self {
            Level::Ics => "Integrated care system",
            Level::Sicbl => "Sub-ICB location",
            Level::Utla => "Upper-tier local authority",
            Level::Ltla => "Lower-tier local authority",
            Level::Region => "NHS region",
            Level::England => "England",
        }
    }
}

const WEIGHTS: usize = 4;

fn weight_index(w: Weight) -> usize {
    match w {
        Weight::Lsoas => 0,
        Weight::Population => 1,
        Weight::Children => 2,
        Weight::Older => 3,
    }
}

/// Sums for one area. Shares and means are derived from these on demand.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaStats {
    pub lsoas: u32,
    /// Mid-2020 population by age band (`AgeBand::ALL` order).
    pub population: [f64; 5],
    /// `deciles[dep][decile - 1][weight]`: LSOAs, population, children (0–15) and older people (65+) in each
    /// national decile of each index.
    pub deciles: [[[f64; WEIGHTS]; 10]; 10],
    /// Population-weighted sums of the IMD score, income rate and employment rate (natural units).
    pub score_sums: [f64; 3],
}

impl Default for AreaStats {
    fn default() -> Self {
        AreaStats { lsoas: 0, population: [0.0; 5], deciles: [[[0.0; WEIGHTS]; 10]; 10], score_sums: [0.0; 3] }
    }
}

impl AreaStats {
    pub fn total_population(&self) -> f64 {
        self.population.iter().sum()
    }

    /// Total of a weight over the area (the denominator of shares).
    pub fn weight_total(&self, w: Weight) -> f64 {
        let k = weight_index(w);
        self.deciles[0].iter().map(|d| d[k]).sum()
    }

    /// The amount of `w` in national deciles `1..=cut` of `dep`, as a percentage of the area's total.
    pub fn deprived_share(&self, dep: Deprivation, cut: u8, w: Weight) -> f64 {
        let k = weight_index(w);
        let part: f64 = self.deciles[dep as usize][..usize::from(cut.min(10))].iter().map(|d| d[k]).sum();
        pct(part, self.weight_total(w))
    }

    /// Percentages of `w` in each national decile of `dep` (decile 1 first).
    pub fn decile_shares(&self, dep: Deprivation, w: Weight) -> [f64; 10] {
        let k = weight_index(w);
        let total = self.weight_total(w);
        std::array::from_fn(|d| pct(self.deciles[dep as usize][d][k], total))
    }

    /// Percentages of `w` in each national quintile of `dep` (quintile 1 = deciles 1 and 2).
    pub fn quintile_shares(&self, dep: Deprivation, w: Weight) -> [f64; 5] {
        let d = self.decile_shares(dep, w);
        std::array::from_fn(|q| d[2 * q] + d[2 * q + 1])
    }

    pub fn mean_score(&self, s: Score) -> f64 {
        let (i, scale) = match s {
            Score::Imd => (0, 1.0),
            Score::IncomeRate => (1, 100.0),
            Score::EmploymentRate => (2, 100.0),
        };
        let pop = self.total_population();
        if pop > 0.0 {
            self.score_sums[i] / pop * scale
        } else {
            f64::NAN
        }
    }

    /// Percentage of the population in the bands from `from` upwards.
    pub fn age_share(&self, from: AgeBand) -> f64 {
        let part: f64 = self.population[from as usize..].iter().sum();
        pct(part, self.total_population())
    }

    pub fn stat(&self, stat: LsoaStat) -> f64 {
        match stat {
            LsoaStat::DeprivedShare { dep, cut, weight } => self.deprived_share(dep, cut, weight),
            LsoaStat::MeanScore { score } => self.mean_score(score),
            LsoaStat::AgeShare { from } => self.age_share(from),
        }
    }
}

fn pct(part: f64, total: f64) -> f64 {
    if total > 0.0 {
        100.0 * part / total
    } else {
        f64::NAN
    }
}

/// Per-LSOA area indexes for every level, computed once.
#[derive(Debug, Clone)]
pub struct AreaIndex {
    pub ics: Vec<u8>,
    pub utla: Vec<u16>,
    pub region: Vec<u8>,
}

impl AreaIndex {
    pub fn new(ds: &Frame) -> AreaIndex {
        let l = &ds.lsoas;
        let ics: Vec<u8> = l.sicbl.iter().map(|&s| ds.sicbls[s as usize].ics as u8).collect();
        let utla = l.ltla.iter().map(|&t| ds.ltlas[t as usize].utla as u16).collect();
        let region = ics.iter().map(|&i| ds.icss[i as usize].region as u8).collect();
        AreaIndex { ics, utla, region }
    }
}

pub fn area_count(ds: &Frame, level: Level) -> usize {
    match level {
        Level::Ics => ds.icss.len(),
        Level::Sicbl => ds.sicbls.len(),
        Level::Utla => ds.utlas.len(),
        Level::Ltla => ds.ltlas.len(),
        Level::Region => ds.regions.len(),
        Level::England => 1,
    }
}

/// The columns of `l` the summing loop reads.
pub fn columns(l: &Lsoas) -> Columns<'_> {
    Columns {
        deciles: std::array::from_fn(|d| l.deciles[d].as_slice()),
        population: std::array::from_fn(|b| l.population[b].as_slice()),
        imd_score: &l.imd_score,
        income_rate: &l.income_rate,
        employment_rate: &l.employment_rate,
    }
}

/// Aggregates every LSOA to the areas of `level`.
pub fn aggregate(ds: &Frame, index: &AreaIndex, level: Level) -> Vec<AreaStats> {
    aggregate_rows(&columns(&ds.lsoas), Rows::All, keys(ds, index, level), area_count(ds, level))
}

/// Which area of `level` each LSOA is in.
pub fn keys<'a>(ds: &'a Frame, index: &'a AreaIndex, level: Level) -> Keys<'a> {
    match level {
        Level::Ics => Keys::U8(&index.ics),
        Level::Sicbl => Keys::U8(&ds.lsoas.sicbl),
        Level::Utla => Keys::U16(&index.utla),
        Level::Ltla => Keys::U16(&ds.lsoas.ltla),
        Level::Region => Keys::U8(&index.region),
        Level::England => Keys::One,
    }
}

/// Sums `rows` into `groups` groups by `keys` (exactly, in integers: see the `lsoa-sums` crate).
pub fn aggregate_rows(cols: &Columns, rows: Rows, keys: Keys, groups: usize) -> Vec<AreaStats> {
    lsoa_sums::sum(cols, rows, keys, groups).iter().map(AreaStats::from_sums).collect()
}

impl AreaStats {
    fn from_sums(s: &lsoa_sums::Sums) -> AreaStats {
        let mut out = AreaStats { lsoas: s.rows, population: s.population.map(|p| p as f64), ..AreaStats::default() };
        for (k, w) in s.deciles.iter().enumerate() {
            out.deciles[k / 10][k % 10] = w.map(|x| x as f64);
        }
        out.score_sums = s.weighted_scores.map(|x| x as f64 / 1000.0);
        out
    }
}
