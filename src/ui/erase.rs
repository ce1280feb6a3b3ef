//! Reactive effects and memos through one closure type.
//!
//! Leptos compiles `Effect::new` and `Memo::new` once per closure it is given: each copy of an
//! effect carries the effect's whole task (its loop, its subscriber, its cleanup), about a
//! kilobyte and a half of wasm, and each memo its own update and comparison. [`effect`] hands
//! every effect of the app to `Effect::new` as the same boxed closure, so the task is compiled
//! once; [`memo`] does the same for the memos of each value type. What each one computes stays
//! in its own closure, called through the box. They behave exactly as those made with
//! `Effect::new(move |_| ..)` and `Memo::new(move |_| ..)`: same tracking, same scheduling,
//! same owner, same comparison of a memo's new value with its old one.

use leptos::prelude::*;

/// `Effect::new(move |_| f())`, with the effect's task compiled once for the whole app.
pub fn effect(f: impl FnMut() + 'static) {
    boxed_effect(Box::new(f));
}

fn boxed_effect(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_| f());
}

/// `Memo::new(move |_| f())`, with the memo's code compiled once per value type.
#[track_caller]
pub fn memo<T: PartialEq + Send + Sync + 'static>(
    f: impl Fn() -> T + Send + Sync + 'static,
) -> Memo<T> {
    boxed_memo(Box::new(f))
}

#[track_caller]
fn boxed_memo<T: PartialEq + Send + Sync + 'static>(
    f: Box<dyn Fn() -> T + Send + Sync>,
) -> Memo<T> {
    Memo::new(move |_| f())
}

/// A memo of `f` that keeps its value, and does not work it out, while `shown` is false (an
/// element out of view, see [`crate::ui::in_view`]); it does so again, reading `f`'s sources
/// as they are then, as soon as `shown` turns true. Like [`memo`], it tells its readers only
/// of a value that differs from the last.
#[track_caller]
pub fn memo_while<T: PartialEq + Send + Sync + 'static>(
    shown: Signal<bool>,
    f: impl Fn() -> T + Send + Sync + 'static,
) -> Memo<T> {
    boxed_memo_while(shown, Box::new(f))
}

#[track_caller]
fn boxed_memo_while<T: PartialEq + Send + Sync + 'static>(
    shown: Signal<bool>,
    f: Box<dyn Fn() -> T + Send + Sync>,
) -> Memo<T> {
    Memo::new_owning(move |old: Option<T>| match old {
        Some(old) if !shown.get() => (old, false),
        old => {
            let new = f();
            let changed = old.as_ref() != Some(&new);
            (new, changed)
        }
    })
}
