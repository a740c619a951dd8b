//! Kuaishou's side of the contract simulator: the seller after-sale calls
//! the client makes, `open.seller.order.refund.detail`, and the token
//! refresh, checked from the raw request as «API调用说明» documents it, with
//! code of its own (not the client's signer).
//!
//! Tokens: the shared state holds only the shops' configured credentials,
//! so an access token that starts with `expired-` is treated as expired
//! (answered with `result` 28 TOKEN过期), and the refresh call issues the
//! deterministic pair `refreshed-<appkey>` / `refreshed-rt-<appkey>`, which
//! the simulator then accepts beside the configured ones.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Json;
use hmac::{Hmac, Mac};
use returns_domain::platform_action::PlatformAction;
use serde_json::{json, Value};
use sha2::Sha256;

use super::calls;
use super::codes;
use crate::simulator::{Applied, SimState, Verdict};
use crate::{Platform, ShopCredentials};

pub(crate) fn routes() -> axum::Router<Arc<SimState>> {
    let mut router = axum::Router::new();
    for method in [
        calls::RETURNGOODS_APPROVE,
        calls::REFUND_APPROVE,
        calls::REFUND_REJECT,
        calls::CONFIRM_RECEIPT,
        calls::CONFIRM_AND_SEND,
    ] {
        router = router.route(&calls::path(method), post(api));
    }
    router
        .route(&calls::path(calls::REFUND_DETAIL), get(api).post(api))
        .route(&calls::path(calls::REJECT_REASON), get(api).post(api))
        .route(super::REFRESH_PATH, post(refresh))
}

/// The answer envelope with `result` and its words.
fn error(result: i64, words: &str) -> Response {
    Json(json!({
        "result": result,
        "error_msg": words,
        "request_id": "sim",
    }))
    .into_response()
}

/// Query string and form body, in that order.
fn pairs(uri: &Uri, body: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut read = |text: &str| {
        if let Ok(url) = reqwest::Url::parse(&format!("http://sim.invalid/?{text}")) {
            out.extend(
                url.query_pairs()
                    .map(|(k, v)| (k.into_owned(), v.into_owned())),
            );
        }
    };
    read(uri.query().unwrap_or_default());
    read(&String::from_utf8_lossy(body));
    out
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The expected signature, built as the document's steps say: the seven
/// common parameters that are present, in name order, `k=v` joined by `&`,
/// then `&signSecret=`; HMAC_SHA256 → Base64, MD5 → lowercase hex.
fn expected_signature(pairs: &[(String, String)], method: &str, secret: &str) -> Option<String> {
    let names = [
        "access_token",
        "appkey",
        "method",
        "param",
        "signMethod",
        "timestamp",
        "version",
    ];
    let mut text = names
        .iter()
        .filter_map(|n| field(pairs, n).map(|v| format!("{n}={v}")))
        .collect::<Vec<_>>()
        .join("&");
    text += &format!("&signSecret={secret}");
    match method {
        "HMAC_SHA256" => {
            let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).ok()?;
            mac.update(text.as_bytes());
            Some(to_base64(mac.finalize().into_bytes().as_slice()))
        }
        "MD5" => {
            use md5::Digest;
            Some(hex::encode(md5::Md5::digest(text.as_bytes())))
        }
        _ => None,
    }
}

fn to_base64(bytes: &[u8]) -> String {
    let table: Vec<char> = ('A'..='Z')
        .chain('a'..='z')
        .chain('0'..='9')
        .chain(['+', '/'])
        .collect();
    let bits: Vec<bool> = bytes
        .iter()
        .flat_map(|b| (0..8).rev().map(move |i| b >> i & 1 == 1))
        .collect();
    let mut out: String = bits
        .chunks(6)
        .map(|six| {
            let v = (0..6).fold(0usize, |acc, i| {
                acc << 1 | usize::from(six.get(i) == Some(&true))
            });
            table[v]
        })
        .collect();
    while !out.len().is_multiple_of(4) {
        out.push('=');
    }
    out
}

fn issued_access(shop: &ShopCredentials) -> String {
    format!("refreshed-{}", shop.app_key)
}

fn issued_refresh(shop: &ShopCredentials) -> String {
    format!("refreshed-rt-{}", shop.app_key)
}

