//! Areas and organisations: NHS regions, ICSs, sub-ICB locations, local authorities, LSOAs (with IMD 2019 and
//! mid-2020 population), NHS trusts and ICS boundaries, read from the ONS, MHCLG and ODS extracts.

use super::raw::{RawCsv, RawDir};
use ics_data::csv::Row;
use ics_data::dataset::*;
use std::collections::HashMap;

pub struct Geography {
    pub regions: Vec<Region>,
    pub icss: Vec<Ics>,
    pub sicbls: Vec<Sicbl>,
    pub utlas: Vec<Utla>,
    pub ltlas: Vec<Ltla>,
    pub lsoas: Lsoas,
    pub trusts: Vec<Trust>,
    pub boundaries: Vec<Boundary>,
}

impl Geography {
    pub fn ics(&self, code: &str) -> Option<usize> {
        self.icss.iter().position(|i| i.code == code || i.ods == code)
    }
}

pub fn read(raw: &RawDir) -> Result<Geography, String> {
    let (regions, icss) = regions_and_icss(raw)?;
    let ics_of = |code: &str| icss.iter().position(|i| i.code == code);

    let f = raw.csv("lookup_sicbl22_icb22_nhser22.csv")?;
    let (code, ods, name, icb) = (f.col("sicbl22_code")?, f.col("sicbl22_code_h")?, f.col("sicbl22_name")?, f.col("icb22_code")?);
    let mut sicbls = Vec::new();
    for r in f.rows() {
        let ics = ics_of(f.str(r, icb)).ok_or_else(|| f.bad(r, icb, "an ICB code from icb22.csv"))?;
        sicbls.push(Sicbl { code: f.str(r, code).into(), ods: f.str(r, ods).into(), name: f.str(r, name).into(), ics });
    }
    sicbls.sort_by(|a, b| a.code.cmp(&b.code));

    let f = raw.csv("lookup_ltla22_utla21_rgn21.csv")?;
    let (lc, ln, uc, un) = (f.col("ltla22_code")?, f.col("ltla22_name")?, f.col("utla21_code")?, f.col("utla21_name")?);
    let mut utlas: Vec<Utla> = Vec::new();
    for r in f.rows() {
        if !utlas.iter().any(|u| u.code == f.str(r, uc)) {
            utlas.push(Utla { code: f.str(r, uc).into(), name: f.str(r, un).into() });
        }
    }
    utlas.sort_by(|a, b| a.code.cmp(&b.code));
    let mut ltlas: Vec<Ltla> = f
        .rows()
        .iter()
        .map(|r| Ltla {
            code: f.str(r, lc).into(),
            name: f.str(r, ln).into(),
            utla: utlas.iter().position(|u| u.code == f.str(r, uc)).unwrap_or(usize::MAX),
        })
        .collect();
    ltlas.sort_by(|a, b| a.code.cmp(&b.code));

    let lsoas = lsoas(raw, &icss, &sicbls, &ltlas, &utlas)?;
    let trusts = trusts(raw, &icss)?;
    let boundaries = boundaries(raw, &icss)?;
    Ok(Geography { regions, icss, sicbls, utlas, ltlas, lsoas, trusts, boundaries })
}

fn regions_and_icss(raw: &RawDir) -> Result<(Vec<Region>, Vec<Ics>), String> {
    let icb = raw.csv("icb22.csv")?;
    let (c_code, c_ods, c_name, c_short, c_rcode, c_rods, c_rname) = (
        icb.col("icb22_code")?,
        icb.col("icb22_code_h")?,
        icb.col("icb22_name")?,
        icb.col("icb22_short_name")?,
        icb.col("nhser22_code")?,
        icb.col("nhser22_code_h")?,
        icb.col("nhser22_name")?,
    );
    let mut regions: Vec<Region> = Vec::new();
    for r in icb.rows() {
        let code = icb.str(r, c_rcode);
        if !regions.iter().any(|x| x.code == code) {
            regions.push(Region { code: code.into(), ods: icb.str(r, c_rods).into(), name: icb.str(r, c_rname).into() });
        }
    }
    regions.sort_by(|a, b| a.code.cmp(&b.code));
    let mut icss: Vec<Ics> = icb
        .rows()
        .iter()
        .map(|r| Ics {
            code: icb.str(r, c_code).into(),
            ods: icb.str(r, c_ods).into(),
            name: icb.str(r, c_name).into(),
            short_name: icb.str(r, c_short).into(),
            region: regions.iter().position(|x| x.code == icb.str(r, c_rcode)).unwrap_or(usize::MAX),
        })
        .collect();
    icss.sort_by(|a, b| a.code.cmp(&b.code));
    Ok((regions, icss))
}

