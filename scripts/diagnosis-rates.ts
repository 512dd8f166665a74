// Detection and false-positive rates of the chain-diagnosis detectors on generated test sets (each
// fault at several strengths and seeds, and the same takes without it), and, given a folder of real
// recordings, how often each detector fires on them. Prints a Markdown table.
//   npx tsx scripts/diagnosis-rates.ts [folder-of-real-wavs]

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TakeAnalyzer } from '../src/core/analysis/analyzer';
import type { DiagnosisCode } from '../src/core/analysis/diagnosis';
import { analyzeFile } from '../src/node/analyzeFile';
import { isFailed } from '../src/core/report';
import { addHum, analogClipped, ditherTo, filterDecimate, lowpass, programme, quantize, rng, upsample } from '../test/support/forensics';

interface Case {
  code: DiagnosisCode;
  /** The row it counts in: the code, or the code and the fault's strength. */
  label?: string;
  faulty: boolean;
  channels: Float32Array[];
  rate?: number;
  bits?: number;
  encoding?: 'pcm' | 'float';
}

function fired(c: Case): boolean {
  const rate = c.rate ?? 48000;
  const a = new TakeAnalyzer({
    sampleRate: rate,
    channels: c.channels.length,
    channelLabels: c.channels.length === 1 ? ['M'] : ['L', 'R'],
    channelMask: null,
    encoding: c.encoding ?? 'pcm',
    bitsPerSample: c.bits ?? 24,
  });
  const n = c.channels[0]!.length;
  for (let s = 0; s < n; s += 65536) {
    const frames = Math.min(65536, n - s);
    a.process({ channels: c.channels.map((x) => x.subarray(s, s + frames)), frames, startFrame: s });
  }
  return a.finish().diagnosis.some((d) => d.code === c.code);
}

function* cases(): Generator<Case> {
  const seeds = [1, 2, 3, 4];
  for (const seed of seeds) {
    for (const level of [0.25, 0.5, 0.89]) {
      for (const drive of [1.25, 1.5, 2, 4])
        yield {
          code: 'analog-clipping',
          label: `analog-clipping, hard, ${drive}× over`,
          faulty: true,
          channels: [quantize(analogClipped(3, 48000, drive, level, seed), 24)],
        };
      yield {
        code: 'analog-clipping',
        label: 'analog-clipping, tanh, 4× over',
        faulty: true,
        channels: [quantize(analogClipped(3, 48000, 4, level, seed, true), 24)],
      };
      yield { code: 'analog-clipping', faulty: false, channels: [quantize(analogClipped(3, 48000, 0.95, level, seed), 24)] };
    }
    for (const lowered of [0.5, 2, 4.1, 10]) {
      for (const over of [1.2, 2])
        yield {
          code: 'clipped-then-lowered',
          faulty: true,
          channels: [
            quantize(
              programme(3, 48000, over, seed).map((v) => Math.max(-1, Math.min(1, v)) * 10 ** (-lowered / 20)),
              24,
            ),
          ],
        };
      yield { code: 'clipped-then-lowered', faulty: false, channels: [quantize(programme(3, 48000, 0.9 * 10 ** (-lowered / 20), seed), 24)] };
      yield { code: 'clipped-then-lowered', faulty: false, channels: [ditherTo(programme(3, 48000, 0.9 * 10 ** (-lowered / 20), seed), 16)], bits: 16 };
    }
    for (const [bits, container, encoding] of [
      [16, 24, 'pcm'],
      [16, 32, 'float'],
      [20, 24, 'pcm'],
      [8, 16, 'pcm'],
    ] as const) {
      yield { code: 'reduced-bit-depth', faulty: true, channels: [quantize(programme(2, 48000, 0.5, seed), bits)], bits: container, encoding };
      yield {
        code: 'reduced-bit-depth',
        faulty: false,
        channels: [ditherTo(programme(2, 48000, 0.5, seed), container === 32 ? 24 : container)],
        bits: container,
        encoding,
      };
    }
    yield {
      code: 'band-limited',
      label: 'band-limited, 48 → 96 kHz',
      faulty: true,
      channels: [ditherTo(upsample(programme(2, 48000, 0.5, seed), 2, lowpass(255, 0.225)), 24)],
      rate: 96000,
    };
    for (const cut of [11000, 16000, 19000])
      yield {
        code: 'band-limited',
        label: `band-limited, ${cut / 1000} kHz wall at 44.1 kHz`,
        faulty: true,
        channels: [ditherTo(filterDecimate(programme(2, 44100, 0.5, seed), lowpass(511, cut / 44100), 1), 24)],
        rate: 44100,
      };
    yield { code: 'band-limited', faulty: false, channels: [ditherTo(filterDecimate(programme(2, 48000, 0.5, seed), lowpass(255, 0.45), 1), 24)] };
    yield { code: 'band-limited', faulty: false, channels: [ditherTo(programme(2, 96000, 0.5, seed), 24)], rate: 96000 };
    for (const [f0, h, level] of [
      [50, [1, 3, 5], -50],
      [50, [1, 3, 5], -65],
      [60, [1, 2, 3], -60],
      [50, [2, 4], -55],
      [60, [1], -70],
    ] as const) {
      yield { code: 'hum', faulty: true, channels: [ditherTo(addHum(programme(8, 48000, 0.7, seed, true), 48000, f0, [...h], level), 24)] };
    }
    yield { code: 'hum', faulty: false, channels: [ditherTo(programme(8, 48000, 0.7, seed, true), 24)] };
    yield { code: 'hum', faulty: false, channels: [ditherTo(programme(8, 48000, 0.7, seed), 24)] };
    const clean = () => ditherTo(programme(4, 48000, 0.5, seed), 24);
    for (const size of [64, 256, 1024]) {
      const d = clean();
      for (let k = 1; k <= 3; k++) d.fill(0, size * (41 * k + seed), size * (41 * k + seed) + size);
      yield { code: 'dropout', faulty: true, channels: [d, d.map((v) => v * 0.8)] };
      const r = clean();
      for (let k = 1; k <= 3; k++) r.copyWithin(size * (37 * k + seed), size * (37 * k + seed - 1), size * (37 * k + seed));
      yield { code: 'repeated-buffer', faulty: true, channels: [r, r.map((v) => v * 0.8)] };
    }
    for (const skip of [1, 30, 300]) {
      const full = clean();
      const at = 50000 + seed * 1111;
      yield {
        code: 'click',
        label: `click, under-run skipping ${skip} sample${skip === 1 ? '' : 's'}`,
        faulty: true,
        channels: [new Float32Array([...full.subarray(0, at), ...full.subarray(at + skip)])],
      };
    }
    for (const code of ['dropout', 'repeated-buffer', 'click'] as const) yield { code, faulty: false, channels: [clean(), clean().map((v) => v * 0.8)] };
    const l = programme(6, 48000, 0.5, seed);
    const r = rng(seed);
    yield {
      code: 'polarity-inverted',
      faulty: true,
      channels: [
        ditherTo(l, 24),
        ditherTo(
          l.map((v) => -0.8 * v + r() * 0.02),
          24,
        ),
      ],
    };
    yield {
      code: 'polarity-inverted',
      faulty: false,
      channels: [
        ditherTo(l, 24),
        ditherTo(
          l.map((v) => 0.8 * v + r() * 0.02),
          24,
        ),
      ],
    };
    yield {
      code: 'phase-cancellation',
      faulty: true,
      channels: [
        ditherTo(l, 24),
        ditherTo(
          l.map((v, i) => (i > 96000 && i < 240000 ? -v : v) * 0.8 + r() * 0.02),
          24,
        ),
      ],
    };
    yield { code: 'phase-cancellation', faulty: false, channels: [ditherTo(l, 24), ditherTo(programme(6, 48000, 0.5, seed + 10), 24)] };
  }
}

