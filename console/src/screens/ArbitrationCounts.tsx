// Management: how often the platform intervened (arbitration), on what
// reason, SKU and channel, for whom it decided, what that put at stake, and
// whose inspections the platform upheld. Its own query, so the management
// charts can change without touching it.
import { request } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import { ErrorNote, useLoad } from "./common";

const Arbitrations = graphql(`
  query ManagementArbitrations {
    managementStats {
      arbitrations {
        reasonCode sku channel arbitrations open forBuyer forSeller notStated tickets
        atStake { amountMinor currency } lost { amountMinor currency }
      }
      arbitrationsByInspector {
        inspector arbitrations open forBuyer forSeller notStated
        atStake { amountMinor currency } lost { amountMinor currency }
      }
    }
  }
`);

/** `part` of `whole` as a whole percentage, or a dash when there is no whole. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part * 100) / whole)}%` : "—";
}

/** The seller's share of the decided arbitrations (those whose record says for whom). */
export function winRate(r: { forBuyer: number; forSeller: number }): string {
  return percent(r.forSeller, r.forBuyer + r.forSeller);
}

export function ArbitrationCounts() {
  const { t, e, money } = useApp();
  const { data, error } = useLoad(() => request(Arbitrations), []);
  const rows = data?.managementStats.arbitrations;
  const inspectors = data?.managementStats.arbitrationsByInspector;
  return (
    <section aria-labelledby="arbitrations-title">
      <h2 id="arbitrations-title">{t("arbitrationCounts")}</h2>
      <p className="hint">{t("arbitrationMoneyHint")}</p>
      <ErrorNote error={error} />
      {rows && rows.length === 0 && <p>{t("noArbitrations")}</p>}
      {rows && rows.length > 0 && (
        <table data-testid="arbitration-counts">
          <thead>
            <tr>
              <th scope="col">{t("reason")}</th>
              <th scope="col">{t("sku")}</th>
              <th scope="col">{t("channel")}</th>
              <th scope="col">{t("arbitrationsTotal")}</th>
              <th scope="col">{t("arbitrationRate")}</th>
              <th scope="col">{t("arbitrationOpen")}</th>
              <th scope="col">{e("arbitrationOutcome", "FOR_BUYER")}</th>
              <th scope="col">{e("arbitrationOutcome", "FOR_SELLER")}</th>
              <th scope="col">{e("arbitrationOutcome", "NOT_STATED")}</th>
              <th scope="col">{t("arbitrationWinRate")}</th>
              <th scope="col">{t("arbitrationAtStake")}</th>
              <th scope="col">{t("arbitrationLost")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.reasonCode}|${r.sku}|${r.channel}|${r.atStake.currency}`}>
                <td>{e("reason", r.reasonCode)}</td>
                <td>{r.sku}</td>
                <td>{e("channel", r.channel)}</td>
                <td>{r.arbitrations}</td>
                <td data-rate>{percent(r.arbitrations, r.tickets)}</td>
                <td>{r.open}</td>
                <td>{r.forBuyer}</td>
                <td>{r.forSeller}</td>
                <td>{r.notStated}</td>
                <td data-win>{winRate(r)}</td>
                <td>{money(r.atStake)}</td>
                <td>{money(r.lost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {inspectors && inspectors.length > 0 && (
        <>
          <h3 id="arbitrations-inspector-title">{t("arbitrationsByInspector")}</h3>
          <table data-testid="arbitrations-by-inspector" aria-labelledby="arbitrations-inspector-title">
            <thead>
              <tr>
                <th scope="col">{t("inspector")}</th>
                <th scope="col">{t("arbitrationsTotal")}</th>
                <th scope="col">{t("arbitrationOpen")}</th>
                <th scope="col">{e("arbitrationOutcome", "FOR_BUYER")}</th>
                <th scope="col">{e("arbitrationOutcome", "FOR_SELLER")}</th>
                <th scope="col">{t("arbitrationWinRate")}</th>
                <th scope="col">{t("arbitrationAtStake")}</th>
                <th scope="col">{t("arbitrationLost")}</th>
              </tr>
            </thead>
            <tbody>
              {inspectors.map((r) => (
                <tr key={`${r.inspector}|${r.atStake.currency}`}>
                  <td>{r.inspector || t("notInspected")}</td>
                  <td>{r.arbitrations}</td>
                  <td>{r.open}</td>
                  <td>{r.forBuyer}</td>
                  <td>{r.forSeller}</td>
                  <td>{winRate(r)}</td>
                  <td>{money(r.atStake)}</td>
                  <td>{money(r.lost)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
