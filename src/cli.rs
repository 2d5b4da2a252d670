//! Native only: the `ics-explorer` command line. Parses arguments, calls the build or the engine, prints.
//!
//! It holds no logic of its own beyond formatting: every figure it prints comes from the engine, so the
//! terminal and the page always agree.

use crate::build;
use ics_engine::Engine;
use std::path::{Path, PathBuf};

const USAGE: &str = "\
ics-explorer: compare England's Integrated Care Boards (the 36 of April 2026, or the 42 of July 2022)

USAGE:
  ics-explorer build-data [--check] [--data DIR] [--root DIR]
      Build www/data/ (dataset.json and .js, and the IMD 2019 edition's files) from the raw extracts in data/.
      --check: change nothing; exit 1 if the shipped files are stale.
  ics-explorer prerender [--check] [--root DIR]
      Render the first view of index.html and embed.html into the pages (from www/data/dataset.json).
      --check: change nothing; exit 1 if a page is stale.
  ics-explorer serve [--port N] [--root DIR]
      Serve the explorer folder on http://127.0.0.1:N/ (default 8000).
  ics-explorer indicators [--format F]
      Every indicator: id, domain, name, unit, periods.
  ics-explorer table <indicator-id> [--period P] [--region CODE]... [--format F]
      Every ICS's value, rank, 95% interval and comparison with England. P: a period, or 'latest'
      (default: the latest period with unflagged values for all but two ICSs).
  ics-explorer funnel <indicator-id> [--period P] [--overdispersion none|phi|tau] [--hide-estimates] [--format F]
      Funnel plot figures: every ICS's value, denominator and z-score against 95% and 99.8% control limits around
      England's value (or the pooled mean), with the ICSs outside them; optionally adjusted for overdispersion.
      json gives the whole plot (points, limit curves, φ, τ²).
  ics-explorer peers <ics-code> [--k N] [--basis deciles|core20_score] [--log-population] [--region] [--format F]
      The ICS's nearest neighbours on deprivation, with distances and what drives them.
  ics-explorer profile <ics-code> [--format F]
      Every indicator for one ICS against England and the spread of all ICSs.
  ics-explorer spc <indicator-id> <ics-code> [--baseline FROM..TO] [--run N] [--no-screen] [--include-flagged] [--format F]
      The ICS's SPC (XmR) chart, NHS England's Making Data Count way, point by point: value, mean, process
      limits, the rules each point breaks and its variation. FROM..TO: the baseline's periods (default: all;
      either end may be left out). N: points in a shift or trend, 5 to 12 (default 7). --no-screen keeps
      moving ranges above 3.267 × their mean in the limits; --include-flagged uses flagged values in them.
  ics-explorer dist [--out FILE]
      Write a ZIP of the offline folder (default dist/ics-explorer.zip): open index.html from it.
  ics-explorer wasm-script <file.wasm>
      Print the classic script that carries the engine's WebAssembly (used by scripts/build.sh).
  ics-explorer bench [--runs N]
      Time the LSOA aggregation and a typical query natively (medians), against a naive baseline.

  F is table (default), csv or json. ICS codes: ONS (E54000057) or NHS (QOP).
  indicators, table, funnel, peers, profile and spc also take:
    --geography G  icb26 (default: the 36 ICBs of April 2026) or icb22 (the 42 ICSs of July 2022)
    --imd Y        the deprivation edition: 2025, or 2019 (icb22 only). Default: 2025 for icb26, 2019 for icb22

Options common to all commands:
  --root DIR   the repository folder (default: the current directory)
";

pub fn main(args: Vec<String>) -> i32 {
    match run(args) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {e}");
            if e.contains("USAGE") {
                2
            } else {
                1
            }
        }
    }
}

struct Args {
    rest: Vec<String>,
}

impl Args {
    fn flag(&mut self, name: &str) -> bool {
        let before = self.rest.len();
        self.rest.retain(|a| a != name);
        self.rest.len() != before
    }

    fn value(&mut self, name: &str) -> Result<Option<String>, String> {
        let Some(i) = self.rest.iter().position(|a| a == name) else { return Ok(None) };
        if i + 1 >= self.rest.len() {
            return Err(format!("{name} needs a value\n\n{USAGE}"));
        }
        let v = self.rest.remove(i + 1);
        self.rest.remove(i);
        Ok(Some(v))
    }

