//! The LSOA table's wire form: one packed, deflated, base64 column per field (see `codec`), plus the encodings that
//! make it small without dropping anything:
//! - codes as ascending deltas;
//! - the IMD rank as an offset within its group of equal published scores (ranks follow scores, so the rest
//!   of the rank is implied by the score; ties in the 3-decimal scores are why an offset is needed at all);
//! - the IMD decile not stored at all: it is exactly ceil(rank / 3,284.4), which the build verifies.
//!
//! Decoding validates every row and names it (`lsoa E01000001: sicbl index 200 out of range 0..106`).

use super::codec::{self, Packing};
use super::model::*;
use super::problem::Log;
use crate::json::Json;

/// (column name, packing) for every stored column, in wire order.
fn layout() -> Vec<(String, Packing)> {
    let mut cols: Vec<(String, Packing)> = vec![
        ("code".into(), Packing::DeltaVarint),
        ("sicbl".into(), Packing::U8),
        ("ltla".into(), Packing::U16),
        ("imd_score".into(), Packing::U24),
        ("imd_rank_offset".into(), Packing::U8),
        ("income_rate".into(), Packing::U16),
        ("employment_rate".into(), Packing::U16),
    ];
    for d in &Deprivation::ALL[1..] {
        cols.push((format!("decile_{}", d.key()), Packing::U4));
    }
    for b in AgeBand::ALL {
        cols.push((format!("pop_{}", b.key()), Packing::U16));
    }
    cols
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

/// The wire columns: (name, packing, base64 text), in layout order.
pub fn encode(l: &Lsoas) -> Result<Vec<(String, Packing, String)>, String> {
    let start = group_start_ranks(&l.imd_score);
    let mut offset = Vec::with_capacity(l.len());
    for (r, (&rank, &s)) in l.imd_rank.iter().zip(&start).enumerate() {
        let off = u32::from(rank).checked_sub(s).ok_or_else(|| {
            format!("lsoa {}: IMD rank {rank} is above the {s} its score implies: ranks must follow scores", l.code_string(r))
        })?;
        offset.push(off);
    }
    for (r, &rank) in l.imd_rank.iter().enumerate() {
        if decile_of_rank(u32::from(rank)) != l.deciles[Deprivation::Imd as usize][r] {
            return Err(format!("lsoa {}: IMD decile is not ceil(rank / 3284.4)", l.code_string(r)));
        }
    }
    let u = |v: &[u16]| v.iter().map(|&x| u32::from(x)).collect::<Vec<u32>>();
    let u8s = |v: &[u8]| v.iter().map(|&x| u32::from(x)).collect::<Vec<u32>>();
    let mut data: Vec<Vec<u32>> = vec![
        l.code.clone(),
        u8s(&l.sicbl),
        u(&l.ltla),
        l.imd_score.clone(),
        offset,
        u(&l.income_rate),
        u(&l.employment_rate),
    ];
    for d in &Deprivation::ALL[1..] {
        data.push(u8s(&l.deciles[*d as usize]));
    }
    for b in AgeBand::ALL {
        data.push(u(&l.population[b as usize]));
    }
    let mut out = Vec::new();
    for ((name, packing), values) in layout().into_iter().zip(data) {
        let text = codec::encode_column(&values, packing).map_err(|e| format!("lsoa column {name}: {e}"))?;
        out.push((name, packing, text));
    }
    Ok(out)
}

/// `{"count": n, "columns": {name: {"packing": p, "data": base64}}}`.
impl serde::Serialize for Lsoas {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeStruct};
        struct Column<'a>(Packing, &'a str);
        impl serde::Serialize for Column<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut st = s.serialize_struct("Column", 2)?;
                st.serialize_field("packing", self.0.name())?;
                st.serialize_field("data", self.1)?;
                st.end()
            }
        }
        struct Columns<'a>(&'a [(String, Packing, String)]);
        impl serde::Serialize for Columns<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.len()))?;
                for (name, p, text) in self.0 {
                    m.serialize_entry(name, &Column(*p, text))?;
                }
                m.end()
            }
        }
        let cols = encode(self).map_err(serde::ser::Error::custom)?;
        let mut st = s.serialize_struct("Lsoas", 2)?;
        st.serialize_field("count", &self.len())?;
        st.serialize_field("columns", &Columns(&cols))?;
        st.end()
    }
}

