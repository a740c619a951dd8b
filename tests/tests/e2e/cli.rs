//! The CLI: tokens, demo, verify, seal, schema, health and metrics.

use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use serde_json::{json, Value};

use crate::helpers::{code, run_cli, Server};

contract_tests!(
    tokens_are_created_listed_and_revoked_from_the_cli,
    the_demo_seeds_once_and_prints_a_working_token_per_role,
    import_reads_a_jsonl_file_and_rejects_bad_lines,
    a_missing_policies_file_stops_serve_with_a_reason,
    imported_tickets_show_in_the_worklist_and_survive_a_rebuild,
    people_are_managed_from_the_cli_and_sign_in_to_the_console,
    verify_rehashes_the_evidence_a_ticket_references,
    an_evidence_pack_is_checked_without_the_database_by_the_binary_and_by_python,
    an_evidence_pack_made_twice_differs_only_in_when_it_was_made,
    a_merchant_exports_checks_and_imports_with_their_own_mapping,
);

/// A PNG's signature and header: enough for the magic-byte check.
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

/// A ticket opened, its return received and its line inspected with one
/// photo (uploaded for it); (ticket id, photo reference).
async fn inspected_with_photo(
    server: &Server,
    tokens: &crate::helpers::Tokens,
    order: &str,
) -> (String, String) {
    use crate::helpers::{open_input, step, OPEN};
    let opened = server
        .ok(&tokens.customer_service, OPEN, json!({ "cmd": crate::helpers::cmd(), "input": open_input("RETURN_AND_REFUND", order) }))
        .await;
    let ticket = opened["openTicket"]["ticket"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let address = json!({ "returnAddress": { "recipient": "R", "phone": "1", "address": "A" } });
    step(
        server,
        &tokens.customer_service,
        "approveApplication",
        Some("ApproveApplicationInput"),
        &ticket,
        address,
    )
    .await;
    step(
        server,
        &tokens.customer_service,
        "registerReturnShipment",
        Some("ShipmentInput"),
        &ticket,
        json!({ "carrier": "SF", "trackingNumber": format!("SF-{order}") }),
    )
    .await;
    step(
        server,
        &tokens.warehouse,
        "receiveReturn",
        Some("ReceiveReturnInput"),
        &ticket,
        json!({ "lines": [{ "lineId": "L1", "qty": 1 }], "packageCondition": "INTACT" }),
    )
    .await;
    let uploaded: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/evidence/{ticket}", server.base))
        .bearer_auth(&tokens.warehouse)
        .body(PNG.to_vec())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let reference = uploaded["reference"].as_str().unwrap().to_owned();
    let inspection = json!({ "lineId": "L1", "qtyInspected": 1, "qtyAccepted": 1, "grade": "NEW", "verdict": "PASS",
        "deduction": { "amountMinor": 0, "currency": "CNY" }, "photoRefs": [reference] });
    step(
        server,
        &tokens.warehouse,
        "recordInspection",
        Some("RecordInspectionInput"),
        &ticket,
        inspection,
    )
    .await;
    (ticket, reference)
}

async fn verify_rehashes_the_evidence_a_ticket_references(db: TestDatabase) {
    let dir = tempfile_dir();
    let evidence = dir.join("evidence");
    let evidence_arg = evidence.to_string_lossy().into_owned();
    let tokens = crate::helpers::Tokens::create(&db).await;
    let server = Server::start(
        &db,
        &["serve", "--no-workflows", "--evidence-dir", &evidence_arg],
    )
    .await;
    let (ticket, reference) = inspected_with_photo(&server, &tokens, "EV-1").await;
    assert!(server.terminate().await);

    let (ok, out, _) = run_cli(&db, &["verify", &ticket, "--evidence-dir", &evidence_arg]).await;
    assert!(
        ok && out.contains("1 evidence file(s) re-hashed intact"),
        "{out}"
    );
    let hex = reference.trim_start_matches("sha256:");
    // Stored encrypted under the customer's key, as `<hex>.<subject>`.
    let files: Vec<_> = std::fs::read_dir(evidence.join(&hex[..2]))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(hex))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let file = files[0].clone();
    let stored = std::fs::read(&file).unwrap();
    assert!(stored.starts_with(b"RETURNS-ENC-FILE-v1\n"));
    assert!(
        !stored.windows(4).any(|w| w == b"IHDR"),
        "the photo is not on disk in the clear"
    );
    let (ok, out, _) = returns_tests::run_cli_with_env(
        db.url(),
        &["verify", &ticket, "--evidence-dir", &evidence_arg],
        &[("RETURNS_MASTER_KEY", "")],
    )
    .await;
    assert!(
        ok && out.contains("1 evidence file(s) present but encrypted and not opened"),
        "without the master key the file is found, not opened: {out}"
    );
    let mut retouched = stored.clone();
    if let Some(last) = retouched.last_mut() {
        *last ^= 0x55;
    }
    std::fs::write(&file, retouched).unwrap();
    let (ok, out, _) = run_cli(&db, &["verify", &ticket, "--evidence-dir", &evidence_arg]).await;
    assert!(
        !ok && out.contains(&format!("ALTERED evidence {reference}")),
        "{out}"
    );
    std::fs::remove_file(&file).unwrap();
    let (ok, out, _) = run_cli(&db, &["verify", "--all", "--evidence-dir", &evidence_arg]).await;
    assert!(
        !ok && out.contains(&format!("MISSING evidence {reference}")),
        "{out}"
    );
}

