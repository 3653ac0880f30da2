// Fixture cards generated from each fixture's meta channels: sliders (u8), a pan/tilt pad (u16 pan + tilt),
// colour picker and swatches (rgb), button grids (enum), arm toggle, POI buttons. Locked while the show plays.
import { $, state, on, intent, el } from './core.js';
import { liveValues } from './stage.js';

const LOCK_REASON = 'Locked while the show plays — pause or stop to change fixtures.';
let cardsFor = null;

/** Sends the latest value of each key at most once per animation frame (drags produce many input events). */
const pending = new Map();
function set(id, values) {
  const merged = { ...(pending.get(id) || {}), ...values };
  const first = pending.size === 0;
  pending.set(id, merged);
  if (first) {
    requestAnimationFrame(() => {
      for (const [fixture_id, v] of pending) intent('fixture.set_values', { fixture_id, values: v });
      pending.clear();
    });
  }
}

/** Shows values on a card's controls (from the state, or from the live output while the show plays). */
function showValues(card, values) {
  for (const [key, value] of Object.entries(values)) {
    const input = card.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (input && document.activeElement !== input) {
      input.value = typeof value === 'string' && input.type === 'color' ? value.toLowerCase() : value;
    }
    const out = card.querySelector(`[data-out="${CSS.escape(key)}"]`);
    if (out) out.textContent = value;
    card.querySelectorAll(`[data-enum="${CSS.escape(key)}"]`).forEach((b) => b.classList.toggle('active', b.dataset.value === String(value)));
  }
  card.querySelector('.pad')?.show(values.pan, values.tilt);
  if (values.rgb) card.style.setProperty('--colour', values.rgb);
}

// while playing, the state leaves fixture values out of its patches: the cards follow the live output instead
let lastLiveShown = 0;
on('live', () => {
  const doc = state.doc;
  if (doc?.playback?.state !== 'playing' || performance.now() - lastLiveShown < 100) return;
  lastLiveShown = performance.now();
  for (const [id, f] of Object.entries(doc.fixtures)) {
    const card = $('fixtures').querySelector(`[data-fixture="${CSS.escape(id)}"]`);
    const values = card && liveValues(f);
    if (values) showValues(card, values);
  }
});

on('render', (doc) => {
  const box = $('fixtures');
  // cards are rebuilt when the patch changes (a fixture added, removed, renamed or given another template)
  const patchKey = Object.entries(doc.fixtures).map(([id, f]) => `${id}\t${f.name}\t${f.template}`).join('\n');
  if (cardsFor !== doc.fixtures && patchKey !== box.dataset.ids) {
    box.dataset.ids = patchKey;
    box.replaceChildren(...Object.entries(doc.fixtures).map(([id, f]) => buildCard(id, f)));
  }
  cardsFor = doc.fixtures;
  const locked = doc.system.edit_lock;
  for (const [id, f] of Object.entries(doc.fixtures)) {
    const card = box.querySelector(`[data-fixture="${CSS.escape(id)}"]`);
    if (!card) continue;
    card.classList.toggle('locked', locked);
    card.title = locked ? LOCK_REASON : '';
    card.querySelectorAll('input, select, button').forEach((input) => { input.disabled = locked; });
    if (doc.playback.state !== 'playing') showValues(card, f.values || {});
    const arm = card.querySelector('[data-arm]'); if (arm) arm.checked = f.armed;
    const pois = card.querySelector('.pois');
    const poiKey = JSON.stringify(doc.pois || []);
    if (pois && pois.dataset.key !== poiKey) { pois.dataset.key = poiKey; pois.refresh(doc.pois || []); }
  }
});

function buildCard(id, f) {
  const card = el('div', { className: 'fixture', dataset: { fixture: id } }, el('h3', {}, f.name || id, el('small', {}, ` ${f.type || ''}`)));
  const metas = Object.entries(f.meta_channels).filter(([, m]) => !m.hidden);
  const hasPad = metas.some(([k, m]) => k === 'pan' && m.kind === 'u16') && metas.some(([k, m]) => k === 'tilt' && m.kind === 'u16');
  if (hasPad) card.append(panTiltPad(id));
  for (const [key, meta] of metas) {
    if (hasPad && (key === 'pan' || key === 'tilt')) continue;
    const label = el('label', { className: 'control' }, el('span', {}, meta.label || key));
    if (meta.kind === 'rgb') {
      const input = el('input', { type: 'color', dataset: { key }, oninput: () => set(id, { [key]: input.value.toUpperCase() }) });
      const swatches = el('span', { className: 'swatches' }, ...Object.entries(f.mappings[meta.mapping] || {}).map(([name, hex]) => {
        const b = el('button', { type: 'button', title: name, dataset: { swatch: name }, onclick: () => set(id, { [key]: name }) });
        b.style.background = `#${hex.replace('#', '')}`;
        return b;
      }));
      label.append(input, swatches);
    } else if (meta.kind === 'enum') {
      const options = Object.values(f.mappings[meta.mapping] || {});
      label.append(el('span', { className: 'enum-grid' }, ...options.map((option) => el('button', {
        type: 'button', textContent: option, dataset: { enum: key, value: option }, onclick: () => set(id, { [key]: option }),
      }))));
    } else {
      const input = el('input', { type: 'range', min: 0, max: meta.kind === 'u16' ? 65535 : 255, dataset: { key },
        oninput: () => set(id, { [key]: Number(input.value) }) });
      label.append(input, el('output', { dataset: { out: key } }));
    }
    card.append(label);
  }
  if (f.capabilities?.pan_tilt) card.append(poiControls(id));
  const arm = el('input', { type: 'checkbox', checked: f.armed, dataset: { arm: id },
    onchange: () => intent('fixture.set_arm', { fixture_id: id, armed: arm.checked }) });
  card.append(el('label', { className: 'arm', title: 'Armed fixtures get their arm values when a song loads' }, arm, ' Armed'));
  card.append(el('div', { className: 'lock-note' }, LOCK_REASON));
  return card;
}

