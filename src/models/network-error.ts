/**
 * What a network-level failure (no HTTP status) means, in words a user can act on. Shared by the
 * remote engines' HTTP client and the model downloader, so both name the same causes the same way.
 */

export type NetworkFailure =
  /** DNS said the name does not exist (ENOTFOUND), or could not answer (EAI_AGAIN: often offline). */
  | 'host_not_found'
  /** Something answered "nothing listens on this port" (ECONNREFUSED). */
  | 'connection_refused'
  /** No answer to the connection attempt in time: a blackholed address, a firewall dropping packets, no route. */
  | 'connect_timeout'
  /** The certificate was refused. */
  | 'tls'
  /** The connection dropped or reset after it was made. Usually passing. */
  | 'connection_lost';

export interface NetworkFailureInfo {
  kind: NetworkFailure;
  /** The system's code, e.g. ENOTFOUND, UND_ERR_CONNECT_TIMEOUT. */
  code: string;
  /** A few words for a message: "host not found", "connection refused", ... */
  text: string;
}

export function describeNetworkFailure(error: unknown): NetworkFailureInfo {
  // undici reports socket errors directly or as the `cause` of its own error.
  const err = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = String(err?.code ?? err?.cause?.code ?? '');
  const message = oneLine(String(err?.message ?? err?.cause?.message ?? error));
  if (code === 'ENOTFOUND') return { kind: 'host_not_found', code, text: 'host not found' };
  if (code === 'EAI_AGAIN') return { kind: 'host_not_found', code, text: 'host name could not be resolved: no DNS answer (offline?)' };
  if (code === 'ECONNREFUSED') return { kind: 'connection_refused', code, text: 'connection refused' };
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENETDOWN') {
    return {
      kind: 'connect_timeout',
      code,
      text: code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT' ? 'no answer to the connection attempt' : `no route to the host (${code})`,
    };
  }
  if (code.startsWith('CERT_') || code.startsWith('ERR_TLS_') || code.includes('SELF_SIGNED') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE') {
    return { kind: 'tls', code, text: `TLS: ${message}` };
  }
  // ECONNRESET, EPIPE, "socket hang up", "other side closed".
  return { kind: 'connection_lost', code, text: `${code || 'network error'}: ${message}` };
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
