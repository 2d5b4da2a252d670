//! Inputs that once broke (or nearly broke) the parsers of outside data, kept as tests. `scripts/fuzz.sh` runs
//! cargo-fuzz on the same entry points; add each crash it finds here, with the fix.

use ics_data::dataset::{self, codec, PeriodKind};
use ics_data::testdata::shipped;
use ics_engine::import::{self, Target};
use ics_ui::{self as ui, Msg, Options, State};

/// Hostile hashes through the whole page: apply, render every view, round-trip.
#[test]
fn url_hashes() {
    let mut st = State::new(shipped().clone(), Options::default()).unwrap();
    let cases = [
        "",
        "#",
        "&&&",
        "=",
        "%",
        "%%",
        "%e2%82",
        "v=profile&s=",
        "i=population&p=",
        "ri=population&rmin=-0&rmax=-0",
        "k=18446744073709551616",
        "rmin=1e308&rmax=-1e308&ri=population",
        "b=2022/23&i=population",
        "i=hi_overall&p=2015&v=trends&s=QOP",
        "v=map&r=Y56&pop=over_2m&dep=low",
        "s=e54000057&v=profile&all=1&pb=core20_score&k=15&lp=1&pr=1",
        "g=icb22&imd=2025&s=QNQ",
        "g=icb26&imd=2019",
        "g=nope&imd=1999",
        "imd=%ff",
        "g=icb22&s=QNQ&v=profile",
        "g=icb26&s=Z9B2Z&v=trends",
    ];
    let long = "a=".repeat(5000);
    for h in cases.iter().copied().chain([long.as_str()]) {
        ui::update(&mut st, Msg::HashChanged(h.to_string()));
        for v in ["rankings", "deprivation", "scatter", "map", "trends", "profile", "about"] {
            ui::update(&mut st, Msg::HashChanged(format!("{h}&v={v}")));
            let _ = ui::view(&st).to_markup();
        }
        let round = ui::url::to_hash(&st);
        ui::update(&mut st, Msg::HashChanged(round.clone()));
        assert_eq!(ui::url::to_hash(&st), round, "{h:.40}");
    }
}

#[test]
fn parsers_and_codecs() {
    let nested = "[".repeat(10_000);
    for t in [nested.as_str(), "\"\\ud800\"", "{\"a\":1,\"a\":1}", "-", "1e-400", "0.0000000000000000000000001"] {
        let _ = ics_data::json::parse(t);
        let _ = dataset::load(t);
        let _ = ics_data::csv::Table::parse(t);
    }
    for (p, n, text) in [(codec::Packing::U24, 65535, "AAAA"), (codec::Packing::DeltaVarint, 0, ""), (codec::Packing::U4, 3, "////")] {
        let _ = codec::decode_column(text, p, n);
    }
    for s in ["9999-99", "0000/01", "2022-1", "2022/2"] {
        for k in [PeriodKind::Month, PeriodKind::FinancialYear, PeriodKind::Year, PeriodKind::Label] {
            let _ = dataset::period_is_valid(k, s);
            let _ = ics_data::format::period(k, s);
        }
    }
    assert_eq!(ics_data::format::number(1e300, 2), "very large");
}

#[test]
fn imports() {
    let ds = shipped().default_frame(1).unwrap();
    let cases = [
        "Area Code,Value\n",
        "Value\n1\n",
        "Area Code,Value,Time period\nQOP,1,\n",
        "Area Code,Value,Time period\nQOP,1,x\nQOP,2,y\nQOP,3,x\n",
        "[]",
        "{}",
        "[1,2]",
        "[{\"code\":[1]}]",
        "{\"QOP\":{\"a\":1}}",
        "code,value\nQOP,1e400\n",
        "code,value,lower,upper\nQOP,5,6,4\n",
        ",,,\n,,,\n",
        "\n\n\nICB,Value\n",
        "a\nb\nc\n",
        "ICB,Value\nQOP,£\n",
        "ICB,Value\nQOP,%\n",
        "ICB,Value\nQOP,−\n",
        "ICB,Value\nQOP,+\n",
        "ICB,Value\nQOP,1,,,\n",
        "ICB,Value,\nQOP,1,\n",
        "ICB,Value\n,1\nÉ,2\nÀB,3\n",
        "ICB,Value\nQOP,1\nNotes\n,,,,,,\nx,y,z\n",
        "ICB,Value\nQOP,\"1,,2\"\n",
        "ICB,ICB,Value\nQOP,QOP,1\n",
        "Title\nICB,Value\nQOP,1\nQYG,2,3\n",
        "ICB,Value\nQOP,1\nÅÅ ÉÉ,2\nn w l,3\n",
    ];
    let fixes = [(0, Target::Ics(usize::MAX)), (2, Target::England), (3, Target::Ics(0)), (4, Target::Ics(0))];
    for t in cases {
        let _ = import::import("x.csv", t, &ds);
        let _ = import::import_with("x.csv", t, &ds, &fixes);
    }
    for w in ["", "é", "ÉÉÉ", "n w", "a b c d e f", "Q", "E54", "—", "\u{0}\u{0}"] {
        let _ = import::closest(&ds, w);
    }
}

