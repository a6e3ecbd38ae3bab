import { describe, expect, it } from 'vitest'
import { AppError } from './errors.js'
import { type FileByteLimit, isMultipartFormData, readMultipartFile } from './multipart.js'

const FIELDS = ['category', 'interviewId'] as const
const LIMITS = { fields: 4, fieldNameBytes: 20, fieldBytes: 40 }
const BOUNDARY = 'test-boundary'
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`
const ANY_SIZE: FileByteLimit = { maxBytes: 1024 * 1024, onExceeded: () => new Error('too large') }

/** The request a browser would send for `form`: its body as a stream and its content type. */
function encode(form: FormData) {
  const request = new Request('http://localhost/upload', { method: 'POST', body: form })
  return { body: request.body, contentType: request.headers.get('content-type') ?? '' }
}

function formOf(fields: [string, string][], file?: { field?: string; bytes: Uint8Array; name: string }) {
  const form = new FormData()
  for (const [name, value] of fields) form.append(name, value)
  if (file) form.append(file.field ?? 'file', new Blob([file.bytes]), file.name)
  return form
}

function read(
  request: { body: ReadableStream<Uint8Array> | null; contentType: string },
  options: {
    knownFields?: Partial<Record<(typeof FIELDS)[number], string>>
    limit?: FileByteLimit
    onFileStart?: Parameters<typeof readMultipartFile<(typeof FIELDS)[number]>>[0]['onFileStart']
  } = {},
) {
  return readMultipartFile({
    ...request,
    fieldNames: FIELDS,
    knownFields: options.knownFields,
    fileFieldName: 'file',
    limits: LIMITS,
    onFileStart: options.onFileStart ?? (async () => options.limit ?? ANY_SIZE),
  })
}

const badRequest = (message: string) => expect.objectContaining({ code: 'BAD_REQUEST', message })

/** A multipart body written by hand: the head of one file part, then `chunk` forever, counting pulls. */
function endlessUpload(chunk: Uint8Array) {
  const head = new TextEncoder().encode(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="category"\r\n\r\nLOGO\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n\r\n`,
  )
  const state = { pulls: 0, isCancelled: false }
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulls += 1
      controller.enqueue(state.pulls === 1 ? head : chunk)
    },
    cancel() {
      state.isCancelled = true
    },
  })
  return { request: { body, contentType: CONTENT_TYPE }, state }
}

describe('isMultipartFormData', () => {
  it.each([
    ['multipart/form-data; boundary=x', true],
    ['Multipart/Form-Data ; boundary=x', true],
    ['multipart/form-data', false],
    ['application/json', false],
    ['multipart/mixed; boundary=x', false],
    [undefined, false],
  ])('%s → %s', (contentType, expected) => {
    expect(isMultipartFormData(contentType)).toBe(expected)
  })
})

