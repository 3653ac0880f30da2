// The timeline: ruler, sections, waveform with beats and downbeats, one lane of cues per fixture, the playhead.
// Static content is drawn into an offscreen layer only when it changes; each animation frame just blits it and
// draws the playhead.
import { $, state, on, intent, fmt, snapToBeat, round3, token } from './core.js';
import { now, seek, audio } from './transport.js';

const canvas = $('timeline');
const ctx = canvas.getContext('2d');
const layer = document.createElement('canvas');
const RULER = 16; const SECTIONS = 18; const WAVE = 64; const TOP = RULER + SECTIONS + WAVE;
const coarse = matchMedia('(pointer: coarse)').matches;
const LANE = coarse ? 20 : 15;
const LABEL_W = 84;

const view = { start: 0, span: 0 };
state.timeline = { get peaksSource() { return peaks?.source || null; } }; // for tests
let peaks = null; let peaksFor = null; let layerKey = '';
let drag = null; // {kind: 'scrub'|'move'|'pan'|'place', ...}
export const selection = { index: -1, key: null };

export function laneIds(doc) {
  const ids = Object.keys(doc.fixtures || {});
  if ((doc.cues || []).some((c) => c.chaser_id)) ids.push('⟳ chasers');
  return ids;
}

function length(doc) { return doc.song?.length_s || 1; }
function pxPerSec() { return (canvas.clientWidth - LABEL_W) / Math.max(0.001, view.span); }
function xOf(t) { return LABEL_W + (t - view.start) * pxPerSec(); }
function tOf(x) { return view.start + (x - LABEL_W) / pxPerSec(); }

function clampView(doc) {
  const len = length(doc);
  view.span = Math.max(0.5, Math.min(len, view.span || len));
  view.start = Math.max(0, Math.min(len - view.span, view.start));
}

export function zoom(factor, aroundT) {
  const doc = state.doc; if (!doc) return;
  const t = aroundT ?? (view.start + view.span / 2);
  const ratio = (t - view.start) / view.span;
  view.span *= factor; clampView(doc);
  view.start = t - ratio * view.span; clampView(doc);
  layerKey = '';
}
$('zoom-in').onclick = () => zoom(0.5, now());
$('zoom-out').onclick = () => zoom(2, now());
$('zoom-fit').onclick = () => { view.start = 0; view.span = length(state.doc); layerKey = ''; };

// ---- waveform ------------------------------------------------------------------------------------------------

/** The server's overview of the song (no audio download), else the browser decodes the audio itself. */
async function loadPeaks(url, songId) {
  peaksFor = url; peaks = null; layerKey = '';
  const auth = token ? `?token=${encodeURIComponent(token)}` : '';
  try {
    const response = await fetch(`/peaks/${encodeURIComponent(songId)}${auth}`);
    if (response.ok) {
      const body = await response.json();
      const bytes = (b64) => Int8Array.from(atob(b64), (c) => (c.charCodeAt(0) << 24) >> 24);
      const min = Float32Array.from(bytes(body.min), (v) => v / 127);
      const max = Float32Array.from(bytes(body.max), (v) => v / 127);
      if (peaksFor === url) { peaks = { min, max, perSecond: body.per_second, source: 'server' }; layerKey = ''; }
      return;
    }
  } catch { /* fall back to decoding below */ }
  try {
    const response = await fetch(url + (token ? `?token=${encodeURIComponent(token)}` : ''));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const decoded = await new OfflineAudioContext(1, 1, 44100).decodeAudioData(await response.arrayBuffer());
    if (peaksFor !== url) return;
    const bucket = 256; const n = Math.ceil(decoded.length / bucket);
    const min = new Float32Array(n); const max = new Float32Array(n);
    const channels = [...Array(decoded.numberOfChannels).keys()].map((c) => decoded.getChannelData(c));
    for (let i = 0; i < n; i++) {
      let lo = 0; let hi = 0;
      const end = Math.min(decoded.length, (i + 1) * bucket);
      for (const data of channels) for (let j = i * bucket; j < end; j++) { const v = data[j]; if (v < lo) lo = v; else if (v > hi) hi = v; }
      min[i] = lo; max[i] = hi;
    }
    peaks = { min, max, perSecond: decoded.sampleRate / bucket, source: 'browser' };
  } catch (e) {
    peaks = { error: `waveform unavailable (${e.message})` };
  }
  layerKey = '';
}

