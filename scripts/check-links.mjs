// Checks every relative link of the README and docs/*.md: the file it names exists and, when it
// names a heading (#anchor), that heading exists there, slugged as GitHub and VS Code's preview slug
// it. The README moved its reference sections into docs/, so a link left pointing at an old place
// fails here instead of on a reader. With --shipped FILE... (what the .vsix holds), a shipped page's
// link must also name a shipped file: the installed extension has nothing else to open.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The page's text with fenced blocks and code spans blanked, so an example is not read as a link. */
function prose(text) {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '``');
}

function slug(heading) {
  return heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

const anchorCache = new Map();
function anchors(file) {
  if (!anchorCache.has(file)) {
    const seen = new Map();
    const found = new Set();
    const text = readFileSync(file, 'utf8').replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
    for (const [, heading] of text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
      const base = slug(heading);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      found.add(n === 0 ? base : `${base}-${n}`);
    }
    anchorCache.set(file, found);
  }
  return anchorCache.get(file);
}

const shippedAt = process.argv.indexOf('--shipped');
const shipped = shippedAt < 0 ? undefined : new Set(process.argv.slice(shippedAt + 1));

const problems = [];
let links = 0;
for (const page of pages) {
  const lines = prose(readFileSync(join(root, page), 'utf8')).split('\n');
  lines.forEach((line, i) => {
    for (const [, target] of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      links++;
      const where = `${page}:${i + 1}: ${target}`;
      const [path, anchor] = target.split('#', 2);
      const file = path ? resolve(dirname(join(root, page)), decodeURIComponent(path)) : join(root, page);
      if (!existsSync(file)) {
        problems.push(`${where}: no such file`);
        continue;
      }
      if (anchor !== undefined && file.endsWith('.md') && !anchors(file).has(anchor)) {
        problems.push(`${where}: no heading #${anchor} in ${relative(root, file)}`);
      }
      if (shipped?.has(page) && !shipped.has(relative(root, file).split('\\').join('/'))) {
        problems.push(`${where}: not in the package`);
      }
    }
  });
}
if (problems.length) {
  console.error(`check-links: ${problems.length} broken of ${links} links:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-links: ${links} relative links in ${pages.length} pages resolve${shipped ? ", the packaged pages' to packaged files" : ''}`);
