//! The pack's PDF for people (`case.pdf`): the case in Chinese with English
//! beside it, printable on A4, for an arbitrator, a court or the buyer.
//!
//! It shows what the zip's JSON files prove: the timeline with actors and
//! times, the inspection of each line with its photos, the waybill and the
//! receipt, the platform record's versions, and a verification box with the
//! ticket's head hash, the seal that covers it and how to check both.
//!
//! It is built from the same events as the rest of the pack and holds no
//! time of its own, so two packs of one ticket carry the same PDF; the
//! pack's making time is in the manifest only.
//!
//! The font is a subset of Noto Sans CJK SC (SIL OFL 1.1,
//! `api/assets/fonts/`), embedded in the binary and, subset again by the
//! PDF writer, in every PDF: no reader needs a Chinese font installed.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, Offset, Utc};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::Document;
use serde_json::Value;
use skrifa::instance::{LocationRef, Size as FontSize};
use skrifa::{FontRef, GlyphId, MetadataProvider};
use uuid::Uuid;

use super::{PackError, PackSeal};

/// Noto Sans CJK SC, subset to GB 2312 and Latin (see `subset.py` beside it).
static FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKsc-Regular-subset.otf");

/// The events' names in both languages, the console's own file.
static EVENT_NAMES: &str = include_str!("../../../console/src/event-names.json");

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 48.0;
const BODY: f32 = 9.0;
const SMALL: f32 = 7.5;
const LINE: f32 = 1.45;
const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;
/// Where the page's content stops, above the footer.
const BOTTOM: f32 = PAGE_H - MARGIN - 14.0;
const PHOTO_W: f32 = 150.0;
const PHOTO_MAX_H: f32 = 150.0;

/// China Standard Time: the marketplaces' and the merchant's clock, with
/// no daylight saving.
fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| Utc.fix())
}

/// One event as the pack's `readable.json` holds it, with its stored hash.
pub struct CaseEvent<'a> {
    /// The readable entry: `stream_version`, `event_type`, `recorded_at_us`,
    /// `actor`, `role`, `payload` (personal fields as the requester's role
    /// may see them).
    pub readable: &'a Value,
    /// Its hash as stored, hex.
    pub hash: &'a str,
}

/// A photo the pack carries.
pub struct CasePhoto<'a> {
    /// The bytes.
    pub bytes: &'a [u8],
    /// Its content type.
    pub content_type: &'a str,
}

/// What the PDF is made of.
pub struct CaseInput<'a> {
    /// The ticket.
    pub ticket: Uuid,
    /// Its events, oldest first.
    pub events: Vec<CaseEvent<'a>>,
    /// The ticket's newest version and hash.
    pub head_version: i64,
    /// Hex.
    pub head_hash: &'a str,
    /// The newest seal, if any.
    pub seal: Option<&'a PackSeal>,
    /// The newest version of this ticket the seal covers (0: none).
    pub sealed_through_version: i64,
    /// The photos by the digest (hex) the events name them with.
    pub photos: BTreeMap<String, CasePhoto<'a>>,
    /// Photo references erased with the customer.
    pub photos_erased: &'a [String],
    /// How personal fields show (`full`, `masked`, `presence`).
    pub personal_data: &'a str,
}

/// Glyph advances, to wrap lines before the PDF writer shapes them.
struct Measure<'a> {
    font: FontRef<'a>,
}

