// Transport: the browser's audio element is the time authority; the server follows it (transport.jump_to_time).
// While the server chases external timecode (playback.clock.source is not "browser") the page stops driving the
// transport: the buttons are off, no syncs are sent, and the audio follows the server's song time (or is silent).
import { $, state, on, intent, note, fmt, beats, token } from './core.js';

export const audio = $('audio');
let syncTimer = null;

/** The show time this page shows: the audio clock while it plays, else the server's playback time. */
export function now() {
  if (chasing()) return serverTime();
  if (!audio.paused) return audio.currentTime;
  return (state.doc?.playback?.time_ms ?? 0) / 1000;
}

let docAt = performance.now();
/** Whether external timecode drives the transport. */
export function chasing() { return (state.doc?.playback?.clock?.source ?? 'browser') !== 'browser'; }
/** The server's song time, extrapolated from the last state while it plays. */
function serverTime() {
  const p = state.doc?.playback; if (!p) return 0;
  const t = p.time_ms / 1000;
  return p.state === 'playing' ? Math.min(t + (performance.now() - docAt) / 1000, state.doc.song?.length_s ?? t) : t;
}
function refuseWhileChasing() {
  if (!chasing()) return false;
  note('info', `The transport follows ${state.doc.playback.clock.source} timecode.`);
  return true;
}
/** While chasing, the audio plays the server's song time (re-seeked only when it is 150 ms off), or is silent. */
function followClock() {
  if (!chasing()) return;
  clearInterval(syncTimer);
  const playing = state.doc.playback.state === 'playing' && $('clock-audio').checked;
  if (!playing) { if (!audio.paused) audio.pause(); return; }
  const t = serverTime();
  if (Math.abs(audio.currentTime - t) > 0.15) audio.currentTime = t;
  if (audio.paused) audio.play().catch(() => {});
}

function syncTime(sync) { return intent('transport.jump_to_time', { time_ms: Math.round(audio.currentTime * 1000), sync }, { quiet: sync }); }

export async function play() {
  if (refuseWhileChasing()) return;
  if (!state.doc?.song) { note('warning', 'Load a song first.'); return; }
  audio.currentTime = now();
  await syncTime(false);
  const reply = await intent('transport.play');
  if (!reply.ok) return;
  try { await audio.play(); } catch { note('warning', 'The browser blocked audio playback; press play again.'); }
  clearInterval(syncTimer);
  syncTimer = setInterval(() => { if (!audio.paused) syncTime(true); }, 250);
}
export function pause() {
  if (refuseWhileChasing()) return;
  audio.pause(); clearInterval(syncTimer);
  intent('transport.pause').then(() => syncTime(false));
}
export function stop() {
  if (refuseWhileChasing()) return;
  audio.pause(); audio.currentTime = 0; clearInterval(syncTimer); intent('transport.stop'); }

/** Moves the playhead (audio and server). */
export function seek(t) {
  if (refuseWhileChasing()) return;
  const length = state.doc?.song?.length_s || 0;
  audio.currentTime = Math.max(0, Math.min(length || t, t));
  syncTime(false);
  if (audio.paused && state.doc) state.doc.playback.time_ms = Math.round(audio.currentTime * 1000);
}

$('play').onclick = play;
$('pause').onclick = pause;
$('stop').onclick = stop;
audio.onended = () => { clearInterval(syncTimer); if (!chasing()) intent('transport.pause'); };
$('clock-audio').onchange = followClock;
$('songs').onchange = () => { stop(); intent('song.load', { filename: $('songs').value }); };
$('undo').onclick = () => intent('cue.undo');
$('redo').onclick = () => intent('cue.redo');

/** The next (dir 1) or previous (dir -1) beat or downbeat from t. */
function stepBeat(t, dir, bar) {
  const doc = state.doc;
  const list = bar && doc.song?.downbeats?.length ? doc.song.downbeats : beats(doc);
  if (!list.length) return t + dir * (bar ? doc.song?.beats_per_bar || 4 : 1) * 60 / (doc.song?.bpm || 120);
  const eps = 0.02;
  if (dir > 0) return list.find((b) => b > t + eps) ?? t;
  for (let i = list.length - 1; i >= 0; i--) if (list[i] < t - eps) return list[i];
  return 0;
}

document.addEventListener('keydown', (e) => {
  const tag = e.target.tagName;
  if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') { e.preventDefault(); intent(e.shiftKey ? 'cue.redo' : 'cue.undo'); return; }
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'y') { e.preventDefault(); intent('cue.redo'); return; }
  if (e.code === 'Space') { e.preventDefault(); (audio.paused ? play : pause)(); }
  if (e.code === 'ArrowRight' || e.code === 'ArrowLeft') {
    e.preventDefault();
    seek(stepBeat(now(), e.code === 'ArrowRight' ? 1 : -1, e.shiftKey));
  }
});

