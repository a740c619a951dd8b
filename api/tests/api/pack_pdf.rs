//! The evidence pack's PDF for people: its Chinese text is real text (a
//! reader extracts it), and its pages render, the inspection photo among
//! them, with a PDF renderer that is not the writer.

use std::io::{Cursor, Read};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use returns::evidence::EvidenceStore;
use returns_domain::Role;
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use serde_json::json;
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use uuid::Uuid;

use crate::helpers::TestApp;

contract_tests!(
    the_pack_pdf_reads_in_chinese_and_renders_the_inspection_photo,
    evidence_reaches_the_platform_within_its_limits_or_a_person,
);

/// 48×36 pixels, its left half red and its right half blue.
const PHOTO: &[u8] = include_bytes!("../fixtures/inspection-photo.png");

async fn send(app: &TestApp, request: Request<Body>) -> (StatusCode, Vec<u8>) {
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, body.to_vec())
}

async fn the_pack_pdf_reads_in_chinese_and_renders_the_inspection_photo(db: TestDatabase) {
    let backend = if db.url().starts_with("postgres") {
        "postgres"
    } else {
        "sqlite"
    };
    let dir = tempfile::tempdir().unwrap();
    let mut app = TestApp::new(db).await;
    app.state.evidence = EvidenceStore::new(dir.path(), 1 << 20);
    app.schema = returns::graphql::build_schema(app.state.clone());
    app.router = returns::http::router(app.state.clone(), app.schema.clone());
    let (warehouse, _) = app
        .state
        .tokens
        .create("w", "warehouse", None)
        .await
        .unwrap();
    let (admin, _) = app.state.tokens.create("a", "admin", None).await.unwrap();

    let ticket = app.open_ticket().await;
    let request = Request::post(format!("/evidence/{ticket}"))
        .header("authorization", format!("Bearer {warehouse}"))
        .body(Body::from(PHOTO.to_vec()))
        .unwrap();
    let (status, body) = send(&app, request).await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&body)
    );
    let digest = hex::encode(Sha256::digest(PHOTO));

    let notes = "外包装破损，吊牌已拆，鞋底有明显磨损";
    let steps = [
        (Role::CustomerService, "mutation($t: UUID!, $c: UUID!) { approveApplication(ticketId: $t, commandId: $c, input: { returnAddress: { recipient: \"仓库\", phone: \"1\", address: \"杭州\" } }) { version } }"),
        (Role::CustomerService, "mutation($t: UUID!, $c: UUID!) { registerReturnShipment(ticketId: $t, commandId: $c, input: { carrier: \"顺丰速运\", trackingNumber: \"SF1234567890\" }) { version } }"),
        (Role::Warehouse, "mutation($t: UUID!, $c: UUID!) { receiveReturn(ticketId: $t, commandId: $c, input: { lines: [{ lineId: \"L1\", qty: 1 }], packageCondition: DAMAGED }) { version } }"),
        (Role::Warehouse, "mutation($t: UUID!, $c: UUID!, $refs: [String!]!, $notes: String!) { recordInspection(ticketId: $t, commandId: $c, input: { lineId: \"L1\", qtyInspected: 1, qtyAccepted: 0, grade: USED, verdict: FAIL, deduction: { amountMinor: 0, currency: \"CNY\" }, notes: $notes, photoRefs: $refs }) { version } }"),
    ];
    for (role, query) in steps {
        let variables = json!({ "t": ticket, "c": Uuid::now_v7(), "refs": [format!("sha256:{digest}")], "notes": notes });
        let answer = app.run_as(Some(role), query, variables).await;
        assert!(answer["errors"].is_null(), "{answer}");
    }

    let request = Request::get(format!("/evidence-pack/{ticket}"))
        .header("authorization", format!("Bearer {admin}"))
        .body(Body::empty())
        .unwrap();
    let (status, zip_bytes) = send(&app, request).await;
    assert_eq!(status, StatusCode::OK);
    let report = returns::pack::verify(&zip_bytes);
    assert!(report.is_intact(), "{:?}", report.problems);
    let mut archive = zip::ZipArchive::new(Cursor::new(zip_bytes)).unwrap();
    let mut pdf = Vec::new();
    archive
        .by_name("case.pdf")
        .expect("the pack carries case.pdf")
        .read_to_end(&mut pdf)
        .unwrap();
    let head = app
        .state
        .store
        .stored_stream(&returns_tickets::stream_id(ticket))
        .await
        .unwrap();
    let head_hash = head.last().unwrap().hash.clone();

    // The text layer: what a reader copies, searches and reads aloud.
    let text = pdf_extract::extract_text_from_mem(&pdf).expect("a reader extracts the PDF's text");
    let flat: String = text.split_whitespace().collect();
    for expected in [
        "售后举证材料",
        "案件概要",
        "核验",
        "时间线",
        "商品已质检",
        "退货已签收",
        "顺丰速运SF1234567890",
        "外包装破损，吊牌已拆，鞋底有明显磨损",
        &ticket.to_string(),
        &head_hash[..16],
        &digest,
        "returnsverify-pack",
    ] {
        assert!(
            flat.contains(expected),
            "the PDF's text lacks {expected:?}:\n{text}"
        );
    }

    // The pages as a reader draws them: ink on every page, and the photo's
    // red and blue halves on the page that shows the inspection.
    let document = hayro::hayro_syntax::Pdf::new(pdf.clone()).expect("the PDF parses");
    let pages = hayro::render_pdf(
        &document,
        1.5,
        hayro::hayro_interpret::InterpreterSettings::default(),
        &hayro::RenderSettings::default(),
        None,
    )
    .expect("the pages render");
    assert!(!pages.is_empty());
    let mut photo_seen = false;
    for (n, page) in pages.into_iter().enumerate() {
        let pixels = page.data_as_u8_slice();
        let (mut ink, mut red, mut blue) = (0usize, 0usize, 0usize);
        for p in pixels.chunks_exact(4) {
            let (r, g, b) = (p[0] as i32, p[1] as i32, p[2] as i32);
            if r + g + b < 300 {
                ink += 1;
            }
            if r > 180 && g < 80 && b < 80 {
                red += 1;
            }
            if b > 160 && r < 80 && g < 110 {
                blue += 1;
            }
        }
        let total = pixels.len() / 4;
        assert!(
            ink * 200 > total,
            "page {} has almost no ink: {ink} of {total}",
            n + 1
        );
        // At 1.5×, half of a photo drawn 150 points wide is thousands of pixels.
        photo_seen |= red > 2000 && blue > 2000;
        let png = page.into_png().unwrap();
        let shot = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("evidence-pack-{backend}-page-{}.png", n + 1));
        std::fs::write(&shot, png).unwrap();
    }
    assert!(photo_seen, "no page shows the inspection photo");
}

