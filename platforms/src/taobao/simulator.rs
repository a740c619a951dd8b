//! Taobao's (TOP's) side of the contract simulator: `POST /router/rest`.
//!
//! It checks what TOP documents it checks, with code of its own working on
//! the raw form: the sign (docId=101617: sorted names and values
//! concatenated; md5 wrapped in the secret, hmac = HMAC-MD5, hmac-sha256),
//! the app key, the session, each method's required parameters (and, as
//! Tmall requires, `refund_version` on every seller action on a refund),
//! then the record's version through the shared books.
//!
//! Sessions: the shop's configured session is accepted unless it starts
//! with `expired-`, which the simulator treats as expired (code 27);
//! `taobao.top.auth.token.refresh` with the shop's refresh token issues a
//! fresh session (`fresh-<n>`), accepted from then on.
//!
//! TOP has one refuse call (`taobao.refund.refuse`) for a refused
//! application and a refusal after inspection; TOP tells them apart by the
//! refund's status, which the simulator does not keep, so it records both
//! as `RefuseApplication`.
//!
//! `taobao.refund.get` reports `has_good_return` true for a refund id ending
//! in `-g` (a return), false otherwise; `taobao.rp.returngoods.agree` wants
//! a numeric `seller_address_id`.
//!
//! `taobao.refund.refusereason.get` answers [`REFUSE_REASONS`] for every
//! refund id; `taobao.refund.refuse` refuses a `refuse_reason_id` not in that
//! list (`isv.invalid-parameter`), as the id must come from it.

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::routing::post;
use axum::Json;
use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use returns_domain::platform_action::PlatformAction;
use serde_json::{json, Value};
use sha2::Sha256;

use super::errors::{
    REMOTE_SERVICE_ERROR, SUB_ALREADY_DONE, SUB_BACK_OFFICE_ONLY, SUB_NOT_FOUND, SUB_STALE_VERSION,
};
use crate::simulator::{Applied, EvidenceReceived, SimState, Verdict};
use crate::Platform;

/// The refusal reasons the simulator lists (`reason_id`, `reason_text`,
/// `reason_tips`). The texts are written after the reasons 千牛 offers when
/// a seller refuses a refund; TOP's documentation gives only the object's
/// shape (and "已经影响商品完好" as the tips' example), so the ids are the
/// simulator's own.
pub const REFUSE_REASONS: [(i64, &str, &str); 4] = [
    (
        4001,
        "买家已签收商品，商品无质量问题",
        "请上传物流签收记录及商品完好的照片",
    ),
    (
        4002,
        "退回的商品影响二次销售",
        "已经影响商品完好，请上传收到退货的照片",
    ),
    (
        4003,
        "买家未退回商品或退回的不是本店商品",
        "请上传收到的包裹及面单照片",
    ),
    (
        4004,
        "已与买家协商一致，不退款",
        "请上传与买家的聊天记录截图",
    ),
];

#[derive(Default)]
struct Sessions {
    issued: HashSet<String>,
    counter: u64,
}

pub(crate) fn routes() -> axum::Router<Arc<SimState>> {
    let sessions = Arc::new(Mutex::new(Sessions::default()));
    axum::Router::new().route(
        super::PATH,
        post(
            move |state: State<Arc<SimState>>, uri: Uri, headers: HeaderMap, body: Bytes| {
                let sessions = sessions.clone();
                async move {
                    let content_type = headers
                        .get(axum::http::header::CONTENT_TYPE)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default();
                    let call = match multer::parse_boundary(content_type) {
                        Ok(boundary) => match read_multipart(body, boundary).await {
                            Ok(call) => call,
                            Err(e) => {
                                return Json(error(15, &format!("bad multipart: {e}"), None, None))
                            }
                        },
                        Err(_) => Call {
                            form: String::from_utf8_lossy(&body).into_owned(),
                            ..Call::default()
                        },
                    };
                    Json(handle(&state, &sessions, &uri, &call))
                }
            },
        ),
    )
}

/// One call as it arrived: its form parameters (URL-encoded, as in a form
/// body) and its file parameters.
#[derive(Default)]
struct Call {
    form: String,
    files: BTreeMap<String, Vec<u8>>,
}

/// A multipart body: text parts become form parameters, file parts files.
async fn read_multipart(body: Bytes, boundary: String) -> Result<Call, multer::Error> {
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut call = Call::default();
    let mut form =
        reqwest::Url::parse("http://form.invalid/").map_err(|_| multer::Error::IncompleteStream)?;
    while let Some(field) = multipart.next_field().await? {
        let name = field.name().unwrap_or_default().to_owned();
        if field.file_name().is_some() {
            call.files.insert(name, field.bytes().await?.to_vec());
        } else {
            let text = field.text().await?;
            form.query_pairs_mut().append_pair(&name, &text);
        }
    }
    call.form = form.query().unwrap_or_default().to_owned();
    Ok(call)
}

