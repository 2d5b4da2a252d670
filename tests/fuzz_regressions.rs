//! Inputs that once broke (or nearly broke) the parsers of outside data, kept as tests. `scripts/fuzz.sh` runs
//! cargo-fuzz on the same entry points; add each crash it finds here, with the fix, and what it must give.

use ics_data::dataset::{self, codec, codec::Packing, PeriodKind};
use ics_data::testdata::shipped;
use ics_engine::import::{self, ImportProblem, Imported, Target};
use ics_ui::{self as ui, ImportStatus, Msg, Options, State};

/// Hostile hashes, and the hash each leaves (what the page kept of it) with the notice it gives, if any.
#[rustfmt::skip]
const HASHES: &[(&str, &str, &str)] = &[
    ("", "", ""),
    ("#", "", ""),
    ("&&&", "", ""),
    ("=", "", "The link's setting \"=\" was not recognised, so the default is shown."),
    ("%", "", "The link's setting \"%\" was not recognised, so the default is shown."),
    ("%%", "", "The link's setting \"%%\" was not recognised, so the default is shown."),
    ("%e2%82", "", "The link's setting \"%e2%82\" was not recognised, so the default is shown."),
    ("v=profile&s=", "v=profile", "The link's ICS \"\" was not recognised, so the default is shown."),
    ("i=population&p=", "i=population", "The link's period \"\" does not exist for this indicator, so its default period is shown."),
    ("ri=population&rmin=-0&rmax=-0", "ri=population&rmin=-0&rmax=-0", ""),
    ("k=18446744073709551616", "", "The link's number of peers \"18446744073709551616\" was not recognised, so the default is shown."),
    ("rmin=1e308&rmax=-1e308&ri=population", "ri=population&rmin=1e308&rmax=-1e308", ""),
    ("b=2022/23&i=population", "i=population&b=2022/23", ""),
    ("i=hi_overall&p=2015&v=trends&s=QOP", "v=trends&i=hi_overall&p=2015&s=QOP", ""),
    ("v=map&r=Y56&pop=over_2m&dep=low", "v=map&r=Y56&pop=over_2m&dep=low", ""),
    // E54000057 is Greater Manchester's ONS code; the hash names it by its ODS code.
    ("s=e54000057&v=profile&all=1&pb=core20_score&k=15&lp=1&pr=1", "v=profile&s=QOP&k=15&lp=1&pr=1&all=1", ""),
    ("g=icb22&imd=2025&s=QNQ", "g=icb22&imd=2025&s=QNQ", ""),
    ("g=icb26&imd=2019", "", "The link's boundaries and deprivation edition cannot be shown together (IMD 2019 (on LSOA 2011 neighbourhoods) has no lookup to the 36 ICBs (April 2026): choose another edition), so today's map is shown."),
    ("g=nope&imd=1999", "", "The link's geography could not be used (\"nope\" is not a geography; use icb22 or icb26), so today's map is shown."),
    ("imd=%ff", "", "The link's setting \"imd=%ff\" was not recognised, so the default is shown."),
    ("g=icb22&s=QNQ&v=profile", "g=icb22&v=profile&s=QNQ", ""),
    ("g=icb26&s=Z9B2Z&v=trends", "v=trends&s=Z9B2Z", ""),
];

const VIEWS: [&str; 7] = ["rankings", "deprivation", "scatter", "map", "trends", "profile", "about"];

