//! Each read model's declaration makes exactly the tables the hand-written
//! DDL of the previous build made: same columns, types, nullability, keys
//! and indexes, as each database's catalog reports them. Existing
//! databases keep their tables and projection versions.

use returns_eventstore::db::Dialect;
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{contract_tests, EventStore};
use returns_projections::registry::DECLARATIONS;
use returns_projections::ReadModel;

use crate::helpers::store;

contract_tests!(
    declared_tables_equal_the_previous_builds_tables,
    declared_versions_and_names_are_the_previous_builds,
);

/// The version the previous build's DDL is created at, beside the
/// declaration's (tables carry their version in the name).
const OLD: u32 = 901;
const NEW: u32 = 902;

async fn run(store: &EventStore, ddl: &str) {
    let mut tx = store.db().begin().await.unwrap();
    tx.run_script(ddl).await.unwrap();
    tx.commit().await.unwrap();
}

/// The hand-written DDL of the build before declarations; `None` for the
/// read models born declared, which had no such DDL.
fn previous_ddl(model: &ReadModel, dialect: Dialect) -> Option<String> {
    Some(match model.name {
        "worklist" => worklist(dialect, OLD),
        "warehouse" => warehouse(dialect, OLD),
        "finance" => finance(dialect, OLD),
        "follow_ups" => follow_ups(dialect, OLD),
        "management" => management(dialect, OLD),
        "platform_tasks" => return None,
        other => panic!("no previous DDL for {other}"),
    })
}

async fn declared_tables_equal_the_previous_builds_tables(db: TestDatabase) {
    let store = store(&db).await;
    let dialect = store.db().dialect();
    for model in DECLARATIONS {
        let Some(previous) = previous_ddl(model, dialect) else {
            continue;
        };
        run(&store, &previous).await;
        run(&store, &model.ddl(dialect, NEW)).await;
        for table in model.tables {
            let (old, new) = (table.name(OLD), table.name(NEW));
            let old_columns = store.db().table_columns(&old).await.unwrap();
            assert!(!old_columns.is_empty(), "{old} was created");
            assert_eq!(
                store.db().table_columns(&new).await.unwrap(),
                old_columns,
                "{} of {}",
                table.stem,
                model.name
            );
            let suffixes = |names: Vec<String>, prefix: &str| -> Vec<String> {
                names
                    .into_iter()
                    .map(|n| n.replacen(prefix, "", 1))
                    .collect()
            };
            let old_indexes = store.db().table_indexes(&old).await.unwrap();
            assert!(!old_indexes.is_empty(), "{old} has indexes");
            assert_eq!(
                suffixes(store.db().table_indexes(&new).await.unwrap(), &new),
                suffixes(old_indexes, &old),
                "indexes of {}",
                table.stem
            );
        }
    }
}

async fn declared_versions_and_names_are_the_previous_builds(_db: TestDatabase) {
    let declared: Vec<(&str, u32, Vec<String>)> = DECLARATIONS
        .iter()
        .map(|m| (m.name, m.version, m.table_names(m.version)))
        .collect();
    assert_eq!(
        declared,
        vec![
            ("worklist", 3, vec!["rm_worklist_v3".to_owned()]),
            ("warehouse", 3, vec!["rm_warehouse_v3".to_owned()]),
            (
                "finance",
                3,
                vec![
                    "rm_finance_refunds_v3".to_owned(),
                    "rm_finance_daily_v3".to_owned()
                ]
            ),
            ("follow_ups", 1, vec!["rm_follow_ups_v1".to_owned()]),
            (
                "management",
                4,
                vec![
                    "rm_mgmt_tickets_v4".to_owned(),
                    "rm_mgmt_reasons_v4".to_owned(),
                    "rm_mgmt_arbitrations_v4".to_owned(),
                    "rm_mgmt_inspections_v4".to_owned()
                ]
            ),
            ("platform_tasks", 3, vec!["rm_platform_tasks_v3".to_owned()]),
        ],
        "a changed version or table name would force a rebuild of existing databases"
    );
}

