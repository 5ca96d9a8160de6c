// The version stackscope says it is (package.json's, defined by the build), for exported files.

declare const __STACKSCOPE_VERSION__: string | undefined;

/** "0.1.0", or a plain statement that this build was not given one (run from source). */
export const appVersion: string = typeof __STACKSCOPE_VERSION__ === 'string' ? __STACKSCOPE_VERSION__ : 'development build';
