//! The engine on the real shipped dataset: properties that must hold for every area, indicator and ICS, and
//! figures recomputed independently from the raw CSVs in `data/` (not through the dataset or the engine).

use ics_data::csv::Table;
use ics_data::dataset::{self, Deprivation, Weight};
use ics_engine::aggregate::Level;
use ics_engine::compare::Significance;
use ics_engine::peers::{PeerBasis, PeerSettings};
use ics_engine::query::{Query, View};
use ics_engine::{stats, Engine};
use std::collections::HashMap;
use std::path::Path;

fn engine() -> &'static Engine {
    // The engine caches with OnceCell (single-threaded by design): one per test thread, leaked for 'static.
    thread_local! {
        static E: &'static Engine = {
            // The July 2022 map with IMD 2019 (the geography of every series): the 42 ICSs these tests check.
            Box::leak(Box::new(Engine::new(ics_data::testdata::shipped().frame_for(Some("icb22"), None).unwrap())))
        };
    }
    E.with(|e| *e)
}

fn raw(rel: &str) -> Table {
    Table::parse(&std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(rel)).unwrap()).unwrap()
}

fn col(t: &Table, name: &str) -> usize {
    t.column(name).unwrap()
}

#[test]
fn shares_sum_to_100_and_england_is_the_sum_of_its_parts() {
    let e = engine();
    let england = e.england_area();
    for level in Level::ALL {
        let areas = e.areas(level);
        let lsoas: u32 = areas.iter().map(|a| a.lsoas).sum();
        assert_eq!(lsoas, 32_844, "{level:?}");
        let pop: f64 = areas.iter().map(|a| a.total_population()).sum();
        assert_eq!(pop, england.total_population(), "{level:?}");
        for a in areas {
            for dep in Deprivation::ALL {
                for w in [Weight::Lsoas, Weight::Population, Weight::Children, Weight::Older] {
                    let q: f64 = a.quintile_shares(dep, w).iter().sum();
                    let d: f64 = a.decile_shares(dep, w).iter().sum();
                    assert!((q - 100.0).abs() < 1e-9 && (d - 100.0).abs() < 1e-9, "{level:?} {dep:?} {w:?}: {q} {d}");
                }
            }
        }
    }
    // Nationally, each IMD decile holds a tenth of LSOAs (by construction).
    for s in england.decile_shares(Deprivation::Imd, Weight::Lsoas) {
        assert!((s - 10.0).abs() < 0.01, "{s}");
    }
    // England's weighted mean IMD score equals the population-weighted mean over regions.
    let regions = e.areas(Level::Region);
    let via_regions: f64 = regions.iter().map(|a| a.score_sums[0]).sum::<f64>() / england.total_population();
    assert!((via_regions - england.mean_score(dataset::Score::Imd)).abs() < 1e-9);
}

#[test]
fn every_indicator_value_is_finite_and_every_interval_brackets_its_value() {
    let e = engine();
    for (k, ind) in e.catalogue().indicators.iter().enumerate() {
        let (_, periods) = e.periods(ind);
        for p in 0..periods.len() {
            let v = e.values_at(ind, p);
            for (i, x) in v.icss.iter().chain(std::iter::once(&v.england)).enumerate() {
                if let Some(y) = x.value {
                    assert!(y.is_finite(), "{} {} #{i}", ind.id, periods[p]);
                }
                for ci in [x.ci95, x.ci998].into_iter().flatten() {
                    let y = x.value.unwrap();
                    assert!(ci.lower <= y + 1e-9 && y <= ci.upper + 1e-9, "{} {} #{i}: {ci:?} {y}", ind.id, periods[p]);
                }
                if let (Some(a), Some(b)) = (x.ci95, x.ci998) {
                    assert!(b.lower <= a.lower && a.upper <= b.upper, "99.8% must contain 95%: {}", ind.id);
                }
            }
        }
        assert!(e.default_period_cached(k) < periods.len());
    }
}

