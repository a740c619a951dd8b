//! Douyin shop (抖店) open platform, `openapi-fxg.jinritemai.com`: the
//! seller-side after-sale calls, signed as the platform documents.
//!
//! Sources (read, not copied):
//! - the Go SDK `zsmhub/doudian-sdk` (`core/doudian_op_api_client.go`,
//!   `utils/sign_util.go`, `core/doudian_op_config.go`,
//!   `api/afterSale_operate/…`, `api/afterSale_returnGoodsToWareHouseSuccess/…`,
//!   `api/afterSale_Detail/…`, `api/token_refresh/…`): endpoint, common
//!   parameters, signing, request and answer fields;
//! - the platform's 平台基础错误码汇总 <https://op.jinritemai.com/docs/guide-docs/212/1427>,
//!   as transcribed in `chrisis58/doudian2-spring-boot-starter`
//!   (`doudian2-spring-boot-common/…/constant/ApiResponseConstant.java`);
//! - the per-call error tables and usage notes of `afterSale/operate` and
//!   `afterSale/returnGoodsToWareHouseSuccess` as published on the platform
//!   (carried in the C# SDK `ecommerce.sdk.douyin`, `AfterSaleOperateReq`);
//! - the `afterSale/operate` type codes of
//!   <https://op.jinritemai.com/docs/question-docs/93/2752> (101 … 621);
//! - `api/afterSale_rejectReasonCodeList/…` of the same Go SDK: the refusal
//!   reasons one after-sale accepts (see [`Client::reject_reasons`]).
//!
//! Flow of one send: actions whose type code depends on the after-sale's
//! kind (approve, refuse, agree to the refund) first read it with
//! `afterSale/Detail`; the orders are then grouped by type code into
//! `afterSale/operate` calls (at most 20 items; one failing item fails the
//! whole call), or sent one by one to `afterSale/returnGoodsToWareHouseSuccess`.

pub mod simulator;

use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use returns_domain::platform_action::PlatformAction;
use returns_domain::ticket::Conversion;
use serde_json::{json, Map, Value};
use sha2::Sha256;

use crate::{
    ActionOrder, Outcome, PersonReason, Platform, PlatformClient, ReasonsFuture, RefusalReason,
    RetryReason, Secret, SendFuture, ShopCredentials,
};

/// The documented production endpoint (`core/doudian_op_config.go`, `OpenRequestUrl`).
pub const PRODUCTION_ENDPOINT: &str = "https://openapi-fxg.jinritemai.com";

/// `afterSale/operate` takes at most 20 after-sales per call, and one failing
/// item fails the whole call (its documented usage note, 使用场景 3).
pub const OPERATE_BATCH_LIMIT: usize = 20;

/// Methods as signed (`method`), and their paths (the method with `.` → `/`,
/// `urlPathToMethod` in `core/doudian_op_api_client.go`).
pub(crate) const OPERATE: &str = "afterSale.operate";
pub(crate) const WAREHOUSE: &str = "afterSale.returnGoodsToWareHouseSuccess";
pub(crate) const DETAIL: &str = "afterSale.Detail";
pub(crate) const REFRESH: &str = "token.refresh";
/// 获取快递公司列表 (`/order/logisticsCompanyList`; Go SDK
/// `api/order_logisticsCompanyList/…`): no parameters, `data` a list of
/// `{id, name, code}`. `afterSale/operate`'s `logistics.company_code` must be
/// one of these codes ("使用【/order/logisticsCompanyList】接口获取").
pub(crate) const CARRIERS: &str = "order.logisticsCompanyList";
/// 售后审核拒绝原因列表 (`afterSale/rejectReasonCodeList`).
pub(crate) const REJECT_REASONS: &str = "afterSale.rejectReasonCodeList";

/// The path a method is served at.
pub(crate) fn path_of(method: &str) -> String {
    format!("/{}", method.replace('.', "/"))
}

/// Answer codes (`code`, with the header `x-open-no-old-err-code: 1` the SDK
/// sends), from 平台基础错误码汇总 (guide-docs/212/1427).
pub(crate) mod code {
    /// success.
    pub const OK: i64 = 10000;
    /// 服务不可用 (isp.service-error…).
    pub const UNAVAILABLE: i64 = 20000;
    /// 内部服务超时.
    pub const TIMEOUT: i64 = 20001;
    /// 操作权限不足 (the shop's authorisation is gone or closed).
    pub const NO_PERMISSION: i64 = 30001;
    /// 缺少必选参数（平台校验） (signature, app_key or access_token missing).
    pub const MISSING_PARAM: i64 = 40001;
    /// 缺少必选参数（业务校验）.
    pub const MISSING_BUSINESS_PARAM: i64 = 40002;
    /// 非法的参数（平台校验）: signature, token, idempotency (see sub codes).
    pub const INVALID_PARAM: i64 = 40003;
    /// 业务处理失败.
    pub const BUSINESS_FAILED: i64 = 50002;
    /// 触发限流，请稍后重试 (no wait is stated).
    pub const RATE_LIMITED: i64 = 60000;
}

