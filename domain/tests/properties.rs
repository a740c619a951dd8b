//! Property tests: random command sequences against each ticket kind.
//!
//! Commands are drawn mostly from what the ticket allows now (so runs get
//! deep into the main line) and sometimes from every kind (so refusals are
//! exercised too), with quantities and amounts that sometimes overshoot.
#![allow(clippy::unwrap_used, clippy::expect_used)]
// `is_multiple_of` needs Rust 1.87; the workspace promises 1.85.
#![allow(clippy::manual_is_multiple_of)]

mod common;

use std::collections::BTreeMap;

use common::*;
use proptest::prelude::*;
use returns_domain::command::*;
use returns_domain::ticket::*;
use returns_domain::*;

/// One random step: which command, and raw material for its fields.
#[derive(Debug, Clone)]
struct Step {
    pick_allowed: bool,
    selector: usize,
    a: u32,
    b: u32,
    amount: i64,
}

fn step() -> impl Strategy<Value = Step> {
    (
        prop::bool::weighted(0.85),
        0usize..1000,
        0u32..64,
        0u32..64,
        0i64..30_000,
    )
        .prop_map(|(pick_allowed, selector, a, b, amount)| Step {
            pick_allowed,
            selector,
            a,
            b,
            amount,
        })
}

fn kind() -> impl Strategy<Value = TicketKind> {
    prop::sample::select(TicketKind::ALL.to_vec())
}

fn line_id(n: u32) -> String {
    if n % 2 == 0 { "L1" } else { "L2" }.to_owned()
}

fn refund_id(state: &TicketState, n: u32) -> uuid::Uuid {
    // Mostly an existing refund, sometimes a new or unknown id.
    if !state.refunds.is_empty() && n % 4 != 0 {
        state.refunds[(n as usize) % state.refunds.len()].refund_id
    } else {
        id(u128::from(n % 5) + 1)
    }
}

