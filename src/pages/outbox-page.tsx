import { OutboxList } from '../features/invites'

/** `/outbox`: invites kept instead of sent while no provider is configured; admins see everyone's. */
export function OutboxPage() {
  return (
    <>
      <title>Outbox — VantaHire</title>
      <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6 sm:py-12">
        <h1 className="font-bold text-3xl text-slate-900 tracking-tight">Outbox</h1>
        <p className="mt-2 text-slate-700">Invites as candidates would have received them.</p>
        <div className="mt-8">
          <OutboxList />
        </div>
      </div>
    </>
  )
}
