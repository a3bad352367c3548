// How the web app's unit tests load one TypeScript module without a browser: bundled with
// rolldown (the bundler Vite uses) into a temporary file, imported, and the file removed
// (the module stays loaded).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The module at `path` (relative to web/, e.g. 'src/api/errors.ts'), bundled and imported.
 * `alias` maps an import specifier to a file that stands in for it (a test's stand-in for a
 * package the module imports). */
export async function importTs(path, { alias = {} } = {}) {
  const bundle = await rolldown({ input: resolve(web, path), logLevel: 'silent', resolve: { alias } });
  const { output } = await bundle.generate({ format: 'esm' });
  await bundle.close();
  const dir = mkdtempSync(join(tmpdir(), `${basename(path, '.ts')}-`));
  try {
    const file = join(dir, 'module.mjs');
    writeFileSync(file, output[0].code);
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
