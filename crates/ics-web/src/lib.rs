//! wasm32 only: the thin layer between the browser and the pure-Rust page in `ui`.
//!
//! It validates the dataset handed over by `www/ics-explorer.js`, mounts an app into an element, applies the
//! embedder's settings (reporting their mistakes to the loader, which tells the host page), patches the DOM
//! after every update, turns DOM events into `ui::Msg`s (with keyboard support for chart items), follows the
//! element's own width, and carries out the effects `ui::step` returns (hash writes, events for the host page,
//! downloads, copies, editions loaded). It decides nothing about the page: it never computes a figure, never
//! works out what changed, and never builds markup from strings.
//!
//! The only crate that links wasm-bindgen, web-sys, js-sys and gloo, and the cdylib `scripts/build.sh` compiles.
//! Natively it is empty (the whole crate is wasm32-only).

#![cfg(target_arch = "wasm32")]

pub mod bench;
pub mod dom;
mod effects;

use dom::Dom;
use gloo::events::{EventListener, EventListenerOptions};
use ics_data::dataset;
use ics_ui::{self as ui, node::Handler, settings, url, view::item, Msg, Options, State};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub(crate) struct App {
    state: State,
    dom: Dom<Msg>,
    listeners: Vec<EventListener>,
    /// Watches the explorer's own width (a tab or accordion that opens, a column that narrows).
    resize: Option<(web_sys::ResizeObserver, Closure<dyn FnMut()>)>,
    /// Whether a change of view adds a Back step (pushState). Not in a frame: the session history is the host
    /// page's, so a frame keeps its hash up to date in place.
    push_history: bool,
    /// The settings at mount wait for an edition: `State::home` is written once it has loaded, then the page's hash
    /// (`hash_after`) is opened.
    home_waits: bool,
    hash_after: Option<String>,
    /// `settled()` promises to resolve once no edition is loading, with the settings' late problems.
    waiters: Vec<js_sys::Function>,
}

type Shared = Rc<RefCell<App>>;

/// A mounted explorer, returned to JavaScript.
#[wasm_bindgen]
pub struct Explorer {
    pub(crate) app: Shared,
    /// The settings' problems found at mount, until the loader reads them.
    problems: Vec<settings::Problem>,
}

fn js_error(message: &str, problems: &[String]) -> JsValue {
    let err = js_sys::Error::new(message);
    let list = js_sys::Array::new();
    for p in problems {
        list.push(&JsValue::from_str(p));
    }
    let _ = js_sys::Reflect::set(&err, &"problems".into(), &list);
    err.into()
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = performance, js_name = mark)]
    fn performance_mark(name: &str) -> Result<JsValue, JsValue>;
}

/// A User Timing mark (start-up phases, for the benchmark and the browser's performance panel).
fn mark(name: &str) {
    let _ = performance_mark(name);
}

fn get(options: &JsValue, key: &str) -> Option<JsValue> {
    if !options.is_object() {
        return None;
    }
    js_sys::Reflect::get(options, &key.into()).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// The settings in a plain object, in the order they apply (`settings::ALL`): a string value sets one, `null`
/// removes it (back to its default); a setting the object does not have is left as it is.
fn settings_of(o: &JsValue) -> Vec<(String, Option<String>)> {
    if !o.is_object() {
        return vec![];
    }
    settings::ALL
        .into_iter()
        .filter_map(|name| {
            let v = js_sys::Reflect::get(o, &name.into()).ok()?;
            if v.is_undefined() {
                None
            } else if v.is_null() {
                Some((name.to_string(), None))
            } else {
                Some((name.to_string(), Some(v.as_string().unwrap_or_else(|| String::from(js_sys::JsString::from(v))))))
            }
        })
        .collect()
}

/// Problems as plain objects for the loader: `{setting, message}`.
fn problems_to_js(problems: &[settings::Problem]) -> JsValue {
    let list = js_sys::Array::new();
    for p in problems {
        let o = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&o, &"setting".into(), &p.setting.into());
        let _ = js_sys::Reflect::set(&o, &"message".into(), &p.message.as_str().into());
        list.push(&o);
    }
    list.into()
}

