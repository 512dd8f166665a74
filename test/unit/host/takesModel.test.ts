import assert from 'node:assert/strict';
import type { FailedTake, Finding, TakeReport } from '../../../src/core/report';
import {
  figuresLine,
  groupTakes,
  keyFiguresMarkdown,
  lensTitle,
  mdEscape,
  sortTakes,
  takeDescription,
  takesSummary,
  takeStatus,
  type TakeEntry,
} from '../../../src/host/takesModel';

function report(truePeak: number | null, lufs: number | null, findings: Finding[] = []): TakeReport {
  return {
    file: '/x.wav',
    format: {
      container: 'RIFF',
      encoding: 'pcm',
      bitsPerSample: 24,
      validBitsPerSample: 24,
      sampleRate: 48000,
      channels: 1,
      frames: 48000,
      durationSeconds: 1,
      channelLabels: ['M'],
      channelMask: null,
    },
    channels: [],
    overall: {
      samplePeakDbfs: truePeak === null ? null : Math.min(0, truePeak - 0.2),
      truePeakDbtp: truePeak,
      rmsDbfs: -20.04,
      headroomDb: 0.2,
      clippedSamples: 0,
    },
    loudness: { integratedLufs: lufs, loudnessRangeLu: 4.26, momentaryMaxLufs: null, shortTermMaxLufs: null, shortTermMaxSeconds: null },
    clipping: { events: [], overs: [], passages: [] },
    stereoCorrelation: null,
    metadata: { markers: [], info: {} },
    suggestedGain: {
      gainDb: -0.7,
      atLeast: false,
      target: { kind: 'loudness', valueDb: -14, origin: 'settings', text: 'the −14 LUFS loudness target' },
      limit: { by: 'true-peak-ceiling', line: 'limited by the −1.0 dBTP true-peak ceiling' },
      byTarget: { peak: null, average: 2, loudness: 0, ceiling: -0.7 },
    },
    rmsConvention: 'plain',
    findings,
    diagnosis: [],
    warnings: [],
  };
}

const clip: Finding = { severity: 'error', code: 'clipping', message: 'Clipping on M from 0:00.100 to 0:00.200: 3 runs' };
const hot: Finding = { severity: 'warning', code: 'too-hot', message: 'True peak -0.3 dBTP is above the -1.0 dBTP ceiling' };
const failed: FailedTake = {
  file: '/bad.wav',
  error: { code: 'not-riff', message: 'bad.wav: at byte 0: expected "RIFF"' },
  findings: [{ severity: 'error', code: 'unreadable', message: 'x' }],
};

const entry = (relPath: string, result?: TakeEntry['result'], extra: Partial<TakeEntry> = {}): TakeEntry => ({
  key: `file:///ws/${relPath}`,
  relPath,
  result,
  analyzing: false,
  ...extra,
});

