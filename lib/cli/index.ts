/** The CLI's public surface: its entry point and what benchmarks share with the demo. */
export { main } from './main.js';
export {
  demoIndexDir,
  demoLexiconsDir,
  openDemoIndex,
  readDemoQueries,
  type DemoQuery,
} from './commands/demo.js';
export { packageRoot } from './paths.js';
