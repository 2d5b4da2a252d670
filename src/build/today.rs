//! Today's map: the 36 ICBs of April 2026 on the 33,755 LSOAs of 2021, with the English Indices of Deprivation
//! 2025 and Census 2021 residents, read from the extracts in `data/2026/` (see its SOURCES.md); how each 2026
//! ICB is made from the 42 of July 2022; and the mid-2022 populations that are each 2026 ICB's population of
//! record (the IoD 2025 denominators, summed by sub-ICB location).
//!
//! The same LSOA 2021 table also places every LSOA in a July 2022 sub-ICB location, so the 42 ICSs can be seen
//! with IMD 2025 too.

use super::geography::Geography;
use super::raw::{RawCsv, RawDir};
use ics_data::csv::Row;
use ics_data::dataset::*;
use std::collections::{BTreeMap, HashMap};

pub struct Today {
    pub set: AreaSet,
    pub edition: Edition,
    /// Each 2026 ICB's mid-2022 residents: the sum of its sub-ICB locations' IoD 2025 denominators.
    pub population: Measure,
}

/// Reads today's map. `base` is the July 2022 geography; `src` gives source indexes by id.
pub fn read(raw: &RawDir, base: &Geography, src: &dyn Fn(&str) -> usize) -> Result<Today, String> {
    let icb = raw.csv("2026/icb26.csv")?;
    let (c_code, c_ods, c_name, c_short, c_rcode, c_rods, c_rname, c_pop, c_n) = (
        icb.col("icb26cd")?,
        icb.col("icb26cdh")?,
        icb.col("icb26nm")?,
        icb.col("short_name")?,
        icb.col("nhser26cd")?,
        icb.col("nhser26cdh")?,
        icb.col("nhser26nm")?,
        icb.col("pop_total_mid2022")?,
        icb.col("n_lsoa21")?,
    );
    let mut regions: Vec<Region> = Vec::new();
    for r in icb.rows() {
        if !regions.iter().any(|x| x.code == icb.str(r, c_rcode)) {
            regions.push(Region { code: icb.str(r, c_rcode).into(), ods: icb.str(r, c_rods).into(), name: icb.str(r, c_rname).into() });
        }
    }
    regions.sort_by(|a, b| a.code.cmp(&b.code));
    let mut rows: Vec<&Row> = icb.rows().iter().collect();
    rows.sort_by(|a, b| icb.str(a, c_code).cmp(icb.str(b, c_code)));
    let icss: Vec<Ics> = rows
        .iter()
        .map(|r| Ics {
            code: icb.str(r, c_code).into(),
            ods: icb.str(r, c_ods).into(),
            name: icb.str(r, c_name).into(),
            short_name: icb.str(r, c_short).into(),
            region: regions.iter().position(|x| x.code == icb.str(r, c_rcode)).unwrap_or(usize::MAX),
        })
        .collect();
    let ics_of = |code: &str| icss.iter().position(|i| i.code == code);

    // Sub-ICB locations: the April 2026 ones (for this set) and the 2024 codes' NHS codes (to place LSOAs in
    // the July 2022 ones, which have the same NHS codes).
    let f = raw.csv("2026/sicbl24_sicbl26.csv")?;
    let (v, code, ods, name, parent) = (f.col("vintage")?, f.col("sicbl_cd")?, f.col("sicbl_ods")?, f.col("sicbl_nm")?, f.col("icb_cd")?);
    let mut sicbls = Vec::new();
    let mut ods_2024: HashMap<&str, &str> = HashMap::new();
    for r in f.rows() {
        match f.str(r, v) {
            "2026" => {
                let ics = ics_of(f.str(r, parent)).ok_or_else(|| f.bad(r, parent, "an ICB code from icb26.csv"))?;
                sicbls.push(Sicbl { code: f.str(r, code).into(), ods: f.str(r, ods).into(), name: f.str(r, name).into(), ics });
            }
            "2024" => {
                ods_2024.insert(f.str(r, code), f.str(r, ods));
            }
            _ => return Err(f.bad(r, v, "2024 or 2026")),
        }
    }
    sicbls.sort_by(|a, b| a.code.cmp(&b.code));

    // Local authorities, April 2024. Upper tier: each district's April 2021 county (county boundaries are
    // unchanged since), and the four unitary authorities created in April 2023 as their own upper tier.
    let f = raw.csv("2026/ltla24.csv")?;
    let (lc, ln) = (f.col("ltla24cd")?, f.col("ltla24nm")?);
    let mut utlas: Vec<Utla> = Vec::new();
    let mut ltla_rows: Vec<(String, String, String)> = Vec::new();
    for r in f.rows() {
        let (c, n) = (f.str(r, lc), f.str(r, ln));
        let utla = match base.ltlas.iter().find(|l| l.code == c) {
            Some(l) => base.utlas[l.utla].clone(),
            None if c.starts_with("E06") => Utla { code: c.into(), name: n.into() },
            None => return Err(f.bad(r, lc, "a local authority in the 2022 lookup, or a unitary authority (E06)")),
        };
        if !utlas.iter().any(|u| u.code == utla.code) {
            utlas.push(utla.clone());
        }
        ltla_rows.push((c.into(), n.into(), utla.code));
    }
    utlas.sort_by(|a, b| a.code.cmp(&b.code));
    ltla_rows.sort();
    let ltlas: Vec<Ltla> = ltla_rows
        .into_iter()
        .map(|(code, name, u)| Ltla { utla: utlas.iter().position(|x| x.code == u).unwrap_or(usize::MAX), code, name })
        .collect();

    // LSOAs, their 2026 and July 2022 sub-ICB locations, and which 2022 ICB piece each is in.
    let look = raw.csv("2026/lookup_lsoa21_icb22_icb24_icb26.csv")?;
    let (kc, kl, k22, k24, k26s, k26) =
        (look.col("lsoa21cd")?, look.col("ltla24cd")?, look.col("icb22cd")?, look.col("sicbl24cd")?, look.col("sicbl26cd")?, look.col("icb26cd")?);
    let mut codes = Vec::new();
    let mut by_code: HashMap<&str, usize> = HashMap::new();
    let (mut ltla, mut s26, mut s22, mut base_area, mut area) = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, r) in look.rows().iter().enumerate() {
        let c = look.str(r, kc);
        codes.push(c.strip_prefix("E01").and_then(|d| d.parse::<u32>().ok()).ok_or_else(|| look.bad(r, kc, "an E01 LSOA code"))?);
        by_code.insert(c, i);
        ltla.push(ltlas.iter().position(|x| x.code == look.str(r, kl)).ok_or_else(|| look.bad(r, kl, "an LTLA code from ltla24.csv"))? as u16);
        let s = sicbls.iter().position(|x| x.code == look.str(r, k26s)).ok_or_else(|| look.bad(r, k26s, "a 2026 sub-ICB location"))?;
        if icss[sicbls[s].ics].code != look.str(r, k26) {
            return Err(look.bad(r, k26, "the ICB of its 2026 sub-ICB location"));
        }
        s26.push(s as u8);
        area.push(sicbls[s].ics);
        let b = base.icss.iter().position(|x| x.code == look.str(r, k22)).ok_or_else(|| look.bad(r, k22, "a July 2022 ICB code"))?;
        base_area.push(b);
        // The July 2022 sub-ICB location with the 2024 one's NHS code, if it is in the LSOA's July 2022 ICB;
        // otherwise (4 LSOAs Surrey Heartlands gave Sussex in 2023) the ICB's only sub-ICB location.
        let ods = ods_2024.get(look.str(r, k24)).ok_or_else(|| look.bad(r, k24, "a 2024 sub-ICB location"))?;
        let same = base.sicbls.iter().position(|x| x.ods == *ods && x.ics == b);
        let only: Vec<usize> = (0..base.sicbls.len()).filter(|&x| base.sicbls[x].ics == b).collect();
        let s = match (same, only.as_slice()) {
            (Some(s), _) => s,
            (None, [s]) => *s,
            _ => return Err(look.bad(r, k24, "a sub-ICB location of the LSOA's July 2022 ICB")),
        };
        s22.push(s as u8);
    }
    if codes.windows(2).any(|w| w[0] >= w[1]) {
        return Err("2026/lookup_lsoa21_icb22_icb24_icb26.csv: LSOAs must be sorted by code".into());
    }
    let n = codes.len();

    // IMD 2025 (File 7): scores in thousandths, ranks, deciles of the IMD and its seven domains.
    let imd = raw.csv("2026/imd2025_lsoa21.csv")?;
    let rows = keyed(&imd, &by_code)?;
    let thousandths = |r: &Row, c: usize| -> Result<u32, String> {
        let v = imd.f64(r, c)?;
        let t = (v * 1000.0).round();
        if (t / 1000.0 - v).abs() > 1e-9 || t < 0.0 {
            return Err(imd.bad(r, c, "a non-negative number with at most 3 decimals"));
        }
        Ok(t as u32)
    };
    let (sc, rk, inc, emp) = (imd.col("imd_score")?, imd.col("imd_rank")?, imd.col("income_score")?, imd.col("employment_score")?);
    let mut deciles: [Vec<u8>; 10] = std::array::from_fn(|_| Vec::with_capacity(n));
    let (mut imd_score, mut imd_rank, mut income_rate, mut employment_rate) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let domain_cols: Vec<(Deprivation, usize)> = [
        (Deprivation::Imd, "imd_decile"),
        (Deprivation::Income, "income_decile"),
        (Deprivation::Employment, "employment_decile"),
        (Deprivation::Education, "education_decile"),
        (Deprivation::Health, "health_decile"),
        (Deprivation::Crime, "crime_decile"),
        (Deprivation::Barriers, "barriers_decile"),
        (Deprivation::LivingEnvironment, "living_env_decile"),
    ]
    .into_iter()
    .map(|(d, c)| imd.col(c).map(|c| (d, c)))
    .collect::<Result<_, _>>()?;
    for r in &rows {
        imd_score.push(thousandths(r, sc)?);
        imd_rank.push(u16::try_from(imd.u32(r, rk)?).map_err(|_| imd.bad(r, rk, "a rank up to 33,755"))?);
        income_rate.push(thousandths(r, inc)? as u16);
        employment_rate.push(thousandths(r, emp)? as u16);
        for &(d, c) in &domain_cols {
            deciles[d as usize].push(imd.u32(r, c)? as u8);
        }
    }
    // IDACI and IDAOPI are not in the stored File 7 extract: no deciles (0), and no indicators from them.
    for d in [Deprivation::Idaci, Deprivation::Idaopi] {
        deciles[d as usize] = vec![0; n];
    }

    // Census 2021 residents by age: 0–15, 16–64 (four bands summed) and 65+, in the 0–15, 16–64 and 65–74
    // slots (this edition has no band above 65).
    let pop = raw.csv("2026/population_lsoa21_census2021.csv")?;
    let rows = keyed(&pop, &by_code)?;
    let cols: Vec<usize> = ["age_0_15", "age_16_24", "age_25_34", "age_35_49", "age_50_64", "age_65_plus", "age_bands_sum"]
        .iter()
        .map(|c| pop.col(c))
        .collect::<Result<_, _>>()?;
    let mut population: [Vec<u16>; 5] = std::array::from_fn(|_| Vec::with_capacity(n));
    for r in &rows {
        let v: Vec<u32> = cols.iter().map(|&c| pop.u32(r, c)).collect::<Result<_, _>>()?;
        if v[..6].iter().sum::<u32>() != v[6] {
            return Err(format!("{} line {}: the age bands do not add up to age_bands_sum", pop.name, r.line));
        }
        let band = |x: u32| u16::try_from(x).map_err(|_| format!("{} line {}: a band above 65,535", pop.name, r.line));
        population[0].push(band(v[0])?);
        population[1].push(band(v[1] + v[2] + v[3] + v[4])?);
        population[2].push(band(v[5])?);
        population[3].push(0);
        population[4].push(0);
    }
    let residents = |r: usize| -> f64 { population.iter().map(|c| f64::from(c[r])).sum() };

    // Pieces: each July 2022 ICB's LSOAs and residents inside each 2026 ICB.
    let mut pieces: BTreeMap<(usize, usize), (u32, f64)> = BTreeMap::new();
    let mut base_total = vec![0.0; base.icss.len()];
    for r in 0..n {
        let e = pieces.entry((base_area[r], area[r])).or_insert((0, 0.0));
        e.0 += 1;
        e.1 += residents(r);
        base_total[base_area[r]] += residents(r);
    }
    let parts: Vec<Part> = pieces
        .into_iter()
        .map(|((b, a), (lsoas, res))| Part {
            base: b,
            area: a,
            lsoas,
            residents: res,
            share: if res == base_total[b] { 1.0 } else { res / base_total[b] },
        })
        .collect();
    check_parts(raw, &parts, base, &icss)?;
    // Each ICB's LSOA count must be the published one.
    for (r, i) in rows_by_code(&icb, c_code, &icss)? {
        let want = icb.u32(r, c_n)?;
        let got = area.iter().filter(|&&a| a == i).count() as u32;
        if got != want {
            return Err(format!("{} line {}: {} has {got} LSOAs in the lookup but n_lsoa21 says {want}", icb.name, r.line, icss[i].code));
        }
    }

    // Mid-2022 population by 2026 ICB: the sub-ICB locations' IoD 2025 denominators, summed, and checked
    // against icb26.csv's own sums.
    let f = raw.csv("2026/population_sicbl_mid2022_iod2025.csv")?;
    let (pv, pc, pt) = (f.col("sicbl_vintage")?, f.col("sicbl_cd")?, f.col("pop_total_mid2022")?);
    let mut mid2022 = vec![0.0; icss.len()];
    for r in f.rows().iter().filter(|r| f.str(r, pv) == "2026") {
        let s = sicbls.iter().position(|x| x.code == f.str(r, pc)).ok_or_else(|| f.bad(r, pc, "a 2026 sub-ICB location"))?;
        mid2022[sicbls[s].ics] += f.f64(r, pt)?;
    }
    for (r, i) in rows_by_code(&icb, c_code, &icss)? {
        if (icb.f64(r, c_pop)? - mid2022[i]).abs() > 0.5 {
            return Err(format!("{} line {}: pop_total_mid2022 is not the sum of its sub-ICB locations' denominators", icb.name, r.line));
        }
    }
    let population_measure = Measure {
        id: "population_mid2022".into(),
        name: "Residents, mid-2022 (ONS estimates used as IoD 2025 denominators), by April 2026 ICB".into(),
        source: src("mhclg_iod2025"),
        period_kind: PeriodKind::Year,
        periods: vec!["2022".into()],
        values: vec![mid2022.into_iter().map(Some).collect()],
        england: None,
        flags: vec![],
        area_set: 1,
        additive: true,
        estimated: vec![],
    };

    let boundaries = boundaries(raw, &icss)?;
    let set = AreaSet {
        id: "icb26".into(),
        name: "36 ICBs (April 2026)".into(),
        period: "April 2026".into(),
        geography: "ICB (April 2026 boundaries)".into(),
        edition: "imd2025".into(),
        sources: vec![src("ons_lookups_2026"), src("ons_boundaries_2026")],
        regions,
        icss,
        sicbls,
        boundaries,
        parts,
    };
    let edition = Edition {
        id: "imd2025".into(),
        name: "English Indices of Deprivation 2025".into(),
        short: "IMD 2025".into(),
        year: "2025".into(),
        lsoa: "LSOA 2021".into(),
        population: "Census 2021".into(),
        population_year: "2021".into(),
        sources: vec![src("mhclg_iod2025"), src("ons_census2021"), src("ons_lookups_2026")],
        indices: Deprivation::ALL[..8].to_vec(),
        age_85_plus: false,
        utlas,
        ltlas,
        lsoas: Lsoas { code: codes, sicbl: vec![], ltla, imd_score, imd_rank, income_rate, employment_rate, deciles, population },
        assignments: vec![Assignment { area_set: 0, sicbl: s22 }, Assignment { area_set: 1, sicbl: s26 }],
    };
    Ok(Today { set, edition, population: population_measure })
}