/// Runs `returns <args>` with `input` on its standard input.
async fn run_cli_with_stdin(
    db: &TestDatabase,
    args: &[&str],
    input: &str,
) -> (bool, String, String) {
    use tokio::io::AsyncWriteExt;
    let mut child = tokio::process::Command::new(crate::helpers::binary())
        .arg("--database-url")
        .arg(db.url())
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input.as_bytes()).await.unwrap();
    drop(stdin);
    let output = child.wait_with_output().await.unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

async fn people_are_managed_from_the_cli_and_sign_in_to_the_console(db: TestDatabase) {
    let password = "a long enough secret";
    let (ok, out, err) = run_cli_with_stdin(
        &db,
        &["user", "create", "mei", "--role", "warehouse"],
        &format!("{password}\n"),
    )
    .await;
    assert!(ok, "{out}{err}");
    let (ok, _, err) = run_cli_with_stdin(
        &db,
        &["user", "create", "short", "--role", "finance"],
        "tiny\n",
    )
    .await;
    assert!(!ok && err.contains("at least"), "{err}");
    let (ok, list, _) = run_cli(&db, &["user", "list"]).await;
    assert!(
        ok && list.contains("mei") && list.contains("warehouse") && list.contains("active"),
        "{list}"
    );
    assert!(!list.contains("argon2"), "list must never show hashes");

    let server = Server::start(&db, &["serve"]).await;
    let (status, page) = server.get("/").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("<div id=\"root\">"),
        "the console is served from the binary: {page}"
    );
    let (status, page) = server.get("/graphiql").await;
    assert!(status == 200 && page.contains("graphiql"), "{page}");
    let (status, page) = server.get("/warehouse").await;
    assert!(
        status == 200 && page.contains("<div id=\"root\">"),
        "the console's own routes get its page"
    );

    let http = reqwest::Client::new();
    let sign_in = |password: &'static str| {
        http.post(format!("{}/auth/sign-in", server.base))
            .json(&json!({ "name": "mei", "password": password }))
            .send()
    };
    let answer: serde_json::Value = sign_in("a long enough secret")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let session = answer["token"].as_str().unwrap().to_owned();
    let read = server
        .gql(
            &session,
            "{ warehouseQueue(queue: EXPECTED_INBOUND) { nodes { ticketId } } }",
            json!({}),
        )
        .await;
    assert!(read["errors"].is_null(), "{read}");
    assert_eq!(sign_in("wrong password!").await.unwrap().status(), 401);

    let (ok, _, _) = run_cli(&db, &["user", "disable", "mei"]).await;
    assert!(ok);
    let read = refused_once_announced(
        &server,
        &session,
        "{ warehouseQueue(queue: EXPECTED_INBOUND) { nodes { ticketId } } }",
    )
    .await;
    assert_eq!(
        code(&read),
        Some("UNAUTHENTICATED"),
        "disabling ends the session: {read}"
    );
    assert_eq!(sign_in("a long enough secret").await.unwrap().status(), 401);
    assert!(server.terminate().await);
}

