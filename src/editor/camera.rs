//! The camera: which part of the infinite world canvas the viewport shows.
//!
//! `screen = world * zoom + offset`, so `offset` is where the world origin lands on screen (in
//! CSS pixels) and `zoom` is screen pixels per world unit. The zoom is always kept inside
//! [`MIN_ZOOM`, `MAX_ZOOM`]; every operation that changes it clamps. The camera is session state:
//! it never enters the undo history, the file or the share link, and moving it never clears redo.
//! It knows nothing about the DOM: the view tells it the viewport size when fitting.

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
        zoom.clamp(MIN_ZOOM, MAX_ZOOM)
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
}
