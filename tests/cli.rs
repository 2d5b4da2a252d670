//! The `ics-explorer` command, run as a user would: formats, figures, and errors for unknown ids and codes.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ics-explorer")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn json(args: &[&str]) -> Vec<serde_json::Value> {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn json_output_is_an_array_of_objects_with_code_name_value() {
    let rows = json(&["table", "population", "--geography", "icb22", "--format", "json"]);
    assert_eq!(rows.len(), 42);
    let qoc = rows.iter().find(|r| r["ods"] == "QOC").unwrap();
    assert_eq!(qoc["code"], "E54000011");
    assert_eq!(qoc["name"], "Shropshire, Telford and Wrekin");
    assert_eq!(qoc["value"], 521391.2);
    assert_eq!(qoc["rank"], 42.0);
    for args in [&["peers", "QOP", "--format", "json"][..], &["profile", "E54000057", "--format", "json"][..]] {
        for r in json(args) {
            assert!(r.get("code").is_some() && r.get("name").is_some() && r.get("value").is_some(), "{args:?}: {r}");
        }
    }
    let ind = json(&["indicators", "--format", "json"]);
    assert!(ind.len() >= 100);
    assert!(ind.iter().any(|r| r["id"] == "core20_pop_share"));
}

#[test]
fn table_filters_by_region_and_reports_the_period() {
    let rows = json(&["table", "rtt_over_52w_pct", "--geography", "icb22", "--period", "2024-03", "--region", "Y62", "--format", "json"]);
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.contains(&"Greater Manchester"));
    let (code, out, _) = run(&["table", "rtt_over_52w_pct", "--period", "2024-03", "--geography", "icb22"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Waiting over 52 weeks — Mar 2024 — 42 ICSs (July 2022), IMD 2019"), "{out}");
    assert!(out.contains("Norfolk and Waveney"));
    let (_, csv, _) = run(&["table", "population", "--geography", "icb22", "--format", "csv"]);
    assert!(csv.starts_with("rank,code,ods,name,region,value,lower_95,upper_95,estimate,compared_with_england,flags\r\n"));
    assert!(csv.contains("\"Shropshire, Telford and Wrekin\""));
}

/// Today's map by default: 36 ICBs with IMD 2025; values apportioned for the boards made from parts of July
/// 2022 ICBs carry an estimate flag in JSON and CSV; `--geography icb22 --imd 2025` shows the 42 with IMD 2025.
#[test]
fn the_geography_and_edition_flags() {
    let rows = json(&["table", "rtt_waiting_list", "--period", "2026-03", "--format", "json"]);
    assert_eq!(rows.len(), 36);
    let get = |code: &str| rows.iter().find(|r| r["code"] == code).unwrap_or_else(|| panic!("{code}"));
    // West and North London = North West + North Central London, exactly (data/ics RTT file, March 2026).
    assert_eq!(get("E54000071")["estimate"], false);
    assert_eq!(get("E54000066")["estimate"], true, "Essex takes parts of Suffolk and North East Essex, and Hertfordshire and West Essex");
    let estimated: Vec<&str> = rows.iter().filter(|r| r["estimate"] == true).map(|r| r["ods"].as_str().unwrap()).collect();
    assert_eq!(estimated.len(), 6, "the six boards made with part of a July 2022 ICB: {estimated:?}");
    let (_, csv, _) = run(&["table", "core20_pop_share", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 37);
    assert!(csv.lines().skip(1).all(|l| !l.contains(",estimate,")), "Core20 is exact on today's map");
    let rows = json(&["table", "core20_pop_share", "--geography", "icb22", "--imd", "2025", "--format", "json"]);
    assert_eq!(rows.len(), 42);
    let (code, _, err) = run(&["table", "core20_pop_share", "--geography", "icb26", "--imd", "2019"]);
    assert_ne!(code, 0);
    assert!(err.contains("has no lookup to the 36 ICBs (April 2026)"), "{err}");
}

#[test]
fn peers_are_five_by_default_and_never_include_the_ics_itself() {
    let rows = json(&["peers", "QOP", "--format", "json"]);
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| r["ods"] != "QOP"));
    assert_eq!(json(&["peers", "qop", "--k", "12", "--basis", "core20_score", "--region", "--log-population", "--format", "json"]).len(), 12);
}

