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
//! The reader ([`decode`]) validates every row and names it (`lsoa E01000001: sicbl index 200 out of range
//! 0..106`); the writer ([`table`]: the least-squares and band fits, the encoder) is behind the `write` feature
//! and must never be compiled into the browser's build. Column names are listed once, in [`NAMES`].

use crate::dataset::codec::{self, Packing};
use crate::dataset::model::*;
use crate::dataset::problem::Log;
use crate::json::Json;
use Col::{Decile, Pop};
use Deprivation as D;

/// A column of the table: stored, or derived on decoding (`ImdDecile`) or on encoding (`Pop65Plus`, from the bands).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Code,
    Ltla,
    IncomeRate,
    EmploymentRate,
    ImdScore,
    ImdRankOffset,
    /// Never stored: ceil(rank / (n / 10)), available to predictors once `ImdRankOffset` is decoded.
    ImdDecile,
    /// A domain's or supplementary index's decile (not the IMD's: see `ImdDecile`).
    Decile(Deprivation),
    Pop(AgeBand),
    /// All of 65+, for editions without 85+.
    Pop65Plus,
}

/// Every column's wire name: the one list of them.
const NAMES: [(Col, &str); 22] = [
    (Col::Code, "code"),
    (Col::Ltla, "ltla"),
    (Col::IncomeRate, "income_rate"),
    (Col::EmploymentRate, "employment_rate"),
    (Col::ImdScore, "imd_score"),
    (Col::ImdRankOffset, "imd_rank_offset"),
    (Col::ImdDecile, "imd_decile"),
    (Col::Decile(Deprivation::Income), "decile_income"),
    (Col::Decile(Deprivation::Employment), "decile_employment"),
    (Col::Decile(Deprivation::Education), "decile_education"),
    (Col::Decile(Deprivation::Health), "decile_health"),
    (Col::Decile(Deprivation::Crime), "decile_crime"),
    (Col::Decile(Deprivation::Barriers), "decile_barriers"),
    (Col::Decile(Deprivation::LivingEnvironment), "decile_living_environment"),
    (Col::Decile(Deprivation::Idaci), "decile_idaci"),
    (Col::Decile(Deprivation::Idaopi), "decile_idaopi"),
    (Col::Pop(AgeBand::Age0To15), "pop_0_15"),
    (Col::Pop(AgeBand::Age16To64), "pop_16_64"),
    (Col::Pop(AgeBand::Age65To74), "pop_65_74"),
    (Col::Pop(AgeBand::Age75To84), "pop_75_84"),
    (Col::Pop(AgeBand::Age85Plus), "pop_85_plus"),
    (Col::Pop65Plus, "pop_65_plus"),
];

impl Col {
    /// The wire name (every column but `Decile(Imd)`, which is `ImdDecile`, is in [`NAMES`]).
    fn name(self) -> &'static str {
        NAMES.iter().find(|(c, _)| *c == self).map_or("imd_decile", |(_, n)| n)
    }

    fn from_name(name: &str) -> Option<Col> {
        NAMES.iter().find(|(_, n)| *n == name).map(|(c, _)| *c)
    }
}

/// How the build stores a column (the reader only needs the order: how is on the wire).
#[derive(Debug, Clone, Copy)]
#[cfg_attr(not(feature = "write"), allow(dead_code))]
enum Plan {
    /// As it is, in this packing.
    Plain(Packing),
    /// As the residual from a least-squares fit on earlier columns (see [`Rule::Linear`]).
    Linear(&'static [Col]),
    /// A decile, as the residual from the decile band an earlier column's value falls in (see [`Rule::Bands`]).
    Bands(Col),
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
    fn columns(self) -> &'static [(Col, Plan)] {
        match self {
            Layout::Imd2019 => &LAYOUT_2019,
            Layout::Imd2025 => &LAYOUT_2025,
        }
    }

    /// The age band columns, in `AgeBand::ALL` order; without 85+, all of 65+ goes in the 65–74 band.
    fn population(self) -> [Option<Col>; 5] {
        match self {
            Layout::Imd2019 => AgeBand::ALL.map(|b| Some(Col::Pop(b))),
            Layout::Imd2025 => [Some(Col::Pop(AgeBand::Age0To15)), Some(Col::Pop(AgeBand::Age16To64)), Some(Col::Pop65Plus), None, None],
        }
    }
}

