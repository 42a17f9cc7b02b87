// Settings: naming template with live preview, API keys, password, quality profiles, and the connection,
// folder and concurrency values that come from the environment (shown read-only, slskd testable).
import { del, get, post, put } from '../lib/api.js';
import { errorNotice, formatTime, h, notice, replace, toast } from '../lib/dom.js';

export async function render(root, ctx) {
  const naming = h('section', { class: 'card', id: 'naming', 'aria-labelledby': 'naming-title' }, h('h2', { id: 'naming-title' }, 'File naming'));
  const keys = h('section', { class: 'card', id: 'api-keys', 'aria-labelledby': 'keys-title' }, h('h2', { id: 'keys-title' }, 'API keys'));
  const profiles = h('section', { class: 'card', id: 'quality-profiles', 'aria-labelledby': 'profiles-title' }, h('h2', { id: 'profiles-title' }, 'Quality profiles'));
  const connections = h('section', { class: 'card', id: 'connections', 'aria-labelledby': 'conn-title' }, h('h2', { id: 'conn-title' }, 'Connections, folders and concurrency'));
  const account = h('section', { class: 'card', id: 'account', 'aria-labelledby': 'account-title' }, h('h2', { id: 'account-title' }, 'Password'),
    h('p', {}, 'Change the password (or set the first one) in the ', h('a', { href: '/setup', 'data-link': '' }, 'setup assistant'), '.'));
  replace(root, h('h1', {}, 'Settings'), naming, profiles, keys, account, connections);
  await Promise.all([renderNaming(naming), renderKeys(keys), renderProfiles(profiles), renderConnections(connections)]);
  return undefined;
}

async function renderNaming(section) {
  let current;
  try { current = (await get('/api/v1/settings/naming')).data; } catch (err) { section.append(errorNotice(err, 'Naming templates')); return; }
  const msg = h('div');
  const track = h('input', { id: 'naming-track', class: 'mono wide-input', value: current.track_template, size: '60' });
  const multi = h('input', { id: 'naming-multi', class: 'mono wide-input', value: current.multidisc_template, size: '60' });
  const preview = h('ul', { class: 'plain mono', id: 'naming-preview', 'aria-live': 'polite' });
  let timer = null;
  async function refresh(input) {
    try {
      const { data } = await post('/api/v1/settings/naming/preview', { template: input.value });
      replace(preview, data.samples.map((s) => h('li', {}, h('span', { class: 'muted' }, `${s.description}: `), s.path)));
    } catch (err) { replace(preview, h('li', { class: 'status-failed' }, err.message)); }
  }
  for (const input of [track, multi]) {
    input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => refresh(input), 250); });
    input.addEventListener('focus', () => refresh(input));
  }
  const form = h('form', { class: 'form-grid', id: 'naming-form' },
    h('label', { for: 'naming-track' }, 'Track template'), track,
    h('label', { for: 'naming-multi' }, 'Multi-disc template'), multi,
    h('span'), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'naming-save' }, 'Save'),
      h('button', { type: 'button', onclick: () => { track.value = current.defaults.track_template; multi.value = current.defaults.multidisc_template; refresh(track); } }, 'Restore defaults')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      current = (await put('/api/v1/settings/naming', { track_template: track.value, multidisc_template: multi.value })).data;
      replace(msg, notice('ok', 'Saved. New imports use these templates.'));
    } catch (err) { replace(msg, notice('error', err.message)); }
  });
  section.append(h('p', {}, 'Tokens such as ', h('code', {}, '{Artist Name}'), ', ', h('code', {}, '{Album Title}'), ', ',
    h('code', {}, '{Release Year}'), ' and ', h('code', {}, '{track:00}'), ' build the path inside the library; the preview shows sample results as you type.'),
    msg, form, h('h3', {}, 'Preview'), preview);
  refresh(track);
}

