//! Autosave restore and the damaged-link banner, in a real browser with real localStorage.

use scalelab::model::examples;
use scalelab::share::{encode_link, export_json};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

const AUTOSAVE_KEY: &str = "scalelab.autosave.v1";
const RECOVERY_KEY: &str = "scalelab.recovery.v1";

fn window() -> web_sys::Window {
    web_sys::window().unwrap()
}

fn storage() -> web_sys::Storage {
    window().local_storage().unwrap().unwrap()
}

fn set_fragment(fragment: &str) {
    let location = window().location();
    let url = format!("{}{}", location.pathname().unwrap(), fragment);
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .unwrap();
}

fn host() -> web_sys::HtmlElement {
    let document = window().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

fn banner_text(host: &web_sys::HtmlElement) -> String {
    host.query_selector("[data-testid=banner]")
        .unwrap()
        .and_then(|b| b.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn autosaved_diagram_is_restored_exactly_on_start() {
    let saved = export_json(&examples::chapter_final());
    storage().clear().unwrap();
    storage().set_item(AUTOSAVE_KEY, &saved).unwrap();
    set_fragment("");

    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), scalelab::ui::App);
    leptos::task::tick().await;

    // Opening wrote back exactly what it read: nothing was replaced or lost.
    assert_eq!(
        storage().get_item(AUTOSAVE_KEY).unwrap().as_deref(),
        Some(saved.as_str())
    );
    assert_eq!(banner_text(&host), "", "a plain restore needs no banner");
    let cards = host
        .query_selector_all("[data-testid=component-card]")
        .unwrap()
        .length() as usize;
    assert_eq!(cards, examples::chapter_final().components.len());
    assert_eq!(storage().get_item(RECOVERY_KEY).unwrap(), None);
}

#[wasm_bindgen_test]
async fn damaged_link_shows_a_banner_and_keeps_the_saved_diagram() {
    let saved = export_json(&examples::chapter_final());
    storage().clear().unwrap();
    storage().set_item(AUTOSAVE_KEY, &saved).unwrap();
    let link = encode_link(&examples::single_server());
    set_fragment(&format!("#{}", &link[..link.len() - 12]));

    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), scalelab::ui::App);
    leptos::task::tick().await;

    let text = banner_text(&host);
    assert!(text.contains("This link is damaged"), "banner: {text}");
    assert!(text.contains("untouched"), "banner: {text}");
    assert_eq!(
        storage().get_item(AUTOSAVE_KEY).unwrap().as_deref(),
        Some(saved.as_str())
    );
    assert_eq!(
        window().location().hash().unwrap(),
        "",
        "the damaged fragment is cleared"
    );
}

async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Regression: the debounced autosave must follow edits made on the canvas, not only imports.
#[wasm_bindgen_test]
async fn an_edit_is_autosaved_after_a_short_pause() {
    storage().clear().unwrap();
    set_fragment("");
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), scalelab::ui::App);
    leptos::task::tick().await;
    let before = storage()
        .get_item(AUTOSAVE_KEY)
        .unwrap()
        .unwrap_or_default();

    let item: web_sys::HtmlElement = host
        .query_selector("[data-testid=palette-item][data-kind=Cache]")
        .unwrap()
        .expect("palette item")
        .unchecked_into();
    item.click();
    leptos::task::tick().await;
    sleep_ms(900).await;

    let after = storage()
        .get_item(AUTOSAVE_KEY)
        .unwrap()
        .unwrap_or_default();
    assert_ne!(after, before, "the edit was not autosaved");
    let saved = scalelab::share::import_json(&after).expect("autosave reads back");
    assert_eq!(saved.diagram.components.len(), 1);
}