/// Hostile hashes through the whole page: each leaves the hash and notice above; with each view added it shows
/// that view (its tab marked current) without an error; the hash it leaves round-trips.
#[test]
fn url_hashes() {
    let mut st = State::new(shipped().clone(), Options::default()).unwrap();
    let check = |st: &mut State, h: &str, kept: &str, notice: &str, view: Option<&str>| {
        ui::update(st, Msg::HashChanged(h.to_string()));
        assert_eq!((ui::url::to_hash(st).as_str(), st.notices.first().map_or("", String::as_str)), (kept, notice), "{h:.40}");
        for v in VIEWS {
            ui::update(st, Msg::HashChanged(format!("{h}&v={v}")));
            let shown = view.unwrap_or(v);
            assert_eq!(st.settings.view.key(), shown, "{h:.40}&v={v}");
            assert!(st.result.is_ok(), "{h:.40}&v={v}: {:?}", st.result.as_ref().err());
            assert!(ui::view(st).to_markup().contains(&format!("data-view=\"{shown}\" aria-current=\"page\"")), "{h:.40}&v={v}");
        }
        let round = ui::url::to_hash(st);
        ui::update(st, Msg::HashChanged(round.clone()));
        assert_eq!(ui::url::to_hash(st), round, "{h:.40}");
    };
    for &(h, kept, notice) in HASHES {
        check(&mut st, h, kept, notice, None);
    }
    // Longer than any hash the page writes (2,000 characters): refused whole, with or without a view.
    let long = "a=".repeat(5000);
    check(
        &mut st,
        &long,
        "",
        "The link was too long (10000 characters) to be a view of ICS Explorer, so the default view is shown.",
        Some("rankings"),
    );
}

/// Damaged or odd texts for the readers: (text, the JSON reader's value or error, the dataset loader's error, the
/// CSV reader's (columns, rows) or error).
#[rustfmt::skip]
const TEXTS: &[(&str, Result<f64, &str>, &str, Result<(usize, usize), &str>)] = &[
    // Hostile nesting: refused at the 65th level (MAX_DEPTH is 64), not a stack overflow.
    ("[[[", Err("the data is nested too deeply at line 1 column 65"), "it is not valid JSON (the data is nested too deeply at line 1 column 65)", Ok((1, 0))),
    ("\"\\ud800\"", Err("invalid character in a \\u escape at line 1 column 8"), "it is not valid JSON (invalid character in a \\u escape at line 1 column 8)", Ok((1, 0))),
    ("{\"a\":1,\"a\":1}", Err("a key appears twice in one object at line 1 column 13"), "it is not valid JSON (a key appears twice in one object at line 1 column 13)",
        Err("line 1: unexpected ':' after a closing quote: a quoted field must end at a comma or line end")),
    ("-", Err("not a valid number (or a number too large) at line 1 column 1"), "it is not valid JSON (not a valid number (or a number too large) at line 1 column 1)", Ok((1, 0))),
    ("1e-400", Ok(0.0), "should be an object, found a number", Ok((1, 0))),
    ("0.0000000000000000000000001", Ok(1e-25), "should be an object, found a number", Ok((1, 0))),
];

/// Periods as each kind: (text, valid as Month, FinancialYear, Year, Label; and as each is written).
#[rustfmt::skip]
const PERIODS: &[(&str, [bool; 4], [&str; 4])] = &[
    ("9999-99", [false, false, false, true], ["9999-99", "FY 9999-99", "9999-99", "9999-99"]),
    ("0000/01", [false, true, false, true], ["Jan 0000", "FY 0000/01", "0000/01", "0000/01"]),
    ("2022-1", [false, false, false, true], ["2022-1", "FY 2022-1", "2022-1", "2022-1"]),
    ("2022/2", [false, false, false, true], ["2022/2", "FY 2022/2", "2022/2", "2022/2"]),
];