async function renderKeys(section) {
  const list = h('div');
  const shown = h('div', { id: 'new-key' });
  const name = h('input', { id: 'key-name', placeholder: 'e.g. backup script', required: true });
  const form = h('form', { class: 'toolbar', id: 'key-form' }, h('label', { for: 'key-name' }, 'New key name'), name, h('button', { type: 'submit', class: 'primary' }, 'Create key'));
  async function load() {
    try {
      const { data } = await get('/api/v1/auth/api-keys');
      replace(list, data.length ? h('table', { class: 'table', id: 'keys-table' },
        h('thead', {}, h('tr', {}, ['Name', 'Starts with', 'Created', 'Last used', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, data.map((k) => h('tr', { 'data-id': k.id }, h('td', {}, k.name), h('td', { class: 'mono' }, `${k.prefix}…`),
          h('td', { class: 'small' }, formatTime(k.created_at)), h('td', { class: 'small' }, formatTime(k.last_used_at)),
          h('td', {}, h('button', { type: 'button', class: 'danger', 'aria-label': `Revoke ${k.name}`, onclick: async () => {
            if (!window.confirm(`Revoke the key "${k.name}"? Scripts using it stop working.`)) return;
            try { await del(`/api/v1/auth/api-keys/${k.id}`); toast('Key revoked'); load(); } catch (err) { toast(err.message, 'error'); }
          } }, 'Revoke'))))))
        : h('p', { class: 'muted' }, 'No API keys.'));
    } catch (err) { replace(list, errorNotice(err, 'API keys')); }
  }
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const { data } = await post('/api/v1/auth/api-keys', { name: name.value });
      replace(shown, notice('ok', h('p', {}, `Key "${data.name}" created. Copy it now: it is shown only once.`),
        h('div', { class: 'secret mono', id: 'new-key-value' }, data.key),
        h('p', { class: 'small' }, 'Use it as ', h('code', {}, 'X-API-Key: …'), ' on any API request.')));
      name.value = '';
      load();
    } catch (err) { replace(shown, notice('error', err.message)); }
  });
  section.append(h('p', {}, 'For scripts and other apps. Keys are stored hashed; revoke one to lock its user out.'), form, shown, list);
  await load();
}

async function renderProfiles(section) {
  try {
    const { data } = await get('/api/v1/quality-profiles');
    const items = data.profiles || data;
    const active = data.active;
    section.append(h('table', { class: 'table', id: 'profiles-table' },
      h('thead', {}, h('tr', {}, ['Name', 'Kind', 'Formats', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, items.map((p) => h('tr', { 'data-name': p.name },
        h('td', {}, p.name, ' ', p.id === active ? h('span', { class: 'badge' }, 'active') : ''),
        h('td', {}, p.builtin ? 'built-in' : 'custom'),
        h('td', { class: 'small' }, (p.profile && p.profile.formats ? p.profile.formats : p.formats || []).join(', ')),
        h('td', {}, p.id === active ? '' : h('button', { type: 'button', 'aria-label': `Make ${p.name} the default`, onclick: async () => {
          try { await put('/api/v1/quality-profiles/active', { name: p.id }); toast(`${p.name} is now the default`); replace(section, h('h2', { id: 'profiles-title' }, 'Quality profiles')); renderProfiles(section); }
          catch (err) { toast(err.message, 'error'); }
        } }, 'Make default')))))));
  } catch (err) { section.append(errorNotice(err, 'Quality profile management')); }
}

async function renderConnections(section) {
  try {
    const { data } = await get('/api/v1/settings/system');
    const bySection = new Map();
    for (const v of data.variables) {
      if (!bySection.has(v.section)) bySection.set(v.section, []);
      bySection.get(v.section).push(v);
    }
    const testResult = h('div', { id: 'settings-slskd-result' });
    const test = h('button', { type: 'button', id: 'settings-slskd-test', onclick: async () => {
      try { const { data: r } = await post('/api/v1/settings/slskd/test', {}); replace(testResult, notice(r.ok ? 'ok' : 'error', r.ok ? `Connected to slskd ${r.version || ''}` : r.message)); }
      catch (err) { replace(testResult, errorNotice(err, 'The test')); }
    } }, 'Test slskd connection');
    const spotify = h('div', { id: 'settings-spotify' });
    get('/api/v1/auth/spotify/status').then(({ data: s }) => replace(spotify, s.connected
      ? h('p', {}, `Spotify connected${s.user ? ` as ${s.user.display_name || s.user.id}` : ''}. `,
        h('button', { type: 'button', onclick: async () => { await post('/api/v1/auth/spotify/logout', {}); toast('Spotify disconnected'); } }, 'Disconnect'))
      : h('p', {}, s.configured ? h('a', { href: '/api/v1/auth/spotify/login' }, 'Connect Spotify') : 'Spotify is not configured (SPOTIFY_CLIENT_ID).')))
      .catch((err) => replace(spotify, errorNotice(err, 'Spotify')));
    section.append(
      h('p', {}, 'These come from the environment or ', h('code', {}, '.env'), ' and apply after a restart; ', h('code', {}, 'soulspot config'), ' prints them too.'),
      h('div', { class: 'actions' }, test), testResult, spotify,
      ...[...bySection].map(([name, vars]) => h('details', { open: ['slskd', 'Storage', 'Downloads'].includes(name) },
        h('summary', {}, name),
        h('table', { class: 'table' }, h('tbody', {}, vars.map((v) => h('tr', { 'data-var': v.name },
          h('th', { scope: 'row', class: 'mono' }, v.name), h('td', { class: 'mono' }, v.value || '—'),
          h('td', { class: 'small muted' }, `${v.description} (${v.origin})`))))))));
  } catch (err) { section.append(errorNotice(err, 'Configuration')); }
}
