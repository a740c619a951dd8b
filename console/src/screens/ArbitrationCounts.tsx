// Management: how often the platform intervened (arbitration), on what
// reason, SKU and channel, and for whom it decided. Its own query, so the
// management charts can change without touching it.
import { request } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import { ErrorNote, useLoad } from "./common";

const Arbitrations = graphql(`
  query ManagementArbitrations {
    managementStats {
      arbitrations { reasonCode sku channel arbitrations open forBuyer forSeller notStated }
    }
  }
`);

export function ArbitrationCounts() {
  const { t, e } = useApp();
  const { data, error } = useLoad(() => request(Arbitrations), []);
  const rows = data?.managementStats.arbitrations;
  return (
    <section aria-labelledby="arbitrations-title">
      <h2 id="arbitrations-title">{t("arbitrationCounts")}</h2>
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
              <th scope="col">{t("arbitrationOpen")}</th>
              <th scope="col">{e("arbitrationOutcome", "FOR_BUYER")}</th>
              <th scope="col">{e("arbitrationOutcome", "FOR_SELLER")}</th>
              <th scope="col">{e("arbitrationOutcome", "NOT_STATED")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.reasonCode}|${r.sku}|${r.channel}`}>
                <td>{e("reason", r.reasonCode)}</td>
                <td>{r.sku}</td>
                <td>{e("channel", r.channel)}</td>
                <td>{r.arbitrations}</td>
                <td>{r.open}</td>
                <td>{r.forBuyer}</td>
                <td>{r.forSeller}</td>
                <td>{r.notStated}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