/// Decodes and checks the table. `n_sicbls` and `n_ltlas` bound the area indexes.
pub fn decode(v: &Json, n_sicbls: usize, n_ltlas: usize, log: &mut Log) -> Option<Lsoas> {
    log.at("lsoas", None);
    let m = log.obj(v, "lsoas")?;
    let count = match log.get(m, "count")?.as_u64() {
        Some(n) if n as usize == ENGLAND_LSOAS => ENGLAND_LSOAS,
        other => {
            log.push("count", format!("is {}, but England has {ENGLAND_LSOAS} LSOAs (2011): the table is incomplete", other.map_or("not a whole number".into(), |n| n.to_string())));
            return None;
        }
    };
    let cols = log.get(m, "columns")?;
    let cols = log.obj(cols, "columns")?;
    let mut data: Vec<Vec<u32>> = Vec::new();
    for (name, _) in layout() {
        log.at("lsoas", None);
        let field = format!("columns.{name}");
        let Some(c) = cols.get(&name) else {
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
        match codec::decode_column(text, packing, count) {
            Ok(values) => data.push(values),
            Err(e) => log.push(&field, e),
        }
    }
    if data.len() != layout().len() {
        return None;
    }
    let mut it = data.into_iter();
    let mut next = || it.next().unwrap_or_default();
    let (code, sicbl, ltla, imd_score, offset, income, employment) = (next(), next(), next(), next(), next(), next(), next());
    let dec: Vec<Vec<u32>> = (1..Deprivation::ALL.len()).map(|_| next()).collect();
    let pop: Vec<Vec<u32>> = AgeBand::ALL.iter().map(|_| next()).collect();

    let before = log.problems.len();
    let name = |r: usize| format!("E01{:06}", code[r]);
    let bad_row = |log: &mut Log, r: usize, field: &str, msg: String| {
        log.push_in("lsoa", Some(name(r)), field, msg);
    };
    for r in 0..count {
        if code[r] > 999_999 || (r > 0 && code[r] <= code[r - 1]) {
            bad_row(log, r, "code", "is not after the previous LSOA's code: codes must be unique and ascending".into());
        }
        if sicbl[r] as usize >= n_sicbls {
            bad_row(log, r, "sicbl", format!("index {} out of range 0..{n_sicbls}", sicbl[r]));
        }
        if ltla[r] as usize >= n_ltlas {
            bad_row(log, r, "ltla", format!("index {} out of range 0..{n_ltlas}", ltla[r]));
        }
        if imd_score[r] > 100_000 {
            bad_row(log, r, "imd_score", format!("is {}, but IMD scores lie between 0 and 100", crate::format::plain(f64::from(imd_score[r]) / 1000.0, 3)));
        }
        for (field, v) in [("income_rate", income[r]), ("employment_rate", employment[r])] {
            if v > 1000 {
                bad_row(log, r, field, format!("is {}, but a rate lies between 0 and 1", crate::format::plain(f64::from(v) / 1000.0, 3)));
            }
        }
        for (d, col) in Deprivation::ALL[1..].iter().zip(&dec) {
            if !(1..=10).contains(&col[r]) {
                bad_row(log, r, &format!("decile_{}", d.key()), format!("is {}, expected 1 to 10", col[r]));
            }
        }
        if pop.iter().map(|c| c[r]).sum::<u32>() == 0 {
            bad_row(log, r, "population", "is 0 in every age band: every LSOA has residents".into());
        }
    }
    let start = group_start_ranks(&imd_score);
    let sizes = group_sizes(&start);
    let mut rank = Vec::with_capacity(count);
    for r in 0..count {
        if offset[r] >= sizes[r] {
            bad_row(log, r, "imd_rank_offset", format!("is {}, but only {} LSOA(s) share its score", offset[r], sizes[r]));
        }
        rank.push((start[r] + offset[r]).min(ENGLAND_LSOAS as u32) as u16);
    }
    if log.problems.len() > before {
        return None;
    }
    let imd_decile: Vec<u8> = rank.iter().map(|&r| decile_of_rank(u32::from(r))).collect();
    let mut deciles: [Vec<u8>; 10] = Default::default();
    deciles[0] = imd_decile;
    for (i, col) in dec.into_iter().enumerate() {
        deciles[i + 1] = col.into_iter().map(|x| x as u8).collect();
    }
    // National deciles are equal tenths of all LSOAs: 3,284 or 3,285 each. Anything else means a damaged column.
    for d in Deprivation::ALL {
        let mut counts = [0usize; 11];
        for &x in &deciles[d as usize] {
            counts[x as usize] += 1;
        }
        if let Some(k) = (1..=10).find(|&k| !(3284..=3285).contains(&counts[k])) {
            log.push_in("lsoas", None, &format!("decile_{}", d.key()), format!(
                "has {} LSOAs in decile {k}, but a national decile holds 3,284 or 3,285: the column is damaged",
                counts[k]
            ));
        }
    }
    let mut population: [Vec<u16>; 5] = Default::default();
    for (i, col) in pop.into_iter().enumerate() {
        population[i] = col.into_iter().map(|x| x as u16).collect();
    }
    let total: u64 = population.iter().flatten().map(|&x| u64::from(x)).sum();
    if !(50_000_000..=62_000_000).contains(&total) {
        log.push_in("lsoas", None, "population", format!("sums to {total}, but England's mid-2020 population is about 56.6 million"));
    }
    Some(Lsoas {
        code,
        sicbl: sicbl.into_iter().map(|x| x as u8).collect(),
        ltla: ltla.into_iter().map(|x| x as u16).collect(),
        imd_score,
        imd_rank: rank,
        income_rate: income.into_iter().map(|x| x as u16).collect(),
        employment_rate: employment.into_iter().map(|x| x as u16).collect(),
        deciles,
        population,
    })
}