/// The rows of `f` in the order of `icss` (by the code column `c`).
fn rows_by_code<'a>(f: &'a RawCsv, c: usize, icss: &[Ics]) -> Result<Vec<(&'a Row, usize)>, String> {
    f.rows().iter().map(|r| icss.iter().position(|i| i.code == f.str(r, c)).map(|i| (r, i)).ok_or_else(|| f.bad(r, c, "an ICB code"))).collect()
}

/// The pieces' LSOA counts must be the published predecessor file's (`icb26_predecessors.csv`, July 2022
/// vintage), so the apportioning weights rest on the same lookup as the published shares.
fn check_parts(raw: &RawDir, parts: &[Part], base: &Geography, icss: &[Ics]) -> Result<(), String> {
    let f = raw.csv("2026/icb26_predecessors.csv")?;
    let (c26, vint, cpre, cn) = (f.col("icb26cd")?, f.col("predecessor_vintage")?, f.col("predecessor_cd")?, f.col("n_lsoa21")?);
    let mut published = 0;
    for r in f.rows().iter().filter(|r| f.str(r, vint) == "icb22") {
        published += 1;
        let a = icss.iter().position(|x| x.code == f.str(r, c26)).ok_or_else(|| f.bad(r, c26, "a 2026 ICB"))?;
        let b = base.icss.iter().position(|x| x.code == f.str(r, cpre)).ok_or_else(|| f.bad(r, cpre, "a July 2022 ICB"))?;
        let p = parts
            .iter()
            .find(|p| p.base == b && p.area == a)
            .ok_or_else(|| format!("{} line {}: no LSOA of {} is in {} in the lookup", f.name, r.line, base.icss[b].code, icss[a].code))?;
        if p.lsoas != f.u32(r, cn)? {
            return Err(format!("{} line {}: {} LSOAs in the lookup, {} published", f.name, r.line, p.lsoas, f.u32(r, cn)?));
        }
    }
    if published != parts.len() {
        return Err(format!("{}: {published} July 2022 pieces published, {} in the lookup", f.name, parts.len()));
    }
    Ok(())
}

