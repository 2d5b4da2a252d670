//! The LSOA table's wire form: one packed, deflated, base64 column per field (see `codec`), plus the encodings that
//! make it small without dropping anything:
//! - codes as ascending deltas;
//! - the IMD rank as an offset within its group of equal published scores (ranks follow scores, so the rest
//!   of the rank is implied by the score; ties in the 3-decimal scores are why an offset is needed at all);
//! - the IMD decile not stored at all: it is exactly ceil(rank / 3,284.4), which the build verifies;
//! - correlated fields stored as the residual from a prediction made from fields decoded before them (a domain
//!   decile from the IMD decile, the income decile from the income rate, older age bands from younger ones…).
//!   The predictor travels with the column (`"predict"`), so a reader needs no fitted numbers of its own, and
//!   any column may also be stored plainly. Residuals are small, so deflate codes them in fewer bits.
//!
//! Decoding validates every row and names it (`lsoa E01000001: sicbl index 200 out of range 0..106`).

use super::codec::{self, Packing};
use super::model::*;
use super::problem::Log;
use crate::json::Json;

/// How the build stores a column.
#[derive(Debug, Clone, Copy)]
enum Plan {
    /// As it is, in this packing.
    Plain(Packing),
    /// As the residual from a least-squares fit on earlier columns (see [`Rule::Linear`]).
    Linear(&'static [&'static str]),
    /// A decile, as the residual from the decile band an earlier column's value falls in (see [`Rule::Bands`]).
    Bands(&'static str),
}

/// A table's layout: which columns it stores, and how, in decoding order. One per edition, as the editions
/// publish different things (IDACI and IDAOPI at LSOA level only in 2019; 85+ only in the 2020 estimates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// IMD 2019 on the 32,844 LSOAs (2011), mid-2020 populations in five age bands.
    Imd2019,
    /// IMD 2025 on the 33,755 LSOAs (2021), Census 2021 populations: 0–15, 16–64 and 65+.
    Imd2025,
}

impl Layout {
    pub fn key(self) -> &'static str {
        match self {
            Layout::Imd2019 => "imd2019",
            Layout::Imd2025 => "imd2025",
        }
    }

    pub fn from_key(k: &str) -> Option<Layout> {
        [Layout::Imd2019, Layout::Imd2025].into_iter().find(|l| l.key() == k)
    }

    /// England's LSOAs in this edition.
    pub fn count(self) -> usize {
        match self {
            Layout::Imd2019 => LSOAS_2011,
            Layout::Imd2025 => LSOAS_2021,
        }
    }

    /// The indices with deciles in this layout.
    pub fn indices(self) -> Vec<Deprivation> {
        match self {
            Layout::Imd2019 => Deprivation::ALL.to_vec(),
            Layout::Imd2025 => Deprivation::ALL[..8].to_vec(),
        }
    }

    /// Every stored column and how the build stores it, in decoding order: a predictor may only use columns
    /// before it, and `imd_decile` (derived from `imd_score` and `imd_rank_offset`). The predictors were chosen
    /// by measuring the deflated size of each column against each candidate (docs/performance.md).
    fn columns(self) -> &'static [(&'static str, Plan)] {
        match self {
            Layout::Imd2019 => &LAYOUT_2019,
            Layout::Imd2025 => &LAYOUT_2025,
        }
    }
}

const LAYOUT_2019: [(&str, Plan); 20] = [
    ("code", Plan::Plain(Packing::DeltaVarint)),
    ("ltla", Plan::Plain(Packing::U16)),
    ("income_rate", Plan::Plain(Packing::U16)),
    ("employment_rate", Plan::Linear(&["income_rate"])),
    ("imd_score", Plan::Linear(&["income_rate", "employment_rate"])),
    ("imd_rank_offset", Plan::Plain(Packing::U8)),
    ("decile_income", Plan::Bands("income_rate")),
    ("decile_employment", Plan::Bands("employment_rate")),
    ("decile_education", Plan::Linear(&["imd_decile"])),
    ("decile_health", Plan::Linear(&["decile_employment"])),
    ("decile_crime", Plan::Plain(Packing::U4)),
    ("decile_barriers", Plan::Plain(Packing::U4)),
    ("decile_living_environment", Plan::Plain(Packing::U4)),
    ("decile_idaci", Plan::Linear(&["decile_income"])),
    ("decile_idaopi", Plan::Bands("income_rate")),
    ("pop_16_64", Plan::Plain(Packing::U16)),
    ("pop_65_74", Plan::Plain(Packing::U16)),
    ("pop_75_84", Plan::Linear(&["pop_65_74"])),
    ("pop_85_plus", Plan::Linear(&["pop_75_84", "pop_65_74"])),
    ("pop_0_15", Plan::Linear(&["pop_16_64", "income_rate"])),
];

