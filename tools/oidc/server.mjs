// A real OpenID Connect provider (oidc-provider) for the auth tests, on 127.0.0.1 and a port the OS picks.
// It prints one line, "oidc-provider listening on http://127.0.0.1:<port>", once it answers; the issuer is that URL.
// Access tokens are JWTs for the resource urn:flyte (aud: urn:flyte) unless another is asked for, signed by a key made at start.
import http from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const audience = 'urn:flyte';
// Another API of the same issuer: its tokens (asked for with resource=urn:other-api) must not open the devbox.
const otherAudience = 'urn:other-api';
const shortLivedClientId = 'flyte-ci-short';

const server = http.createServer();
// The issuer names the port, so the port is bound before the provider is built.
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
const issuer = `http://127.0.0.1:${port}`;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  clients: [
    {
      client_id: 'flyte-ci',
      client_secret: 'flyte-ci-secret',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    },
    {
      client_id: shortLivedClientId,
      client_secret: 'flyte-ci-short-secret',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    },
    {
      // A CLI: no secret, PKCE, and (application_type native) any port of its loopback redirect URI (RFC 8252 §7.3).
      client_id: 'flytectl',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
      response_types: ['code'],
      redirect_uris: ['http://127.0.0.1/callback'],
    },
  ],
  scopes: ['openid', 'offline_access', 'all'],
  pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },
  features: {
    devInteractions: { enabled: true },
    deviceFlow: { enabled: true },
    clientCredentials: { enabled: true },
    introspection: { enabled: false },
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => audience,
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, resourceIndicator) => {
        if (resourceIndicator !== audience && resourceIndicator !== otherAudience) {
          throw new Provider.errors.InvalidTarget(`unknown resource ${resourceIndicator}`);
        }
        return { scope: 'all', audience: resourceIndicator, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
  // A refresh token for the native client whether or not it asked for offline_access.
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  ttl: {
    AccessToken: 600,
    ClientCredentials: (_ctx, _token, client) => (client.clientId === shortLivedClientId ? 4 : 600),
    AuthorizationCode: 60,
    DeviceCode: 600,
    Grant: 3600,
    IdToken: 600,
    Interaction: 600,
    RefreshToken: 3600,
    Session: 3600,
  },
});

server.on('request', provider.callback());
console.log(`oidc-provider listening on ${issuer}`);

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
