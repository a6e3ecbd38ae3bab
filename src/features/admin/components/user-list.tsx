import { useId, useRef, useState } from 'react'
import { DateText } from '../../../components/date-text'
import { LoadMore, PagedQueryState } from '../../../components/paged-list'
import { Button } from '../../../components/ui/button'
import { ConfirmDialog } from '../../../components/ui/confirm-dialog'
import { Field, Input, Select } from '../../../components/ui/field'
import { Spinner } from '../../../components/ui/spinner'
import { StatusBadge } from '../../../components/ui/status-badge'
import { useDebouncedValue } from '../../../hooks/use-debounced-value'
import { describeError } from '../../../lib/api'
import { ROLE_NAMES } from '../../../lib/role-names'
import { useCurrentUser } from '../../auth'
import { type AdminUser, type AdminUserRole, type UserFilters, useUsers } from '../api/list-users'
import { useUpdateUserAccess } from '../api/update-user-access'
import { AccountMerge } from './account-merge'

const ROLES: readonly AdminUserRole[] = ['CANDIDATE', 'RECRUITER', 'ADMIN']
const SEARCH_DELAY_MS = 300

const PROVIDER_NAMES: Partial<Record<string, string>> = {
  google: 'Google',
  linkedin: 'LinkedIn',
  dev: 'Development sign-in',
  legacy: 'Old platform, not yet signed in',
}

/** A change waiting for the admin's confirmation. */
type PendingChange =
  | { kind: 'role'; user: AdminUser; role: AdminUserRole }
  | { kind: 'access'; user: AdminUser; isDisabling: boolean }

function nameOf(user: AdminUser): string {
  return user.fullName?.trim() || user.email
}

