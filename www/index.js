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

export const MentoringWidget = window.MentoringWidget;

/** Mounts a widget into `element`; resolves to its handle. */
export function mount(element, options) {
  return MentoringWidget.mount(element, options);
}

export default MentoringWidget;
