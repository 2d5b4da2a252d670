//! The loader's promise: every kind of damage gets a precise problem naming table, row and field, and nothing
//! panics. Each case takes the real shipped dataset, breaks one thing, and asserts the exact problem.

use ics_data::dataset::{self, codec, codec::Packing};
use serde_json::{json, Value};

const SHIPPED: &str = include_str!("../www/data/dataset.json");

fn shipped() -> Value {
    serde_json::from_str(SHIPPED).unwrap()
}

/// The core file's LSOA table: the IMD 2025 edition's, on the 33,755 LSOAs of 2021.
const N: usize = 33_755;

/// Replaces the LSOA column `name` with `values`, encoded as the build would.
fn set_column(v: &mut Value, name: &str, packing: Packing, values: &[u32]) {
    v["editions"][0]["lsoas"]["columns"][name] = json!({ "packing": packing.name(), "data": codec::encode_column(values, packing).unwrap() });
}

fn column(v: &Value, name: &str) -> Vec<u32> {
    let c = &v["editions"][0]["lsoas"]["columns"][name];
    let p = Packing::from_name(c["packing"].as_str().unwrap()).unwrap();
    codec::decode_column(c["data"].as_str().unwrap(), p, N).unwrap()
}

/// Replaces area set `set`'s sub-ICB assignment column with `values`.
fn set_assignment(v: &mut Value, set: usize, values: &[u32]) {
    let a = v["editions"][0]["lsoas"]["assignments"].as_array_mut().unwrap().iter_mut().find(|a| a["area_set"] == set).unwrap();
    a["data"] = json!(codec::encode_column(values, Packing::U8).unwrap());
}

fn measure(v: &mut Value, id: &str) -> usize {
    v["measures"].as_array().unwrap().iter().position(|m| m["id"] == id).unwrap()
}

/// Rewrites a measure as plain numbers (without the wire's fixed-point differences) so a case can set one value.
fn plain_measure(v: &mut Value, id: &str) -> usize {
    let m = measure(v, id);
    let loaded = ics_data::testdata::core();
    let stored = loaded.measures().iter().find(|x| x.id == id).unwrap();
    let o = v["measures"][m].as_object_mut().unwrap();
    o.remove("decimals");
    o.insert("values".into(), json!(stored.values));
    o.insert("england".into(), json!(stored.england));
    m
}

type Case = (&'static str, fn(&mut Value), &'static str);