async fn api(State(state): State<Arc<SimState>>, uri: Uri, body: Bytes) -> Response {
    state.count_call();
    let pairs = pairs(&uri, &body);
    let required = [
        "appkey",
        "method",
        "version",
        "param",
        "access_token",
        "timestamp",
        "signMethod",
        "sign",
    ];
    if let Some(missing) = required.iter().find(|n| field(&pairs, n).is_none()) {
        return error(
            codes::INVALID_REQUEST,
            &format!("缺少必要的请求参数: {missing}"),
        );
    }
    let get = |n: &str| field(&pairs, n).unwrap_or_default();
    let Some(shop) = state.shop(Platform::Kuaishou, get("appkey")) else {
        return error(codes::UNAUTHORIZED_CLIENT, "app 非法");
    };
    match expected_signature(&pairs, get("signMethod"), shop.app_secret.expose()) {
        Some(expected) if expected == get("sign") => {}
        _ => return error(codes::SIGN_INVALID, "签名校验失败"),
    }
    let method = get("method");
    if calls::path(method) != uri.path() || get("version") != "1" {
        return error(
            codes::INVALID_REQUEST,
            "method or version does not match the API",
        );
    }
    if get("timestamp").parse::<i64>().is_err() {
        return error(codes::INVALID_REQUEST, "timestamp 须为毫秒时间戳");
    }
    let token = get("access_token");
    if token.starts_with("expired-") {
        // As the gateway answered a live expired token.
        return Json(json!({
            "result": codes::TOKEN_EXPIRED, "code": "803000", "msg": "鉴权失败",
            "error_msg": "TOKEN过期", "sub_code": "28", "sub_msg": "TOKEN过期",
            "request_id": "sim",
        }))
        .into_response();
    }
    if token != shop.access_token.expose() && token != issued_access(shop) {
        return error(codes::AUTHORIZATION_REVOKED, "AUTHORIZATION_REVOKED");
    }
    let Ok(Value::Object(param)) = serde_json::from_str::<Value>(get("param")) else {
        return error(codes::INVALID_REQUEST, "param 须为 JSON 对象");
    };
    let refund_id = match param.get("refundId") {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        _ => return error(codes::REFUND_ID_IS_BLANK, "退款单id为空"),
    };
    let needs: &[&str] = match method {
        calls::RETURNGOODS_APPROVE | calls::REFUND_APPROVE => &["refundAmount"],
        calls::REFUND_REJECT => &["reasonCode", "refundVersion"],
        calls::CONFIRM_AND_SEND => &["expressNo", "expressCode"],
        _ => &[],
    };
    if let Some(missing) = needs
        .iter()
        .find(|n| param.get(**n).is_none_or(Value::is_null))
    {
        return error(
            codes::INVALID_REQUEST,
            &format!("缺少必要的请求参数: {missing}"),
        );
    }
    let version = param.get("refundVersion").and_then(Value::as_i64);
    if method == calls::REFUND_DETAIL {
        return detail(&state, &refund_id);
    }
    if method == calls::REJECT_REASON {
        return reject_reasons();
    }
    if method == calls::REFUND_REJECT {
        if let Some(answer) = check_reject(&param) {
            return answer;
        }
    }
    let action = match method {
        calls::RETURNGOODS_APPROVE => PlatformAction::ApproveApplication,
        calls::REFUND_APPROVE => PlatformAction::AgreeRefund,
        calls::CONFIRM_RECEIPT => PlatformAction::ConfirmReturnReceived,
        calls::CONFIRM_AND_SEND => PlatformAction::ShipExchange,
        // 商家拒绝收货退款 after the return was agreed; refusing the application before.
        _ => match state.check(
            Platform::Kuaishou,
            &refund_id,
            PlatformAction::ApproveApplication,
            Some(i64::MIN),
        ) {
            Verdict::AlreadyDone => PlatformAction::RefuseAfterInspection,
            Verdict::RateLimited => return rate_limited(method),
            Verdict::Unavailable => return unavailable(),
            _ => PlatformAction::RefuseApplication,
        },
    };
    match state.check(Platform::Kuaishou, &refund_id, action, version) {
        Verdict::Applied { .. } => {
            state.apply(Applied {
                platform: Platform::Kuaishou,
                after_sale_id: refund_id,
                action,
                operation: method.to_owned(),
                version,
            });
            Json(json!({"result": codes::OK, "error_msg": "success", "request_id": "sim"}))
                .into_response()
        }
        Verdict::AlreadyDone => error(codes::REFUND_ORDER_STATUS_NOT_ALLOW, "当前退款状态不可操作"),
        Verdict::Stale { .. } => error(codes::REFUND_ORDER_UPDATED, "退款单状态已更新，请刷新重试"),
        Verdict::Unknown => error(codes::REFUND_ORDER_NOT_FOUND, "退款单不存在"),
        Verdict::BackOfficeOnly => error(
            codes::BACK_OFFICE_ONLY,
            "该售后单仅支持在快手小店PC/APP进行操作",
        ),
        Verdict::RateLimited => rate_limited(method),
        Verdict::Unavailable => unavailable(),
        Verdict::ItemFails => error(codes::BUYER_CANCEL_REFUND, "买家取消退款"),
    }
}

/// The simulator's reason list: `(code, desc, requiredRejectImage)`. The
/// platform publishes no table of codes (they come only from
/// open.refund.reject.reason), so the codes are the simulator's own and the
/// words are written after the reasons 快手小店's 售后工作台 offers.
pub(crate) const REJECT_REASONS: [(i64, &str, bool); 4] = [
    (1, "买家已签收商品，商品无质量问题", false),
    (2, "退回的商品影响二次销售", true),
    (3, "买家退回的商品与售出的不一致", true),
    (4, "已与买家协商一致，不退款", false),
];