const LAYOUT_2025: [(&str, Plan); 16] = [
    ("code", Plan::Plain(Packing::DeltaVarint)),
    ("ltla", Plan::Plain(Packing::U16)),
    ("income_rate", Plan::Plain(Packing::U16)),
    ("employment_rate", Plan::Linear(&["income_rate"])),
    ("imd_score", Plan::Linear(&["income_rate", "employment_rate"])),
    ("imd_rank_offset", Plan::Plain(Packing::U8)),
    ("decile_income", Plan::Bands("income_rate")),
    ("decile_employment", Plan::Bands("employment_rate")),
    ("decile_education", Plan::Linear(&["imd_decile"])),
    ("decile_health", Plan::Linear(&["decile_employment"])),
    ("decile_crime", Plan::Plain(Packing::U4)),
    ("decile_barriers", Plan::Plain(Packing::U4)),
    ("decile_living_environment", Plan::Plain(Packing::U4)),
    ("pop_16_64", Plan::Plain(Packing::U16)),
    ("pop_65_plus", Plan::Linear(&["pop_16_64"])),
    ("pop_0_15", Plan::Linear(&["pop_16_64", "income_rate"])),
];

/// The derived column predictors may use once `imd_rank_offset` is decoded.
const IMD_DECILE: &str = "imd_decile";

/// A column's predictor as it travels on the wire: `{"from": [columns], …rule}`. The stored value is
/// `zigzag(value − prediction)` (0, −1, 1, −2… as 0, 1, 2, 3…).
#[derive(Debug, Clone, PartialEq)]
struct Predictor {
    /// The columns the prediction is made from (1 to 3; 1 for bands), decoded before this one.
    from: Vec<String>,
    rule: Rule,
}

#[derive(Debug, Clone, PartialEq)]
enum Rule {
    /// `"coef": [ca, cb], "bias": k`: floor((k + ca·a + cb·b) / 65536).
    Linear { coef: Vec<i64>, bias: i64 },
    /// `"bands": [t1, …, t9]`: 1 + the number of thresholds above the value (decile 1 holds the highest values:
    /// the most deprived).
    Bands(Vec<i64>),
}

/// Bounds that keep a hostile predictor's arithmetic inside i64 (values are below 2^32).
const MAX_COEF: i64 = 1 << 24;
const MAX_BIAS: i64 = 1 << 40;

impl Predictor {
    /// The prediction for each row, from the predictor's input columns (in the order of `from`).
    fn predict(&self, inputs: &[&[u32]], n: usize) -> Vec<i64> {
        match &self.rule {
            Rule::Linear { coef, bias } => (0..n)
                .map(|r| {
                    let sum: i64 = coef.iter().zip(inputs).map(|(c, col)| c * i64::from(col[r])).sum();
                    (bias + sum).div_euclid(65_536)
                })
                .collect(),
            Rule::Bands(bands) => inputs[0].iter().map(|&x| 1 + bands.iter().filter(|&&t| i64::from(x) < t).count() as i64).collect(),
        }
    }

