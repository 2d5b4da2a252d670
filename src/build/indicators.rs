//! Indicator metadata: what each figure means, how the engine computes it, from which sources, with which
//! caveats; and the indicators the brief wants that no obtainable source provides. Text only: every value is
//! read from a raw file (series.rs, geography.rs) or computed live by the engine.

use super::series::HI_TOP;
use ics_data::dataset::*;

const ICB: &str = "ICB (July 2022 boundaries)";
const PER_HEAD_CAVEAT: &str = "The denominator is NHS England's 2022/23 projected population for every period, so later periods' rates are slightly overstated as populations grow (about 0.5% a year).";
const BREAKS_CAVEAT: &str = "Breaks in the series (a month-on-month change more than 25% up or 20% down relative to the median ICS) are flagged automatically and left out of the deprivation fit: see About the data.";
/// The A&E source's "System Level Data" is by provider: each trust's activity counted in the ICB it sits in.
const PROVIDER_BASED: &str = "Provider-based: NHS England's 'System Level Data' counts the activity of the A&E departments, urgent treatment centres and hospitals in the ICS, wherever their patients live, and divides it here by the ICS's own population. Patients crossing ICS boundaries (to a nearby city's hospital, say) and how many walk-in and urgent treatment centres an ICS has move this rate, so it describes activity in the system, not residents' use. It is not compared with England, and no judgement of better or worse is made. No resident-based figure by ICB is available in this dataset.";

pub struct Catalogue<'a> {
    pub measures: &'a [Measure],
    pub sources: &'a [Source],
}

impl Catalogue<'_> {
    fn m(&self, id: &str) -> Result<usize, String> {
        self.measures.iter().position(|m| m.id == id).ok_or_else(|| format!("indicator catalogue: no measure \"{id}\""))
    }

    fn s(&self, id: &str) -> Result<usize, String> {
        self.sources.iter().position(|s| s.id == id).ok_or_else(|| format!("indicator catalogue: no source \"{id}\""))
    }

    /// Decimals for `num / den × multiplier` (2 to 4) such that the smallest non-zero value of any ICS or England in
    /// any period shows at least one significant digit: "0.00" must never stand for a few waiting patients.
    fn decimals_to_show(&self, num: &str, den: &str, multiplier: f64) -> Result<u8, String> {
        let (n, d) = (&self.measures[self.m(num)?], &self.measures[self.m(den)?]);
        let mut smallest = f64::INFINITY;
        for (p, row) in n.values.iter().enumerate() {
            let england = n.england.as_ref().and_then(|e| Some((e[p]?, d.england.as_ref()?.get(p).copied().flatten()?)));
            for (x, y) in row.iter().zip(&d.values[p]).filter_map(|(x, y)| Some((x.as_ref()?, y.as_ref()?))).map(|(x, y)| (*x, *y)).chain(england) {
                let v = x / y * multiplier;
                if v > 0.0 && y > 0.0 {
                    smallest = smallest.min(v);
                }
            }
        }
        Ok(if smallest.is_finite() { (-smallest.log10()).ceil().clamp(2.0, 4.0) as u8 } else { 2 })
    }

    fn ratio(&self, num: &str, den: &str, multiplier: f64, ci: CiMethod) -> Result<Formula, String> {
        Ok(Formula::Ratio { num: self.m(num)?, den: self.m(den)?, multiplier, ci, complement: false })
    }
}

fn base(id: &str, name: &str, domain: Domain, group: &str) -> Indicator {
    Indicator {
        id: id.into(),
        name: name.into(),
        domain,
        group: group.into(),
        definition: String::new(),
        unit: String::new(),
        polarity: Polarity::Neutral,
        value_type: ValueType::Count,
        decimals: 0,
        geography: ICB.into(),
        formula: Formula::Stored { measure: 0 },
        numerator: None,
        denominator: None,
        sources: vec![],
        caveats: vec![],
        standards: vec![],
    }
}

/// The NHS Constitution's operational standards, as its handbook lists them.
const CONSTITUTION: &str = "Department of Health and Social Care, Handbook to the NHS Constitution for England (operational standards)";
/// NHS England's planning guidance for 2025/26 (published 30 January 2025).
const PLANNING_2025: &str = "NHS England, 2025/26 priorities and operational planning guidance (January 2025)";

