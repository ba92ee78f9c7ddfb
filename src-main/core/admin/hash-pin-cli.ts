// `npm run kiosk:hash-pin -- <PIN>`: prints the adminPinHash for the policy file (docs/kiosk.md).
import { hashAdminPin } from './admin-pin.js';

const pin = process.argv[2];
if (!pin || !/^\d{6,12}$/.test(pin)) {
  console.error('usage: npm run kiosk:hash-pin -- <PIN of 6 to 12 digits>');
  process.exit(2);
}
console.log(hashAdminPin(pin));
