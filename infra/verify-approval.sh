#!/usr/bin/env bash
# verify-approval.sh CERTIFICATE.jws SIGNING-KEY.pem
#   Checks an approval certificate offline, with openssl and coreutils only: the certificate is a
#   compact JWS signed RS256 (RSA, SHA-256, PKCS#1 v1.5), so `openssl dgst -sha256 -verify` checks it
#   as it stands. Prints "Verified OK" and the signed claims (JSON), exit 0; or "Verification failure",
#   exit 1. Get both files from the server:
#     curl -H "Authorization: Bearer $MAM_TOKEN" $MAM/api/approvals/$ID/certificate > approval.jws
#     curl -H "Authorization: Bearer $MAM_TOKEN" $MAM/api/approvals/signing-key.pem > signing-key.pem
#   or copy both out of the certificate's PDF (the JWS as one line; the key with its BEGIN and END lines).
set -euo pipefail
cert="${1:?usage: verify-approval.sh CERTIFICATE.jws SIGNING-KEY.pem}"
key="${2:?usage: verify-approval.sh CERTIFICATE.jws SIGNING-KEY.pem}"
# base64url (RFC 4648 §5) without padding, as JWS writes it, to bytes.
b64url_decode() { local s; s=$(tr -d '\n' | tr '_-' '/+'); while [ $(( ${#s} % 4 )) -ne 0 ]; do s="$s="; done; printf '%s' "$s" | base64 -d; }
# (A certificate saved without a final newline is read all the same.)
IFS=. read -r header payload signature < <(tr -d "\r\n" < "$cert"; echo)
# Nothing is written anywhere: the signed text goes through a pipe, the signature through a file descriptor.
if printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -verify "$key" -signature <(printf '%s' "$signature" | b64url_decode); then
  printf '%s' "$payload" | b64url_decode
  echo
else
  exit 1
fi
