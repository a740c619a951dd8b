// Management: what the marketplaces were asked to hear of, per platform and
// action: how many, how many still wait on a person, and how long it took
// from the decision to a person's confirmation and to the platform's own
// record showing it done.
import { request } from "../api";
import { useApp } from "../app-context";
import { graphql } from "../gql";
import { ErrorNote, useLoad } from "./common";

const Counts = graphql(`
  query ManagementPlatformTasks {
    platformTaskCounts { platform action requested open sent refused handedToPerson meanSecondsToDone meanSecondsToConfirmed meanSecondsToSent }
  }
`);

export function PlatformTaskCounts() {
  const { t, e } = useApp();
  const { data, error } = useLoad(() => request(Counts), []);
  const rows = data?.platformTaskCounts;
  const hours = (seconds?: number | null) => (seconds == null ? "—" : t("hoursValue", { hours: (seconds / 3600).toFixed(1) }));
  return (
    <section aria-labelledby="platform-counts-title">
      <h2 id="platform-counts-title">{t("platformTaskCounts")}</h2>
      <ErrorNote error={error} />
      {rows && rows.length === 0 && <p>{t("noPlatformTaskCounts")}</p>}
      {rows && rows.length > 0 && (
        <table data-testid="platform-task-counts">
          <thead>
            <tr>
              <th scope="col">{t("channel")}</th>
              <th scope="col">{t("taskWhat")}</th>
              <th scope="col">{t("platformTasksRequested")}</th>
              <th scope="col">{t("platformTasksOpen")}</th>
              <th scope="col">{t("platformTasksSent")}</th>
              <th scope="col">{t("platformTasksRefused")}</th>
              <th scope="col">{t("platformTasksHanded")}</th>
              <th scope="col">{t("meanToDone")}</th>
              <th scope="col">{t("meanToConfirmed")}</th>
              <th scope="col">{t("meanToSent")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.platform}:${r.action}`}>
                <td>{e("channel", r.platform)}</td>
                <td>{e("platformAction", r.action)}</td>
                <td>{r.requested}</td>
                <td>{r.open}</td>
                <td>{r.sent}</td>
                <td>{r.refused}</td>
                <td>{r.handedToPerson}</td>
                <td>{hours(r.meanSecondsToDone)}</td>
                <td>{hours(r.meanSecondsToConfirmed)}</td>
                <td>{hours(r.meanSecondsToSent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
