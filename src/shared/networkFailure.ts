// What a failed connection's error code means, in a few named cases a user can act on. The client
// words its (English) message from it and the panel its translated headline, so both say the same.

export type NetworkFailure =
  | 'selfSigned'
  | 'untrustedIssuer'
  | 'expired'
  | 'notYetValid'
  | 'hostnameMismatch'
  | 'notTls'
  | 'caFile'
  | 'proxyRefused'
  | 'proxyTls';

/** The codes the client sets for failures of its own making (not Node's or undici's). */
export const CA_FILE_UNREADABLE = 'CA_FILE_UNREADABLE';
export const PROXY_REFUSED = 'PROXY_REFUSED';

const byCode: Record<string, NetworkFailure> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'selfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'selfSigned',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrustedIssuer',
  UNABLE_TO_GET_ISSUER_CERT: 'untrustedIssuer',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrustedIssuer',
  CERT_UNTRUSTED: 'untrustedIssuer',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'notYetValid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'hostnameMismatch',
  ERR_SSL_WRONG_VERSION_NUMBER: 'notTls',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'notTls',
  [CA_FILE_UNREADABLE]: 'caFile',
  [PROXY_REFUSED]: 'proxyRefused',
  UND_ERR_PRX_TLS: 'proxyTls',
};

export function networkFailureOf(code: string | undefined): NetworkFailure | undefined {
  return code ? byCode[code] : undefined;
}

