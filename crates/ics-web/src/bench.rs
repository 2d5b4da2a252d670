//! Hooks for `scripts/bench.sh` (tests/bench): the real LSOA columns (IMD 2019 on the 42 ICSs) as typed arrays,
//! and an aggregation over a table the benchmark supplies, so the engine is timed on exactly the input and work
//! given to plain JavaScript, Arquero and DuckDB-WASM. They compute nothing the page shows.

use ics_engine::aggregate::{aggregate_rows, AreaIndex, Columns, Keys, Rows};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

struct Table {
    ics: Vec<u8>,
    deciles: Vec<Vec<u8>>,
    population: Vec<Vec<u16>>,
    imd_score: Vec<u32>,
    income: Vec<u16>,
    employment: Vec<u16>,
}

thread_local! {
    static TABLE: RefCell<Option<Table>> = const { RefCell::new(None) };
}

/// Stores a table of `ics.len()` rows: `deciles` holds 10 columns one after another, `population` 5.
#[wasm_bindgen(js_name = benchSetTable)]
pub fn bench_set_table(
    ics: Vec<u8>,
    deciles: Vec<u8>,
    population: Vec<u16>,
    imd_score: Vec<u32>,
    income: Vec<u16>,
    employment: Vec<u16>,
) -> Result<usize, JsValue> {
    let n = ics.len();
    if deciles.len() != 10 * n || population.len() != 5 * n || imd_score.len() != n || income.len() != n || employment.len() != n {
        return Err(JsValue::from_str("benchSetTable: column lengths do not match"));
    }
    if deciles.iter().any(|d| !(1..=10).contains(d)) || ics.iter().any(|&i| i >= 42) {
        return Err(JsValue::from_str("benchSetTable: deciles must be 1 to 10 and ICS indexes below 42"));
    }
    let deciles = deciles.chunks(n.max(1)).map(<[u8]>::to_vec).collect();
    let population = population.chunks(n.max(1)).map(<[u16]>::to_vec).collect();
    TABLE.with(|t| *t.borrow_mut() = Some(Table { ics, deciles, population, imd_score, income, employment }));
    Ok(n)
}

/// Runs the full LSOA → ICS aggregation on the stored table (every decile of every index, by LSOAs, residents,
/// children and older people, plus the weighted score sums) and returns a checksum: residents in IMD decile 1
/// plus the population-weighted IMD score sum, over all ICSs.
#[wasm_bindgen(js_name = benchAggregate)]
pub fn bench_aggregate() -> f64 {
    TABLE.with(|t| {
        let t = t.borrow();
        let Some(t) = t.as_ref() else { return f64::NAN };
        if t.deciles.len() != 10 || t.population.len() != 5 {
            return 0.0;
        }
        let cols = Columns {
            deciles: std::array::from_fn(|d| t.deciles[d].as_slice()),
            population: std::array::from_fn(|b| t.population[b].as_slice()),
            imd_score: &t.imd_score,
            income_rate: &t.income,
            employment_rate: &t.employment,
        };
        let areas = aggregate_rows(&cols, Rows::All, Keys::U8(&t.ics), 42);
        areas.iter().map(|a| a.deciles[0][0][1] + a.score_sums[0]).sum()
    })
}

/// One step of reading the dataset, for timing its cost inside the wasm: `step` 0 parses `json` (any JSON text)
/// only; 1 loads it as the core file (parse, validate, decode every table, the LSOA table included); 2 does that
/// and then loads `edition` (an edition file's text) into it. Returns the LSOAs in the last edition loaded (0 for
/// step 0), or throws the reason.
#[wasm_bindgen(js_name = benchLoad)]
pub fn bench_load(json: &str, edition: &str, step: u32) -> Result<usize, JsValue> {
    let problems = |p: ics_data::dataset::Problems| JsValue::from_str(&p.to_string());
    if step == 0 {
        return ics_data::json::parse(json).map(|_| 0).map_err(|_| JsValue::from_str("benchLoad: not JSON"));
    }
    let mut ds = ics_data::dataset::load(json).map_err(problems)?;
    if step == 2 {
        ds.load_edition(edition).map_err(problems)?;
    }
    Ok(ds.editions().last().map_or(0, |e| e.lsoas.len()))
}

/// Bytes of linear memory the wasm instance holds.
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().map(|b| b.byte_length() as f64).unwrap_or(0.0))
        .unwrap_or(0.0)
}

/// The real LSOA table the benchmark aggregates, as typed arrays: IMD 2019 on the 42 ICSs of July 2022 (`#g=icb22`),
/// the one edition with deciles of all 10 indices at LSOA level (IMD 2025 publishes 8, so its IDACI and IDAOPI
/// columns are 0). `dataset_json` is dataset.json's text, `edition_json` imd2019.json's. Returns {ics (the ICS's
/// index, 0 to 41), deciles: [10 × Uint8Array], population: [5 × Uint16Array], imd_score: Uint32Array
/// (thousandths), income, employment: Uint16Array (thousandths)}, or throws the reason.
#[wasm_bindgen(js_name = benchColumns)]
pub fn bench_columns(dataset_json: &str, edition_json: &str) -> Result<JsValue, JsValue> {
    let problems = |p: ics_data::dataset::Problems| JsValue::from_str(&p.to_string());
    let mut ds = ics_data::dataset::load(dataset_json).map_err(problems)?;
    ds.load_edition(edition_json).map_err(problems)?;
    let frame = ds.frame_for(Some("icb22"), Some("2019")).map_err(|e| JsValue::from_str(&e))?;
    let index = AreaIndex::new(&frame);
    let l = &frame.lsoas;
    let o = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&o, &k.into(), v);
    };
    set("ics", &js_sys::Uint8Array::from(index.ics.as_slice()).into());
    let deciles = js_sys::Array::new();
    for d in &l.deciles {
        deciles.push(&js_sys::Uint8Array::from(d.as_slice()));
    }
    set("deciles", &deciles);
    let pop = js_sys::Array::new();
    for b in &l.population {
        pop.push(&js_sys::Uint16Array::from(b.as_slice()));
    }
    set("population", &pop);
    set("imd_score", &js_sys::Uint32Array::from(l.imd_score.as_slice()).into());
    set("income", &js_sys::Uint16Array::from(l.income_rate.as_slice()).into());
    set("employment", &js_sys::Uint16Array::from(l.employment_rate.as_slice()).into());
    Ok(o.into())
}
