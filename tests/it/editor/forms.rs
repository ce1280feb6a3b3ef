//! Edits from the inspector and the run panel's traffic form: each accepted edit is one undo
//! entry, a refused one changes nothing; adding a datacenter frames it in view.

use scalelab::editor::{Action, InputEvent, Key, Rect, Selectable, Selection};
use scalelab::model::{ComponentId, ComponentKind, Diagram, Region};
use scalelab::present::lang::Lang;
use scalelab::present::say;

use super::{CMD, CMD_SHIFT, Driver, shop, v};

// ----- inspector edits -----

#[test]
fn inspector_edits_are_single_undo_entries_and_refuse_mismatched_settings() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    d.editor.rename(s.db, "Primary DB".into()).unwrap();
    assert_eq!(
        d.editor.diagram().component(s.db).unwrap().label,
        "Primary DB"
    );
    let mut config = ComponentKind::Database.default_config();
    assert_eq!(d.editor.diagram().component(s.db).unwrap().config, config);
    let scalelab::model::ComponentConfig::Database(db) = &mut config else {
        panic!("a database's default settings are database settings");
    };
    db.read_replicas += 2;
    d.editor.configure(s.db, config.clone()).unwrap();
    assert_eq!(d.editor.diagram().component(s.db).unwrap().config, config);
    let wrong = ComponentKind::Cache.default_config();
    assert!(d.editor.configure(s.db, wrong).is_err());
    assert!(d.editor.rename(ComponentId(999), "x".into()).is_err());
    assert_eq!(d.editor.history().undo_len(), 2);
    d.key(Key::Character('z'), CMD);
    d.key(Key::Character('z'), CMD);
    assert_eq!(d.editor.diagram(), &s.diagram);
}

#[test]
fn switching_a_distribution_in_the_inspector_is_one_undo_entry() {
    use scalelab::editor::form::{FieldContext, apply_field_in, fields_in};
    use scalelab::model::config::ServiceTime;
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let before = d.editor.diagram().component(s.web).unwrap().config.clone();
    let ctx = FieldContext::of(d.editor.diagram(), s.web);
    let switched = apply_field_in(&before, &ctx, "service_time", "deterministic").unwrap();
    d.editor.configure(s.web, switched).unwrap();
    let after = d.editor.diagram().component(s.web).unwrap().config.clone();
    let scalelab::model::ComponentConfig::WebServers(web) = &after else {
        panic!("a web tier's settings");
    };
    assert_eq!(
        web.service_time,
        ServiceTime::Deterministic { mean_ms: 20.0 }
    );
    assert!(
        fields_in(&after, &ctx)
            .iter()
            .any(|f| f.path == "service_time.deterministic.mean_ms")
    );
    assert_eq!(d.editor.history().undo_len(), 1);
    d.key(Key::Character('z'), CMD);
    assert_eq!(d.editor.diagram().component(s.web).unwrap().config, before);
    d.key(Key::Character('z'), CMD_SHIFT);
    assert_eq!(d.editor.diagram().component(s.web).unwrap().config, after);
}

#[test]
fn add_datacenter_centres_a_frame_in_view_and_selects_it() {
    let mut d = Driver::new(Diagram::new());
    d.send(InputEvent::ViewportResized {
        size: v(1000.0, 800.0),
    });
    let id = d
        .editor
        .add_datacenter("Frankfurt".into(), Region::Europe)
        .unwrap();
    let g = d.editor.diagram().group(id).unwrap();
    assert_eq!(Rect::from(g.bounds).center(), v(500.0, 400.0));
    assert_eq!(
        *d.editor.selection(),
        Selection::only(Selectable::Group(id))
    );
    d.key(Key::Character('z'), CMD);
    assert!(d.editor.diagram().groups.is_empty());
    assert!(
        d.editor.selection().is_empty(),
        "undo prunes the vanished datacenter"
    );
}

