//! The camera: which part of the infinite world canvas the viewport shows.
//!
//! `screen = world * zoom + offset`, so `offset` is where the world origin lands on screen (in
//! CSS pixels) and `zoom` is screen pixels per world unit. The zoom is always kept inside
//! [`MIN_ZOOM`, `MAX_ZOOM`]; every operation that changes it clamps. The camera is session state:
//! it never enters the undo history, the file or the share link, and moving it never clears redo.
//! It knows nothing about the DOM: the view tells it the viewport size when fitting.

use crate::decimal::Within;
use serde::{Deserialize, Serialize};

use super::geometry::{Rect, Vec2};

/// The smallest zoom (most zoomed out).
pub const MIN_ZOOM: f64 = 0.1;
/// The largest zoom (most zoomed in).
pub const MAX_ZOOM: f64 = 4.0;
/// How strongly one pixel of wheel delta zooms: a delta of `-100` zooms in by `1.0015^100`.
pub const WHEEL_ZOOM_PER_PIXEL: f64 = 1.0015;

/// Maps world coordinates to screen coordinates and back.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Camera {
    /// Screen position of the world origin, in screen pixels.
    pub offset: Vec2,
    /// Screen pixels per world unit, within [`MIN_ZOOM`, `MAX_ZOOM`].
    pub zoom: f64,
}

impl Default for Camera {
    fn default() -> Self {
        Camera {
            offset: Vec2::ZERO,
            zoom: 1.0,
        }
    }
}

/// Clamps a requested zoom into the allowed range; a non-finite request gives 1.
pub fn clamp_zoom(zoom: f64) -> f64 {
    if zoom.is_nan() {
        1.0
    } else {
        zoom.within(MIN_ZOOM, MAX_ZOOM)
    }
}

impl Camera {
    /// Converts a screen position to the world position under it.
    pub fn screen_to_world(&self, screen: Vec2) -> Vec2 {
        (screen - self.offset).scale(1.0 / self.zoom)
    }

    /// Converts a world position to where it appears on screen.
    pub fn world_to_screen(&self, world: Vec2) -> Vec2 {
        world.scale(self.zoom) + self.offset
    }

    /// Converts a screen-space length (a drag threshold, a hit radius) to world units.
    pub fn screen_len_to_world(&self, screen_len: f64) -> f64 {
        screen_len / self.zoom
    }

    /// Moves the view by a screen-space delta: the content follows the pointer.
    pub fn pan_by_screen(&mut self, delta_screen: Vec2) {
        if delta_screen.is_finite() {
            self.offset += delta_screen;
        }
    }

    /// Sets the zoom to `new_zoom` (clamped) keeping the world point under `anchor_screen` fixed
    /// on screen: the cursor stays over the same thing while zooming.
    pub fn zoom_at(&mut self, anchor_screen: Vec2, new_zoom: f64) {
        if !anchor_screen.is_finite() {
            return;
        }
        let anchor_world = self.screen_to_world(anchor_screen);
        self.zoom = clamp_zoom(new_zoom);
        self.offset = anchor_screen - anchor_world.scale(self.zoom);
    }

    /// Multiplies the zoom by `factor` around `anchor_screen` (see [`Camera::zoom_at`]).
    pub fn zoom_by_at(&mut self, anchor_screen: Vec2, factor: f64) {
        if factor.is_finite() && factor > 0.0 {
            self.zoom_at(anchor_screen, self.zoom * factor);
        }
    }

    /// Applies a wheel/pinch zoom gesture: a negative `delta_y` (wheel up) zooms in around
    /// `anchor_screen`.
    pub fn wheel_zoom(&mut self, anchor_screen: Vec2, delta_y: f64) {
        self.zoom_by_at(anchor_screen, WHEEL_ZOOM_PER_PIXEL.powf(-delta_y));
    }

    /// The world rectangle visible in a viewport of `viewport_screen` pixels.
    pub fn visible_world(&self, viewport_screen: Vec2) -> Rect {
        Rect::from_corners(
            self.screen_to_world(Vec2::ZERO),
            self.screen_to_world(viewport_screen),
        )
    }

    /// Returns the camera that shows `bounds_world` centred in a viewport of `viewport_screen`
    /// pixels, leaving at least `padding_screen` pixels free on every side, zoom clamped. A
    /// degenerate axis (all components on one line, or a single point) does not constrain the
    /// zoom; if neither axis does, the zoom is 1. Non-finite input leaves the camera unchanged.
    pub fn fit_to_bounds(
        &self,
        bounds_world: Rect,
        viewport_screen: Vec2,
        padding_screen: f64,
    ) -> Camera {
        if !(bounds_world.min.is_finite()
            && bounds_world.max.is_finite()
            && viewport_screen.is_finite()
            && padding_screen.is_finite())
        {
            return *self;
        }
        let available = Vec2::new(
            (viewport_screen.x - 2.0 * padding_screen).max(1.0),
            (viewport_screen.y - 2.0 * padding_screen).max(1.0),
        );
        let fit_x = (bounds_world.width() > 0.0).then(|| available.x / bounds_world.width());
        let fit_y = (bounds_world.height() > 0.0).then(|| available.y / bounds_world.height());
        let zoom = clamp_zoom(match (fit_x, fit_y) {
            (Some(x), Some(y)) => x.min(y),
            (Some(x), None) => x,
            (None, Some(y)) => y,
            (None, None) => 1.0,
        });
        let viewport_center = viewport_screen.scale(0.5);
        Camera {
            zoom,
            offset: viewport_center - bounds_world.center().scale(zoom),
        }
    }

