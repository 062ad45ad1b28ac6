var __extends =
  (this && this.__extends) ||
  (() => {
    var extendStatics = (d, b) => {
      extendStatics =
        Object.setPrototypeOf ||
        ({ __proto__: [] } instanceof Array &&
          ((d, b) => {
            d.__proto__ = b;
          })) ||
        ((d, b) => {
          for (var p in b) if (Object.hasOwn(b, p)) d[p] = b[p];
        });
      return extendStatics(d, b);
    };
    return (d, b) => {
      if (typeof b !== 'function' && b !== null)
        throw new TypeError('Class extends value ' + String(b) + ' is not a constructor or null');
      extendStatics(d, b);
      function __() {
        this.constructor = d;
      }
      d.prototype = b === null ? Object.create(b) : ((__.prototype = b.prototype), new __());
    };
  })();
var __awaiter =
  (this && this.__awaiter) ||
  ((thisArg, _arguments, P, generator) => {
    function adopt(value) {
      return value instanceof P
        ? value
        : new P((resolve) => {
            resolve(value);
          });
    }
    return new (P || (P = Promise))((resolve, reject) => {
      function fulfilled(value) {
        try {
          step(generator.next(value));
        } catch (e) {
          reject(e);
        }
      }
      function rejected(value) {
        try {
          step(generator['throw'](value));
        } catch (e) {
          reject(e);
        }
      }
      function step(result) {
        result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
      }
      step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
  });
var __generator =
  (this && this.__generator) ||
  ((thisArg, body) => {
    var _ = {
        label: 0,
        sent: () => {
          if (t[0] & 1) throw t[1];
          return t[1];
        },
        trys: [],
        ops: [],
      },
      f,
      y,
      t,
      g = Object.create((typeof Iterator === 'function' ? Iterator : Object).prototype);
    return (
      (g.next = verb(0)),
      (g['throw'] = verb(1)),
      (g['return'] = verb(2)),
      typeof Symbol === 'function' &&
        (g[Symbol.iterator] = function () {
          return this;
        }),
      g
    );
    function verb(n) {
      return (v) => step([n, v]);
    }
    function step(op) {
      if (f) throw new TypeError('Generator is already executing.');
      while ((g && ((g = 0), op[0] && (_ = 0)), _))
        try {
          if (
            ((f = 1),
            y &&
              (t =
                op[0] & 2
                  ? y['return']
                  : op[0]
                    ? y['throw'] || ((t = y['return']) && t.call(y), 0)
                    : y.next) &&
              !(t = t.call(y, op[1])).done)
          )
            return t;
          if (((y = 0), t)) op = [op[0] & 2, t.value];
          switch (op[0]) {
            case 0:
            case 1:
              t = op;
              break;
            case 4:
              _.label++;
              return { value: op[1], done: false };
            case 5:
              _.label++;
              y = op[1];
              op = [0];
              continue;
            case 7:
              op = _.ops.pop();
              _.trys.pop();
              continue;
            default:
              if (
                !((t = _.trys), (t = t.length > 0 && t[t.length - 1])) &&
                (op[0] === 6 || op[0] === 2)
              ) {
                _ = 0;
                continue;
              }
              if (op[0] === 3 && (!t || (op[1] > t[0] && op[1] < t[3]))) {
                _.label = op[1];
                break;
              }
              if (op[0] === 6 && _.label < t[1]) {
                _.label = t[1];
                t = op;
                break;
              }
              if (t && _.label < t[2]) {
                _.label = t[2];
                _.ops.push(op);
                break;
              }
              if (t[2]) _.ops.pop();
              _.trys.pop();
              continue;
          }
          op = body.call(thisArg, _);
        } catch (e) {
          op = [6, e];
          y = 0;
        } finally {
          f = t = 0;
        }
      if (op[0] & 5) throw op[1];
      return { value: op[0] ? op[1] : void 0, done: true };
    }
  });
Object.defineProperty(exports, '__esModule', { value: true });
exports.createGatewayServer = createGatewayServer;
var gateway_1 = require('@apollo/gateway');
var server_1 = require('@apollo/server');
var disabled_1 = require('@apollo/server/plugin/disabled');
var default_1 = require('@apollo/server/plugin/landingPage/default');
var graphql_1 = require('@flock/graphql');
var logger_1 = require('@flock/logger');
var ForwardingDataSource = /** @class */ ((_super) => {
  __extends(ForwardingDataSource, _super);
  function ForwardingDataSource() {
    return (_super !== null && _super.apply(this, arguments)) || this;
  }
  ForwardingDataSource.prototype.willSendRequest = (_a) => {
    var _b, _c;
    var request = _a.request,
      context = _a.context;
    if (context.authorization)
      (_b = request.http) === null || _b === void 0
        ? void 0
        : _b.headers.set('authorization', context.authorization);
    if (context.correlationId)
      (_c = request.http) === null || _c === void 0
        ? void 0
        : _c.headers.set(logger_1.CORRELATION_HEADER, context.correlationId);
  };
  return ForwardingDataSource;
})(gateway_1.RemoteGraphQLDataSource);
/** The gateway: authenticates each request, plans it over the static supergraph. */
function createGatewayServer(options) {
  return __awaiter(this, void 0, void 0, function () {
    var gateway, apollo, handler;
    return __generator(this, (_a) => {
      switch (_a.label) {
        case 0:
          gateway = new gateway_1.ApolloGateway({
            supergraphSdl: options.supergraphSdl,
            buildService: (_a) => {
              var _b;
              var name = _a.name,
                url = _a.url;
              return new ForwardingDataSource({
                url: (_b = options.subgraphUrls[name]) !== null && _b !== void 0 ? _b : url,
              });
            },
          });
          apollo = new server_1.ApolloServer({
            gateway: gateway,
            introspection: options.introspection,
            csrfPrevention: true,
            includeStacktraceInErrorResponses: false,
            formatError: (0, graphql_1.createErrorFormatter)(options.logger),
            plugins: [
              (0, disabled_1.ApolloServerPluginUsageReportingDisabled)(),
              options.sandbox
                ? (0, default_1.ApolloServerPluginLandingPageLocalDefault)({
                    embed: true,
                    includeCookies: false,
                  })
                : (0, disabled_1.ApolloServerPluginLandingPageDisabled)(),
            ],
          });
          return [4 /*yield*/, apollo.start()];
        case 1:
          _a.sent();
          handler = (0, graphql_1.graphqlHandler)({
            server: apollo,
            maxBodyBytes: options.maxBodyBytes,
            context: (req) =>
              __awaiter(this, void 0, void 0, function () {
                var authorization;
                var _a;
                return __generator(this, (_b) => {
                  switch (_b.label) {
                    case 0:
                      authorization = req.headers.authorization;
                      _a = {};
                      return [4 /*yield*/, options.verifyAccessToken(authorization)];
                    case 1:
                      return [
                        2 /*return*/,
                        ((_a.viewer = _b.sent()),
                        (_a.authorization = authorization),
                        (_a.correlationId = (0, logger_1.currentCorrelationId)()),
                        _a),
                      ];
                  }
                });
              }),
          });
          return [2 /*return*/, { apollo: apollo, handler: handler }];
      }
    });
  });
}
