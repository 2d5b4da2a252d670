//! Today's map (the 36 ICBs of April 2026 on LSOA 2021 with IMD 2025) and the 42 ICSs seen with IMD 2025,
//! against figures computed here, independently, from the raw CSVs in `data/2026/` and `data/ics/`: LSOA
//! counts per ICB, how many neighbourhoods changed ICB, Core20 for all 36, the apportioning shares, exact sums
//! for boards made of whole predecessors, and estimates marked as such.

use ics_data::csv::Table;
use ics_data::dataset::{Dataset, Frame};
use ics_engine::Engine;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

fn raw(rel: &str) -> Table {
    Table::parse(&std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(rel)).unwrap()).unwrap()
}

fn col(t: &Table, name: &str) -> usize {
    t.column(name).unwrap()
}

fn dataset() -> &'static Dataset {
    ics_data::testdata::shipped()
}

fn today() -> Engine {
    Engine::new(dataset().frame_for(None, None).unwrap())
}

/// The raw lookup: (lsoa21, icb22, icb26) for every LSOA.
fn lookup() -> Vec<(String, String, String)> {
    let t = raw("2026/lookup_lsoa21_icb22_icb24_icb26.csv");
    let (l, a, b) = (col(&t, "lsoa21cd"), col(&t, "icb22cd"), col(&t, "icb26cd"));
    t.rows.iter().map(|r| (r.fields[l].clone(), r.fields[a].clone(), r.fields[b].clone())).collect()
}

#[test]
fn today_is_36_icbs_with_imd_2025_and_their_lsoa_counts_are_the_lookups() {
    let e = today();
    let f: &Frame = e.frame();
    assert_eq!((f.set.id.as_str(), f.edition_info.id.as_str()), ("icb26", "imd2025"));
    assert_eq!(f.icss.len(), 36);
    assert_eq!(f.boundaries.len(), 36, "the ICB 2026 map has 36 areas");
    assert!(f.boundaries.iter().all(|b| !b.rings.is_empty()));
    assert_eq!(f.lsoas.len(), 33_755);
    let mut want: BTreeMap<String, f64> = BTreeMap::new();
    for (_, _, icb26) in lookup() {
        *want.entry(icb26).or_default() += 1.0;
    }
    let (k, ind) = e.indicator("lsoa_count").unwrap();
    let v = e.values_at(ind, e.default_period_cached(k));
    for (i, ics) in f.icss.iter().enumerate() {
        assert_eq!(v.icss[i].value, Some(want[&ics.code]), "{}", ics.short_name);
        assert!(!v.icss[i].estimate, "counted from the lookup: exact");
    }
    assert_eq!(v.england.value, Some(33_755.0));
    // Hand-checked from data/2026/icb26.csv (n_lsoa21): West and North London 1,989, Essex 1,111.
    assert_eq!(want["E54000071"], 1989.0);
    assert_eq!(want["E54000066"], 1111.0);
}

#[test]
fn reassignments_between_july_2022_and_april_2026() {
    // data/2026/SOURCES.md: 10,207 LSOAs change ICB code between April 2024 and April 2026, 1,126 of them only
    // by Hampshire and Isle of Wight's re-code.
    let t = raw("2026/lookup_lsoa21_icb22_icb24_icb26.csv");
    let (a24, b26) = (col(&t, "icb24cd"), col(&t, "icb26cd"));
    assert_eq!(t.rows.iter().filter(|r| r.fields[a24] != r.fields[b26]).count(), 10_207);
    let l = lookup();
    let recoded_only = l.iter().filter(|(_, a, b)| a == "E54000042" && b == "E54000067").count();
    assert_eq!(recoded_only, 1126);
    // The dataset's pieces of July 2022 ICBs hold exactly the lookup's LSOAs: every (2022, 2026) pair, counted.
    let mut pairs: BTreeMap<(String, String), u32> = BTreeMap::new();
    for (_, a, b) in &l {
        *pairs.entry((a.clone(), b.clone())).or_default() += 1;
    }
    let ds = dataset();
    let (base, set) = (&ds.area_sets()[0], &ds.area_sets()[1]);
    assert_eq!(set.parts.len(), pairs.len());
    for p in &set.parts {
        assert_eq!(pairs[&(base.icss[p.base].code.clone(), set.icss[p.area].code.clone())], p.lsoas);
    }
    let moved: u32 = set.parts.iter().filter(|p| base.icss[p.base].code != set.icss[p.area].code).map(|p| p.lsoas).sum();
    assert_eq!(moved as usize, l.iter().filter(|(_, a, b)| a != b).count());
    // Six boards are made with part of a July 2022 ICB (Frimley, Hertfordshire and West Essex, and Suffolk and
    // North East Essex were split): their series are estimates.
    let split: std::collections::BTreeSet<&str> = set.parts.iter().filter(|p| !p.is_whole()).map(|p| set.icss[p.area].short_name.as_str()).collect();
    assert_eq!(
        split.into_iter().collect::<Vec<_>>(),
        ["Central East", "Essex", "Hampshire and Isle of Wight", "Norfolk and Suffolk", "Surrey and Sussex", "Thames Valley"]
    );
}

