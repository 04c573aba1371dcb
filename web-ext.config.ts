import { defineWebExtConfig } from 'wxt';

// Development runs on machines without a display; `npx wxt` builds and watches only.
export default defineWebExtConfig({ disabled: true });
