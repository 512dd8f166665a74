// A silent channel, said the same way on every surface: "dead" when the findings call it a dead
// channel (silent beside live ones), "silent" otherwise (an unused LFE, a silent take).

import type { TakeReport } from './report';

export type ChannelCondition = 'dead' | 'silent';

export function channelCondition(r: Pick<TakeReport, 'channels' | 'findings'>, index: number): ChannelCondition | null {
  if (r.findings.some((f) => f.code === 'dead-channel' && f.channel === index)) return 'dead';
  return r.channels[index]?.silent ? 'silent' : null;
}

/** " (dead)", " (silent)" or "": what follows a channel's label in a table. */
export function channelState(r: Pick<TakeReport, 'channels' | 'findings'>, index: number): string {
  const c = channelCondition(r, index);
  return c ? ` (${c})` : '';
}

/** The labels of the dead channels ("R", "L, Ls"), or "" when none is. */
export function deadChannelLabels(r: Pick<TakeReport, 'channels' | 'findings'>): string {
  return r.channels
    .filter((c) => channelCondition(r, c.index) === 'dead')
    .map((c) => c.label)
    .join(', ');
}
