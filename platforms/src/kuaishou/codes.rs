//! The platform's answer envelope and the documented codes the client acts
//! on. The envelope is `{result, error_msg, code, msg, sub_code, sub_msg,
//! request_id}`, `result` 1 meaning success («返回码，1正确，其他返回码表示接口未
//! 执行成功», crywolfx/kuaishou-merchant-open-api `api.declaration.ts`).

use std::time::Duration;

use serde_json::Value;

use crate::{Outcome, PersonReason, RetryReason};

/// Success.
pub const OK: i64 = 1;
/// 退款单状态已更新，请刷新重试 (REFUND ORDER UPDATED): the record moved on
/// since the version sent. «返回码说明», pageSign
/// 5de448fecaddd4c58104e8aea442695b1614263998209 (copied in
/// AndersonBY/kwaixiaodian-python-sdk `docs/…/开发文档/返回码说明.md`).
pub const REFUND_ORDER_UPDATED: i64 = 300_014;
/// 退款单当前状态不能退款 (REFUND ORDER STATUS ERROR), same table.
pub const REFUND_ORDER_STATUS_ERROR: i64 = 300_010;
/// 协商状态不对 (NEGOTIATE STATUS INVALID), same table.
pub const NEGOTIATE_STATUS_INVALID: i64 = 300_016;
/// 协商状态已改变 (REFUND NEGOTIATE STATUS CHANGED), same table.
pub const NEGOTIATE_STATUS_CHANGED: i64 = 300_017;
/// 当前退款状态不可操作 (REFUND ORDER STATUS NOT ALLOW), same table: what a
/// repeated step meets, as does a step the record's state forbids.
pub const REFUND_ORDER_STATUS_NOT_ALLOW: i64 = 300_018;
/// 退款单id为空 (REFUND ID IS BLANK), same table.
pub const REFUND_ID_IS_BLANK: i64 = 300_006;
/// 退款单不存在 (REFUND ORDER NOT FOUND), same table.
pub const REFUND_ORDER_NOT_FOUND: i64 = 300_011;
/// 买家取消退款 (BUYER CANCEL REFUND), same table.
pub const BUYER_CANCEL_REFUND: i64 = 300_013;
/// «仅支持在快手小店PC/APP进行编辑»: the step is accepted only in the
/// merchant's own back office (FAQ K1002, pageSign
/// 8a80df6f03933e29556e6dd2ae84633f1618307787105). The only back-office-only
/// answer the platform documents; it is documented for items.
pub const BACK_OFFICE_ONLY: i64 = 3401;
/// TOKEN过期 (`result` 28, `code` 803000 鉴权失败, `sub_code` 28), as the
/// gateway answers an expired access token (a recorded live answer in
/// whalesky-labs/kwaishop-php-sdk `test-report.html`; FAQ K0004 «鉴权失败／
/// TOKEN过期 … 请刷新accessToken»).
pub const TOKEN_EXPIRED: i64 = 28;
/// 签名校验失败: the signature is wrong (whalesky-labs/kwaishop-php-sdk
/// `src/Client/Pipeline/ResponseParser.php` maps 27 to a signature error;
/// FAQ K1004 «验签失败/签名校验失败»).
pub const SIGN_INVALID: i64 = 27;
/// AUTHORIZATION_REVOKED: the merchant withdrew the authorization (FAQ K0006).
pub const AUTHORIZATION_REVOKED: i64 = 24;
/// The gateway's throttling codes (whalesky-labs/kwaishop-php-sdk
/// `ResponseParser.php`: 15, 16, 17, 1016, 1017, 802000; FAQ K1008 «API调用
/// 触发限流告警»: "Exceed qps limit …", "[1017] exceed quota limit").
pub const RATE_LIMITED: [i64; 6] = [15, 16, 17, 1016, 1017, 802_000];
/// The codes the document names as authorization failures other than an
/// expired token (ResponseParser.php: 22, 25, 26 scope; 24 revoked; 27 sign).
pub const UNAUTHORIZED: [i64; 5] = [22, 24, 25, 26, SIGN_INVALID];
/// OAuth's server_error «服务器内部错误，开发者侧无法处理» («APP授权说明» §4).
pub const SERVER_ERROR: i64 = 100_200_500;
/// OAuth's unauthorized_client «app 非法» («APP授权说明» §4).
pub const UNAUTHORIZED_CLIENT: i64 = 100_200_101;
/// OAuth's access_denied: invalid, used or revoked refresh_token («APP授权说明» §4).
pub const ACCESS_DENIED: i64 = 100_200_102;
/// OAuth's invalid_request «缺少必要的请求参数» («APP授权说明» §4).
pub const INVALID_REQUEST: i64 = 100_200_100;