// ---- drawing -------------------------------------------------------------------------------------------------

function colourOf(row) {
  const d = row.data || {};
  const c = d.color ?? d.colour ?? d.rgb ?? d.start_color;
  if (typeof c === 'string') return /^#?[0-9a-f]{6}$/i.test(c) ? `#${c.replace('#', '')}` : c;
  if (d.red != null || d.green != null || d.blue != null) return `rgb(${d.red || 0},${d.green || 0},${d.blue || 0})`;
  let h = 0; for (const ch of row.effect || row.chaser_id || '') h = (h * 31 + ch.charCodeAt(0)) % 360;
  return `hsl(${h} 55% 55%)`;
}

function drawLayer(doc, width, height) {
  const ratio = devicePixelRatio || 1;
  layer.width = width * ratio; layer.height = height * ratio;
  const g = layer.getContext('2d');
  g.scale(ratio, ratio);
  g.fillStyle = '#151515'; g.fillRect(0, 0, width, height);
  g.font = '11px system-ui, sans-serif'; g.textBaseline = 'middle';
  const song = doc.song;
  if (!song) { g.fillStyle = '#888'; g.fillText('No song loaded — pick one above.', LABEL_W + 8, TOP / 2); return; }
  const px = pxPerSec(); const t0 = view.start; const t1 = view.start + view.span;

  // sections
  const palette = ['#3b5b92', '#7a3b92', '#92623b', '#3b9262', '#925b3b', '#5b923b'];
  const names = [...new Set((song.sections || []).map((s) => s.name.replace(/\s*\d+$/, '')))];
  for (const s of song.sections || []) {
    if (s.end_s < t0 || s.start_s > t1) continue;
    const x0 = Math.max(LABEL_W, xOf(s.start_s)); const x1 = Math.min(width, xOf(s.end_s));
    g.fillStyle = palette[names.indexOf(s.name.replace(/\s*\d+$/, '')) % palette.length];
    g.fillRect(x0, RULER, x1 - x0 - 1, SECTIONS);
    g.save(); g.beginPath(); g.rect(x0, RULER, x1 - x0 - 2, SECTIONS); g.clip();
    g.fillStyle = '#fff'; g.fillText(s.name, x0 + 4, RULER + SECTIONS / 2); g.restore();
  }
  // beats and downbeats over the waveform and lanes
  const beatList = song.beats || []; const downs = new Set((song.downbeats || []).map((b) => b.toFixed(3)));
  const spacing = beatList.length > 1 ? (beatList[beatList.length - 1] - beatList[0]) / (beatList.length - 1) * px : 0;
  for (const b of beatList) {
    if (b < t0 || b > t1) continue;
    const down = downs.has(b.toFixed(3));
    if (!down && spacing < 5) continue;
    g.fillStyle = down ? 'rgba(255,255,255,0.28)' : 'rgba(255,255,255,0.09)';
    g.fillRect(Math.round(xOf(b)), RULER + SECTIONS, 1, height - RULER - SECTIONS);
  }
  // waveform
  const mid = RULER + SECTIONS + WAVE / 2;
  if (peaks?.min) {
    g.fillStyle = '#4fa3d9';
    for (let x = LABEL_W; x < width; x++) {
      const a = Math.floor(tOf(x) * peaks.perSecond); const b = Math.max(a + 1, Math.floor(tOf(x + 1) * peaks.perSecond));
      let lo = 0; let hi = 0;
      for (let i = Math.max(0, a); i < Math.min(peaks.min.length, b); i++) { if (peaks.min[i] < lo) lo = peaks.min[i]; if (peaks.max[i] > hi) hi = peaks.max[i]; }
      g.fillRect(x, mid - hi * WAVE / 2, 1, Math.max(1, (hi - lo) * WAVE / 2));
    }
  } else {
    g.fillStyle = '#666'; g.fillText(peaks?.error || 'loading waveform…', LABEL_W + 8, mid);
  }
  // ruler
  g.fillStyle = '#222'; g.fillRect(0, 0, width, RULER);
  const step = [0.5, 1, 2, 5, 10, 15, 30, 60, 120].find((s) => s * px >= 60) || 300;
  g.fillStyle = '#aaa';
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
    const x = xOf(t); g.fillRect(x, RULER - 5, 1, 5); g.fillText(fmt(t).replace(/\.0$/, ''), x + 3, RULER / 2);
  }
  // lanes
  const lanes = laneIds(doc);
  lanes.forEach((id, i) => {
    const y = TOP + i * LANE;
    g.fillStyle = i % 2 ? 'rgba(255,255,255,0.03)' : 'rgba(255,255,255,0.06)';
    g.fillRect(LABEL_W, y, width - LABEL_W, LANE);
  });
  (doc.cues || []).forEach((row, index) => {
    const lane = lanes.indexOf(row.fixture_id ?? '⟳ chasers');
    if (lane < 0) return;
    const end = row.time + (row.duration || 0);
    if (end < t0 || row.time > t1) return;
    const x = xOf(row.time); const w = Math.max(3, (row.duration || 0) * px);
    const y = TOP + lane * LANE + 2;
    g.fillStyle = colourOf(row); g.fillRect(x, y, w, LANE - 4);
    if (index === selection.index) { g.strokeStyle = '#fff'; g.lineWidth = 2; g.strokeRect(x - 1, y - 1, w + 2, LANE - 2); }
    if (w > 40) {
      g.save(); g.beginPath(); g.rect(x, y, w, LANE - 4); g.clip();
      g.fillStyle = '#000'; g.fillText(row.effect || row.chaser_id, x + 3, y + (LANE - 4) / 2); g.restore();
    }
  });
  // labels column
  g.fillStyle = '#1c1c1c'; g.fillRect(0, RULER, LABEL_W, height - RULER);
  g.fillStyle = '#bbb'; g.fillText('sections', 4, RULER + SECTIONS / 2); g.fillText('waveform', 4, mid);
  lanes.forEach((id, i) => {
    g.fillStyle = '#ddd'; g.fillText(doc.fixtures[id]?.name || id, 4, TOP + i * LANE + LANE / 2, LABEL_W - 8);
  });
}

