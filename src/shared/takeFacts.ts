// The header's format facts as text: the host builds the take editor's first paint with them (before
// any script runs) and the page shows the same text once its script takes over.

import { formatTime } from '../core/format';
import type { WavFormat } from '../core/wav/types';

export function sampleRateText(hz: number): string {
  return `${Number((hz / 1000).toFixed(3))} kHz`;
}

export function bytesText(n: number | null): string {
  if (n === null) return 'unknown';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}

/** The header's first facts, as text: the take editor shows them, and its page is built with them. */
export function formatFacts(
  f: Pick<
    WavFormat,
    'container' | 'encoding' | 'bitsPerSample' | 'validBitsPerSample' | 'sampleRate' | 'channels' | 'channelLabels' | 'durationSeconds' | 'frames'
  >,
  sizeBytes: number | null,
): [label: string, text: string][] {
  const bits = f.validBitsPerSample !== f.bitsPerSample ? `${f.validBitsPerSample} valid of ${f.bitsPerSample}` : `${f.bitsPerSample}`;
  const labels = f.channelLabels.join(' ');
  return [
    ['Format', `${f.container} · ${f.encoding === 'float' ? 'IEEE float' : 'PCM'} · ${bits}-bit`],
    ['Sample rate', sampleRateText(f.sampleRate)],
    ['Channels', `${f.channels}${labels ? ` (${labels})` : ''}`],
    ['Duration', `${formatTime(f.durationSeconds)} (${f.frames.toLocaleString('en-US')} frames)`],
    ['Size', bytesText(sizeBytes)],
  ];
}