/// Intake's versions do not matter here: no platform action is sent.
struct NoVersions;

impl returns_workflows::PlatformVersions for NoVersions {
    fn latest<'a>(
        &'a self,
        _platform: &'a str,
        _after_sale_id: &'a str,
    ) -> returns_workflows::platform_outbox::VersionFuture<'a> {
        Box::pin(async { Ok(None) })
    }
}

const SUBMIT: &str = "mutation($t: UUID!, $c: UUID!) { submitEvidenceThroughPlatform(ticketId: $t, commandId: $c, input: { comment: \"买家退回的商品已使用，吊牌已拆，见质检照片\" }) { version } }";
const SUBMISSIONS: &str = "query($t: UUID!) { ticket(id: $t) { evidenceSubmissions { platform packSha256 throughApi sent { name sha256 reference } } } }";

/// Imports `record` as customer service; the ticket's id.
async fn import(app: &TestApp, platform: &str, record: serde_json::Value) -> Uuid {
    let answer = app
        .run_as(
            Some(Role::CustomerService),
            "mutation($p: String!, $r: JSON!) { importAftersale(platform: $p, payload: $r) { ticket { id arbitration { open } } } }",
            json!({ "p": platform, "r": record }),
        )
        .await;
    assert!(answer["errors"].is_null(), "{answer}");
    let ticket = &answer["data"]["importAftersale"]["ticket"];
    assert_eq!(ticket["arbitration"]["open"], true, "{answer}");
    ticket["id"].as_str().unwrap().parse().unwrap()
}