async function main(): Promise<void> {
  const rows = new Map<string, { code: DiagnosisCode; hit: number; faulty: number; fp: number; clean: number }>();
  for (const c of cases()) {
    const key = c.faulty ? (c.label ?? c.code) : c.code;
    const row = rows.get(key) ?? { code: c.code, hit: 0, faulty: 0, fp: 0, clean: 0 };
    const f = fired(c);
    if (c.faulty) {
      row.faulty++;
      if (f) row.hit++;
    } else {
      row.clean++;
      if (f) row.fp++;
    }
    rows.set(key, row);
  }
  const real = new Map<string, string[]>();
  let realFiles = 0;
  const dir = process.argv[2];
  if (dir) {
    for (const name of readdirSync(dir)
      .filter((f) => f.toLowerCase().endsWith('.wav'))
      .sort()) {
      const { result } = await analyzeFile(join(dir, name));
      if (isFailed(result)) continue;
      realFiles++;
      for (const code of new Set(result.findings.map((f) => f.code))) real.set(code, [...(real.get(code) ?? []), name]);
    }
  }
  console.log(`| detector (code) | detected | false positives (generated) | fires on real recordings (${realFiles}) |`);
  console.log('|---|---|---|---|');
  const shown = new Set<DiagnosisCode>();
  for (const [key, r] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
    const first = !shown.has(r.code);
    shown.add(r.code);
    const names = first ? (real.get(r.code) ?? []) : [];
    const realCell = first && dir ? `${names.length}${names.length ? `: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}` : ''}` : '';
    console.log(`| ${key} | ${r.faulty ? `${r.hit}/${r.faulty}` : ''} | ${r.clean ? `${r.fp}/${r.clean}` : ''} | ${realCell} |`);
  }
  for (const code of ['noise-floor'] as const) console.log(`| ${code} (a finding above −50 dBFS) | | | ${(real.get(code) ?? []).length} |`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
