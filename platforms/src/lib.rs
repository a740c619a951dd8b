//! The marketplaces' open platforms, seen from the seller's side: how a
//! platform action (`returns_domain::platform_action`) reaches Douyin,
//! Taobao/Tmall or Kuaishou, signed as each platform documents, and what its
//! answer means ([`Outcome`]). Also the contract simulator that tests and the
//! demo use in place of the platforms ([`simulator`]).
//!
//! Layout:
//! - [`PlatformClient`]: the port the runner sends through, one per shop;
//! - [`credentials`]: per-shop credentials from a secrets file or the
//!   environment, never logged, never stored;
//! - [`douyin`], [`taobao`], [`kuaishou`]: one adapter each (endpoint,
//!   parameters, signing, token refresh, the answer's meaning);
//! - [`simulator`]: a server that checks signatures and parameters the way
//!   the platforms' documents define them and answers with their documented
//!   errors. Tests and the demo only.
//!
//! Depends on the domain only; must never depend on the event store, the
//! tickets crate, workflows, intake or the api: it translates one action into
//! one platform's call and knows nothing of where actions are kept.

mod carrier;
pub mod credentials;
pub mod douyin;
pub mod kuaishou;
pub mod simulator;
pub mod taobao;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use chrono::{DateTime, Utc};
use returns_domain::platform_action::{PlatformAction, PlatformActionParams};
use serde::{Deserialize, Serialize};

pub use credentials::{ReturnAddress, Secret, ShopCredentials};

/// A marketplace with an adapter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// Douyin shop (抖店), open platform `openapi-fxg.jinritemai.com`.
    Douyin,
    /// Taobao and Tmall, TOP (`gw.api.taobao.com/router/rest`).
    Taobao,
    /// Kuaishou shop (快手小店), open platform `openapi.kwaixiaodian.com`.
    Kuaishou,
}

impl Platform {
    /// Every platform.
    pub const ALL: [Platform; 3] = [Platform::Douyin, Platform::Taobao, Platform::Kuaishou];

    /// The name mappings and channels use.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Douyin => "douyin",
            Platform::Taobao => "taobao",
            Platform::Kuaishou => "kuaishou",
        }
    }

    /// The platform named `text`.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == text.trim())
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One action to send: what the domain recorded, plus what the platform's
/// call needs that the log does not hold (the record's version).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionOrder {
    /// The same for every attempt at one action (`<ticket>:<seq>`).
    pub key: String,
    /// The platform's after-sale id (`aftersale_id`, `refund_id`, `refundId`).
    pub after_sale_id: String,
    /// What to do.
    pub action: PlatformAction,
    /// With what.
    pub params: PlatformActionParams,
    /// The record's version as the platform gave it (`update_time`,
    /// `refund_version`, `refundVersion`), sent so the platform refuses to
    /// act on a view that is no longer current. `None` if intake has none.
    pub version: Option<i64>,
    /// The reason of a refusal, where the action refuses something.
    pub refusal: Option<Refusal>,
}

/// Why the seller refuses: the platform's own reason code where the platform
/// has codes, and the words the buyer reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The platform's reason code (`reject_reason_code`, `refuse_reason_id`, …).
    pub code: Option<String>,
    /// The words.
    pub message: String,
}

/// Why a person must take over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonReason {
    /// The platform accepts this step only in its web back office.
    BackOfficeOnly,
    /// The record changed on the platform since the decision, and still
    /// did after a re-read.
    StaleVersion,
    /// This item failed inside a batch call.
    BatchItemFailed,
    /// Too little time is left before the platform's deadline to retry.
    DeadlineClose,
    /// The adapter has no documented call for this action on this platform.
    NoApiCall,
    /// The shop's credentials were refused and could not be refreshed.
    Unauthorized,
    /// Rate limits or outages outlasted every retry.
    RetriesExhausted,
    /// The refusal's reason requires evidence (a photo, a proof) that no
    /// action carries yet: sending it would only be bounced.
    EvidenceRequired,
}

