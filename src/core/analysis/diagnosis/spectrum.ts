// Spectral look at the take: a bounded number of FFT frames spread over its length (one frame every
// `hop`, the hop doubling whenever the kept frames reach their cap, so a take of any length costs a
// few hundred transforms and a fixed amount of memory). From them:
// - band-limited: where the average spectrum stops with a wall (upsampled, or a lossy source);
// - hum: lines at 50 or 60 Hz and their harmonics that stand above the spectrum around them in the
//   quiet frames, far under the programme;
// - the noise floor's spectral shape (noise.ts turns it into a finding).

import type { PlanarBlock } from '../../wav/types';
import { RealFft, hann } from './fft';
import { noiseFloorFindings, type NoiseShape } from './noise';
import type { Detector, DetectorContext, MetersForDiagnosis } from './types';
import type { Diagnosis } from './codes';

export const spectrumThresholds = {
  /** A wall: the band under it stands this far above everything over it… */
  wallDropDb: 30,
  /** …and this share of the bands from 1 kHz to the wall stand 20 dB above that too (broadband content, not a tone). */
  wallBroadband: 0.6,
  /** Walls above this fraction of Nyquist are the converter's own anti-alias filter. */
  wallMaxFraction: 0.85,
  /** Content that stops lower than this is a bass instrument or a tone, not a band limit. */
  wallMinHz: 4000,
  /** A hum line stands this far above the spectrum beside it… */
  humLineDb: 10,
  /** …within this fraction (plus humToleranceHz) of the harmonic's exact frequency… */
  humTolerance: 0.003,
  humToleranceHz: 0.3,
  /** …in this share of the frames looked at, of which there must be at least humMinFrames… */
  humMinFrames: 3,
  humPresence: 0.7,
  /** …and the hum is at least this far under the channel's loudest frame (else it is programme). */
  humBelowProgrammeDb: 20,
  /** Lines under this (dBFS) are below any converter's noise: quantisation products, not mains. */
  humMinDbfs: -100,
  /** Hum louder than this (dBFS) is a warning; quieter, an info (it matters once the take is turned up). */
  humWarningDbfs: -70,
  /** A take has pauses when its loudest and quietest frames are this far apart; hum is then judged in the quiet ones. */
  pausesDb: 15,
};

const HARMONICS = 6;
const MAINS = [50, 60] as const;
const MAX_FRAMES = 32;
const BANDS = 96;

interface FrameRecord {
  channel: number;
  frame: number;
  levelDb: number;
  /** Per mains frequency and harmonic: [line energy, line-to-neighbours ratio, off-frequency in Hz]. */
  hum: Float64Array;
  /** Octave-band energies (centres 31.5 Hz · 2^k). */
  octaves: Float64Array;
}

export class SpectrumDetector implements Detector {
  readonly id = 'spectrum' as const;
  private readonly n: number;
  private readonly fft: RealFft;
  private readonly window: Float64Array;
  private readonly buf: Float64Array;
  private readonly power: Float64Array;
  private readonly sum: Float64Array;
  private summed = 0;
  private readonly records: FrameRecord[] = [];
  private hop: number;
  private nextStart = 0;
  private filled = 0;
  private collecting = false;
  private frameChannel = 0;
  private framesTaken = 0;
  private readonly binHz: number;
  private readonly octaveEdges: number[];

  constructor(private readonly ctx: DetectorContext) {
    const sr = ctx.format.sampleRate;
    // About 3 Hz per bin: 50 and 60 Hz and their harmonics resolved apart, whatever the rate.
    this.n = Math.max(4096, 2 ** Math.ceil(Math.log2(sr / 3)));
    this.fft = new RealFft(this.n);
    this.window = hann(this.n);
    this.buf = new Float64Array(this.n);
    this.power = new Float64Array(this.n / 2 + 1);
    this.sum = new Float64Array(this.n / 2 + 1);
    this.binHz = sr / this.n;
    this.hop = Math.round(sr / 4);
    this.octaveEdges = [];
    for (let fc = 31.25; fc * Math.SQRT2 < sr / 2; fc *= 2) this.octaveEdges.push(fc);
  }

  process(block: PlanarBlock): void {
    const end = block.startFrame + block.frames;
    let at = block.startFrame;
    while (at < end) {
      if (!this.collecting) {
        if (this.nextStart >= end) return;
        at = Math.max(at, this.nextStart);
        this.collecting = true;
        this.filled = 0;
        this.frameChannel = this.framesTaken % this.ctx.format.channels;
      }
      const take = Math.min(this.n - this.filled, end - at);
      const x = block.channels[this.frameChannel]!;
      const off = at - block.startFrame;
      for (let i = 0; i < take; i++) this.buf[this.filled + i] = x[off + i]!;
      this.filled += take;
      at += take;
      if (this.filled === this.n) {
        this.collecting = false;
        this.framesTaken++;
        this.analyze(at - this.n);
        this.nextStart += this.hop;
      }
    }
  }