    /// The next argument that is not an option.
    fn positional(&mut self, what: &str) -> Result<String, String> {
        match self.rest.iter().position(|a| !a.starts_with("--")) {
            Some(i) => Ok(self.rest.remove(i)),
            None => Err(format!("missing the {what}\n\n{USAGE}")),
        }
    }

    fn done(self) -> Result<(), String> {
        match self.rest.first() {
            None => Ok(()),
            Some(a) => Err(format!("unexpected argument \"{a}\"\n\n{USAGE}")),
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let Some((cmd, rest)) = args.split_first() else { return Err(format!("no command given\n\n{USAGE}")) };
    let mut a = Args { rest: rest.to_vec() };
    let root = PathBuf::from(a.value("--root")?.unwrap_or_else(|| ".".into()));
    match cmd.as_str() {
        "build-data" => {
            let check = a.flag("--check");
            let data = a.value("--data")?.map(PathBuf::from).unwrap_or_else(|| root.join("data"));
            a.done()?;
            let ds = build::build(&data)?;
            let stale = build::write(&ds, &root, check)?;
            if check && !stale.is_empty() {
                let list: Vec<String> = stale.iter().map(|p| p.display().to_string()).collect();
                return Err(format!(
                    "the shipped dataset is stale against data/: {} differ. Run `cargo run --release -- build-data` and commit the result.",
                    list.join(", ")
                ));
            }
            let verb = if check {
                "up to date"
            } else if stale.is_empty() {
                "unchanged"
            } else {
                "written"
            };
            let sets: Vec<String> = ds.area_sets().iter().map(|s| format!("{} ({} areas)", s.id, s.icss.len())).collect();
            let editions: Vec<&str> = ds.editions().iter().map(|e| e.id.as_str()).collect();
            println!(
                "dataset {verb}: area sets {}; editions {}; {} indicators, {} measures",
                sets.join(", "),
                editions.join(", "),
                ds.indicators().len(),
                ds.measures().len()
            );
            Ok(())
        }
        "prerender" => {
            let check = a.flag("--check");
            a.done()?;
            let stale = crate::prerender::write(&build::load_core(&root)?, &root, check)?;
            let list: Vec<String> = stale.iter().map(|p| p.display().to_string()).collect();
            if check && !list.is_empty() {
                return Err(format!(
                    "the prerendered first view is stale in {}: run `scripts/build.sh` (or `cargo run --release -- prerender`) and commit the result.",
                    list.join(", ")
                ));
            }
            println!(
                "prerender {}: index.html, embed.html",
                if list.is_empty() {
                    "up to date"
                } else if check {
                    "stale"
                } else {
                    "written"
                }
            );
            Ok(())
        }
        "serve" => {
            let port = match a.value("--port")? {
                Some(p) => p.parse::<u16>().map_err(|_| format!("--port must be a number from 0 to 65535, not \"{p}\""))?,
                None => 8000,
            };
            a.done()?;
            ics_serve::serve(&root, port)
        }
        "funnel" => {
            let format = Format::parse(a.value("--format")?)?;
            let (geography, imd) = (a.value("--geography")?, a.value("--imd")?);
            let period = a.value("--period")?;
            let od = match a.value("--overdispersion")? {
                Some(o) => ics_engine::funnel::Overdispersion::from_key(&o)
                    .ok_or_else(|| format!("--overdispersion must be none, phi or tau, not \"{o}\""))?,
                None => Default::default(),
            };
            let hide = a.flag("--hide-estimates");
            let id = a.positional("indicator id")?;
            a.done()?;
            let engine = load_engine(&root, geography.as_deref(), imd.as_deref())?;
            let (k, _) = engine.indicator(&id).map_err(|x| x.0)?;
            let p = engine.period_index(k, period.as_deref()).map_err(|x| x.0)?;
            let f = engine.funnel(k, p, od, hide, None).map_err(|x| x.0)?;
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&f).map_err(|e| e.to_string())?),
                _ => print!("{}", report::funnel(&engine, &f).render(format)),
            }
            Ok(())
        }
        "indicators" | "table" | "peers" | "profile" | "spc" => {
            let format = Format::parse(a.value("--format")?)?;
            let (geography, imd) = (a.value("--geography")?, a.value("--imd")?);
            let engine = load_engine(&root, geography.as_deref(), imd.as_deref())?;
            let out = match cmd.as_str() {
                "indicators" => {
                    a.done()?;
                    report::indicators(&engine)
                }
                "table" => {
                    let period = a.value("--period")?;
                    let mut regions = Vec::new();
                    while let Some(r) = a.value("--region")? {
                        regions.push(r);
                    }
                    let id = a.positional("indicator id")?;
                    a.done()?;
                    report::table(&engine, &id, period, regions)?
                }
                "peers" => {
                    let k = match a.value("--k")? {
                        Some(k) => k.parse().map_err(|_| format!("--k must be a whole number from 1 to 15, not \"{k}\""))?,
                        None => 5,
                    };
                    let basis = match a.value("--basis")? {
                        Some(b) => ics_engine::peers::PeerBasis::from_key(&b)
                            .ok_or_else(|| format!("--basis must be deciles or core20_score, not \"{b}\""))?,
                        None => Default::default(),
                    };
                    let settings =
                        ics_engine::peers::PeerSettings { basis, k, log_population: a.flag("--log-population"), region: a.flag("--region") };
                    let code = a.positional("ICS code")?;
                    a.done()?;
                    report::peers(&engine, &code, &settings)?
                }
                "spc" => {
                    let mut s = ics_engine::spc::SpcSettings {
                        screen: !a.flag("--no-screen"),
                        include_flagged: a.flag("--include-flagged"),
                        ..Default::default()
                    };
                    if let Some(n) = a.value("--run")? {
                        s.run = n.parse().map_err(|_| format!("--run must be a whole number from 5 to 12, not \"{n}\""))?;
                    }
                    if let Some(b) = a.value("--baseline")? {
                        (s.baseline_from, s.baseline_to) = ics_engine::spc::parse_baseline(&b)
                            .ok_or_else(|| format!("--baseline must be FROM..TO (e.g. 2023-04..2024-03), not \"{b}\""))?;
                    }
                    let id = a.positional("indicator id")?;
                    let code = a.positional("ICS code")?;
                    a.done()?;
                    report::spc(&engine, &id, &code, &s)?
                }
                _ => {
                    let code = a.positional("ICS code")?;
                    a.done()?;
                    report::profile(&engine, &code)?
                }
            };
            print!("{}", out.render(format));
            Ok(())
        }
        "wasm-script" => {
            let file = PathBuf::from(a.positional("WebAssembly file")?);
            a.done()?;
            let wasm = std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            print!("{}", build::wasm_js(&wasm));
            Ok(())
        }
        "dist" => {
            let out = a.value("--out")?.map(PathBuf::from).unwrap_or_else(|| root.join("dist/ics-explorer.zip"));
            a.done()?;
            let (n, bytes) = crate::dist::write(&root, &out)?;
            println!("wrote {} ({n} files, {bytes} bytes)", out.display());
            Ok(())
        }
        "bench" => {
            let runs = match a.value("--runs")? {
                Some(n) => n.parse().map_err(|_| format!("--runs must be a whole number, not \"{n}\""))?,
                None => 30,
            };
            a.done()?;
            crate::bench::run(&root, runs)
        }
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command \"{other}\"\n\n{USAGE}")),
    }
}