/// The answer to `query` with `credential` once the server has heard of a
/// change the CLI just made. The CLI announces it (NOTIFY on PostgreSQL, a
/// row of `announcements` that the server polls every half second on
/// SQLite), which reaches the server a moment after the CLI exits (CI saw
/// the first request after the CLI beat it). Waiting at most 5 s, half the
/// 10 s a cached verdict lives unannounced, still tests the announcement.
async fn refused_once_announced(server: &Server, credential: &str, query: &str) -> Value {
    let mut read = json!(null);
    for _ in 0..50 {
        read = server.gql(credential, query, json!({})).await;
        if code(&read) == Some("UNAUTHENTICATED") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    read
}

async fn tokens_are_created_listed_and_revoked_from_the_cli(db: TestDatabase) {
    let token = crate::helpers::create_token(&db, "finance", "fei").await;
    assert!(token.starts_with("rt_") && token.len() == 67, "{token}");
    let (ok, list, _) = run_cli(&db, &["token", "list"]).await;
    assert!(ok);
    assert!(
        list.contains("fei") && list.contains("finance") && list.contains("active"),
        "{list}"
    );
    assert!(!list.contains(&token), "list must never show secrets");
    let id = list
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();

    let server = Server::start(&db, &["serve"]).await;
    let (status, body) = server.get("/healthz").await;
    assert_eq!((status, body.lines().next()), (200, Some("ok")));
    let allowed = server.gql(&token, "{ seals { sealId } }", json!({})).await;
    assert_eq!(
        code(&allowed),
        Some("FORBIDDEN"),
        "a finance token is valid but may not audit"
    );
    let (ok, _, _) = run_cli(&db, &["token", "revoke", &id]).await;
    assert!(ok);
    let revoked = refused_once_announced(&server, &token, "{ seals { sealId } }").await;
    assert_eq!(code(&revoked), Some("UNAUTHENTICATED"), "{revoked}");
    let (ok, _, stderr) = run_cli(
        &db,
        &["token", "create", "--role", "janitor", "--actor", "x"],
    )
    .await;
    assert!(!ok && stderr.contains("unknown role"), "{stderr}");
    assert!(server.terminate().await);
}

async fn the_demo_seeds_once_and_prints_a_working_token_per_role(db: TestDatabase) {
    let server = Server::start(&db, &["demo"]).await;
    // The demo pays through the simulated gateway, and says so.
    let (_, health) = server.get("/healthz").await;
    assert!(
        health.contains("payout: simulated (SIMULATED GATEWAY"),
        "{health}"
    );
    let mut lines = server.stdout_lines.clone();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("demo: 30 tickets ready")),
        "{lines:?}"
    );
    let token_of = |lines: &[String], role: &str| {
        lines
            .iter()
            .filter_map(|l| l.trim().strip_prefix(role).map(|t| t.trim().to_owned()))
            .find(|t| t.starts_with("rt_"))
            .unwrap()
    };
    let auditor = token_of(&lines, "auditor");
    let log = server
        .ok(&auditor, "{ auditLog(first: 100) { nodes { eventType ticketId } pageInfo { hasNextPage } } verifyLog { intact streamsChecked } }", json!({}))
        .await;
    assert_eq!(log["verifyLog"]["streamsChecked"], 30);
    assert_eq!(log["verifyLog"]["intact"], true);
    let types: Vec<&str> = log["auditLog"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["eventType"].as_str().unwrap())
        .collect();
    for expected in [
        "TicketOpened",
        "ApplicationApproved",
        "ApplicationRejected",
        "ReturnReceived",
        "LineInspected",
    ] {
        assert!(types.contains(&expected), "demo lacks {expected}");
    }
    let warehouse = token_of(&lines, "warehouse");
    let ticket = log["auditLog"]["nodes"][0]["ticketId"]
        .as_str()
        .unwrap()
        .to_owned();
    let read = server
        .ok(
            &warehouse,
            "query($id: UUID!) { ticket(id: $id) { id channel } }",
            json!({ "id": ticket }),
        )
        .await;
    assert_eq!(read["ticket"]["id"], ticket);
    // The read models catch up with the seeded log: every ticket is on the worklist.
    let customer_service = token_of(&lines, "customer_service");
    crate::helpers::wait_for_data(
        &server,
        &customer_service,
        "{ worklist(first: 100) { nodes { ticketId } } }",
        json!({}),
        |d| d["worklist"]["nodes"].as_array().unwrap().len() == 30,
    )
    .await;
    // Seeded over weeks with a shop's step durations: cycle times are hours
    // and days, and the log's recorded times are the past times.
    let stats = crate::helpers::wait_for_data(
        &server,
        &auditor,
        "{ managementStats { cycleTimes { step averageSeconds } } }",
        json!({}),
        |d| {
            d["managementStats"]["cycleTimes"]
                .as_array()
                .is_some_and(|steps| steps.iter().any(|s| s["step"] == "transit"))
        },
    )
    .await;
    for step in stats["managementStats"]["cycleTimes"].as_array().unwrap() {
        assert!(
            step["averageSeconds"].as_i64().unwrap() >= 3600,
            "{step} takes at least an hour"
        );
    }
    let mut oldest = chrono::Utc::now();
    let mut after = serde_json::Value::Null;
    loop {
        let page = server
            .ok(
                &auditor,
                "query($after: String) { auditLog(first: 100, after: $after) { nodes { recordedAt } pageInfo { endCursor hasNextPage } } }",
                json!({ "after": after }),
            )
            .await;
        for node in page["auditLog"]["nodes"].as_array().unwrap() {
            let at: chrono::DateTime<chrono::Utc> =
                node["recordedAt"].as_str().unwrap().parse().unwrap();
            oldest = oldest.min(at);
        }
        if page["auditLog"]["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = page["auditLog"]["pageInfo"]["endCursor"].clone();
    }
    assert!(
        chrono::Utc::now() - oldest >= chrono::Duration::days(20),
        "the first event was recorded {oldest}"
    );
    assert!(server.terminate().await);

    // A second run writes nothing new.
    let again = Server::start(&db, &["demo"]).await;
    lines = again.stdout_lines.clone();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("demo: 30 tickets ready (0 new commands)")),
        "{lines:?}"
    );
    assert!(again.terminate().await);
    let (ok, out, _) = run_cli(&db, &["verify", "--all"]).await;
    assert!(ok && out.contains("intact"), "{out}");
    let (ok, out, _) = run_cli(&db, &["seal"]).await;
    assert!(ok && out.starts_with("seal "), "{out}");
}

