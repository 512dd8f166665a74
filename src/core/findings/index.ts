// Turns measurements into findings: what a gain-staging engineer would flag on a take, with a
// message that says what to do. Thresholds are named so docs/measurements.md can document them. Polarity,
// bit depth and the noise floor are the chain diagnosis's (analysis/diagnosis/), with time ranges.

import type { Measurements } from '../analysis/types';
import { formatDb, formatTime, plural } from '../format';
import type { Finding, Passage } from '../report';
import { mergePassages } from './passages';
import type { WavHeader } from '../wav/types';

export const thresholds = {
  /** |DC| above this fraction of full scale (-60 dBFS) is worth removing. */
  dcOffset: 0.001,
  /** A channel is dead when it is silent while another channel's peak is above this (dBFS). */
  liveChannelDbfs: -60,
  /** Clipped passages (and overs) listed one by one before they are summarised. */
  maxListedEvents: 20,
  /** Clipping runs (or overs) on a channel closer than this (seconds) are one passage: one finding, not dozens. */
  passageGapSeconds: 0.5,
  /**
   * Inter-sample overs up to this many dB above 0 dBTP are within the true-peak meter's accuracy
   * and are not reported as overs. The true-peak meter's own figure (issue #10) sets it.
   */
  overAccuracyDb: 0,
};

/** What a rule reads: the meters of one pass and the header the reader parsed. */
interface Take {
  m: Measurements;
  header: WavHeader;
  label: (channel: number) => string;
}

/**
 * One kind of finding. `audible`: the rule has nothing to say about a take that is silent on every
 * channel (the silent-take finding says it all).
 */
interface FindingRule {
  audible: boolean;
  find(take: Take): Finding[];
}

const truncated: FindingRule = {
  audible: false,
  find: ({ header }) =>
    header.warnings
      .filter((w) => w.code.startsWith('data-size') || w.code === 'partial-frame')
      .map((w) => ({ severity: 'warning', code: 'truncated', message: `Truncated or unfinished file: ${w.message} (byte ${w.offset}).` })),
};

const nonFinite: FindingRule = {
  audible: false,
  find: ({ m, label }) =>
    m.channels
      .filter((c) => c.nonFiniteSamples > 0)
      .map((c) => {
        const n = c.nonFiniteSamples;
        return {
          severity: 'error',
          code: 'non-finite',
          message: `${label(c.index)} has ${n} NaN or infinite sample${n === 1 ? '' : 's'}, the first at ${formatTime(c.firstNonFiniteSeconds ?? 0)}: the file is damaged or a plug-in failed. Every meter read ${n === 1 ? 'it' : 'them'} as silence; re-render or repair the take.`,
          channel: c.index,
          startSeconds: c.firstNonFiniteSeconds ?? 0,
        };
      }),
};

const silentTake: FindingRule = {
  audible: false,
  find: ({ m }) =>
    m.channels.every((c) => c.silent)
      ? [{ severity: 'error', code: 'silent-take', message: 'The take is silent on every channel: check the input routing and record arm.' }]
      : [],
};

/** Each passage up to maxListedEvents, then one summary per kind for the rest. */
const passages: FindingRule = {
  audible: true,
  find: ({ m, label }) => {
    const all = findingPassages(m);
    const out = all.slice(0, thresholds.maxListedEvents).map((p) => passageFinding(p, label(p.channel)));
    const rest = all.slice(thresholds.maxListedEvents);
    for (const kind of ['clipping', 'inter-sample-over'] as const) {
      const more = rest.filter((p) => p.kind === kind);
      if (!more.length) continue;
      const start = more[0]!.startSeconds;
      const end = more.reduce((e, p) => Math.max(e, p.endSeconds), start);
      const span = `from ${formatTime(start)} to ${formatTime(end)}`;
      out.push(
        kind === 'clipping'
          ? {
              severity: 'error',
              code: 'clipping',
              message: `${plural(more.length, 'more clipped passage', 'more clipped passages')} (${plural(m.overall.clippedSamples, 'clipped sample')} in all) ${span}.`,
              startSeconds: start,
              durationSeconds: end - start,
            }
          : {
              severity: 'warning',
              code: 'inter-sample-over',
              message: `${plural(more.length, 'more passage', 'more passages')} with inter-sample overs ${span}.`,
              startSeconds: start,
              durationSeconds: end - start,
            },
      );
    }
    return out;
  },
};