    /// Reads `{"from": …, "coef": …, "bias": …}` or `{"from": …, "bands": …}`; the reason when it is neither.
    fn read(v: &Json) -> Result<Predictor, String> {
        const SHAPE: &str =
            "should be {\"from\": [columns], \"coef\": [integers], \"bias\": integer} or {\"from\": [column], \"bands\": [9 integers]}";
        let ints =
            |v: Option<&Json>, max: i64| -> Option<Vec<i64>> { v?.as_array()?.iter().map(|x| x.as_i64().filter(|x| x.abs() <= max)).collect() };
        let from: Option<Vec<String>> = v.get("from").and_then(Json::as_array).and_then(|a| a.iter().map(|x| x.as_str().map(String::from)).collect());
        let Some(from) = from.filter(|f| (1..=3).contains(&f.len())) else {
            return Err(format!("{SHAPE}: \"from\" must list 1 to 3 column names"));
        };
        if let Some(bands) = v.get("bands") {
            return match ints(Some(bands), MAX_COEF) {
                Some(bands) if bands.len() == 9 && from.len() == 1 => Ok(Predictor { from, rule: Rule::Bands(bands) }),
                _ => Err(format!("{SHAPE}: bands must be 9 integers of at most 2^24 and from one column")),
            };
        }
        let coef = ints(v.get("coef"), MAX_COEF).filter(|c| c.len() == from.len());
        let bias = v.get("bias").and_then(Json::as_i64).filter(|b| b.abs() <= MAX_BIAS);
        match (coef, bias) {
            (Some(coef), Some(bias)) => Ok(Predictor { from, rule: Rule::Linear { coef, bias } }),
            _ => Err(format!("{SHAPE}: one coefficient of at most 2^24 per column and a bias of at most 2^40")),
        }
    }
}

impl serde::Serialize for Predictor {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("from", &self.from)?;
        match &self.rule {
            Rule::Linear { coef, bias } => {
                m.serialize_entry("coef", coef)?;
                m.serialize_entry("bias", bias)?;
            }
            Rule::Bands(bands) => m.serialize_entry("bands", bands)?,
        }
        m.end()
    }
}

/// Fits `y ≈ bias + Σ coef·x` by least squares (normal equations, Gaussian elimination), in the wire's
/// fixed point: coefficients × 65,536, and the bias rounded so that the floor in `predict` rounds to nearest.
fn fit_linear(from: &[&str], inputs: &[&[u32]], y: &[u32]) -> Predictor {
    let k = inputs.len() + 1;
    let mut a = vec![vec![0f64; k + 1]; k];
    let mut x = vec![1f64; k];
    for r in 0..y.len() {
        for (xi, col) in x.iter_mut().zip(inputs) {
            *xi = f64::from(col[r]);
        }
        for i in 0..k {
            for j in 0..k {
                a[i][j] += x[i] * x[j];
            }
            a[i][k] += x[i] * f64::from(y[r]);
        }
    }
    for c in 0..k {
        let pivot = (c..k).max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs())).unwrap_or(c);
        a.swap(c, pivot);
        if a[c][c].abs() < 1e-9 {
            continue;
        }
        for i in 0..k {
            if i != c {
                let f = a[i][c] / a[c][c];
                for j in c..=k {
                    a[i][j] -= f * a[c][j];
                }
            }
        }
    }
    let beta = |i: usize| if a[i][i].abs() < 1e-9 { 0.0 } else { a[i][k] / a[i][i] };
    let fixed = |b: f64, max: i64| ((b * 65_536.0).round() as i64).clamp(-max, max);
    Predictor {
        from: from.iter().map(|f| f.to_string()).collect(),
        rule: Rule::Linear {
            coef: (0..k - 1).map(|i| fixed(beta(i), MAX_COEF)).collect(),
            bias: (fixed(beta(k - 1), MAX_BIAS) + 32_768).min(MAX_BIAS),
        },
    }
}

/// Decile bands for `Rule::Bands`: the lowest value in each of deciles 1 to 9 of `x`, ranked highest first.
fn fit_bands(from: &str, x: &[u32]) -> Predictor {
    let mut sorted = x.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let n = sorted.len();
    Predictor {
        from: vec![from.to_string()],
        rule: Rule::Bands((1..=9).map(|k| sorted.get((k * n / 10).max(1) - 1).map_or(0, |&v| i64::from(v))).collect()),
    }
}

/// The smallest fixed-width packing that holds every value.
fn smallest_packing(values: &[u32]) -> Packing {
    match values.iter().max().copied().unwrap_or(0) {
        0..=15 => Packing::U4,
        16..=255 => Packing::U8,
        256..=65_535 => Packing::U16,
        _ => Packing::U24,
    }
}

fn zigzag(d: i64) -> u32 {
    (if d >= 0 { d << 1 } else { ((-d) << 1) - 1 }) as u32
}

fn unzigzag(z: u32) -> i64 {
    let z = i64::from(z);
    if z & 1 == 0 {
        z >> 1
    } else {
        -((z + 1) >> 1)
    }
}

