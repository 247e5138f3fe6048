import { capturePage } from '../capture/capture';

// Injected into the tab being clipped (scripting.executeScript); its return value is the answer.
export default defineUnlistedScript(() =>
  capturePage(document, location.href, window.getSelection()?.toString() ?? null),
);
