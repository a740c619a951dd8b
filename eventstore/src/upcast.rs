//! Upcasters turn payloads stored at an old schema version into the current
//! shape on read. Stored rows are never rewritten.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;

type UpcastFn = Arc<dyn Fn(Value) -> Result<Value, String> + Send + Sync>;

/// A registry of upcasters keyed by (event type, version they upgrade from).
#[derive(Clone, Default)]
pub struct Upcasters {
    // Keyed by type then version so a read looks up by `&str` without
    // allocating a key for every event.
    by_type: HashMap<String, HashMap<i32, UpcastFn>>,
}

impl std::fmt::Debug for Upcasters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut keys: Vec<(&String, &i32)> = self
            .by_type
            .iter()
            .flat_map(|(t, versions)| versions.keys().map(move |v| (t, v)))
            .collect();
        keys.sort();
        f.debug_struct("Upcasters").field("from", &keys).finish()
    }
}

impl Upcasters {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers `f` to turn `event_type` payloads at `from_version` into
    /// `from_version + 1`. Chains apply one after another on read.
    pub fn register(
        mut self,
        event_type: impl Into<String>,
        from_version: i32,
        f: impl Fn(Value) -> Result<Value, String> + Send + Sync + 'static,
    ) -> Self {
        self.by_type
            .entry(event_type.into())
            .or_default()
            .insert(from_version, Arc::new(f));
        self
    }

    /// Whether a payload of `event_type` at `version` needs upcasting.
    pub fn covers(&self, event_type: &str, version: i32) -> bool {
        self.by_type
            .get(event_type)
            .is_some_and(|versions| versions.contains_key(&version))
    }

    /// Applies every upcaster registered from `version` on, returning the
    /// payload and the version it ends at.
    pub fn apply(
        &self,
        event_type: &str,
        mut version: i32,
        mut payload: Value,
    ) -> Result<(i32, Value), String> {
        let Some(versions) = self.by_type.get(event_type) else {
            return Ok((version, payload));
        };
        // Bounded so a misregistered cycle cannot hang a read.
        for _ in 0..1000 {
            match versions.get(&version) {
                Some(f) => {
                    payload = f(payload)?;
                    version += 1;
                }
                None => return Ok((version, payload)),
            }
        }
        Err(format!("upcaster chain for {event_type} does not end"))
    }
}