/** Finds users by name or email and role, and changes a user's role or disables them, after confirming. */
export function UserList() {
  const [search, setSearch] = useState('')
  const [role, setRole] = useState<AdminUserRole | ''>('')
  const debouncedSearch = useDebouncedValue(search.trim(), SEARCH_DELAY_MS)
  const filters: UserFilters = {
    ...(debouncedSearch ? { q: debouncedSearch } : {}),
    ...(role ? { role } : {}),
  }
  const isFiltered = Boolean(filters.q || filters.role)
  const users = useUsers(filters)
  const currentUser = useCurrentUser()
  const updateAccess = useUpdateUserAccess()
  const [pendingChange, setPendingChange] = useState<PendingChange | null>(null)
  const listRef = useRef<HTMLUListElement>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const items = users.data?.pages.flatMap((page) => page.items) ?? []
  const isSearching = users.isPlaceholderData && users.isFetching

  function confirmChange() {
    if (!pendingChange) return
    const data =
      pendingChange.kind === 'role' ? { role: pendingChange.role } : { isDisabled: pendingChange.isDisabling }
    updateAccess.mutate({ userId: pendingChange.user.id, data }, { onSuccess: () => setPendingChange(null) })
  }

  return (
    <>
      <search className="grid gap-4 sm:grid-cols-[1fr_14rem]">
        <Field label="Search by name or email">
          {(control) => (
            <Input
              {...control}
              ref={searchRef}
              type="search"
              autoComplete="off"
              spellCheck={false}
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          )}
        </Field>
        <Field label="Role">
          {(control) => (
            <Select
              {...control}
              value={role}
              onChange={(event) => setRole(event.target.value as AdminUserRole | '')}
            >
              <option value="">All roles</option>
              {ROLES.map((value) => (
                <option key={value} value={value}>
                  {ROLE_NAMES[value].plural.replace(/^./, (letter) => letter.toUpperCase())}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </search>

      <div className="mt-6" aria-busy={isSearching || undefined}>
        {isSearching ? <Spinner label="Searching…" className="mb-4" /> : null}
        <PagedQueryState
          query={users}
          what="users"
          isEmpty={items.length === 0}
          empty={
            isFiltered
              ? {
                  title: 'No users match your search',
                  details: 'Check the spelling, or search for part of the email address instead.',
                  action: (
                    <Button
                      variant="secondary"
                      size="sm"
                      onClick={() => {
                        setSearch('')
                        setRole('')
                        // This button leaves with the empty result; carry on at the search box.
                        searchRef.current?.focus()
                      }}
                    >
                      Clear search
                    </Button>
                  ),
                }
              : { title: 'No users yet', details: 'People appear here once they sign in for the first time.' }
          }
        >
          <ul ref={listRef} aria-label="Users" className="space-y-3">
            {items.map((user) => (
              <UserItem
                key={user.id}
                user={user}
                isCurrentUser={user.id === currentUser.data?.id}
                onChangeRole={(newRole) => {
                  updateAccess.reset()
                  setPendingChange({ kind: 'role', user, role: newRole })
                }}
                onChangeAccess={(isDisabling) => {
                  updateAccess.reset()
                  setPendingChange({ kind: 'access', user, isDisabling })
                }}
              />
            ))}
          </ul>
          <LoadMore query={users} what="users" one="user" listRef={listRef} shownCount={items.length} />
        </PagedQueryState>
      </div>

      <ConfirmDialog
        isOpen={pendingChange !== null}
        {...describeChange(pendingChange)}
        isPending={updateAccess.isPending}
        errorMessage={updateAccess.isError ? describeError(updateAccess.error) : undefined}
        onConfirm={confirmChange}
        onClose={() => setPendingChange(null)}
      />
    </>
  )
}

function describeChange(change: PendingChange | null) {
  if (!change) {
    return { title: '', confirmLabel: '', pendingLabel: '', isDestructive: false, children: null }
  }
  const name = nameOf(change.user)
  if (change.kind === 'role') {
    const to = ROLE_NAMES[change.role]
    return {
      title: `Make ${name} ${to.singular === 'admin' ? 'an' : 'a'} ${to.singular}?`,
      confirmLabel: 'Change role',
      pendingLabel: 'Changing…',
      isDestructive: change.role === 'ADMIN',
      children: (
        <>
          <p>
            {name} becomes {to.singular === 'admin' ? 'an' : 'a'} {to.singular}
            {change.role === 'ADMIN' ? ', with full access to this admin area' : ''}.
          </p>
          <p className="mt-2">
            Changing a role ends all of {name}'s sessions on every device: they must sign in again, and then
            have only the new role's access.
          </p>
        </>
      ),
    }
  }
  if (change.isDisabling) {
    return {
      title: `Disable ${name}?`,
      confirmLabel: 'Disable account',
      pendingLabel: 'Disabling…',
      isDestructive: true,
      children: (
        <p>
          {name} is signed out on every device at once and cannot sign in again, and their API keys stop
          working, until you enable the account again. Their interviews, jobs and applications are kept.
        </p>
      ),
    }
  }
  return {
    title: `Enable ${name}?`,
    confirmLabel: 'Enable account',
    pendingLabel: 'Enabling…',
    isDestructive: false,
    children: <p>{name} can sign in again, and their API keys work again.</p>,
  }
}

type UserItemProps = {
  user: AdminUser
  isCurrentUser: boolean
  onChangeRole: (role: AdminUserRole) => void
  onChangeAccess: (isDisabling: boolean) => void
}

function UserItem({ user, isCurrentUser, onChangeRole, onChangeAccess }: UserItemProps) {
  const selfNoteId = useId()
  const name = nameOf(user)
  const isDisabled = user.disabledAt !== null

  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <h2 className="break-words font-semibold text-slate-900">{name}</h2>
          {name !== user.email ? <p className="break-all text-slate-600 text-sm">{user.email}</p> : null}
          <p className="mt-1 text-slate-600 text-sm">
            {PROVIDER_NAMES[user.provider] ?? user.provider} · joined <DateText value={user.createdAt} />
          </p>
        </div>
        <div className="flex flex-wrap gap-1.5">
          {isCurrentUser ? <StatusBadge tone="neutral">You</StatusBadge> : null}
          {isDisabled ? <StatusBadge tone="down">Disabled</StatusBadge> : null}
        </div>
      </div>

      <div className="mt-4 flex flex-wrap items-end gap-3">
        <RoleChoice
          user={user}
          isLocked={isCurrentUser}
          describedBy={isCurrentUser ? selfNoteId : undefined}
          onChangeRole={onChangeRole}
        />
        <Button
          variant="secondary"
          disabled={isCurrentUser}
          aria-describedby={isCurrentUser ? selfNoteId : undefined}
          onClick={() => onChangeAccess(!isDisabled)}
        >
          {isDisabled ? 'Enable' : 'Disable'}
          <span className="sr-only"> {name}</span>
        </Button>
        {user.provider === 'legacy' ? <AccountMerge user={user} /> : null}
      </div>
      {isCurrentUser ? (
        <p id={selfNoteId} className="mt-3 text-slate-600 text-sm">
          This is your own account: you cannot change its role or disable it. Another admin can.
        </p>
      ) : null}
    </li>
  )
}

/**
 * A role is picked, then applied with its own button: a select that acted on every change would ask
 * for confirmation as soon as a keyboard user pressed an arrow key to look through the roles.
 */
function RoleChoice({
  user,
  isLocked,
  describedBy,
  onChangeRole,
}: {
  user: AdminUser
  isLocked: boolean
  describedBy: string | undefined
  onChangeRole: (role: AdminUserRole) => void
}) {
  const [role, setRole] = useState(user.role)
  // Once a change is saved (here, or by another admin), the choice starts over from the saved role.
  const [savedRole, setSavedRole] = useState(user.role)
  if (user.role !== savedRole) {
    setSavedRole(user.role)
    setRole(user.role)
  }
  const isUnchanged = role === user.role
  const name = nameOf(user)
  return (
    <>
      <Field
        className="w-full sm:w-52"
        label={
          <>
            Role<span className="sr-only"> of {name}</span>
          </>
        }
      >
        {(control) => (
          <Select
            {...control}
            value={role}
            disabled={isLocked}
            aria-describedby={describedBy}
            onChange={(event) => setRole(event.target.value as AdminUserRole)}
          >
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {ROLE_NAMES[value].label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {isLocked ? null : (
        // aria-disabled rather than disabled: focus stays on the button once the change is saved.
        <Button
          variant="secondary"
          aria-disabled={isUnchanged || undefined}
          onClick={() => {
            if (!isUnchanged) onChangeRole(role)
          }}
          className="aria-disabled:cursor-not-allowed aria-disabled:text-slate-500"
        >
          Change role<span className="sr-only"> of {name}</span>
        </Button>
      )}
    </>
  )
}
