//! The embedder's settings: the `<ics-explorer>` element's attributes and `IcsExplorer.mount`'s options,
//! applied to a [`State`] when the explorer starts and whenever one changes. A mistake in them is the page
//! editor's, not the visitor's: each comes back as a [`Problem`] worded as a settings problem, which the web
//! layer reports to the host page (an `ics-error` event) and the console, never as a notice in the page. The
//! setting falls back to its default and everything else still applies.

use super::{frames, url, Effect, State};
use ics_engine::query::View;

/// A setting that could not be used: its name (the attribute), and what is wrong with it, for the editor.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub setting: &'static str,
    pub message: String,
}

/// The settings that pick the frame: the boundaries (`icb26` or `icb22`) and the deprivation edition (`2025`
/// or `2019`). They apply first, as what the others name depends on them.
pub const FRAME_SETTINGS: [&str; 2] = ["geography", "imd"];

/// The settings that describe the view, in the order they apply: a whole view (`state`, as copied from "Embed
/// this view") first, then the single settings on top of it. `views` and `compact` are the explorer's options.
pub const VIEW_SETTINGS: [&str; 6] = ["state", "indicator", "period", "ics", "region", "view"];

/// Every setting `set` understands, in the order a change to several applies: the options first, as the
/// default view depends on `views`.
pub const ALL: [&str; 10] = ["views", "compact", "geography", "imd", "state", "indicator", "period", "ics", "region", "view"];

fn problem(setting: &'static str, message: String) -> Problem {
    Problem { setting, message }
}

fn view_list(views: &[View]) -> String {
    let keys: Vec<&str> = views.iter().map(|v| v.key()).collect();
    match keys.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => keys.join(""),
    }
}

/// The views to offer, from a comma- or space-separated list (the first is the default). Unknown names are
/// problems; a list with no known view offers them all.
pub fn views(text: &str) -> (Vec<View>, Vec<Problem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for key in text.split(|c: char| c == ',' || c.is_whitespace()).filter(|k| !k.is_empty()) {
        match View::from_key(&key.to_ascii_lowercase()) {
            Some(v) if !out.contains(&v) => out.push(v),
            Some(_) => {}
            None => problems.push(problem("views", format!("\"{}\" is not a view; use {}", url::clean(key), view_list(&View::ALL)))),
        }
    }
    if out.is_empty() {
        if problems.is_empty() {
            problems.push(problem("views", format!("no view is named; use one or more of {}, separated by commas", view_list(&View::ALL))));
        }
        out = View::ALL.to_vec();
    }
    (out, problems)
}

/// A boolean attribute: present (empty, or its own name) or "true" is on, "false" is off. Anything else is a
/// problem and counts as on, as HTML reads a present attribute.
pub fn flag(setting: &'static str, value: Option<&str>) -> (bool, Option<Problem>) {
    match value.map(|v| v.trim().to_ascii_lowercase()) {
        None => (false, None),
        Some(v) if v.is_empty() || v == "true" || v == setting => (true, None),
        Some(v) if v == "false" => (false, None),
        Some(v) => (
            true,
            Some(problem(
                setting,
                format!(
                    "\"{}\" is not true or false; write {setting} on its own (or {setting}=\"true\") to turn it on, or leave it out",
                    url::clean(&v)
                ),
            )),
        ),
    }
}

/// Applies the settings given to a new explorer's state (`views` and `compact`, its [`super::Options`], are set
/// before). Returns their problems, and the effect to carry out when the frame they name must load first.
pub fn start(st: &mut State, settings: &[(&str, &str)]) -> (Vec<Problem>, Option<Effect>) {
    let given: Vec<(String, Option<String>)> = settings.iter().map(|(k, v)| (k.to_string(), Some(v.to_string()))).collect();
    set(st, &given)
}

