/**
 * Where a model URI is downloaded from, and under which file name it is cached.
 *
 *   hf:<user>/<repo>/<path/to/file.gguf>[#<revision>]   a file in a Hugging Face repository
 *   https://host/path/file.gguf (or http://)              any URL
 *
 * Hugging Face files are fetched from `<endpoint>/<user>/<repo>/resolve/<revision>/<path>`, the
 * download URL the Hub documents; the endpoint is https://huggingface.co unless HF_ENDPOINT (or
 * MODEL_ENDPOINT, as llama.cpp reads it) names a mirror. HF_TOKEN, when set, goes to that endpoint
 * only (gated and private repositories need it), never to another host.
 *
 * The `hf:<user>/<repo>:<quant>` shorthand node-llama-cpp accepts needs a call to the Hub's API to
 * pick a file; it is refused here with the form to use instead, so a download is always one
 * plain GET whose time limits we control.
 */
import { ModelSetupError } from './types.js';

export interface ModelSource {
  /** The URI as the user gave it (the cache index key). */
  uri: string;
  url: URL;
  /** File name in the models cache folder. */
  fileName: string;
  /** Headers for requests to `url`'s origin only (dropped on a redirect to another host). */
  headers: Record<string, string>;
}

const DEFAULT_HF_ENDPOINT = 'https://huggingface.co/';

export function resolveModelUri(uri: string, env: NodeJS.ProcessEnv = process.env): ModelSource {
  if (uri.startsWith('hf:')) return resolveHuggingFaceUri(uri, env);
  let url: URL | undefined;
  try {
    url = new URL(uri);
  } catch {
    // Reported below.
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new ModelSetupError(`cannot download '${uri}': expected hf:<user>/<repo>/<file>.gguf or an http(s) URL`);
  }
  const fileName = safeFileName(decodeURIComponent(url.pathname.split('/').pop() ?? ''));
  if (!fileName) throw new ModelSetupError(`cannot download '${uri}': the URL names no file`);
  return { uri, url, fileName, headers: {} };
}

function resolveHuggingFaceUri(uri: string, env: NodeJS.ProcessEnv): ModelSource {
  const hash = uri.indexOf('#');
  const body = uri.slice('hf:'.length, hash < 0 ? undefined : hash);
  const revision = hash < 0 ? 'main' : uri.slice(hash + 1);
  const parts = body.split('/').filter(Boolean);
  if (parts.length < 3 || !revision) {
    throw new ModelSetupError(
      `cannot download '${uri}': name the file, as in hf:<user>/<repo>/<file>.gguf (for example hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf)`,
    );
  }
  const [user, repo, ...path] = parts;
  const endpoint = huggingFaceEndpoint(env);
  const url = new URL(
    `${[user, repo].map(encodeURIComponent).join('/')}/resolve/${encodeURIComponent(revision)}/${path.map(encodeURIComponent).join('/')}`,
    endpoint,
  );
  const token = env.HF_TOKEN;
  return {
    uri,
    url,
    // The owner and repository keep two repositories' same-named files apart.
    fileName: safeFileName(`hf_${user}_${repo}_${path.join('_')}`),
    headers: token ? { authorization: `Bearer ${token}` } : {},
  };
}

function huggingFaceEndpoint(env: NodeJS.ProcessEnv): string {
  for (const candidate of [env.HF_ENDPOINT, env.MODEL_ENDPOINT]) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.href.endsWith('/') ? url.href : `${url.href}/`;
    } catch {
      // Not a URL: ignored, as node-llama-cpp does.
    }
  }
  return DEFAULT_HF_ENDPOINT;
}

/** A name that cannot leave the cache folder or trip a file system. */
function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '');
}
