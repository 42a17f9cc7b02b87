// One download: every candidate with its score and reasons, "pick another", and the attempt history.
import { get, post } from '../lib/api.js';
import { announce, errorNotice, formatBytes, formatMs, formatTime, h, progressBar, replace, statusBadge, toast } from '../lib/dom.js';

export async function render(root, ctx) {
  const id = ctx.params[0];
  const area = h('div');
  replace(root, h('p', {}, h('a', { href: '/downloads', 'data-link': '' }, '← All downloads')), area);

  function candidateRow(d, c) {
    const current = d.source && d.source.username === c.username && d.source.filename === c.filename;
    const pick = h('button', {
      type: 'button',
      class: current ? '' : 'primary',
      disabled: current,
      'aria-label': `Download candidate ${c.rank} from ${c.username}`,
      onclick: async () => {
        pick.disabled = true;
        try {
          await post(`/api/v1/downloads/${d.id}/candidates/${c.rank}/choose`, {});
          toast(`Downloading candidate ${c.rank} from ${c.username}`);
          announce(`Chose candidate ${c.rank}`);
          await load();
        } catch (err) { toast(`Could not choose it: ${err.message}`, 'error'); pick.disabled = false; }
      },
    }, current ? 'Current' : 'Pick this');
    const file = c.filename.split(/[\\/]/).pop();
    return h('tr', { 'data-rank': c.rank, class: current ? 'current' : '' },
      h('td', { class: 'num' }, String(c.rank)),
      h('td', {}, h('div', { title: c.filename }, file), h('div', { class: 'muted small' }, c.username)),
      h('td', { class: 'num' }, c.score.toFixed(1)),
      h('td', {}, c.accepted ? 'yes' : 'no', c.tried ? h('div', { class: 'muted small' }, 'tried') : null),
      h('td', { class: 'small' }, [c.format, c.bitrate ? `${c.bitrate} kbps` : null, c.bit_depth ? `${c.bit_depth}-bit` : null,
        c.sample_rate ? `${c.sample_rate / 1000} kHz` : null, formatBytes(c.size), c.length ? formatMs(c.length * 1000) : null]
        .filter(Boolean).join(' · ')),
      h('td', {}, h('ul', { class: 'reasons' }, (c.reasons || []).map((r) => h('li', {}, r)))),
      h('td', {}, pick));
  }

  async function load() {
    try {
      const { data: d } = await get(`/api/v1/downloads/${id}`);
      document.title = `${d.track.title} · SoulSpot`;
      const facts = [
        ['Status', statusBadge(d.status)],
        ['Progress', progressBar(d.progress_percent, 'Download progress')],
        ['Album', d.track.album || '—'],
        ['Duration', formatMs(d.track.duration_ms)],
        ['Source', d.source ? `${d.source.username}: ${d.source.filename}` : '—'],
        ['File', d.local_path || '—'],
        ['Priority', String(d.priority)],
        ['Attempts', String(d.attempts)],
        ['Error', d.error ? `${d.error.code}: ${d.error.message}` : '—'],
        ['Updated', formatTime(d.updated_at)],
      ];
      replace(area,
        h('h1', {}, `${d.track.artist} — ${d.track.title}`),
        h('dl', { class: 'facts', id: 'download-facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', { 'data-fact': k }, v)])),
        h('h2', { id: 'candidates-title' }, `Candidates (${d.candidates.length})`),
        d.candidates.length ? h('table', { class: 'table', id: 'candidates', 'aria-labelledby': 'candidates-title' },
          h('thead', {}, h('tr', {}, ['#', 'File', 'Score', 'Accepted', 'Quality', 'Reasons', ''].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, d.candidates.map((c) => candidateRow(d, c))))
          : h('p', { class: 'muted' }, 'No candidates yet: the search has not run or found nothing.'),
        h('h2', {}, 'Attempts'),
        d.attempt_history.length ? h('table', { class: 'table' },
          h('thead', {}, h('tr', {}, ['Started', 'Source', 'Outcome', 'Reason'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, d.attempt_history.map((a) => h('tr', {},
            h('td', { class: 'small' }, formatTime(a.started_at)), h('td', {}, `${a.username}: ${a.filename.split(/[\\/]/).pop()}`),
            h('td', {}, a.outcome), h('td', {}, [a.reason_code, a.message].filter(Boolean).join(': '))))))
          : h('p', { class: 'muted' }, 'No attempts yet.'));
    } catch (err) { replace(area, errorNotice(err, 'This download')); }
  }

  await load();
  let pending = null;
  const off = ctx.events.on('download', (ev) => {
    if (String(ev.id) !== String(id)) return;
    const progress = area.querySelector('[data-fact="Progress"] progress');
    if (progress) progress.value = ev.progress_percent;
    const status = area.querySelector('[data-fact="Status"] .badge');
    if (status && status.textContent !== ev.status && !pending) pending = setTimeout(() => { pending = null; load(); }, 300);
  });
  const offReset = ctx.events.on('reset', load);
  return () => { off(); offReset(); clearTimeout(pending); };
}
