// `headroom rig check FILE`: the rig file's problems, as file:line:col, or JSON.
// `headroom rig recommend FILE`: the catalogue interfaces that meet the rig's needs, best first.

import { readFile, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  adviseRig,
  checkRig,
  fixEdits,
  inputsToFit,
  matchTakeToInput,
  parseRig,
  recommendInterfaces,
  REQUIREMENT_KEYS,
  takeRecordFix,
  type InterfaceFit,
  type RigDocument,
  type RigProblem,
  type RigRequirements,
} from '../core/gainstage';
import type { CliIo } from './io';

export const RIG_USAGE = `Usage: headroom rig check [--json] [--fail-on warning|error] <file.headroom.json>
       headroom rig recommend [--json] <file.headroom.json>
       headroom rig record <file.headroom.json> <take.wav>...

check:     every input's chain (levels, headroom, noise floor, preamp gain), phantom power, pads,
           outputs, and whether the interface meets the studio's requirements.
record:    write each take's input settings (gain, pads, devices, 48 V) into the rig's "recorded"
           section, so its advice judges the take by the settings it was made with.
recommend: the catalogue interfaces that meet the rig's requirements and the inputs it uses, ranked
           by fewest unused features (surplus inputs, phantom channels, monitor pairs, headphone
           outputs, MIDI ports), then lowest EIN; and why each other one does not fit.

check --json: every input's chain (each stage's level, headroom, risk, fullScale and its basis:
published, override, setting or assumed), noise floor, and its advice with the suggested gain.

Exit status: 0 ok (recommend: at least one interface fits), 1 --fail-on reached (recommend: none
fits; record: a take no input matches), 2 the file could not be read or is not a valid rig (syntax
errors, invalid values), 64 usage error.`;

const RANK = { info: 0, warning: 1, error: 2 } as const;

export class RigUsageError extends Error {}

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

async function readText(file: string, io: CliIo): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    io.stderr(`headroom: ${file}: ${(err as Error).message}\n`);
    return undefined;
  }
}

export async function runRigCommand(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout(RIG_USAGE + '\n');
    return 0;
  }
  const [sub, ...rest] = argv;
  if (sub === 'record') return record(rest, io);
  if (sub !== 'check' && sub !== 'recommend')
    throw new RigUsageError(sub === undefined ? 'rig needs a subcommand: check, recommend or record' : `unknown rig subcommand ${JSON.stringify(sub)}`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, ...(sub === 'check' ? { 'fail-on': { type: 'string' as const } } : {}) },
  });
  const failOn = (values as { 'fail-on'?: string })['fail-on'];
  if (failOn !== undefined && failOn !== 'warning' && failOn !== 'error') throw new RigUsageError('--fail-on expects warning or error');
  if (positionals.length !== 1) throw new RigUsageError(`rig ${sub} takes exactly one rig file`);
  const file = resolve(io.cwd, positionals[0]!);
  const text = await readText(file, io);
  if (text === undefined) return 2;
  const doc = parseRig(text, file);
  if (sub === 'recommend') return recommend(doc, !!values.json, io);
  const advice = doc.rig ? adviseRig(doc.rig) : [];
  const problems = checkRig(doc, advice);
  const located = problems.map((p: RigProblem) => ({
    code: p.code,
    severity: p.severity,
    message: p.message,
    range: p.range,
    ...(p.fix ? { fix: { description: p.fix.description } } : {}),
    ...lineCol(doc.text, p.range.offset),
  }));
  if (values.json) {
    const chains = (doc.rig?.inputs ?? []).map((input, i) => {
      const a = advice[i]!;
      return { input: input.id, ...a.evaluation, suggestedGain: a.suggested, action: a.action, advice: a.lines };
    });
    io.stdout(JSON.stringify({ file, problems: located, chains }, null, 2) + '\n');
  } else {
    for (const p of located) io.stdout(`${file}:${p.line}:${p.column}: ${p.severity} ${p.code}: ${p.message}${p.fix ? ` (fix: ${p.fix.description})` : ''}\n`);
    if (located.length === 0) io.stdout(`${file}: no problems\n`);
  }
  // A file that is not a valid rig (syntax errors, invalid or missing values) is "could not be read".
  if (!doc.rig || doc.problems.some((p) => p.severity === 'error')) return 2;
  if (failOn && problems.some((p) => RANK[p.severity] >= RANK[failOn])) return 1;
  return 0;
}