const LAYOUT_2019: [(Col, Plan); 20] = [
    (Col::Code, Plan::Plain(Packing::DeltaVarint)),
    (Col::Ltla, Plan::Plain(Packing::U16)),
    (Col::IncomeRate, Plan::Plain(Packing::U16)),
    (Col::EmploymentRate, Plan::Linear(&[Col::IncomeRate])),
    (Col::ImdScore, Plan::Linear(&[Col::IncomeRate, Col::EmploymentRate])),
    (Col::ImdRankOffset, Plan::Plain(Packing::U8)),
    (Decile(D::Income), Plan::Bands(Col::IncomeRate)),
    (Decile(D::Employment), Plan::Bands(Col::EmploymentRate)),
    (Decile(D::Education), Plan::Linear(&[Col::ImdDecile])),
    (Decile(D::Health), Plan::Linear(&[Decile(D::Employment)])),
    (Decile(D::Crime), Plan::Plain(Packing::U4)),
    (Decile(D::Barriers), Plan::Plain(Packing::U4)),
    (Decile(D::LivingEnvironment), Plan::Plain(Packing::U4)),
    (Decile(D::Idaci), Plan::Linear(&[Decile(D::Income)])),
    (Decile(D::Idaopi), Plan::Bands(Col::IncomeRate)),
    (Pop(AgeBand::Age16To64), Plan::Plain(Packing::U16)),
    (Pop(AgeBand::Age65To74), Plan::Plain(Packing::U16)),
    (Pop(AgeBand::Age75To84), Plan::Linear(&[Pop(AgeBand::Age65To74)])),
    (Pop(AgeBand::Age85Plus), Plan::Linear(&[Pop(AgeBand::Age75To84), Pop(AgeBand::Age65To74)])),
    (Pop(AgeBand::Age0To15), Plan::Linear(&[Pop(AgeBand::Age16To64), Col::IncomeRate])),
];

const LAYOUT_2025: [(Col, Plan); 16] = [
    (Col::Code, Plan::Plain(Packing::DeltaVarint)),
    (Col::Ltla, Plan::Plain(Packing::U16)),
    (Col::IncomeRate, Plan::Plain(Packing::U16)),
    (Col::EmploymentRate, Plan::Linear(&[Col::IncomeRate])),
    (Col::ImdScore, Plan::Linear(&[Col::IncomeRate, Col::EmploymentRate])),
    (Col::ImdRankOffset, Plan::Plain(Packing::U8)),
    (Decile(D::Income), Plan::Bands(Col::IncomeRate)),
    (Decile(D::Employment), Plan::Bands(Col::EmploymentRate)),
    (Decile(D::Education), Plan::Linear(&[Col::ImdDecile])),
    (Decile(D::Health), Plan::Linear(&[Decile(D::Employment)])),
    (Decile(D::Crime), Plan::Plain(Packing::U4)),
    (Decile(D::Barriers), Plan::Plain(Packing::U4)),
    (Decile(D::LivingEnvironment), Plan::Plain(Packing::U4)),
    (Pop(AgeBand::Age16To64), Plan::Plain(Packing::U16)),
    (Col::Pop65Plus, Plan::Linear(&[Pop(AgeBand::Age16To64)])),
    (Pop(AgeBand::Age0To15), Plan::Linear(&[Pop(AgeBand::Age16To64), Col::IncomeRate])),
];

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