/// Reads a CSV keyed by `lsoa11_code` into a map from code to row index, checking the key set is the lookup's.
fn keyed<'a>(f: &'a RawCsv, codes: &HashMap<&str, usize>) -> Result<Vec<&'a Row>, String> {
    let key = f.col("lsoa11_code")?;
    let mut rows: Vec<Option<&Row>> = vec![None; codes.len()];
    for r in f.rows() {
        let i = *codes.get(f.str(r, key)).ok_or_else(|| f.bad(r, key, "an LSOA code from the ONS lookup"))?;
        if rows[i].replace(r).is_some() {
            return Err(format!("{} line {}: LSOA {} appears twice", f.name, r.line, f.str(r, key)));
        }
    }
    rows.into_iter().enumerate().map(|(i, r)| r.ok_or_else(|| format!("{}: no row for LSOA number {i} of the lookup", f.name))).collect()
}

fn lsoas(raw: &RawDir, icss: &[Ics], sicbls: &[Sicbl], ltlas: &[Ltla], utlas: &[Utla]) -> Result<Lsoas, String> {
    let look = raw.csv("lookup_lsoa11_icb22.csv")?;
    let (lk, ls, li, ll, lu) =
        (look.col("lsoa11_code")?, look.col("sicbl22_code")?, look.col("icb22_code")?, look.col("ltla22_code")?, look.col("utla21_code")?);
    let mut code = Vec::new();
    let mut sicbl = Vec::new();
    let mut ltla = Vec::new();
    let mut by_code: HashMap<&str, usize> = HashMap::new();
    for (i, r) in look.rows().iter().enumerate() {
        let c = look.str(r, lk);
        let n: u32 = c.strip_prefix("E01").and_then(|d| d.parse().ok()).ok_or_else(|| look.bad(r, lk, "an E01 LSOA code"))?;
        code.push(n);
        by_code.insert(c, i);
        let s = sicbls.iter().position(|x| x.code == look.str(r, ls)).ok_or_else(|| look.bad(r, ls, "a sub-ICB location code"))?;
        if icss[sicbls[s].ics].code != look.str(r, li) {
            return Err(look.bad(r, li, "the ICB of its sub-ICB location"));
        }
        sicbl.push(s as u8);
        let l = ltlas.iter().position(|x| x.code == look.str(r, ll)).ok_or_else(|| look.bad(r, ll, "an LTLA code"))?;
        if utlas[ltlas[l].utla].code != look.str(r, lu) {
            return Err(look.bad(r, lu, "the UTLA of its LTLA"));
        }
        ltla.push(l as u16);
    }
    if code.windows(2).any(|w| w[0] >= w[1]) {
        return Err("lookup_lsoa11_icb22.csv: LSOAs must be sorted by code".into());
    }

    let imd = raw.csv("imd2019_lsoa11.csv")?;
    let rows = keyed(&imd, &by_code)?;
    let (sc, rk, dc, inc, emp) =
        (imd.col("imd_score")?, imd.col("imd_rank")?, imd.col("imd_decile")?, imd.col("income_score_rate")?, imd.col("employment_score_rate")?);
    let thousandths = |f: &RawCsv, r: &Row, c: usize| -> Result<u32, String> {
        let v = f.f64(r, c)?;
        let t = (v * 1000.0).round();
        if (t / 1000.0 - v).abs() > 1e-9 || t < 0.0 {
            return Err(f.bad(r, c, "a non-negative number with at most 3 decimals"));
        }
        Ok(t as u32)
    };
    let mut imd_score = Vec::new();
    let mut imd_rank = Vec::new();
    let mut income_rate = Vec::new();
    let mut employment_rate = Vec::new();
    let mut deciles: [Vec<u8>; 10] = Default::default();
    for r in &rows {
        imd_score.push(thousandths(&imd, r, sc)?);
        imd_rank.push(u16::try_from(imd.u32(r, rk)?).map_err(|_| imd.bad(r, rk, "a rank up to 32,844"))?);
        deciles[Deprivation::Imd as usize].push(imd.u32(r, dc)? as u8);
        income_rate.push(thousandths(&imd, r, inc)? as u16);
        employment_rate.push(thousandths(&imd, r, emp)? as u16);
        for (d, col) in [(Deprivation::Idaci, "idaci_decile"), (Deprivation::Idaopi, "idaopi_decile")] {
            deciles[d as usize].push(imd.u32(r, imd.col(col)?)? as u8);
        }
    }
    let dom = raw.csv("imd2019_lsoa11_domain_ranks_deciles.csv")?;
    let rows = keyed(&dom, &by_code)?;
    for d in &Deprivation::ALL[1..8] {
        let c = dom.col(&format!("{}_decile", d.key()))?;
        for r in &rows {
            deciles[*d as usize].push(dom.u32(r, c)? as u8);
        }
    }
    let pop = raw.csv("population_lsoa11_mid2020.csv")?;
    let rows = keyed(&pop, &by_code)?;
    let mut population: [Vec<u16>; 5] = Default::default();
    for b in AgeBand::ALL {
        let c = pop.col(&format!("pop_{}", b.key()))?;
        for r in &rows {
            population[b as usize].push(u16::try_from(pop.u32(r, c)?).map_err(|_| pop.bad(r, c, "a count below 65,536"))?);
        }
    }
    // The file's own totals must equal the bands we keep (65+ = 65-74 + 75-84 + 85+).
    let (tot, o65) = (pop.col("pop_total")?, pop.col("pop_65_plus")?);
    for (i, r) in rows.iter().enumerate() {
        let sum: u32 = population.iter().map(|c| u32::from(c[i])).sum();
        let old: u32 = population[2..].iter().map(|c| u32::from(c[i])).sum();
        if sum != pop.u32(r, tot)? || old != pop.u32(r, o65)? {
            return Err(format!("{} line {}: age bands do not add up to pop_total / pop_65_plus", pop.name, r.line));
        }
    }
    Ok(Lsoas { code, sicbl, ltla, imd_score, imd_rank, income_rate, employment_rate, deciles, population })
}