function frame() {
  requestAnimationFrame(frame);
  const doc = state.doc; if (!doc) return;
  const width = canvas.clientWidth; const height = TOP + laneIds(doc).length * LANE + 4;
  const ratio = devicePixelRatio || 1;
  if (canvas.height !== Math.round(height * ratio) || canvas.width !== Math.round(width * ratio)) {
    canvas.style.height = `${height}px`; canvas.width = width * ratio; canvas.height = height * ratio; layerKey = '';
  }
  if (!view.span) { view.span = length(doc); }
  clampView(doc);
  const t = drag?.kind === 'scrub' ? drag.t : now();
  if ($('follow').checked && !audio.paused && (t > view.start + view.span * 0.9 || t < view.start)) {
    view.start = t - view.span * 0.1; clampView(doc);
  }
  const key = [width, height, view.start, view.span, doc.song?.filename, doc.song?.length_s, doc.cues?.length,
    cuesVersion, peaks ? 1 : 0, selection.index, doc.song?.sections?.length, doc.song?.beats?.length].join('|');
  if (key !== layerKey) { layerKey = key; drawLayer(doc, width, height); }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(layer, 0, 0);
  ctx.scale(ratio, ratio);
  if (drag?.kind === 'move' && drag.moved) {
    ctx.strokeStyle = '#ff0'; ctx.setLineDash([4, 3]);
    ctx.strokeRect(xOf(drag.time), drag.y, Math.max(3, (drag.row.duration || 0) * pxPerSec()), LANE - 4);
    ctx.setLineDash([]);
  }
  const x = xOf(t);
  if (x >= LABEL_W && x <= width) { ctx.fillStyle = '#ff4040'; ctx.fillRect(Math.round(x) - 1, 0, 2, height); }
}
requestAnimationFrame(frame);

let cuesVersion = 0; let lastCues = null;
on('render', (doc) => {
  if (doc.cues !== lastCues) { lastCues = doc.cues; cuesVersion++; }
  const url = doc.song?.audio_url;
  if (url && url !== peaksFor) { view.start = 0; view.span = length(doc); loadPeaks(url, doc.song.filename); }
  if (selection.key) { // keep the selection on the same row after the list re-sorted
    const cues = doc.cues || [];
    if (JSON.stringify(cues[selection.index]) !== selection.key) {
      selection.index = cues.findIndex((c) => JSON.stringify(c) === selection.key);
      if (selection.index < 0) selection.key = null;
    }
  }
});