describe('readMultipartFile', () => {
  it('reads the fields before the file and the file with its UTF-8 name', async () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5])
    const seen: unknown[] = []
    const result = await read(
      encode(
        formOf(
          [
            ['category', 'RESUME'],
            ['ignored', 'x'],
          ],
          { bytes, name: 'Résumé.pdf' },
        ),
      ),
      {
        onFileStart: async (start) => {
          seen.push(start)
          return ANY_SIZE
        },
      },
    )
    expect(seen).toEqual([{ fields: { category: 'RESUME' }, filename: 'Résumé.pdf' }])
    expect(result).toEqual({
      fields: { category: 'RESUME' },
      filename: 'Résumé.pdf',
      data: Buffer.from(bytes),
      size: bytes.length,
    })
  })

  it('hands the file to `write` as it arrives, reading no further while a write is pending', async () => {
    const bytes = new Uint8Array(300_000).map((_, index) => index % 251)
    const received: Buffer[] = []
    let writesInFlight = 0
    let mostInFlight = 0
    const result = await read(encode(formOf([['category', 'RESUME']], { bytes, name: 'big.pdf' })), {
      limit: {
        ...ANY_SIZE,
        write: (chunk) => {
          received.push(Buffer.from(chunk))
          writesInFlight++
          mostInFlight = Math.max(mostInFlight, writesInFlight)
          return new Promise<void>((resolve) =>
            setTimeout(() => {
              writesInFlight--
              resolve()
            }, 1),
          )
        },
      },
    })
    expect(result.size).toBe(bytes.length)
    expect(result.data.length).toBe(0)
    expect(Buffer.concat(received).equals(Buffer.from(bytes))).toBe(true)
    expect(mostInFlight).toBe(1)
  })

  it('fails the read when a write fails', async () => {
    const bytes = new Uint8Array(1000)
    const failure = new Error('database unavailable')
    await expect(
      read(encode(formOf([['category', 'RESUME']], { bytes, name: 'a.pdf' })), {
        limit: { ...ANY_SIZE, write: () => Promise.reject(failure) },
      }),
    ).rejects.toBe(failure)
  })

  it('adds known fields, and refuses a form field that contradicts one', async () => {
    const file = { bytes: new Uint8Array([1]), name: 'a.txt' }
    const same = await read(encode(formOf([['category', 'LOGO']], file)), {
      knownFields: { category: 'LOGO' },
    })
    expect(same.fields).toEqual({ category: 'LOGO' })
    const known = await read(encode(formOf([], file)), { knownFields: { interviewId: 'i-1' } })
    expect(known.fields).toEqual({ interviewId: 'i-1' })
    await expect(
      read(encode(formOf([['category', 'RESUME']], file)), { knownFields: { category: 'LOGO' } }),
    ).rejects.toEqual(badRequest('category is given twice, with different values.'))
  })

  it('accepts a file of exactly the limit and refuses one byte more with the caller’s error', async () => {
    const limit = {
      maxBytes: 10,
      onExceeded: () => new AppError({ code: 'PAYLOAD_TOO_LARGE', message: 'big' }),
    }
    const exact = await read(encode(formOf([], { bytes: new Uint8Array(10), name: 'a' })), { limit })
    expect(exact.data.length).toBe(10)
    await expect(
      read(encode(formOf([], { bytes: new Uint8Array(11), name: 'a' })), { limit }),
    ).rejects.toEqual(expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE', message: 'big' }))
  })

  it('stops pulling the body once the limit is passed, however much more the client sends', async () => {
    const { request, state } = endlessUpload(new Uint8Array(16 * 1024))
    const tooLarge = new Error('too large')
    await expect(read(request, { limit: { maxBytes: 100 * 1024, onExceeded: () => tooLarge } })).rejects.toBe(
      tooLarge,
    )
    expect(state.isCancelled).toBe(true)
    // The limit needs 7 chunks; the parser may have a few more in hand when it notices.
    expect(state.pulls).toBeLessThan(20)
  })

  it('refuses the upload before any file byte is read when onFileStart throws', async () => {
    const { request, state } = endlessUpload(new Uint8Array(16 * 1024))
    const refused = new AppError({ code: 'FORBIDDEN', message: 'no' })
    await expect(
      read(request, {
        onFileStart: async (start) => {
          expect(start.fields).toEqual({ category: 'LOGO' })
          throw refused
        },
      }),
    ).rejects.toBe(refused)
    expect(state.isCancelled).toBe(true)
    expect(state.pulls).toBeLessThan(20)
  })

  it('wants the fields before the file', async () => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array([1])]), 'a.txt')
    form.append('category', 'RESUME')
    await expect(read(encode(form))).rejects.toEqual(
      badRequest('Send category and interviewId before the file.'),
    )
  })

  it.each([
    [
      'no file part',
      () => encode(formOf([['category', 'LOGO']])),
      badRequest('The form has no `file` part.'),
    ],
    [
      'the file in another field',
      () => encode(formOf([], { field: 'upload', bytes: new Uint8Array([1]), name: 'a' })),
      badRequest('Send the file in the `file` field.'),
    ],
    [
      'two files',
      () => {
        const form = formOf([], { bytes: new Uint8Array([1]), name: 'a' })
        form.append('file', new Blob([new Uint8Array([2])]), 'b')
        return encode(form)
      },
      badRequest('Upload one file at a time.'),
    ],
    [
      'too many fields',
      () =>
        encode(
          formOf(
            Array.from({ length: 6 }, (_, index): [string, string] => [`extra${index}`, 'x']),
            { bytes: new Uint8Array([1]), name: 'a' },
          ),
        ),
      badRequest('The form has too many fields.'),
    ],
    [
      'a field too long',
      () => encode(formOf([['category', 'x'.repeat(100)]], { bytes: new Uint8Array([1]), name: 'a' })),
      badRequest('The category field is too long.'),
    ],
    ['no body', () => ({ body: null, contentType: CONTENT_TYPE }), badRequest('The upload has no body.')],
    [
      'no boundary',
      () => ({ body: new Blob(['x']).stream(), contentType: 'multipart/form-data; charset=utf-8' }),
      badRequest('The multipart body has no boundary.'),
    ],
    [
      'a body that ends inside a part',
      () => ({
        body: new Blob([
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="category"\r\n\r\nLO`,
        ]).stream(),
        contentType: CONTENT_TYPE,
      }),
      badRequest('The multipart body is malformed.'),
    ],
  ])('refuses %s with 400', async (_label, request, error) => {
    await expect(read(request())).rejects.toEqual(error)
  })

  it('refuses text Postgres cannot store, in fields and in the file name', async () => {
    const file = { bytes: new Uint8Array([1]), name: 'a' }
    await expect(read(encode(formOf([['category', 'a\u0000b']], file)))).rejects.toEqual(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: { issues: [{ path: 'body.category', message: expect.stringContaining('NUL') }] },
      }),
    )
    // Browsers cannot put a NUL in a file name; a hand-written RFC 8187 name can.
    const rawName = new Blob([
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''cv%00.pdf\r\n\r\n`,
      `x\r\n--${BOUNDARY}--\r\n`,
    ])
    await expect(read({ body: rawName.stream(), contentType: CONTENT_TYPE })).rejects.toEqual(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: {
          issues: [{ path: 'body.file', message: expect.stringContaining('has a file name that') }],
        },
      }),
    )
  })
})
