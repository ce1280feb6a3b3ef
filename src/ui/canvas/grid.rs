//! The canvas background: the minor and major grid patterns, which pan and zoom with the
//! camera, the rectangle they fill, and the arrowhead marker that wires and the ghost wire end
//! in.
//!
//! The patterns and the world layers share one transform, [`world_transform`], so the grid
//! stays under the cards whatever the camera does. Nothing here reads the diagram.

use crate::decimal::Shortest;
use leptos::prelude::*;

use crate::editor::Camera;

/// The SVG transform that draws world coordinates under `camera`.
pub(super) fn world_transform(camera: Camera) -> String {
    format!(
        "translate({} {}) scale({})",
        Shortest(camera.offset.x),
        Shortest(camera.offset.y),
        Shortest(camera.zoom)
    )
}

/// The grid patterns and the arrowhead marker, and the grid filling the whole canvas.
pub(super) fn background(camera: Memo<Camera>) -> impl IntoView {
    let transform = move || world_transform(camera.get());
    view! {
        <defs>
            <pattern
                id="grid-minor"
                width="20"
                height="20"
                patternUnits="userSpaceOnUse"
                patternTransform=transform
            >
                <path d="M 20 0 L 0 0 0 20" class="grid-line-minor"></path>
            </pattern>
            <pattern
                id="grid-major"
                width="100"
                height="100"
                patternUnits="userSpaceOnUse"
                patternTransform=transform
            >
                <path d="M 20 0 L 0 0 0 20 M 40 0 L 40 100 M 60 0 L 60 100 M 80 0 L 80 100 M 0 40 L 100 40 M 0 60 L 100 60 M 0 80 L 100 80 M 20 0 L 20 100 M 0 20 L 100 20" class="grid-line-minor"></path>
                <path d="M 100 0 L 0 0 0 100" class="grid-line-major"></path>
            </pattern>
            <marker
                id="wire-arrow"
                viewBox="0 0 10 10"
                refX="10"
                refY="5"
                markerWidth="8"
                markerHeight="8"
                orient="auto-start-reverse"
                markerUnits="userSpaceOnUse"
            >
                <path d="M 0 0 L 10 5 L 0 10 z" class="wire-arrowhead"></path>
            </marker>
        </defs>
        <rect class="grid" width="100%" height="100%" fill="url(#grid-major)"></rect>
    }
}
