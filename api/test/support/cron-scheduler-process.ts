/**
 * An API instance's scheduler in a process of its own, so a test can kill it mid-run (SIGKILL, no
 * clean-up). It schedules one job, every second, whose run never ends. The parent passes the
 * database, the Redis prefix, the job's name and lock time, and this instance's id.
 */
import { loadConfig } from '../../src/infra/config.js'
import { buildServices } from '../../src/infra/container.js'
import { startCronJobs } from '../../src/jobs/registry.js'

const env = process.env
const services = buildServices(loadConfig({ ...env, NODE_ENV: 'test' }))
startCronJobs(
  services,
  [
    {
      name: env.CRON_TEST_JOB ?? 'hanging-job',
      schedule: '* * * * * *',
      description: 'Starts and never ends, like a run stuck on a provider.',
      lockMs: Number(env.CRON_TEST_LOCK_MS ?? 1500),
      run: () => new Promise(() => undefined),
    },
  ],
  { instanceId: env.CRON_TEST_INSTANCE ?? 'child' },
)
process.stdout.write('scheduling\n')
