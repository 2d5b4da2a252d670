//! The catalogue: which raw files become which tables, measures and indicators, with their provenance and
//! definitions. This is the one place indicator metadata is written; every value comes from a raw file.

use super::raw::RawDir;
use crate::dataset::*;

const OGL: &str = "Open Government Licence v3.0";

pub fn assemble(raw: &RawDir) -> Result<Dataset, String> {
    let sources = sources();
    let src = |id: &str| sources.iter().position(|s| s.id == id).ok_or_else(|| format!("catalogue: no source {id}"));

    // Regions and ICSs: ONS July 2022 ICB lookup (regions as NHS England uses them).
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

    let mut measures = Vec::new();
    // NHS England allocations 2022/23: projected population and registered patients.
    {
        let f = raw.csv("ics/icb22_population_allocations_2022_23.csv")?;
        let code = f.col("icb22_code")?;
        let cols = [
            ("projected_population", "Projected population 2022/23", "projected_population_2022_23"),
            ("registered_patients", "GP-registered patients, October 2021", "registered_patients_oct2021"),
        ];
        for (id, name, column) in cols {
            let c = f.col(column)?;
            let mut values = vec![None; icss.len()];
            for r in f.rows() {
                let i = index_of(&icss, f.str(r, code)).ok_or_else(|| f.bad(r, code, "an ICB code from icb22.csv"))?;
                values[i] = Some(f.f64(r, c)?);
            }
            measures.push(Measure {
                id: id.into(),
                name: name.into(),
                source: src("nhse_allocations_2022_23")?,
                period_kind: PeriodKind::FinancialYear,
                periods: vec!["2022/23".into()],
                values: vec![values],
                england: None,
                flags: vec![],
            });
        }
    }

    let m = |id: &str| measures.iter().position(|x| x.id == id).ok_or_else(|| format!("catalogue: no measure {id}"));
    let indicators = vec![Indicator {
        id: "population".into(),
        name: "Population (projected 2022/23)".into(),
        domain: Domain::Context,
        definition: "NHS England's projection of the population for which the ICB is responsible in 2022/23, summed from GP-practice projections used for allocations.".into(),
        unit: "people".into(),
        polarity: Polarity::Neutral,
        value_type: ValueType::Count,
        decimals: 0,
        geography: "ICB (July 2022)".into(),
        formula: Formula::Stored { measure: m("projected_population")? },
        numerator: None,
        denominator: None,
        sources: vec![src("nhse_allocations_2022_23")?],
        caveats: vec!["A projection made for funding allocations, not a census count; it is GP-registration based, so it differs from ONS resident estimates.".into()],
    }];

    Ok(Dataset {
        schema_version: SCHEMA_VERSION,
        meta: Meta {
            title: "ICS Explorer dataset: England's 42 Integrated Care Systems".into(),
            attribution: "Contains public sector information licensed under the Open Government Licence v3.0. Source: NHS England; Office for National Statistics licensed under the Open Government Licence v3.0; MHCLG English Indices of Deprivation 2019. Contains OS data © Crown copyright and database right 2022.".into(),
            built_by: "ics-explorer build-data, from the raw extracts in data/ (see data/SOURCES.md and data/ics/SOURCES.md)".into(),
        },
        sources,
        regions,
        icss,
        measures,
        indicators,
    })
}

fn index_of(icss: &[Ics], code: &str) -> Option<usize> {
    icss.iter().position(|i| i.code == code)
}

fn sources() -> Vec<Source> {
    vec![
        Source {
            id: "ons_icb22_lookup".into(),
            publisher: "Office for National Statistics".into(),
            dataset: "LSOA (2011) to Sub ICB Locations to Integrated Care Boards (July 2022) Lookup in England; Sub ICB Locations to ICBs to NHS England (Region) (July 2022) Lookup".into(),
            period: "July 2022 boundaries".into(),
            licence: OGL.into(),
            url: "https://geoportal.statistics.gov.uk/datasets/ons::lsoa-2011-to-sub-icb-locations-to-integrated-care-boards-july-2022-lookup-in-england".into(),
            via: "humaniverse/geographr @ c026be5c; craig-shenton/cqc-icb-lookup @ c3327994".into(),
            files: vec!["data/icb22.csv".into()],
            caveats: vec![],
        },
        Source {
            id: "nhse_allocations_2022_23".into(),
            publisher: "NHS England".into(),
            dataset: "Allocation of resources 2022/23: B – Population projections, J – Overall weighted populations by ICB and GP practice".into(),
            period: "2022/23 (registrations October 2021)".into(),
            licence: OGL.into(),
            url: "https://www.england.nhs.uk/allocations/".into(),
            via: "nhsx/AIF_Allocation_Tool data/2022_2023.csv @ 467a3bfe (summed by ICB)".into(),
            files: vec!["data/ics/icb22_population_allocations_2022_23.csv".into()],
            caveats: vec!["Weighted populations are scaled so that England's total equals England's projected population.".into()],
        },
    ]
}
