//! The scenario: how long to run, the seed, how traffic evolves and which faults to inject.
//!
//! Plain data saved with the diagram. Times are in simulated seconds from the start of a run.
//! The traffic profile is a multiplier applied to every user population's configured rate;
//! [`TrafficProfile::multiplier_at`] computes it with `libm` so native and wasm agree bit for
//! bit. What a fault does to a component is the simulation's business, not this module's.

use serde::{Deserialize, Serialize};

use super::catalogue::ComponentKind;
use super::config::{ConfigError, ConfigProblem, MAX_USERS, Number, out_of_range};
use super::diagram::{ComponentId, GroupId, WireId};

/// How traffic evolves over a run, relative to the users' configured load.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrafficProfile {
    /// The configured load throughout.
    Constant,
    /// Linear from `start_factor` to `end_factor` times the load over the run.
    Ramp { start_factor: f64, end_factor: f64 },
    /// A daily cycle: peak (1x) at mid-period, `trough_factor` at the start and end.
    Diurnal { period_s: f64, trough_factor: f64 },
    /// `factor` times the load from `at_s` for `duration_s` (a flash crowd), 1x otherwise.
    Spike {
        at_s: f64,
        duration_s: f64,
        factor: f64,
    },
    /// "Zero to millions": active users grow geometrically from `start_users` to `end_users`
    /// over the run, all populations together, replacing their configured user counts
    /// ([`Diagram::active_users`]; a population given as a bare rate counts as
    /// [`UserLoad::active_users`] users): each population keeps its share of the users and
    /// each user its own rate. (Until this model change each population grew to `end_users`
    /// on its own, so two populations reached twice the users asked for.)
    ///
    /// [`UserLoad::active_users`]: super::config::UserLoad::active_users
    /// [`Diagram::active_users`]: super::Diagram::active_users
    Growth { start_users: u64, end_users: u64 },
}

impl TrafficProfile {
    /// The load multiplier of every population at `t_s` in a run of `duration_s`, in a design
    /// whose populations are configured with `all_users` active users together
    /// ([`Diagram::active_users`](super::Diagram::active_users); only `Growth` uses it).
    /// Always finite and non-negative for values that pass [`TrafficProfile::check`].
    pub fn multiplier_at(&self, t_s: f64, duration_s: f64, all_users: f64) -> f64 {
        let progress = if duration_s > 0.0 {
            (t_s / duration_s).clamp(0.0, 1.0)
        } else {
            1.0
        };
        match *self {
            TrafficProfile::Constant => 1.0,
            TrafficProfile::Ramp {
                start_factor,
                end_factor,
            } => start_factor + (end_factor - start_factor) * progress,
            TrafficProfile::Diurnal {
                period_s,
                trough_factor,
            } => {
                if period_s <= 0.0 {
                    return 1.0;
                }
                let phase = 2.0 * std::f64::consts::PI * (t_s / period_s);
                let peakness = 0.5 - 0.5 * libm::cos(phase);
                trough_factor + (1.0 - trough_factor) * peakness
            }
            TrafficProfile::Spike {
                at_s,
                duration_s: d,
                factor,
            } => {
                if t_s >= at_s && t_s < at_s + d {
                    factor
                } else {
                    1.0
                }
            }
            TrafficProfile::Growth {
                start_users,
                end_users,
            } => {
                let (s, e) = (start_users.max(1) as f64, end_users.max(1) as f64);
                let users = s * libm::pow(e / s, progress);
                if all_users > 0.0 {
                    users / all_users
                } else {
                    0.0
                }
            }
        }
    }

    /// Checks values are in range; returns the offending field and what is wrong with it.
    pub fn check(&self) -> Result<(), ConfigError> {
        let fail = |field: &str, problem: ConfigProblem| {
            Err(ConfigError {
                field: field.to_string(),
                problem,
            })
        };
        let factor = |name: &str, v: f64| -> Result<(), ConfigError> {
            if v.is_finite() && (0.0..=1_000.0).contains(&v) {
                Ok(())
            } else {
                fail(name, out_of_range(0.0, 1_000.0, v))
            }
        };
        let seconds = |name: &str, v: f64| -> Result<(), ConfigError> {
            if v.is_finite() && (0.0..=1e9).contains(&v) {
                Ok(())
            } else {
                fail(name, ConfigProblem::NotSeconds { value: Number(v) })
            }
        };
        match *self {
            TrafficProfile::Constant => Ok(()),
            TrafficProfile::Ramp {
                start_factor,
                end_factor,
            } => {
                factor("start_factor", start_factor)?;
                factor("end_factor", end_factor)
            }
            TrafficProfile::Diurnal {
                period_s,
                trough_factor,
            } => {
                seconds("period_s", period_s)?;
                if period_s == 0.0 {
                    return fail("period_s", ConfigProblem::Zero);
                }
                factor("trough_factor", trough_factor)
            }
            TrafficProfile::Spike {
                at_s,
                duration_s,
                factor: f,
            } => {
                seconds("at_s", at_s)?;
                seconds("duration_s", duration_s)?;
                factor("factor", f)
            }
            TrafficProfile::Growth {
                start_users,
                end_users,
            } => {
                if start_users > MAX_USERS || end_users > MAX_USERS {
                    fail("end_users", ConfigProblem::AboveMax { max: MAX_USERS })
                } else {
                    Ok(())
                }
            }
        }
    }
}

