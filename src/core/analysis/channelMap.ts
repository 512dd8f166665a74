// The loudness meter's channel map, as libebur128 keeps one (ebur128_set_channel): what each channel
// of a take is to BS.1770, decided once per take from the file's speaker mask, or from the usual
// order of plain WAV when it has none. The weights follow from the map alone.

/** BS.1770-4 weight of each kind of channel: surrounds 1.41, LFE left out, a dual-mono channel counted twice. */
export const LOUDNESS_WEIGHTS = {
  left: 1,
  right: 1,
  centre: 1,
  lfe: 0,
  leftSurround: 1.41,
  rightSurround: 1.41,
  /** A mono channel meant for both loudspeakers of a stereo pair (libebur128's EBUR128_DUAL_MONO). */
  dualMono: 2,
  /** Any other loudspeaker position (front centre-left, back centre, height): weight 1 as BS.1770 gives it. */
  other: 1,
} as const;

export type LoudnessChannel = keyof typeof LOUDNESS_WEIGHTS;

/** WAVE_FORMAT_EXTENSIBLE speaker bits, in bit order (KSAUDIO_SPEAKER_*); positions past these are 'other'. */
const MASK_CHANNELS: readonly LoudnessChannel[] = [
  'left', // FL
  'right', // FR
  'centre', // FC
  'lfe', // LFE
  'leftSurround', // BL
  'rightSurround', // BR
  'other', // FLC
  'other', // FRC
  'other', // BC
  'leftSurround', // SL
  'rightSurround', // SR
];

/** Plain WAV without a mask, by channel count: the order libebur128 and most DAWs assume (as the reader's labels). */
const DEFAULT_LAYOUTS: Readonly<Record<number, readonly LoudnessChannel[]>> = {
  1: ['centre'],
  2: ['left', 'right'],
  3: ['left', 'right', 'centre'],
  4: ['left', 'right', 'leftSurround', 'rightSurround'],
  5: ['left', 'right', 'centre', 'leftSurround', 'rightSurround'],
};
const SURROUND_6: readonly LoudnessChannel[] = ['left', 'right', 'centre', 'lfe', 'leftSurround', 'rightSurround'];

/**
 * The channel map of a take: from the speaker mask when there is one (each channel takes the next
 * set bit; channels beyond the mask's bits are 'other'), else by the plain-WAV order for its count
 * (6 or more: L R C LFE Ls Rs, then 'other').
 */
export function loudnessChannelMap(channels: number, mask: number | null): LoudnessChannel[] {
  const map: LoudnessChannel[] = [];
  if (mask !== null && mask !== 0) {
    for (let bit = 0; bit < 32 && map.length < channels; bit++) if ((mask >>> bit) & 1) map.push(MASK_CHANNELS[bit] ?? 'other');
  } else map.push(...(DEFAULT_LAYOUTS[channels] ?? SURROUND_6.slice(0, channels)));
  while (map.length < channels) map.push('other');
  return map;
}