const overFullScale: FindingRule = {
  audible: true,
  find: ({ m, label }) =>
    m.channels
      .filter((c) => c.overFullScaleSamples > 0)
      .map((c) => ({
        severity: 'warning',
        code: 'over-full-scale',
        message: `${label(c.index)} has ${plural(c.overFullScaleSamples, 'float sample')} beyond ±1.0 (${formatDb(c.samplePeakDbfs, 'dBFS')}): not clipped yet, but it will be on export to fixed point. Lower the gain by at least ${(c.samplePeakDbfs ?? 0).toFixed(1)} dB.`,
        channel: c.index,
      })),
};

const dcOffset: FindingRule = {
  audible: true,
  find: ({ m, label }) =>
    m.channels
      .filter((c) => !c.silent && Math.abs(c.dcOffset) > thresholds.dcOffset)
      .map((c) => ({
        severity: 'warning',
        code: 'dc-offset',
        message: `DC offset on ${label(c.index)}: ${(c.dcOffset * 100).toFixed(2)} % of full scale (${formatDb(20 * Math.log10(Math.abs(c.dcOffset)), 'dBFS')}). Apply a high-pass or DC removal; check the interface for a fault if it persists.`,
        channel: c.index,
      })),
};

/** A silent channel beside live ones; the LFE (no loudness weight) may well be silent. */
const deadChannel: FindingRule = {
  audible: true,
  find: ({ m, label }) => {
    const live = m.channels.some((c) => c.samplePeakDbfs !== null && c.samplePeakDbfs > thresholds.liveChannelDbfs);
    if (!live) return [];
    return m.channels
      .filter((c) => c.silent && c.loudnessWeight !== 0)
      .map((c) => ({
        severity: 'error',
        code: 'dead-channel',
        message: `${label(c.index)} is silent while other channels carry signal: check the cable, phantom power and input routing.`,
        channel: c.index,
      }));
  },
};

/** The meters' findings, in the order ties keep when they are sorted (a new rule goes here). */
const RULES: readonly FindingRule[] = [truncated, nonFinite, silentTake, passages, overFullScale, dcOffset, deadChannel];

export function deriveFindings(m: Measurements, header: WavHeader): Finding[] {
  const take: Take = { m, header, label: (ch) => m.channels[ch]?.label ?? `channel ${ch + 1}` };
  const audible = !m.channels.every((c) => c.silent);
  return sortFindings(RULES.filter((r) => audible || !r.audible).flatMap((r) => r.find(take)));
}

/** The take's clipping and over passages, as the findings (and the report) list them. */
export function findingPassages(m: Pick<Measurements, 'clipping'>): Passage[] {
  return mergePassages(m.clipping.events, m.clipping.overs, thresholds.passageGapSeconds, thresholds.overAccuracyDb);
}

function passageFinding(p: Passage, channel: string): Finding {
  const span = p.count > 1 ? `from ${formatTime(p.startSeconds)} to ${formatTime(p.endSeconds)}` : `at ${formatTime(p.startSeconds)}`;
  const where = { channel: p.channel, startSeconds: p.startSeconds, durationSeconds: p.endSeconds - p.startSeconds };
  if (p.kind === 'clipping') {
    const runs =
      p.count === 1
        ? `${plural(p.samples, 'sample')} at full scale`
        : `${plural(p.count, 'run')}, ${plural(p.samples, 'sample')} at full scale (the longest ${p.longestRunSamples})`;
    const overs = p.overs ? `, ${plural(p.overs, 'inter-sample over')} up to ${formatOver(p.worstTruePeakDbtp!)}` : '';
    return {
      severity: 'error',
      code: 'clipping',
      message: `Clipping on ${channel} ${span}: ${runs}${overs}. Lower the preamp gain; the DAW cannot undo it.`,
      ...where,
    };
  }
  const what =
    p.count === 1
      ? `Inter-sample over on ${channel} ${span}: true peak ${formatOver(p.worstTruePeakDbtp!)}`
      : `Inter-sample overs on ${channel} ${span}: ${plural(p.count, 'over')}, the highest ${formatOver(p.worstTruePeakDbtp!)}`;
  return { severity: 'warning', code: 'inter-sample-over', message: `${what} with samples below full scale; a converter or codec will clip it.`, ...where };
}

/** An over in hundredths of a dB: +0.04 dBTP must not read as 0.0. */
const formatOver = (dbtp: number) => `+${formatDb(dbtp, 'dBTP', 2)}`;

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * Findings in time order, as every surface lists them: those about the whole take first (by
 * severity, as derived), then the timed ones by start, channel and severity.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => {
      const ta = a.f.startSeconds ?? -1;
      const tb = b.f.startSeconds ?? -1;
      if (ta !== tb) return ta - tb;
      if (ta < 0) return SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.i - b.i;
      return (a.f.channel ?? -1) - (b.f.channel ?? -1) || SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.i - b.i;
    })
    .map(({ f }) => f);
}
