//! Native only: `ics-explorer bench`, medians of the engine's hot paths on the real dataset, side by side with a
//! naive baseline (row-by-row aggregation into maps keyed by code strings, as a quick script would do), so the
//! ratio shows what the columnar design buys. Timings on shared machines are noisy: read the ratios.

use ics_engine::aggregate::{self, Level};
use ics_engine::query::{Query, View};
use ics_engine::Engine;
use std::collections::HashMap;
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

fn median_ms(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut t: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    t.sort_by(f64::total_cmp);
    (t[t.len() / 2], t[(t.len() * 95 / 100).min(t.len() - 1)])
}

/// The baseline: for each LSOA, look up its ICS code by string and accumulate into a HashMap of vectors.
fn naive_aggregation(e: &Engine) -> HashMap<String, Vec<f64>> {
    let ds = e.frame();
    let l = &ds.lsoas;
    let mut out: HashMap<String, Vec<f64>> = HashMap::new();
    for r in 0..l.len() {
        let code = ds.icss[ds.sicbls[l.sicbl[r] as usize].ics].code.clone();
        let acc = out.entry(code).or_insert_with(|| vec![0.0; 1 + 10 * 10 * 2 + 3]);
        let pop = f64::from(l.total_population(r));
        acc[0] += pop;
        for (d, col) in l.deciles.iter().enumerate() {
            let k = 1 + (d * 10 + usize::from(col[r]) - 1) * 2;
            acc[k] += 1.0;
            acc[k + 1] += pop;
        }
        acc[201] += pop * f64::from(l.imd_score[r]) / 1000.0;
        acc[202] += pop * f64::from(l.income_rate[r]) / 1000.0;
        acc[203] += pop * f64::from(l.employment_rate[r]) / 1000.0;
    }
    out
}

pub fn run(root: &Path, runs: usize) -> Result<(), String> {
    let json_path = root.join(crate::build::DATASET_JSON);
    let json = std::fs::read_to_string(&json_path).map_err(|e| format!("cannot read {}: {e}", json_path.display()))?;
    let (load, load95) = median_ms(runs.min(10), || {
        black_box(ics_data::dataset::load(black_box(&json)).ok());
    });
    let engine = Engine::new(crate::build::load_shipped(root)?.frame_for(None, None)?);
    let ds = engine.frame();
    let index = engine.area_index();
    let (agg, agg95) = median_ms(runs, || {
        black_box(aggregate::aggregate(ds, index, Level::Ics));
    });
    let (naive, naive95) = median_ms(runs, || {
        black_box(naive_aggregation(&engine));
    });
    let query = Query { selected: Some("QOP".into()), view: View::Scatter, ..Query::new("rtt_over_52w_pct") };
    let (q, q95) = median_ms(runs, || {
        black_box(engine.query(&query).ok());
    });
    let (p, p95) = median_ms(runs.min(20), || {
        black_box(engine.profile(0).ok());
    });
    println!("ICS Explorer native benchmark: {} runs, medians (p95) in milliseconds", runs);
    println!("{:<58} {:>10} {:>10}", "task", "median", "p95");
    let row = |name: &str, m: f64, p: f64| println!("{name:<58} {m:>10.3} {p:>10.3}");
    row("load + validate dataset.json (1 MB)", load, load95);
    row("LSOA→ICS aggregation, all deciles/weights (engine)", agg, agg95);
    row("LSOA→ICS aggregation, naive string-keyed baseline", naive, naive95);
    row("typical query (52-week waits, selected ICS, peers, fit)", q, q95);
    row("full ICS profile (every indicator, default periods)", p, p95);
    println!("ratio: baseline ÷ engine aggregation = {:.1}x", naive / agg);
    let datasets = (0..runs.min(20) + 1).map(|_| ics_data::dataset::load(&json).map_err(|e| e.to_string())).collect::<Result<Vec<_>, String>>()?;
    ui_timings(datasets, &row);
    Ok(())
}

/// The page's Rust side without a DOM: building the first state and view (what mounting costs beyond loading),
/// and `update` + `view` for the benchmark's interactions, so browser timings can be split into Rust and DOM work.
fn ui_timings(mut datasets: Vec<ics_data::dataset::Dataset>, row: &dyn Fn(&str, f64, f64)) {
    use ics_ui::{update, view, Msg, Options, State};
    let Some(last) = datasets.pop() else { return };
    let runs = datasets.len();
    let (m, p) = median_ms(runs, || {
        if let Some(ds) = datasets.pop() {
            black_box(State::new(ds, Options::default()).map(|st| view(&st)).ok());
        }
    });
    row("first state + view (rankings)", m, p);
    let Ok(mut st) = State::new(last, Options::default()) else { return };
    let cases: [(&str, Vec<Msg>); 4] = [
        (
            "change indicator: update + view",
            ["ae_4hr_pct", "rtt_over_52w_pct", "core20_pop_share", "gp_fte_per_100k"].map(|i| Msg::SetIndicator(i.into())).into(),
        ),
        (
            "change filter: update + view",
            ["Y56", "Y62", ""].map(|r| Msg::SetRegion(st.engine.frame().regions.iter().position(|x| x.ods == r))).into(),
        ),
        ("select ICS: update + view", ["QOP", "QYG", ""].map(|r| Msg::SelectIcs(r.into())).into()),
        (
            "toggle deciles (deprivation view): update + view",
            vec![Msg::SetView(View::Deprivation), Msg::SetDepDeciles(true), Msg::SetDepDeciles(false)],
        ),
    ];
    for (name, msgs) in cases {
        let mut i = 0;
        let (m, p) = median_ms(runs * msgs.len(), || {
            update(&mut st, msgs[i % msgs.len()].clone());
            black_box(view(&st));
            i += 1;
        });
        row(name, m, p);
    }
}
