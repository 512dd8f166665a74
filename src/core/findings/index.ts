// Turns measurements into findings: what a gain-staging engineer would flag on a take, with a
// message that says what to do. Thresholds are named so the README can document them. Polarity,
// bit depth and the noise floor are the chain diagnosis's (analysis/diagnosis/), with time ranges.

import type { Measurements } from '../analysis/types';
import { formatDb, formatTime } from '../format';
import type { Finding } from '../report';
import type { WavHeader } from '../wav/types';

export const thresholds = {
  /** |DC| above this fraction of full scale (-60 dBFS) is worth removing. */
  dcOffset: 0.001,
  /** A channel is dead when it is silent while another channel's peak is above this (dBFS). */
  liveChannelDbfs: -60,
  /** Clipped passages (and overs) listed one by one before they are summarised. */
  maxListedEvents: 20,
  /** Clipping runs on a channel closer than this (seconds) are one passage: one finding, not dozens. */
  clipRegionGapSeconds: 0.5,
};

export function deriveFindings(m: Measurements, header: WavHeader): Finding[] {
  const out: Finding[] = [];
  const label = (ch: number) => m.channels[ch]?.label ?? `channel ${ch + 1}`;

  for (const w of header.warnings) {
    if (w.code.startsWith('data-size') || w.code === 'partial-frame') {
      out.push({ severity: 'warning', code: 'truncated', message: `Truncated or unfinished file: ${w.message} (byte ${w.offset}).` });
    }
  }

  for (const c of m.channels) {
    if (c.nonFiniteSamples > 0) {
      const n = c.nonFiniteSamples;
      out.push({
        severity: 'error',
        code: 'non-finite',
        message: `${label(c.index)} has ${n} NaN or infinite sample${n === 1 ? '' : 's'}, the first at ${formatTime(c.firstNonFiniteSeconds ?? 0)}: the file is damaged or a plug-in failed. Every meter read ${n === 1 ? 'it' : 'them'} as silence; re-render or repair the take.`,
        channel: c.index,
        startSeconds: c.firstNonFiniteSeconds ?? 0,
      });
    }
  }

  if (m.channels.every((c) => c.silent)) {
    out.push({ severity: 'error', code: 'silent-take', message: 'The take is silent on every channel: check the input routing and record arm.' });
    return out;
  }

  const regions = clippingRegions(m);
  regions.slice(0, thresholds.maxListedEvents).forEach((r) => {
    const where = r.runs === 1 ? `at ${formatTime(r.startSeconds)}: ${r.samples} samples` : `from ${formatTime(r.startSeconds)} to ${formatTime(r.endSeconds)}: ${r.runs} runs, ${r.samples} samples`;
    out.push({
      severity: 'error',
      code: 'clipping',
      message: `Clipping on ${label(r.channel)} ${where} at full scale. Lower the preamp gain; the DAW cannot undo it.`,
      channel: r.channel,
      startSeconds: r.startSeconds,
      durationSeconds: r.endSeconds - r.startSeconds,
    });
  });
  if (regions.length > thresholds.maxListedEvents) {
    out.push({ severity: 'error', code: 'clipping', message: `${regions.length - thresholds.maxListedEvents} more clipped passages (${m.overall.clippedSamples} clipped samples in all).` });
  }

  m.clipping.overs.slice(0, thresholds.maxListedEvents).forEach((o) =>
    out.push({
      severity: 'warning',
      code: 'inter-sample-over',
      message: `Inter-sample over on ${label(o.channel)} at ${formatTime(o.startSeconds)}: true peak +${formatDb(o.truePeakDbtp, 'dBTP', 2)} with samples below full scale; a converter or codec will clip it.`,
      channel: o.channel,
      startSeconds: o.startSeconds,
    }),
  );

  for (const c of m.channels) {
    if (c.overFullScaleSamples > 0) {
      out.push({ severity: 'warning', code: 'over-full-scale', message: `${label(c.index)} has ${c.overFullScaleSamples} float samples beyond ±1.0 (${formatDb(c.samplePeakDbfs, 'dBFS')}): not clipped yet, but it will be on export to fixed point. Lower the gain by at least ${(c.samplePeakDbfs ?? 0).toFixed(1)} dB.`, channel: c.index });
    }
  }

  for (const c of m.channels) {
    if (!c.silent && Math.abs(c.dcOffset) > thresholds.dcOffset) {
      out.push({ severity: 'warning', code: 'dc-offset', message: `DC offset on ${label(c.index)}: ${(c.dcOffset * 100).toFixed(2)} % of full scale (${formatDb(20 * Math.log10(Math.abs(c.dcOffset)), 'dBFS')}). Apply a high-pass or DC removal; check the interface for a fault if it persists.`, channel: c.index });
    }
  }

  const live = m.channels.some((c) => c.samplePeakDbfs !== null && c.samplePeakDbfs > thresholds.liveChannelDbfs);
  for (const c of m.channels) {
    if (c.silent && live && c.loudnessWeight !== 0) {
      out.push({ severity: 'error', code: 'dead-channel', message: `${label(c.index)} is silent while other channels carry signal: check the cable, phantom power and input routing.`, channel: c.index });
    }
  }

  return out;
}

interface ClipRegion {
  channel: number;
  startSeconds: number;
  endSeconds: number;
  runs: number;
  samples: number;
}

function clippingRegions(m: Measurements): ClipRegion[] {
  const regions: ClipRegion[] = [];
  const open = new Map<number, ClipRegion>();
  for (const e of m.clipping.events) {
    const end = e.startSeconds + e.durationSeconds;
    const current = open.get(e.channel);
    if (current && e.startSeconds - current.endSeconds <= thresholds.clipRegionGapSeconds) {
      current.endSeconds = end;
      current.runs++;
      current.samples += e.samples;
    } else {
      const region = { channel: e.channel, startSeconds: e.startSeconds, endSeconds: end, runs: 1, samples: e.samples };
      open.set(e.channel, region);
      regions.push(region);
    }
  }
  return regions.sort((a, b) => a.startSeconds - b.startSeconds || a.channel - b.channel);
}
