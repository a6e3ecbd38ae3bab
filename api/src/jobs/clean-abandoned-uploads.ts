import { deleteAbandonedUploadSlices } from '../services/file-upload.js'
import type { CronJob } from './registry.js'

export const cleanAbandonedUploadsJob: CronJob = {
  name: 'clean-abandoned-uploads',
  schedule: '0 20 * * * *',
  description: 'Deletes the stored slices of uploads an instance left unfinished when it stopped.',
  run: (deps) => deleteAbandonedUploadSlices(deps),
}
