// One EventSource for the whole app (GET /api/v1/events). The browser resends Last-Event-ID when it
// reconnects; when the server says "reset" (we missed too much) every subscriber refetches.
// If the stream is closed for good (e.g. a 401 after a restart), we reopen it ourselves with the last id.

const TYPES = ['download', 'album', 'downloads_changed', 'sync', 'scan', 'reset', 'heartbeat', 'hello'];

export class LiveEvents {
  constructor(url = '/api/v1/events') {
    this.url = url;
    this.handlers = new Map();
    this.lastId = null;
    this.source = null;
    this.retryTimer = null;
    this.state = 'connecting';
  }

  start() {
    if (this.source) return;
    const url = this.lastId ? `${this.url}?last_event_id=${encodeURIComponent(this.lastId)}` : this.url;
    const source = new EventSource(url, { withCredentials: true });
    this.source = source;
    source.onopen = () => this.setState('live');
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        this.source = null;
        this.setState('offline');
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.start(), 5000);
      } else {
        this.setState('reconnecting');
      }
    };
    for (const type of TYPES) {
      source.addEventListener(type, (e) => {
        if (e.lastEventId) this.lastId = e.lastEventId;
        let data = {};
        try { data = e.data ? JSON.parse(e.data) : {}; } catch { data = {}; }
        this.emit(type, data);
        // A burst or a gap: the precise changes are unknown, so everyone refetches.
        if (type === 'downloads_changed') this.emit('reset', data);
      });
    }
  }

  stop() {
    clearTimeout(this.retryTimer);
    if (this.source) this.source.close();
    this.source = null;
  }

  setState(state) {
    this.state = state;
    this.emit('connection', { state });
  }

  /** Returns an unsubscribe function; pages call it when they are left. */
  on(type, fn) {
    if (!this.handlers.has(type)) this.handlers.set(type, new Set());
    this.handlers.get(type).add(fn);
    return () => this.handlers.get(type).delete(fn);
  }

  emit(type, data) {
    for (const fn of this.handlers.get(type) || []) {
      try { fn(data); } catch (err) { console.error('event handler failed', type, err); }
    }
  }
}