#[test]
fn wilson_and_byar_intervals_bracket_random_values() {
    // A small xorshift generator: deterministic, no dependency.
    let mut s: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    for _ in 0..5000 {
        let n = (next() % 1_000_000 + 1) as f64;
        let x = (next() % (n as u64 + 1)) as f64;
        for z in [stats::Z95, stats::Z998] {
            let w = stats::wilson(x, n, z).unwrap();
            assert!(w.lower <= x / n + 1e-12 && x / n <= w.upper + 1e-12 && w.lower >= 0.0 && w.upper <= 1.0, "{x}/{n}");
            let p = stats::poisson_limits(x, z).unwrap();
            assert!(p.lower <= x && x <= p.upper, "{x}: {p:?}");
        }
    }
}

#[test]
fn peers_exclude_self_for_every_ics_and_setting() {
    let e = engine();
    for basis in [PeerBasis::Deciles, PeerBasis::Core20Score] {
        for (log_population, region) in [(false, false), (true, true)] {
            let s = PeerSettings { basis, k: 15, log_population, region };
            for i in 0..42 {
                let p = e.peers(i, &s).unwrap();
                assert_eq!(p.peers.len(), 15);
                assert!(p.peers.iter().all(|x| x.ics != i));
                assert!(p.peers.windows(2).all(|w| w[0].distance <= w[1].distance));
                for x in &p.peers {
                    assert!((x.contributions.iter().sum::<f64>() - x.distance.powi(2)).abs() < 1e-9);
                    assert!((0.0..=1.0).contains(&x.scaled));
                }
            }
        }
    }
}

/// Core20 population share for every ICS, recomputed from the raw ONS lookup, IoD and population files.
#[test]
fn core20_and_deprivation_profiles_match_the_raw_files() {
    let look = raw("lookup_lsoa11_icb22.csv");
    let imd = raw("imd2019_lsoa11.csv");
    let pop = raw("population_lsoa11_mid2020.csv");
    let decile: HashMap<&str, u32> =
        imd.rows.iter().map(|r| (r.fields[col(&imd, "lsoa11_code")].as_str(), r.fields[col(&imd, "imd_decile")].parse().unwrap())).collect();
    let people: HashMap<&str, f64> =
        pop.rows.iter().map(|r| (r.fields[col(&pop, "lsoa11_code")].as_str(), r.fields[col(&pop, "pop_total")].parse().unwrap())).collect();
    let mut core20: HashMap<&str, (f64, f64, f64, f64)> = HashMap::new();
    for r in &look.rows {
        let code = r.fields[col(&look, "lsoa11_code")].as_str();
        let icb = r.fields[col(&look, "icb22_code")].as_str();
        let e = core20.entry(icb).or_default();
        let deprived = decile[code] <= 2;
        e.0 += if deprived { people[code] } else { 0.0 };
        e.1 += people[code];
        e.2 += if deprived { 1.0 } else { 0.0 };
        e.3 += 1.0;
    }
    let e = engine();
    let (k, ind) = e.indicator("core20_pop_share").unwrap();
    let v = e.values_at(ind, e.default_period_cached(k));
    let (k2, ind2) = e.indicator("core20_lsoa_share").unwrap();
    let v2 = e.values_at(ind2, e.default_period_cached(k2));
    for (i, ics) in e.frame().icss.iter().enumerate() {
        let (dp, tp, dl, tl) = core20[ics.code.as_str()];
        assert!((v.icss[i].value.unwrap() - 100.0 * dp / tp).abs() < 1e-9, "{}", ics.short_name);
        assert!((v2.icss[i].value.unwrap() - 100.0 * dl / tl).abs() < 1e-9, "{}", ics.short_name);
    }
    // Hand-checked extremes (data/SOURCES.md §5: "from almost none to about half").
    let gm = e.ics("QOP").unwrap();
    assert!((v.icss[gm].value.unwrap() - 100.0 * core20["E54000057"].0 / core20["E54000057"].1).abs() < 1e-9);
    let max = v.icss.iter().filter_map(|x| x.value).fold(0.0, f64::max);
    let min = v.icss.iter().filter_map(|x| x.value).fold(100.0, f64::min);
    assert!(max > 45.0 && max < 55.0 && min < 1.0, "{min} {max}");
    assert!((v.england.value.unwrap() - 19.98).abs() < 0.01);
}