impl Measure<'_> {
    fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.font.charmap();
        let metrics = self
            .font
            .glyph_metrics(FontSize::new(1.0), LocationRef::default());
        text.chars()
            .map(|c| {
                let glyph = charmap.map(c).unwrap_or(GlyphId::NOTDEF);
                metrics.advance_width(glyph).unwrap_or(1.0)
            })
            .sum::<f32>()
            * size
    }

    /// Lines of at most `width` points: Chinese breaks between any two
    /// characters, other text at spaces, and a word wider than the line
    /// (a hash, a waybill number) between its characters.
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut used = 0.0;
            for atom in atoms(paragraph) {
                let atom_w = self.width(atom, size);
                if used + atom_w <= width {
                    line.push_str(atom);
                    used += atom_w;
                    continue;
                }
                if atom.trim().is_empty() {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line).trim_end().to_owned());
                    used = 0.0;
                }
                if atom_w <= width {
                    line.push_str(atom);
                    used = atom_w;
                    continue;
                }
                for c in atom.chars() {
                    let mut buf = [0u8; 4];
                    let c_w = self.width(c.encode_utf8(&mut buf), size);
                    if used + c_w > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        used = 0.0;
                    }
                    line.push(c);
                    used += c_w;
                }
            }
            lines.push(line);
        }
        lines
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// A paragraph cut where a line may break: each Chinese character alone,
/// each run of spaces, each run of anything else.
fn atoms(text: &str) -> Vec<&str> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Cjk,
        Space,
        Other,
    }
    let class = |c: char| {
        if is_cjk(c) {
            Class::Cjk
        } else if c.is_whitespace() {
            Class::Space
        } else {
            Class::Other
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut previous: Option<Class> = None;
    for (i, c) in text.char_indices() {
        let now = class(c);
        if let Some(before) = previous {
            if before != now || now == Class::Cjk {
                out.push(&text[start..i]);
                start = i;
            }
        }
        previous = Some(now);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// What a page holds, placed before anything is drawn so the footer can
/// say how many pages there are.
enum Item {
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
        grey: bool,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
    },
    Frame {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    Photo {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        image: Image,
    },
}

struct Layout<'a> {
    measure: Measure<'a>,
    pages: Vec<Vec<Item>>,
    y: f32,
}

impl Layout<'_> {
    fn page(&mut self) -> &mut Vec<Item> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.new_page();
        }
    }

    fn text_at(&mut self, x: f32, y: f32, size: f32, text: String, grey: bool) {
        self.page().push(Item::Text {
            x,
            y,
            size,
            text,
            grey,
        });
    }

    fn paragraph(&mut self, text: &str, size: f32, grey: bool) {
        for line in self.measure.wrap(text, size, TEXT_W) {
            self.ensure(size * LINE);
            self.y += size * LINE;
            self.text_at(MARGIN, self.y - size * 0.3, size, line, grey);
        }
    }

    fn heading(&mut self, zh: &str, en: &str) {
        // A heading never ends a page alone.
        self.ensure(40.0);
        self.y += 12.0;
        self.y += 13.0;
        self.text_at(MARGIN, self.y - 3.0, 12.0, format!("{zh}  {en}"), false);
        let y = self.y + 2.0;
        self.page().push(Item::Rule {
            x1: MARGIN,
            x2: PAGE_W - MARGIN,
            y,
        });
        self.y += 6.0;
    }

    /// One row of cells, each `(x offset, width, text)`, wrapped in its
    /// column; the row moves to the next page whole.
    fn row(&mut self, cells: &[(f32, f32, String)], size: f32, grey: bool) {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .map(|(_, w, text)| self.measure.wrap(text, size, *w - 4.0))
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = lines as f32 * size * LINE + 2.0;
        self.ensure(height);
        for ((x, _, _), cell) in cells.iter().zip(wrapped) {
            for (i, line) in cell.into_iter().enumerate() {
                let y = self.y + (i as f32 + 1.0) * size * LINE - size * 0.3;
                self.text_at(MARGIN + x, y, size, line, grey);
            }
        }
        self.y += height;
    }

    /// A label and its value, the value wrapped beside the label.
    fn field(&mut self, label: &str, value: &str) {
        self.row(
            &[
                (0.0, 150.0, label.to_owned()),
                (150.0, TEXT_W - 150.0, value.to_owned()),
            ],
            BODY,
            false,
        );
    }

    fn photo(&mut self, image: Image, caption: String) {
        let (w_px, h_px) = image.size();
        if w_px == 0 || h_px == 0 {
            return;
        }
        let scale = (PHOTO_W / w_px as f32).min(PHOTO_MAX_H / h_px as f32);
        let (w, h) = (w_px as f32 * scale, h_px as f32 * scale);
        self.ensure(h + SMALL * LINE * 3.0 + 6.0);
        let (x, y) = (MARGIN + 150.0, self.y + 3.0);
        self.page().push(Item::Photo { x, y, w, h, image });
        self.y += h + 3.0;
        for line in self.measure.wrap(&caption, SMALL, TEXT_W - 150.0) {
            self.y += SMALL * LINE;
            self.text_at(MARGIN + 150.0, self.y - SMALL * 0.3, SMALL, line, true);
        }
        self.y += 4.0;
    }
}

