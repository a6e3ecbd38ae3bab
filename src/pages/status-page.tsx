import { ReadinessPanel } from '../features/system/components/readiness-panel'

export function StatusPage() {
  return (
    <>
      <title>Status — VantaHire</title>
      <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6 sm:py-16">
        <h1 className="font-bold text-3xl text-slate-900 tracking-tight">VantaHire status</h1>
        <p className="mt-3 text-slate-700 leading-7">
          If interviews fail to start or answers don't save, check here first. This page refreshes by itself.
        </p>
        <div className="mt-8">
          <ReadinessPanel />
        </div>
      </div>
    </>
  )
}
