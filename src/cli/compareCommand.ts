// `headroom compare`: takes of one source (two mics on one drum, a DI and an amp mic) against the
// first: polarity and delay from their best-lag cross-correlation.

import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openWav } from '../node/byteSource';
import { alignTakes, type Alignment } from '../core/analysis/diagnosis/align';
import type { CliIo } from './io';

export const COMPARE_USAGE = `Usage: headroom compare [--json] [--max-lag <ms>] <reference.wav> <take.wav>...

Compares each take with the reference, as takes of one source: whether it is out of polarity, and
how far it is behind or ahead (ms, and cm at the speed of sound), from the best-lag
cross-correlation of the reference's loudest stretch.

Options:
  --json            one JSON object per take: file, reference, correlation, delayMs, distanceCm,
                    startSeconds, related, message
  --max-lag <ms>    the largest delay searched, either way (default 20 ms, about 7 m)

Exit status: 0 compared, 1 a take is out of polarity with the reference, 2 a file could not be read,
64 usage error.`;

export class CompareUsageError extends Error {}

export async function runCompareCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, 'max-lag': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(COMPARE_USAGE + '\n');
    return 0;
  }
  if (positionals.length < 2) throw new CompareUsageError('compare needs a reference take and at least one take to compare with it');
  const maxLag = values['max-lag'] === undefined ? 20 : Number(values['max-lag']);
  if (!Number.isFinite(maxLag) || maxLag <= 0 || maxLag > 1000)
    throw new CompareUsageError(`--max-lag expects milliseconds between 0 and 1000, got ${JSON.stringify(values['max-lag'])}`);
  const [reference, ...takes] = positionals.map((p) => resolve(io.cwd, p)) as [string, ...string[]];
  const results: (Alignment & { file: string; reference: string })[] = [];
  let unreadable = false;
  for (const take of takes) {
    try {
      results.push({ file: take, reference, ...(await alignTakes(openWav, reference, take, [basename(reference), basename(take)], maxLag)) });
    } catch (err) {
      unreadable = true;
      io.stderr(`headroom: ${(err as Error).message}\n`);
    }
  }
  io.stdout(values.json ? JSON.stringify(results, null, 2) + '\n' : results.map((r) => r.message).join('\n') + (results.length ? '\n' : ''));
  if (unreadable) return 2;
  return results.some((r) => r.related && r.correlation < 0) ? 1 : 0;
}