/// Mounts ICS Explorer into `root`, reading the dataset from `dataset_json` (the text of dataset.json).
/// `options` (an object, optional): `hash` (bool, or an attribute's text; default true: read and write the
/// URL hash), `base` (the
/// explorer folder's URL, for embed snippets) and `settings`, the embedder's settings as strings (`views`,
/// `compact`, `state`, `indicator`, `period`, `ics`, `region`, `view`: see `ui::settings`). With `hash`, a page
/// hash that is a view wins over the settings, which become the view an empty hash shows. The settings'
/// problems are kept for `problems()`.
/// On failure, throws an `Error` whose `problems` property lists every problem found, for the error panel.
#[wasm_bindgen]
pub fn mount(root: web_sys::Element, dataset_json: &str, options: JsValue) -> Result<Explorer, JsValue> {
    install_panic_hook();
    let ds = dataset::load(dataset_json).map_err(|p| {
        let list: Vec<String> = p.0.iter().map(|x| x.to_string()).collect();
        js_error("The dataset failed validation, so the explorer cannot show it.", &list)
    })?;
    let mut opts = Options::default();
    let mut problems = Vec::new();
    if let Some(h) = get(&options, "hash") {
        // A boolean from IcsExplorer.mount, or the element's attribute as written (hash="false" is off).
        opts.hash = match h.as_string() {
            Some(text) => {
                let (on, p) = settings::flag("hash", Some(&text));
                problems.extend(p);
                on
            }
            None => h.is_truthy(),
        };
    }
    if let Some(b) = get(&options, "base").and_then(|b| b.as_string()) {
        opts.base = b;
    }
    let given = get(&options, "settings").map(|o| settings_of(&o)).unwrap_or_default();
    let value = |name: &str| given.iter().find(|(k, _)| *k == name).and_then(|(_, v)| v.as_deref());
    if let Some(v) = value("views") {
        let (views, p) = settings::views(v);
        opts.views = views;
        problems.extend(p);
    }
    let (compact, p) = settings::flag("compact", value("compact"));
    opts.compact = compact;
    problems.extend(p);
    mark("ics-explorer:dataset-loaded");
    let mut state = State::new(ds, opts).map_err(|e| js_error(&format!("The dataset has nothing to show: {e}."), &[]))?;
    let width = f64::from(root.client_width()).max(280.0);
    // `views` and `compact` are the options, read above.
    let view_settings: Vec<(String, Option<String>)> = given.iter().filter(|(k, _)| k != "views" && k != "compact").cloned().collect();
    let (p, mut pending) = settings::set(&mut state, &view_settings);
    problems.extend(p);
    // Waiting for an edition (a view of the July 2022 map), what an empty hash means is known once it loads.
    let home_waits = pending.is_some();
    state.home = url::to_hash(&state);
    let mut dom = Dom::new(root.clone())?;
    // A page prerendered at build time (`ics-explorer prerender`) holds the first view drawn at a width, with
    // no folder URL, and its markup's fingerprint. Drawn the same way, the same tree takes that DOM over as it
    // is; what the visitor did meanwhile (queued by the loader) becomes messages; then the page's own width,
    // folder and hash apply as an ordinary update.
    let mut replay = Vec::new();
    if let Some(p) = root.get_attribute(PRERENDERED) {
        let (w, fingerprint) = p.split_once(':').unwrap_or_default();
        // A whole number of pixels: parsing a float would bring the float parser into the wasm (20 KB).
        if let Some(w) = w.parse::<u16>().ok().map(f64::from).filter(|w| *w >= 280.0) {
            let folder = std::mem::take(&mut state.options.base);
            state.width = w;
            if dom.hydrate(ui::view(&state), fingerprint) {
                mark("ics-explorer:hydrated");
                replay = queued_messages(&dom, get(&options, "queued"));
            }
            state.options.base = folder;
        }
        let _ = root.remove_attribute(PRERENDERED);
    }
    state.width = width;
    let mut hash_after = None;
    if state.options.hash {
        // The page's hash, when it is a view (a link to one, or Back to one); an ordinary anchor of the host
        // page (#contact-us) is left alone. It wins over the settings (and may load an edition of its own).
        let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
        if !hash.trim_start_matches('#').is_empty() && url::is_state(&hash) {
            if home_waits {
                // Opened once the settings' view is there (and `home` known).
                hash_after = Some(hash);
            } else {
                pending = ui::update(&mut state, Msg::HashChanged(hash));
            }
        }
    }
    mark("ics-explorer:state-ready");
    let tree = ui::view(&state);
    mark("ics-explorer:view-built");
    dom.render(tree)?;
    let push_history = web_sys::window().is_some_and(|w| w.top().ok().flatten().is_some_and(|top| js_sys::Object::is(&top, &w)));
    let app =
        Rc::new(RefCell::new(App { state, dom, listeners: Vec::new(), resize: None, push_history, home_waits, hash_after, waiters: Vec::new() }));
    listen(&app)?;
    if let Some(effect) = pending {
        run_effect(&app, effect);
    }
    for msg in replay {
        dispatch(&app, msg);
    }
    Ok(Explorer { app, problems })
}