#[test]
fn parsers_and_codecs() {
    let nested = "[".repeat(10_000);
    for &(t, json, load, csv) in TEXTS {
        let t = if t == "[[[" { nested.as_str() } else { t };
        match (ics_data::json::parse(t), json) {
            // The reader's decimal conversion is within an ulp or so (1e-25 reads as 9.999999999999999e-26).
            (Ok(j), Ok(want)) => assert!(j.as_f64().is_some_and(|x| (x - want).abs() <= want * 1e-15), "{t:.20}: {j:?}"),
            (got, want) => assert_eq!(got.map(|_| ()).map_err(|e| e.to_string()), want.map(|_| ()).map_err(str::to_string), "{t:.20}"),
        }
        let problems = dataset::load(t).unwrap_err().to_string();
        assert_eq!(problems, format!("the dataset is not valid (1 problem):\n- dataset: {load}\n"), "{t:.20}");
        let table = ics_data::csv::Table::parse(t).map(|t| (t.headers.len(), t.rows.len())).map_err(|e| e.to_string());
        assert_eq!(table, csv.map_err(str::to_string), "{t:.20}");
    }
    // Not deflate: "AAAA" is three zero bytes (a stored block cut short), "" nothing, "////" a reserved block type.
    for (p, n, text) in [(Packing::U24, 65535, "AAAA"), (Packing::DeltaVarint, 0, ""), (Packing::U4, 3, "////")] {
        assert_eq!(codec::decode_column(text, p, n), Err("is not a valid deflate stream: the data is damaged".to_string()), "{text:?}");
    }
    let kinds = [PeriodKind::Month, PeriodKind::FinancialYear, PeriodKind::Year, PeriodKind::Label];
    for &(s, valid, written) in PERIODS {
        assert_eq!(kinds.map(|k| dataset::period_is_valid(k, s)), valid, "{s}");
        assert_eq!(kinds.map(|k| ics_data::format::period(k, s)), written, "{s}");
    }
    assert_eq!(ics_data::format::number(1e300, 2), "very large");
}

const NO_ROW: &str = "err: no row gave a value for any of the 36 ICBs (April 2026): check that the file has ICB-level rows";
const NO_AREA: &str = "err: line 1: no column says which ICS a row is for: expected a column named Area Code, Code or ICB code";
const ONE: &str = "ok: [\"as supplied\"] QOP=1; unmatched []; warnings: x: no value for 35 of 36 ICSs: Cheshire and Merseyside";

/// Odd files of ICB values on today's map, and what each gives as it is (the first column) and with the user's
/// choices below (the second): an import, or the first problem (each outcome is the start of `outcome`'s text).
#[rustfmt::skip]
const IMPORTS: &[(&str, &str, &str)] = &[
    ("Area Code,Value\n", NO_ROW, NO_ROW),
    ("Value\n1\n", NO_AREA, NO_AREA),
    // Line 2 said to be England: no ICB row is left.
    ("Area Code,Value,Time period\nQOP,1,\n", ONE, NO_ROW),
    // Lines 3 and 4 said to be Cheshire and Merseyside (QYG): its values in x and y; line 2 is England's.
    ("Area Code,Value,Time period\nQOP,1,x\nQOP,2,y\nQOP,3,x\n", "err: line 4: a second value for Greater Manchester in x (the first is on line 2)",
        "ok: [\"x\", \"y\"] QYG=2; unmatched []; warnings: x: no value for 35 of 36 ICSs in y:"),
    ("[]", NO_AREA, NO_AREA),
    ("{}", NO_ROW, NO_ROW),
    ("[1,2]", NO_AREA, NO_AREA),
    ("[{\"code\":[1]}]", "err: line 1: no column of values: expected a column named Value (or exactly one column of numbers); the file has: code",
        "err: line 1: no column of values"),
    ("{\"QOP\":{\"a\":1}}", NO_ROW, NO_ROW),
    ("code,value\nQOP,1e400\n", "err: line 2, column \"value\": \"1e400\" is not a number", "err: line 2, column \"value\": \"1e400\" is not a number"),
    ("code,value,lower,upper\nQOP,5,6,4\n", "ok: [\"as supplied\"] QOP=5; unmatched []; warnings: line 2: the 95% limits do not contain the value, so they are not shown | x: no value", NO_ROW),
    (",,,\n,,,\n", "err: line 1: the file is empty: expected a header row", "err: line 1: the file is empty: expected a header row"),
    ("\n\n\nICB,Value\n", NO_ROW, NO_ROW),
    ("a\nb\nc\n", NO_AREA, NO_AREA),
    ("ICB,Value\nQOP,£\n", "err: line 2, column \"Value\": \"£\" is not a number", "err: line 2, column \"Value\": \"£\" is not a number"),
    ("ICB,Value\nQOP,%\n", "err: line 2, column \"Value\": \"%\" is not a number", "err: line 2, column \"Value\": \"%\" is not a number"),
    ("ICB,Value\nQOP,−\n", "err: line 2, column \"Value\": \"−\" is not a number", "err: line 2, column \"Value\": \"−\" is not a number"),
    ("ICB,Value\nQOP,+\n", "err: line 2, column \"Value\": \"+\" is not a number", "err: line 2, column \"Value\": \"+\" is not a number"),
    ("ICB,Value\nQOP,1,,,\n", ONE, NO_ROW),
    ("ICB,Value,\nQOP,1,\n", ONE, NO_ROW),
    ("ICB,Value\n,1\nÉ,2\nÀB,3\n", "err: none of the rows is for one of the 36 ICBs (April 2026), so nothing was imported",
        "err: line 4: you chose Cheshire and Merseyside for this row, but line 3 already gives a value for Cheshire and Merseyside"),
    ("ICB,Value\nQOP,1\nNotes\n,,,,,,\nx,y,z\n", "ok: [\"as supplied\"] QOP=1; unmatched []; warnings: Lines 3 and 5 below the table were read as notes and left out | x: no value",
        NO_ROW),
    ("ICB,Value\nQOP,\"1,,2\"\n", "err: line 2, column \"Value\": \"1,,2\" is not a number: write decimals with a point (1.5)", "err: line 2, column \"Value\": \"1,,2\""),
    ("ICB,ICB,Value\nQOP,QOP,1\n", "err: line 1: two columns are called \"ICB\" (columns 1 and 2): rename or delete one", "err: line 1: two columns are called \"ICB\""),
    ("Title\nICB,Value\nQOP,1\nQYG,2,3\n", "err: line 4: 3 fields, but the header (line 2) has 2", "err: line 4: 3 fields, but the header (line 2) has 2"),
    ("ICB,Value\nQOP,1\nÅÅ ÉÉ,2\nn w l,3\n", "ok: [\"as supplied\"] QOP=1; unmatched [3, 4]; warnings: x: no value for 35 of 36 ICSs",
        "err: line 4: you chose Cheshire and Merseyside for this row"),
];