/// Sub codes (`sub_code`), same sources.
pub(crate) mod sub {
    /// access_token已过期: refresh it.
    pub const TOKEN_EXPIRED: &str = "isv.access-token-expired";
    /// access_token不存在，请使用最新的access_token访问: a token replaced by a
    /// refresh elsewhere; the official SDKs' light clients refresh on it too.
    pub const TOKEN_NOT_EXISTED: &str = "isv.access-token-no-existed";
    /// 签名校验失败.
    pub const SIGNATURE_INVALID: &str = "isv.signature-invalid";
    /// 认证失败，app_key不存在.
    pub const APP_KEY_MISSING: &str = "isv.app-id-missing";
    /// 认证失败，access_token不能为空.
    pub const TOKEN_MISSING: &str = "isv.access-token-missing";
    /// 幂等ID重复: the same request was processed before.
    pub const ALREADY_PROCESSED: &str = "isv.idempotent-id-existed";
    /// `afterSale/operate`: 存在无效的售后单 (no such after-sale), under 20000.
    pub const NO_SUCH_AFTER_SALE: &str = "isp.service-error:10000";
    /// `afterSale/operate`: 返回内容为空，重试 (a system error to retry).
    pub const EMPTY_ANSWER: &str = "isp.service-error:10002";
    /// `afterSale/operate`: 11001:暂不支持通过OPEN处理，请登录抖店后台人工审核售后单.
    pub const BACK_OFFICE_ONLY: &str = "isv.business-failed:11001";
    /// `afterSale/operate`: 售后状态错误, "重新同步获取&检查售后数据，重试无效":
    /// the record is no longer as the caller saw it (the nearest documented
    /// answer to an outdated `update_time`).
    pub const STATE_CHANGED: &str = "isv.business-failed:20309541";
    /// `afterSale/operate`: 操作失败.
    pub const OPERATE_FAILED: &str = "isv.business-failed:11005";
    /// `afterSale/returnGoodsToWareHouseSuccess`: 店铺未设置或启用售后小助手策略
    /// (the shop's 售后小助手 strategy is set only in the back office).
    pub const NO_ASSISTANT_STRATEGY: &str = "isv.business-failed:11002";
    /// `afterSale/returnGoodsToWareHouseSuccess`: 售后单类型与策略限制不符合.
    pub const STRATEGY_MISMATCH: &str = "isv.business-failed:12001";
}

/// The documented request signature: hex HMAC-SHA256, keyed with the app
/// secret, over `app_secret + "app_key" + app_key + "method" + method +
/// "param_json" + param_json + "timestamp" + timestamp + "v2" + app_secret`,
/// `param_json` being the body exactly as sent (keys sorted, no HTML escaping)
/// and `timestamp` unix seconds (`utils/sign_util.go`, `Sign`;
/// `sign_method=hmac-sha256`).
pub fn sign(
    app_key: &str,
    app_secret: &str,
    method: &str,
    param_json: &str,
    timestamp: i64,
) -> String {
    let text = format!(
        "{app_secret}app_key{app_key}method{method}param_json{param_json}timestamp{timestamp}v2{app_secret}"
    );
    // HMAC takes a key of any length, so this never fails.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(app_secret.as_bytes()) else {
        return String::new();
    };
    mac.update(text.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// `param_json` as the SDK marshals it: keys sorted at every level (serde_json's
/// map is ordered), compact, no HTML escaping (`utils/sign_util.go`, `Marshal`).
pub(crate) fn param_json(param: &Value) -> String {
    param.to_string()
}

/// Percent-encodes a query value (RFC 3986 unreserved characters kept).
pub(crate) fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

/// The Douyin client of one shop.
pub struct Client {
    shop: ShopCredentials,
    http: reqwest::Client,
    /// The tokens in use: a refresh replaces both (the answer carries a new
    /// refresh token), in memory only.
    tokens: Mutex<Tokens>,
    /// The platform's carrier list `(code, name)`, read once when first
    /// needed (it changes rarely; a restart reads it again).
    carriers: Mutex<Option<Vec<(String, String)>>>,
}

struct Tokens {
    access: Secret,
    refresh: Option<Secret>,
}

/// What one call came back with.
#[derive(Debug, Clone)]
enum Answer {
    Ok {
        log_id: Option<String>,
        data: Value,
    },
    Err(PlatformError),
    /// Not reached, or no readable answer.
    Transport(String),
}

#[derive(Debug, Clone)]
struct PlatformError {
    code: i64,
    msg: String,
    sub_code: String,
    sub_msg: String,
}

impl PlatformError {
    /// The code as kept: the sub code where there is one, it names the case.
    fn code(&self) -> String {
        if self.sub_code.is_empty() {
            self.code.to_string()
        } else {
            self.sub_code.clone()
        }
    }

    /// The platform's words, verbatim.
    fn words(&self) -> String {
        match (self.msg.is_empty(), self.sub_msg.is_empty()) {
            (_, true) => self.msg.clone(),
            (true, false) => self.sub_msg.clone(),
            (false, false) => format!("{}: {}", self.msg, self.sub_msg),
        }
    }

    fn token_expired(&self) -> bool {
        self.code == code::INVALID_PARAM
            && (self.sub_code == sub::TOKEN_EXPIRED || self.sub_code == sub::TOKEN_NOT_EXISTED)
    }
}

/// One `afterSale/operate` item: the order's index in the send, the order, the item.
type Item<'a> = (usize, &'a ActionOrder, Value);

