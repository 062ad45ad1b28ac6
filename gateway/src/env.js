var __assign =
  (this && this.__assign) ||
  function () {
    __assign =
      Object.assign ||
      function (t) {
        for (var s, i = 1, n = arguments.length; i < n; i++) {
          s = arguments[i];
          for (var p in s) if (Object.hasOwn(s, p)) t[p] = s[p];
        }
        return t;
      };
    return __assign.apply(this, arguments);
  };
Object.defineProperty(exports, '__esModule', { value: true });
exports.loadGatewayEnv = loadGatewayEnv;
var env_1 = require('@flock/env');
var zod_1 = require('zod');
var gatewayModel = zod_1.z.object(
  __assign(__assign({}, env_1.serviceModel.shape), {
    PORT: env_1.envPort.default(env_1.localStack.ports.gateway),
    IDENTITY_JWKS_URL: zod_1.z.url().default(env_1.localStack.jwksUrl),
    JWT_ISSUER: zod_1.z.string().min(1).default('urn:flock:identity'),
    JWT_AUDIENCE: zod_1.z.string().min(1).default('urn:flock:api'),
    /** Override where a subgraph lives (default: the routing URL in the supergraph). */
    IDENTITY_URL: zod_1.z.url().optional(),
    NETWORK_URL: zod_1.z.url().optional(),
    POSTS_URL: zod_1.z.url().optional(),
    FEED_URL: zod_1.z.url().optional(),
    /** Apollo Sandbox on GET /graphql; on by default outside production. */
    SANDBOX: env_1.envBool.optional(),
    INTROSPECTION: env_1.envBool.optional(),
    MAX_BODY_BYTES: zod_1.z.coerce.number().int().min(1000).default(100000),
  }),
);
function loadGatewayEnv(source) {
  var _a, _b;
  var env = (0, env_1.loadEnv)(gatewayModel, source);
  var development = env.NODE_ENV !== 'production';
  return __assign(__assign({}, env), {
    sandbox: (_a = env.SANDBOX) !== null && _a !== void 0 ? _a : development,
    introspection: (_b = env.INTROSPECTION) !== null && _b !== void 0 ? _b : development,
    subgraphUrls: {
      identity: env.IDENTITY_URL,
      network: env.NETWORK_URL,
      posts: env.POSTS_URL,
      feed: env.FEED_URL,
    },
  });
}
