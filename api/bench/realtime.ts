// npm run bench:realtime — live events at scale. Two API instances (child processes, as in
// production: one Redis, the socket.io Redis Streams adapter between them) hold CLIENTS socket.io
// clients, half on each, hosted by two client processes. A recruiter's edit arrives over HTTP at
// instance A:
//   - targeted: an interview's notes change; its recruiter (one of the clients) gets
//     `interview:updated`, either on A itself (same instance) or on B (cross-instance);
//   - broadcast: a job changes; `job:updated` goes to every admin, and all clients are admins.
// Latency is from the event's publication on A (the envelope's timestamp) to its arrival in the
// client process. Also counts deliveries, so a lost event shows as `missing`. Nothing is asserted.
//
//   npm run bench:realtime              1,000 clients
//   npm run bench:realtime -- 200       another number of clients
import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createSignInSession } from '../src/services/sign-in-sessions.js'
import { createInterview, createJob, createUser } from '../test/support/factories.js'
import { APP_ORIGIN } from '../test/support/http.js'
import { percentile } from './support/measure.js'
import type { Delivery, SocketClientsReply, SocketClientsRequest } from './support/socket-clients.js'
import { type ApiProcess, type BenchStack, startApiProcess, startBenchStack } from './support/stack.js'

const CLIENTS = Number(process.argv[2] ?? 1000)
const TARGETED_EVENTS = 200
const TARGETED_CONCURRENCY = 4
const BROADCASTS = 30
/** Between broadcasts, so that each is measured on its own rather than queued behind the last. */
const BROADCAST_GAP_MS = 150

type ClientProcess = {
  request(message: SocketClientsRequest): void
  next<K extends SocketClientsReply['kind']>(kind: K): Promise<Extract<SocketClientsReply, { kind: K }>>
  child: ChildProcess
}

function startClientProcess(): ClientProcess {
  const child = fork(fileURLToPath(new URL('./support/socket-clients.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
  })
  return {
    child,
    request: (message) => child.send(message),
    next: (kind) =>
      new Promise((resolve) => {
        const onMessage = (message: SocketClientsReply) => {
          if (message.kind !== kind) return
          child.off('message', onMessage)
          resolve(message as never)
        }
        child.on('message', onMessage)
      }),
  }
}

async function connect(clients: ClientProcess, url: string, cookies: string[]) {
  const connected = clients.next('connected')
  clients.request({ kind: 'connect', url, cookies })
  const { count, failed } = await connected
  if (failed > 0)
    throw new Error(`${failed} of ${cookies.length} socket.io clients could not connect to ${url}`)
  return count
}

async function collect(clients: ClientProcess): Promise<Delivery[]> {
  const reply = clients.next('report')
  clients.request({ kind: 'report' })
  return (await reply).deliveries
}

async function closeClients(clients: ClientProcess) {
  const closed = clients.next('closed')
  clients.request({ kind: 'close' })
  await closed
}

async function send(url: string, path: string, cookie: string, body: unknown) {
  const response = await fetch(new URL(path, url), {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', origin: APP_ORIGIN, cookie: `vh_session=${cookie}` },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`PATCH ${path}: ${response.status} ${await response.text()}`)
}

/** Waits until the deliveries stop growing (or the expected count arrives). */
async function settle(processes: ClientProcess[], expected: number, all: Delivery[][]) {
  const deadline = Date.now() + 10_000
  let received = 0
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200))
    const batches = await Promise.all(processes.map(collect))
    for (const [index, batch] of batches.entries()) all[index]?.push(...batch)
    received = all.reduce((sum, batch) => sum + batch.length, 0)
    if (received >= expected) return
  }
}

function describe(label: string, latencies: number[]) {
  if (latencies.length === 0) return `${label}: no deliveries`
  const format = (value: number) => `${value.toFixed(1)} ms`
  return `${label}: n=${latencies.length} p50=${format(percentile(latencies, 50))} p95=${format(percentile(latencies, 95))} p99=${format(percentile(latencies, 99))} max=${format(Math.max(...latencies))}`
}

async function signIn(stack: BenchStack, user: { id: string; role: 'RECRUITER' | 'ADMIN' }) {
  const { token } = await createSignInSession(stack.services, { userId: user.id, role: user.role })
  return token
}

async function cpuOf(api: ApiProcess) {
  return (await api.readUsage()).cpuMs
}

/** `make` for every index, a few at a time, so the database pool is not flooded. */
async function times<T>(count: number, make: () => Promise<T>): Promise<T[]> {
  const made: T[] = []
  for (let start = 0; start < count; start += 20)
    made.push(...(await Promise.all(Array.from({ length: Math.min(20, count - start) }, make))))
  return made
}

