// The shell: session check, history-based routing to page modules, the live event stream, and the
// header. Pages export `render(root, ctx)` and may return a cleanup function.
import { get, post, setCsrfToken } from './lib/api.js';
import { h, replace, toast } from './lib/dom.js';
import { LiveEvents } from './lib/events.js';

const ROUTES = [
  { pattern: /^\/$/, page: 'dashboard', nav: 'dashboard', title: 'Dashboard' },
  { pattern: /^\/downloads\/?$/, page: 'downloads', nav: 'downloads', title: 'Downloads' },
  { pattern: /^\/downloads\/(\d+)\/?$/, page: 'download-detail', nav: 'downloads', title: 'Download' },
  { pattern: /^\/albums\/?$/, page: 'albums', nav: 'albums', title: 'Albums' },
  { pattern: /^\/albums\/(\d+)\/?$/, page: 'album-detail', nav: 'albums', title: 'Album' },
  { pattern: /^\/playlists\/?$/, page: 'playlists', nav: 'playlists', title: 'Playlists' },
  { pattern: /^\/playlists\/(\d+)\/?$/, page: 'playlist-detail', nav: 'playlists', title: 'Playlist' },
  { pattern: /^\/library\/?$/, page: 'library', nav: 'library', title: 'Library' },
  { pattern: /^\/settings\/?$/, page: 'settings', nav: 'settings', title: 'Settings' },
  { pattern: /^\/setup\/?$/, page: 'onboarding', nav: null, title: 'Set up SoulSpot' },
  { pattern: /^\/login\/?$/, page: 'login', nav: null, title: 'Log in' },
];
const PUBLIC_PAGES = new Set(['login']);

const ctx = {
  session: null,
  events: new LiveEvents(),
  navigate,
  refreshSession,
};
let cleanup = null;
let firstRender = true;

async function refreshSession() {
  try {
    const { data } = await get('/api/v1/auth/session');
    ctx.session = data;
  } catch (err) {
    ctx.session = { authenticated: false, setup_required: !!(err.details && err.details.setup_required), status: err.status };
  }
  setCsrfToken(ctx.session.csrf_token);
  renderSessionArea();
  renderBanner();
  if (ctx.session.authenticated) ctx.events.start();
  else ctx.events.stop();
  return ctx.session;
}

function renderSessionArea() {
  const area = document.getElementById('session-area');
  const s = ctx.session || {};
  const dot = h('span', { class: `live-dot live-${ctx.events.state}`, title: `Live updates: ${ctx.events.state}` });
  const live = h('span', { class: 'live-state' }, dot, h('span', { class: 'visually-hidden' }, `Live updates ${ctx.events.state}`));
  if (s.via === 'session') {
    replace(area, live, h('span', {}, `Signed in as ${s.username}`), ' ',
      h('button', { type: 'button', class: 'link-button', onclick: logout }, 'Log out'));
  } else if (s.via === 'trusted_network') {
    replace(area, live, h('span', { class: 'muted', title: `Your address ${s.client_address} is on a trusted network` }, 'Trusted network'));
  } else if (s.via === 'api_key') {
    replace(area, live, h('span', {}, 'API key'));
  } else {
    replace(area);
  }
}

function renderBanner() {
  const banner = document.getElementById('banner');
  const s = ctx.session || {};
  if (s.authenticated && s.setup_required && location.pathname !== '/setup') {
    replace(banner, 'SoulSpot has no password yet, so only trusted networks can use it. ',
      h('a', { href: '/setup', 'data-link': '' }, 'Finish setup'));
    banner.hidden = false;
  } else {
    banner.hidden = true;
  }
}

async function logout() {
  try { await post('/api/v1/auth/logout', {}); } catch { /* the cookie is cleared either way */ }
  await refreshSession();
  navigate('/login');
}

function match(path) {
  for (const r of ROUTES) {
    const m = r.pattern.exec(path);
    if (m) return { ...r, params: m.slice(1) };
  }
  return null;
}

export function navigate(path, { replace: replaceState = false } = {}) {
  if (replaceState) history.replaceState({}, '', path);
  else history.pushState({}, '', path);
  route();
}

async function route() {
  const main = document.getElementById('main');
  let url = new URL(location.href);
  let target = match(url.pathname);
  if (!target) {
    replace(main, h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '/', 'data-link': '' }, 'Back to the dashboard')));
    return;
  }
  const s = ctx.session || {};
  if (!s.authenticated && !PUBLIC_PAGES.has(target.page) && !(target.page === 'onboarding' && s.setup_required)) {
    history.replaceState({}, '', `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
    url = new URL(location.href);
    target = match('/login');
  }
  // First visit of a fresh instance: the onboarding, once (it can be skipped).
  if (firstRender && url.pathname === '/' && s.authenticated && s.setup_required &&
      localStorage.getItem('soulspot.onboarding.skipped') !== '1') {
    history.replaceState({}, '', '/setup');
    url = new URL(location.href);
    target = match('/setup');
  }
  if (cleanup) { try { cleanup(); } catch { /* a page's cleanup must not block navigation */ } }
  cleanup = null;
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === target.nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.title = `${target.title} · SoulSpot`;
  renderBanner();
  const view = h('div', { class: `page page-${target.page}` });
  replace(main, view);
  try {
    const mod = await import(`./pages/${target.page}.js`);
    const result = await mod.render(view, { ...ctx, params: target.params, query: url.searchParams });
    if (typeof result === 'function') cleanup = result;
  } catch (err) {
    console.error(err);
    replace(view, h('div', { class: 'notice notice-error', role: 'alert' }, `This page failed to load: ${err.message}`));
  }
  if (!firstRender) main.focus({ preventScroll: true });
  firstRender = false;
}

document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-link]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin) return;
  e.preventDefault();
  navigate(url.pathname + url.search);
});
window.addEventListener('popstate', route);
window.addEventListener('soulspot:unauthorized', () => {
  if (location.pathname !== '/login' && ctx.session && ctx.session.authenticated) {
    toast('Your session ended; please log in again.', 'error');
    refreshSession().then(() => route());
  }
});
ctx.events.on('connection', renderSessionArea);

refreshSession().then(route);
