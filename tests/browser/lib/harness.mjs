// Test plumbing: the demo (scripts/demo.sh) as the system under test, tiny assertions, API calls from
// the trusted side (127.0.0.1), waiting, and screenshots.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export class AssertionError extends Error {}
export function expect(cond, message) { if (!cond) throw new AssertionError(message); }
export function expectEqual(actual, expected, message) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new AssertionError(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

export async function waitFor(fn, { timeout = 20000, interval = 200, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try { last = await fn(); if (last) return last; } catch (err) { last = err; }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new AssertionError(`timed out after ${timeout} ms waiting for ${what}${last instanceof Error ? ` (${last.message})` : ''}`);
}

export function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** Starts scripts/demo.sh on a free port with extra environment; resolves once it prints its URL. */
export async function startDemo({ repo, bin, dir, env }) {
  const port = await freePort();
  const child = spawn(path.join(repo, 'scripts/demo.sh'), [], {
    cwd: repo,
    env: { ...process.env, DEMO_DIR: dir, DEMO_PORT: String(port), SOULSPOT_BIN: bin, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stopping it stops the fakes too
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  await waitFor(() => output.includes('SoulSpot demo is running'), { timeout: 240000, interval: 250, what: 'the demo to start' })
    .catch((err) => { throw new Error(`${err.message}\n${output}`); });
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) { resolve(); return; }
      child.once('exit', resolve);
      try { process.kill(-child.pid, 'SIGTERM'); } catch { resolve(); }
      setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 8000);
    }),
  };
}

/** A JSON API call from the test process (127.0.0.1: a trusted network in these tests). */
export async function api(base, method, urlPath, body, headers = {}) {
  const res = await fetch(base + urlPath, {
    method,
    headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  return { status: res.status, data, headers: res.headers };
}

export function screenshotDir() {
  const dir = process.env.SOULSPOT_SCREENSHOT_DIR || path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(screenshotDir(), `${name}.png`), fullPage: true });
}