#[cfg(feature = "write")]
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
    let order = crate::sort::rows_by_key_desc(score);
    let mut start = vec![0u32; score.len()];
    let mut i = 0;
    while i < order.len() {
        let s = score[order[i] as usize];
        let mut j = i;
        while j < order.len() && score[order[j] as usize] == s {
            start[order[j] as usize] = i as u32 + 1;
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

// ---- Reading ----

/// Decodes and checks an edition's table (`layout` is the edition's). `n_ltlas` bounds the local authority
/// indexes, and `n_sicbls[k]` area set `k`'s sub-ICB locations.
pub fn decode(v: &Json, layout: Layout, n_ltlas: usize, n_sicbls: &[usize], log: &mut Log) -> Option<(Lsoas, Vec<Assignment>)> {
    log.at("lsoas", None);
    let (m, count) = read_header(v, layout, log)?;
    let cols = log.get(m, "columns")?;
    let cols = log.obj(cols, "columns")?;
    let decoded = read_columns(cols, layout, count, log);
    let assignments = decode_assignments(m, count, n_sicbls, log);
    let (Some((mut data, sizes, rank)), Some(assignments)) = (decoded, assignments) else {
        return None;
    };
    let rows = Rows::take(&mut data, layout, count);
    let before = log.problems.len();
    rows.check(&sizes, &assignments, n_ltlas, n_sicbls, log);
    if log.problems.len() > before {
        return None;
    }
    Some((rows.into_lsoas(rank, layout, count, log), assignments))
}

/// Checks `"layout"` is the edition's and `"count"` England's LSOAs in it; the table's object and the count.
fn read_header<'v>(v: &'v Json, layout: Layout, log: &mut Log) -> Option<(&'v Json, usize)> {
    let m = log.obj(v, "lsoas")?;
    if m.get("layout").and_then(Json::as_str) != Some(layout.key()) {
        log.push("layout", format!("should be \"{}\", the edition's", layout.key()));
        return None;
    }
    let expected = layout.count();
    match log.get(m, "count")?.as_u64() {
        Some(n) if n as usize == expected => Some((m, expected)),
        other => {
            let found = other.map_or("not a whole number".into(), |n| n.to_string());
            log.push("count", format!("is {found}, but England has {expected} LSOAs in this edition: the table is incomplete"));
            None
        }
    }
}

/// Decoded columns, in layout order, with `imd_decile` after `imd_rank_offset`.
struct Decoded(Vec<(Col, Vec<u32>)>);

impl Decoded {
    fn get(&self, c: Col) -> Option<&[u32]> {
        self.0.iter().find(|(n, _)| *n == c).map(|(_, v)| v.as_slice())
    }

    /// Takes a column out (empty if it was not decoded, which `read_columns` rules out for the layout's).
    fn take(&mut self, c: Col) -> Vec<u32> {
        self.0.iter_mut().find(|(n, _)| *n == c).map(|(_, v)| std::mem::take(v)).unwrap_or_default()
    }
}

/// Every column of the layout, each reported where it fails; with the tied-score group sizes and the ranks
/// (derived once `imd_rank_offset` is read). None when any column failed.
fn read_columns(cols: &Json, layout: Layout, count: usize, log: &mut Log) -> Option<(Decoded, Vec<u32>, Vec<u16>)> {
    let mut data = Decoded(Vec::new());
    let mut ranks = None;
    for &(col, _) in layout.columns() {
        log.at("lsoas", None);
        let Some(values) = read_column(cols, col.name(), count, &data, log) else { continue };
        data.0.push((col, values));
        if col == Col::ImdRankOffset {
            let (Some(score), Some(offset)) = (data.get(Col::ImdScore), data.get(Col::ImdRankOffset)) else { continue };
            let start = group_start_ranks(score);
            let sizes = group_sizes(&start);
            let rank: Vec<u16> = (0..count).map(|r| (start[r].saturating_add(offset[r])).min(count as u32) as u16).collect();
            data.0.push((Col::ImdDecile, rank.iter().map(|&r| u32::from(decile_of_rank(u32::from(r), count))).collect()));
            ranks = Some((sizes, rank));
        }
    }
    let (sizes, rank) = ranks?;
    (data.0.len() == layout.columns().len() + 1).then_some((data, sizes, rank))
}

/// One column, `{"packing": p, "data": base64, "predict": {…}?}`, unpacked and (with a predictor) restored from
/// its residuals, using the columns decoded before it.
fn read_column(cols: &Json, name: &str, count: usize, data: &Decoded, log: &mut Log) -> Option<Vec<u32>> {
    let field = format!("columns.{name}");
    let Some(c) = cols.get(name) else {
        log.push(&field, "is missing");
        return None;
    };
    let Json::Obj(_) = c else {
        log.push(&field, format!("should be an object with packing and data, found {}", c.kind()));
        return None;
    };
    let packing = c.get("packing").and_then(Json::as_str).and_then(Packing::from_name);
    let text = c.get("data").and_then(Json::as_str);
    let (Some(packing), Some(text)) = (packing, text) else {
        log.push(&field, "needs \"packing\" (u4, u8, u16, u24 or delta-varint) and \"data\" (base64 text)");
        return None;
    };
    let stored = match codec::decode_column(text, packing, count) {
        Ok(values) => values,
        Err(e) => {
            log.push(&field, e);
            return None;
        }
    };
    match c.get("predict").map(Predictor::read) {
        None => Some(stored),
        Some(Err(e)) => {
            log.push(&format!("{field}.predict"), e);
            None
        }
        Some(Ok(p)) => unpredict(&p, &stored, &field, count, data, log),
    }
}

/// The values a predictor's residuals stand for. A bad row is reported once and kept as 0, so the checks on the
/// rows still find the damage's cause.
fn unpredict(p: &Predictor, stored: &[u32], field: &str, count: usize, data: &Decoded, log: &mut Log) -> Option<Vec<u32>> {
    let inputs: Option<Vec<&[u32]>> = p.from.iter().map(|f| data.get(Col::from_name(f)?)).collect();
    let Some(inputs) = inputs else {
        let known: Vec<&str> = data.0.iter().map(|(c, _)| c.name()).collect();
        log.push(
            &format!("{field}.predict"),
            format!("uses {}, but a predictor can only use columns decoded before it: {}", p.from.join(", "), known.join(", ")),
        );
        return None;
    };
    let mut reported = false;
    let mut values = Vec::with_capacity(count);
    for (r, (&z, p)) in stored.iter().zip(p.predict(&inputs, count)).enumerate() {
        let v = u32::try_from(p + unzigzag(z)).ok();
        if v.is_none() && !reported {
            reported = true;
            let at = match data.get(Col::Code) {
                Some(codes) => format!("lsoa E01{:06}", codes[r]),
                None => format!("row {}", r + 1),
            };
            log.push(field, format!("at {at}: the prediction plus the stored residual is {}, out of range: the column is damaged", p + unzigzag(z)));
        }
        values.push(v.unwrap_or(0));
    }
    Some(values)
}

/// The decoded columns by what they hold, before the row checks.
struct Rows {
    code: Vec<u32>,
    ltla: Vec<u32>,
    imd_score: Vec<u32>,
    offset: Vec<u32>,
    income: Vec<u32>,
    employment: Vec<u32>,
    imd_decile: Vec<u32>,
    /// Deciles of the indices this layout has but the IMD's.
    dec: Vec<(Deprivation, Vec<u32>)>,
    /// Age bands in `AgeBand::ALL` order (see `Layout::population`).
    pop: Vec<Vec<u32>>,
}

impl Rows {
    fn take(data: &mut Decoded, layout: Layout, count: usize) -> Rows {
        Rows {
            code: data.take(Col::Code),
            ltla: data.take(Col::Ltla),
            imd_score: data.take(Col::ImdScore),
            offset: data.take(Col::ImdRankOffset),
            income: data.take(Col::IncomeRate),
            employment: data.take(Col::EmploymentRate),
            imd_decile: data.take(Col::ImdDecile),
            dec: layout.indices()[1..].iter().map(|&d| (d, data.take(Decile(d)))).collect(),
            pop: layout.population().iter().map(|c| c.map_or_else(|| vec![0; count], |c| data.take(c))).collect(),
        }
    }

    /// Every row's ranges, each problem naming its LSOA.
    fn check(&self, sizes: &[u32], assignments: &[Assignment], n_ltlas: usize, n_sicbls: &[usize], log: &mut Log) {
        let code = &self.code;
        let bad_row = |log: &mut Log, r: usize, field: &str, msg: String| log.push_in("lsoa", Some(format!("E01{:06}", code[r])), field, msg);
        let plain = crate::format::plain;
        for r in 0..code.len() {
            if code[r] > 999_999 || (r > 0 && code[r] <= code[r - 1]) {
                bad_row(log, r, "code", "is not after the previous LSOA's code: codes must be unique and ascending".into());
            }
            if self.ltla[r] as usize >= n_ltlas {
                bad_row(log, r, "ltla", format!("index {} out of range 0..{n_ltlas}", self.ltla[r]));
            }
            if self.imd_score[r] > 100_000 {
                let score = plain(f64::from(self.imd_score[r]) / 1000.0, 3);
                bad_row(log, r, "imd_score", format!("is {score}, but IMD scores lie between 0 and 100"));
            }
            for (field, v) in [("income_rate", self.income[r]), ("employment_rate", self.employment[r])] {
                if v > 1000 {
                    bad_row(log, r, field, format!("is {}, but a rate lies between 0 and 1", plain(f64::from(v) / 1000.0, 3)));
                }
            }
            for (d, col) in &self.dec {
                if !(1..=10).contains(&col[r]) {
                    bad_row(log, r, Decile(*d).name(), format!("is {}, expected 1 to 10", col[r]));
                }
            }
            if self.pop.iter().map(|c| c[r]).sum::<u32>() == 0 {
                bad_row(log, r, "population", "is 0 in every age band: every LSOA has residents".into());
            }
            for a in assignments {
                if usize::from(a.sicbl[r]) >= n_sicbls.get(a.area_set).copied().unwrap_or(0) {
                    bad_row(log, r, &format!("assignments[{}]", a.area_set), format!("sub-ICB location index {} out of range", a.sicbl[r]));
                }
            }
        }
        for r in 0..code.len() {
            if self.offset[r] >= sizes[r] {
                bad_row(log, r, "imd_rank_offset", format!("is {}, but only {} LSOA(s) share its score", self.offset[r], sizes[r]));
            }
        }
    }

    /// The table, with the whole-column checks: national deciles are equal tenths, bands fit in u16, and the
    /// population is England's. (Problems found here are logged; the caller's `log.is_empty()` decides.)
    fn into_lsoas(self, rank: Vec<u16>, layout: Layout, count: usize, log: &mut Log) -> Lsoas {
        let mut deciles: [Vec<u8>; 10] = std::array::from_fn(|_| vec![0; count]);
        deciles[0] = self.imd_decile.into_iter().map(|x| x as u8).collect();
        for (d, col) in self.dec {
            deciles[d as usize] = col.into_iter().map(|x| x as u8).collect();
        }
        // National deciles are equal tenths of all LSOAs (3,284 or 3,285 of 32,844). Anything else is damage.
        let (lo, hi) = (count / 10, count.div_ceil(10));
        for d in layout.indices() {
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
        for (i, col) in self.pop.into_iter().enumerate() {
            if col.iter().any(|&x| x > u32::from(u16::MAX)) {
                log.push_in("lsoas", None, "population", "has a band above 65,535 residents in one LSOA: the column is damaged");
            }
            population[i] = col.into_iter().map(|x| x.min(u32::from(u16::MAX)) as u16).collect();
        }
        let total: u64 = population.iter().flatten().map(|&x| u64::from(x)).sum();
        if !(50_000_000..=62_000_000).contains(&total) {
            log.push_in("lsoas", None, "population", format!("sums to {total}, but England's population is about 56 to 57 million"));
        }
        Lsoas {
            code: self.code,
            sicbl: Vec::new(),
            ltla: self.ltla.into_iter().map(|x| x as u16).collect(),
            imd_score: self.imd_score,
            imd_rank: rank,
            income_rate: self.income.into_iter().map(|x| x as u16).collect(),
            employment_rate: self.employment.into_iter().map(|x| x as u16).collect(),
            deciles,
            population,
        }
    }
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

// ---- Writing (the build step only) ----

/// The table as it goes on the wire: `{"layout": id, "count": n, "columns": {name: {"packing": p, "predict": {…},
/// "data": base64}}, "assignments": [{"area_set": k, "packing": "u8", "data": base64}]}` (`predict` only where
/// used; one assignment per area set).
#[cfg(feature = "write")]
pub struct Table {
    layout: Layout,
    count: usize,
    columns: Vec<WireColumn>,
    assignments: Vec<(usize, String)>,
}

/// One column as it goes on the wire.
#[cfg(feature = "write")]
struct WireColumn {
    col: Col,
    packing: Packing,
    predictor: Option<Predictor>,
    data: String,
}

/// Encodes an edition's table and its assignments, or says which row the encodings cannot hold.
#[cfg(feature = "write")]
pub fn table(e: &Edition) -> Result<Table, String> {
    let layout = Layout::from_key(&e.id).ok_or_else(|| format!("no LSOA table layout for edition {}", e.id))?;
    let mut assignments = Vec::new();
    for a in &e.assignments {
        let values: Vec<u32> = a.sicbl.iter().map(|&x| u32::from(x)).collect();
        assignments.push((a.area_set, codec::encode_column(&values, Packing::U8)?));
    }
    Ok(Table { layout, count: e.lsoas.len(), columns: encode(&e.lsoas, layout)?, assignments })
}

#[cfg(feature = "write")]
impl serde::Serialize for Table {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeStruct};
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
                    m.serialize_entry(c.col.name(), &Column(c))?;
                }
                m.end()
            }
        }
        #[derive(serde::Serialize)]
        struct Assigned<'a> {
            area_set: usize,
            packing: &'static str,
            data: &'a str,
        }
        let assignments: Vec<Assigned> =
            self.assignments.iter().map(|(area_set, data)| Assigned { area_set: *area_set, packing: Packing::U8.name(), data }).collect();
        let mut st = s.serialize_struct("Table", 4)?;
        st.serialize_field("layout", self.layout.key())?;
        st.serialize_field("count", &self.count)?;
        st.serialize_field("columns", &Columns(&self.columns))?;
        st.serialize_field("assignments", &assignments)?;
        st.end()
    }
}

