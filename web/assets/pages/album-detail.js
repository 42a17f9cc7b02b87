// One album: the tracklist with each track's download, why this folder was chosen and every other scored
// folder ("pick another"), and the album's history. Live from events, and polled while the album is moving.
import { get, post } from '../lib/api.js';
import { announce, errorNotice, formatBytes, formatMs, formatTime, h, notice, progressBar, replace, statusBadge, toast } from '../lib/dom.js';
import { albumName } from './albums.js';

const ACTIVE = new Set(['QUEUED', 'SEARCHING', 'DOWNLOADING']);
const RETRYABLE = new Set(['FAILED', 'NOT_FOUND', 'CANCELLED', 'COMPLETED']);
const CANCELLABLE = new Set(['QUEUED', 'SEARCHING', 'DOWNLOADING', 'NOT_FOUND']);
const POLICY_TEXT = {
  wait: 'Wait and search again for the missing tracks',
  keep_partial: 'Keep the tracks that were found',
  discard: 'Discard the album',
};
const POLL_MS = 3000;

function externalLink(href, text) {
  return h('a', { href, rel: 'noopener noreferrer', target: '_blank' }, text);
}

function sourceFact(a) {
  const ids = [];
  if (a.spotify_id) ids.push(externalLink(`https://open.spotify.com/album/${encodeURIComponent(a.spotify_id)}`, 'Spotify'));
  if (a.musicbrainz_release_id) ids.push(externalLink(`https://musicbrainz.org/release/${encodeURIComponent(a.musicbrainz_release_id)}`, 'MusicBrainz release'));
  if (a.musicbrainz_release_group_id) ids.push(externalLink(`https://musicbrainz.org/release-group/${encodeURIComponent(a.musicbrainz_release_group_id)}`, 'MusicBrainz release group'));
  return [a.source || '—', ids.length ? ' (' : null, ids.map((l, i) => [i ? ', ' : '', l]), ids.length ? ')' : null];
}

function quality(p) {
  return [p.format, p.bitrate ? `${p.bitrate} kbps` : null, p.bit_depth ? `${p.bit_depth}-bit` : null,
    p.sample_rate ? `${p.sample_rate / 1000} kHz` : null, formatBytes(p.size), p.length_seconds ? formatMs(p.length_seconds * 1000) : null]
    .filter(Boolean).join(' · ');
}

function reasonsList(reasons) {
  return reasons && reasons.length ? h('ul', { class: 'reasons' }, reasons.map((r) => h('li', {}, r))) : h('span', { class: 'muted' }, '—');
}

function trackState(t) {
  if (t.owned) {
    return h('span', { class: 'owned', title: t.local_path || undefined }, h('span', { 'aria-hidden': 'true' }, '✓ '), 'Owned');
  }
  if (!t.download_status) return h('span', { class: 'muted' }, 'Not started');
  return [statusBadge(t.download_status), ' ', progressBar(t.progress_percent, `Progress of ${t.title}`)];
}

function trackRow(a, t) {
  const others = (t.artists || []).join(', ');
  return h('tr', { 'data-position': t.position, 'data-download-id': t.download_id ?? undefined, 'data-status': t.download_status || (t.owned ? 'OWNED' : '') },
    h('td', { class: 'num' }, String(t.track_number || t.position)),
    h('td', {}, t.title, others && others !== a.artist ? h('div', { class: 'muted small' }, others) : null),
    h('td', { class: 'num' }, formatMs(t.duration_ms)),
    h('td', { class: 'track-state' }, trackState(t)),
    h('td', {}, t.download_id ? h('a', { href: `/downloads/${t.download_id}`, 'data-link': '', 'data-focus': `dl-${t.download_id}`,
      'aria-label': `Download of ${t.title}` }, 'Download') : null));
}

