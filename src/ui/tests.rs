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
        ImportStatus::Done(d) => {
            assert_eq!(d.added, vec![("big".to_string(), st.indicator)]);
            assert!(d.warnings[0].contains("no value for 40 of 42 ICSs"), "{:?}", d.warnings);
        }
        other => panic!("{other:?}"),
    }
    // A second import gets its own id; a file too large is refused before reading.
    update(&mut st, Msg::ImportLoaded("b.json".into(), "{\"QOP\": 1}".into()));
    assert_eq!(st.engine.dataset().indicators[st.indicator].id, "user_2");
    update(&mut st, Msg::ImportStart("huge.csv".into(), 1.0e9));
    assert!(matches!(&st.import, ImportStatus::Failed { problems, .. } if problems[0].contains("larger than 30 MB")));
}

/// A table as saved from a spreadsheet: a title row, percentages, a suppressed cell and a misspelt ICS.
const SPREADSHEET: &str = "Smoking prevalence by ICB\nICB,Value\nGreater Manchester,14.3%\nCheshire and Merseyside,*\nManchster,9.9%\n";

fn imported() -> State {
    let mut st = state();
    update(&mut st, Msg::ImportLoaded("smoking.csv".into(), SPREADSHEET.into()));
    assert!(matches!(st.import, ImportStatus::Done(_)), "{:?}", st.import);
    st
}

/// The "Add your own data" panel of a rendered page.
fn panel(html: &str) -> &str {
    let start = html.find("<details class=\"ics-import\"").unwrap_or(0);
    let end = html[start..].find("</details>").map_or(html.len(), |e| start + e);
    &html[start..end]
}

fn value_of(st: &State, code: &str) -> Option<f64> {
    st.result.as_ref().unwrap().comparison.rows[st.engine.ics(code).unwrap()].value.value
}

#[test]
fn unmatched_rows_are_listed_and_can_be_assigned_or_left_out() {
    let mut st = imported();
    let html = view(&st).to_markup();
    let html = panel(&html);
    assert!(html.contains("<legend class=\"ics-label\">1 row did not match an ICS and was left out</legend>"), "{html}");
    assert!(html.contains("<label class=\"ics-label\" for=\"ics-fix-5\">Line 5: “Manchster” (value 9.9%)</label>"));
    assert!(html.contains("<optgroup label=\"Closest matches\"><option value=\"5:QOP\">Greater Manchester</option></optgroup><optgroup label=\"Other ICSs\">"));
    assert!(html.contains("<option value=\"5:england\">England (the comparator)</option>"));
    // Choices for lines that are not listed, or not choices at all, change nothing.
    for bogus in ["abc", "99:QOP", ":QOP", "5"] {
        update(&mut st, Msg::ChooseImportFix(bogus.into()));
    }
    assert!(matches!(&st.import, ImportStatus::Done(d) if d.choices.is_empty()));
    // A choice that gives an ICS a second value is refused with the reason; the indicator is unchanged.
    update(&mut st, Msg::ChooseImportFix("5:QOP".into()));
    assert!(view(&st).to_markup().contains("Select “Update the indicator” to use your choices."));
    update(&mut st, Msg::ApplyImportFixes);
    let html = view(&st).to_markup();
    let html = panel(&html);
    assert!(html.contains("<li>line 5: you chose Greater Manchester for this row, but line 3 already gives a value for Greater Manchester: choose another area or leave the row out</li>"), "{html}");
    assert_eq!((value_of(&st, "QOP"), value_of(&st, "QJK")), (Some(14.3), None));
    // Another ICS: the row is imported into the same indicator.
    let k = st.indicator;
    update(&mut st, Msg::ChooseImportFix("5:QJK".into()));
    update(&mut st, Msg::ApplyImportFixes);
    assert_eq!((st.indicator, value_of(&st, "QJK")), (k, Some(9.9)));
    let html = view(&st).to_markup();
    let html = panel(&html);
    assert!(html.contains("Updated: 1 row is now included; any others are left out."), "{html}");
    assert!(html.contains("<option value=\"5:QJK\" selected=\"selected\">Devon</option>"));
    assert!(!html.contains("could not be used"));
    // Left out again.
    update(&mut st, Msg::ChooseImportFix("5:".into()));
    update(&mut st, Msg::ApplyImportFixes);
    assert_eq!(value_of(&st, "QJK"), None);
    assert_eq!(st.engine.dataset().indicators.len(), k + 1, "updated, not added");
}

#[test]
fn a_file_where_nothing_matches_is_refused_with_the_reason() {
    let mut st = state();
    update(&mut st, Msg::ImportLoaded("places.csv".into(), "ICB,Value\nAtlantis,1\nLyonesse,2\n".into()));
    let html = view(&st).to_markup();
    let html = panel(&html);
    assert!(html.contains("<h3>places.csv could not be imported</h3>"), "{html}");
    assert!(html.contains("<li>none of the rows is for one of the 42 ICBs (July 2022), so nothing was imported"), "{html}");
    assert!(!html.contains("ics-import__unmatched"));
}