#[test]
fn core20_for_all_36_under_imd_2025() {
    // Residents (Census 2021, the age bands' sum) in LSOAs in national IMD 2025 deciles 1 and 2.
    let imd = raw("2026/imd2025_lsoa21.csv");
    let pop = raw("2026/population_lsoa21_census2021.csv");
    let decile: HashMap<&str, u32> =
        imd.rows.iter().map(|r| (r.fields[col(&imd, "lsoa21cd")].as_str(), r.fields[col(&imd, "imd_decile")].parse().unwrap())).collect();
    let people: HashMap<&str, f64> =
        pop.rows.iter().map(|r| (r.fields[col(&pop, "lsoa21cd")].as_str(), r.fields[col(&pop, "age_bands_sum")].parse().unwrap())).collect();
    let mut core20: HashMap<String, (f64, f64)> = HashMap::new();
    for (lsoa, _, icb26) in lookup() {
        let e = core20.entry(icb26).or_default();
        if decile[lsoa.as_str()] <= 2 {
            e.0 += people[lsoa.as_str()];
        }
        e.1 += people[lsoa.as_str()];
    }
    let e = today();
    let (k, ind) = e.indicator("core20_pop_share").unwrap();
    assert_eq!(ind.name, "Core20: population in the most deprived 20%");
    assert!(ind.definition.contains("Census 2021") && ind.definition.contains("2025"), "{}", ind.definition);
    let v = e.values_at(ind, e.default_period_cached(k));
    for (i, ics) in e.frame().icss.iter().enumerate() {
        let (d, t) = core20[&ics.code];
        assert!((v.icss[i].value.unwrap() - 100.0 * d / t).abs() < 1e-9, "{}", ics.short_name);
        assert!(!v.icss[i].estimate);
    }
}

#[test]
fn boards_of_whole_predecessors_are_exact_and_parts_are_estimates() {
    // West and North London's waiting list is North West London's plus North Central London's, every month.
    let rtt = raw("ics/icb22_rtt_incomplete_commissioner_2022_10_to_2026_03.csv");
    let (p, c, v) = (col(&rtt, "period_month"), col(&rtt, "icb22_code"), col(&rtt, "incomplete_pathways_total"));
    let mut sums: BTreeMap<String, f64> = BTreeMap::new();
    for r in &rtt.rows {
        if r.fields[c] == "E54000027" || r.fields[c] == "E54000028" {
            *sums.entry(r.fields[p].clone()).or_default() += r.fields[v].parse::<f64>().unwrap();
        }
    }
    let e = today();
    let wnl = e.ics("E54000071").unwrap();
    let (k, ind) = e.indicator("rtt_waiting_list").unwrap();
    let (_, periods) = e.periods(ind);
    assert_eq!(periods.len(), sums.len());
    for (q, period) in periods.iter().enumerate() {
        let x = &e.values_at(ind, q).icss[wnl];
        assert_eq!(x.value, Some(sums[period]), "{period}");
        assert!(!x.estimate);
    }
    // Essex is made with parts of two July 2022 ICBs: an estimate, the parts' residents' shares of them.
    let essex = e.ics("D7T5G").unwrap();
    let x = &e.values_at(ind, e.default_period_cached(k)).icss[essex];
    assert!(x.estimate);
    assert!(
        ind.caveats
            .iter()
            .any(|c| c.contains("Essex = 35% of Suffolk and North East Essex + 21% of Hertfordshire and West Essex + Mid and South Essex")),
        "{:?}",
        ind.caveats
    );
    // An unchanged board's value is its July 2022 value.
    let base = Engine::new(dataset().frame_for(Some("icb22"), Some("2025")).unwrap());
    let (kb, indb) = base.indicator("rtt_waiting_list").unwrap();
    let q = base.default_period_cached(kb);
    assert_eq!(base.values_at(indb, q).icss[base.ics("QOP").unwrap()].value, e.values_at(ind, q).icss[e.ics("QOP").unwrap()].value);
}