fn command_for(
    kind: CommandKind,
    ticket_kind: TicketKind,
    state: &TicketState,
    s: &Step,
    t: i64,
) -> Command {
    let now = at(t);
    match kind {
        CommandKind::OpenTicket => open(ticket_kind),
        CommandKind::ApproveApplication => {
            // Sometimes approve with the other kind's shape to hit validation.
            let shape = if s.a % 5 == 0 {
                TicketKind::RefundOnly
            } else {
                ticket_kind
            };
            approve(shape)
        }
        CommandKind::RejectApplication => Command::RejectApplication(RejectApplication {
            reason: "no".into(),
            reason_code: None,
            at: now,
        }),
        CommandKind::RegisterReturnShipment => register_shipment(),
        CommandKind::ReceiveReturn => {
            let mut lines = vec![ReceivedLine {
                line_id: line_id(s.a),
                qty: s.b % 4,
            }];
            if s.a % 3 == 0 {
                lines.push(ReceivedLine {
                    line_id: line_id(s.a + 1),
                    qty: (s.b / 4) % 3,
                });
            }
            Command::ReceiveReturn(ReceiveReturn {
                lines,
                package_condition: PackageCondition::Intact,
                at: now,
            })
        }
        CommandKind::ReceiveMatchedParcel => {
            // The same parcel again now and then, which must be refused.
            Command::ReceiveMatchedParcel(ReceiveMatchedParcel {
                parcel_id: id(u128::from(s.a % 3) + 100),
                carrier: "SF".into(),
                tracking_number: format!("SF-POOL-{}", s.a % 3),
                matched_by: returns_domain::parcel::MatchedBy::Automatic,
                lines: if s.b % 2 == 0 {
                    Vec::new()
                } else {
                    vec![ReceivedLine {
                        line_id: line_id(s.a),
                        qty: s.b % 4,
                    }]
                },
                package_condition: PackageCondition::Intact,
                at: now,
            })
        }
        CommandKind::ConfirmPlatformAction => {
            Command::ConfirmPlatformAction(ConfirmPlatformAction {
                // Now and then a number the ticket never asked for.
                seq: s.a % 3,
                at: now,
            })
        }
        CommandKind::RecordEvidenceSubmission => {
            Command::RecordEvidenceSubmission(RecordEvidenceSubmission {
                via: SubmissionVia::BackOffice,
                sent: Vec::new(),
                // Now and then not a digest, which must be refused.
                pack_sha256: if s.a % 5 == 0 {
                    "not-a-digest".into()
                } else {
                    format!("{:064x}", s.b)
                },
                at: now,
            })
        }
        CommandKind::RecordInspection => {
            let inspected = s.b % 4;
            let accepted = (s.b / 4) % 4;
            let verdict = if (accepted > 0) != (s.a % 7 == 0) {
                Verdict::Pass
            } else {
                Verdict::Fail
            };
            let deduction = if verdict == Verdict::Pass {
                s.amount % 12_000
            } else {
                0
            };
            Command::RecordInspection(RecordInspection {
                line_id: line_id(s.a),
                qty_inspected: inspected,
                qty_accepted: accepted,
                grade: Grade::Opened,
                verdict,
                deduction: fen(deduction),
                notes: String::new(),
                photo_refs: vec![],
                at: now,
            })
        }
        CommandKind::CompleteInspection => {
            Command::CompleteInspection(CompleteInspection { at: now })
        }
        CommandKind::SendInspectionFeedback => {
            Command::SendInspectionFeedback(SendInspectionFeedback {
                message: "result".into(),
                at: now,
            })
        }
        CommandKind::DisputeInspection => dispute(),
        CommandKind::RequestRefund => {
            // Aim near the remaining amount so both sides of the limit are hit.
            let remaining = state.remaining_refundable_minor();
            let amount = match s.a % 3 {
                0 => remaining,
                1 => remaining + 1,
                _ => s.amount % (remaining.max(1) + 1),
            };
            Command::RequestRefund(RequestRefund {
                refund_id: id(u128::from(s.b % 6) + 1),
                amount: fen(amount),
                at: now,
            })
        }
        CommandKind::ApproveRefund => approve_refund(refund_id(state, s.a)),
        CommandKind::IssueRefund => issue_refund(refund_id(state, s.a)),
        CommandKind::RecordRefundFailure => fail_refund(refund_id(state, s.a)),
        CommandKind::ShipReplacement => ship_replacement(),
        CommandKind::ReturnGoodsToCustomer => return_goods(),
        CommandKind::CloseTicket => {
            let resolutions = [
                Resolution::Refunded,
                Resolution::Exchanged,
                Resolution::Rejected,
                Resolution::RejectedAfterInspection,
                Resolution::Expired,
                Resolution::ResolvedWithoutReturn,
            ];
            close(resolutions[(s.a as usize) % resolutions.len()])
        }
        CommandKind::CancelTicket => cancel(),
        CommandKind::AssignTicket => Command::AssignTicket(AssignTicket {
            assignee: (s.a % 3 != 0).then(|| format!("agent_{}", s.b % 3)),
            at: now,
        }),
        CommandKind::AddNote => note("n"),
        CommandKind::UpdateCustomFields => Command::UpdateCustomFields(UpdateCustomFields {
            fields: BTreeMap::from([(
                format!("k{}", s.a % 3),
                if s.b % 3 == 0 {
                    serde_json::Value::Null
                } else {
                    serde_json::json!(s.b)
                },
            )]),
            at: now,
        }),
        CommandKind::ScheduleFollowUp => Command::ScheduleFollowUp(ScheduleFollowUp {
            follow_up_id: id(u128::from(10 + s.a % 3)),
            due_at: at(1_000_000),
            purpose: "call".into(),
            at: now,
        }),
        CommandKind::CompleteFollowUp => Command::CompleteFollowUp(CompleteFollowUp {
            follow_up_id: id(u128::from(10 + s.a % 3)),
            outcome: "done".into(),
            at: now,
        }),
        CommandKind::RecordMissedDeadline => Command::RecordMissedDeadline(RecordMissedDeadline {
            deadline: if s.a % 2 == 0 {
                DeadlineKind::Review
            } else {
                DeadlineKind::ShipBack
            },
            at: at(100 * 24 * 60),
        }),
        CommandKind::RecordPlatformApproval => {
            Command::RecordPlatformApproval(RecordPlatformApproval {
                platform: "douyin".into(),
                at: now,
            })
        }
        CommandKind::RecordPlatformRefund => Command::RecordPlatformRefund(RecordPlatformRefund {
            refund_id: refund_id(state, s.a + 3),
            platform: "douyin".into(),
            amount: fen(s.amount % 30_000),
            reference: "DY-REF".into(),
            at: now,
        }),
        CommandKind::RecordPlatformSyncIssue => {
            Command::RecordPlatformSyncIssue(RecordPlatformSyncIssue {
                issue: if s.a % 2 == 0 {
                    PlatformSyncIssueKind::Pending
                } else {
                    PlatformSyncIssueKind::Conflict
                },
                platform: "douyin".into(),
                platform_version: Some(i64::from(s.b)),
                platform_status: Some("return_shipped".into()),
                details: vec!["tracking number missing".into()],
                at: now,
            })
        }
        CommandKind::ResolvePlatformSync => Command::ResolvePlatformSync(ResolvePlatformSync {
            note: "checked".into(),
            at: now,
        }),
        CommandKind::RecordPlatformDeadline => {
            Command::RecordPlatformDeadline(RecordPlatformDeadline {
                platform: "douyin".into(),
                platform_status: Some("awaiting_seller".into()),
                due_at: at(48 * 60),
                at: now,
            })
        }
        CommandKind::RecordPlatformDeadlineNear => {
            Command::RecordPlatformDeadlineNear(RecordPlatformDeadlineNear {
                due_at: state
                    .platform_deadline
                    .as_ref()
                    .map_or(at(48 * 60), |d| d.due_at),
                at: now,
            })
        }
        CommandKind::RecordPlatformArbitration => {
            // Opens while none is open, then decides it.
            let open = state.arbitration.as_ref().is_some_and(|a| a.open);
            Command::RecordPlatformArbitration(RecordPlatformArbitration {
                platform: "douyin".into(),
                stage: if open {
                    ArbitrationStage::ForBuyer
                } else {
                    ArbitrationStage::Open
                },
                platform_status: None,
                due_at: Some(at(72 * 60)),
                at: now,
            })
        }
        CommandKind::RecordPlatformConfirmation => {
            // Now and then an action the ticket never asked for.
            Command::RecordPlatformConfirmation(RecordPlatformConfirmation {
                seqs: vec![s.a % 3],
                platform_status: "succeeded".into(),
                platform_version: Some(i64::from(s.b)),
                at: now,
            })
        }
        CommandKind::RecordPlatformActionOutcome => {
            // Each answer in turn, now and then for an action never asked for.
            let outcome = match s.b % 3 {
                0 => PlatformActionOutcome::Succeeded {
                    platform_version: Some(i64::from(s.b)),
                    reference: Some("log-1".into()),
                    already_done: s.a % 2 == 0,
                },
                1 => PlatformActionOutcome::Refused {
                    code: "isv.refund-status-error".into(),
                    message: "退款状态不允许操作".into(),
                },
                _ => PlatformActionOutcome::NeedsPerson {
                    reason: "back_office_only".into(),
                    code: Some("11001".into()),
                    message: "请到商家后台操作".into(),
                },
            };
            Command::RecordPlatformActionOutcome(RecordPlatformActionOutcome {
                seq: s.a % 3,
                outcome,
                at: now,
            })
        }
        CommandKind::RecordPlatformCorrection => {
            // A corrected waybill (numbered by the step, so it sometimes
            // repeats the one recorded) and sometimes a corrected phone.
            Command::RecordPlatformCorrection(RecordPlatformCorrection {
                platform: "douyin".into(),
                return_shipment: Some(CorrectedWaybill {
                    carrier: "SF".into(),
                    tracking_number: format!("SF{}", s.b % 3),
                }),
                customer_phone: (s.b % 2 == 0).then(|| "13812340000".into()),
                customer_address: None,
                at: now,
            })
        }
        CommandKind::StatePriceDifference => state_difference(match s.a % 3 {
            0 => PAID_TOTAL,
            1 => PAID_TOTAL + 1,
            _ => s.amount % PAID_TOTAL + 1,
        }),
        CommandKind::ShipReshipment => ship_reshipment(),
        CommandKind::ConfirmReshipmentReceived => confirm_reshipment(ReceiptBy::Buyer),
        CommandKind::RecordRepair => record_repair(
            [
                RepairMethod::Workshop,
                RepairMethod::PartsSent,
                RepairMethod::Visit,
            ][(s.a as usize) % 3],
        ),
        CommandKind::ShipRepairedGoods => ship_repaired_goods(),
        CommandKind::ConvertTicket => {
            // Mostly the conversion that fits, sometimes any, with an
            // amount on both sides of the limit.
            let fitting: Vec<Conversion> = Conversion::ALL
                .into_iter()
                .filter(|c| state.conversion_fits(*c))
                .collect();
            let conversion = if s.b % 4 != 0 && !fitting.is_empty() {
                fitting[(s.b as usize) % fitting.len()]
            } else {
                Conversion::ALL[(s.b as usize) % Conversion::ALL.len()]
            };
            let amount = match s.a % 3 {
                0 => state.refundable_minor.max(1),
                1 => PAID_TOTAL + 1,
                _ => s.amount % PAID_TOTAL + 1,
            };
            convert(conversion, conversion.to_refund().then_some(amount))
        }
        CommandKind::MakeCounterOffer => {
            let fitting: Vec<Conversion> = Conversion::ALL
                .into_iter()
                .filter(|c| state.conversion_fits(*c))
                .collect();
            let amount = match s.a % 3 {
                0 => PAID_TOTAL,
                1 => state.refundable_minor.max(1),
                _ => s.amount % PAID_TOTAL + 1,
            };
            let made = match s.b % 3 {
                0 => CounterOffer::PartialRefund {
                    amount: fen(amount),
                },
                1 => {
                    let conversion = fitting
                        .get((s.a as usize) % fitting.len().max(1))
                        .copied()
                        .unwrap_or(Conversion::ALL[(s.a as usize) % Conversion::ALL.len()]);
                    CounterOffer::Conversion {
                        conversion,
                        refund_amount: conversion.to_refund().then(|| fen(amount)),
                    }
                }
                _ => CounterOffer::ReturnAddress { address: address() },
            };
            // Ids repeat across steps, so some offers reuse a settled one's id.
            Command::MakeCounterOffer(MakeCounterOffer {
                offer_id: id(100 + u128::from(s.a % 3)),
                offer: made,
                respond_by: at(t + 60),
                note: "offer".into(),
                at: now,
            })
        }
        CommandKind::RecordOfferAnswer => Command::RecordOfferAnswer(RecordOfferAnswer {
            offer_id: state
                .open_offer()
                .map_or(id(100 + u128::from(s.a % 3)), |n| n.offer_id),
            answer: if s.b % 2 == 0 {
                OfferAnswer::Accepted
            } else {
                OfferAnswer::Declined
            },
            at: now,
        }),
        CommandKind::ChooseReplacementVariant => {
            // Cheaper, dearer or the same price; sometimes the returned SKU
            // itself, or more back than the line cost (both refused).
            let sku = if s.a % 7 == 0 {
                "SKU-TEE-M"
            } else {
                "SKU-TEE-L"
            };
            let difference = match s.b % 4 {
                0 => -(s.amount % 20_000),
                1 => s.amount % 5_000,
                2 => 0,
                _ => -19_999,
            };
            Command::ChooseReplacementVariant(ChooseReplacementVariant {
                line_id: line_id(s.a),
                sku: sku.into(),
                name: "variant".into(),
                price_difference: fen(difference),
                at: now,
            })
        }
        CommandKind::ExpireCounterOffer => {
            let open = state.open_offer();
            Command::ExpireCounterOffer(ExpireCounterOffer {
                offer_id: open.map_or(id(100), |n| n.offer_id),
                // At the deadline, or (refused) before it.
                at: open.map_or(now, |n| {
                    if s.b % 4 == 0 {
                        n.made_at
                    } else {
                        n.respond_by
                    }
                }),
            })
        }
    }
}