#[rustfmt::skip]
const CASES: &[Case] = &[
    ("array root", |v| *v = json!([]), "dataset: should be an object, found a list"),
    ("no schema version", |v| { v.as_object_mut().unwrap().remove("schema_version"); }, "dataset: schema_version is missing: this is not an ICS Explorer dataset"),
    ("future schema version", |v| v["schema_version"] = json!(4), "dataset: schema_version is 4, but this version of ICS Explorer reads schema version 3"),
    ("schema version as text", |v| v["schema_version"] = json!("3"), "dataset: schema_version is \"3\", but this version"),
    ("empty title", |v| v["meta"]["title"] = json!(" "), "meta: title is empty"),
    ("no area sets", |v| { v.as_object_mut().unwrap().remove("area_sets"); }, "dataset: area_sets is missing"),
    ("no icss", |v| { v["area_sets"][0].as_object_mut().unwrap().remove("icss"); }, "area_set icb22: icss is missing"),
    ("icss not a list", |v| v["area_sets"][0]["icss"] = json!({}), "area_set icb22: icss should be a list, found an object"),
    ("bad ICS code", |v| v["area_sets"][0]["icss"][0]["code"] = json!("E5400000X"), "ics E5400000X: code \"E5400000X\" is not a valid code: expected E54 followed by 6 digits"),
    ("duplicate ICS code", |v| v["area_sets"][0]["icss"][1]["code"] = json!("E54000008"), "ics E54000008: code \"E54000008\" appears more than once"),
    // Once crashed an import (Places::new indexed a year it had not built yet).
    ("duplicate sub-ICB code", |v| v["area_sets"][0]["sicbls"][1]["code"] = json!("E38000006"), "sicbl E38000006: code \"E38000006\" appears more than once"),
    ("duplicate sub-ICB ODS code", |v| v["area_sets"][1]["sicbls"][1]["ods"] = json!("02P"), "sicbl 02P: ods \"02P\" appears more than once"),
    ("bad ODS code", |v| v["area_sets"][1]["icss"][0]["ods"] = json!("xyz"), "ics E54000008: ods \"xyz\" is not an NHS ICB code"),
    ("region out of range", |v| v["area_sets"][0]["icss"][0]["region"] = json!(7), "ics E54000008: region index 7 out of range 0..7"),
    ("region as text", |v| v["area_sets"][0]["icss"][0]["region"] = json!("North West"), "ics E54000008: region should be a whole-number index, found text"),
    ("sub-ICB location's ICS out of range", |v| v["area_sets"][1]["sicbls"][0]["ics"] = json!(36), "sicbl E38000006: ics index 36 out of range 0..36"),
    ("a part of a base area out of range", |v| v["area_sets"][1]["parts"][0]["base"] = json!(42), "area_set icb26: parts a part's base area 42 is out of range 0..42"),
    ("a base area not shared out whole", |v| v["area_sets"][1]["parts"][0]["share"] = json!(0.5), "the pieces of base area"),
    ("a part's share above 1", |v| v["area_sets"][1]["parts"][0]["share"] = json!(1.5), "part #0: share should be from 0 to 1"),
    ("LTLA's UTLA out of range", |v| v["editions"][0]["ltlas"][0]["utla"] = json!(-1), "ltla E06000001: utla should be a whole-number index, found a number"),
    ("trust date", |v| v["trusts"][0]["opened"] = json!("2017-13-01"), "trust R0A: opened \"2017-13-01\" is not a date (YYYY-MM-DD)"),
    ("unknown edition", |v| v["editions"][0]["id"] = json!("imd2031"), "edition imd2031: id \"imd2031\" is not an edition this version of ICS Explorer can read"),
    ("edition indices", |v| { v["editions"][0]["indices"].as_array_mut().unwrap().push(json!("idaci")); }, "edition imd2025: indices do not match the table's columns"),
    ("LSOA count short", |v| v["editions"][0]["lsoas"]["count"] = json!(33_754), "lsoas: count is 33754, but England has 33755 LSOAs in this edition: the table is incomplete"),
    ("LSOA layout", |v| v["editions"][0]["lsoas"]["layout"] = json!("imd2019"), "lsoas: layout should be \"imd2025\", the edition's"),
    ("LSOA column missing", |v| { v["editions"][0]["lsoas"]["columns"].as_object_mut().unwrap().remove("decile_crime"); }, "lsoas: columns.decile_crime is missing"),
    ("LSOA column truncated", |v| { let c = &mut v["editions"][0]["lsoas"]["columns"]["imd_score"]; let d = c["data"].as_str().unwrap().to_string(); c["data"] = json!(d[..d.len() - 3]); }, "lsoas: columns.imd_score is"),
    ("LSOA column unknown packing", |v| v["editions"][0]["lsoas"]["columns"]["ltla"]["packing"] = json!("u7"), "lsoas: columns.ltla needs \"packing\" (u4, u8, u16, u24 or delta-varint)"),
    ("LSOA assignment damaged deflate", |v| v["editions"][0]["lsoas"]["assignments"][1]["data"] = json!("AAAAAAAA"), "lsoas: assignments[1] is not a valid deflate stream"),
    ("LSOA assignment to no area set", |v| v["editions"][0]["lsoas"]["assignments"][1]["area_set"] = json!(2), "lsoas: assignments[1] needs \"area_set\" (0 to 1)"),
    ("LSOA sub-ICB index out of range", |v| { let mut c = vec![0u32; N]; c[0] = 200; set_assignment(v, 1, &c); }, "lsoa E01000001: assignments[1] sub-ICB location index 200 out of range"),
    ("LSOA LTLA index out of range", |v| { let mut c = column(v, "ltla"); c[5] = 296; set_column(v, "ltla", Packing::U16, &c); }, "lsoa E01000007: ltla index 296 out of range 0..296"),
    ("LSOA decile 11", |v| { let mut c = column(v, "decile_crime"); c[2] = 11; set_column(v, "decile_crime", Packing::U4, &c); }, "lsoa E01000003: decile_crime is 11, expected 1 to 10"),
    ("LSOA decile counts", |v| { let mut c = column(v, "decile_crime"); for x in c.iter_mut().take(100) { *x = 1; } set_column(v, "decile_crime", Packing::U4, &c); }, "but a national decile holds 3375 or 3376: the column is damaged"),
    ("LSOA without residents", |v| { for b in ["0_15", "16_64", "65_plus"] { let name = format!("pop_{b}"); let mut c = column(v, &name); c[0] = 0; set_column(v, &name, Packing::U16, &c); } }, "lsoa E01000001: population is 0 in every age band"),
    ("LSOA IMD score over 100", |v| { let mut c = column(v, "imd_score"); c[0] = 100_001; set_column(v, "imd_score", Packing::U24, &c); }, "lsoa E01000001: imd_score is 100.001, but IMD scores lie between 0 and 100"),
    ("LSOA income rate over 1", |v| { let mut c = column(v, "income_rate"); c[0] = 1001; set_column(v, "income_rate", Packing::U16, &c); }, "lsoa E01000001: income_rate is 1.001, but a rate lies between 0 and 1"),
    ("LSOA rank offset", |v| { let mut c = column(v, "imd_rank_offset"); c[0] = 9; set_column(v, "imd_rank_offset", Packing::U8, &c); }, "lsoa E01000001: imd_rank_offset is 9, but only 4 LSOA(s) share its score"),
    ("LSOA duplicate code", |v| { let mut c = column(v, "code"); c[1] = c[0]; set_column(v, "code", Packing::DeltaVarint, &c); }, "lsoa E01000001: code is not after the previous LSOA's code"),
    ("measure row too short", |v| { let m = measure(v, "projected_population"); v["measures"][m]["values"][0].as_array_mut().unwrap().pop(); }, "measure projected_population: values[2022/23] has 41 values but there are 42 ICSs"),
    ("measure of no area set", |v| { let m = measure(v, "projected_population"); v["measures"][m]["area_set"] = json!(2); }, "measure projected_population: area_set index 2 out of range 0..2"),
    ("measure negative", |v| { let m = plain_measure(v, "rtt_total"); v["measures"][m]["values"][3][5] = json!(-1); }, "measure rtt_total: values[2023-01][E54000018] is -1.000, but measures are counts and scores that cannot be negative"),
    ("measure decimals", |v| { let m = measure(v, "rtt_total"); v["measures"][m]["decimals"] = json!(12); }, "measure rtt_total: decimals should be a whole number from 0 to 9, found 12"),
    ("measure fractional difference", |v| { let m = measure(v, "hi_overall"); v["measures"][m]["values"][1][0] = json!(0.5); }, "measure hi_overall: values with \"decimals\" holds whole-number differences, found 0.500"),
    ("measure difference overflow", |v| { let m = measure(v, "rtt_total"); v["measures"][m]["values"][1][0] = json!(9_000_000_000_000_000i64); }, "measure rtt_total: values with \"decimals\" holds whole-number differences"),
    ("LSOA predictor from a later column", |v| v["editions"][0]["lsoas"]["columns"]["decile_education"]["predict"]["from"] = json!(["pop_0_15"]), "lsoas: columns.decile_education.predict uses pop_0_15, but a predictor can only use columns decoded before it"),
    ("LSOA predictor coefficient too large", |v| v["editions"][0]["lsoas"]["columns"]["employment_rate"]["predict"]["coef"] = json!([1_000_000_000_000i64]), "lsoas: columns.employment_rate.predict should be {\"from\""),
    ("LSOA predictor bands", |v| { v["editions"][0]["lsoas"]["columns"]["decile_income"]["predict"]["bands"].as_array_mut().unwrap().pop(); }, "bands must be 9 integers"),
    ("LSOA residual out of range", |v| { let c = &mut v["editions"][0]["lsoas"]["columns"]["decile_education"]; c["packing"] = json!("u8"); c["data"] = json!(codec::encode_column(&[59; N], Packing::U8).unwrap()); }, "lsoas: columns.decile_education at lsoa E01000001: the prediction plus the stored residual is -"),
    ("LSOA residual makes a decile 11", |v| { let c = &mut v["editions"][0]["lsoas"]["columns"]["decile_education"]; c["packing"] = json!("u8"); c["data"] = json!(codec::encode_column(&[40; N], Packing::U8).unwrap()); }, "decile_education is 2"),
    ("measure value as text", |v| { let m = measure(v, "rtt_total"); v["measures"][m]["values"][0][0] = json!("12"); }, "measure rtt_total: values[2022-10] should be a finite number, found text"),
    ("measure periods unsorted", |v| { let m = measure(v, "hi_overall"); v["measures"][m]["periods"][0] = json!("2030"); }, "measure hi_overall: periods must be sorted ascending with no repeats"),
    ("measure invalid month", |v| { let m = measure(v, "rtt_total"); v["measures"][m]["periods"][0] = json!("2022-13"); }, "measure rtt_total: periods \"2022-13\" is not a valid month (YYYY-MM) period"),
    ("measure England wrong length", |v| { let m = measure(v, "rtt_total"); v["measures"][m]["england"].as_array_mut().unwrap().pop(); }, "measure rtt_total: england should be a list of 41 values or null"),
    ("flag period out of range", |v| { let m = measure(v, "rtt_total"); v["measures"][m]["flags"][0]["period"] = json!(41); }, "measure rtt_total: period index 41 out of range 0..41"),
    ("indicator unknown domain", |v| v["indicators"][0]["domain"] = json!("weather"), "indicator population: domain is \"weather\", expected one of: context, health, integration, elective, workforce"),
    ("indicator formula measure out of range", |v| v["indicators"][0]["formula"]["stored"]["measure"] = json!(999), "indicator population: measure index 999 out of range 0..107"),
    ("indicator zero multiplier", |v| { let i = v["indicators"].as_array().unwrap().iter().position(|i| i["id"] == "ae_4hr_pct").unwrap(); v["indicators"][i]["formula"]["ratio"]["multiplier"] = json!(0); }, "indicator ae_4hr_pct: formula.ratio.multiplier is 0.000, expected a positive number"),
    ("indicator decimals", |v| v["indicators"][0]["decimals"] = json!(9), "indicator population: decimals should be a whole number from 0 to 6"),
    ("indicator two formulas", |v| v["indicators"][0]["formula"] = json!({"stored": {"measure": 0}, "ratio": {}}), "indicator population: formula should have exactly one of: stored, ratio, lsoa, org"),
    ("duplicate indicator id", |v| v["indicators"][1]["id"] = json!("population"), "indicator population: id \"population\" appears more than once"),
    ("denominator periods", |v| { let i = v["indicators"].as_array().unwrap().iter().position(|i| i["id"] == "ae_4hr_pct").unwrap(); let d = measure(v, "rtt_total"); v["indicators"][i]["formula"]["ratio"]["den"] = json!(d); }, "indicator ae_4hr_pct: formula.ratio.den measure \"rtt_total\" has 41 periods; a denominator needs one period or the same periods as the numerator \"ae_over_4h\""),
    ("population implausible", |v| { let m = plain_measure(v, "projected_population"); v["measures"][m]["values"][0][0] = json!(1e9); }, "measure projected_population: values sum to"),
    ("no population measure", |v| { let m = measure(v, "projected_population"); v["measures"][m]["id"] = json!("projected_people"); }, "dataset: measures has no \"projected_population\" measure"),
    ("boundary outside England", |v| v["area_sets"][0]["boundaries"][0]["rings"][0][0] = json!(900_000), "boundary #0: rings[0] reaches (90.0000, 53.5206), outside England"),
    ("boundary odd ring", |v| { v["area_sets"][0]["boundaries"][1]["rings"][0].as_array_mut().unwrap().pop(); }, "a ring needs pairs of coordinates"),
    ("unavailable domain", |v| v["unavailable"][0]["domain"] = json!(""), "unavailable Number of 'places' in each ICS: domain is \"\", expected one of"),
];