/// For each row, the rank its score implies for the first of its tied group: 1 + the number of higher scores.
fn group_start_ranks(score: &[u32]) -> Vec<u32> {
    let order = crate::sort::order(score.len(), &|a, b| score[b].cmp(&score[a]));
    let mut start = vec![0u32; score.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j < order.len() && score[order[j]] == score[order[i]] {
            start[order[j]] = i as u32 + 1;
            j += 1;
        }
        i = j;
    }
    start
}

/// The size of each row's tied-score group, from the group start ranks.
fn group_sizes(start: &[u32]) -> Vec<u32> {
    let mut size_by_start = vec![0u32; start.len() + 2];
    for &s in start {
        size_by_start[s as usize] += 1;
    }
    start.iter().map(|&s| size_by_start[s as usize]).collect()
}

/// Every field that is stored or predicted from, by wire name, including the derived `imd_decile`.
fn fields(l: &Lsoas, offset: Vec<u32>) -> Vec<(String, Vec<u32>)> {
    let u16s = |v: &[u16]| v.iter().map(|&x| u32::from(x)).collect::<Vec<u32>>();
    let u8s = |v: &[u8]| v.iter().map(|&x| u32::from(x)).collect::<Vec<u32>>();
    let mut f: Vec<(String, Vec<u32>)> = vec![
        ("code".into(), l.code.clone()),
        ("ltla".into(), u16s(&l.ltla)),
        ("imd_score".into(), l.imd_score.clone()),
        ("imd_rank_offset".into(), offset),
        ("income_rate".into(), u16s(&l.income_rate)),
        ("employment_rate".into(), u16s(&l.employment_rate)),
        (IMD_DECILE.into(), u8s(&l.deciles[Deprivation::Imd as usize])),
    ];
    for d in &Deprivation::ALL[1..] {
        f.push((format!("decile_{}", d.key()), u8s(&l.deciles[*d as usize])));
    }
    for b in AgeBand::ALL {
        f.push((format!("pop_{}", b.key()), u16s(&l.population[b as usize])));
    }
    let older = (0..l.len()).map(|r| l.population[2..].iter().map(|c| u32::from(c[r])).sum()).collect();
    f.push(("pop_65_plus".into(), older));
    f
}

/// One column as it goes on the wire.
pub struct WireColumn {
    pub name: &'static str,
    pub packing: Packing,
    predictor: Option<Predictor>,
    pub data: String,
}

/// The wire columns, in layout order.
pub fn encode(l: &Lsoas, layout: Layout) -> Result<Vec<WireColumn>, String> {
    let start = group_start_ranks(&l.imd_score);
    let mut offset = Vec::with_capacity(l.len());
    for (r, (&rank, &s)) in l.imd_rank.iter().zip(&start).enumerate() {
        let off = u32::from(rank)
            .checked_sub(s)
            .ok_or_else(|| format!("lsoa {}: IMD rank {rank} is above the {s} its score implies: ranks must follow scores", l.code_string(r)))?;
        offset.push(off);
    }
    for (r, &rank) in l.imd_rank.iter().enumerate() {
        if decile_of_rank(u32::from(rank), layout.count()) != l.deciles[Deprivation::Imd as usize][r] {
            return Err(format!("lsoa {}: IMD decile is not ceil(rank / {} / 10)", l.code_string(r), layout.count()));
        }
    }
    let fields = fields(l, offset);
    let get = |name: &str| column(&fields, name);
    let mut out = Vec::new();
    for &(name, plan) in layout.columns() {
        let values = get(name);
        let (packing, predictor, stored) = match plan {
            Plan::Plain(p) => (p, None, values.to_vec()),
            Plan::Linear(from) => residuals(fit_linear(from, &from.iter().map(|f| get(f)).collect::<Vec<_>>(), values), &fields, values),
            Plan::Bands(from) => residuals(fit_bands(from, get(from)), &fields, values),
        };
        let data = codec::encode_column(&stored, packing).map_err(|e| format!("lsoa column {name}: {e}"))?;
        out.push(WireColumn { name, packing, predictor, data });
    }
    Ok(out)
}

