import { useState } from 'react'
import { api } from '../../../lib/api'

/** A company's logo: logos are public files, so no token is needed. One that fails to load is left out. */
export function CompanyLogo({ fileId, company }: { fileId: string; company: string }) {
  const [hasFailed, setHasFailed] = useState(false)
  if (hasFailed) return null
  const url = api.api.files[':id'].$url({ param: { id: fileId } })
  return (
    <img
      src={`${url.pathname}${url.search}`}
      alt={`${company} logo`}
      onError={() => setHasFailed(true)}
      className="size-12 shrink-0 rounded-xl border border-slate-200 bg-white object-contain p-1"
    />
  )
}
