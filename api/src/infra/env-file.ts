import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Local development reads the repository's `.env` (copied from `.env.example`). Variables already
 * set in the environment win, and deployments (Railway, containers) simply have no such file.
 */
export function loadDotEnv(): void {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, '.env.example'))) {
      const path = join(dir, '.env')
      if (existsSync(path)) process.loadEnvFile(path)
      return
    }
  }
}
