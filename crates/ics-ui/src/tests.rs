//! The page logic, natively: every view renders from the real dataset, messages change the state as a user
//! expects, the URL hash round-trips, and hostile hashes leave a valid state with notices.

use super::*;
use ics_data::testdata;
use ics_engine::query::View;

/// The page on the shipped dataset with every edition loaded, on today's map (the 36 ICBs of April 2026).
pub fn today() -> State {
    State::new(testdata::shipped().clone(), Options::default()).unwrap()
}

/// The page as it starts: the core file only (IMD 2019 loads when a view needs it).
pub fn core() -> State {
    State::new(testdata::core().clone(), Options::default()).unwrap()
}

/// The page on the July 2022 map with IMD 2019: the 42 ICSs (and the figures) most of these tests check.
pub fn july_2022() -> State {
    let mut st = today();
    update(&mut st, Msg::SetGeography("icb22".into()));
    st
}

/// The message the control with this id sends on `change` with `value`, read by its handler as the web layer
/// does (None: no such control).
pub fn change(st: &State, id: &str, value: &str) -> Option<Msg> {
    fn find(n: &node::Node<Msg>, id: &str, value: &str) -> Option<Msg> {
        let node::Node::Element(e) = n else { return None };
        if e.attrs.iter().any(|(k, v)| *k == "id" && v == id) {
            return e.handlers.iter().find_map(|h| if let node::Handler::Change(f) = h { Some(f(value.to_string())) } else { None });
        }
        e.children.iter().find_map(|c| find(c, id, value))
    }
    find(&view(st), id, value)
}

pub fn state() -> State {
    july_2022()
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
        assert!(html.contains("Some of this link could not be used"), "{h}");
        update(&mut st, Msg::DismissNotices);
        assert!(!view(&st).to_markup().contains("Some of this link could not be used"), "{h}: dismissed");
    }
    let mut st = state();
    update(&mut st, Msg::HashChanged(hashes[0].into()));
    assert_eq!(st.notices.len(), 6, "{:?}", st.notices);
    assert!(st.notices[1].contains("indicator \"<img src=x onerror=alert(1)>\""));
}

#[test]
fn the_users_ics_is_never_left_out_of_a_chart_without_a_word() {
    const FILTERED: &str = "Your ICS, Greater Manchester, is not among the ICSs shown: the filters under “Filter the ICSs shown” leave it out.";
    // Greater Manchester (QOP) is in the North West; the region filter is London (Y56).
    for v in ["rankings", "deprivation", "scatter", "funnel", "map"] {
        let mut st = state();
        update(&mut st, Msg::HashChanged(format!("v={v}&s=QOP&r=Y56")));
        assert!(view(&st).to_markup().contains(FILTERED), "{v}: no word on the hidden ICS");
        update(&mut st, Msg::ResetFilters);
        assert!(!view(&st).to_markup().contains("ics-selected-hidden"), "{v}: a note after the filters were reset");
        update(&mut st, Msg::HashChanged(format!("v={v}&s=QOP&r=Y62")));
        assert!(!view(&st).to_markup().contains("ics-selected-hidden"), "{v}: a note while it is shown (North West)");
    }
    // Trends and the profile draw the user's ICS whatever the filters.
    for v in ["trends", "profile"] {
        let mut st = state();
        update(&mut st, Msg::HashChanged(format!("v={v}&s=QOP&r=Y56")));
        assert!(!view(&st).to_markup().contains("ics-selected-hidden"), "{v}");
    }
    // An ICB whose waiting list is apportioned from July 2022's, with estimates hidden.
    let mut st = state();
    update(&mut st, Msg::HashChanged("i=rtt_waiting_list&he=1&s=D7T5G".into()));
    let name = st.engine.frame().icss[st.settings.selected.expect("D7T5G is an ICB of today's map")].short_name.clone();
    let html = view(&st).to_markup();
    assert!(
        html.contains(&format!("Your ICS, {name}, is not among the ICSs shown: its value is an estimate, and “Hide estimated values” is ticked.")),
        "{html:.300}"
    );
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
    let ind = &st.engine.catalogue().indicators[st.settings.indicator];
    assert_eq!((ind.id.as_str(), ind.name.as_str(), ind.domain), ("user_1", "big", ics_data::dataset::Domain::User));
    let r = st.result.as_ref().unwrap();
    assert_eq!(r.comparison.rows[st.engine.ics("QOP").unwrap()].value.value, Some(4.5));
    match &st.import {
        ImportStatus::Done(d) => {
            assert_eq!(d.added, vec![("big".to_string(), "user_1".to_string())]);
            assert!(d.warnings[0].contains("no value for 40 of 42 ICSs"), "{:?}", d.warnings);
        }
        other => panic!("{other:?}"),
    }
    // A second import gets its own id; a file too large is refused before reading.
    update(&mut st, Msg::ImportLoaded("b.json".into(), "{\"QOP\": 1}".into()));
    assert_eq!(st.engine.catalogue().indicators[st.settings.indicator].id, "user_2");
    update(&mut st, Msg::ImportStart("huge.csv".into(), 1.0e9));
    assert!(matches!(&st.import, ImportStatus::Failed { problems, .. } if problems[0].contains("larger than 30 MB")));
}

/// Every chart as a file: the same drawing from a phone as from a desktop, at the export width, with the title
/// and subtitle above the chart and the source and licence below it, none of them overlapping it.
#[test]
fn chart_files_have_their_own_layout_and_nothing_overlaps() {
    use super::node::Node;
    for hash in [
        "",
        "v=trends&s=QHM&i=ae_4hr_pct",
        "v=scatter&s=QHM",
        "v=deprivation",
        "v=map&i=gp_fte_per_100k",
        "v=profile&s=QHL",
        "v=deprivation&dc=1&s=QHL",
        "v=map&ol=1&s=QHL",
        "i=rtt_waiting_list",
        "v=map&s=D7T5G&i=rtt_waiting_list",
        "v=funnel&i=ae_4hr_pct&s=QHM&od=tau",
        "v=trends&s=QHM&i=ae_4hr_pct&spc=1",
    ] {
        let mut st = state();
        update(&mut st, Msg::HashChanged(hash.into()));
        update(&mut st, Msg::Hover(Some(3)));
        let files: Vec<String> = [390.0, 1280.0]
            .iter()
            .map(|&w| {
                update(&mut st, Msg::Resize(w));
                let (_, doc) = view::chart_file(&st).unwrap_or_else(|| panic!("{hash}: no chart"));
                assert!(doc.width <= view::EXPORT_WIDTH + 32.0, "{hash}");
                let (top, bottom) = doc.chart_y;
                let mut inner = None;
                for child in &doc.svg.children {
                    let Node::Element(e) = child else { continue };
                    let text = child.text_content();
                    let num = |k: &str| e.get_attr(k).and_then(ics_data::format::parse_number).unwrap_or(f64::NAN);
                    match e.tag {
                        "text" => {
                            let (y, size) = (num("y"), num("font-size"));
                            assert!(y + 0.25 * size <= top || y - size >= bottom, "{hash}: text at {y} overlaps the chart ({top}–{bottom}): {text}");
                            assert!(y + 0.25 * size <= doc.height, "{hash}: text below the image");
                            assert!(crate::chart::text_width(&text, size) <= doc.width, "{hash}: a line wider than the image");
                        }
                        "svg" => inner = Some((num("y"), num("height"), num("width"))),
                        _ => {}
                    }
                }
                let (y, h, w) = inner.expect("the chart");
                assert!((y - top).abs() < 0.1 && (h - (bottom - top)).abs() < 0.1, "{hash}: the chart is drawn at its own size: {y} {h}");
                assert!(w <= view::EXPORT_WIDTH, "{hash}");
                let markup = Node::from(doc.svg).to_markup();
                assert!(!markup.contains("ics-tooltip"), "{hash}: no tooltip in a file");
                assert!(markup.contains("Open Government Licence"));
                markup
            })
            .collect();
        assert_eq!(files[0], files[1], "{hash}: a phone's file differs from a desktop's");
    }
}

/// A filtered view says which ICSs it shows in its title, table caption and text alternative, ranks them among
/// themselves beside their national rank, and names the lowest and highest of those shown.
#[test]
fn filtered_views_say_what_they_show_and_rank_within_it() {
    let mut st = state();
    update(&mut st, Msg::HashChanged("g=icb22&i=gp_fte_per_100k&r=Y60".into()));
    let html = view(&st).to_markup();
    assert!(html.contains("Fully qualified GPs per 100,000 patients, Midlands ICSs, FY 2023/24"), "{:.600}", html);
    let r = st.result.as_ref().unwrap();
    let f = r.comparison.filtered.as_ref().expect("ranks within the filter");
    assert_eq!((f.shown, f.summary.n), (11, 11));
    let mut within: Vec<usize> = f.ranks.iter().flatten().copied().collect();
    within.sort_unstable();
    assert_eq!(within, (1..=11).collect::<Vec<_>>(), "1 to 11 among the Midlands ICSs");
    // The best of the Midlands is ranked 1 there and by its national rank in England.
    let best = (0..42).find(|&i| f.ranks[i] == Some(1)).unwrap();
    assert!(r.comparison.rows[best].rank.unwrap() >= 1);
    assert!(html.contains("Rank among those shown (of 11)") && html.contains("Rank in England (of 42)"));
    let (lo, hi) = (f.summary.min.unwrap(), f.summary.max.unwrap());
    let name = |i: usize| st.engine.frame().icss[i].short_name.clone();
    assert!(html.contains("for 11 Midlands ICSs. Values run from"), "{}", html.split("Bar chart of").nth(1).unwrap_or("")[..200].to_string());
    assert!(html.contains(&format!("({})", name(lo.0))) && html.contains(&format!("({})", name(hi.0))));
    // Unfiltered: national ranks only, and the title names no subset.
    update(&mut st, Msg::ResetFilters);
    let html = view(&st).to_markup();
    assert!(st.result.as_ref().unwrap().comparison.filtered.is_none());
    assert!(html.contains("Rank in England (of 42)") && !html.contains("Rank among those shown"));
    assert!(html.contains("Bar chart of Fully qualified GPs per 100,000 patients for all 42 ICSs"));
}

/// "Peers only" keeps the selected ICS and its peers; without a selection it changes nothing; it is in the link.
#[test]
fn the_peers_only_filter() {
    let mut st = state();
    update(&mut st, Msg::TogglePeersOnly);
    assert!(st.result.as_ref().unwrap().included.iter().all(|&x| x), "no selection: every ICS");
    update(&mut st, Msg::SelectIcs("QHL".into()));
    let r = st.result.as_ref().unwrap();
    let shown: Vec<usize> = (0..42).filter(|&i| r.included[i]).collect();
    let mut want: Vec<usize> = r.peers.as_ref().unwrap().peers.iter().map(|p| p.ics).chain([st.settings.selected.unwrap()]).collect();
    want.sort_unstable();
    assert_eq!(shown, want);
    assert!(url::to_hash(&st).contains("po=1"));
    assert!(view(&st).to_markup().contains("Birmingham and Solihull and its peers"));
    let hash = url::to_hash(&st);
    let mut again = state();
    update(&mut again, Msg::HashChanged(hash));
    assert_eq!(again.result.as_ref().unwrap().included, st.result.as_ref().unwrap().included);
}