async fn import_reads_a_jsonl_file_and_rejects_bad_lines(db: TestDatabase) {
    let dir = tempfile_dir();
    let input = dir.join("douyin.jsonl");
    let rejects = dir.join("rejects.jsonl");
    let good = |n: u32| {
        json!({
            "aftersale_id": format!("73112345678902{n:05}"), "order_id": format!("69298765432103{n:05}"),
            "sku_order_id": format!("69298765432104{n:05}"), "shop_sku_code": "TEE-BLK-M",
            "product_name": "T-shirt", "aftersale_num": 1, "aftersale_type": 0, "aftersale_status": 6,
            "refund_amount": 5990, "reason_second_labels": [{ "code": 100, "name": "质量问题" }],
            "apply_time": 1763618580, "update_time": 1763618580, "refund_post_amount": 800,
            "status_deadline": 1763791380, "buyer_nickname": format!("buyer {n}")
        })
        .to_string()
    };
    let mut lines: Vec<String> = (0..20).map(good).collect();
    lines.push("{\"aftersale_id\": \"broken\"}".to_owned());
    std::fs::write(&input, lines.join("\n")).unwrap();
    let (ok, out, err) = run_cli(
        &db,
        &[
            "import",
            "--platform",
            "douyin",
            input.to_str().unwrap(),
            "--rejects",
            rejects.to_str().unwrap(),
        ],
    )
    .await;
    assert!(
        !ok,
        "a rejected line makes the exit code non-zero: {out} {err}"
    );
    assert!(
        out.contains("21 lines: 20 created, 0 updated, 0 unchanged, 1 rejected"),
        "{out}\n{err}"
    );
    let rejected = std::fs::read_to_string(&rejects).unwrap();
    assert_eq!(rejected.lines().count(), 1);
    assert!(rejected.contains("\"line\":21"), "{rejected}");

    // Importing the same file again changes nothing.
    let (_, out, _) = run_cli(
        &db,
        &[
            "import",
            "--platform",
            "douyin",
            input.to_str().unwrap(),
            "--rejects",
            rejects.to_str().unwrap(),
        ],
    )
    .await;
    assert!(
        out.contains("0 created, 0 updated, 20 unchanged, 1 rejected"),
        "{out}"
    );

    // A GBK export: read as UTF-8 each line is one reject that says what to
    // do; with `--encoding gbk` the whole file imports.
    let gbk_input = dir.join("douyin-gbk.jsonl");
    let text = (100..103).map(good).collect::<Vec<_>>().join("\r\n");
    std::fs::write(&gbk_input, encoding_rs::GBK.encode(&text).0).unwrap();
    let (ok, out, err) = run_cli(
        &db,
        &[
            "import",
            "--platform",
            "douyin",
            gbk_input.to_str().unwrap(),
            "--rejects",
            rejects.to_str().unwrap(),
        ],
    )
    .await;
    assert!(!ok, "{out} {err}");
    assert!(
        out.contains("3 lines: 0 created, 0 updated, 0 unchanged, 3 rejected"),
        "{out}\n{err}"
    );
    let rejected = std::fs::read_to_string(&rejects).unwrap();
    assert!(
        rejected.contains("looks like GBK: use `--encoding gbk`"),
        "{rejected}"
    );
    let (ok, out, err) = run_cli(
        &db,
        &[
            "import",
            "--platform",
            "douyin",
            "--encoding",
            "gbk",
            gbk_input.to_str().unwrap(),
            "--rejects",
            rejects.to_str().unwrap(),
        ],
    )
    .await;
    assert!(ok, "{out} {err}");
    assert!(out.contains("3 lines: 3 created"), "{out}\n{err}");
    let _ = std::fs::remove_dir_all(dir);
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("returns-import-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn a_missing_policies_file_stops_serve_with_a_reason(db: TestDatabase) {
    let (ok, _, stderr) = run_cli(
        &db,
        &[
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--policies",
            "/nonexistent/policies.toml",
        ],
    )
    .await;
    assert!(!ok);
    assert!(stderr.contains("policies"), "{stderr}");
}

/// Issue 7's newcomer path and issue 4's rebuild from the CLI: import the
/// shipped Douyin sample with one command, see the tickets with their custom
/// fields in the worklist, rebuild every read model, and see the same rows.
async fn imported_tickets_show_in_the_worklist_and_survive_a_rebuild(db: TestDatabase) {
    let dir = tempfile_dir();
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../intake/tests/fixtures/douyin_sample.jsonl"
    );
    let rejects = dir.join("rejects.jsonl");
    let (ok, out, err) = run_cli(
        &db,
        &[
            "import",
            "--platform",
            "douyin",
            sample,
            "--rejects",
            rejects.to_str().unwrap(),
        ],
    )
    .await;
    assert!(ok, "{out}\n{err}");
    let created: u64 = out
        .split(" created")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no created count in {out}"));
    assert!(created > 0, "{out}");

    let worklist = "{ worklist(first: 100) { nodes { ticketId channel status customFields } } }";
    let token = crate::helpers::create_token(&db, "customer_service", "cs").await;
    let server = Server::start(&db, &["serve", "--no-workflows"]).await;
    let before = crate::helpers::wait_for_data(&server, &token, worklist, json!({}), |data| {
        data["worklist"]["nodes"]
            .as_array()
            .is_some_and(|n| n.len() as u64 == created)
    })
    .await;
    let nodes = before["worklist"]["nodes"].as_array().unwrap();
    assert!(nodes.iter().all(|n| n["channel"] == "douyin"));
    assert!(
        nodes
            .iter()
            .any(|n| n["customFields"].as_object().is_some_and(|f| !f.is_empty())),
        "imported custom fields show in the worklist: {nodes:?}"
    );
    assert!(server.terminate().await);

    let (ok, out, err) = run_cli(&db, &["rebuild"]).await;
    assert!(ok && out.contains("rebuilt worklist_v3"), "{out}\n{err}");
    let (ok, lag, _) = run_cli(&db, &["lag"]).await;
    assert!(ok && lag.contains("worklist_v3"), "{lag}");
    let server = Server::start(&db, &["serve", "--no-workflows"]).await;
    let after = server.ok(&token, worklist, json!({})).await;
    assert_eq!(after, before, "a rebuild reproduces the read model");
    assert!(server.terminate().await);
    let _ = std::fs::remove_dir_all(dir);
}