/// Rows of a CSV keyed by `lsoa21cd`, in the lookup's LSOA order; every LSOA exactly once.
fn keyed<'a>(f: &'a RawCsv, codes: &HashMap<&str, usize>) -> Result<Vec<&'a Row>, String> {
    let key = f.col("lsoa21cd")?;
    let mut rows: Vec<Option<&Row>> = vec![None; codes.len()];
    for r in f.rows() {
        let i = *codes.get(f.str(r, key)).ok_or_else(|| f.bad(r, key, "an LSOA 2021 code from the lookup"))?;
        if rows[i].replace(r).is_some() {
            return Err(format!("{} line {}: LSOA {} appears twice", f.name, r.line, f.str(r, key)));
        }
    }
    rows.into_iter().enumerate().map(|(i, r)| r.ok_or_else(|| format!("{}: no row for LSOA number {i} of the lookup", f.name))).collect()
}

/// The April 2026 outlines (ONS LSOA 2021 boundaries dissolved by ICB in the source), rounded to 0.0001° and
/// simplified for a small map along shared borders, so neighbours still meet (see `simplify`).
fn boundaries(raw: &RawDir, icss: &[Ics]) -> Result<Vec<Boundary>, String> {
    let rel = "2026/boundaries_icb26.geojson";
    let v: serde_json::Value = serde_json::from_str(&raw.text(rel)?).map_err(|e| format!("{rel}: {e}"))?;
    let features = v["features"].as_array().ok_or_else(|| format!("{rel}: no features"))?;
    let mut rings: Vec<(usize, Vec<[i32; 2]>)> = Vec::new();
    for (k, f) in features.iter().enumerate() {
        let code = f["properties"]["code"].as_str().unwrap_or("");
        let ics = icss.iter().position(|i| i.code == code).ok_or_else(|| format!("{rel}: feature {k} has unknown code {code:?}"))?;
        let g = &f["geometry"];
        let polygons: Vec<&serde_json::Value> = match g["type"].as_str() {
            Some("Polygon") => vec![&g["coordinates"]],
            Some("MultiPolygon") => g["coordinates"].as_array().map(|a| a.iter().collect()).unwrap_or_default(),
            other => return Err(format!("{rel}: feature {code} has geometry {other:?}")),
        };
        for p in polygons {
            for ring in p.as_array().into_iter().flatten() {
                let mut pts: Vec<[i32; 2]> = Vec::new();
                for pt in ring.as_array().into_iter().flatten() {
                    let (Some(x), Some(y)) = (pt[0].as_f64(), pt[1].as_f64()) else {
                        return Err(format!("{rel}: feature {code} has a non-numeric point"));
                    };
                    let q = [(x * 1e4).round() as i32, (y * 1e4).round() as i32];
                    if pts.last() != Some(&q) {
                        pts.push(q);
                    }
                }
                rings.push((ics, pts));
            }
        }
    }
    let simplified = simplify(&rings.iter().map(|(_, r)| r.clone()).collect::<Vec<_>>(), 40);
    let mut out: Vec<Boundary> = icss.iter().enumerate().map(|(i, _)| Boundary { ics: i, rings: vec![] }).collect();
    for ((ics, _), ring) in rings.iter().zip(simplified) {
        // Rings too small to see at this scale (islets) are left out; every ICB keeps at least its largest.
        if ring.len() >= 4 {
            out[*ics].rings.push(ring);
        }
    }
    if let Some(b) = out.iter().find(|b| b.rings.is_empty()) {
        return Err(format!("{rel}: {} has no outline left after simplifying", icss[b.ics].code));
    }
    Ok(out)
}