#[test]
fn a_datacenter_added_over_another_goes_beside_it_and_takes_none_of_its_cards() {
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    let dc: Rect = s.diagram.group(s.dc).unwrap().bounds.into();
    let id = d
        .editor
        .add_datacenter_at("DC2".into(), Region::Europe, dc.center())
        .unwrap();
    let new: Rect = d.editor.diagram().group(id).unwrap().bounds.into();
    assert!(
        !new.expand(19.0).intersects(&dc),
        "{new:?} keeps 20 away from {dc:?}"
    );
    // As near as that allows: within a frame's width of where it was asked for.
    assert!((new.center() - dc.center()).length() < 480.0 + 20.0 + 300.0);
    for card in [s.web, s.db] {
        assert_eq!(
            d.editor.diagram().component(card).unwrap().group,
            Some(s.dc),
            "the first datacenter keeps its cards"
        );
    }
    // Where nothing is in the way, it goes where it was asked.
    let far = v(3000.0, 3000.0);
    let id = d
        .editor
        .add_datacenter_at("DC3".into(), Region::Asia, far)
        .unwrap();
    let g: Rect = d.editor.diagram().group(id).unwrap().bounds.into();
    assert_eq!(g.center(), far);
}

// ----- the traffic profile form of the run panel -----

#[test]
fn each_accepted_traffic_profile_edit_is_one_undo_entry_and_a_refused_one_changes_nothing() {
    use scalelab::editor::traffic::{self, ProfileKind};
    use scalelab::model::TrafficProfile;
    let s = shop();
    let mut d = Driver::new(s.diagram.clone());
    // What the run panel does with a committed field: parse against the current profile,
    // then one SetScenario command; a refusal is shown in the screen's language (English here).
    let commit = |d: &mut Driver, key: &str, text: &str| -> Result<(), String> {
        let scenario = d.editor.diagram().scenario.clone();
        let traffic = traffic::apply_field(&scenario.traffic, scenario.duration_s, key, text)
            .map_err(|r| say::profile_refusal(Lang::En, &r))?;
        d.editor
            .set_scenario(scalelab::model::Scenario {
                traffic,
                ..scenario
            })
            .map_err(|e| format!("{e:?}"))
    };
    let choose = |d: &mut Driver, kind: ProfileKind| {
        let scenario = d.editor.diagram().scenario.clone();
        let traffic = kind.profile(&scenario.traffic, scenario.duration_s);
        d.editor
            .set_scenario(scalelab::model::Scenario {
                traffic,
                ..scenario
            })
            .unwrap();
    };
    choose(&mut d, ProfileKind::Growth);
    commit(&mut d, "end_users", "50000").unwrap();
    assert_eq!(d.editor.history().undo_len(), 2);
    let before = d.editor.diagram().clone();
    let refused = commit(&mut d, "end_users", "-3");
    assert!(
        refused
            .unwrap_err()
            .starts_with("To must be a whole number")
    );
    assert_eq!(
        d.editor.diagram(),
        &before,
        "a refused value changes nothing"
    );
    assert_eq!(d.editor.history().undo_len(), 2, "and adds no undo entry");
    d.editor.run(Action::Undo);
    assert_eq!(
        d.editor.diagram().scenario.traffic,
        TrafficProfile::Growth {
            start_users: 0,
            end_users: 1_000_000
        }
    );
    d.editor.run(Action::Undo);
    assert_eq!(d.editor.diagram(), &s.diagram);
}

/// The users' request mix adds up to 1: editing one share in the inspector lets the static
/// share (or, when the static share is edited, the read share) take up the difference, and a
/// value that leaves no room is refused with a reason.
#[test]
fn editing_one_share_of_the_users_mix_rebalances_another() {
    use scalelab::editor::form::apply_field;
    use scalelab::model::ComponentConfig;
    let users = ComponentKind::Users.default_config();
    let mix = |c: &ComponentConfig| match c {
        ComponentConfig::Users(u) => (u.read_share, u.write_share, u.static_share),
        _ => unreachable!("a users config"),
    };
    let (read, write, _) = mix(&users);
    let edited = apply_field(&users, "read_share", "0.5").expect("a read share of 0.5 fits");
    let (r, w, s) = mix(&edited);
    assert_eq!((r, w), (0.5, write));
    assert!(
        (s - (0.5 - write)).abs() < 1e-12,
        "static takes the rest: {s}"
    );
    let edited = apply_field(&users, "static_share", "0").expect("no static assets fits");
    let (r, w, s) = mix(&edited);
    assert_eq!((w, s), (write, 0.0));
    assert!(
        (r - (1.0 - write)).abs() < 1e-12,
        "read takes the rest: {r} (was {read})"
    );
    // The share taking up the rest reads as a person would write it, not as the binary
    // floating point difference (1 - 0.9 - 0.03 = 0.06999999999999998).
    let edited = apply_field(&users, "write_share", "0.03").expect("fits");
    let edited = apply_field(&edited, "read_share", "0.9").expect("fits");
    assert_eq!(mix(&edited), (0.9, 0.03, 0.07));
    let english = |r| say::field_refusal(Lang::En, &r);
    let refused = english(apply_field(&users, "write_share", "1").unwrap_err());
    assert!(refused.contains("leaves no room"), "{refused}");
    let refused = english(apply_field(&users, "read_share", "1.5").unwrap_err());
    assert!(refused.contains("between 0 and 1"), "{refused}");
}

