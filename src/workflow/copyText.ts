/**
 * Copy text to the clipboard. The Clipboard API exists only in secure contexts (not over plain http
 * on a venue's LAN): then select the given input and try the old execCommand('copy'). Returns
 * false when neither worked; the text is left selected for the person to copy by hand.
 */
export async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // Permission refused or not focused: fall through to the manual way.
  }
  if (!input) return false
  input.focus()
  input.select()
  input.setSelectionRange(0, input.value.length)
  try {
    return document.execCommand('copy')
  } catch {
    return false
  }
}
