// Clipping runs and inter-sample overs merged into passages, per channel: a take that clips for ten
// seconds is one passage with its span, its run count and its worst level, as RX or Audacity
// summarise it, not a thousand runs or eight overs a second apart.

import type { ClipEvent, OverEvent } from '../analysis/types';
import type { Passage } from '../report';

/**
 * `gapSeconds`: events on a channel closer than this belong to one passage. An over within a
 * clipping passage (or that close to it) is counted with it: the passage clips anyway.
 * `minOverDb`: overs up to this many dB above 0 dBTP are within the meter's accuracy and left out.
 * Sorted by start, then channel.
 */
export function mergePassages(events: readonly ClipEvent[], overs: readonly OverEvent[], gapSeconds: number, minOverDb: number): Passage[] {
  const clipping: Passage[] = [];
  const byChannel = new Map<number, Passage[]>();
  const open = new Map<number, Passage>();
  for (const e of [...events].sort((a, b) => a.startFrame - b.startFrame || a.channel - b.channel)) {
    const end = e.startSeconds + e.durationSeconds;
    const current = open.get(e.channel);
    if (current && e.startSeconds - current.endSeconds <= gapSeconds) {
      current.endSeconds = Math.max(current.endSeconds, end);
      current.count++;
      current.samples += e.samples;
      current.longestRunSamples = Math.max(current.longestRunSamples, e.samples);
    } else {
      const p: Passage = {
        kind: 'clipping',
        channel: e.channel,
        startSeconds: e.startSeconds,
        endSeconds: end,
        count: 1,
        samples: e.samples,
        longestRunSamples: e.samples,
        worstTruePeakDbtp: null,
        overs: 0,
      };
      open.set(e.channel, p);
      clipping.push(p);
      const list = byChannel.get(e.channel);
      if (list) list.push(p);
      else byChannel.set(e.channel, [p]);
    }
  }
  const overPassages: Passage[] = [];
  const openOver = new Map<number, Passage>();
  // Overs come in time order: each channel's clipping passages are walked once.
  const next = new Map<number, number>();
  for (const o of [...overs].sort((a, b) => a.startSeconds - b.startSeconds || a.channel - b.channel)) {
    if (!(o.truePeakDbtp > minOverDb)) continue;
    const list = byChannel.get(o.channel) ?? [];
    let k = next.get(o.channel) ?? 0;
    while (k < list.length && list[k]!.endSeconds + gapSeconds < o.startSeconds) k++;
    next.set(o.channel, k);
    const host = k < list.length && o.startSeconds >= list[k]!.startSeconds - gapSeconds ? list[k] : undefined;
    if (host) {
      host.overs++;
      host.worstTruePeakDbtp = Math.max(host.worstTruePeakDbtp ?? -Infinity, o.truePeakDbtp);
      continue;
    }
    const current = openOver.get(o.channel);
    if (current && o.startSeconds - current.endSeconds <= gapSeconds) {
      current.endSeconds = Math.max(current.endSeconds, o.startSeconds);
      current.count++;
      current.worstTruePeakDbtp = Math.max(current.worstTruePeakDbtp ?? -Infinity, o.truePeakDbtp);
    } else {
      const p: Passage = {
        kind: 'inter-sample-over',
        channel: o.channel,
        startSeconds: o.startSeconds,
        endSeconds: o.startSeconds,
        count: 1,
        samples: 0,
        longestRunSamples: 0,
        worstTruePeakDbtp: o.truePeakDbtp,
        overs: 0,
      };
      openOver.set(o.channel, p);
      overPassages.push(p);
    }
  }
  return [...clipping, ...overPassages].sort(
    (a, b) => a.startSeconds - b.startSeconds || a.channel - b.channel || (a.kind === b.kind ? 0 : a.kind === 'clipping' ? -1 : 1),
  );
}
