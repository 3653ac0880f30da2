// Live view: the stage plan (each fixture at its location with its live colour, intensity and beam) and the DMX
// monitor, both drawn from the server's `live` samples of the output universe (live.subscribe).
import { $, state, on, intent, round3 } from './core.js';
import { patchVisible } from './patch.js';

const stage = $('stage'); const monitor = $('monitor');
const universes = new Map(); // universe -> Uint8Array of channels 1..n
state.live = universes;
state.resubscribeLive = () => subscribe();
let dirty = true; let fresh = false;
let drawsThisSecond = 0;

function subscription() {
  const open = $('monitor-toggle').checked;
  // the plan follows the 60 FPS canvas (only changed frames are sent, so this costs little); the 512-channel
  // monitor is read by eye and 30 samples/s are plenty
  const fps = state.liveRate || (open ? 30 : 60);
  return open ? { fps, monitor_universe: Number($('monitor-universe').value || 0) } : { fps };
}
export async function subscribe() {
  const payload = subscription();
  const reply = await intent('live.subscribe', payload, { quiet: true });
  if (!reply.ok && reply.error?.code !== 'disconnected') $('live-info').textContent = '(live view unavailable on this server)';
}
on('snapshot', () => { subscribe(); }); // after every (re)connection
$('monitor-toggle').onchange = () => { monitor.hidden = !$('monitor-toggle').checked; subscribe(); dirty = true; };
$('monitor-universe').onchange = () => { subscribe(); dirty = true; };

on('live', (msg) => {
  for (const u of msg.universes) {
    const bin = atob(u.data); const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    universes.set(u.universe, bytes);
  }
  dirty = true; fresh = true;
});
let extentKey = null;
on('render', (doc) => {
  // a patch edit can add a universe or channels past the subscribed ones: subscribe again to see them
  const extent = {};
  for (const f of Object.values(doc.fixtures)) {
    const u = f.universe ?? 0;
    extent[u] = Math.max(extent[u] || 0, ...Object.values(f.channels || {}));
  }
  const key = JSON.stringify(Object.entries(extent).sort((a, b) => a[0] - b[0]));
  if (extentKey !== null && key !== extentKey) subscribe();
  extentKey = key;
  const list = [...new Set(Object.values(doc.fixtures).map((f) => f.universe ?? 0))].sort((a, b) => a - b);
  const select = $('monitor-universe');
  if (select.dataset.list !== list.join(',')) {
    select.dataset.list = list.join(',');
    select.replaceChildren(...list.map((u) => new Option(`universe ${u}`, u)));
  }
  dirty = true;
});
setInterval(() => { state.metrics.liveFps = drawsThisSecond; drawsThisSecond = 0; }, 1000);

/** A channel value (address 1..512) of a universe from the latest sample, or null. */
function channel(universe, address) {
  const bytes = universes.get(universe);
  return bytes && address >= 1 && address <= bytes.length ? bytes[address - 1] : null;
}

const NAMED = { off: '#000', white: '#fff', red: '#f00', green: '#0f0', blue: '#00f', cyan: '#0ff', magenta: '#f0f',
  yellow: '#ff0', orange: '#ff8000', pink: '#ff80c0', purple: '#8000ff', amber: '#ffbf00', uv: '#6000ff' };

/** An rgb control's colour from its channel bytes: a subtractive (CMY) control sends 255 − each component. */
function colourOf(meta, bytes) {
  return meta.subtractive ? bytes.map((c) => 255 - c) : bytes;
}