/// What a send does with one order.
enum Plan {
    /// An `afterSale/operate` item under `type`.
    Operate { type_code: i64, item: Value },
    /// `afterSale/returnGoodsToWareHouseSuccess`.
    Warehouse { param: Value },
    /// Decided without (more) calls.
    Decided(Outcome),
}

fn person(reason: PersonReason, message: impl Into<String>) -> Outcome {
    Outcome::NeedsPerson {
        reason,
        code: None,
        message: message.into(),
    }
}

fn no_call(message: &str) -> Outcome {
    person(PersonReason::NoApiCall, message)
}

impl Client {
    /// A client for `shop`.
    pub fn new(shop: ShopCredentials, http: reqwest::Client) -> Self {
        let tokens = Mutex::new(Tokens {
            access: shop.access_token.clone(),
            refresh: shop.refresh_token.clone(),
        });
        Client {
            shop,
            http,
            tokens,
            carriers: Mutex::new(None),
        }
    }

    /// The platform's `company_code` for the carrier a person typed (its
    /// code, its name, or a common short form of it), or a person's task
    /// when the platform's list has no one such carrier.
    async fn carrier_code(&self, now: DateTime<Utc>, typed: &str) -> Result<String, Outcome> {
        let cached = self
            .carriers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let list = match cached {
            Some(list) => list,
            None => {
                let list = match self.call(now, CARRIERS, &json!({})).await? {
                    Answer::Ok { data, .. } => carriers_of(&data),
                    answer => return Err(classify(&answer)),
                };
                if !list.is_empty() {
                    *self.carriers.lock().unwrap_or_else(|e| e.into_inner()) = Some(list.clone());
                }
                list
            }
        };
        crate::carrier::find(&list, typed).ok_or_else(|| {
            no_call(&format!(
                "快递公司「{typed}」在抖店快递公司列表（/order/logisticsCompanyList）中找不到唯一对应：请在抖店后台【售后工作台】选择快递公司并填写运单"
            ))
        })
    }

    fn tokens(&self) -> std::sync::MutexGuard<'_, Tokens> {
        self.tokens.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn endpoint(&self) -> &str {
        self.shop
            .endpoint
            .as_deref()
            .unwrap_or(PRODUCTION_ENDPOINT)
            .trim_end_matches('/')
    }

    /// One signed call: the common parameters in the query, `param_json` as
    /// the body (`core/doudian_op_api_client.go`, `Request`;
    /// `core/http/doudian_op_http_client.go`, `Post`).
    async fn call_once(
        &self,
        now: DateTime<Utc>,
        method: &str,
        param: &Value,
        token: Option<&Secret>,
    ) -> Answer {
        let body = param_json(param);
        let timestamp = now.timestamp();
        let signature = sign(
            &self.shop.app_key,
            self.shop.app_secret.expose(),
            method,
            &body,
            timestamp,
        );
        let mut url = format!(
            "{}{}?app_key={}&method={}&timestamp={}&v=2&sign_method=hmac-sha256&sign={}",
            self.endpoint(),
            path_of(method),
            encode(&self.shop.app_key),
            encode(method),
            timestamp,
            signature,
        );
        if let Some(token) = token {
            url.push_str("&access_token=");
            url.push_str(&encode(token.expose()));
        }
        let sent = self
            .http
            .post(url)
            .header("Content-Type", "application/json")
            // Answers in the current code/msg/sub_code form, as the SDK asks.
            .header("x-open-no-old-err-code", "1")
            .body(body)
            .send()
            .await;
        let response = match sent {
            Ok(response) => response,
            // reqwest's error names the URL, which carries the token and the
            // signature: only its kind is kept.
            Err(e) => return Answer::Transport(transport_words(&e)),
        };
        let status = response.status();
        if status.is_server_error() {
            return Answer::Transport(format!("HTTP {status}"));
        }
        let text = match response.text().await {
            Ok(text) => text,
            Err(e) => return Answer::Transport(transport_words(&e)),
        };
        let Ok(value) = serde_json::from_str::<Value>(&text) else {
            return Answer::Transport(format!("HTTP {status}, an answer that is not JSON"));
        };
        read_answer(&value)
    }