/// An import as one line: its single indicator's periods, the latest period's values (by ODS code), the lines left
/// unmatched and the warnings; or the first problem.
fn outcome(r: &Result<Imported, Vec<ImportProblem>>, codes: &[String]) -> String {
    match r {
        Err(problems) => format!("err: {}", problems[0]),
        Ok(imp) => {
            assert_eq!((imp.indicators.len(), imp.sub_icb.len()), (1, 0));
            let ind = &imp.indicators[0];
            let latest = ind.values.last().unwrap().iter().zip(codes).filter_map(|(v, c)| v.map(|v| format!("{c}={v}"))).collect::<Vec<_>>();
            let unmatched = imp.unmatched.iter().map(|u| u.line).collect::<Vec<_>>();
            let warnings = imp.warnings.iter().map(ImportProblem::to_string).collect::<Vec<_>>();
            format!("ok: {:?} {}; unmatched {unmatched:?}; warnings: {}", ind.periods, latest.join(","), warnings.join(" | "))
        }
    }
}

#[test]
fn imports() {
    let ds = shipped().default_frame(1).unwrap();
    assert_eq!(ds.set.id, "icb26");
    let codes: Vec<String> = ds.icss.iter().map(|i| i.ods.clone()).collect();
    // Lines 0 (none) and 2 to 4 assigned; the index is out of range for line 0.
    let fixes = [(0, Target::Ics(usize::MAX)), (2, Target::England), (3, Target::Ics(0)), (4, Target::Ics(0))];
    assert_eq!(codes[0], "QYG", "Cheshire and Merseyside");
    for &(t, plain, fixed) in IMPORTS {
        let got = outcome(&import::import("x.csv", t, &ds), &codes);
        assert!(got.starts_with(plain), "{t:?}\n got: {got}\nwant: {plain}");
        let got = outcome(&import::import_with("x.csv", t, &ds, &fixes), &codes);
        assert!(got.starts_with(fixed), "{t:?} with fixes\n got: {got}\nwant: {fixed}");
    }
    // Nothing close to these; a name with a slip is.
    for w in ["", "é", "ÉÉÉ", "n w", "a b c d e f", "Q", "E54", "—", "\u{0}\u{0}"] {
        assert_eq!(import::closest(&ds, w), Vec::<usize>::new(), "{w:?}");
    }
    assert_eq!(import::closest(&ds, "Cheshire and Mersyside"), [0]);
}

