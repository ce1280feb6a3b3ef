//! The app shell mounts and shows its regions.

use scalelab::model::ComponentKind;
use scalelab::present::lang::Lang;
use scalelab::present::say;
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
        let name = say::kind_name(Lang::En, kind);
        assert!(text.contains(name), "palette lacks {name}");
    }
}

/// The text of the first element under `host` matching `selector`.
fn text_of(host: &web_sys::HtmlElement, selector: &str) -> String {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} is missing"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_shell_starts_in_the_remembered_language_and_switches_without_a_reload() {
    const LANG_KEY: &str = "scalelab.lang";
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item(LANG_KEY, "ko").unwrap();
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), scalelab::ui::App);
    // Read while mounting; removed at once so no other test starts in Korean.
    storage.remove_item(LANG_KEY).unwrap();
    leptos::task::tick().await;

    assert_eq!(text_of(&host, ".palette .panel-title"), "컴포넌트");
    assert_eq!(text_of(&host, "[data-testid=share]").trim(), "링크 공유");
    let canvas = host
        .query_selector("[data-testid=canvas]")
        .unwrap()
        .unwrap();
    assert_eq!(
        canvas.get_attribute("aria-label").as_deref(),
        Some("다이어그램 캔버스")
    );

    let picker: web_sys::HtmlSelectElement = host
        .query_selector("[data-testid=language]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    picker.set_value("en");
    let change = web_sys::Event::new_with_event_init_dict("change", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    picker.dispatch_event(&change).unwrap();
    leptos::task::tick().await;
    storage.remove_item(LANG_KEY).unwrap();

    assert_eq!(text_of(&host, ".palette .panel-title"), "Components");
    assert_eq!(text_of(&host, "[data-testid=share]").trim(), "Share link");
    assert_eq!(
        canvas.get_attribute("aria-label").as_deref(),
        Some("Diagram canvas")
    );
}