#[test]
fn errors_say_what_is_wrong_and_what_to_do() {
    let cases: &[(&[&str], &str)] = &[
        (&["table", "no_such_indicator"], "unknown indicator \"no_such_indicator\""),
        (&["table", "core20"], "Did you mean: core20_pop_share, core20_lsoa_share"),
        (&["peers", "QZZ"], "unknown ICS \"QZZ\""),
        (&["profile"], "missing the ICS code"),
        (&["table", "population", "--format", "xml"], "--format must be table, csv or json"),
        (&["table", "population", "--period", "1999"], "has no period \"1999\""),
        (&["table", "population", "--region", "Mars"], "unknown NHS region \"Mars\""),
        (&["peers", "QOP", "--k", "99"], "from 1 to 15"),
        (&["frobnicate"], "unknown command \"frobnicate\""),
    ];
    for (args, needle) in cases {
        let (code, _, err) = run(args);
        assert_ne!(code, 0, "{args:?}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

/// `spc`: the limits and rule hits it prints are recomputed here from its own rows (the in-baseline values, their
/// moving ranges between consecutive months, screening above 3.267 × the mean moving range), independently of
/// the engine's code; csv and table carry the same rows; bad settings are explained.
#[test]
fn spc_prints_limits_and_rule_hits_that_recompute() {
    let rows = json(&["spc", "ae_4hr_pct", "QOP", "--geography", "icb22", "--format", "json"]);
    assert_eq!(rows.first().unwrap()["period"], "2022-04");
    assert_eq!(rows.len(), 40, "Apr 2022 to Jul 2025, with Feb and Mar 2025 as missing rows");
    assert_eq!(rows.iter().filter(|r| r["flag"] == "missing").count(), 2);
    let v: Vec<Option<f64>> = rows.iter().map(|r| r["value"].as_f64().filter(|_| r["in_baseline"] == true)).collect();
    let xs: Vec<f64> = v.iter().flatten().copied().collect();
    let mean = xs.iter().sum::<f64>() / xs.len() as f64;
    let ranges: Vec<f64> = v.windows(2).filter_map(|w| Some((w[1]? - w[0]?).abs())).collect();
    let mr = ranges.iter().sum::<f64>() / ranges.len() as f64;
    let kept: Vec<f64> = ranges.iter().copied().filter(|&r| r < 3.267 * mr).collect();
    let mr = kept.iter().sum::<f64>() / kept.len() as f64;
    let (m, lo, hi) = (rows[0]["mean"].as_f64().unwrap(), rows[0]["lower_limit"].as_f64().unwrap(), rows[0]["upper_limit"].as_f64().unwrap());
    assert!(
        (m - mean).abs() < 1e-9 && (lo - (mean - 2.66 * mr)).abs() < 1e-9 && (hi - (mean + 2.66 * mr)).abs() < 1e-9,
        "{m} {lo} {hi} vs {mean} {mr}"
    );
    assert_eq!(xs.len(), 24, "14 flagged months (incomplete before June 2023) are left out of the limits");
    // Every point beyond a limit, and only those, has the rule "beyond".
    for r in &rows {
        let beyond = r["value"].as_f64().is_some_and(|x| x > hi || x < lo);
        let hit = r["rules"].as_array().unwrap().iter().any(|h| h["rule"] == "beyond");
        assert_eq!(beyond, hit, "{r}");
    }
    // Jul 2025 (71.4%, above the upper limit; higher is better) is the latest point: improvement.
    let last = rows.last().unwrap();
    assert_eq!((last["period"].as_str(), last["variation"].as_str()), (Some("2025-07"), Some("improvement")));
    assert_eq!(last["variation_label"], "Special cause variation: improvement");
    // Without screening and with a baseline, the limits change and the footer says so.
    let (code, out, _) = run(&["spc", "ae_4hr_pct", "QOP", "--baseline", "2023-06..2024-05", "--run", "6", "--no-screen"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Baseline Jun 2023 to May 2024: 12 points")
            && out.contains("moving ranges not screened")
            && out.contains("fewer than the 15 to 20"),
        "{out}"
    );
    let (code, out, _) = run(&["spc", "ae_4hr_pct", "QOP", "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("period,value,estimate,flag,in_baseline,mean,lower_limit,upper_limit,rules,variation,variation_label\r\n"));
    assert_eq!(out.lines().count(), 41);
    for (args, needle) in [
        (&["spc", "ae_4hr_pct", "QOP", "--run", "3"][..], "run length must be 5 to 12"),
        (&["spc", "ae_4hr_pct", "QOP", "--baseline", "2023-06"][..], "--baseline must be FROM..TO"),
        (&["spc", "ae_4hr_pct", "QOP", "--baseline", "2024-05..2023-06"][..], "starts (2024-05) after it ends (2023-06)"),
        (&["spc", "ae_4hr_pct", "QOP", "--baseline", "2025-02.."][..], "no period \"2025-02\""),
        (&["spc", "ae_4hr_pct"][..], "missing the ICS code"),
    ] {
        let (code, _, err) = run(args);
        assert_ne!(code, 0, "{args:?}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn funnel_points_agree_with_the_table_and_wilson_limits_derived_here() {
    let (code, out, err) = run(&["funnel", "ae_4hr_pct", "--geography", "icb22", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let f: serde_json::Value = serde_json::from_str(&out).unwrap();
    let table = json(&["table", "ae_4hr_pct", "--geography", "icb22", "--format", "json"]);
    let points = f["points"].as_array().unwrap();
    assert_eq!((points.len(), f["centre_source"].as_str(), f["method"].as_str()), (42, Some("england"), Some("wilson")));
    let centre = f["centre"].as_f64().unwrap() / 100.0;
    let z95 = 1.959_963_984_540_054;
    for p in points {
        // The same value as `table`, and the position from the point's own Wilson 95% interval (derived here from
        // the formula, not the engine): outside the limits exactly when that interval excludes England's value.
        let row = table.iter().find(|r| r["code"] == p["code"]).unwrap();
        assert_eq!(row["value"], p["value"]);
        let (x, n) = (p["numerator"].as_f64().unwrap(), p["denominator"].as_f64().unwrap());
        let (c, h) = ((x + z95 * z95 / 2.0) / (n + z95 * z95), z95 * (x * (n - x) / n + z95 * z95 / 4.0).sqrt() / (n + z95 * z95));
        let want = if c - h > centre {
            "high"
        } else if c + h < centre {
            "low"
        } else {
            "within"
        };
        assert_eq!(p["p95"].as_str(), Some(want), "{}", p["name"]);
    }
    // The adjusted positions change with φ, and the table's footer names the ICSs outside the limits.
    let (_, text, _) = run(&["funnel", "ae_4hr_pct", "--geography", "icb22", "--overdispersion", "phi"]);
    assert!(text.contains("Limits widened by √φ") && text.contains("Outside the adjusted 99.8% limits:"), "{text}");
    let (_, csv, _) = run(&["funnel", "rtt_waiting_list_per_1000", "--format", "csv"]);
    assert!(csv.starts_with("code,ods,name,value,numerator,denominator,z,limits_95,limits_99_8,z_adjusted,adjusted_95,adjusted_99_8,estimate\r\n"));
    assert_eq!(csv.lines().count(), 37);
    for (args, needle) in [
        (&["funnel", "population"][..], "no funnel: \"population\" has no numerator and denominator. These indicators have one: ae_4hr_pct,"),
        (&["funnel", "ae_4hr_pct", "--overdispersion", "huge"][..], "--overdispersion must be none, phi or tau, not \"huge\""),
        (&["funnel"][..], "missing the indicator id"),
    ] {
        let (code, _, err) = run(args);
        assert_ne!(code, 0, "{args:?}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}
