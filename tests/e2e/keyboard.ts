/** Moving through a page with the keyboard alone, as the journeys that check it do. */
import type { Page } from "@playwright/test";
import { expect } from "./fixtures.ts";

/** Tabs forward until the selector has focus, checking that every stop shows its focus. */
export async function tabTo(page: Page, selector: string) {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press("Tab");
    const state = await page.evaluate((target) => {
      const active = document.activeElement as HTMLElement | null;
      if (!active || active === document.body) return { reached: false, visible: true, name: "body" };
      const style = getComputedStyle(active);
      // GOV.UK hides the real radio or checkbox and draws its focus ring on the label's ::before.
      const label = active.id ? document.querySelector<HTMLElement>(`label[for="${active.id}"]`) : null;
      const ring =
        label && /radio|checkbox/.test(active.getAttribute("type") ?? "") ? getComputedStyle(label, "::before") : null;
      const visible =
        (style.outlineStyle !== "none" && style.outlineColor !== "rgba(0, 0, 0, 0)") ||
        style.boxShadow !== "none" ||
        (ring !== null && ring.boxShadow !== "none");
      return { reached: active.matches(target), visible, name: `${active.tagName} ${active.id}` };
    }, selector);
    expect(state.visible, `focus is visible on ${state.name}`).toBe(true);
    if (state.reached) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}