/// Mostly a step forward on the main line, sometimes a side command, sometimes anything.
fn choose(state: &TicketState, s: &Step) -> CommandKind {
    let allowed = state.allowed_commands();
    if !s.pick_allowed || allowed.is_empty() {
        return CommandKind::ALL[s.selector % CommandKind::ALL.len()];
    }
    let side = [
        CommandKind::AssignTicket,
        CommandKind::AddNote,
        CommandKind::UpdateCustomFields,
        CommandKind::ScheduleFollowUp,
        CommandKind::CompleteFollowUp,
        CommandKind::CancelTicket,
        CommandKind::RecordMissedDeadline,
        CommandKind::RejectApplication,
        CommandKind::DisputeInspection,
        // A platform's later record, not a step of the main line.
        CommandKind::RecordPlatformCorrection,
        CommandKind::RecordPlatformConfirmation,
        CommandKind::RecordPlatformActionOutcome,
    ];
    let forward: Vec<CommandKind> = allowed
        .iter()
        .copied()
        .filter(|k| !side.contains(k))
        .collect();
    if s.selector % 5 != 0 && !forward.is_empty() {
        forward[(s.selector / 5) % forward.len()]
    } else {
        allowed[s.selector % allowed.len()]
    }
}

fn check_invariants(state: &TicketState) -> Result<(), TestCaseError> {
    prop_assert!(
        state.refunded_minor() <= state.refundable_minor,
        "refunded > refundable: {state:?}"
    );
    prop_assert!(
        state.committed_refund_minor() <= state.refundable_minor,
        "committed > refundable"
    );
    prop_assert!(state.refundable_minor <= PAID_TOTAL, "refundable > paid");
    prop_assert!(state.refundable_minor >= 0);
    for line in &state.lines {
        prop_assert!(
            line.qty_received <= line.qty_applied(),
            "received > applied: {line:?}"
        );
        prop_assert!(
            line.qty_inspected() <= line.qty_received,
            "inspected > received: {line:?}"
        );
        prop_assert!(
            line.qty_accepted() <= line.qty_inspected(),
            "accepted > inspected: {line:?}"
        );
    }
    if state.kind() == Some(TicketKind::RefundOnly) {
        prop_assert_eq!(state.quantities().received, 0);
    }
    // Only a conversion gives a kind the other's outcome; an exchange for a
    // cheaper variant is refunded the difference beside it, never more.
    if matches!(
        state.kind(),
        Some(TicketKind::Exchange | TicketKind::Reship | TicketKind::Repair)
    ) && !state.converted_to_refund()
    {
        if state.refunds_beside_main_line() && state.variant_difference_minor() < 0 {
            let asked: i64 = state
                .refunds
                .iter()
                .filter(|r| r.status != RefundStatus::Failed)
                .map(|r| r.amount.amount_minor)
                .sum();
            prop_assert!(
                asked <= -state.variant_difference_minor(),
                "a cheaper variant refunds its difference only: {asked} of {}",
                -state.variant_difference_minor()
            );
        } else {
            prop_assert!(state.refunds.is_empty());
        }
    }
    if state.kind() != Some(TicketKind::Exchange) && !state.converted_to_exchange() {
        prop_assert!(state.replacement_shipment.is_none());
    }
    if !state.kind().is_some_and(|k| k.may_take_goods_back()) {
        prop_assert_eq!(state.quantities().received, 0);
    }
    if let Some(c) = &state.conversion {
        prop_assert_eq!(Some(c.conversion.from_kind()), state.kind());
    }
    Ok(())
}

