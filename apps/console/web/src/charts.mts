import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const charts = new Map<string, Chart>();

/** Draws (or redraws) the chart in `<canvas id=…>` once the canvas is in the page. */
export function drawChart(canvasId: string, config: ChartConfiguration<'bar'>): void {
  const canvas = document.getElementById(canvasId);
  if (!(canvas instanceof HTMLCanvasElement)) return;
  const existing = charts.get(canvasId);
  if (existing && existing.canvas === canvas) {
    existing.data = config.data;
    existing.update('none');
    return;
  }
  existing?.destroy();
  charts.set(
    canvasId,
    new Chart(canvas, {
      ...config,
      options: { animation: false, maintainAspectRatio: false, ...config.options },
    }),
  );
}

/** Drops charts whose canvas left the page (view change). */
export function forgetDetachedCharts(): void {
  for (const [id, chart] of charts) {
    if (!chart.canvas.isConnected) {
      chart.destroy();
      charts.delete(id);
    }
  }
}
