/**
 * The addresses a project board reads on opening, in a module of their own so that src/app/boot.ts
 * can start those reads from the entry chunk without pulling the API clients into it.
 */
export const projectStatePath = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}`
export const participationPath = (projectId: string) => `${projectStatePath(projectId)}/participation`
export const facilitationPath = (projectId: string) => `${projectStatePath(projectId)}/facilitation`
