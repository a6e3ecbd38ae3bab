import { defineConfig } from 'prisma/config'

// Only `prisma generate` reads this file. Migrations run through scripts/db (Prisma's WebAssembly
// schema engine), which take the connection URL from src/infra/config.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
})