    /// A call with the shop's token, refreshing it once on the documented
    /// token-expired answer. `Err` when the token is refused and cannot be
    /// refreshed.
    async fn call(
        &self,
        now: DateTime<Utc>,
        method: &str,
        param: &Value,
    ) -> Result<Answer, Outcome> {
        let token = self.tokens().access.clone();
        let answer = self.call_once(now, method, param, Some(&token)).await;
        let Answer::Err(error) = &answer else {
            return Ok(answer);
        };
        if !error.token_expired() {
            return Ok(answer);
        }
        let refreshed = {
            let tokens = self.tokens();
            // Another send may have refreshed meanwhile: use its token.
            if tokens.access != token {
                Some(tokens.access.clone())
            } else {
                None
            }
        };
        let token = match refreshed {
            Some(token) => token,
            None => self.refresh(now, error).await?,
        };
        let answer = self.call_once(now, method, param, Some(&token)).await;
        match &answer {
            Answer::Err(error) if error.token_expired() => Err(Outcome::NeedsPerson {
                reason: PersonReason::Unauthorized,
                code: Some(error.code()),
                message: format!(
                    "the refreshed access token was refused too: {}",
                    error.words()
                ),
            }),
            _ => Ok(answer),
        }
    }

    /// `token/refresh` (grant_type `refresh_token`, no access token;
    /// `core/access_token_builder.go`, `RefreshAccessToken`).
    async fn refresh(
        &self,
        now: DateTime<Utc>,
        expired: &PlatformError,
    ) -> Result<Secret, Outcome> {
        let unauthorized = |code: Option<String>, message: String| Outcome::NeedsPerson {
            reason: PersonReason::Unauthorized,
            code,
            message,
        };
        let Some(refresh) = self.tokens().refresh.clone() else {
            return Err(unauthorized(
                Some(expired.code()),
                format!(
                    "{}; no refresh token is configured: authorise the app again in 抖店后台 (服务市场 › 我的服务)",
                    expired.words()
                ),
            ));
        };
        let param = json!({"grant_type": "refresh_token", "refresh_token": refresh.expose()});
        match self.call_once(now, REFRESH, &param, None).await {
            Answer::Ok { data, .. } => {
                let access = data
                    .get("access_token")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                if access.is_empty() {
                    return Err(unauthorized(
                        None,
                        "token/refresh answered without an access token".into(),
                    ));
                }
                let access = Secret::new(access);
                let mut tokens = self.tokens();
                tokens.access = access.clone();
                if let Some(next) = data.get("refresh_token").and_then(Value::as_str) {
                    if !next.is_empty() {
                        tokens.refresh = Some(Secret::new(next));
                    }
                }
                tracing::info!(shop = %self.shop.shop, "douyin access token refreshed");
                Ok(access)
            }
            Answer::Err(e) => Err(unauthorized(
                Some(e.code()),
                format!("token/refresh refused: {}", e.words()),
            )),
            Answer::Transport(words) => Err(Outcome::Retry {
                reason: RetryReason::Unavailable,
                code: None,
                message: format!("token/refresh: {words}"),
                after: Duration::from_secs(1),
            }),
        }
    }

    /// The after-sale's kind (`aftersale_type`) by `afterSale/Detail`.
    async fn kind(&self, now: DateTime<Utc>, after_sale_id: &str) -> Result<i64, Outcome> {
        let param = json!({"after_sale_id": after_sale_id});
        match self.call(now, DETAIL, &param).await? {
            Answer::Ok { data, .. } => data
                .pointer("/after_sale_info/aftersale_type")
                .and_then(Value::as_i64)
                .ok_or_else(|| Outcome::Retry {
                    reason: RetryReason::Unavailable,
                    code: None,
                    message: "afterSale/Detail answered without aftersale_type".into(),
                    after: Duration::from_secs(1),
                }),
            answer => Err(classify(&answer)),
        }
    }

    /// `afterSale/rejectReasonCodeList`: the refusal reasons the platform
    /// accepts for one after-sale.
    ///
    /// Source: the Go SDK `zsmhub/doudian-sdk`,
    /// `api/afterSale_rejectReasonCodeList/request/…_request.go` and
    /// `…/response/…_response.go` (the platform's generated SDK). Request:
    /// `aftersale_id` (int64, optional: "传入售后单id时，返回该笔售后单可选择的拒绝
    /// 原因列表；仅支持已发货的售后查询，备货中未发货订单返回为空"). Answer:
    /// `data.items[]` of `reject_reason_code` (int64, 售后审核拒绝原因枚举编码),
    /// `reason` (拒绝原因文案), `evidence_need` ("Y" 必填 / "N" 非必填),
    /// `evidence_description` (凭证描述文案), `image` (凭证示例图片链接),
    /// `order_type` and `pkg` (是否收到货: 0 / 1 / -1 通用). The code goes
    /// back in `afterSale/operate` `items[].reject_reason_code`, and
    /// `items[].evidence` is required there when `evidence_need` is "Y"
    /// (`api/afterSale_operate/request/…`).
    async fn reject_reasons(
        &self,
        now: DateTime<Utc>,
        after_sale_id: &str,
    ) -> Result<Vec<RefusalReason>, Outcome> {
        // This call types aftersale_id as int64 (operate takes a string):
        // Douyin's ids are numeric. One that is not is sent as given, so the
        // platform's own parameter error answers it.
        let id = match after_sale_id.trim().parse::<i64>() {
            Ok(n) => json!(n),
            Err(_) => json!(after_sale_id),
        };
        let param = json!({ "aftersale_id": id });
        match self.call(now, REJECT_REASONS, &param).await? {
            Answer::Ok { data, .. } => Ok(reasons_of(&data)),
            answer => Err(classify(&answer)),
        }
    }

