import { useEffect, useId, useRef, useState } from 'react'
import { Link, useLocation } from 'react-router'
import { ConfirmDialog } from '../../../components/ui/confirm-dialog'
import { describeError } from '../../../lib/api'
import { cn } from '../../../lib/cn'
import { ROLE_NAMES } from '../../../lib/role-names'
import { type SignedInUser, useCurrentUser } from '../api/get-current-user'
import { useSignOut } from '../api/sign-out'
import { useSignOutEverywhere } from '../api/sign-out-everywhere'

const ITEM_CLASSES =
  'flex min-h-11 w-full items-center rounded-lg px-3 text-left font-medium text-slate-700 text-sm hover:bg-slate-100 hover:text-slate-900 disabled:cursor-not-allowed disabled:text-slate-400'

const ARROW_KEYS: Partial<Record<string, 1 | -1 | 'first' | 'last'>> = {
  ArrowDown: 1,
  ArrowUp: -1,
  Home: 'first',
  End: 'last',
}

/** The header's account control: a "Sign in" link, or the signed-in user's menu. */
export function UserMenu() {
  const currentUser = useCurrentUser()
  // Holding the space while the first answer is on its way keeps the header from jumping.
  if (currentUser.isPending) return <span aria-hidden="true" className="block size-11" />
  if (!currentUser.data) {
    return (
      <Link
        to="/sign-in"
        className="inline-flex min-h-11 items-center whitespace-nowrap rounded-lg px-2 font-semibold text-brand-700 text-sm hover:bg-brand-50 sm:px-3"
      >
        Sign in
      </Link>
    )
  }
  return <SignedInMenu user={currentUser.data} />
}

/**
 * A disclosure (button + panel) rather than an ARIA menu: its items are ordinary links and buttons,
 * reachable with Tab as well as the arrow keys. Escape, a click outside, or moving focus out closes it.
 */
