//! The contract simulator: one HTTP server that answers as Douyin's,
//! Taobao's (TOP) and Kuaishou's open platforms do for the seller-side
//! after-sale calls, for tests and the demo only. It checks what a platform
//! checks (the signature by the platform's documented algorithm, the access
//! token, the parameters, the record's version) with code of its own, not the
//! adapters', and answers with the platforms' documented errors: a stale
//! version, one failing item in a batch, a step the platform allows only in
//! its back office, a rate limit.
//!
//! The record-keeping is shared ([`Simulator`]); each platform's module
//! (`douyin::simulator`, …) speaks its own wire format over it.
//!
//! In strict mode (tests) it knows only the records a test put
//! ([`Simulator::put_record`]); in lenient mode (the demo) it takes any
//! after-sale id at whatever version it is sent. Either way, what it applied
//! is listed ([`Simulator::applied`]), so a test can count what a platform
//! would have done.

use std::collections::{BTreeSet, HashMap};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use returns_domain::platform_action::PlatformAction;

use crate::{Platform, ShopCredentials};

/// A fault to answer with for one after-sale, instead of applying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The record moved on: every call is refused as acting on a stale
    /// version, whatever version it sends.
    StaleVersion,
    /// The platform accepts this after-sale's steps only in its web back office.
    BackOfficeOnly,
    /// The next `times` calls touching it are refused by the rate limit.
    RateLimited {
        /// How many calls.
        times: u32,
    },
    /// The next `times` calls fail with a system error.
    Unavailable {
        /// How many calls.
        times: u32,
    },
    /// Refused as an item of a call (inside a batch, the whole batch fails
    /// where the platform documents it so).
    ItemFails,
}

/// One step the simulated platform applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// Which platform.
    pub platform: Platform,
    /// Which after-sale.
    pub after_sale_id: String,
    /// The action the call carried out.
    pub action: PlatformAction,
    /// The platform's operation as called (method, with its type code).
    pub operation: String,
    /// The version the call sent.
    pub version: Option<i64>,
}

/// What the simulated platform decides for one item of a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Applied now; the record's version moved to `version`.
    Applied {
        /// The record's new version.
        version: i64,
    },
    /// The same action was applied before (a repeat, after a crash).
    AlreadyDone,
    /// The version sent is not the record's.
    Stale {
        /// The record's current version.
        current: i64,
    },
    /// No such after-sale for this shop.
    Unknown,
    /// Only in the back office.
    BackOfficeOnly,
    /// Over the rate limit.
    RateLimited,
    /// A system error.
    Unavailable,
    /// This item is refused.
    ItemFails,
}

#[derive(Debug, Default)]
struct Record {
    version: i64,
    done: BTreeSet<PlatformAction>,
}

/// A shop of `platform` for tests against the simulator: named after the
/// platform (as the shipped mappings name their channel), with the key
/// `key-<platform>`, secret `secret-<platform>` and session
/// `token-<platform>`, no refresh token, no return address.
pub fn test_shop(platform: Platform) -> ShopCredentials {
    ShopCredentials {
        shop: platform.as_str().to_owned(),
        platform,
        app_key: format!("key-{platform}"),
        app_secret: crate::Secret::new(format!("secret-{platform}")),
        access_token: crate::Secret::new(format!("token-{platform}")),
        refresh_token: None,
        oauth_secret: None,
        endpoint: None,
        return_address: None,
        tmall: None,
    }
}

/// One file of evidence a platform's evidence call received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceReceived {
    /// Which platform.
    pub platform: Platform,
    /// Which after-sale.
    pub after_sale_id: String,
    /// The words that came with it.
    pub content: String,
    /// The file's content type, as its bytes show it.
    pub content_type: String,
    /// Its size.
    pub bytes: usize,
    /// Its SHA-256, hex.
    pub sha256: String,
}

#[derive(Debug, Default)]
struct Books {
    records: HashMap<(Platform, String), Record>,
    faults: HashMap<(Platform, String), Fault>,
    applied: Vec<Applied>,
    evidence: Vec<EvidenceReceived>,
    calls: usize,
}

/// State shared by the platform modules' handlers.
#[derive(Debug)]
pub struct SimState {
    shops: Vec<ShopCredentials>,
    lenient: bool,
    books: Mutex<Books>,
}

impl SimState {
    fn books(&self) -> MutexGuard<'_, Books> {
        // A handler that panicked mid-update leaves the books as they were
        // at the panic; the simulator keeps serving.
        self.books.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Keeps a file of evidence; its number is the message's id.
    pub fn receive_evidence(&self, received: EvidenceReceived) -> usize {
        let mut books = self.books();
        books.evidence.push(received);
        books.evidence.len()
    }

    /// The shop of `platform` whose application key is `app_key`.
    pub fn shop(&self, platform: Platform, app_key: &str) -> Option<&ShopCredentials> {
        self.shops
            .iter()
            .find(|s| s.platform == platform && s.app_key == app_key)
    }