// The previous build's DDL, verbatim but for the table names (and the
// columns and indexes a deliberate new version adds: worklist v3's
// tracking numbers, finance v2's `issued_by`, finance v3's `kind`,
// management v3's `currency` and `refunded_minor`).

/// Step columns of the management read model, as the previous build had them.
const STEPS: [(&str, bool); 8] = [
    ("reviewed_at", true),
    ("return_shipped_at", true),
    ("received_at", true),
    ("inspected_at", false),
    ("refund_requested_at", true),
    ("refunded_at", false),
    ("replacement_shipped_at", true),
    ("ended_at", true),
];

fn worklist(dialect: Dialect, v: u32) -> String {
    let t = &format!("rm_worklist_v{v}");
    let (int, json) = match dialect {
        Dialect::Sqlite => ("INTEGER", "TEXT"),
        Dialect::Postgres => ("BIGINT", "JSONB"),
    };
    let mut ddl = format!(
        "CREATE TABLE IF NOT EXISTS {t} (
            ticket_id              TEXT PRIMARY KEY,
            status                 TEXT NOT NULL,
            kind                   TEXT NOT NULL,
            channel                TEXT NOT NULL,
            customer               TEXT NOT NULL,
            customer_lc            TEXT NOT NULL,
            platform_order_id      TEXT,
            platform_after_sale_id TEXT,
            return_tracking        TEXT,
            outbound_tracking      TEXT,
            reason_code            TEXT NOT NULL,
            reason_category        TEXT NOT NULL,
            currency               TEXT NOT NULL,
            paid_minor             {int} NOT NULL,
            refundable_minor       {int} NOT NULL,
            refunded_minor         {int} NOT NULL,
            assignee               TEXT,
            next_action            TEXT,
            next_action_due        {int},
            due_sort               {int} NOT NULL,
            allowed_commands       {json} NOT NULL,
            custom_fields          {json} NOT NULL,
            opened_at              {int} NOT NULL,
            last_event_at          {int} NOT NULL,
            version                {int} NOT NULL,
            last_position          {int} NOT NULL
        );
        CREATE INDEX IF NOT EXISTS {t}_status ON {t} (status, due_sort, ticket_id);
        CREATE INDEX IF NOT EXISTS {t}_kind ON {t} (kind);
        CREATE INDEX IF NOT EXISTS {t}_channel ON {t} (channel);
        CREATE INDEX IF NOT EXISTS {t}_assignee ON {t} (assignee, due_sort, ticket_id);
        CREATE INDEX IF NOT EXISTS {t}_reason ON {t} (reason_code);
        CREATE INDEX IF NOT EXISTS {t}_due ON {t} (due_sort, ticket_id);
        CREATE INDEX IF NOT EXISTS {t}_opened ON {t} (opened_at, ticket_id);
        CREATE INDEX IF NOT EXISTS {t}_order ON {t} (platform_order_id);
        CREATE INDEX IF NOT EXISTS {t}_after_sale ON {t} (platform_after_sale_id);
        CREATE INDEX IF NOT EXISTS {t}_return_tracking ON {t} (return_tracking);
        CREATE INDEX IF NOT EXISTS {t}_outbound_tracking ON {t} (outbound_tracking);
        CREATE INDEX IF NOT EXISTS {t}_customer ON {t} (customer_lc);"
    );
    if dialect == Dialect::Postgres {
        // Custom-field equality filters use `@>`, which a GIN index serves.
        ddl.push_str(&format!(
            "\nCREATE INDEX IF NOT EXISTS {t}_custom ON {t} USING GIN (custom_fields jsonb_path_ops);"
        ));
    }
    ddl
}

