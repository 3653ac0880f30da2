// The connection to the show server (/ws): state document, seq checking, intents with replies, events, live samples.
export const $ = (id) => document.getElementById(id);
export const token = new URLSearchParams(location.search).get('token');

export const state = {
  doc: null, seq: 0, stale: true, socket: null, reqs: new Map(), nextReq: 1, backoff: 300,
  metrics: { snapshotAtMs: null, firstRenderMs: null, wsBytes: 0, wsMessages: 0, liveMessages: 0, liveFps: 0, liveDraws: 0 },
};
window.beatlight = state; // for debugging, tests and the figures

const listeners = { render: [], event: [], live: [], snapshot: [], reply: [], closed: [] };
/** Subscribes to 'render' (doc changed), 'event', 'live', 'snapshot' (a fresh one arrived), 'reply' or 'closed'. */
export function on(kind, fn) { listeners[kind].push(fn); }
function emit(kind, arg) {
  for (const fn of listeners[kind]) {
    try { fn(arg); } catch (e) { console.error(e); note('error', `the page failed to show an update: ${e.message}`); }
  }
}

export function connect() {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  const socket = new WebSocket(url);
  state.socket = socket;
  socket.onopen = () => { state.backoff = 300; send({ type: 'hello', client: 'beatlight-web', version: '2' }); };
  socket.onmessage = (e) => {
    state.metrics.wsBytes += e.data.length; state.metrics.wsMessages++;
    receive(JSON.parse(e.data));
  };
  socket.onclose = () => {
    if (state.socket !== socket) return;
    setStatus('offline', 'reconnecting…');
    state.stale = true;
    for (const [, resolve] of state.reqs) resolve({ ok: false, error: { code: 'disconnected', message: 'the connection to the server was lost' } });
    state.reqs.clear();
    emit('closed');
    setTimeout(connect, state.backoff);
    state.backoff = Math.min(3000, state.backoff * 2);
  };
}

export function send(message) {
  if (state.socket && state.socket.readyState === WebSocket.OPEN) { state.socket.send(JSON.stringify(message)); return true; }
  return false;
}

/** Sends an intent; resolves with its reply (failed replies are also shown to the user unless quiet). */
export function intent(name, payload = {}, { quiet = false } = {}) {
  const req_id = `web-${state.nextReq++}`;
  if (!send({ type: 'intent', req_id, name, payload })) {
    if (!quiet) note('error', 'Not connected to the server; the change was not sent.');
    return Promise.resolve({ ok: false, error: { code: 'disconnected', message: 'not connected' } });
  }
  return new Promise((resolve) => state.reqs.set(req_id, (reply) => {
    if (!reply.ok) dropEventNotes(); // the reply says it better than the legacy *_failed event before it
    if (!reply.ok && !quiet) note('error', plainError(name, reply.error));
    resolve(reply);
  })).then((reply) => reply);
}
/** The req_id the next intent() call will use (the assistant matches its events by it). */
export function nextReqId() { return `web-${state.nextReq}`; }

function receive(msg) {
  if (msg.type === 'live') { state.metrics.liveMessages++; emit('live', msg); return; }
  if (msg.type === 'snapshot') {
    state.doc = msg.state; state.seq = msg.seq; state.stale = false;
    if (state.metrics.snapshotAtMs == null) state.metrics.snapshotAtMs = performance.now();
    setStatus('online', 'live');
    emit('snapshot', msg);
    scheduleRender();
  } else if (msg.type === 'patch') {
    if (state.stale || msg.seq <= state.seq) return;
    if (msg.seq > state.seq + 1) { // a patch was missed: resynchronise from a fresh snapshot
      state.stale = true; setStatus('stale', 'resyncing…'); send({ type: 'hello' }); return;
    }
    for (const change of msg.changes) apply(change.path, change.value);
    state.seq = msg.seq;
    scheduleRender();
  } else if (msg.type === 'reply') {
    const resolve = state.reqs.get(msg.req_id);
    if (resolve) { state.reqs.delete(msg.req_id); resolve(msg); }
    emit('reply', msg);
  } else if (msg.type === 'event') {
    emit('event', msg);
    if (msg.level === 'error' && !msg.data?.domain) note('error', plainEvent(msg), 'event');
  }
}