    /// Whether all of `target_world` is on screen in a viewport of `viewport_screen` pixels
    /// (touching the edge counts; half a pixel of rounding is forgiven).
    pub fn shows(&self, target_world: Rect, viewport_screen: Vec2) -> bool {
        let on_screen = Rect::from_corners(
            self.world_to_screen(target_world.min),
            self.world_to_screen(target_world.max),
        );
        on_screen.min.x >= -0.5
            && on_screen.min.y >= -0.5
            && on_screen.max.x <= viewport_screen.x + 0.5
            && on_screen.max.y <= viewport_screen.y + 0.5
    }

    /// Returns the camera that brings all of `target_world` into a viewport of
    /// `viewport_screen` pixels, moving as little as it can: unchanged if it is already all on
    /// screen; else a pan that leaves `padding_screen` pixels (at most a quarter of the
    /// viewport) between it and the edges it crossed, if it fits at this zoom; else fitted
    /// ([`Camera::fit_to_bounds`]), which zooms out. It never zooms in. Non-finite input leaves
    /// the camera unchanged.
    pub fn reveal(&self, target_world: Rect, viewport_screen: Vec2, padding_screen: f64) -> Camera {
        if !(target_world.min.is_finite()
            && target_world.max.is_finite()
            && viewport_screen.is_finite()
            && padding_screen.is_finite())
            || self.shows(target_world, viewport_screen)
        {
            return *self;
        }
        let padding = padding_screen
            .min(viewport_screen.x / 4.0)
            .min(viewport_screen.y / 4.0)
            .max(0.0);
        let on_screen = Rect::from_corners(
            self.world_to_screen(target_world.min),
            self.world_to_screen(target_world.max),
        );
        let fits = on_screen.width() <= viewport_screen.x - 2.0 * padding
            && on_screen.height() <= viewport_screen.y - 2.0 * padding;
        if !fits {
            let fitted = self.fit_to_bounds(target_world, viewport_screen, padding);
            return if fitted.zoom <= self.zoom {
                fitted
            } else {
                // Fitting would zoom in (a degenerate axis): centre it at this zoom instead.
                Camera {
                    zoom: self.zoom,
                    offset: viewport_screen.scale(0.5) - target_world.center().scale(self.zoom),
                }
            };
        }
        // The smallest shift along one axis that brings [lo, hi] inside [pad, size - pad].
        let shift = |lo: f64, hi: f64, size: f64| {
            if lo < 0.0 {
                padding - lo
            } else if hi > size {
                size - padding - hi
            } else {
                0.0
            }
        };
        let mut moved = *self;
        moved.pan_by_screen(Vec2::new(
            shift(on_screen.min.x, on_screen.max.x, viewport_screen.x),
            shift(on_screen.min.y, on_screen.max.y, viewport_screen.y),
        ));
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Vec2, b: Vec2) -> bool {
        a.distance(b) < 1e-9
    }

    #[test]
    fn screen_world_round_trip() {
        let camera = Camera {
            offset: Vec2::new(30.0, -12.0),
            zoom: 2.5,
        };
        let world = Vec2::new(7.0, 11.0);
        let screen = camera.world_to_screen(world);
        assert_eq!(screen, Vec2::new(47.5, 15.5));
        assert!(close(camera.screen_to_world(screen), world));
        assert_eq!(camera.screen_len_to_world(5.0), 2.0);
    }

    #[test]
    fn zoom_at_keeps_the_world_point_under_the_cursor() {
        let mut camera = Camera {
            offset: Vec2::new(100.0, 50.0),
            zoom: 1.0,
        };
        let cursor = Vec2::new(400.0, 300.0);
        let before = camera.screen_to_world(cursor);
        camera.zoom_at(cursor, 2.0);
        assert_eq!(camera.zoom, 2.0);
        assert!(close(camera.screen_to_world(cursor), before));
        camera.wheel_zoom(cursor, 240.0);
        assert!(camera.zoom < 2.0);
        assert!(close(camera.screen_to_world(cursor), before));
    }

    #[test]
    fn zoom_is_clamped_and_the_anchor_still_holds() {
        let mut camera = Camera::default();
        let cursor = Vec2::new(10.0, 10.0);
        let before = camera.screen_to_world(cursor);
        camera.zoom_at(cursor, 1000.0);
        assert_eq!(camera.zoom, MAX_ZOOM);
        assert!(close(camera.screen_to_world(cursor), before));
        camera.zoom_at(cursor, 0.0);
        assert_eq!(camera.zoom, MIN_ZOOM);
        camera.zoom_at(cursor, f64::NAN);
        assert_eq!(camera.zoom, 1.0);
        camera.zoom_by_at(cursor, -2.0);
        assert_eq!(camera.zoom, 1.0, "a negative factor is ignored");
    }

