// Browser tests of the web UI in Debian's headless Chromium, driven by playwright-core.
// Usage: node run.mjs [--bin build/soulspot] [--only name,name]
// Exit codes: 0 passed, 1 failed, 77 skipped (no Chromium installed — ctest's SKIP_RETURN_CODE).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startForwarder } from './lib/forwarder.mjs';
import { screenshotDir, startDemo } from './lib/harness.mjs';
import * as pages from './scenarios/pages.mjs';
import * as trusted from './scenarios/trusted.mjs';
import * as untrusted from './scenarios/untrusted.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// The flags this machine needs (.library/env/machines/cpp.md): no sandbox as root, no background network.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const bin = path.resolve(opt('--bin', process.env.SOULSPOT_BIN || path.join(REPO, 'build/soulspot')));
const only = opt('--only', '') ? new Set(opt('--only', '').split(',')) : null;

// Order matters: they share one demo instance, the way a user meets it.
const SCENARIOS = [
  ['onboarding', trusted.onboarding],
  ['import-playlist', trusted.importPlaylist],
  ['downloads-complete-live', trusted.downloadsCompleteLive],
  ['choose-another-candidate', trusted.chooseAnotherCandidate],
  ['naming-template', trusted.namingTemplate],
  ['every-page-agrees-with-the-api', pages.everyPageAgreesWithTheApi],
  ['albums-page', pages.albumsPage],
  ['keyboard-navigation', pages.keyboardNavigation],
  ['login-from-untrusted-address', untrusted.loginFromUntrustedAddress],
  ['csrf-rejected', untrusted.csrfRejected],
  ['spoofed-forwarded-for-ignored', untrusted.spoofedForwardedForIgnored],
];

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`SKIP: ${CHROMIUM} is not installed (apt-get install chromium, or scripts/install-deps.sh)`);
    return 77;
  }
  if (!fs.existsSync(bin)) { console.error(`no SoulSpot binary at ${bin}`); return 1; }
  const { chromium } = await import('playwright-core');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soulspot-browser-'));
  // Audio fixtures are slow to generate; keep them between runs (scripts/demo_fixtures.py reuses them).
  const cache = process.env.SOULSPOT_FIXTURE_CACHE || path.join(path.dirname(bin), 'browser-fixtures');
  fs.mkdirSync(path.join(cache, 'audio'), { recursive: true });
  fs.symlinkSync(path.join(cache, 'audio'), path.join(dir, 'audio'));

  const demo = await startDemo({
    repo: REPO, bin, dir,
    // Loopback's 127.0.0.1 is trusted, every other address (127.0.0.2 via the forwarder) is not.
    env: { DEMO_HOST: '0.0.0.0', AUTH_TRUSTED_NETWORKS: '127.0.0.1/32', AUTH_REQUIRED: 'external' },
  });
  const forwarder = await startForwarder({ listenHost: '127.0.0.2', targetHost: '127.0.0.1', targetPort: demo.port, sourceAddress: '127.0.0.2' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('pageerror', (err) => consoleErrors.push(err.message));
  const env = { browser, page, demo, untrustedBase: `http://127.0.0.2:${forwarder.port}` };

  let failed = 0;
  for (const [name, fn] of SCENARIOS) {
    if (only && !only.has(name)) continue;
    const t0 = Date.now();
    try {
      await fn(env);
      console.log(`PASS ${name} (${Date.now() - t0} ms)`);
    } catch (err) {
      failed += 1;
      console.log(`FAIL ${name}: ${err.message}`);
      if (!(err.name === 'AssertionError')) console.log(err.stack);
      // Every open tab, so the one that failed (another context, say) is among them.
      let n = 0;
      for (const c of browser.contexts()) {
        for (const p of c.pages()) {
          n += 1;
          try { await p.screenshot({ path: path.join(screenshotDir(), `failed-${name}-${n}.png`), fullPage: true }); } catch { /* closed */ }
        }
      }
    }
  }
  if (consoleErrors.length) { failed += 1; console.log(`FAIL uncaught page errors: ${consoleErrors.join(' | ')}`); }
  await browser.close();
  await forwarder.close();
  await demo.stop();
  if (failed) console.log(`--- demo output ---\n${demo.output()}\nlogs in ${dir}/logs`);
  else fs.rmSync(dir, { recursive: true, force: true });
  console.log(`${failed ? 'FAILED' : 'OK'}: screenshots in ${screenshotDir()}`);
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (err) => { console.error(err); process.exit(1); });
