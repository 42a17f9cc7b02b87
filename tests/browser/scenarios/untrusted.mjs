// From outside AUTH_TRUSTED_NETWORKS (127.0.0.1/32): the browser reaches the server through a forwarder
// whose connections come from 127.0.0.2. Login, CSRF rejection, and a spoofed X-Forwarded-For.
import { expect, expectEqual, shot } from '../lib/harness.mjs';

// Poll on a timer: requestAnimationFrame (the default) does not run in a tab that is not in front.
const POLL = { polling: 100 };
import { PASSWORD } from './trusted.mjs';

const status = (page, path, init = {}) => page.evaluate(async ([p, i]) => (await fetch(p, i)).status, [path, init]);

export async function loginFromUntrustedAddress({ browser, untrustedBase }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.log(`  [untrusted page] ${m.text()}`); });
  await page.goto(`${untrustedBase}/downloads`);
  await page.waitForFunction(() => location.pathname === '/login', null, POLL);
  await page.waitForSelector('#login-password');
  expectEqual(await status(page, '/api/v1/downloads'), 401, 'the API refuses an anonymous untrusted browser');
  await shot(page, '18-login');
  await page.fill('#login-username', 'admin');
  await page.fill('#login-password', 'not the password');
  await page.click('form button[type=submit]');
  await page.waitForFunction(() => /Wrong username or password/.test(document.querySelector('#login-message')?.textContent || ''), null, POLL);
  await page.fill('#login-password', PASSWORD);
  await page.click('form button[type=submit]');
  await page.waitForFunction(() => location.pathname === '/downloads', null, POLL); // back where the user wanted to go
  await page.waitForSelector('#downloads-table');
  expect((await page.textContent('#session-area')).includes('Signed in as admin'), 'the header shows the user');
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'soulspot_session');
  expect(session && session.httpOnly && session.sameSite === 'Strict', 'the session cookie is HttpOnly and SameSite=Strict');
  await shot(page, '19-downloads-after-login');
  await context.close();
}

export async function csrfRejected({ browser, untrustedBase }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${untrustedBase}/login`);
  await page.fill('#login-password', PASSWORD);
  await page.click('form button[type=submit]');
  await page.waitForSelector('.count-tiles');
  expectEqual(await status(page, '/api/v1/downloads/pause', { method: 'POST' }), 403, 'a POST without X-CSRF-Token');
  expectEqual(await status(page, '/api/v1/downloads/pause', { method: 'POST', headers: { 'X-CSRF-Token': 'guess' } }), 403,
    'a POST with a wrong X-CSRF-Token');
  const token = await page.evaluate(async () => (await (await fetch('/api/v1/auth/session')).json()).csrf_token);
  expectEqual(await status(page, '/api/v1/downloads/resume', { method: 'POST', headers: { 'X-CSRF-Token': token } }), 200,
    'the same POST with the session\'s token');
  await context.close();
}

export async function spoofedForwardedForIgnored({ browser, untrustedBase }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${untrustedBase}/login`);
  for (const spoof of ['127.0.0.1', '127.0.0.1, 127.0.0.1', '::1']) {
    expectEqual(await status(page, '/api/v1/downloads', { headers: { 'X-Forwarded-For': spoof } }), 401,
      `X-Forwarded-For: ${spoof} from an untrusted peer`);
  }
  expectEqual(await status(page, '/health'), 200, '/health stays open');
  await context.close();
}