/// Loads the shipped dataset under `root` (with every edition shipped apart) and gives an engine for one
/// geography and edition (defaults: today's map and its edition), or says how to get one.
fn load_engine(root: &Path, geography: Option<&str>, imd: Option<&str>) -> Result<Engine, String> {
    Ok(Engine::new(build::load_shipped(root)?.frame_for(geography, imd)?))
}

#[derive(Clone, Copy)]
pub enum Format {
    Table,
    Csv,
    Json,
}

impl Format {
    fn parse(s: Option<String>) -> Result<Format, String> {
        match s.as_deref() {
            None | Some("table") => Ok(Format::Table),
            Some("csv") => Ok(Format::Csv),
            Some("json") => Ok(Format::Json),
            Some(other) => Err(format!("--format must be table, csv or json, not \"{other}\"")),
        }
    }
}

/// Rows of named cells, rendered as an aligned table, CSV or a JSON array of objects.
pub struct Report {
    pub title: String,
    pub columns: Vec<&'static str>,
    /// Cells as text (what table and CSV show) and as JSON values.
    pub rows: Vec<Vec<(String, serde_json::Value)>>,
    pub footer: Vec<String>,
}

impl Report {
    pub fn render(&self, f: Format) -> String {
        match f {
            Format::Json => {
                let arr: Vec<serde_json::Value> = self
                    .rows
                    .iter()
                    .map(|r| serde_json::Value::Object(self.columns.iter().zip(r).map(|(c, (_, v))| (c.to_string(), v.clone())).collect()))
                    .collect();
                serde_json::to_string_pretty(&arr).unwrap_or_default() + "\n"
            }
            Format::Csv => {
                let mut out = ics_ui::export::csv_line(self.columns.iter().copied());
                for r in &self.rows {
                    out.push_str(&ics_ui::export::csv_line(r.iter().map(|(t, _)| t.as_str())));
                }
                out
            }
            Format::Table => {
                let widths: Vec<usize> = (0..self.columns.len())
                    .map(|c| self.rows.iter().map(|r| r[c].0.chars().count()).chain([self.columns[c].len()]).max().unwrap_or(0))
                    .collect();
                let numeric: Vec<bool> = (0..self.columns.len()).map(|c| self.rows.iter().all(|r| r[c].1.is_number() || r[c].1.is_null())).collect();
                let line = |cells: Vec<&str>| -> String {
                    let parts: Vec<String> = cells
                        .iter()
                        .enumerate()
                        .map(|(c, t)| {
                            let pad = widths[c].saturating_sub(t.chars().count());
                            if numeric[c] {
                                format!("{}{t}", " ".repeat(pad))
                            } else {
                                format!("{t}{}", " ".repeat(pad))
                            }
                        })
                        .collect();
                    parts.join("  ").trim_end().to_string() + "\n"
                };
                let mut out = format!("{}\n\n", self.title);
                out.push_str(&line(self.columns.clone()));
                out.push_str(&line(widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().iter().map(String::as_str).collect()));
                for r in &self.rows {
                    out.push_str(&line(r.iter().map(|(t, _)| t.as_str()).collect()));
                }
                for f in &self.footer {
                    out.push_str(&format!("\n{f}"));
                }
                if !self.footer.is_empty() {
                    out.push('\n');
                }
                out
            }
        }
    }
}

