// The package's ES module entry, for portals that bundle their scripts:
//
//   import { MentoringWidget } from "@acme/mentoring-widget";
//   MentoringWidget("init", { assetBase: "/static/mentoring-widget/", bridge });
//
// Importing it runs loader.js (which defines <mentoring-widget> and
// window.MentoringWidget). A bundle is not the package's folder, so the
// loader cannot find the wasm beside itself: copy the package's files to
// one folder your site serves and name it in `assetBase`.
import "./loader.js";

// Undefined during server-side rendering: mount the widget in the browser
// only (in an effect, onMounted, or a client-only component).
export const MentoringWidget = typeof window === "undefined" ? undefined : window.MentoringWidget;

/** Mounts a widget into `element`; resolves to its handle. */
export function mount(element, options) {
  if (!MentoringWidget) return Promise.reject(new Error("the mentoring widget mounts in a browser only"));
  return MentoringWidget.mount(element, options);
}

export default MentoringWidget;
