// The CLI's human-readable report: a compact table per file and its findings.

import { channelState } from '../core/channels';
import { formatDb, formatLevelCell as cell, formatOptional, formatTime } from '../core/format';
import { describeSuggestedGain } from '../core/gainstage/suggest';
import { isFailed, type TakeResult } from '../core/report';

export function formatHuman(r: TakeResult): string {
  if (isFailed(r)) return `${r.file}\n  ERROR ${r.error.message}\n`;
  const f = r.format;
  const lines: string[] = [];
  const layout = f.channels === 1 ? 'mono' : f.channels === 2 ? 'stereo' : `${f.channels} ch`;
  lines.push(`${r.file}`);
  lines.push(
    `  ${f.container} ${f.encoding === 'pcm' ? `${f.validBitsPerSample}-bit PCM` : `${f.bitsPerSample}-bit float`} ${f.sampleRate / 1000} kHz ${layout}, ${formatTime(f.durationSeconds)}`,
  );
  const head = ['ch', 'peak dBFS', 'TP dBTP', 'RMS dBFS', 'crest dB', 'DC %', 'floor dBFS', 'clipped'];
  const rows = r.channels.map((c) => [
    `${c.label}${channelState(r, c.index)}`,
    cell(c.samplePeakDbfs),
    cell(c.truePeakDbtp),
    cell(c.rmsDbfs),
    formatOptional(c.crestFactorDb, ''),
    (c.dcOffset * 100).toFixed(3),
    formatOptional(c.noiseFloorDbfs, ''),
    String(c.clippedSamples),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const fmt = (row: string[]) => '  ' + row.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  lines.push(fmt(head), ...rows.map(fmt));
  const l = r.loudness;
  lines.push(
    `  overall: peak ${formatDb(r.overall.samplePeakDbfs, 'dBFS')}, true peak ${formatDb(r.overall.truePeakDbtp, 'dBTP')}, RMS ${formatDb(r.overall.rmsDbfs, 'dBFS')}` +
      (r.rmsConvention === 'aes17' ? ' (AES17)' : ''),
  );
  lines.push(
    `  loudness: ${formatDb(l.integratedLufs, 'LUFS')} integrated, LRA ${l.loudnessRangeLu === null ? 'n/a' : l.loudnessRangeLu.toFixed(1) + ' LU'}, momentary max ${formatDb(l.momentaryMaxLufs, 'LUFS')}, short-term max ${formatDb(l.shortTermMaxLufs, 'LUFS')}`,
  );
  lines.push(`  suggested gain: ${describeSuggestedGain(r.suggestedGain)}`);
  for (const finding of r.findings) lines.push(`  ${finding.severity.toUpperCase().padEnd(7)} ${finding.code}: ${finding.message}`);
  if (r.rig)
    for (const a of [...r.rig.advice, ...(r.rig.diagnosis ?? [])]) lines.push(`  ${a.severity.toUpperCase().padEnd(7)} rig/${r.rig.input}: ${a.message}`);
  return lines.join('\n') + '\n';
}
