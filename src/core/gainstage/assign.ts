// Which physical input of the interface each rig input uses. Inputs the rig numbers keep their
// number (checked: it exists, takes that kind, is not used twice); the others get a free input that
// takes their kind, by bipartite matching, so "three DIs on two Hi-Z inputs" is caught whatever the
// order they are listed in.

import type { InputGroup, InputKind, InterfaceSpec } from './types';

export interface AssignmentProblem {
  /** Index into the inputs passed in. */
  index: number;
  code: 'no-such-input' | 'input-kind-mismatch' | 'input-used-twice' | 'not-enough-inputs';
  message: string;
  /** The field the problem sits on. */
  field: 'interfaceInput' | 'inputType';
}

export interface InputAssignment {
  /** Physical input number per rig input, or null when none could be given. */
  numbers: (number | null)[];
  problems: AssignmentProblem[];
}

const KIND_WORDS: Record<InputKind, string> = { mic: 'mic', line: 'line', 'line-fixed': 'fixed line', instrument: 'instrument (Hi-Z)', digital: 'digital' };
export const kindWord = (k: InputKind): string => KIND_WORDS[k];

function spans(numbers: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < numbers.length;) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    out.push(i === j ? `${numbers[i]}` : `${numbers[i]}–${numbers[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

export function assignInputs(iface: InterfaceSpec, inputs: readonly { kind: InputKind; interfaceInput: number | null; name: string }[]): InputAssignment {
  const groupOf = new Map<number, InputGroup>();
  for (const g of iface.inputs) for (let n = g.first; n <= g.last; n++) groupOf.set(n, g);
  const numbers: (number | null)[] = inputs.map(() => null);
  const problems: AssignmentProblem[] = [];
  const owner = new Map<number, number>();
  inputs.forEach((input, index) => {
    const n = input.interfaceInput;
    if (n === null) return;
    const g = groupOf.get(n);
    if (!g) {
      problems.push({
        index,
        code: 'no-such-input',
        field: 'interfaceInput',
        message: `Input "${input.name}" is on input ${n}, but ${iface.name} has input${groupOf.size === 1 ? '' : 's'} ${spans([...groupOf.keys()].sort((a, b) => a - b))}.`,
      });
    } else if (!g.kinds.includes(input.kind)) {
      problems.push({
        index,
        code: 'input-kind-mismatch',
        field: 'inputType',
        message: `Input "${input.name}" uses input ${n} as a ${kindWord(input.kind)} input, but ${iface.name}'s input ${n} takes ${g.kinds.map(kindWord).join(' or ')}.`,
      });
    } else if (owner.has(n)) {
      problems.push({
        index,
        code: 'input-used-twice',
        field: 'interfaceInput',
        message: `Input "${input.name}" is on input ${n}, which "${inputs[owner.get(n)!]!.name}" already uses.`,
      });
    } else {
      owner.set(n, index);
      numbers[index] = n;
    }
  });

  // Kuhn's augmenting paths over the free inputs: at most a few hundred on either side.
  const free = [...groupOf.keys()].filter((n) => !owner.has(n)).sort((a, b) => a - b);
  const match = new Map<number, number>();
  const unnumbered = inputs.map((input, index) => ({ input, index })).filter(({ input }) => input.interfaceInput === null);
  const tryAssign = (index: number, seen: Set<number>): boolean => {
    for (const n of free) {
      if (seen.has(n) || !groupOf.get(n)!.kinds.includes(inputs[index]!.kind)) continue;
      seen.add(n);
      const other = match.get(n);
      if (other === undefined || tryAssign(other, seen)) {
        match.set(n, index);
        return true;
      }
    }
    return false;
  };
  const unmatched = unnumbered.filter(({ index }) => !tryAssign(index, new Set()));
  for (const [n, index] of match) numbers[index] = n;

  const byKind = new Map<InputKind, number[]>();
  for (const { input, index } of unmatched) byKind.set(input.kind, [...(byKind.get(input.kind) ?? []), index]);
  for (const [kind, indices] of byKind) {
    const taking = [...groupOf.entries()]
      .filter(([, g]) => g.kinds.includes(kind))
      .map(([n]) => n)
      .sort((a, b) => a - b);
    const using = inputs.filter((i) => i.kind === kind).length;
    const have =
      taking.length === 0
        ? `no ${kindWord(kind)} input`
        : `${taking.length} that take${taking.length === 1 ? 's' : ''} ${kindWord(kind)} (input${taking.length === 1 ? '' : 's'} ${spans(taking)})`;
    for (const index of indices) {
      problems.push({
        index,
        code: 'not-enough-inputs',
        field: 'inputType',
        message: `${using} ${kindWord(kind)} input${using === 1 ? '' : 's'} in use, but ${iface.name} has ${have}: "${inputs[index]!.name}" has no input left.`,
      });
    }
  }
  return { numbers, problems };
}

/**
 * The phantom switch an input shares with others: its own, its group's, or the one global switch;
 * null when it has no 48 V. 48 V reaches the first `channels` mic inputs in numbering order, in
 * groups of `groupSize` of those.
 */
export function phantomSwitchOf(iface: InterfaceSpec, n: number): string | null {
  const p = iface.phantom;
  if (!p) return null;
  const micInputs = iface.inputs
    .filter((g) => g.kinds.includes('mic'))
    .flatMap((g) => Array.from({ length: g.last - g.first + 1 }, (_, k) => g.first + k))
    .sort((a, b) => a - b);
  const index = micInputs.indexOf(n);
  if (index < 0 || index >= p.channels) return null;
  if (p.switching === 'per-channel') return `${n}`;
  if (p.switching === 'global') return 'all';
  const first = Math.floor(index / p.groupSize) * p.groupSize;
  const members = micInputs.slice(first, Math.min(first + p.groupSize, p.channels));
  return `${members[0]}-${members[members.length - 1]}`;
}
