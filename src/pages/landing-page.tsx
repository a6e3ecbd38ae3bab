import { Link } from 'react-router'
import { buttonClassName } from '../components/ui/button'
import { Card, CardDescription, CardTitle } from '../components/ui/card'
import { useCurrentUser } from '../features/auth/api/get-current-user'
import { RoleLandingLink } from '../features/auth/components/role-landing-link'

const RECRUITER_FEATURES = [
  {
    title: 'Text and voice interviews',
    description:
      'Write your questions once. The AI interviewer asks them by chat or in a real-time voice conversation, at any hour, for every candidate on your list.',
  },
  {
    title: 'Invites by email or WhatsApp',
    description:
      'Every candidate gets a private link of their own, sent by email or WhatsApp straight from VantaHire.',
  },
  {
    title: 'Live results',
    description:
      'Scores and a written summary arrive as each interview ends, while you watch. No spreadsheet to chase.',
  },
  {
    title: 'Job postings, reviewed',
    description:
      'Publish a job with its interview attached. An admin approves each posting before it goes live.',
  },
] as const

const CANDIDATE_STEPS = [
  {
    title: 'Open your link',
    description: 'The invitation holds a personal link. No account or app to install.',
  },
  {
    title: 'Check your device',
    description: 'A quick check of your microphone, camera and connection, before anything is recorded.',
  },
  {
    title: 'Talk to the AI interviewer',
    description:
      'Answer by text or by voice, at your own pace. If your connection drops, you pick up where you left off.',
  },
] as const

const GETTING_STARTED = [
  {
    title: 'Hiring?',
    description:
      'Sign in with Google or LinkedIn as a recruiter, create your first interview, and invite a candidate. Your dashboard shows what needs your attention.',
    link: { to: '/sign-in', label: 'Start as a recruiter' },
  },
  {
    title: 'Looking for a job?',
    description:
      'Browse open positions and apply with a candidate account; your applications and interviews wait for you in one place.',
    link: { to: '/careers', label: 'Browse open jobs' },
  },
  {
    title: 'Invited to an interview?',
    description:
      'You need no account: open the personal link from your email or WhatsApp message, whenever it suits you before it expires.',
    link: undefined,
  },
] as const

/** `/`: what VantaHire does and how to start, for anyone. */
export function LandingPage() {
  const user = useCurrentUser().data
  return (
    <>
      <title>VantaHire — AI job interviews</title>

      <section aria-labelledby="hero-heading" className="bg-gradient-to-b from-brand-50 to-slate-50">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-24">
          <p className="font-semibold text-brand-700 text-sm uppercase tracking-wide">AI job interviews</p>
          <h1
            id="hero-heading"
            className="mt-3 max-w-3xl text-balance font-bold text-4xl text-slate-900 tracking-tight sm:text-5xl"
          >
            VantaHire interviews every candidate, so you can spend your time on the best ones
          </h1>
          <p className="mt-5 max-w-2xl text-lg text-slate-700 leading-8">
            Create a text or voice interview, invite candidates by email or WhatsApp, and watch scored results
            arrive while they talk to our AI interviewer.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            {user ? (
              <RoleLandingLink role={user.role} className={buttonClassName({ size: 'lg' })} />
            ) : (
              <Link to="/sign-in" className={buttonClassName({ size: 'lg' })}>
                Sign in or create an account
              </Link>
            )}
            <a href="#how-to-start" className={buttonClassName({ variant: 'secondary', size: 'lg' })}>
              How to start
            </a>
          </div>
        </div>
      </section>

      <section aria-labelledby="for-recruiters" className="mx-auto max-w-6xl scroll-mt-4 px-4 py-16 sm:px-6">
        <h2 id="for-recruiters" className="font-bold text-2xl text-slate-900 tracking-tight sm:text-3xl">
          For recruiters
        </h2>
        <p className="mt-3 max-w-2xl text-slate-700 leading-7">
          Screen a whole shortlist in the time one phone call takes, with the same questions and the same fair
          scoring for everyone.
        </p>
        <ul className="mt-8 grid gap-4 sm:grid-cols-2">
          {RECRUITER_FEATURES.map((feature) => (
            <Card as="li" key={feature.title}>
              <CardTitle level={3}>{feature.title}</CardTitle>
              <CardDescription className="text-base">{feature.description}</CardDescription>
            </Card>
          ))}
        </ul>
      </section>

      <section aria-labelledby="for-candidates" className="border-slate-200 border-y bg-white">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
          <h2 id="for-candidates" className="font-bold text-2xl text-slate-900 tracking-tight sm:text-3xl">
            For candidates
          </h2>
          <p className="mt-3 max-w-2xl text-slate-700 leading-7">
            Interview when it suits you, from wherever you are. Three steps, and you are done.
          </p>
          <ol className="mt-8 grid gap-6 md:grid-cols-3">
            {CANDIDATE_STEPS.map((step, index) => (
              <li key={step.title} className="flex gap-4">
                <span
                  aria-hidden="true"
                  className="flex size-10 shrink-0 items-center justify-center rounded-full bg-brand-600 font-bold text-white"
                >
                  {index + 1}
                </span>
                <div>
                  <h3 className="font-semibold text-lg text-slate-900">{step.title}</h3>
                  <p className="mt-1 text-slate-600 leading-7">{step.description}</p>
                </div>
              </li>
            ))}
          </ol>
        </div>
      </section>

      <section aria-labelledby="how-to-start" className="mx-auto max-w-6xl scroll-mt-4 px-4 py-16 sm:px-6">
        <h2 id="how-to-start" className="font-bold text-2xl text-slate-900 tracking-tight sm:text-3xl">
          How to start
        </h2>
        <ul className="mt-8 grid gap-4 md:grid-cols-3">
          {GETTING_STARTED.map((path) => (
            <Card as="li" key={path.title} className="flex flex-col">
              <CardTitle level={3}>{path.title}</CardTitle>
              <CardDescription className="flex-1 text-base">{path.description}</CardDescription>
              {path.link ? (
                <div className="mt-5">
                  <Link to={path.link.to} className={buttonClassName({ variant: 'secondary' })}>
                    {path.link.label}
                  </Link>
                </div>
              ) : null}
            </Card>
          ))}
        </ul>
      </section>
    </>
  )
}