/// The attribute of a prerendered root: `WIDTH:FINGERPRINT` (see `Dom::hydrate`).
const PRERENDERED: &str = "data-prerender";

/// The loader's queue of events on the prerendered DOM (`[{type, h, value}]`: "click", "change" or "input", the
/// element's handler id, the control's value) as the messages their handlers give. Anything else is left out.
fn queued_messages(dom: &Dom<Msg>, queued: Option<JsValue>) -> Vec<Msg> {
    let Some(list) = queued.and_then(|q| q.dyn_into::<js_sys::Array>().ok()) else { return Vec::new() };
    let text = |e: &JsValue, k: &str| get(e, k).and_then(|v| v.as_string()).unwrap_or_default();
    list.iter()
        .filter_map(|e| {
            let id = get(&e, "h").and_then(|h| h.as_f64()).filter(|h| h.fract() == 0.0 && *h >= 0.0)? as usize;
            let (kind, value) = (text(&e, "type"), text(&e, "value"));
            message_of(dom.handlers.get(id)?, &kind, || value.clone())
        })
        .collect()
}

/// The message an element's handlers give for an event of `kind` (`value`: the control's value).
fn message_of(handlers: &[Handler<Msg>], kind: &str, value: impl Fn() -> String) -> Option<Msg> {
    handlers.iter().find_map(|h| match (h, kind) {
        (Handler::Click(m), "click") => Some(m.clone()),
        (Handler::Change(f), "change") => Some(f(value())),
        (Handler::Input(f), "input") => Some(f(value())),
        (Handler::Hover(m), "mouseover" | "focusin") => Some(m.clone()),
        _ => None,
    })
}

#[wasm_bindgen]
impl Explorer {
    /// The current view as a URL-hash string (without '#').
    #[wasm_bindgen(js_name = stateHash)]
    pub fn state_hash(&self) -> String {
        url::to_hash(&self.app.borrow().state)
    }

    /// The problems found in the settings given to `mount`, as `[{setting, message}]` (once: the loader
    /// reports them).
    pub fn problems(&mut self) -> JsValue {
        problems_to_js(&std::mem::take(&mut self.problems))
    }

    /// Changes settings of the running explorer (an attribute changed, or `setState`): an object of setting
    /// names and values as for `mount`, `null` for one removed. Returns their problems, as `problems()`.
    pub fn set(&self, settings: JsValue) -> JsValue {
        let given = settings_of(&settings);
        // In place: the embedder's change is not a step the visitor would go Back through.
        let Some(((problems, effect), effects)) = change(&self.app, |st| ui::observe(st, ui::Record::Replace, |st| settings::set(st, &given))) else {
            return problems_to_js(&[]);
        };
        for e in effects.into_iter().chain(effect) {
            run_effect(&self.app, e);
        }
        problems_to_js(&problems)
    }

    /// A promise that resolves once the view the settings (or a link) asked for is shown: at once, or when the
    /// edition it needed has loaded (or failed to). It resolves to the problems found in settings applied
    /// then, as `problems()`.
    pub fn settled(&self) -> js_sys::Promise {
        let app = self.app.clone();
        js_sys::Promise::new(&mut move |resolve, _reject| {
            app.borrow_mut().waiters.push(resolve);
            settle(&app);
        })
    }

    /// Selects an ICS by code (E54…, Q..), or clears the selection with an empty string. Throws for a code that
    /// is not an ICS, leaving the selection as it was.
    pub fn select(&self, code: &str) -> Result<(), JsValue> {
        let known = code.trim().is_empty() || self.app.borrow().state.engine.frame().ics_index(code).is_some();
        if !known {
            return Err(js_error(&settings::unknown_ics(code).message, &[]));
        }
        dispatch(&self.app, Msg::SelectIcs(code.to_string()));
        Ok(())
    }

    /// Runs an engine query and returns the result as a plain object. Read-only: it does not change the page.
    /// The query is a plain object: `{indicator, period, selected, regions: [..], population, deprivation, view,
    /// axis, weighted, include_flagged, hide_estimates, base_period, overdispersion, peers: {basis, k,
    /// log_population, region}}`;
    /// only `indicator` is required. Every value carries `estimate` (true for an apportioned estimate).
    pub fn query(&self, query: JsValue) -> Result<JsValue, JsValue> {
        let q = query_from_js(&query).map_err(|e| js_error(&e, &[]))?;
        let r = self.with_engine(&query, |e| e.query(&q).map_err(|e| js_error(&e.0, &[])))?;
        serialise(&r)
    }

