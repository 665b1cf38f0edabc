import { useId, type Ref } from 'react'

interface TextFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  testId: string
  placeholder?: string
  hint?: string
  /** The message already worded for the current language; null when the field is fine. */
  error?: string | null
  multiline?: boolean
  disabled?: boolean
  autoComplete?: string
  inputRef?: Ref<HTMLInputElement & HTMLTextAreaElement>
}

/**
 * One labelled input of a project form: big, with its hint and its own error right under it.
 * No maxLength: a pasted text that is too long would be cut silently; it is refused in words instead.
 */
export function TextField(props: TextFieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [props.hint && hintId, props.error && errorId].filter(Boolean).join(' ') || undefined
  const common = {
    id,
    ref: props.inputRef,
    className: props.multiline ? 'text-input project-form__textarea' : 'text-input',
    'data-testid': props.testId,
    value: props.value,
    placeholder: props.placeholder,
    disabled: props.disabled,
    autoComplete: props.autoComplete ?? 'off',
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy,
  }
  return (
    <div className="project-form__field">
      <label htmlFor={id} className="project-form__label">{props.label}</label>
      {props.hint && <p id={hintId} className="project-form__hint">{props.hint}</p>}
      {props.multiline ? (
        <textarea {...common} rows={4} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input {...common} type="text" onChange={(e) => props.onChange(e.target.value)} />
      )}
      {props.error && (
        <p id={errorId} className="field-error" data-testid={`${props.testId}-error`} role="alert">
          {props.error}
        </p>
      )}
    </div>
  )
}