/// Organisational counts match the independently derived counts in data/ics/icb22_org_context_derived.csv.
#[test]
fn organisation_counts_match_the_derived_context_file() {
    let t = raw("ics/icb22_org_context_derived.csv");
    let e = engine();
    let checks = [
        ("lsoa_count", "lsoa11_n"),
        ("sicbl_count", "sicbl22_n"),
        ("utla_count", "utla21_n_ge5pct_of_utla_lsoas"),
        ("ltla_count", "lad22_n_ge5pct_of_lad_lsoas"),
        ("trust_count", "nhs_trusts_n_hq_open_2022_07_01"),
        ("gp_practices", "gp_practices_n_alloc_2022_23"),
        ("pcns", "pcns_n_alloc_2022_23"),
    ];
    for (id, column) in checks {
        let (k, ind) = e.indicator(id).unwrap();
        let v = e.values_at(ind, e.default_period_cached(k));
        for r in &t.rows {
            let i = e.ics(&r.fields[col(&t, "icb22_code")]).unwrap();
            let want: f64 = r.fields[col(&t, column)].parse().unwrap();
            assert_eq!(v.icss[i].value, Some(want), "{id} for {}", e.frame().icss[i].short_name);
        }
    }
    // England totals: 32,844 LSOAs, 106 sub-ICB locations, 152 UTLAs, 208 trusts (data/ics/SOURCES.md §6).
    let england = |id: &str| {
        let (k, ind) = e.indicator(id).unwrap();
        e.values_at(ind, e.default_period_cached(k)).england.value.unwrap()
    };
    assert_eq!(england("lsoa_count"), 32_844.0);
    assert_eq!(england("sicbl_count"), 106.0);
    assert_eq!(england("utla_count"), 152.0);
    assert_eq!(england("trust_count"), 208.0);
}

#[test]
fn rtt_52_week_waits_march_2024_match_the_source_checks() {
    // data/ics/SOURCES.md §9: median ICB 4.02% over 52 weeks; 1.54% (South West London) to 7.51% (Norfolk
    // and Waveney).
    let e = engine();
    let r = e.query(&Query { period: Some("2024-03".into()), ..Query::new("rtt_over_52w_pct") }).unwrap();
    let c = &r.comparison;
    let name = |i: usize| e.frame().icss[i].short_name.as_str();
    let (lo, hi) = (c.summary.min.unwrap(), c.summary.max.unwrap());
    assert_eq!((name(lo.0), (lo.1 * 100.0).round() / 100.0), ("South West London", 1.54));
    assert_eq!((name(hi.0), (hi.1 * 100.0).round() / 100.0), ("Norfolk and Waveney", 7.51));
    assert_eq!((c.summary.median.unwrap() * 100.0).round() / 100.0, 4.02);
    // England: 309,299 of 7,538,830 = 4.10%; Norfolk's interval is far above it, so "worse".
    assert!((c.england.value.unwrap() - 100.0 * 309_299.0 / 7_538_830.0).abs() < 1e-9);
    assert_eq!(c.rows[hi.0].significance, Significance::Worse);
    assert_eq!(c.rows[lo.0].significance, Significance::Better);
    assert_eq!(c.rows[hi.0].rank, Some(42), "rank 1 is best (lowest)");
}