mod report {
    //! Engine results as reports. Figures come from the engine; this only chooses cells and formats numbers.
    use super::Report;
    use ics_data::format;
    use ics_engine::peers::PeerSettings;
    use ics_engine::query::Query;
    use ics_engine::Engine;
    use serde_json::{json, Value};

    fn num(v: Option<f64>, d: u8) -> (String, Value) {
        match v {
            Some(x) => (format::plain(x, d), json!(x)),
            None => (String::new(), Value::Null),
        }
    }

    fn text(s: impl Into<String>) -> (String, Value) {
        let s = s.into();
        (s.clone(), json!(s))
    }

    /// An apportioned estimate: `true` in JSON, "estimate" in CSV and tables.
    fn estimate(e: bool) -> (String, Value) {
        (if e { "estimate".into() } else { String::new() }, json!(e))
    }

    /// Which boundaries and deprivation edition a report is on: "36 ICBs (April 2026), IMD 2025".
    fn frame(e: &Engine) -> String {
        let f = e.frame();
        format!("{}, {}", f.set.name, f.edition_info.short)
    }

    pub fn indicators(e: &Engine) -> Report {
        let rows = e
            .catalogue()
            .indicators
            .iter()
            .map(|i| {
                let (kind, periods) = e.periods(i);
                let span = match (periods.first(), periods.last()) {
                    (Some(a), Some(b)) if a != b => format!("{} to {}", format::period(kind, a), format::period(kind, b)),
                    (Some(a), _) => format::period(kind, a),
                    _ => String::new(),
                };
                vec![text(i.id.clone()), text(i.domain.label()), text(i.name.clone()), text(i.unit.clone()), text(span)]
            })
            .collect();
        Report {
            title: format!("{} indicators", e.catalogue().indicators.len()),
            columns: vec!["id", "domain", "name", "unit", "periods"],
            rows,
            footer: vec![],
        }
    }