#[test]
fn the_load_of_every_population_changes_in_one_undo_entry_keeping_their_shares() {
    use scalelab::editor::traffic::{self, PopulationLoad};
    use scalelab::model::ComponentConfig;
    use scalelab::model::config::UserLoad;
    // The chapter's final design: two populations, the Americas' sending twice Europe's.
    let start = scalelab::model::examples::chapter_final();
    let mut d = Driver::new(start.clone());
    let rates = |d: &Driver| -> Vec<f64> {
        d.editor
            .diagram()
            .components
            .iter()
            .filter_map(|c| match &c.config {
                ComponentConfig::Users(u) => Some(u.load.rate_rps()),
                _ => None,
            })
            .collect()
    };
    let before = rates(&d);
    assert_eq!(before.len(), 2);
    let Some(PopulationLoad::Users { total_users, .. }) =
        traffic::population_load(d.editor.diagram())
    else {
        panic!("the chapter's populations are given by their active users");
    };
    assert!(before[0] > before[1], "{before:?}");
    let doubled = traffic::with_total_users(d.editor.diagram(), 2 * total_users);
    d.editor.configure_all(doubled).unwrap();
    let after = rates(&d);
    for (b, a) in before.iter().zip(&after) {
        assert!((a - 2.0 * b).abs() < 1e-6, "{b} -> {a}");
    }
    assert_eq!(d.editor.history().undo_len(), 1, "one step for both");
    // The same total again changes nothing and records nothing.
    let same = traffic::with_total_users(d.editor.diagram(), 2 * total_users);
    d.editor.configure_all(same).unwrap();
    assert_eq!(d.editor.history().undo_len(), 1);
    d.key(Key::Character('z'), CMD);
    assert_eq!(d.editor.diagram(), &start);
    // A refused config (a cache's settings on a population) applies none of them.
    let mut refused = traffic::with_total_rate(d.editor.diagram(), 5.0);
    refused[1].1 = ComponentKind::Cache.default_config();
    assert!(d.editor.configure_all(refused).is_err());
    assert_eq!(d.editor.diagram(), &start);
    assert!(matches!(
        d.editor
            .diagram()
            .components
            .iter()
            .find_map(|c| match &c.config {
                ComponentConfig::Users(u) => Some(u.load),
                _ => None,
            }),
        Some(UserLoad::ActiveUsers { .. })
    ));
}

/// A whole-number setting says its range whatever was typed: a negative number, a fraction and
/// a number beyond what the setting holds get the same answer as a number just outside it.
#[test]
fn a_whole_number_setting_says_its_range_whatever_was_typed() {
    use scalelab::editor::form::apply_field;
    let web = ComponentKind::WebServers.default_config();
    for typed in ["-3", "0", "1.5", "99999999999", "1e12"] {
        for (lang, range) in [
            (Lang::En, "between 1 and 10,000"),
            (Lang::Ko, "1에서 10,000 사이"),
        ] {
            let refused =
                say::field_refusal(lang, &apply_field(&web, "instances", typed).unwrap_err());
            assert!(refused.contains(range), "{typed}: {refused}");
            assert!(refused.contains(typed), "{typed}: {refused}");
        }
    }
    // Nothing typed (what a number field keeps of letters) asks for a number.
    let refused = say::field_refusal(Lang::En, &apply_field(&web, "instances", " ").unwrap_err());
    assert_eq!(refused, "Instances needs a number");
    // Letters are no number at all.
    let refused = say::field_refusal(
        Lang::En,
        &apply_field(&web, "instances", "many").unwrap_err(),
    );
    assert!(refused.contains("whole number"), "{refused}");
}
