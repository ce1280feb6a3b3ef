//! Wire routes: around the cards in their way, the same path for the same input, from port to
//! port, and the path that hit testing and drawing share.

use scalelab::editor::geometry::{Rect, Vec2};
use scalelab::editor::layout::{self, HitTarget};
use scalelab::editor::routing::{CLEARANCE, Obstacles, Route, STUB};
use scalelab::model::{ComponentKind, DiagramBuilder, OutPort};

fn card(x: f64, y: f64) -> Rect {
    Rect::from_center_size(
        Vec2::new(x, y),
        Vec2::new(layout::CARD_WIDTH, layout::CARD_HEIGHT),
    )
}

/// Whether any segment of `route` other than its two port stubs comes closer than `gap` to
/// the inside of `card`.
fn crosses(route: &Route, card: &Rect, gap: f64) -> bool {
    let p = route.points();
    let keep_off = card.expand(gap);
    p.windows(2).enumerate().any(|(k, s)| {
        let area = if k == 0 || k == p.len() - 2 {
            card.expand(-0.5)
        } else {
            keep_off
        };
        let (lo_x, hi_x) = (s[0].x.min(s[1].x), s[0].x.max(s[1].x));
        let (lo_y, hi_y) = (s[0].y.min(s[1].y), s[0].y.max(s[1].y));
        lo_x < area.max.x && hi_x > area.min.x && lo_y < area.max.y && hi_y > area.min.y
    })
}

fn is_orthogonal(route: &Route) -> bool {
    route
        .points()
        .windows(2)
        .all(|s| s[0].x == s[1].x || s[0].y == s[1].y)
}

/// Three cards in a row: A's output, a card in between, B's input at the same height.
fn three_in_a_row() -> (Obstacles, Vec2, Vec2, Rect) {
    let (a, middle, b) = (card(0.0, 0.0), card(300.0, 0.0), card(600.0, 0.0));
    let from = Vec2::new(a.max.x, 0.0);
    let to = Vec2::new(b.min.x, 0.0);
    (Obstacles::new(vec![a, middle, b]), from, to, middle)
}

#[test]
fn a_wire_goes_around_the_card_between_its_ends() {
    let (obstacles, from, to, middle) = three_in_a_row();
    let route = obstacles.route(from, to);
    assert!(
        !crosses(&route, &middle, CLEARANCE - 1.0),
        "{:?}",
        route.points()
    );
    assert!(is_orthogonal(&route));
    // The straight line would have cut through it: the test is about something.
    let straight = Obstacles::new(vec![]).route(from, to);
    assert_eq!(straight.points(), &[from, to]);
    assert!(crosses(&straight, &middle, 0.0));
}

#[test]
fn a_route_never_crosses_any_card_in_a_crowded_grid() {
    let cards: Vec<Rect> = (0..30)
        .map(|i| card(f64::from(i % 6) * 240.0, f64::from(i / 6) * 160.0))
        .collect();
    let obstacles = Obstacles::new(cards.clone());
    for (i, j) in [(0, 29), (29, 0), (7, 8), (8, 7), (2, 26), (14, 3), (5, 24)] {
        let from = Vec2::new(cards[i].max.x, cards[i].center().y);
        let to = Vec2::new(cards[j].min.x, cards[j].center().y);
        let route = obstacles.route(from, to);
        assert!(is_orthogonal(&route), "{i}->{j}: {:?}", route.points());
        for (k, c) in cards.iter().enumerate() {
            assert!(
                !crosses(&route, c, CLEARANCE - 1.0),
                "{i}->{j} crosses card {k}: {:?}",
                route.points()
            );
        }
    }
}

#[test]
fn a_wire_back_to_a_card_on_the_left_loops_around_both_cards() {
    let (a, b) = (card(400.0, 0.0), card(0.0, 0.0));
    let obstacles = Obstacles::new(vec![a, b]);
    let from = Vec2::new(a.max.x, 0.0);
    let to = Vec2::new(b.min.x, 0.0);
    let route = obstacles.route(from, to);
    assert!(
        !crosses(&route, &a, CLEARANCE - 1.0),
        "{:?}",
        route.points()
    );
    assert!(
        !crosses(&route, &b, CLEARANCE - 1.0),
        "{:?}",
        route.points()
    );
}

#[test]
fn the_same_cards_and_ends_give_the_same_route() {
    let (obstacles, from, to, _) = three_in_a_row();
    let first = obstacles.route(from, to);
    for _ in 0..5 {
        assert_eq!(obstacles.route(from, to), first);
    }
    assert_eq!(
        Obstacles::new(obstacles.cards().to_vec()).route(from, to),
        first
    );
}

#[test]
fn a_route_starts_at_its_output_port_heading_right_and_ends_at_its_input_port_from_the_left() {
    let (obstacles, from, to, _) = three_in_a_row();
    for (from, to) in [(from, to), (to, from), (from, to + Vec2::new(0.0, 300.0))] {
        let route = obstacles.route(from, to);
        let p = route.points();
        assert_eq!(p.first(), Some(&from));
        assert_eq!(p.last(), Some(&to));
        let (first, last) = (p[1] - p[0], p[p.len() - 1] - p[p.len() - 2]);
        assert!(first.x > 0.0 && first.y == 0.0, "{p:?}");
        assert!(last.x > 0.0 && last.y == 0.0, "{p:?}");
        assert!(last.x >= STUB || p.len() == 2, "{p:?}");
    }
}