    /// What to do with one order.
    async fn plan(&self, now: DateTime<Utc>, order: &ActionOrder) -> Plan {
        use PlatformAction::*;
        let operate = |type_code: i64, extra: Value| {
            let mut item = Map::new();
            item.insert("aftersale_id".into(), json!(order.after_sale_id));
            if let Some(version) = order.version {
                // update_time: the record's version, refused when outdated.
                item.insert("update_time".into(), json!(version));
            }
            if let Value::Object(extra) = extra {
                item.extend(extra);
            }
            Plan::Operate {
                type_code,
                item: Value::Object(item),
            }
        };
        let refusal = || {
            let mut extra = Map::new();
            if let Some(refusal) = &order.refusal {
                // reason and remark are both required on a refusal; the code
                // is the reject_reason_code of afterSale/rejectReasonCodeList,
                // an int64 in the operate item: a code that is not a number
                // cannot be one of that list's and is left out (the platform
                // then answers for the missing code).
                extra.insert("reason".into(), json!(refusal.message));
                extra.insert("remark".into(), json!(refusal.message));
                if let Some(code) = refusal
                    .code
                    .as_deref()
                    .and_then(|c| c.trim().parse::<i64>().ok())
                {
                    extra.insert("reject_reason_code".into(), json!(code));
                }
            }
            Value::Object(extra)
        };
        let waybill = || async {
            match (&order.params.carrier, &order.params.tracking_number) {
                (Some(carrier), Some(tracking)) => Some(self.carrier_code(now, carrier).await.map(
                    |code| json!({"logistics": {"company_code": code, "logistics_code": tracking}}),
                )),
                _ => None,
            }
        };
        match order.action {
            ApproveApplication | RefuseApplication | AgreeRefund => {
                let kind = match self.kind(now, &order.after_sale_id).await {
                    Ok(kind) => kind,
                    Err(outcome) => return Plan::Decided(outcome),
                };
                let address = self.shop.return_address.as_ref().map(|a| a.id);
                match type_code(order.action, kind, address) {
                    Ok(code) if order.action == RefuseApplication => operate(code, refusal()),
                    // 101 同意退货, 301 同意换货, 601 同意维修: the goods come
                    // back to the shop's address (`logistics.receiver_address_id`,
                    // "必须通过【/address/list】获取【address_id】填入").
                    Ok(code @ (101 | 301 | 601)) => operate(
                        code,
                        json!({"logistics": {"receiver_address_id": address}}),
                    ),
                    Ok(code) => operate(code, json!({})),
                    Err(outcome) => Plan::Decided(outcome),
                }
            }
            RefuseAfterInspection => operate(112, refusal()),
            ShipExchange => match waybill().await {
                Some(Ok(logistics)) => operate(311, logistics),
                Some(Err(outcome)) => Plan::Decided(outcome),
                None => Plan::Decided(no_call("换货发货需要物流公司和运单号：请在抖店后台【售后工作台】填写换货运单")),
            },
            ShipRepairedGoods => match waybill().await {
                Some(Ok(logistics)) => operate(611, logistics),
                Some(Err(outcome)) => Plan::Decided(outcome),
                None => Plan::Decided(no_call("维修发货需要物流公司和运单号：请在抖店后台【售后工作台】填写维修寄回运单")),
            },
            ConfirmReturnReceived => Plan::Warehouse {
                param: json!({
                    "aftersale_id": order.after_sale_id,
                    // 商家确认退货入仓时间, unix seconds.
                    "op_time": now.timestamp(),
                }),
            },
            Convert => match order.params.conversion {
                Some(Conversion::ExchangeToRefund) => operate(321, json!({})),
                Some(Conversion::RepairToRefund) => operate(621, json!({})),
                Some(Conversion::ReturnToPartialRefund) => Plan::Decided(no_call(
                    "退货转部分退款：afterSale/operate 121（退货转退款）不带金额；请在抖店后台【售后工作台】与买家协商部分退款",
                )),
                Some(Conversion::RepairToExchange) => Plan::Decided(no_call(
                    "维修转换货没有开放接口：请在抖店后台【售后工作台】处理",
                )),
                Some(Conversion::ReshipToRefund) => Plan::Decided(no_call(
                    "补寄转退款没有开放接口：请在抖店后台【售后工作台】处理",
                )),
                None => Plan::Decided(no_call("转换类型未知：请在抖店后台【售后工作台】处理")),
            },
            ShipReshipment => Plan::Decided(no_call(
                "补寄发货没有开放的售后接口：请在抖店后台【售后工作台】为补寄单填写运单号",
            )),
            CounterOffer => Plan::Decided(no_call(
                "协商没有开放接口：请在抖店后台【售后工作台】向买家发起协商方案",
            )),
        }
    }