/// What a fault does.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultAction {
    /// The target stops answering (a whole datacenter for a group).
    Fail,
    /// The target comes back.
    Restore,
    /// The target's service times are multiplied by `factor` (>= 1).
    Slow { factor: f64 },
    /// The wire stops carrying traffic.
    CutLink,
    /// The cache or CDN loses every key.
    FlushCache,
    /// New static assets are deployed behind a CDN: with versioned URLs every object is new
    /// (edges fetch each once); without, edges keep serving the old objects until they expire.
    DeployAssets,
    /// A sharded database gets one more shard, live: the keys its placement moves are copied
    /// to their new shards while it keeps serving.
    AddShard,
}

impl FaultAction {
    /// What the fault menus offer, in their order: the slow-down is a five-fold one.
    pub const OFFERED: [FaultAction; 7] = [
        FaultAction::Fail,
        FaultAction::Restore,
        FaultAction::Slow { factor: 5.0 },
        FaultAction::CutLink,
        FaultAction::FlushCache,
        FaultAction::DeployAssets,
        FaultAction::AddShard,
    ];

    /// Whether this fault means something for `target`, whose component kind is `kind` (None
    /// for a datacenter or a wire): only wires are cut, only caches and CDNs flushed, only CDNs
    /// deployed to, only sharded databases given a shard, only components that take time slowed (not a resolver, whose answers take
    /// no time in the simulation, nor a metrics sink, which has no service time); a cut wire
    /// can only be restored. Nothing applies to users: they only send, and neither failing nor
    /// slowing a population means anything the simulation models (its traffic profile is how
    /// its load changes).
    pub fn applies_to(self, target: FaultTarget, kind: Option<ComponentKind>) -> bool {
        match (self, target) {
            (_, FaultTarget::Component(_)) if kind == Some(ComponentKind::Users) => false,
            (FaultAction::CutLink | FaultAction::Restore, FaultTarget::Wire(_)) => true,
            (_, FaultTarget::Wire(_)) | (FaultAction::CutLink, _) => false,
            (FaultAction::FlushCache, _) => {
                matches!(kind, Some(ComponentKind::Cache | ComponentKind::Cdn))
            }
            (FaultAction::DeployAssets, _) => kind == Some(ComponentKind::Cdn),
            (FaultAction::AddShard, _) => kind == Some(ComponentKind::ShardedDatabase),
            (FaultAction::Slow { .. }, target) => {
                matches!(target, FaultTarget::Component(_))
                    && !matches!(kind, Some(ComponentKind::Dns | ComponentKind::MetricsSink))
            }
            (FaultAction::Fail | FaultAction::Restore, _) => true,
        }
    }
}

/// What a fault hits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultTarget {
    Component(ComponentId),
    Group(GroupId),
    Wire(WireId),
}

/// A scheduled fault.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fault {
    /// When it happens, in simulated seconds from the start.
    pub at_s: f64,
    pub action: FaultAction,
    pub target: FaultTarget,
}

/// How a run goes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// Simulated length of a run.
    pub duration_s: u32,
    /// Seed of every random stream: the same diagram and seed give the same run.
    pub seed: u64,
    pub traffic: TrafficProfile,
    /// Faults in the order they were added (the simulation orders them by time).
    pub faults: Vec<Fault>,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            duration_s: 600,
            seed: 1,
            traffic: TrafficProfile::Constant,
            faults: Vec::new(),
        }
    }
}

impl Scenario {
    /// Removes the faults whose target matches, returning them with their former indexes.
    pub(crate) fn take_faults(
        &mut self,
        mut matches: impl FnMut(FaultTarget) -> bool,
    ) -> Vec<(usize, Fault)> {
        let mut taken = Vec::new();
        let mut kept = Vec::with_capacity(self.faults.len());
        for (i, f) in std::mem::take(&mut self.faults).into_iter().enumerate() {
            if matches(f.target) {
                taken.push((i, f));
            } else {
                kept.push(f);
            }
        }
        self.faults = kept;
        taken
    }

