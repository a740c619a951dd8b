//! Which documented seller-side call carries each platform action, with
//! which `param`. Sources: the API declarations generated from the open
//! platform's API pages in crywolfx/kuaishou-merchant-open-api
//! (`packages/common/Interface/api.declaration.ts`, `api.default.method.ts`)
//! and AndersonBY/kwaixiaodian-python-sdk (`src/kwaixiaodian/models/refund.py`,
//! aligned with the official Java SDK's request classes).

use returns_domain::platform_action::PlatformAction;
use serde_json::{Map, Value};

use crate::{ActionOrder, Outcome, PersonReason};

/// 商家同意退货: agree to a return (and to an exchange, with amount 0).
pub const RETURNGOODS_APPROVE: &str = "open.seller.order.refund.returngoods.approve";
/// 商家同意退款: agree to pay the refund.
pub const REFUND_APPROVE: &str = "open.seller.order.refund.approve";
/// 商家拒绝收货退款 / refuse the application (reasonCode, refundVersion).
pub const REFUND_REJECT: &str = "open.refund.reject";
/// 商家确认收货 (return and refund only; refunds the buyer at once).
pub const CONFIRM_RECEIPT: &str = "open.seller.order.refund.confirm.receipt";
/// 商家确认收货并发货: exchange received, replacement shipped.
pub const CONFIRM_AND_SEND: &str = "open.refund.confirm.and.send";
/// 获取售后单详情: read after a state error, to tell a repeat from a refusal.
pub const REFUND_DETAIL: &str = "open.seller.order.refund.detail";
/// 获取售后拒绝原因列表 (GET; param `refundId`): the reasons open.refund.reject
/// accepts for one refund, each `{code, desc, tip, requiredRejectDesc,
/// requiredRejectImage}` in `data` (crywolfx/kuaishou-merchant-open-api
/// `api.declaration.ts`, `MerchantRefundRejectReasonView`; GET per
/// `api.default.method.ts` and AndersonBY/kwaixiaodian-python-sdk
/// `RefundRejectReasonRequest`, from the Java SDK's `OpenRefundRejectReasonRequest`).
pub const REJECT_REASON: &str = "open.refund.reject.reason";

/// The path of `method`: its dots become slashes («API调用说明» §3:
/// "/open/xxx/xxx/xx 请求的API，用/替换名称中的.").
pub fn path(method: &str) -> String {
    format!("/{}", method.replace('.', "/"))
}

/// One call to make: the method and its business parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The API name (`method`).
    pub method: &'static str,
    /// The `param` object.
    pub param: Map<String, Value>,
}

/// The call that carries `order`, or the outcome when there is none.
pub fn call_for(order: &ActionOrder) -> Result<Call, Outcome> {
    let mut param = Map::new();
    param.insert("refundId".to_owned(), refund_id(&order.after_sale_id));
    // refundVersion: «退款单版本，退款详情或退款列表中返回的更新时间(updateTime)»
    // (open.refund.reject, open.refund.direct.refund). Sent on every call so
    // the platform can refuse a step decided on a stale view.
    if let Some(version) = order.version {
        param.insert("refundVersion".to_owned(), Value::from(version));
    }
    let method = match order.action {
        PlatformAction::ApproveApplication => {
            // refundAmount is «仅用于校验…；当用于"商家同意换货"场景时，金额传入0».
            let amount = match order.params.amount {
                Some(money) => fen(money, order.action)?,
                None => 0,
            };
            param.insert("refundAmount".to_owned(), Value::from(amount));
            RETURNGOODS_APPROVE
        }
        PlatformAction::AgreeRefund => {
            let Some(money) = order.params.amount else {
                return Err(person(
                    PersonReason::NoApiCall,
                    "同意退款需要退款金额（refundAmount，单位分），该动作未带金额：\
                     请在快手小店商家后台 › 售后 › 售后工作台 中同意退款",
                ));
            };
            param.insert(
                "refundAmount".to_owned(),
                Value::from(fen(money, order.action)?),
            );
            REFUND_APPROVE
        }
        PlatformAction::RefuseApplication | PlatformAction::RefuseAfterInspection => {
            // reasonCode is required and must be one of open.refund.reject.reason's codes.
            let refusal = order.refusal.as_ref();
            let Some(code) = refusal
                .and_then(|r| r.code.as_deref())
                .and_then(|c| c.trim().parse::<i64>().ok())
            else {
                return Err(person(
                    PersonReason::NoApiCall,
                    "拒绝售后需要快手的拒绝原因编码（reasonCode，来自 open.refund.reject.reason），\
                     拒绝时未选择平台原因：请在快手小店商家后台 › 售后 › 售后工作台 中拒绝并选择原因",
                ));
            };
            param.insert("reasonCode".to_owned(), Value::from(code));
            if let Some(r) = refusal.filter(|r| !r.message.trim().is_empty()) {
                param.insert("rejectDesc".to_owned(), Value::from(r.message.clone()));
            }
            // rejectImages is not sent: an order carries no images. A reason whose
            // requiredRejectImage is true is refused by the platform in its own
            // words; refusal_reasons marks those reasons `needs_evidence`.
            REFUND_REJECT
        }
        PlatformAction::ConfirmReturnReceived => CONFIRM_RECEIPT,
        PlatformAction::ShipExchange => {
            let tracking = order.params.tracking_number.as_deref().map(str::trim);
            // expressCode is the platform's carrier number (快递公司编码).
            let carrier = order
                .params
                .carrier
                .as_deref()
                .and_then(|c| c.trim().parse::<i64>().ok());
            let (Some(tracking), Some(carrier)) = (tracking.filter(|t| !t.is_empty()), carrier)
            else {
                return Err(person(
                    PersonReason::NoApiCall,
                    "确认收货并发货需要运单号和快手的数字快递公司编码（expressCode）：\
                     请在快手小店商家后台 › 售后 › 售后工作台 › 确认收货并发货 中填写换货运单",
                ));
            };
            param.insert("expressNo".to_owned(), Value::from(tracking));
            param.insert("expressCode".to_owned(), Value::from(carrier));
            CONFIRM_AND_SEND
        }
        PlatformAction::ShipReshipment => {
            return Err(person(
                PersonReason::NoApiCall,
                "快手未提供补寄运单的商家接口：请在快手小店商家后台 › 售后 › 售后工作台 \
                 中为该售后单填写补寄运单",
            ))
        }
        PlatformAction::ShipRepairedGoods => {
            return Err(person(
                PersonReason::NoApiCall,
                "快手未提供维修寄回运单的商家接口：请在快手小店商家后台 › 售后 › 售后工作台 \
                 中为该售后单填写寄回运单",
            ))
        }
        PlatformAction::CounterOffer => {
            return Err(person(
                PersonReason::NoApiCall,
                "快手未提供商家协商接口：请在快手小店商家后台 › 售后 › 售后工作台 › 协商 \
                 中发起方案（或通过客服聊天）",
            ))
        }
        PlatformAction::Convert => {
            return Err(person(
                PersonReason::NoApiCall,
                "快手未提供修改售后类型（handlingWay）的接口：请与买家协商，\
                 在快手小店商家后台 › 售后 › 售后工作台 中处理",
            ))
        }
    };
    Ok(Call { method, param })
}