/// Files of sub-ICB locations, odd and hostile, and what each gives on either map: one sub-ICB indicator ("sub"),
/// one of ICB values ("icb"), or the start of the first problem.
#[rustfmt::skip]
const SUB_ICB: &[(&str, &str)] = &[
    ("Sub ICB Location Code,Count,Denominator\n", "none of the rows is a sub-ICB location of July 2022, April 2024 and April 2026, so nothing was imported"),
    ("Sub ICB Location Code\nW2U3Z\n", "line 1: the rows are sub-ICB locations, and sub-ICB rates cannot be added up into ICB rates: the file needs a Count"),
    ("Sub ICB Location Code,Count,Denominator\nW2U3Z\n", "none of the rows is a sub-ICB location of July 2022, April 2024 and April 2026, so nothing was imported"),
    ("Area Code,Count,Denominator\nE38000256,1e308,1e308\nE38000240,1e308,1\n",
        "line 2, column \"Count\": the number is too large to add up exactly: counts and denominators must be below 1,000,000,000,000,000"),
    ("Area Code,Count,Denominator\nE38000256,1e400,1\n", "line 2, column \"Count\": \"1e400\" is not a number"),
    ("Area Code,Count,Denominator\nE38000256,-0,0\nE38000240,0,0\n", "sub"),
    ("Area Code,Value,Count,Denominator\nE38000256,1e400,1,2\n", "line 2, column \"Value\": \"1e400\" is not a number"),
    ("Area Code,Value,Count,Denominator\nE38000256,NaN,1,2\n", "line 2, column \"Value\": \"NaN\" is not a number"),
    ("Area Code,Value,Count,Denominator\nE38000256,0.000000000000000000001,1,100000000000000\n", "sub"),
    ("Area Code,Value,Count,Denominator\nE38000256,50.00000000000000000000000001,1,2\n", "sub"),
    ("Area Name,Count,Denominator\n - ,1,2\n(,1,2\n)(,1,2\nNHS  ICB - ,1,2\n-,1,2\n", "line 1: no column of values: expected a column named Value"),
    ("Area Name,Count,Denominator\nNHS Frimley ICB - D4U1Y - D4U1Y,1,2\nＷ２Ｕ３Ｚ,1,2\n", "sub"),
    ("Area Code,Area Name,Count,Denominator\nE38000256,NHS Frimley ICB - D4U1Y,1,2\n92A,NHS Surrey and Sussex ICB - 92A,1,2\n", "sub"),
    ("Area Code,Count,Denominator,Time period\nE38000256,1,2,\nE38000256,1,2,2024\nE38000256,1,2,2024\n",
        "line 2, column \"Time period\": the period is empty or longer than 40 characters: give every row its period"),
    ("Area Code,Count,Denominator\nE92000001,1,2\nE38000256,,\n", "line 1: no column of values: expected a column named Value"),
    ("Area Code,Count,Count,Denominator\nE38000256,1,1,2\n", "line 1: two columns are called \"Count\" (columns 2 and 3): rename or delete one"),
    ("Area Code,Area Type,Count,Denominator\nE38000256,Sub-ICBs,1,2\nE54000057,ICBs,1,2\nE40000010,NHS region,1,2\nzzz,Sub-ICBs,1,2\n",
        "line 1: no column of values: expected a column named Value"),
    ("[{\"Area Code\":\"E38000256\",\"Count\":1,\"Denominator\":2},{\"Area Code\":\"92A\",\"Count\":[1],\"Denominator\":{}}]", "sub"),
    ("{\"W2U3Z\": 1, \"93C\": 2}", "line 1: the rows are sub-ICB locations, and sub-ICB rates cannot be added up into ICB rates"),
    ("Area Code,Count,Denominator\nE38000264,1,2\nE38000265,1,2\nE38000252,1,2\nE38000253,1,2\n", "sub"),
    ("Area Code,Count,Denominator\nE38000268,1,2\nE38000246,1,2\n",
        "line 3, column \"Area Code\": \"E38000246\" is a sub-ICB location of July 2022, but the file's other rows are locations of April 2026"),
    ("ICB code,Value\nD7T5G,1\nQNQ,2\n", "icb"),
    ("ICB code,Value\nQRL,1\n", "icb"),
    ("ICB code,Value\nE54000042,1\nE54000067,2\n", "icb"),
    ("MANY", "line 22, column \"Indicator Name\": more than 20 indicators in one file: split it"),
    ("LONG", "line 1: no column of values: expected a column named Value"),
];