impl PersonReason {
    /// The name in the log and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            PersonReason::BackOfficeOnly => "back_office_only",
            PersonReason::StaleVersion => "stale_version",
            PersonReason::BatchItemFailed => "batch_item_failed",
            PersonReason::DeadlineClose => "deadline_close",
            PersonReason::NoApiCall => "no_api_call",
            PersonReason::Unauthorized => "unauthorized",
            PersonReason::RetriesExhausted => "retries_exhausted",
            PersonReason::EvidenceRequired => "evidence_required",
        }
    }
}

/// Why an attempt is to be repeated later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RetryReason {
    /// The platform's rate limit.
    RateLimited,
    /// The platform could not be reached, or answered with a system error.
    Unavailable,
    /// Another item of the same batch failed, so this one was not applied:
    /// it is sent again on its own.
    BatchAborted,
}

/// What the platform answered for one order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Done on the platform. `already` when the platform answered that it
    /// had been done before (a repeat after a crash).
    Done {
        /// The platform's request or log id, if it gave one.
        reference: Option<String>,
        /// The platform said it was already done.
        already: bool,
    },
    /// The platform refused the step itself; its code and words are kept.
    Refused {
        /// The platform's code (`err_no`/`sub_code`/`result`).
        code: String,
        /// The platform's words.
        message: String,
    },
    /// A person must do it in the back office.
    NeedsPerson {
        /// Why.
        reason: PersonReason,
        /// The platform's code, if it answered.
        code: Option<String>,
        /// The platform's words, or ours.
        message: String,
    },
    /// Not applied; may be sent again after `after`.
    Retry {
        /// Why.
        reason: RetryReason,
        /// The platform's code, if it answered.
        code: Option<String>,
        /// The platform's words, or the transport's error.
        message: String,
        /// How long to wait at least.
        after: Duration,
    },
}

/// The future a send returns: one outcome per order, in the orders' order.
pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Vec<Outcome>> + Send + 'a>>;

/// A reason the platform accepts for refusing one after-sale, as its own
/// reason call lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusalReason {
    /// The platform's code, sent with the refusal.
    pub code: String,
    /// The platform's words for it (as the seller's back office shows them).
    pub text: String,
    /// The platform requires evidence (a photo, a proof) with this reason.
    pub needs_evidence: bool,
}

/// The future a reason lookup returns: the reasons, or why there are none
/// (an [`Outcome`] other than `Done`, classified as for a send).
pub type ReasonsFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Vec<RefusalReason>, Outcome>> + Send + 'a>>;

/// One file of evidence for the platform that arbitrates: a page of the
/// pack's PDF as an image, or an inspection photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceItem {
    /// What it is, in the pack's terms (`case.pdf page 1`, `photos/<sha256>.jpg`).
    pub name: String,
    /// `image/png`, `image/jpeg`, …
    pub content_type: String,
    /// The bytes as sent.
    pub bytes: Vec<u8>,
}

/// What a platform's evidence call takes, from its documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceLimits {
    /// Files per submission.
    pub max_items: usize,
    /// Bytes per file.
    pub max_bytes: usize,
    /// The content types it takes.
    pub content_types: &'static [&'static str],
    /// Bytes of the accompanying words (UTF-8).
    pub max_comment_bytes: usize,
}

/// The future an evidence submission returns: one outcome per item, in
/// order.
pub type EvidenceFuture<'a> = Pin<Box<dyn Future<Output = Vec<Outcome>> + Send + 'a>>;

/// The words sent with evidence, cut at a character boundary to fit
/// `max_bytes` of UTF-8.
pub fn fit_comment(comment: &str, max_bytes: usize) -> &str {
    if comment.len() <= max_bytes {
        return comment;
    }
    let mut end = max_bytes;
    while !comment.is_char_boundary(end) {
        end -= 1;
    }
    &comment[..end]
}

