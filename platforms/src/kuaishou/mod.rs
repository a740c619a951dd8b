//! Kuaishou shop (快手小店) open platform, `https://openapi.kwaixiaodian.com`.
//!
//! Every call is `POST /open/<method with / for .>` with the form body
//! `appkey, method, version=1, param (JSON), access_token, timestamp (ms),
//! signMethod=HMAC_SHA256, sign` («API调用说明»: "请求Content-type仅支持
//! application/x-www-form-urlencoded，如果是post请求，请将param参数放到body里").
//!
//! - [`calls`]: which call carries each action, with which `param`, and
//!   the refusal reason list (open.refund.reject.reason);
//! - [`signing`]: the documented signature ([`sign`]);
//! - [`codes`]: the answer envelope and the documented codes;
//! - [`simulator`]: the platform's side, for tests and the demo.
//!
//! An expired access token (`result` 28) is refreshed once by
//! `POST /oauth2/refresh_token` (app_id, app_secret = the OAuth secret, not
//! the signSecret, refresh_token, grant_type=refresh_token; «APP授权说明»
//! §2.4) and the call sent again. Refresh tokens are single-use there, so
//! the new one is kept beside the new access token.

pub mod calls;
pub mod codes;
pub mod signing;
pub mod simulator;

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, Utc};
use returns_domain::platform_action::PlatformAction;

pub use signing::sign;

use crate::{
    ActionOrder, Outcome, PersonReason, Platform, PlatformClient, ReasonsFuture, RefusalReason,
    RetryReason, Secret, SendFuture, ShopCredentials,
};
use calls::Call;
use codes::Answer;

/// The documented production endpoint («API调用说明» §3; the SDKs' default).
pub const PRODUCTION_ENDPOINT: &str = "https://openapi.kwaixiaodian.com";
/// The token refresh path («APP授权说明» §2.4).
pub const REFRESH_PATH: &str = "/oauth2/refresh_token";
/// «请求的API版本号，目前版本都为1».
const VERSION: &str = "1";
const TIMEOUT: Duration = Duration::from_secs(30);

/// The tokens in use: the configured ones until a refresh replaces them.
struct Tokens {
    access: Secret,
    refresh: Option<Secret>,
}

/// One Kuaishou shop's client.
pub struct Client {
    shop: ShopCredentials,
    http: reqwest::Client,
    tokens: Mutex<Tokens>,
}

impl Client {
    /// A client for `shop` (its `app_secret` is the signSecret).
    pub fn new(shop: ShopCredentials, http: reqwest::Client) -> Self {
        let tokens = Mutex::new(Tokens {
            access: shop.access_token.clone(),
            refresh: shop.refresh_token.clone(),
        });
        Client { shop, http, tokens }
    }

    fn tokens(&self) -> MutexGuard<'_, Tokens> {
        // Tokens are replaced whole; a panic elsewhere cannot leave them half-written.
        self.tokens.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn endpoint(&self) -> &str {
        self.shop
            .endpoint
            .as_deref()
            .unwrap_or(PRODUCTION_ENDPOINT)
            .trim_end_matches('/')
    }

    /// The signed form of `call` with `token` at `now`.
    fn form(&self, now: DateTime<Utc>, method: &str, param: &str, token: &str) -> String {
        let timestamp = now.timestamp_millis().to_string();
        let mut params = vec![
            ("access_token", token),
            ("appkey", self.shop.app_key.as_str()),
            ("method", method),
            ("param", param),
            ("signMethod", signing::SIGN_METHOD),
            ("timestamp", timestamp.as_str()),
            ("version", VERSION),
        ];
        let signature = sign(&params, self.shop.app_secret.expose());
        params.push(("sign", signature.as_str()));
        encode(&params)
    }

    /// Sends `method` with `param`; `get` puts the form in the query string.
    async fn call(
        &self,
        now: DateTime<Utc>,
        method: &str,
        param: &serde_json::Map<String, serde_json::Value>,
        get: bool,
    ) -> Result<(u16, String), String> {
        let param = serde_json::Value::Object(param.clone()).to_string();
        let token = self.tokens().access.clone();
        let form = self.form(now, method, &param, token.expose());
        let url = format!("{}{}", self.endpoint(), calls::path(method));
        let request = if get {
            self.http.get(format!("{url}?{form}"))
        } else {
            self.http
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(form)
        };
        let response = request
            .timeout(TIMEOUT)
            .send()
            .await
            // without_url: the query string of a GET carries the token and signature.
            .map_err(|e| e.without_url().to_string())?;
        let status = response.status().as_u16();
        let body = response
            .text()
            .await
            .map_err(|e| e.without_url().to_string())?;
        Ok((status, body))
    }

