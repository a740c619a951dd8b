// Customer service opens a ticket for an application taken by phone or
// chat: the customer, the reason, and the lines with what was paid (yuan).
import { Plus, Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { commandId, request } from "../api";
import { navigate, useApp } from "../app-context";
import { graphql } from "../gql";
import type { TicketKind } from "../gql/graphql";
import { parseMoney } from "../i18n";
import { EnumSelect, ErrorNote, Field, MoneyInput } from "./common";

const Open = graphql(`
  mutation OpenTicketForm($cmd: UUID!, $input: OpenTicketInput!) {
    openTicket(commandId: $cmd, input: $input) { ticket { id } }
  }
`);

interface Line {
  sku: string;
  name: string;
  qty: string;
  paid: string;
}
const EMPTY_LINE: Line = { sku: "", name: "", qty: "1", paid: "" };

export function OpenTicketScreen() {
  const { t, err } = useApp();
  const [kind, setKind] = useState<TicketKind>("RETURN_AND_REFUND");
  const [channel, setChannel] = useState("manual");
  const [order, setOrder] = useState("");
  const [customer, setCustomer] = useState("");
  const [phone, setPhone] = useState("");
  const [address, setAddress] = useState("");
  const [reasonCode, setReasonCode] = useState("quality_issue");
  const [reasonText, setReasonText] = useState("");
  const [lines, setLines] = useState<Line[]>([{ ...EMPTY_LINE }]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One command id per form: a retry after a lost answer opens the same ticket.
  const [cmd] = useState(commandId);
  const lineError = (l: Line) => (parseMoney(l.paid) === null ? t("moneyInvalid") : null);
  const qtyOk = (l: Line) => /^[1-9]\d{0,3}$/.test(l.qty.trim());
  const invalid = lines.some((l) => lineError(l) !== null || !qtyOk(l));
  const setLine = (i: number, patch: Partial<Line>) => setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (invalid) return;
    setBusy(true);
    try {
      const opened = await request(Open, {
        cmd,
        input: {
          kind,
          channel,
          platformOrderId: order.trim() || null,
          customer: customer.trim(),
          customerPhone: phone.trim() || null,
          customerAddress: address.trim() || null,
          reasonCode,
          reasonText,
          currency: "CNY",
          lines: lines.map((l, i) => ({
            lineId: `L${i + 1}`,
            sku: l.sku.trim(),
            name: l.name.trim(),
            qty: Number(l.qty),
            paid: { amountMinor: parseMoney(l.paid) ?? 0, currency: "CNY" },
          })),
        },
      });
      navigate(`/ticket/${opened.openTicket.ticket.id}`);
    } catch (failure) {
      setError(err(failure));
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="open-title">
      <h1 id="open-title">{t("openTicket")}</h1>
      <form className="action wide" aria-labelledby="open-title" onSubmit={(ev) => void submit(ev)}>
        <div className="filters">
          <EnumSelect label={t("kind")} group="kind" value={kind} onChange={(k) => setKind(k as TicketKind)} />
          <EnumSelect label={t("channel")} group="channel" value={channel} onChange={setChannel} />
          <Field label={t("platformOrder")}>
            <input value={order} onChange={(ev) => setOrder(ev.target.value)} />
          </Field>
        </div>
        <div className="filters">
          <Field label={t("customer")}>
            <input value={customer} required onChange={(ev) => setCustomer(ev.target.value)} />
          </Field>
          <Field label={t("phone")}>
            <input value={phone} inputMode="tel" onChange={(ev) => setPhone(ev.target.value)} />
          </Field>
          <Field label={t("address")}>
            <input value={address} onChange={(ev) => setAddress(ev.target.value)} />
          </Field>
        </div>
        <div className="filters">
          <EnumSelect label={t("reason")} group="reason" value={reasonCode} onChange={setReasonCode} />
          <Field label={t("reasonText")}>
            <input value={reasonText} required onChange={(ev) => setReasonText(ev.target.value)} />
          </Field>
        </div>
        <h2>{t("lines")}</h2>
        {lines.map((l, i) => (
          <fieldset key={i} className="filters" data-testid={`line-${i + 1}`}>
            <legend>
              {t("line")} {i + 1}
            </legend>
            <Field label={t("sku")}>
              <input value={l.sku} required onChange={(ev) => setLine(i, { sku: ev.target.value })} />
            </Field>
            <Field label={t("item")}>
              <input value={l.name} required onChange={(ev) => setLine(i, { name: ev.target.value })} />
            </Field>
            <Field label={t("qty")}>
              <input value={l.qty} inputMode="numeric" required aria-invalid={!qtyOk(l) || undefined} onChange={(ev) => setLine(i, { qty: ev.target.value })} />
            </Field>
            <MoneyInput label={t("paid")} text={l.paid} setText={(paid) => setLine(i, { paid })} error={l.paid ? lineError(l) : null} />
            {lines.length > 1 && (
              <button type="button" onClick={() => setLines(lines.filter((_, j) => j !== i))} aria-label={t("removeLine", { line: i + 1 })}>
                <Trash2 size={14} aria-hidden="true" />
              </button>
            )}
          </fieldset>
        ))}
        <p>
          <button type="button" onClick={() => setLines([...lines, { ...EMPTY_LINE }])}>
            <Plus size={14} aria-hidden="true" /> {t("addLine")}
          </button>
        </p>
        <button type="submit" disabled={busy || invalid}>
          {t("openTicket")}
        </button>
        <ErrorNote error={error} />
      </form>
    </section>
  );
}
