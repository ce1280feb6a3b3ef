//! The page's end of the simulation worker: starts `web/sim-worker.js` as a module worker on
//! the app's own compiled module, queues messages until the worker says it is ready, and hands
//! every decoded reply to the run loop (`sim_loop`).
//!
//! Starting can fail in ways the page learns of at different times: at once (no `Worker`, or
//! the glue's URL not found on the page: [`WorkerLink::start`] gives nothing), or later, through
//! `on_failure` (no module workers, seen as the worker's error event; a reply that does not
//! decode; a document the worker could not build). Either way the run loop then simulates on
//! the page itself, and says so unless the page is not the app's own ([`on_the_app_page`]).

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

use crate::runner::protocol::{self, FromWorker, ToWorker};

/// A running worker and its listeners; dropping it stops the worker.
pub struct WorkerLink {
    worker: Worker,
    ready: bool,
    /// Messages sent before the worker was ready, in order.
    queue: Vec<Vec<u8>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

/// Whether this page is the app's own `index.html` (it names the glue the worker needs). A page
/// that is not (a test harness mounting the app) runs the simulation itself, and that is no
/// browser's failure to report.
pub fn on_the_app_page() -> bool {
    glue_url().is_some()
}

/// The page's URL of a file trunk linked into `index.html` (the app's JavaScript glue is the
/// one module preloaded).
fn glue_url() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let href = document
        .query_selector("link[rel=modulepreload]")
        .ok()??
        .get_attribute("href")?;
    let base = document.base_uri().ok()??;
    Some(web_sys::Url::new_with_base(&href, &base).ok()?.href())
}

impl WorkerLink {
    /// Starts the worker. `on_message` receives every reply with the wall milliseconds its
    /// decoding took; `on_failure` is called when the worker cannot run
    /// (the caller then drops the link, which stops the worker).
    pub fn start(
        on_message: impl Fn(FromWorker, f64) + 'static,
        on_failure: impl Fn() + 'static,
    ) -> Option<WorkerLink> {
        let glue = glue_url()?;
        let script = web_sys::Url::new_with_base("sim-worker.js", &glue)
            .ok()?
            .href();
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(&script, &options).ok()?;
        let failure = std::rc::Rc::new(on_failure);
        let failed = failure.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(data) = event
                .data()
                .dyn_ref::<js_sys::Uint8Array>()
                .map(|d| d.to_vec())
            else {
                return failed();
            };
            let t0 = super::sim_loop::now_ms();
            match protocol::decode_from_worker(&data) {
                // The worker could not build a document the page could: the page runs it.
                Ok(FromWorker::Failed { .. }) | Err(_) => failed(),
                Ok(message) => on_message(message, super::sim_loop::now_ms() - t0),
            }
        });
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            failure();
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let boot = js_sys::Object::new();
        let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&boot, &key.into(), value);
        set("glue", &JsValue::from_str(&glue)).ok()?;
        set("module", &wasm_bindgen::module()).ok()?;
        worker.post_message(&boot).ok()?;
        Some(WorkerLink {
            worker,
            ready: false,
            queue: Vec::new(),
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends a message, or queues it until the worker is ready.
    pub fn send(&mut self, message: &ToWorker) {
        let bytes = protocol::encode(message);
        if self.ready {
            self.post(&bytes);
        } else {
            self.queue.push(bytes);
        }
    }

    /// The worker said it is listening: sends what waited.
    pub fn set_ready(&mut self) {
        self.ready = true;
        for bytes in std::mem::take(&mut self.queue) {
            self.post(&bytes);
        }
    }

    fn post(&self, bytes: &[u8]) {
        // The bytes' buffer is handed over, not copied.
        let data = js_sys::Uint8Array::from(bytes);
        let _ = self
            .worker
            .post_message_with_transfer(&data, &js_sys::Array::of1(&data.buffer()));
    }
}

impl Drop for WorkerLink {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}
