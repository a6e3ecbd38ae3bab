// What other features may use of files: the upload field their forms embed.
export { FileUploadField } from './components/file-upload-field'
