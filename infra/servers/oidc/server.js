// A real OpenID Connect provider on loopback for the MAM's single sign-on tests, built on the
// certified npm package oidc-provider. Started by infra/servers/oidc-provider.sh, which passes:
//   OIDC_PORT            port on 127.0.0.1
//   OIDC_CLIENT_SECRET   secret of the client "mam" (the MAM)
//   OIDC_OTHER_SECRET    secret of the client "other-app" (another application at the same
//                        provider: its ID tokens carry an audience the MAM must refuse)
//   OIDC_CONTROL_SECRET  guards PUT /test-control/accounts/{login} (see interactions.js)
//   OIDC_KEY_FILE        optional: the signing key is kept there (mode 0600) and reused by the next
//                        start, as a real provider keeps its keys; without it, a new key each start
// Cookie keys are made at start and never leave the process.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

import Provider from 'oidc-provider';

import { findAccount } from './accounts.js';
import { useInteractions } from './interactions.js';

const required = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`oidc-provider: ${name} is not set`);
    process.exit(2);
  }
  return value;
};

const port = Number.parseInt(required('OIDC_PORT'), 10);
const issuer = `http://127.0.0.1:${port}`;

function signingKey(file) {
  if (file && existsSync(file)) {
    return JSON.parse(readFileSync(file, 'utf8'));
  }
  const key = {
    ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
    kid: `test-${randomBytes(6).toString('hex')}`,
    use: 'sig',
    alg: 'RS256',
  };
  if (file) {
    writeFileSync(file, JSON.stringify(key), { mode: 0o600 });
  }
  return key;
}

// Both clients are "native" only so that oidc-provider accepts their loopback redirect URIs on any
// port (RFC 8252 section 7.3): the MAM under test listens on a port picked at run time, or on
// http://localhost inside the in-process test host. They are still confidential: secret required.
const loopbackClient = (clientId, secret) => ({
  client_id: clientId,
  client_secret: secret,
  application_type: 'native',
  redirect_uris: ['http://127.0.0.1/signin-oidc', 'http://localhost/signin-oidc'],
  post_logout_redirect_uris: ['http://127.0.0.1/signout-callback-oidc', 'http://localhost/signout-callback-oidc'],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  // ASP.NET Core's OpenIdConnectHandler sends the secret in the token request's body.
  token_endpoint_auth_method: 'client_secret_post',
});

const provider = new Provider(issuer, {
  clients: [
    loopbackClient('mam', required('OIDC_CLIENT_SECRET')),
    loopbackClient('other-app', required('OIDC_OTHER_SECRET')),
  ],
  findAccount,
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username'],
    email: ['email', 'email_verified'],
    groups: ['groups'],
  },
  // Claims in the ID token as well as at userinfo, as Keycloak and Entra ID put groups there.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  jwks: { keys: [signingKey(process.env.OIDC_KEY_FILE)] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, AuthorizationCode: 60, IdToken: 3600, AccessToken: 3600 },
  renderError(ctx, out) {
    ctx.type = 'html';
    const text = Object.entries(out).map(([key, value]) => `${key}: ${String(value)}`).join('\n');
    ctx.body = `<!DOCTYPE html><title>Error</title><pre>${text.replace(/[&<>]/gu, (c) => `&#${c.charCodeAt(0)};`)}</pre>`;
  },
});

useInteractions(provider, required('OIDC_CONTROL_SECRET'));

provider.on('server_error', (_ctx, error) => console.error('oidc-provider: server error', error));

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider: issuer ${issuer}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