fn event_names() -> BTreeMap<String, (String, String)> {
    serde_json::from_str::<BTreeMap<String, (String, String)>>(EVENT_NAMES).unwrap_or_default()
}

fn time_text(value: &Value) -> Option<String> {
    let text = value.as_str()?;
    let at = DateTime::parse_from_rfc3339(text).ok()?;
    Some(
        at.with_timezone(&china())
            .format("%Y-%m-%d %H:%M:%S")
            .to_string(),
    )
}

fn micros_text(micros: i64) -> String {
    DateTime::<Utc>::from_timestamp_micros(micros)
        .map(|at| {
            at.with_timezone(&china())
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_else(|| micros.to_string())
}

/// An amount as its currency writes it (`CNY 119.80`), from minor units.
fn money_text(value: &Value) -> Option<String> {
    let minor = value.get("amount_minor")?.as_i64()?;
    let code = value.get("currency")?.as_str()?;
    let digits = iso_currency::Currency::from_code(code)
        .and_then(|c| c.exponent())
        .unwrap_or(2) as u32;
    let unit = 10_i64.pow(digits);
    let sign = if minor < 0 { "-" } else { "" };
    let (major, rest) = (
        minor.unsigned_abs() / unit as u64,
        minor.unsigned_abs() % unit as u64,
    );
    Some(if digits == 0 {
        format!("{code} {sign}{major}")
    } else {
        format!(
            "{code} {sign}{major}.{rest:0width$}",
            width = digits as usize
        )
    })
}

/// A payload value in one line: text as it is, money in its currency,
/// a list by its length, a record by its fields.
fn value_text(value: &Value) -> String {
    match value {
        Value::Null => "—".into(),
        Value::String(s) => time_text(value).unwrap_or_else(|| s.clone()),
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            items.iter().map(value_text).collect::<Vec<_>>().join(", ")
        }
        Value::Array(items) => format!("[{}]", items.len()),
        Value::Object(map) => money_text(value).unwrap_or_else(|| {
            map.iter()
                .map(|(k, v)| format!("{k}: {}", value_text(v)))
                .collect::<Vec<_>>()
                .join("; ")
        }),
        other => other.to_string(),
    }
}

/// The event's own fields, shortened: the ticket id and the event's time
/// are in their own columns already, and photos are shown in full below.
fn details(payload: &Value) -> String {
    let Some(map) = payload.as_object() else {
        return value_text(payload);
    };
    let mut parts = Vec::new();
    for (key, value) in map {
        // The serde tag repeats the event's name.
        if key == "type" || key == "ticket_id" || key == "photo_refs" {
            continue;
        }
        if key.ends_with("_at") && time_text(value).is_some() {
            continue;
        }
        let mut text = value_text(value);
        if text.chars().count() > 140 {
            text = text.chars().take(140).collect::<String>() + "…";
        }
        parts.push(format!("{key}: {text}"));
    }
    parts.join("  ·  ")
}

/// The inspection's words in both languages, as the console shows them.
fn word(value: &Value) -> String {
    let text = value.as_str().unwrap_or_default();
    let zh = match text {
        "new" => "A 全新",
        "opened" => "B 已拆封",
        "used" => "C 已使用",
        "damaged" => "D 损坏",
        "wrong_item" => "错发商品",
        "missing" => "缺件",
        "pass" => "通过",
        "fail" => "不通过",
        "intact" => "完好",
        "tampered" => "有拆动痕迹",
        _ => return value_text(value),
    };
    format!("{zh} {text}")
}

fn field<'v>(payload: &'v Value, key: &str) -> &'v Value {
    payload.get(key).unwrap_or(&Value::Null)
}

fn image_of(photo: &CasePhoto<'_>) -> Option<Image> {
    let data = krilla::Data::from(photo.bytes.to_vec());
    match photo.content_type {
        "image/jpeg" => Image::from_jpeg(data, true).ok(),
        "image/png" => Image::from_png(data, true).ok(),
        "image/webp" => Image::from_webp(data, true).ok(),
        _ => None,
    }
}