/// The field called `name` (empty if there is none: the layout names only fields that exist).
fn column<'a>(fields: &'a [(String, Vec<u32>)], name: &str) -> &'a [u32] {
    fields.iter().find(|(n, _)| n == name).map_or(&[], |(_, v)| v.as_slice())
}

/// The column stored as residuals from `predictor`, in the smallest packing that holds them.
fn residuals(predictor: Predictor, fields: &[(String, Vec<u32>)], values: &[u32]) -> (Packing, Option<Predictor>, Vec<u32>) {
    let inputs: Vec<&[u32]> = predictor.from.iter().map(|f| column(fields, f)).collect();
    let stored: Vec<u32> = predictor.predict(&inputs, values.len()).into_iter().zip(values).map(|(p, &v)| zigzag(i64::from(v) - p)).collect();
    (smallest_packing(&stored), Some(predictor), stored)
}

/// An edition on the wire: its description, local authorities and `"lsoas"`, the table as `{"layout": id,
/// "count": n, "columns": {name: {"packing": p, "predict": {…}, "data": base64}}, "assignments": [{"area_set":
/// k, "packing": "u8", "data": base64}]}` (`predict` only where used; one assignment per area set).
impl serde::Serialize for Edition {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeMap, SerializeStruct};
        struct Column<'a>(&'a WireColumn);
        impl serde::Serialize for Column<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(None)?;
                m.serialize_entry("packing", self.0.packing.name())?;
                if let Some(p) = &self.0.predictor {
                    m.serialize_entry("predict", p)?;
                }
                m.serialize_entry("data", &self.0.data)?;
                m.end()
            }
        }
        struct Columns<'a>(&'a [WireColumn]);
        impl serde::Serialize for Columns<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.len()))?;
                for c in self.0 {
                    m.serialize_entry(c.name, &Column(c))?;
                }
                m.end()
            }
        }
        #[derive(serde::Serialize)]
        struct Assigned {
            area_set: usize,
            packing: &'static str,
            data: String,
        }
        #[derive(serde::Serialize)]
        struct Table<'a> {
            layout: &'static str,
            count: usize,
            columns: Columns<'a>,
            assignments: Vec<Assigned>,
        }
        let layout = Layout::from_key(&self.id).ok_or_else(|| S::Error::custom(format!("no LSOA table layout for edition {}", self.id)))?;
        let cols = encode(&self.lsoas, layout).map_err(S::Error::custom)?;
        let mut assignments = Vec::new();
        for a in &self.assignments {
            let values: Vec<u32> = a.sicbl.iter().map(|&x| u32::from(x)).collect();
            let data = codec::encode_column(&values, Packing::U8).map_err(S::Error::custom)?;
            assignments.push(Assigned { area_set: a.area_set, packing: Packing::U8.name(), data });
        }
        let mut st = s.serialize_struct("Edition", 13)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("name", &self.name)?;
        st.serialize_field("short", &self.short)?;
        st.serialize_field("year", &self.year)?;
        st.serialize_field("lsoa", &self.lsoa)?;
        st.serialize_field("population", &self.population)?;
        st.serialize_field("population_year", &self.population_year)?;
        st.serialize_field("sources", &self.sources)?;
        st.serialize_field("indices", &self.indices)?;
        st.serialize_field("age_85_plus", &self.age_85_plus)?;
        st.serialize_field("utlas", &self.utlas)?;
        st.serialize_field("ltlas", &self.ltlas)?;
        st.serialize_field("lsoas", &Table { layout: layout.key(), count: self.lsoas.len(), columns: Columns(&cols), assignments })?;
        st.end()
    }
}

