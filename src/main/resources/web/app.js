// Beatlight control client: one WebSocket (/ws), the browser's audio as the time authority. Plain ES modules.
import { connect } from './core.js';
import './transport.js';
import './timeline.js';
import './stage.js';
import './fixtures.js';
import './cues.js';
import './patch.js';
import './assistant.js';
import './outputs.js';
import './midi.js';

connect();
