import busboy from 'busboy'
import { AppError } from './errors.js'
import { checkStorableText, unstorableInputError } from './storable-text.js'

/**
 * How many bytes of the file may arrive, and what refuses the request once more do. With `write`,
 * the file's bytes go to it as they arrive instead of being collected: while the promise it returns
 * is pending, reading pauses (so memory holds a slice, not the file); a rejection fails the read.
 */
export type FileByteLimit = {
  maxBytes: number
  onExceeded: () => Error
  write?: (chunk: Buffer) => Promise<void> | undefined
}

/** Bounds on the form around the file, so a hostile body cannot make the parser hold much. */
export type MultipartLimits = {
  /** Text fields, wanted or not. */
  fields: number
  fieldNameBytes: number
  fieldBytes: number
}

export type MultipartFile<Field extends string> = {
  /** The wanted fields: the known ones, with the form's added. */
  fields: Partial<Record<Field, string>>
  /** As the client sent it (UTF-8), path and all; the caller decides what to keep of it. */
  filename: string
  /** The file's bytes; empty when they went to the limit's `write` instead. */
  data: Buffer<ArrayBuffer>
  size: number
}

/** Header lines one part may have; real forms send two or three. */
const MAX_PART_HEADER_PAIRS = 20

/** True for `multipart/form-data; …`, the only body `readMultipartFile` reads. */
export function isMultipartFormData(contentType: string | undefined): contentType is string {
  return contentType !== undefined && /^multipart\/form-data\s*;/i.test(contentType)
}

function badRequest(message: string): AppError {
  return new AppError({ code: 'BAD_REQUEST', message })
}

/** `a`, `a and b`, `a, b and c`. */
function listNames(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

/**
 * Reads a multipart form holding one file as a stream. The text fields must come before the file:
 * when the file part starts, `onFileStart` sees them and says how many file bytes may follow (or
 * throws, refusing the upload before any of its bytes is read). At most that many bytes are ever
 * held; once more arrive, reading stops and the request is refused. The body is pulled only as fast
 * as the parser consumes it, so nothing queues up unread while `onFileStart` decides.
 */
export function readMultipartFile<Field extends string>(options: {
  body: ReadableStream<Uint8Array> | null
  contentType: string
  /** Text fields the form may carry; any other is ignored. */
  fieldNames: readonly Field[]
  /** Values given elsewhere (the query string); the form may repeat one only with the same value. */
  knownFields?: Partial<Record<Field, string>>
  /** The part that holds the file. */
  fileFieldName: string
  limits: MultipartLimits
  onFileStart: (start: { fields: Partial<Record<Field, string>>; filename: string }) => Promise<FileByteLimit>
}): Promise<MultipartFile<Field>> {
  const { body, fieldNames, fileFieldName, limits } = options
  if (!body) return Promise.reject(badRequest('The upload has no body.'))
  let parser: busboy.Busboy
  try {
    parser = busboy({
      headers: { 'content-type': options.contentType },
      // Browsers send file names as raw UTF-8 in `filename="…"`.
      defParamCharset: 'utf8',
      limits: {
        files: 1,
        fields: limits.fields,
        parts: limits.fields + 1,
        fieldNameSize: limits.fieldNameBytes,
        fieldSize: limits.fieldBytes,
        headerPairs: MAX_PART_HEADER_PAIRS,
      },
    })
  } catch {
    return Promise.reject(badRequest('The multipart body has no boundary.'))
  }
  const wanted = new Set<string>(fieldNames)

  return new Promise<MultipartFile<Field>>((resolve, reject) => {
    const reader = body.getReader()
    const fields: Partial<Record<string, string>> = { ...options.knownFields }
    let isSettled = false
    let isFileSeen = false
    let isParserDone = false
    let file: MultipartFile<Field> | undefined

    const fail = (error: unknown) => {
      if (isSettled) return
      isSettled = true
      // Stops pulling the request body; whatever the client still sends is never parsed or kept.
      reader.cancel().catch(() => undefined)
      parser.destroy()
      reject(error)
    }
    const finishIfDone = () => {
      if (isSettled || !isParserDone || (isFileSeen && !file)) return
      if (!file) return fail(badRequest(`The form has no \`${fileFieldName}\` part.`))
      isSettled = true
      resolve(file)
    }

    parser.on('field', (name, value, info) => {
      const issue =
        checkStorableText(name, `body.${name}`, { of: 'name' }) ?? checkStorableText(value, `body.${name}`)
      if (issue) return fail(unstorableInputError([issue]))
      if (isFileSeen) return fail(badRequest(`Send ${listNames(fieldNames)} before the file.`))
      if (!wanted.has(name)) return
      if (info.valueTruncated) return fail(badRequest(`The ${name} field is too long.`))
      if (fields[name] !== undefined && fields[name] !== value) {
        return fail(badRequest(`${name} is given twice, with different values.`))
      }
      fields[name] = value
    })

    parser.on('file', (name, stream, info) => {
      // Destroying the parser early ends the file stream with "Unexpected end of file"; the reason is known.
      stream.on('error', () => undefined)
      if (name !== fileFieldName) {
        stream.resume()
        return fail(badRequest(`Send the file in the \`${fileFieldName}\` field.`))
      }
      isFileSeen = true
      stream.pause()
      const filename = info.filename ?? ''
      const nameIssue = checkStorableText(filename, `body.${fileFieldName}`, { of: 'file name' })
      if (nameIssue) return fail(unstorableInputError([nameIssue]))
      const known = { ...fields } as Partial<Record<Field, string>>
      options.onFileStart({ fields: known, filename }).then((limit) => {
        const chunks: Buffer[] = []
        let size = 0
        let writing: Promise<void> | undefined
        stream.on('data', (chunk: Buffer) => {
          if (isSettled) return
          size += chunk.length
          if (size > limit.maxBytes) return fail(limit.onExceeded())
          if (!limit.write) return void chunks.push(chunk)
          const pending = limit.write(chunk)
          if (!pending) return
          stream.pause()
          writing = pending.then(() => {
            if (!isSettled) stream.resume()
          })
          writing.catch(fail)
        })
        stream.on('end', () => {
          if (isSettled) return
          void Promise.resolve(writing).then(() => {
            if (isSettled) return
            file = { fields: known, filename, data: Buffer.concat(chunks, limit.write ? 0 : size), size }
            finishIfDone()
          }, fail)
        })
        stream.resume()
      }, fail)
    })

    parser.on('filesLimit', () => fail(badRequest('Upload one file at a time.')))
    parser.on('fieldsLimit', () => fail(badRequest('The form has too many fields.')))
    parser.on('partsLimit', () => fail(badRequest('The form has too many parts.')))
    parser.on('error', () => fail(badRequest('The multipart body is malformed.')))
    parser.on('close', () => {
      isParserDone = true
      finishIfDone()
    })

    const waitForDrain = () =>
      new Promise<void>((resume) => {
        const done = () => {
          parser.off('drain', done)
          parser.off('close', done)
          resume()
        }
        parser.on('drain', done)
        parser.on('close', done)
      })

    void (async () => {
      while (!isSettled) {
        const { done, value } = await reader.read()
        if (done) return void parser.end()
        if (!isSettled && !parser.write(value)) await waitForDrain()
      }
    })().catch(() => fail(badRequest('The upload was interrupted.')))
  })
}
