//! The app shell mounts and shows its regions.

use scalelab::model::ComponentKind;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

fn host() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

#[wasm_bindgen_test]
async fn shell_shows_palette_canvas_inspector_and_metrics() {
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), scalelab::ui::App);
    leptos::task::tick().await;

    for region in ["palette", "canvas", "inspector", "metrics"] {
        let selector = format!("[data-testid={region}]");
        assert!(
            host.query_selector(&selector).unwrap().is_some(),
            "{region} is missing"
        );
    }
    let items = host.query_selector_all(".palette-item").unwrap();
    assert_eq!(items.length() as usize, ComponentKind::ALL.len());
    let text = host.text_content().unwrap_or_default();
    for kind in ComponentKind::ALL {
        assert!(text.contains(kind.name()), "palette lacks {}", kind.name());
    }
}
