import { api } from '../../../lib/api'
import { type ApplicationFilters, applicationFilterQuery } from './list-job-applications'

/** Where the browser downloads the filtered applications as CSV (the session cookie goes along). */
export function applicationsExportUrl(jobId: string, filters: ApplicationFilters): string {
  return api.api.jobs[':id'].applications.export
    .$url({ param: { id: jobId }, query: applicationFilterQuery(filters) })
    .toString()
}
