//! Douyin's side of the contract simulator: the paths the client calls,
//! checked from the raw request as the platform documents them (common
//! parameters in the query, `param_json` as the body, the hmac-sha256
//! signature), answered in the platform's envelope and codes.
//!
//! The signature is recomputed here by code of its own, not the client's
//! [`super::sign`].
//!
//! Conventions, since the shared state knows versions but not kinds or
//! token lifetimes:
//! - an access token starting with `expired-` is expired (answered with
//!   `isv.access-token-expired`); `token/refresh` with the shop's refresh
//!   token issues `refreshed-…` tokens, which are then accepted;
//! - `afterSale/Detail` reports `aftersale_type` 0 (退货退款) unless the id
//!   ends in `-t<N>`, which reports type N;
//! - `afterSale/returnGoodsToWareHouseSuccess` carries no version: it is
//!   checked at the record's current version;
//! - `afterSale/rejectReasonCodeList` answers the same [`REJECT_REASONS`]
//!   for every after-sale id (each is treated as known), and
//!   `afterSale/operate` accepts on a refusal only a `reject_reason_code`
//!   of that list, with `evidence` where the reason requires it. Faults set
//!   on an after-sale do not reach the reason list: the shared state offers
//!   no way to read one without also deciding (and, lenient, creating) the
//!   record.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::Uri;
use axum::routing::post;
use axum::Json;
use hmac::{Hmac, Mac};
use returns_domain::platform_action::PlatformAction;
use serde_json::{json, Value};
use sha2::Sha256;

use super::{code, sub};
use crate::simulator::{Applied, SimState, Verdict};
use crate::Platform;

/// Numbers the tokens the refresh call issues.
static ISSUED: AtomicU64 = AtomicU64::new(1);

pub(crate) fn routes() -> axum::Router<Arc<SimState>> {
    axum::Router::new()
        .route("/afterSale/operate", post(handle))
        .route("/afterSale/returnGoodsToWareHouseSuccess", post(handle))
        .route("/afterSale/Detail", post(handle))
        .route("/afterSale/rejectReasonCodeList", post(handle))
        .route("/order/logisticsCompanyList", post(handle))
        .route("/token/refresh", post(handle))
}

fn answer(code: i64, msg: &str, sub_code: &str, sub_msg: &str, data: Value) -> Json<Value> {
    Json(json!({
        "code": code,
        "msg": msg,
        "sub_code": sub_code,
        "sub_msg": sub_msg,
        "log_id": format!("sim-{}", ISSUED.fetch_add(1, Ordering::Relaxed)),
        "data": data,
    }))
}

fn fail(code: i64, msg: &str, sub_code: &str, sub_msg: &str) -> Json<Value> {
    answer(code, msg, sub_code, sub_msg, json!({}))
}

/// Decodes `application/x-www-form-urlencoded` query text.
fn decode(text: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn query_param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (decode(key) == name).then(|| decode(value))
    })
}

/// The platform's signature, written from its description: hex of
/// HMAC-SHA256 (key: the app secret) over the secret, then the sorted
/// common parameters app_key, method, param_json, timestamp, v as
/// name+value, then the secret again.
fn expected_signature(
    secret: &str,
    app_key: &str,
    method: &str,
    body: &str,
    timestamp: &str,
    v: &str,
) -> String {
    let mut text = String::from(secret);
    for (name, value) in [
        ("app_key", app_key),
        ("method", method),
        ("param_json", body),
        ("timestamp", timestamp),
        ("v", v),
    ] {
        text.push_str(name);
        text.push_str(value);
    }
    text.push_str(secret);
    match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mut mac) => {
            mac.update(text.as_bytes());
            mac.finalize()
                .into_bytes()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        }
        Err(_) => String::new(),
    }
}

