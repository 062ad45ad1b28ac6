import { defineConfig } from 'prisma/config';

// Used by `prisma generate` (see infra/stack/prisma.ts). Each service's schema is generated
// with --schema; migrations are applied by `npm run db:migrate` (infra/cli.ts).
export default defineConfig({});
