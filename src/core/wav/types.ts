// Contract of the streaming WAV reader. Other modules (analysis, worker, CLI, extension) depend
// only on what is declared here.

export type Container = 'RIFF' | 'RF64' | 'BW64';
export type SampleEncoding = 'pcm' | 'float';

export interface WavFormat {
  container: Container;
  encoding: SampleEncoding;
  /** The effective format tag: for WAVE_FORMAT_EXTENSIBLE, the tag from the sub-format GUID. */
  formatTag: number;
  extensible: boolean;
  /** Container bits per sample (8, 16, 24, 32, 64). */
  bitsPerSample: number;
  /** wValidBitsPerSample of EXTENSIBLE, else equal to bitsPerSample. */
  validBitsPerSample: number;
  sampleRate: number;
  channels: number;
  blockAlign: number;
  byteRate: number;
  /** dwChannelMask of EXTENSIBLE; null when the file has none. */
  channelMask: number | null;
  /** One label per channel: from the mask (FL, FR, FC, LFE, BL, BR, ...) or by convention. */
  channelLabels: string[];
  /** Whole frames that will be read (after any truncation repair). */
  frames: number;
  durationSeconds: number;
  /** Byte offset of the first sample in the file. */
  dataOffset: number;
  /** Bytes of sample data that will be read. */
  dataBytes: number;
}

export interface BextMetadata {
  description: string;
  originator: string;
  originatorReference: string;
  /** yyyy-mm-dd as written in the file. */
  originationDate: string;
  /** hh:mm:ss as written in the file. */
  originationTime: string;
  /** Samples since midnight of the first sample (64-bit in the file). */
  timeReferenceSamples: number;
  /** timeReferenceSamples as HH:MM:SS.mmm at the file's sample rate. */
  timecode: string;
  version: number;
  umid?: string;
  loudness?: {
    integratedLufs: number | null;
    loudnessRangeLu: number | null;
    maxTruePeakDbtp: number | null;
    maxMomentaryLufs: number | null;
    maxShortTermLufs: number | null;
  };
  codingHistory: string;
}

export interface IxmlMetadata {
  project?: string;
  scene?: string;
  take?: string;
  tape?: string;
  note?: string;
  circled?: boolean;
  /** Track names in channel order, when the iXML TRACK_LIST gives them. */
  trackNames: string[];
}

export interface Marker {
  id: number;
  frame: number;
  seconds: number;
  label?: string;
  note?: string;
  /** From an `ltxt` entry: a region rather than a point. */
  lengthFrames?: number;
}

export interface WavMetadata {
  bext?: BextMetadata;
  ixml?: IxmlMetadata;
  markers: Marker[];
  /** LIST/INFO tags by their four-character id (INAM, IART, ICMT, ISFT, ...). */
  info: Record<string, string>;
  /** dwSampleLength of the `fact` chunk. */
  factSampleLength?: number;
}

/** Something odd that did not stop the read (e.g. a data size past the end of the file). */
export interface WavWarning {
  code:
    | 'data-size-zero'
    | 'data-size-unset'
    | 'data-size-past-eof'
    | 'partial-frame'
    | 'missing-pad-byte'
    | 'chunk-past-eof'
    | 'bad-metadata'
    /** Past READER_LIMITS.maxChunks: the rest of the chunk list was not read. */
    | 'chunk-limit'
    /** Past a metadata budget of READER_LIMITS: that metadata was skipped. */
    | 'metadata-limit'
    /** Block align or byte rate contradicted channels x bits and was recomputed. */
    | 'header-repaired';
  message: string;
  offset: number;
}

export interface WavHeader {
  format: WavFormat;
  metadata: WavMetadata;
  warnings: WavWarning[];
}

export type WavErrorCode =
  | 'io'
  | 'empty'
  | 'not-riff'
  | 'not-wave'
  | 'no-fmt'
  | 'no-data'
  | 'bad-fmt'
  | 'unsupported-codec'
  | 'zero-channels'
  | 'inconsistent-header'
  | 'chunk-overflow'
  /** The file was truncated or written to while its samples were read: the figures would mix two files. */
  | 'changed';

/** A planar block of samples. Integer formats are scaled by 1/2^(N-1) (8-bit: (x-128)/128). */
export interface PlanarBlock {
  /** One array per channel; only the first `frames` entries are valid. */
  channels: Float32Array[];
  /**
   * 64-bit float files: the samples at full precision (a value like 1e300 must not become Infinity
   * on the way); `channels` then holds them rounded to float32, for consumers that need no more.
   */
  wide?: Float64Array[];
  frames: number;
  /** Index of the block's first frame in the file. */
  startFrame: number;
}

/** Random-access bytes; lets tests read from memory and the reader from files. */
export interface ByteSource {
  readonly name: string;
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Fills `target` from `offset`; returns the bytes read (fewer only at the end of the source). */
  readInto(target: Uint8Array, offset: number): Promise<number>;
  /** How the source changed since it was opened (size, modification), or null; sources that cannot change omit it. */
  changedSinceOpen?(): Promise<string | null>;
  close(): Promise<void>;
}

/** Per channel: which bits of the integer sample word were ever set, for effective bit depth. */
export interface DecodeStats {
  /** Bits actually carrying information per channel (e.g. 16 for a 24-bit file padded from 16). */
  effectiveBits: number[];
}

export interface WavReader {
  readonly file: string;
  readonly header: WavHeader;
  /**
   * Yields blocks of at most `blockFrames` frames (default: about 1 MB of file data). The arrays may be reused between blocks:
   * consume each block before asking for the next. Aborting the signal ends the iteration with
   * the signal's reason.
   */
  blocks(blockFrames?: number, signal?: AbortSignal): AsyncIterableIterator<PlanarBlock>;
  /** Valid after `blocks()` has run to the end. */
  decodeStats(): DecodeStats;
  close(): Promise<void>;
}
