//! Reactive effects, memos and keyed lists through one closure type.
//!
//! Leptos compiles `Effect::new` and `Memo::new` once per closure it is given: each copy of an
//! effect carries the effect's whole task (its loop, its subscriber, its cleanup), about a
//! kilobyte and a half of wasm, and each memo its own update and comparison. [`effect`] hands
//! every effect of the app to `Effect::new` as the same boxed closure, so the task is compiled
//! once; [`memo`] does the same for the memos of each value type. What each one computes stays
//! in its own closure, called through the box. They behave exactly as those made with
//! `Effect::new(move |_| ..)` and `Memo::new(move |_| ..)`: same tracking, same scheduling,
//! same owner, same comparison of a memo's new value with its old one.
//!
//! A keyed list (`<For>`) is compiled once per pair of closures too, its diffing and its rows'
//! owners inlined into each copy (about 7 KB of wasm before optimization per list): [`keyed`]
//! makes every list of the app the same `For`, over `u64` keys, with each row's view built by
//! the list's own closure through a shared reference. [`show`] does the same for `<Show>`,
//! whose children's builder was compiled once per use (about 5 KB each).

use std::sync::Arc;

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

/// `<For each=each key=|k| *k let(k)>{row(k)}</For>`: a keyed list whose keys are numbers
/// (ids, codes, positions), with `For`'s code compiled once for the whole app. A row is built
/// when its key appears, kept while it stays (moved if the order changes) and dropped when it
/// goes, with its own reactive owner, exactly as `For` does.
pub fn keyed(
    each: impl Fn() -> Vec<u64> + Send + Sync + 'static,
    row: impl Fn(u64) -> AnyView + Send + Sync + 'static,
) -> AnyView {
    boxed_keyed(Box::new(each), Arc::new(row))
}

fn boxed_keyed(
    each: Box<dyn Fn() -> Vec<u64> + Send + Sync>,
    row: Arc<dyn Fn(u64) -> AnyView + Send + Sync>,
) -> AnyView {
    view! { <For each=move || each() key=|k: &u64| *k children=move |k| row(k)/> }.into_any()
}

/// `<Show when=when>{view()}</Show>`, with `Show`'s code compiled once for the whole app: the
/// view is built when `when` turns true and dropped when it turns false, and `when` is a memo,
/// so the view's readers hear of it only when it changes.
pub fn show(
    when: impl Fn() -> bool + Send + Sync + 'static,
    view: impl Fn() -> AnyView + Send + Sync + 'static,
) -> AnyView {
    boxed_show(Box::new(when), Arc::new(view))
}

fn boxed_show(
    when: Box<dyn Fn() -> bool + Send + Sync>,
    view: Arc<dyn Fn() -> AnyView + Send + Sync>,
) -> AnyView {
    view! { <Show when=move || when()>{view()}</Show> }.into_any()
}