#[test]
fn no_data_bars_can_be_hidden_and_the_table_says_how_many() {
    let mut st = state();
    assert!(!view(&st).to_markup().contains("Hide ICSs with no data"), "no toggle when every ICS has a value");
    let mut st2 = imported();
    let html = view(&st2).to_markup();
    assert!(html.contains("<button type=\"button\" class=\"ics-toggle\" aria-pressed=\"false\">Hide ICSs with no data</button>"));
    assert_eq!(html.matches("data-item=\"\"").count(), 42);
    update(&mut st2, Msg::SetHideMissing(true));
    let html = view(&st2).to_markup();
    assert_eq!(html.matches("data-item=\"\"").count(), 1);
    assert!(html.contains("<caption>Smoking prevalence by ICB (%), as supplied, by ICS. 41 ICSs with no data are hidden</caption>"), "{html}");
    assert!(html.contains("<button type=\"button\" class=\"ics-toggle\" aria-pressed=\"true\">Hide ICSs with no data</button>"));
    // A view setting: it is in the link.
    assert_eq!(url::to_hash(&st2), "i=user_1&nd=hide");
    update(&mut st, Msg::HashChanged("#nd=hide".into()));
    assert!(st.hide_missing && st.notices.is_empty());
    assert_eq!(url::to_hash(&st), "nd=hide");
}

#[test]
fn the_imported_indicator_is_renamed_and_given_a_unit_in_every_view_and_download() {
    let mut st = imported();
    let html = view(&st).to_markup();
    assert!(html.contains("id=\"ics-user-unit\" type=\"text\" maxlength=\"60\" spellcheck=\"true\" value=\"%\""), "the % signs suggest the unit: {html}");
    update(&mut st, Msg::SetUserName("Adults who smoke".into()));
    update(&mut st, Msg::SetUserUnit("% of adults".into()));
    let html = view(&st).to_markup();
    assert!(html.contains("<option value=\"user_1\" selected=\"selected\">Adults who smoke</option>"));
    assert!(html.contains("<h2 id=\"ics-view-title\" class=\"ics-view__title\">Adults who smoke, as supplied</h2>"), "{html}");
    assert!(html.contains("<caption>Adults who smoke (% of adults), as supplied, by ICS</caption>"));
    assert!(html.contains("<dt>Unit</dt><dd>% of adults</dd>"));
    for v in [View::Map, View::Scatter, View::Trends] {
        update(&mut st, Msg::SetView(v));
        assert!(view(&st).to_markup().contains("Adults who smoke"), "{v:?}");
    }
    update(&mut st, Msg::SetView(View::Rankings));
    match update(&mut st, Msg::Download(Download::Csv)) {
        Some(Effect::Save { content, .. }) => assert!(content.starts_with("ICS,NHS region,Value (% of adults),"), "{content:.100}"),
        other => panic!("{other:?}"),
    }
    match update(&mut st, Msg::Download(Download::Svg)) {
        Some(Effect::Save { content, .. }) => assert!(content.contains(">Adults who smoke, as supplied</text>"), "{content:.300}"),
        other => panic!("{other:?}"),
    }
    // Cleared while typing: the field says what to do, and everything else keeps the last name.
    update(&mut st, Msg::SetUserName(" ".into()));
    let html = view(&st).to_markup();
    assert!(html.contains("<span class=\"ics-field__error\" id=\"ics-user-name-error\">Enter a name for the indicator</span>"));
    assert!(html.contains("value=\" \" aria-describedby=\"ics-user-name-hint ics-user-name-error\""));
    assert!(html.contains("<h2 id=\"ics-view-title\" class=\"ics-view__title\">Adults who smoke, as supplied</h2>"));
    // Long or odd text is tidied; shipped indicators cannot be renamed.
    update(&mut st, Msg::SetUserName(format!("a\u{0}{}", "b".repeat(500))));
    assert_eq!(st.engine.dataset().indicators[st.indicator].name.chars().count(), 120);
    update(&mut st, Msg::SetIndicator("population".into()));
    update(&mut st, Msg::SetUserName("Mine".into()));
    assert_eq!(st.engine.dataset().indicators[st.indicator].name, "Population (projected 2022/23)");
    // Fixing rows later keeps the name and unit.
    update(&mut st, Msg::SetIndicator("user_1".into()));
    update(&mut st, Msg::ChooseImportFix("5:QJK".into()));
    update(&mut st, Msg::ApplyImportFixes);
    let ind = &st.engine.dataset().indicators[st.indicator];
    assert_eq!((ind.name.starts_with("ab"), ind.unit.as_str()), (true, "% of adults"));
}

#[test]
fn the_template_downloads_from_the_import_panel() {
    let mut st = state();
    assert!(view(&st).to_markup().contains(">Download a template (CSV)</button>"));
    match update(&mut st, Msg::DownloadTemplate) {
        Some(Effect::Save { filename, mime, content }) => {
            assert_eq!((filename.as_str(), mime), ("ics-explorer-template.csv", "text/csv;charset=utf-8"));
            assert_eq!(content.lines().count(), 43);
        }
        other => panic!("{other:?}"),
    }
}
