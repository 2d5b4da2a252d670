//! wasm32 only: the thin layer between the browser and the pure-Rust page in `ui`.
//!
//! It loads the dataset text handed over by `www/boot.js`, mounts an app into an element, patches the DOM
//! after every update and turns DOM events into `ui::Msg`s. It never computes a figure and never builds
//! markup from strings.

pub mod dom;

use crate::dataset;
use crate::ui::{self, node::Handler, Msg, State};
use dom::Dom;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

struct App {
    state: State,
    dom: Dom<Msg>,
}

/// Mounts ICS Explorer into `root`, reading the dataset from `dataset_json` (the text of dataset.json).
/// On failure, throws an `Error` whose `problems` property lists every problem found, for the error panel.
#[wasm_bindgen]
pub fn mount(root: web_sys::Element, dataset_json: &str) -> Result<(), JsValue> {
    let dataset = dataset::load(dataset_json).map_err(|p| {
        let err = js_sys::Error::new("The dataset failed validation, so the explorer cannot show it.");
        let list = js_sys::Array::new();
        for problem in &p.0 {
            list.push(&JsValue::from_str(&problem.to_string()));
        }
        let _ = js_sys::Reflect::set(&err, &"problems".into(), &list);
        JsValue::from(err)
    })?;
    let state = State { engine: crate::engine::Engine::new(dataset) };
    let mut dom = Dom::new(root)?;
    dom.render(ui::view(&state))?;
    let app = Rc::new(RefCell::new(App { state, dom }));
    listen(&app)?;
    Ok(())
}

fn listen(app: &Rc<RefCell<App>>) -> Result<(), JsValue> {
    let root = app.borrow().dom.root().clone();
    for kind in ["click", "change", "input"] {
        let app = app.clone();
        gloo::events::EventListener::new(&root, kind, move |event| {
            let msg = {
                let a = app.borrow();
                message_for(&a.dom, event)
            };
            if let Some(msg) = msg {
                dispatch(&app, msg);
            }
        })
        .forget();
    }
    Ok(())
}

/// Finds the handler for `event` on the nearest element (at or above the target) that has one.
fn message_for(dom: &Dom<Msg>, event: &web_sys::Event) -> Option<Msg> {
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    let el = target.closest("[data-h]").ok()??;
    let id: usize = el.get_attribute("data-h")?.parse().ok()?;
    let value = || js_sys::Reflect::get(&el, &"value".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    dom.handlers.get(id)?.iter().find_map(|h| match (h, event.type_().as_str()) {
        (Handler::Click(m), "click") => Some(m.clone()),
        (Handler::Change(f), "change") => Some(f(value())),
        (Handler::Input(f), "input") => Some(f(value())),
        _ => None,
    })
}

fn dispatch(app: &Rc<RefCell<App>>, msg: Msg) {
    let mut a = app.borrow_mut();
    let App { state, dom } = &mut *a;
    ui::update(state, msg);
    if let Err(e) = dom.render(ui::view(state)) {
        web_sys::console::error_2(&"ICS Explorer could not update the page:".into(), &e);
    }
}
