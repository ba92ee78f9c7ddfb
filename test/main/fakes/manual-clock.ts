export { ManualClock } from '../../../src-main/core/manual-clock.js';
