//! What the interface asked the worker for: the generation of a load, so a test can answer it
//! as the worker would.
use o365::tui::effect::{Effect, LoadKey};

/// The generation of the load among `effects` whose key `wanted` picks; panics if none.
pub fn generation_of(effects: &[Effect], wanted: impl Fn(&LoadKey) -> bool) -> u64 {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Load { generation, key } if wanted(key) => Some(*generation),
            _ => None,
        })
        .expect("the load was ordered")
}