/// Builds `case.pdf`.
pub fn render(case: &CaseInput<'_>) -> Result<Vec<u8>, PackError> {
    let fail = |what: &str| PackError::Zip(format!("cannot write the PDF: {what}"));
    let font_ref = FontRef::new(FONT).map_err(|e| fail(&e.to_string()))?;
    let mut layout = Layout {
        measure: Measure { font: font_ref },
        pages: Vec::new(),
        y: MARGIN,
    };
    let names = event_names();
    let ticket = case.ticket.to_string();

    layout.y += 18.0;
    layout.text_at(
        MARGIN,
        layout.y,
        17.0,
        "售后举证材料  Evidence pack".into(),
        false,
    );
    layout.y += 8.0;
    layout.paragraph(&format!("工单 Ticket {ticket}"), 11.0, false);
    layout.paragraph(
        "本文件由 Returns 根据工单的哈希链事件日志生成，与同一压缩包中的 JSON 文件内容一致；时间均为北京时间（UTC+8）。\nGenerated by Returns from the ticket's hash-chained event log; it shows what the JSON files in the same zip prove. Times are China Standard Time (UTC+8).",
        SMALL,
        true,
    );
    let personal = match case.personal_data {
        "full" => "完整显示 shown in full",
        "presence" => "仅显示是否存在 shown as present or absent only",
        _ => "脱敏显示 masked",
    };

    // The case at a glance, from the ticket's first event.
    let opened = case.events.first().map(|e| field(e.readable, "payload"));
    layout.heading("案件概要", "Case summary");
    if let Some(opened) = opened {
        for (zh, en, key) in [
            ("渠道", "Channel", "channel"),
            ("平台售后单号", "After-sale id", "platform_after_sale_id"),
            ("平台订单号", "Order id", "platform_order_id"),
            ("类型", "Kind", "kind"),
            ("原因", "Reason", "reason_text"),
            ("客户", "Customer", "customer"),
        ] {
            layout.field(&format!("{zh} {en}"), &value_text(field(opened, key)));
        }
        layout.field("个人信息 Personal data", personal);
        if let Some(lines) = opened.get("lines").and_then(Value::as_array) {
            layout.row(
                &[
                    (0.0, 80.0, "行 Line".into()),
                    (80.0, 110.0, "SKU".into()),
                    (190.0, 170.0, "商品 Item".into()),
                    (360.0, 50.0, "数量 Qty".into()),
                    (410.0, TEXT_W - 410.0, "实付 Paid".into()),
                ],
                BODY,
                true,
            );
            for line in lines {
                layout.row(
                    &[
                        (0.0, 80.0, value_text(field(line, "line_id"))),
                        (80.0, 110.0, value_text(field(line, "sku"))),
                        (190.0, 170.0, value_text(field(line, "name"))),
                        (360.0, 50.0, value_text(field(line, "qty"))),
                        (410.0, TEXT_W - 410.0, value_text(field(line, "paid"))),
                    ],
                    BODY,
                    false,
                );
            }
        }
    }

    // The verification box, framed.
    layout.heading("核验", "Verification");
    let top = layout.y;
    let page_before = layout.pages.len();
    layout.field("工单最新版本 Head version", &case.head_version.to_string());
    layout.field("最新事件哈希 Head hash", case.head_hash);
    match case.seal {
        Some(seal) => {
            layout.field(
                "封印 Seal",
                &format!(
                    "#{} · 日志位置 log position {} · {} 个流 streams · {}",
                    seal.seal_id,
                    seal.head_position,
                    seal.stream_count,
                    seal.sealed_at
                        .with_timezone(&china())
                        .format("%Y-%m-%d %H:%M:%S")
                ),
            );
            layout.field("封印哈希 Heads hash", &seal.heads_hash);
            layout.field(
                "封印覆盖至 Sealed through",
                &format!(
                    "本工单第 {} 版（共 {} 版）version {} of {}",
                    case.sealed_through_version,
                    case.head_version,
                    case.sealed_through_version,
                    case.head_version
                ),
            );
        }
        None => layout.field("封印 Seal", "尚无封印 no seal yet"),
    }
    layout.field(
        "如何核验 How to check",
        &format!(
            "1. 压缩包 manifest.json 列出每个文件的 SHA-256；逐一重算。Re-hash every file the manifest lists.\n\
             2. events.json 中每个事件的哈希 = SHA-256(前一哈希 ‖ 事件内容)，从第 1 版链到第 {v} 版，结果须为上方的最新事件哈希。Recompute each event's hash from the previous one, from version 1 to {v}; the last must equal the head hash above.\n\
             3. seal.json 中各流头哈希重算后须等于封印哈希，且包含本工单的版本与哈希。Recompute the seal's heads hash and find this ticket's head among its heads.\n\
             命令 Commands: returns verify-pack evidence-{ticket}.zip  或 or  python3 verify.py evidence-{ticket}.zip",
            v = case.head_version,
        ),
    );
    if layout.pages.len() == page_before {
        let bottom = layout.y + 2.0;
        layout.page().push(Item::Frame {
            x: MARGIN - 4.0,
            y: top - 2.0,
            w: TEXT_W + 8.0,
            h: bottom - top + 2.0,
        });
    }

    // Every event, with who recorded it and when.
    layout.heading("时间线", "Timeline");
    let columns = [
        (0.0, 30.0),
        (30.0, 78.0),
        (108.0, 104.0),
        (212.0, 80.0),
        (292.0, TEXT_W - 292.0),
    ];
    let cells = |texts: [String; 5]| -> Vec<(f32, f32, String)> {
        columns
            .iter()
            .zip(texts)
            .map(|((x, w), text)| (*x, *w, text))
            .collect()
    };
    layout.row(
        &cells([
            "版本\nv".into(),
            "时间 Time".into(),
            "事件 Event".into(),
            "操作人 Actor".into(),
            "内容 Details · 哈希 hash".into(),
        ]),
        SMALL,
        true,
    );
    for event in &case.events {
        let r = event.readable;
        let kind = field(r, "event_type").as_str().unwrap_or("?");
        let name = names
            .get(kind)
            .map_or_else(|| kind.to_owned(), |(en, zh)| format!("{zh}\n{en}"));
        let actor = format!(
            "{}\n{}",
            value_text(field(r, "actor")),
            value_text(field(r, "role"))
        );
        let hash_prefix: String = event.hash.chars().take(16).collect();
        layout.row(
            &cells([
                value_text(field(r, "stream_version")),
                field(r, "recorded_at_us")
                    .as_i64()
                    .map(micros_text)
                    .unwrap_or_default(),
                name,
                actor,
                format!("{}\n#{hash_prefix}…", details(field(r, "payload"))),
            ]),
            SMALL,
            false,
        );
    }

    // Each inspected line, its photos shown and named by their digest.
    let inspections: Vec<&CaseEvent<'_>> = case
        .events
        .iter()
        .filter(|e| field(e.readable, "event_type") == "LineInspected")
        .collect();
    layout.heading("质检", "Inspection");
    if inspections.is_empty() {
        layout.paragraph("未质检 Not inspected here.", BODY, true);
    }
    for event in inspections {
        let p = field(event.readable, "payload");
        layout.field(
            "行 Line",
            &format!(
                "{} · 质检 inspected {} · 接受 accepted {}",
                value_text(field(p, "line_id")),
                value_text(field(p, "qty_inspected")),
                value_text(field(p, "qty_accepted"))
            ),
        );
        layout.field(
            "等级 / 结论 Grade / verdict",
            &format!(
                "{} / {}",
                word(field(p, "grade")),
                word(field(p, "verdict"))
            ),
        );
        layout.field("扣减 Deduction", &value_text(field(p, "deduction")));
        layout.field("备注 Notes", &value_text(field(p, "notes")));
        layout.field(
            "质检员 / 时间 Inspector / time",
            &format!(
                "{} · {}",
                value_text(field(event.readable, "actor")),
                value_text(field(p, "inspected_at"))
            ),
        );
        for reference in field(p, "photo_refs").as_array().into_iter().flatten() {
            let reference = reference.as_str().unwrap_or_default();
            let digest = super::parse_reference(reference).unwrap_or_default();
            let shown = case.photos.get(digest).and_then(image_of);
            match shown {
                Some(image) => layout.photo(image, format!("照片 Photo SHA-256 {digest}")),
                None if case.photos_erased.iter().any(|r| r == reference) => layout.field(
                    "照片 Photo",
                    &format!("{digest}：已随客户数据擦除 erased with the customer's data"),
                ),
                None => layout.field("照片 Photo", &format!("{digest}：不在包内 not in the pack")),
            }
        }
        layout.y += 4.0;
    }

    // The parcel: its waybill as registered or corrected, and its receipt.
    layout.heading("退货物流与签收", "Waybill and receipt");
    let mut any_parcel = false;
    for event in &case.events {
        let r = event.readable;
        let p = field(r, "payload");
        let kind = field(r, "event_type").as_str().unwrap_or_default();
        let at = field(r, "recorded_at_us")
            .as_i64()
            .map(micros_text)
            .unwrap_or_default();
        match kind {
            "ReturnShipmentRegistered" | "ReturnShipmentCorrected" => {
                any_parcel = true;
                layout.field(
                    "运单 Waybill",
                    &format!(
                        "{} {} · {} · {}",
                        value_text(field(p, "carrier")),
                        value_text(field(p, "tracking_number")),
                        at,
                        value_text(field(r, "actor"))
                    ),
                );
            }
            "ReturnReceived" | "PoolParcelMatched" => {
                any_parcel = true;
                layout.field(
                    "签收 Receipt",
                    &format!(
                        "{} · {} · {}",
                        value_text(field(p, "received_at")),
                        value_text(field(r, "actor")),
                        details(p)
                    ),
                );
            }
            _ => {}
        }
    }
    if !any_parcel {
        layout.paragraph("无退货包裹记录 No return parcel recorded.", BODY, true);
    }

    // What the platform's record said, version by version.
    layout.heading("平台记录版本", "Platform record versions");
    let mut any_platform = false;
    for event in &case.events {
        let r = event.readable;
        let p = field(r, "payload");
        let kind = field(r, "event_type").as_str().unwrap_or_default();
        let platform_side = p.get("platform_version").is_some()
            || p.get("platform_status").is_some()
            || kind.starts_with("PlatformArbitration")
            || kind == "EvidenceSubmitted";
        if !platform_side {
            continue;
        }
        any_platform = true;
        let name = names
            .get(kind)
            .map_or_else(|| kind.to_owned(), |(en, zh)| format!("{zh} {en}"));
        layout.field(
            &format!(
                "v{} {}",
                value_text(field(r, "stream_version")),
                field(r, "recorded_at_us")
                    .as_i64()
                    .map(micros_text)
                    .unwrap_or_default()
            ),
            &format!(
                "{name} · 平台版本 version {} · 状态 status {}{}",
                value_text(field(p, "platform_version")),
                value_text(field(p, "platform_status")),
                p.get("outcome")
                    .map(|o| format!(" · 结果 outcome {}", value_text(o)))
                    .unwrap_or_default()
            ),
        );
    }
    if !any_platform {
        layout.paragraph("无平台记录 No platform record.", BODY, true);
    }

    draw(layout.pages, &ticket, case.head_hash)
}

