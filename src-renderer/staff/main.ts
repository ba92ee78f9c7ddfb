/**
 * The staff console's entry (staff.html), served by the service's staff listener at `/`. Its own
 * bundle: the employer's login page (index.html) loads none of it (test/build/renderer-chunks.test.ts).
 */
import { mount } from 'svelte';
import '../styles/base.css';
import './staff.css';
import './kiosk-fleet.css';
import StaffApp from './StaffApp.svelte';
import { StaffClient } from './lib/staff-client.js';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from staff.html');
mount(StaffApp, { target, props: { client: new StaffClient() } });