#[test]
fn every_kind_of_damage_is_reported_precisely() {
    assert!(CASES.len() >= 30);
    for (name, break_it, expected) in CASES {
        let mut v = shipped();
        break_it(&mut v);
        let problems = match dataset::load(&v.to_string()) {
            Ok(_) => panic!("{name}: the damaged dataset loaded"),
            Err(p) => p,
        };
        let all: Vec<String> = problems.0.iter().map(|p| p.to_string()).collect();
        assert!(all.iter().any(|p| p.contains(expected)), "{name}: expected a problem containing\n  {expected}\ngot\n  {}", all.join("\n  "));
    }
}

#[test]
fn text_that_is_not_a_dataset_is_reported_not_panicked_on() {
    let cases: &[(&str, &str)] = &[
        ("", "truncated"),
        ("{", "truncated"),
        (&SHIPPED[..SHIPPED.len() / 3], "truncated"),
        ("{\"schema_version\": 1, \"meta\": NaN}", "not valid JSON"),
        ("{\"schema_version\": 1e999}", "not valid JSON"),
        ("null", "should be an object"),
        ("\u{feff}{}", "not valid JSON"),
        ("{}", "schema_version is missing"),
    ];
    for (text, expected) in cases {
        let p = dataset::load(text).unwrap_err();
        assert!(p.to_string().contains(expected), "{text:.40?}: {p}");
    }
}

#[test]
fn problems_are_collected_not_stopped_at_the_first() {
    let mut v = shipped();
    v["area_sets"][0]["icss"][0]["ods"] = json!("bad");
    v["area_sets"][0]["icss"][3]["region"] = json!(99);
    let k = v["indicators"].as_array().unwrap().iter().position(|i| i["id"] == "need_index").unwrap();
    v["indicators"][k]["polarity"] = json!("sideways");
    let p = dataset::load(&v.to_string()).unwrap_err();
    assert!(p.0.len() >= 2, "{p}");
    let text = p.to_string();
    assert!(text.contains("ics E54000013: region index 99 out of range 0..7"), "{text}");
    assert!(text.contains("indicator need_index: polarity is \"sideways\""), "{text}");
}
