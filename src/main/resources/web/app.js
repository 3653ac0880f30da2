// Beatlight control client: one WebSocket (/ws), the browser's audio as the time authority.
const $ = (id) => document.getElementById(id);
const token = new URLSearchParams(location.search).get('token');
const state = { doc: null, seq: 0, stale: true, socket: null, reqs: new Map(), nextReq: 1, backoff: 300 };
window.beatlight = state; // for debugging and tests

function connect() {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  const socket = new WebSocket(url);
  state.socket = socket;
  socket.onopen = () => { state.backoff = 300; send({ type: 'hello', client: 'beatlight-web', version: '1' }); };
  socket.onmessage = (e) => receive(JSON.parse(e.data));
  socket.onclose = () => {
    setStatus('offline', 'reconnecting…');
    state.stale = true;
    setTimeout(connect, state.backoff);
    state.backoff = Math.min(3000, state.backoff * 2);
  };
}

function send(message) {
  if (state.socket && state.socket.readyState === WebSocket.OPEN) state.socket.send(JSON.stringify(message));
}

/** Sends an intent; resolves with its reply. */
function intent(name, payload = {}) {
  const req_id = `web-${state.nextReq++}`;
  send({ type: 'intent', req_id, name, payload });
  return new Promise((resolve) => state.reqs.set(req_id, resolve));
}