    /// One `afterSale/operate` call for `items` (indices into the send).
    async fn operate(
        &self,
        now: DateTime<Utc>,
        type_code: i64,
        items: &[Item<'_>],
    ) -> Vec<Outcome> {
        let param = json!({
            "type": type_code,
            "items": items.iter().map(|(_, _, item)| item.clone()).collect::<Vec<_>>(),
        });
        let answer = match self.call(now, OPERATE, &param).await {
            Ok(answer) => answer,
            Err(outcome) => return vec![outcome; items.len()],
        };
        let ids: Vec<&str> = items
            .iter()
            .map(|(_, o, _)| o.after_sale_id.as_str())
            .collect();
        match &answer {
            Answer::Ok { log_id, data } => ids
                .iter()
                .map(|id| match item_status(data, id) {
                    Some((status, words)) if status != 0 => Outcome::Refused {
                        code: status.to_string(),
                        message: words,
                    },
                    _ => Outcome::Done {
                        reference: log_id.clone(),
                        already: false,
                    },
                })
                .collect(),
            Answer::Err(error) if ids.len() > 1 && per_item(error) => {
                let failing = failing_item(error, &ids);
                ids.iter()
                    .map(|id| match failing {
                        Some(f) if f == *id => match classify(&answer) {
                            Outcome::Refused { code, message } => Outcome::NeedsPerson {
                                reason: PersonReason::BatchItemFailed,
                                code: Some(code),
                                message,
                            },
                            other => other,
                        },
                        // Not applied: the whole call failed. Sent again on
                        // its own (also when the failing one is not named).
                        _ => Outcome::Retry {
                            reason: RetryReason::BatchAborted,
                            code: Some(error.code()),
                            message: format!("another item of the batch failed: {}", error.words()),
                            after: Duration::ZERO,
                        },
                    })
                    .collect()
            }
            _ => vec![classify(&answer); ids.len()],
        }
    }
}

/// `afterSale/operate` type codes by action and the after-sale's kind
/// (`aftersale_type`: 0 退货退款, 1 已发货仅退款, 2 未发货仅退款, 3 换货, 7 补寄, 8 维修;
/// PLATFORMS.md; codes from question-docs/93/2752).
fn type_code(action: PlatformAction, kind: i64, address: Option<i64>) -> Result<i64, Outcome> {
    use PlatformAction::*;
    let address = |code: i64, what: &str| {
        match address {
        Some(_) => Ok(code),
        None => Err(no_call(&format!(
            "{what}需要商家收货地址（logistics.receiver_address_id），店铺未配置退货地址（return_address）：请在抖店后台【售后工作台】同意并选择退货地址"
        ))),
    }
    };
    match (action, kind) {
        // 101 同意退货申请, 301 同意换货申请, 601 同意维修申请（需买家退货）:
        // the logistics set (the seller's address) is required.
        (ApproveApplication, 0) => address(101, "同意退货申请（101）"),
        (ApproveApplication, 3) => address(301, "同意换货申请（301）"),
        (ApproveApplication, 8) => address(601, "同意维修申请（601）"),
        (ApproveApplication, 1) => Ok(201), // 同意仅退款
        (ApproveApplication, 2) => Ok(401), // 同意售前退申请
        (ApproveApplication, 7) => Ok(501), // 同意补寄
        (RefuseApplication, 0) => Ok(102),  // 拒绝退货申请（一次审核）
        (RefuseApplication, 1) => Ok(202),  // 拒绝仅退款
        (RefuseApplication, 3) => Ok(302),  // 拒绝换货申请（一次审核）
        (RefuseApplication, 7) => Ok(502),  // 拒绝补寄
        (RefuseApplication, 8) => Ok(603),  // 拒绝维修申请（一次审核）
        (RefuseApplication, 2) => Err(no_call(
            "未发货仅退款不能通过审核接口拒绝（平台说明：通过发货拒绝售前退申请）：请在抖店后台发货",
        )),
        (AgreeRefund, 0) => Ok(111), // 同意退货（二次审核）: receipt confirmed, refund
        (AgreeRefund, 1) => Ok(201), // 同意仅退款
        (AgreeRefund, 2) => Ok(401), // 同意售前退申请
        (_, kind) => Err(no_call(&format!(
            "售后类型 {kind} 没有对应的审核操作：请在抖店后台【售后工作台】处理"
        ))),
    }
}

fn transport_words(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else if e.is_body() || e.is_decode() {
        "could not read the answer"
    } else {
        "request failed"
    };
    format!("douyin open platform: {kind}")
}

fn text(value: &Value, key: &str) -> String {
    match value.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The answer's envelope: `code`/`msg`/`sub_code`/`sub_msg`/`log_id`
/// (`core/doudian_op_api_base_response.go`), or the older `err_no`/`message`.
fn read_answer(value: &Value) -> Answer {
    let code = value.get("code").and_then(Value::as_i64).or_else(|| {
        value
            .get("err_no")
            .and_then(Value::as_i64)
            .map(|n| if n == 0 { code::OK } else { n })
    });
    let log_id = Some(text(value, "log_id")).filter(|s| !s.is_empty());
    match code {
        Some(code::OK) => Answer::Ok {
            log_id,
            data: value.get("data").cloned().unwrap_or(Value::Null),
        },
        Some(code) => {
            let msg = match text(value, "msg") {
                m if m.is_empty() => text(value, "message"),
                m => m,
            };
            Answer::Err(PlatformError {
                code,
                msg,
                sub_code: text(value, "sub_code"),
                sub_msg: text(value, "sub_msg"),
            })
        }
        None => Answer::Transport("an answer without a code".into()),
    }
}

/// An item's `status_code`/`status_msg` in `data.items`.
fn item_status(data: &Value, id: &str) -> Option<(i64, String)> {
    data.get("items")?.as_array()?.iter().find_map(|item| {
        let matches = match item.get("aftersale_id") {
            Some(Value::String(s)) => s == id,
            Some(Value::Number(n)) => n.to_string() == id,
            _ => false,
        };
        matches.then(|| {
            (
                item.get("status_code").and_then(Value::as_i64).unwrap_or(0),
                text(item, "status_msg"),
            )
        })
    })
}

/// The `(code, name)` pairs of an `/order/logisticsCompanyList` answer's
/// `data` (a list; the SDK's response type also allows it nested in `data`).
fn carriers_of(data: &Value) -> Vec<(String, String)> {
    let items = match data {
        Value::Array(items) => items.as_slice(),
        other => other
            .get("data")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice),
    };
    items
        .iter()
        .map(|c| (text(c, "code"), text(c, "name")))
        .filter(|(code, _)| !code.is_empty())
        .collect()
}

/// The reasons in a `afterSale/rejectReasonCodeList` answer's `data.items`.
/// Items without a code are skipped: nothing could be sent for them. No
/// filtering by `pkg`/`order_type`: given an `aftersale_id` the platform
/// already answers that after-sale's own list (`pkg` is the buyer's 货物状态
/// of the application, not which of the two refusals is meant).
fn reasons_of(data: &Value) -> Vec<RefusalReason> {
    let Some(items) = data.get("items").and_then(Value::as_array) else {
        // 未发货 after-sales answer an empty list (documented): no items.
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let code = text(item, "reject_reason_code");
            if code.is_empty() {
                return None;
            }
            Some(RefusalReason {
                code,
                text: text(item, "reason"),
                // "是否需要上传凭证，Y必填，N非必填".
                needs_evidence: text(item, "evidence_need").trim().eq_ignore_ascii_case("y"),
            })
        })
        .collect()
}