    /// Renews the access token; `used` is the token the platform called
    /// expired (another order may have renewed it meanwhile).
    async fn refresh(&self, used: &Secret) -> Result<(), Outcome> {
        let unauthorized = |code: Option<String>, message: String| Outcome::NeedsPerson {
            reason: PersonReason::Unauthorized,
            code,
            message,
        };
        let refresh_token = {
            let tokens = self.tokens();
            if tokens.access != *used {
                return Ok(());
            }
            tokens.refresh.clone()
        };
        let (Some(refresh_token), Some(oauth_secret)) =
            (refresh_token, self.shop.oauth_secret.as_ref())
        else {
            return Err(unauthorized(
                Some(codes::TOKEN_EXPIRED.to_string()),
                "the access token expired and this shop has no refresh token or OAuth secret: \
                 authorize the app again in 快手小店商家后台 (服务市场 › 我的服务)"
                    .to_owned(),
            ));
        };
        let form = encode(&[
            ("app_id", self.shop.app_key.as_str()),
            ("app_secret", oauth_secret.expose()),
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose()),
        ]);
        let response = self
            .http
            .post(format!("{}{}", self.endpoint(), REFRESH_PATH))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form)
            .timeout(TIMEOUT)
            .send()
            .await;
        let (status, body) = match response {
            Ok(r) => {
                let status = r.status().as_u16();
                (status, r.text().await.unwrap_or_default())
            }
            Err(e) => {
                return Err(Outcome::Retry {
                    reason: RetryReason::Unavailable,
                    code: None,
                    message: format!("token refresh: {}", e.without_url()),
                    after: Duration::from_secs(5),
                })
            }
        };
        let envelope = codes::Envelope::parse(&body);
        let field = |name: &str| {
            envelope
                .as_ref()
                .and_then(|e| e.body.get(name))
                .and_then(|v| v.as_str())
                .filter(|s| !s.is_empty())
                .map(Secret::new)
        };
        match (
            envelope.as_ref().and_then(|e| e.result),
            field("access_token"),
        ) {
            (Some(codes::OK), Some(access)) => {
                let mut tokens = self.tokens();
                tokens.access = access;
                if let Some(refresh) = field("refresh_token") {
                    tokens.refresh = Some(refresh);
                }
                Ok(())
            }
            _ if status >= 500 => Err(Outcome::Retry {
                reason: RetryReason::Unavailable,
                code: envelope
                    .as_ref()
                    .and_then(|e| e.result)
                    .map(|r| r.to_string()),
                message: format!("token refresh: HTTP {status}"),
                after: Duration::from_secs(5),
            }),
            (result, _) => Err(unauthorized(
                result.map(|r| r.to_string()),
                format!(
                    "the access token expired and could not be refreshed ({}): authorize the app \
                     again in 快手小店商家后台",
                    envelope.map(|e| e.message).unwrap_or_default()
                ),
            )),
        }
    }

    /// Sends `method` with `param` and classifies the answer as every call
    /// is classified, refreshing the token once if it expired. A state
    /// error is left to the caller (a send reads the record back).
    async fn call_classified(
        &self,
        now: DateTime<Utc>,
        method: &str,
        param: &serde_json::Map<String, serde_json::Value>,
        get: bool,
    ) -> Result<Called, Outcome> {
        let mut refreshed = false;
        loop {
            let used = self.tokens().access.clone();
            let (status, body) = self
                .call(now, method, param, get)
                .await
                .map_err(transport)?;
            match codes::classify(status, &body) {
                Answer::Done { reference } => return Ok(Called::Done { reference, body }),
                Answer::TokenExpired { code, message } if refreshed => {
                    return Err(Outcome::NeedsPerson {
                        reason: PersonReason::Unauthorized,
                        code: Some(code),
                        message,
                    })
                }
                Answer::TokenExpired { .. } => {
                    self.refresh(&used).await?;
                    refreshed = true;
                }
                Answer::StateError { code, message } => {
                    return Ok(Called::StateError { code, message })
                }
                Answer::Final(outcome) => return Err(outcome),
            }
        }
    }

    /// Sends `call` for `order`, refreshing the token once if it expired.
    async fn send_one(&self, now: DateTime<Utc>, order: &ActionOrder) -> Outcome {
        let call = match calls::call_for(order) {
            Ok(call) => call,
            Err(outcome) => return outcome,
        };
        match self
            .call_classified(now, call.method, &call.param, false)
            .await
        {
            Ok(Called::Done { reference, .. }) => Outcome::Done {
                reference,
                already: false,
            },
            Ok(Called::StateError { code, message }) => {
                self.repeat_or_refused(now, order, &call, code, message)
                    .await
            }
            Err(outcome) => outcome,
        }
    }

    /// The reasons open.refund.reject.reason lists for `after_sale_id`.
    async fn reasons(
        &self,
        now: DateTime<Utc>,
        after_sale_id: &str,
    ) -> Result<Vec<RefusalReason>, Outcome> {
        let call = calls::reasons_call(after_sale_id);
        // GET, as the SDKs send it (api.default.method.ts: "open.refund.reject.reason":"GET").
        match self
            .call_classified(now, call.method, &call.param, true)
            .await?
        {
            Called::Done { body, .. } => Ok(reasons_of(&body)),
            // A list call has no step to repeat: the refund's state forbids
            // refusing it, in the platform's words.
            Called::StateError { code, message } => Err(Outcome::Refused { code, message }),
        }
    }

    /// After a state error: reads the record (open.seller.order.refund.detail)
    /// and answers `already` if it shows the step done, else the refusal.
    async fn repeat_or_refused(
        &self,
        now: DateTime<Utc>,
        order: &ActionOrder,
        call: &Call,
        code: String,
        message: String,
    ) -> Outcome {
        let mut param = serde_json::Map::new();
        if let Some(id) = call.param.get("refundId") {
            param.insert("refundId".to_owned(), id.clone());
        }
        let read = self.call(now, calls::REFUND_DETAIL, &param, true).await;
        let data = read
            .ok()
            .and_then(|(_, body)| codes::Envelope::parse(&body))
            .filter(|e| e.result == Some(codes::OK))
            .and_then(|e| e.body.get("data").cloned());
        let number = |key: &str| {
            data.as_ref()
                .and_then(|d| d.get(key))
                .and_then(|v| v.as_i64())
        };
        if data.is_some()
            && calls::shows_done(order.action, number("status"), number("negotiateStatus"))
        {
            Outcome::Done {
                reference: None,
                already: true,
            }
        } else {
            Outcome::Refused { code, message }
        }
    }
}