#[test]
fn ae_four_hour_performance_march_2024() {
    // data/ics/SOURCES.md §11: March 2024 median ICB 74.8% within 4 hours; 60.1% (Shropshire, Telford and
    // Wrekin) to 81.0% (Kent and Medway); England sum 74.3%.
    let e = engine();
    let r = e.query(&Query { period: Some("2024-03".into()), ..Query::new("ae_4hr_pct") }).unwrap();
    let c = &r.comparison;
    let name = |i: usize| e.frame().icss[i].short_name.as_str();
    let round1 = |x: f64| (x * 10.0).round() / 10.0;
    assert_eq!((name(c.summary.min.unwrap().0), round1(c.summary.min.unwrap().1)), ("Shropshire, Telford and Wrekin", 60.1));
    assert_eq!((name(c.summary.max.unwrap().0), round1(c.summary.max.unwrap().1)), ("Kent and Medway", 81.0));
    assert_eq!(round1(c.summary.median.unwrap()), 74.8);
    assert_eq!(round1(c.england.value.unwrap()), 74.3);
    // The default period is the latest month with complete 4-hour data for every ICS.
    let d = e.query(&Query::new("ae_4hr_pct")).unwrap();
    assert_eq!(d.periods[d.period_index], "2025-07");
    // May 2023 values carry the field-test caveat.
    let m = e.query(&Query { period: Some("2023-05".into()), ..Query::new("ae_4hr_pct") }).unwrap();
    assert!(m.comparison.rows.iter().all(|r| r.value.flags.iter().any(|f| f.note.contains("field test"))));
}

#[test]
fn flags_propagate_and_the_default_period_needs_all_but_two_icss() {
    let e = engine();
    // Delayed discharges: Cambridgeshire and Peterborough is missing from September 2023 (data/ics/SOURCES.md §13).
    // The default is the latest month with a usable value for at least 40 of the 42 ICSs: August 2025, the last
    // month of the source, not August 2023. Birmingham and Solihull's discharged-that-day share is 40.8% then
    // (19.6% in August 2023, the old default, where it was the lowest).
    assert_eq!(e.default_threshold(), 40);
    let d = e.query(&Query::new("delayed_discharge_per_100k")).unwrap();
    assert_eq!(d.periods[d.period_index], "2025-08");
    let que = e.ics("QUE").unwrap();
    let row = &d.comparison.rows[que];
    assert_eq!(row.value.value, None);
    assert!(row.value.flags.iter().any(|f| f.note.contains("No figure for Cambridgeshire and Peterborough")));
    assert!(!d.comparison.england.flags.is_empty(), "England is a partial sum and says so");
    let s = e.query(&Query::new("discharged_same_day_pct")).unwrap();
    assert_eq!(s.periods[s.period_index], "2025-08");
    let qhl = e.ics("QHL").unwrap();
    assert_eq!((s.comparison.rows[qhl].value.value.unwrap() * 10.0).round() / 10.0, 40.8);
    let old = e.query(&Query { period: Some("2023-08".into()), ..Query::new("discharged_same_day_pct") }).unwrap();
    assert_eq!((old.comparison.rows[qhl].value.value.unwrap() * 10.0).round() / 10.0, 19.6);
    // The waiting list's default stays March 2026: South Yorkshire's values there are flagged (a break), leaving 41.
    let w = e.query(&Query::new("rtt_waiting_list_per_1000")).unwrap();
    assert_eq!(w.periods[w.period_index], "2026-03");
    assert_eq!(w.comparison.rows.iter().filter(|r| r.value.is_usable()).count(), 41);
    // The RTT rate of October 2022 carries the missing-trust caveat from the numerator measure, on Frimley and
    // Greater Manchester only (the source says it "mainly affects" them), and on England.
    let o = e.query(&Query { period: Some("2022-10".into()), ..Query::new("rtt_waiting_list_per_1000") }).unwrap();
    let frimley = &o.comparison.rows[e.ics("QNQ").unwrap()].value.flags;
    assert!(frimley.iter().any(|f| f.note.contains("Frimley Health") && f.icss == [e.ics("QNQ").unwrap(), e.ics("QOP").unwrap()] && f.england));
    assert!(o.comparison.rows[qhl].value.flags.is_empty(), "Birmingham and Solihull is not affected");
}

