/**
 * Where a device keeps its project links (src/projects/projectAccess.ts; src/device/localStore.ts adds
 * the prefix). Its own file, free of React, because vite.config.ts's page preload reads it too.
 */
export const PROJECT_ACCESS_KEY = 'projectAccess'