async fn a_merchant_exports_checks_and_imports_with_their_own_mapping(db: TestDatabase) {
    let dir = tempfile_dir();
    // Start from the shipped Douyin mapping, renamed for the merchant's ERP export.
    let (ok, shipped, err) = run_cli(&db, &["mapping", "export", "douyin"]).await;
    assert!(ok, "{err}");
    assert!(shipped.contains("platform = \"douyin\""), "{shipped}");
    let own = shipped
        .replace("platform = \"douyin\"", "platform = \"douyin_erp\"")
        .replace("$.shop_sku_code", "$.erp_sku");
    let file = dir.join("douyin_erp.toml");
    std::fs::write(&file, own).unwrap();
    let sample = dir.join("sample.jsonl");
    let record = |id: &str, extra: serde_json::Value| {
        let mut r = json!({
            "aftersale_id": id, "order_id": "6929876543210987654", "erp_sku": "ERP-TEE-M",
            "aftersale_type": 0, "aftersale_status": 11, "refund_amount": 5990,
            "apply_time": 1763618580, "update_time": 1763618580
        });
        r.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        r.to_string()
    };
    std::fs::write(
        &sample,
        [
            record(
                "ERP-1",
                json!({"return_logistics_company_name": "SF", "return_logistics_code": "SF1"}),
            ),
            record("ERP-2", json!({})),
            record("ERP-3", json!({"aftersale_type": 9})),
        ]
        .join("\n"),
    )
    .unwrap();
    let (ok, out, err) = run_cli(
        &db,
        &[
            "mapping",
            "check",
            file.to_str().unwrap(),
            "--sample",
            sample.to_str().unwrap(),
        ],
    )
    .await;
    assert!(
        !ok,
        "a refused sample line makes the exit code non-zero: {out} {err}"
    );
    assert!(out.contains("platform douyin_erp"), "{out}");
    assert!(
        out.contains("line 1: opens RETURN_AND_REFUND ERP-1"),
        "{out}"
    );
    assert!(
        out.contains("ERP-TEE-M"),
        "the merchant's SKU path is used: {out}"
    );
    assert!(
        out.contains("warning: sync.RegisterReturnShipment.tracking_number"),
        "{out}"
    );
    assert!(
        out.contains("line 3: refused") && out.contains("ticket.kind"),
        "{out}"
    );
    assert!(
        out.contains("2 would open, 1 with warnings, 1 refused"),
        "{out}"
    );
    // Without a file, every shipped mapping's documented status codes are
    // listed with what each does, and none is left unhandled.
    let (ok, out, err) = run_cli(&db, &["mapping", "check"]).await;
    assert!(ok, "{out} {err}");
    for platform in ["douyin", "kuaishou", "taobao"] {
        assert!(
            out.contains(&format!(
                "every documented status code of {platform} is handled"
            )),
            "{out}"
        );
    }
    assert!(
        out.contains("status 29 (return refused after receipt)"),
        "{out}"
    );
    // A broken file is named with the reason.
    let broken = dir.join("broken.toml");
    std::fs::write(&broken, "platform = \"x\"\n").unwrap();
    let (ok, out, _) = run_cli(&db, &["mapping", "check", broken.to_str().unwrap()]).await;
    assert!(!ok && out.contains("is not valid"), "{out}");
    // Import with it.
    std::fs::write(
        &sample,
        [record("ERP-1", json!({})), record("ERP-2", json!({}))].join("\n"),
    )
    .unwrap();
    let rejects = dir.join("rejects.jsonl");
    let (ok, out, err) = run_cli(
        &db,
        &[
            "import",
            "--mapping",
            file.to_str().unwrap(),
            sample.to_str().unwrap(),
            "--rejects",
            rejects.to_str().unwrap(),
        ],
    )
    .await;
    assert!(ok, "{out} {err}");
    assert!(
        out.contains("2 lines: 2 created, 0 updated, 0 unchanged, 0 rejected, 2 with warnings"),
        "{out}"
    );
}

