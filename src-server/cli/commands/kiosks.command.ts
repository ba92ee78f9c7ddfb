import { listFleet, type FleetEntry } from '../../kiosk/fleet.service.js';
import { withDatabase, type CliCommand } from '../command.js';

const when = (d: Date | null) => (d ? d.toISOString() : '-');

/** Issue 5, fleet view: terminals by office with label, app version, last heartbeat and state. */
export const kiosksCommand: CliCommand = {
  name: 'kiosks',
  usage: '[--json]',
  summary: 'lists the terminals by office: label, version, last heartbeat, state (duplicate-machine-id, revoked, …)',
  options: { json: { type: 'boolean' } },
  async run(values, io) {
    const fleet = await withDatabase(io.env, (db) => listFleet(db));
    if (values.json) {
      io.out(JSON.stringify(fleet, null, 2));
      return;
    }
    if (!fleet.length) {
      io.out('no terminals enrolled (issue a code with: mypage enroll-code --office NAME --label TEXT)');
      return;
    }
    const byOffice = new Map<string, FleetEntry[]>();
    for (const t of fleet) byOffice.set(t.office, [...(byOffice.get(t.office) ?? []), t]);
    for (const [office, terminals] of byOffice) {
      io.out(office);
      io.out(`  ${['terminal', 'label', 'version', 'last heartbeat', 'last painted', 'state'].join('\t')}`);
      for (const t of terminals)
        io.out(
          `  ${[t.terminalId, t.label, t.version ?? '-', when(t.lastHeartbeat), when(t.lastPainted), t.state].join('\t')}`,
        );
    }
    const dup = fleet.filter((t) => t.state === 'duplicate-machine-id').length;
    if (dup)
      io.out(
        `warning: ${dup} terminals share a machine ID (a disk image cloned before sysprep?): revoke, re-image, enroll after imaging`,
      );
  },
};
