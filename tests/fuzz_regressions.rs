//! Inputs that once broke (or nearly broke) the parsers of outside data, kept as tests. `scripts/fuzz.sh` runs
//! cargo-fuzz on the same entry points; add each crash it finds here, with the fix.

use ics_explorer::dataset::{self, codec, PeriodKind};
use ics_explorer::import::{self, Target};
use ics_explorer::ui::{self, Msg, Options, State};

const SHIPPED: &str = include_str!("../www/data/dataset.json");

/// Hostile hashes through the whole page: apply, render every view, round-trip.
#[test]
fn url_hashes() {
    let mut ds = dataset::load(SHIPPED).unwrap();
    ds.load_edition(include_str!("../www/data/imd2019.json")).unwrap();
    let mut st = State::new(ds, Options::default()).unwrap();
    let cases = [
        "", "#", "&&&", "=", "%", "%%", "%e2%82", "v=profile&s=", "i=population&p=", "ri=population&rmin=-0&rmax=-0",
        "k=18446744073709551616", "rmin=1e308&rmax=-1e308&ri=population", "b=2022/23&i=population", "i=hi_overall&p=2015&v=trends&s=QOP",
        "v=map&r=Y56&pop=over_2m&dep=low", "s=e54000057&v=profile&all=1&pb=core20_score&k=15&lp=1&pr=1",
        "g=icb22&imd=2025&s=QNQ", "g=icb26&imd=2019", "g=nope&imd=1999", "imd=%ff", "g=icb22&s=QNQ&v=profile", "g=icb26&s=Z9B2Z&v=trends",
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
        let _ = ics_explorer::json::parse(t);
        let _ = dataset::load(t);
        let _ = ics_explorer::csv::Table::parse(t);
    }
    for (p, n, text) in [(codec::Packing::U24, 65535, "AAAA"), (codec::Packing::DeltaVarint, 0, ""), (codec::Packing::U4, 3, "////")] {
        let _ = codec::decode_column(text, p, n);
    }
    for s in ["9999-99", "0000/01", "2022-1", "2022/2"] {
        for k in [PeriodKind::Month, PeriodKind::FinancialYear, PeriodKind::Year, PeriodKind::Label] {
            let _ = dataset::period_is_valid(k, s);
            let _ = ics_explorer::format::period(k, s);
        }
    }
    assert_eq!(ics_explorer::format::number(1e300, 2), "very large");
}

#[test]
fn imports() {
    let ds = dataset::load(SHIPPED).unwrap().default_frame(1).unwrap();
    let cases = [
        "Area Code,Value\n", "Value\n1\n", "Area Code,Value,Time period\nQOP,1,\n", "Area Code,Value,Time period\nQOP,1,x\nQOP,2,y\nQOP,3,x\n",
        "[]", "{}", "[1,2]", "[{\"code\":[1]}]", "{\"QOP\":{\"a\":1}}", "code,value\nQOP,1e400\n", "code,value,lower,upper\nQOP,5,6,4\n",
        ",,,\n,,,\n", "\n\n\nICB,Value\n", "a\nb\nc\n", "ICB,Value\nQOP,£\n", "ICB,Value\nQOP,%\n", "ICB,Value\nQOP,−\n", "ICB,Value\nQOP,+\n",
        "ICB,Value\nQOP,1,,,\n", "ICB,Value,\nQOP,1,\n", "ICB,Value\n,1\nÉ,2\nÀB,3\n", "ICB,Value\nQOP,1\nNotes\n,,,,,,\nx,y,z\n", "ICB,Value\nQOP,\"1,,2\"\n",
        "ICB,ICB,Value\nQOP,QOP,1\n", "Title\nICB,Value\nQOP,1\nQYG,2,3\n", "ICB,Value\nQOP,1\nÅÅ ÉÉ,2\nn w l,3\n",
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