function SignedInMenu({ user }: { user: SignedInUser }) {
  const panelId = useId()
  const containerRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const [isOpen, setIsOpen] = useState(false)
  const [isConfirmingEverywhere, setIsConfirmingEverywhere] = useState(false)
  const signOut = useSignOut()
  const signOutEverywhere = useSignOutEverywhere()
  const location = useLocation()
  const displayName = user.fullName?.trim() || user.email
  const canManageApiKeys = user.role === 'RECRUITER' || user.role === 'ADMIN'

  // A followed link closes the menu (location.key changes with every navigation).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect runs because the location changed.
  useEffect(() => setIsOpen(false), [location.key])

  useEffect(() => {
    if (!isOpen) return
    function closeOnOutsidePointer(event: PointerEvent) {
      if (!containerRef.current?.contains(event.target as Node)) setIsOpen(false)
    }
    document.addEventListener('pointerdown', closeOnOutsidePointer)
    return () => document.removeEventListener('pointerdown', closeOnOutsidePointer)
  }, [isOpen])

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const panelSelector = `#${CSS.escape(panelId)} :is(a, button):not(:disabled)`

    function moveFocus(to: 1 | -1 | 'first' | 'last') {
      const items = Array.from(container?.querySelectorAll<HTMLElement>(panelSelector) ?? [])
      if (items.length === 0) return
      const current = items.indexOf(document.activeElement as HTMLElement)
      let next = to === 'first' ? 0 : to === 'last' ? items.length - 1 : current + to
      if (current === -1 && typeof to === 'number') next = 0
      items[(next + items.length) % items.length]?.focus()
    }

    function handleKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape' && isOpen) {
        event.preventDefault()
        setIsOpen(false)
        buttonRef.current?.focus()
        return
      }
      const to = ARROW_KEYS[event.key]
      if (to === undefined) return
      if (isOpen) {
        event.preventDefault()
        moveFocus(to)
      } else if (event.target === buttonRef.current && typeof to === 'number') {
        event.preventDefault()
        setIsOpen(true)
        // The panel is shown on the next render; focus its first (or, for ArrowUp, last) item then.
        requestAnimationFrame(() => moveFocus(to === 1 ? 'first' : 'last'))
      }
    }

    function handleFocusOut(event: FocusEvent) {
      if (isOpen && !container?.contains(event.relatedTarget as Node | null)) setIsOpen(false)
    }

    container.addEventListener('keydown', handleKeyDown)
    container.addEventListener('focusout', handleFocusOut)
    return () => {
      container.removeEventListener('keydown', handleKeyDown)
      container.removeEventListener('focusout', handleFocusOut)
    }
  }, [isOpen, panelId])

  return (
    <>
      <div ref={containerRef} className="relative">
        <button
          ref={buttonRef}
          type="button"
          aria-expanded={isOpen}
          aria-controls={panelId}
          onClick={() => setIsOpen((open) => !open)}
          className="inline-flex min-h-11 items-center gap-1 rounded-lg px-1 text-left hover:bg-slate-100 sm:gap-2 sm:px-2"
        >
          <Initials name={displayName} />
          <span className="sr-only sm:not-sr-only sm:max-w-40">
            <span className="block truncate font-medium text-slate-900 text-sm">{displayName}</span>
            <span className="block text-slate-600 text-xs">{ROLE_NAMES[user.role].label}</span>
          </span>
          <svg
            aria-hidden="true"
            viewBox="0 0 20 20"
            fill="currentColor"
            className={cn('size-4 shrink-0 text-slate-500 transition-transform', isOpen && 'rotate-180')}
          >
            <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
          </svg>
        </button>

        <div
          id={panelId}
          hidden={!isOpen}
          // Focusable, so a click on its text keeps focus inside and does not count as leaving.
          tabIndex={-1}
          className="focus:outline-none absolute right-0 z-20 mt-2 w-72 max-w-[calc(100vw-2rem)] rounded-xl border border-slate-200 bg-white p-2 shadow-lg"
        >
          <div className="border-slate-100 border-b px-3 pt-2 pb-3">
            <p className="truncate font-semibold text-slate-900 text-sm">{displayName}</p>
            {displayName !== user.email ? (
              <p className="truncate text-slate-600 text-sm">{user.email}</p>
            ) : null}
            <p className="mt-1 text-slate-600 text-xs">{ROLE_NAMES[user.role].label} account</p>
          </div>
          <ul className="pt-2">
            <li>
              <Link to="/account" className={ITEM_CLASSES}>
                Account
              </Link>
            </li>
            {canManageApiKeys ? (
              <li>
                <Link to="/account/api-keys" className={ITEM_CLASSES}>
                  API keys
                </Link>
              </li>
            ) : null}
            <li>
              <button
                type="button"
                className={ITEM_CLASSES}
                // Not disabled: a disabled button drops focus, which would close the menu and hide an error.
                aria-disabled={signOut.isPending || undefined}
                onClick={() => {
                  if (!signOut.isPending) signOut.mutate()
                }}
              >
                {signOut.isPending ? 'Signing out…' : 'Sign out'}
              </button>
            </li>
            <li>
              <button
                type="button"
                className={ITEM_CLASSES}
                onClick={() => {
                  setIsOpen(false)
                  signOutEverywhere.reset()
                  setIsConfirmingEverywhere(true)
                }}
              >
                Sign out everywhere
              </button>
            </li>
          </ul>
          {signOut.isError ? (
            <p role="alert" className="px-3 pt-2 pb-1 text-red-700 text-sm">
              Not signed out: {describeError(signOut.error)}
            </p>
          ) : null}
        </div>
      </div>

      <ConfirmDialog
        isOpen={isConfirmingEverywhere}
        title="Sign out everywhere?"
        confirmLabel="Sign out everywhere"
        pendingLabel="Signing out…"
        isPending={signOutEverywhere.isPending}
        errorMessage={signOutEverywhere.isError ? describeError(signOutEverywhere.error) : undefined}
        isDestructive
        onConfirm={() => signOutEverywhere.mutate()}
        onClose={() => {
          setIsConfirmingEverywhere(false)
          buttonRef.current?.focus()
        }}
      >
        This signs you out of VantaHire on every device and browser, including this one. Use it if you signed
        in on a shared computer or lost a device.
      </ConfirmDialog>
    </>
  )
}

function Initials({ name }: { name: string }) {
  const initials = name
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part.charAt(0).toUpperCase())
    .join('')
  return (
    <span
      aria-hidden="true"
      className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-600 font-semibold text-white text-xs"
    >
      {initials}
    </span>
  )
}
