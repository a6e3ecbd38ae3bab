import { useLocation, useNavigate, useParams } from 'react-router'
import { Button } from '../components/ui/button'
import { useCurrentUser } from '../features/auth/api/get-current-user'
import { useFileInfo } from '../features/files/api/get-file-info'
import { FileViewer } from '../features/files/components/file-viewer'

/** `/files/:id/view`: a resume or document, shown in the page when the browser can, with a download link. */
export function FileViewerPage() {
  const { id = '' } = useParams()
  const navigate = useNavigate()
  const location = useLocation()
  const info = useFileInfo(id)
  // Files open from an interview or an application board; opened on their own, there is nothing to go back to.
  const canGoBack = location.key !== 'default'
  const role = useCurrentUser().data?.role
  const home =
    role === 'RECRUITER' || role === 'ADMIN'
      ? { to: '/dashboard', label: '← Dashboard' }
      : { to: '/', label: '← Home' }

  return (
    <>
      <title>{`${info.data?.name ?? 'File'} — VantaHire`}</title>
      <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6 sm:py-12">
        <Button
          variant="ghost"
          size="sm"
          className="-ml-3"
          onClick={() => (canGoBack ? navigate(-1) : navigate(home.to))}
        >
          {canGoBack ? '← Back' : home.label}
        </Button>
        <h1 className="mt-2 break-all font-bold text-3xl text-slate-900 tracking-tight">
          {info.data?.name ?? 'File'}
        </h1>
        <div className="mt-6">
          <FileViewer fileId={id} />
        </div>
      </div>
    </>
  )
}
