//! The page logic, natively: every view renders from the real dataset, messages change the state as a user
//! expects, the URL hash round-trips, and hostile hashes leave a valid state with notices.

use super::*;
use crate::engine::query::View;

fn state() -> State {
    let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/dataset.json")).unwrap();
    State::new(Engine::new(crate::dataset::load(&json).unwrap()), Options::default())
}

#[test]
fn every_view_renders_with_and_without_a_selection() {
    let mut st = state();
    for selected in ["", "QOP"] {
        update(&mut st, Msg::SelectIcs(selected.into()));
        for v in View::ALL {
            update(&mut st, Msg::SetView(v));
            let html = view(&st).to_markup();
            assert!(html.contains("ics-view__title"), "{v:?}");
            assert!(!html.contains("This view cannot be shown"), "{v:?}: {html:.300}");
        }
    }
}

#[test]
fn hostile_hashes_leave_a_valid_state_with_notices() {
    let hashes = [
        "#v=nope&i=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&s=ZZZ&p=1999-99&k=999&zzz=1",
        "#%%%&&&===&v&i=&s=%ff",
        "#k=0&k=16&k=-1&rmin=abc&ri=nope&b=x&dq=3&di=zzz",
        "#ri=population&rmin=1e999&rmax=--1",
        "#p=2024-03&i=population",
    ];
    for h in hashes {
        let mut st = state();
        update(&mut st, Msg::HashChanged(h.to_string()));
        assert!(st.result.is_ok(), "{h}: {:?}", st.result.as_ref().err());
        let html = view(&st).to_markup();
        assert!(!html.contains("<img"), "{h}");
        update(&mut st, Msg::DismissNotices);
        let _ = view(&st).to_markup();
    }
    let mut st = state();
    update(&mut st, Msg::HashChanged(hashes[0].into()));
    assert_eq!(st.notices.len(), 6, "{:?}", st.notices);
    assert!(st.notices[1].contains("indicator \"<img src=x onerror=alert(1)>\""));
}

#[test]
fn an_import_shows_progress_then_adds_the_indicator() {
    let mut st = state();
    update(&mut st, Msg::ImportStart("big.csv".into(), 12.0e6));
    update(&mut st, Msg::ImportProgress(0.42));
    let html = view(&st).to_markup();
    assert!(html.contains("Reading big.csv: 42%"), "{html:.200}");
    assert!(html.contains("<progress id=\"ics-import-progress\" max=\"100\" value=\"42\">"));
    update(&mut st, Msg::ImportLoaded("big.csv".into(), "ICS,Value\nDevon,3\nQOP,4.5\n".into()));
    let ind = &st.engine.dataset().indicators[st.indicator];
    assert_eq!((ind.id.as_str(), ind.name.as_str(), ind.domain), ("user_1", "big", crate::dataset::Domain::User));
    let r = st.result.as_ref().unwrap();
    assert_eq!(r.comparison.rows[st.engine.ics("QOP").unwrap()].value.value, Some(4.5));
    match &st.import {
        ImportStatus::Done { added, warnings, .. } => {
            assert_eq!(added, &vec![st.indicator]);
            assert!(warnings[0].contains("no value for 40 of 42 ICSs"), "{warnings:?}");
        }
        other => panic!("{other:?}"),
    }
    // A second import gets its own id; a file too large is refused before reading.
    update(&mut st, Msg::ImportLoaded("b.json".into(), "{\"QOP\": 1}".into()));
    assert_eq!(st.engine.dataset().indicators[st.indicator].id, "user_2");
    update(&mut st, Msg::ImportStart("huge.csv".into(), 1.0e9));
    assert!(matches!(&st.import, ImportStatus::Failed { problems, .. } if problems[0].contains("larger than 30 MB")));
}

#[test]
fn the_profile_gradients_use_local_deciles_and_say_why_an_index_is_missing() {
    let mut st = state();
    update(&mut st, Msg::SelectIcs("QHL".into()));
    update(&mut st, Msg::SetView(View::Profile));
    let html = view(&st).to_markup();
    // With national deciles the income RII was 3,258.57 (a fitted end of 0.01%).
    assert!(!html.contains("3,258.57"), "{html:.300}");
    assert!(html.contains("Most deprived tenth (local decile 1)") && html.contains("cut into ten groups with equal numbers of neighbourhoods"));
    assert!(html.contains("No relative index: the fitted line&#39;s value at the least deprived end, 0.2 (95% interval −1.6 to 2.0)"), "{}", &html[html.find("ics-table-inequality").unwrap_or(0)..].chars().take(3000).collect::<String>());
    update(&mut st, Msg::SelectIcs("QE1".into()));
    let html = view(&st).to_markup();
    assert!(!html.contains("−14.00") && !html.contains("−139.00"));
    assert!(html.contains("No relative index: the fitted line reaches −2.4 at the least deprived end"), "{}", &html[html.find("ics-table-inequality").unwrap_or(0)..].chars().take(3000).collect::<String>());
}