/// Whether the error concerns an item rather than the whole call.
fn per_item(error: &PlatformError) -> bool {
    match error.code {
        code::RATE_LIMITED | code::TIMEOUT | code::NO_PERMISSION | code::MISSING_PARAM => false,
        code::UNAVAILABLE => error.sub_code == sub::NO_SUCH_AFTER_SALE,
        code::INVALID_PARAM => error.sub_code == sub::ALREADY_PROCESSED,
        _ => true,
    }
}

/// The item a failed batch names: the platform's words name no item by
/// field, so the after-sale id they quote is taken.
fn failing_item<'a>(error: &PlatformError, ids: &[&'a str]) -> Option<&'a str> {
    let words = format!("{} {}", error.msg, error.sub_msg);
    let mut named = ids
        .iter()
        .filter(|id| !id.is_empty() && words.contains(**id));
    match (named.next(), named.next()) {
        (Some(id), None) => Some(id),
        _ => None,
    }
}

/// One answer's meaning for one order.
fn classify(answer: &Answer) -> Outcome {
    match answer {
        Answer::Ok { log_id, .. } => Outcome::Done {
            reference: log_id.clone(),
            already: false,
        },
        Answer::Transport(words) => Outcome::Retry {
            reason: RetryReason::Unavailable,
            code: None,
            message: words.clone(),
            after: Duration::from_secs(1),
        },
        Answer::Err(e) => {
            let kept = || (Some(e.code()), e.words());
            match (e.code, e.sub_code.as_str()) {
                (code::RATE_LIMITED, _) => Outcome::Retry {
                    reason: RetryReason::RateLimited,
                    code: Some(e.code()),
                    message: e.words(),
                    // 60000 states no wait.
                    after: Duration::from_secs(1),
                },
                (code::UNAVAILABLE, sub::NO_SUCH_AFTER_SALE) => Outcome::Refused {
                    code: e.code(),
                    message: e.words(),
                },
                (code::UNAVAILABLE | code::TIMEOUT, _) => Outcome::Retry {
                    reason: RetryReason::Unavailable,
                    code: Some(e.code()),
                    message: e.words(),
                    after: Duration::from_secs(1),
                },
                (code::INVALID_PARAM, sub::ALREADY_PROCESSED) => Outcome::Done {
                    reference: None,
                    already: true,
                },
                (code::NO_PERMISSION | code::MISSING_PARAM, _) | (code::INVALID_PARAM, _) => {
                    let (code, message) = kept();
                    Outcome::NeedsPerson {
                        reason: PersonReason::Unauthorized,
                        code,
                        message: format!(
                            "{message}（请检查应用密钥与店铺授权：抖店开放平台 › 应用管理）"
                        ),
                    }
                }
                (code::BUSINESS_FAILED, sub::BACK_OFFICE_ONLY | sub::NO_ASSISTANT_STRATEGY) => {
                    let (code, message) = kept();
                    Outcome::NeedsPerson {
                        reason: PersonReason::BackOfficeOnly,
                        code,
                        message: format!("{message}（请在抖店后台【售后工作台】处理）"),
                    }
                }
                (code::BUSINESS_FAILED, sub::STATE_CHANGED) => {
                    let (code, message) = kept();
                    Outcome::NeedsPerson {
                        reason: PersonReason::StaleVersion,
                        code,
                        message,
                    }
                }
                _ => Outcome::Refused {
                    code: e.code(),
                    message: e.words(),
                },
            }
        }
    }
}

