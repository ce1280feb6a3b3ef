//! Two-finger touch gestures: pinch to zoom, drag with both fingers to pan.
//!
//! Plain maths over screen positions, like [`super::camera`]: [`TwoFingers::step`] turns one
//! move of either contact into the camera change it makes. The distance ratio between the two
//! contacts is the zoom factor, anchored at their old midpoint; the midpoint's movement is the
//! pan. Applied in that order, the world point that was under the fingers' midpoint stays under
//! it, as a map app does. The editor keeps which touch pointers are down (by pointer id) and
//! feeds the contacts here; nothing in this module knows about the DOM or the document.

use super::camera::Camera;
use super::geometry::Vec2;
use super::input::PointerId;

/// Below this distance (screen pixels) between the fingers the zoom ratio is too noisy to use:
/// the gesture only pans.
const MIN_SPREAD_PX: f64 = 8.0;

/// The two contacts of a two-finger gesture, by pointer id, at their last screen positions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TwoFingers {
    pub first: (PointerId, Vec2),
    pub second: (PointerId, Vec2),
}

/// What one move of a contact does to the camera.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PinchStep {
    /// The zoom is multiplied by this, around `anchor`.
    pub factor: f64,
    /// The old midpoint of the contacts.
    pub anchor: Vec2,
    /// The midpoint's movement, panned after the zoom.
    pub pan: Vec2,
}

impl PinchStep {
    /// Applies the step to `camera`.
    pub fn apply(&self, camera: &mut Camera) {
        camera.zoom_by_at(self.anchor, self.factor);
        camera.pan_by_screen(self.pan);
    }
}

impl TwoFingers {
    /// Whether `pointer` is one of the two contacts.
    pub fn holds(&self, pointer: PointerId) -> bool {
        self.first.0 == pointer || self.second.0 == pointer
    }

    /// The midpoint of the contacts.
    pub fn midpoint(&self) -> Vec2 {
        (self.first.1 + self.second.1).scale(0.5)
    }

    fn spread(&self) -> f64 {
        self.first.1.distance(self.second.1)
    }

    /// Moves contact `pointer` to `screen`: the contacts after the move and the camera change
    /// it makes (`None` for a pointer that is not one of the two, or a non-finite position).
    pub fn step(&self, pointer: PointerId, screen: Vec2) -> Option<(TwoFingers, PinchStep)> {
        if !self.holds(pointer) || !screen.is_finite() {
            return None;
        }
        let mut after = *self;
        if after.first.0 == pointer {
            after.first.1 = screen;
        } else {
            after.second.1 = screen;
        }
        let (before_spread, after_spread) = (self.spread(), after.spread());
        let factor = if before_spread < MIN_SPREAD_PX || after_spread < MIN_SPREAD_PX {
            1.0
        } else {
            after_spread / before_spread
        };
        let step = PinchStep {
            factor,
            anchor: self.midpoint(),
            pan: after.midpoint() - self.midpoint(),
        };
        Some((after, step))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fingers(a: Vec2, b: Vec2) -> TwoFingers {
        TwoFingers {
            first: (PointerId(1), a),
            second: (PointerId(2), b),
        }
    }

    fn close(a: Vec2, b: Vec2) -> bool {
        a.distance(b) < 1e-9
    }

    #[test]
    fn spreading_the_fingers_zooms_in_around_their_midpoint() {
        let start = fingers(Vec2::new(100.0, 100.0), Vec2::new(200.0, 100.0));
        let (after, step) = start.step(PointerId(2), Vec2::new(300.0, 100.0)).unwrap();
        assert_eq!(step.factor, 2.0);
        assert_eq!(step.anchor, Vec2::new(150.0, 100.0));
        assert_eq!(after.midpoint(), Vec2::new(200.0, 100.0));
        let mut camera = Camera::default();
        let under = camera.screen_to_world(start.midpoint());
        step.apply(&mut camera);
        assert_eq!(camera.zoom, 2.0);
        // What was under the fingers is still under them.
        assert!(close(camera.world_to_screen(under), after.midpoint()));
    }

    #[test]
    fn moving_both_fingers_together_pans_without_zooming() {
        let mut contacts = fingers(Vec2::new(100.0, 100.0), Vec2::new(200.0, 150.0));
        let mut camera = Camera::default();
        let under = camera.screen_to_world(contacts.midpoint());
        for pointer in [PointerId(1), PointerId(2)] {
            let at = if pointer == PointerId(1) {
                contacts.first.1
            } else {
                contacts.second.1
            };
            let (after, step) = contacts.step(pointer, at + Vec2::new(30.0, -20.0)).unwrap();
            step.apply(&mut camera);
            contacts = after;
        }
        assert!((camera.zoom - 1.0).abs() < 1e-9);
        assert!(camera.offset.distance(Vec2::new(30.0, -20.0)) < 1e-9);
        assert!(close(camera.world_to_screen(under), contacts.midpoint()));
    }

    #[test]
    fn a_third_pointer_and_fingers_too_close_do_not_zoom() {
        let start = fingers(Vec2::new(100.0, 100.0), Vec2::new(103.0, 100.0));
        assert_eq!(start.step(PointerId(9), Vec2::new(0.0, 0.0)), None);
        assert_eq!(start.step(PointerId(1), Vec2::new(f64::NAN, 0.0)), None);
        let (_, step) = start.step(PointerId(2), Vec2::new(400.0, 100.0)).unwrap();
        assert_eq!(
            step.factor, 1.0,
            "a spread under {MIN_SPREAD_PX} px is not a pinch"
        );
    }
}
