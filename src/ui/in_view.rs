//! Whether an element is on screen, so that what nobody sees is not redrawn.
//!
//! A run redraws its charts a few times a second. Most of them are out of view most of the
//! time: on a phone the whole run panel is under the canvas, and on a desktop the panel shows
//! two or three of its charts at once. [`in_view`] follows an element with an
//! `IntersectionObserver`; [`crate::ui::erase::memo_while`] keeps a value as it was while its
//! element is out of view and works it out again the moment it comes back, so a chart scrolled
//! into view shows the latest figures. An element counts as in view a little before it
//! reaches the screen (`MARGIN`), so that it is drawn before it shows. Where the browser has no
//! observer, everything counts as in view, as before.

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// How far beyond the screen, and beyond each scrolled panel's edges, an element counts as in
/// view.
const MARGIN: &str = "200px";

/// The observer of one element with the closure it calls, released together.
struct Watcher {
    observer: web_sys::IntersectionObserver,
    _on_change: Closure<dyn FnMut(js_sys::Array)>,
}

impl Watcher {
    fn attach(element: &web_sys::Element, shown: RwSignal<bool>) -> Option<Watcher> {
        let on_change = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            // Entries come oldest first: the last says where the element is now.
            if let Some(entry) = entries.iter().last() {
                let entry: web_sys::IntersectionObserverEntry = entry.unchecked_into();
                shown.set(entry.is_intersecting());
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin(MARGIN);
        // The margin around each scrolled panel the element is in (the run panel's columns);
        // `rootMargin` widens only the screen's. Newer browsers read it, older ones ignore it.
        let _ = js_sys::Reflect::set(&options, &"scrollMargin".into(), &MARGIN.into());
        let observer = web_sys::IntersectionObserver::new_with_options(
            on_change.as_ref().unchecked_ref(),
            &options,
        )
        .ok()?;
        observer.observe(element);
        Some(Watcher {
            observer,
            _on_change: on_change,
        })
    }

    /// Stops the observer before its closure is dropped (the browser would throw calling a
    /// freed closure).
    fn release(self) {
        self.observer.disconnect();
    }
}

/// Whether `node`'s element is in view (or nearly): true until the element is mounted and the
/// observer has said otherwise, and always where there is no observer.
pub fn in_view<E>(node: NodeRef<E>) -> Signal<bool>
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let shown = RwSignal::new(true);
    let watcher = StoredValue::new_local(None::<Watcher>);
    let release = move || {
        watcher.try_update_value(|w| {
            if let Some(w) = w.take() {
                w.release();
            }
        });
    };
    crate::ui::erase::effect(move || {
        let Some(el) = node.get() else { return };
        release();
        let element: web_sys::Element = el.unchecked_into();
        watcher.set_value(Watcher::attach(&element, shown));
    });
    on_cleanup(release);
    shown.into()
}