/// Runs `python3 args…`; (success, stdout and stderr).
fn python(args: &[&str]) -> (bool, String) {
    let out = std::process::Command::new("python3")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed for the pack's own check: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Two packs of one ticket hold the same files, byte for byte, in the same
/// order with the same zip metadata; the manifests differ only in
/// `made_at`, the one place the time of making is kept.
async fn an_evidence_pack_made_twice_differs_only_in_when_it_was_made(db: TestDatabase) {
    let dir = tempfile_dir();
    let evidence = dir.join("evidence");
    let evidence_arg = evidence.to_string_lossy().into_owned();
    let tokens = crate::helpers::Tokens::create(&db).await;
    let server = Server::start(
        &db,
        &["serve", "--no-workflows", "--evidence-dir", &evidence_arg],
    )
    .await;
    let (ticket, _) = inspected_with_photo(&server, &tokens, "PK-2").await;
    assert!(server.terminate().await);
    let mut packs = Vec::new();
    for n in 0..2 {
        let pack = dir
            .join(format!("pack-{n}.zip"))
            .to_string_lossy()
            .into_owned();
        let (ok, out, err) = run_cli(
            &db,
            &[
                "evidence-pack",
                &ticket,
                "--out",
                &pack,
                "--evidence-dir",
                &evidence_arg,
            ],
        )
        .await;
        assert!(ok, "{out}{err}");
        packs.push(pack);
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let compare = r#"
import json, sys, zipfile
a, b = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])
ia, ib = a.infolist(), b.infolist()
assert [i.filename for i in ia] == [i.filename for i in ib], "entries differ"
for x, y in zip(ia, ib):
    assert (x.date_time, x.compress_type, x.external_attr) == (y.date_time, y.compress_type, y.external_attr), x.filename
    if x.filename != "manifest.json":
        assert a.read(x) == b.read(y), x.filename
ma, mb = json.loads(a.read("manifest.json")), json.loads(b.read("manifest.json"))
assert ma.pop("made_at") != mb.pop("made_at"), "made twice, at two times"
assert ma == mb, "manifests differ beyond made_at"
print("same", len(ia))
"#;
    let (ok, text) = python(&["-c", compare, &packs[0], &packs[1]]);
    assert!(ok && text.contains("same"), "{text}");
}

