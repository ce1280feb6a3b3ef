//! The component catalogue: every kind of building block a diagram can hold, with the name and
//! one-line description the palette shows (icons are drawn by the view), its typed ports and
//! its default settings.

use serde::{Deserialize, Serialize};

use super::config::{
    CacheConfig, CdnConfig, ComponentConfig, DatabaseConfig, DnsConfig, LoadBalancerConfig,
    MessageQueueConfig, MetricsSinkConfig, NoSqlConfig, SessionStoreConfig, ShardedDatabaseConfig,
    UsersConfig, WebServersConfig, WorkersConfig,
};
use super::ports::{InPort, OutPort, Ports};

/// A kind of component. Closed on purpose: adding a kind makes the compiler list every place
/// (catalogue, connection rules, simulation, drawing) that has to learn about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComponentKind {
    Users,
    Dns,
    Cdn,
    LoadBalancer,
    WebServers,
    Cache,
    SessionStore,
    Database,
    NoSql,
    ShardedDatabase,
    MessageQueue,
    Workers,
    MetricsSink,
}

impl ComponentKind {
    /// Every kind, in the order the palette lists them (the order a request meets them).
    pub const ALL: [ComponentKind; 13] = [
        ComponentKind::Users,
        ComponentKind::Dns,
        ComponentKind::Cdn,
        ComponentKind::LoadBalancer,
        ComponentKind::WebServers,
        ComponentKind::Cache,
        ComponentKind::SessionStore,
        ComponentKind::Database,
        ComponentKind::NoSql,
        ComponentKind::ShardedDatabase,
        ComponentKind::MessageQueue,
        ComponentKind::Workers,
        ComponentKind::MetricsSink,
    ];

    /// A new component's settings, calibrated to real-world figures.
    pub fn default_config(self) -> ComponentConfig {
        match self {
            ComponentKind::Users => ComponentConfig::Users(UsersConfig::default()),
            ComponentKind::Dns => ComponentConfig::Dns(DnsConfig::default()),
            ComponentKind::Cdn => ComponentConfig::Cdn(CdnConfig::default()),
            ComponentKind::LoadBalancer => {
                ComponentConfig::LoadBalancer(LoadBalancerConfig::default())
            }
            ComponentKind::WebServers => ComponentConfig::WebServers(WebServersConfig::default()),
            ComponentKind::Cache => ComponentConfig::Cache(CacheConfig::default()),
            ComponentKind::SessionStore => {
                ComponentConfig::SessionStore(SessionStoreConfig::default())
            }
            ComponentKind::Database => ComponentConfig::Database(DatabaseConfig::default()),
            ComponentKind::NoSql => ComponentConfig::NoSql(NoSqlConfig::default()),
            ComponentKind::ShardedDatabase => {
                ComponentConfig::ShardedDatabase(ShardedDatabaseConfig::default())
            }
            ComponentKind::MessageQueue => {
                ComponentConfig::MessageQueue(MessageQueueConfig::default())
            }
            ComponentKind::Workers => ComponentConfig::Workers(WorkersConfig::default()),
            ComponentKind::MetricsSink => {
                ComponentConfig::MetricsSink(MetricsSinkConfig::default())
            }
        }
    }

    /// The ports a component of this kind has: what may leave it and what it accepts.
    pub fn ports(self) -> Ports {
        use InPort as I;
        use OutPort as O;
        let (outputs, inputs): (&'static [OutPort], &'static [InPort]) = match self {
            ComponentKind::Users => (&[O::Dynamic, O::Static], &[]),
            ComponentKind::Dns => (&[O::Resolve], &[I::Requests]),
            ComponentKind::Cdn => (&[O::Origin], &[I::Requests]),
            ComponentKind::LoadBalancer => (&[O::Backends], &[I::Requests]),
            ComponentKind::WebServers => {
                (&[O::Data, O::Sessions, O::Jobs, O::Logs], &[I::Requests])
            }
            ComponentKind::Cache => (&[O::Miss], &[I::Data]),
            ComponentKind::SessionStore => (&[], &[I::Sessions]),
            ComponentKind::Database => (&[O::Replicate], &[I::Data]),
            ComponentKind::NoSql => (&[], &[I::Data]),
            ComponentKind::ShardedDatabase => (&[], &[I::Data]),
            ComponentKind::MessageQueue => (&[O::Consumers], &[I::Jobs]),
            ComponentKind::Workers => (&[O::Data, O::Logs], &[I::Jobs]),
            ComponentKind::MetricsSink => (&[], &[I::Logs]),
        };
        Ports { outputs, inputs }
    }

    /// The kind's only input port, if it has exactly one (every kind but Users has one).
    pub fn input(self) -> Option<InPort> {
        match self.ports().inputs {
            [one] => Some(*one),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_listed_once() {
        let mut seen = std::collections::BTreeSet::new();
        for kind in ComponentKind::ALL {
            assert!(seen.insert(kind), "{kind:?} listed twice");
        }
    }

    #[test]
    fn default_config_matches_its_kind_and_is_in_range() {
        for kind in ComponentKind::ALL {
            let config = kind.default_config();
            assert_eq!(config.kind(), kind);
            assert_eq!(config.check(), Ok(()), "{kind:?}");
        }
    }

    #[test]
    fn every_kind_but_users_has_exactly_one_input_and_port_names_are_unique() {
        for kind in ComponentKind::ALL {
            let ports = kind.ports();
            match kind {
                ComponentKind::Users => assert!(ports.inputs.is_empty()),
                _ => assert_eq!(ports.inputs.len(), 1, "{kind:?}"),
            }
            let mut names = std::collections::BTreeSet::new();
            for p in ports.outputs {
                assert!(names.insert(p), "{kind:?} repeats {p:?}");
            }
        }
        assert_eq!(
            ComponentKind::WebServers.ports().outputs,
            &[
                OutPort::Data,
                OutPort::Sessions,
                OutPort::Jobs,
                OutPort::Logs
            ]
        );
        assert_eq!(ComponentKind::Cache.ports().outputs, &[OutPort::Miss]);
    }
}
