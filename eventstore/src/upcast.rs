//! Upcasters turn payloads stored at an old schema version into the current
//! shape on read. Stored rows are never rewritten.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;

type UpcastFn = Arc<dyn Fn(Value) -> Result<Value, String> + Send + Sync>;

/// A registry of upcasters keyed by (event type, version they upgrade from).
#[derive(Clone, Default)]
pub struct Upcasters {
    by_type: HashMap<(String, i32), UpcastFn>,
}

impl std::fmt::Debug for Upcasters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut keys: Vec<_> = self.by_type.keys().collect();
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
            .insert((event_type.into(), from_version), Arc::new(f));
        self
    }

    /// Applies every upcaster registered from `version` on, returning the
    /// payload and the version it ends at.
    pub fn apply(
        &self,
        event_type: &str,
        mut version: i32,
        mut payload: Value,
    ) -> Result<(i32, Value), String> {
        // Bounded so a misregistered cycle cannot hang a read.
        for _ in 0..1000 {
            match self.by_type.get(&(event_type.to_owned(), version)) {
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