    /// Runs `f` with the engine of the frame `o` names (`geography`, `imd`), or the page's own when it names none.
    /// Another frame is answered by an engine of its own (its edition must be loaded: see the page's geography
    /// switch, or `IcsExplorer.loadEdition`).
    fn with_engine<R>(&self, o: &JsValue, f: impl FnOnce(&ics_engine::Engine) -> Result<R, JsValue>) -> Result<R, JsValue> {
        let text = |k: &str| get(o, k).and_then(|v| v.as_string());
        let app = self.app.borrow();
        match (text("geography"), text("imd")) {
            (None, None) => f(&app.state.engine),
            (g, i) => f(&ics_engine::Engine::new(app.state.dataset.frame_for(g.as_deref(), i.as_deref()).map_err(|e| js_error(&e, &[]))?)),
        }
    }

    /// An SPC chart (NHS England's Making Data Count), read-only: `{indicator, ics, baseline: 'FROM..TO', run,
    /// screen, include_flagged, hide_estimates, geography, imd}`, only `indicator` required. Returns `{spc,
    /// summary}`: the ICS's chart (`null` without `ics`) and every ICS's latest variation, each with its text.
    pub fn spc(&self, o: JsValue) -> Result<JsValue, JsValue> {
        let err = |e: String| js_error(&e, &[]);
        let text = |k: &str| get(&o, k).and_then(|v| v.as_string());
        let indicator = text("indicator").ok_or_else(|| err("spc() needs an \"indicator\" (an indicator id)".into()))?;
        let mut s = ics_engine::spc::SpcSettings::default();
        if let Some(b) = text("baseline") {
            (s.baseline_from, s.baseline_to) =
                ics_engine::spc::parse_baseline(&b).ok_or_else(|| err(format!("the baseline must be FROM..TO, not \"{b}\"")))?;
        }
        if let Some(n) = get(&o, "run").and_then(|v| v.as_f64()) {
            s.run = if n.fract() == 0.0 && (0.0..=100.0).contains(&n) { n as usize } else { 0 };
        }
        s.screen = get(&o, "screen").is_none_or(|v| v.is_truthy());
        s.include_flagged = get(&o, "include_flagged").is_some_and(|v| v.is_truthy());
        s.hide_estimates = get(&o, "hide_estimates").is_some_and(|v| v.is_truthy());
        let (spc, summary) = self.with_engine(&o, |engine| {
            let (k, _) = engine.indicator(&indicator).map_err(|e| err(e.0))?;
            let spc = text("ics").map(|c| engine.ics(&c).and_then(|i| engine.spc(k, i, &s))).transpose().map_err(|e| err(e.0))?;
            Ok((spc, engine.spc_summary(k, &s).map_err(|e| err(e.0))?))
        })?;
        #[derive(serde::Serialize)]
        struct Out {
            spc: Option<ics_engine::spc::Spc>,
            summary: Vec<ics_engine::spc::SpcSummaryRow>,
        }
        serialise(&Out { spc, summary })
    }

    /// The funnel plot of an indicator with a numerator and a denominator, as a plain object: `{indicator, period,
    /// method, centre, centre_source, points: [{code, name, value, numerator, denominator, z, z_adjusted, p95,
    /// p998, adjusted95, adjusted998, estimate, ..}], limits, adjusted_limits, dispersion: {phi, tau2, k, ..},
    /// notes}`. Takes the query object `query` takes (`indicator` required; `overdispersion`: "none", "phi" or
    /// "tau"). Throws for an indicator without counts, saying which have them.
    pub fn funnel(&self, query: JsValue) -> Result<JsValue, JsValue> {
        let mut q = query_from_js(&query).map_err(|e| js_error(&e, &[]))?;
        q.view = ics_engine::query::View::Funnel;
        let r = self.with_engine(&query, |e| e.query(&q).map_err(|e| js_error(&e.0, &[])))?;
        match r.funnel {
            Some(Ok(f)) => {
                let out = serialise(&f)?;
                let notes = js_sys::Array::new();
                for n in f.notes() {
                    notes.push(&JsValue::from_str(&n));
                }
                js_sys::Reflect::set(&out, &"notes".into(), &notes)?;
                Ok(out)
            }
            Some(Err(e)) => Err(js_error(&e, &[])),
            None => Err(js_error("no funnel", &[])),
        }
    }

