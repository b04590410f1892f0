/**
 * `hf:ORG/NAME[@REVISION]`: which Hub repo and revision `xlir models pull` fetches. Names follow
 * the Hub's rules (letters, digits, `-`, `_`, `.`; no `..`), so a reference can never turn into a
 * different URL path than the repo's own.
 */
import { DEFAULT_REVISION } from './constants.js';
import { HubError } from './errors.js';

export interface HubRef {
  repo: string;
  revision: string;
}

const PART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const REVISION = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

export function parseHubRef(text: string): HubRef {
  const match = /^hf:([^@]+)(?:@(.+))?$/.exec(text);
  const fail = (why: string): never => {
    throw new HubError(`"${text}" is not a model reference: ${why} (expected hf:ORG/NAME[@REVISION])`);
  };
  if (!match) return fail('it must start with hf:');
  const parts = match[1]!.split('/');
  if (parts.length !== 2 || !parts.every((p) => PART.test(p) && !p.includes('..'))) {
    return fail('ORG/NAME must be two names of letters, digits, - _ .');
  }
  const revision = match[2] ?? DEFAULT_REVISION;
  if (!REVISION.test(revision) || revision.includes('..')) return fail(`bad revision "${revision}"`);
  return { repo: parts.join('/'), revision };
}

/** A file path inside a repo (`onnx/model.onnx`): relative, no `..`, no empty segments. */
export function checkRepoPath(path: string): string {
  const segments = path.split('/');
  if (path === '' || segments.some((s) => s === '' || s === '.' || s === '..' || !/^[\w.-]+$/.test(s))) {
    throw new HubError(`--file "${path}" must be a relative path inside the repo, like onnx/model.onnx`);
  }
  return path;
}

export function describeRef(ref: HubRef): string {
  return `hf:${ref.repo}@${ref.revision}`;
}
