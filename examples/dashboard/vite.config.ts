import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // relative asset paths: the built app works from any static server and any sub-path
  base: './',
  build: {
    outDir: 'dist',
    // @polkadot/api is most of the bundle and is needed at once; splitting it buys nothing here
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      // @phala-mining/react loads the keyring lazily for server rendering; in this app @polkadot/api already has it
      checks: { ineffectiveDynamicImport: false },
    },
  },
});