fn fixture(name: &str) -> serde_json::Value {
    let path = format!(
        "{}/../intake/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Taobao takes the evidence through `taobao.refund.message.add`, one image
/// per message within its documented limits (the simulator enforces them),
/// and the ticket records each file it took; Douyin's call takes only URLs
/// from its material centre, so there a person uploads, as in a shop with no
/// credentials; nothing is recorded for either.
async fn evidence_reaches_the_platform_within_its_limits_or_a_person(db: TestDatabase) {
    use returns_platforms::simulator::{test_shop, Simulator};
    use returns_platforms::{Platform, ShopCredentials};
    let shops: Vec<ShopCredentials> = [Platform::Taobao, Platform::Douyin]
        .into_iter()
        .map(test_shop)
        .collect();
    let sim = Simulator::start(shops.clone(), true).await.unwrap();
    let clients = shops
        .into_iter()
        .map(|mut shop| {
            shop.endpoint = Some(sim.endpoint());
            (
                shop.shop.clone(),
                returns_platforms::client(shop, reqwest::Client::new()),
            )
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut app = TestApp::new(db).await;
    app.state.evidence = EvidenceStore::new(dir.path(), 1 << 20);
    app.state.platforms =
        returns_workflows::PlatformApi::new(clients, std::sync::Arc::new(NoVersions), true);
    app.schema = returns::graphql::build_schema(app.state.clone());
    app.router = returns::http::router(app.state.clone(), app.schema.clone());
    let (warehouse, _) = app
        .state
        .tokens
        .create("w", "warehouse", None)
        .await
        .unwrap();

    // A Taobao return the platform's customer service stepped into
    // (`cs_status` 3), inspected with one photo.
    let mut record = fixture("taobao_return.json");
    record["cs_status"] = json!(3);
    let ticket = import(&app, "taobao", record).await;
    let request = Request::post(format!("/evidence/{ticket}"))
        .header("authorization", format!("Bearer {warehouse}"))
        .body(Body::from(PHOTO.to_vec()))
        .unwrap();
    assert_eq!(send(&app, request).await.0, StatusCode::CREATED);
    let digest = hex::encode(Sha256::digest(PHOTO));
    let line = "3012345678901234568";
    let steps = [
        (Role::CustomerService, "mutation($t: UUID!, $c: UUID!) { approveApplication(ticketId: $t, commandId: $c, input: { returnAddress: { recipient: \"仓库\", phone: \"1\", address: \"杭州\" } }) { version } }"),
        (Role::CustomerService, "mutation($t: UUID!, $c: UUID!) { registerReturnShipment(ticketId: $t, commandId: $c, input: { carrier: \"顺丰速运\", trackingNumber: \"SF1234567890\" }) { version } }"),
        (Role::Warehouse, "mutation($t: UUID!, $c: UUID!, $l: String!) { receiveReturn(ticketId: $t, commandId: $c, input: { lines: [{ lineId: $l, qty: 1 }], packageCondition: INTACT }) { version } }"),
        (Role::Warehouse, "mutation($t: UUID!, $c: UUID!, $l: String!, $refs: [String!]!) { recordInspection(ticketId: $t, commandId: $c, input: { lineId: $l, qtyInspected: 1, qtyAccepted: 0, grade: USED, verdict: FAIL, deduction: { amountMinor: 0, currency: \"CNY\" }, notes: \"吊牌已拆\", photoRefs: $refs }) { version } }"),
    ];
    for (role, query) in steps {
        let variables = json!({ "t": ticket, "c": Uuid::now_v7(), "l": line, "refs": [format!("sha256:{digest}")] });
        let answer = app.run_as(Some(role), query, variables).await;
        assert!(answer["errors"].is_null(), "{answer}");
    }

    // What a platform takes is chosen from the pack by its limits: the
    // first page as an image, then the photos, each within size and type.
    let (status, pack) = send(
        &app,
        Request::get(format!("/evidence-pack/{ticket}"))
            .header("authorization", format!("Bearer {warehouse}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let limits = |max_items, max_bytes, content_types| returns_platforms::EvidenceLimits {
        max_items,
        max_bytes,
        content_types,
        max_comment_bytes: 400,
    };
    let (files, left_out) =
        returns::pack::evidence_files(&pack, &limits(6, 500 * 1024, &["image/png"])).unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["case.pdf page 1", &format!("photos/{digest}.png")]);
    assert!(left_out.is_empty(), "{left_out:?}");
    assert!(files[0].bytes.starts_with(b"\x89PNG"), "the page is a PNG");
    let (files, left_out) =
        returns::pack::evidence_files(&pack, &limits(1, 500 * 1024, &["image/png"])).unwrap();
    assert_eq!(files.len(), 1);
    assert!(
        left_out[0].contains("over the platform's 1 files"),
        "{left_out:?}"
    );
    let (files, left_out) =
        returns::pack::evidence_files(&pack, &limits(6, 100, &["image/png"])).unwrap();
    assert!(files.is_empty() && left_out.len() == 2, "{left_out:?}");
    let (files, left_out) =
        returns::pack::evidence_files(&pack, &limits(6, 500 * 1024, &["image/jpeg"])).unwrap();
    assert!(files.is_empty(), "no PNG where only JPEG is taken");
    assert!(
        left_out[0].contains("does not take image/png"),
        "{left_out:?}"
    );

    // Sent to Taobao: both files, each with the words and the pack's digest.
    let answer = app
        .run_as(
            Some(Role::CustomerService),
            SUBMIT,
            json!({ "t": ticket, "c": Uuid::now_v7() }),
        )
        .await;
    assert!(answer["errors"].is_null(), "{answer}");
    let received = sim.evidence();
    assert_eq!(received.len(), 2, "{received:?}");
    for (n, file) in received.iter().enumerate() {
        assert_eq!(file.after_sale_id, "212345678901234567");
        assert_eq!(file.content_type, "image/png");
        let head = format!("[{}/2] 举证包 SHA-256 ", n + 1);
        assert!(file.content.starts_with(&head), "{}", file.content);
        assert!(
            file.content.contains("买家退回的商品已使用"),
            "{}",
            file.content
        );
        assert!(file.content.len() <= 400);
    }
    assert_eq!(received[1].sha256, digest, "the photo as inspected");
    let answer = app
        .run_as(
            Some(Role::CustomerService),
            SUBMISSIONS,
            json!({ "t": ticket }),
        )
        .await;
    let submissions = answer["data"]["ticket"]["evidenceSubmissions"]
        .as_array()
        .unwrap();
    assert_eq!(submissions.len(), 1, "{answer}");
    assert_eq!(submissions[0]["throughApi"], true);
    assert_eq!(submissions[0]["platform"], "taobao");
    let sent = submissions[0]["sent"].as_array().unwrap();
    assert_eq!(sent.len(), 2);
    for (file, got) in sent.iter().zip(&received) {
        assert_eq!(file["sha256"], got.sha256.as_str());
        assert!(
            file["reference"].is_string(),
            "the platform's message id: {file}"
        );
    }
    assert!(received[0]
        .content
        .contains(submissions[0]["packSha256"].as_str().unwrap()));
    // The same case again adds nothing: refused, and nothing more is sent.
    let again = app
        .run_as(
            Some(Role::CustomerService),
            SUBMIT,
            json!({ "t": ticket, "c": Uuid::now_v7() }),
        )
        .await;
    assert_eq!(
        again["errors"][0]["extensions"]["code"], "CONFLICT",
        "{again}"
    );
    assert_eq!(sim.evidence().len(), 2);
    // The warehouse may not send evidence.
    let forbidden = app
        .run_as(
            Some(Role::Warehouse),
            SUBMIT,
            json!({ "t": ticket, "c": Uuid::now_v7() }),
        )
        .await;
    assert_eq!(
        forbidden["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{forbidden}"
    );

    // Douyin: a person uploads; nothing is sent or recorded.
    let mut record = fixture("douyin_return.json");
    record["arbitrate_status"] = json!(1);
    let douyin = import(&app, "douyin", record).await;
    let answer = app
        .run_as(
            Some(Role::CustomerService),
            SUBMIT,
            json!({ "t": douyin, "c": Uuid::now_v7() }),
        )
        .await;
    assert_eq!(
        answer["errors"][0]["extensions"]["code"], "NEEDS_PERSON",
        "{answer}"
    );
    assert!(
        answer["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("抖店后台"),
        "{answer}"
    );
    // Kuaishou has no credentials here: manual mode says so.
    let mut record = fixture("kuaishou_return.json");
    record["status"] = json!(21);
    let kuaishou = import(&app, "kuaishou", record).await;
    let answer = app
        .run_as(
            Some(Role::CustomerService),
            SUBMIT,
            json!({ "t": kuaishou, "c": Uuid::now_v7() }),
        )
        .await;
    assert_eq!(
        answer["errors"][0]["extensions"]["code"], "NEEDS_PERSON",
        "{answer}"
    );
    assert!(
        answer["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("manual mode"),
        "{answer}"
    );
    for t in [douyin, kuaishou] {
        let answer = app
            .run_as(Some(Role::CustomerService), SUBMISSIONS, json!({ "t": t }))
            .await;
        assert_eq!(
            answer["data"]["ticket"]["evidenceSubmissions"],
            json!([]),
            "{answer}"
        );
    }
    assert_eq!(sim.evidence().len(), 2, "nothing more reached a platform");
}