fn warehouse(dialect: Dialect, v: u32) -> String {
    let t = &format!("rm_warehouse_v{v}");
    let (int, boolean, json) = match dialect {
        Dialect::Sqlite => ("INTEGER", "INTEGER", "TEXT"),
        Dialect::Postgres => ("BIGINT", "BOOLEAN", "JSONB"),
    };
    format!(
        "CREATE TABLE IF NOT EXISTS {t} (
            ticket_id           TEXT PRIMARY KEY,
            status              TEXT NOT NULL,
            kind                TEXT NOT NULL,
            channel             TEXT NOT NULL,
            customer            TEXT NOT NULL,
            carrier             TEXT,
            tracking_number     TEXT,
            expecting_inbound   {boolean} NOT NULL,
            awaiting_inspection {boolean} NOT NULL,
            replacement_to_ship {boolean} NOT NULL,
            goods_to_return     {boolean} NOT NULL,
            reship_to_ship      {boolean} NOT NULL,
            repair_to_do        {boolean} NOT NULL,
            repair_to_ship_back {boolean} NOT NULL,
            inspection_outcome  TEXT,
            qty_applied         {int} NOT NULL,
            qty_received        {int} NOT NULL,
            lines               {json} NOT NULL,
            registered_at       {int},
            received_at         {int},
            inspected_at        {int},
            opened_at           {int} NOT NULL,
            last_position       {int} NOT NULL
        );
        CREATE INDEX IF NOT EXISTS {t}_tracking ON {t} (tracking_number);
        CREATE INDEX IF NOT EXISTS {t}_inbound ON {t} (expecting_inbound, registered_at, ticket_id);
        CREATE INDEX IF NOT EXISTS {t}_inspection ON {t} (awaiting_inspection, received_at, ticket_id);
        CREATE INDEX IF NOT EXISTS {t}_replacement ON {t} (replacement_to_ship, inspected_at, ticket_id);
        CREATE INDEX IF NOT EXISTS {t}_goods_back ON {t} (goods_to_return, inspected_at, ticket_id);
        CREATE INDEX IF NOT EXISTS {t}_reship ON {t} (reship_to_ship, opened_at, ticket_id);
        CREATE INDEX IF NOT EXISTS {t}_repair ON {t} (repair_to_do, received_at, ticket_id);
        CREATE INDEX IF NOT EXISTS {t}_repair_back ON {t} (repair_to_ship_back, received_at, ticket_id);"
    )
}

fn finance(dialect: Dialect, v: u32) -> String {
    let (r, d) = (
        &format!("rm_finance_refunds_v{v}"),
        &format!("rm_finance_daily_v{v}"),
    );
    let int = match dialect {
        Dialect::Sqlite => "INTEGER",
        Dialect::Postgres => "BIGINT",
    };
    format!(
        "CREATE TABLE IF NOT EXISTS {r} (
            refund_id         TEXT PRIMARY KEY,
            ticket_id         TEXT NOT NULL,
            channel           TEXT NOT NULL,
            kind              TEXT NOT NULL,
            customer          TEXT NOT NULL,
            status            TEXT NOT NULL,
            amount_minor      {int} NOT NULL,
            currency          TEXT NOT NULL,
            requested_at      {int} NOT NULL,
            approved_at       {int},
            issued_at         {int},
            failed_at         {int},
            failures          {int} NOT NULL,
            last_failure      TEXT,
            gateway_reference TEXT,
            issued_by         TEXT,
            last_position     {int} NOT NULL
        );
        CREATE INDEX IF NOT EXISTS {r}_status ON {r} (status, requested_at, refund_id);
        CREATE INDEX IF NOT EXISTS {r}_ticket ON {r} (ticket_id);
        CREATE INDEX IF NOT EXISTS {r}_channel ON {r} (channel, status);
        CREATE INDEX IF NOT EXISTS {r}_kind ON {r} (kind, status);
        CREATE TABLE IF NOT EXISTS {d} (
            day          TEXT NOT NULL,
            channel      TEXT NOT NULL,
            currency     TEXT NOT NULL,
            issued_count {int} NOT NULL,
            issued_minor {int} NOT NULL,
            failed_count {int} NOT NULL,
            PRIMARY KEY (day, channel, currency)
        );
        CREATE INDEX IF NOT EXISTS {d}_channel ON {d} (channel, day);"
    )
}