#[test]
fn trend_deprivation_fit_and_within_on_the_real_data() {
    let e = engine();
    let q = Query { selected: Some("QOP".into()), view: View::Trends, ..Query::new("rtt_over_52w_pct") };
    let r = e.query(&q).unwrap();
    let t = r.trend.unwrap();
    assert_eq!(t.gaps, ["2023-04"]);
    assert_eq!(t.points.len(), 41);
    assert!(t.points.iter().all(|p| p.min <= p.value && p.value <= p.max));
    assert!(t.change.is_some());
    // Emergency admissions rise with deprivation (positive slope on Core20 share).
    let s = e.query(&Query { view: View::Scatter, ..Query::new("emergency_admissions_per_1000") }).unwrap();
    let fit = s.fit.unwrap();
    assert_eq!(fit.points.len(), 42);
    assert!(fit.line.slope > 0.0, "{:?}", fit.line);
    // Within Greater Manchester: ten local authorities, all wholly inside; deciles add up to its LSOAs.
    let w = e.within(e.ics("QOP").unwrap()).unwrap();
    let las: Vec<_> = w.areas.iter().filter(|a| a.level == Level::Utla).collect();
    assert_eq!(las.len(), 10);
    assert!(las.iter().all(|a| a.share_inside == Some(100.0)));
    assert_eq!(w.decile_lsoas.iter().sum::<f64>(), f64::from(w.lsoas));
}

