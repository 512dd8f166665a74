// Writes the catalogue's interface, microphone and device ids into the rig schema as enums, so VS Code
// completes them (with the model's name beside each). Run after editing the catalogue:
//   npx tsx scripts/gen-schema-enums.ts          rewrite schemas/headroom-rig.schema.json
//   npx tsx scripts/gen-schema-enums.ts --check  exit 1 if the schema is out of date
// A unit test fails when the schema and the catalogue disagree.

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import devicesData from '../src/core/gainstage/catalogue/devices.json';
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
export function schemaWithEnums(schema: Json, interfaces: Entry[], mics: Entry[], devices: Entry[]): Json {
  const out = structuredClone(schema);
  const props = out.properties as Json;
  const set = (branch: Json, entries: Entry[], what: string) => {
    branch.description = `A ${what} from Headroom's catalogue.`;
    branch.enum = entries.map((e) => e.id);
    branch.enumDescriptions = entries.map((e) => e.name);
  };
  set(idBranch(props.interface, 'interface'), interfaces, 'audio interface');
  const input = ((props.inputs as Json).items as Json).properties as Json;
  set(idBranch(((input.source as Json).properties as Json).mic, 'inputs.items.source.mic'), mics, 'microphone');
  const deviceItems = (input.devices as Json).items;
  set(idBranch(deviceItems, 'inputs.items.devices.items'), devices, 'inline device');
  // The { "device": id, "gainDb": setting } form completes the same ids.
  const setting = ((deviceItems as { oneOf: Json[] }).oneOf.find((b) => b.type === 'object' && (b.properties as Json | undefined)?.device) as Json)
    .properties as Json;
  set(setting.device as Json, devices, 'inline device');
  // "available" lists devices in the same forms: the same enums.
  (props.available as Json).items = deviceItems;
  return out;
}

export const SCHEMA_PATH = resolve(__dirname, '../schemas/headroom-rig.schema.json');

export const render = (schema: Json) => JSON.stringify(schema, null, 2) + '\n';

if (require.main === module) {
  const current = readFileSync(SCHEMA_PATH, 'utf8');
  const next = render(schemaWithEnums(JSON.parse(current) as Json, interfacesData.interfaces, micsData.mics, devicesData.devices));
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error(`${SCHEMA_PATH} is out of date with the catalogue: run npx tsx scripts/gen-schema-enums.ts`);
      process.exitCode = 1;
    }
  } else if (next !== current) {
    writeFileSync(SCHEMA_PATH, next);
    console.log(
      `wrote ${SCHEMA_PATH}: ${interfacesData.interfaces.length} interfaces, ${micsData.mics.length} microphones, ${devicesData.devices.length} devices`,
    );
  } else console.log(`${SCHEMA_PATH} is up to date`);
}