/// Applies changed settings to the running explorer (`None`: the attribute was removed, back to its default).
/// The frame first: `geography` and `imd`, or those of a `state` (the embedder's own win); when its edition
/// must load, the rest apply once it has (`Effect::LoadEdition`; their problems then go to
/// `State::late_problems`). Returns the problems found now.
pub fn set(st: &mut State, changes: &[(String, Option<String>)]) -> (Vec<Problem>, Option<Effect>) {
    let mut problems = Vec::new();
    let value = |name: &str| changes.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_deref().map(str::trim).filter(|v| !v.is_empty()));
    for name in FRAME_SETTINGS {
        let Some(v) = value(name) else { continue };
        let v = v.map(str::to_string);
        let check = if name == "geography" { frames::target(st, v.as_deref(), None) } else { frames::target(st, None, v.as_deref()) };
        let ok = match check {
            Ok(_) => v,
            Err(why) => {
                problems.push(problem(name, why));
                None
            }
        };
        if name == "geography" {
            st.options.geography = ok;
        } else {
            st.options.imd = ok;
        }
    }
    let state = value("state");
    let rest: Vec<(String, Option<String>)> = changes.iter().filter(|(k, _)| !FRAME_SETTINGS.contains(&k.as_str())).cloned().collect();
    if state.is_some() || FRAME_SETTINGS.iter().any(|n| value(n).is_some()) {
        let (g, imd) = state.flatten().map(url::frame_of).unwrap_or_default();
        // Whose frame it is, for a problem: the embedder's setting, or the view's.
        let whose = if st.options.geography.is_some() {
            "geography"
        } else if st.options.imd.is_some() {
            "imd"
        } else {
            "state"
        };
        let (geography, imd) = (st.options.geography.clone().or(g), st.options.imd.clone().or(imd));
        let target = frames::target(st, geography.as_deref(), imd.as_deref()).map_err(|why| problem(whose, why));
        let shown = target.and_then(|(set, edition)| {
            frames::go(st, set, &edition, frames::Then::Settings { whose, rest: rest.clone() })
                .map_err(|why| problem(whose, format!("{why}; today's map is shown")))
        });
        match shown {
            Ok(Some(effect)) => return (problems, Some(effect)),
            Ok(None) => {}
            Err(p) => {
                problems.push(p);
                let today = st.dataset.today();
                let edition = st.dataset.area_sets()[today].edition.clone();
                // Today's edition ships in the core file, so this never waits.
                let _ = frames::go(st, today, &edition, frames::Then::Switch);
            }
        }
    }
    problems.extend(apply_all(st, &rest));
    (problems, None)
}

/// Applies view settings (not the frame's) in [`VIEW_SETTINGS`] order, then asks the engine again.
pub fn apply_all(st: &mut State, settings: &[(String, Option<String>)]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for name in ["views", "compact"].iter().chain(VIEW_SETTINGS.iter()) {
        for (_, v) in settings.iter().filter(|(k, _)| k == name) {
            problems.extend(apply(st, name, v.as_deref()));
        }
    }
    st.refresh();
    problems
}

/// `set` without asking the engine again.
fn apply(st: &mut State, name: &str, value: Option<&str>) -> Vec<Problem> {
    let value = value.map(str::trim);
    let mut problems = Vec::new();
    let ds = st.engine.catalogue();
    match name {
        "state" => {
            st.reset();
            for p in url::problems(st, value.unwrap_or("")) {
                problems.push(state_problem(st, p));
            }
        }
        "indicator" => match value.filter(|v| !v.is_empty()) {
            None => {
                st.settings.indicator = st.engine.indicator(super::DEFAULT_INDICATOR).map(|(k, _)| k).unwrap_or(0);
                st.settings.period = None;
                st.settings.base_period = None;
            }
            Some(id) => match ds.indicator_index(id) {
                Some(k) => {
                    if k != st.settings.indicator {
                        st.settings.period = None;
                        st.settings.base_period = None;
                        st.sort = None;
                    }
                    st.settings.indicator = k;
                }
                None => problems.push(unknown_indicator(id)),
            },
        },
        "period" => match value.filter(|v| !v.is_empty()) {
            None => st.settings.period = None,
            Some(p) => {
                let (_, periods) = st.engine.periods(&ds.indicators[st.settings.indicator]);
                match url::period(&periods, p) {
                    Some(x) => st.settings.period = Some(x),
                    None => problems.push(no_period(st, p, &periods)),
                }
            }
        },
        "ics" => match value.filter(|v| !v.is_empty()) {
            None => st.settings.selected = None,
            Some(code) => match ds.ics_index(code) {
                Some(i) => st.settings.selected = Some(i),
                None => problems.push(unknown_ics(code)),
            },
        },
        "region" => match value.filter(|v| !v.is_empty()) {
            None => st.settings.filters.region = None,
            Some(code) => match ds.regions.iter().position(|r| r.ods.eq_ignore_ascii_case(code) || r.code.eq_ignore_ascii_case(code)) {
                Some(r) => st.settings.filters.region = Some(r),
                None => problems.push(unknown_region(st, code)),
            },
        },
        "view" => match value.filter(|v| !v.is_empty()) {
            None => st.settings.view = st.options.views.first().copied().unwrap_or_default(),
            Some(key) => match View::from_key(&key.to_ascii_lowercase()) {
                Some(v) if st.options.views.contains(&v) => st.settings.view = v,
                _ => problems.push(unknown_view(st, key)),
            },
        },
        "views" => {
            let (views, p) = match value {
                None => (View::ALL.to_vec(), vec![]),
                Some(v) => views(v),
            };
            problems.extend(p);
            st.options.views = views;
            if !st.options.views.contains(&st.settings.view) {
                st.settings.view = st.options.views[0];
            }
        }
        "compact" => {
            let (on, p) = flag("compact", value);
            st.options.compact = on;
            problems.extend(p);
        }
        _ => {}
    }
    problems
}