    /// Every indicator's metadata, as plain objects.
    pub fn indicators(&self) -> Result<JsValue, JsValue> {
        serialise(&self.app.borrow().state.engine.catalogue().indicators)
    }

    /// The 42 ICSs (codes, names, region index), as plain objects.
    pub fn icss(&self) -> Result<JsValue, JsValue> {
        serialise(&self.app.borrow().state.engine.frame().icss)
    }

    /// For the test suite only: forces a failure to show how the page copes. "engine" asks the engine for a
    /// period that does not exist (an engine error: the page shows why and stays usable); "panic" panics (the
    /// panic hook shows the error panel).
    #[wasm_bindgen(js_name = "__failForTest")]
    pub fn fail_for_test(&self, kind: &str) {
        match kind {
            "engine" => dispatch(&self.app, Msg::SetPeriod(Some("no-such-period".into()))),
            "panic" => panic!("a failure forced by the test suite"),
            _ => {}
        }
    }

    /// Removes the explorer's listeners, observer and content.
    pub fn destroy(&self) {
        if writes_hash(&self.app) {
            effects::flush_hash();
        }
        let mut app = self.app.borrow_mut();
        app.listeners.clear();
        if let Some((observer, _)) = app.resize.take() {
            observer.disconnect();
        }
        app.dom.root().set_text_content(None);
    }
}

/// Reads a query object field by field (a serde `Deserialize` here would add 30 KB of wasm).
fn query_from_js(o: &JsValue) -> Result<ics_engine::query::Query, String> {
    use ics_engine::{adjust::Axis, filter, peers::PeerBasis, query::View};
    let text = |k: &str| get(o, k).and_then(|v| v.as_string());
    let indicator = text("indicator").ok_or("the query needs an \"indicator\" (an indicator id)")?;
    let mut q = ics_engine::query::Query::new(&indicator);
    q.period = text("period");
    q.selected = text("selected");
    q.base_period = text("base_period");
    q.weighted = get(o, "weighted").is_some_and(|v| v.is_truthy());
    q.filters.peers_only = get(o, "peers_only").is_some_and(|v| v.is_truthy());
    q.filters.hide_estimates = get(o, "hide_estimates").is_some_and(|v| v.is_truthy());
    q.include_flagged = get(o, "include_flagged").is_some_and(|v| v.is_truthy());
    if let Some(r) = get(o, "regions") {
        q.filters.regions = js_sys::Array::from(&r).iter().filter_map(|x| x.as_string()).collect();
    }
    let word = |k: &str, f: &dyn Fn(&str) -> bool| -> Result<Option<String>, String> {
        match text(k) {
            Some(v) if f(&v) => Ok(Some(v)),
            Some(v) => Err(format!("\"{v}\" is not a valid {k}")),
            None => Ok(None),
        }
    };
    q.filters.population = word("population", &|v| filter::PopulationBand::from_key(v).is_some())?.and_then(|v| filter::PopulationBand::from_key(&v));
    q.filters.deprivation =
        word("deprivation", &|v| filter::DeprivationGroup::from_key(v).is_some())?.and_then(|v| filter::DeprivationGroup::from_key(&v));
    q.view = word("view", &|v| View::from_key(v).is_some())?.and_then(|v| View::from_key(&v)).unwrap_or_default();
    q.axis = word("axis", &|v| Axis::from_key(v).is_some())?.and_then(|v| Axis::from_key(&v)).unwrap_or_default();
    use ics_engine::funnel::Overdispersion;
    q.overdispersion =
        word("overdispersion", &|v| Overdispersion::from_key(v).is_some())?.and_then(|v| Overdispersion::from_key(&v)).unwrap_or_default();
    if let Some(p) = get(o, "peers") {
        if let Some(b) = get(&p, "basis").and_then(|v| v.as_string()) {
            q.peers.basis = PeerBasis::from_key(&b).ok_or(format!("\"{b}\" is not a valid peer basis"))?;
        }
        if let Some(k) = get(&p, "k").and_then(|v| v.as_f64()) {
            q.peers.k = k as usize;
        }
        q.peers.log_population = get(&p, "log_population").is_some_and(|v| v.is_truthy());
        q.peers.region = get(&p, "region").is_some_and(|v| v.is_truthy());
    }
    Ok(q)
}