/// A classified answer the caller acts on.
enum Called {
    /// `result` 1; the body, for the caller to read its data.
    Done {
        reference: Option<String>,
        body: String,
    },
    /// A state error (see [`Answer::StateError`]).
    StateError { code: String, message: String },
}

/// The reasons in a successful open.refund.reject.reason answer: `data`, a
/// list of `{code, desc, tip, requiredRejectDesc, requiredRejectImage}`.
/// `needs_evidence` is `requiredRejectImage` («图片是否必填，true表示必填»;
/// open.refund.reject's rejectImages «是否必填由…requiredRejectImage字段决定»).
/// An entry without a code cannot be sent back as reasonCode and is left out.
fn reasons_of(body: &str) -> Vec<RefusalReason> {
    let Some(envelope) = codes::Envelope::parse(body) else {
        return Vec::new();
    };
    let Some(items) = envelope.body.get("data").and_then(|d| d.as_array()) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let code = match item.get("code")? {
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::String(s) if !s.trim().is_empty() => s.trim().to_owned(),
                _ => return None,
            };
            let text = item
                .get("desc")
                .and_then(|d| d.as_str())
                .unwrap_or_default()
                .to_owned();
            let needs_evidence = item
                .get("requiredRejectImage")
                .and_then(|r| r.as_bool())
                .unwrap_or(false);
            Some(RefusalReason {
                code,
                text,
                needs_evidence,
            })
        })
        .collect()
}

fn transport(message: String) -> Outcome {
    Outcome::Retry {
        reason: RetryReason::Unavailable,
        code: None,
        message,
        after: Duration::from_secs(5),
    }
}

/// `application/x-www-form-urlencoded`, by reqwest's Url (no form feature).
fn encode(pairs: &[(&str, &str)]) -> String {
    let Ok(mut url) = reqwest::Url::parse("http://form.invalid/") else {
        return String::new();
    };
    url.query_pairs_mut().extend_pairs(pairs.iter().copied());
    url.query().unwrap_or_default().to_owned()
}

impl PlatformClient for Client {
    fn platform(&self) -> Platform {
        Platform::Kuaishou
    }

    /// Kuaishou documents images only on the refusal (`open.refund.reject`
    /// `rejectImages`, "最多支持6张图片", with no format, size or upload
    /// path given; `crywolfx/kuaishou-merchant-open-api`
    /// `api.declaration.ts`). An evidence call for a platform intervention
    /// (`open.refund.evidence.add`) appears only in a third-party SDK that
    /// hedges on its image format ("Base64 或平台要求的格式"), so the engine
    /// does not guess it: a person uploads in the back office.
    fn evidence_limits(&self) -> Result<crate::EvidenceLimits, String> {
        Err("快手开放平台没有公开文档的平台介入举证接口。请在快手小店后台「售后 → 平台介入 → 补充凭证」上传举证包中的 case.pdf 页面与照片，然后点“我已上传”。Kuaishou documents no evidence call for a platform intervention: upload the pack's pages and photos in the back office, then confirm.".into())
    }

    /// Kuaishou's seller after-sale calls each take one refundId.
    fn batch_limit(&self, _action: PlatformAction) -> usize {
        1
    }

    fn send<'a>(&'a self, now: DateTime<Utc>, orders: &'a [ActionOrder]) -> SendFuture<'a> {
        Box::pin(async move {
            let mut outcomes = Vec::with_capacity(orders.len());
            for order in orders {
                outcomes.push(self.send_one(now, order).await);
            }
            outcomes
        })
    }

    /// open.refund.reject.reason: both refusals are sent as open.refund.reject.
    fn reason_list<'a>(&'a self, now: DateTime<Utc>, after_sale_id: &'a str) -> ReasonsFuture<'a> {
        Box::pin(self.reasons(now, after_sale_id))
    }
}
