import { useEffect, useRef } from "react";
import { drawBars, type Series } from "../chart";

/**
 * A bar chart at the page's full width with the same figures as a table
 * beside it, readable without the picture. `drawn`: how many of the series
 * the chart draws (the rest, on another scale, are in the table only).
 */
export function BarChart({
  title,
  labels,
  series,
  stacked,
  drawn,
}: {
  title: string;
  labels: string[];
  series: Series[];
  stacked?: boolean;
  drawn?: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    return drawBars(canvas.current, labels, series.slice(0, drawn ?? series.length), stacked);
  }, [labels, series, stacked, drawn]);
  // Enough height for every label of a horizontal axis, and never a sliver.
  const height = Math.max(260, Math.min(480, 120 + labels.length * 14));
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-canvas" style={{ height }}>
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
      <table className="figures">
        <caption className="sr-only">{title}</caption>
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
    </figure>
  );
}
