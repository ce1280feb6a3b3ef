//! The background worker's shell: runs in a dedicated worker started by the page
//! (`ui::run::worker_link`), on the same wasm module as the app, and moves bytes and timers
//! for the pure [`Session`] that does the work.
//!
//! Between two slices the worker yields to its event loop, so the page's messages (pause, a
//! new speed, an edit, a fault) are read at most one slice late. "As fast as possible" yields
//! through a message channel (no timer clamping); a set speed sleeps about a display frame.
//! The listeners live as long as the worker, in this thread's one [`Shell`].

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageChannel, MessageEvent};

use crate::runner::protocol::{self, FromWorker};
use crate::runner::{Session, Wake};

/// The worker's state and listeners.
struct Shell {
    session: Session,
    scope: DedicatedWorkerGlobalScope,
    /// A channel the worker posts to itself to run the next slice without a timer's delay.
    channel: MessageChannel,
    /// A slice is already scheduled.
    scheduled: bool,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_channel: Closure<dyn FnMut(MessageEvent)>,
    on_timer: Closure<dyn FnMut()>,
}

thread_local! {
    static SHELL: RefCell<Option<Shell>> = const { RefCell::new(None) };
}

/// Starts listening to the page and tells it so.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let Ok(channel) = MessageChannel::new() else {
        return;
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        if let Some(bytes) = event.data().dyn_ref::<js_sys::Uint8Array>() {
            received(&bytes.to_vec());
        }
    });
    let on_channel = Closure::<dyn FnMut(MessageEvent)>::new(|_: MessageEvent| wake());
    let on_timer = Closure::<dyn FnMut()>::new(wake);
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    channel
        .port1()
        .set_onmessage(Some(on_channel.as_ref().unchecked_ref()));
    SHELL.with_borrow_mut(|s| {
        *s = Some(Shell {
            session: Session::default(),
            scope,
            channel,
            scheduled: false,
            _on_message: on_message,
            _on_channel: on_channel,
            on_timer,
        });
    });
    post(FromWorker::Ready);
}

/// Wall milliseconds by the worker's clock.
fn now_ms() -> f64 {
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    scope
        .performance()
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

/// The wasm memory of this instance, in bytes.
pub fn memory_bytes() -> u64 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as u64
}

/// Encodes and posts a message; a frame with a snapshot records what that cost.
fn post(mut message: FromWorker) {
    if let FromWorker::Frame(frame) = &mut message {
        frame.memory_bytes = memory_bytes();
    }
    let message = &message;
    let t0 = now_ms();
    let bytes = protocol::encode(message);
    let spent = now_ms() - t0;
    SHELL.with_borrow_mut(|s| {
        let Some(s) = s else { return };
        if let FromWorker::Frame(frame) = message
            && frame.snapshot.is_some()
        {
            s.session.note_encoded(spent, bytes.len() as u64);
        }
        // The bytes' buffer is handed over, not copied.
        let data = js_sys::Uint8Array::from(&bytes[..]);
        let _ = s
            .scope
            .post_message_with_transfer(&data, &js_sys::Array::of1(&data.buffer()));
    });
}

fn received(bytes: &[u8]) {
    // The page only sends what it encoded; anything else is ignored.
    let Ok(message) = protocol::decode_to_worker(bytes) else {
        return;
    };
    let reply =
        SHELL.with_borrow_mut(|s| s.as_mut().and_then(|s| s.session.handle(message, now_ms())));
    if let Some(reply) = reply {
        post(reply);
    }
    schedule();
}

/// Runs one slice and schedules the next.
fn wake() {
    let frame = SHELL.with_borrow_mut(|s| {
        let s = s.as_mut()?;
        s.scheduled = false;
        s.session.tick(now_ms(), &now_ms)
    });
    if let Some(frame) = frame {
        post(FromWorker::Frame(Box::new(frame)));
    }
    schedule();
}

fn schedule() {
    SHELL.with_borrow_mut(|s| {
        let Some(s) = s else { return };
        if s.scheduled {
            return;
        }
        s.scheduled = match s.session.wake() {
            Wake::Idle => false,
            Wake::Now => s.channel.port2().post_message(&JsValue::NULL).is_ok(),
            Wake::After(ms) => s
                .scope
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    s.on_timer.as_ref().unchecked_ref(),
                    ms as i32,
                )
                .is_ok(),
        };
    });
}