/// Decodes and checks an edition's table (`layout` is the edition's). `n_ltlas` bounds the local authority
/// indexes, and `n_sicbls[k]` area set `k`'s sub-ICB locations.
pub fn decode(v: &Json, layout: Layout, n_ltlas: usize, n_sicbls: &[usize], log: &mut Log) -> Option<(Lsoas, Vec<Assignment>)> {
    log.at("lsoas", None);
    let m = log.obj(v, "lsoas")?;
    if m.get("layout").and_then(Json::as_str) != Some(layout.key()) {
        log.push("layout", format!("should be \"{}\", the edition's", layout.key()));
        return None;
    }
    let expected = layout.count();
    let count = match log.get(m, "count")?.as_u64() {
        Some(n) if n as usize == expected => expected,
        other => {
            log.push(
                "count",
                format!(
                    "is {}, but England has {expected} LSOAs in this edition: the table is incomplete",
                    other.map_or("not a whole number".into(), |n| n.to_string())
                ),
            );
            return None;
        }
    };
    let cols = log.get(m, "columns")?;
    let cols = log.obj(cols, "columns")?;
    // Decoded columns by name, in layout order, with `imd_decile` after `imd_rank_offset`.
    let mut data: Vec<(&str, Vec<u32>)> = Vec::new();
    let mut ranks: Option<(Vec<u32>, Vec<u32>, Vec<u16>)> = None; // group start ranks, group sizes, ranks
    for &(name, _) in layout.columns() {
        log.at("lsoas", None);
        let field = format!("columns.{name}");
        let Some(c) = cols.get(name) else {
            log.push(&field, "is missing");
            continue;
        };
        let Json::Obj(_) = c else {
            log.push(&field, format!("should be an object with packing and data, found {}", c.kind()));
            continue;
        };
        let packing = c.get("packing").and_then(Json::as_str).and_then(Packing::from_name);
        let text = c.get("data").and_then(Json::as_str);
        let (Some(packing), Some(text)) = (packing, text) else {
            log.push(&field, "needs \"packing\" (u4, u8, u16, u24 or delta-varint) and \"data\" (base64 text)");
            continue;
        };
        let stored = match codec::decode_column(text, packing, count) {
            Ok(values) => values,
            Err(e) => {
                log.push(&field, e);
                continue;
            }
        };
        let values = match c.get("predict").map(Predictor::read) {
            None => stored,
            Some(Err(e)) => {
                log.push(&format!("{field}.predict"), e);
                continue;
            }
            Some(Ok(p)) => {
                let inputs: Option<Vec<&[u32]>> = p.from.iter().map(|f| data.iter().find(|(n, _)| n == f).map(|(_, v)| v.as_slice())).collect();
                let Some(inputs) = inputs else {
                    let known: Vec<&str> = data.iter().map(|(n, _)| *n).collect();
                    log.push(
                        &format!("{field}.predict"),
                        format!("uses {}, but a predictor can only use columns decoded before it: {}", p.from.join(", "), known.join(", ")),
                    );
                    continue;
                };
                // A bad row is reported once and kept as 0, so the checks below still find the damage's cause.
                let mut reported = false;
                let mut values = Vec::with_capacity(count);
                for (r, (&z, p)) in stored.iter().zip(p.predict(&inputs, count)).enumerate() {
                    let v = u32::try_from(p + unzigzag(z)).ok();
                    if v.is_none() && !reported {
                        reported = true;
                        let at = match data.first() {
                            Some(("code", codes)) => format!("lsoa E01{:06}", codes[r]),
                            _ => format!("row {}", r + 1),
                        };
                        log.push(
                            &field,
                            format!("at {at}: the prediction plus the stored residual is {}, out of range: the column is damaged", p + unzigzag(z)),
                        );
                    }
                    values.push(v.unwrap_or(0));
                }
                values
            }
        };
        data.push((name, values));
        if name == "imd_rank_offset" {
            let (Some((_, score)), Some((_, offset))) = (data.iter().find(|(n, _)| *n == "imd_score"), data.last()) else {
                continue;
            };
            let start = group_start_ranks(score);
            let sizes = group_sizes(&start);
            let rank: Vec<u16> = (0..count).map(|r| (start[r].saturating_add(offset[r])).min(count as u32) as u16).collect();
            data.push((IMD_DECILE, rank.iter().map(|&r| u32::from(decile_of_rank(u32::from(r), count))).collect()));
            ranks = Some((start, sizes, rank));
        }
    }
    let assignments = decode_assignments(m, count, n_sicbls, log);
    let (Some((_, sizes, rank)), true, Some(assignments)) = (ranks, data.len() == layout.columns().len() + 1, assignments) else {
        return None;
    };
    let mut take = |name: &str| data.iter_mut().find(|(n, _)| *n == name).map(|(_, v)| std::mem::take(v)).unwrap_or_default();
    let (code, ltla, imd_score, offset, income, employment) =
        (take("code"), take("ltla"), take("imd_score"), take("imd_rank_offset"), take("income_rate"), take("employment_rate"));
    let imd_decile = take(IMD_DECILE);
    let indices = layout.indices();
    // Deciles of the indices this layout has; the others stay empty (filled with 0 below).
    let dec: Vec<(Deprivation, Vec<u32>)> = indices[1..].iter().map(|d| (*d, take(&format!("decile_{}", d.key())))).collect();
    // Age bands in `AgeBand::ALL` order; without 85+, all of 65+ goes in the 65–74 band.
    let pop: Vec<Vec<u32>> = match layout {
        Layout::Imd2019 => AgeBand::ALL.iter().map(|b| take(&format!("pop_{}", b.key()))).collect(),
        Layout::Imd2025 => vec![take("pop_0_15"), take("pop_16_64"), take("pop_65_plus"), vec![0; count], vec![0; count]],
    };

    let before = log.problems.len();
    let name = |r: usize| format!("E01{:06}", code[r]);
    let bad_row = |log: &mut Log, r: usize, field: &str, msg: String| {
        log.push_in("lsoa", Some(name(r)), field, msg);
    };
    for r in 0..count {
        if code[r] > 999_999 || (r > 0 && code[r] <= code[r - 1]) {
            bad_row(log, r, "code", "is not after the previous LSOA's code: codes must be unique and ascending".into());
        }
        if ltla[r] as usize >= n_ltlas {
            bad_row(log, r, "ltla", format!("index {} out of range 0..{n_ltlas}", ltla[r]));
        }
        if imd_score[r] > 100_000 {
            bad_row(
                log,
                r,
                "imd_score",
                format!("is {}, but IMD scores lie between 0 and 100", crate::format::plain(f64::from(imd_score[r]) / 1000.0, 3)),
            );
        }
        for (field, v) in [("income_rate", income[r]), ("employment_rate", employment[r])] {
            if v > 1000 {
                bad_row(log, r, field, format!("is {}, but a rate lies between 0 and 1", crate::format::plain(f64::from(v) / 1000.0, 3)));
            }
        }
        for (d, col) in &dec {
            if !(1..=10).contains(&col[r]) {
                bad_row(log, r, &format!("decile_{}", d.key()), format!("is {}, expected 1 to 10", col[r]));
            }
        }
        if pop.iter().map(|c| c[r]).sum::<u32>() == 0 {
            bad_row(log, r, "population", "is 0 in every age band: every LSOA has residents".into());
        }
        for a in &assignments {
            if usize::from(a.sicbl[r]) >= n_sicbls.get(a.area_set).copied().unwrap_or(0) {
                bad_row(log, r, &format!("assignments[{}]", a.area_set), format!("sub-ICB location index {} out of range", a.sicbl[r]));
            }
        }
    }
    for r in 0..count {
        if offset[r] >= sizes[r] {
            bad_row(log, r, "imd_rank_offset", format!("is {}, but only {} LSOA(s) share its score", offset[r], sizes[r]));
        }
    }
    if log.problems.len() > before {
        return None;
    }
    let mut deciles: [Vec<u8>; 10] = std::array::from_fn(|_| vec![0; count]);
    deciles[0] = imd_decile.into_iter().map(|x| x as u8).collect();
    for (d, col) in dec {
        deciles[d as usize] = col.into_iter().map(|x| x as u8).collect();
    }
    // National deciles are equal tenths of all LSOAs (3,284 or 3,285 of 32,844). Anything else is damage.
    let (lo, hi) = (count / 10, count.div_ceil(10));
    for d in indices {
        let mut counts = [0usize; 11];
        for &x in &deciles[d as usize] {
            counts[usize::from(x.min(10))] += 1;
        }
        if let Some(k) = (1..=10).find(|&k| !(lo..=hi).contains(&counts[k])) {
            log.push_in(
                "lsoas",
                None,
                &format!("decile_{}", d.key()),
                format!("has {} LSOAs in decile {k}, but a national decile holds {lo} or {hi}: the column is damaged", counts[k]),
            );
        }
    }
    let mut population: [Vec<u16>; 5] = Default::default();
    for (i, col) in pop.into_iter().enumerate() {
        if col.iter().any(|&x| x > u32::from(u16::MAX)) {
            log.push_in("lsoas", None, "population", "has a band above 65,535 residents in one LSOA: the column is damaged");
        }
        population[i] = col.into_iter().map(|x| x.min(u32::from(u16::MAX)) as u16).collect();
    }
    let total: u64 = population.iter().flatten().map(|&x| u64::from(x)).sum();
    if !(50_000_000..=62_000_000).contains(&total) {
        log.push_in("lsoas", None, "population", format!("sums to {total}, but England's population is about 56 to 57 million"));
    }
    Some((
        Lsoas {
            code,
            sicbl: Vec::new(),
            ltla: ltla.into_iter().map(|x| x as u16).collect(),
            imd_score,
            imd_rank: rank,
            income_rate: income.into_iter().map(|x| x as u16).collect(),
            employment_rate: employment.into_iter().map(|x| x as u16).collect(),
            deciles,
            population,
        },
        assignments,
    ))
}

