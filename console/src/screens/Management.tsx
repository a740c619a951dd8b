// Management: counts per status, cycle times per step, return reasons by
// SKU and channel.
import { useMemo } from "react";
import { request } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import { ArbitrationCounts } from "./ArbitrationCounts";
import { BarChart } from "./Chart";
import { ErrorNote } from "./common";
import { useLoad } from "./common";

const Stats = graphql(`
  query ManagementStats {
    managementStats {
      statusCounts { status kind count }
      cycleTimes { step averageSeconds tickets }
      reasons { sku channel reasonCode tickets units }
    }
  }
`);

export function ManagementScreen() {
  const { t, e } = useApp();
  const { data, error } = useLoad(() => request(Stats), []);
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
        series: [{ label: t("hours"), data: s.cycleTimes.map((c) => Math.round(c.averageSeconds / 36) / 100) }],
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
      <ErrorNote error={error} />
      {charts && (
        <div className="charts">
          <BarChart title={t("countsPerStatus")} labels={charts.status.labels} series={charts.status.series} stacked />
          <BarChart title={t("cycleTimes")} labels={charts.cycle.labels} series={charts.cycle.series} />
          <BarChart title={t("reasons")} labels={charts.reasons.labels} series={charts.reasons.series} stacked />
        </div>
      )}
      <ArbitrationCounts />
    </section>
  );
}
