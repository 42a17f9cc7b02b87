// First run: set a password, connect slskd (with "test connection"), connect Spotify, check the folders.
// Each step can be skipped; the service works on trusted networks without a password.
import { get, post } from '../lib/api.js';
import { errorNotice, h, notice, replace } from '../lib/dom.js';

const STEPS = ['Password', 'slskd', 'Spotify', 'Folders'];

export async function render(root, ctx) {
  let step = Number(ctx.query.get('step') || 0);
  const body = h('div');
  const stepper = h('ol', { class: 'steps', 'aria-label': 'Setup steps' });
  replace(root, h('h1', {}, 'Welcome to SoulSpot'), stepper, body);

  function go(n) {
    step = Math.max(0, Math.min(STEPS.length, n));
    history.replaceState({}, '', step ? `/setup?step=${step}` : '/setup');
    show();
  }
  const nav = (nextLabel = 'Next') => h('div', { class: 'actions' },
    step > 0 ? h('button', { type: 'button', onclick: () => go(step - 1) }, 'Back') : null,
    h('button', { type: 'button', class: 'primary', id: 'setup-next', onclick: () => go(step + 1) }, nextLabel),
    h('button', { type: 'button', class: 'link-button', id: 'setup-skip', onclick: finish }, 'Skip setup'));

  function finish() {
    localStorage.setItem('soulspot.onboarding.skipped', '1');
    ctx.navigate('/');
  }

  async function passwordStep() {
    const s = ctx.session || {};
    const msg = h('div');
    const user = h('input', { id: 'setup-username', autocomplete: 'username', value: s.username || 'admin', required: true });
    const pw = h('input', { id: 'setup-password', type: 'password', autocomplete: 'new-password', minlength: '8', required: true });
    const pw2 = h('input', { id: 'setup-password2', type: 'password', autocomplete: 'new-password', minlength: '8', required: true });
    const current = h('input', { id: 'setup-current', type: 'password', autocomplete: 'current-password' });
    const needsCurrent = !s.setup_required && s.via !== 'trusted_network';
    const form = h('form', { class: 'form-grid', id: 'password-form' },
      h('label', { for: 'setup-username' }, 'Username'), user,
      needsCurrent ? [h('label', { for: 'setup-current' }, 'Current password'), current] : null,
      h('label', { for: 'setup-password' }, 'Password'), pw,
      h('label', { for: 'setup-password2' }, 'Repeat password'), pw2,
      h('span'), h('button', { type: 'submit', class: 'primary', id: 'setup-save-password' }, s.setup_required ? 'Set password' : 'Change password'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (pw.value !== pw2.value) { replace(msg, notice('error', 'The two passwords differ.')); pw2.focus(); return; }
      try {
        await post('/api/v1/auth/setup', { username: user.value, password: pw.value, current_password: current.value || undefined });
        await ctx.refreshSession();
        replace(msg, notice('ok', 'Password saved. Browsers outside your trusted networks now log in with it.'));
        go(1);
      } catch (err) { replace(msg, errorNotice(err, 'Saving the password')); }
    });
    return [h('h2', {}, 'Set a password'),
      h('p', {}, 'SoulSpot has a single user. From trusted networks (',
        h('code', {}, 'AUTH_TRUSTED_NETWORKS'), ') no login is needed unless AUTH_REQUIRED=always; everywhere else this password is.'),
      msg, form, nav()];
  }

  async function slskdStep() {
    const result = h('div', { id: 'slskd-result' });
    const url = h('input', { id: 'slskd-url', type: 'url', placeholder: 'http://slskd:5030' });
    const key = h('input', { id: 'slskd-key', type: 'password', autocomplete: 'off', placeholder: 'the configured key' });
    try {
      const { data } = await get('/api/v1/settings/system');
      const v = data.variables.find((x) => x.name === 'SLSKD_URL');
      if (v) url.value = v.value;
    } catch { /* the test still works with a typed URL */ }
    const test = h('button', { type: 'button', id: 'slskd-test', onclick: async () => {
      test.disabled = true;
      replace(result, h('p', { class: 'muted' }, 'Testing…'));
      try {
        const body = url.value ? { url: url.value, api_key: key.value || undefined } : {};
        const { data } = await post('/api/v1/settings/slskd/test', body);
        replace(result, notice(data.ok ? 'ok' : 'error', data.ok ? `Connected to slskd ${data.version || ''} at ${data.url}.` : data.message));
      } catch (err) { replace(result, errorNotice(err, 'The test')); }
      test.disabled = false;
    } }, 'Test connection');
    return [h('h2', {}, 'Connect slskd'),
      h('p', {}, 'SoulSpot searches and downloads through slskd. Its address and API key come from ',
        h('code', {}, 'SLSKD_URL'), ' and ', h('code', {}, 'SLSKD_API_KEY'), ' (environment or .env). Test them here; leave the key empty to use the configured one.'),
      h('div', { class: 'form-grid' }, h('label', { for: 'slskd-url' }, 'slskd URL'), url, h('label', { for: 'slskd-key' }, 'API key'), key, h('span'), test),
      result, nav()];
  }

  async function spotifyStep() {
    const status = h('div', { id: 'spotify-status' });
    try {
      const { data } = await get('/api/v1/auth/spotify/status');
      const who = data.user ? (data.user.display_name || data.user.id) : '';
      if (!data.configured) replace(status, notice('info', 'Spotify is not configured: set SPOTIFY_CLIENT_ID and restart.'));
      else if (data.connected && !data.needs_reauth) replace(status, notice('ok', `Spotify is connected${who ? ` as ${who}` : ''}.`));
      else replace(status, h('div', {}, notice('info', data.needs_reauth ? 'Spotify needs you to log in again.' : 'Spotify is not connected.'),
        h('a', { class: 'button primary', id: 'spotify-connect', href: '/api/v1/auth/spotify/login' }, 'Connect Spotify')));
    } catch (err) { replace(status, errorNotice(err, 'Spotify')); }
    return [h('h2', {}, 'Connect Spotify'),
      h('p', {}, 'Optional: import playlists and Liked Songs. Needs ', h('code', {}, 'SPOTIFY_CLIENT_ID'),
        '. Without Spotify, import CSV or M3U files on the Playlists page.'), status, nav()];
  }

  async function foldersStep() {
    const box = h('div');
    try {
      const { data } = await get('/api/v1/settings/system');
      const f = data.folders;
      replace(box, h('dl', { class: 'facts', id: 'folders' },
        h('dt', {}, 'Music library'), h('dd', {}, h('code', {}, f.music)),
        h('dt', {}, 'Downloads'), h('dd', {}, h('code', {}, f.downloads)),
        h('dt', {}, "slskd's downloads folder"), h('dd', {}, h('code', {}, f.slskd_downloads))));
    } catch (err) { replace(box, errorNotice(err, 'Folders')); }
    return [h('h2', {}, 'Folders'),
      h('p', {}, 'Where finished downloads appear and where the library lives (', h('code', {}, 'STORAGE_MUSIC_PATH'), ', ',
        h('code', {}, 'STORAGE_DOWNLOAD_PATH'), ', ', h('code', {}, 'SLSKD_DOWNLOAD_PATH'), '). Change them in the environment and restart.'),
      box, nav('Finish')];
  }

  async function show() {
    replace(stepper, STEPS.map((name, i) => h('li', { 'aria-current': i === step ? 'step' : null }, `${i + 1}. ${name}`)));
    if (step >= STEPS.length) { finish(); return; }
    const parts = await [passwordStep, slskdStep, spotifyStep, foldersStep][step]();
    replace(body, h('section', { class: 'card', 'aria-label': STEPS[step] }, parts));
    const first = body.querySelector('input, button');
    if (first) first.focus();
  }
  await show();
  return undefined;
}
