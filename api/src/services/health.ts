import type { Services } from '../infra/container.js'
import { withTimeout } from '../lib/async.js'
import type { ReadinessChecks } from '../schemas/health.js'

const CHECK_TIMEOUT_MS = 2_000

export type Readiness =
  | { isReady: true; checks: ReadinessChecks }
  | { isReady: false; message: string; details: { checks: ReadinessChecks; isShuttingDown: boolean } }

/**
 * Whether this instance can serve traffic: Postgres and Redis answer, and it is not shutting down.
 * Public, so `(deps)` with no actor. When not ready, `message` names what is down for people and
 * `details` says it per dependency for the readiness panel.
 */
export async function checkReadiness(
  deps: Pick<Services, 'prisma' | 'redis' | 'lifecycle'>,
): Promise<Readiness> {
  // Taken when the probe arrives: a probe that was in flight when shutdown began still finishes
  // with the answer it set out to give.
  const isShuttingDown = deps.lifecycle.isShuttingDown
  const checks = await checkDependencies(deps)
  if (checks.postgres === 'ok' && checks.redis === 'ok' && !isShuttingDown) return { isReady: true, checks }
  return {
    isReady: false,
    message: isShuttingDown ? 'This instance is shutting down' : describeUnreachable(checks),
    details: { checks, isShuttingDown },
  }
}

/** Asks Postgres and Redis for a round trip, each bounded so a probe never hangs. */
async function checkDependencies({
  prisma,
  redis,
}: Pick<Services, 'prisma' | 'redis'>): Promise<ReadinessChecks> {
  const [postgres, redisCheck] = await Promise.all([
    isReachable(() => prisma.$queryRaw`SELECT 1`, 'postgres'),
    // A disconnected client is known to be down; asking it would only wait for a reconnect attempt.
    redis.status === 'ready' ? isReachable(() => redis.ping(), 'redis') : Promise.resolve(false),
  ])
  return { postgres: postgres ? 'ok' : 'unreachable', redis: redisCheck ? 'ok' : 'unreachable' }
}

async function isReachable(check: () => Promise<unknown>, name: string): Promise<boolean> {
  try {
    await withTimeout(check(), CHECK_TIMEOUT_MS, name)
    return true
  } catch {
    return false
  }
}

const DEPENDENCY_NAMES: Record<keyof ReadinessChecks, string> = { postgres: 'Postgres', redis: 'Redis' }

/** "Redis is not reachable", "Postgres and Redis are not reachable". */
function describeUnreachable(checks: ReadinessChecks): string {
  const down = (Object.keys(checks) as (keyof ReadinessChecks)[])
    .filter((name) => checks[name] !== 'ok')
    .map((name) => DEPENDENCY_NAMES[name])
  return down.length === 1 ? `${down[0]} is not reachable` : `${down.join(' and ')} are not reachable`
}
