/**
 * Another person acting through the API while the browser test watches: an admin deciding on a
 * job, a candidate applying. Signs in by development sign-in and sends the session cookie and the
 * Origin the API's CSRF check asks for, as the SPA would.
 */
export type ApiSession = {
  userId: string
  /** Sends JSON (when `body` is given) and returns the parsed answer; a non-2xx answer throws with its body. */
  request<T = any>(method: string, path: string, body?: unknown): Promise<T>
  /** Uploads one file (POST /api/files) with the form fields given in the query string. */
  upload(
    query: Record<string, string>,
    file: { name: string; type: string; content: Buffer },
  ): Promise<{ id: string }>
}

export async function signInByApi(
  baseUrl: string,
  user: { email: string; role: 'CANDIDATE' | 'RECRUITER' | 'ADMIN'; fullName?: string },
): Promise<ApiSession> {
  const signIn = await fetch(`${baseUrl}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify(user),
  })
  if (!signIn.ok) throw new Error(`dev-login as ${user.email}: ${signIn.status} ${await signIn.text()}`)
  const cookie = signIn.headers.getSetCookie()[0]?.split(';')[0] ?? ''
  const { user: signedIn } = (await signIn.json()) as { user: { id: string } }

  async function read<T>(res: Response, what: string): Promise<T> {
    const text = await res.text()
    if (!res.ok) throw new Error(`${what}: ${res.status} ${text}`)
    return (text ? JSON.parse(text) : undefined) as T
  }

  return {
    userId: signedIn.id,
    async request(method, path, body) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          origin: baseUrl,
          cookie,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      return read(res, `${method} ${path}`)
    },
    async upload(query, file) {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(file.content)], { type: file.type }), file.name)
      const res = await fetch(`${baseUrl}/api/files?${new URLSearchParams(query)}`, {
        method: 'POST',
        headers: { origin: baseUrl, cookie },
        body: form,
      })
      return read(res, 'POST /api/files')
    },
  }
}

/** A one-page PDF that viewers can render, saying `text`. */
export function samplePdf(text: string): Buffer {
  const stream = `BT /F1 24 Tf 40 100 Td (${text}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let pdf = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, index) => {
    offsets.push(pdf.length)
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = pdf.length
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(pdf, 'latin1')
}

/** An email address no other test (or earlier run on the same database) uses. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@vantahire.test`
}
