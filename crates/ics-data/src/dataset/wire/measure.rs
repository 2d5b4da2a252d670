//! A measure on the wire: `{id, name, source, period_kind, periods, decimals?, values, england, flags, area_set,
//! additive}`. With `decimals`, `values` and `england` are whole numbers of 10^-decimals, each the difference
//! from the same series' previous value (a fifth fewer gzipped bytes); without it, plain numbers. The reader
//! checks periods, shapes and indexes against the dataset; the writer is behind the `write` feature and must
//! never be compiled into the browser's build.

use crate::dataset::load::{period_is_valid, short};
use crate::dataset::model::*;
use crate::dataset::problem::Log;
use crate::format::plain;
use crate::json::Json;

const PERIOD_KINDS: [(&str, PeriodKind); 3] =
    [("month", PeriodKind::Month), ("financial_year", PeriodKind::FinancialYear), ("year", PeriodKind::Year)];
const FLAG_KINDS: [(&str, FlagKind); 4] =
    [("incomplete", FlagKind::Incomplete), ("missing", FlagKind::Missing), ("note", FlagKind::Note), ("break", FlagKind::Break)];

/// Reads a measure (`set_sizes[k]`: area set `k`'s areas).
pub fn read(o: &Json, set_sizes: &[usize], n_sources: usize, log: &mut Log) -> Option<Measure> {
    let id = log.text(o, "id")?;
    let area_set = log.index(o, "area_set", set_sizes.len())?;
    let n_icss = set_sizes[area_set];
    let additive = log.bool(o, "additive")?;
    let name = log.text(o, "name")?;
    let source = log.index(o, "source", n_sources)?;
    let period_kind = log.word(o, "period_kind", &PERIOD_KINDS)?;
    let periods = log.strings(o, "periods")?;
    for p in &periods {
        if !period_is_valid(period_kind, p) {
            log.push("periods", format!("\"{p}\" is not a valid {} period", period_kind_name(period_kind)));
            return None;
        }
    }
    if periods.is_empty() {
        log.push("periods", "is empty: a measure needs at least one period");
        return None;
    }
    if periods.windows(2).any(|w| w[0] >= w[1]) {
        log.push("periods", "must be sorted ascending with no repeats");
        return None;
    }
    let rows = log.array(o, "values")?;
    if rows.len() != periods.len() {
        log.push("values", format!("has {} periods of values but {} periods are listed", rows.len(), periods.len()));
        return None;
    }
    let decimals = match o.get("decimals") {
        None => None,
        Some(d) => match d.as_u64().filter(|&d| d <= u64::from(MAX_DECIMALS)) {
            Some(d) => Some(d as i32),
            None => {
                log.push("decimals", format!("should be a whole number from 0 to {MAX_DECIMALS}, found {}", short(d)));
                return None;
            }
        },
    };
    let mut values = Vec::with_capacity(rows.len());
    for (p, row) in rows.iter().enumerate() {
        values.push(read_values(row, n_icss, &format!("values[{}]", periods[p]), log)?);
    }
    let mut england = match o.get("england") {
        None | Some(Json::Null) => None,
        Some(Json::Arr(a)) if a.len() == periods.len() => {
            let mut e = Vec::with_capacity(a.len());
            for v in a {
                e.push(log.opt_num(v, "england")?);
            }
            Some(e)
        }
        Some(other) => {
            log.push("england", format!("should be a list of {} values or null, found {}", periods.len(), other.kind()));
            return None;
        }
    };
    if let Some(decimals) = decimals {
        undo_deltas(&mut values, decimals, "values", log)?;
        if let Some(e) = &mut england {
            let mut rows: Vec<Vec<Option<f64>>> = e.iter().map(|&v| vec![v]).collect();
            undo_deltas(&mut rows, decimals, "england", log)?;
            *e = rows.into_iter().map(|r| r[0]).collect();
        }
    }
    let mut flags = Vec::new();
    for f in log.array(o, "flags")? {
        let f = log.obj(f, "flags")?;
        let kind = log.word(f, "kind", &FLAG_KINDS)?;
        let period = log.index(f, "period", periods.len())?;
        let mut icss = Vec::new();
        for v in log.array(f, "icss")? {
            icss.push(log.index_value(v, "flags.icss", n_icss)?);
        }
        flags.push(Flag { kind, period, icss, england: log.bool(f, "england")?, note: log.text(f, "note")? });
    }
    Some(Measure { id, name, source, period_kind, periods, values, england, flags, area_set, additive, estimated: Vec::new() })
}

