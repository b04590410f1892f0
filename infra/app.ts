/**
 * CDK entry point (`npx cdk synth`, `npx cdk deploy`; cdk.json runs it with tsx). Synthesis
 * needs no AWS credentials and no Docker: the stack is environment-agnostic unless
 * CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION are set, and esbuild bundles on this machine.
 */
import { App } from 'aws-cdk-lib';
import { XlirStack } from './stack.js';

const app = new App();
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
new XlirStack(app, 'Xlir', {
  description: 'xlir: serverless cross-lingual retrieval (API, index builds, data bucket)',
  ...(account && region ? { env: { account, region } } : {}),
});
app.synth();
