import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { requireBuild } from '../../support/dist';
import { scratch } from '../../support/scratch';

const root = resolve(__dirname, '../../..');
const cli = join(root, 'dist', 'cli.js');
const run = (...args: string[]) => spawnSync('node', [cli, 'rig', ...args], { encoding: 'utf8' });

describe('headroom rig recommend', function () {
  this.timeout(60000);
  const dir = join(scratch, 'rig-recommend');
  const write = (name: string, body: object | string) => {
    const file = join(dir, name);
    writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body, null, 2));
    return file;
  };
  before(() => {
    requireBuild();
    mkdirSync(dir, { recursive: true });
  });

  // No interface yet: recommending needs only what the session uses and asks for.
  const session = {
    inputs: [
      { id: 'vox', source: { kind: 'mic', mic: 'neumann-u-87-ai', peakSplDb: 110 }, phantom: true, preampGainDb: 20 },
      { id: 'gtr', source: { kind: 'mic', mic: 'shure-sm57', peakSplDb: 100 }, preampGainDb: 50 },
    ],
    outputs: {
      headphoneMixes: [
        { name: 'Singer', output: 1 },
        { name: 'Guitarist', output: 2 },
      ],
    },
    requirements: { midiIn: 1, midiOut: 1 },
  };

  it('prints the needs, the interfaces that fit, those that may, and why each other one does not; exit 0 when one fits', () => {
    const r = run('recommend', write('session.headroom.json', session));
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'Needs: 2 inputs at once, 2 mic preamps, 1 with 48 V, 2 headphone outputs, 1 MIDI in, 1 MIDI out');
    assert.equal(lines[2], 'Fit:');
    // The 18i20 3rd Gen: 6 surplus inputs + 7 phantom channels + 2 monitor pairs = 15 unused, levels checked.
    assert.match(lines[4]!, /^ {2}1 {2}Focusrite Scarlett 18i20 3rd Gen +15 +-128 {2}fits$/);
    assert.ok(lines.includes('May fit (something they would need is not published):'));
    assert.ok(lines.includes('  Focusrite Clarett 8Pre (Thunderbolt): levels not checked for "vox", "gtr": mic maximum input level not published'));
    assert.ok(lines.includes('Do not fit:'));
    assert.ok(lines.includes('  Focusrite Scarlett Solo 4th Gen: 2 mic preamps needed, has 1'));
  });

  it('--json: the needs and every interface with its status, reasons, unknowns, unused features, EIN and verdict', () => {
    const r = run('recommend', '--json', write('session.headroom.json', session));
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.needs, { midiIn: 1, midiOut: 1, simultaneousInputs: 2, micPreamps: 2, phantomChannels: 1, headphoneOutputs: 2 });
    assert.deepEqual(out.interfaces[0], {
      id: 'focusrite-scarlett-18i20-3rd-gen',
      name: 'Focusrite Scarlett 18i20 3rd Gen',
      fits: true,
      status: 'fits',
      reasons: [],
      caveats: [],
      unchecked: [],
      unusedFeatures: 15,
      einDbu: -128,
      verdict: 'fits',
    });
    assert.equal(out.interfaces.length, 39);
    assert.deepEqual(
      out.interfaces.filter((f: { fits: boolean }) => f.fits).map((f: { id: string }) => f.id),
      ['focusrite-scarlett-18i20-3rd-gen'],
    );
  });

  it('exit 1 when no interface is known to fit; 2 for a missing or broken file; 64 for usage errors', () => {
    const huge = run('recommend', write('huge.headroom.json', { inputs: [], requirements: { simultaneousInputs: 64 } }));
    assert.equal(huge.status, 1);
    assert.match(huge.stdout, /No catalogue interface is known to meet these needs\./);
    assert.match(huge.stdout, /Focusrite Scarlett 18i20 3rd Gen: 64 inputs recorded at once needed, has 8/);
    assert.equal(run('recommend', join(dir, 'missing.headroom.json')).status, 2);
    const broken = run('recommend', write('broken.headroom.json', '{ "inputs": [ '));
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /broken\.headroom\.json:1: JSON syntax/);
    for (const args of [['recommend'], ['recommend', 'a.json', 'b.json'], ['recommend', '--fail-on', 'error', 'a.json'], ['suggest', 'a.json']]) {
      const r = run(...args);
      assert.equal(r.status, 64, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout + r.stderr, /headroom rig recommend \[--json\]/);
    }
    const help = run('--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /recommend: the catalogue interfaces that meet/);
  });

  it('rig check resolves catalogue ids and reports unknown ones with the suggestion', () => {
    const file = write('typo.headroom.json', { interface: 'motu-m3', inputs: [] });
    const r = run('check', file);
    assert.equal(r.status, 2);
    assert.match(
      r.stdout,
      /typo\.headroom\.json:2:16: error unknown-interface: No interface "motu-m3" in the catalogue: did you mean "motu-m2"\? .* \(fix: Use "motu-m2"\)/,
    );
  });
});
