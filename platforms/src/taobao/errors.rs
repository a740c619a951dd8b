//! TOP's error envelope and what each documented error means for an order.
//!
//! `error_response {code, msg, sub_code, sub_msg, request_id}`
//! (`bububa/opentaobao` `model/response.go`). Codes below 100 are platform
//! errors; `isp.*` sub-codes are server faults, to retry later; `isv.*`
//! sub-codes are business errors (TOP's error-code page,
//! <https://developer.alibaba.com/docs/doc.htm?articleId=102707&docType=1&treeId=19>,
//! and its code table, mirrored e.g. at <https://www.miaokee.com/2464230.html>).

use std::time::Duration;

use serde_json::Value;

use crate::{Outcome, PersonReason, RetryReason};

/// Call-count limits: 4 User, 5 Session, 6 Partner, 7 App Call Limited,
/// 8 App Call Exceeds Limited Frequency. The wait is in `sub_msg`:
/// "This ban will last for N more seconds" (sub-code
/// `accesscontrol.limited-by-app-access-count` and kin).
pub const RATE_LIMIT_CODES: [i64; 5] = [4, 5, 6, 7, 8];
/// 10 Service Currently Unavailable.
pub const UNAVAILABLE_CODE: i64 = 10;
/// 25 Invalid Signature.
pub const INVALID_SIGNATURE: i64 = 25;
/// 26 Missing Session.
pub const MISSING_SESSION: i64 = 26;
/// 27 Invalid Session: expired or revoked session key.
pub const INVALID_SESSION: i64 = 27;
/// 29 Invalid App Key.
pub const INVALID_APP_KEY: i64 = 29;
/// 11 Insufficient ISV Permissions, 12 Insufficient User Permissions.
pub const PERMISSION_CODES: [i64; 2] = [11, 12];
/// 15 Remote Service Error: the code business (`isv.*`) and server
/// (`isp.*`) sub-errors come under.
pub const REMOTE_SERVICE_ERROR: i64 = 15;

// Refund-specific sub-codes. TOP lists each API's business sub-codes on its
// API page (open.taobao.com/api.htm?docId=…), which was not reachable from
// here, and neither the SDKs nor public pages searched carry them. These
// names are therefore OUR reading in TOP's `isv.` style, tied to documented
// meanings (`refund_version`: "退款版本号，天猫退款为必填项";
// `operation_contraint` `refund_onweb`: "需要到网页版操作"). Verify them
// against the API pages before production; the simulator answers with them.
/// The `refund_version` sent is not the refund's current one.
pub const SUB_STALE_VERSION: &str = "isv.refund-version-expired";
/// The refund may be handled only in the web back office (`refund_onweb`).
pub const SUB_BACK_OFFICE_ONLY: &str = "isv.refund-onweb";
/// The refund is already in the state the call asks for.
pub const SUB_ALREADY_DONE: &str = "isv.refund-status-already-done";
/// No such refund for this seller.
pub const SUB_NOT_FOUND: &str = "isv.refund-not-exist";

/// One failed call: TOP's `error_response`, or a transport failure
/// (`code` 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopError {
    /// TOP's `code`; 0 for a transport failure.
    pub code: i64,
    /// `msg`.
    pub msg: String,
    /// `sub_code`, if given.
    pub sub_code: Option<String>,
    /// `sub_msg`, if given.
    pub sub_msg: Option<String>,
    /// `request_id`, if given.
    pub request_id: Option<String>,
}

impl TopError {
    /// A failure before TOP answered (or an answer that is not TOP's).
    pub fn transport(message: &str) -> Self {
        TopError {
            code: 0,
            msg: message.to_owned(),
            sub_code: None,
            sub_msg: None,
            request_id: None,
        }
    }

    /// Reads an `error_response` object (`code` may come as a number or a
    /// string).
    pub fn from_json(v: &Value) -> Self {
        let text = |k: &str| match v.get(k) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        TopError {
            // An unreadable code is treated as an unknown business error.
            code: text("code").and_then(|c| c.parse().ok()).unwrap_or(-1),
            msg: text("msg").unwrap_or_default(),
            sub_code: text("sub_code"),
            sub_msg: text("sub_msg"),
            request_id: text("request_id"),
        }
    }

    /// TOP refused the session key: worth one refresh.
    pub fn is_invalid_session(&self) -> bool {
        self.code == INVALID_SESSION || self.code == MISSING_SESSION
    }

    fn words(&self) -> String {
        self.sub_msg.clone().unwrap_or_else(|| self.msg.clone())
    }

    fn code_text(&self) -> String {
        self.sub_code
            .clone()
            .unwrap_or_else(|| self.code.to_string())
    }

    /// What the error means for the order it answered.
    pub fn outcome(&self) -> Outcome {
        let sub = self.sub_code.as_deref().unwrap_or("");
        let code = Some(self.code_text());
        if self.code == 0 {
            return Outcome::Retry {
                reason: RetryReason::Unavailable,
                code: None,
                message: self.msg.clone(),
                after: Duration::from_secs(1),
            };
        }
        if RATE_LIMIT_CODES.contains(&self.code) {
            return Outcome::Retry {
                reason: RetryReason::RateLimited,
                code,
                message: self.words(),
                after: ban_seconds(&self.words()).unwrap_or(Duration::from_secs(1)),
            };
        }
        if self.code == UNAVAILABLE_CODE || sub.starts_with("isp.") {
            return Outcome::Retry {
                reason: RetryReason::Unavailable,
                code,
                message: self.words(),
                after: Duration::from_secs(1),
            };
        }
        if self.is_invalid_session()
            || [INVALID_SIGNATURE, INVALID_APP_KEY].contains(&self.code)
            || PERMISSION_CODES.contains(&self.code)
        {
            return Outcome::NeedsPerson {
                reason: PersonReason::Unauthorized,
                code,
                message: format!(
                    "TOP 拒绝了店铺的授权（{}）：请在 TOP 重新授权或核对应用密钥",
                    self.words()
                ),
            };
        }
        match sub {
            SUB_STALE_VERSION => Outcome::NeedsPerson {
                reason: PersonReason::StaleVersion,
                code,
                message: self.words(),
            },
            SUB_BACK_OFFICE_ONLY => Outcome::NeedsPerson {
                reason: PersonReason::BackOfficeOnly,
                code,
                message: format!("{}（请在千牛 售后 退款管理 网页版中处理）", self.words()),
            },
            SUB_ALREADY_DONE => Outcome::Done {
                reference: self.request_id.clone(),
                already: true,
            },
            _ => Outcome::Refused {
                code: self.code_text(),
                message: self.words(),
            },
        }
    }
}

/// The N of "This ban will last for N more seconds".
pub fn ban_seconds(words: &str) -> Option<Duration> {
    let rest = &words[words.find("last for ")? + "last for ".len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().map(Duration::from_secs)
}
