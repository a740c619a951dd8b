//! A page of a read-model list: the nodes and where the next page starts.
//!
//! The read models paginate by keyset (sort key + id), which yields one
//! cursor per page rather than per item, so lists are connections of the
//! `nodes` + `pageInfo` shape: pass `pageInfo.endCursor` as `after`.

use async_graphql::{OutputType, SimpleObject};

use super::department::{FollowUpItem, RefundItem, WarehouseTicket, WorklistItem};
use super::HistoryEvent;

/// Where a list continues.
#[derive(SimpleObject, Debug, Clone)]
pub struct PageInfo {
    /// Whether another page follows.
    pub has_next_page: bool,
    /// Pass as `after` to get the next page.
    pub end_cursor: Option<String>,
}

/// One page of a list.
#[derive(SimpleObject, Debug, Clone)]
#[graphql(concrete(name = "WorklistConnection", params(WorklistItem)))]
#[graphql(concrete(name = "WarehouseTicketConnection", params(WarehouseTicket)))]
#[graphql(concrete(name = "RefundConnection", params(RefundItem)))]
#[graphql(concrete(name = "FollowUpConnection", params(FollowUpItem)))]
#[graphql(concrete(name = "HistoryEventConnection", params(HistoryEvent)))]
#[graphql(concrete(
    name = "PlatformTaskConnection",
    params(crate::graphql::platform_tasks::PlatformTask)
))]
pub struct Page<T: OutputType> {
    /// The items of this page, in the list's order.
    pub nodes: Vec<T>,
    /// Where the list continues.
    pub page_info: PageInfo,
}

impl<T: OutputType> Page<T> {
    /// Converts a read model's page.
    pub fn from_read_model<U>(
        page: returns_projections::Page<U>,
        convert: impl Fn(U) -> T,
    ) -> Self {
        Self {
            page_info: PageInfo {
                has_next_page: page.next_cursor.is_some(),
                end_cursor: page.next_cursor,
            },
            nodes: page.items.into_iter().map(convert).collect(),
        }
    }
}
