import { type ChangeEvent, useId, useRef, useState } from 'react'
import {
  acceptAttributeFor,
  describeFileLimits,
  refuseChosenFile,
} from '../../../../api/src/domain/file-limits'
import { Button } from '../../../components/ui/button'
import { cn } from '../../../lib/cn'
import { type FileCategory, fileUrl, useUploadFile } from '../api/upload-file'

type FileUploadFieldProps = {
  label: string
  category: FileCategory
  /** The file currently in place, if any. */
  fileId: string | null
  /** Called with the new file's id once it is stored, or null to remove the current one. */
  onChange: (fileId: string | null) => Promise<unknown> | unknown
  isSaving?: boolean
  error?: string
  /** Show the current file as an image (logos). */
  isImage?: boolean
}

/**
 * Choose a file and it is uploaded at once. Its size and type are checked here first, against the
 * API's own limits, so a file the API would refuse is never sent; the API still checks its real
 * content and says what is wrong in words. Keyboard and screen-reader friendly: a labelled native file input.
 */
export function FileUploadField({
  label,
  category,
  fileId,
  onChange,
  isSaving,
  error,
  isImage,
}: FileUploadFieldProps) {
  const inputId = useId()
  const hintId = useId()
  const errorId = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const upload = useUploadFile()
  const [refusal, setRefusal] = useState<string | null>(null)
  const message = refusal ?? error ?? (upload.error ? upload.error.message : undefined)
  const isBusy = upload.isPending || isSaving

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    if (!file) return
    upload.reset()
    setRefusal(refuseChosenFile(category, file))
    if (refuseChosenFile(category, file)) {
      event.target.value = ''
      return
    }
    const stored = await upload.mutateAsync({ file, category }).catch(() => undefined)
    if (inputRef.current) inputRef.current.value = ''
    if (stored) await onChange(stored.id)
  }

  return (
    <div className="space-y-2">
      <label htmlFor={inputId} className="block font-medium text-slate-900 text-sm">
        {label}
      </label>
      {fileId ? (
        <div className="flex flex-wrap items-center gap-3">
          {isImage ? (
            <img
              src={fileUrl(fileId)}
              alt={`Current ${label.toLowerCase()}`}
              className="h-12 max-w-40 rounded border border-slate-200 object-contain"
            />
          ) : (
            <a
              href={fileUrl(fileId)}
              className="font-medium text-brand-700 text-sm underline underline-offset-2"
            >
              Download the current file
            </a>
          )}
          <Button variant="ghost" size="sm" onClick={() => onChange(null)} disabled={isBusy}>
            Remove
          </Button>
        </div>
      ) : null}
      <input
        ref={inputRef}
        id={inputId}
        type="file"
        accept={acceptAttributeFor(category)}
        onChange={choose}
        disabled={isBusy}
        aria-describedby={message ? `${hintId} ${errorId}` : hintId}
        aria-invalid={message ? true : undefined}
        className={cn(
          'block w-full text-slate-700 text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:font-medium file:text-slate-800 hover:file:bg-slate-200',
        )}
      />
      <p id={hintId} className="text-slate-600 text-sm">
        {isBusy ? 'Uploading…' : describeFileLimits(category)}
      </p>
      {message ? (
        <p id={errorId} role="alert" className="text-red-700 text-sm">
          {message}
        </p>
      ) : null}
    </div>
  )
}