fn run(ticket_kind: TicketKind, steps: &[Step]) -> Result<(), TestCaseError> {
    let mut state = TicketState::default();
    let mut history: Vec<Event> = vec![];
    for (t, s) in steps.iter().enumerate() {
        let allowed = state.allowed_commands();
        // The resolutions a close form offers are exactly those `decide`
        // accepts, in every reachable state.
        let offered = state.allowed_resolutions();
        for resolution in Resolution::ALL {
            let accepted = decide(&state, &close(resolution)).is_ok();
            prop_assert_eq!(
                accepted,
                offered.contains(&resolution),
                "{:?} offered/accepted disagree on {:?}",
                resolution,
                state.status
            );
        }
        let kind = choose(&state, s);
        let command = command_for(kind, ticket_kind, &state, s, t as i64 + 1);
        match decide(&state, &command) {
            Ok(events) => {
                prop_assert!(state.allows(kind), "{kind} accepted though not allowed");
                prop_assert!(!events.is_empty());
                // Nothing after close except notes and follow-ups (after-sale
                // care); nothing after cancel except notes. Either way an
                // offer left open still runs out: that records time passing
                // and moves neither goods nor money.
                match state.status {
                    TicketStatus::Closed => prop_assert!(
                        events.iter().all(|e| matches!(
                            e,
                            Event::NoteAdded(_)
                                | Event::FollowUpScheduled(_)
                                | Event::FollowUpCompleted(_)
                                | Event::CounterOfferExpired(_)
                        )),
                        "after close only notes and follow-ups: {events:?}"
                    ),
                    TicketStatus::Cancelled => prop_assert!(
                        events.iter().all(|e| matches!(
                            e,
                            Event::NoteAdded(_) | Event::CounterOfferExpired(_)
                        )),
                        "after cancel only notes: {events:?}"
                    ),
                    _ => {}
                }
                for event in &events {
                    if let Event::RefundIssued(e) = event {
                        let before = state.refund(e.refund_id).map(|r| r.status);
                        prop_assert_ne!(before, Some(RefundStatus::Issued), "issued twice");
                    }
                }
                let stepped = events.iter().fold(state.clone(), evolve);
                if state.status.is_terminal() {
                    prop_assert_eq!(stepped.status, state.status, "an ended ticket reopened");
                    prop_assert_eq!(&stepped.resolution, &state.resolution);
                }
                history.extend(events);
                let replayed = TicketState::fold(&history);
                prop_assert_eq!(
                    &stepped,
                    &replayed,
                    "evolve over decide differs from a full fold"
                );
                prop_assert_eq!(stepped.version, history.len() as u64);
                state = stepped;
                check_invariants(&state)?;
            }
            Err(DomainError::InvalidTransition {
                allowed: listed, ..
            }) => {
                prop_assert!(!state.allows(kind) || kind == CommandKind::OpenTicket);
                prop_assert_eq!(listed, allowed);
            }
            Err(DomainError::AlreadyExists { what: "ticket", .. }) => {
                prop_assert_eq!(kind, CommandKind::OpenTicket);
            }
            Err(_) => prop_assert!(
                state.allows(kind),
                "{kind} refused for data though not allowed"
            ),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_histories_keep_every_invariant(kind in kind(), steps in prop::collection::vec(step(), 1..60)) {
        run(kind, &steps)?;
    }

    #[test]
    fn refund_only_histories_keep_every_invariant(steps in prop::collection::vec(step(), 1..40)) {
        run(TicketKind::RefundOnly, &steps)?;
    }

    #[test]
    fn exchange_histories_keep_every_invariant(steps in prop::collection::vec(step(), 1..60)) {
        run(TicketKind::Exchange, &steps)?;
    }

    #[test]
    fn return_and_refund_histories_keep_every_invariant(steps in prop::collection::vec(step(), 1..60)) {
        run(TicketKind::ReturnAndRefund, &steps)?;
    }
}

/// The commands workflows issue on their own (auto-refund, payout,
/// auto-close, deadlines, queues, follow-ups), as `workflows/src/process/`
/// issues them.
const WORKFLOW_COMMANDS: [CommandKind; 10] = [
    CommandKind::RequestRefund,
    CommandKind::ApproveRefund,
    CommandKind::IssueRefund,
    CommandKind::RecordRefundFailure,
    CommandKind::AssignTicket,
    CommandKind::ScheduleFollowUp,
    CommandKind::RecordMissedDeadline,
    CommandKind::ApproveApplication,
    CommandKind::CloseTicket,
    CommandKind::ExpireCounterOffer,
];

/// Pairs (a person's step, a workflow's command) where the workflow's
/// command taking the step away is the rule, not a race: the two are
/// alternative outcomes of one decision, or the workflow did the step
/// itself. Every entry says why.
fn taken_away_by_rule(person: CommandKind, workflow: CommandKind) -> bool {
    use CommandKind as C;
    person == workflow
        // Closing ends the main line by definition.
        || workflow == C::CloseTicket
        // Approve and reject answer the same review.
        || (person == C::RejectApplication && workflow == C::ApproveApplication)
        // A payout is issued or it fails: one outcome per attempt.
        || (person == C::RecordRefundFailure && workflow == C::IssueRefund)
        || (person == C::IssueRefund && workflow == C::RecordRefundFailure)
        // Approving the only requested refund leaves none to approve.
        || (person == C::ApproveRefund && workflow == C::IssueRefund)
        // Once money moves the inspection it was based on is final
        // (DESIGN: refunds never exceed what the inspection allowed).
        || (person == C::DisputeInspection
            && matches!(workflow, C::RequestRefund | C::ApproveRefund | C::IssueRefund))
        // A refund requested by the workflow for the whole refundable amount
        // leaves nothing for finance to request.
        || (person == C::RequestRefund && matches!(workflow, C::ApproveRefund | C::IssueRefund))
        // A ticket with a refund under way is closed or cancelled only once
        // the money has settled: ending it earlier would strand a payout.
        || (matches!(person, C::CloseTicket | C::CancelTicket)
            && matches!(workflow, C::RequestRefund | C::ApproveRefund))
        // Missed deadlines only record that time ran out.
        || (person == C::RecordMissedDeadline)
        // Approval fixes the stated price difference it approved.
        || (person == C::StatePriceDifference && workflow == C::ApproveApplication)
        // An offer that ran out takes no answer: expiry and the answer are
        // the two ends of the same offer.
        || (person == C::RecordOfferAnswer && workflow == C::ExpireCounterOffer)
        // A partial refund is offered before any money moves; once a refund
        // is under way the offer would contradict it.
        || (person == C::MakeCounterOffer
            && matches!(workflow, C::RequestRefund | C::ApproveApplication))
}

/// After any history, for every step a person may take now and every
/// command a workflow may issue now: the workflow acting first must leave
/// the person's step possible (the race of issue 12 item 7: feedback
/// refused because auto-refund moved the ticket on a moment earlier).
fn workflow_never_takes_a_persons_step(
    ticket_kind: TicketKind,
    steps: &[Step],
) -> Result<(), TestCaseError> {
    let person_roles = [Role::CustomerService, Role::Warehouse, Role::Finance];
    let mut state = TicketState::default();
    for (t, s) in steps.iter().enumerate() {
        let persons: Vec<CommandKind> = state
            .next_actions()
            .into_iter()
            .filter(|a| a.roles.iter().any(|r| person_roles.contains(r)))
            .map(|a| a.command)
            .collect();
        for workflow in WORKFLOW_COMMANDS {
            if !state.allows(workflow) {
                continue;
            }
            let command = command_for(workflow, ticket_kind, &state, s, t as i64 + 1);
            let Ok(events) = decide(&state, &command) else {
                continue;
            };
            let after = events.iter().fold(state.clone(), evolve);
            for &person in &persons {
                if taken_away_by_rule(person, workflow) {
                    continue;
                }
                prop_assert!(
                    after.allows(person),
                    "{workflow} by a workflow took {person} away from a person in {:?}",
                    state.status
                );
            }
        }
        let kind = choose(&state, s);
        let command = command_for(kind, ticket_kind, &state, s, t as i64 + 1);
        if let Ok(events) = decide(&state, &command) {
            state = events.iter().fold(state, evolve);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn workflows_never_take_a_persons_step_away(kind in kind(), steps in prop::collection::vec(step(), 1..60)) {
        workflow_never_takes_a_persons_step(kind, &steps)?;
    }
}

/// Guards the generator: without it the properties could pass by never
/// reaching refunds or closing, and say nothing.
#[test]
fn the_generator_reaches_the_end_of_the_main_line() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut closed = 0;
    let mut issued = 0;
    let mut replaced = 0;
    // 600 runs: at 300, exchanges that reach the replacement were few
    // enough (about 5) for a new command to tip the guard by chance.
    for _ in 0..600 {
        for ticket_kind in TicketKind::ALL {
            let steps = prop::collection::vec(step(), 60)
                .new_tree(&mut runner)
                .unwrap()
                .current();
            let mut state = TicketState::default();
            for (t, s) in steps.iter().enumerate() {
                let kind = choose(&state, s);
                let command = command_for(kind, ticket_kind, &state, s, t as i64 + 1);
                if let Ok(events) = decide(&state, &command) {
                    state = events.iter().fold(state, evolve);
                }
            }
            closed += usize::from(state.status == TicketStatus::Closed);
            issued += usize::from(state.refunded_minor() > 0);
            replaced += usize::from(state.replacement_shipment.is_some());
        }
    }
    println!("closed {closed}, issued {issued}, replaced {replaced}");
    assert!(closed > 40, "closed {closed}");
    assert!(issued > 40, "issued {issued}");
    assert!(replaced > 5, "replaced {replaced}");
}

/// Every string (or absent optional) of every command's input is classified,
/// as the events' are (`golden.rs`): personal, naming the event field it is
/// recorded in (which must itself be personal, so it is encrypted), or not
/// personal. A command's input is hashed into its fingerprint and may reach
/// logs and errors, so a new command or field fails here until someone
/// decides which it is. Every kind is built by the generator above, whose
/// match is exhaustive: a new command cannot be missed.
#[test]
fn every_string_field_of_every_command_is_classified_as_personal_or_not() {
    use returns_domain::personal::{personal_fields, NOT_PERSONAL_INPUTS, PERSONAL_INPUTS};

    fn leaves(value: &serde_json::Value, path: String, out: &mut Vec<(String, serde_json::Value)>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, inner) in map {
                    let sep = if path.is_empty() { "" } else { "." };
                    leaves(inner, format!("{path}{sep}{key}"), out);
                }
            }
            serde_json::Value::Array(items) => {
                for inner in items {
                    leaves(inner, format!("{path}[]"), out);
                }
            }
            other => out.push((path, other.clone())),
        }
    }
    fn shaped_like_data(s: &str) -> bool {
        chrono::DateTime::parse_from_rfc3339(s).is_ok() || uuid::Uuid::parse_str(s).is_ok()
    }

    let mut unclassified = Vec::new();
    let step = Step {
        pick_allowed: true,
        selector: 0,
        a: 1,
        b: 2,
        amount: 500,
    };
    for ticket_kind in [TicketKind::ReturnAndRefund, TicketKind::Exchange] {
        let state = TicketState::default();
        for kind in CommandKind::ALL {
            let command = command_for(kind, ticket_kind, &state, &step, 10);
            let mut found = Vec::new();
            leaves(
                &serde_json::to_value(&command).unwrap(),
                String::new(),
                &mut found,
            );
            for (path, value) in found {
                let could_hold_text = match &value {
                    serde_json::Value::String(s) => !shaped_like_data(s),
                    serde_json::Value::Null => true,
                    _ => false,
                };
                if !could_hold_text {
                    continue;
                }
                let full = format!("{}.{path}", kind.name());
                let wildcard = |listed: &str| {
                    listed == full
                        || listed == format!("*.{path}")
                        || listed
                            .strip_suffix(".*")
                            .is_some_and(|prefix| full.starts_with(&format!("{prefix}.")))
                };
                let personal: Vec<_> = PERSONAL_INPUTS
                    .iter()
                    .filter(|(i, _)| wildcard(i))
                    .collect();
                let not_personal = NOT_PERSONAL_INPUTS.iter().any(|n| wildcard(n));
                if personal.len() + usize::from(not_personal) != 1 {
                    unclassified.push(format!(
                        "{full} (personal: {}, not personal: {not_personal})",
                        personal.len()
                    ));
                }
                for (_, recorded) in personal {
                    let (event_type, field) = recorded.split_once('.').unwrap_or_default();
                    if !personal_fields(event_type).any(|f| f.path == field) {
                        unclassified.push(format!(
                            "{full} is recorded in {recorded}, which is not a personal field"
                        ));
                    }
                }
            }
        }
    }
    for (input, recorded) in PERSONAL_INPUTS {
        let (event_type, field) = recorded.split_once('.').unwrap_or_default();
        if !personal_fields(event_type).any(|f| f.path == field) {
            unclassified.push(format!(
                "{input} is recorded in {recorded}, which is not a personal field"
            ));
        }
    }
    unclassified.sort();
    unclassified.dedup();
    assert!(
        unclassified.is_empty(),
        "classify each in returns_domain::personal (PERSONAL_INPUTS or NOT_PERSONAL_INPUTS), exactly once: {unclassified:#?}"
    );
}
