// Runs one of the C test drivers of this folder (livekit_drive, stripe_drive: one operation
// per run, one line of JSON out) and resolves with what it printed. The child is killed if it
// runs past `timeoutMs`; a non-zero exit or output that is not JSON rejects, with its stderr.
// With `withStderr`, what it wrote to stderr (its log lines) comes back too, as `stderr`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The path of a driver built under $BLYTZ_BUILD_DIR (default build/asan). */
export const driverPath = (name) => path.join(path.resolve(root, process.env.BLYTZ_BUILD_DIR || 'build/asan'), 'tests/integration', name);

export function runJson(program, args, { env = {}, stdin = '', timeoutMs = 30000, withStderr = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args.map(String), { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`${path.basename(program)} ${args[0]} exited ${code}: ${err}`));
      try {
        const parsed = JSON.parse(out);
        resolve(withStderr ? { ...parsed, stderr: err } : parsed);
      } catch {
        reject(new Error(`bad output ${out} ${err}`));
      }
    });
    child.stdin.end(stdin);
  });
}