/// The wire columns, in layout order.
#[cfg(feature = "write")]
fn encode(l: &Lsoas, layout: Layout) -> Result<Vec<WireColumn>, String> {
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
    let get = |c: Col| values(l, c, &offset);
    let mut out = Vec::new();
    for &(col, plan) in layout.columns() {
        let values = get(col);
        let (packing, predictor, stored) = match plan {
            Plan::Plain(p) => (p, None, values),
            Plan::Linear(from) => {
                let inputs: Vec<Vec<u32>> = from.iter().map(|&c| get(c)).collect();
                let inputs: Vec<&[u32]> = inputs.iter().map(Vec::as_slice).collect();
                residuals(fit_linear(from, &inputs, &values), &inputs, &values)
            }
            Plan::Bands(from) => {
                let x = get(from);
                residuals(fit_bands(from, &x), &[&x], &values)
            }
        };
        let data = codec::encode_column(&stored, packing).map_err(|e| format!("lsoa column {}: {e}", col.name()))?;
        out.push(WireColumn { col, packing, predictor, data });
    }
    Ok(out)
}

/// A column's values as stored or predicted from (`offset`: each row's IMD rank offset in its tied group).
#[cfg(feature = "write")]
fn values(l: &Lsoas, col: Col, offset: &[u32]) -> Vec<u32> {
    let wide = |v: &[u16]| v.iter().map(|&x| u32::from(x)).collect::<Vec<u32>>();
    let bytes = |v: &[u8]| v.iter().map(|&x| u32::from(x)).collect::<Vec<u32>>();
    match col {
        Col::Code => l.code.clone(),
        Col::Ltla => wide(&l.ltla),
        Col::IncomeRate => wide(&l.income_rate),
        Col::EmploymentRate => wide(&l.employment_rate),
        Col::ImdScore => l.imd_score.clone(),
        Col::ImdRankOffset => offset.to_vec(),
        Col::ImdDecile => bytes(&l.deciles[Deprivation::Imd as usize]),
        Col::Decile(d) => bytes(&l.deciles[d as usize]),
        Col::Pop(b) => wide(&l.population[b as usize]),
        Col::Pop65Plus => (0..l.len()).map(|r| l.population[2..].iter().map(|c| u32::from(c[r])).sum()).collect(),
    }
}

