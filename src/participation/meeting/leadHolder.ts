/**
 * Which lead this page holds, kept per tab in sessionStorage: a presenter who reloads picks their own
 * lead up again and goes on sending their view, while their other devices (another tab, a phone)
 * follow it like everyone else. Storage may be unavailable (private mode): then only this page load
 * remembers it.
 */
const key = (projectId: string) => `commonground.lead.${projectId}`
const memory = new Map<string, string>()

export function heldLead(projectId: string): string | null {
  try {
    return sessionStorage.getItem(key(projectId))
  } catch {
    return memory.get(projectId) ?? null
  }
}

export function holdLead(projectId: string, leadId: string | null): void {
  if (leadId) memory.set(projectId, leadId)
  else memory.delete(projectId)
  try {
    if (leadId) sessionStorage.setItem(key(projectId), leadId)
    else sessionStorage.removeItem(key(projectId))
  } catch {
    // In memory only (above).
  }
}
