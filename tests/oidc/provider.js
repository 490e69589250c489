// A real OpenID provider (the certified `oidc-provider` package) for the sign-in tests.
//
//   node provider.js CONFIG.json
//
// CONFIG: {"port": 0, "clients": [{client_id, client_secret, redirect_uris}],
//          "accounts": {"<sub>": {email, email_verified, name}}}
// Prints "READY <issuer>" once it listens. Sign-in is non-interactive: the account named by
// POST /_test/state?login=<sub> logs in and consents at once. The same endpoint's `mode`
// makes the token endpoint hand out a broken ID token, each one a real attack:
//   normal          the provider's own token
//   bad-signature   the same claims signed by another key under the provider's key id
//   wrong-audience  signed by the provider, for another client
//   expired         signed by the provider, expired an hour ago
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

import * as jose from 'jose';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const state = { login: null, mode: 'normal' };

const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const signingJwk = { ...(await jose.exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
const { privateKey: strangerKey } = await jose.generateKeyPair('RS256');

const server = createServer();
await new Promise((resolve) => { server.listen(config.port || 0, '127.0.0.1', resolve); });
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: config.clients.map((client) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
    ...client,
  })),
  jwks: { keys: [signingJwk] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
  },
  // Entra ID puts the e-mail claims in the ID token; so does this provider.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  async findAccount(ctx, sub) {
    const account = config.accounts[sub];
    if (!account) return undefined;
    return { accountId: sub, async claims() { return { sub, ...account }; } };
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
});

async function finishInteraction(ctx) {
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (details.prompt.name === 'login') {
    if (!state.login) ctx.throw(400, 'no test account chosen: POST /_test/state?login=<sub>');
    return provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: state.login } }, {
      mergeWithLastSubmission: false,
    });
  }
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
  const missing = details.prompt.details;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  return provider.interactionFinished(ctx.req, ctx.res, { consent: { grantId: await grant.save() } }, {
    mergeWithLastSubmission: true,
  });
}

async function broken(idToken) {
  const claims = jose.decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'RS256', kid: signingJwk.kid, typ: 'JWT' };
  if (state.mode === 'bad-signature') {
    return new jose.SignJWT(claims).setProtectedHeader(header).sign(strangerKey);
  }
  if (state.mode === 'wrong-audience') {
    claims.aud = 'another-client';
  } else if (state.mode === 'expired') {
    claims.iat = now - 7200;
    claims.exp = now - 3600;
  }
  return new jose.SignJWT(claims).setProtectedHeader(header).sign(privateKey);
}

provider.use(async (ctx, next) => {
  if (ctx.path === '/_test/state' && ctx.method === 'POST') {
    state.login = ctx.query.login ?? state.login;
    state.mode = ctx.query.mode ?? state.mode;
    ctx.body = state;
    return;
  }
  if (ctx.path.startsWith('/interaction/') && ctx.method === 'GET') {
    await finishInteraction(ctx);
    return;
  }
  await next();
  if (ctx.oidc?.route === 'token' && ctx.body?.id_token && state.mode !== 'normal') {
    ctx.body = { ...ctx.body, id_token: await broken(ctx.body.id_token) };
  }
});

server.on('request', provider.callback());
process.stdout.write(`READY ${issuer}\n`);
