//! Reactive effects through one closure type.
//!
//! Leptos compiles `Effect::new` once per closure it is given: each copy carries the effect's
//! whole task (its loop, its subscriber, its cleanup), about a kilobyte and a half of wasm.
//! [`effect`] hands every effect of the app to `Effect::new` as the same boxed closure, so the
//! task is compiled once; what each effect does stays in its own closure, called through the
//! box. An effect made here behaves exactly as one made with `Effect::new`: same tracking, same
//! scheduling, same owner.

use leptos::prelude::*;

/// `Effect::new(move |_| f())`, with the effect's task compiled once for the whole app.
pub fn effect(f: impl FnMut() + 'static) {
    boxed(Box::new(f));
}

fn boxed(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_| f());
}
