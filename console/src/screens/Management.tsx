// Management: counts per status, cycle times per step, return reasons by
// SKU and channel; each chart at full width with its figures as a table,
// filtered by period, channel, kind and SKU.
import { useMemo, useState } from "react";
import { request } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import { ArbitrationCounts } from "./ArbitrationCounts";
import { PlatformTaskCounts } from "./PlatformTaskCounts";
import { ParcelPoolFigures } from "./ParcelPool";
import type { TicketKind } from "../gql/graphql";
import { BarChart } from "./Chart";
import { EnumSelect, ErrorNote, Field, useLoad } from "./common";

const Stats = graphql(`
  query ManagementStats($channel: String, $sku: String, $kind: TicketKind, $from: NaiveDate, $to: NaiveDate) {
    managementStats(channel: $channel, sku: $sku, kind: $kind, from: $from, to: $to) {
      statusCounts { status kind count }
      cycleTimes { step averageSeconds tickets }
      reasons { sku channel reasonCode tickets units }
    }
  }
`);

/** `YYYY-MM-DD` of a UTC day `days` before today. */
function dayBefore(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

export function ManagementScreen() {
  const { t, e } = useApp();
  const [from, setFrom] = useState(() => dayBefore(29));
  const [to, setTo] = useState(() => dayBefore(0));
  const [channel, setChannel] = useState("");
  const [kind, setKind] = useState("");
  const [sku, setSku] = useState("");
  const { data, error } = useLoad(
    () =>
      request(Stats, {
        channel: channel || null,
        sku: sku.trim() || null,
        kind: (kind || null) as TicketKind | null,
        from: from || null,
        to: to || null,
      }),
    [channel, sku, kind, from, to],
  );
  const charts = useMemo(() => {
    const s = data?.managementStats;
    if (!s) return null;
    const statuses = [...new Set(s.statusCounts.map((c) => c.status ?? "—"))];
    const kinds = [...new Set(s.statusCounts.map((c) => c.kind ?? "—"))];
    const reasonKeys = [...new Set(s.reasons.map((r) => `${r.sku} · ${e("channel", r.channel)}`))].sort();
    const codes = [...new Set(s.reasons.map((r) => r.reasonCode))].sort();
    return {
      status: {
        labels: statuses.map((st) => e("status", st)),
        series: kinds.map((k) => ({
          label: e("kind", k),
          data: statuses.map((st) => s.statusCounts.filter((c) => (c.status ?? "—") === st && (c.kind ?? "—") === k).reduce((a, c) => a + c.count, 0)),
        })),
      },
      cycle: {
        labels: s.cycleTimes.map((c) => e("step", c.step)),
        series: [
          { label: t("hours"), data: s.cycleTimes.map((c) => Math.round(c.averageSeconds / 36) / 100) },
          { label: t("ticketsCount"), data: s.cycleTimes.map((c) => c.tickets) },
        ],
        // Hours are drawn; the ticket counts are in the table only (another scale).
        drawn: 1,
      },
      reasons: {
        labels: reasonKeys,
        series: codes.map((code) => ({
          label: e("reason", code),
          data: reasonKeys.map((key) => s.reasons.filter((r) => `${r.sku} · ${e("channel", r.channel)}` === key && r.reasonCode === code).reduce((a, r) => a + r.tickets, 0)),
        })),
      },
    };
  }, [data, e, t]);
  return (
    <section aria-labelledby="management-title">
      <h1 id="management-title">{t("management")}</h1>
      <form className="filters" onSubmit={(ev) => ev.preventDefault()} aria-label={t("filters")}>
        <Field label={t("from")}>
          <input type="date" value={from} max={to || undefined} onChange={(ev) => setFrom(ev.target.value)} />
        </Field>
        <Field label={t("to")}>
          <input type="date" value={to} min={from || undefined} onChange={(ev) => setTo(ev.target.value)} />
        </Field>
        <EnumSelect label={t("channel")} group="channel" value={channel} onChange={setChannel} any />
        <EnumSelect label={t("kind")} group="kind" value={kind} onChange={setKind} any />
        <Field label={t("sku")}>
          <input value={sku} onChange={(ev) => setSku(ev.target.value)} />
        </Field>
      </form>
      <p className="hint">{t("managementScope")}</p>
      <ErrorNote error={error} />
      {charts && (
        <div className="charts">
          <BarChart title={t("countsPerStatus")} labels={charts.status.labels} series={charts.status.series} stacked />
          <BarChart title={t("cycleTimes")} labels={charts.cycle.labels} series={charts.cycle.series} drawn={charts.cycle.drawn} />
          <BarChart title={t("reasons")} labels={charts.reasons.labels} series={charts.reasons.series} stacked />
        </div>
      )}
      <ArbitrationCounts />
      <PlatformTaskCounts />
      <ParcelPoolFigures />
    </section>
  );
}
