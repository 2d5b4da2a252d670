//! Side effects the pure page asks for: the URL hash, DOM events for host pages, and downloads (CSV, SVG and
//! PNG). Downloads are made in the browser from the page's own data: nothing is uploaded.

use ics_ui::Effect;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The hash write waiting for the frame to be painted: (hash, replace).
    static PENDING_HASH: std::cell::RefCell<Option<(String, bool)>> = const { std::cell::RefCell::new(None) };
}

/// Puts the hash into the address bar once the updated page has been painted. Chromium's `pushState` costs
/// about 10 ms while a frame is pending (measured by scripts/bench.sh), which would otherwise sit between every
/// input and its answer. A write arriving while one is pending flushes that one first, so each change still gets
/// its own history entry; consecutive replacements (a slider being dragged) collapse into the last.
pub fn set_hash_after_paint(hash: String, replace: bool) {
    let older = PENDING_HASH.with(|p| p.borrow_mut().replace((hash, replace)));
    match older {
        Some((h, r)) if !(r && replace) => write_hash(&h, r),
        Some(_) => {}
        None => schedule_flush(),
    }
}

/// Writes the pending hash now, if any (before the explorer is destroyed).
pub fn flush_hash() {
    if let Some((h, r)) = PENDING_HASH.with(|p| p.borrow_mut().take()) {
        write_hash(&h, r);
    }
}

/// Drops the pending hash: the user navigated (Back, an edited address) before it was written.
pub fn cancel_hash() {
    PENDING_HASH.with(|p| p.borrow_mut().take());
}

/// After the next frame (a task posted from `requestAnimationFrame` runs once that frame is painted), with a
/// timer as well in case frames are not running (a background tab); whichever comes first writes.
fn schedule_flush() {
    let Some(window) = web_sys::window() else { return flush_hash() };
    let after_frame = Closure::once_into_js(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(Closure::once_into_js(flush_hash).unchecked_ref());
        }
    });
    let _ = window.request_animation_frame(after_frame.unchecked_ref());
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(Closure::once_into_js(flush_hash).unchecked_ref(), 250);
}

/// Writes the hash into the address bar without scrolling: a new history entry (so Back works), or a
/// replacement while typing.
fn write_hash(hash: &str, replace: bool) {
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = window.history() else { return };
    let url = if hash.is_empty() {
        let loc = window.location();
        format!("{}{}", loc.pathname().unwrap_or_default(), loc.search().unwrap_or_default())
    } else {
        format!("#{hash}")
    };
    let _ = if replace {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
    } else {
        history.push_state_with_url(&JsValue::NULL, "", Some(&url))
    };
}

/// Dispatches a bubbling, composed CustomEvent from `root` with a plain-object detail.
pub fn emit(root: &web_sys::Element, name: &str, detail: &[(&str, &str)]) {
    let obj = js_sys::Object::new();
    for (k, v) in detail {
        let _ = js_sys::Reflect::set(&obj, &(*k).into(), &(*v).into());
    }
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&obj);
    if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = root.dispatch_event(&e);
    }
}

pub fn run(effect: Effect) {
    let result = match effect {
        Effect::Save { filename, mime, content } => save_text(&filename, mime, &content),
        Effect::Png { filename, svg, width, height } => save_png(filename, svg, width, height),
        // Need an answer or the explorer's element: the web layer calls `copy`, `load_edition`, the hash writes
        // and `emit` itself.
        Effect::Copy(_) | Effect::LoadEdition(_) | Effect::Hash(_) | Effect::Emit(_) => Ok(()),
    };
    if let Err(e) = result {
        web_sys::console::error_2(&"ICS Explorer could not save the download:".into(), &e);
    }
}

/// Puts `text` on the clipboard (the async Clipboard API), then calls `done` with whether it worked. Browsers
/// refuse without a recent click or outside a secure context; the page then shows the text to copy by hand.
pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    let promise = || -> Option<JsValue> {
        let window: JsValue = web_sys::window()?.into();
        let navigator = js_sys::Reflect::get(&window, &"navigator".into()).ok()?;
        let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok().filter(JsValue::is_object)?;
        let write: js_sys::Function = js_sys::Reflect::get(&clipboard, &"writeText".into()).ok()?.dyn_into().ok()?;
        write.call1(&clipboard, &text.into()).ok()
    };
    let Some(p) = promise() else { return done(false) };
    let Some(then) = js_sys::Reflect::get(&p, &"then".into()).ok().and_then(|t| t.dyn_into::<js_sys::Function>().ok()) else { return done(false) };
    // Whichever of the two the promise calls takes `done`; the other finds it gone.
    let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    let (ok, failed) = (done.clone(), done);
    let resolved = Closure::once_into_js(move |_: JsValue| {
        if let Some(f) = ok.take() {
            f(true)
        }
    });
    let rejected = Closure::once_into_js(move |_: JsValue| {
        if let Some(f) = failed.take() {
            f(false)
        }
    });
    let _ = then.call2(&p, &resolved, &rejected);
}