    #[test]
    fn pan_moves_content_with_the_pointer() {
        let mut camera = Camera::default();
        let world = Vec2::new(5.0, 5.0);
        let before = camera.world_to_screen(world);
        camera.pan_by_screen(Vec2::new(20.0, -10.0));
        assert_eq!(
            camera.world_to_screen(world),
            before + Vec2::new(20.0, -10.0)
        );
    }

    #[test]
    fn fit_to_bounds_centres_and_pads() {
        let bounds = Rect::from_corners(Vec2::new(100.0, 100.0), Vec2::new(300.0, 200.0));
        let viewport = Vec2::new(800.0, 600.0);
        let fitted = Camera::default().fit_to_bounds(bounds, viewport, 50.0);
        // Width limits: (800 - 100) / 200 = 3.5; height would allow 5.
        assert_eq!(fitted.zoom, 3.5);
        assert!(close(
            fitted.world_to_screen(bounds.center()),
            Vec2::new(400.0, 300.0)
        ));
        let on_screen = Rect::from_corners(
            fitted.world_to_screen(bounds.min),
            fitted.world_to_screen(bounds.max),
        );
        assert!(on_screen.min.x >= 50.0 - 1e-9 && on_screen.max.x <= 750.0 + 1e-9);
        assert!(on_screen.min.y >= 50.0 && on_screen.max.y <= 550.0);
    }

    #[test]
    fn fit_to_a_single_point_uses_zoom_one_and_huge_bounds_clamp() {
        let point = Rect::from_corners(Vec2::new(40.0, 40.0), Vec2::new(40.0, 40.0));
        let fitted = Camera::default().fit_to_bounds(point, Vec2::new(200.0, 100.0), 10.0);
        assert_eq!(fitted.zoom, 1.0);
        assert!(close(
            fitted.world_to_screen(Vec2::new(40.0, 40.0)),
            Vec2::new(100.0, 50.0)
        ));
        let huge = Rect::from_corners(Vec2::ZERO, Vec2::new(1e9, 1e9));
        let fitted = Camera::default().fit_to_bounds(huge, Vec2::new(200.0, 100.0), 10.0);
        assert_eq!(fitted.zoom, MIN_ZOOM);
    }
    #[test]
    fn reveal_leaves_what_is_on_screen_alone() {
        let camera = Camera {
            offset: Vec2::new(10.0, 20.0),
            zoom: 1.5,
        };
        let shown = Rect::from_corners(Vec2::new(0.0, 0.0), Vec2::new(100.0, 100.0));
        assert!(camera.shows(shown, Vec2::new(800.0, 600.0)));
        assert_eq!(camera.reveal(shown, Vec2::new(800.0, 600.0), 48.0), camera);
    }

    #[test]
    fn reveal_pans_just_enough_when_the_viewport_shrinks_below_the_target() {
        // A card near the bottom of an 800x600 view; the view shrinks to 800x350.
        let camera = Camera::default();
        let card = Rect::from_corners(Vec2::new(300.0, 400.0), Vec2::new(460.0, 488.0));
        assert!(camera.shows(card, Vec2::new(800.0, 600.0)));
        let short = Vec2::new(800.0, 350.0);
        assert!(!camera.shows(card, short));
        let moved = camera.reveal(card, short, 20.0);
        assert_eq!(moved.zoom, 1.0, "it fits at this zoom: a pan only");
        assert!(moved.shows(card, short));
        // Its bottom edge ends 20 px above the viewport's, and x did not move.
        assert!(close(
            moved.world_to_screen(card.max),
            Vec2::new(460.0, 330.0)
        ));
    }

    #[test]
    fn reveal_zooms_out_when_the_target_no_longer_fits_and_never_zooms_in() {
        let camera = Camera::default();
        let diagram = Rect::from_corners(Vec2::new(0.0, 0.0), Vec2::new(700.0, 500.0));
        let small = Vec2::new(390.0, 300.0);
        let moved = camera.reveal(diagram, small, 16.0);
        assert!(moved.zoom < 1.0);
        assert!(moved.shows(diagram, small));
        // A point far off screen at zoom 4 is brought in at that zoom.
        let zoomed = Camera {
            offset: Vec2::new(-2000.0, 0.0),
            zoom: 4.0,
        };
        let line = Rect::from_corners(Vec2::new(0.0, 50.0), Vec2::new(0.0, 50.0));
        let moved = zoomed.reveal(line, small, 16.0);
        assert_eq!(moved.zoom, 4.0);
        assert!(moved.shows(line, small));
        assert_eq!(
            camera.reveal(diagram, Vec2::new(f64::NAN, 1.0), 16.0),
            camera,
            "a non-finite viewport changes nothing"
        );
    }
}