    /// Re-inserts faults taken by [`Scenario::take_faults`] at their former indexes.
    pub(crate) fn put_back_faults(&mut self, faults: Vec<(usize, Fault)>) {
        for (i, f) in faults {
            let i = i.min(self.faults.len());
            self.faults.insert(i, f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipliers_follow_their_profiles() {
        let d = 100.0;
        assert_eq!(TrafficProfile::Constant.multiplier_at(50.0, d, 10.0), 1.0);
        let ramp = TrafficProfile::Ramp {
            start_factor: 1.0,
            end_factor: 3.0,
        };
        assert_eq!(ramp.multiplier_at(0.0, d, 1.0), 1.0);
        assert_eq!(ramp.multiplier_at(50.0, d, 1.0), 2.0);
        assert_eq!(ramp.multiplier_at(500.0, d, 1.0), 3.0);
        let spike = TrafficProfile::Spike {
            at_s: 10.0,
            duration_s: 5.0,
            factor: 8.0,
        };
        assert_eq!(spike.multiplier_at(9.9, d, 1.0), 1.0);
        assert_eq!(spike.multiplier_at(10.0, d, 1.0), 8.0);
        assert_eq!(spike.multiplier_at(15.0, d, 1.0), 1.0);
        let diurnal = TrafficProfile::Diurnal {
            period_s: 86_400.0,
            trough_factor: 0.2,
        };
        assert!((diurnal.multiplier_at(0.0, 1e6, 1.0) - 0.2).abs() < 1e-12);
        assert!((diurnal.multiplier_at(43_200.0, 1e6, 1.0) - 1.0).abs() < 1e-12);
        // Zero to a million: 1 user at the start, 1e6 at the end, 1e3 half way (geometric).
        let growth = TrafficProfile::Growth {
            start_users: 0,
            end_users: 1_000_000,
        };
        assert_eq!(growth.multiplier_at(0.0, d, 100.0), 0.01);
        assert!((growth.multiplier_at(50.0, d, 1.0) - 1_000.0).abs() < 1e-6);
        assert!((growth.multiplier_at(100.0, d, 1_000_000.0) - 1.0).abs() < 1e-9);
        assert_eq!(growth.multiplier_at(50.0, d, 0.0), 0.0);
    }

    #[test]
    fn out_of_range_profiles_name_the_field() {
        let bad = TrafficProfile::Ramp {
            start_factor: f64::NAN,
            end_factor: 1.0,
        };
        assert_eq!(
            bad.check().map_err(|e| e.field),
            Err("start_factor".to_string())
        );
        let bad = TrafficProfile::Diurnal {
            period_s: 0.0,
            trough_factor: 0.5,
        };
        assert_eq!(
            bad.check().map_err(|e| e.field),
            Err("period_s".to_string())
        );
        assert_eq!(TrafficProfile::Constant.check(), Ok(()));
    }

    #[test]
    fn taking_and_putting_back_faults_restores_their_order() {
        let f = |at_s, id| Fault {
            at_s,
            action: FaultAction::Fail,
            target: FaultTarget::Component(ComponentId(id)),
        };
        let mut s = Scenario {
            faults: vec![f(1.0, 1), f(2.0, 2), f(3.0, 1), f(4.0, 3)],
            ..Scenario::default()
        };
        let before = s.clone();
        let taken = s.take_faults(|t| t == FaultTarget::Component(ComponentId(1)));
        assert_eq!(taken.len(), 2);
        assert_eq!(s.faults, vec![f(2.0, 2), f(4.0, 3)]);
        s.put_back_faults(taken);
        assert_eq!(s, before);
    }

    #[test]
    fn faults_apply_only_where_they_mean_something() {
        let c = FaultTarget::Component(ComponentId(1));
        let g = FaultTarget::Group(GroupId(1));
        let w = FaultTarget::Wire(WireId(1));
        let cache = Some(ComponentKind::Cache);
        let cdn = Some(ComponentKind::Cdn);
        let web = Some(ComponentKind::WebServers);
        let offered = |t, k| {
            FaultAction::OFFERED
                .into_iter()
                .filter(|a| a.applies_to(t, k))
                .collect::<Vec<_>>()
        };
        use FaultAction::{AddShard, CutLink, DeployAssets, Fail, FlushCache, Restore};
        let slow = FaultAction::Slow { factor: 5.0 };
        assert_eq!(offered(c, web), [Fail, Restore, slow]);
        assert_eq!(offered(c, cache), [Fail, Restore, slow, FlushCache]);
        assert_eq!(
            offered(c, cdn),
            [Fail, Restore, slow, FlushCache, DeployAssets]
        );
        let sharded = Some(ComponentKind::ShardedDatabase);
        assert_eq!(offered(c, sharded), [Fail, Restore, slow, AddShard]);
        assert_eq!(offered(g, None), [Fail, Restore]);
        assert_eq!(offered(w, None), [Restore, CutLink]);
    }
}