/// Simplifies closed rings with Douglas–Peucker at `tolerance` (in 0.0001°), keeping shared borders shared:
/// points where the set of rings through a point changes are kept, and each stretch between two kept points
/// is simplified the same way whichever ring walks it (in one canonical direction). Deterministic.
pub fn simplify(rings: &[Vec<[i32; 2]>], tolerance: i64) -> Vec<Vec<[i32; 2]>> {
    // Which rings pass through each point (rings are closed: the last point repeats the first).
    let mut through: HashMap<[i32; 2], Vec<usize>> = HashMap::new();
    for (k, ring) in rings.iter().enumerate() {
        for p in ring.iter().take(ring.len().saturating_sub(1)) {
            let e = through.entry(*p).or_default();
            if !e.contains(&k) {
                e.push(k);
            }
        }
    }
    rings
        .iter()
        .map(|ring| {
            let m = ring.len().saturating_sub(1);
            if m < 4 {
                return ring.clone();
            }
            let pts = &ring[..m];
            let set = |i: usize| &through[&pts[i % m]];
            let mut keep: Vec<usize> = (0..m).filter(|&i| set(i) != set(i + m - 1) || set(i) != set(i + 1) || set(i).len() > 2).collect();
            if keep.is_empty() {
                // An island: anchor on its first point and the point farthest from it.
                let far = (1..m).max_by_key(|&i| dist2(pts[0], pts[i])).unwrap_or(m / 2);
                keep = vec![0, far];
            }
            let mut out = Vec::new();
            for (j, &a) in keep.iter().enumerate() {
                let b = keep.get(j + 1).copied().unwrap_or(keep[0] + m);
                let stretch: Vec<[i32; 2]> = (a..=b).map(|i| pts[i % m]).collect();
                // The same stretch from the other side runs backwards: simplify it in one direction only.
                let forward = stretch.first() <= stretch.last();
                let mut s = if forward { stretch.clone() } else { stretch.iter().rev().copied().collect() };
                s = douglas_peucker(&s, tolerance);
                if !forward {
                    s.reverse();
                }
                out.extend_from_slice(&s[..s.len() - 1]);
            }
            out.push(out[0]);
            out
        })
        .collect()
}