describe('takesModel: what the takes view says about each take', () => {
  it('status: error, warning, pass, analysing, pending; rig advice counts too', () => {
    assert.equal(takeStatus(entry('a.wav', report(-0.3, -14, [clip, hot]))), 'error');
    assert.equal(takeStatus(entry('a.wav', report(-0.3, -14, [hot]))), 'warning');
    assert.equal(
      takeStatus(entry('a.wav', report(-3, -14, [{ severity: 'info', code: 'reduced-bit-depth', message: '24-bit file, 16-bit content' }]))),
      'pass',
    );
    assert.equal(takeStatus(entry('a.wav', failed)), 'error');
    assert.equal(takeStatus(entry('a.wav', report(-3, -14), { analyzing: true })), 'analyzing');
    assert.equal(takeStatus(entry('a.wav')), 'pending');
    const withAdvice = {
      ...report(-3, -14),
      rig: {
        file: '/r.headroom.json',
        input: 'vox',
        advice: [{ severity: 'warning' as const, code: 'set-gain' as const, message: 'raise gain' }],
        action: null,
        recorded: { fromRecord: false, changedSince: false, changeSinceDb: 0 },
      },
    };
    assert.equal(takeStatus(entry('a.wav', withAdvice)), 'warning');
  });

  it('descriptions and CodeLens titles', () => {
    assert.equal(takeDescription(entry('a.wav', report(-0.34, -14.16))), '-0.3 dBTP · -14.2 LUFS');
    assert.equal(takeDescription(entry('a.wav', report(null, null))), 'n/a · n/a');
    assert.equal(takeDescription(entry('a.wav', failed)), 'unreadable');
    assert.equal(takeDescription(entry('a.wav')), 'not analysed');
    assert.equal(takeDescription(entry('a.wav', undefined, { analyzing: true })), 'analysing…');
    assert.equal(lensTitle('take.wav', report(-0.34, -14.16, [clip, hot])), 'take.wav: -0.3 dBTP · -14.2 LUFS · 2 findings');
    assert.equal(lensTitle('take.wav', report(-3, -20, [hot])), 'take.wav: -3.0 dBTP · -20.0 LUFS · 1 finding');
    assert.equal(lensTitle('take.wav', report(-3, -20)), 'take.wav: -3.0 dBTP · -20.0 LUFS · no findings');
    assert.equal(lensTitle('take.wav', failed), 'take.wav: unreadable');
    assert.equal(lensTitle('take.wav', undefined), 'take.wav: analyse');
  });

  it('copy figures: one line with every key figure', () => {
    assert.equal(
      figuresLine('takes/a.wav', report(-0.34, -14.16, [clip, hot])),
      'takes/a.wav: true peak -0.3 dBTP, sample peak -0.5 dBFS, RMS -20.0 dBFS, -14.2 LUFS integrated, LRA 4.3 LU, 0 clipped samples, suggested gain −0.7 dB, findings: 1 error, 1 warning',
    );
    assert.equal(figuresLine('takes/b.wav', failed), 'takes/b.wav: unreadable: bad.wav: at byte 0: expected "RIFF"');
    assert.equal(figuresLine('takes/c.wav', undefined), 'takes/c.wav: not analysed');
  });

  it('sort by name, by peak and by loudness (loudest first, no figures last)', () => {
    const takes = [
      entry('b.wav', report(-6, -20)),
      entry('a.wav', report(-1, -30)),
      entry('c.wav'),
      entry('d.wav', report(null, null)),
      entry('e.wav', failed),
      entry('f.wav', report(-1, -10)),
    ];
    const names = (order: 'name' | 'peak' | 'loudness') => sortTakes(takes, order).map((t) => t.relPath);
    assert.deepEqual(names('name'), ['a.wav', 'b.wav', 'c.wav', 'd.wav', 'e.wav', 'f.wav']);
    assert.deepEqual(names('peak'), ['a.wav', 'f.wav', 'b.wav', 'd.wav', 'c.wav', 'e.wav']);
    assert.deepEqual(names('loudness'), ['f.wav', 'b.wav', 'a.wav', 'd.wav', 'c.wav', 'e.wav']);
  });

  it('groups by folder (A→Z) and by rig input (takes of no input last)', () => {
    const vox = { rig: 'studio.headroom.json', id: 'vox', name: 'Lead vocal' };
    const gtr = { rig: 'studio.headroom.json', id: 'gtr', name: 'Acoustic guitar' };
    const takes = [
      entry('takes/vox-2.wav', report(-1, -16), { input: vox }),
      entry('takes/vox-1.wav', report(-4, -18), { input: vox }),
      entry('takes/gtr-1.wav', report(-8, -22), { input: gtr }),
      entry('drums/kick.wav', report(0, -9)),
      entry('mix.wav'),
    ];
    const byFolder = groupTakes(takes, 'folder', 'name');
    assert.deepEqual(
      byFolder.map((g) => [g.label, g.takes.map((t) => t.relPath)]),
      [
        ['.', ['mix.wav']],
        ['drums', ['drums/kick.wav']],
        ['takes', ['takes/gtr-1.wav', 'takes/vox-1.wav', 'takes/vox-2.wav']],
      ],
    );
    const byInput = groupTakes(takes, 'input', 'peak');
    assert.deepEqual(
      byInput.map((g) => [g.label, g.description, g.takes.map((t) => t.relPath)]),
      [
        ['Acoustic guitar', 'studio.headroom.json', ['takes/gtr-1.wav']],
        ['Lead vocal', 'studio.headroom.json', ['takes/vox-2.wav', 'takes/vox-1.wav']],
        ['No rig input', undefined, ['drums/kick.wav', 'mix.wav']],
      ],
    );
    assert.equal(
      takesSummary(byInput),
      'Acoustic guitar (studio.headroom.json)\n  gtr-1.wav  -8.0 dBTP · -22.0 LUFS  [pass]\nLead vocal (studio.headroom.json)\n  vox-2.wav  -1.0 dBTP · -16.0 LUFS  [pass]\n  vox-1.wav  -4.0 dBTP · -18.0 LUFS  [pass]\nNo rig input\n  kick.wav  0.0 dBTP · -9.0 LUFS  [pass]\n  mix.wav  not analysed  [pending]\n',
    );
    assert.equal(takesSummary([]), '');
  });

  it('key figures Markdown: the table, findings with icons, file text escaped', () => {
    const md = keyFiguresMarkdown('takes/my_take*.wav', report(-0.34, -14.16, [clip, hot]));
    assert.ok(md.startsWith('**takes/my\\_take\\*\\.wav**\n\n| | |\n|---|---:|\n| True peak | \\-0\\.3 dBTP |\n| Sample peak | \\-0\\.5 dBFS |\n'), md);
    assert.ok(
      md.includes(
        '| Integrated loudness | \\-14\\.2 LUFS |\n| Loudness range | 4\\.3 LU |\n| Clipped samples | 0 |\n| Suggested gain | −0\\.7 dB: limited by the −1\\.0 dBTP true\\-peak ceiling |',
      ),
      md,
    );
    assert.ok(
      md.endsWith(
        '**Findings** (1 error, 1 warning)\n\n- $(error) clipping: Clipping on M from 0:00\\.100 to 0:00\\.200: 3 runs\n- $(warning) too\\-hot: True peak \\-0\\.3 dBTP is above the \\-1\\.0 dBTP ceiling',
      ),
      md,
    );
    assert.equal(keyFiguresMarkdown('a.wav', undefined), '**a\\.wav**\n\nNot analysed yet.');
    assert.ok(keyFiguresMarkdown('a.wav', report(-3, -20)).endsWith('No findings.'));
    const many = keyFiguresMarkdown(
      'a.wav',
      report(
        0,
        -9,
        Array.from({ length: 11 }, () => clip),
      ),
    );
    assert.equal(many.split('\n- ').length - 1, 9);
    assert.ok(many.endsWith('- … and 3 more'));
    assert.equal(mdEscape('[a](b)'), '\\[a\\]\\(b\\)');
  });
});
