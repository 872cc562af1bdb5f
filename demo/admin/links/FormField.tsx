import type { ComponentChildren } from 'preact'

/**
 * A labelled input with its hint and its problem next to it. `children` renders the control,
 * given the attributes that tie it to the label, the hint and the problem.
 */
export function FormField({
  id,
  label,
  hint,
  problem,
  children,
}: {
  id: string
  label: ComponentChildren
  hint?: ComponentChildren
  problem?: string | null
  children: (control: ControlProps) => ComponentChildren
}) {
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ')
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children({ id, 'aria-invalid': problem ? 'true' : 'false', 'aria-describedby': described || undefined })}
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {problem && (
        <p id={`${id}-problem`} class="problem">
          {problem}
        </p>
      )}
    </div>
  )
}

export interface ControlProps {
  id: string
  'aria-invalid': 'true' | 'false'
  'aria-describedby': string | undefined
}
