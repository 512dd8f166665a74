import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import { CSV_COLUMNS, findingCounts, formatReport, MARKDOWN_HEADER, reportCsv, reportJson, reportMarkdown } from '../../../src/core/exportReport';
import type { FailedTake, TakeReport, TakeResult } from '../../../src/core/report';
import { requireBuild } from '../../support/dist';
import { scratch } from '../../support/scratch';
import { writeTakes } from '../../support/takes';

/** A clipped stereo take with known figures, as the analysis would report it. */
function clippedTake(): TakeReport {
  const channel = (index: number, label: string) => ({
    index,
    label,
    samplePeakDbfs: 0,
    samplePeakSeconds: 0.25,
    truePeakDbtp: 0.43,
    rmsDbfs: -4.12,
    rmsWindowMaxDbfs: -3.5,
    rmsWindowMinDbfs: -9.25,
    dcOffset: 0,
    crestFactorDb: 4.12,
    noiseFloorDbfs: -8.5,
    clippedSamples: 600,
    overFullScaleSamples: 0,
    effectiveBits: 24,
    silent: false,
    nearSilent: false,
    nonFiniteSamples: 0,
    firstNonFiniteSeconds: null,
  });
  return {
    file: '/studio/takes/clipped, "hot".wav',
    format: {
      container: 'RIFF',
      encoding: 'pcm',
      bitsPerSample: 24,
      validBitsPerSample: 24,
      sampleRate: 48000,
      channels: 2,
      frames: 96000,
      durationSeconds: 2,
      channelLabels: ['L', 'R'],
      channelMask: null,
    },
    channels: [channel(0, 'L'), channel(1, 'R')],
    overall: { samplePeakDbfs: 0, truePeakDbtp: 0.43, rmsDbfs: -4.12, headroomDb: 0, clippedSamples: 1200 },
    loudness: { integratedLufs: -3.456, loudnessRangeLu: 0.04, momentaryMaxLufs: -3.2, shortTermMaxLufs: -3.3, shortTermMaxSeconds: 1.2 },
    clipping: { events: [], overs: [], passages: [] },
    stereoCorrelation: 1,
    metadata: { markers: [], info: {} },
    suggestedGain: {
      gainDb: -1.4,
      atLeast: false,
      target: { kind: 'loudness', valueDb: -3, origin: 'settings', text: 'the −3 LUFS loudness target' },
      limit: { by: 'true-peak-ceiling', line: 'limited by the −1.0 dBTP true-peak ceiling' },
      byTarget: { peak: null, average: null, loudness: 0.46, ceiling: -1.43 },
    },
    rmsConvention: 'plain',
    findings: [
      {
        severity: 'error',
        code: 'clipping',
        message: 'Clipping on L from 0:00.010 to 0:02.000: 200 runs',
        channel: 0,
        startSeconds: 0.01,
        durationSeconds: 1.99,
      },
      { severity: 'error', code: 'clipping', message: 'Clipping | on R', channel: 1, startSeconds: 0.01 },
      { severity: 'warning', code: 'too-hot', message: 'True peak +0.4 dBTP is above the -1.0 dBTP ceiling' },
    ],
    diagnosis: [
      {
        code: 'hum',
        severity: 'warning',
        stage: 'cabling',
        value: -58.2,
        unit: 'dBFS',
        channel: 0,
        startSeconds: 0.5,
        message: '50 Hz hum at -58.2 dBFS on L with odd harmonics.',
      },
    ],
    warnings: [],
    rig: {
      file: '/studio/studio.headroom.json',
      input: 'vox',
      advice: [{ severity: 'warning', code: 'set-gain', message: 'lower input "Lead vocal" preamp gain by 11 dB' }],
      action: null,
      recorded: { fromRecord: false, changedSince: false, changeSinceDb: 0 },
      diagnosis: [{ code: 'hum', severity: 'warning', dbu: -37.2, message: "The hum is −37.2 dBu at the converter's input." }],
    },
  };
}

function silentTake(): TakeReport {
  const t = clippedTake();
  return {
    ...t,
    file: '/studio/takes/silence.wav',
    diagnosis: [],
    overall: { samplePeakDbfs: null, truePeakDbtp: null, rmsDbfs: null, headroomDb: null, clippedSamples: 0 },
    loudness: { integratedLufs: null, loudnessRangeLu: null, momentaryMaxLufs: null, shortTermMaxLufs: null, shortTermMaxSeconds: null },
    suggestedGain: {
      gainDb: null,
      atLeast: false,
      target: null,
      limit: { by: 'silent', line: 'silent: there is no level to set a gain by' },
      byTarget: { peak: null, average: null, loudness: null, ceiling: null },
    },
    findings: [{ severity: 'error', code: 'silent-take', message: 'The take is silent' }],
    rig: undefined,
  };
}