#[test]
fn the_drawn_path_starts_at_the_port_and_stops_short_of_the_input_for_the_arrowhead() {
    let (obstacles, from, to, _) = three_in_a_row();
    let d = obstacles.route(from, to).svg_path(6.0);
    assert!(
        d.starts_with(&format!("M{:.1} {:.1}", from.x, from.y)),
        "{d}"
    );
    assert!(
        d.ends_with(&format!("L{:.1} {:.1}", to.x - 6.0, to.y)),
        "{d}"
    );
    assert!(d.contains('Q'), "corners are rounded: {d}");
}

#[test]
fn a_wire_is_picked_on_its_route_and_not_on_the_straight_line_it_replaced() {
    let mut b = DiagramBuilder::new();
    let a = b.add(ComponentKind::WebServers).at(0.0, 0.0).id();
    b.add(ComponentKind::WebServers).at(300.0, 0.0);
    let c = b.add(ComponentKind::WebServers).at(600.0, 0.0).id();
    b.wire_ignoring_rules(a, OutPort::Data, c);
    let diagram = b.finish();
    let wire = &diagram.wires[0];
    let obstacles = layout::wire_obstacles(&diagram);
    let route = layout::wire_route(&diagram, &obstacles, wire).expect("both ends placed");
    let on_route = route.midpoint();
    assert_eq!(
        layout::hit_test(&diagram, on_route, 4.0),
        HitTarget::Wire(wire.id)
    );
    // Halfway along the old straight line: the middle card's body, not the wire.
    let from = layout::out_ref_position(&diagram, wire.from).unwrap();
    let to = layout::in_ref_position(&diagram, wire.to).unwrap();
    let straight_middle = (from + to).scale(0.5) + Vec2::new(0.0, 30.0);
    assert!(matches!(
        layout::hit_test(&diagram, straight_middle, 4.0),
        HitTarget::Component(_)
    ));
}

#[test]
fn remembered_routes_are_what_a_fresh_search_gives_as_a_card_is_dragged_across_them() {
    use scalelab::editor::routing::RouteCache;
    let mut cards: Vec<Rect> = (0..24)
        .map(|i| card(f64::from(i % 6) * 260.0, f64::from(i / 6) * 170.0))
        .collect();
    let pairs: Vec<(usize, usize)> = (0..24).map(|i| (i, (i * 7 + 5) % 24)).collect();
    let ends = |cards: &[Rect], (i, j): (usize, usize)| {
        (
            Vec2::new(cards[i].max.x, cards[i].center().y),
            Vec2::new(cards[j].min.x, cards[j].center().y),
        )
    };
    let cache = RouteCache::default();
    for step in 0..40 {
        // Card 9 wanders over the others' lanes, as a drag does.
        let at = Vec2::new(
            f64::from(step) * 37.0 % 1300.0,
            f64::from(step) * 23.0 % 520.0,
        );
        cards[9] = card(at.x, at.y);
        let fresh = Obstacles::new(cards.clone());
        let mut router = cache.router(Obstacles::new(cards.clone()));
        for &pair in &pairs {
            let (from, to) = ends(&cards, pair);
            let remembered = router.route(from, to);
            assert_eq!(
                remembered,
                fresh.route(from, to),
                "step {step}, wire {pair:?}"
            );
        }
    }
}

#[test]
fn a_wire_goes_around_a_datacenter_title_strip_rather_than_across_it() {
    use scalelab::model::{Rect as ModelRect, Region};
    let mut b = DiagramBuilder::new();
    let a = b.add(ComponentKind::LoadBalancer).at(0.0, 0.0).id();
    let c = b.add(ComponentKind::WebServers).at(600.0, 0.0).id();
    b.wire_ignoring_rules(a, OutPort::Backends, c);
    // A datacenter whose title strip lies across the straight way between the two cards.
    b.group(Region::Europe)
        .bounds(ModelRect::new(200.0, -14.0, 200.0, 200.0));
    let diagram = b.finish();
    let title = layout::group_title_bounds(&diagram.groups[0]);
    let obstacles = layout::wire_obstacles(&diagram);
    let route = layout::wire_route(&diagram, &obstacles, &diagram.wires[0]).unwrap();
    assert!(
        !crosses(&route, &title, 0.0),
        "{title:?} {:?}",
        route.points()
    );
    let straight = Obstacles::new(vec![]).route(route.points()[0], *route.points().last().unwrap());
    assert!(crosses(&straight, &title, 0.0));
    // And a press on the title takes the datacenter, not a wire.
    assert!(matches!(
        layout::hit_test(&diagram, title.center(), 4.0),
        HitTarget::GroupTitle(_)
    ));
}