fn unknown_indicator(id: &str) -> Problem {
    problem(
        "indicator",
        format!(
            "\"{}\" is not an indicator id; use one such as {} or ae_4hr_pct (\"About the data\" lists every id)",
            url::clean(id),
            super::DEFAULT_INDICATOR
        ),
    )
}

pub fn unknown_ics(code: &str) -> Problem {
    problem("ics", format!("\"{}\" is not an ICS; use its ONS code (such as E54000057) or its NHS code (such as QOP)", url::clean(code)))
}

fn unknown_region(st: &State, code: &str) -> Problem {
    let regions: Vec<String> = st.engine.frame().regions.iter().map(|r| format!("{} ({})", r.ods, r.name)).collect();
    problem("region", format!("\"{}\" is not an NHS region; use {}", url::clean(code), regions.join(", ")))
}

fn unknown_view(st: &State, key: &str) -> Problem {
    let known = View::from_key(&key.to_ascii_lowercase()).is_some();
    let why = if known { "is not one of the views offered (see views)" } else { "is not a view" };
    problem("view", format!("\"{}\" {why}; use {}", url::clean(key), view_list(&st.options.views)))
}

fn no_period(st: &State, p: &str, periods: &[String]) -> Problem {
    let name = &st.engine.catalogue().indicators[st.settings.indicator].name;
    let range = match (periods.first(), periods.last()) {
        (Some(a), Some(b)) if a != b => format!("one of its periods from {a} to {b}"),
        (Some(a), _) => format!("its one period, {a}"),
        _ => "no period".into(),
    };
    problem("period", format!("\"{}\" is not a period of {name}; use latest, or {range} (leave it out for its default period: the latest with values for all but two ICSs)", url::clean(p)))
}