fn s(x: &str) -> String {
    x.to_string()
}

pub fn indicators(c: &Catalogue) -> Result<Vec<Indicator>, String> {
    use Domain::*;
    use Polarity::*;
    use ValueType::*;
    let alloc = c.s("nhse_allocations")?;
    let (ons, iod, pop20, ods) = (c.s("ons_lookups")?, c.s("mhclg_iod2019")?, c.s("ons_population_mid2020")?, c.s("ods_trusts")?);
    let (rtt, ae, dis, gpw, hi) = (c.s("nhse_rtt")?, c.s("nhse_ae")?, c.s("nhse_discharge")?, c.s("nhsd_gp_workforce")?, c.s("ons_health_index")?);
    let mut out = vec![
        // ---------------- Organisational context ----------------
        Indicator {
            definition: s("NHS England's projection of the population the ICB is responsible for in 2022/23, summed from the GP-practice projections used for allocations."),
            unit: s("people"),
            formula: Formula::Stored { measure: c.m("projected_population")? },
            sources: vec![alloc],
            caveats: vec![s("A projection made for funding allocations from GP registrations (October 2021), not an ONS resident estimate.")],
            ..base("population", "Population (projected 2022/23)", Context, "Size")
        },
        Indicator {
            definition: s("ONS mid-2022 estimates of the ICB's residents: the English Indices of Deprivation 2025 population denominators (File 6), summed over the ICB's April 2026 sub-ICB locations."),
            unit: s("people"),
            formula: Formula::Stored { measure: c.m("population_mid2022")? },
            sources: vec![c.s("mhclg_iod2025")?],
            caveats: vec![s("Published here for the April 2026 ICBs, whose population of record it is (it sets the size filters and peers' size there). The 42 ICSs of July 2022 use NHS England's projected population.")],
            ..base("population_mid2022", "Residents (mid-2022)", Context, "Size")
        },
        Indicator {
            definition: s("Patients registered with the ICB's GP practices in October 2021, the base of the 2022/23 allocations."),
            unit: s("patients"),
            formula: Formula::Stored { measure: c.m("registered_patients")? },
            sources: vec![alloc],
            ..base("registered_patients", "GP-registered patients (Oct 2021)", Context, "Size")
        },
        Indicator {
            definition: s("The core-services need-weighted population as a percentage of the projected population. 100 means average need for England; above 100, more need per head (age, deprivation, health) than average."),
            unit: s("% of England-average need per head"),
            value_type: Score,
            decimals: 1,
            formula: c.ratio("weighted_core", "projected_population", 100.0, CiMethod::None)?,
            numerator: Some(s("Core-services need-weighted population, 2022/23")),
            denominator: Some(s("Projected population, 2022/23")),
            sources: vec![alloc],
            caveats: vec![s("Weighted populations are scaled so that England's total equals England's projected population, so England's index is exactly 100.")],
            ..base("need_index", "Need per head (core services weighted population)", Context, "Need")
        },
        Indicator {
            definition: s("Lower-layer super output areas ({lsoa}) in the ICB: neighbourhoods of about 1,500 people."),
            unit: s("LSOAs"),
            formula: Formula::Org { count: OrgCount::Lsoas, period: s("2022") },
            sources: vec![ons],
            ..base("lsoa_count", "Neighbourhoods (LSOAs)", Context, "Organisations")
        },
        Indicator {
            definition: s("Sub-ICB locations ({period}), mostly the former clinical commissioning groups."),
            unit: s("sub-ICB locations"),
            formula: Formula::Org { count: OrgCount::Sicbls, period: s("2022") },
            sources: vec![ons],
            ..base("sicbl_count", "Sub-ICB locations", Context, "Organisations")
        },
        Indicator {
            definition: s("Upper-tier local authorities (counties, unitaries, metropolitan and London boroughs) with at least 5% of their LSOAs in the ICB. ICBs and local authorities do not nest; the 5% rule drops slivers such as 4 Buckinghamshire LSOAs in BLMK."),
            unit: s("local authorities"),
            formula: Formula::Org { count: OrgCount::Utlas { min_pct: 5.0 }, period: s("2022") },
            sources: vec![ons],
            caveats: vec![s("A derived count; other publications may count authorities serving the ICS differently.")],
            ..base("utla_count", "Upper-tier local authorities", Context, "Organisations")
        },
        Indicator {
            definition: s("Lower-tier local authorities (districts and unitaries) with at least 5% of their LSOAs in the ICB."),
            unit: s("local authorities"),
            formula: Formula::Org { count: OrgCount::Ltlas { min_pct: 5.0 }, period: s("2022") },
            sources: vec![ons],
            ..base("ltla_count", "Lower-tier local authorities", Context, "Organisations")
        },
        Indicator {
            definition: s("NHS trusts whose headquarters' 'high level health geography' in the ODS register is this ICB and that were open on 1 July 2022."),
            unit: s("trusts"),
            formula: Formula::Org { count: OrgCount::Trusts { on: s("2022-07-01") }, period: s("2022") },
            sources: vec![ods],
            caveats: vec![s("Counts trusts headquartered in the ICB, not all trusts serving its population.")],
            ..base("trust_count", "NHS trusts headquartered in the ICS", Context, "Organisations")
        },
        Indicator {
            definition: s("GP practices in the ICB in NHS England's 2022/23 allocations file."),
            unit: s("practices"),
            formula: Formula::Stored { measure: c.m("gp_practices")? },
            sources: vec![alloc],
            ..base("gp_practices", "GP practices", Context, "Organisations")
        },
        Indicator {
            definition: s("Distinct primary care network codes among the ICB's practices in the 2022/23 allocations file."),
            unit: s("networks"),
            formula: Formula::Stored { measure: c.m("pcns")? },
            sources: vec![alloc],
            ..base("pcns", "Primary care networks", Context, "Organisations")
        },
        // ---------------- Population health and inequalities ----------------
        Indicator {
            definition: s("Share of the ICS's residents ({pop}) living in neighbourhoods among England's 20% most deprived by the Index of Multiple Deprivation {year}: NHS England's Core20PLUS5 'Core20'."),
            unit: s("% of population"),
            polarity: Neutral,
            value_type: Proportion,
            decimals: 1,
            formula: Formula::Lsoa { stat: LsoaStat::DeprivedShare { dep: Deprivation::Imd, cut: 2, weight: Weight::Population }, period: s("2019") },
            numerator: Some(s("Residents ({pop}) of LSOAs in national {imd} deciles 1 and 2")),
            denominator: Some(s("All residents ({pop})")),
            sources: vec![iod, pop20, ons],
            caveats: vec![s("National deciles: an LSOA's decile is its rank among all {n_lsoas} LSOAs ({lsoa}) in England.")],
            ..base("core20_pop_share", "Core20: population in the most deprived 20%", Health, "Deprivation")
        },
        Indicator {
            definition: s("Share of the ICS's LSOAs that are among England's 20% most deprived ({imd} national deciles 1 and 2)."),
            unit: s("% of LSOAs"),
            value_type: Proportion,
            decimals: 1,
            formula: Formula::Lsoa { stat: LsoaStat::DeprivedShare { dep: Deprivation::Imd, cut: 2, weight: Weight::Lsoas }, period: s("2019") },
            numerator: Some(s("LSOAs in national IMD deciles 1 and 2")),
            denominator: Some(s("All LSOAs")),
            sources: vec![iod, ons],
            ..base("core20_lsoa_share", "Core20: neighbourhoods in the most deprived 20%", Health, "Deprivation")
        },
        Indicator {
            definition: s("Population-weighted average of the {imd} scores of the ICS's LSOAs (weights: {pop} residents). Higher scores mean more deprivation."),
            unit: s("IMD score"),
            value_type: Score,
            decimals: 1,
            formula: Formula::Lsoa { stat: LsoaStat::MeanScore { score: ics_data::dataset::Score::Imd }, period: s("2019") },
            sources: vec![iod, pop20, ons],
            caveats: vec![s("IMD scores are not on a ratio scale: a score twice as high is not twice as deprived.")],
            ..base("imd_score_mean", "Average deprivation score ({imd})", Health, "Deprivation")
        },
        Indicator {
            definition: s("Population-weighted average of the {iod} income domain rate: the share of people on low incomes (income-related benefits and tax credits)."),
            unit: s("% of population"),
            value_type: Proportion,
            decimals: 1,
            formula: Formula::Lsoa { stat: LsoaStat::MeanScore { score: ics_data::dataset::Score::IncomeRate }, period: s("2019") },
            sources: vec![iod, pop20, ons],
            caveats: vec![s("The {iod} rates relate to years before it was published, and are weighted here by {pop} residents.")],
            ..base("income_deprived_pct", "Income-deprived people", Health, "Deprivation")
        },
        Indicator {
            definition: s("Population-weighted average of the {iod} employment domain rate: the share of working-age people involuntarily out of work."),
            unit: s("% of working-age population"),
            value_type: Proportion,
            decimals: 1,
            formula: Formula::Lsoa { stat: LsoaStat::MeanScore { score: ics_data::dataset::Score::EmploymentRate }, period: s("2019") },
            sources: vec![iod, pop20, ons],
            caveats: vec![s("Weighted by all residents ({pop}), not the working-age population.")],
            ..base("employment_deprived_pct", "Employment-deprived people", Health, "Deprivation")
        },
        Indicator {
            definition: s("Share of children aged 0 to 15 (mid-2020) living in LSOAs among England's 20% most deprived on the Income Deprivation Affecting Children Index (IDACI 2019)."),
            unit: s("% of children"),
            value_type: Proportion,
            decimals: 1,
            formula: Formula::Lsoa { stat: LsoaStat::DeprivedShare { dep: Deprivation::Idaci, cut: 2, weight: Weight::Children }, period: s("2019") },
            sources: vec![iod, pop20, ons],
            ..base("idaci_core20_share", "Children in the 20% most income-deprived areas (IDACI)", Health, "Deprivation")
        },
        Indicator {
            definition: s("Share of people aged 65 and over (mid-2020) living in LSOAs among England's 20% most deprived on the Income Deprivation Affecting Older People Index (IDAOPI 2019)."),
            unit: s("% of people aged 65+"),
            value_type: Proportion,
            decimals: 1,
            formula: Formula::Lsoa { stat: LsoaStat::DeprivedShare { dep: Deprivation::Idaopi, cut: 2, weight: Weight::Older }, period: s("2019") },
            sources: vec![iod, pop20, ons],
            caveats: vec![s("IDAOPI counts people aged 60 and over; the weights here are residents aged 65 and over, the nearest age band held.")],
            ..base("idaopi_core20_share", "Older people in the 20% most income-deprived areas (IDAOPI)", Health, "Deprivation")
        },
        Indicator {
            definition: s("Share of residents aged 65 and over ({pop}), summed from the ICB's LSOAs."),
            unit: s("% of population"),
            value_type: Proportion,
            decimals: 1,
            formula: Formula::Lsoa { stat: LsoaStat::AgeShare { from: AgeBand::Age65To74 }, period: s("2020") },
            sources: vec![pop20, ons],
            ..base("age_65_plus_pct", "Aged 65 and over", Health, "Age")
        },
        Indicator {
            definition: s("Share of residents aged 85 and over ({pop}), summed from the ICB's LSOAs."),
            unit: s("% of population"),
            value_type: Proportion,
            decimals: 1,
            formula: Formula::Lsoa { stat: LsoaStat::AgeShare { from: AgeBand::Age85Plus }, period: s("2020") },
            sources: vec![pop20, ons],
            ..base("age_85_plus_pct", "Aged 85 and over", Health, "Age")
        },
    ];
    for d in &Deprivation::ALL[1..8] {
        out.push(Indicator {
            definition: format!(
                "Share of the ICS's residents ({{pop}}) living in LSOAs among England's 20% most deprived on the {{iod}} {} domain.",
                d.label().to_lowercase()
            ),
            unit: s("% of population"),
            value_type: Proportion,
            decimals: 1,
            formula: Formula::Lsoa { stat: LsoaStat::DeprivedShare { dep: *d, cut: 2, weight: Weight::Population }, period: s("2019") },
            sources: vec![iod, pop20, ons],
            ..base(
                &format!("{}_core20_pop_share", d.key()),
                &format!("{}: population in the most deprived 20%", d.label()),
                Health,
                "Deprivation domains",
            )
        });
    }
    // ONS Health Index: every score stored, England 2015 = 100, higher is better.
    let hi_caveat = s("An index score, not a rate: England in 2015 = 100; higher is healthier. The ONS publishes no England value per year in this extract, so comparisons use the median ICS.");
    let hi_ids: Vec<(String, String, String, &str)> = c
        .measures
        .iter()
        .filter(|m| m.id.starts_with("hi_"))
        .map(|m| {
            let (group, level) = if HI_TOP.iter().any(|(id, _)| *id == m.id) {
                ("ONS Health Index", if m.id == "hi_overall" { "overall score" } else { "domain" })
            } else if m.id.starts_with("hi_sub_") {
                ("ONS Health Index: subdomains", "subdomain")
            } else {
                ("ONS Health Index: indicators", "indicator")
            };
            (m.id.clone(), m.name.clone(), group.to_string(), level)
        })
        .collect();
    for (id, name, group, level) in hi_ids {
        let short = name.trim_start_matches("ONS Health Index: ").to_string();
        out.push(Indicator {
            definition: format!(
                "The ONS Health Index {level} \"{short}\" for the ICS: an index combining published health measures, where England in 2015 = 100."
            ),
            unit: s("index (England 2015 = 100)"),
            polarity: HigherIsBetter,
            value_type: Score,
            decimals: 1,
            formula: Formula::Stored { measure: c.m(&id)? },
            sources: vec![hi],
            caveats: vec![hi_caveat.clone()],
            ..base(&id, &format!("Health Index: {short}"), Health, &group)
        });
    }
    // ---------------- Integrating services ----------------
    out.extend([
        Indicator {
            definition: s("Percentage of A&E attendances (all types) at providers in the ICS where the patient was admitted, transferred or discharged within 4 hours of arrival. Provider-based (a measure of the system's A&E departments), so it is compared with England's."),
            unit: s("% of attendances"),
            polarity: HigherIsBetter,
            value_type: Proportion,
            decimals: 1,
            formula: Formula::Ratio { num: c.m("ae_over_4h")?, den: c.m("ae_attendances")?, multiplier: 100.0, ci: CiMethod::Wilson, complement: true },
            numerator: Some(s("Attendances within 4 hours (all attendances minus those over 4 hours)")),
            denominator: Some(s("A&E attendances, all types")),
            sources: vec![ae],
            caveats: vec![s("Incomplete before June 2023 (clinically-led standards field test): those months are flagged."), s(BREAKS_CAVEAT), s("February and March 2025 are missing: the extract's copies of them duplicated 2024.")],
            standards: vec![
                Standard { value: 95.0, label: s("NHS Constitution operational standard: 95% within 4 hours"), source: s(CONSTITUTION) },
                Standard { value: 78.0, label: s("2025/26 planning guidance: at least 78% within 4 hours in March 2026"), source: s(PLANNING_2025) },
            ],
            ..base("ae_4hr_pct", "A&E: seen within 4 hours", Integration, "Urgent and emergency care")
        },
        Indicator {
            definition: s("Attendances (all types) in the month at the A&E departments and urgent treatment centres of providers in the ICS, per 1,000 people in the ICS's population. Provider-based: not the A&E use of the ICS's residents."),
            unit: s("per 1,000 people (provider-based)"),
            value_type: Rate,
            decimals: 1,
            formula: c.ratio("ae_attendances", "projected_population", 1000.0, CiMethod::None)?,
            numerator: Some(s("A&E attendances at the ICS's providers, all types")),
            denominator: Some(s("Projected population 2022/23")),
            sources: vec![ae, alloc],
            caveats: vec![s(PROVIDER_BASED), s(BREAKS_CAVEAT), s(PER_HEAD_CAVEAT)],
            ..base("ae_attendances_per_1000", "A&E attendances at the ICS's providers per 1,000 people", Integration, "Urgent and emergency care")
        },
        Indicator {
            definition: s("Emergency admissions (via A&E and other routes) in the month to the hospitals of providers in the ICS, per 1,000 people in the ICS's population. Provider-based: not the admissions of the ICS's residents. The closest available measure to 'emergency admissions that better integrated care might avoid'."),
            unit: s("per 1,000 people (provider-based)"),
            value_type: Rate,
            decimals: 2,
            formula: c.ratio("emergency_admissions", "projected_population", 1000.0, CiMethod::None)?,
            numerator: Some(s("Emergency admissions to the ICS's providers")),
            denominator: Some(s("Projected population 2022/23")),
            sources: vec![ae, alloc],
            caveats: vec![s(PROVIDER_BASED), s(BREAKS_CAVEAT), s(PER_HEAD_CAVEAT), s("All emergency admissions, not only those for ambulatory care sensitive or acute conditions, which are not available by ICB here.")],
            ..base("emergency_admissions_per_1000", "Emergency admissions to the ICS's providers per 1,000 people", Integration, "Urgent and emergency care")
        },
        Indicator {
            definition: s("Patients waiting more than 4 hours from the decision to admit to admission ('trolley waits') in the month at providers in the ICS, per 100,000 people in the ICS's population. Provider-based."),
            unit: s("per 100,000 people (provider-based)"),
            value_type: Rate,
            decimals: 1,
            formula: c.ratio("ae_dta_over_4h", "projected_population", 100_000.0, CiMethod::None)?,
            numerator: Some(s("Patients waiting over 4 hours from decision to admit, at the ICS's providers")),
            denominator: Some(s("Projected population 2022/23")),
            sources: vec![ae, alloc],
            caveats: vec![s(PROVIDER_BASED), s(PER_HEAD_CAVEAT)],
            ..base("trolley_waits_per_100k", "Waits over 4 hours from decision to admit", Integration, "Urgent and emergency care")
        },
        Indicator {
            definition: s("Adult acute inpatients who no longer met the criteria to reside but remained in hospital, average per day in the month, per 100,000 people."),
            unit: s("per 100,000 people"),
            polarity: LowerIsBetter,
            value_type: Rate,
            decimals: 1,
            formula: c.ratio("discharge_remaining", "projected_population", 100_000.0, CiMethod::None)?,
            numerator: Some(s("Patients not meeting the criteria to reside and not discharged (mean per day)")),
            denominator: Some(s("Projected population 2022/23 (all ages)")),
            sources: vec![dis, alloc],
            caveats: vec![s("Adults in acute trusts with a type 1 A&E only; the denominator counts all ages."), s("Cambridgeshire and Peterborough is missing from September 2023."), s(PER_HEAD_CAVEAT)],
            ..base("delayed_discharge_per_100k", "Delayed discharges: patients ready to leave but still in hospital", Integration, "Discharge")
        },
        Indicator {
            definition: s("Of patients no longer meeting the criteria to reside, the share discharged that day, averaged over the month."),
            unit: s("% of patients ready to leave"),
            polarity: HigherIsBetter,
            value_type: Proportion,
            decimals: 1,
            formula: c.ratio("discharge_discharged", "discharge_not_meeting", 100.0, CiMethod::None)?,
            numerator: Some(s("Discharged (mean per day)")),
            denominator: Some(s("Not meeting the criteria to reside (mean per day)")),
            sources: vec![dis],
            caveats: vec![s("Cambridgeshire and Peterborough is missing from September 2023.")],
            ..base("discharged_same_day_pct", "Patients ready to leave who were discharged that day", Integration, "Discharge")
        },
        // ---------------- Elective care ----------------
        Indicator {
            definition: s("People waiting to start consultant-led treatment (incomplete referral-to-treatment pathways) commissioned by the ICB at the end of the month, per 1,000 people."),
            unit: s("per 1,000 people"),
            polarity: LowerIsBetter,
            value_type: Rate,
            decimals: 1,
            formula: c.ratio("rtt_total", "projected_population", 1000.0, CiMethod::Byar)?,
            numerator: Some(s("Incomplete RTT pathways, commissioner basis")),
            denominator: Some(s("Projected population 2022/23")),
            sources: vec![rtt, alloc],
            caveats: vec![
                s("The 42 ICBs do not add up to England: pathways commissioned by NHS England (mostly specialised services) are in England's figure only."),
                s("October to December 2022 lack Frimley Health and/or Manchester University trusts; April 2023 is missing from the source."),
                s(BREAKS_CAVEAT),
                s(PER_HEAD_CAVEAT),
            ],
            ..base("rtt_waiting_list_per_1000", "Waiting list per 1,000 people", Elective, "Waiting list")
        },
        Indicator {
            definition: s("Incomplete referral-to-treatment pathways commissioned by the ICB at the end of the month."),
            unit: s("pathways"),
            formula: Formula::Stored { measure: c.m("rtt_total")? },
            sources: vec![rtt],
            caveats: vec![s("The 42 ICBs do not add up to England (NHS England-commissioned pathways)."), s("April 2023 is missing from the source."), s(BREAKS_CAVEAT)],
            ..base("rtt_waiting_list", "Waiting list (incomplete pathways)", Elective, "Waiting list")
        },
        Indicator {
            definition: s("Percentage of the waiting list waiting 18 weeks or less (the constitutional standard is 92%)."),
            unit: s("% of waiting list"),
            polarity: HigherIsBetter,
            value_type: Proportion,
            decimals: 1,
            formula: c.ratio("rtt_within_18w", "rtt_total", 100.0, CiMethod::Wilson)?,
            numerator: Some(s("Incomplete pathways within 18 weeks")),
            denominator: Some(s("Incomplete pathways")),
            sources: vec![rtt],
            caveats: vec![s("April 2023 is missing from the source."), s(BREAKS_CAVEAT)],
            standards: vec![Standard { value: 92.0, label: s("NHS Constitution operational standard: 92% of incomplete pathways within 18 weeks"), source: s(CONSTITUTION) }],
            ..base("rtt_within_18w_pct", "Waiting 18 weeks or less", Elective, "Waiting times")
        },
    ]);
    for (weeks, name) in [(52, "rtt_over_52w"), (65, "rtt_over_65w"), (78, "rtt_over_78w")] {
        let decimals = c.decimals_to_show(name, "rtt_total", 100.0)?;
        out.push(Indicator {
            definition: format!("Percentage of the waiting list (incomplete pathways) waiting more than {weeks} weeks."),
            unit: s("% of waiting list"),
            polarity: LowerIsBetter,
            value_type: Proportion,
            decimals,
            formula: c.ratio(name, "rtt_total", 100.0, CiMethod::Wilson)?,
            numerator: Some(format!("Incomplete pathways over {weeks} weeks")),
            denominator: Some(s("Incomplete pathways")),
            sources: vec![rtt],
            caveats: vec![s("April 2023 is missing from the source."), s(BREAKS_CAVEAT)],
            ..base(&format!("{name}_pct"), &format!("Waiting over {weeks} weeks"), Elective, "Waiting times")
        });
    }
    // ---------------- Workforce ----------------
    let per_100k = |id: &str, num: &str, name: &str, definition: &str, den: &str| -> Result<Indicator, String> {
        Ok(Indicator {
            definition: definition.into(),
            unit: s("FTE per 100,000 patients"),
            polarity: HigherIsBetter,
            value_type: Rate,
            decimals: 1,
            formula: c.ratio(num, den, 100_000.0, CiMethod::None)?,
            numerator: Some(c.measures[c.m(num)?].name.clone()),
            denominator: Some(c.measures[c.m(den)?].name.clone()),
            sources: if den == "gpw_patients" { vec![gpw] } else { vec![gpw, alloc] },
            caveats: vec![s("A derived annual mean of the monthly practice-level files (Health Equity Evidence Centre), not an official single-month statistic; practice sums omit NHS England Digital's estimates for non-submitting practices.")],
            ..base(id, name, Workforce, "General practice")
        })
    };
    out.push(per_100k("gp_fte_per_100k", "gp_fq_fte", "Fully qualified GPs per 100,000 patients", "Full-time-equivalent fully qualified GPs (excluding trainees and locums) per 100,000 registered patients, averaged over the financial year's monthly files.", "gpw_patients")?);
    let mut weighted = per_100k("gp_fte_per_100k_weighted", "gp_fq_fte", "Fully qualified GPs per 100,000 need-weighted people", "Full-time-equivalent fully qualified GPs (excluding trainees and locums) per 100,000 of the ICB's primary medical care need-weighted population (2022/23 allocations), so that ICSs with older or sicker populations are compared fairly.", "weighted_pmc")?;
    weighted.unit = s("FTE per 100,000 weighted people");
    weighted.caveats.push(s("The weighted population is 2022/23's for both years."));
    out.push(weighted);
    out.push(per_100k(
        "gp_all_fte_per_100k",
        "gp_all_fte",
        "All GPs per 100,000 patients",
        "Full-time-equivalent GPs including trainees and locums per 100,000 registered patients.",
        "gpw_patients",
    )?);
    out.push(per_100k(
        "nurses_fte_per_100k",
        "nurses_fte",
        "Practice nurses per 100,000 patients",
        "Full-time-equivalent general practice nurses per 100,000 registered patients.",
        "gpw_patients",
    )?);
    out.push(per_100k("dpc_fte_per_100k", "dpc_fte", "Direct patient care staff per 100,000 patients", "Full-time-equivalent direct patient care staff in general practice (e.g. pharmacists, physiotherapists, healthcare assistants) per 100,000 registered patients.", "gpw_patients")?);
    out.push(per_100k(
        "clinical_fte_per_100k",
        "clinical_fte",
        "General practice clinicians per 100,000 patients",
        "Full-time-equivalent GPs, nurses and direct patient care staff in general practice per 100,000 registered patients.",
        "gpw_patients",
    )?);
    let mut admin = per_100k(
        "admin_fte_per_100k",
        "admin_fte",
        "Practice admin and non-clinical staff per 100,000 patients",
        "Full-time-equivalent admin and non-clinical staff in general practice per 100,000 registered patients.",
        "gpw_patients",
    )?;
    admin.polarity = Neutral;
    out.push(admin);
    Ok(out)
}