    pub fn table(e: &Engine, id: &str, period: Option<String>, regions: Vec<String>) -> Result<Report, String> {
        let mut q = Query::new(id);
        q.period = period;
        q.filters.regions = regions;
        let r = e.query(&q).map_err(|x| x.0)?;
        let ds = e.catalogue();
        let ind = &ds.indicators[r.indicator];
        let d = ind.decimals;
        let mut order: Vec<&ics_engine::compare::Ranked> = r.comparison.rows.iter().filter(|x| r.included[x.ics]).collect();
        order.sort_by_key(|x| (x.rank.unwrap_or(usize::MAX), x.ics));
        let rows = order
            .iter()
            .map(|x| {
                let ics = &ds.icss[x.ics];
                let flags: Vec<&str> = x.value.flags.iter().map(|f| f.note.as_str()).collect();
                vec![
                    num(x.rank.map(|r| r as f64), 0),
                    text(ics.code.clone()),
                    text(ics.ods.clone()),
                    text(ics.short_name.clone()),
                    text(ds.regions[ics.region].name.clone()),
                    num(x.value.value, d),
                    num(x.value.ci95.map(|c| c.lower), d),
                    num(x.value.ci95.map(|c| c.upper), d),
                    estimate(x.value.estimate),
                    text(x.significance.label()),
                    text(flags.join(" ")),
                ]
            })
            .collect();
        let kind = r.period_kind;
        let mut footer = vec![
            format!("{} ({}), {}. Rank: {}.", ind.name, ind.unit, format::period(kind, &r.comparison.period), r.comparison.rank_note),
            match r.comparison.england.value {
                Some(v) => format!("England: {}", format::number(v, d)),
                None => format!("England: not available; compared with {}.", r.comparison.comparator_label),
            },
        ];
        footer.extend(ind.caveats.iter().map(|c| format!("Caveat: {c}")));
        let sources: Vec<String> = ind.sources.iter().map(|&s| format!("{}: {}", ds.sources[s].publisher, ds.sources[s].dataset)).collect();
        footer.push(format!("Source: {}.", sources.join("; ")));
        Ok(Report {
            title: format!("{} — {} — {}", ind.name, format::period(kind, &r.comparison.period), frame(e)),
            columns: vec!["rank", "code", "ods", "name", "region", "value", "lower_95", "upper_95", "estimate", "compared_with_england", "flags"],
            rows,
            footer,
        })
    }

    pub fn funnel(e: &Engine, f: &ics_engine::funnel::Funnel) -> Report {
        let ds = e.catalogue();
        let d = ds.indicators.iter().find(|i| i.id == f.indicator).map_or(1, |i| i.decimals);
        let rows = f
            .points
            .iter()
            .map(|p| {
                vec![
                    text(p.code.clone()),
                    text(ds.icss[p.ics].ods.clone()),
                    text(p.name.clone()),
                    num(Some(p.value), d),
                    num(Some(p.numerator), 0),
                    num(Some(p.denominator), 0),
                    num(Some(p.z), 2),
                    text(p.p95.label()),
                    text(p.p998.label()),
                    num(Some(p.z_adjusted), 2),
                    text(p.adjusted95.label()),
                    text(p.adjusted998.label()),
                    estimate(p.estimate),
                ]
            })
            .collect();
        Report {
            title: format!("Funnel plot: {} — {} — {}", f.name, f.period, frame(e)),
            columns: vec![
                "code",
                "ods",
                "name",
                "value",
                "numerator",
                "denominator",
                "z",
                "limits_95",
                "limits_99_8",
                "z_adjusted",
                "adjusted_95",
                "adjusted_99_8",
                "estimate",
            ],
            rows,
            footer: f.notes(),
        }
    }

    pub fn peers(e: &Engine, code: &str, s: &PeerSettings) -> Result<Report, String> {
        let i = e.ics(code).map_err(|x| x.0)?;
        let p = e.peers(i, s).map_err(|x| x.0)?;
        let ds = e.frame();
        let rows = p
            .peers
            .iter()
            .map(|x| {
                let ics = &ds.icss[x.ics];
                // The feature that separates this peer most.
                let (f, c) = x.contributions.iter().enumerate().fold((0, 0.0), |b, (k, &c)| if c > b.1 { (k, c) } else { b });
                let share = if x.distance > 0.0 { 100.0 * c / x.distance.powi(2) } else { 0.0 };
                vec![
                    text(ics.code.clone()),
                    text(ics.ods.clone()),
                    text(ics.short_name.clone()),
                    num(Some(x.distance), 3),
                    num(Some(x.scaled), 3),
                    text(format!("{} ({}% of distance²)", p.features[f].label, format::plain(share, 0))),
                ]
            })
            .collect();
        Ok(Report {
            title: format!("Deprivation peers of {}", ds.icss[i].short_name),
            columns: vec!["code", "ods", "name", "value", "scaled_distance", "largest_difference"],
            rows,
            footer: vec![p.method, "value = distance (0 = identical profile); scaled = distance ÷ distance to the farthest ICS.".into()],
        })
    }