#[test]
fn copying_a_link_and_the_local_folder_warning() {
    let mut st = state();
    st.options.base = "file:///home/me/ics-explorer/".into();
    update(&mut st, Msg::SelectIcs("QOP".into()));
    assert_eq!(update(&mut st, Msg::CopyLink), Some(Effect::Copy("file:///home/me/ics-explorer/index.html#g=icb22&s=QOP".into())));
    let html = view(&st).to_markup();
    assert!(html.contains("opens only on this computer"), "file:// links are local");
    update(&mut st, Msg::LinkCopied(true));
    assert!(view(&st).to_markup().contains("Link copied."));
    update(&mut st, Msg::LinkCopied(false));
    let html = view(&st).to_markup();
    assert!(html.contains("id=\"ics-link\"") && html.contains("value=\"file:///home/me/ics-explorer/index.html#g=icb22&amp;s=QOP\""));
    // Another view: the old status goes.
    update(&mut st, Msg::SetView(View::Map));
    assert_eq!(st.copy, CopyStatus::Idle);
    st.options.base = "https://intranet.example.nhs.uk/ics/".into();
    assert!(!view(&st).to_markup().contains("opens only on this computer"));
}

/// The source line names the dataset and the period of the figures; the fitted line reads as a formula.
#[test]
fn source_lines_and_formulas_read_properly() {
    let mut st = state();
    update(&mut st, Msg::HashChanged("g=icb22&i=rtt_over_52w_pct".into()));
    let html = view(&st).to_markup();
    assert!(html.contains("Source: NHS England, Consultant-led Referral to Treatment Waiting Times"), "{html:.300}");
    assert!(html.contains("Figures for Mar 2026"));
    update(&mut st, Msg::HashChanged("g=icb22&v=scatter&i=rtt_waiting_list_per_1000".into()));
    let html = view(&st).to_markup();
    assert!(
        html.contains("Fitted line: value = ") && !html.contains("+ −") && !html.contains("+ -"),
        "{}",
        html.split("Fitted line").nth(1).unwrap_or("")[..80].to_string()
    );
}

/// The profile opens with the peers, their values of the indicator in view, and who is just outside; its
/// local authority table sorts, and sub-ICB locations carry place names.
#[test]
fn profile_peers_first_and_areas_sortable_with_names() {
    let mut st = state();
    update(&mut st, Msg::HashChanged("g=icb22&i=rtt_over_52w_pct&v=profile&s=QHL".into()));
    let html = view(&st).to_markup();
    let (peers, spine) = (html.find("ics-table-peers").unwrap(), html.find("ics-spine").unwrap());
    assert!(peers < spine, "peers before the spine chart");
    let r = st.result.as_ref().unwrap();
    let names: Vec<&str> = r.peers.as_ref().unwrap().peers.iter().map(|p| st.engine.frame().icss[p.ics].short_name.as_str()).collect();
    assert_eq!(names[0], "Black Country", "Core20 share and IMD score: the Black Country is the nearest");
    assert!(html.contains("Waiting over 52 weeks, Mar 2026 (Birmingham and Solihull: 0.43%)"), "the indicator in view, beside the distances");
    // On the full decile profile the Black Country is sixth, and the page says what keeps it out.
    let m = change(&st, "ics-peer-basis", "deciles").unwrap();
    update(&mut st, m);
    let html = view(&st).to_markup();
    assert!(
        html.contains("Just outside the 5: Black Country (similarity 61), set apart by % of residents in IMD decile 2"),
        "{}",
        &html[html.find("Just outside").unwrap_or(0)..][..200]
    );
    assert!(html.contains("Birmingham and Solihull (15E)"));
    // Sorting the areas table leaves the other tables alone.
    let areas_col = |html: &str| -> Vec<String> {
        let t = &html[html.find("id=\"ics-table-areas\"").unwrap()..];
        let t = &t[..t.find("</table>").unwrap()];
        t.split("<th scope=\"row\">").skip(1).map(|c| c[..c.find('<').unwrap()].to_string()).collect()
    };
    let before = areas_col(&html);
    update(&mut st, Msg::Sort("ics-table-areas", 2));
    let after = areas_col(&view(&st).to_markup());
    assert_ne!(before, after);
    assert_eq!(after[0], "Solihull", "fewest residents first");
    assert_eq!(st.sort, Some(("ics-table-areas", 2, true)));
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
    assert!(html.contains(
        "<optgroup label=\"Closest matches\"><option value=\"5:QOP\">Greater Manchester</option></optgroup><optgroup label=\"Other ICSs\">"
    ));
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
    let k = st.settings.indicator;
    update(&mut st, Msg::ChooseImportFix("5:QJK".into()));
    update(&mut st, Msg::ApplyImportFixes);
    assert_eq!((st.settings.indicator, value_of(&st, "QJK")), (k, Some(9.9)));
    let html = view(&st).to_markup();
    let html = panel(&html);
    assert!(html.contains("Updated: 1 row is now included; any others are left out."), "{html}");
    assert!(html.contains("<option value=\"5:QJK\" selected=\"selected\">Devon</option>"));
    assert!(!html.contains("could not be used"));
    // Left out again.
    update(&mut st, Msg::ChooseImportFix("5:".into()));
    update(&mut st, Msg::ApplyImportFixes);
    assert_eq!(value_of(&st, "QJK"), None);
    assert_eq!(st.engine.catalogue().indicators.len(), k + 1, "updated, not added");
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
    assert!(
        html.contains("<button type=\"button\" class=\"ics-toggle\" id=\"ics-hide-missing\" aria-pressed=\"false\">Hide ICSs with no data</button>")
    );
    assert_eq!(html.matches("data-item=\"\"").count(), 42);
    update(&mut st2, Msg::SetHideMissing(true));
    let html = view(&st2).to_markup();
    assert_eq!(html.matches("data-item=\"\"").count(), 1);
    assert!(html.contains("<caption>Smoking prevalence by ICB (%), as supplied, by ICS. 41 ICSs with no data are hidden</caption>"), "{html}");
    assert!(
        html.contains("<button type=\"button\" class=\"ics-toggle\" id=\"ics-hide-missing\" aria-pressed=\"true\">Hide ICSs with no data</button>")
    );
    // A view setting: it is in the link.
    assert_eq!(url::to_hash(&st2), "g=icb22&i=user_1&nd=hide");
    update(&mut st, Msg::HashChanged("#nd=hide".into()));
    assert!(st.settings.hide_missing && st.notices.is_empty());
    assert_eq!(url::to_hash(&st), "nd=hide");
}

#[test]
fn the_imported_indicator_is_renamed_and_given_a_unit_in_every_view_and_download() {
    let mut st = imported();
    let html = view(&st).to_markup();
    assert!(
        html.contains("id=\"ics-user-unit\" type=\"text\" maxlength=\"60\" spellcheck=\"true\" value=\"%\""),
        "the % signs suggest the unit: {html}"
    );
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
    assert_eq!(st.engine.catalogue().indicators[st.settings.indicator].name.chars().count(), 120);
    update(&mut st, Msg::SetIndicator("population".into()));
    update(&mut st, Msg::SetUserName("Mine".into()));
    assert_eq!(st.engine.catalogue().indicators[st.settings.indicator].name, "Population (projected 2022/23)");
    // Fixing rows later keeps the name and unit.
    update(&mut st, Msg::SetIndicator("user_1".into()));
    update(&mut st, Msg::ChooseImportFix("5:QJK".into()));
    update(&mut st, Msg::ApplyImportFixes);
    let ind = &st.engine.catalogue().indicators[st.settings.indicator];
    assert_eq!((ind.name.starts_with("ab"), ind.unit.as_str()), (true, "% of adults"));
}

