//! The canvas: an SVG surface with a world grid that fills the space between the side panels.

use leptos::prelude::*;

/// The diagram canvas.
#[component]
pub fn Canvas() -> impl IntoView {
    view! {
        <main class="canvas-area" data-testid="canvas" aria-label="Diagram canvas">
            <svg class="canvas" xmlns="http://www.w3.org/2000/svg" role="img">
                <defs>
                    <pattern id="grid-minor" width="20" height="20" patternUnits="userSpaceOnUse">
                        <path d="M 20 0 L 0 0 0 20" class="grid-line-minor"></path>
                    </pattern>
                    <pattern id="grid-major" width="100" height="100" patternUnits="userSpaceOnUse">
                        <rect width="100" height="100" fill="url(#grid-minor)"></rect>
                        <path d="M 100 0 L 0 0 0 100" class="grid-line-major"></path>
                    </pattern>
                </defs>
                <rect class="grid" width="100%" height="100%" fill="url(#grid-major)"></rect>
            </svg>
            <div class="canvas-empty" data-testid="canvas-empty">
                <p class="canvas-empty-title">"Start with a single server"</p>
                <p>"Add Users and Web servers from the palette, then wire users to the servers."</p>
            </div>
        </main>
    }
}