impl PlatformClient for Client {
    fn platform(&self) -> Platform {
        Platform::Douyin
    }

    /// `/afterSale/submitEvidence` (`aftersale_id`, `comment`, `evidence`:
    /// image URLs, "凭证，最多四张"; `zsmhub/doudian-sdk`
    /// `api/afterSale_submitEvidence/request/…`) takes URLs, not files. An
    /// image reaches a URL Douyin accepts only through the material centre:
    /// `/material/uploadImageSync` fetches it from a public `url` (or a
    /// binary upload whose steps the SDK does not document) and reviews it
    /// asynchronously (`audit_status`, `/material/queryMaterialDetail`).
    /// The engine keeps photos private and serves no public URL, so a
    /// person uploads the pack in the back office.
    fn evidence_limits(&self) -> Result<crate::EvidenceLimits, String> {
        Err("抖店举证接口只接受素材中心的图片链接（最多 4 张），图片须先从公网地址上传并通过审核；本系统不公开照片。请在抖店后台「售后工作台 → 平台仲裁 → 上传凭证」上传举证包中的 case.pdf 页面与照片，然后点“我已上传”。Douyin's evidence call takes material-centre image URLs (at most 4), uploaded from a public address and reviewed; the engine publishes no photos. Upload the pack's pages and photos in the back office, then confirm.".into())
    }

    fn batch_limit(&self, action: PlatformAction) -> usize {
        use PlatformAction::*;
        match action {
            ApproveApplication
            | RefuseApplication
            | AgreeRefund
            | RefuseAfterInspection
            | ShipExchange
            | ShipRepairedGoods
            | Convert => OPERATE_BATCH_LIMIT,
            // returnGoodsToWareHouseSuccess takes one aftersale_id; the rest
            // have no call.
            ConfirmReturnReceived | ShipReshipment | CounterOffer => 1,
        }
    }

    /// Both refusals take a `reject_reason_code` from the same list
    /// (`afterSale/operate`: "售后拒绝原因码，拒绝时必填").
    fn reason_list<'a>(&'a self, now: DateTime<Utc>, after_sale_id: &'a str) -> ReasonsFuture<'a> {
        Box::pin(self.reject_reasons(now, after_sale_id))
    }

    fn send<'a>(&'a self, now: DateTime<Utc>, orders: &'a [ActionOrder]) -> SendFuture<'a> {
        Box::pin(async move {
            let mut outcomes: Vec<Option<Outcome>> = vec![None; orders.len()];
            // Operate items grouped by type code, in the orders' order.
            let mut groups: Vec<(i64, Vec<Item<'_>>)> = Vec::new();
            for (index, order) in orders.iter().enumerate() {
                match self.plan(now, order).await {
                    Plan::Decided(outcome) => outcomes[index] = Some(outcome),
                    Plan::Warehouse { param } => {
                        let outcome = match self.call(now, WAREHOUSE, &param).await {
                            Ok(answer) => classify(&answer),
                            Err(outcome) => outcome,
                        };
                        outcomes[index] = Some(outcome);
                    }
                    Plan::Operate { type_code, item } => {
                        match groups
                            .iter_mut()
                            .find(|(t, g)| *t == type_code && g.len() < OPERATE_BATCH_LIMIT)
                        {
                            Some((_, group)) => group.push((index, order, item)),
                            None => groups.push((type_code, vec![(index, order, item)])),
                        }
                    }
                }
            }
            for (type_code, group) in &groups {
                let answered = self.operate(now, *type_code, group).await;
                for ((index, _, _), outcome) in group.iter().zip(answered) {
                    outcomes[*index] = Some(outcome);
                }
            }
            outcomes
                .into_iter()
                .map(|o| {
                    o.unwrap_or_else(|| Outcome::Retry {
                        reason: RetryReason::Unavailable,
                        code: None,
                        message: "not sent".into(),
                        after: Duration::from_secs(1),
                    })
                })
                .collect()
        })
    }
}
