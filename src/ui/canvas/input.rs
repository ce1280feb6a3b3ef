//! DOM input for the canvas: where a mouse or pointer event lands on the canvas element, its
//! modifier keys and button, the editor [`PointerEvent`] built from it, and the listeners the
//! canvas attaches by hand at mount (a size observer and a non-passive wheel listener) with
//! their release.
//!
//! Positions go from client coordinates to the canvas element's own CSS pixels here, and to
//! world coordinates through the editor's camera. Invariant: a listener attached here is
//! released before its closure is dropped (the browser would throw calling a freed closure).
//! Nothing here decides what an event means (the editor's tool state machine does) or changes
//! the diagram.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use crate::editor::{
    InputEvent, Modifiers, PointerButton, PointerEvent, PointerId, PointerKind, Vec2,
};
use crate::ui::size_watch::SizeWatch;
use crate::ui::state::AppState;

/// What the canvas attaches to its element at mount: the observer that follows its size and the
/// wheel listener (added by hand to say `passive: false`, so that it may stop the page from
/// scrolling), with the closures they call, owned here so they are freed with the canvas.
struct MountedListeners {
    element: web_sys::Element,
    size: SizeWatch,
    on_wheel: Closure<dyn FnMut(web_sys::WheelEvent)>,
}

impl MountedListeners {
    /// Reports the element's size now, then follows it with an observer and listens to the
    /// wheel on it (not passive, so a handled wheel can stop the page from scrolling).
    fn attach(state: AppState, element: web_sys::Element) -> Self {
        let size = SizeWatch::new(&element, move |rect| {
            state.dispatch(InputEvent::ViewportResized {
                size: Vec2::new(rect.width(), rect.height()),
            });
        });
        let wheel_target = element.clone();
        let on_wheel =
            Closure::<dyn FnMut(web_sys::WheelEvent)>::new(move |ev: web_sys::WheelEvent| {
                let scale = wheel_scale(ev.delta_mode());
                if state.context_menu.get_untracked().is_some() {
                    state.context_menu.set(None);
                }
                let at = screen_of(&wheel_target, ev.client_x() as f64, ev.client_y() as f64);
                let response = state.dispatch(InputEvent::Wheel {
                    delta: Vec2::new(ev.delta_x() * scale, ev.delta_y() * scale),
                    at,
                    modifiers: modifiers_of(&ev),
                });
                if response.handled {
                    ev.prevent_default();
                }
            });
        let options = web_sys::AddEventListenerOptions::new();
        options.set_passive(false);
        let _ = element.add_event_listener_with_callback_and_add_event_listener_options(
            "wheel",
            on_wheel.as_ref().unchecked_ref(),
            &options,
        );
        MountedListeners {
            element,
            size,
            on_wheel,
        }
    }

    /// Disconnects the observer and removes the listener, so neither calls its closure again
    /// (dropping a closure the browser can still call would throw when it does).
    fn release(self) {
        self.size.release();
        let _ = self
            .element
            .remove_event_listener_with_callback("wheel", self.on_wheel.as_ref().unchecked_ref());
    }
}

/// Attaches the canvas's own listeners once `area` is mounted: measure, follow the element's own
/// size (a banner above it, a window resize, a panel opening beside it all change it), and a
/// non-passive wheel listener; both are released when the canvas goes (or if the element is
/// ever replaced).
pub(super) fn attach_listeners(state: AppState, area: NodeRef<leptos::html::Main>) {
    let mounted = StoredValue::new_local(None::<MountedListeners>);
    crate::ui::erase::effect(move || {
        let Some(el) = area.get() else { return };
        mounted.update_value(|m| {
            if let Some(previous) = m.take() {
                previous.release();
            }
        });
        let element: web_sys::Element = el.clone().unchecked_into();
        mounted.set_value(Some(MountedListeners::attach(state, element)));
    });
    on_cleanup(move || {
        mounted.try_update_value(|m| {
            if let Some(listeners) = m.take() {
                listeners.release();
            }
        });
    });
}

/// CSS pixels per unit of a wheel event's delta, by its `deltaMode` (pixels, lines, pages).
fn wheel_scale(delta_mode: u32) -> f64 {
    match delta_mode {
        1 => 16.0,
        2 => 400.0,
        _ => 1.0,
    }
}

/// The canvas element's position of a DOM mouse event, in CSS pixels.
pub(super) fn screen_of(element: &web_sys::Element, x: f64, y: f64) -> Vec2 {
    let rect = element.get_bounding_client_rect();
    Vec2::new(x - rect.left(), y - rect.top())
}

/// The modifier keys held during a DOM mouse event.
fn modifiers_of(ev: &web_sys::MouseEvent) -> Modifiers {
    Modifiers {
        shift: ev.shift_key(),
        ctrl: ev.ctrl_key(),
        meta: ev.meta_key(),
        alt: ev.alt_key(),
    }
}

/// The editor's name for a DOM mouse button number (anything unknown counts as primary).
fn button_of(button: i16) -> PointerButton {
    match button {
        1 => PointerButton::Middle,
        2 => PointerButton::Secondary,
        _ => PointerButton::Primary,
    }
}

/// While a drag is held near the canvas's edge (`Editor::auto_pans`), sends the editor an
/// animation frame each display frame with the wall time since the last, which pans the view and
/// carries the drag along; stops once the editor no longer asks for frames. `running` keeps a
/// second call from starting a second loop.
pub(super) fn follow_auto_pan(state: AppState, running: StoredValue<bool>) {
    if running.get_value() || !state.editor.with_untracked(|e| e.auto_pans()) {
        return;
    }
    running.set_value(true);
    fn next(state: AppState, running: StoredValue<bool>, last_ms: f64) {
        request_animation_frame(move || {
            let now = crate::ui::run::now_ms();
            let response = state.dispatch(InputEvent::AnimationFrame {
                elapsed_ms: now - last_ms,
            });
            if response.handled && state.editor.with_untracked(|e| e.auto_pans()) {
                next(state, running, now);
            } else {
                running.try_set_value(false);
            }
        });
    }
    next(state, running, crate::ui::run::now_ms());
}

/// Focuses `element` without scrolling the page (a press must not move what is under it).
pub(in crate::ui) fn focus_without_scroll(element: &web_sys::Element) {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"preventScroll".into(), &true.into());
    if let Ok(focus) = js_sys::Reflect::get(element, &"focus".into())
        && let Some(focus) = focus.dyn_ref::<js_sys::Function>()
    {
        let _ = focus.call1(element, &options);
    }
}

/// The canvas region element of this app (for palette drags measured against it).
pub(in crate::ui) fn canvas_element() -> Option<web_sys::Element> {
    web_sys::window()?
        .document()?
        .query_selector("[data-testid=canvas]")
        .ok()?
}

/// Builds an editor pointer event from a DOM one.
pub(super) fn pointer_event(
    state: AppState,
    element: &web_sys::Element,
    ev: &web_sys::PointerEvent,
) -> PointerEvent {
    let screen = screen_of(element, ev.client_x() as f64, ev.client_y() as f64);
    let world = state.editor.with_untracked(|e| e.world_at(screen));
    PointerEvent {
        pointer: PointerId(ev.pointer_id()),
        kind: PointerKind::from_dom(&ev.pointer_type()),
        button: button_of(ev.button()),
        modifiers: modifiers_of(ev),
        screen,
        world,
    }
}