/// Turns the wire's fixed-point differences (see `Measure`'s serialisation) back into values, in place.
fn undo_deltas(rows: &mut [Vec<Option<f64>>], decimals: i32, field: &str, log: &mut Log) -> Option<()> {
    const LIMIT: f64 = 9.0e15;
    let scale = 10f64.powi(decimals);
    let mut last = vec![0f64; rows.first().map_or(0, Vec::len)];
    for row in rows.iter_mut() {
        for (v, l) in row.iter_mut().zip(last.iter_mut()) {
            if let Some(d) = v {
                let whole = *l + *d;
                if d.fract() != 0.0 || whole.abs() >= LIMIT {
                    log.push(field, format!("with \"decimals\" holds whole-number differences, found {}: the file is damaged", plain(*d, 3)));
                    return None;
                }
                *l = whole;
                *v = Some(whole / scale);
            }
        }
    }
    Some(())
}

fn read_values(row: &Json, n_icss: usize, field: &str, log: &mut Log) -> Option<Vec<Option<f64>>> {
    let Json::Arr(a) = row else {
        log.push(field, format!("should be a list, found {}", row.kind()));
        return None;
    };
    if a.len() != n_icss {
        log.push(field, format!("has {} values but there are {n_icss} ICSs", a.len()));
        return None;
    }
    a.iter().map(|v| log.opt_num(v, field)).collect()
}

fn period_kind_name(k: PeriodKind) -> &'static str {
    match k {
        PeriodKind::Month => "month (YYYY-MM)",
        PeriodKind::FinancialYear => "financial year (YYYY/YY)",
        PeriodKind::Year => "year (YYYY)",
        PeriodKind::Label => "label",
    }
}

/// Fixed point on the wire: `(decimals, values)` as whole numbers of 10^-decimals, or None when some value
/// does not survive the round trip exactly (then the plain numbers are written).
#[cfg(feature = "write")]
fn fixed_point(series: &[&[Option<f64>]]) -> Option<(u32, Vec<Vec<Option<i64>>>)> {
    let decimals = series.iter().flat_map(|s| s.iter().flatten()).map(|x| {
        let text = x.to_string();
        text.split_once('.').map_or(0, |(_, f)| f.len() as u32)
    });
    let decimals = decimals.max().unwrap_or(0);
    if decimals > MAX_DECIMALS {
        return None;
    }
    let scale = 10f64.powi(decimals as i32);
    let mut out = Vec::new();
    for s in series {
        let mut row = Vec::new();
        for x in s.iter() {
            row.push(match x {
                None => None,
                Some(x) => {
                    let n = (x * scale).round();
                    if n.abs() >= 9.0e15 || n / scale != *x {
                        return None;
                    }
                    Some(n as i64)
                }
            });
        }
        out.push(row);
    }
    Some((decimals, out))
}

/// Differences down the periods, per ICS: each value minus the same ICS's previous value (0 before the first).
/// Series change slowly, so the differences are short numbers that compress well (a fifth fewer gzipped bytes).
#[cfg(feature = "write")]
fn to_deltas(rows: &[Vec<Option<i64>>]) -> Vec<Vec<Option<i64>>> {
    let mut last: Vec<i64> = vec![0; rows.first().map_or(0, Vec::len)];
    rows.iter()
        .map(|row| {
            row.iter()
                .zip(last.iter_mut())
                .map(|(v, l)| {
                    v.map(|v| {
                        let d = v - *l;
                        *l = v;
                        d
                    })
                })
                .collect()
        })
        .collect()
}

/// Written as `{id, name, source, period_kind, periods, decimals, values, england, flags, area_set, additive}`: with `decimals`
/// present, `values` and `england` are whole numbers of 10^-decimals, each the difference from the same
/// series' previous value (see `to_deltas`); without it, plain numbers.
#[cfg(feature = "write")]
impl serde::Serialize for Measure {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Measure", 11)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("name", &self.name)?;
        st.serialize_field("source", &self.source)?;
        st.serialize_field("period_kind", &self.period_kind)?;
        st.serialize_field("periods", &self.periods)?;
        let mut series: Vec<&[Option<f64>]> = self.values.iter().map(Vec::as_slice).collect();
        if let Some(e) = &self.england {
            series.push(e);
        }
        match fixed_point(&series) {
            Some((decimals, mut fixed)) => {
                let england = self.england.as_ref().and_then(|_| fixed.pop());
                st.serialize_field("decimals", &decimals)?;
                st.serialize_field("values", &to_deltas(&fixed))?;
                let england = england.map(|e| to_deltas(&e.into_iter().map(|v| vec![v]).collect::<Vec<_>>()));
                st.serialize_field("england", &england.map(|e| e.into_iter().map(|r| r[0]).collect::<Vec<_>>()))?;
            }
            None => {
                st.serialize_field("values", &self.values)?;
                st.serialize_field("england", &self.england)?;
            }
        }
        st.serialize_field("flags", &self.flags)?;
        st.serialize_field("area_set", &self.area_set)?;
        st.serialize_field("additive", &self.additive)?;
        st.end()
    }
}
