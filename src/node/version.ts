// Injected by electron-vite at build time from package.json; "dev" when run from sources (tests).
declare const __APP_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
