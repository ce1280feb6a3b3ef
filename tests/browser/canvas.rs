//! The canvas editor driven by real DOM events: palette clicks add cards, pointer drags move
//! and select them, keyboard shortcuts undo, the inspector refuses nonsense, `?` shows the
//! shortcuts.

use leptos::task::tick;
use scalelab::present::lang::Lang;
use scalelab::present::say;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A host element for a fresh app: no autosave from an earlier test is restored into it.
fn host() -> web_sys::HtmlElement {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    // Pinned to the viewport, so pointer coordinates do not depend on what earlier tests left
    // in the page.
    host.set_attribute(
        "style",
        "position: fixed; left: 0; top: 0; width: 1000px; height: 700px; z-index: 1",
    )
    .unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

fn find(host: &web_sys::HtmlElement, selector: &str) -> web_sys::Element {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn count(host: &web_sys::HtmlElement, selector: &str) -> u32 {
    host.query_selector_all(selector).unwrap().length()
}

fn centre(element: &web_sys::Element) -> (f64, f64) {
    let r = element.get_bounding_client_rect();
    (r.left() + r.width() / 2.0, r.top() + r.height() / 2.0)
}

fn pointer(target: &web_sys::Element, kind: &str, x: f64, y: f64, buttons: u16) {
    let init = web_sys::PointerEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(true);
    init.set_client_x(x as i32);
    init.set_client_y(y as i32);
    init.set_pointer_id(1);
    init.set_is_primary(true);
    init.set_pointer_type("mouse");
    init.set_button(if kind == "pointermove" { -1 } else { 0 });
    init.set_buttons(buttons);
    let event = web_sys::PointerEvent::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

fn key(target: &web_sys::Element, key: &str, ctrl: bool, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_key(key);
    init.set_ctrl_key(ctrl);
    init.set_shift_key(shift);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

async fn drag(canvas: &web_sys::Element, from: (f64, f64), to: (f64, f64)) {
    pointer(canvas, "pointerdown", from.0, from.1, 1);
    tick().await;
    for step in 1..=5 {
        let t = step as f64 / 5.0;
        pointer(
            canvas,
            "pointermove",
            from.0 + (to.0 - from.0) * t,
            from.1 + (to.1 - from.1) * t,
            1,
        );
        tick().await;
    }
    pointer(canvas, "pointerup", to.0, to.1, 0);
    tick().await;
}

fn card_body(host: &web_sys::HtmlElement, kind: &str) -> web_sys::Element {
    find(
        host,
        &format!("[data-testid=component-card][data-kind={kind}] .card-body"),
    )
}

fn click(element: &web_sys::Element) {
    element.unchecked_ref::<web_sys::HtmlElement>().click();
}

#[wasm_bindgen_test]
async fn palette_click_adds_a_card_that_drags_selects_and_undoes() {
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), scalelab::ui::App);
    tick().await;
    assert_eq!(count(&host, "[data-testid=canvas-empty]"), 1);
    assert_eq!(count(&host, "[data-testid=component-card]"), 0);

    click(&find(
        &host,
        "[data-testid=palette-item][data-kind=LoadBalancer]",
    ));
    tick().await;
    assert_eq!(count(&host, "[data-testid=component-card]"), 1);
    assert_eq!(count(&host, "[data-testid=canvas-empty]"), 0);
    let card = find(
        &host,
        "[data-testid=component-card][data-kind=LoadBalancer]",
    );
    let aria = card.get_attribute("aria-label").unwrap();
    assert!(aria.starts_with("Load balancer: "), "{aria}");
    assert!(count(&host, "[data-testid=port-in]") >= 1);
    assert!(count(&host, "[data-testid=port-out]") >= 1);

    let canvas = find(&host, "[data-testid=canvas]");
    let before = centre(&card_body(&host, "LoadBalancer"));
    drag(&canvas, before, (before.0 - 120.0, before.1 + 60.0)).await;
    let after = centre(&card_body(&host, "LoadBalancer"));
    assert!(
        (after.0 - (before.0 - 120.0)).abs() <= 20.0 && (after.1 - (before.1 + 60.0)).abs() <= 20.0,
        "card moved from {before:?} to {after:?}"
    );
    let card = find(
        &host,
        "[data-testid=component-card][data-kind=LoadBalancer]",
    );
    assert!(
        card.class_list().contains("selected"),
        "dragged card is selected"
    );
    assert_eq!(count(&host, "[data-testid=inspector-component]"), 1);

    // Ctrl+Z undoes the move, then the add.
    key(&canvas, "z", true, false);
    tick().await;
    let undone = centre(&card_body(&host, "LoadBalancer"));
    assert!((undone.0 - before.0).abs() < 1.0 && (undone.1 - before.1).abs() < 1.0);
    key(&canvas, "z", true, false);
    tick().await;
    assert_eq!(count(&host, "[data-testid=component-card]"), 0);
    // Ctrl+Shift+Z redoes the add.
    key(&canvas, "Z", true, true);
    tick().await;
    assert_eq!(count(&host, "[data-testid=component-card]"), 1);
}

#[wasm_bindgen_test]
async fn toolbar_buttons_follow_is_enabled_and_run_the_same_actions() {
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), scalelab::ui::App);
    tick().await;
    let undo = find(&host, "[data-testid='editor.undo']");
    assert!(undo.has_attribute("disabled"), "nothing to undo yet");
    assert!(undo.get_attribute("title").unwrap().contains("Ctrl+Z"));

    click(&find(
        &host,
        "[data-testid=palette-item][data-kind=WebServers]",
    ));
    tick().await;
    assert!(!undo.has_attribute("disabled"));
    // Select it by clicking it, then duplicate from the toolbar.
    let canvas = find(&host, "[data-testid=canvas]");
    let at = centre(&card_body(&host, "WebServers"));
    pointer(&canvas, "pointerdown", at.0, at.1, 1);
    pointer(&canvas, "pointerup", at.0, at.1, 0);
    tick().await;
    click(&find(&host, "[data-testid='editor.duplicate']"));
    tick().await;
    assert_eq!(
        count(&host, "[data-testid=component-card][data-kind=WebServers]"),
        2
    );
    click(&undo);
    tick().await;
    assert_eq!(
        count(&host, "[data-testid=component-card][data-kind=WebServers]"),
        1
    );
}

