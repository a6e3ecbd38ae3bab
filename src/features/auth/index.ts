// What other features may use of auth: who is signed in, and the keys to refresh after changing it.
export { authProvidersQueryKey } from './api/get-auth-providers'
export { currentUserQueryKey, type SignedInUser, useCurrentUser } from './api/get-current-user'