fn trusts(raw: &RawDir, icss: &[Ics]) -> Result<Vec<Trust>, String> {
    let f = raw.csv("ics/nhs_trusts_ods_etr_2022.csv")?;
    let (code, name, icb, open, close) =
        (f.col("trust_code")?, f.col("trust_name")?, f.col("icb_or_stp_code_h")?, f.col("open_date")?, f.col("close_date")?);
    let date = |r: &Row, c: usize| -> Result<Option<String>, String> {
        let s = f.str(r, c).trim();
        if s.is_empty() {
            return Ok(None);
        }
        if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(f.bad(r, c, "a date YYYYMMDD"));
        }
        Ok(Some(format!("{}-{}-{}", &s[0..4], &s[4..6], &s[6..8])))
    };
    let mut out = Vec::new();
    for r in f.rows() {
        out.push(Trust {
            code: f.str(r, code).into(),
            name: title_case(f.str(r, name)),
            ics: icss.iter().position(|i| i.ods == f.str(r, icb)),
            opened: date(r, open)?.ok_or_else(|| f.bad(r, open, "an opening date"))?,
            closed: date(r, close)?,
        });
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(out)
}

/// "MANCHESTER UNIVERSITY NHS FOUNDATION TRUST" → "Manchester University NHS Foundation Trust".
pub fn title_case(s: &str) -> String {
    const LOWER: [&str; 6] = ["AND", "OF", "THE", "FOR", "ON", "UPON"];
    const KEEP: [&str; 3] = ["NHS", "2GETHER", "CIC"];
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            if KEEP.contains(&w) {
                if w == "2GETHER" {
                    "2gether".to_string()
                } else {
                    w.to_string()
                }
            } else if i > 0 && LOWER.contains(&w) {
                w.to_lowercase()
            } else {
                // Capitalise after the start and after hyphens and apostrophe-less word parts.
                let mut out = String::with_capacity(w.len());
                let mut cap = true;
                for c in w.chars() {
                    out.extend(if cap { c.to_uppercase().collect::<Vec<_>>() } else { c.to_lowercase().collect() });
                    cap = c == '-' || c == '(';
                }
                out
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn boundaries(raw: &RawDir, icss: &[Ics]) -> Result<Vec<Boundary>, String> {
    let rel = "boundaries_icb22_ultra.geojson";
    let v: serde_json::Value = serde_json::from_str(&raw.text(rel)?).map_err(|e| format!("{rel}: {e}"))?;
    let features = v["features"].as_array().ok_or_else(|| format!("{rel}: no features"))?;
    let mut out = Vec::new();
    for (k, f) in features.iter().enumerate() {
        let code = f["properties"]["icb22_code"].as_str().unwrap_or("");
        let ics = icss.iter().position(|i| i.code == code).ok_or_else(|| format!("{rel}: feature {k} has unknown icb22_code {code:?}"))?;
        let g = &f["geometry"];
        let polygons: Vec<&serde_json::Value> = match g["type"].as_str() {
            Some("Polygon") => vec![&g["coordinates"]],
            Some("MultiPolygon") => g["coordinates"].as_array().map(|a| a.iter().collect()).unwrap_or_default(),
            other => return Err(format!("{rel}: feature {code} has geometry {other:?}")),
        };
        let mut rings = Vec::new();
        for p in polygons {
            for ring in p.as_array().into_iter().flatten() {
                let mut pts = Vec::new();
                for pt in ring.as_array().into_iter().flatten() {
                    let (Some(x), Some(y)) = (pt[0].as_f64(), pt[1].as_f64()) else {
                        return Err(format!("{rel}: feature {code} has a non-numeric point"));
                    };
                    let q = |d: f64| -> Result<i32, String> {
                        let t = (d * 1e4).round();
                        if (t / 1e4 - d).abs() > 1e-7 {
                            return Err(format!("{rel}: feature {code}: coordinate {d} is not rounded to 0.0001°"));
                        }
                        Ok(t as i32)
                    };
                    pts.push([q(x)?, q(y)?]);
                }
                rings.push(pts);
            }
        }
        out.push(Boundary { ics, rings });
    }
    out.sort_by_key(|b| b.ics);
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn title_case_keeps_nhs_and_lowercases_joining_words() {
        let cases = [
            ("MANCHESTER UNIVERSITY NHS FOUNDATION TRUST", "Manchester University NHS Foundation Trust"),
            ("GUY'S AND ST THOMAS' NHS FOUNDATION TRUST", "Guy's and St Thomas' NHS Foundation Trust"),
            ("KINGSTON UPON HULL", "Kingston upon Hull"),
            ("ASHFORD AND ST PETER'S HOSPITALS NHS FOUNDATION TRUST", "Ashford and St Peter's Hospitals NHS Foundation Trust"),
            ("NORTH EAST LONDON NHS FOUNDATION TRUST", "North East London NHS Foundation Trust"),
            ("TEES, ESK AND WEAR VALLEYS NHS FOUNDATION TRUST", "Tees, Esk and Wear Valleys NHS Foundation Trust"),
            ("2GETHER SUPPORT SOLUTIONS", "2gether Support Solutions"),
            ("NORTH-WEST", "North-West"),
        ];
        for (a, b) in cases {
            assert_eq!(super::title_case(a), b);
        }
    }
}