/// The column stored as residuals from `predictor` (given its input columns), in the smallest packing that holds them.
#[cfg(feature = "write")]
fn residuals(predictor: Predictor, inputs: &[&[u32]], values: &[u32]) -> (Packing, Option<Predictor>, Vec<u32>) {
    let stored: Vec<u32> = predictor.predict(inputs, values.len()).into_iter().zip(values).map(|(p, &v)| zigzag(i64::from(v) - p)).collect();
    (smallest_packing(&stored), Some(predictor), stored)
}

/// Fits `y ≈ bias + Σ coef·x` by least squares (normal equations, Gaussian elimination), in the wire's
/// fixed point: coefficients × 65,536, and the bias rounded so that the floor in `predict` rounds to nearest.
#[cfg(feature = "write")]
fn fit_linear(from: &[Col], inputs: &[&[u32]], y: &[u32]) -> Predictor {
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
        from: from.iter().map(|c| c.name().to_string()).collect(),
        rule: Rule::Linear {
            coef: (0..k - 1).map(|i| fixed(beta(i), MAX_COEF)).collect(),
            bias: (fixed(beta(k - 1), MAX_BIAS) + 32_768).min(MAX_BIAS),
        },
    }
}

/// Decile bands for `Rule::Bands`: the lowest value in each of deciles 1 to 9 of `x`, ranked highest first.
#[cfg(feature = "write")]
fn fit_bands(from: Col, x: &[u32]) -> Predictor {
    let mut sorted = x.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let n = sorted.len();
    Predictor {
        from: vec![from.name().to_string()],
        rule: Rule::Bands((1..=9).map(|k| sorted.get((k * n / 10).max(1) - 1).map_or(0, |&v| i64::from(v))).collect()),
    }
}