async fn an_evidence_pack_is_checked_without_the_database_by_the_binary_and_by_python(
    db: TestDatabase,
) {
    let dir = tempfile_dir();
    let evidence = dir.join("evidence");
    let evidence_arg = evidence.to_string_lossy().into_owned();
    let tokens = crate::helpers::Tokens::create(&db).await;
    let server = Server::start(
        &db,
        &["serve", "--no-workflows", "--evidence-dir", &evidence_arg],
    )
    .await;
    let (ticket, reference) = inspected_with_photo(&server, &tokens, "PK-1").await;
    // Sealed now, then one more event: the pack says what the seal covers.
    let (ok, out, err) = run_cli(&db, &["seal"]).await;
    assert!(ok, "{out}{err}");
    crate::helpers::step(
        &server,
        &tokens.customer_service,
        "addNote",
        Some("AddNoteInput"),
        &ticket,
        json!({ "text": "买家来电询问进度" }),
    )
    .await;
    // Over HTTP, for the finance role: its readable view is masked.
    let over_http = reqwest::Client::new()
        .get(format!("{}/evidence-pack/{ticket}", server.base))
        .bearer_auth(&tokens.finance)
        .send()
        .await
        .unwrap();
    assert_eq!(over_http.status().as_u16(), 200);
    assert_eq!(over_http.headers()["content-type"], "application/zip");
    let http_digest = over_http.headers()["x-evidence-pack-sha256"]
        .to_str()
        .unwrap()
        .to_owned();
    let http_pack = dir.join("http.zip");
    std::fs::write(&http_pack, over_http.bytes().await.unwrap()).unwrap();
    // Its making is in the log: who, in which role, which view, which file.
    let log = server
        .ok(
            &tokens.auditor,
            "{ auditLog(first: 100) { nodes { eventType actor role payload } } }",
            json!({}),
        )
        .await;
    let made = log["auditLog"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["eventType"] == "EvidencePackMade")
        .cloned()
        .unwrap_or_else(|| panic!("no pack recorded: {log}"));
    assert_eq!(made["role"], "finance", "{made}");
    assert_eq!(made["payload"]["ticket_id"], ticket.as_str(), "{made}");
    assert_eq!(made["payload"]["personal_data"], "masked", "{made}");
    assert_eq!(made["payload"]["sha256"], http_digest.as_str(), "{made}");
    let refused = reqwest::Client::new()
        .get(format!("{}/evidence-pack/{ticket}", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 401);
    assert!(server.terminate().await);

    let pack = dir.join("pack.zip");
    let pack_arg = pack.to_string_lossy().into_owned();
    let (ok, out, err) = run_cli(
        &db,
        &[
            "evidence-pack",
            &ticket,
            "--out",
            &pack_arg,
            "--evidence-dir",
            &evidence_arg,
        ],
    )
    .await;
    assert!(ok, "{out}{err}");
    // The server seals at its shutdown: the CLI's pack is sealed through
    // its head; the HTTP one as far as the newest seal then went.
    for (file, all_sealed) in [(&http_pack, false), (&pack, true)] {
        let file = file.to_string_lossy().into_owned();
        // No database: the binary is pointed at one that does not exist.
        let (ok, out, err) = returns_tests::run_cli_with_env(
            "sqlite:///nonexistent/none.db",
            &["verify-pack", &file],
            &[],
        )
        .await;
        assert!(ok, "{out}{err}");
        assert!(out.contains("1 photo(s) re-hashed"), "{out}");
        assert!(out.contains("intact"), "{out}");
        assert!(out.contains("sealed through version"), "{out}");
        if all_sealed {
            assert!(out.contains("(0 not yet sealed)"), "{out}");
        }
    }

    // The pack carries its own check, the book's script: it agrees.
    let unpacked = dir.join("unpacked");
    let (ok, text) = python(&[
        "-c",
        "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])",
        &pack_arg,
        &unpacked.to_string_lossy(),
    ]);
    assert!(ok, "{text}");
    let script = unpacked.join("verify.py").to_string_lossy().into_owned();
    let (ok, text) = python(&[&script, &pack_arg]);
    assert!(ok && text.contains("intact"), "{text}");
    assert!(text.contains("1 photo(s) re-hashed"), "{text}");
    let hex = reference.trim_start_matches("sha256:");
    assert!(unpacked.join("photos").join(format!("{hex}.png")).exists());
    let readable = std::fs::read_to_string(unpacked.join("readable.json")).unwrap();
    assert!(
        !readable.contains("买家来电询问进度") && readable.contains("***"),
        "the readable view is masked by default: {readable}"
    );
    let stored = std::fs::read_to_string(unpacked.join("events.json")).unwrap();
    assert!(
        stored.contains("$enc:v1:"),
        "the events are as stored: {stored}"
    );

    // A payload changed and the manifest rewritten to match: the chain
    // still catches it, in both checks.
    let forged = dir.join("forged.zip");
    let forge = r#"
import hashlib, json, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(src)
files = {n: z.read(n) for n in z.namelist()}
events = json.loads(files["events.json"])
events[0]["payload"]["platform_order_id"] = "PK-FORGED"
files["events.json"] = json.dumps(events).encode()
manifest = json.loads(files["manifest.json"])
for f in manifest["files"]:
    f["sha256"] = hashlib.sha256(files[f["path"]]).hexdigest()
    f["bytes"] = len(files[f["path"]])
files["manifest.json"] = json.dumps(manifest).encode()
with zipfile.ZipFile(dst, "w") as out:
    for n, b in files.items():
        out.writestr(n, b)
"#;
    let (ok, text) = python(&["-c", forge, &pack_arg, &forged.to_string_lossy()]);
    assert!(ok, "{text}");
    let (ok, text) = python(&[&script, &forged.to_string_lossy()]);
    assert!(!ok && text.contains("version 1"), "{text}");
    let (ok, out, _) = run_cli(&db, &["verify-pack", &forged.to_string_lossy()]).await;
    assert!(!ok && out.contains("the chain breaks"), "{out}");
}