/** What a fixture looks like right now: colour [r,g,b], intensity 0..1, pan/tilt 0..65535 (or null). */
export function look(f) {
  const u = f.universe ?? 0;
  const at = (name) => (f.channels[name] == null ? null : channel(u, f.channels[name]));
  let rgb = null; let pan = null; let tilt = null; let dim = 1;
  for (const [id, meta] of Object.entries(f.meta_channels)) {
    if (meta.kind === 'rgb' && meta.channels) {
      const v = meta.channels.slice(0, 3).map(at);
      if (v.every((c) => c != null)) rgb = colourOf(meta, v);
    } else if (meta.kind === 'u16' && meta.channels) {
      const hi = at(meta.channels[0]); const lo = at(meta.channels[1]);
      if (hi != null && lo != null) { if (id === 'pan') pan = hi * 256 + lo; if (id === 'tilt') tilt = hi * 256 + lo; }
    } else if (meta.kind === 'u8' && (id === 'pan' || id === 'tilt')) {
      // an 8-bit axis (a scanner): its byte is the high byte of the 16-bit position
      const v = at(meta.channel);
      if (v != null) { if (id === 'pan') pan = v * 256; else tilt = v * 256; }
    } else if (meta.kind === 'u8' && /^(dim|dimmer|intensity)$/i.test(id)) {
      const v = at(meta.channel); if (v != null) dim = v / 255;
    } else if (meta.kind === 'enum' && !rgb && /colou?r/i.test(id)) {
      const v = at(meta.channel);
      const label = v == null ? null : Object.entries(f.mappings[meta.mapping] || {}).find(([k]) => Number(k) === v)?.[1];
      const css = label && (NAMED[label.toLowerCase()] || (CSS.supports('color', label) ? label : null));
      if (css) { const probe = parseCss(css); if (probe) rgb = probe; }
    }
  }
  if (!rgb) rgb = [255, 255, 255];
  return { rgb, dim, pan, tilt, live: universes.has(u) };
}
/** A fixture's meta channel values as the state document writes them, from the latest live sample (or null). */
export function liveValues(f) {
  const u = f.universe ?? 0;
  if (!universes.has(u)) return null;
  const at = (name) => (f.channels[name] == null ? null : channel(u, f.channels[name]));
  const values = {};
  for (const [id, meta] of Object.entries(f.meta_channels)) {
    if (meta.kind === 'u8') values[id] = at(meta.channel);
    else if (meta.kind === 'u16' && meta.channels) values[id] = at(meta.channels[0]) * 256 + at(meta.channels[1]);
    else if (meta.kind === 'rgb' && meta.channels) values[id] = `#${colourOf(meta, meta.channels.slice(0, 3).map((c) => at(c) ?? 0)).map((c) => c.toString(16).padStart(2, '0')).join('').toUpperCase()}`;
    else if (meta.kind === 'enum') {
      const v = at(meta.channel);
      values[id] = Object.entries(f.mappings[meta.mapping] || {}).find(([k]) => Number(k) === v)?.[1] ?? v;
    }
  }
  return values;
}

const parseCanvas = document.createElement('canvas').getContext('2d');
function parseCss(css) {
  parseCanvas.fillStyle = '#000'; parseCanvas.fillStyle = css;
  const hex = parseCanvas.fillStyle; // normalised to #rrggbb
  return /^#[0-9a-f]{6}$/i.test(hex) ? [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) : null;
}

/**
 * Where a head's beam lands on the stage plan: an affine fit of (pan, tilt) -> (x, y) through the POIs that store
 * calibrated targets for it (three or more), else a generic direction from the pan angle.
 */
function beamFit(doc, id) {
  const pts = (doc.pois || []).filter((p) => p.fixtures?.[id] && p.location);
  if (pts.length < 3) return null;
  // least squares for x = a*pan + b*tilt + c (and y likewise): normal equations, 3x3
  const A = [[0, 0, 0], [0, 0, 0], [0, 0, 0]]; const bx = [0, 0, 0]; const by = [0, 0, 0];
  for (const p of pts) {
    const v = [p.fixtures[id].pan / 65535, p.fixtures[id].tilt / 65535, 1];
    for (let i = 0; i < 3; i++) { for (let j = 0; j < 3; j++) A[i][j] += v[i] * v[j]; bx[i] += v[i] * p.location.x; by[i] += v[i] * p.location.y; }
  }
  const solve = (M, b) => { // Cramer's rule
    const det = (m) => m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    const d = det(M); if (Math.abs(d) < 1e-12) return null;
    return [0, 1, 2].map((k) => det(M.map((row, i) => row.map((v, j) => (j === k ? b[i] : v)))) / d);
  };
  const cx = solve(A, bx); const cy = solve(A, by);
  return cx && cy ? (pan, tilt) => ({ x: cx[0] * pan / 65535 + cx[1] * tilt / 65535 + cx[2], y: cy[0] * pan / 65535 + cy[1] * tilt / 65535 + cy[2] }) : null;
}
let fits = new Map(); let fitsFor = null;
let markers = []; // [{id, x, y}] where the last draw put each fixture (CSS pixels)
let geometry = null; // {w, h, pad} of the last draw
const dragged = new Map(); // fixture id -> {x, y} shown while it is dragged or its move is on its way
state.stageMarkers = () => markers.map((m) => ({ ...m })); // for tests: where each fixture is drawn

/** Where a fixture is drawn: where it is being dragged, its location, or a default spot along the front. */
function placeOf(id, f, i, count) {
  return dragged.get(id) || f.location || { x: (i + 1) / (count + 1), y: 0.05 };
}

