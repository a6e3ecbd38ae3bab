import { AdminPageHeader } from '../features/admin/components/admin-layout'
import { SignupCodeSection } from '../features/admin/components/signup-code-section'

/** `/admin/settings`: platform-wide settings. */
export function AdminSettingsPage() {
  return (
    <>
      <AdminPageHeader title="Settings">Settings that apply to the whole VantaHire platform.</AdminPageHeader>
      <div className="mt-8 max-w-3xl">
        <SignupCodeSection />
      </div>
    </>
  )
}