/// The image type TOP accepts that `bytes` begin like.
fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else {
        None
    }
}

fn error(code: i64, msg: &str, sub_code: Option<&str>, sub_msg: Option<&str>) -> Value {
    let mut e = json!({"code": code, "msg": msg, "request_id": "sim-req"});
    if let Some(s) = sub_code {
        e["sub_code"] = json!(s);
    }
    if let Some(s) = sub_msg {
        e["sub_msg"] = json!(s);
    }
    json!({ "error_response": e })
}

fn business(sub_code: &str, sub_msg: &str) -> Value {
    error(
        REMOTE_SERVICE_ERROR,
        "Remote service error",
        Some(sub_code),
        Some(sub_msg),
    )
}

/// Parameters from the query string and the form body, decoded.
fn parameters(uri: &Uri, body: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for part in [uri.query().unwrap_or(""), body] {
        if let Ok(url) = reqwest::Url::parse(&format!("http://sim.invalid/?{part}")) {
            for (k, v) in url.query_pairs() {
                out.insert(k.into_owned(), v.into_owned());
            }
        }
    }
    out
}

/// The sign as TOP computes it, over the decoded parameters.
fn expected_sign(p: &BTreeMap<String, String>, secret: &str) -> Option<String> {
    // BTreeMap iterates in byte order of the names, as TOP sorts them.
    let joined: String = p
        .iter()
        .filter(|(k, _)| k.as_str() != "sign")
        .map(|(k, v)| format!("{k}{v}"))
        .collect();
    let bytes = match p.get("sign_method").map(String::as_str).unwrap_or("md5") {
        "md5" => Md5::digest(format!("{secret}{joined}{secret}").as_bytes()).to_vec(),
        "hmac" => {
            let mut m = <Hmac<Md5> as Mac>::new_from_slice(secret.as_bytes()).ok()?;
            m.update(joined.as_bytes());
            m.finalize().into_bytes().to_vec()
        }
        "hmac-sha256" => {
            let mut m = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).ok()?;
            m.update(joined.as_bytes());
            m.finalize().into_bytes().to_vec()
        }
        _ => return None,
    };
    Some(bytes.iter().map(|b| format!("{b:02X}")).collect())
}