function receive(msg) {
  if (msg.type === 'snapshot') {
    state.doc = msg.state; state.seq = msg.seq; state.stale = false;
    setStatus('online', 'live');
    render();
  } else if (msg.type === 'patch') {
    if (msg.seq <= state.seq) return;
    if (msg.seq > state.seq + 1) { // a patch was missed: resynchronise
      state.stale = true; setStatus('stale', 'resyncing…'); send({ type: 'hello' }); return;
    }
    for (const change of msg.changes) apply(change.path, change.value);
    state.seq = msg.seq;
    render();
  } else if (msg.type === 'reply') {
    const resolve = state.reqs.get(msg.req_id);
    if (resolve) { state.reqs.delete(msg.req_id); resolve(msg); }
    if (!msg.ok && msg.name !== 'fixture.set_values') note('error', msg.error.message);
  } else if (msg.type === 'event') {
    if (msg.level !== 'info') note(msg.level, `${msg.message}${msg.data ? ' ' + JSON.stringify(msg.data) : ''}`);
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

function setStatus(kind, text) { const el = $('connection'); el.className = `status ${kind}`; el.textContent = text; }

function note(level, text) {
  const line = document.createElement('div');
  line.className = level; line.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  $('messages').prepend(line);
  while ($('messages').childElementCount > 30) $('messages').lastChild.remove();
}

// ---- transport: the audio element is the clock -----------------------------------------------------------------

const audio = $('audio');
let syncTimer = null;
function syncTime(sync) { intent('transport.jump_to_time', { time_ms: Math.round(audio.currentTime * 1000), sync }); }
$('play').onclick = async () => {
  syncTime(false);
  await intent('transport.play');
  audio.play().catch(() => note('warning', 'the browser blocked audio playback; press play again'));
  clearInterval(syncTimer);
  syncTimer = setInterval(() => syncTime(true), 250);
};
$('pause').onclick = () => { audio.pause(); clearInterval(syncTimer); intent('transport.pause').then(() => syncTime(false)); };
$('stop').onclick = () => { audio.pause(); audio.currentTime = 0; clearInterval(syncTimer); intent('transport.stop'); };
$('seek').oninput = () => {
  const length = state.doc?.song?.length_s || 0;
  audio.currentTime = length * $('seek').value / 1000;
  syncTime(false);
};
$('songs').onchange = () => intent('song.load', { filename: $('songs').value });
document.addEventListener('keydown', (e) => {
  if (e.target.tagName === 'INPUT' || e.target.tagName === 'SELECT') return;
  const beat = 60 / (state.doc?.song?.bpm || 120);
  if (e.code === 'Space') { e.preventDefault(); (audio.paused ? $('play') : $('pause')).click(); }
  if (e.code === 'ArrowRight' || e.code === 'ArrowLeft') {
    const step = (e.shiftKey ? 4 : 1) * beat * (e.code === 'ArrowRight' ? 1 : -1);
    audio.currentTime = Math.max(0, audio.currentTime + step); syncTime(false);
  }
});

// ---- rendering ---------------------------------------------------------------------------------------------------

function fmt(seconds) { const m = Math.floor(seconds / 60); return `${m}:${(seconds - m * 60).toFixed(1).padStart(4, '0')}`; }

function render() {
  const doc = state.doc; if (!doc) return;
  const song = doc.song;
  $('song-title').textContent = song ? song.filename : 'no song';
  if (song && song.audio_url && !audio.src.endsWith(song.audio_url)) audio.src = song.audio_url + (token ? `?token=${encodeURIComponent(token)}` : '');
  const t = doc.playback.time_ms / 1000;
  $('time').textContent = fmt(audio.paused ? t : audio.currentTime);
  $('section').textContent = doc.playback.section_name || '';
  $('bpm').textContent = doc.playback.bpm ? `${Math.round(doc.playback.bpm)} BPM` : '';
  if (song && audio.paused) $('seek').value = Math.round(1000 * t / (song.length_s || 1));
  const locked = doc.system.edit_lock;
  $('lock-reason').hidden = !locked;
  renderSongs(doc); renderFixtures(doc, locked); renderCues(doc); renderChasers(doc);
}

function renderSongs(doc) {
  const ids = (doc.songs || []).map((s) => s.id);
  const select = $('songs');
  if (select.dataset.ids !== ids.join('\n')) {
    select.dataset.ids = ids.join('\n'); select.replaceChildren(...ids.map((id) => new Option(id, id)));
  }
  if (doc.song) select.value = doc.song.filename;
}

function renderFixtures(doc, locked) {
  const box = $('fixtures');
  for (const [id, f] of Object.entries(doc.fixtures)) {
    let card = box.querySelector(`[data-fixture="${CSS.escape(id)}"]`);
    if (!card) { card = buildCard(id, f); box.append(card); }
    card.querySelectorAll('input, select, button').forEach((el) => { el.disabled = locked; });
    for (const [key, value] of Object.entries(f.values)) {
      const input = card.querySelector(`[data-key="${CSS.escape(key)}"]`);
      if (input && document.activeElement !== input) input.value = typeof value === 'string' && input.type === 'color' ? value.toLowerCase() : value;
      const out = card.querySelector(`[data-out="${CSS.escape(key)}"]`);
      if (out) out.textContent = value;
    }
    if (f.values.rgb) card.style.setProperty('--colour', f.values.rgb);
    const pois = card.querySelector('.pois');
    const poiKey = JSON.stringify(doc.pois || []);
    if (pois && pois.dataset.key !== poiKey) { pois.dataset.key = poiKey; pois.refresh(doc.pois || []); }
  }
  const fixtureSelect = $('cue-fixture');
  if (fixtureSelect.options.length !== Object.keys(doc.fixtures).length) {
    fixtureSelect.replaceChildren(...Object.keys(doc.fixtures).map((id) => new Option(id, id)));
    fixtureSelect.onchange = () => fillEffects(doc);
    fillEffects(doc);
  }
}

function fillEffects(doc) {
  const f = doc.fixtures[$('cue-fixture').value];
  $('cue-effect').replaceChildren(...(f?.supported_effects || []).map((e) => new Option(e.name, e.id)));
  $('cue-effect').onchange = () => fillParams(doc);
  fillParams(doc);
}

/** The effect's parameter form, generated from its JSON schema. */
function fillParams(doc) {
  const f = doc.fixtures[$('cue-fixture').value];
  const effect = (f?.supported_effects || []).find((e) => e.id === $('cue-effect').value);
  const props = effect?.schema?.properties || {};
  const required = effect?.schema?.required || [];
  const pois = (doc.pois || []).map((p) => p.id);
  $('cue-params').replaceChildren(...Object.entries(props).map(([name, p]) => {
    let input;
    if (p.format === 'poi') {
      input = document.createElement('select');
      if (!required.includes(name)) input.append(new Option('—', ''));
      pois.forEach((id) => input.append(new Option(id, id)));
    } else if (p.format === 'color') {
      input = document.createElement('input'); input.type = 'color'; input.dataset.optional = 'true';
    } else if (p.type === 'integer' || p.type === 'number') {
      input = document.createElement('input'); input.type = 'number';
      input.step = p.type === 'integer' ? '1' : 'any';
      if (p.minimum !== undefined) input.min = p.minimum;
      if (p.maximum !== undefined) input.max = p.maximum;
      if (p.default !== undefined) input.placeholder = p.default;
    } else if (p.type === 'string') {
      input = document.createElement('input'); input.type = 'text';
    } else {
      return document.createTextNode('');
    }
    input.dataset.param = name; input.dataset.type = p.type; input.title = p.description || name;
    input.setAttribute('aria-label', name);
    const label = document.createElement('label'); label.className = 'param'; label.append(name, input);
    return label;
  }));
}

/** The data object from the parameter form: only the fields the user filled in. */
function paramData() {
  const data = {};
  for (const input of $('cue-params').querySelectorAll('[data-param]')) {
    if (input.value === '' || (input.dataset.optional && !input.dataset.touched)) continue;
    let value = input.value;
    if (input.dataset.type === 'integer') value = parseInt(value, 10);
    else if (input.dataset.type === 'number') value = Number(value);
    else if (input.type === 'color') value = value.toUpperCase();
    data[input.dataset.param] = value;
  }
  return data;
}
document.addEventListener('input', (e) => { if (e.target.dataset?.param) e.target.dataset.touched = 'true'; });

$('cue-preview').onclick = () => intent('fixture.preview_effect', { fixture_id: $('cue-fixture').value,
  effect_id: $('cue-effect').value, duration_ms: Math.max(1, Number($('cue-duration').value) * 1000),
  params: paramData() });

function renderChasers(doc) {
  const box = $('chasers');
  const ids = (doc.chasers || []).map((c) => c.id).join(',');
  if (box.dataset.ids === ids) return;
  box.dataset.ids = ids;
  box.replaceChildren(...(doc.chasers || []).map((c) => {
    const b = document.createElement('button'); b.type = 'button'; b.textContent = `+ ${c.name}`; b.title = c.description;
    b.onclick = () => intent('chaser.apply', { chaser_id: c.id, start_time_ms: Math.round(audio.currentTime * 1000) });
    return b;
  }));
}

function buildCard(id, f) {
  const card = document.createElement('div');
  card.className = 'fixture'; card.dataset.fixture = id;
  card.innerHTML = `<h3>${f.name}</h3>`;
  const set = (key, value) => intent('fixture.set_values', { fixture_id: id, values: { [key]: value } });
  for (const [key, meta] of Object.entries(f.meta_channels)) {
    if (meta.hidden) continue;
    const label = document.createElement('label');
    label.append(meta.label);
    let input;
    if (meta.kind === 'rgb') {
      input = document.createElement('input'); input.type = 'color';
      input.oninput = () => set(key, input.value.toUpperCase());
      const swatches = document.createElement('span'); swatches.className = 'swatches';
      for (const [name, hex] of Object.entries(f.mappings[meta.mapping] || {})) {
        const b = document.createElement('button'); b.type = 'button'; b.title = name; b.dataset.swatch = name;
        b.style.background = `#${hex.replace('#', '')}`; b.onclick = () => set(key, name); swatches.append(b);
      }
      label.append(input, swatches);
    } else if (meta.kind === 'enum') {
      input = document.createElement('select');
      for (const option of Object.values(f.mappings[meta.mapping] || {})) input.append(new Option(option, option));
      input.onchange = () => set(key, input.value);
      label.append(input, document.createElement('span'));
    } else {
      input = document.createElement('input'); input.type = 'range'; input.min = 0;
      input.max = meta.kind === 'u16' ? 65535 : 255;
      input.oninput = () => set(key, Number(input.value));
      const out = document.createElement('output'); out.dataset.out = key;
      label.append(input, out);
    }
    input.dataset.key = key;
    card.append(label);
  }
  if (f.capabilities?.pan_tilt) card.append(poiControls(id));
  const armed = document.createElement('label');
  const box = document.createElement('input'); box.type = 'checkbox'; box.checked = f.armed;
  box.onchange = () => intent('fixture.set_arm', { fixture_id: id, armed: box.checked });
  armed.append('Armed', box); card.append(armed);
  return card;
}

/** POI buttons for a moving head: go to a stored target, or store the current pan/tilt as a POI's target. */
function poiControls(id) {
  const box = document.createElement('div'); box.className = 'pois';
  const targets = document.createElement('span'); targets.className = 'poi-buttons';
  const select = document.createElement('select'); select.setAttribute('aria-label', 'POI to store');
  const save = document.createElement('button'); save.type = 'button'; save.textContent = 'Store here';
  save.dataset.storePoi = id;
  save.onclick = () => {
    const values = state.doc.fixtures[id].values;
    intent('poi.update_fixture_target', { poi_id: select.value, fixture_id: id, pan: values.pan, tilt: values.tilt });
  };
  box.append(targets, select, save);
  box.refresh = (pois) => {
    targets.replaceChildren(...pois.filter((p) => p.fixtures && p.fixtures[id]).map((p) => {
      const b = document.createElement('button'); b.type = 'button'; b.textContent = p.name || p.id;
      b.dataset.poi = p.id;
      b.onclick = () => intent('fixture.set_values', { fixture_id: id,
        values: { pan: p.fixtures[id].pan, tilt: p.fixtures[id].tilt } });
      return b;
    }));
    const current = select.value;
    select.replaceChildren(...pois.map((p) => new Option(p.name || p.id, p.id)));
    if (current) select.value = current;
  };
  return box;
}

function renderCues(doc) {
  const rows = doc.cues || [];
  $('cue-info').textContent = doc.cue_sheet ? `${rows.length} · ${doc.cue_sheet.file} · v${doc.cue_sheet.render_version}` : '';
  $('cue-rows').replaceChildren(...rows.map((row, index) => {
    const tr = document.createElement('tr');
    tr.innerHTML = `<td>${row.time.toFixed(3)}</td><td>${row.fixture_id || row.chaser_id}</td><td>${row.effect || 'chaser'}</td><td>${row.duration ?? ''}</td>`;
    const td = document.createElement('td'); const del = document.createElement('button'); del.textContent = '✕';
    del.onclick = () => intent('cue.delete', { index, expect: { time: row.time, fixture_id: row.fixture_id, chaser_id: row.chaser_id } });
    td.append(del); tr.append(td); return tr;
  }));
}

$('cue-form').onsubmit = async (e) => {
  e.preventDefault();
  const data = paramData();
  const reply = await intent('cue.add', { time: Number($('cue-time').value), fixture_id: $('cue-fixture').value,
    effect: $('cue-effect').value, duration: Number($('cue-duration').value), data });
  if (reply.ok) note('info', `added ${reply.data.entry.effect} at ${reply.data.entry.time}s`);
};

setInterval(() => { if (state.doc && !audio.paused) $('time').textContent = fmt(audio.currentTime); }, 100);
connect();
