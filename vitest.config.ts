import { defineConfig } from 'vitest/config';

// The AWS SDK's notice that its 2027 releases need Node 22 would repeat in every S3 test.
const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/data/**'],
          testTimeout: 30_000,
          env,
        },
      },
      {
        test: {
          name: 'data',
          include: ['test/data/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          env,
        },
      },
    ],
  },
});
