// Assistant panel: chat with streamed replies (llm_* events of protocol §9), action proposals to accept or
// reject, and a log of the server's other events.
import { $, state, on, intent, nextReqId, el } from './core.js';

const turns = new Map(); // request_id -> {bubble, text, status}
let active = null;

function bubble(kind, text) {
  const node = el('div', { className: `bubble ${kind}` }, el('div', { className: 'text' }, text));
  $('chat-log').append(node);
  $('chat-log').scrollTop = $('chat-log').scrollHeight;
  return node;
}

$('chat-form').onsubmit = async (e) => {
  e.preventDefault();
  const prompt = $('chat-input').value.trim();
  if (!prompt) return;
  $('chat-input').value = '';
  bubble('user', prompt);
  const requestId = nextReqId();
  const reply = bubble('assistant', '');
  const status = el('small', { className: 'status-line' }, 'sending…');
  reply.append(status);
  turns.set(requestId, { bubble: reply, text: reply.querySelector('.text'), status });
  active = requestId; $('chat-cancel').disabled = false;
  const result = await intent('llm.send_prompt', { prompt }, { quiet: true });
  if (!result.ok) {
    finish(requestId, result.error?.code === 'unknown_intent'
      ? 'The assistant is not available on this server yet.'
      : `The assistant could not take the request: ${result.error?.message || result.error?.code}`, true);
  }
};
$('chat-input').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); $('chat-form').requestSubmit(); }
});
$('chat-cancel').onclick = () => intent('llm.cancel', active ? { request_id: active } : {}, { quiet: true });
$('chat-clear').onclick = () => { intent('llm.clear_conversation', {}, { quiet: true }); $('chat-log').replaceChildren(); turns.clear(); };

function finish(requestId, message, error) {
  const turn = turns.get(requestId); if (!turn) return;
  if (message) { turn.bubble.classList.toggle('error', !!error); turn.text.textContent += (turn.text.textContent ? '\n' : '') + message; }
  turn.status.textContent = '';
  if (active === requestId) { active = null; $('chat-cancel').disabled = true; }
}

function proposal(turn, d) {
  const rows = d.arguments?.entries || [];
  const table = rows.length ? el('table', { className: 'proposal-rows' },
    ...rows.slice(0, 50).map((r) => el('tr', {}, el('td', {}, Number(r.time).toFixed(2)), el('td', {}, r.fixture_id || r.chaser_id || ''),
      el('td', {}, r.effect || ''), el('td', {}, r.duration == null ? '' : String(r.duration))))) : null;
  const more = rows.length > 50 ? el('small', {}, `… and ${rows.length - 50} more`) : null;
  const decide = (name) => () => {
    card.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    intent(name, { request_id: d.request_id, action_id: d.action_id });
  };
  const card = el('div', { className: 'proposal', dataset: { action: d.action_id } },
    el('strong', {}, d.title || d.tool_name), el('div', {}, d.summary || ''), table, more,
    el('div', { className: 'row' },
      el('button', { type: 'button', textContent: 'Accept', className: 'accept', onclick: decide('llm.confirm_action') }),
      el('button', { type: 'button', textContent: 'Reject', className: 'reject', onclick: decide('llm.reject_action') })));
  turn.bubble.append(card);
  $('assistant-badge').textContent = '●';
}

on('event', (msg) => {
  const d = msg.data || {};
  if (d.domain === 'llm') {
    const turn = turns.get(d.request_id) || [...turns.values()].pop();
    if (!turn) return;
    switch (msg.message) {
      case 'llm_status': turn.status.textContent = d.label || d.phase || ''; break;
      case 'llm_delta': turn.text.textContent += d.delta ?? d.chunk ?? ''; break;
      case 'llm_stream': turn.text.textContent += d.chunk ?? ''; if (d.done) finish(d.request_id); break;
      case 'llm_done': finish(d.request_id); break;
      case 'llm_cancelled': finish(d.request_id, '(stopped)'); break;
      case 'llm_error': finish(d.request_id, d.detail || d.message || d.code, true); break;
      case 'llm_action_proposed': proposal(turn, d); break;
      case 'llm_action_applied': mark(d.action_id, 'applied'); break;
      case 'llm_action_rejected': mark(d.action_id, 'rejected'); break;
      default: break;
    }
    $('chat-log').scrollTop = $('chat-log').scrollHeight;
    return;
  }
  const line = el('div', { className: `event ${msg.level}` },
    el('time', {}, new Date().toLocaleTimeString()), ` ${msg.level} ${msg.message}`,
    msg.data ? el('code', {}, ` ${JSON.stringify(msg.data).slice(0, 200)}`) : null);
  $('event-log').prepend(line);
  while ($('event-log').childElementCount > 100) $('event-log').lastChild.remove();
});

function mark(actionId, outcome) {
  const card = document.querySelector(`.proposal[data-action="${CSS.escape(actionId)}"]`);
  if (card) { card.classList.add(outcome); card.querySelectorAll('button').forEach((b) => { b.disabled = true; }); }
  if (!document.querySelector('.proposal:not(.applied):not(.rejected)')) $('assistant-badge').textContent = '';
}
on('closed', () => { if (active) finish(active, '(the connection to the server was lost)', true); });
