//! Why a diagram cannot run, in English: one sentence per [`BuildError`].

use crate::sim::BuildError;

/// The English sentence of a build error, saying what to change.
pub fn build_error(e: &BuildError) -> String {
    match e {
        BuildError::NoUsers => "add a Users component: nothing sends traffic".to_string(),
        BuildError::InvalidConfig {
            component,
            label,
            detail,
        } => format!(
            "component {component} ({label}): {}",
            crate::present::say::setting_error(crate::present::lang::Lang::En, detail)
        ),
        BuildError::ConfigKindMismatch { component } => {
            format!("component {component} has the settings of another kind of component")
        }
        BuildError::DuplicateComponent(id) => format!("two components share the id {id}"),
        BuildError::DanglingWire { wire, component } => {
            format!("wire {wire} ends at component {component}, which is not in the diagram")
        }
        BuildError::InvalidTraffic(detail) => {
            format!(
                "scenario traffic: {}",
                crate::present::say::traffic_error(crate::present::lang::Lang::En, detail)
            )
        }
    }
}
