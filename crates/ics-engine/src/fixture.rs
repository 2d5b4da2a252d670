//! A compact, hand-made dataset for the engine's unit tests: 4 ICSs in 2 regions, 8 LSOAs, 3 local
//! authorities, a few measures and indicators. Small enough that every expected value is worked out by hand in
//! the tests that use it. Built from `Frame::default()` (the `testdata` feature), as a dataset's frames cannot be
//! built outside ics-data.
//!
//! | LSOA | ICS | LTLA (UTLA) | IMD decile | IMD score | income | employment | population [0-15, 16-64, 65-74, 75-84, 85+] |
//! |---|---|---|---|---|---|---|---|
//! | r0 | A | L0 (U0) | 1 | 50 | 0.300 | 0.200 | [20, 60, 10, 5, 5] = 100 |
//! | r1 | A | L0 (U0) | 2 | 40 | 0.250 | 0.150 | [40, 120, 20, 10, 10] = 200 |
//! | r2 | A | L1 (U0) | 5 | 20 | 0.100 | 0.080 | [20, 60, 10, 5, 5] = 100 |
//! | r3 | B | L1 (U0) | 3 | 30 | 0.150 | 0.100 | [60, 180, 30, 15, 15] = 300 |
//! | r4 | B | L2 (U1) | 8 | 10 | 0.050 | 0.040 | [60, 180, 30, 15, 15] = 300 |
//! | r5 | C | L2 (U1) | 10 | 5 | 0.020 | 0.020 | [40, 120, 20, 10, 10] = 200 |
//! | r6 | C | L2 (U1) | 9 | 8 | 0.030 | 0.030 | [40, 120, 20, 10, 10] = 200 |
//! | r7 | D | L2 (U1) | 6 | 15 | 0.080 | 0.060 | [80, 240, 40, 20, 20] = 400 |
//!
//! Every other index of deprivation has the same decile as the IMD.

use super::Engine;
use ics_data::dataset::*;