const REQUIREMENT_LABELS: Record<keyof RigRequirements, (n: number) => string> = {
  simultaneousInputs: (n) => `${n} input${n === 1 ? '' : 's'} at once`,
  micPreamps: (n) => `${n} mic preamp${n === 1 ? '' : 's'}`,
  instrumentInputs: (n) => `${n} Hi-Z input${n === 1 ? '' : 's'}`,
  lineInputs: (n) => `${n} line input${n === 1 ? '' : 's'}`,
  phantomChannels: (n) => `${n} with 48 V`,
  monitorSets: (n) => `${n} monitor set${n === 1 ? '' : 's'}`,
  headphoneOutputs: (n) => `${n} headphone output${n === 1 ? '' : 's'}`,
  midiIn: (n) => `${n} MIDI in`,
  midiOut: (n) => `${n} MIDI out`,
  maxEinDbu: (n) => `EIN <= ${n} dBu`,
  sampleRateHz: (n) => `${n} Hz`,
};

export function formatRecommendation(needs: RigRequirements, fits: InterfaceFit[]): string {
  const wanted = REQUIREMENT_KEYS.filter((k) => needs[k] !== undefined).map((k) => REQUIREMENT_LABELS[k](needs[k]!));
  const lines = [`Needs: ${wanted.length > 0 ? wanted.join(', ') : 'nothing stated'}`];
  const width = Math.max(9, ...fits.map((f) => f.name.length));
  for (const [status, heading] of [
    ['fits', 'Fit:'],
    ['may fit', 'May fit (something they would need is not published):'],
    ['does not fit', 'Do not fit:'],
  ] as const) {
    const group = fits.filter((f) => f.status === status);
    if (group.length === 0) continue;
    lines.push('', heading);
    if (status === 'fits') {
      lines.push(`  #  ${'interface'.padEnd(width)}  unused  EIN dBu  verdict`);
      group.forEach((f, i) =>
        lines.push(
          `${String(i + 1).padStart(3)}  ${f.name.padEnd(width)}  ${String(f.unusedFeatures).padStart(6)}  ${f.einDbu === null ? '    n/p' : String(f.einDbu).padStart(7)}  ${f.verdict}`,
        ),
      );
    } else for (const f of group) lines.push(`  ${f.name}: ${f.verdict.replace(/^(does not fit|may fit); ?:? ?/, '').replace(/^does not fit: /, '')}`);
  }
  if (!fits.some((f) => f.fits)) lines.push('', 'No catalogue interface is known to meet these needs.');
  return lines.join('\n') + '\n';
}

function recommend(doc: RigDocument, json: boolean, io: CliIo): number {
  // Recommending needs only the requirements and inputs, not a usable interface; a file whose JSON
  // does not parse says nothing reliable about either.
  if (!doc.needs || doc.problems.some((p) => p.code === 'syntax' || p.code === 'too-large')) {
    for (const p of doc.problems) io.stderr(`${doc.fileName}:${lineCol(doc.text, p.range.offset).line}: ${p.message}\n`);
    return 2;
  }
  const fits = recommendInterfaces(doc.needs, inputsToFit(doc));
  if (json) io.stdout(JSON.stringify({ file: doc.fileName, needs: doc.needs, interfaces: fits }, null, 2) + '\n');
  else io.stdout(formatRecommendation(doc.needs, fits));
  return fits.some((f) => f.fits) ? 0 : 1;
}

/** `rig record RIG TAKE...`: today's settings of each take's input, written into the rig file. */
async function record(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length < 2) throw new RigUsageError('rig record takes a rig file and at least one take');
  const file = resolve(io.cwd, positionals[0]!);
  let text = await readText(file, io);
  if (text === undefined) return 2;
  const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  let unmatched = 0;
  for (const take of positionals.slice(1)) {
    const doc = parseRig(text, file);
    if (!doc.rig) {
      for (const p of doc.problems) io.stderr(`${file}:${lineCol(doc.text, p.range.offset).line}: ${p.message}\n`);
      return 2;
    }
    const rel = relative(dirname(file), resolve(io.cwd, take));
    const input = matchTakeToInput(doc.rig, rel);
    if (!input) {
      io.stderr(`headroom: ${take}: no input of ${file} takes it (no "takes" glob matches ${rel})\n`);
      unmatched++;
      continue;
    }
    for (const e of [...fixEdits(text, takeRecordFix(doc, input, rel, at))].sort((a, b) => b.offset - a.offset))
      text = text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);
    io.stdout(`${rel}: recorded with input "${input.id}" at ${input.settings.gainDb} dB\n`);
  }
  await writeFile(file, text);
  return unmatched > 0 ? 1 : 0;
}