/// A thin grey line through `points`, closed into a frame when `closed`.
fn stroke(
    surface: &mut krilla::surface::Surface<'_>,
    rule: &Stroke,
    points: &[(f32, f32)],
    closed: bool,
) {
    let mut path = PathBuilder::new();
    for (n, (x, y)) in points.iter().enumerate() {
        if n == 0 {
            path.move_to(*x, *y);
        } else {
            path.line_to(*x, *y);
        }
    }
    if closed {
        path.close();
    }
    if let Some(path) = path.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(rule.clone()));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}

fn draw(pages: Vec<Vec<Item>>, ticket: &str, head_hash: &str) -> Result<Vec<u8>, PackError> {
    let fail = |what: String| PackError::Zip(format!("cannot write the PDF: {what}"));
    let font = Font::new(krilla::Data::from(FONT), 0).ok_or_else(|| fail("the font".into()))?;
    let grey = Fill {
        paint: rgb::Color::new(90, 90, 90).into(),
        ..Fill::default()
    };
    let rule = Stroke {
        paint: rgb::Color::new(160, 160, 160).into(),
        width: 0.6,
        ..Stroke::default()
    };
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("售后举证材料 Evidence pack · {ticket}"))
            .language("zh-CN".into())
            .creator("Returns".into()),
    );
    let total = pages.len();
    let settings =
        || PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| fail("the page size".into()));
    for (n, items) in pages.into_iter().enumerate() {
        let mut page = document.start_page_with(settings()?);
        let mut surface = page.surface();
        for item in items {
            match item {
                Item::Text {
                    x,
                    y,
                    size,
                    text,
                    grey: is_grey,
                } => {
                    surface.set_fill(Some(if is_grey {
                        grey.clone()
                    } else {
                        Fill::default()
                    }));
                    surface.draw_text(
                        Point::from_xy(x, y),
                        font.clone(),
                        size,
                        &text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Item::Rule { x1, x2, y } => stroke(&mut surface, &rule, &[(x1, y), (x2, y)], false),
                Item::Frame { x, y, w, h } => stroke(
                    &mut surface,
                    &rule,
                    &[(x, y), (x + w, y), (x + w, y + h), (x, y + h)],
                    true,
                ),
                Item::Photo { x, y, w, h, image } => {
                    if let Some(size) = Size::from_wh(w, h) {
                        surface.push_transform(&Transform::from_translate(x, y));
                        surface.draw_image(image, size);
                        surface.pop();
                    }
                }
            }
        }
        let short: String = head_hash.chars().take(16).collect();
        surface.set_fill(Some(grey.clone()));
        surface.draw_text(
            Point::from_xy(MARGIN, PAGE_H - MARGIN + 6.0),
            font.clone(),
            SMALL,
            &format!(
                "第 {} / {total} 页  Page {} of {total}  ·  工单 Ticket {ticket}  ·  最新哈希 head {short}…",
                n + 1,
                n + 1
            ),
            false,
            TextDirection::Auto,
        );
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| fail(format!("{e:?}")))
}

/// The first page of `pdf` as a PNG of at most `max_bytes`, at the
/// sharpest of a few scales that fits.
pub fn first_page_png(pdf: &[u8], max_bytes: usize) -> Option<Vec<u8>> {
    let document = hayro::hayro_syntax::Pdf::new(pdf.to_vec()).ok()?;
    for scale in [2.0, 1.5, 1.0, 0.75] {
        let page = hayro::render_pdf(
            &document,
            scale,
            hayro::hayro_interpret::InterpreterSettings::default(),
            &hayro::RenderSettings::default(),
            Some(0..=0),
        )?
        .into_iter()
        .next()?;
        let png = page.into_png().ok()?;
        if png.len() <= max_bytes {
            return Some(png);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure() -> Measure<'static> {
        Measure {
            font: FontRef::new(FONT).expect("the embedded font parses"),
        }
    }

    #[test]
    fn chinese_breaks_between_characters_and_latin_at_spaces() {
        let m = measure();
        let lines = m.wrap(
            "质检结论：外包装破损，商品有使用痕迹 the box was opened and used",
            9.0,
            90.0,
        );
        assert!(lines.len() > 2, "{lines:?}");
        for line in &lines {
            assert!(
                m.width(line, 9.0) <= 90.0 + 0.01,
                "{line:?} is wider than the column"
            );
        }
        assert_eq!(
            lines.concat().replace(' ', ""),
            "质检结论：外包装破损，商品有使用痕迹theboxwasopenedandused"
        );
        assert!(
            lines.iter().any(|l| l.contains("opened")),
            "a Latin word stays whole: {lines:?}"
        );
    }

    #[test]
    fn a_hash_wider_than_its_column_breaks_inside() {
        let m = measure();
        let hash = "a".repeat(64);
        let lines = m.wrap(&hash, 9.0, 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), hash);
    }

    #[test]
    fn money_is_written_in_its_currency_from_minor_units() {
        let cny = serde_json::json!({"amount_minor": 11980, "currency": "CNY"});
        assert_eq!(money_text(&cny).as_deref(), Some("CNY 119.80"));
        let jpy = serde_json::json!({"amount_minor": 500, "currency": "JPY"});
        assert_eq!(money_text(&jpy).as_deref(), Some("JPY 500"));
        let minus = serde_json::json!({"amount_minor": -5, "currency": "CNY"});
        assert_eq!(money_text(&minus).as_deref(), Some("CNY -0.05"));
    }

    #[test]
    fn every_event_type_has_its_names() {
        let names = event_names();
        for kind in returns_domain::Event::TYPES {
            assert!(
                names.contains_key(kind),
                "{kind} has no name in console/src/event-names.json"
            );
        }
    }
}
