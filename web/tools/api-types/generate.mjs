// Writes web/src/api/schema.d.ts: the TypeScript types of the REST API, made by
// openapi-typescript from api/openapi.json (itself made by `node api/gen.mjs`). Run it as
// `npm run api-types` in web/ after the OpenAPI document changes; commit the result.
//
// `--check` writes nothing and fails when the committed file is not what the document
// gives today. `npm run build` runs it first, so a stale or hand-edited schema.d.ts fails
// the build (and so CI) instead of drifting from the server.
//
// This folder has its own package.json because openapi-typescript builds its output with
// TypeScript 5's compiler API, while the web app type-checks with TypeScript 7, whose
// package has no such API: the two cannot share one node_modules.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const web = join(here, '../..');
const source = join(web, '../api/openapi.json');
const target = join(web, 'src/api/schema.d.ts');
const check = process.argv.includes('--check');

if (!existsSync(join(here, 'node_modules/openapi-typescript'))) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here, stdio: 'inherit' });
}
const { default: openapiTS, astToString } = await import('openapi-typescript');

const HEADER = `// Generated from api/openapi.json by \`npm run api-types\` (web/tools/api-types): do not edit.
// Friendly names for these types are in types.ts.
`;

const doc = JSON.parse(readFileSync(source, 'utf8'));
// `details: {type: object}` with no properties is an open object, not an empty one.
const ast = await openapiTS(doc, { emptyObjectsUnknown: true, silent: true });
const text = HEADER + astToString(ast);

const have = existsSync(target) ? readFileSync(target, 'utf8') : null;
const name = relative(process.cwd(), target);
if (check) {
  if (have !== text) {
    console.error(`${name} is not what api/openapi.json gives: run \`npm run api-types\` in web/ and commit it.`);
    process.exit(1);
  }
} else if (have !== text) {
  writeFileSync(target, text);
  console.log(`wrote ${name}`);
} else {
  console.log(`${name} is up to date`);
}