/// A problem in a whole view (`state`), in the words of the setting it stands for.
fn state_problem(st: &State, p: url::Problem) -> Problem {
    let whole = |why: String| problem("state", why);
    match p {
        url::Problem::TooLong(n) => whole(format!("the value is too long ({n} characters) to be a view; copy it again from \"Embed this view\"")),
        url::Problem::Period(v) => {
            let (_, periods) = st.engine.periods(&st.engine.catalogue().indicators[st.settings.indicator]);
            whole(no_period(st, &v, &periods).message)
        }
        url::Problem::BasePeriod(v) => whole(format!("the base period \"{}\" is not a period of this indicator", url::clean(&v))),
        url::Problem::Unknown { what, value } => whole(match what {
            "view" => unknown_view(st, &value).message,
            "indicator" => unknown_indicator(&value).message,
            "ICS" => unknown_ics(&value).message,
            "region" => unknown_region(st, &value).message,
            "setting" => format!("\"{}\" is not part of a view; copy the whole value from \"Embed this view\"", url::clean(&value)),
            _ => format!("the {what} \"{}\" is not recognised; copy the whole value from \"Embed this view\"", url::clean(&value)),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url::to_hash;

    fn state() -> State {
        crate::tests::today()
    }

    fn set1(st: &mut State, name: &str, value: Option<&str>) -> Vec<Problem> {
        let (problems, effect) = set(st, &[(name.to_string(), value.map(str::to_string))]);
        assert_eq!(effect, None);
        problems
    }

    fn imd2019() -> String {
        ics_data::testdata::imd2019_json().into()
    }

    #[test]
    fn geography_loads_its_edition_then_applies_the_rest_there() {
        use crate::{update, Msg};
        let mut st = crate::tests::core();
        let (p, effect) = start(&mut st, &[("geography", "icb22"), ("ics", "QRV"), ("view", "map")]);
        assert_eq!((p, effect), (vec![], Some(Effect::LoadEdition("imd2019".into()))));
        assert_eq!(st.settings.selected, None, "North West London is not on today's map: it waits for the July 2022 one");
        update(&mut st, Msg::EditionLoaded("imd2019".into(), imd2019()));
        assert_eq!(to_hash(&st), "g=icb22&v=map&s=QRV");
        assert!(st.late_problems.is_empty());
        // The embedder's geography wins over a view's; a view's own applies when there is none.
        assert_eq!(set(&mut st, &[("state".into(), Some("g=icb26&v=trends".into()))]), (vec![], None));
        assert_eq!(to_hash(&st), "g=icb22&v=trends");
        assert_eq!(set1(&mut st, "geography", None), vec![]);
        assert_eq!(to_hash(&st), "v=trends", "today's map, as it was loaded");
        assert_eq!(set(&mut st, &[("state".into(), Some("g=icb22&s=QMJ".into()))]), (vec![], None));
        assert_eq!(to_hash(&st), "g=icb22&s=QMJ");
    }

    #[test]
    fn settings_waiting_for_an_edition_report_their_problems_late() {
        use crate::{update, Msg};
        let mut st = crate::tests::core();
        let (_, effect) = start(&mut st, &[("state", "g=icb22"), ("ics", "Z9B2Z")]);
        assert!(effect.is_some());
        update(&mut st, Msg::EditionLoaded("imd2019".into(), imd2019()));
        assert_eq!(st.late_problems.len(), 1);
        assert!(st.late_problems[0].message.starts_with("\"Z9B2Z\" is not an ICS"), "{:?}", st.late_problems);
    }

    #[test]
    fn a_frame_that_cannot_be_shown_is_the_editors_mistake_and_today_is_shown() {
        let mut st = state();
        let (p, effect) = start(&mut st, &[("geography", "icb2022"), ("view", "map")]);
        assert_eq!(effect, None);
        assert_eq!(p[0].setting, "geography");
        assert_eq!(p[0].message, "\"icb2022\" is not a geography; use icb22 or icb26");
        assert_eq!(to_hash(&st), "v=map", "the rest still applies");
        // IMD 2019 has no lookup to today's boundaries.
        let mut st = state();
        let (p, _) = start(&mut st, &[("imd", "2019")]);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].setting, "imd");
        assert!(p[0].message.contains("today's map is shown"), "{}", p[0].message);
        assert_eq!(st.engine.frame().set.id, "icb26");
        // The same found once the edition has loaded, when it was not loaded before.
        let mut st = crate::tests::core();
        let (p, effect) = start(&mut st, &[("imd", "2019"), ("view", "map")]);
        assert_eq!((p, effect), (vec![], Some(Effect::LoadEdition("imd2019".into()))));
        crate::update(&mut st, crate::Msg::EditionLoaded("imd2019".into(), imd2019()));
        assert_eq!(st.late_problems.iter().map(|p| p.setting).collect::<Vec<_>>(), ["imd"]);
        assert!(
            st.late_problems[0].message.ends_with("has no lookup to the 36 ICBs (April 2026): choose another edition; today's map is shown"),
            "{:?}",
            st.late_problems
        );
        assert_eq!((st.engine.frame().set.id.as_str(), to_hash(&st).as_str()), ("icb26", "v=map"));
        let (p, _) = start(&mut state(), &[("imd", "1999")]);
        assert_eq!(p[0].message, "\"1999\" is not a deprivation edition; use 2025 or 2019");
    }

    #[test]
    fn settings_make_the_starting_view_with_state_first_and_the_others_on_top() {
        let mut st = state();
        let p = start(&mut st, &[("view", "map"), ("ics", "qop"), ("indicator", "ae_4hr_pct"), ("state", "v=trends&s=QYG&r=Y62")]).0;
        assert_eq!(p, vec![]);
        assert_eq!(to_hash(&st), "v=map&i=ae_4hr_pct&s=QOP&r=Y62");
    }

    #[test]
    fn latest_is_the_indicators_most_recent_period_as_in_the_engine() {
        let mut st = state();
        assert_eq!(start(&mut st, &[("indicator", "ae_4hr_pct"), ("period", "latest")]), (vec![], None));
        let (_, periods) = st.engine.periods(&st.engine.catalogue().indicators[st.settings.indicator]);
        assert_eq!(st.settings.period.as_ref(), periods.last());
        // The same in a link.
        let mut st2 = state();
        assert_eq!(start(&mut st2, &[("state", "i=ae_4hr_pct&p=LATEST")]), (vec![], None));
        assert_eq!(st2.settings.period, st.settings.period);
    }

    #[test]
    fn mistakes_are_worded_for_the_editor_and_the_rest_still_applies() {
        let mut st = state();
        let p = start(
            &mut st,
            &[("indicator", "nope"), ("ics", "NOPE"), ("view", "foo"), ("region", "Y99"), ("period", "2099"), ("state", "v=bar&zz=1")],
        )
        .0;
        let text: Vec<String> = p.iter().map(|p| format!("{}: {}", p.setting, p.message)).collect();
        assert_eq!(text.len(), 7, "{text:#?}");
        assert_eq!(text[0], "state: \"bar\" is not a view; use rankings, deprivation, scatter, funnel, map, trends, profile or about");
        assert_eq!(text[1], "state: \"zz=1\" is not part of a view; copy the whole value from \"Embed this view\"");
        assert!(text[2].starts_with("indicator: \"nope\" is not an indicator id; use one such as"), "{}", text[2]);
        assert!(text[3].starts_with("period: \"2099\" is not a period of "), "{}", text[3]);
        assert!(text[3].contains("use latest, or its one period, 2025"), "{}", text[3]);
        assert_eq!(text[4], "ics: \"NOPE\" is not an ICS; use its ONS code (such as E54000057) or its NHS code (such as QOP)");
        assert!(text[5].starts_with("region: \"Y99\" is not an NHS region; use Y56 (London), "), "{}", text[5]);
        assert!(text[6].starts_with("view: \"foo\" is not a view; use rankings,"), "{}", text[6]);
        assert!(!text.iter().any(|t| t.contains("link")), "not the visitor's words: {text:#?}");
        assert!(st.notices.is_empty(), "nothing is shown to visitors: {:?}", st.notices);
        assert!(st.result.is_ok());
        assert_eq!(to_hash(&st), "");
    }

    #[test]
    fn views_keep_known_names_and_report_the_others() {
        let (v, p) = views("rankings, MAP foo");
        assert_eq!(v, vec![View::Rankings, View::Map]);
        assert_eq!(p[0].message, "\"foo\" is not a view; use rankings, deprivation, scatter, funnel, map, trends, profile or about");
        let (v, p) = views("foo");
        assert_eq!((v, p.len()), (View::ALL.to_vec(), 1));
        // A view not offered is the editor's mistake too, and says which are.
        let mut st = state();
        set1(&mut st, "views", Some("trends,map"));
        assert_eq!(st.settings.view, View::Trends, "the current view moves to an offered one");
        let p = set1(&mut st, "view", Some("rankings"));
        assert_eq!(p[0].message, "\"rankings\" is not one of the views offered (see views); use trends or map");
    }

    #[test]
    fn false_means_off_for_a_flag() {
        assert_eq!(flag("compact", None), (false, None));
        assert_eq!(flag("compact", Some("")), (true, None));
        assert_eq!(flag("compact", Some("compact")), (true, None));
        assert_eq!(flag("compact", Some("TRUE")), (true, None));
        assert_eq!(flag("compact", Some("false")), (false, None));
        let (on, p) = flag("compact", Some("yes"));
        assert!(on && p.unwrap().message.starts_with("\"yes\" is not true or false"));
    }

    #[test]
    fn compact_leaves_out_the_filters_unless_the_view_is_filtered() {
        let mut st = state();
        set1(&mut st, "compact", Some(""));
        let html = crate::view(&st).to_markup();
        assert!(!html.contains("Filter the ICSs shown") && !html.contains("ics-filters"), "{html:.400}");
        set1(&mut st, "region", Some("Y62"));
        let html = crate::view(&st).to_markup();
        assert!(html.contains("Filter the ICSs shown (3 of 36 shown)"), "a filtered view says so");
        set1(&mut st, "compact", Some("false"));
        set1(&mut st, "region", None);
        assert!(crate::view(&st).to_markup().contains("Filter the ICSs shown"));
    }

    #[test]
    fn from_file_the_embed_box_says_to_host_the_folder_first() {
        let mut st = state();
        st.options.base = "file:///C:/Users/me/Downloads/ics-explorer/".into();
        let html = crate::view(&st).to_markup();
        assert!(html.contains("first put the ICS Explorer folder on a web server or intranet site"), "{html:.400}");
        assert!(!html.contains("file:///") && !html.contains("ics-embed-iframe"));
        st.options.base = "https://intranet.example.nhs.uk/ics-explorer/".into();
        let html = crate::view(&st).to_markup();
        assert!(html.contains("https://intranet.example.nhs.uk/ics-explorer/embed.html"));
    }

    #[test]
    fn a_removed_setting_goes_back_to_its_default() {
        let mut st = state();
        start(&mut st, &[("ics", "QOP"), ("view", "map"), ("region", "Y62"), ("indicator", "ae_4hr_pct"), ("period", "latest")]);
        for name in ["ics", "view", "region", "period", "indicator"] {
            assert_eq!(set1(&mut st, name, None), vec![]);
        }
        assert_eq!(to_hash(&st), "");
    }
}