    pub fn profile(e: &Engine, code: &str) -> Result<Report, String> {
        let i = e.ics(code).map_err(|x| x.0)?;
        let rows = e.profile(i).map_err(|x| x.0)?;
        let ds = e.catalogue();
        let ics = &ds.icss[i];
        let out = rows
            .iter()
            .map(|r| {
                let ind = &ds.indicators[r.indicator];
                let (kind, _) = e.periods(ind);
                let d = ind.decimals;
                vec![
                    text(ics.code.clone()),
                    text(ind.id.clone()),
                    text(ind.name.clone()),
                    text(format::period(kind, &r.period)),
                    num(r.value.value, d),
                    estimate(r.value.estimate),
                    num(r.england, d),
                    num(r.summary.min.map(|m| m.1), d),
                    num(r.summary.max.map(|m| m.1), d),
                    num(r.rank.map(|x| x as f64), 0),
                    text(r.significance.label()),
                ]
            })
            .collect();
        Ok(Report {
            title: format!("Profile of {} ({}, {}) — {}", ics.short_name, ics.code, ics.ods, frame(e)),
            columns: vec!["code", "indicator", "name", "period", "value", "estimate", "england", "min", "max", "rank", "compared_with_england"],
            rows: out,
            footer: vec![format!(
                "min and max are across the {} areas; rank 1 is the best (or, for context indicators, the highest).",
                ds.icss.len()
            )],
        })
    }

    pub fn spc(e: &Engine, id: &str, code: &str, s: &ics_engine::spc::SpcSettings) -> Result<Report, String> {
        let (k, ind) = e.indicator(id).map_err(|x| x.0)?;
        let i = e.ics(code).map_err(|x| x.0)?;
        let c = e.spc(k, i, s).map_err(|x| x.0)?;
        let ds = e.frame();
        let ics = &ds.icss[i];
        let d = ind.decimals;
        let l = c.limits.as_ref();
        let rows = c
            .points
            .iter()
            .map(|p| {
                let rules: Vec<String> = p.hits.iter().map(|h| h.label(s.run)).collect();
                let charted = p.value.is_some() && l.is_some();
                vec![
                    text(p.period.clone()),
                    num(p.value, d),
                    estimate(p.estimate),
                    (
                        if p.missing {
                            "missing".into()
                        } else if p.flagged {
                            "flagged".into()
                        } else {
                            String::new()
                        },
                        json!(if p.missing {
                            "missing"
                        } else if p.flagged {
                            "flagged"
                        } else {
                            ""
                        }),
                    ),
                    (if p.in_baseline { "yes".into() } else { "no".into() }, json!(p.in_baseline)),
                    num(l.map(|l| l.mean), d + 2),
                    num(l.map(|l| l.lower), d + 2),
                    num(l.map(|l| l.upper), d + 2),
                    (rules.join("; "), json!(p.hits.iter().map(|h| json!({"rule": h.rule, "side": h.side})).collect::<Vec<_>>())),
                    text(if charted { p.variation.key() } else { "" }),
                    text(if charted { p.variation.label() } else { "" }),
                ]
            })
            .collect();
        let per = |p: &str| format::period(c.period_kind, p);
        let mut footer = vec![match l {
            Some(l) => format!(
                "Baseline {} to {}: {} points, mean {}, mean moving range {}, process limits {} to {} (near a limit beyond {} or {}); moving ranges {}.",
                per(&c.baseline.0),
                per(&c.baseline.1),
                l.points,
                format::plain(l.mean, d + 2),
                format::plain(l.mean_moving_range, d + 2),
                format::plain(l.lower, d + 2),
                format::plain(l.upper, d + 2),
                format::plain(l.lower_near, d + 2),
                format::plain(l.upper_near, d + 2),
                if s.screen { "above 3.267 × their mean screened out" } else { "not screened" }
            ),
            None => "No limits.".into(),
        }];
        if let (Some(v), Some(p)) = (c.variation, &c.latest) {
            footer.push(format!("Variation at the latest point ({}): {}.", per(p), v.label()));
        }
        for t in &c.standards {
            footer.push(format!("{}: {} (source: {}).", t.label, t.assurance_label.unwrap_or("no assurance"), t.source));
        }
        footer.extend(c.warnings.iter().cloned());
        footer.push(format!("Rules: a point beyond a limit; {} points on one side of the mean; {} points rising or falling; 2 of 3 near a limit. A missing period breaks runs.", s.run, s.run));
        Ok(Report {
            title: format!("SPC chart of {} for {} ({}, {}) — {}", ind.name, ics.short_name, ics.code, ics.ods, frame(e)),
            columns: vec![
                "period",
                "value",
                "estimate",
                "flag",
                "in_baseline",
                "mean",
                "lower_limit",
                "upper_limit",
                "rules",
                "variation",
                "variation_label",
            ],
            rows,
            footer,
        })
    }
}
