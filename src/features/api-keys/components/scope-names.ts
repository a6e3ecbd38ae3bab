import type { ApiKeyScope } from '../api/list-api-keys'

/** Every scope in words; a scope the API adds fails the build until it is described here. */
export const SCOPE_NAMES: Record<ApiKeyScope, { label: string; description: string }> = {
  'interviews:read': {
    label: 'Read interviews',
    description: 'List and read your interviews and their candidate links.',
  },
  'interviews:write': {
    label: 'Create and manage interviews',
    description: 'Create interviews and create or revoke their candidate links.',
  },
  'results:read': {
    label: 'Read results',
    description: 'Read transcripts, scores and summaries of finished interviews.',
  },
}

export const SCOPES = Object.keys(SCOPE_NAMES) as ApiKeyScope[]
