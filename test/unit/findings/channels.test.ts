import assert from 'node:assert/strict';
import { channelCondition, channelState, deadChannelLabels } from '../../../src/core/channels';
import type { ChannelReport, Finding } from '../../../src/core/report';

const ch = (index: number, label: string, silent: boolean) => ({ index, label, silent }) as ChannelReport;

describe('silent and dead channels', () => {
  it('a silent channel beside live ones is dead; a silent LFE or a silent take is only silent', () => {
    const findings: Finding[] = [{ severity: 'error', code: 'dead-channel', message: 'R is silent', channel: 1 }];
    const r = { channels: [ch(0, 'L', false), ch(1, 'R', true), ch(2, 'LFE', true)], findings };
    assert.deepEqual(
      [0, 1, 2].map((i) => channelCondition(r, i)),
      [null, 'dead', 'silent'],
    );
    assert.deepEqual(
      [0, 1, 2].map((i) => channelState(r, i)),
      ['', ' (dead)', ' (silent)'],
    );
    assert.equal(deadChannelLabels(r), 'R');
    assert.equal(deadChannelLabels({ channels: [ch(0, 'L', false)], findings: [] }), '');
  });
});
