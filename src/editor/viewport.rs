//! The canvas's size and what the camera does when it changes: the first view shows the whole
//! diagram, and a canvas that shrinks (a run panel opening, a banner, a phone turned) keeps the
//! diagram and the selection in view.
//!
//! A document loaded before the canvas has its size (a shared link, the autosave at start-up)
//! is fitted to a guessed viewport; so the fit stays armed while the camera is the one it set:
//! every new size fits the diagram again until the person moves the camera (a pan, a zoom, a
//! pinch). After that a new size only moves the camera as little as keeps in view what was in
//! view: the whole diagram if it all showed, and the selection if it showed ([`Camera::reveal`]:
//! a pan, or a zoom out if it no longer fits; never a zoom in). Session state only: nothing here
//! touches the document or the history.

use super::Editor;
use super::camera::Camera;
use super::geometry::{Rect, Vec2};
use super::layout;
use super::selection::Selectable;
use crate::decimal::Within;

impl Editor {
    /// The canvas now measures `size` CSS pixels (finite, positive): refits while the fit is
    /// armed, else keeps in view what was in view.
    pub(super) fn resize_viewport(&mut self, size: Vec2) {
        let before = self.viewport;
        self.viewport = size;
        if before == size {
            return;
        }
        if self.fitted == Some(self.camera) {
            self.fit_to_view();
            return;
        }
        let padding = self.settings.fit_padding_px / 2.0;
        let targets = [
            layout::diagram_bounds(&self.diagram),
            self.selection_bounds(),
        ];
        for target in targets.into_iter().flatten() {
            if self.camera.shows(target, before) {
                self.camera = self.camera.reveal(target, size, padding);
            }
        }
    }

    /// Moves the camera as little as shows the whole selection (a pan, or a zoom out if it does
    /// not fit; never a zoom in): what a paste or a duplicate just added may have found its
    /// free space off screen. Nothing before the canvas has a size.
    pub(super) fn reveal_selection(&mut self) {
        self.reveal_bounds(self.selection_bounds());
    }

    /// Moves the camera as little as shows `item` (a card, a datacenter's frame, or the two
    /// cards a wire joins), as [`Editor::reveal_selection`] does: what keyboard focus reaches
    /// comes into view. Nothing before the canvas has a size, nor for an unknown item.
    pub fn reveal(&mut self, item: Selectable) {
        let card = |id| self.diagram.component(id).map(layout::card_bounds);
        let target = match item {
            Selectable::Component(id) => card(id),
            Selectable::Group(id) => self.diagram.group(id).map(layout::group_bounds),
            Selectable::Wire(id) => self
                .diagram
                .wire(id)
                .and_then(|w| Rect::bounding([card(w.from.component)?, card(w.to.component)?])),
        };
        self.reveal_bounds(target);
    }

    /// Moves the camera as little as shows `target` (world units) with half the fit's padding;
    /// nothing before the canvas has a size, nor for no target.
    fn reveal_bounds(&mut self, target: Option<Rect>) {
        if let Some(target) = target
            && self.viewport.x > 0.0
            && self.viewport.y > 0.0
        {
            let padding = self.settings.fit_padding_px / 2.0;
            self.camera = self.camera.reveal(target, self.viewport, padding);
        }
    }

    /// Fits the camera to the whole diagram, with the settings' padding (less on a small
    /// canvas), and arms the fit (see the module doc); an empty diagram leaves the camera as it
    /// is and the fit unarmed.
    pub(super) fn fit_to_view(&mut self) {
        // A phone's canvas cannot spare the desktop's margin: at most a twelfth of its shorter
        // side.
        let padding = self
            .settings
            .fit_padding_px
            .min(self.viewport.x.min(self.viewport.y) / 12.0);
        // Panels over the left or the bottom edge: fit into what they leave, then shift past
        // the left one.
        let cover = self.cover_within_viewport();
        let open = Vec2::new(self.viewport.x - cover.left, self.viewport.y - cover.bottom);
        self.fitted = layout::diagram_bounds(&self.diagram).map(|bounds| {
            // Room above the top row for the figures a run draws over its cards.
            let bounds =
                Rect::from_corners(bounds.min - Vec2::new(0.0, layout::BADGE_ROOM), bounds.max);
            let mut camera = self.camera.fit_to_bounds(bounds, open, padding);
            camera.offset.x += cover.left;
            camera
        });
        if let Some(camera) = self.fitted {
            self.camera = camera;
        }
    }

    /// Panels now cover `cover` of the canvas's edges: while the fit is armed, the diagram is
    /// fitted again into what they leave (each at most half the canvas). Non-finite or negative
    /// widths count as none.
    pub fn set_cover(&mut self, cover: Cover) {
        let clean = |px: f64| if px.is_finite() { px.max(0.0) } else { 0.0 };
        let cover = Cover {
            left: clean(cover.left),
            bottom: clean(cover.bottom),
        };
        if cover == self.cover {
            return;
        }
        self.cover = cover;
        if self.fit_armed() {
            self.fit_to_view();
        }
    }

    /// What panels cover of the canvas's edges.
    pub fn cover(&self) -> Cover {
        self.cover
    }

    /// What panels cover of the canvas's edges, each at most half the canvas.
    pub(super) fn cover_within_viewport(&self) -> Cover {
        self.cover.within(self.viewport)
    }

    /// Whether the camera is still the one the last fit set (new sizes fit again).
    pub fn fit_armed(&self) -> bool {
        self.fitted == Some(self.camera)
    }

    /// The world rectangle around the selected cards and datacenters, if any is selected.
    fn selection_bounds(&self) -> Option<Rect> {
        let cards = self
            .selection
            .components
            .iter()
            .filter_map(|id| self.diagram.component(*id))
            .map(layout::card_bounds);
        let groups = self
            .selection
            .groups
            .iter()
            .filter_map(|id| self.diagram.group(*id))
            .map(layout::group_bounds);
        Rect::bounding(cards.chain(groups))
    }
}

/// CSS pixels of the canvas's edges that panels cover, which fits leave out: a lesson's panel
/// floats over the left edge of a wide canvas and along the bottom of a narrow one.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cover {
    pub left: f64,
    pub bottom: f64,
}

impl Cover {
    /// No panel over the canvas.
    pub const NONE: Cover = Cover {
        left: 0.0,
        bottom: 0.0,
    };

    /// This cover on a canvas of `size`: each edge's at most half the canvas, so a fit always
    /// has room.
    fn within(self, size: Vec2) -> Cover {
        Cover {
            left: self.left.within(0.0, size.x / 2.0),
            bottom: self.bottom.within(0.0, size.y / 2.0),
        }
    }
}

/// The camera a fit set, kept to tell whether the person has moved it since.
pub(super) type FittedCamera = Option<Camera>;
