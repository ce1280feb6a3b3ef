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
        // A panel over the left edge: fit into what it leaves, then shift past it.
        let cover = self.cover_left.clamp(0.0, self.viewport.x / 2.0);
        let open = Vec2::new(self.viewport.x - cover, self.viewport.y);
        self.fitted = layout::diagram_bounds(&self.diagram).map(|bounds| {
            let mut camera = self.camera.fit_to_bounds(bounds, open, padding);
            camera.offset.x += cover;
            camera
        });
        if let Some(camera) = self.fitted {
            self.camera = camera;
        }
    }

    /// A panel now covers `px` CSS pixels of the canvas's left edge (0: none): while the fit is
    /// armed, the diagram is fitted again into what the panel leaves (at most half the canvas).
    pub fn set_left_cover(&mut self, px: f64) {
        let px = if px.is_finite() { px.max(0.0) } else { 0.0 };
        if px == self.cover_left {
            return;
        }
        self.cover_left = px;
        if self.fit_armed() {
            self.fit_to_view();
        }
    }

    /// CSS pixels of the canvas's left edge a panel covers.
    pub fn cover_left(&self) -> f64 {
        self.cover_left
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

/// The camera a fit set, kept to tell whether the person has moved it since.
pub(super) type FittedCamera = Option<Camera>;