/// Reports a panic in every explorer's error panel (through the loader's `IcsExplorer.fatal`), so a bug never
/// leaves a blank or frozen page without a word. After a panic the wasm instance cannot be trusted: the panel
/// asks for a reload.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let message = info.to_string();
            web_sys::console::error_1(&JsValue::from_str(&format!("ICS Explorer stopped: {message}")));
            let report = || -> Option<()> {
                let window: JsValue = web_sys::window()?.into();
                let api = js_sys::Reflect::get(&window, &"IcsExplorer".into()).ok()?;
                let fatal: js_sys::Function = js_sys::Reflect::get(&api, &"fatal".into()).ok()?.dyn_into().ok()?;
                fatal.call1(&api, &JsValue::from_str(&message)).ok()?;
                Some(())
            };
            let _ = report();
        }));
    });
}

fn serialise<T: serde::Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| js_error(&e.to_string(), &[]))
}

fn listen(app: &Shared) -> Result<(), JsValue> {
    let root = app.borrow().dom.root().clone();
    let mut listeners = Vec::new();
    for kind in ["click", "change", "input", "mouseover", "focusin", "mouseout", "focusout"] {
        let app = app.clone();
        listeners.push(EventListener::new(&root, kind, move |event| {
            // Events fired by our own DOM patching (a focused element being removed fires focusout) arrive
            // while the app is busy updating: they are not the user's, so they are ignored.
            let Ok(a) = app.try_borrow() else { return };
            let msg = message_for(&a.dom, event);
            drop(a);
            if let Some(msg) = msg {
                dispatch(&app, msg);
            }
        }));
    }
    let a = app.clone();
    let opts = EventListenerOptions::enable_prevent_default();
    listeners.push(EventListener::new_with_options(&root, "keydown", opts, move |event| keydown(&a, event)));
    // Your own data: a file chosen in the picker or dropped on the drop zone is read here, in the browser.
    for kind in ["change", "dragover", "dragleave", "drop"] {
        let a = app.clone();
        listeners
            .push(EventListener::new_with_options(&root, kind, EventListenerOptions::enable_prevent_default(), move |event| file_event(&a, event)));
    }
    if let Some(window) = web_sys::window() {
        if app.borrow().state.options.hash {
            let a = app.clone();
            listeners.push(EventListener::new(&window, "hashchange", move |_| {
                let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
                // An anchor of the host page (#contact-us) is not a view: left alone. Empty is the starting view.
                if !url::is_state(&hash) {
                    return;
                }
                dispatch(&a, Msg::HashChanged(hash));
            }));
        }
    }
    // The explorer's own width, not the window's: it may start hidden (a closed tab, 0 wide) or be resized
    // by the host page's layout alone. The new width is drawn in the next frame: drawing inside the observer's
    // callback would resize what it observes while it reports ("ResizeObserver loop" errors).
    let a = app.clone();
    let pending = Rc::new(std::cell::Cell::new(false));
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        if pending.replace(true) {
            return;
        }
        let (a, pending) = (a.clone(), pending.clone());
        let redraw = Closure::once_into_js(move || {
            pending.set(false);
            let Ok(app) = a.try_borrow() else { return };
            let (width, current) = (f64::from(app.dom.root().client_width()), app.state.width);
            drop(app);
            if width > 0.0 && (width - current).abs() >= 1.0 {
                dispatch(&a, Msg::Resize(width));
            }
        });
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(redraw.unchecked_ref());
        }
    });
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref())?;
    observer.observe(&root);
    let mut a = app.borrow_mut();
    a.listeners = listeners;
    a.resize = Some((observer, on_resize));
    Ok(())
}

/// The element at or above the event target that has handlers, and their id.
fn handler_element(event: &web_sys::Event) -> Option<(web_sys::Element, usize)> {
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    let el = target.closest("[data-h]").ok()??;
    let id = el.get_attribute("data-h")?.parse().ok()?;
    Some((el, id))
}

fn leave_handler(dom: &Dom<Msg>, id: usize) -> Option<Msg> {
    dom.handlers.get(id)?.iter().find_map(|h| if let Handler::Leave(m) = h { Some(m.clone()) } else { None })
}