/// open.refund.reject.reason: `data` as `MerchantRefundRejectReasonView`
/// (`code`, `desc`, `tip`, `requiredRejectDesc`, `requiredRejectImage`).
fn reject_reasons() -> Response {
    let data: Vec<Value> = REJECT_REASONS
        .iter()
        .map(|(code, desc, image)| {
            json!({
                "code": code,
                "desc": desc,
                "tip": if *image { "请上传退回商品的实拍图片" } else { "" },
                "requiredRejectDesc": false,
                "requiredRejectImage": image,
            })
        })
        .collect();
    Json(json!({"result": codes::OK, "error_msg": "success", "request_id": "sim", "data": data}))
        .into_response()
}

/// open.refund.reject's `reasonCode` must be one of the list's, with
/// `rejectImages` where that reason's `requiredRejectImage` is true.
fn check_reject(param: &serde_json::Map<String, Value>) -> Option<Response> {
    let code = param.get("reasonCode").and_then(Value::as_i64);
    let Some((_, _, image)) = REJECT_REASONS.iter().find(|(c, _, _)| Some(*c) == code) else {
        return Some(error(
            codes::INVALID_REQUEST,
            "拒绝原因不合法，请通过 open.refund.reject.reason 获取",
        ));
    };
    let has_images = param
        .get("rejectImages")
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty());
    (*image && !has_images).then(|| error(codes::INVALID_REQUEST, "该拒绝原因须上传凭证图片"))
}

fn rate_limited(method: &str) -> Response {
    error(
        17,
        &format!("Exceed qps limit, KEY [apiId:{method};appkey:sim], MAX_QPS [300.0]"),
    )
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(json!({"result": codes::SERVER_ERROR, "error": "server_error", "error_msg": "服务器内部错误"})),
    )
        .into_response()
}

/// The record as `open.seller.order.refund.detail` shows it: `status` and
/// `negotiateStatus` derived from the steps applied. The shared state shows
/// them only through `check`; a version no call sends (`i64::MIN`) makes
/// `check` answer AlreadyDone for a step done and Stale for any other,
/// without changing the record.
fn detail(state: &SimState, refund_id: &str) -> Response {
    let mut done = Vec::new();
    for action in PlatformAction::ALL {
        match state.check(Platform::Kuaishou, refund_id, action, Some(i64::MIN)) {
            Verdict::AlreadyDone => done.push(action),
            Verdict::Unknown => return error(codes::REFUND_ORDER_NOT_FOUND, "退款单不存在"),
            Verdict::RateLimited => return rate_limited(calls::REFUND_DETAIL),
            Verdict::Unavailable => return unavailable(),
            _ => {}
        }
    }
    let has = |a| done.contains(&a);
    let (status, negotiate) = if has(PlatformAction::AgreeRefund)
        || has(PlatformAction::ConfirmReturnReceived)
    {
        (60, 2)
    } else if has(PlatformAction::ShipExchange) {
        (45, 2)
    } else if has(PlatformAction::RefuseAfterInspection) || has(PlatformAction::RefuseApplication) {
        (10, 3)
    } else if has(PlatformAction::ApproveApplication) {
        (30, 2)
    } else {
        (10, 1)
    };
    let id = refund_id
        .parse::<i64>()
        .map_or_else(|_| json!(refund_id), |n| json!(n));
    Json(json!({
        "result": codes::OK,
        "error_msg": "success",
        "request_id": "sim",
        "data": {"refundId": id, "status": status, "negotiateStatus": negotiate},
    }))
    .into_response()
}

/// `POST /oauth2/refresh_token` («APP授权说明» §2.4).
async fn refresh(State(state): State<Arc<SimState>>, uri: Uri, body: Bytes) -> Response {
    state.count_call();
    let pairs = pairs(&uri, &body);
    let get = |n: &str| field(&pairs, n).unwrap_or_default();
    if get("grant_type") != "refresh_token" {
        return oauth_error(100_200_104, "unsupported_grant_type");
    }
    let Some(shop) = state.shop(Platform::Kuaishou, get("app_id")) else {
        return oauth_error(codes::UNAUTHORIZED_CLIENT, "unauthorized_client");
    };
    if shop.oauth_secret.as_ref().map(|s| s.expose()) != Some(get("app_secret")) {
        return oauth_error(codes::UNAUTHORIZED_CLIENT, "unauthorized_client");
    }
    let given = get("refresh_token");
    let known = shop.refresh_token.as_ref().map(|s| s.expose()) == Some(given)
        || given == issued_refresh(shop);
    if given.is_empty() || !known {
        return oauth_error(codes::ACCESS_DENIED, "access_denied");
    }
    Json(json!({
        "result": codes::OK,
        "access_token": issued_access(shop),
        "refresh_token": issued_refresh(shop),
        "expires_in": 172_800,
        "refresh_token_expires_in": 15_552_000,
        "open_id": "sim",
        "scopes": ["merchant_refund"],
    }))
    .into_response()
}

fn oauth_error(result: i64, error: &str) -> Response {
    Json(json!({"result": result, "error": error, "error_msg": error})).into_response()
}