    /// The record's version as a read call reports it; a lenient simulator
    /// takes an after-sale it has not seen as a new record.
    pub fn current_version(&self, platform: Platform, after_sale_id: &str) -> Option<i64> {
        let mut books = self.books();
        let key = (platform, after_sale_id.to_owned());
        if !books.records.contains_key(&key) && self.lenient {
            books.records.insert(
                key.clone(),
                Record {
                    version: 1,
                    done: BTreeSet::new(),
                },
            );
        }
        books.records.get(&key).map(|r| r.version)
    }

    /// Counts one call (for rate limits and tests).
    pub fn count_call(&self) {
        self.books().calls += 1;
    }

    /// Decides one item without applying it: what the platform would answer.
    /// Faults are consumed here.
    pub fn check(
        &self,
        platform: Platform,
        after_sale_id: &str,
        action: PlatformAction,
        version: Option<i64>,
    ) -> Verdict {
        let mut books = self.books();
        let key = (platform, after_sale_id.to_owned());
        match books.faults.get_mut(&key) {
            Some(Fault::StaleVersion) => {
                let current = books.records.get(&key).map_or(0, |r| r.version);
                return Verdict::Stale { current };
            }
            Some(Fault::BackOfficeOnly) => return Verdict::BackOfficeOnly,
            Some(Fault::ItemFails) => return Verdict::ItemFails,
            Some(Fault::RateLimited { times }) => {
                *times -= 1;
                if *times == 0 {
                    books.faults.remove(&key);
                }
                return Verdict::RateLimited;
            }
            Some(Fault::Unavailable { times }) => {
                *times -= 1;
                if *times == 0 {
                    books.faults.remove(&key);
                }
                return Verdict::Unavailable;
            }
            None => {}
        }
        let lenient = self.lenient;
        let record = match books.records.get(&key) {
            Some(record) => record,
            None if lenient => {
                books.records.insert(
                    key.clone(),
                    Record {
                        version: version.unwrap_or(0),
                        done: BTreeSet::new(),
                    },
                );
                &books.records[&key]
            }
            None => return Verdict::Unknown,
        };
        if record.done.contains(&action) {
            return Verdict::AlreadyDone;
        }
        if version != Some(record.version) && !(lenient && version.is_none()) {
            return Verdict::Stale {
                current: record.version,
            };
        }
        Verdict::Applied {
            version: record.version + 1,
        }
    }

    /// Applies what [`Self::check`] found applicable: the record's version
    /// moves on and the step is listed.
    pub fn apply(&self, applied: Applied) {
        let mut books = self.books();
        let record = books
            .records
            .entry((applied.platform, applied.after_sale_id.clone()))
            .or_default();
        record.version += 1;
        record.done.insert(applied.action);
        books.applied.push(applied);
    }
}

/// A running simulator.
pub struct Simulator {
    state: Arc<SimState>,
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Simulator {
    /// Starts on a free port of 127.0.0.1, accepting the calls of `shops`
    /// (whose `endpoint` should then be [`Self::endpoint`]).
    pub async fn start(shops: Vec<ShopCredentials>, lenient: bool) -> std::io::Result<Self> {
        let state = Arc::new(SimState {
            shops,
            lenient,
            books: Mutex::new(Books::default()),
        });
        let app = axum::Router::new()
            .merge(crate::douyin::simulator::routes())
            .merge(crate::taobao::simulator::routes())
            .merge(crate::kuaishou::simulator::routes())
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let task = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                tracing::warn!(error = %e, "the platform simulator stopped");
            }
        });
        tracing::warn!(%addr, "SIMULATED marketplace open platforms: nothing reaches Douyin, Taobao or Kuaishou");
        Ok(Simulator { state, addr, task })
    }

    /// The base URL to use as every simulated shop's endpoint.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Puts (or moves) a record at `version`.
    pub fn put_record(&self, platform: Platform, after_sale_id: &str, version: i64) {
        let mut books = self.state.books();
        books
            .records
            .entry((platform, after_sale_id.to_owned()))
            .or_default()
            .version = version;
    }

    /// The record's current version, if the simulator knows it.
    pub fn version(&self, platform: Platform, after_sale_id: &str) -> Option<i64> {
        let books = self.state.books();
        books
            .records
            .get(&(platform, after_sale_id.to_owned()))
            .map(|r| r.version)
    }

    /// Answers calls about `after_sale_id` with `fault` (replacing any other).
    pub fn fault(&self, platform: Platform, after_sale_id: &str, fault: Fault) {
        self.state
            .books()
            .faults
            .insert((platform, after_sale_id.to_owned()), fault);
    }

    /// Clears the fault on `after_sale_id`.
    pub fn clear_fault(&self, platform: Platform, after_sale_id: &str) {
        self.state
            .books()
            .faults
            .remove(&(platform, after_sale_id.to_owned()));
    }

    /// Every step applied, in order.
    pub fn applied(&self) -> Vec<Applied> {
        self.state.books().applied.clone()
    }

    /// How many calls arrived (signed correctly or not).
    pub fn calls(&self) -> usize {
        self.state.books().calls
    }

    /// Every file of evidence received, in order.
    pub fn evidence(&self) -> Vec<EvidenceReceived> {
        self.state.books().evidence.clone()
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        self.task.abort();
    }
}