/// Each file above on both area sets gives what the table says; the sums are finite; and the page takes them,
/// switching boundaries, without an error, saying whether the file was imported.
#[test]
fn sub_icb_imports() {
    let ds = shipped();
    let places = import::Places::new(ds);
    let frames = [ds.default_frame(0).unwrap(), ds.default_frame(1).unwrap()];
    // 25 indicators (the 21st, on line 22, is one too many); a name of 600 bytes.
    let many: String = (0..25).map(|k| format!("I{k},E38000256,1,2\n")).collect();
    let many = format!("Indicator Name,Area Code,Count,Denominator\n{many}");
    let long = format!("Area Name,Count,Denominator\n{} - 15E,1,2\n", "é".repeat(300));
    let text = |t: &'static str| match t {
        "MANY" => many.as_str(),
        "LONG" => long.as_str(),
        t => t,
    };
    for f in &frames {
        for &(t, want) in SUB_ICB {
            let t = text(t);
            let imp = match import::import_in("x.csv", t, f, &places, &[]) {
                Err(p) => {
                    assert!(p[0].to_string().starts_with(want), "{} {t:?}: {}", f.set.id, p[0]);
                    continue;
                }
                Ok(imp) => imp,
            };
            let shape = match (imp.indicators.len(), imp.sub_icb.len()) {
                (1, 0) => "icb",
                (0, 1) => "sub",
                other => panic!("{t:?}: {other:?}"),
            };
            assert_eq!(shape, want, "{} {t:?}", f.set.id);
            for s in &imp.sub_icb {
                for set in 0..3 {
                    let summed = s.sum(&places, set);
                    let all = summed.counts.iter().chain(&summed.denominators).flatten().flatten().chain(summed.england_count.iter().flatten());
                    assert!(all.copied().all(f64::is_finite), "{t:?}");
                }
                let mut e = ics_engine::Engine::new(f.clone());
                let k = e.add_sub_icb("user_1", "x.csv", s, &places);
                let ind = e.catalogue().indicators[k].clone();
                let v = e.values_at(&ind, 0);
                assert!(v.icss.iter().filter_map(|x| x.value).all(f64::is_finite), "{t:?}");
                // Even on an area set that does not exist (7): the two measures, one period each, no panic.
                let [count, denominator] = import::ratio_measures(s, &s.sum(&places, 7), "user_1", 0, 7);
                assert_eq!((count.id.as_str(), denominator.id.as_str()), ("user_1_count", "user_1_denominator"));
                assert_eq!((count.values.len(), denominator.values.len()), (s.periods.len(), s.periods.len()));
            }
        }
    }
    let mut st = State::new(ds.clone(), Options::default()).unwrap();
    for &(t, want) in SUB_ICB {
        let t = text(t);
        ui::update(&mut st, Msg::ImportLoaded("x.csv".into(), t.to_string()));
        ui::update(&mut st, Msg::SetImportMultiplier("1e3".into()));
        ui::update(&mut st, Msg::ApplyImportFixes);
        for g in ["icb22", "icb26"] {
            ui::update(&mut st, Msg::SetGeography(g.into()));
            assert!(st.result.is_ok(), "{t:?}: {:?}", st.result.as_ref().err());
            let imported = matches!(st.import, ImportStatus::Done(_));
            assert_eq!(imported, want == "sub" || want == "icb", "{g} {t:?}: {:?}", st.import);
            assert!(ui::view(&st).to_markup().contains("x.csv"), "{g} {t:?}: the page names the file");
        }
    }
}