  private analyze(startFrame: number): void {
    const n = this.n;
    const b = this.buf;
    let energy = 0;
    for (let i = 0; i < n; i++) {
      const v = b[i]!;
      energy += v * v;
      b[i] = v * this.window[i]!;
    }
    if (energy === 0) return;
    this.fft.powerSpectrum(b, this.power);
    const p = this.power;
    for (let k = 0; k < p.length; k++) this.sum[k]! += p[k]!;
    this.summed++;
    const hum = new Float64Array(MAINS.length * HARMONICS * 3);
    MAINS.forEach((f0, m) => {
      for (let h = 1; h <= HARMONICS; h++) hum.set(this.line(h * f0), (m * HARMONICS + h - 1) * 3);
    });
    const octaves = new Float64Array(this.octaveEdges.length);
    this.octaveEdges.forEach((fc, j) => {
      const lo = Math.max(1, Math.ceil(fc / Math.SQRT2 / this.binHz));
      const hi = Math.min(p.length - 1, Math.floor((fc * Math.SQRT2) / this.binHz));
      let s = 0;
      for (let k = lo; k <= hi; k++) s += p[k]!;
      octaves[j] = s;
    });
    this.records.push({ channel: this.frameChannel, frame: startFrame, levelDb: 10 * Math.log10(energy / n), hum, octaves });
    if (this.records.length >= MAX_FRAMES) {
      // Keep every other frame and look half as often: bounded cost and memory for any length.
      for (let i = 0, j = 0; i < this.records.length; i += 2, j++) this.records[j] = this.records[i]!;
      this.records.length = Math.ceil(this.records.length / 2);
      this.hop *= 2;
    }
  }

  /**
   * The spectral line nearest `hz`: its energy (main lobe), how far it stands above the bins beside
   * it, and how far its frequency (interpolated between bins) is from `hz`.
   */
  private line(hz: number): [number, number, number] {
    const p = this.power;
    const c = Math.round(hz / this.binHz);
    let peak = c;
    for (let k = c - 1; k <= c + 1; k++) if (p[k]! > p[peak]!) peak = k;
    const line = p[peak - 1]! + p[peak]! + p[peak + 1]!;
    const beside: number[] = [];
    for (let d = 4; d <= 11; d++) beside.push(p[peak - d] ?? 0, p[peak + d] ?? 0);
    beside.sort((a, b) => a - b);
    const median = (beside[7]! + beside[8]!) / 2;
    // Parabola through the log magnitudes of the peak and its neighbours (Hann: accurate to a few hundredths of a bin).
    const [a, b, g] = [p[peak - 1]!, p[peak]!, p[peak + 1]!].map((v) => Math.log(v + 1e-300)) as [number, number, number];
    const denom = a - 2 * b + g;
    const delta = denom < 0 ? (0.5 * (a - g)) / denom : 0;
    return [line, median > 0 ? p[peak]! / median : Infinity, (peak + delta) * this.binHz - hz];
  }

  finish(m: MetersForDiagnosis): Diagnosis[] {
    const out: Diagnosis[] = [];
    const wall = this.bandLimit();
    if (wall) out.push(wall);
    const humByChannel = new Map<number, Diagnosis>();
    for (let c = 0; c < this.ctx.format.channels; c++) {
      if (m.channels[c]?.silent) continue;
      const hum = this.hum(c, m.channels[c]?.label ?? `channel ${c + 1}`);
      if (hum) humByChannel.set(c, hum);
    }
    out.push(...humByChannel.values());
    out.push(...noiseFloorFindings(m, this.ctx.rmsOffsetDb, (c) => this.noiseShape(c), humByChannel));
    return out;
  }

  /** Frames of one channel that show its floor: the quietest ones (within 3 dB) when the take has pauses, else all. */
  private quietFrames(channel: number): { frames: FrameRecord[]; loudestDb: number } | null {
    const frames = this.records.filter((r) => r.channel === channel);
    if (frames.length === 0) return null;
    const levels = frames.map((r) => r.levelDb);
    const loudestDb = Math.max(...levels);
    const quietest = Math.min(...levels);
    if (loudestDb - quietest < spectrumThresholds.pausesDb) return { frames, loudestDb };
    return { frames: frames.filter((r) => r.levelDb <= quietest + 3), loudestDb };
  }

