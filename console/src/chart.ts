// Chart.js with only the parts the console draws (bar charts), so the
// bundle carries no unused controllers.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface Series {
  label: string;
  data: number[];
}

const COLOURS = ["#1f5fa8", "#b3541e", "#2e7d32", "#6a1b9a", "#8d6e00", "#00695c"];

export function drawBars(canvas: HTMLCanvasElement, labels: string[], series: Series[], stacked = false): () => void {
  const chart = new Chart(canvas, {
    type: "bar",
    data: {
      labels,
      datasets: series.map((s, i) => ({ label: s.label, data: s.data, backgroundColor: COLOURS[i % COLOURS.length] })),
    },
    options: {
      animation: false,
      responsive: true,
      // The wrapper sets the height; the chart fills the page's width.
      maintainAspectRatio: false,
      scales: { x: { stacked }, y: { stacked, beginAtZero: true } },
    },
  });
  return () => chart.destroy();
}