/// The reason list call for `after_sale_id`. Both refusals go through
/// open.refund.reject (商家拒绝收货退款 covers refusing the application and
/// refusing after the goods came back), whose `reasonCode` must come from
/// this list; the platform picks the reasons that fit the refund's state.
pub fn reasons_call(after_sale_id: &str) -> Call {
    let mut param = Map::new();
    param.insert("refundId".to_owned(), refund_id(after_sale_id));
    Call {
        method: REJECT_REASON,
        param,
    }
}

/// `refundId`: a number on the platform; a non-numeric id is sent as it is
/// so the platform answers in its own words.
fn refund_id(after_sale_id: &str) -> Value {
    after_sale_id
        .trim()
        .parse::<i64>()
        .map_or_else(|_| Value::from(after_sale_id.to_owned()), Value::from)
}

/// The amount in fen (the platform's unit: «退款金额 单位：分»).
fn fen(money: returns_domain::money::Money, action: PlatformAction) -> Result<i64, Outcome> {
    if money.currency.as_str() != "CNY" {
        return Err(person(
            PersonReason::NoApiCall,
            &format!(
                "{}的金额为 {}，快手只接受人民币（分）：请在快手小店商家后台 › 售后 中处理",
                action.as_str(),
                money.currency.as_str()
            ),
        ));
    }
    Ok(money.amount_minor)
}

fn person(reason: PersonReason, message: &str) -> Outcome {
    Outcome::NeedsPerson {
        reason,
        code: None,
        message: message.to_owned(),
    }
}

/// Whether the record read back (`status`, `negotiateStatus`, by their
/// documented meanings in /work/shared/PLATFORMS.md and the refund list's
/// enums) shows `action` already done.
pub fn shows_done(action: PlatformAction, status: Option<i64>, negotiate: Option<i64>) -> bool {
    let status = status.unwrap_or(0);
    match action {
        // 2 商家同意; 30 awaiting the buyer's return, 40 returned, 45 exchange
        // shipped, 50 refund executing, 60 refunded all follow an approval.
        PlatformAction::ApproveApplication => {
            negotiate == Some(2) || matches!(status, 30 | 40 | 45 | 50 | 60)
        }
        // 3 商家驳回，等待买家修改.
        PlatformAction::RefuseApplication | PlatformAction::RefuseAfterInspection => {
            negotiate == Some(3)
        }
        PlatformAction::ConfirmReturnReceived => matches!(status, 45 | 50 | 60),
        PlatformAction::ShipExchange => status == 45,
        PlatformAction::AgreeRefund => matches!(status, 50 | 60),
        PlatformAction::ShipReshipment
        | PlatformAction::ShipRepairedGoods
        | PlatformAction::CounterOffer
        | PlatformAction::Convert => false,
    }
}