function drawStage(doc) {
  const ratio = devicePixelRatio || 1;
  const w = stage.clientWidth; const h = Math.round(w * 0.62);
  if (stage.width !== Math.round(w * ratio) || stage.height !== Math.round(h * ratio)) {
    stage.width = w * ratio; stage.height = h * ratio; stage.style.height = `${h}px`;
  }
  const g = stage.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.fillStyle = '#0b0b0e'; g.fillRect(0, 0, w, h);
  const pad = 24;
  // y = 0 is the front (audience side, bottom), y = 1 the back of the stage
  const X = (x) => pad + x * (w - 2 * pad); const Y = (y) => h - pad - y * (h - 2 * pad);
  geometry = { w, h, pad }; markers = [];
  g.strokeStyle = '#333'; g.strokeRect(X(0), Y(1), X(1) - X(0), Y(0) - Y(1));
  g.fillStyle = '#555'; g.font = '10px system-ui, sans-serif'; g.textAlign = 'center';
  g.fillText('audience', w / 2, h - 6);
  if (fitsFor !== doc.pois) { fitsFor = doc.pois; fits = new Map(); }
  const labels = []; // POIs often share a spot: label each spot once
  for (const p of doc.pois || []) {
    if (!p.location) continue;
    const px = X(p.location.x); const py = Y(p.location.y);
    g.fillStyle = '#666'; g.beginPath(); g.arc(px, py, 3, 0, 7); g.fill();
    if (labels.some(([lx, ly]) => Math.abs(lx - px) < 50 && Math.abs(ly - py) < 11)) continue;
    labels.push([px, py]);
    g.fillText(p.name || p.id, px, py - 7);
  }
  g.globalCompositeOperation = 'lighter';
  const fixtures = Object.entries(doc.fixtures);
  fixtures.forEach(([id, f], i) => {
    const loc = placeOf(id, f, i, fixtures.length);
    const { rgb, dim, pan, tilt } = look(f);
    const x = X(loc.x); const y = Y(loc.y);
    const colour = `rgba(${rgb[0]},${rgb[1]},${rgb[2]},${Math.max(0.04, dim)})`;
    if (pan != null && tilt != null) {
      if (!fits.has(id)) fits.set(id, beamFit(doc, id));
      const fit = fits.get(id);
      let tx; let ty;
      if (fit) { const p = fit(pan, tilt); tx = X(p.x); ty = Y(p.y); } else {
        const angle = (pan / 65535 - 0.5) * 3 * Math.PI; const reach = 0.15 + 0.6 * tilt / 65535;
        tx = x + Math.sin(angle) * reach * (w - 2 * pad); ty = y - Math.cos(angle) * reach * (h - 2 * pad);
      }
      const grad = g.createLinearGradient(x, y, tx, ty);
      grad.addColorStop(0, colour); grad.addColorStop(1, `rgba(${rgb[0]},${rgb[1]},${rgb[2]},${0.15 * dim})`);
      g.strokeStyle = grad; g.lineWidth = 6; g.lineCap = 'round';
      g.beginPath(); g.moveTo(x, y); g.lineTo(tx, ty); g.stroke();
      g.fillStyle = `rgba(${rgb[0]},${rgb[1]},${rgb[2]},${0.5 * dim})`; g.beginPath(); g.arc(tx, ty, 9, 0, 7); g.fill();
    } else {
      const glow = g.createRadialGradient(x, y, 2, x, y, 34);
      glow.addColorStop(0, colour); glow.addColorStop(1, 'rgba(0,0,0,0)');
      g.fillStyle = glow; g.beginPath(); g.arc(x, y, 34, 0, 7); g.fill();
    }
  });
  g.globalCompositeOperation = 'source-over';
  fixtures.forEach(([id, f], i) => {
    const loc = placeOf(id, f, i, fixtures.length);
    const { rgb, dim } = look(f);
    const x = X(loc.x); const y = Y(loc.y);
    markers.push({ id, x, y });
    g.fillStyle = `rgb(${rgb.map((c) => Math.round(c * dim)).join(',')})`; g.strokeStyle = '#999'; g.lineWidth = 1;
    g.beginPath();
    if (f.capabilities?.pan_tilt) g.rect(x - 7, y - 7, 14, 14); else g.arc(x, y, 7, 0, 7);
    g.fill(); g.stroke();
    g.fillStyle = '#ccc'; g.fillText(f.name || id, x, y + 19);
  });
}

