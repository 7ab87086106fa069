import { defineConfig, type Options } from 'tsup';

// maps name src/ files and lines for stack traces; the sources themselves are not embedded (they were ~60 % of
// the unpacked size) and src/ is not shipped
const noSourcesContent: Options['esbuildOptions'] = (options) => {
  options.sourcesContent = false;
};

export default defineConfig({
  // the executable (`bin`, ESM) and the programmatic entry share one build so `clean` cannot race a second config
  entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  esbuildOptions: noSourcesContent,
  clean: true,
  target: 'es2022',
});