function trackTable(a, tracks, labelledBy) {
  return h('table', { class: 'table album-tracks', 'aria-labelledby': labelledBy },
    h('thead', {}, h('tr', {}, ['#', 'Title', 'Length', 'State', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, tracks.map((t) => trackRow(a, t))));
}

function tracklist(a) {
  const tracks = a.tracks || [];
  const title = h('h2', { id: 'tracks-title' }, `Tracklist (${a.owned_tracks ?? 0} of ${tracks.length} owned)`);
  if (!tracks.length) return [title, h('p', { class: 'muted' }, 'No tracklist yet.')];
  if (!(a.disc_count > 1)) return [title, trackTable(a, tracks, 'tracks-title')];
  const discs = new Map();
  for (const t of tracks) {
    const n = t.disc_number || 1;
    if (!discs.has(n)) discs.set(n, []);
    discs.get(n).push(t);
  }
  return [title, [...discs.entries()].sort((x, y) => x[0] - y[0]).map(([n, list]) => [
    h('h3', { id: `disc-${n}-title` }, `Disc ${n}`),
    trackTable(a, list, `disc-${n}-title`)])];
}

function folderFacts(f) {
  return [
    ['User', f.username],
    ['Folder', h('span', { class: 'mono' }, f.directory)],
    ['Score', Number(f.score).toFixed(1)],
    ['Format', f.format || '—'],
    ['Tracks', `${f.matched_tracks} matched, ${f.missing_tracks} missing, ${f.audio_files} audio files`],
    ['Browsed', f.browsed ? 'yes (the whole folder was listed)' : 'no (only search results)'],
    ['Uploader', [f.has_free_upload_slot ? 'free upload slot' : 'no free slot', `queue ${f.queue_length}`,
      f.upload_speed ? `${formatBytes(f.upload_speed)}/s` : null].filter(Boolean).join(' · ')],
  ];
}

export async function render(root, ctx) {
  const id = ctx.params[0];
  const area = h('div', { id: 'album-detail' });
  const refreshMsg = h('div', { id: 'album-refresh' });
  replace(root, h('p', {}, h('a', { href: '/albums', 'data-link': '' }, '← All albums')), refreshMsg, area);

  let album = null;
  let left = false;
  let pollTimer = null;
  let pending = null;
  let downloadIds = new Map(); // download id → last known status

  async function act(action, what) {
    try {
      const { data } = await post(`/api/v1/albums/${id}/${action}`, {});
      toast(`${what} ${albumName(data)}`);
      announce(`${what} the album`);
    } catch (err) { toast(`${what} failed: ${err.message}`, 'error'); }
    await load();
  }

  async function choose(f, button) {
    button.disabled = true;
    try {
      await post(`/api/v1/albums/${id}/folders/${f.rank}/choose`, {});
      toast(`Downloading folder ${f.rank} from ${f.username}`);
      announce(`Chose folder ${f.rank}`);
    } catch (err) { toast(`Could not choose it: ${err.message}`, 'error'); button.disabled = false; }
    await load();
  }

  function folderRow(a, f) {
    const current = a.chosen_folder === f.rank;
    const noPicks = !(f.picks && f.picks.length);
    const pick = h('button', {
      type: 'button', class: current || noPicks ? '' : 'primary', disabled: current || noPicks, 'data-focus': `pick-${f.rank}`,
      title: noPicks && !current ? 'No track of this album was matched in this folder' : undefined,
      'aria-label': `Pick folder ${f.rank} from ${f.username}`,
    }, current ? 'Current' : 'Pick this folder');
    pick.addEventListener('click', () => choose(f, pick));
    const picks = noPicks ? null : h('details', {}, h('summary', { class: 'small' }, `${f.picks.length} file${f.picks.length === 1 ? '' : 's'} picked`),
      h('ol', { class: 'reasons' }, f.picks.map((p) => h('li', { title: p.filename },
        `${p.position}. ${p.filename.split(/[\\/]/).pop()} (${quality(p)}, confidence ${Number(p.confidence).toFixed(2)})`))));
    return h('tr', { 'data-rank': f.rank, class: current ? 'current' : '' },
      h('td', { class: 'num' }, String(f.rank)),
      h('td', {}, f.username),
      h('td', {}, h('div', { class: 'mono small' }, f.directory), picks),
      h('td', {}, f.accepted ? 'yes' : 'no'),
      h('td', { class: 'num' }, Number(f.score).toFixed(1)),
      h('td', {}, f.format || '—'),
      h('td', { class: 'num' }, `${f.matched_tracks} / ${f.missing_tracks}`),
      h('td', {}, f.browsed ? 'yes' : 'no'),
      h('td', {}, reasonsList(f.reasons)),
      h('td', {}, pick));
  }

  function whyThisFolder(a) {
    const folders = a.folders || [];
    const chosen = a.chosen_folder === null || a.chosen_folder === undefined ? null : folders.find((f) => f.rank === a.chosen_folder);
    const title = h('h2', { id: 'why-title' }, 'Why this folder');
    if (!chosen) {
      return h('section', { class: 'card', id: 'why-folder', 'aria-labelledby': 'why-title' }, title,
        h('p', { class: 'muted' }, folders.length ? `No folder chosen: none of the ${folders.length} folders found was good enough.`
          : 'No folder chosen yet: the search has not run or found nothing.'));
    }
    return h('section', { class: 'card', id: 'why-folder', 'aria-labelledby': 'why-title' }, title,
      h('p', {}, `Folder ${chosen.rank} of ${folders.length}, from ${chosen.username}.`),
      h('dl', { class: 'facts' }, folderFacts(chosen).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      h('h3', {}, 'Reasons'), reasonsList(chosen.reasons));
  }

  function view(a) {
    const year = a.release_date ? String(a.release_date).slice(0, 4) : null;
    const facts = [
      ['Source', sourceFact(a)],
      ['Release choice', a.release_choice || '—'],
      ['If incomplete', POLICY_TEXT[a.policy] || a.policy || '—'],
      ['Replace owned tracks', a.replace_owned ? 'yes' : 'no'],
      ['Quality profile', a.quality_profile || 'default'],
      ['Search query', a.search_query ? h('span', { class: 'mono' }, a.search_query) : '—'],
      ['Searches', String(a.search_retries ?? 0)],
      ['Next attempt', formatTime(a.next_attempt_at)],
      ['Added', formatTime(a.created_at)],
      ['Updated', formatTime(a.updated_at)],
      ['Completed', formatTime(a.completed_at)],
    ];
    const actions = [
      RETRYABLE.has(a.status) ? h('button', { type: 'button', class: 'primary', id: 'album-retry', 'data-focus': 'retry', onclick: () => act('retry', 'Retrying') }, 'Retry') : null,
      CANCELLABLE.has(a.status) ? h('button', { type: 'button', class: 'danger', id: 'album-cancel', 'data-focus': 'cancel', onclick: () => act('cancel', 'Cancelled') }, 'Cancel') : null,
    ].filter(Boolean);
    const folders = a.folders || [];
    const events = a.events || [];
    return [
      h('div', { class: 'album-header' },
        a.cover_url ? h('img', { class: 'cover', src: a.cover_url, alt: `Cover of ${a.title}`, width: '160', height: '160' }) : null,
        h('div', {},
          h('h1', {}, albumName(a)),
          h('p', { class: 'muted' }, [year, a.primary_type, `${a.track_count} tracks`, a.disc_count > 1 ? `${a.disc_count} discs` : null].filter(Boolean).join(' · ')),
          h('p', {}, statusBadge(a.status)),
          // Not role=alert: these are the album's standing state, re-rendered on every refresh, not news.
          a.waiting_for ? h('div', { class: 'notice notice-info', id: 'album-waiting' },
            `Waiting for ${a.waiting_for}`, a.next_attempt_at ? `; next attempt ${formatTime(a.next_attempt_at)}.` : '.') : null,
          a.error ? h('div', { class: 'notice notice-error', id: 'album-error' }, `${a.error.code}: ${a.error.message}`) : null,
          actions.length ? h('div', { class: 'actions' }, actions) : null)),
      h('dl', { class: 'facts', id: 'album-facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', { 'data-fact': k }, v)])),
      h('section', { class: 'card', id: 'album-tracklist', 'aria-labelledby': 'tracks-title' }, tracklist(a)),
      whyThisFolder(a),
      h('section', { class: 'card', 'aria-labelledby': 'folders-title' },
        h('h2', { id: 'folders-title' }, `Other folders (${folders.length})`),
        folders.length ? h('table', { class: 'table', id: 'album-folders', 'aria-labelledby': 'folders-title' },
          h('thead', {}, h('tr', {}, ['#', 'User', 'Folder', 'Accepted', 'Score', 'Format', 'Matched / missing', 'Browsed', 'Reasons', '']
            .map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, folders.map((f) => folderRow(a, f))))
          : h('p', { class: 'muted' }, 'No folders found yet.')),
      h('section', { class: 'card', 'aria-labelledby': 'history-title' },
        h('h2', { id: 'history-title' }, 'History'),
        events.length ? h('table', { class: 'table', id: 'album-history', 'aria-labelledby': 'history-title' },
          h('thead', {}, h('tr', {}, ['When', 'Change', 'Reason', 'Message'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, events.map((e) => h('tr', {},
            h('td', { class: 'small' }, formatTime(e.at)),
            h('td', {}, e.from ? `${e.from} → ${e.to}` : e.to),
            h('td', {}, e.reason || '—'),
            h('td', {}, e.message || '—')))))
          : h('p', { class: 'muted' }, 'No history yet.')),
    ];
  }

  // Progress alone changes often while tracks download: patch the bars in place so nothing loses focus.
  function sameShape(x, y) {
    const strip = (a) => JSON.stringify({ ...a, updated_at: null, tracks: (a.tracks || []).map((t) => ({ ...t, progress_percent: null })) });
    return strip(x) === strip(y);
  }

  function patchProgress(a) {
    for (const t of a.tracks || []) {
      const bar = area.querySelector(`tr[data-position="${t.position}"] progress`);
      if (bar) { bar.value = t.progress_percent; bar.textContent = `${Math.round(t.progress_percent)}%`; }
    }
  }

  function show(a) {
    const focused = document.activeElement && area.contains(document.activeElement) ? document.activeElement.dataset.focus : null;
    replace(area, view(a));
    if (focused) {
      const again = area.querySelector(`[data-focus="${focused}"]`);
      if (again && !again.disabled) again.focus({ preventScroll: true });
    }
  }

  // One request at a time; a reason to load that arrives meanwhile is served by one more load afterwards.
  let inFlight = false;
  let again = false;
  async function load() {
    if (left) return;
    if (inFlight) { again = true; return; }
    inFlight = true;
    clearTimeout(pollTimer);
    pollTimer = null;
    try {
      await fetchAndShow();
    } finally {
      inFlight = false;
    }
    if (again) { again = false; await load(); return; }
    if (!left && album && ACTIVE.has(album.status)) pollTimer = setTimeout(load, POLL_MS);
  }

  async function fetchAndShow() {
    try {
      const { data: a } = await get(`/api/v1/albums/${id}`);
      if (left) return;
      document.title = `${albumName(a)} · SoulSpot`;
      if (album && album.status !== a.status) announce(`Album status: ${a.status}`);
      if (album && sameShape(album, a)) patchProgress(a);
      else show(a);
      album = a;
      downloadIds = new Map((a.tracks || []).filter((t) => t.download_id).map((t) => [t.download_id, t.download_status]));
      replace(refreshMsg);
    } catch (err) {
      if (left) return;
      if (!album) { replace(area, errorNotice(err, 'This album')); return; }
      // Keep what is shown; say once that it may be stale.
      if (!refreshMsg.firstChild) replace(refreshMsg, notice('error', `Refreshing this album failed: ${err.message}`));
    }
  }

  const schedule = () => { if (!pending) pending = setTimeout(() => { pending = null; load(); }, 300); };
  await load();

  const offDownload = ctx.events.on('download', (ev) => {
    if (!downloadIds.has(ev.id)) return;
    const bar = area.querySelector(`tr[data-download-id="${ev.id}"] progress`);
    if (bar) { bar.value = ev.progress_percent; bar.textContent = `${Math.round(ev.progress_percent)}%`; }
    if (downloadIds.get(ev.id) !== ev.status) { downloadIds.set(ev.id, ev.status); schedule(); }
  });
  const offAlbum = ctx.events.on('album', (ev) => { if (String(ev.id) === String(id)) schedule(); });
  const offReset = ctx.events.on('reset', schedule);
  return () => {
    left = true;
    offDownload(); offAlbum(); offReset();
    clearTimeout(pending); clearTimeout(pollTimer);
  };
}
