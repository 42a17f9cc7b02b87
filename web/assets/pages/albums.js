// Wanted albums: add one by link, id or "Artist - Album" (or all saved albums, or the albums of a playlist),
// and the list with a status filter that follows the album road live. The filter lives in the URL.
import { get, post } from '../lib/api.js';
import { announce, errorNotice, formatTime, h, notice, replace, statusBadge } from '../lib/dom.js';

const STATUSES = ['QUEUED', 'SEARCHING', 'DOWNLOADING', 'IMPORTED', 'COMPLETED', 'NOT_FOUND', 'FAILED', 'CANCELLED'];
const POLICIES = [
  ['wait', 'Wait and search again for the missing tracks'],
  ['keep_partial', 'Keep the tracks that were found'],
  ['discard', 'Discard the album'],
];

export function albumName(a) {
  return `${a.artist || 'Unknown artist'} — ${a.title || 'Unknown album'}`;
}

export async function render(root, ctx) {
  let status = ctx.query.get('status') || '';
  const message = h('div', { id: 'album-message' });
  const listArea = h('div', { id: 'albums-list' });

  const ref = h('input', { id: 'album-ref', name: 'ref', required: true, autocomplete: 'off',
    placeholder: 'https://open.spotify.com/album/… or Artist - Album' });
  const policy = h('select', { id: 'album-policy', name: 'policy' }, POLICIES.map(([v, t]) => h('option', { value: v }, t)));
  const replaceOwned = h('input', { id: 'album-replace-owned', name: 'replace_owned', type: 'checkbox' });
  const addBtn = h('button', { type: 'submit', class: 'primary', id: 'album-add' }, 'Add album');
  const form = h('form', { class: 'form-grid', id: 'album-form' },
    h('label', { for: 'album-ref' }, 'Spotify album link, MusicBrainz release/release-group link or id, or Artist - Album'), ref,
    h('label', { for: 'album-policy' }, 'If the album cannot be completed'), policy,
    h('label', { for: 'album-replace-owned' }, 'Replace tracks I already own'), replaceOwned,
    h('span'), addBtn);

  const savedBtn = h('button', { type: 'button', id: 'add-saved-albums' }, 'Add my Spotify saved albums');
  const playlist = h('input', { id: 'playlist-albums-url', name: 'playlist', required: true, autocomplete: 'off',
    placeholder: 'https://open.spotify.com/playlist/…' });
  const playlistBtn = h('button', { type: 'submit', id: 'playlist-albums-add' }, 'Add its albums');
  const playlistForm = h('form', { class: 'form-grid', id: 'playlist-albums-form' },
    h('label', { for: 'playlist-albums-url' }, 'Albums of a playlist'), playlist,
    h('span'), playlistBtn);

  const filter = h('select', { id: 'album-status-filter', name: 'status' },
    h('option', { value: '' }, 'All statuses'),
    h('option', { value: 'QUEUED,SEARCHING,DOWNLOADING' }, 'Active'),
    STATUSES.map((s) => h('option', { value: s }, s)));
  filter.value = status;
  if (filter.value !== status) filter.append(h('option', { value: status, selected: true }, status));

  replace(root, h('h1', {}, 'Albums'),
    h('section', { class: 'card', 'aria-labelledby': 'album-add-title' },
      h('h2', { id: 'album-add-title' }, 'Want an album'), message, form, h('hr'),
      h('p', { class: 'muted small' }, 'Many at once (the choices above apply to these too):'),
      h('div', { class: 'actions' }, savedBtn), playlistForm),
    h('section', { class: 'card', 'aria-labelledby': 'albums-title' },
      h('h2', { id: 'albums-title' }, 'Wanted albums'),
      h('div', { class: 'toolbar' }, h('label', { for: 'album-status-filter' }, 'Status'), filter),
      listArea));

  function options() {
    return { policy: policy.value, replace_owned: replaceOwned.checked };
  }

  function failed(err, what) {
    if (err.code && String(err.code).startsWith('spotify_')) {
      replace(message, notice('error', `${what} failed: ${err.message} `,
        h('a', { href: '/api/v1/auth/spotify/login' }, 'Connect Spotify')));
    } else {
      replace(message, errorNotice(err, what));
    }
  }

  // One request at a time: the buttons stay disabled until the server answers (a Spotify lookup can take a while).
  async function submit(body, what, button) {
    button.disabled = true;
    replace(message, notice('info', `${what}…`));
    try {
      const { data, status: code } = await post('/api/v1/albums', { ...body, ...options() });
      if (Array.isArray(data.albums)) {
        const n = data.albums.length;
        replace(message, notice('ok', n ? `${n} album${n === 1 ? '' : 's'} ${data.created ? 'added' : 'already wanted'}.`
          : 'No albums found to add.'));
      } else {
        replace(message, notice('ok', `${code === 201 ? 'Added' : 'Already wanted:'} ${albumName(data)}. `,
          h('a', { href: `/albums/${data.id}`, 'data-link': '' }, 'Watch it arrive')));
      }
      await load();
      return true;
    } catch (err) {
      failed(err, what);
      return false;
    } finally {
      button.disabled = false;
    }
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = ref.value.trim();
    if (!value) return;
    if (await submit({ ref: value }, 'Adding the album', addBtn)) ref.value = '';
  });
  savedBtn.addEventListener('click', () => submit({ saved_albums: true }, 'Adding your saved albums', savedBtn));
  playlistForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = playlist.value.trim();
    if (!value) return;
    if (await submit({ playlist: value }, 'Adding the albums of the playlist', playlistBtn)) playlist.value = '';
  });

  function row(a) {
    return h('tr', { 'data-id': a.id, 'data-status': a.status },
      h('td', {}, a.cover_url ? h('img', { class: 'cover-thumb', src: a.cover_url, alt: '', loading: 'lazy', width: '48', height: '48' }) : null),
      h('td', {}, h('a', { href: `/albums/${a.id}`, 'data-link': '' }, albumName(a)),
        a.release_date || a.primary_type ? h('div', { class: 'muted small' }, [a.release_date ? a.release_date.slice(0, 4) : null, a.primary_type].filter(Boolean).join(' · ')) : null),
      h('td', {}, statusBadge(a.status),
        a.waiting_for ? h('div', { class: 'muted small' }, `waiting for ${a.waiting_for}`) : null,
        a.error ? h('div', { class: 'muted small' }, a.error.code) : null),
      h('td', { class: 'num' }, String(a.track_count ?? '—')),
      h('td', { class: 'small' }, formatTime(a.updated_at)));
  }

  let loading = null;
  let left = false;
  async function load() {
    if (left) return; // a request answered after the page was left must not touch the new page's URL
    const params = new URLSearchParams();
    if (status) params.set('status', status);
    history.replaceState({}, '', `/albums${params.toString() ? `?${params}` : ''}`);
    const mine = (loading = Symbol('load'));
    try {
      const { data } = await get('/api/v1/albums', { status });
      if (mine !== loading) return; // a newer load (another filter) has started
      const items = Array.isArray(data) ? data : data.items || [];
      replace(listArea, items.length ? h('table', { class: 'table', id: 'albums-table' },
        h('caption', { class: 'visually-hidden' }, 'Wanted albums'),
        h('thead', {}, h('tr', {}, ['Cover', 'Album', 'Status', 'Tracks', 'Updated'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, items.map(row)))
        : h('p', { class: 'muted', id: 'albums-empty' }, status ? 'No albums match.' : 'No albums wanted yet: add one above.'));
    } catch (err) {
      if (mine === loading) replace(listArea, errorNotice(err, 'Albums'));
    }
  }

  filter.addEventListener('change', () => {
    status = filter.value;
    announce(`Showing ${filter.selectedOptions[0].textContent.toLowerCase()} albums`);
    load();
  });
  await load();

  // An album changes when one of its tracks does: refetch on album events and on download status changes
  // (not on every progress tick), at most once a second.
  let pending = null;
  const schedule = () => { if (!pending) pending = setTimeout(() => { pending = null; load(); }, 1000); };
  const seen = new Map(); // download id → last status
  const offAlbum = ctx.events.on('album', schedule);
  const offDownload = ctx.events.on('download', (ev) => {
    if (seen.get(ev.id) === ev.status) return;
    seen.set(ev.id, ev.status);
    schedule();
  });
  const offReset = ctx.events.on('reset', schedule);
  return () => { left = true; offAlbum(); offDownload(); offReset(); clearTimeout(pending); };
}
