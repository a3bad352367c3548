// The API's documents are made, not edited: api/openapi.json must be exactly what
// api/gen.mjs prints (which reads the error codes from src/base/err.h). The next link,
// web/src/api/schema.d.ts from api/openapi.json, is checked by `npm run build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

test('api/openapi.json is what api/gen.mjs prints', () => {
  const made = execFileSync(process.execPath, [join(repo, 'api/gen.mjs')], { encoding: 'utf8' });
  const have = readFileSync(join(repo, 'api/openapi.json'), 'utf8');
  assert.ok(made === have, 'run `node api/gen.mjs > api/openapi.json` (then `npm run api-types` in web/) and commit both');
});
