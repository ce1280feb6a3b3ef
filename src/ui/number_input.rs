//! The arrow keys of the app's numeric fields.
//!
//! Numeric fields are text fields (`inputmode` brings up a phone's number pad) read by
//! [`editor::number`](crate::editor::number), so they lose what a browser number input gave:
//! ArrowUp and ArrowDown nudging the value. [`arrows`] gives it back, by a field's own step
//! (ten steps with Shift), and hands the new value to the field's change handler as typing it
//! and pressing Enter would. [`write_back`] gives a field its setting's own writing again.

use wasm_bindgen::JsCast;

/// A keydown handler moving the field's value by `step`, never below `min`.
pub fn arrows(step: f64, min: f64) -> impl Fn(web_sys::KeyboardEvent) + Clone + 'static {
    move |ev: web_sys::KeyboardEvent| {
        let steps = match ev.key().as_str() {
            "ArrowUp" => 1.0,
            "ArrowDown" => -1.0,
            _ => return,
        };
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        ev.prevent_default();
        let steps = if ev.shift_key() { steps * 10.0 } else { steps };
        input.set_value(&crate::editor::number::step(
            &input.value(),
            step,
            steps,
            min,
        ));
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        if let Ok(change) = web_sys::Event::new_with_event_init_dict("change", &init) {
            let _ = input.dispatch_event(&change);
        }
    }
}

/// Puts `text`, the setting as the field writes it, back into the field `ev` changed: a number
/// typed another way ("1e5", "100000.0") that leaves the setting as it was redraws nothing, so
/// the field would keep the typed form.
pub fn write_back(ev: &web_sys::Event, text: &str) {
    if let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.set_value(text);
    }
}
