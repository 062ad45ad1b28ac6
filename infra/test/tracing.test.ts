import { resolveLocalStack } from '@flock/env';
import { describe, expect, it } from 'vitest';
import { components, isolatedStack, secondStackEnv } from '../stack';
import { serviceEnv } from '../stack/services';

const names = (stack: ReturnType<typeof resolveLocalStack>) =>
  components(stack).map((component) => component.name);

describe('tracing in the local stack', () => {
  it('runs Zipkin on 9411 by default and gives every service the exporter endpoint', () => {
    const stack = resolveLocalStack({});
    expect(stack.tracing).toBe(true);
    expect(stack.zipkinUrl).toBe('http://127.0.0.1:9411');
    expect(names(stack)).toContain('zipkin');
    const zipkin = components(stack).find((component) => component.name === 'zipkin');
    expect(zipkin?.endpoint).toBe('http://127.0.0.1:9411/zipkin/');
    expect(zipkin?.optional).toBe(true);
    for (const service of ['gateway', 'posts', 'feed-worker', 'mailer'] as const) {
      expect(serviceEnv(stack, service)).toMatchObject({
        OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'http://127.0.0.1:9411/api/v2/spans',
        OTEL_TRACES_SAMPLER_ARG: '1',
      });
    }
  });

  it('samples the share OTEL_TRACES_SAMPLER_ARG gives (0.1, as in production), and refuses 2', () => {
    const stack = resolveLocalStack({ OTEL_TRACES_SAMPLER_ARG: '0.1' });
    expect(serviceEnv(stack, 'gateway').OTEL_TRACES_SAMPLER_ARG).toBe('0.1');
    expect(() => resolveLocalStack({ OTEL_TRACES_SAMPLER_ARG: '2' })).toThrow(
      /OTEL_TRACES_SAMPLER_ARG/,
    );
  });

  it('traces with AsyncLocalStorage everywhere by default; production leaves each service its own', () => {
    expect(serviceEnv(resolveLocalStack({}), 'posts').FLOCK_TRACE_CONTEXT).toBe('async');
    const production = resolveLocalStack({ FLOCK_TRACE_CONTEXT: 'production' });
    expect(serviceEnv(production, 'posts').FLOCK_TRACE_CONTEXT).toBe('');
    expect(() => resolveLocalStack({ FLOCK_TRACE_CONTEXT: 'sometimes' })).toThrow(
      /FLOCK_TRACE_CONTEXT/,
    );
  });

  it('follows ZIPKIN_PORT', () => {
    const stack = resolveLocalStack({ ZIPKIN_PORT: '9500' });
    expect(serviceEnv(stack, 'posts').OTEL_EXPORTER_ZIPKIN_ENDPOINT).toBe(
      'http://127.0.0.1:9500/api/v2/spans',
    );
  });

  it('FLOCK_TRACING=off starts no Zipkin and sets no exporter variable', () => {
    const stack = resolveLocalStack({ FLOCK_TRACING: 'off' });
    expect(stack.tracing).toBe(false);
    expect(names(stack)).not.toContain('zipkin');
    const env = serviceEnv(stack, 'gateway');
    expect(env).not.toHaveProperty('OTEL_EXPORTER_ZIPKIN_ENDPOINT');
    expect(env).not.toHaveProperty('OTEL_TRACES_SAMPLER_ARG');
  });

  it('refuses a FLOCK_TRACING it does not know', () => {
    expect(() => resolveLocalStack({ FLOCK_TRACING: 'maybe' })).toThrow(/FLOCK_TRACING/);
  });

  it('a second stack traces only when asked, on its own port', () => {
    const quiet = isolatedStack(secondStackEnv({ stateDir: '/tmp/flock-second' }));
    expect(quiet.tracing).toBe(false);
    expect(quiet.zipkinUrl).toBe('http://127.0.0.1:19411');

    const traced = isolatedStack(
      secondStackEnv({ stateDir: '/tmp/flock-second', offset: 20_000, tracing: true }),
    );
    expect(traced.tracing).toBe(true);
    expect(serviceEnv(traced, 'feed-worker').OTEL_EXPORTER_ZIPKIN_ENDPOINT).toBe(
      'http://127.0.0.1:29411/api/v2/spans',
    );
    expect(() =>
      isolatedStack(
        secondStackEnv({
          stateDir: '/tmp/flock-second',
          tracing: true,
          base: { ZIPKIN_PORT: '9411' },
        }),
      ),
    ).toThrow(/ZIPKIN_PORT/);
  });
});