const stack = await startBenchStack()
// No background jobs: their runs would be measured as the servers' work.
const instanceA = await startApiProcess(stack, { env: { CRON_ENABLED: 'false' } })
const instanceB = await startApiProcess(stack, { env: { CRON_ENABLED: 'false' } })
const clientsA = startClientProcess()
const clientsB = startClientProcess()
const figures: Record<string, number> = {}
try {
  console.log(
    `VantaHire realtime benchmark — node ${process.version}, ${CLIENTS} clients on two instances, ${new Date().toISOString()}\n`,
  )
  const half = Math.ceil(CLIENTS / 2)

  // Targeted: every client is a recruiter with one interview.
  const recruiters = await times(CLIENTS, async () => {
    const user = await createUser(stack.services, { role: 'RECRUITER' })
    const interview = await createInterview(stack.services, { recruiterId: user.id })
    return { interviewId: interview.id, cookie: await signIn(stack, { id: user.id, role: 'RECRUITER' }) }
  })
  const onA = recruiters.slice(0, half)
  const onB = recruiters.slice(half)
  await connect(
    clientsA,
    instanceA.url,
    onA.map((r) => r.cookie),
  )
  await connect(
    clientsB,
    instanceB.url,
    onB.map((r) => r.cookie),
  )
  console.log(`## targeted events (interview:updated to its recruiter), ${TARGETED_EVENTS} per path`)
  const targeted: Delivery[][] = [[], []]
  let sequence = 0
  const cpuBefore = await Promise.all([cpuOf(instanceA), cpuOf(instanceB)])
  for (const group of [onA, onB]) {
    let next = 0
    await Promise.all(
      Array.from({ length: TARGETED_CONCURRENCY }, async () => {
        while (next < TARGETED_EVENTS) {
          const recruiter = group[next++ % group.length]
          if (!recruiter) return
          await send(instanceA.url, `/api/interviews/${recruiter.interviewId}`, recruiter.cookie, {
            candidateNotes: `bench:${sequence++}`,
          })
        }
      }),
    )
  }
  await settle([clientsA, clientsB], TARGETED_EVENTS * 2, targeted)
  const cpuAfter = await Promise.all([cpuOf(instanceA), cpuOf(instanceB)])
  const same = targeted[0]?.map((d) => d.latencyMs) ?? []
  const cross = targeted[1]?.map((d) => d.latencyMs) ?? []
  console.log(describe('same instance (A → A)', same))
  console.log(describe('cross-instance (A → B)', cross))
  console.log(`missing: ${TARGETED_EVENTS * 2 - same.length - cross.length}`)
  console.log(
    `server CPU: A ${(cpuAfter[0] - cpuBefore[0]).toFixed(0)} ms, B ${(cpuAfter[1] - cpuBefore[1]).toFixed(0)} ms\n`,
  )
  figures.targetedCrossP99 = percentile(cross, 99)
  figures.targetedSameP99 = percentile(same, 99)
  await Promise.all([closeClients(clientsA), closeClients(clientsB)])

  // Broadcast: every client is an admin; one recruiter without a socket edits a job.
  const admins = await times(CLIENTS, async () => {
    const user = await createUser(stack.services, { role: 'ADMIN' })
    return signIn(stack, { id: user.id, role: 'ADMIN' })
  })
  await connect(clientsA, instanceA.url, admins.slice(0, half))
  await connect(clientsB, instanceB.url, admins.slice(half))
  const owner = await createUser(stack.services, { role: 'RECRUITER' })
  const job = await createJob(stack.services, { recruiterId: owner.id })
  const ownerCookie = await signIn(stack, { id: owner.id, role: 'RECRUITER' })
  console.log(`## broadcast (job:updated to ${CLIENTS} admins), ${BROADCASTS} events`)
  const broadcast: Delivery[][] = [[], []]
  const cpuBeforeBroadcast = await Promise.all([cpuOf(instanceA), cpuOf(instanceB)])
  for (let index = 0; index < BROADCASTS; index++) {
    await send(instanceA.url, `/api/jobs/${job.id}`, ownerCookie, { location: `bench:${index}` })
    await new Promise((resolve) => setTimeout(resolve, BROADCAST_GAP_MS))
  }
  await settle([clientsA, clientsB], BROADCASTS * CLIENTS, broadcast)
  const cpuAfterBroadcast = await Promise.all([cpuOf(instanceA), cpuOf(instanceB)])
  const sameAll = broadcast[0]?.map((d) => d.latencyMs) ?? []
  const crossAll = broadcast[1]?.map((d) => d.latencyMs) ?? []
  const lastPerEvent = new Map<string, number>()
  for (const delivery of [...(broadcast[0] ?? []), ...(broadcast[1] ?? [])])
    lastPerEvent.set(delivery.marker, Math.max(lastPerEvent.get(delivery.marker) ?? 0, delivery.latencyMs))
  const delivered = sameAll.length + crossAll.length
  console.log(describe('every delivery, same instance', sameAll))
  console.log(describe('every delivery, cross-instance', crossAll))
  console.log(describe('last client per event', [...lastPerEvent.values()]))
  console.log(`missing: ${BROADCASTS * CLIENTS - delivered}`)
  console.log(
    `server CPU per broadcast: A ${((cpuAfterBroadcast[0] - cpuBeforeBroadcast[0]) / BROADCASTS).toFixed(1)} ms, B ${((cpuAfterBroadcast[1] - cpuBeforeBroadcast[1]) / BROADCASTS).toFixed(1)} ms\n`,
  )
  const all = [...sameAll, ...crossAll]
  console.log(
    `realtime bench: clients=${CLIENTS} targeted_cross_p99=${figures.targetedCrossP99.toFixed(1)} targeted_same_p99=${figures.targetedSameP99.toFixed(1)} broadcast_p99=${percentile(all, 99).toFixed(1)} broadcast_last_p99=${percentile([...lastPerEvent.values()], 99).toFixed(1)} missing=${TARGETED_EVENTS * 2 - same.length - cross.length + BROADCASTS * CLIENTS - delivered}`,
  )
} finally {
  clientsA.child.kill()
  clientsB.child.kill()
  await Promise.all([instanceA.stop(), instanceB.stop()])
  await stack.stop()
}
process.exit(0)
