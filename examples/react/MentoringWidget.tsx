// The mentoring widget as a React component. Copy this file into your app.
//
//   const bridge = createHttpBridge({ baseUrl: "/mentoring-store" }); // once, not per render
//   <MentoringWidget options={{ bridge, assetBase: "/static/mentoring-widget/", view }}
//     onNavigate={({ view }) => setView(view)} />
//
// `assetBase` is where your site serves the package's files: the loader is bundled
// into your app here, so it cannot find them beside itself.
import { useEffect, useRef } from "react";
import { mount, type MentoringEvents, type MentoringOptions, type MentoringView, type MentoringWidgetHandle } from "@acme/mentoring-widget";
import { createHttpBridge } from "@acme/mentoring-widget/bridges/http.js";

type Detail<K extends keyof MentoringEvents> = MentoringEvents[K]["detail"];

export interface MentoringWidgetProps {
  options: MentoringOptions;
  onNavigate?: (detail: Detail<"mw:navigate">) => void;
  onError?: (detail: Detail<"mw:error">) => void;
}

export function MentoringWidget({ options, onNavigate, onError }: MentoringWidgetProps) {
  const box = useRef<HTMLDivElement>(null);
  const widget = useRef<Promise<MentoringWidgetHandle> | null>(null);
  const sent = useRef(new Map<string, unknown>());
  // The listeners call the latest callbacks without re-mounting.
  const callbacks = useRef({ onNavigate, onError });
  callbacks.current = { onNavigate, onError };

  useEffect(() => {
    // A fresh element per mount: StrictMode mounts twice in development, and the first
    // widget's destroy (it waits for the load) must not touch the second.
    const el = document.createElement("mentoring-widget");
    box.current!.append(el);
    const navigate = (e: MentoringEvents["mw:navigate"]) => callbacks.current.onNavigate?.(e.detail);
    const error = (e: MentoringEvents["mw:error"]) => callbacks.current.onError?.(e.detail);
    el.addEventListener("mw:navigate", navigate);
    el.addEventListener("mw:error", error);
    sent.current = new Map();
    changes(sent.current, options);
    const pending = mount(el, options);
    pending.catch(() => {}); // a failed load is shown in the widget and sent as mw:error
    widget.current = pending;
    return () => {
      widget.current = null;
      el.remove();
      pending.then((h) => h.destroy(), () => {});
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- later options go through update()

  useEffect(() => {
    const diff = changes(sent.current, options);
    if (diff) widget.current?.then((h) => h.update(diff), () => {});
  });

  return <div ref={box} />;
}

/** The options that differ from those the widget was last given, recording them. Only
 *  those go to update(): a view given again would move the person back, and another
 *  bridge re-mounts the widget. Bridges compare by identity, the rest by value. */
function changes(sent: Map<string, unknown>, options: MentoringOptions): MentoringOptions | null {
  const diff: Record<string, unknown> = {};
  let any = false;
  for (const [key, value] of Object.entries(options)) {
    const seen = key === "bridge" ? value : JSON.stringify(value);
    if (sent.has(key) && sent.get(key) === seen) continue;
    sent.set(key, seen);
    diff[key] = value;
    any = true;
  }
  return any ? (diff as MentoringOptions) : null;
}

// Use: the bridge is made once, so a re-render does not re-mount the widget.
const bridge = createHttpBridge({ baseUrl: "/mentoring-store" });

export function MentoringPage({ locale }: { locale: string }) {
  return (
    <MentoringWidget
      options={{ bridge, locale, assetBase: "/static/mentoring-widget/", view: viewFromUrl() }}
      onNavigate={({ view }) => history.replaceState(history.state, "", "#" + view)}
      onError={({ code, message }) => console.warn(`mentoring widget: ${code}: ${message}`)}
    />
  );
}

// The view kept in the URL after "#". The widget checks it (a wrong one opens home).
function viewFromUrl(): MentoringView | undefined {
  const view = decodeURIComponent(location.hash.slice(1));
  return view === "home" || view.startsWith("relationship/") ? (view as MentoringView) : undefined;
}