fn message_for(dom: &Dom<Msg>, event: &web_sys::Event) -> Option<Msg> {
    let (el, id) = handler_element(event)?;
    let value = || js_sys::Reflect::get(&el, &"value".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let kind = event.type_();
    // Leaving: only when the pointer or focus goes outside the nearest element with a Leave handler.
    if kind == "mouseout" || kind == "focusout" {
        let (outer, outer_id) = match leave_handler(dom, id) {
            Some(_) => (el.clone(), id),
            None => {
                let parent = el.parent_element()?.closest("[data-h]").ok()??;
                let pid = parent.get_attribute("data-h")?.parse().ok()?;
                (parent, pid)
            }
        };
        let related = js_sys::Reflect::get(event, &"relatedTarget".into()).ok().and_then(|r| r.dyn_into::<web_sys::Node>().ok());
        if related.as_ref().is_some_and(|r| outer.contains(Some(r))) {
            return None;
        }
        return leave_handler(dom, outer_id);
    }
    message_of(dom.handlers.get(id)?, &kind, value)
}

fn file_event(app: &Shared, event: &web_sys::Event) {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let kind = event.type_();
    let files = if kind == "change" {
        if !target.has_attribute("data-import") {
            return;
        }
        js_sys::Reflect::get(&target, &"files".into()).ok().and_then(|f| f.dyn_into::<web_sys::FileList>().ok())
    } else {
        let Ok(Some(zone)) = target.closest("[data-drop]") else { return };
        event.prevent_default();
        match kind.as_str() {
            "dragover" => {
                let _ = zone.class_list_add("is-over");
                return;
            }
            "dragleave" => {
                let _ = zone.class_list_remove("is-over");
                return;
            }
            _ => {
                let _ = zone.class_list_remove("is-over");
                event.dyn_ref::<web_sys::DragEvent>().and_then(|d| d.data_transfer()).and_then(|t| t.files())
            }
        }
    };
    if let Some(file) = files.and_then(|f| f.get(0)) {
        read_file(app, file);
    }
}

/// Reads a user's file as text with progress, then hands it to the page. Nothing is sent anywhere.
fn read_file(app: &Shared, file: web_sys::File) {
    let name = file.name();
    dispatch(app, Msg::ImportStart(name.clone(), file.size()));
    let Ok(reader) = web_sys::FileReader::new() else {
        dispatch(app, Msg::ImportFailed("this browser cannot read files".into()));
        return;
    };
    let a = app.clone();
    let progress = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            dispatch(&a, Msg::ImportProgress(e.loaded() / e.total()));
        }
    });
    let a = app.clone();
    let r = reader.clone();
    let done = Closure::<dyn FnMut()>::new(move || match r.result().ok().and_then(|v| v.as_string()) {
        Some(text) => dispatch(&a, Msg::ImportLoaded(name.clone(), text)),
        None => dispatch(&a, Msg::ImportFailed("the file could not be read as text".into())),
    });
    let a = app.clone();
    let failed = Closure::<dyn FnMut()>::new(move || dispatch(&a, Msg::ImportFailed("the browser could not read the file".into())));
    reader.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    reader.set_onload(Some(done.as_ref().unchecked_ref()));
    reader.set_onerror(Some(failed.as_ref().unchecked_ref()));
    // The reader calls these at most a few hundred times; they live as long as the page.
    progress.forget();
    done.forget();
    failed.forget();
    if reader.read_as_text(&file).is_err() {
        dispatch(app, Msg::ImportFailed("the file could not be read".into()));
    }
}

trait ClassList {
    fn class_list_add(&self, c: &str) -> Result<(), JsValue>;
    fn class_list_remove(&self, c: &str) -> Result<(), JsValue>;
}

impl ClassList for web_sys::Element {
    fn class_list_add(&self, c: &str) -> Result<(), JsValue> {
        let cls = self.get_attribute("class").unwrap_or_default();
        if !cls.split_whitespace().any(|x| x == c) {
            self.set_attribute("class", &format!("{cls} {c}"))?;
        }
        Ok(())
    }
    fn class_list_remove(&self, c: &str) -> Result<(), JsValue> {
        let cls = self.get_attribute("class").unwrap_or_default();
        let rest: Vec<&str> = cls.split_whitespace().filter(|x| *x != c).collect();
        self.set_attribute("class", &rest.join(" "))
    }
}

