import type { ComponentChildren } from 'preact'

/** A labelled input with its problem under it; the input names the problem's id in aria-describedby. */
export function Field({ id, label, problem, children }: { id: string; label: string; problem?: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {problem && (
        <p id={`${id}-problem`} class="problem">
          {problem}
        </p>
      )}
    </div>
  )
}
