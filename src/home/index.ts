/**
 * The home page is loaded lazily by src/app/pages.tsx (import('../home/HomePage')); no other feature
 * uses anything of home.
 */
export {}