/** A 2-D pad: x = pan, y = tilt (0 at the top), both 16-bit; drag or tap to move the head. */
function panTiltPad(id) {
  const dot = el('span', { className: 'dot' });
  const readout = el('small', { className: 'pad-readout' });
  const pad = el('div', { className: 'pad', role: 'slider', tabIndex: 0, 'aria-label': 'Pan and tilt', dataset: { pad: id } }, dot);
  let dragging = false;
  pad.show = (pan, tilt) => {
    if (dragging || pan == null || tilt == null) return;
    dot.style.left = `${100 * pan / 65535}%`; dot.style.top = `${100 * tilt / 65535}%`;
    readout.textContent = `pan ${pan} · tilt ${tilt}`;
  };
  const move = (e) => {
    const r = pad.getBoundingClientRect();
    const fx = Math.min(1, Math.max(0, (e.clientX - r.left) / r.width));
    const fy = Math.min(1, Math.max(0, (e.clientY - r.top) / r.height));
    const pan = Math.round(fx * 65535); const tilt = Math.round(fy * 65535);
    dot.style.left = `${fx * 100}%`; dot.style.top = `${fy * 100}%`;
    readout.textContent = `pan ${pan} · tilt ${tilt}`;
    set(id, { pan, tilt });
  };
  pad.addEventListener('pointerdown', (e) => {
    if (state.doc?.system?.edit_lock) return;
    dragging = true; pad.setPointerCapture(e.pointerId); move(e);
  });
  pad.addEventListener('pointermove', (e) => { if (dragging) move(e); });
  pad.addEventListener('pointerup', () => { dragging = false; });
  pad.addEventListener('pointercancel', () => { dragging = false; });
  pad.addEventListener('keydown', (e) => { // fine moves from the keyboard
    const values = state.doc?.fixtures?.[id]?.values; if (!values || state.doc.system.edit_lock) return;
    const step = e.shiftKey ? 4096 : 256;
    const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
    if (!d) return;
    e.preventDefault(); e.stopPropagation();
    set(id, { pan: Math.min(65535, Math.max(0, values.pan + d[0])), tilt: Math.min(65535, Math.max(0, values.tilt + d[1])) });
  });
  return el('div', { className: 'pad-box' }, pad, readout);
}

/** POI buttons for a moving head: go to a stored target, or store the current pan/tilt as a POI's target. */
/** POI targets are 16-bit; an 8-bit axis (a scanner's u8 pan or tilt) is their high byte, rounded ties-to-even. */
function axisScale(id, key) {
  return state.doc.fixtures[id].meta_channels[key]?.kind === 'u8' ? 256 : 1;
}
function roundHalfEven(x) {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
function toAxis(id, key, target) {
  const scale = axisScale(id, key);
  return scale === 1 ? target : Math.min(255, roundHalfEven(target / scale));
}

function poiControls(id) {
  const targets = el('span', { className: 'poi-buttons' });
  const select = el('select', { 'aria-label': 'POI to store' });
  const save = el('button', { type: 'button', textContent: 'Store here', title: 'Save this head\'s pan/tilt as the POI\'s target', dataset: { storePoi: id },
    onclick: () => {
      const values = state.doc.fixtures[id].values;
      intent('poi.update_fixture_target', { poi_id: select.value, fixture_id: id,
        pan: values.pan * axisScale(id, 'pan'), tilt: values.tilt * axisScale(id, 'tilt') });
    } });
  const box = el('div', { className: 'pois' }, targets, select, save);
  box.refresh = (pois) => {
    targets.replaceChildren(...pois.filter((p) => p.fixtures && p.fixtures[id]).map((p) => el('button', {
      type: 'button', textContent: p.name || p.id, dataset: { poi: p.id },
      onclick: () => set(id, { pan: toAxis(id, 'pan', p.fixtures[id].pan), tilt: toAxis(id, 'tilt', p.fixtures[id].tilt) }),
    })));
    const current = select.value;
    select.replaceChildren(...pois.map((p) => new Option(p.name || p.id, p.id)));
    if (current) select.value = current;
  };
  return box;
}
