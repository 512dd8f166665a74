// What the reader will spend on one file. Every limit bounds memory or time for a hostile header;
// each one is far above what a recorder, a DAW or a field recorder writes. Past a metadata limit the
// rest is skipped with a warning and the audio is still measured; past the channel limit the file
// is refused. docs/measurements.md ("Limits") lists these numbers.

export const READER_LIMITS = {
  /** sox, ffmpeg and libsndfile read 64 channels and more; 256 covers any recorder or ambisonic order 14. */
  maxChannels: 256,
  /** Chunks walked in the chunk list. Past this (once fmt and data are found) the walk stops. */
  maxChunks: 4096,
  /** Bytes read from any one metadata chunk (bext, iXML, cue, LIST, fact); a larger chunk is skipped. */
  maxMetadataChunkBytes: 1 << 20,
  /** Bytes read from all metadata chunks of a file together. */
  maxMetadataBytes: 4 << 20,
  /** Cue points (markers) kept from all cue chunks together. */
  maxMarkers: 10_000,
  /** LIST/INFO tags kept. */
  maxInfoTags: 256,
  /** iXML TRACK_LIST entries read. */
  maxIxmlTracks: 1024,
  /** Warnings of one kind listed one by one; the rest are counted in one more. */
  maxWarningsPerCode: 10,
} as const;