/// The platform gives no wait for its throttling; one second, as the brief says.
const RATE_LIMIT_WAIT: Duration = Duration::from_secs(1);
/// After a system error.
const UNAVAILABLE_WAIT: Duration = Duration::from_secs(5);

/// What one answer means for the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The call did what it was asked.
    Done {
        /// The platform's request id.
        reference: Option<String>,
    },
    /// Refresh the access token and send again.
    TokenExpired {
        /// The platform's code.
        code: String,
        /// Its words.
        message: String,
    },
    /// A state error: a repeat of a step done before, or a step the record's
    /// state forbids; a read of the record tells which.
    StateError {
        /// The platform's code.
        code: String,
        /// Its words.
        message: String,
    },
    /// Nothing more to do than report it.
    Final(Outcome),
}

/// The parsed envelope.
#[derive(Debug, Clone, Default)]
pub struct Envelope {
    /// `result`.
    pub result: Option<i64>,
    /// The words: `error_msg`, else `sub_msg`, else `msg`, else `error`.
    pub message: String,
    /// `request_id` / `requestId`.
    pub request_id: Option<String>,
    /// The whole body.
    pub body: Value,
}

impl Envelope {
    /// Reads a body; `None` if it is not a JSON object.
    pub fn parse(body: &str) -> Option<Self> {
        let value: Value = serde_json::from_str(body).ok()?;
        let object = value.as_object()?;
        let text = |key: &str| match object.get(key) {
            Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let result = match object.get("result") {
            Some(Value::Number(n)) => n.as_i64(),
            Some(Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        };
        let message = ["error_msg", "sub_msg", "msg", "error"]
            .into_iter()
            .find_map(text)
            .unwrap_or_default();
        let request_id = text("request_id").or_else(|| text("requestId"));
        Some(Envelope {
            result,
            message,
            request_id,
            body: value,
        })
    }
}

/// What an answer with HTTP status `status` and `body` means.
pub fn classify(status: u16, body: &str) -> Answer {
    let unavailable = |code: Option<String>, message: String| {
        Answer::Final(Outcome::Retry {
            reason: RetryReason::Unavailable,
            code,
            message,
            after: UNAVAILABLE_WAIT,
        })
    };
    let Some(envelope) = Envelope::parse(body) else {
        return unavailable(
            None,
            format!("HTTP {status}, an answer that is not the platform's JSON"),
        );
    };
    let Some(result) = envelope.result else {
        return unavailable(None, format!("HTTP {status}, an answer without a result"));
    };
    let code = result.to_string();
    let message = envelope.message.clone();
    if status >= 500 {
        return unavailable(Some(code), message);
    }
    let person = |reason| {
        Answer::Final(Outcome::NeedsPerson {
            reason,
            code: Some(code.clone()),
            message: message.clone(),
        })
    };
    match result {
        OK => Answer::Done {
            reference: envelope.request_id,
        },
        TOKEN_EXPIRED => Answer::TokenExpired { code, message },
        REFUND_ORDER_UPDATED => person(PersonReason::StaleVersion),
        BACK_OFFICE_ONLY => person(PersonReason::BackOfficeOnly),
        REFUND_ORDER_STATUS_NOT_ALLOW
        | REFUND_ORDER_STATUS_ERROR
        | NEGOTIATE_STATUS_INVALID
        | NEGOTIATE_STATUS_CHANGED => Answer::StateError { code, message },
        SERVER_ERROR => unavailable(Some(code), message),
        r if RATE_LIMITED.contains(&r) => Answer::Final(Outcome::Retry {
            reason: RetryReason::RateLimited,
            code: Some(code),
            message,
            after: RATE_LIMIT_WAIT,
        }),
        r if UNAUTHORIZED.contains(&r) || r == UNAUTHORIZED_CLIENT || r == ACCESS_DENIED => {
            person(PersonReason::Unauthorized)
        }
        _ => Answer::Final(Outcome::Refused { code, message }),
    }
}
