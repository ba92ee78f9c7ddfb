// simple-keyboard's package points `main` at a UMD build with polyfills (106 kB); the kiosk bundles
// its modern ES module build (45 kB, 11 kB gzip), whose types are the package's own.
declare module 'simple-keyboard/build/index.modern.esm.js' {
  import Keyboard from 'simple-keyboard';
  export default Keyboard;
}