pub fn dataset() -> Frame {
    let s = |x: &str| x.to_string();
    let regions =
        vec![Region { code: s("E40000001"), ods: s("Y01"), name: s("North") }, Region { code: s("E40000002"), ods: s("Y02"), name: s("South") }];
    let ics = |code: &str, ods: &str, name: &str, region: usize| Ics {
        code: s(code),
        ods: s(ods),
        name: format!("NHS {name} Integrated Care Board"),
        short_name: s(name),
        region,
    };
    let icss = vec![
        ics("E54000001", "QAA", "Alpha", 0),
        ics("E54000002", "QBB", "Beta", 0),
        ics("E54000003", "QCC", "Gamma", 1),
        ics("E54000004", "QDD", "Delta", 1),
    ];
    let sicbls = (0..4).map(|i| Sicbl { code: format!("E3800000{i}"), ods: format!("0{i}A"), name: format!("Sub-ICB {i}"), ics: i }).collect();
    let utlas = vec![Utla { code: s("E10000001"), name: s("Upper Zero") }, Utla { code: s("E10000002"), name: s("Upper One") }];
    let ltlas = vec![
        Ltla { code: s("E07000001"), name: s("Lower Zero"), utla: 0 },
        Ltla { code: s("E07000002"), name: s("Lower One"), utla: 0 },
        Ltla { code: s("E07000003"), name: s("Lower Two"), utla: 1 },
    ];
    let ics_of = [0u8, 0, 0, 1, 1, 2, 2, 3];
    let ltla = vec![0u16, 0, 1, 1, 2, 2, 2, 2];
    let decile = vec![1u8, 2, 5, 3, 8, 10, 9, 6];
    let imd_score = vec![50_000, 40_000, 20_000, 30_000, 10_000, 5_000, 8_000, 15_000];
    let income_rate = vec![300, 250, 100, 150, 50, 20, 30, 80];
    let employment_rate = vec![200, 150, 80, 100, 40, 20, 30, 60];
    let unit = |k: u16| [20 * k, 60 * k, 10 * k, 5 * k, 5 * k];
    let pops = [unit(1), unit(2), unit(1), unit(3), unit(3), unit(2), unit(2), unit(4)];
    let lsoas = Lsoas {
        code: (1..=8).collect(),
        sicbl: ics_of.to_vec(),
        ltla,
        imd_score,
        imd_rank: vec![1, 2, 5, 3, 8, 10, 9, 6],
        income_rate,
        employment_rate,
        deciles: std::array::from_fn(|_| decile.clone()),
        population: std::array::from_fn(|b| pops.iter().map(|p| p[b]).collect()),
    };
    let source = Source {
        id: s("test"),
        publisher: s("Test publisher"),
        dataset: s("Fixture"),
        period: s("2024"),
        licence: s("OGL"),
        url: s("https://example.invalid/"),
        via: s(""),
        files: vec![],
        caveats: vec![],
    };
    let months = vec![s("2024-01"), s("2024-02"), s("2024-03")];
    let measure = |id: &str, kind: PeriodKind, periods: Vec<String>, values: Vec<Vec<Option<f64>>>| Measure {
        id: s(id),
        name: s(id),
        source: 0,
        period_kind: kind,
        periods,
        values,
        england: None,
        flags: vec![],
        area_set: 0,
        additive: true,
        estimated: vec![],
    };
    let some = |v: [f64; 4]| v.iter().map(|x| Some(*x)).collect::<Vec<_>>();
    let mut events = measure(
        "events",
        PeriodKind::Month,
        months.clone(),
        vec![some([10.0, 25.0, 40.0, 30.0]), some([20.0, 30.0, 40.0, 50.0]), some([15.0, 35.0, 45.0, 40.0])],
    );
    events.england = Some(vec![None, Some(150.0), None]);
    let attendances = measure("attendances", PeriodKind::Month, months.clone(), vec![some([100.0, 200.0, 400.0, 300.0]); 3]);
    let mut over = measure(
        "over",
        PeriodKind::Month,
        months,
        vec![some([10.0, 20.0, 100.0, 30.0]), some([10.0, 30.0, 120.0, 60.0]), vec![Some(5.0), Some(20.0), Some(80.0), None]],
    );
    over.flags.push(Flag { kind: FlagKind::Incomplete, period: 0, icss: vec![2], england: true, note: s("Gamma's big trust did not report.") });
    let measures = vec![
        measure("projected_population", PeriodKind::FinancialYear, vec![s("2022/23")], vec![some([1000.0, 2000.0, 4000.0, 3000.0])]),
        events,
        attendances,
        over,
        measure("score", PeriodKind::Year, vec![s("2020"), s("2021")], vec![some([100.0, 95.0, 105.0, 110.0]), some([102.0, 94.0, 104.0, 112.0])]),
    ];
    let ind = |id: &str, domain: Domain, polarity: Polarity, value_type: ValueType, decimals: u8, formula: Formula| Indicator {
        id: s(id),
        name: format!("The {id} indicator"),
        domain,
        group: s("Test"),
        definition: s("A test indicator."),
        unit: s("units"),
        polarity,
        value_type,
        decimals,
        geography: s("ICB"),
        formula,
        numerator: None,
        denominator: None,
        sources: vec![0],
        caveats: vec![],
        standards: if id == "within_pct" { vec![Standard { value: 95.0, label: s("A test standard: 95%"), source: s("The test") }] } else { vec![] },
    };
    let indicators = vec![
        ind("population", Domain::Context, Polarity::Neutral, ValueType::Count, 0, Formula::Stored { measure: 0 }),
        ind(
            "events_per_1000",
            Domain::Integration,
            Polarity::LowerIsBetter,
            ValueType::Rate,
            1,
            Formula::Ratio { num: 1, den: 0, multiplier: 1000.0, ci: CiMethod::Byar, complement: false },
        ),
        ind(
            "within_pct",
            Domain::Integration,
            Polarity::HigherIsBetter,
            ValueType::Proportion,
            1,
            Formula::Ratio { num: 3, den: 2, multiplier: 100.0, ci: CiMethod::Wilson, complement: true },
        ),
        ind(
            "core20_pop_share",
            Domain::Health,
            Polarity::Neutral,
            ValueType::Proportion,
            1,
            Formula::Lsoa { stat: LsoaStat::DeprivedShare { dep: Deprivation::Imd, cut: 2, weight: Weight::Population }, period: s("2019") },
        ),
        ind(
            "imd_score_mean",
            Domain::Health,
            Polarity::Neutral,
            ValueType::Score,
            1,
            Formula::Lsoa { stat: LsoaStat::MeanScore { score: Score::Imd }, period: s("2019") },
        ),
        ind(
            "utla_count",
            Domain::Context,
            Polarity::Neutral,
            ValueType::Count,
            0,
            Formula::Org { count: OrgCount::Utlas { min_pct: 5.0 }, period: s("2022") },
        ),
        ind("score", Domain::Health, Polarity::HigherIsBetter, ValueType::Score, 1, Formula::Stored { measure: 4 }),
    ];
    // Area set 0, edition 0; no trusts, boundaries or parts.
    let mut f = Frame::default().with_catalogues(vec![source], measures, indicators);
    f.set = AreaSetInfo { id: s("fixture"), name: s("4 fixture ICSs"), period: s("July 2022"), geography: s("ICB (fixture)") };
    f.edition_info = EditionInfo {
        id: s("imd2019"),
        name: s("Fixture deprivation"),
        short: s("IMD 2019"),
        year: s("2019"),
        lsoa: s("LSOA 2011"),
        population: s("mid-2020"),
        indices: Deprivation::ALL.to_vec(),
        age_85_plus: true,
    };
    f.meta = Meta { title: s("Fixture"), attribution: s("Test data"), built_by: s("hand") };
    f.regions = regions;
    f.icss = icss;
    f.sicbls = sicbls;
    f.utlas = utlas;
    f.ltlas = ltlas;
    f.lsoas = lsoas;
    f.population = Some(0);
    f.links = vec![vec![]; 4];
    f
}

pub fn engine() -> Engine {
    Engine::new(dataset())
}
