import { useEffect, useRef } from "react";
import { drawBars, type Series } from "../chart";

/** A bar chart with a text alternative (the same figures as a table). */
export function BarChart({ title, labels, series, stacked }: { title: string; labels: string[]; series: Series[]; stacked?: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    return drawBars(canvas.current, labels, series, stacked);
  }, [labels, series, stacked]);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <canvas ref={canvas} role="img" aria-label={title} />
      <details>
        <summary>{title}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">—</th>
              {series.map((s) => (
                <th scope="col" key={s.label}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((l, i) => (
              <tr key={l}>
                <th scope="row">{l}</th>
                {series.map((s) => (
                  <td key={s.label}>{s.data[i]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