#[test]
fn apportioning_shares_are_census_residents() {
    // Frimley's pieces: its Census 2021 residents (the six age bands' sum) in each 2026 ICB, over all of them.
    let pop = raw("2026/population_lsoa21_census2021.csv");
    let people: HashMap<&str, f64> =
        pop.rows.iter().map(|r| (r.fields[col(&pop, "lsoa21cd")].as_str(), r.fields[col(&pop, "age_bands_sum")].parse().unwrap())).collect();
    let mut frimley: BTreeMap<String, f64> = BTreeMap::new();
    for (lsoa, icb22, icb26) in lookup() {
        if icb22 == "E54000034" {
            *frimley.entry(icb26).or_default() += people[lsoa.as_str()];
        }
    }
    let total: f64 = frimley.values().sum();
    let ds = dataset();
    let (base, set) = (&ds.area_sets()[0], &ds.area_sets()[1]);
    let f = base.icss.iter().position(|x| x.code == "E54000034").unwrap();
    let parts: Vec<(&str, f64)> = set.parts.iter().filter(|p| p.base == f).map(|p| (set.icss[p.area].code.as_str(), p.share)).collect();
    assert_eq!(parts.len(), 3);
    for (code, share) in parts {
        assert!((share - frimley[code] / total).abs() < 1e-12, "{code}");
    }
}

#[test]
fn the_42_with_imd_2025_and_what_each_frame_cannot_give() {
    let ds = dataset();
    let e = Engine::new(ds.frame_for(Some("icb22"), Some("2025")).unwrap());
    assert_eq!(e.frame().icss.len(), 42);
    assert_eq!(e.frame().lsoas.len(), 33_755);
    assert!(e.indicator("core20_pop_share").is_ok());
    // IDACI and IDAOPI are not in the 2025 extract; 85+ is not a Census 2021 band here: listed, not invented.
    for name in
        ["Children in the 20% most income-deprived areas (IDACI)", "Older people in the 20% most income-deprived areas (IDAOPI)", "Aged 85 and over"]
    {
        assert!(e.frame().unavailable.iter().any(|u| u.name == name), "{name}");
        assert!(!e.catalogue().indicators.iter().any(|i| i.name == name), "{name}");
    }
    // Mid-2022 residents are the April 2026 ICBs' population of record, not the July 2022 ICSs'.
    assert!(e.indicator("population_mid2022").is_err());
    let t = today();
    let (k, ind) = t.indicator("population_mid2022").unwrap();
    let v = t.values_at(ind, t.default_period_cached(k));
    let raw = raw("2026/icb26.csv");
    for r in &raw.rows {
        let i = t.ics(&r.fields[col(&raw, "icb26cd")]).unwrap();
        assert_eq!(v.icss[i].value, Some(r.fields[col(&raw, "pop_total_mid2022")].parse().unwrap()));
    }
    // And IMD 2019 cannot show the April 2026 ICBs: its 2011 neighbourhoods have no lookup to them.
    assert!(ds.frame_for(Some("icb26"), Some("2019")).unwrap_err().contains("has no lookup to the 36 ICBs (April 2026)"));
}
