// The one renderer build (scripts/build-renderer.mjs), for the bench and the suites: a test/support
// entry, so the bench reaches the build through test/support like everything else it uses.
export { buildRenderer, rendererIsStale } from '../../scripts/build-renderer.mjs';
