// MIDI view: the input (state.midi), the master dimmer and blackout (state.master), the mappings from show/midi.json
// with remove and "Learn" (give a mapping a new note/CC), and learn mode for a new action: pick it, press Learn,
// then touch a pad, key, fader or knob on the controller (docs/midi.md).
import { $, state, on, intent, el } from './core.js';

let rowsKey = null;

/** The action the learn form describes, or null when it is incomplete. */
function formAction() {
  const kind = $('midi-action').value;
  const [type, value] = kind.split(':');
  if (type === 'transport') return { type, command: value };
  if (type === 'section') {
    if (value !== 'index') return { type, to: value };
    const number = Number($('midi-section').value); // 1 = the first section; the action counts from 0
    return Number.isInteger(number) && number >= 1 ? { type, index: number - 1 } : null;
  }
  if (type === 'chaser') return $('midi-chaser').value ? { type, command: value, chaser_id: $('midi-chaser').value } : null;
  if (type === 'blackout') return { type, mode: value };
  return { type: 'master_dimmer' };
}

export function describeAction(a, doc) {
  if (!a) return '';
  switch (a.type) {
    case 'transport': return `Transport ${a.command}`;
    case 'section': {
      if (a.to) return `${a.to === 'next' ? 'Next' : 'Previous'} section`;
      const name = doc?.song?.sections?.[a.index]?.name;
      return `Section ${a.index + 1}${name ? ` (${name})` : ''}`;
    }
    case 'chaser': return `Chaser ${a.chaser_id} ${a.command}`;
    case 'blackout': return `Blackout (${a.mode})`;
    case 'master_dimmer': return 'Master dimmer';
    default: return a.type;
  }
}

export function describeTrigger(t) {
  const range = t.min != null || t.max != null ? ` [${t.min ?? 0}–${t.max ?? 127}]` : '';
  return `${t.type === 'note' ? 'Note' : 'CC'} ${t.number} · ch ${t.channel}${range}`;
}

function describeMessage(m) {
  if (!m) return 'No MIDI message yet.';
  const what = m.type === 'cc' ? `CC ${m.number} = ${m.value}` : `${m.type === 'note_on' ? 'Note on' : 'Note off'} ${m.number} (${m.value})`;
  const result = m.result ? (m.result.ok ? (m.result.learned ? ' → learned' : ' → done') : ` → ${m.result.message || m.result.code}`) : '';
  return `Last: ${what} · ch ${m.channel}${m.mapping_id ? ` · ${m.mapping_id}` : ''}${result}`;
}

function syncForm() {
  const kind = $('midi-action').value;
  $('midi-chaser').hidden = !kind.startsWith('chaser:');
  $('midi-section').hidden = kind !== 'section:index';
}

$('midi-action').onchange = syncForm;
$('midi-learn').onclick = () => {
  const action = formAction();
  if (action) intent('midi.learn', { action });
};
$('midi-cancel-learn').onclick = () => intent('midi.cancel_learn');
$('midi-reconnect').onclick = () => intent('midi.reconnect');
$('master-dimmer').oninput = () => intent('master.set', { dimmer_pct: Number($('master-dimmer').value) }, { quiet: true });
$('master-blackout').onclick = () => intent('master.set', { blackout: !state.doc?.master?.blackout });

function render(doc) {
  const midi = doc.midi;
  if (!midi) return;
  const input = midi.input == null ? 'No MIDI input configured (start with --midi-input NAME).'
    : midi.connected ? `Input: ${midi.device}` : `Input “${midi.input}” not connected: ${midi.input_problem || 'not found'}`;
  $('midi-input-info').textContent = input;
  $('midi-input-info').className = midi.input != null && !midi.connected ? 'bad' : '';
  $('midi-reconnect').hidden = midi.input == null;
  $('midi-status').textContent = midi.learning ? 'learning…' : midi.connected ? '●' : '';
  $('midi-file').textContent = (midi.file_problems || []).join(' · ');
  $('midi-learn').disabled = !midi.file_writable;
  $('midi-learning').textContent = midi.learning
    ? `Learning “${describeAction(midi.learning, doc)}”: touch a pad, key, fader or knob on the controller…` : '';
  $('midi-cancel-learn').hidden = !midi.learning;
  $('midi-last').textContent = describeMessage(midi.last_message);

  const chasers = (doc.chasers || []).map((c) => c.id);
  if ($('midi-chaser').dataset.key !== chasers.join('|')) {
    $('midi-chaser').dataset.key = chasers.join('|');
    $('midi-chaser').replaceChildren(...chasers.map((id) => el('option', { value: id }, id)));
  }
  const master = doc.master || {};
  if (document.activeElement !== $('master-dimmer')) $('master-dimmer').value = String(master.dimmer_pct ?? 100);
  $('master-dimmer-value').textContent = `${Math.round(master.dimmer_pct ?? 100)} %`;
  $('master-blackout').textContent = master.blackout ? 'Blackout ON' : 'Blackout';
  $('master-blackout').className = master.blackout ? 'bad' : '';

  const key = JSON.stringify([midi.mappings, midi.learning, midi.file_writable, doc.song?.sections?.length]);
  if (key === rowsKey) return;
  rowsKey = key;
  $('midi-rows').replaceChildren(...(midi.mappings.length ? midi.mappings.map((m) => el('tr', { dataset: { mappingId: m.id } },
    el('td', {}, describeTrigger(m.trigger)), el('td', {}, describeAction(m.action, doc)), el('td', {},
      el('button', { type: 'button', title: 'Bind this action to the next note or CC', disabled: !midi.file_writable,
        dataset: { learn: m.id }, onclick: () => intent('midi.learn', { action: m.action, replace_id: m.id }) }, 'Learn'),
      el('button', { type: 'button', title: 'Remove this mapping', disabled: !midi.file_writable,
        dataset: { remove: m.id }, onclick: () => intent('midi.mapping.delete', { id: m.id }) }, 'Remove'))))
    : [el('tr', {}, el('td', { colSpan: 3 }, 'No mappings yet: pick an action above and press Learn.'))]));
}

syncForm();
on('render', render);
