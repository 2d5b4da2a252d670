//! The catalogue: the sources (publisher, dataset, period, licence, route into this repository) and the assembly
//! of the whole dataset from `geography`, `series` and `indicators`.

use super::raw::RawDir;
use super::{geography, indicators, series, today};
use ics_data::dataset::*;

const OGL: &str = "Open Government Licence v3.0";

pub fn assemble(raw: &RawDir) -> Result<Dataset, String> {
    let sources = sources();
    let src = |id: &str| sources.iter().position(|s| s.id == id).unwrap_or(usize::MAX);
    let geo = geography::read(raw)?;
    let today = today::read(raw, &geo, &src)?;
    let mut measures = series::read(raw, &geo, &src)?;
    measures.push(today.population);
    let indicators = indicators::indicators(&indicators::Catalogue { measures: &measures, sources: &sources })?;
    let base = AreaSet {
        id: "icb22".into(),
        name: "42 ICSs (July 2022)".into(),
        period: "July 2022".into(),
        geography: "ICB (July 2022 boundaries)".into(),
        edition: "imd2019".into(),
        sources: vec![src("ons_lookups"), src("ons_boundaries")],
        regions: geo.regions,
        icss: geo.icss,
        sicbls: geo.sicbls,
        boundaries: geo.boundaries,
        parts: vec![],
    };
    let mut lsoas = geo.lsoas;
    let sicbl = std::mem::take(&mut lsoas.sicbl);
    let imd2019 = Edition {
        id: "imd2019".into(),
        name: "English Indices of Deprivation 2019".into(),
        short: "IMD 2019".into(),
        year: "2019".into(),
        lsoa: "LSOA 2011".into(),
        population: "mid-2020".into(),
        population_year: "2020".into(),
        sources: vec![src("mhclg_iod2019"), src("ons_population_mid2020"), src("ons_lookups")],
        indices: Deprivation::ALL.to_vec(),
        age_85_plus: true,
        utlas: geo.utlas,
        ltlas: geo.ltlas,
        lsoas,
        assignments: vec![Assignment { area_set: 0, sicbl }],
    };
    let meta = Meta {
        title: "ICS Explorer dataset: England's Integrated Care Boards, April 2026 and July 2022".into(),
        attribution: "Contains public sector information licensed under the Open Government Licence v3.0. Sources: NHS England; NHS England Digital; Office for National Statistics licensed under the Open Government Licence v3.0; MHCLG English Indices of Deprivation 2025 and 2019. Contains OS data © Crown copyright and database right 2022 and 2025.".into(),
        built_by: "ics-explorer build-data, from the raw extracts in data/ (see data/SOURCES.md, data/ics/SOURCES.md and data/2026/SOURCES.md)".into(),
    };
    let (area_sets, editions) = (vec![base, today.set], vec![imd2019, today.edition]);
    Dataset::from_parts(meta, sources, area_sets, editions, geo.trusts, measures, indicators, indicators::unavailable())
        .map_err(|p| format!("the assembled dataset fails validation:\n{p}"))
}

fn source(id: &str, publisher: &str, dataset: &str, period: &str, url: &str, via: &str, files: &[&str], caveats: &[&str]) -> Source {
    Source {
        id: id.into(),
        publisher: publisher.into(),
        dataset: dataset.into(),
        period: period.into(),
        licence: OGL.into(),
        url: url.into(),
        via: via.into(),
        files: files.iter().map(|f| format!("data/{f}")).collect(),
        caveats: caveats.iter().map(|c| c.to_string()).collect(),
    }
}