/// One shop's open-platform client.
pub trait PlatformClient: Send + Sync + 'static {
    /// The platform it speaks to.
    fn platform(&self) -> Platform;

    /// How many orders of `action` one call may carry: 1 where the platform
    /// has no batch call for it.
    fn batch_limit(&self, action: PlatformAction) -> usize;

    /// Sends `orders` (all of one action, at most [`Self::batch_limit`]),
    /// signed with the time `now`. Never fails as a whole: every order gets
    /// its own [`Outcome`], in order.
    fn send<'a>(&'a self, now: DateTime<Utc>, orders: &'a [ActionOrder]) -> SendFuture<'a>;

    /// The refusal reasons the platform accepts for `after_sale_id` when
    /// `action` (a refusal of the application, or after inspection) refuses
    /// it, from the platform's own reason call. An empty list where the
    /// platform takes no reason code for that refusal.
    ///
    /// Every adapter's platform has one reason list per after-sale, for both
    /// refusals (Douyin's `afterSale/operate` refusals, TOP's
    /// `taobao.refund.refuse` and Kuaishou's `open.refund.reject` each take
    /// a code from it), so this asks [`Self::reason_list`] for either; any
    /// other action refuses nothing and is answered without a call.
    fn refusal_reasons<'a>(
        &'a self,
        now: DateTime<Utc>,
        after_sale_id: &'a str,
        action: PlatformAction,
    ) -> ReasonsFuture<'a> {
        match action {
            PlatformAction::RefuseApplication | PlatformAction::RefuseAfterInspection => {
                self.reason_list(now, after_sale_id)
            }
            _ => Box::pin(async { Ok(Vec::new()) }),
        }
    }

    /// What this platform's evidence call takes, or why there is no call
    /// the engine can make (the words a person reads, with where to upload
    /// in the back office instead).
    fn evidence_limits(&self) -> Result<EvidenceLimits, String> {
        Err("该平台没有可用的举证接口，请在商家后台上传举证包。The platform has no evidence call the engine can make: upload the pack in its back office.".into())
    }

    /// Sends `items` (already within [`Self::evidence_limits`]) with
    /// `comment` as evidence for `after_sale_id`. One outcome per item.
    fn submit_evidence<'a>(
        &'a self,
        now: DateTime<Utc>,
        after_sale_id: &'a str,
        comment: &'a str,
        items: &'a [EvidenceItem],
    ) -> EvidenceFuture<'a> {
        let _ = (now, after_sale_id, comment);
        let message = match self.evidence_limits() {
            Err(message) => message,
            Ok(_) => "no evidence call".to_owned(),
        };
        Box::pin(async move {
            items
                .iter()
                .map(|_| Outcome::NeedsPerson {
                    reason: PersonReason::NoApiCall,
                    code: None,
                    message: message.clone(),
                })
                .collect()
        })
    }

    /// The platform's refusal reason list for `after_sale_id`, from its own
    /// reason call. An empty list where the platform has no such call.
    fn reason_list<'a>(&'a self, now: DateTime<Utc>, after_sale_id: &'a str) -> ReasonsFuture<'a> {
        let _ = (now, after_sale_id);
        Box::pin(async { Ok(Vec::new()) })
    }
}

/// A client for `shop`, speaking to the platform's documented endpoint (or
/// to `shop.endpoint`, e.g. the simulator).
pub fn client(shop: ShopCredentials, http: reqwest::Client) -> Box<dyn PlatformClient> {
    match shop.platform {
        Platform::Douyin => Box::new(douyin::Client::new(shop, http)),
        Platform::Taobao => Box::new(taobao::Client::new(shop, http)),
        Platform::Kuaishou => Box::new(kuaishou::Client::new(shop, http)),
    }
}

#[cfg(test)]
mod tests {
    use super::fit_comment;

    #[test]
    fn words_are_cut_at_a_character_boundary_within_the_bytes() {
        // 举 is three bytes in UTF-8: four bytes hold "a" and one character.
        assert_eq!(fit_comment("a举证", 4), "a举");
        assert_eq!(fit_comment("a举证", 5), "a举");
        assert_eq!(fit_comment("a举证", 7), "a举证");
        assert_eq!(fit_comment("举", 2), "");
    }
}