fn follow_ups(dialect: Dialect, v: u32) -> String {
    let t = &format!("rm_follow_ups_v{v}");
    let (int, boolean) = match dialect {
        Dialect::Sqlite => ("INTEGER", "INTEGER"),
        Dialect::Postgres => ("BIGINT", "BOOLEAN"),
    };
    format!(
        "CREATE TABLE IF NOT EXISTS {t} (
            follow_up_id  TEXT PRIMARY KEY,
            ticket_id     TEXT NOT NULL,
            customer      TEXT NOT NULL,
            channel       TEXT NOT NULL,
            assignee      TEXT,
            ticket_status TEXT NOT NULL,
            purpose       TEXT NOT NULL,
            due_at        {int} NOT NULL,
            scheduled_at  {int} NOT NULL,
            is_open       {boolean} NOT NULL,
            completed_at  {int},
            outcome       TEXT,
            last_position {int} NOT NULL
        );
        CREATE INDEX IF NOT EXISTS {t}_due ON {t} (is_open, due_at, follow_up_id);
        CREATE INDEX IF NOT EXISTS {t}_completed ON {t} (completed_at, follow_up_id);
        CREATE INDEX IF NOT EXISTS {t}_ticket ON {t} (ticket_id);
        CREATE INDEX IF NOT EXISTS {t}_assignee ON {t} (assignee, is_open, due_at);"
    )
}

fn management(dialect: Dialect, v: u32) -> String {
    let (t, r, a, i) = (
        &format!("rm_mgmt_tickets_v{v}"),
        &format!("rm_mgmt_reasons_v{v}"),
        &format!("rm_mgmt_arbitrations_v{v}"),
        &format!("rm_mgmt_inspections_v{v}"),
    );
    let int = match dialect {
        Dialect::Sqlite => "INTEGER",
        Dialect::Postgres => "BIGINT",
    };
    let steps = STEPS
        .iter()
        .map(|(c, _)| format!("{c} {int},"))
        .collect::<Vec<_>>()
        .join("\n                ");
    format!(
        "CREATE TABLE IF NOT EXISTS {t} (
            ticket_id   TEXT PRIMARY KEY,
            status      TEXT NOT NULL,
            kind        TEXT NOT NULL,
            channel     TEXT NOT NULL,
            reason_code TEXT NOT NULL,
            opened_at   {int} NOT NULL,
            {steps}
            currency    TEXT NOT NULL,
            refunded_minor {int} NOT NULL,
            last_position {int} NOT NULL
        );
        CREATE INDEX IF NOT EXISTS {t}_status ON {t} (status);
        CREATE INDEX IF NOT EXISTS {t}_channel ON {t} (channel, kind);
        CREATE INDEX IF NOT EXISTS {t}_opened ON {t} (opened_at);
        CREATE TABLE IF NOT EXISTS {r} (
            sku         TEXT NOT NULL,
            channel     TEXT NOT NULL,
            reason_code TEXT NOT NULL,
            tickets     {int} NOT NULL,
            units       {int} NOT NULL,
            PRIMARY KEY (sku, channel, reason_code)
        );
        CREATE INDEX IF NOT EXISTS {r}_channel ON {r} (channel, reason_code);
        CREATE INDEX IF NOT EXISTS {r}_reason ON {r} (reason_code);
        CREATE TABLE IF NOT EXISTS {a} (
            ticket_id     TEXT NOT NULL,
            sku           TEXT NOT NULL,
            channel       TEXT NOT NULL,
            reason_code   TEXT NOT NULL,
            outcome       TEXT NOT NULL,
            currency      TEXT NOT NULL,
            paid_minor    {int} NOT NULL,
            last_position {int} NOT NULL,
            PRIMARY KEY (ticket_id, sku)
        );
        CREATE INDEX IF NOT EXISTS {a}_channel ON {a} (channel, reason_code);
        CREATE INDEX IF NOT EXISTS {a}_sku ON {a} (sku);
        CREATE TABLE IF NOT EXISTS {i} (
            ticket_id     TEXT NOT NULL,
            sku           TEXT NOT NULL,
            inspector     TEXT NOT NULL,
            last_position {int} NOT NULL,
            PRIMARY KEY (ticket_id, sku)
        );
        CREATE INDEX IF NOT EXISTS {i}_inspector ON {i} (inspector);"
    )
}