#[wasm_bindgen_test]
async fn inspector_refuses_negative_instances_and_applies_a_valid_count() {
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), scalelab::ui::App);
    tick().await;
    assert_eq!(count(&host, "[data-testid=inspector-empty]"), 1);
    click(&find(
        &host,
        "[data-testid=palette-item][data-kind=WebServers]",
    ));
    tick().await;
    let canvas = find(&host, "[data-testid=canvas]");
    let at = centre(&card_body(&host, "WebServers"));
    pointer(&canvas, "pointerdown", at.0, at.1, 1);
    pointer(&canvas, "pointerup", at.0, at.1, 0);
    tick().await;

    let set = |value: &str| {
        let input: web_sys::HtmlInputElement =
            find(&host, "[data-testid=field-instances]").unchecked_into();
        input.set_value(value);
        let event = web_sys::Event::new_with_event_init_dict("change", &{
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            init
        })
        .unwrap();
        input.dispatch_event(&event).unwrap();
    };
    set("-5");
    tick().await;
    let error = find(&host, "[data-testid=field-error]")
        .text_content()
        .unwrap();
    assert!(error.contains("Instances"), "{error}");
    let summary = find(&host, "[data-testid=component-card] .card-summary")
        .text_content()
        .unwrap();
    assert!(summary.starts_with("1 server "), "{summary}");

    set("3");
    tick().await;
    assert_eq!(count(&host, "[data-testid=field-error]"), 0);
    let summary = find(&host, "[data-testid=component-card] .card-summary")
        .text_content()
        .unwrap();
    assert!(summary.starts_with("3 servers"), "{summary}");
}

#[wasm_bindgen_test]
async fn question_mark_lists_the_shortcuts_and_escape_closes_them() {
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), scalelab::ui::App);
    tick().await;
    let canvas = find(&host, "[data-testid=canvas]");
    key(&canvas, "?", false, true);
    tick().await;
    let overlay = find(&host, "[data-testid=shortcuts-overlay]");
    let text = overlay.text_content().unwrap();
    for spec in scalelab::editor::ACTIONS {
        let name = say::action_name(Lang::En, spec.action);
        assert!(text.contains(&name), "overlay lacks {name}");
    }
    key(&canvas, "Escape", false, false);
    tick().await;
    assert_eq!(count(&host, "[data-testid=shortcuts-overlay]"), 0);
}