export function select(index) {
  const row = state.doc?.cues?.[index];
  selection.index = row ? index : -1; selection.key = row ? JSON.stringify(row) : null; layerKey = '';
  document.dispatchEvent(new CustomEvent('cue-select', { detail: { index: selection.index, row } }));
}

// ---- pointer interaction ---------------------------------------------------------------------------------------

function hit(doc, x, y) {
  const lanes = laneIds(doc); const lane = Math.floor((y - TOP) / LANE);
  if (y < TOP || lane >= lanes.length) return { lane: -1 };
  const cues = doc.cues || [];
  for (let i = cues.length - 1; i >= 0; i--) {
    const row = cues[i];
    if (lanes.indexOf(row.fixture_id ?? '⟳ chasers') !== lane) continue;
    const x0 = xOf(row.time); const x1 = x0 + Math.max(3, (row.duration || 0) * pxPerSec());
    if (x >= x0 - 2 && x <= x1 + 2) return { lane, index: i, row };
  }
  return { lane, id: lanes[lane] };
}

function snapped(t) { return round3(Math.max(0, $('snap').checked ? snapToBeat(state.doc, t) : t)); }

canvas.addEventListener('pointerdown', (e) => {
  const doc = state.doc; if (!doc?.song) return;
  const r = canvas.getBoundingClientRect(); const x = e.clientX - r.left; const y = e.clientY - r.top;
  if (x < LABEL_W) return;
  canvas.setPointerCapture(e.pointerId);
  if (y < TOP) { drag = { kind: 'scrub', t: tOf(x) }; return; }
  const h = hit(doc, x, y);
  if (h.row) {
    select(h.index);
    drag = { kind: 'move', index: h.index, row: h.row, x0: x, time: h.row.time, y: TOP + h.lane * LANE + 2 };
  } else if (h.lane >= 0) {
    drag = { kind: 'place', x0: x, start0: view.start, id: h.id, t: tOf(x) };
  }
});
canvas.addEventListener('pointermove', (e) => {
  if (!drag) return;
  const r = canvas.getBoundingClientRect(); const x = e.clientX - r.left;
  if (drag.kind === 'scrub') drag.t = Math.max(0, tOf(x));
  else if (drag.kind === 'move') {
    if (Math.abs(x - drag.x0) > 3) drag.moved = true;
    drag.time = snapped(drag.row.time + (x - drag.x0) / pxPerSec());
  } else if (Math.abs(x - drag.x0) > 5) { // dragging an empty lane pans the view
    drag.kind = 'pan'; view.start = drag.start0 - (x - drag.x0) / pxPerSec(); clampView(state.doc); layerKey = '';
  }
});
canvas.addEventListener('pointerup', () => {
  const d = drag; drag = null;
  if (!d) return;
  if (d.kind === 'scrub') seek(d.t);
  else if (d.kind === 'move' && d.moved && d.time !== d.row.time) {
    const expect = { time: d.row.time, effect: d.row.effect };
    if (d.row.chaser_id) expect.chaser_id = d.row.chaser_id; else expect.fixture_id = d.row.fixture_id;
    intent('cue.update', { index: d.index, patch: { time: d.time }, expect });
  } else if (d.kind === 'place' && d.id && !d.id.startsWith('⟳')) {
    select(-1);
    document.dispatchEvent(new CustomEvent('cue-place', { detail: { fixture_id: d.id, time: snapped(d.t) } }));
  }
});
canvas.addEventListener('pointercancel', () => { drag = null; });
canvas.addEventListener('wheel', (e) => {
  if (!state.doc?.song) return;
  e.preventDefault();
  const r = canvas.getBoundingClientRect();
  if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
    view.start += (e.deltaX || e.deltaY) / pxPerSec(); clampView(state.doc); layerKey = '';
  } else {
    zoom(e.deltaY > 0 ? 1.25 : 0.8, tOf(e.clientX - r.left));
  }
}, { passive: false });
canvas.addEventListener('keydown', (e) => {
  if ((e.key === 'Delete' || e.key === 'Backspace') && selection.index >= 0) {
    const row = state.doc.cues[selection.index];
    intent('cue.delete', { index: selection.index, expect: { time: row.time, fixture_id: row.fixture_id, chaser_id: row.chaser_id } });
    select(-1);
  }
});
