/**
 * The project board page is loaded lazily by src/app/pages.tsx (import('../workflow/ProjectBoardPage'));
 * it is the top of the features, and no other feature uses anything of workflow.
 */
export {}