async fn handle(
    State(state): State<Arc<SimState>>,
    uri: Uri,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Json<Value> {
    state.count_call();
    let query = query.unwrap_or_default();
    let body = String::from_utf8_lossy(&body).into_owned();
    let param = |name: &str| query_param(&query, name).filter(|v| !v.is_empty());
    let (Some(app_key), Some(method), Some(timestamp), Some(sign), Some(v)) = (
        param("app_key"),
        param("method"),
        param("timestamp"),
        param("sign"),
        param("v"),
    ) else {
        return fail(
            40001,
            "缺少必选参数（平台校验）",
            "isv.signature-missing",
            "获取签名失败，请根据文档确保参数拼装正确",
        );
    };
    if format!("/{}", method.replace('.', "/")) != uri.path() || v != "2" {
        return fail(
            70000,
            "接口服务已下线",
            "isp.api-service-off",
            "API不存在或API已下线",
        );
    }
    if param("sign_method").as_deref() != Some("hmac-sha256") {
        return fail(
            40003,
            "非法的参数（平台校验）",
            sub::SIGNATURE_INVALID,
            "签名校验失败",
        );
    }
    if timestamp.parse::<i64>().is_err() {
        return fail(
            40003,
            "非法的参数（平台校验）",
            "isv.timestamp-format-error",
            "时间戳格式错误",
        );
    }
    let Some(shop) = state.shop(Platform::Douyin, &app_key) else {
        return fail(
            40001,
            "缺少必选参数（平台校验）",
            sub::APP_KEY_MISSING,
            "认证失败，app_key不存在",
        );
    };
    let expected = expected_signature(
        shop.app_secret.expose(),
        &app_key,
        &method,
        &body,
        &timestamp,
        &v,
    );
    if expected != sign {
        return fail(
            40003,
            "非法的参数（平台校验）",
            sub::SIGNATURE_INVALID,
            "签名校验失败",
        );
    }
    let Ok(params) = serde_json::from_str::<Value>(&body) else {
        return fail(
            40003,
            "非法的参数（平台校验）",
            "isv.parameter-format-invalid",
            "业务参数json解析失败",
        );
    };
    if method == "token.refresh" {
        return refresh(shop.refresh_token.as_ref().map(|t| t.expose()), &params);
    }
    let Some(token) = param("access_token") else {
        return fail(
            40001,
            "缺少必选参数（平台校验）",
            sub::TOKEN_MISSING,
            "认证失败，access_token不能为空",
        );
    };
    if token.starts_with("expired-") {
        return fail(
            40003,
            "非法的参数（平台校验）",
            sub::TOKEN_EXPIRED,
            "access_token已过期",
        );
    }
    if token != shop.access_token.expose() && !token.starts_with("refreshed-") {
        return fail(
            40003,
            "非法的参数（平台校验）",
            "isv.access-token-invalid",
            "app_key和access_token不匹配，请仔细检查",
        );
    }
    match method.as_str() {
        "afterSale.Detail" => detail(&params),
        "afterSale.operate" => operate(&state, &params),
        "afterSale.returnGoodsToWareHouseSuccess" => warehouse(&state, &params),
        "afterSale.rejectReasonCodeList" => reject_reasons(&params),
        "order.logisticsCompanyList" => answer(
            10000,
            "success",
            "",
            "",
            Value::Array(
                CARRIERS
                    .iter()
                    .enumerate()
                    .map(|(i, (code, name))| json!({"id": i + 1, "code": code, "name": name}))
                    .collect(),
            ),
        ),
        _ => fail(
            70000,
            "接口服务已下线",
            "isp.api-service-off",
            "API不存在或API已下线",
        ),
    }
}

fn refresh(refresh_token: Option<&str>, params: &Value) -> Json<Value> {
    let given = params
        .get("refresh_token")
        .and_then(Value::as_str)
        .unwrap_or("");
    if params.get("grant_type").and_then(Value::as_str) != Some("refresh_token") {
        return fail(
            50001,
            "平台处理失败",
            "dop.token-generate-failed:grant-type-invalid",
            "生成token失败，grant_type参数取值不正确",
        );
    }
    let known =
        refresh_token.is_some_and(|t| t == given) || given.starts_with("refreshed-refresh-");
    if given.is_empty() || !known {
        return fail(
            50001,
            "平台处理失败",
            "dop.token-generate-failed:token-invalid",
            "生成token失败，token不存在",
        );
    }
    let n = ISSUED.fetch_add(1, Ordering::Relaxed);
    answer(
        10000,
        "success",
        "",
        "",
        json!({
            "access_token": format!("refreshed-{n}"),
            "refresh_token": format!("refreshed-refresh-{n}"),
            "expires_in": 604800,
        }),
    )
}

fn detail(params: &Value) -> Json<Value> {
    let Some(id) = params
        .get("after_sale_id")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
    else {
        return fail(
            40002,
            "缺少必选参数（业务校验）",
            "isv.missing-parameter:after_sale_id",
            "after_sale_id 不能为空",
        );
    };
    let kind = id
        .rsplit_once("-t")
        .and_then(|(_, n)| n.parse::<i64>().ok())
        .unwrap_or(0);
    answer(
        10000,
        "success",
        "",
        "",
        json!({"after_sale_info": {"aftersale_id": id, "aftersale_type": kind, "aftersale_status": 6}}),
    )
}

/// The simulated `/order/logisticsCompanyList`: `(code, name)`. The codes
/// are written as the platform's list spells the big carriers' (lower-case
/// pinyin); the simulator accepts no other `company_code`.
pub(crate) const CARRIERS: [(&str, &str); 6] = [
    ("shunfeng", "顺丰速运"),
    ("yuantong", "圆通快递"),
    ("zhongtong", "中通快递"),
    ("yunda", "韵达快递"),
    ("jd", "京东物流"),
    ("jtexpress", "极兔速递"),
];

/// One reason of the simulated `afterSale/rejectReasonCodeList`.
pub(crate) struct RejectReason {
    /// `reject_reason_code`.
    pub code: i64,
    /// `reason`, as the back office shows it.
    pub reason: &'static str,
    /// `evidence_need` is "Y".
    pub evidence: bool,
    /// `evidence_description`.
    pub evidence_description: &'static str,
    /// `pkg`: 0 未收到货, 1 收到货, -1 通用.
    pub pkg: i64,
}

/// The simulator's fixed reason list, written from the call's answer fields
/// (`api/afterSale_rejectReasonCodeList/response/…` of `zsmhub/doudian-sdk`)
/// in the back office's words. The codes are the simulator's own: the
/// platform publishes no table of them, they come only from this call.
pub(crate) const REJECT_REASONS: [RejectReason; 5] = [
    RejectReason {
        code: 10001,
        reason: "商品已发出，请买家拒收后再申请退款",
        evidence: false,
        evidence_description: "",
        pkg: 0,
    },
    RejectReason {
        code: 10002,
        reason: "买家已签收商品，请申请退货退款",
        evidence: false,
        evidence_description: "",
        pkg: 1,
    },
    RejectReason {
        code: 10003,
        reason: "退回的商品影响二次销售",
        evidence: true,
        evidence_description:
            "请上传退回商品的实拍图片，需清晰展示影响二次销售的部位（吊牌、包装、使用痕迹）",
        pkg: 1,
    },
    RejectReason {
        code: 10004,
        reason: "退回的商品与售出商品不一致",
        evidence: true,
        evidence_description: "请上传退回商品与发货商品的对比图片（含商品编码或防伪标识）",
        pkg: 1,
    },
    RejectReason {
        code: 10005,
        reason: "已与买家协商一致，买家同意不退款",
        evidence: true,
        evidence_description: "请上传与买家协商一致的聊天记录截图",
        pkg: -1,
    },
];

/// `afterSale/rejectReasonCodeList`: `aftersale_id` is optional and, when
/// given, an int64.
fn reject_reasons(params: &Value) -> Json<Value> {
    match params.get("aftersale_id") {
        None | Some(Value::Null) => {}
        Some(id) if id.as_i64().is_some() => {}
        Some(_) => {
            return fail(
                40004,
                "非法的参数（业务校验）",
                "isv.parameter-invalid:aftersale_id",
                "参数错误，aftersale_id 应为数字",
            )
        }
    }
    let items: Vec<Value> = REJECT_REASONS
        .iter()
        .map(|r| {
            json!({
                "reject_reason_code": r.code,
                "reason": r.reason,
                "evidence_need": if r.evidence { "Y" } else { "N" },
                "evidence_description": r.evidence_description,
                "image": if r.evidence { "https://lf3-fxg.example/evidence-sample.png" } else { "" },
                "order_type": -1,
                "pkg": r.pkg,
            })
        })
        .collect();
    answer(10000, "success", "", "", json!({ "items": items }))
}

/// A refusal item's `reject_reason_code`, checked against the list: `Err`
/// with the answer when it is not one of it, or lacks required evidence.
/// The code itself is not required: the outbox does not send one yet.
fn check_reject_code(item: &Value) -> Result<(), Json<Value>> {
    let Some(given) = item.get("reject_reason_code") else {
        return Ok(());
    };
    let Some(reason) = given
        .as_i64()
        .and_then(|code| REJECT_REASONS.iter().find(|r| r.code == code))
    else {
        return Err(fail(
            40004,
            "非法的参数（业务校验）",
            "isv.parameter-invalid:reject_reason_code",
            &format!("拒绝原因码 {given} 不合法，请通过 afterSale/rejectReasonCodeList 获取"),
        ));
    };
    let has_evidence = item
        .get("evidence")
        .and_then(Value::as_array)
        .is_some_and(|e| !e.is_empty());
    if reason.evidence && !has_evidence {
        return Err(missing("evidence（该拒绝原因需上传凭证）"));
    }
    Ok(())
}

/// `afterSale/operate` type codes (question-docs/93/2752) as the shared
/// record's actions.
fn action_of(type_code: i64) -> Option<PlatformAction> {
    use PlatformAction::*;
    Some(match type_code {
        101 | 201 | 301 | 401 | 501 | 601 | 602 => ApproveApplication,
        102 | 202 | 302 | 502 | 603 => RefuseApplication,
        111 => AgreeRefund,
        112 | 312 | 612 => RefuseAfterInspection,
        311 => ShipExchange,
        611 => ShipRepairedGoods,
        121 | 321 | 621 => Convert,
        _ => return None,
    })
}

/// A verdict other than applied, in the envelope `afterSale/operate` documents.
fn refusal(verdict: &Verdict, id: &str) -> Json<Value> {
    match verdict {
        Verdict::Stale { .. } => fail(
            50002,
            "业务处理失败",
            sub::STATE_CHANGED,
            &format!("售后状态错误（售后单 {id}）"),
        ),
        Verdict::AlreadyDone => fail(
            40003,
            "非法的参数（平台校验）",
            sub::ALREADY_PROCESSED,
            &format!("幂等ID重复（售后单 {id}）"),
        ),
        Verdict::BackOfficeOnly => fail(
            50002,
            "业务处理失败",
            sub::BACK_OFFICE_ONLY,
            &format!("11001:暂不支持通过OPEN处理，请登录抖店后台人工审核售后单。（售后单 {id}）"),
        ),
        Verdict::RateLimited => fail(60000, "触发限流，请稍后重试", "", ""),
        Verdict::Unavailable => fail(
            20000,
            "系统错误",
            sub::EMPTY_ANSWER,
            "返回内容为空，重试后若错误继续存在，请联系平台",
        ),
        Verdict::ItemFails => fail(
            50002,
            "业务处理失败",
            sub::OPERATE_FAILED,
            &format!("操作失败（售后单 {id}）"),
        ),
        Verdict::Unknown => fail(
            20000,
            "系统错误",
            sub::NO_SUCH_AFTER_SALE,
            &format!("存在无效的售后单（售后单 {id}）"),
        ),
        Verdict::Applied { .. } => fail(10001, "请求部分失败", "", ""),
    }
}

fn missing(what: &str) -> Json<Value> {
    fail(
        code::MISSING_BUSINESS_PARAM,
        "缺少必选参数（业务校验）",
        "isv.missing-parameter",
        &format!("{what} 不能为空"),
    )
}

fn operate(state: &SimState, params: &Value) -> Json<Value> {
    let Some(type_code) = params.get("type").and_then(Value::as_i64) else {
        return missing("type");
    };
    let Some(action) = action_of(type_code) else {
        return fail(
            40004,
            "非法的参数（业务校验）",
            "isv.parameter-invalid:11000",
            "参数错误，type 不合法",
        );
    };
    let Some(items) = params
        .get("items")
        .and_then(Value::as_array)
        .filter(|i| !i.is_empty())
    else {
        return missing("items");
    };
    if items.len() > 20 {
        return fail(
            40004,
            "非法的参数（业务校验）",
            "isv.parameter-invalid:11000",
            "参数错误，items 最多 20 个",
        );
    }
    let mut checked = Vec::with_capacity(items.len());
    for item in items {
        let Some(id) = item
            .get("aftersale_id")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
        else {
            return missing("aftersale_id");
        };
        let refusing = matches!(
            action,
            PlatformAction::RefuseApplication | PlatformAction::RefuseAfterInspection
        );
        let filled = |key: &str| {
            item.get(key)
                .and_then(Value::as_str)
                .is_some_and(|s| !s.is_empty())
        };
        if refusing && (!filled("reason") || !filled("remark")) {
            return missing("reason/remark");
        }
        if refusing {
            if let Err(answer) = check_reject_code(item) {
                return answer;
            }
        }
        if matches!(type_code, 311 | 611) {
            let logistics = item.get("logistics").cloned().unwrap_or(Value::Null);
            let has = |key: &str| {
                logistics
                    .get(key)
                    .and_then(Value::as_str)
                    .is_some_and(|s| !s.is_empty())
            };
            if !has("company_code") || !has("logistics_code") {
                return missing("logistics.company_code/logistics_code");
            }
            let code = logistics.get("company_code").and_then(Value::as_str);
            if !CARRIERS.iter().any(|(c, _)| Some(*c) == code) {
                return fail(
                    40004,
                    "非法的参数（业务校验）",
                    "isv.parameter-invalid:company_code",
                    "物流公司code不合法，请通过 /order/logisticsCompanyList 获取",
                );
            }
        }
        if matches!(type_code, 101 | 301 | 601)
            && item
                .pointer("/logistics/receiver_address_id")
                .and_then(Value::as_i64)
                .is_none()
        {
            return missing("logistics.receiver_address_id");
        }
        let version = item.get("update_time").and_then(Value::as_i64);
        checked.push((id.to_owned(), version));
    }
    // One failing item fails the whole call (documented): all are checked
    // before any is applied.
    let mut verdicts = Vec::with_capacity(checked.len());
    for (id, version) in &checked {
        let verdict = state.check(Platform::Douyin, id, action, *version);
        if !matches!(verdict, Verdict::Applied { .. }) {
            return refusal(&verdict, id);
        }
        verdicts.push(verdict);
    }
    for (id, version) in &checked {
        state.apply(Applied {
            platform: Platform::Douyin,
            after_sale_id: id.clone(),
            action,
            operation: format!("afterSale.operate type={type_code}"),
            version: *version,
        });
    }
    let items: Vec<Value> = checked
        .iter()
        .map(|(id, _)| json!({"aftersale_id": id, "status_code": 0, "status_msg": "success"}))
        .collect();
    answer(10000, "success", "", "", json!({"items": items}))
}

fn warehouse(state: &SimState, params: &Value) -> Json<Value> {
    let Some(id) = params
        .get("aftersale_id")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
    else {
        return missing("aftersale_id");
    };
    if params.get("op_time").and_then(Value::as_i64).is_none() {
        return missing("op_time");
    }
    let action = PlatformAction::ConfirmReturnReceived;
    // The call carries no version: checked at the record's own.
    let verdict = match state.check(Platform::Douyin, id, action, None) {
        Verdict::Stale { current } => state.check(Platform::Douyin, id, action, Some(current)),
        verdict => verdict,
    };
    match verdict {
        Verdict::Applied { .. } => {
            state.apply(Applied {
                platform: Platform::Douyin,
                after_sale_id: id.to_owned(),
                action,
                operation: "afterSale.returnGoodsToWareHouseSuccess".into(),
                version: None,
            });
            answer(10000, "success", "", "", json!({}))
        }
        Verdict::BackOfficeOnly => fail(
            50002,
            "业务处理失败",
            sub::NO_ASSISTANT_STRATEGY,
            "店铺未设置或启用售后小助手策略，请店铺通过抖店后台进行设置",
        ),
        Verdict::ItemFails => fail(
            50002,
            "业务处理失败",
            sub::STRATEGY_MISMATCH,
            "售后单类型与策略限制不符合，未命中此策略",
        ),
        other => refusal(&other, id),
    }
}
