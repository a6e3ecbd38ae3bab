import { useEffect, useState } from 'react'
import { Alert } from '../../../components/ui/alert'
import { buttonClassName } from '../../../components/ui/button'
import { LoadError } from '../../../components/ui/load-error'
import { Spinner } from '../../../components/ui/spinner'
import { ApiError } from '../../../lib/api'
import { useFileContent } from '../api/get-file-content'
import { type FileInfo, useFileInfo } from '../api/get-file-info'
import { fileUrl } from '../api/upload-file'

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF document',
  'application/msword': 'Word document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'text/plain': 'Text file',
}

const sizeFormat = new Intl.NumberFormat(undefined, {
  style: 'unit',
  unit: 'kilobyte',
  maximumFractionDigits: 0,
})

/**
 * A stored file: PDFs shown in the page with a download link, other types as a download link only.
 * Access is checked first (a HEAD request), so a refusal is explained instead of a broken frame.
 */
export function FileViewer({ fileId }: { fileId: string }) {
  const info = useFileInfo(fileId)

  if (info.isPending) return <Spinner label="Opening the file…" />
  if (info.isError) {
    if (info.error instanceof ApiError && info.error.status === 404) {
      return (
        <Alert title="This file doesn't exist">
          It may have been deleted, or the link to it is incomplete. Go back and open it again from the
          interview or application.
        </Alert>
      )
    }
    if (info.error instanceof ApiError && info.error.status === 403) {
      return (
        <Alert title="You can't open this file">
          Only the recruiter whose interview or job it belongs to, the person who uploaded it, and admins can
          open it. If you should have access, sign in with that account.
        </Alert>
      )
    }
    return (
      <LoadError what="the file" error={info.error} onRetry={info.refetch} isRetrying={info.isFetching} />
    )
  }

  const file = info.data
  const isPdf = file.mimeType === 'application/pdf'
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm">
        <div className="min-w-0">
          <p className="text-slate-600 text-sm">
            {TYPE_NAMES[file.mimeType] ?? file.mimeType} ·{' '}
            {sizeFormat.format(Math.max(1, Math.round(file.size / 1024)))}
          </p>
        </div>
        <a href={fileUrl(file.id)} download={file.name} className={buttonClassName({ size: 'sm' })}>
          Download<span className="sr-only"> {file.name}</span>
        </a>
      </div>
      {isPdf ? (
        <PdfPreview file={file} />
      ) : (
        <Alert tone="info" title="No preview for this type of file">
          Download it to open it on your device.
        </Alert>
      )}
    </div>
  )
}

function PdfPreview({ file }: { file: FileInfo }) {
  const content = useFileContent(file.id, { isEnabled: true })
  const [objectUrl, setObjectUrl] = useState<string | null>(null)
  const [isBlocked, setIsBlocked] = useState(false)

  useEffect(() => {
    if (!content.data) return
    const url = URL.createObjectURL(
      content.data.type === 'application/pdf'
        ? content.data
        : new Blob([content.data], { type: 'application/pdf' }),
    )
    setObjectUrl(url)
    return () => URL.revokeObjectURL(url)
  }, [content.data])

  // A page whose Content-Security-Policy does not allow blob: frames blocks the preview; the browser
  // reports it here, and the person is told to download the file rather than shown an empty frame.
  useEffect(() => {
    function onViolation(event: SecurityPolicyViolationEvent) {
      const isOurFrame = event.blockedURI === 'blob' || event.blockedURI.startsWith('blob:')
      if (isOurFrame && ['frame-src', 'child-src', 'default-src'].includes(event.effectiveDirective))
        setIsBlocked(true)
    }
    document.addEventListener('securitypolicyviolation', onViolation)
    return () => document.removeEventListener('securitypolicyviolation', onViolation)
  }, [])

  if (content.isPending) return <Spinner label="Loading the preview…" />
  if (content.isError) {
    return (
      <LoadError
        what="the preview"
        error={content.error}
        onRetry={content.refetch}
        isRetrying={content.isFetching}
      />
    )
  }
  if (isBlocked) {
    return (
      <Alert tone="info" title="The preview can't be shown here">
        Your browser blocked the preview on this page. Use Download above to read the file.
      </Alert>
    )
  }
  if (!objectUrl) return null
  return (
    <iframe
      title={`Preview of ${file.name}`}
      src={objectUrl}
      className="h-[75vh] min-h-96 w-full rounded-2xl border border-slate-200 bg-white"
    />
  )
}
