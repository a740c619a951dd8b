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

contract_tests!(the_pack_pdf_reads_in_chinese_and_renders_the_inspection_photo);

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
