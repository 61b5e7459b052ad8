import packageJson from '../package.json' with { type: 'json' };

/** The release the server runs, from package.json; tablets show it beside their own. */
export const SERVER_VERSION: string = packageJson.version;
