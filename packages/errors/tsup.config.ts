import { defineConfig, type Options } from 'tsup';

// maps name src/ files and lines for stack traces; the sources themselves are not embedded (they were ~60 % of
// the unpacked size) and src/ is not shipped
const noSourcesContent: Options['esbuildOptions'] = (options) => {
  options.sourcesContent = false;
};

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  esbuildOptions: noSourcesContent,
  clean: true,
  target: 'es2022',
});
