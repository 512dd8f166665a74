// Channel labels. With a WAVE_FORMAT_EXTENSIBLE mask the labels follow the speaker-position bits in
// bit order (Microsoft's KSAUDIO_SPEAKER_* names). Without a mask we follow the convention that
// libebur128 and most DAWs use for plain WAV: 1 = M, 2 = L R, 3 = L R C, 4 = L R Ls Rs,
// 5 = L R C Ls Rs, 6+ = L R C LFE Ls Rs then numbered channels.

const MASK_LABELS = ['FL', 'FR', 'FC', 'LFE', 'BL', 'BR', 'FLC', 'FRC', 'BC', 'SL', 'SR', 'TC', 'TFL', 'TFC', 'TFR', 'TBL', 'TBC', 'TBR'];

const DEFAULT_LAYOUTS: Record<number, string[]> = {
  1: ['M'],
  2: ['L', 'R'],
  3: ['L', 'R', 'C'],
  4: ['L', 'R', 'Ls', 'Rs'],
  5: ['L', 'R', 'C', 'Ls', 'Rs'],
};

export function channelLabels(channels: number, mask: number | null): string[] {
  const labels: string[] = [];
  if (mask !== null && mask !== 0) {
    for (let bit = 0; bit < 32 && labels.length < channels; bit++) {
      if ((mask >>> bit) & 1) labels.push(MASK_LABELS[bit] ?? `SP${bit}`);
    }
  } else if (DEFAULT_LAYOUTS[channels]) {
    labels.push(...DEFAULT_LAYOUTS[channels]);
  } else {
    labels.push('L', 'R', 'C', 'LFE', 'Ls', 'Rs');
    labels.length = Math.min(6, channels);
  }
  while (labels.length < channels) labels.push(`Ch${labels.length + 1}`);
  return labels;
}