/// Files of sub-ICB locations, odd and hostile, on both area sets: an import or problems, never a panic; sums
/// that are finite; and the page takes them, switching boundaries, without an error.
#[test]
fn sub_icb_imports() {
    let ds = shipped();
    let places = import::Places::new(ds);
    let frames = [ds.default_frame(0).unwrap(), ds.default_frame(1).unwrap()];
    let many: String = (0..25).map(|k| format!("I{k},E38000256,1,2\n")).collect();
    let many = format!("Indicator Name,Area Code,Count,Denominator\n{many}");
    let long = format!("Area Name,Count,Denominator\n{} - 15E,1,2\n", "é".repeat(300));
    let cases: Vec<&str> = vec![
        "Sub ICB Location Code,Count,Denominator\n",
        "Sub ICB Location Code\nW2U3Z\n",
        "Sub ICB Location Code,Count,Denominator\nW2U3Z\n",
        "Area Code,Count,Denominator\nE38000256,1e308,1e308\nE38000240,1e308,1\n",
        "Area Code,Count,Denominator\nE38000256,1e400,1\n",
        "Area Code,Count,Denominator\nE38000256,-0,0\nE38000240,0,0\n",
        "Area Code,Value,Count,Denominator\nE38000256,1e400,1,2\n",
        "Area Code,Value,Count,Denominator\nE38000256,NaN,1,2\n",
        "Area Code,Value,Count,Denominator\nE38000256,0.000000000000000000001,1,100000000000000\n",
        "Area Code,Value,Count,Denominator\nE38000256,50.00000000000000000000000001,1,2\n",
        "Area Name,Count,Denominator\n - ,1,2\n(,1,2\n)(,1,2\nNHS  ICB - ,1,2\n-,1,2\n",
        "Area Name,Count,Denominator\nNHS Frimley ICB - D4U1Y - D4U1Y,1,2\nＷ２Ｕ３Ｚ,1,2\n",
        "Area Code,Area Name,Count,Denominator\nE38000256,NHS Frimley ICB - D4U1Y,1,2\n92A,NHS Surrey and Sussex ICB - 92A,1,2\n",
        "Area Code,Count,Denominator,Time period\nE38000256,1,2,\nE38000256,1,2,2024\nE38000256,1,2,2024\n",
        "Area Code,Count,Denominator\nE92000001,1,2\nE38000256,,\n",
        "Area Code,Count,Count,Denominator\nE38000256,1,1,2\n",
        "Area Code,Area Type,Count,Denominator\nE38000256,Sub-ICBs,1,2\nE54000057,ICBs,1,2\nE40000010,NHS region,1,2\nzzz,Sub-ICBs,1,2\n",
        "[{\"Area Code\":\"E38000256\",\"Count\":1,\"Denominator\":2},{\"Area Code\":\"92A\",\"Count\":[1],\"Denominator\":{}}]",
        "{\"W2U3Z\": 1, \"93C\": 2}",
        "Area Code,Count,Denominator\nE38000264,1,2\nE38000265,1,2\nE38000252,1,2\nE38000253,1,2\n",
        "Area Code,Count,Denominator\nE38000268,1,2\nE38000246,1,2\n",
        "ICB code,Value\nD7T5G,1\nQNQ,2\n",
        "ICB code,Value\nQRL,1\n",
        "ICB code,Value\nE54000042,1\nE54000067,2\n",
        many.as_str(),
        long.as_str(),
    ];
    for f in &frames {
        for t in &cases {
            let Ok(imp) = import::import_in("x.csv", t, f, &places, &[]) else { continue };
            for s in &imp.sub_icb {
                for set in 0..3 {
                    let summed = s.sum(&places, set);
                    let all = summed.counts.iter().chain(&summed.denominators).flatten().flatten().chain(summed.england_count.iter().flatten());
                    assert!(all.copied().all(f64::is_finite), "{t:?}");
                }
                let mut e = ics_engine::Engine::new(f.clone());
                let k = e.add_sub_icb("user_1", "x.csv", s, &places);
                let ind = e.frame().indicators[k].clone();
                let v = e.values_at(&ind, 0);
                assert!(v.icss.iter().filter_map(|x| x.value).all(f64::is_finite), "{t:?}");
                ics_engine::import::ratio_measures(s, &s.sum(&places, 7), "user_1", 0, 7);
            }
        }
    }
    let mut st = State::new(ds.clone(), Options::default()).unwrap();
    for t in &cases {
        ui::update(&mut st, Msg::ImportLoaded("x.csv".into(), t.to_string()));
        ui::update(&mut st, Msg::SetImportMultiplier("1e3".into()));
        ui::update(&mut st, Msg::ApplyImportFixes);
        for g in ["icb22", "icb26"] {
            ui::update(&mut st, Msg::SetGeography(g.into()));
            assert!(st.result.is_ok(), "{t:?}: {:?}", st.result.as_ref().err());
            let _ = ui::view(&st).to_markup();
        }
    }
}