fn sources() -> Vec<Source> {
    vec![
        source(
            "ons_lookups",
            "Office for National Statistics",
            "LSOA (2011) to Sub ICB Locations to Integrated Care Boards (July 2022) Lookup in England; Sub ICB Locations to ICBs to NHS England (Region) (July 2022) Lookup; LTLA to UTLA (April 2021) and LAD to Region (April 2021) lookups",
            "July 2022 (ICBs, sub-ICB locations, LTLAs); April 2021 (UTLAs)",
            "https://geoportal.statistics.gov.uk/",
            "humaniverse/geographr @ c026be5c; craig-shenton/cqc-icb-lookup @ c3327994",
            &["icb22.csv", "lookup_lsoa11_icb22.csv", "lookup_sicbl22_icb22_nhser22.csv", "lookup_ltla22_utla21_rgn21.csv"],
            &["ICBs and local authorities do not nest: 12 lower-tier and 10 upper-tier authorities span more than one ICB."],
        ),
        source(
            "mhclg_iod2019",
            "Ministry of Housing, Communities and Local Government",
            "English Indices of Deprivation 2019: scores (File 5), ranks and deciles (File 7), supplementary indices IDACI and IDAOPI (File 3)",
            "2019 (most indicators relate to 2015/16)",
            "https://www.gov.uk/government/statistics/english-indices-of-deprivation-2019",
            "humaniverse/IMD @ 2f6c9050; mysociety/composite_uk_imd @ af4866b0 (CC BY 4.0 package; OGL data); rcpch/rcpch-census-platform @ 49bb16d7",
            &["imd2019_lsoa11.csv", "imd2019_lsoa11_domain_ranks_deciles.csv"],
            &["Rank 1 and decile 1 are the most deprived. Deciles are national: equal tenths of England's 32,844 LSOAs.", "Raw scores for five domains and IDACI/IDAOPI were not obtainable; their national deciles are used."],
        ),
        source(
            "ons_population_mid2020",
            "Office for National Statistics",
            "Lower layer Super Output Area population estimates, mid-2020 (SAPE23DT2), persons by single year of age summed to bands",
            "mid-2020",
            "https://www.ons.gov.uk/peoplepopulationandcommunity/populationandmigration/populationestimates",
            "humaniverse/demographr @ d0417101",
            &["population_lsoa11_mid2020.csv"],
            &[],
        ),
        source(
            "mhclg_iod2025",
            "Ministry of Housing, Communities and Local Government",
            "English Indices of Deprivation 2025: scores, ranks and deciles (File 7) and population denominators (File 6, mid-2022, summed by sub-ICB location)",
            "2025 (published 30 October 2025; most indicators relate to 2022 or 2023)",
            "https://www.gov.uk/government/statistics/english-indices-of-deprivation-2025",
            "humaniverse/IMD @ 2f6c9050; SIRSAZOFDUCK/IMD2025_subICB_scores @ 2062835b",
            &["2026/imd2025_lsoa21.csv", "2026/population_sicbl_mid2022_iod2025.csv", "2026/icb26.csv"],
            &[
                "Rank 1 and decile 1 are the most deprived. Deciles are national: equal tenths of England's 33,755 LSOAs (2021).",
                "LSOA-level IDACI and IDAOPI were not in the stored extract, so the indicators built on them are not available with IMD 2025.",
                "MHCLG advises that editions compare as relative positions (ranks and deciles), not as changes in absolute deprivation.",
            ],
        ),
        source(
            "ons_census2021",
            "Office for National Statistics",
            "Census 2021: usual residents by six age bands, LSOA 2021 (custom dataset)",
            "21 March 2021",
            "https://www.ons.gov.uk/census",
            "cwthom/hack25usefuldata @ ac00fc57",
            &["2026/population_lsoa21_census2021.csv"],
            &["A census count, not a mid-year estimate. Residents are the sum of the age bands: ONS perturbs each census product independently, so it differs from table TS021 by at most 14 in an LSOA."],
        ),
        source(
            "ons_lookups_2026",
            "Office for National Statistics",
            "LSOA (2021) to Sub ICB Locations to ICBs (April 2024) lookup; Sub ICB Locations to ICBs to NHS England regions (April 2026) lookup; LSOA (2011) to LSOA (2021) and LSOA (2021) to local authority (April 2024) lookups",
            "April 2026 (ICBs, sub-ICB locations); April 2024 (local authorities)",
            "https://geoportal.statistics.gov.uk/",
            "humaniverse/geographr @ c026be5c; mohammadadnann/nhs-rtt-waiting-time-analytics @ 971f579d",
            &["2026/lookup_lsoa21_icb22_icb24_icb26.csv", "2026/sicbl24_sicbl26.csv", "2026/ltla24.csv", "2026/icb26_predecessors.csv"],
            &["Upper-tier authorities for April 2024 are each district's April 2021 county, and the four unitary authorities created in April 2023 (Cumberland, Westmorland and Furness, North Yorkshire, Somerset)."],
        ),
        source(
            "ons_boundaries_2026",
            "Office for National Statistics",
            "LSOA (December 2021) Boundaries Super Generalised Clipped, dissolved to ICBs (April 2026) and simplified",
            "December 2021 LSOAs; April 2026 ICBs",
            "https://geoportal.statistics.gov.uk/",
            "humaniverse/geographr @ c026be5c (boundaries_lsoa21), dissolved for this project; simplified again by ics-explorer build-data along shared borders",
            &["2026/boundaries_icb26.geojson"],
            &["Contains OS data © Crown copyright and database right 2025. Simplified for a small map: not for measuring areas."],
        ),
        source(
            "ons_boundaries",
            "Office for National Statistics",
            "LSOA (December 2011) Boundaries Super Generalised Clipped, dissolved to ICBs (July 2022) and simplified (mapshaper, Visvalingam)",
            "December 2011 LSOAs; July 2022 ICBs",
            "https://geoportal.statistics.gov.uk/",
            "humaniverse/geographr @ c026be5c (boundaries_lsoa11), dissolved for this project",
            &["boundaries_icb22_ultra.geojson"],
            &["Contains OS data © Crown copyright and database right 2022. Simplified for a small map: not for measuring areas."],
        ),
        source(
            "nhse_allocations",
            "NHS England",
            "Allocation of resources 2022/23: B – Population projections and J – Overall weighted populations, by ICB and GP practice",
            "2022/23 (registrations October 2021)",
            "https://www.england.nhs.uk/allocations/",
            "nhsx/AIF_Allocation_Tool data/2022_2023.csv @ 467a3bfe (summed by ICB)",
            &["ics/icb22_population_allocations_2022_23.csv"],
            &["Weighted populations are scaled so that England's total equals England's projected population.", "Maternity weighted population is blank for 17 practices in the source; counted as 0."],
        ),
        source(
            "ods_trusts",
            "NHS England Organisation Data Service",
            "NHS trusts (etr.csv)",
            "extract taken between April 2022 and March 2023",
            "https://digital.nhs.uk/services/organisation-data-service",
            "nhsx/open-cyber data/auxiliary/21_22/etr.csv @ d618b9f5",
            &["ics/nhs_trusts_ods_etr_2022.csv"],
            &["The ICB of a trust is the ODS 'high level health geography' of its headquarters."],
        ),
        source(
            "nhse_rtt",
            "NHS England",
            "Consultant-led Referral to Treatment Waiting Times: Incomplete Commissioner workbooks (ICB sheet) and the National sheet",
            "October 2022 to March 2026, monthly (April 2023 missing)",
            "https://www.england.nhs.uk/statistics/statistical-work-areas/rtt-waiting-times/",
            "jumma786/NHS-RTT-Dashboard dashboard/NHS_RTT_Dashboard.xlsx @ 9aaf28bb (23 treatment functions summed per ICB)",
            &["ics/icb22_rtt_incomplete_commissioner_2022_10_to_2026_03.csv", "ics/england_rtt_incomplete_national_2022_10_to_2026_03.csv"],
            &["Commissioner basis: pathways commissioned by each ICB, wherever treated.", "Reported counts, not NHS England's figures with estimates for missing data.", "The 42 ICBs do not sum to England: NHS England-commissioned (mostly specialised) pathways are England-only."],
        ),
        source(
            "nhse_ae",
            "NHS England",
            "A&E Attendances and Emergency Admissions, monthly 'System Level Data' (ICB) sheets",
            "April 2022 to July 2025, monthly (February and March 2025 missing)",
            "https://www.england.nhs.uk/statistics/statistical-work-areas/ae-waiting-times-and-activity/",
            "humaniverse/healthyr data/england_icb_accidents_emergency.rda @ ed2003ef",
            &["ics/icb22_ae_attendances_system_level_2022_04_to_2025_07.csv"],
            &["Provider-based: the 'System Level Data' sheet counts each trust's activity in the ICB the trust is in, wherever its patients live.", "4-hour figures are incomplete before June 2023 (clinically-led standards field test).", "February and March 2025 were removed: the package's copies duplicated 2024."],
        ),
        source(
            "nhse_discharge",
            "NHS England",
            "Discharge delays (acute): daily discharge sitrep monthly webfiles, Table 2 (ICB)",
            "April 2022 to August 2025, monthly means of daily counts",
            "https://www.england.nhs.uk/statistics/statistical-work-areas/discharge-delays-acute-data/",
            "humaniverse/healthyr england_icb_criteria_to_reside.rda and england_icb_discharged_patients.rda @ ed2003ef",
            &["ics/icb22_discharge_criteria_to_reside_2022_04_to_2025_08.csv"],
            &["Adults in acute trusts with a type 1 A&E.", "Cambridgeshire and Peterborough ICB is missing from September 2023 (the package's extract left its row out)."],
        ),
        source(
            "nhsd_gp_workforce",
            "NHS England Digital",
            "General Practice Workforce, practice-level detailed monthly files, averaged per financial year by the Health Equity Evidence Centre",
            "FY 2022/23 and FY 2023/24 (annual means of monthly files)",
            "https://digital.nhs.uk/data-and-information/publications/statistical/general-and-personal-medical-services",
            "HealthEquityEvidenceCentre/HEEC data/workforce/workforce_year.csv @ fbbc69c8 (summed by ICB)",
            &["ics/icb22_gp_workforce_fte_fy2022_23_fy2023_24_annual_mean_heec.csv"],
            &["A derived annual mean, not an official single-month statistic.", "Practice sums exclude NHS England Digital's estimates for non-submitting practices."],
        ),
        source(
            "ons_health_index",
            "Office for National Statistics",
            "Health Index scores, integrated care systems, England (Tables 2 to 9)",
            "2015 to 2021, yearly",
            "https://www.ons.gov.uk/peoplepopulationandcommunity/healthandsocialcare/healthandwellbeing/datasets/healthindexscoresintegratedcaresystemsengland",
            "humaniverse/healthyr england_health_index_ics*.rda @ ed2003ef",
            &["ics/icb22_ons_health_index_2015_2021.csv", "ics/icb22_ons_health_index_subdomains_2015_2021.csv", "ics/icb22_ons_health_index_indicators_2015_2021.csv"],
            &["Index scores (England 2015 = 100; higher is better), not rates."],
        ),
    ]
}