/// Loads an edition shipped apart (`www/data/<id>.js`, a classic script, so it works from file://) through the
/// loader's `IcsExplorer.loadEdition`, then calls `done` with its JSON text or why it failed.
pub fn load_edition(id: &str, done: impl FnOnce(Result<String, String>) + 'static) {
    let promise = || -> Option<JsValue> {
        let window: JsValue = web_sys::window()?.into();
        let api = js_sys::Reflect::get(&window, &"IcsExplorer".into()).ok().filter(JsValue::is_object)?;
        let load: js_sys::Function = js_sys::Reflect::get(&api, &"loadEdition".into()).ok()?.dyn_into().ok()?;
        load.call1(&api, &id.into()).ok()
    };
    let Some(p) = promise() else { return done(Err("the page's loader (www/ics-explorer.js) cannot load it".into())) };
    let Some(then) = js_sys::Reflect::get(&p, &"then".into()).ok().and_then(|t| t.dyn_into::<js_sys::Function>().ok()) else {
        return done(Err("the loader did not answer".into()));
    };
    let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    let (ok, failed) = (done.clone(), done);
    let resolved = Closure::once_into_js(move |json: JsValue| {
        if let Some(f) = ok.take() {
            f(json.as_string().ok_or_else(|| "its file held no dataset text".to_string()))
        }
    });
    let rejected = Closure::once_into_js(move |e: JsValue| {
        if let Some(f) = failed.take() {
            let message = js_sys::Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_else(|| "unknown error".into());
            f(Err(message))
        }
    });
    let _ = then.call2(&p, &resolved, &rejected);
}

fn blob(parts: &JsValue, mime: &str) -> Result<web_sys::Blob, JsValue> {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(parts, &opts)
}

fn save_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), JsValue> {
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(filename);
    a.set_hidden(true);
    let body = doc.body().ok_or("no body")?;
    body.append_child(&a)?;
    a.click();
    body.remove_child(&a)?;
    // Revoke later: some browsers read the URL after click() returns.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
    Ok(())
}

fn save_text(filename: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    // A byte-order mark lets Excel open UTF-8 CSV with the right characters.
    let text = if mime.starts_with("text/csv") { format!("\u{feff}{content}") } else { content.to_string() };
    let parts = js_sys::Array::of1(&JsValue::from_str(&text));
    save_blob(filename, &blob(&parts, mime)?)
}

/// Draws the SVG onto a canvas at twice its size and saves it as PNG.
fn save_png(filename: String, svg: String, width: f64, height: f64) -> Result<(), JsValue> {
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(&svg));
    let url = web_sys::Url::create_object_url_with_blob(&blob(&parts, "image/svg+xml")?)?;
    let img = web_sys::HtmlImageElement::new()?;
    let canvas: web_sys::HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
    let scale = 2.0;
    canvas.set_width((width * scale) as u32);
    canvas.set_height((height * scale) as u32);
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = Closure::once_into_js(move || {
        let draw = || -> Result<(), JsValue> {
            let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d")?.ok_or("no 2d context")?.dyn_into()?;
            ctx.scale(scale, scale)?;
            ctx.draw_image_with_html_image_element(&img2, 0.0, 0.0)?;
            let _ = web_sys::Url::revoke_object_url(&url2);
            let done = Closure::once_into_js(move |b: JsValue| {
                if let Ok(b) = b.dyn_into::<web_sys::Blob>() {
                    let _ = save_blob(&filename, &b);
                }
            });
            canvas.to_blob(done.unchecked_ref())
        };
        if let Err(e) = draw() {
            web_sys::console::error_2(&"ICS Explorer could not draw the PNG:".into(), &e);
        }
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
    Ok(())
}
