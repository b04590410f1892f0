/**
 * The Lambda functions: Node.js 22 on arm64 (Graviton), bundled by esbuild on
 * the synthesising machine (no Docker). Packages esbuild cannot bundle are
 * copied beside the bundle, and onnxruntime-node keeps only the native
 * binaries of the function's own platform (linux/arm64: ~25 MB of its ~290 MB).
 * The API's rerank models run in worker threads, whose code is a second, small
 * bundle beside index.mjs (lib/rerank/inference-host.ts looks for it there).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Size, type Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { INFERENCE_WORKER_BUNDLE } from '../lib/rerank/constants.js';
import { ESM_REQUIRE_BANNER, UNBUNDLED_PACKAGES } from './constants.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_22_X;
export const LAMBDA_ARCHITECTURE = lambda.Architecture.ARM_64;

/** onnxruntime-node names architectures as Node does (process.arch). */
const ORT_ARCH = LAMBDA_ARCHITECTURE === lambda.Architecture.ARM_64 ? 'arm64' : 'x64';

export type FunctionName = 'api' | 'worker' | 'publish' | 'gc';

const ENTRIES: Record<FunctionName, string> = {
  api: 'functions/api/handler.ts',
  worker: 'functions/index-build/worker.ts',
  publish: 'functions/index-build/publish.ts',
  gc: 'functions/index-build/gc.ts',
};

/**
 * Supplies a function's code instead of bundling it (undefined: bundle). Tests inject
 * `Code.fromInline` so a synth takes milliseconds; a deployment leaves it unset.
 */
export type CodeOverride = (name: FunctionName) => lambda.Code | undefined;

export interface XlirFunctionProps {
  name: FunctionName;
  description: string;
  memorySize: number;
  timeout: Duration;
  ephemeralStorageMb?: number;
  environment: Record<string, string>;
  code?: CodeOverride;
  /** X-Ray active tracing (Powertools Tracer's segments); off unless set. */
  tracing?: lambda.Tracing;
}

/** Deletes onnxruntime-node's native binaries for every platform but linux/<arch>. */
export function pruneOnnxRuntimeCommands(moduleDir: string, arch: 'arm64' | 'x64'): string[] {
  const bin = `"${moduleDir}/onnxruntime-node/bin"`;
  return [
    `if [ -d ${bin} ]; then find ${bin} -mindepth 2 -maxdepth 2 -type d ! -name linux -exec rm -rf {} +; ` +
      `find ${bin} -mindepth 3 -maxdepth 3 -type d -path '*/linux/*' ! -name ${arch} -exec rm -rf {} +; fi`,
    // Install-time scripts only: the runtime needs dist/ and the binding.
    `rm -rf "${moduleDir}/onnxruntime-node/script"`,
  ];
}

/** Keeps only what GET /docs serves (lib/api/docs.ts) of swagger-ui-dist: 12 MB unpacked, ~1.6 MB kept. */
export function pruneSwaggerUiCommands(moduleDir: string): string[] {
  const dir = `"${moduleDir}/swagger-ui-dist"`;
  return [
    `find ${dir} -mindepth 1 -maxdepth 1 -type f ! -name package.json ! -name LICENSE ! -name NOTICE ` +
      `! -name swagger-ui-bundle.js ! -name swagger-ui.css -delete`,
  ];
}

/**
 * Bundles the rerank inference worker (lib/rerank/inference-worker.ts) beside the function's
 * index.mjs, with the esbuild the function's own bundle is made with; onnxruntime-node stays
 * external, as in the main bundle, and is found in the node_modules copied beside both.
 */
export function inferenceWorkerBundleCommands(inputDir: string, outputDir: string): string[] {
  return [
    `"${inputDir}/node_modules/.bin/esbuild" "${inputDir}/lib/rerank/inference-worker.ts" --bundle ` +
      `--platform=node --format=esm --target=node22 --minify --keep-names --sourcemap --sources-content=false ` +
      `--external:onnxruntime-node --log-level=warning --outfile="${outputDir}/${INFERENCE_WORKER_BUNDLE}"`,
  ];
}

function copyPackagesCommands(inputDir: string, outputDir: string, packages: readonly string[]): string[] {
  const moduleDir = `${outputDir}/node_modules`;
  return [
    `mkdir -p "${moduleDir}"`,
    ...packages.map((pkg) => `cp -R "${inputDir}/node_modules/${pkg}" "${moduleDir}/"`),
    ...(packages.includes('onnxruntime-node') ? pruneOnnxRuntimeCommands(moduleDir, ORT_ARCH) : []),
    ...(packages.includes('swagger-ui-dist') ? pruneSwaggerUiCommands(moduleDir) : []),
    ...(packages.includes('onnxruntime-node') ? inferenceWorkerBundleCommands(inputDir, outputDir) : []),
  ];
}

export function createFunction(scope: Construct, id: string, props: XlirFunctionProps): lambda.Function {
  const common = {
    description: props.description,
    runtime: LAMBDA_RUNTIME,
    architecture: LAMBDA_ARCHITECTURE,
    memorySize: props.memorySize,
    timeout: props.timeout,
    environment: props.environment,
    ...(props.ephemeralStorageMb ? { ephemeralStorageSize: Size.mebibytes(props.ephemeralStorageMb) } : {}),
    ...(props.tracing ? { tracing: props.tracing } : {}),
  };
  const code = props.code?.(props.name);
  if (code) return new lambda.Function(scope, id, { ...common, handler: 'index.handler', code });
  const packages = props.name === 'api' ? UNBUNDLED_PACKAGES.api : UNBUNDLED_PACKAGES.build;
  return new NodejsFunction(scope, id, {
    ...common,
    entry: path.join(REPO_ROOT, ENTRIES[props.name]),
    handler: 'handler',
    projectRoot: REPO_ROOT,
    depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
    bundling: {
      format: OutputFormat.ESM,
      target: 'node22',
      mainFields: ['module', 'main'],
      minify: true,
      // Class and function names stay readable in logs and stack traces.
      keepNames: true,
      sourceMap: true,
      sourcesContent: false,
      banner: ESM_REQUIRE_BANNER,
      // Bundle our pinned AWS SDK rather than rely on the runtime's copy.
      bundleAwsSDK: true,
      externalModules: [...packages],
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (inputDir, outputDir) => copyPackagesCommands(inputDir, outputDir, packages),
      },
    },
  });
}