/// The gradient inside an ICS, recomputed from the raw IoD, population and lookup files: local deciles (the
/// ICS's own LSOAs ranked by IMD 2019, most deprived first, cut into ten groups of equal LSOA counts), the
/// population-weighted value in each, and PHE's slope index (weighted least squares on the cumulative
/// population midpoints). Birmingham and Solihull and Lancashire and South Cumbria are the ICSs whose RIIs
/// were 3,258.57 and −14.00 / −139.00 when national deciles were used.
#[test]
fn inequality_gradients_use_local_deciles_and_match_the_raw_files() {
    let (imd, pop, look) = (raw("imd2019_lsoa11.csv"), raw("population_lsoa11_mid2020.csv"), raw("lookup_lsoa11_icb22.csv"));
    let f = |t: &Table, r: usize, c: &str| -> f64 { t.rows[r].fields[col(t, c)].parse().unwrap() };
    let imd_row: HashMap<&str, usize> = imd.rows.iter().enumerate().map(|(k, r)| (r.fields[col(&imd, "lsoa11_code")].as_str(), k)).collect();
    let pop_row: HashMap<&str, usize> = pop.rows.iter().enumerate().map(|(k, r)| (r.fields[col(&pop, "lsoa11_code")].as_str(), k)).collect();
    let e = engine();
    for (ods, icb) in [("QHL", "E54000055"), ("QE1", "E54000048")] {
        let mut codes: Vec<&str> =
            look.rows.iter().filter(|r| r.fields[col(&look, "icb22_code")] == icb).map(|r| r.fields[col(&look, "lsoa11_code")].as_str()).collect();
        codes.sort_by_key(|c| (f(&imd, imd_row[c], "imd_rank") as u32, *c));
        let n = codes.len();
        // [residents, income-deprived residents, employment-deprived residents (rate × all residents), 65+, 85+]
        let mut sums = [[0.0f64; 5]; 10];
        for (k, c) in codes.iter().enumerate() {
            let (i, p) = (imd_row[c], pop_row[c]);
            let people = f(&pop, p, "pop_total");
            let s = &mut sums[10 * k / n];
            s[0] += people;
            s[1] += people * f(&imd, i, "income_score_rate");
            s[2] += people * f(&imd, i, "employment_score_rate");
            s[3] += f(&pop, p, "pop_65_plus");
            s[4] += f(&pop, p, "pop_85_plus");
        }
        let w = e.within(e.ics(ods).unwrap()).unwrap();
        let total: f64 = sums.iter().map(|s| s[0]).sum();
        for (v, q) in w.inequality.iter().enumerate() {
            let want: Vec<f64> = sums.iter().map(|s| 100.0 * s[v + 1] / s[0]).collect();
            for d in 0..10 {
                assert!(
                    (q.by_decile[d].unwrap() - want[d]).abs() < 1e-9,
                    "{ods} {} decile {}: {:?} vs {}",
                    q.variable,
                    d + 1,
                    q.by_decile[d],
                    want[d]
                );
            }
            // PHE: x = cumulative population midpoint (0 = most deprived), weights = population shares.
            let mut cum = 0.0;
            let x: Vec<f64> = sums
                .iter()
                .map(|s| {
                    let a = s[0] / total;
                    cum += a;
                    cum - a / 2.0
                })
                .collect();
            let wt: Vec<f64> = sums.iter().map(|s| s[0] / total).collect();
            let xm: f64 = x.iter().zip(&wt).map(|(x, w)| x * w).sum();
            let ym: f64 = want.iter().zip(&wt).map(|(y, w)| y * w).sum();
            let sxx: f64 = x.iter().zip(&wt).map(|(x, w)| w * (x - xm).powi(2)).sum();
            let beta = x.iter().zip(&want).zip(&wt).map(|((x, y), w)| w * (x - xm) * (y - ym)).sum::<f64>() / sxx;
            let alpha = ym - beta * xm;
            // Positive SII = higher in the more deprived neighbourhoods.
            assert!((q.sii.unwrap() - (-beta)).abs() < 1e-9, "{ods} {}: SII {:?} vs {}", q.variable, q.sii, -beta);
            // The RII divides the fitted ends; it is withheld where an end is not clearly above zero.
            let rss: f64 = x.iter().zip(&want).zip(&wt).map(|((x, y), w)| w * (y - alpha - beta * x).powi(2)).sum();
            let se = |x0: f64| (rss / 8.0 * (1.0 + (x0 - xm).powi(2) / sxx)).sqrt();
            let t = stats::t_quantile(0.975, 8.0);
            let (dep, least) = (alpha, alpha + beta);
            let clear = dep - t * se(0.0) > 0.0 && least - t * se(1.0) > 0.0;
            assert_eq!(q.rii.is_some(), clear, "{ods} {}: RII {:?}, ends {dep} and {least}", q.variable, q.rii);
            if let Some(rii) = q.rii {
                assert!((rii - dep / least).abs() < 1e-9, "{ods} {}", q.variable);
            }
        }
        // "Aged 65 and over" is 65+ (all three older bands), not only 65–74: the raw file's pop_65_plus.
        assert_eq!(w.inequality[2].variable, "Aged 65 and over");
    }
    // Hand-checked (Python, from the same files): Birmingham and Solihull's income deprivation falls from 38.1% in
    // its most deprived tenth to 3.5% in its least; SII 40.33 percentage points; the straight line reaches 0.20% at
    // the least deprived end (95% interval −1.6 to 2.0), so no RII. Its 65+ RII is 0.36.
    let w = e.within(e.ics("QHL").unwrap()).unwrap();
    assert_eq!((w.inequality[0].by_decile[0].unwrap() * 10.0).round() / 10.0, 38.1);
    assert_eq!((w.inequality[0].sii.unwrap() * 100.0).round() / 100.0, 40.33);
    assert_eq!(w.inequality[0].rii, None);
    assert_eq!((w.inequality[2].rii.unwrap() * 100.0).round() / 100.0, 0.36);
    // Lancashire and South Cumbria: the fitted income line ends below zero (−2.41): no RII.
    let w = e.within(e.ics("QE1").unwrap()).unwrap();
    assert_eq!(w.inequality[0].rii, None);
    assert_eq!(w.inequality[1].rii, None);
}