fn keydown(app: &Shared, event: &web_sys::Event) {
    if app.try_borrow().is_err() {
        return;
    }
    let key = js_sys::Reflect::get(event, &"key".into()).ok().and_then(|k| k.as_string()).unwrap_or_default();
    if key == "Escape" {
        dispatch(app, Msg::Escape);
        return;
    }
    let Some(target) = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    // Chart items (`ui::view::item`: SVG elements with role=button) act on Enter and Space like buttons.
    if (key == "Enter" || key == " ") && target.has_attribute(item::ITEM) {
        event.prevent_default();
        let msg = {
            let a = app.borrow();
            let id: Option<usize> = target.get_attribute("data-h").and_then(|id| id.parse().ok());
            id.and_then(|id| a.dom.handlers.get(id))
                .and_then(|hs| hs.iter().find_map(|h| if let Handler::Click(m) = h { Some(m.clone()) } else { None }))
        };
        if let Some(msg) = msg {
            dispatch(app, msg);
        }
        return;
    }
    // Arrow keys move focus between the items of a chart (a roving tab stop).
    let step = match key.as_str() {
        "ArrowDown" | "ArrowRight" => 1i32,
        "ArrowUp" | "ArrowLeft" => -1,
        "Home" => i32::MIN,
        "End" => i32::MAX,
        _ => return,
    };
    let Ok(Some(group)) = target.closest(item::ROVING_SELECTOR) else { return };
    let Ok(items) = group.query_selector_all(item::ITEM_SELECTOR) else { return };
    let n = items.length() as i32;
    let pos = (0..n).find(|&k| items.item(k as u32).is_some_and(|x| x.is_same_node(Some(target.as_ref())))).unwrap_or(0);
    let next = match step {
        i32::MIN => 0,
        i32::MAX => n - 1,
        s => (pos + s).rem_euclid(n.max(1)),
    };
    if let Some(el) = items.item(next as u32).and_then(|x| x.dyn_into::<web_sys::Element>().ok()) {
        event.prevent_default();
        let _ = target.set_attribute("tabindex", "-1");
        let _ = el.set_attribute("tabindex", "0");
        if let Some(f) = js_sys::Reflect::get(&el, &"focus".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
            let _ = f.call0(&el);
        }
    }
}

fn writes_hash(app: &Shared) -> bool {
    app.try_borrow().is_ok_and(|a| a.state.options.hash)
}

fn dispatch(app: &Shared, msg: Msg) {
    // Busy: this is an echo of our own update (see `listen`).
    let Ok(a) = app.try_borrow() else { return };
    // Hover messages that change nothing would re-render on every pointer move: skip them.
    if matches!(&msg, Msg::Hover(h) if a.state.hover == *h) {
        return;
    }
    drop(a);
    for effect in change(app, |st| ui::step(st, msg)).unwrap_or_default() {
        run_effect(app, effect);
    }
}

/// Carries out an effect; those with an answer (a copy, an edition loaded) send it back as a message.
fn run_effect(app: &Shared, effect: ui::Effect) {
    match effect {
        ui::Effect::Copy(text) => {
            let a = app.clone();
            effects::copy(&text, move |ok| dispatch(&a, Msg::LinkCopied(ok)));
        }
        ui::Effect::LoadEdition(id) => {
            let a = app.clone();
            let name = id.clone();
            effects::load_edition(&id, move |result| {
                dispatch(
                    &a,
                    match result {
                        Ok(json) => Msg::EditionLoaded(name, json),
                        Err(why) => Msg::EditionFailed(name, why),
                    },
                );
                settle(&a);
            });
        }
        ui::Effect::Hash(write) => match write {
            // In a frame the session history is the host page's: the hash is kept up to date in place.
            ui::HashWrite::Push(hash) => effects::set_hash_after_paint(hash, !app.borrow().push_history),
            ui::HashWrite::Replace(hash) => effects::set_hash_after_paint(hash, true),
            ui::HashWrite::Cancel => effects::cancel_hash(),
        },
        ui::Effect::Emit(event) => {
            let root = app.borrow().dom.root().clone();
            effects::emit(&root, event.name(), &event.detail());
        }
        e => effects::run(e),
    }
}

/// Once no edition is loading: writes `home` if it waited (then opens the page's hash that waited too), and
/// resolves the `settled()` promises with the settings' late problems.
fn settle(app: &Shared) {
    let Ok(mut a) = app.try_borrow_mut() else { return };
    if a.state.loading.is_some() {
        return;
    }
    if a.home_waits {
        a.home_waits = false;
        a.state.home = url::to_hash(&a.state);
        if let Some(hash) = a.hash_after.take() {
            drop(a);
            dispatch(app, Msg::HashChanged(hash));
            return settle(app);
        }
    }
    let late = problems_to_js(&std::mem::take(&mut a.state.late_problems));
    let waiters = std::mem::take(&mut a.waiters);
    drop(a);
    for resolve in waiters {
        let _ = resolve.call1(&JsValue::NULL, &late);
    }
}

/// Changes the state with `f` and renders. None when busy (an echo).
fn change<R>(app: &Shared, f: impl FnOnce(&mut State) -> R) -> Option<R> {
    let mut a = app.try_borrow_mut().ok()?;
    let App { state, dom, .. } = &mut *a;
    let out = f(state);
    if let Err(e) = dom.render(ui::view(state)) {
        web_sys::console::error_2(&"ICS Explorer could not update the page:".into(), &e);
    }
    Some(out)
}