/// A Fingertips download with Persons, Male and Female rows and an ethnic breakdown of two ICBs: the panel
/// says what was skipped in one line and offers the choices, labelled; each choice imports the file again, in place.
#[test]
fn a_fingertips_download_offers_its_sexes_and_breakdowns_and_each_choice_reimports() {
    let mut st = july_2022();
    let head = "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to ICB (statutory) value or percentiles,Time period Sortable,New data,Compared to goal,Time period range";
    let r = |code: &str, name: &str, kind: &str, sex: &str, cat: (&str, &str), v: &str| {
        format!(
            "93014,Percentage of physically active adults,,,{code},{name},{kind},{sex},19+ yrs,{},{},2022/23,{v},,,,,,,,,,,20220000,,,1y\n",
            cat.0, cat.1
        )
    };
    let mut text = format!("{head}\n");
    for (sex, add) in [("Persons", 0), ("Male", 10), ("Female", 20)] {
        text += &r("E92000001", "England", "England", sex, ("", ""), &format!("{}", 60 + add));
        text += &r(
            "nE54000057",
            "NHS Greater Manchester Integrated Care Board - QOP",
            "\"ICBs (statutory, from July 2022)\"",
            sex,
            ("", ""),
            &format!("{}", 61 + add),
        );
        text += &r(
            "nE54000055",
            "NHS Birmingham and Solihull Integrated Care Board - QHL",
            "\"ICBs (statutory, from July 2022)\"",
            sex,
            ("", ""),
            &format!("{}", 62 + add),
        );
    }
    text += &r(
        "nE54000057",
        "NHS Greater Manchester Integrated Care Board - QOP",
        "\"ICBs (statutory, from July 2022)\"",
        "Persons",
        ("Ethnic groups", "Asian"),
        "41",
    );
    text += &r(
        "nE54000055",
        "NHS Birmingham and Solihull Integrated Care Board - QHL",
        "\"ICBs (statutory, from July 2022)\"",
        "Persons",
        ("Ethnic groups", "Asian"),
        "42",
    );
    text += &r("E40000011", "Midlands", "\"NHS region (statutory, July 2022 onwards)\"", "Persons", ("", ""), "63");
    update(&mut st, Msg::ImportLoaded("activity.csv".into(), text));
    if let ImportStatus::Failed { problems, .. } = &st.import {
        panic!("{problems:?}")
    }
    let shown = |st: &State, code: &str| st.result.as_ref().unwrap().comparison.rows[st.engine.ics(code).unwrap()].value.value;
    assert_eq!((shown(&st, "QOP"), shown(&st, "QHL")), (Some(61.0), Some(62.0)));
    let html = view(&st).to_markup();
    assert!(
        html.contains(
            "Fingertips download: used 3 of 12 rows (2 ICB, 1 England); skipped 9 rows: 1 region, 2 category breakdown, 6 other sex or age"
        ),
        "{html}"
    );
    assert!(html.contains("<label class=\"ics-label\" for=\"ics-import-sex-age\">Sex and age to import</label>"));
    assert!(
        html.contains(
            "<option value=\"sex:0\" selected=\"selected\">Persons, 19+ yrs (2 rows)</option><option value=\"sex:1\">Male, 19+ yrs (2 rows)</option>"
        ),
        "{html}"
    );
    assert!(html.contains("<label class=\"ics-label\" for=\"ics-import-breakdown\">Category breakdown</label>"));
    assert!(html.contains("<option value=\"breakdown:0\">Breakdown by Ethnic groups: an indicator for each of its 1 category</option>"), "{html}");
    let id = st.engine.catalogue().indicators[st.settings.indicator].id.clone();
    // Female: the same indicator, with the Female rows (England's too).
    update(&mut st, Msg::ChooseImportRows("sex:2".into()));
    assert_eq!(st.engine.catalogue().indicators[st.settings.indicator].id, id);
    assert_eq!((shown(&st, "QOP"), shown(&st, "QHL")), (Some(81.0), Some(82.0)));
    assert_eq!(st.result.as_ref().unwrap().comparison.england.value, Some(80.0));
    assert!(view(&st).to_markup().contains("<option value=\"sex:2\" selected=\"selected\">Female, 19+ yrs (2 rows)</option>"));
    // The breakdown: the same id, renamed for its category.
    update(&mut st, Msg::ChooseImportRows("breakdown:0".into()));
    let ind = &st.engine.catalogue().indicators[st.settings.indicator];
    assert_eq!((ind.id.as_str(), ind.name.as_str()), (id.as_str(), "Percentage of physically active adults: Asian"));
    assert_eq!(shown(&st, "QOP"), Some(41.0));
    // Nonsense is ignored.
    for bogus in ["sex:99", "breakdown:7x", "colour:red"] {
        update(&mut st, Msg::ChooseImportRows(bogus.into()));
        assert_eq!(shown(&st, "QOP"), Some(41.0), "{bogus}");
    }
    update(&mut st, Msg::ChooseImportRows("breakdown:".into()));
    assert_eq!(
        (shown(&st, "QOP"), st.engine.catalogue().indicators[st.settings.indicator].name.as_str()),
        (Some(61.0), "Percentage of physically active adults")
    );
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
#[test]
fn the_profile_gradients_use_local_deciles_and_say_why_an_index_is_missing() {
    let mut st = state();
    update(&mut st, Msg::SelectIcs("QHL".into()));
    update(&mut st, Msg::SetView(View::Profile));
    let html = view(&st).to_markup();
    // With national deciles the income RII was 3,258.57 (a fitted end of 0.01%).
    assert!(!html.contains("3,258.57"), "{html:.300}");
    assert!(html.contains("Most deprived tenth (local decile 1)") && html.contains("cut into ten groups with equal numbers of neighbourhoods"));
    assert!(
        html.contains("No relative index: the fitted line&#39;s value at the least deprived end, 0.2 (95% interval −1.6 to 2.0)"),
        "{}",
        &html[html.find("ics-table-inequality").unwrap_or(0)..].chars().take(3000).collect::<String>()
    );
    update(&mut st, Msg::SelectIcs("QE1".into()));
    let html = view(&st).to_markup();
    assert!(!html.contains("−14.00") && !html.contains("−139.00"));
    assert!(
        html.contains("No relative index: the fitted line reaches −2.4 at the least deprived end"),
        "{}",
        &html[html.find("ics-table-inequality").unwrap_or(0)..].chars().take(3000).collect::<String>()
    );
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
        let from = &html[html.find("Better than deprivation predicts: ").unwrap()..];
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
    assert!(other.settings.include_flagged && other.notices.is_empty(), "{:?}", other.notices);
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
    assert!(
        notes.contains("Data quality notes for Mar 2026")
            && notes.contains("Break in the series: South Yorkshire")
            && notes.contains("Affects: South Yorkshire."),
        "{notes}"
    );
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
    for part in [
        "Two population figures",
        "1,358,012 residents (mid-2020)",
        "1,577,949 people, projected for 2022/23",
        "The projection is 16.2% higher than the resident estimate (England: 8.8%)",
    ] {
        assert!(html.contains(part), "{part}");
    }
}

/// Every mark a chart draws has a legend entry (and the chart's axis says what it measures).
#[test]
fn legends_name_every_mark() {
    let cases: [(&str, &[&str]); 12] = [
        (
            "g=icb22&v=funnel&i=ae_4hr_pct&s=QHM&od=phi",
            &[
                "Your ICS (ringed)",
                "Above the 95% limit",
                "Within the 95% limits",
                "Below the 95% limit",
                "Centre: England (76",
                "95% adjusted limits",
                "99.8% adjusted limits",
                "Unadjusted 99.8% limits",
                "A&E attendances, all types",
            ],
        ),
        ("v=funnel&i=rtt_waiting_list_per_1000", &["≈ Estimate (dashed ring): apportioned from July 2022 ICBs", "95% limits", "99.8% limits"]),
        (
            "g=icb22&i=rtt_over_52w_pct&s=QOP&p=2022-10",
            &[
                "Your ICS",
                "Peer of your ICS",
                "Data-quality note (listed below the chart)",
                "95% confidence interval",
                "England",
                "% of waiting list",
            ],
        ),
        (
            "g=icb22&v=scatter&s=QHL&i=rtt_waiting_list_per_1000",
            &[
                "Your ICS (ringed)",
                "Peer of your ICS",
                "Flagged value, left out of the fit",
                "Fitted line",
                "95% prediction band",
                "99.8% prediction band",
                "than deprivation predicts",
            ],
        ),
        (
            "g=icb22&v=trends&s=QHM&i=ae_4hr_pct",
            &[
                "North East and North Cumbria",
                "England",
                "Mean of your ICS's peers",
                "Middle half of ICSs",
                "Range of ICSs",
                "Value with a data-quality note (marked !)",
                "The vertical axis does not start at zero",
                "% of attendances",
            ],
        ),
        ("g=icb22&v=map&s=QHM&r=Y63", &["No data, or not among the ICSs shown", "Your ICS (outlined)"]),
        ("g=icb22&v=profile&s=QHM", &["Range of the 42 ICSs", "Middle half", "England (or the median ICS)", "Better than England"]),
        // Today's map: estimates have their own mark.
        ("i=rtt_waiting_list", &["≈ Estimate: apportioned from July 2022 ICBs"]),
        ("v=map&i=rtt_waiting_list&s=D7T5G", &["≈ Estimate: apportioned from July 2022 ICBs", "Your ICS (outlined)"]),
        ("v=scatter&i=rtt_waiting_list_per_1000", &["≈ Estimate (dashed ring): apportioned from July 2022 ICBs"]),
        ("v=trends&s=D7T5G&i=hi_overall", &["≈ Estimate (dashed ring): population-weighted means of July 2022 ICBs' scores"]),
        ("v=profile&s=D7T5G", &["≈ Estimate (dashed ring), from July 2022 ICBs: see the indicator's caveats"]),
    ];
    for (hash, want) in cases {
        let mut st = state();
        update(&mut st, Msg::HashChanged(hash.into()));
        let (_, doc) = view::chart_file(&st).unwrap();
        let text = super::node::Node::from(doc.svg).text_content();
        for w in want {
            assert!(text.contains(w), "{hash}: no \"{w}\" in the chart");
        }
    }
}

/// A raw CSV of `data/` as a map from its first column to a column by name (test helper).
fn raw_column(file: &str, column: &str) -> std::collections::HashMap<String, String> {
    let text = std::fs::read_to_string(format!("{}/../../data/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let t = ics_data::csv::Table::parse(&text).unwrap();
    let k = t.headers.iter().position(|h| h == column).unwrap_or_else(|| panic!("{file}: no {column}"));
    t.rows.into_iter().map(|r| (r.fields[0].clone(), r.fields[k].clone())).collect()
}

/// The profile of a board of April 2026 lists its predecessors with the share of each one's residents (Census
/// 2021) and neighbourhoods it took, as the raw lookup and census give them; a July 2022 ICS lists what it
/// became; unchanged and re-coded boards say so; each name shows that board on its own map.
#[test]
fn a_profile_says_how_the_board_was_formed_or_what_it_became() {
    // The raw files: each LSOA 2021's July 2022 and April 2026 ICB, and its residents (the sum of the census
    // age bands, as the build takes them).
    let icb22 = raw_column("2026/lookup_lsoa21_icb22_icb24_icb26.csv", "icb22cd");
    let icb26 = raw_column("2026/lookup_lsoa21_icb22_icb24_icb26.csv", "icb26cd");
    let residents = raw_column("2026/population_lsoa21_census2021.csv", "age_bands_sum");
    let share = |from: &str, to: &str| -> (f64, u32) {
        let (mut piece, mut all, mut n) = (0.0, 0.0, 0);
        for (lsoa, _) in icb22.iter().filter(|(_, b)| *b == from) {
            let r: f64 = residents[lsoa].parse().unwrap();
            all += r;
            if icb26[lsoa] == to {
                piece += r;
                n += 1;
            }
        }
        (piece / all, n)
    };
    let mut st = today();
    update(&mut st, Msg::HashChanged("v=profile&s=D7T5G".into()));
    let essex = st.engine.frame().ics_index("E54000066").unwrap();
    let links = &st.engine.frame().links[essex];
    // data/2026/icb26_predecessors.csv: Essex took 206 of Suffolk and North East Essex's LSOAs, 185 of
    // Hertfordshire and West Essex's and all 720 of Mid and South Essex's.
    for (code, lsoas) in [("E54000023", 206), ("E54000025", 185), ("E54000026", 720)] {
        let l = links.iter().find(|l| l.code == code).unwrap_or_else(|| panic!("{code}"));
        let (raw, n) = share(code, "E54000066");
        assert_eq!((l.lsoas, n), (lsoas, lsoas), "{code}");
        assert!((l.share - raw).abs() < 1e-9 && l.predecessor, "{code}: {} vs {raw}", l.share);
    }
    let html = view(&st).to_markup();
    for want in [
        "How this board was formed",
        "Formed in April 2026 from 3 July 2022 ICBs:",
        "Suffolk and North East Essex</button>: 35% of its residents (206 neighbourhoods)",
        "Hertfordshire and West Essex</button>: 21% of its residents (185 neighbourhoods)",
        "Mid and South Essex</button>: all of it (720 neighbourhoods)",
        "residents at Census 2021 and its neighbourhoods (LSOA 2021)",
        "its figures published for July 2022 boards (waiting lists, A&amp;E, workforce and others) are estimates",
        "id=\"ics-table-transition\"",
        "<td data-label=\"Share of that ICB&#39;s residents (%)\" class=\"num\">34.6</td>",
    ] {
        assert!(html.contains(want), "no \"{want}\" in Essex's profile");
    }
    // Hampshire and Isle of Wight: a new ONS code, the same NHS code, and part of Frimley.
    update(&mut st, Msg::SelectIcs("QRL".into()));
    let html = view(&st).to_markup();
    assert!(html.contains("Re-coded in April 2026: its ONS code changed from E54000042 to E54000067; its NHS code, QRL, did not. It was also enlarged with part of Frimley."), "{}", &html[html.find("ics-transition").unwrap()..][..400]);
    let (raw, _) = share("E54000034", "E54000067");
    assert!(html.contains(&format!("Frimley</button>: {}% of its residents (105 neighbourhoods)", ics_data::format::number(100.0 * raw, 0))));
    // Unchanged boards say so, with no list or table.
    update(&mut st, Msg::SelectIcs("QYG".into()));
    let html = view(&st).to_markup();
    assert!(
        html.contains("Unchanged since July 2022: the same area, ONS code (E54000008) and NHS code (QYG).") && !html.contains("ics-table-transition")
    );
    // A predecessor's name shows it on the July 2022 map, selected, without a note about the old selection.
    update(&mut st, Msg::SelectIcs("D7T5G".into()));
    update(&mut st, Msg::ShowArea("icb22".into(), "E54000023".into()));
    assert_eq!((st.engine.frame().set.id.as_str(), st.ics_code(st.settings.selected.unwrap())), ("icb22", "QJG"));
    assert!(st.frame_notes.is_empty(), "{:?}", st.frame_notes);
    assert_eq!(st.settings.view, View::Profile);
    let html = view(&st).to_markup();
    assert!(html.contains("What this ICS became") && html.contains("In April 2026 it was divided between 2 ICBs:"));
    assert!(html.contains(
        "Essex</button>: 35% of its residents (206 neighbourhoods), with part of Hertfordshire and West Essex and all of Mid and South Essex"
    ));
    assert!(html.contains("Norfolk and Suffolk</button>: 65% of its residents (377 neighbourhoods), with all of Norfolk and Waveney"));
    // And back: a successor's name shows it on today's map.
    update(&mut st, Msg::ShowArea("icb26".into(), "E54000068".into()));
    assert_eq!(
        (st.engine.frame().set.id.as_str(), st.engine.frame().icss[st.settings.selected.unwrap()].short_name.as_str()),
        ("icb26", "Norfolk and Suffolk")
    );
    // From July 2022: Hampshire and Isle of Wight was re-coded; North West London merged whole.
    let mut st = july_2022();
    update(&mut st, Msg::HashChanged("g=icb22&v=profile&s=QRL".into()));
    let html = view(&st).to_markup();
    assert!(html.contains("Re-coded in April 2026: its ONS code changed from E54000042 to E54000067; its NHS code, QRL, did not."));
    assert!(html.contains("Hampshire and Isle of Wight</button>: all of it (1,126 neighbourhoods), with part of Frimley"));
    update(&mut st, Msg::SelectIcs("QRV".into()));
    assert!(view(&st).to_markup().contains("West and North London</button>: all of it (1,183 neighbourhoods), with all of North Central London"));
}

/// Following a predecessor's name when IMD 2019 is not loaded yet: the page asks for it, then shows the
/// predecessor selected on the July 2022 map.
#[test]
fn showing_a_predecessor_loads_its_edition_first() {
    let mut st = core();
    update(&mut st, Msg::HashChanged("v=profile&s=S0E4D".into()));
    assert_eq!(update(&mut st, Msg::ShowArea("icb22".into(), "E54000034".into())), Some(Effect::LoadEdition("imd2019".into())));
    assert_eq!(st.engine.frame().set.id, "icb26", "nothing changes until it has loaded");
    update(&mut st, Msg::EditionLoaded("imd2019".into(), testdata::imd2019_json().into()));
    assert_eq!((st.engine.frame().set.id.as_str(), st.ics_code(st.settings.selected.unwrap())), ("icb22", "QNQ"));
    assert!(st.frame_notes.is_empty(), "{:?}", st.frame_notes);
}

/// The map can draw the other set's boundaries over its fills: the 42 of July 2022 over today's 36 (and the
/// reverse), not interactive, with a legend entry, in the page and in the chart files; `ol=1` in the link.
#[test]
fn the_map_draws_the_other_boundaries_as_outlines() {
    // Elements whose class list ends with, or has next, `class`.
    let count = |html: &str, class: &str| html.matches(&format!("{class}\"")).count() + html.matches(&format!("{class} ")).count();
    let mut st = today();
    update(&mut st, Msg::SetView(View::Map));
    let html = view(&st).to_markup();
    assert!(html.contains("id=\"ics-map-outlines\"") && html.contains("Show July 2022 boundaries as outlines"));
    assert_eq!(count(&html, "ics-outline"), 0, "off by default");
    update(&mut st, Msg::ToggleOutlines);
    let html = view(&st).to_markup();
    assert_eq!(count(&html, "ics-area"), 36);
    assert_eq!(count(&html, "ics-outline"), 42, "the 42 July 2022 areas drawn over the 36");
    let outlines = &html[html.find("<g class=\"ics-outlines\"").unwrap()..];
    let outlines = &outlines[..outlines.find('>').unwrap()];
    assert!(
        outlines.contains("aria-hidden=\"true\"") && outlines.contains("pointer-events=\"none\"") && outlines.contains("fill=\"none\""),
        "{outlines}"
    );
    assert!(html.find("ics-outlines").unwrap() > html.rfind("ics-area").unwrap(), "drawn over the fills");
    assert!(
        html.contains("Boundaries of the 42 ICSs (July 2022)")
            && html.contains("Dashed dark lines over it: the boundaries of the 42 ICSs (July 2022)")
    );
    // In the chart files too.
    let (_, doc) = view::chart_file(&st).unwrap();
    let file = super::node::Node::from(doc.svg).to_markup();
    assert_eq!(count(&file, "ics-outline"), 42);
    assert!(file.contains("Boundaries of the 42 ICSs (July 2022)"));
    // The link keeps it.
    let hash = url::to_hash(&st);
    assert_eq!(hash, "v=map&ol=1");
    let mut again = today();
    update(&mut again, Msg::HashChanged(hash.clone()));
    assert!(again.settings.outlines && again.notices.is_empty());
    assert_eq!(url::to_hash(&again), hash);
    // The July 2022 map draws today's 36 over its 42.
    let mut st = july_2022();
    update(&mut st, Msg::HashChanged("g=icb22&v=map&ol=1".into()));
    let html = view(&st).to_markup();
    assert_eq!((count(&html, "ics-area"), count(&html, "ics-outline")), (42, 36));
    assert!(html.contains("Show April 2026 boundaries as outlines") && html.contains("Boundaries of the 36 ICBs (April 2026)"));
    // Hostile values leave it off, with a notice each.
    for h in ["v=map&ol=2", "v=map&ol=%ff", "v=map&ol=<svg>", "v=map&dc=yes"] {
        let mut st = today();
        update(&mut st, Msg::HashChanged(h.into()));
        assert!(!st.settings.outlines && !st.settings.compare_editions && st.result.is_ok(), "{h}");
        assert_eq!(st.notices.len(), 1, "{h}: {:?}", st.notices);
        assert!(!view(&st).to_markup().contains("<svg>"), "{h}");
    }
}

/// Each ICS's Core20 share and rank among the 42 (July 2022 boundaries) from the raw IMD 2019 and IMD 2025
/// files, their populations and lookups: (share 2019, share 2025) by ICB code, and ranks (1 = largest share).
fn raw_core20() -> std::collections::HashMap<String, ([f64; 2], [usize; 2])> {
    use std::collections::HashMap;
    let mut shares: [HashMap<String, (f64, f64)>; 2] = Default::default();
    let editions = [
        ("lookup_lsoa11_icb22.csv", "icb22_code", "imd2019_lsoa11.csv", "population_lsoa11_mid2020.csv", "pop_total"),
        ("2026/lookup_lsoa21_icb22_icb24_icb26.csv", "icb22cd", "2026/imd2025_lsoa21.csv", "2026/population_lsoa21_census2021.csv", "age_bands_sum"),
    ];
    for (k, (lookup, icb, imd, pop, total)) in editions.into_iter().enumerate() {
        let (icb, decile, pop) = (raw_column(lookup, icb), raw_column(imd, "imd_decile"), raw_column(pop, total));
        for (lsoa, code) in icb.iter().filter(|(_, c)| c.starts_with("E54")) {
            let p: f64 = pop[lsoa].parse().unwrap();
            let e = shares[k].entry(code.clone()).or_default();
            e.1 += p;
            if decile[lsoa].parse::<u8>().unwrap() <= 2 {
                e.0 += p;
            }
        }
    }
    let pct = |k: usize, c: &str| 100.0 * shares[k][c].0 / shares[k][c].1;
    let rank = |k: usize, c: &str| 1 + shares[k].keys().filter(|o| pct(k, o) > pct(k, c)).count();
    shares[1].keys().map(|c| (c.clone(), ([pct(0, c), pct(1, c)], [rank(0, c), rank(1, c)]))).collect()
}

/// The deprivation view's "IMD 2019 vs IMD 2025": the 42 ICSs of July 2022 in both editions, from the engine,
/// equal to the raw files' figures; a dumbbell chart with a legend and a text alternative, a table twin,
/// MHCLG's caution; still the 42 on today's map; `dc=1` in the link.
#[test]
fn imd_2019_and_imd_2025_compare_the_42_as_relative_positions() {
    let raw = raw_core20();
    assert_eq!(raw.len(), 42);
    let mut st = july_2022();
    update(&mut st, Msg::SetView(View::Deprivation));
    assert!(st.edition_change.is_none(), "made only when asked for");
    assert_eq!(update(&mut st, Msg::SetDepCompare(true)), None, "both editions are loaded");
    let Some(editions::Compared::Ready(change)) = &st.edition_change else { panic!("{:?}", st.edition_change) };
    assert_eq!(change.rows.len(), 42);
    for r in &change.rows {
        let (share, rank) = raw[&r.code];
        for k in 0..2 {
            assert!((r.share[k].unwrap() - share[k]).abs() < 1e-9, "{} edition {k}: {:?} vs {}", r.name, r.share[k], share[k]);
            assert_eq!(r.rank[k], Some(rank[k]), "{} edition {k}", r.name);
        }
        assert_eq!(r.places, Some(rank[0] as i64 - rank[1] as i64), "{}", r.name);
    }
    // South East London fell from 16th to 30th; Leicester, Leicestershire and Rutland rose from 27th to 14th.
    let sel = change.row("QKK").unwrap();
    assert_eq!((sel.rank, sel.places), ([Some(16), Some(30)], Some(-14)));
    assert_eq!(change.row("QK1").unwrap().rank, [Some(27), Some(14)]);
    assert_eq!(change.rows[0].name, "Birmingham and Solihull", "most deprived in 2025 first");
    let html = view(&st).to_markup();
    for want in [
        "IMD 2019 vs IMD 2025 (42 ICSs)</button>",
        "Residents in England&#39;s most deprived fifth of neighbourhoods: IMD 2019 and IMD 2025, 42 ICSs (July 2022)",
        "IMD 2019 (mid-2020 residents, LSOA 2011)",
        "IMD 2025 (Census 2021 residents, LSOA 2021)",
        "compare between editions as relative positions (ranks and deciles), not as changes in absolute deprivation",
        "different neighbourhoods (LSOA 2011 for IMD 2019, LSOA 2021 for IMD 2025) and populations (mid-2020 estimates, Census 2021)",
        "Furthest up the ranking (a larger share relative to other ICSs): Leicester, Leicestershire and Rutland (27 → 14)",
        "Furthest down: South East London (16 → 30)",
        "id=\"ics-table-imd-change\"",
        "aria-label=\"South East London: IMD 2019 16.5% (rank 16), IMD 2025 11.1% (rank 30); down 14 places\"",
    ] {
        assert!(html.contains(want), "no \"{want}\"");
    }
    let table = &html[html.find("id=\"ics-table-imd-change\"").unwrap()..];
    assert_eq!(table[..table.find("</table>").unwrap()].matches("<tr").count(), 1 + 42 + 1, "header, 42 ICSs, England");
    // The chart file is the comparison, and so is the CSV.
    let (name, doc) = view::chart_file(&st).unwrap();
    assert_eq!(name, "ics-explorer-deprivation-imd2019-vs-imd2025");
    assert!(super::node::Node::from(doc.svg).text_content().contains("IMD 2019 (mid-2020 residents, LSOA 2011)"));
    let Some(Effect::Save { content, .. }) = update(&mut st, Msg::Download(Download::Csv)) else { panic!() };
    assert!(content.lines().nth(1).unwrap().starts_with("Birmingham and Solihull,E54000055,51.4,1,50.3,1,0,"), "{}", content.lines().nth(1).unwrap());
    // Selecting an ICS in the chart selects it on the page.
    let sel_index = st.engine.frame().ics_index("QKK").unwrap();
    update(&mut st, Msg::Pick(sel_index));
    assert!(view(&st).to_markup().contains("▶ South East London"));
    // The link keeps the comparison.
    let hash = url::to_hash(&st);
    assert!(hash.contains("dc=1"), "{hash}");
    let mut again = july_2022();
    update(&mut again, Msg::HashChanged(hash));
    assert!(again.settings.compare_editions && matches!(again.edition_change, Some(editions::Compared::Ready(_))));
    // On today's map it is still the 42, and says so, marking your ICB's predecessors.
    let mut st = today();
    update(&mut st, Msg::HashChanged("v=deprivation&dc=1&s=D7T5G".into()));
    let html = view(&st).to_markup();
    assert_eq!(st.engine.frame().icss.len(), 36);
    assert!(html.contains("This comparison is of the 42 ICSs (July 2022), not today&#39;s 36 ICBs"));
    assert!(html.contains("◆ marks the predecessors of Essex") && html.contains("◆ Mid and South Essex") && html.contains("Predecessor of your ICB"));
    let table = &html[html.find("id=\"ics-table-imd-change\"").unwrap()..];
    assert_eq!(table[..table.find("</table>").unwrap()].matches("<tr").count(), 1 + 42 + 1, "the 42, not the 36");
}

/// IMD 2019 ships apart: the comparison asks for it once and says it is loading until it arrives; a failure
/// is said, and asking again tries again.
#[test]
fn the_comparison_waits_for_imd_2019() {
    let mut st = core();
    update(&mut st, Msg::SetView(View::Deprivation));
    assert_eq!(update(&mut st, Msg::SetDepCompare(true)), Some(Effect::LoadEdition("imd2019".into())));
    assert!(view(&st).to_markup().contains("Loading IMD 2019…"));
    assert_eq!(update(&mut st, Msg::Resize(800.0)), None, "asked once");
    update(&mut st, Msg::EditionFailed("imd2019".into(), "not found".into()));
    assert!(view(&st).to_markup().contains("The comparison cannot be shown: the imd2019 file could not be loaded (not found)."));
    update(&mut st, Msg::SetDepCompare(false));
    assert_eq!(update(&mut st, Msg::SetDepCompare(true)), Some(Effect::LoadEdition("imd2019".into())), "tried again");
    update(&mut st, Msg::EditionLoaded("imd2019".into(), testdata::imd2019_json().into()));
    assert!(matches!(st.edition_change, Some(editions::Compared::Ready(_))));
    assert_eq!(st.engine.frame().set.id, "icb26", "the page stays on today's map");
    assert!(view(&st).to_markup().contains("id=\"ics-table-imd-change\""));
    // A link to the comparison asks for the edition too.
    let mut st = core();
    assert_eq!(update(&mut st, Msg::HashChanged("v=deprivation&dc=1".into())), Some(Effect::LoadEdition("imd2019".into())));
}

/// A link to a view on the July 2022 map, opened before IMD 2019 has loaded, shows that view once it has: the
/// engine is asked for it, not for the default view.
#[test]
fn a_link_to_july_2022_shows_its_view_once_imd_2019_has_loaded() {
    let mut st = core();
    assert_eq!(update(&mut st, Msg::HashChanged("g=icb22&v=profile&s=QNQ".into())), Some(Effect::LoadEdition("imd2019".into())));
    update(&mut st, Msg::EditionLoaded("imd2019".into(), testdata::imd2019_json().into()));
    assert_eq!((st.engine.frame().set.id.as_str(), st.settings.view, st.ics_code(st.settings.selected.unwrap())), ("icb22", View::Profile, "QNQ"));
    assert!(st.result.as_ref().unwrap().profile.is_some(), "the profile was asked for");
    assert!(view(&st).to_markup().contains("Frimley: all indicators"));
}

/// How many marks in `html` are hatched as estimates (legend swatches, over white, left out).
fn hatched(html: &str) -> usize {
    html.matches("fill=\"url(#ics-hatch-").count() - html.matches("fill=\"url(#ics-hatch-ffffff)\"").count()
}

/// The CSV download of the view shown.
fn csv(st: &mut State) -> String {
    match update(st, Msg::Download(Download::Csv)) {
        Some(Effect::Save { content, .. }) => content,
        other => panic!("{other:?}"),
    }
}

/// Today's map: Essex's waiting list is apportioned from parts of two July 2022 ICBs (an estimate); West and
/// North London's is the sum of two whole ones (exact). Each view marks the estimate in its chart (hatched or
/// ringed, with ≈ and a legend entry), its tooltip, its accessible names, its table and its CSV, and its chart
/// file keeps the marks. The July 2022 map has no estimates, and no marks.
#[test]
fn estimates_are_marked_in_every_chart_table_and_download() {
    let mut st = today();
    update(&mut st, Msg::HashChanged("i=rtt_waiting_list".into()));
    let (essex, wnl) = (st.engine.ics("D7T5G").unwrap(), st.engine.ics("Z9B2Z").unwrap());
    let rows = &st.result.as_ref().unwrap().comparison.rows;
    assert!(rows[essex].value.estimate && (rows[essex].value.value.unwrap() - 284_581.45).abs() < 0.01, "{:?}", rows[essex].value);
    assert_eq!((rows[wnl].value.value, rows[wnl].value.estimate), (Some(483_533.0), false));
    // Rankings: six hatched bars (Essex's among them), ≈ in the label, the accessible name, a legend entry and
    // the note under the chart.
    let html = view(&st).to_markup();
    assert_eq!(hatched(&html), 6, "the six ICBs made with part of a July 2022 ICB");
    assert!(html.contains("<pattern id=\"ics-hatch-005eb8\" patternUnits=\"userSpaceOnUse\""), "the hatching's pattern is in the chart");
    assert!(html.contains(">≈ 284,581</text>") && html.contains(">483,533 (highest)</text>"));
    assert!(html.contains("aria-label=\"Essex: 284,581, estimate (press Enter to select)\""));
    assert!(html.contains("aria-label=\"West and North London: 483,533 (press Enter to select)\""));
    assert!(html.contains(">≈ Estimate: apportioned from July 2022 ICBs</text>"));
    assert!(html.contains("the values for Central East, Essex, Hampshire and Isle of Wight, Norfolk and Suffolk, Surrey and Sussex and Thames Valley are estimates (apportioned from July 2022 ICBs)"));
    assert!(html.contains("6 values are estimates (hatched, marked ≈)."), "the text alternative says so");
    // The table says so in words; the CSV keeps the number plain, with an estimate column.
    assert!(html.contains("<td data-label=\"Value (pathways)\" class=\"num\">284,581 (estimate)</td><td data-label=\"Estimate\">Yes</td>"));
    assert!(html.contains("<td data-label=\"Value (pathways)\" class=\"num\">483,533</td><td data-label=\"Estimate\">No</td>"));
    let file = csv(&mut st);
    assert!(file.starts_with("ICS,NHS region,Value (pathways),Estimate,95% lower,"), "{file:.100}");
    assert!(file.contains("\r\nEssex,East of England,284581,yes,") && file.contains("\r\nWest and North London,London,483533,no,"));
    assert!(file.contains("\r\nEngland,,7014879,no,"));
    // The tooltip.
    update(&mut st, Msg::Hover(Some(essex)));
    let html = view(&st).to_markup();
    let tip = &html[html.find("ics-tooltip").unwrap()..];
    let tip = &tip[..tip.find("</g>").unwrap()];
    assert!(
        tip.contains(">pathways: ≈ 284,581</text>")
            && tip
                .contains(">Estimate: apportioned from July 2022 ICBs</text><text x=\"309.8\" y=\"221.0\">(see the indicator&#39;s caveats)</text>"),
        "{tip}"
    );
    // The chart files keep the hatching, its pattern and the legend entry.
    update(&mut st, Msg::Hover(None));
    let (_, doc) = view::chart_file(&st).unwrap();
    let svg = super::node::Node::from(doc.svg).to_markup();
    assert_eq!(hatched(&svg), 6);
    assert!(
        svg.contains("<pattern id=\"ics-hatch-005eb8\"")
            && svg.contains("<pattern id=\"ics-hatch-ffffff\"")
            && svg.contains("≈ Estimate: apportioned from July 2022 ICBs")
    );
    // Map: the six areas hatched over their class's colour, with a legend entry; the table and CSV say so.
    update(&mut st, Msg::SetView(View::Map));
    let html = view(&st).to_markup();
    assert_eq!(hatched(&html), 6);
    assert!(html.contains(">≈ Estimate: apportioned from July 2022 ICBs</text>") && html.contains("Hatched areas&#39; values are estimates."));
    assert!(html.contains("284,581 (estimate)</td><td data-label=\"Estimate\">Yes</td>"));
    assert!(csv(&mut st).contains("\r\nEssex,East of England,284581,yes,"));
    // Deprivation and performance: a dashed ring round each estimated point, and in the legend.
    update(&mut st, Msg::SetIndicator("rtt_waiting_list_per_1000".into()));
    update(&mut st, Msg::SetView(View::Scatter));
    let html = view(&st).to_markup();
    let per_1000 = st.result.as_ref().unwrap().comparison.rows[essex].value.value.unwrap();
    assert_eq!(html.matches("class=\"ics-estimate\"").count(), 6 + 1, "six points and the legend's");
    assert!(
        html.contains(">≈ Estimate (dashed ring): apportioned from July 2022 ICBs</text>")
            && html.contains("6 values are estimates (in dashed rings).")
    );
    assert!(
        html.contains(&format!(
            "<td data-label=\"Value (per 1,000 people)\" class=\"num\">{} (estimate)</td><td data-label=\"Estimate\">Yes</td>",
            ics_data::format::number(per_1000, 1)
        )),
        "{}",
        &html[html.find("ics-table-scatter").unwrap()..][..1500]
    );
    assert!(csv(&mut st).lines().next().unwrap().contains(",Estimate,"));
    // Trends: Essex's points are ringed; West and North London's are not, and then nothing says "estimate".
    update(&mut st, Msg::SetIndicator("rtt_waiting_list".into()));
    update(&mut st, Msg::SelectIcs("D7T5G".into()));
    update(&mut st, Msg::SetView(View::Trends));
    let html = view(&st).to_markup();
    let points = st.result.as_ref().unwrap().trend.as_ref().unwrap().points.iter().filter(|p| p.value.is_some()).count();
    assert!(points > 40);
    assert_eq!(html.matches("class=\"ics-estimate\"").count(), points + 1, "every point, and the legend's");
    assert!(
        html.contains(">≈ Estimate (dashed ring): apportioned from July 2022 ICBs</text>")
            && html.contains("Essex&#39;s values are estimates (apportioned from July 2022 ICBs)")
    );
    assert!(html.contains("Mar 2026: 284,581; Estimate: apportioned from July 2022 ICBs (see the indicator&#39;s caveats)</title>"));
    assert!(html.contains("<td data-label=\"Essex\" class=\"num\">284,581 (estimate)</td><td data-label=\"Estimate\">Yes</td>"));
    update(&mut st, Msg::SelectIcs("Z9B2Z".into()));
    let html = view(&st).to_markup();
    assert!(
        !html.contains("class=\"ics-estimate\"") && !html.contains(">≈ Estimate") && !html.contains("data-label=\"Estimate\""),
        "no estimate is drawn, so no mark, legend entry or column"
    );
    // The profile's spine: Essex's waiting list is ≈, ringed, in the legend and the table; West and North London's
    // is exact, but its Health Index scores are estimates (means of two whole July 2022 ICBs).
    update(&mut st, Msg::SetView(View::Profile));
    let html = view(&st).to_markup();
    assert!(
        html.contains(">483,533</text>") && html.contains("<td data-label=\"Value\" class=\"num\">483,533</td><td data-label=\"Estimate\">No</td>")
    );
    assert!(html.contains(">≈ Estimate (dashed ring), from July 2022 ICBs: see the indicator&#39;s caveats</text>"));
    let hi = st
        .result
        .as_ref()
        .unwrap()
        .profile
        .as_ref()
        .unwrap()
        .iter()
        .find(|r| st.engine.catalogue().indicators[r.indicator].id == "hi_overall")
        .unwrap()
        .value
        .clone();
    assert!(hi.estimate);
    assert!(html.contains(&format!(">≈ {}</text>", ics_data::format::number(hi.value.unwrap(), 1))));
    update(&mut st, Msg::SelectIcs("D7T5G".into()));
    let html = view(&st).to_markup();
    assert!(
        html.contains(">≈ 284,581</text>")
            && html.contains("<td data-label=\"Value\" class=\"num\">284,581 (estimate)</td><td data-label=\"Estimate\">Yes</td>")
    );
    // July 2022: every value is as published, so nothing is marked, and there is nothing to hide.
    let mut st = july_2022();
    update(&mut st, Msg::HashChanged("g=icb22&i=rtt_waiting_list".into()));
    let html = view(&st).to_markup();
    assert_eq!(hatched(&html), 0);
    assert!(!html.contains("Estimate") && !html.contains("ics-hide-estimates") && !csv(&mut st).contains("Estimate"));
}

/// "Hide estimated values" leaves out the ICSs whose values are estimates, like a filter: the chart, table,
/// CSV, ranks among those shown, the fit, and the trend's and profile's comparisons; the page says how many and
/// why; the link keeps it; an indicator with no estimates is untouched.
#[test]
fn hiding_estimates_leaves_them_out_says_how_many_and_why_and_is_in_the_link() {
    let mut st = today();
    update(&mut st, Msg::HashChanged("i=rtt_waiting_list".into()));
    let html = view(&st).to_markup();
    assert!(html.contains("<input type=\"checkbox\" id=\"ics-hide-estimates\" aria-describedby=\"ics-hide-estimates-hint\"/><label for=\"ics-hide-estimates\">Hide estimated values</label>"), "{}", &html[html.find("ics-hide-estimates").unwrap_or(0).saturating_sub(100)..][..300]);
    assert!(html.contains("6 of this indicator&#39;s values are estimates (apportioned from July 2022 ICBs); ticked, those ICSs are left out."));
    update(&mut st, Msg::ToggleHideEstimates);
    let r = st.result.as_ref().unwrap();
    let names: Vec<&str> = r.hidden_estimates.iter().map(|&i| st.engine.frame().icss[i].short_name.as_str()).collect();
    assert_eq!(names, ["Central East", "Essex", "Hampshire and Isle of Wight", "Norfolk and Suffolk", "Surrey and Sussex", "Thames Valley"]);
    let (essex, wnl) = (st.engine.ics("D7T5G").unwrap(), st.engine.ics("Z9B2Z").unwrap());
    assert_eq!(r.included.iter().filter(|&&x| x).count(), 30);
    assert!(!r.included[essex] && r.included[wnl]);
    assert_eq!(r.comparison.filtered.as_ref().unwrap().summary.n, 30, "ranked among the 30 exact values");
    let html = view(&st).to_markup();
    assert_eq!(html.matches("data-item=\"\"").count(), 30);
    assert_eq!(hatched(&html), 0);
    assert!(!html.contains(">≈ Estimate"), "no estimate drawn, no legend entry");
    assert!(html.contains("Showing 30 of 36 ICSs."));
    assert!(html.contains("6 ICSs are hidden because their values are estimates (apportioned from July 2022 ICBs): Central East, Essex, Hampshire and Isle of Wight, Norfolk and Suffolk, Surrey and Sussex and Thames Valley."));
    assert!(html.contains("<caption>Waiting list (incomplete pathways) (pathways), Mar 2026, by ICS: ICSs with exact values (estimates hidden). 6 ICSs with estimated values are hidden</caption>"), "{}", &html[html.find("<caption>").unwrap()..][..200]);
    assert!(html.contains("<input type=\"checkbox\" id=\"ics-hide-estimates\" aria-describedby=\"ics-hide-estimates-hint\" checked=\"checked\"/>"));
    let file = csv(&mut st);
    assert_eq!(file.lines().count(), 1 + 30 + 1, "header, 30 ICSs and England");
    assert!(!file.contains("Essex") && file.contains("\r\nWest and North London,London,483533,no,"));
    // In the link, and back from it.
    let hash = url::to_hash(&st);
    assert_eq!(hash, "i=rtt_waiting_list&he=1");
    assert!(url::is_state("#he=1"));
    let mut again = today();
    update(&mut again, Msg::HashChanged(format!("#{hash}")));
    assert!(again.settings.filters.hide_estimates && again.notices.is_empty(), "{:?}", again.notices);
    assert_eq!(again.result.as_ref().unwrap().included, st.result.as_ref().unwrap().included);
    assert_eq!(url::to_hash(&again), hash);
    // The fit is through exact values only.
    update(&mut st, Msg::SetIndicator("rtt_waiting_list_per_1000".into()));
    update(&mut st, Msg::SetView(View::Scatter));
    let fit = st.result.as_ref().unwrap().fit.clone().unwrap();
    assert!(fit.points.iter().all(|p| p.ics != essex) && fit.left_out.iter().all(|p| p.ics != essex));
    assert_eq!(fit.line.n + fit.left_out.len(), 30);
    assert!(!view(&st).to_markup().contains("class=\"ics-estimate\""));
    // Trends: Essex's own values are hidden, with the reason; so is the change since.
    update(&mut st, Msg::SetIndicator("rtt_waiting_list".into()));
    update(&mut st, Msg::SelectIcs("D7T5G".into()));
    update(&mut st, Msg::SetView(View::Trends));
    let t = st.result.as_ref().unwrap().trend.clone().unwrap();
    assert!(t.points.iter().all(|p| p.value.is_none() && p.estimate) && t.change.is_none());
    let html = view(&st).to_markup();
    assert!(html.contains("<td data-label=\"Essex\" class=\"num\">hidden (estimate)</td>") && !html.contains("class=\"ics-estimate\""));
    assert!(html.contains("Essex&#39;s values are estimates (apportioned from July 2022 ICBs), so they are hidden"));
    // The profile: hidden with the reason.
    update(&mut st, Msg::SetView(View::Profile));
    let html = view(&st).to_markup();
    assert!(html.contains("<td data-label=\"Value\" class=\"num\">hidden (estimate)</td>") && html.contains(">hidden</text>"));
    // The deprivation profile is counted from neighbourhoods: nothing is hidden there.
    update(&mut st, Msg::SetView(View::Deprivation));
    assert!(st.result.as_ref().unwrap().hidden_estimates.is_empty() && st.result.as_ref().unwrap().included.iter().all(|&x| x));
    assert!(view(&st).to_markup().contains("it is exact for every ICS and none is hidden"));
    // An indicator with no estimates (Core20 is counted from neighbourhoods) is untouched, and nothing is said.
    update(&mut st, Msg::SetView(View::Rankings));
    update(&mut st, Msg::SetIndicator("core20_pop_share".into()));
    let r = st.result.as_ref().unwrap();
    assert!(r.hidden_estimates.is_empty() && r.comparison.filtered.is_none());
    let html = view(&st).to_markup();
    assert!(!html.contains("because their values are estimates") && html.contains("This indicator has no estimated values."));
    // Reset filters unticks it.
    update(&mut st, Msg::ResetFilters);
    assert!(!st.settings.filters.hide_estimates);
    // Hostile values are refused with a notice; on the July 2022 map it hides nothing and says why.
    let mut st = today();
    update(&mut st, Msg::HashChanged("#he=2&i=rtt_waiting_list".into()));
    assert!(!st.settings.filters.hide_estimates && st.notices.iter().any(|n| n.contains("\"he=2\"")), "{:?}", st.notices);
    update(&mut st, Msg::HashChanged("#g=icb22&he=1&i=rtt_waiting_list".into()));
    assert!(st.settings.filters.hide_estimates && st.result.as_ref().unwrap().hidden_estimates.is_empty());
    assert!(view(&st).to_markup().contains("No values are estimates on the July 2022 map."));
}

/// Health Index scores cannot be summed: under today's map they are population-weighted means, marked as
/// estimates for every board whose boundaries changed (West and North London too, made of two whole July 2022
/// ICBs), and the metadata, the caveats and About the data say so. The engine's results carry the flag.
#[test]
fn health_index_scores_are_weighted_means_marked_as_estimates() {
    let mut st = today();
    update(&mut st, Msg::HashChanged("i=hi_overall".into()));
    let r = st.result.as_ref().unwrap();
    let flag = |code: &str| r.comparison.rows[st.engine.ics(code).unwrap()].value.estimate;
    assert!(flag("Z9B2Z") && flag("D7T5G") && !flag("QOP"));
    assert_eq!(r.comparison.rows.iter().filter(|x| x.value.estimate).count(), 7);
    let json = serde_json::to_value(r).unwrap();
    assert_eq!(json["comparison"]["rows"][st.engine.ics("Z9B2Z").unwrap()]["value"]["estimate"], true, "the JS API's query result carries it");
    let html = view(&st).to_markup();
    assert!(html.contains(
        "<dt>Estimates</dt><dd>7 of the 36 ICBs&#39; values are estimates (population-weighted means of July 2022 ICBs&#39; scores), marked ≈"
    ));
    assert!(html.contains("This score is published only for the 42 ICBs of July 2022 and cannot be added up, so every ICB whose boundaries changed gets the mean of the scores of the July 2022 ICBs it is made from, weighted by the residents (Census 2021) of the part of each it contains"));
    assert!(html.contains("West and North London = North West London (weight 60%) + North Central London (weight 40%)"));
    assert!(html.contains(">≈ Estimate: population-weighted means of July 2022 ICBs&#39; scores</text>"));
    // A count's caveat names the shares, and says whole predecessors are exact.
    update(&mut st, Msg::SetIndicator("rtt_waiting_list".into()));
    let html = view(&st).to_markup();
    assert!(
        html.contains("Essex = 35% of Suffolk and North East Essex + 21% of Hertfordshire and West Essex + Mid and South Essex")
            && !html.contains("(weight")
    );
    assert!(html.contains("The other 30 ICBs are unchanged or made of whole July 2022 ICBs, so their figures are exact sums."));
    update(&mut st, Msg::SetView(View::About));
    let html = view(&st).to_markup();
    assert!(html.contains("<h3 id=\"ics-estimates-title\">Estimates for the 36 ICBs (April 2026)</h3>"));
    assert!(html.contains("Health Index scores. Rather than show the ICBs whose boundaries changed as unavailable, ICS Explorer estimates their scores as population-weighted means"));
}

/// Sub-ICB locations with counts and denominators (Count ÷ Denominator × 100 in the Value column): North West
/// London (W2U3Z) and North Central London (93C), which make West and North London in April 2026, and Frimley
/// (D4U1Y), split between three boards in April 2026.
const SUB_ICB: &str = "Area Code,Area Name,Time period,Value,Count,Denominator
E38000256,NHS North West London ICB - W2U3Z,2024/25,12.5,250,2000
E38000240,NHS North Central London ICB - 93C,2024/25,10,150,1500
E38000252,NHS Frimley ICB - D4U1Y,2024/25,5,50,1000
";

#[test]
fn a_sub_icb_file_follows_the_boundaries_shown() {
    let mut st = today();
    update(&mut st, Msg::ImportLoaded("flu.csv".into(), SUB_ICB.into()));
    assert!(matches!(&st.import, ImportStatus::Done(d) if d.sub_icb && d.added == [("flu".to_string(), "user_1".to_string())]), "{:?}", st.import);
    assert_eq!(st.engine.catalogue().indicators[st.settings.indicator].id, "user_1");
    // 250 + 150 over 2,000 + 1,500.
    assert_eq!(value_of(&st, "Z9B2Z"), Some(400.0 / 3500.0 * 100.0));
    assert_eq!((value_of(&st, "QRL"), value_of(&st, "S9B9J"), value_of(&st, "S0E4D")), (None, None, None));
    let html = view(&st).to_markup();
    assert!(panel(&html).contains("<li>NHS Frimley ICB - D4U1Y (line 4) is split between Hampshire and Isle of Wight, Surrey and Sussex and Thames Valley on April 2026 boundaries"), "{}", panel(&html));
    assert!(!panel(&html).contains("ics-import-multiplier"), "the Value column settled the multiplier");
    update(&mut st, Msg::SetUserName("Flu jabs".into()));
    // July 2022: summed again, still selected, with the name the user gave it.
    update(&mut st, Msg::SetGeography("icb22".into()));
    let ind = &st.engine.catalogue().indicators[st.settings.indicator];
    assert_eq!((ind.id.as_str(), ind.name.as_str(), ind.unit.as_str()), ("user_1", "Flu jabs", "%"));
    assert_eq!((value_of(&st, "QRV"), value_of(&st, "QMJ"), value_of(&st, "QNQ"), value_of(&st, "QOP")), (Some(12.5), Some(10.0), Some(5.0), None));
    assert!(st.frame_notes.contains(&"“Flu jabs” (from flu.csv) was summed again from its sub-ICB locations to the 42 ICBs (July 2022): 3 of 42 have a value (its notes say why the others have none).".to_string()), "{:?}", st.frame_notes);
    // The import panel's notes are this map's: Frimley is whole in July 2022.
    let html = view(&st).to_markup();
    assert!(!panel(&html).contains("is split between"), "{}", panel(&html));
    assert!(panel(&html).contains("<li>No value for 39 of the 42 ICBs (July 2022) in 2024/25: "), "{}", panel(&html));
    // The same file imported on July 2022 boundaries gives the same figures, under its own id.
    let mut other = july_2022();
    update(&mut other, Msg::ImportLoaded("flu.csv".into(), SUB_ICB.into()));
    for code in ["QRV", "QMJ", "QNQ", "QOP", "QXU"] {
        assert_eq!(value_of(&other, code), value_of(&st, code), "{code}");
    }
    // And back: the April 2026 figures, the link naming it.
    update(&mut st, Msg::SetGeography("icb26".into()));
    assert_eq!(
        (st.engine.catalogue().indicators[st.settings.indicator].id.as_str(), value_of(&st, "Z9B2Z")),
        ("user_1", Some(400.0 / 3500.0 * 100.0))
    );
    assert!(url::to_hash(&st).contains("i=user_1"));
}

#[test]
fn an_icb_file_stays_with_its_boundaries_and_the_page_says_so() {
    let mut st = imported();
    update(&mut st, Msg::SetGeography("icb26".into()));
    assert_ne!(st.engine.catalogue().indicators[st.settings.indicator].domain, ics_data::dataset::Domain::User);
    assert!(st.engine.indicator("user_1").is_err());
    assert!(st.frame_notes.contains(&"“Smoking prevalence by ICB” (from smoking.csv) is for the 42 ICBs (July 2022), so it stays with those boundaries: switch back to them to see it.".to_string()), "{:?}", st.frame_notes);
    let html = view(&st).to_markup();
    let html = panel(&html);
    assert!(
        html.contains("its indicators are for the 42 ICBs (July 2022), so they stay with those boundaries: switch back to them to see them."),
        "{html}"
    );
    assert!(!html.contains("ics-import__unmatched"), "its rows are July 2022 ICSs");
    assert!(html.contains("The template lists the 36 ICBs (April 2026) with their codes"), "{html}");
    update(&mut st, Msg::ChooseImportFix("5:QJK".into()));
    update(&mut st, Msg::ApplyImportFixes);
    assert!(st.engine.indicator("user_1").is_err(), "nothing added on the wrong boundaries");
    // A file imported here gets an id of its own; back on July 2022 the first import is there as it was.
    update(&mut st, Msg::ImportLoaded("b.json".into(), "{\"D7T5G\": 1}".into()));
    assert_eq!(st.engine.catalogue().indicators[st.settings.indicator].id, "user_2");
    update(&mut st, Msg::SetGeography("icb22".into()));
    assert!(st.engine.indicator("user_1").is_ok() && st.engine.indicator("user_2").is_err());
    assert!(st.frame_notes.iter().any(|n| n.starts_with("“b” (from b.json) is for the 36 ICBs (April 2026)")), "{:?}", st.frame_notes);
    update(&mut st, Msg::SetIndicator("user_1".into()));
    assert_eq!(value_of(&st, "QOP"), Some(14.3));
    // A file of April 2026 boards on July 2022 boundaries: one message saying what to do.
    update(&mut st, Msg::ImportLoaded("2026.csv".into(), "ICB code,Value\nD7T5G,1\nQOP,2\n".into()));
    let html = view(&st).to_markup();
    assert!(panel(&html).contains("<li>this file is for the 36 ICBs of April 2026 (line 2: &quot;D7T5G&quot; is Essex, an ICB of April 2026 only), but the page shows the 42 ICBs (July 2022): switch the boundaries to the 36 ICBs of April 2026 and import the file again</li>"), "{}", panel(&html));
}

#[test]
fn the_multiplier_can_be_chosen_when_the_file_does_not_say_and_every_frame_follows() {
    let mut st = today();
    update(&mut st, Msg::ImportLoaded("counts.csv".into(), "Area Code,Count,Denominator\nE38000256,250,2000\nE38000240,150,1500\n".into()));
    assert_eq!(value_of(&st, "Z9B2Z"), Some(400.0 / 3500.0 * 100.0), "a percentage: no count exceeds its denominator");
    let html = view(&st).to_markup();
    assert!(panel(&html).contains("<label class=\"ics-label\" for=\"ics-import-multiplier\">Show Count ÷ Denominator</label>"), "{}", panel(&html));
    assert!(panel(&html).contains("<option value=\"100\" selected=\"selected\">As a percentage (per 100)</option>"));
    update(&mut st, Msg::SetGeography("icb22".into()));
    update(&mut st, Msg::SetImportMultiplier("1000".into()));
    assert_eq!(value_of(&st, "QRV"), Some(125.0));
    assert_eq!(st.engine.catalogue().indicators[st.settings.indicator].unit, "per 1,000");
    // The April 2026 engine, parked, was summed again too.
    update(&mut st, Msg::SetGeography("icb26".into()));
    assert_eq!(value_of(&st, "Z9B2Z"), Some(400.0 / 3500.0 * 1000.0));
    // Not a multiplier: nothing changes.
    update(&mut st, Msg::SetImportMultiplier("7".into()));
    assert_eq!(value_of(&st, "Z9B2Z"), Some(400.0 / 3500.0 * 1000.0));
}

#[test]
fn about_says_which_boundaries_and_edition_and_why_the_editions_are_not_compared() {
    let mut st = today();
    update(&mut st, Msg::SetView(View::About));
    let html = view(&st).to_markup();
    let start = html.find("Shown: the").unwrap();
    let text = &html[start..start + 1000];
    assert!(
        text.starts_with(
            "Shown: the 36 ICBs (April 2026) with the English Indices of Deprivation 2025 (IMD 2025), on 33,755 neighbourhoods (LSOA 2021)."
        ),
        "{text}"
    );
    assert!(text.contains("weighted by their Census 2021 residents. ICB populations, for rates and sizes: Residents, mid-2022 (ONS estimates used as IoD 2025 denominators), by April 2026 ICB."), "{text}");
    assert!(text.contains("Also available under “Boundaries”: the 42 ICSs (July 2022) (with IMD 2019)."), "{text}");
    update(&mut st, Msg::SetGeography("icb22".into()));
    let html = view(&st).to_markup();
    assert!(html.contains("with the English Indices of Deprivation 2019 (IMD 2019), on 32,844 neighbourhoods (LSOA 2011)."), "{html:.2000}");
    assert!(html.contains("ranked by IMD 2019 and cut into ten groups"));
}

/// The funnel plot (July 2022, A&E within 4 hours, every ICS exact): every point the chart draws is a row of its
/// table twin and of the CSV with the same figures; the ICSs outside the 99.8% limits are named in the notes; the
/// adjustment is in the link, and a hostile one is a notice; an indicator without counts says which have them.
#[test]
fn the_funnel_plot_its_table_twin_link_and_hostile_values() {
    let mut st = state();
    update(&mut st, Msg::HashChanged("g=icb22&v=funnel&i=ae_4hr_pct&od=phi".into()));
    assert_eq!((st.settings.view, st.settings.overdispersion), (View::Funnel, ics_engine::funnel::Overdispersion::Phi));
    let f = st.result.as_ref().unwrap().funnel.clone().unwrap().unwrap();
    assert_eq!(f.points.len(), 42);
    let page = view(&st);
    let mut items = Vec::new();
    page.find_all(&|e| e.get_attr("data-item").is_some(), &mut items);
    assert_eq!(items.len(), 42);
    assert_eq!(items.iter().filter(|e| e.get_attr("tabindex") == Some("0")).count(), 1, "one tab stop (roving)");
    let csv = csv(&mut st);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("ICS,Value (% of attendances),Numerator,Denominator,z-score,95% limits,99.8% limits,Adjusted z-score,Adjusted 95% limits,Adjusted 99.8% limits"));
    let side = |s: ics_engine::funnel::Side| match s {
        ics_engine::funnel::Side::High => "Above",
        ics_engine::funnel::Side::Low => "Below",
        ics_engine::funnel::Side::Within => "Within",
    };
    for p in &f.points {
        // The chart's accessible name and the CSV row carry the same value and denominator.
        let value = ics_data::format::number(p.value, 1);
        let den = ics_data::format::number(p.denominator, 0);
        assert!(
            items.iter().any(|e| e.get_attr("aria-label").is_some_and(|l| l.starts_with(&format!("{}: {value}%, denominator {den};", p.name)))),
            "{}",
            p.name
        );
        let row = format!(
            "{},{},{},{},{},{},{},{},{},{}",
            crate::export::csv_cell(&p.name),
            ics_data::format::plain(p.value, 1),
            ics_data::format::plain(p.numerator, 0),
            ics_data::format::plain(p.denominator, 0),
            ics_data::format::plain(p.z, 2),
            side(p.p95),
            side(p.p998),
            ics_data::format::plain(p.z_adjusted, 2),
            side(p.adjusted95),
            side(p.adjusted998)
        );
        assert!(csv.lines().any(|l| l == row), "{row}");
    }
    let html = page.to_markup();
    let outside: Vec<String> = f.outliers(true).iter().map(|(p, _)| p.name.clone()).collect();
    assert!(html.contains(&format!(
        "Outside the adjusted 99.8% limits: {}.",
        if outside.is_empty() {
            "none".to_string()
        } else {
            f.outliers(true).iter().map(|(p, s)| format!("{} ({})", p.name, s.label())).collect::<Vec<_>>().join(", ")
        }
    )));
    assert!(html.contains("How to read a funnel plot") && html.contains("Validated: the limits reproduce"));
    // The link keeps the adjustment and opens the same view.
    let hash = url::to_hash(&st);
    assert!(hash.contains("v=funnel") && hash.contains("od=phi"), "{hash}");
    let mut again = state();
    update(&mut again, Msg::HashChanged(hash.clone()));
    assert_eq!((again.settings.view, again.settings.overdispersion, url::to_hash(&again)), (View::Funnel, st.settings.overdispersion, hash));
    let m = change(&again, "ics-od", "tau").unwrap();
    update(&mut again, m);
    assert!(url::to_hash(&again).contains("od=tau"));
    let m = change(&again, "ics-od", "<b>").unwrap();
    update(&mut again, m);
    assert!(!url::to_hash(&again).contains("od="));
    // Hostile values: a notice, the default, no markup.
    let mut bad = state();
    update(&mut bad, Msg::HashChanged("g=icb22&v=funnel&od=%3Cscript%3Ealert(1)%3C%2Fscript%3E&i=ae_4hr_pct".into()));
    assert_eq!(bad.settings.overdispersion, ics_engine::funnel::Overdispersion::None);
    assert!(bad.notices.iter().any(|n| n.contains("overdispersion adjustment")), "{:?}", bad.notices);
    assert!(!view(&bad).to_markup().contains("<script"));
    // No counts, no funnel: the engine's reason, with the indicators that have one.
    update(&mut bad, Msg::SetIndicator("population".into()));
    let html = view(&bad).to_markup();
    assert!(html.contains("No funnel plot for this indicator") && html.contains("These indicators have one: ae_4hr_pct"), "{html:.500}");
}

/// The range filter's hint gives the span of its indicator's values at its default period, asked of the engine
/// with the query (the view only renders it): on the July 2022 boundaries with IMD 2019, the smallest and
/// largest Core20 shares computed from the raw files.
#[test]
fn the_range_hint_spans_the_raw_values_and_goes_with_the_filter() {
    let raw = raw_core20();
    let (lo, hi) = raw.values().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (s, _)| (a.min(s[0]), b.max(s[0])));
    let mut st = july_2022();
    assert_eq!(st.hints.range, None);
    update(&mut st, Msg::HashChanged("#g=icb22&ri=core20_pop_share".into()));
    let span = st.hints.range.expect("a range filter has a span");
    assert_eq!(st.engine.catalogue().indicators[span.indicator].id, "core20_pop_share");
    assert!((span.lo - lo).abs() < 1e-9 && (span.hi - hi).abs() < 1e-9, "{span:?} vs raw {lo} to {hi}");
    assert!(view(&st).to_markup().contains("<p class=\"ics-hint\" id=\"ics-range-hint\">% of population: 0.6 to 51.4</p>"));
    update(&mut st, Msg::HashChanged("#g=icb22".into()));
    assert_eq!(st.hints.range, None);
    assert!(!view(&st).to_markup().contains("ics-range-hint"));
}

#[test]
fn a_step_reports_the_hash_to_write_and_the_host_events() {
    let mut st = today();
    let hash = |h: &str| Effect::Hash(HashWrite::Push(h.into()));
    let changed = |h: &str| Effect::Emit(HostEvent::ViewChange { hash: h.into() });
    assert_eq!(step(&mut st, Msg::SetView(View::Map)), [hash("v=map"), changed("v=map")]);
    let selected = Effect::Emit(HostEvent::IcsSelect { code: "QOP".into(), name: "Greater Manchester".into() });
    assert_eq!(step(&mut st, Msg::SelectIcs("E54000057".into())), [hash("v=map&s=QOP"), changed("v=map&s=QOP"), selected]);
    assert_eq!(step(&mut st, Msg::Hover(Some(3))), [], "nothing the hash or the host page sees");
    // Typing a range bound replaces the hash in place.
    let ri = st.engine.indicator("ae_4hr_pct").unwrap().0;
    step(&mut st, Msg::SetRangeIndicator(Some(ri)));
    let typed = step(&mut st, Msg::SetRangeMin("70".into()));
    assert_eq!(typed[0], Effect::Hash(HashWrite::Replace("v=map&s=QOP&ri=ae_4hr_pct&rmin=70".into())));
    // From the address bar: nothing written, a waiting write dropped; an empty hash is the embedder's view.
    st.home = "v=trends".into();
    let back = step(&mut st, Msg::HashChanged(String::new()));
    let cleared = Effect::Emit(HostEvent::IcsSelect { code: String::new(), name: String::new() });
    assert_eq!(back, [Effect::Hash(HashWrite::Cancel), changed("v=trends"), cleared]);
    // Back to the default view when the embedder's is another one: the default is written out.
    assert_eq!(step(&mut st, Msg::SetView(View::Rankings)), [hash("v=rankings"), changed("")]);
    // Without hash mode, only the events.
    st.options.hash = false;
    assert_eq!(step(&mut st, Msg::SetView(View::Map)), [changed("v=map")]);
}

/// The deprivation profile draws each group's segments, of England's row and every ICS's, as one path (not a
/// rectangle each) over a band per ICS that takes the pointer; the quintiles and deciles toggle changes the paths.
#[test]
fn the_deprivation_profile_draws_one_path_per_group() {
    let mut st = today();
    update(&mut st, Msg::SetView(View::Deprivation));
    for (deciles, groups) in [(false, 5), (true, 10)] {
        update(&mut st, Msg::SetDepDeciles(deciles));
        let html = view(&st).to_markup();
        let chart = &html[html.find("<svg class=\"ics-chart\"").unwrap()..];
        let chart = &chart[..chart.find("</svg>").unwrap()];
        let paths: Vec<&str> = chart.split("<path d=\"").skip(1).map(|p| &p[..p.find('"').unwrap()]).collect();
        assert_eq!(paths.len(), groups, "one path per group");
        assert!(paths.iter().all(|d| d.matches('M').count() == 37), "England and the 36 ICBs in each: {paths:?}");
        assert_eq!(chart.matches("class=\"ics-item__hit\"").count(), 36, "a band per ICS");
        // The bands and the legend's swatches: no rectangle per segment (37 × groups before).
        assert!(chart.matches("<rect").count() <= 36 + groups + 1, "{}", chart.matches("<rect").count());
    }
}