/// NHS England's A&E "System Level Data" is provider-based (data/ics/SOURCES.md §11: its sums equal the provider
/// file's), so rates per head of the ICS's population are activity in the system, not residents' use: they say so
/// and are not compared with England.
#[test]
fn provider_based_ae_rates_are_labelled_and_not_compared_with_england() {
    let e = engine();
    let r = e.query(&Query::new("ae_attendances_per_1000")).unwrap();
    let c = &r.comparison;
    assert_eq!(c.period, "2025-07");
    let v = |ods: &str| (c.rows[e.ics(ods).unwrap()].value.value.unwrap() * 10.0).round() / 10.0;
    // Black Country 58.9 a month against Staffordshire and Stoke-on-Trent 21.6: flows across the boundary.
    assert_eq!((v("QUA"), v("QNC")), (58.9, 21.6));
    for id in ["ae_attendances_per_1000", "emergency_admissions_per_1000", "trolley_waits_per_100k"] {
        let (k, ind) = e.indicator(id).unwrap();
        assert!(ind.definition.contains("Provider-based") && ind.unit.contains("provider-based"), "{id}");
        assert_eq!(ind.polarity, dataset::Polarity::Neutral, "{id}: no better or worse");
        let c = e.compare(k, e.values_at(ind, e.default_period_cached(k)));
        assert!(c.rows.iter().all(|r| r.significance == Significance::NotCompared && r.value.ci95.is_none()), "{id}");
    }
}

/// Enough decimals that no ICS's non-zero share of long waiters reads as 0 (the profile showed "Waiting over 65
/// weeks 0.00", ranked 6th).
#[test]
fn long_wait_shares_show_enough_decimals_for_every_non_zero_value() {
    let e = engine();
    for (id, decimals) in [("rtt_over_52w_pct", 2), ("rtt_over_65w_pct", 3), ("rtt_over_78w_pct", 4)] {
        let (_, ind) = e.indicator(id).unwrap();
        assert_eq!(ind.decimals, decimals, "{id}");
        let (_, periods) = e.periods(ind);
        for p in 0..periods.len() {
            for (i, v) in e.values_at(ind, p).icss.iter().enumerate() {
                if v.numerator.is_some_and(|n| n > 0.0) {
                    let shown = ics_data::format::number(v.value.unwrap(), ind.decimals);
                    assert!(shown.bytes().any(|b| (b'1'..=b'9').contains(&b)), "{id} {} ICS {i}: {shown}", periods[p]);
                }
            }
        }
    }
    // Birmingham and Solihull, March 2026: 6th lowest share over 65 weeks, now 0.005% rather than "0.00".
    let r = e.query(&Query { period: Some("2026-03".into()), ..Query::new("rtt_over_65w_pct") }).unwrap();
    let row = &r.comparison.rows[e.ics("QHL").unwrap()];
    assert_eq!(row.rank, Some(6));
    assert_ne!(ics_data::format::number(row.value.value.unwrap(), 3), "0.000");
}

/// "Change since" never defaults across a break: South Yorkshire's waiting list is measured from July 2025, the
/// first month on its new level; Greater Manchester's from January 2023, after the months its largest trust was
/// missing; North East London's one-month dip (November 2025) is stepped over, and said to be.
#[test]
fn change_since_defaults_to_the_first_comparable_period() {
    let e = engine();
    let change = |ods: &str, base: Option<&str>| {
        let q = Query { selected: Some(ods.into()), view: View::Trends, base_period: base.map(str::to_string), ..Query::new("rtt_waiting_list") };
        e.query(&q).unwrap().trend.unwrap().change.unwrap()
    };
    let sy = change("QF7", None);
    assert_eq!((sy.base.as_str(), sy.to.as_str(), sy.from_value, sy.to_value), ("2025-07", "2026-03", 116_534.0, 104_678.0));
    assert!(sy.comparable && sy.default_base && sy.breaks == ["2025-07"]);
    let gm = change("QOP", None);
    assert_eq!((gm.base.as_str(), gm.breaks.len()), ("2023-01", 0));
    let nel = change("QMF", None);
    assert_eq!((nel.base.as_str(), nel.comparable, nel.breaks.clone()), ("2022-10", true, vec!["2025-11".to_string()]));
    // A base the user picks across the break is honoured, and marked as not comparable.
    let picked = change("QF7", Some("2022-10"));
    assert_eq!((picked.base.as_str(), picked.default_base, picked.comparable), ("2022-10", false, false));
}
