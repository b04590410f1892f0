/** Public surface of lib/hub: fetching cross-encoders from a Hugging Face-style hub and registering local exports. */
export { DEFAULT_HF_ENDPOINT, DEFAULT_ONNX_FILE } from './constants.js';
export { downloadFile, type DownloadOptions, type Downloaded } from './download.js';
export { HubError } from './errors.js';
export { pullModel, type PulledModel, type PullOptions } from './pull.js';
export { checkRepoPath, describeRef, parseHubRef, type HubRef } from './ref.js';
export { registerModel, type RegisteredModel, type RegisterOptions } from './register.js';
