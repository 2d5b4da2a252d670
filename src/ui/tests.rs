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

#[test]
fn the_deprivation_fit_leaves_flagged_values_out_unless_asked_and_the_link_keeps_the_choice() {
    let mut st = state();
    update(&mut st, Msg::SetIndicator("rtt_waiting_list_per_1000".into()));
    update(&mut st, Msg::SetView(View::Scatter));
    let sy = st.engine.ics("QF7").unwrap();
    let fit = st.result.as_ref().unwrap().fit.clone().unwrap();
    // March 2026: South Yorkshire's list is on the level a −40% step in July 2025 put it on (a break), so it is
    // left out of the fit and of the call-outs, and the chart says so.
    assert!(fit.points.iter().all(|p| p.ics != sy));
    assert_eq!(fit.left_out.iter().map(|l| l.ics).collect::<Vec<_>>(), [sy]);
    let html = view(&st).to_markup();
    let better = |html: &str| -> String {
        let from = &html[html.find("Better than deprivation predicts").unwrap()..];
        from[..from.find("</p>").unwrap()].to_string()
    };
    assert!(!better(&html).contains("South Yorkshire"), "{}", better(&html));
    assert!(html.contains("Left out of the fit: South Yorkshire (break in the series)"), "{html:.300}");
    // Ticking the option puts it back, where its drop made it "better than deprivation predicts".
    update(&mut st, Msg::ToggleIncludeFlagged);
    let fit = st.result.as_ref().unwrap().fit.clone().unwrap();
    assert!(fit.points.iter().any(|p| p.ics == sy) && fit.left_out.is_empty());
    let html = view(&st).to_markup();
    assert!(better(&html).contains("South Yorkshire"), "{}", better(&html));
    assert!(html.contains("Flagged values are included in the fit, as you asked."));
    let hash = url::to_hash(&st);
    assert!(hash.contains("fl=1"), "{hash}");
    let mut other = state();
    update(&mut other, Msg::HashChanged(format!("#{hash}")));
    assert!(other.include_flagged && other.notices.is_empty(), "{:?}", other.notices);
    assert_eq!(url::to_hash(&other), hash);
}

#[test]
fn caveats_name_only_the_icss_they_affect_and_only_for_the_periods_shown() {
    let mut st = state();
    update(&mut st, Msg::SetIndicator("rtt_waiting_list".into()));
    update(&mut st, Msg::SelectIcs("QHL".into()));
    update(&mut st, Msg::SetView(View::Trends));
    let html = view(&st).to_markup();
    // The RTT note about Frimley and Manchester trusts is on England's line for Oct–Dec 2022: it names the ICSs the
    // source says it affects, not the selected one, and its months.
    assert!(!html.contains("Affects: Birmingham and Solihull"), "{html:.300}");
    assert!(html.contains("Data quality notes for the periods shown"));
    assert!(html.contains("(mainly affects QNQ Frimley and QOP Greater Manchester) Affects: Frimley, Greater Manchester and England. Periods: Oct 2022 to Nov 2022."), "{}", notes_box(&html));
    // A single-period view lists only that period's notes: March 2026 has South Yorkshire's break, not 2022's notes.
    update(&mut st, Msg::SetView(View::Rankings));
    let html = view(&st).to_markup();
    let notes = notes_box(&html);
    assert!(notes.contains("Data quality notes for Mar 2026") && notes.contains("Break in the series: South Yorkshire") && notes.contains("Affects: South Yorkshire."), "{notes}");
    assert!(!notes.contains("2022"), "{notes}");
    // The profile lists the caveats on its ICS's values: South Yorkshire's waiting list figures are after its break.
    update(&mut st, Msg::SelectIcs("QF7".into()));
    update(&mut st, Msg::SetView(View::Profile));
    let notes = notes_box(&view(&st).to_markup());
    assert!(notes.contains("Data quality notes for this ICS&#39;s values") && notes.contains("Break in the series: South Yorkshire"), "{notes}");
    // About the data states the rule and lists every break the build found.
    update(&mut st, Msg::SetView(View::About));
    let html = view(&st).to_markup();
    assert!(html.contains("a move more than 25% up or 20% down beyond it is a break") && html.contains("Breaks found (5):"), "{html:.300}");
    assert!(html.contains("South Yorkshire&#39;s waiting list went from 194,616 in Jun 2025 to 116,534 in Jul 2025"));
}

fn notes_box(html: &str) -> String {
    html.find("ics-flags").map(|k| html[k..].chars().take(4000).collect()).unwrap_or_default()
}

#[test]
fn the_default_period_is_the_latest_with_all_but_two_icss_and_says_who_has_no_data() {
    let mut st = state();
    update(&mut st, Msg::SetIndicator("discharged_same_day_pct".into()));
    let html = view(&st).to_markup();
    assert!(html.contains(">Default: Aug 2025 (latest with unflagged values for 41 of 42 ICSs)</option>"), "{html:.2000}");
    assert!(html.contains("No data for Cambridgeshire and Peterborough in Aug 2025"));
    assert!(!html.contains("Latest complete"));
    update(&mut st, Msg::SetIndicator("ae_4hr_pct".into()));
    assert!(view(&st).to_markup().contains(">Default: Jul 2025 (latest, all 42 ICSs)</option>"));
}

#[test]
fn changes_in_percentages_are_in_percentage_points_and_the_profile_explains_its_two_populations() {
    let mut st = state();
    update(&mut st, Msg::SetIndicator("ae_4hr_pct".into()));
    update(&mut st, Msg::SelectIcs("QHL".into()));
    update(&mut st, Msg::SetView(View::Trends));
    let html = view(&st).to_markup();
    assert!(html.contains(" percentage points, or "), "{}", &html[html.find("ics-callout").unwrap_or(0)..].chars().take(600).collect::<String>());
    // "Change since" starts after South Yorkshire's break, and says so.
    update(&mut st, Msg::SetIndicator("rtt_waiting_list".into()));
    update(&mut st, Msg::SelectIcs("QF7".into()));
    let html = view(&st).to_markup();
    assert!(html.contains(">First comparable period (Jul 2025)</option>"));
    assert!(html.contains("From Jul 2025 to Mar 2026, South Yorkshire went from 116,534 to 104,678: a change of −11,856 pathways, or −10.2% of the Jul 2025 value. The series breaks in Jul 2025"), "{html:.200}");
    update(&mut st, Msg::SelectIcs("QHL".into()));
    update(&mut st, Msg::SetView(View::Profile));
    let html = view(&st).to_markup();
    // Birmingham and Solihull: 1,358,012 residents (ONS mid-2020) and 1,577,949 projected for 2022/23 (NHS England
    // allocations): 16.2% more (England: 61,498,822 against 56,550,138, 8.8%).
    for part in ["Two population figures", "1,358,012 residents (mid-2020)", "1,577,949 people, projected for 2022/23", "The projection is 16.2% higher than the resident estimate (England: 8.8%)"] {
        assert!(html.contains(part), "{part}");
    }
}

