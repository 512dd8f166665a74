// Writes the catalogue's interface and microphone ids into the rig schema as enums, so VS Code
// completes them (with the model's name beside each). Run after editing the catalogue:
//   npx tsx scripts/gen-schema-enums.ts          rewrite schemas/headroom-rig.schema.json
//   npx tsx scripts/gen-schema-enums.ts --check  exit 1 if the schema is out of date
// A unit test fails when the schema and the catalogue disagree.

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import interfacesData from '../src/core/gainstage/catalogue/interfaces.json';
import micsData from '../src/core/gainstage/catalogue/mics.json';

interface Entry {
  id: string;
  name: string;
}

type Json = Record<string, unknown>;

/** The `oneOf` branch of `node` that accepts a string: the catalogue id. */
function idBranch(node: unknown, where: string): Json {
  const branches = (node as { oneOf?: Json[] } | undefined)?.oneOf;
  const branch = branches?.find((b) => b.type === 'string');
  if (!branch) throw new Error(`schema: ${where} has no string (catalogue id) branch in oneOf`);
  return branch;
}

/** A copy of the schema whose id branches list exactly the catalogue's ids, in catalogue order. */
export function schemaWithEnums(schema: Json, interfaces: Entry[], mics: Entry[]): Json {
  const out = structuredClone(schema);
  const props = out.properties as Json;
  const set = (branch: Json, entries: Entry[], what: string) => {
    branch.description = `A ${what} from Headroom's catalogue.`;
    branch.enum = entries.map((e) => e.id);
    branch.enumDescriptions = entries.map((e) => e.name);
  };
  set(idBranch(props.interface, 'interface'), interfaces, 'audio interface');
  const source = ((props.inputs as Json).items as Json).properties as Json;
  set(idBranch(((source.source as Json).properties as Json).mic, 'inputs.items.source.mic'), mics, 'microphone');
  return out;
}

export const SCHEMA_PATH = resolve(__dirname, '../schemas/headroom-rig.schema.json');

export const render = (schema: Json) => JSON.stringify(schema, null, 2) + '\n';

if (require.main === module) {
  const current = readFileSync(SCHEMA_PATH, 'utf8');
  const next = render(schemaWithEnums(JSON.parse(current) as Json, interfacesData.interfaces, micsData.mics));
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error(`${SCHEMA_PATH} is out of date with the catalogue: run npx tsx scripts/gen-schema-enums.ts`);
      process.exitCode = 1;
    }
  } else if (next !== current) {
    writeFileSync(SCHEMA_PATH, next);
    console.log(`wrote ${SCHEMA_PATH}: ${interfacesData.interfaces.length} interfaces, ${micsData.mics.length} microphones`);
  } else console.log(`${SCHEMA_PATH} is up to date`);
}
