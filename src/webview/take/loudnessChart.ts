// Short-term loudness over time (uPlot), with the loudness target as a line — or, when no target is
// set, the EBU R128 −23 LUFS reference, labelled as such. A click seeks there.

import uPlot from 'uplot';
import { formatTime } from '../../core/format';
import { canvasColours } from './dom';
import { loudnessSeries } from './loudnessData';
import { TIME_STEPS, tickLabels } from './timeAxis';

export class LoudnessChart {
  private plot: uPlot | undefined;
  private data: { shortTerm: Float32Array; step: number; target: number | null } | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly seek: (seconds: number) => void,
  ) {}

  setData(shortTerm: Float32Array, stepSeconds: number, targetLufs: number | null): void {
    this.data = { shortTerm, step: stepSeconds, target: targetLufs };
    this.render();
  }

  /** Rebuilt on theme changes: uPlot draws on a canvas, which cannot follow CSS variables by itself. */
  render(): void {
    this.plot?.destroy();
    this.plot = undefined;
    this.container.replaceChildren();
    const d = this.data;
    if (!d) return;
    const s = loudnessSeries(d.shortTerm, d.step, d.target);
    const { text: fg, grid, wave: line, warning: target } = canvasColours();
    // High-contrast themes make the border colour as bright as the text: dotted, the grid stays behind the line.
    const hc = document.body.classList.contains('vscode-high-contrast');
    const axis = { stroke: fg, grid: { stroke: grid, width: 1, dash: hc ? [1, 4] : [] }, ticks: { stroke: grid, width: 1 } };
    const opts: uPlot.Options = {
      width: Math.max(200, this.container.clientWidth),
      height: 180,
      // The axis starts at the take's start, not at the first block's end.
      scales: { x: { time: false, range: [0, s.times[s.times.length - 1] ?? 1] }, y: { range: [s.yMin, s.yMax] } },
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      axes: [
        // Round steps only, each labelled in the one format its step needs.
        { ...axis, space: 70, incrs: [...TIME_STEPS], values: (_u, ticks, _axis, _space, step) => tickLabels(ticks, step) },
        { ...axis, label: 'LUFS', size: 50, values: (_u, ticks) => ticks.map((t) => String(t)) },
      ],
      series: [
        { label: 'Time', value: (_u, v) => (v === null ? '' : formatTime(v)) },
        {
          label: 'Short-term',
          stroke: line,
          width: 1.5,
          spanGaps: false,
          points: { show: false },
          value: (_u, v) => (v === null ? '—' : `${v.toFixed(1)} LUFS`),
        },
        { label: s.targetLabel, stroke: target, width: 1, dash: [6, 4], points: { show: false }, value: () => `${s.targetLufs} LUFS` },
      ],
    };
    this.plot = new uPlot(opts, [s.times, s.shortTerm, s.target] as uPlot.AlignedData, this.container);
    const plot = this.plot;
    plot.over.addEventListener('click', (e) => {
      const t = plot.posToVal(e.offsetX, 'x');
      if (Number.isFinite(t)) this.seek(Math.max(0, t));
    });
  }

  resize(): void {
    if (this.plot) this.plot.setSize({ width: Math.max(200, this.container.clientWidth), height: 180 });
  }
}
