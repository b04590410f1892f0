/**
 * Ships a lexicon pack (lib/lexicon/pack; `xlir lexicon pack` writes one) from a local folder to
 * `s3://<bucket>/lexicons`, so the API function can translate queries. Two BucketDeployments
 * keep the pack's write order: the direction objects first, then, depending on them, lexicons.json.
 * Nothing is pruned: direction keys are content-addressed and never rewritten, so a warm function
 * still holding the previous manifest can load every direction it names.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
// The format's constants alone: lib/lexicon's index would load every importer into the CDK app.
import { PACK_MANIFEST_KEY } from '../lib/lexicon/pack/constants.js';
import {
  DEFAULT_LEXICON_PACK_DIR,
  LEXICON_DEPLOYMENT_MEMORY_MB,
  LEXICON_PACK_CONTEXT,
  PREFIX,
} from './constants.js';
import { REPO_ROOT } from './functions.js';

export interface LexiconPackDeploymentProps {
  bucket: s3.IBucket;
  /** Local pack folder; default: the `lexiconPack` context value, else DEFAULT_LEXICON_PACK_DIR. */
  packDir?: string;
}

/** The pack folder to deploy: explicit, from context (relative to the working directory), or the default. */
export function lexiconPackDir(scope: Construct, explicit?: string): string {
  const fromContext = scope.node.tryGetContext(LEXICON_PACK_CONTEXT) as unknown;
  if (explicit !== undefined) return path.resolve(explicit);
  if (typeof fromContext === 'string' && fromContext !== '') return path.resolve(fromContext);
  return path.join(REPO_ROOT, DEFAULT_LEXICON_PACK_DIR);
}

export class LexiconPackDeployment extends Construct {
  /** Where the API reads the pack: `s3://<bucket>/lexicons` (XLIR_LEXICONS). */
  readonly uri: string;
  readonly packDir: string;
  /** Completes once lexicons.json is in place, i.e. the whole pack. */
  readonly manifest: s3deploy.BucketDeployment;

  constructor(scope: Construct, id: string, props: LexiconPackDeploymentProps) {
    super(scope, id);
    this.packDir = lexiconPackDir(this, props.packDir);
    if (!existsSync(path.join(this.packDir, PACK_MANIFEST_KEY))) {
      // Checked at synth: a deployment without a pack would serve, but never translate.
      throw new Error(
        `no ${PACK_MANIFEST_KEY} in ${this.packDir}: build a pack with "xlir lexicon pack --input DIR --out ${this.packDir}" or pass -c ${LEXICON_PACK_CONTEXT}=DIR`,
      );
    }
    const prefix = PREFIX.lexicons;
    this.uri = `s3://${props.bucket.bucketName}/${prefix.replace(/\/$/, '')}`;
    const source = s3deploy.Source.asset(this.packDir);
    const common = {
      sources: [source],
      destinationBucket: props.bucket,
      destinationKeyPrefix: prefix,
      prune: false,
      retainOnDelete: true,
      memoryLimit: LEXICON_DEPLOYMENT_MEMORY_MB,
    };
    const directions = new s3deploy.BucketDeployment(this, 'Directions', {
      ...common,
      exclude: [PACK_MANIFEST_KEY],
    });
    this.manifest = new s3deploy.BucketDeployment(this, 'Manifest', {
      ...common,
      exclude: ['*'],
      include: [PACK_MANIFEST_KEY],
    });
    this.manifest.node.addDependency(directions);
    confineToPrefix(directions.handlerRole, props.bucket, prefix);
  }
}

/**
 * BucketDeployment grants its handler read/write on the whole bucket; deny it every other data
 * prefix, so copying lexicons can never touch indexes, models, usage records or build inputs.
 */
function confineToPrefix(role: iam.IRole, bucket: s3.IBucket, allowed: string): void {
  const others = Object.values(PREFIX).filter((p) => p !== allowed);
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      actions: ['s3:GetObject*', 's3:PutObject*', 's3:DeleteObject*', 's3:Abort*'],
      resources: others.map((p) => bucket.arnForObjects(`${p}*`)),
    }),
  );
}
