/**
 * Where integrators read what a key can do: the API reference, served by the API itself at
 * `/api/docs` (a page of its own, outside the SPA, so a full navigation).
 */
export function ApiReferenceLink() {
  return (
    <p className="mt-3 text-slate-700 leading-7">
      Every route, who may call it and every answer it can give are in the{' '}
      <a
        href="/api/docs"
        className="font-medium text-brand-700 underline underline-offset-4 hover:text-brand-900"
      >
        API reference
      </a>
      , with the OpenAPI document at{' '}
      <a
        href="/api/openapi.json"
        className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-brand-700 text-sm underline underline-offset-4 hover:text-brand-900"
      >
        /api/openapi.json
      </a>{' '}
      for client generators.
    </p>
  )
}
