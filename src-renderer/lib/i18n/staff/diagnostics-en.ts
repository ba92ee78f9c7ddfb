import type ja from './diagnostics-ja.js';

/** Diagnostics (R-DIAG-1) in a terminal's details of the fleet list (English). */
const diagnostics: typeof ja = {
  heading: 'Diagnostics',
  lead: "Asks the terminal for its diagnostics (its log, settings, version, wipe results and offline spells). It sends them after its next heartbeat (within 5 minutes). Visitors' input, IDs and passwords are removed on the terminal and again on the server. Kept 14 days, the latest 3 per terminal.",
  request: 'Get diagnostics',
  requestLabel: (label: string) => `Get diagnostics of ${label}`,
  refresh: 'Show the latest',
  requested: (at: string) => `Requested at ${at}. They arrive after the terminal's next heartbeat.`,
  requestedNotice: (label: string) =>
    `Diagnostics requested from "${label}". They arrive in about 5 minutes; use "Show the latest" to see them.`,
  none: 'No diagnostics from this terminal.',
  bundle: (at: string) => `Received ${at}`,
  collectedAt: 'Made on the terminal',
  version: 'Version',
  size: 'Size',
  bytes: (n: number) => `${n.toLocaleString('en')} bytes`,
  log: (n: number) => `Log (newest first, ${n} lines)`,
  logAt: 'Time',
  logLevel: 'Level',
  logMessage: 'Message',
  levels: { info: 'Info', warn: 'Warning', error: 'Error' },
  policy: 'Settings',
  fromPolicy: '(fixed by policy)',
  wipes: 'Wipe results (newest first)',
  wipeReason: 'Reason',
  wipeSteps: 'Steps',
  wipeLeftovers: 'Left over',
  wipeRestarted: 'Restarted',
  noneLeft: 'None',
  offline: 'Offline spells (newest first)',
  offlineFrom: 'From',
  offlineTo: 'Until',
  stillOffline: 'Ongoing',
  empty: 'None recorded',
};

export default diagnostics;