// While the Patch tab is open, fixtures can be dragged on the plan; the drop sets their location (undoable).
function stagePoint(e) {
  const r = stage.getBoundingClientRect();
  return { px: e.clientX - r.left, py: e.clientY - r.top };
}
function toStage(px, py) {
  const { w, h, pad } = geometry;
  const clamp = (v) => Math.min(1, Math.max(0, v));
  return { x: round3(clamp((px - pad) / (w - 2 * pad))), y: round3(clamp((h - pad - py) / (h - 2 * pad))) };
}
let dragging = null; // {id, pointerId}
stage.addEventListener('pointerdown', (e) => {
  if (!patchVisible() || !geometry || state.doc?.system?.edit_lock) return;
  const { px, py } = stagePoint(e);
  const hit = markers.reduce((best, m) => {
    const d = Math.hypot(m.x - px, m.y - py);
    return d <= 14 && (!best || d < best.d) ? { ...m, d } : best;
  }, null);
  if (!hit) return;
  e.preventDefault();
  dragging = { id: hit.id };
  stage.setPointerCapture(e.pointerId);
  const f = state.doc.fixtures[hit.id];
  dragged.set(hit.id, { ...(f.location || {}), ...toStage(px, py) });
  dirty = true;
});
stage.addEventListener('pointermove', (e) => {
  const { px, py } = stagePoint(e);
  if (!dragging) {
    const over = patchVisible() && markers.some((m) => Math.hypot(m.x - px, m.y - py) <= 14);
    stage.style.cursor = over ? 'grab' : '';
    return;
  }
  dragged.set(dragging.id, { ...dragged.get(dragging.id), ...toStage(px, py) });
  dirty = true;
});
async function drop() {
  if (!dragging) return;
  const { id } = dragging;
  dragging = null;
  const { x, y } = dragged.get(id);
  await intent('rig.update_fixture', { id, location: { x, y } });
  dragged.delete(id); // the state now carries the new location (or the old one when refused)
  dirty = true;
}
stage.addEventListener('pointerup', drop);
stage.addEventListener('pointercancel', drop);

const CELL_COLS = 32;
function drawMonitor(doc) {
  const universe = Number($('monitor-universe').value || 0);
  const bytes = universes.get(universe);
  const ratio = devicePixelRatio || 1;
  const w = monitor.clientWidth; const cw = w / CELL_COLS; const ch = 16; const h = ch * 16;
  if (monitor.width !== Math.round(w * ratio) || monitor.height !== Math.round(h * ratio)) {
    monitor.width = w * ratio; monitor.height = h * ratio; monitor.style.height = `${h}px`;
  }
  const g = monitor.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.font = `${Math.min(10, cw * 0.42)}px ui-monospace, monospace`; g.textAlign = 'center'; g.textBaseline = 'middle';
  const owners = ownerMap(doc, universe);
  for (let i = 0; i < 512; i++) {
    const v = bytes && i < bytes.length ? bytes[i] : 0;
    const x = (i % CELL_COLS) * cw; const y = Math.floor(i / CELL_COLS) * ch;
    g.fillStyle = `rgb(${v},${v},${v})`; g.fillRect(x, y, cw - 1, ch - 1);
    if (owners[i]) { g.fillStyle = owners[i].colour; g.fillRect(x, y + ch - 3, cw - 1, 2); }
    g.fillStyle = v > 140 ? '#000' : '#9a9a9a'; g.fillText(String(v), x + cw / 2, y + ch / 2 - 1);
  }
}
let owners = { key: null, list: [] };
function ownerMap(doc, universe) {
  const key = `${universe}`;
  if (owners.key === key && owners.doc === doc.fixtures) return owners.list;
  const list = new Array(512).fill(null);
  Object.entries(doc.fixtures).forEach(([id, f], n) => {
    if ((f.universe ?? 0) !== universe) return;
    for (const [name, address] of Object.entries(f.channels)) {
      if (address >= 1 && address <= 512) list[address - 1] = { id, name, colour: `hsl(${(n * 67) % 360} 70% 55%)` };
    }
  });
  owners = { key, doc: doc.fixtures, list };
  return list;
}
monitor.addEventListener('pointermove', (e) => {
  const r = monitor.getBoundingClientRect();
  const i = Math.floor((e.clientY - r.top) / 16) * CELL_COLS + Math.floor((e.clientX - r.left) / (r.width / CELL_COLS));
  if (i < 0 || i >= 512 || !state.doc) return;
  const universe = Number($('monitor-universe').value || 0);
  const owner = ownerMap(state.doc, universe)[i];
  $('monitor-hover').textContent = `ch ${i + 1} = ${channel(universe, i + 1) ?? '–'}${owner ? ` · ${owner.id}.${owner.name}` : ''}`;
});

function loop() {
  requestAnimationFrame(loop);
  if (!dirty || !state.doc) return;
  if (fresh) { drawsThisSecond++; state.metrics.liveDraws++; }
  dirty = false; fresh = false;
  const started = performance.now();
  drawStage(state.doc);
  if ($('monitor-toggle').checked) drawMonitor(state.doc);
  const m = state.metrics; m.drawMsTotal = (m.drawMsTotal || 0) + performance.now() - started; m.draws = (m.draws || 0) + 1;
}
requestAnimationFrame(loop);
new ResizeObserver(() => { dirty = true; }).observe(stage);
