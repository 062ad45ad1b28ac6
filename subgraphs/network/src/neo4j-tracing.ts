import { type Span, SpanKind, trace, tracer, withSpan } from '@flock/telemetry';
import type { Driver } from 'neo4j-driver';

const spans = tracer('neo4j');
const MAX_QUERY_TEXT = 2_000;

/** Inside an operation already traced (recording): Neo4j calls outside one start no trace. */
const traced = () => trace.getActiveSpan()?.isRecording() === true;

function neo4jSpan<T>(name: string, query: string | undefined, fn: (span: Span) => Promise<T>) {
  return withSpan(
    spans,
    `neo4j ${name}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system.name': 'neo4j',
        'db.operation.name': name,
        ...(query ? { 'db.query.text': query.slice(0, MAX_QUERY_TEXT) } : {}),
      },
    },
    fn,
  );
}

/** `target`, its methods bound to it (neo4j-driver's classes keep private fields). */
function bound<T extends object>(target: T, overrides: Partial<Record<keyof T, unknown>>): T {
  return new Proxy(target, {
    get(object, property, _receiver) {
      if (property in overrides) return overrides[property as keyof T];
      const value = Reflect.get(object, property, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

/**
 * The driver, with a span for each Neo4j call made inside a traced operation: a query
 * (`executeQuery`, the Cypher as `db.query.text`) or a managed transaction
 * (`executeRead`/`executeWrite` of a session, as @neo4j/graphql runs its Cypher, which the
 * span records). Outside tracing, calls go straight to the driver.
 */
export function tracedDriver(driver: Driver): Driver {
  return bound(driver, {
    executeQuery: ((query: string, ...rest: unknown[]) =>
      traced()
        ? neo4jSpan('executeQuery', query, () =>
            (driver.executeQuery as (...args: unknown[]) => Promise<unknown>)(query, ...rest),
          )
        : (driver.executeQuery as (...args: unknown[]) => Promise<unknown>)(
            query,
            ...rest,
          )) as never,
    session: ((config?: Parameters<Driver['session']>[0]) => {
      const session = driver.session(config);
      const managed =
        (mode: 'executeRead' | 'executeWrite') =>
        (work: (tx: unknown) => Promise<unknown>, txConfig?: unknown) => {
          const run = session[mode].bind(session) as (
            work: (tx: unknown) => Promise<unknown>,
            config?: unknown,
          ) => Promise<unknown>;
          if (!traced()) return run(work, txConfig);
          return neo4jSpan(mode, undefined, (span) =>
            run(
              (tx) =>
                work(
                  bound(tx as { run: (query: string, ...rest: unknown[]) => unknown }, {
                    run: (query: string, ...rest: unknown[]) => {
                      span.setAttribute('db.query.text', query.slice(0, MAX_QUERY_TEXT));
                      return (tx as { run: (q: string, ...r: unknown[]) => unknown }).run(
                        query,
                        ...rest,
                      );
                    },
                  }),
                ),
              txConfig,
            ),
          );
        };
      return bound(session, {
        executeRead: managed('executeRead'),
        executeWrite: managed('executeWrite'),
      });
    }) as never,
  });
}
