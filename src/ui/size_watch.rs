//! An element's size, followed: a `ResizeObserver` calling a closure, owned together so the
//! observer is disconnected before the closure is freed (the browser would throw calling a freed
//! closure). The canvas follows its own size with one (`canvas::input`), and the lesson panel
//! its height (`lessons::panel`), which on a phone is how much of the canvas it covers.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// A size observer and the closure it calls.
pub(crate) struct SizeWatch {
    observer: Option<web_sys::ResizeObserver>,
    _on_resize: Closure<dyn FnMut(js_sys::Array)>,
}

impl SizeWatch {
    /// Calls `on_size` with `element`'s bounding box now and at every change of its size.
    pub(crate) fn new(
        element: &web_sys::Element,
        mut on_size: impl FnMut(&web_sys::DomRect) + 'static,
    ) -> SizeWatch {
        on_size(&element.get_bounding_client_rect());
        let measured = element.clone();
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| {
            on_size(&measured.get_bounding_client_rect());
        });
        let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
        if let Some(observer) = &observer {
            observer.observe(element);
        }
        SizeWatch {
            observer,
            _on_resize: on_resize,
        }
    }

    /// Stops observing: the closure is not called again and may be dropped.
    pub(crate) fn release(&self) {
        if let Some(observer) = &self.observer {
            observer.disconnect();
        }
    }
}

/// Follows the size of the element behind `node` whenever one is mounted there, calling
/// `on_size` with its bounding box; the watch is released when the element is replaced or the
/// owner goes.
pub(crate) fn watch_size<E>(node: NodeRef<E>, on_size: impl Fn(&web_sys::DomRect) + Copy + 'static)
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
    NodeRef<E>: Get<Value = Option<E::Output>>,
{
    let mounted = StoredValue::new_local(None::<SizeWatch>);
    crate::ui::erase::effect(move || {
        let Some(el) = node.get() else { return };
        let element: web_sys::Element = el.unchecked_into();
        mounted.update_value(|m| {
            if let Some(previous) = m.replace(SizeWatch::new(&element, on_size)) {
                previous.release();
            }
        });
    });
    on_cleanup(move || {
        mounted.try_update_value(|m| {
            if let Some(watch) = m.take() {
                watch.release();
            }
        });
    });
}