pub fn unavailable() -> Vec<Unavailable> {
    let u = |name: &str, domain: Domain, reason: &str, substitutes: &[&str]| Unavailable {
        name: name.into(),
        domain,
        reason: reason.into(),
        substitutes: substitutes.iter().map(|x| x.to_string()).collect(),
    };
    use Domain::*;
    vec![
        u(
            "Number of 'places' in each ICS",
            Context,
            "No structured dataset of ICS place partnerships was obtainable; only news and explainer fragments.",
            &["utla_count", "ltla_count"],
        ),
        u("Integrated care pioneers, new care model vanguards and ICS wave", Context, "No structured dataset was obtainable.", &[]),
        u(
            "Under-75 mortality from cancer (per 100,000)",
            Health,
            "ICB-level rates are published on Fingertips, but no copy was obtainable here.",
            &["hi_ind_cancer", "hi_ind_avoidable_mortality"],
        ),
        u(
            "Emergency admissions for chronic ambulatory care sensitive conditions (NHS OF 2.3.i)",
            Integration,
            "The NHS Outcomes Framework files by CCG/ICB were not obtainable.",
            &["emergency_admissions_per_1000"],
        ),
        u(
            "Emergency admissions for acute conditions that should not usually need admission (NHS OF 3a)",
            Integration,
            "The NHS Outcomes Framework files by CCG/ICB were not obtainable.",
            &["emergency_admissions_per_1000"],
        ),
        u(
            "Emergency readmissions within 30 days of discharge (NHS OF 3b)",
            Integration,
            "The NHS Outcomes Framework files by CCG/ICB were not obtainable.",
            &["delayed_discharge_per_100k"],
        ),
        u(
            "Completed RTT pathways per 1,000 people",
            Elective,
            "The admitted and non-admitted commissioner workbooks were not obtainable.",
            &["rtt_waiting_list_per_1000"],
        ),
        u(
            "Hospital and community clinicians per 100,000 people",
            Workforce,
            "Only general practice workforce is available by ICB here.",
            &["clinical_fte_per_100k"],
        ),
        u(
            "GP workforce for a single month (e.g. March 2022)",
            Workforce,
            "Single-month practice files were too large to be stored; a derived financial-year mean is shipped instead.",
            &["gp_fte_per_100k"],
        ),
    ]
}
