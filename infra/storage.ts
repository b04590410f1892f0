/**
 * The data bucket: indexes, models, usage exports and build inputs under
 * their own prefixes, and the grants that give each function only its prefixes.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { NONCURRENT_VERSION_EXPIRATION, PREFIX, USAGE_LIFECYCLE } from './constants.js';

export function createDataBucket(scope: Construct): s3.Bucket {
  return new s3.Bucket(scope, 'Data', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    // SSE-S3 rather than KMS: a query makes many ranged GETs, and KMS would bill and throttle each.
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    // Indexes and models are expensive to rebuild; deleting the stack must not delete them.
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [
      {
        id: 'usage-records',
        prefix: PREFIX.usage,
        transitions: [
          {
            storageClass: s3.StorageClass.INFREQUENT_ACCESS,
            transitionAfter: USAGE_LIFECYCLE.infrequentAccessAfter,
          },
          {
            storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
            transitionAfter: USAGE_LIFECYCLE.glacierAfter,
          },
        ],
        expiration: USAGE_LIFECYCLE.expireAfter,
      },
      {
        // Every publish replaces manifest.json; its old versions need not live forever.
        id: 'noncurrent-versions',
        noncurrentVersionExpiration: NONCURRENT_VERSION_EXPIRATION,
        abortIncompleteMultipartUploadAfter: NONCURRENT_VERSION_EXPIRATION,
      },
    ],
  });
}

type Prefix = (typeof PREFIX)[keyof typeof PREFIX];

export interface PrefixAccess {
  read?: readonly Prefix[];
  write?: readonly Prefix[];
  /** DeleteObject: only index housekeeping (gc) has it, on indexes/. */
  delete?: readonly Prefix[];
}

/**
 * GetObject / PutObject / DeleteObject on the named prefixes only. ListBucket goes on the whole
 * bucket without an s3:prefix condition: S3 answers a missing key with 404 only to a caller that
 * may list the bucket, a GetObject carries no s3:prefix to satisfy a condition, and lib/storage
 * needs that 404 to tell "not there (yet)" from "forbidden". Listing reveals key names, never
 * contents.
 */
export function grantPrefixes(grantee: iam.IGrantable, bucket: s3.IBucket, access: PrefixAccess): void {
  const statements = [new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] })];
  const objectStatement = (action: string, prefixes: readonly Prefix[] | undefined) => {
    if (!prefixes || prefixes.length === 0) return;
    statements.push(
      new iam.PolicyStatement({
        actions: [action],
        resources: prefixes.map((p) => bucket.arnForObjects(`${p}*`)),
      }),
    );
  };
  objectStatement('s3:GetObject', access.read);
  objectStatement('s3:PutObject', access.write);
  objectStatement('s3:DeleteObject', access.delete);
  for (const statement of statements) grantee.grantPrincipal.addToPrincipalPolicy(statement);
}