fn handle(state: &SimState, sessions: &Mutex<Sessions>, uri: &Uri, call: &Call) -> Value {
    state.count_call();
    let p = parameters(uri, &call.form);
    let get = |k: &str| p.get(k).map(String::as_str).filter(|v| !v.is_empty());
    let Some(method) = get("method") else {
        return error(21, "Missing method", None, None);
    };
    let Some(app_key) = get("app_key") else {
        return error(28, "Missing app key", None, None);
    };
    let Some(shop) = state.shop(Platform::Taobao, app_key) else {
        return error(29, "Invalid app key", None, None);
    };
    if get("timestamp").is_none() {
        return error(30, "Missing timestamp", None, None);
    }
    let Some(sign) = get("sign") else {
        return error(24, "Missing signature", None, None);
    };
    match expected_sign(&p, shop.app_secret.expose()) {
        Some(s) if s.eq_ignore_ascii_case(sign) => {}
        _ => return error(25, "Invalid signature", Some("isv.signature-invalid"), None),
    }

    if method == "taobao.top.auth.token.refresh" {
        let matches = match (&shop.refresh_token, get("refresh_token")) {
            (Some(r), Some(given)) => r.expose() == given,
            _ => false,
        };
        if !matches {
            return business("isv.refresh-token-invalid", "refresh_token 无效");
        }
        let mut s = sessions.lock().unwrap_or_else(|e| e.into_inner());
        s.counter += 1;
        let fresh = format!("fresh-{}", s.counter);
        s.issued.insert(fresh.clone());
        let result = json!({"access_token": fresh, "expire_time": 86_400_000}).to_string();
        return json!({"top_auth_token_refresh_response": {"token_result": result, "request_id": "sim-req"}});
    }

    let Some(session) = get("session") else {
        return error(26, "Missing session", None, None);
    };
    let valid = {
        let s = sessions.lock().unwrap_or_else(|e| e.into_inner());
        s.issued.contains(session)
            || (session == shop.access_token.expose() && !session.starts_with("expired-"))
    };
    if !valid {
        return error(
            27,
            "Invalid session",
            Some("invalid-sessionkey"),
            Some("SessionKey非法"),
        );
    }

    let required: &[&str] = match method {
        "taobao.refund.get" => &["refund_id", "fields"],
        "taobao.rp.returngoods.agree" => &[
            "refund_id",
            "refund_phase",
            "refund_version",
            "remark",
            "seller_address_id",
        ],
        "taobao.refund.refusereason.get" => &["refund_id", "refund_phase", "fields"],
        "taobao.rp.refund.review" => &[
            "refund_id",
            "operator",
            "refund_phase",
            "refund_version",
            "result",
            "message",
        ],
        "taobao.refund.refuse" => &[
            "refund_id",
            "refuse_message",
            "refund_phase",
            "refund_version",
        ],
        "taobao.rp.refunds.agree" => &["refund_infos"],
        "taobao.refund.message.add" => &["refund_id", "content"],
        "tmall.exchange.consigngoods" => &[
            "dispute_id",
            "logistics_no",
            "logistics_type",
            "logistics_company_name",
            "fields",
        ],
        _ => return error(22, "Invalid method", None, None),
    };
    if let Some(missing) = required.iter().find(|k| get(k).is_none()) {
        return error(
            40,
            &format!("Missing required arguments:{missing}"),
            None,
            None,
        );
    }
    let number = |k: &str| get(k).and_then(|v| v.parse::<i64>().ok());

    match method {
        "taobao.refund.message.add" => message_add(state, &p, call.files.get("image")),
        "taobao.refund.get" => {
            let id = get("refund_id").unwrap_or_default();
            // A refund whose id ends in `-g` asks for the goods back.
            let goods = id.ends_with("-g");
            let mut refund =
                json!({"refund_id": id, "refund_phase": "aftersale", "has_good_return": goods});
            if let Some(version) = state.current_version(Platform::Taobao, id) {
                refund["refund_version"] = json!(version);
            }
            json!({"refund_get_response": {"refund": refund, "request_id": "sim-req"}})
        }
        "taobao.refund.refusereason.get" => {
            let reasons: Vec<Value> = REFUSE_REASONS
                .iter()
                .map(|(id, text, tips)| {
                    json!({"reason_id": id, "reason_text": text, "reason_tips": tips})
                })
                .collect();
            json!({"refund_refusereason_get_response": {
                "reasons": reasons, "total_results": reasons.len(), "has_next": false,
                "request_id": "sim-req"}})
        }
        "taobao.refund.refuse"
            if get("refuse_reason_id")
                .is_some_and(|r| !REFUSE_REASONS.iter().any(|(id, _, _)| id.to_string() == r)) =>
        {
            business(
                "isv.invalid-parameter",
                "拒绝原因编号无效，请从拒绝原因列表中选择",
            )
        }
        "taobao.rp.returngoods.agree"
            if get("seller_address_id")
                .and_then(|a| a.parse::<i64>().ok())
                .is_none() =>
        {
            business(
                "isv.invalid-parameter",
                "seller_address_id 须为卖家收货地址编号",
            )
        }
        "taobao.rp.refund.review"
        | "taobao.rp.returngoods.agree"
        | "taobao.refund.refuse"
        | "tmall.exchange.consigngoods" => {
            let (action, id_key, version) = match method {
                "taobao.rp.refund.review" | "taobao.rp.returngoods.agree" => (
                    PlatformAction::ApproveApplication,
                    "refund_id",
                    number("refund_version"),
                ),
                "taobao.refund.refuse" => (
                    PlatformAction::RefuseApplication,
                    "refund_id",
                    number("refund_version"),
                ),
                // TOP documents no version on exchange calls.
                _ => (PlatformAction::ShipExchange, "dispute_id", None),
            };
            let id = get(id_key).unwrap_or_default().to_owned();
            match state.check(Platform::Taobao, &id, action, version) {
                Verdict::Applied { .. } => {
                    state.apply(Applied {
                        platform: Platform::Taobao,
                        after_sale_id: id.clone(),
                        action,
                        operation: method.to_owned(),
                        version,
                    });
                    success(method, &id)
                }
                other => verdict_error(other),
            }
        }
        _ => agree(state, get("refund_infos").unwrap_or_default()),
    }
}

/// `taobao.refund.message.add`: `image` is required, JPG, GIF or PNG of at
/// most 500 KB; `content` at most 400 bytes.
fn message_add(state: &SimState, p: &BTreeMap<String, String>, image: Option<&Vec<u8>>) -> Value {
    let Some(image) = image else {
        return error(40, "Missing required arguments:image", None, None);
    };
    let content = p.get("content").cloned().unwrap_or_default();
    if content.len() > 400 {
        return business("isv.invalid-parameter:content", "留言内容不能超过400字节");
    }
    if image.len() > 500 * 1024 {
        return business("isv.invalid-parameter:image", "图片大小不能超过500K");
    }
    let Some(content_type) = image_type(image) else {
        return business("isv.invalid-parameter:image", "图片格式只支持JPG、GIF、PNG");
    };
    let id = state.receive_evidence(EvidenceReceived {
        platform: Platform::Taobao,
        after_sale_id: p.get("refund_id").cloned().unwrap_or_default(),
        content,
        content_type: content_type.to_owned(),
        bytes: image.len(),
        sha256: hex::encode(Sha256::digest(image)),
    });
    json!({"refund_message_add_response": {
        "refund_message": {"id": id},
        "request_id": "sim-req"}})
}