/// The smallest fixed-width packing that holds every value.
#[cfg(feature = "write")]
fn smallest_packing(values: &[u32]) -> Packing {
    match values.iter().max().copied().unwrap_or(0) {
        0..=15 => Packing::U4,
        16..=255 => Packing::U8,
        256..=65_535 => Packing::U16,
        _ => Packing::U24,
    }
}

#[cfg(feature = "write")]
fn zigzag(d: i64) -> u32 {
    (if d >= 0 { d << 1 } else { ((-d) << 1) - 1 }) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tied_scores_share_the_rank_of_their_group_start() {
        // Highest first: the two 9s are 1st, the two 5s 3rd, the 1 5th; 0 and u32::MAX at the ends.
        assert_eq!(group_start_ranks(&[5, 9, 5, 1, 9]), [3, 1, 3, 5, 1]);
        assert_eq!(group_sizes(&group_start_ranks(&[5, 9, 5, 1, 9])), [2, 2, 2, 1, 2]);
        assert_eq!(group_start_ranks(&[0, u32::MAX, 7]), [3, 1, 2]);
        assert_eq!(group_start_ranks(&[]), Vec::<u32>::new());
    }

    #[test]
    fn column_names_are_listed_once_and_round_trip() {
        for (i, (c, n)) in NAMES.iter().enumerate() {
            assert_eq!(c.name(), *n);
            assert_eq!(Col::from_name(n), Some(*c));
            assert!(NAMES[..i].iter().all(|(d, m)| d != c && m != n), "{n} listed twice");
        }
        assert_eq!(Col::from_name("decile_imd"), None, "the IMD decile is imd_decile, never stored");
        // Every layout column has a name, and every predictor input comes before the column it predicts.
        for layout in [Layout::Imd2019, Layout::Imd2025] {
            for (k, (c, plan)) in layout.columns().iter().enumerate() {
                assert!(Col::from_name(c.name()) == Some(*c), "{c:?}");
                let from: &[Col] = match plan {
                    Plan::Plain(_) => &[],
                    Plan::Linear(f) => f,
                    Plan::Bands(f) => std::slice::from_ref(f),
                };
                let before: Vec<Col> = layout.columns()[..k].iter().map(|(c, _)| *c).chain([Col::ImdDecile]).collect();
                assert!(from.iter().all(|f| before.contains(f)), "{layout:?} {c:?} predicted from a later column");
            }
        }
    }

    #[test]
    fn zigzag_round_trips_small_differences_to_small_numbers() {
        for (d, z) in [(0i64, 0u32), (-1, 1), (1, 2), (-2, 3), (2, 4), (-9, 17)] {
            #[cfg(feature = "write")]
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
    }

    #[cfg(feature = "write")]
    #[test]
    fn fits_recover_an_exact_line_and_equal_tenths() {
        // Fitted: an exact line is recovered, so every residual is 0.
        let x: Vec<u32> = (0..100).collect();
        let y: Vec<u32> = x.iter().map(|v| 3 * v + 7).collect();
        let fit = fit_linear(&[Col::IncomeRate], &[&x], &y);
        let (_, _, stored) = residuals(fit, &[&x], &y);
        assert!(stored.iter().all(|&r| r == 0), "{stored:?}");
        let fit = fit_bands(Col::IncomeRate, &x);
        assert_eq!(fit, Predictor { from: vec!["income_rate".into()], rule: Rule::Bands(vec![90, 80, 70, 60, 50, 40, 30, 20, 10]) });
    }
}
