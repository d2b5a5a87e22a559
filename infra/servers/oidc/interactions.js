// The provider's own sign-in page, as plain HTML forms so a test can complete the whole browser
// flow with an HTTP client and a cookie jar: GET /interaction/{uid} shows a login form; POST
// /interaction/{uid}/login checks the password and hands the result back to oidc-provider, which
// redirects to the client with a code. oidc-provider's devInteractions accept any login without a
// password, which would let a test "sign in" as anyone; these check one.
import { checkPassword, putAccount } from './accounts.js';

const MAX_BODY_BYTES = 64 * 1024;

const escapeHtml = (text) => String(text).replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw Object.assign(new Error('request body too large'), { status: 413 });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function loginPage(uid, clientId, message) {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in - test OpenID provider</title></head>
<body>
<h1>Sign in to ${escapeHtml(clientId)}</h1>
${message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
  <label>Login <input name="login" autocomplete="username" required></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit">Sign in</button>
</form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort"><button type="submit">Cancel</button></form>
</body></html>`;
}

async function interaction(provider, ctx, uid, action) {
  let details;
  try {
    details = await provider.interactionDetails(ctx.req, ctx.res);
  } catch {
    ctx.status = 400;
    ctx.type = 'html';
    ctx.body = '<p>This sign-in has expired or was already used. Start again from the application.</p>';
    return;
  }
  if (details.uid !== uid) {
    ctx.throw(400, 'interaction mismatch');
  }
  if (action === undefined && ctx.method === 'GET') {
    if (details.prompt.name === 'consent') {
      // Already signed in at the provider (its own session cookie): nothing to ask.
      await finish(provider, ctx, { consent: { grantId: await grantRequested(provider, details, details.session.accountId) } });
      return;
    }
    ctx.type = 'html';
    ctx.body = loginPage(uid, details.params.client_id);
    return;
  }
  if (ctx.method !== 'POST') {
    ctx.throw(405);
  }
  let result;
  if (action === 'login') {
    const form = new URLSearchParams(await readBody(ctx.req));
    const accountId = checkPassword(form.get('login') ?? '', form.get('password') ?? '');
    if (accountId === undefined) {
      ctx.status = 401;
      ctx.type = 'html';
      ctx.body = loginPage(uid, details.params.client_id, 'Wrong login or password.');
      return;
    }
    result = { login: { accountId }, consent: { grantId: await grantRequested(provider, details, accountId) } };
  } else if (action === 'abort') {
    result = { error: 'access_denied', error_description: 'The person cancelled the sign-in.' };
  } else {
    ctx.throw(404);
  }
  await finish(provider, ctx, result);
}

// Every client of this provider is first-party, so there is no consent page: the scopes the client
// asked for are granted as the person signs in. (oidc-provider asks native clients for consent on
// every authorization unless the interaction's result carries a grant.)
async function grantRequested(provider, details, accountId) {
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope ?? 'openid');
  return grant.save();
}

// interactionResult (not interactionFinished) so that Koa, not we, writes the redirect.
async function finish(provider, ctx, result) {
  const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
  ctx.status = 303;
  ctx.redirect(returnTo);
}

// PUT /test-control/accounts/{login} {"password":"…","name":"…","groups":["…"]}, with the control
// secret in X-Test-Control-Secret: a test makes a person of its own, or changes their groups
// between two sign-ins, as a directory administrator would.
async function control(ctx, secret, login) {
  if (ctx.get('x-test-control-secret') !== secret) {
    ctx.throw(403, 'wrong or missing X-Test-Control-Secret');
  }
  if (ctx.method !== 'PUT') {
    ctx.throw(405);
  }
  let body;
  try {
    body = JSON.parse(await readBody(ctx.req));
  } catch {
    ctx.throw(400, 'body must be JSON');
  }
  const error = putAccount(decodeURIComponent(login), body ?? {});
  if (error !== undefined) {
    ctx.throw(400, error);
  }
  ctx.status = 204;
}

export function useInteractions(provider, controlSecret) {
  provider.use(async (ctx, next) => {
    const interactionMatch = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/u.exec(ctx.path);
    if (interactionMatch) {
      ctx.set('Cache-Control', 'no-store');
      await interaction(provider, ctx, interactionMatch[1], interactionMatch[2]);
      return;
    }
    const controlMatch = /^\/test-control\/accounts\/([^/]+)$/u.exec(ctx.path);
    if (controlMatch) {
      await control(ctx, controlSecret, controlMatch[1]);
      return;
    }
    await next();
  });
}