fn success(method: &str, id: &str) -> Value {
    match method {
        "taobao.rp.refund.review" => {
            json!({"rp_refund_review_response": {"is_success": true, "request_id": "sim-req"}})
        }
        "taobao.rp.returngoods.agree" => {
            json!({"rp_returngoods_agree_response": {"is_success": true, "request_id": "sim-req"}})
        }
        "taobao.refund.refuse" => {
            json!({"refund_refuse_response": {"is_success": true, "refund": {"refund_id": id}, "request_id": "sim-req"}})
        }
        _ => json!({"tmall_exchange_consigngoods_response": {
            "result": {"success": true, "msg_code": "success", "message": "成功",
                       "exchange": {"dispute_id": id, "status": "换货中"}},
            "request_id": "sim-req"}}),
    }
}

fn verdict_error(v: Verdict) -> Value {
    match v {
        Verdict::Stale { current } => business(
            SUB_STALE_VERSION,
            &format!("退款版本已过期，当前版本为{current}"),
        ),
        Verdict::AlreadyDone => business(SUB_ALREADY_DONE, "退款单已处于该状态"),
        Verdict::BackOfficeOnly => business(SUB_BACK_OFFICE_ONLY, "该退款需要到网页版操作"),
        Verdict::RateLimited => error(
            7,
            "App Call Limited",
            Some("accesscontrol.limited-by-app-access-count"),
            Some("This ban will last for 3 more seconds"),
        ),
        Verdict::Unavailable => error(
            15,
            "Remote service error",
            Some("isp.top-remote-unknown-error"),
            Some("系统繁忙"),
        ),
        Verdict::ItemFails => business("isv.invalid-parameter", "退款状态不允许此操作"),
        Verdict::Unknown => business(SUB_NOT_FOUND, "退款单不存在"),
        Verdict::Applied { .. } => business("isv.unexpected", "unexpected"),
    }
}

/// `taobao.rp.refunds.agree`: `refund_id|amount|version|phase` items.
/// Call-wide faults (rate limit, system error) fail the whole call; a single
/// refund that fails answers with the call's error, as a one-refund call
/// does; in a batch each failed item is listed with `succ: false`.
fn agree(state: &SimState, infos: &str) -> Value {
    let mut items = Vec::new();
    for info in infos.split(',') {
        let parts: Vec<&str> = info.split('|').collect();
        let version = parts.get(2).and_then(|v| v.parse::<i64>().ok());
        if parts.len() != 4 || version.is_none() || parts[1].parse::<i64>().is_err() {
            return error(
                41,
                "Invalid arguments:refund_infos",
                Some("isv.invalid-parameter"),
                Some("refund_infos 格式为 refund_id|amount|version|phase，天猫必须带版本"),
            );
        }
        items.push((parts[0].to_owned(), version));
    }
    let verdicts: Vec<Verdict> = items
        .iter()
        .map(|(id, v)| state.check(Platform::Taobao, id, PlatformAction::AgreeRefund, *v))
        .collect();
    if let Some(v) = verdicts
        .iter()
        .find(|v| matches!(v, Verdict::RateLimited | Verdict::Unavailable))
    {
        return verdict_error(v.clone());
    }
    if items.len() == 1 && !matches!(verdicts[0], Verdict::Applied { .. }) {
        return verdict_error(verdicts[0].clone());
    }
    let mut results = Vec::new();
    let mut ok = 0;
    for ((id, version), verdict) in items.iter().zip(verdicts) {
        let (succ, message) = match verdict {
            Verdict::Applied { .. } => {
                state.apply(Applied {
                    platform: Platform::Taobao,
                    after_sale_id: id.clone(),
                    action: PlatformAction::AgreeRefund,
                    operation: "taobao.rp.refunds.agree".to_owned(),
                    version: *version,
                });
                ok += 1;
                (true, "退款成功".to_owned())
            }
            other => {
                let e = verdict_error(other);
                let words = e["error_response"]["sub_msg"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned();
                (false, words)
            }
        };
        results.push(json!({"refund_id": id, "succ": succ, "message": message}));
    }
    let msg_code = match ok {
        0 => "OP_FAILURE_UE",
        n if n == items.len() => "OP_SUCC",
        _ => "SOME_OP_SUCC",
    };
    json!({"rp_refunds_agree_response": {
        "succ": ok == items.len(), "msg_code": msg_code, "message": msg_code,
        "results": results, "request_id": "sim-req"}})
}