/** "bar.beat" of time t from the downbeats (1-based), or from the bpm. */
function position(doc, t) {
  const downs = doc.song?.downbeats || [];
  const list = beats(doc);
  if (!downs.length || !list.length) return '';
  let bar = 0;
  while (bar + 1 < downs.length && downs[bar + 1] <= t + 1e-6) bar++;
  if (t < downs[0]) return '';
  const beat = list.filter((b) => b >= downs[bar] - 1e-6 && b <= t + 1e-6).length;
  return `${bar + 1}.${Math.max(1, beat)}`;
}

function sectionAt(doc, t) {
  return (doc.song?.sections || []).find((s) => t >= s.start_s && t < s.end_s)?.name || '';
}

function showClock() {
  const doc = state.doc; if (!doc) return;
  const t = now();
  $('time').textContent = fmt(t);
  $('position').textContent = position(doc, t);
  $('section').textContent = audio.paused ? (doc.playback.section_name || sectionAt(doc, t)) : sectionAt(doc, t);
}

const CLOCK_NAMES = { browser: 'Page clock', artnet: 'Art-Net TC', mtc: 'MIDI TC', ltc: 'LTC' };
$('clock-source').onchange = async () => {
  const reply = await intent('transport.set_clock', { source: $('clock-source').value });
  if (!reply.ok) showClockSource(state.doc);
};

function showClockSource(doc) {
  const clock = doc.playback.clock;
  const select = $('clock-source');
  const kinds = clock ? [...new Set([...(clock.available || []), clock.source])] : ['browser'];
  select.hidden = kinds.length < 2;
  if (select.dataset.kinds !== kinds.join()) {
    select.dataset.kinds = kinds.join();
    select.replaceChildren(...kinds.map((k) => new Option(CLOCK_NAMES[k] || k, k)));
  }
  if (clock) select.value = clock.source;
  const external = clock && clock.source !== 'browser';
  $('clock').textContent = !external ? '' : `${clock.source.toUpperCase()} ${clock.locked ? (clock.freewheeling ? '◐' : '●') : '○'} `
    + (clock.last_tc ? `${clock.last_tc} @${clock.fps}` : 'no code');
  $('clock').title = !external ? '' : `${clock.description}: ${clock.locked ? (clock.freewheeling ? 'freewheeling' : 'locked') : 'not locked'}`
    + (clock.drift_ms == null ? '' : `, drift ${clock.drift_ms} ms`) + `, song starts at ${clock.offset}`;
  $('clock').classList.toggle('locked', !!clock?.locked);
  $('clock-audio-label').hidden = !external;
  for (const id of ['play', 'pause', 'stop']) $(id).disabled = external;
}

on('render', (doc) => {
  docAt = performance.now();
  showClockSource(doc);
  followClock();
  const song = doc.song;
  $('song-title').textContent = song ? song.filename : 'no song loaded';
  $('song-title').title = song ? `${fmt(song.length_s)}` : '';
  if (song?.audio_url) {
    const src = song.audio_url + (token ? `?token=${encodeURIComponent(token)}` : '');
    if (audio.dataset.src !== src) { audio.dataset.src = src; audio.src = src; }
  }
  const metre = song?.beats_per_bar ? ` · ${song.beats_per_bar} beats/bar` : '';
  $('bpm').textContent = doc.playback.bpm ? `${Math.round(doc.playback.bpm)} BPM${metre}` : '';
  const locked = doc.system.edit_lock;
  $('lock-reason').hidden = !locked;
  document.body.classList.toggle('playing', doc.playback.state === 'playing');
  const history = doc.cue_history || { undo: 0, redo: 0 };
  $('undo').disabled = !history.undo; $('redo').disabled = !history.redo;
  $('undo').title = history.undo ? `Undo ${history.undo_label} (Ctrl+Z)` : 'Nothing to undo';
  $('redo').title = history.redo ? `Redo ${history.redo_label} (Ctrl+Shift+Z)` : 'Nothing to redo';
  const ids = (doc.songs || []).map((s) => s.id);
  const select = $('songs');
  if (select.dataset.ids !== ids.join('\n')) {
    select.dataset.ids = ids.join('\n');
    select.replaceChildren(...(doc.songs || []).map((s) => new Option(s.title && s.title !== s.id ? `${s.id} — ${s.title}` : s.id, s.id)));
  }
  if (song) select.value = song.filename;
  showClock();
});
on('snapshot', () => { if (!chasing() && state.doc?.playback?.state !== 'playing' && !audio.paused) { audio.pause(); clearInterval(syncTimer); } });
setInterval(showClock, 100);