/// The element keys go to, as a browser sends them: the focused one, else the body.
fn focused() -> web_sys::Element {
    document()
        .active_element()
        .unwrap_or_else(|| document().body().unwrap().unchecked_into())
}

async fn settle() {
    // Let re-renders and anything they schedule run.
    for _ in 0..3 {
        tick().await;
        let wait = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(wait).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn backspace_and_ctrl_z_in_an_inspector_field_belong_to_the_field() {
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), scalelab::ui::App);
    tick().await;
    click(&find(
        &host,
        "[data-testid=palette-item][data-kind=WebServers]",
    ));
    tick().await;
    let canvas = find(&host, "[data-testid=canvas]");
    let at = centre(&card_body(&host, "WebServers"));
    pointer(&canvas, "pointerdown", at.0, at.1, 1);
    pointer(&canvas, "pointerup", at.0, at.1, 0);
    tick().await;
    let cards = || count(&host, "[data-testid=component-card][data-kind=WebServers]");
    assert_eq!(cards(), 1);

    let field = || -> web_sys::HtmlInputElement {
        find(&host, "[data-testid=field-instances]").unchecked_into()
    };
    field().focus().unwrap();
    key(&focused(), "Backspace", false, false);
    key(&focused(), "z", true, false);
    settle().await;
    assert_eq!(cards(), 1, "Backspace in a field deleted the component");

    // The user types a new count and presses Enter: the value applies and the card's form
    // re-renders, but the keys that follow still go to the field, not to the canvas.
    field().set_value("3");
    let change = web_sys::Event::new_with_event_init_dict("change", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    field().dispatch_event(&change).unwrap();
    settle().await;
    let summary = find(&host, "[data-testid=component-card] .card-summary")
        .text_content()
        .unwrap();
    assert!(summary.starts_with("3 servers"), "{summary}");
    assert_eq!(
        focused().get_attribute("data-testid").as_deref(),
        Some("field-instances"),
        "focus left the field it was typed in"
    );
    key(&focused(), "Backspace", false, false);
    key(&focused(), "z", true, false);
    settle().await;
    assert_eq!(cards(), 1, "Backspace after Enter deleted the component");
    let summary = find(&host, "[data-testid=component-card] .card-summary")
        .text_content()
        .unwrap();
    assert!(
        summary.starts_with("3 servers"),
        "Ctrl+Z in a field undid: {summary}"
    );

    // A button in the inspector (a finding of the design review: a lone web tier has some) is
    // no place for shortcuts either.
    let finding: web_sys::HtmlElement = find(&host, "[data-testid=diagnostic]").unchecked_into();
    finding.focus().unwrap();
    key(&focused(), "Delete", false, false);
    settle().await;
    assert_eq!(
        cards(),
        1,
        "Delete on an inspector button deleted the component"
    );

    // Back on the canvas the same key deletes the selected component.
    let canvas: web_sys::HtmlElement = canvas.unchecked_into();
    canvas.focus().unwrap();
    key(&focused(), "Backspace", false, false);
    settle().await;
    assert_eq!(cards(), 0);
}

#[wasm_bindgen_test]
async fn the_canvas_follows_its_container_size_for_centring() {
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), scalelab::ui::App);
    tick().await;
    settle().await;
    let canvas = find(&host, "[data-testid=canvas]");
    let wide = canvas.get_bounding_client_rect().width();
    // The container narrows without any window resize (as when a panel or banner takes room).
    host.set_attribute(
        "style",
        "position: fixed; left: 0; top: 0; width: 760px; height: 700px; z-index: 1",
    )
    .unwrap();
    settle().await;
    settle().await;
    let rect = canvas.get_bounding_client_rect();
    assert!(
        rect.width() < wide - 100.0,
        "{} then {}",
        wide,
        rect.width()
    );
    // A palette click adds in the middle of the canvas as it measures now.
    click(&find(&host, "[data-testid=palette-item][data-kind=Cache]"));
    tick().await;
    let (x, y) = centre(&card_body(&host, "Cache"));
    let middle = (
        rect.left() + rect.width() / 2.0,
        rect.top() + rect.height() / 2.0,
    );
    assert!(
        (x - middle.0).abs() <= 20.0 && (y - middle.1).abs() <= 20.0,
        "card at {:?}, canvas middle {middle:?}",
        (x, y)
    );
}