const failed: FailedTake = {
  file: '/studio/takes/corrupt.wav',
  error: { code: 'unsupported-codec', message: 'corrupt.wav: at byte 20: MPEG Layer 3 (0x0055) is not PCM', offset: 20 },
  findings: [{ severity: 'error', code: 'unreadable', message: 'corrupt.wav: at byte 20: MPEG Layer 3 (0x0055) is not PCM' }],
};

const display = (f: string) => relative('/studio', f);

describe('report export (Markdown, CSV, JSON)', () => {
  it('CSV: exact header, figures to 2 decimals, n/a for silence, quoting, CRLF', () => {
    const csv = reportCsv([clippedTake(), silentTake(), failed], { displayPath: display });
    assert.deepEqual(csv.split('\r\n'), [
      'file,duration_s,sample_rate_hz,channels,sample_peak_dbfs,true_peak_dbtp,rms_dbfs,integrated_lufs,loudness_range_lu,clipped_samples,suggested_gain_db,limited_by,errors,warnings,infos,findings,diagnosis,rig_input,error',
      '"takes/clipped, ""hot"".wav",2.000,48000,2,0.00,0.43,-4.12,-3.46,0.04,1200,-1.4,true-peak-ceiling,2,1,0,clipping;too-hot,hum,vox,',
      'takes/silence.wav,2.000,48000,2,n/a,n/a,n/a,n/a,n/a,0,,silent,1,0,0,silent-take,,,',
      'takes/corrupt.wav,,,,,,,,,,,,1,0,0,unreadable,,,corrupt.wav: at byte 20: MPEG Layer 3 (0x0055) is not PCM',
      '',
    ]);
    assert.equal(CSV_COLUMNS.length, 19);
  });

  it('Markdown: the table row per take, cells escaped, then findings and rig advice per take', () => {
    const md = reportMarkdown([clippedTake(), silentTake(), failed], { displayPath: display });
    const lines = md.split('\n');
    assert.deepEqual(lines.slice(0, 9), [
      '# Headroom report',
      '',
      '3 takes.',
      '',
      MARKDOWN_HEADER,
      '|---|---:|---:|---:|---:|---:|---:|---:|---|',
      '| takes/clipped, "hot".wav | 0.0 | 0.4 | -4.1 | -3.5 | 0.0 | 1200 | −1.4 dB | 2 errors, 1 warning |',
      '| takes/silence.wav | n/a | n/a | n/a | n/a | n/a | 0 | n/a | 1 error |',
      '| takes/corrupt.wav | | | | | | | | unreadable: corrupt.wav: at byte 20: MPEG Layer 3 (0x0055) is not PCM |',
    ]);
    const clippedSection = md.slice(md.indexOf('## takes/clipped'), md.indexOf('## takes/silence'));
    assert.equal(
      clippedSection,
      '## takes/clipped, "hot".wav\n\n- ERROR clipping: Clipping on L from 0:00.010 to 0:02.000: 200 runs\n- ERROR clipping: Clipping | on R\n- WARNING too-hot: True peak +0.4 dBTP is above the -1.0 dBTP ceiling\n- WARNING rig/vox: lower input "Lead vocal" preamp gain by 11 dB\n\n' +
        '### Chain diagnosis\n\n| Severity | Code | Stage | Value | Where | Finding |\n|---|---|---|---|---|---|\n' +
        "| warning | hum | cabling | -58.2 dBFS | L, 0:00.500 | 50 Hz hum at -58.2 dBFS on L with odd harmonics. Rig: The hum is −37.2 dBu at the converter's input. |\n\n",
    );
    assert.ok(md.endsWith('## takes/corrupt.wav\n\n- ERROR unreadable: corrupt.wav: at byte 20: MPEG Layer 3 (0x0055) is not PCM\n'));
  });

  it('a pipe in a path is escaped so the table keeps its columns', () => {
    const t = { ...clippedTake(), file: '/studio/a|b.wav', findings: [] };
    const row = reportMarkdown([t], { displayPath: display }).split('\n')[6]!;
    assert.ok(row.startsWith('| a\\|b.wav | 0.0 |'), row);
    assert.equal(row.split(/(?<!\\)\|/).length - 2, 9);
  });

  it('CSV: names that look like formulas (= + - @, tab) stay text in a spreadsheet; numbers stay numbers', () => {
    const names = ['=HYPERLINK("x")', '+1+1', '-2+3', '@SUM(A1)', '\tx', 'plain'];
    const takes = names.map((n) => ({ ...clippedTake(), file: `/studio/${n}.wav`, rig: { ...clippedTake().rig!, input: `=${n}` } }));
    const bad: FailedTake = { ...failed, file: '/studio/=x.wav', error: { ...failed.error, message: '=x.wav: at byte 0: the file is empty' } };
    const rows = reportCsv([...takes, bad], { displayPath: display })
      .split('\r\n')
      .slice(1, -1);
    const cells = rows.map((r) => r.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '')));
    assert.deepEqual(
      cells.map((c) => c[0]),
      ['"\'=HYPERLINK(""x"").wav"', "'+1+1.wav", "'-2+3.wav", "'@SUM(A1).wav", "'\tx.wav", 'plain.wav', "'=x.wav"],
    );
    assert.equal(cells[0]![CSV_COLUMNS.indexOf('rig_input')], '"\'==HYPERLINK(""x"")"');
    assert.equal(cells[6]![CSV_COLUMNS.indexOf('error')], "'=x.wav: at byte 0: the file is empty");
    // A negative level is a number, not a formula: it keeps its minus sign and no apostrophe.
    assert.equal(cells[0]![CSV_COLUMNS.indexOf('rms_dbfs')], '-4.12');
  });

  it('JSON is the full report, file paths untouched, as analyze --json prints it', () => {
    const results: TakeResult[] = [clippedTake(), failed];
    assert.equal(reportJson(results), JSON.stringify(results, null, 2) + '\n');
    assert.equal(formatReport(results, 'json', { displayPath: display }), reportJson(results));
    assert.deepEqual(JSON.parse(reportJson(results))[0].file, '/studio/takes/clipped, "hot".wav');
  });

  it('finding counts read naturally', () => {
    assert.equal(findingCounts(clippedTake()), '2 errors, 1 warning');
    assert.equal(findingCounts({ ...clippedTake(), findings: [] }), 'none');
  });

  describe('headroom analyze --format', function () {
    this.timeout(60000);
    const root = resolve(__dirname, '../../..');
    const cli = join(root, 'dist', 'cli.js');
    const dir = join(scratch, 'export-cli');
    const run = (...args: string[]) => spawnSync('node', [cli, ...args], { encoding: 'utf8', cwd: dir, maxBuffer: 256 * 1024 * 1024 });
    before(() => {
      requireBuild();
      writeTakes(dir);
    });

    it('csv and md print exactly the shared formatters over the same results as --json', () => {
      const json = run('analyze', '--json', '--jobs', '2', '.');
      assert.equal(json.status, 2, json.stderr);
      const results = JSON.parse(json.stdout) as TakeResult[];
      const csv = run('analyze', '--format', 'csv', '--jobs', '2', '.');
      assert.equal(csv.status, 2);
      assert.equal(csv.stdout, reportCsv(results, { displayPath: (f) => relative(dir, f) }));
      // A -6 dBFS sine: peak -6.00, RMS -9.01, -6.00 LUFS; -9.0 dB puts its RMS on the -18 dBFS average target.
      assert.ok(csv.stdout.includes('\r\ngood.wav,2.000,48000,2,-6.00,-5.99,-9.01,-6.00,n/a,0,-9.0,average,0,0,0,,,,\r\n'), csv.stdout);
      assert.match(
        csv.stdout,
        /\r\nnested\/clipped\.wav,2\.000,48000,2,0\.00,\d+\.\d\d,-\d+\.\d\d,-?\d+\.\d\d,n\/a,\d+,-\d+\.\d,clipped,2,0,0,clipping,,,\r\n/,
      );
      const md = run('analyze', '--format', 'md', '--jobs', '2', '.');
      assert.equal(md.stdout, reportMarkdown(results, { displayPath: (f) => relative(dir, f) }));
      assert.equal(run('analyze', '--format', 'json', '--jobs', '2', '.').stdout, json.stdout);
    });

    it('rejects an unknown format and a --json that contradicts --format, with exit 64', () => {
      const bad = run('analyze', '--format', 'xml', '.');
      assert.equal(bad.status, 64);
      assert.match(bad.stderr, /--format expects text, json, md or csv, got "xml"/);
      const both = run('analyze', '--json', '--format', 'csv', '.');
      assert.equal(both.status, 64);
      assert.match(both.stderr, /--json contradicts --format csv/);
    });
  });
});
