//! ICS-level measures, one value per ICS per period, from the NHS England, NHS England Digital and ONS extracts
//! in `data/ics/`, with every caveat their SOURCES.md documents attached as flags to the values it affects.

use super::geography::Geography;
use super::raw::{RawCsv, RawDir};
use crate::dataset::*;
use std::collections::BTreeMap;

/// Builder for measures read from "long" CSVs (one row per period × ICB).
struct Long<'a> {
    f: RawCsv,
    geo: &'a Geography,
    /// Sorted unique periods and, per row, (period index, ICS index).
    periods: Vec<String>,
    keys: Vec<(usize, usize)>,
}

impl<'a> Long<'a> {
    fn new(raw: &RawDir, rel: &str, period_col: &str, geo: &'a Geography) -> Result<Long<'a>, String> {
        let f = raw.csv(rel)?;
        let (period, code) = (f.col(period_col)?, f.col("icb22_code")?);
        let periods: Vec<String> =
            f.rows().iter().map(|r| f.str(r, period).to_string()).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
        let mut keys = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for r in f.rows() {
            let p = periods.iter().position(|x| x == f.str(r, period)).unwrap_or(0);
            let i = geo.ics(f.str(r, code)).ok_or_else(|| f.bad(r, code, "an ICB code"))?;
            if !seen.insert((p, i)) {
                return Err(format!("{rel} line {}: a second row for {} in {}", r.line, f.str(r, code), periods[p]));
            }
            keys.push((p, i));
        }
        Ok(Long { f, geo, periods, keys })
    }

    fn values(&self, col: &str) -> Result<Vec<Vec<Option<f64>>>, String> {
        let c = self.f.col(col)?;
        let mut v = vec![vec![None; self.geo.icss.len()]; self.periods.len()];
        for (r, &(p, i)) in self.f.rows().iter().zip(&self.keys) {
            v[p][i] = self.f.opt_f64(r, c)?;
        }
        Ok(v)
    }

    fn measure(&self, id: &str, name: &str, source: usize, kind: PeriodKind, col: &str) -> Result<Measure, String> {
        for p in &self.periods {
            if !period_is_valid(kind, p) {
                return Err(format!("{}: period \"{p}\" is not a valid period", self.f.name));
            }
        }
        Ok(Measure {
            id: id.into(),
            name: name.into(),
            source,
            period_kind: kind,
            periods: self.periods.clone(),
            values: self.values(col)?,
            england: None,
            flags: vec![],
        })
    }
}

pub fn read(raw: &RawDir, geo: &Geography, src: &dyn Fn(&str) -> usize) -> Result<Vec<Measure>, String> {
    let mut out = Vec::new();
    allocations(raw, geo, src("nhse_allocations"), &mut out)?;
    rtt(raw, geo, src("nhse_rtt"), &mut out)?;
    ae(raw, geo, src("nhse_ae"), &mut out)?;
    discharge(raw, geo, src("nhse_discharge"), &mut out)?;
    workforce(raw, geo, src("nhsd_gp_workforce"), &mut out)?;
    health_index(raw, geo, src("ons_health_index"), &mut out)?;
    Ok(out)
}

fn allocations(raw: &RawDir, geo: &Geography, source: usize, out: &mut Vec<Measure>) -> Result<(), String> {
    let f = raw.csv("ics/icb22_population_allocations_2022_23.csv")?;
    let code = f.col("icb22_code")?;
    let cols = [
        ("projected_population", "Projected population 2022/23", "projected_population_2022_23"),
        ("registered_patients", "GP-registered patients, October 2021", "registered_patients_oct2021"),
        ("weighted_core", "Need-weighted population, core services (overall)", "weighted_pop_core_services_overall_2022_23"),
        ("weighted_general_acute", "Need-weighted population, general and acute", "weighted_pop_general_acute_2022_23"),
        ("weighted_community", "Need-weighted population, community services", "weighted_pop_community_services_2022_23"),
        ("weighted_mental_health", "Need-weighted population, mental health", "weighted_pop_mental_health_2022_23"),
        ("weighted_maternity", "Need-weighted population, maternity", "weighted_pop_maternity_2022_23"),
        ("weighted_health_inequalities", "Need-weighted population, health inequalities", "weighted_pop_health_inequalities_2022_23"),
        ("weighted_prescribing", "Need-weighted population, prescribing", "weighted_pop_prescribing_2022_23"),
        ("weighted_pmc_need", "Need-weighted population, primary medical care need", "weighted_pop_primary_medical_care_need_2022_23"),
        ("weighted_pmc", "Need-weighted population, primary medical care (final)", "weighted_pop_primary_medical_care_final_2022_23"),
        ("gp_practices", "GP practices in the allocations file", "gp_practices_n"),
        ("pcns", "Primary care networks in the allocations file", "pcns_n"),
    ];
    for (id, name, column) in cols {
        let c = f.col(column)?;
        let mut values = vec![None; geo.icss.len()];
        for r in f.rows() {
            let i = geo.ics(f.str(r, code)).ok_or_else(|| f.bad(r, code, "an ICB code"))?;
            values[i] = Some(f.f64(r, c)?);
        }
        if values.iter().any(Option::is_none) {
            return Err(format!("{}: an ICB has no row", f.name));
        }
        out.push(Measure {
            id: id.into(),
            name: name.into(),
            source,
            period_kind: PeriodKind::FinancialYear,
            periods: vec!["2022/23".into()],
            values: vec![values],
            england: None,
            flags: vec![],
        });
    }
    Ok(())
}

fn rtt(raw: &RawDir, geo: &Geography, source: usize, out: &mut Vec<Measure>) -> Result<(), String> {
    let long = Long::new(raw, "ics/icb22_rtt_incomplete_commissioner_2022_10_to_2026_03.csv", "period_month", geo)?;
    let national = raw.csv("ics/england_rtt_incomplete_national_2022_10_to_2026_03.csv")?;
    let np = national.col("period_month")?;
    // Flags from the source's own data_note column: every ICS row that carries a note, and England too.
    let note = long.f.col("data_note")?;
    let mut notes: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
    for (r, &(p, i)) in long.f.rows().iter().zip(&long.keys) {
        let n = long.f.str(r, note).trim();
        if !n.is_empty() {
            notes.entry((p, n.to_string())).or_default().push(i);
        }
    }
    let flags: Vec<Flag> = notes
        .into_iter()
        .map(|((p, n), mut icss)| {
            icss.sort_unstable();
            Flag { kind: FlagKind::Incomplete, period: p, icss, england: true, note: upper_first(&n) }
        })
        .collect();
    let cols = [
        ("rtt_total", "RTT incomplete pathways (waiting list)", "incomplete_pathways_total", "incomplete_pathways_total"),
        ("rtt_within_18w", "RTT incomplete pathways within 18 weeks", "incomplete_within_18_weeks", "incomplete_within_18_weeks"),
        ("rtt_over_52w", "RTT incomplete pathways over 52 weeks", "incomplete_over_52_weeks", "incomplete_over_52_weeks"),
        ("rtt_over_65w", "RTT incomplete pathways over 65 weeks", "incomplete_over_65_weeks", "incomplete_over_65_weeks"),
        ("rtt_over_78w", "RTT incomplete pathways over 78 weeks", "incomplete_over_78_weeks", "incomplete_over_78_weeks"),
    ];
    for (id, name, col, ncol) in cols {
        let mut m = long.measure(id, name, source, PeriodKind::Month, col)?;
        let nc = national.col(ncol)?;
        let mut england = vec![None; m.periods.len()];
        for r in national.rows() {
            let p = m.periods.iter().position(|x| x == national.str(r, np)).ok_or_else(|| national.bad(r, np, "a month present in the ICB file"))?;
            england[p] = national.opt_f64(r, nc)?;
        }
        m.england = Some(england);
        m.flags = flags.clone();
        out.push(m);
    }
    Ok(())
}

fn ae(raw: &RawDir, geo: &Geography, source: usize, out: &mut Vec<Measure>) -> Result<(), String> {
    let long = Long::new(raw, "ics/icb22_ae_attendances_system_level_2022_04_to_2025_07.csv", "period_month", geo)?;
    // four_hour_data_complete = False: trusts in the clinically-led standards field test reported no 4-hour waits.
    let complete = long.f.col("four_hour_data_complete")?;
    let mut incomplete: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (r, &(p, i)) in long.f.rows().iter().zip(&long.keys) {
        match long.f.str(r, complete) {
            "True" => {}
            "False" => incomplete.entry(p).or_default().push(i),
            _ => return Err(long.f.bad(r, complete, "True or False")),
        }
    }
    let four_hour_flags: Vec<Flag> = incomplete
        .into_iter()
        .map(|(p, icss)| Flag {
            kind: FlagKind::Incomplete,
            period: p,
            icss,
            england: true,
            note: "Before June 2023, trusts in NHS England's clinically-led standards field test did not report 4-hour waits; their attendances are counted but not their over-4-hour waits, so 4-hour performance is overstated (e.g. Frimley, BLMK, Dorset, North West London, Sussex, Hampshire and Isle of Wight). Compare from June 2023.".into(),
        })
        .collect();
    let cols = [
        ("ae_attendances", "A&E attendances, all types", "ae_attendances_total"),
        ("ae_over_4h", "A&E attendances over 4 hours, all types", "ae_attendances_over_4_hours"),
        ("emergency_admissions", "Emergency admissions (via A&E and other routes)", "emergency_admissions_total"),
        ("ae_dta_over_4h", "Patients waiting over 4 hours from decision to admit to admission", "patients_over_4_hours_decision_to_admit_to_admission"),
    ];
    for (id, name, col) in cols {
        let mut m = long.measure(id, name, source, PeriodKind::Month, col)?;
        if id == "ae_over_4h" {
            m.flags = four_hour_flags.clone();
        }
        out.push(m);
    }
    Ok(())
}

fn discharge(raw: &RawDir, geo: &Geography, source: usize, out: &mut Vec<Measure>) -> Result<(), String> {
    let long = Long::new(raw, "ics/icb22_discharge_criteria_to_reside_2022_04_to_2025_08.csv", "period_month", geo)?;
    let cols = [
        ("discharge_not_meeting", "Patients not meeting the criteria to reside (mean per day)", "mean_per_day_not_meeting_criteria_to_reside"),
        ("discharge_discharged", "Patients not meeting the criteria to reside who were discharged (mean per day)", "mean_per_day_discharged"),
        ("discharge_remaining", "Patients not meeting the criteria to reside who remained in hospital (mean per day)", "mean_per_day_remaining_not_meeting_criteria"),
    ];
    for (id, name, col) in cols {
        let mut m = long.measure(id, name, source, PeriodKind::Month, col)?;
        // Any ICS without a row in a month is missing: say why, and that England's sum lacks it.
        for p in 0..m.periods.len() {
            let missing: Vec<usize> = (0..geo.icss.len()).filter(|&i| m.values[p][i].is_none()).collect();
            if !missing.is_empty() {
                let names: Vec<&str> = missing.iter().map(|&i| geo.icss[i].short_name.as_str()).collect();
                m.flags.push(Flag {
                    kind: FlagKind::Missing,
                    period: p,
                    icss: missing,
                    england: true,
                    note: format!(
                        "No figure for {} from September 2023: the published file's new layout left this ICB's row out of the extract. The England total is the sum of the other ICSs.",
                        names.join(", ")
                    ),
                });
            }
        }
        out.push(m);
    }
    Ok(())
}

fn workforce(raw: &RawDir, geo: &Geography, source: usize, out: &mut Vec<Measure>) -> Result<(), String> {
    let long = Long::new(raw, "ics/icb22_gp_workforce_fte_fy2022_23_fy2023_24_annual_mean_heec.csv", "financial_year", geo)?;
    let cols = [
        ("gp_fq_fte", "Fully qualified GPs excluding locums, FTE (annual mean)", "gp_fully_qualified_excl_locums_fte"),
        ("gp_all_fte", "All GPs including trainees and locums, FTE (annual mean)", "gp_all_fte"),
        ("nurses_fte", "General practice nurses, FTE (annual mean)", "nurses_fte"),
        ("dpc_fte", "Direct patient care staff, FTE (annual mean)", "direct_patient_care_fte"),
        ("admin_fte", "Admin and non-clinical staff, FTE (annual mean)", "admin_non_clinical_fte"),
        ("clinical_fte", "Clinical staff: GPs, nurses and direct patient care, FTE (annual mean)", "clinical_fte_gp_all_nurses_dpc"),
        ("gpw_patients", "Registered patients in the workforce practices (annual mean)", "registered_patients_mean"),
    ];
    for (id, name, col) in cols {
        out.push(long.measure(id, name, source, PeriodKind::FinancialYear, col)?);
    }
    Ok(())
}

fn health_index(raw: &RawDir, geo: &Geography, source: usize, out: &mut Vec<Measure>) -> Result<(), String> {
    let long = Long::new(raw, "ics/icb22_ons_health_index_2015_2021.csv", "year", geo)?;
    for (id, col) in HI_TOP {
        out.push(long.measure(id, &format!("ONS Health Index: {}", hi_label(col)), source, PeriodKind::Year, col)?);
    }
    for (rel, key, prefix) in [
        ("ics/icb22_ons_health_index_subdomains_2015_2021.csv", "sub_domain", "hi_sub_"),
        ("ics/icb22_ons_health_index_indicators_2015_2021.csv", "indicator", "hi_ind_"),
    ] {
        let f = raw.csv(rel)?;
        let (year, code, k, score) = (f.col("year")?, f.col("icb22_code")?, f.col(key)?, f.col("index_score")?);
        let mut by_name: BTreeMap<String, BTreeMap<String, Vec<Option<f64>>>> = BTreeMap::new();
        for r in f.rows() {
            let i = geo.ics(f.str(r, code)).ok_or_else(|| f.bad(r, code, "an ICB code"))?;
            let y = f.str(r, year);
            if !period_is_valid(PeriodKind::Year, y) {
                return Err(f.bad(r, year, "a year"));
            }
            let row = by_name.entry(f.str(r, k).into()).or_default().entry(y.into()).or_insert_with(|| vec![None; geo.icss.len()]);
            if row[i].replace(f.f64(r, score)?).is_some() {
                return Err(format!("{rel} line {}: a second value for this ICB, year and {key}", r.line));
            }
        }
        for (name, years) in by_name {
            out.push(Measure {
                id: format!("{prefix}{name}"),
                name: format!("ONS Health Index: {}", hi_label(&name)),
                source,
                period_kind: PeriodKind::Year,
                periods: years.keys().cloned().collect(),
                values: years.into_values().collect(),
                england: None,
                flags: vec![],
            });
        }
    }
    Ok(())
}

/// The overall Health Index and its three domains: (measure id, column).
pub const HI_TOP: [(&str, &str); 4] = [
    ("hi_overall", "overall_score"),
    ("hi_healthy_people", "healthy_people_domain"),
    ("hi_healthy_lives", "healthy_lives_domain"),
    ("hi_healthy_places", "healthy_places_domain"),
];

/// "patients_offered_acceptable_gp_practice_appointments" → "Patients offered acceptable GP practice appointments".
pub fn hi_label(key: &str) -> String {
    let key = key.trim_end_matches("_domain").trim_end_matches("_score");
    let words: Vec<&str> = key
        .split('_')
        .map(|w| match w {
            "gp" => "GP",
            "childrens" => "children's",
            w => w,
        })
        .collect();
    upper_first(&words.join(" ").replace("well being", "well-being"))
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn health_index_labels() {
        assert_eq!(super::hi_label("patients_offered_acceptable_gp_practice_appointments"), "Patients offered acceptable GP practice appointments");
        assert_eq!(super::hi_label("personal_well_being"), "Personal well-being");
        assert_eq!(super::hi_label("healthy_people_domain"), "Healthy people");
        assert_eq!(super::hi_label("overall_score"), "Overall");
        assert_eq!(super::hi_label("childrens_social_emotional_and_mental_health"), "Children's social emotional and mental health");
    }
}