/// Reads `"assignments": [{"area_set": k, "packing": "u8", "data": …}]`: one sub-ICB column per area set.
fn decode_assignments(m: &Json, count: usize, n_sicbls: &[usize], log: &mut Log) -> Option<Vec<Assignment>> {
    log.at("lsoas", None);
    let mut out: Vec<Assignment> = Vec::new();
    for (k, a) in log.array(m, "assignments")?.iter().enumerate() {
        let field = format!("assignments[{k}]");
        let set = a.get("area_set").and_then(Json::as_u64).map(|x| x as usize).filter(|&x| x < n_sicbls.len());
        let packing = a.get("packing").and_then(Json::as_str).and_then(Packing::from_name);
        let data = a.get("data").and_then(Json::as_str);
        let (Some(area_set), Some(packing), Some(data)) = (set, packing, data) else {
            log.push(&field, format!("needs \"area_set\" (0 to {}), \"packing\" and \"data\"", n_sicbls.len().saturating_sub(1)));
            return None;
        };
        if out.iter().any(|x| x.area_set == area_set) {
            log.push(&field, format!("repeats area set {area_set}"));
            return None;
        }
        match codec::decode_column(data, packing, count) {
            Ok(values) if values.iter().all(|&v| v < 256) => out.push(Assignment { area_set, sicbl: values.into_iter().map(|v| v as u8).collect() }),
            Ok(_) => {
                log.push(&field, "holds an index above 255");
                return None;
            }
            Err(e) => {
                log.push(&field, e);
                return None;
            }
        }
    }
    if out.is_empty() {
        log.push("assignments", "is empty: the table must place its LSOAs in at least one area set");
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zigzag_round_trips_small_differences_to_small_numbers() {
        for (d, z) in [(0, 0), (-1, 1), (1, 2), (-2, 3), (2, 4), (-9, 17)] {
            assert_eq!(zigzag(d), z);
            assert_eq!(unzigzag(z), d);
        }
    }

    #[test]
    fn predictors_compute_what_the_schema_says() {
        // floor((k + Σ c·x) / 65536), rounding towards −∞ for negative sums too.
        let linear = Predictor { from: vec!["a".into(), "b".into()], rule: Rule::Linear { coef: vec![65_536, -32_768], bias: 32_768 } };
        assert_eq!(linear.predict(&[&[10, 0, 0], &[4, 1, 3]], 3), vec![8, 0, -1]);
        // 1 + the number of thresholds above the value: the highest values are decile 1.
        let bands = Predictor { from: vec!["a".into()], rule: Rule::Bands(vec![90, 80, 70, 60, 50, 40, 30, 20, 10]) };
        assert_eq!(bands.predict(&[&[95, 90, 89, 55, 10, 9, 0]], 7), vec![1, 1, 2, 5, 9, 10, 10]);
        // Fitted: an exact line is recovered, so every residual is 0.
        let x: Vec<u32> = (0..100).collect();
        let y: Vec<u32> = x.iter().map(|v| 3 * v + 7).collect();
        let fit = fit_linear(&["x"], &[&x], &y);
        let (_, _, stored) = residuals(fit, &[("x".into(), x.clone())], &y);
        assert!(stored.iter().all(|&r| r == 0), "{stored:?}");
        let fit = fit_bands("x", &x);
        assert_eq!(fit, Predictor { from: vec!["x".into()], rule: Rule::Bands(vec![90, 80, 70, 60, 50, 40, 30, 20, 10]) });
    }
}
