#!/usr/bin/env node
// The package's `mypage` command. The service runs from its TypeScript sources through tsx (a
// dependency), registered in this same process — no build step, and signals (Ctrl+C, SIGTERM
// from a service manager) reach the service itself.
import { register } from 'tsx/esm/api';

register();
await import('../src-server/cli/main.ts');
