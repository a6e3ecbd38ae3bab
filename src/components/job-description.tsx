/**
 * A job description as the plain text its recruiter wrote: paragraphs split on blank lines, single
 * line breaks kept. React escapes the text, so markup in it shows as typed and never runs.
 */
export function JobDescription({ text }: { text: string | null }) {
  const paragraphs = (text ?? '')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
  if (paragraphs.length === 0) {
    return <p className="text-slate-600">No description has been written for this job yet.</p>
  }
  return (
    <div className="space-y-4 text-slate-800 leading-7">
      {paragraphs.map((paragraph, index) => (
        // Paragraphs have no identity of their own; their order is the text's.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above.
        <p key={index} className="whitespace-pre-line break-words">
          {paragraph}
        </p>
      ))}
    </div>
  )
}
