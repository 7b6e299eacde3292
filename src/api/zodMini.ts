// The zod every schema of the extension is written with: `zod/mini`, the functional build, whose
// unused parts a bundler can leave out (the method-chaining build weighs some 190 KB minified,
// all of it loaded at every activation). Import it as `import * as z from '<path>/api/zodMini'`.
//
// Unlike the full build, zod/mini registers no message language, so every issue would say only
// "Invalid input". English is registered here, once, by the module every schema imports, so the
// log and the webview protocol keep the wording they always had (src/api/zodIssues.ts renders
// issues for people from their codes, not from these messages).
import * as z from 'zod/mini';
import { en } from 'zod/v4/locales';

z.config(en());

export * from 'zod/mini';