fn dist2(a: [i32; 2], b: [i32; 2]) -> i64 {
    let (dx, dy) = (i64::from(a[0] - b[0]), i64::from(a[1] - b[1]));
    dx * dx + dy * dy
}

/// Douglas–Peucker on an open polyline: keeps its ends and every point farther than `tolerance` from the chord.
fn douglas_peucker(pts: &[[i32; 2]], tolerance: i64) -> Vec<[i32; 2]> {
    if pts.len() <= 2 {
        return pts.to_vec();
    }
    let mut keep = vec![false; pts.len()];
    keep[0] = true;
    keep[pts.len() - 1] = true;
    let mut stack = vec![(0, pts.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        let (pa, pb) = (pts[a], pts[b]);
        let (dx, dy) = (i64::from(pb[0] - pa[0]), i64::from(pb[1] - pa[1]));
        let len2 = (dx * dx + dy * dy).max(1) as f64;
        let mut best = (0.0f64, 0);
        for (i, p) in pts.iter().enumerate().take(b).skip(a + 1) {
            let cross = (dx * i64::from(p[1] - pa[1]) - dy * i64::from(p[0] - pa[0])) as f64;
            let d = if dx == 0 && dy == 0 { (dist2(*p, pa) as f64).sqrt() } else { cross.abs() / len2.sqrt() };
            if d > best.0 {
                best = (d, i);
            }
        }
        if best.0 > tolerance as f64 {
            keep[best.1] = true;
            stack.push((a, best.1));
            stack.push((best.1, b));
        }
    }
    pts.iter().zip(keep).filter(|(_, k)| *k).map(|(p, _)| *p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplifying_keeps_shared_borders_shared() {
        // Two squares sharing a wiggly border: both sides of it simplify to the same points.
        let border: Vec<[i32; 2]> = (0..=10).map(|y| [if y % 2 == 0 { 0 } else { 3 }, y * 100]).collect();
        let mut left: Vec<[i32; 2]> = border.clone();
        left.extend([[-1000, 1000], [-1000, 0], [0, 0]]);
        let mut right: Vec<[i32; 2]> = border.iter().rev().copied().collect();
        right.extend([[1000, 0], [1000, 1000], [0, 1000]]);
        let out = simplify(&[left, right], 10);
        let on_border = |r: &Vec<[i32; 2]>| -> Vec<[i32; 2]> {
            let mut v: Vec<[i32; 2]> = r.iter().filter(|p| p[0].abs() < 10).copied().collect();
            v.sort();
            v.dedup();
            v
        };
        assert_eq!(on_border(&out[0]), on_border(&out[1]));
        assert!(out[0].len() < 14, "the wiggles go: {:?}", out[0]);
        assert_eq!(out[0].first(), out[0].last());
    }
}
