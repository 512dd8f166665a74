// `headroom rig check FILE`: the rig file's problems, as file:line:col, or JSON.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkRig, parseRig, type RigProblem } from '../core/gainstage';
import { evaluateInput } from '../core/gainstage/checks';
import type { CliIo } from './io';

export const RIG_USAGE = `Usage: headroom rig check [--json] [--fail-on warning|error] <file.headroom.json>

Checks a rig file: every input's chain (levels, headroom, noise floor, preamp gain), phantom power,
pads, and whether the interface meets the studio's requirements.`;

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

export async function runRigCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'check') throw new RigUsageError(sub === undefined ? 'rig needs a subcommand: check' : `unknown rig subcommand ${JSON.stringify(sub)}`);
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' }, 'fail-on': { type: 'string' } } });
  const failOn = values['fail-on'];
  if (failOn !== undefined && failOn !== 'warning' && failOn !== 'error') throw new RigUsageError('--fail-on expects warning or error');
  if (positionals.length !== 1) throw new RigUsageError('rig check takes exactly one rig file');
  const file = resolve(io.cwd, positionals[0]!);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    io.stderr(`headroom: ${file}: ${(err as Error).message}\n`);
    return 2;
  }
  const doc = parseRig(text, file);
  const problems = checkRig(doc);
  const located = problems.map((p: RigProblem) => ({ ...p, ...lineCol(text, p.range.offset) }));
  if (values.json) {
    const chains = doc.rig?.inputs.map((input) => ({ input: input.id, ...evaluateInput(doc.rig!, input) })) ?? [];
    io.stdout(JSON.stringify({ file, problems: located, chains }, null, 2) + '\n');
  } else {
    for (const p of located) io.stdout(`${file}:${p.line}:${p.column}: ${p.severity} ${p.code}: ${p.message}${p.fix ? ` (fix: ${p.fix.description})` : ''}\n`);
    if (located.length === 0) io.stdout(`${file}: no problems\n`);
  }
  // A file that is not a rig at all (syntax errors, no interface) is "could not be read".
  if (!doc.rig) return 2;
  if (failOn && problems.some((p) => RANK[p.severity] >= RANK[failOn])) return 1;
  return 0;
}
