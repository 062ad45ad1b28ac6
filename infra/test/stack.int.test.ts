import { resolveLocalStack } from '@flock/env';
import { pollFor, uniqueId } from '@flock/testing';
import neo4j from 'neo4j-driver';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';

const stack = resolveLocalStack(process.env);

describe('the local stack', () => {
  it('answers Postgres queries', async () => {
    const client = new pg.Client({ connectionString: stack.postgresUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ sum: number }>(
        'SELECT $1::int + $2::int AS sum',
        [40, 2],
      );
      expect(rows[0]?.sum).toBe(42);
    } finally {
      await client.end();
    }
  });

  it('round-trips a value through Redis', async () => {
    const client = createClient({ url: stack.redisUrl });
    await client.connect();
    try {
      const key = `test:{${uniqueId()}}:value`;
      await client.set(key, 'hello', { expiration: { type: 'EX', value: 60 } });
      expect(await client.get(key)).toBe('hello');
      await client.del(key);
    } finally {
      await client.quit();
    }
  });

  it('runs Cypher over Bolt with the APOC calls @neo4j/graphql needs', async () => {
    const driver = neo4j.driver(stack.neo4jUri);
    try {
      const label = uniqueId('Probe');
      const { records } = await driver.executeQuery(
        `CREATE (n:\`${label}\` {at: '2026-11-27'})
         WITH n
         CALL apoc.util.validate(false, 'never raised', [0])
         RETURN apoc.util.validatePredicate(false, 'never raised', [0]) AS passed,
                apoc.date.convertFormat(n.at, 'date', 'basic_date') AS converted`,
      );
      expect(records[0]?.get('passed')).toBe(true);
      expect(records[0]?.get('converted')).toBe('20261127');

      // The procedure raises when its predicate holds: that is how authorization fails.
      await expect(
        driver.executeQuery(`CALL apoc.util.validate(true, 'forbidden %s', ['here']) RETURN 1`),
      ).rejects.toThrow(/forbidden here/);
      await driver.executeQuery(`MATCH (n:\`${label}\`) DELETE n`);
    } finally {
      await driver.close();
    }
  });

  it('delivers an email sent with nodemailer to the catcher', async () => {
    const subject = `Hello ${uniqueId()}`;
    const transport = nodemailer.createTransport(stack.smtpUrl);
    await transport.sendMail({
      from: 'Flock <no-reply@flock.local>',
      to: 'ada@example.com',
      subject,
      text: 'Welcome to Flock',
    });
    transport.close();

    const found = await pollFor(
      async () => {
        const response = await fetch(`${stack.mailWebUrl}/api/email`);
        const emails = (await response.json()) as { subject: string; text: string }[];
        return emails.find((e) => e.subject === subject);
      },
      { description: 'the email in the catcher' },
    );
    expect(found.text.trim()).toBe('Welcome to Flock');
  });
});
