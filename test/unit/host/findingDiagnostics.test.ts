import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzeFile } from '../../../src/node/analyzeFile';
import { takeDiagnostics, takeSummary } from '../../../src/host/findingDiagnostics';
import { scratch } from '../../support/scratch';
import { writeTakes } from '../../support/takes';

describe('findings as Problems-panel entries', () => {
  let takes: ReturnType<typeof writeTakes>;
  before(() => {
    takes = writeTakes(join(scratch, 'host'));
  });

  it('clipping entries carry their time, code and severity; the severity filter applies', async () => {
    const { result } = await analyzeFile(takes.clipped);
    const all = takeDiagnostics(result, new Set(['error', 'warning', 'info']));
    assert.ok(all.length > 0);
    assert.deepEqual([...new Set(all.map((d) => `${d.severity}:${d.code}`))].sort(), ['error:clipping']);
    assert.match(all[0]!.message, /^Clipping on L from 0:00\.\d{3} to 0:02\.000: \d+ runs, \d+ samples at full scale/);
    assert.deepEqual(takeDiagnostics(result, new Set(['warning'])), []);
  });

  it('an unreadable take is one error with the reader code and the byte offset in the message', async () => {
    const { result } = await analyzeFile(takes.corrupt);
    assert.deepEqual(takeDiagnostics(result, new Set(['error'])), [
      {
        severity: 'error',
        code: 'unsupported-codec',
        message: `${takes.corrupt}: at byte 20: MPEG Layer 3 (0x0055) is not PCM (expected PCM (0x0001) or IEEE float (0x0003))`,
      },
    ]);
  });

  it('summary line', async () => {
    const { result } = await analyzeFile(takes.good);
    assert.equal(takeSummary(result), 'peak -6.0 dBFS, true peak -6.0 dBTP, -6.0 LUFS, suggested gain −9.0 dB');
  });
});