  private hum(channel: number, label: string): Diagnosis | null {
    const t = spectrumThresholds;
    const q = this.quietFrames(channel);
    // Fewer quiet frames than this (a short sample's decaying tail) cannot tell a mains line from a partial.
    if (!q || q.frames.length < t.humMinFrames) return null;
    const ratio = 10 ** (t.humLineDb / 10);
    let best: { f0: number; present: number[]; levelDb: number } | null = null;
    MAINS.forEach((f0, m) => {
      const present: number[] = [];
      let energy = 0;
      for (let h = 1; h <= HARMONICS; h++) {
        const i = (m * HARMONICS + h - 1) * 3;
        // Mains holds its frequency to a few tenths of a per cent; a musical partial is rarely that close.
        const tolerance = t.humToleranceHz + t.humTolerance * h * f0;
        const hits = q.frames.filter((r) => r.hum[i + 1]! >= ratio && Math.abs(r.hum[i + 2]!) <= tolerance).length;
        if (hits >= t.humPresence * q.frames.length) {
          present.push(h);
          energy += q.frames.reduce((s, r) => s + r.hum[i]!, 0) / q.frames.length;
        }
      }
      // A lone line is hum only at the mains frequency itself: a lone 120 Hz is as likely a note.
      if (present.length === 0 || (present.length === 1 && present[0] !== 1)) return;
      const levelDb = 10 * Math.log10((16 / (3 * this.n * this.n)) * energy);
      if (!best || present.length > best.present.length) best = { f0, present, levelDb };
    });
    const found = best as { f0: number; present: number[]; levelDb: number } | null;
    if (!found || found.levelDb > q.loudestDb - t.humBelowProgrammeDb || found.levelDb < t.humMinDbfs) return null;
    const odd = found.present.length > 1 && found.present.every((h) => h % 2 === 1);
    const kind = found.present.length === 1 ? 'a pure line' : odd ? 'odd harmonics' : `harmonics ${found.present.map((h) => h * found.f0).join(', ')} Hz`;
    const cause = found.present.includes(1) ? 'a ground loop or an unbalanced cable' : 'a power supply or a dimmer';
    return {
      code: 'hum',
      severity: found.levelDb > t.humWarningDbfs ? 'warning' : 'info',
      stage: 'cabling',
      value: Math.round(found.levelDb * 10) / 10,
      unit: 'dBFS',
      channel,
      message: `${found.f0} Hz hum at ${found.levelDb.toFixed(1)} dBFS on ${label} with ${kind}: ${cause}. Check grounding, use balanced cables and lift the loop; a notch filter only hides it.`,
    };
  }

  private noiseShape(channel: number): NoiseShape | null {
    const q = this.quietFrames(channel);
    if (!q || q.frames.length === 0) return null;
    const bands = this.octaveEdges.map((fc, j) => ({ hz: fc, energy: q.frames.reduce((s, r) => s + r.octaves[j]!, 0) / q.frames.length }));
    return { bands };
  }

  private bandLimit(): Diagnosis | null {
    if (this.summed === 0) return null;
    const sr = this.ctx.format.sampleRate;
    const nyquist = sr / 2;
    const width = nyquist / BANDS;
    const perBand = width / this.binHz;
    const levels: number[] = [];
    for (let j = 0; j < BANDS; j++) {
      let s = 0;
      let count = 0;
      for (let k = Math.floor(j * perBand); k < Math.floor((j + 1) * perBand) && k < this.sum.length; k++) {
        s += this.sum[k]!;
        count++;
      }
      levels.push(10 * Math.log10(s / Math.max(1, count) + 1e-30));
    }
    const t = spectrumThresholds;
    let tailMax = -Infinity;
    for (let j = BANDS - 3; j >= 1; j--) {
      tailMax = Math.max(tailMax, levels[j + 2]!);
      if (levels[j]! < tailMax + t.wallDropDb) continue;
      const cutoff = (j + 1) * width;
      // The converter's own filter: look for a wall further down.
      if (cutoff > t.wallMaxFraction * nyquist) continue;
      if (cutoff < t.wallMinHz) return null;
      const from = Math.ceil(1000 / width);
      let content = 0;
      let total = 0;
      for (let i = from; i <= j; i++, total++) if (levels[i]! >= tailMax + 20) content++;
      if (content < t.wallBroadband * total) return null;
      const khz = (cutoff / 1000).toFixed(1);
      const upsampled = sr >= 88200 && cutoff <= 24500;
      const lossy = !upsampled && cutoff >= 11000 && cutoff <= 20500;
      const why = upsampled
        ? `the take was upsampled from ${cutoff <= 22300 ? '44.1' : '48'} kHz: the ${sr / 1000} kHz rate adds no content`
        : lossy
          ? 'the take went through a lossy codec (MP3, AAC) or a low sample rate on its way here; use the original recording'
          : 'something low-passed or resampled the take before it was written';
      return {
        code: 'band-limited',
        severity: upsampled || lossy ? 'warning' : 'info',
        stage: 'daw',
        value: Math.round(cutoff),
        unit: 'Hz',
        message: `Nothing above ${khz} kHz in a ${sr / 1000} kHz take (${(levels[j]! - tailMax).toFixed(0)} dB wall): ${why}.`,
      };
    }
    return null;
  }
}
