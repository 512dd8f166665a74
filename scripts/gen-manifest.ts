// Writes package.json's settings from the one settings model (src/core/settings/schema.ts):
// `contributes.configuration` and the restricted settings of untrusted workspaces. Run after
// changing a setting; test/unit/settings/manifest.test.ts fails while package.json differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestConfiguration } from '../src/core/settings/schema';

const file = join(__dirname, '..', 'package.json');
const pkg = JSON.parse(readFileSync(file, 'utf8'));
const { configuration, restrictedConfigurations } = manifestConfiguration();
pkg.contributes.configuration = configuration;
pkg.capabilities.untrustedWorkspaces.restrictedConfigurations = restrictedConfigurations;
writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
console.log(`package.json: ${Object.keys(configuration.properties).length} settings, ${restrictedConfigurations.length} restricted`);