function apply(path, value) {
  let node = state.doc;
  for (let i = 0; i < path.length - 1; i++) {
    if (node[path[i]] == null) node[path[i]] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[path[i]];
  }
  node[path[path.length - 1]] = value;
}

let renderPending = false;
/** Coalesces renders to one per animation frame however many patches arrive. */
export function scheduleRender() {
  if (renderPending) return;
  renderPending = true;
  requestAnimationFrame(() => {
    renderPending = false;
    if (!state.doc) return;
    emit('render', state.doc);
    if (state.metrics.firstRenderMs == null) state.metrics.firstRenderMs = performance.now();
  });
}

function setStatus(kind, text) { const el = $('connection'); el.className = `status ${kind}`; el.textContent = text; }

/** Shows a message to the user (errors stay longer). */
export function note(level, text, source = 'page') {
  const line = document.createElement('div');
  line.className = `note ${level}`; line.dataset.source = source; line.dataset.at = String(performance.now()); line.textContent = text; line.role = level === 'error' ? 'alert' : 'status';
  const close = document.createElement('button'); close.textContent = '✕'; close.title = 'Dismiss'; close.onclick = () => line.remove();
  line.append(close);
  $('messages').prepend(line);
  while ($('messages').childElementCount > 5) $('messages').lastChild.remove();
  setTimeout(() => line.remove(), level === 'error' ? 12000 : 5000);
}

function dropEventNotes() {
  for (const n of $('messages').querySelectorAll('[data-source="event"]')) {
    if (performance.now() - Number(n.dataset.at) < 1000) n.remove();
  }
}

const FRIENDLY = {
  playback_active: 'That control is locked while the show plays. Pause or stop first.',
  no_song_loaded: 'Load a song first.',
  cue_conflict: 'Someone else changed that cue just now; the list has been refreshed — try again.',
  persist_failed: 'The server could not save the cue sheet, so nothing was changed.',
  cue_sheet_unreadable: 'The cue file on disk could not be read. Fix it and reload; nothing was changed.',
  nothing_to_undo: 'There is nothing to undo.',
  nothing_to_redo: 'There is nothing to redo.',
  unknown_intent: 'This server does not support that yet.',
};
export function plainError(name, error = {}) {
  const friendly = FRIENDLY[error.code];
  return friendly ? `${friendly}${error.code === 'unknown_intent' ? '' : ` (${error.message})`}` : `${name}: ${error.message || error.code}`;
}
function plainEvent(msg) {
  const d = msg.data || {};
  const detail = d.reason || d.detail || d.message || '';
  return `${msg.message.replaceAll('_', ' ')}${detail ? `: ${String(detail).replaceAll('_', ' ')}` : ''}`;
}

export function fmt(seconds) {
  if (!Number.isFinite(seconds)) return '–';
  const m = Math.floor(seconds / 60);
  return `${m}:${(seconds - m * 60).toFixed(1).padStart(4, '0')}`;
}

/** The element, created with attributes and children (a tiny helper instead of innerHTML). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key.startsWith('on')) node[key] = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key in node && key !== 'list') node[key] = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.filter((c) => c != null));
  return node;
}

/** The song's beat times (sorted), or a grid from the bpm. */
export function beats(doc) {
  const song = doc?.song;
  if (!song) return [];
  if (song.beats?.length) return song.beats;
  if (!song.bpm) return [];
  const period = 60 / song.bpm; const out = [];
  for (let t = 0; t <= song.length_s; t += period) out.push(t);
  return out;
}

/** The beat time nearest to t (t itself when there are no beats). */
export function snapToBeat(doc, t) {
  const list = beats(doc);
  if (!list.length) return t;
  let lo = 0; let hi = list.length - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid] < t) lo = mid + 1; else hi = mid; }
  const after = list[lo]; const before = list[Math.max(0, lo - 1)];
  return Math.abs(after - t) < Math.abs(t - before) ? after : before;
}

export function round3(t) { return Math.round(t * 1000) / 1000; }
