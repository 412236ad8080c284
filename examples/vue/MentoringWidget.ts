// The mentoring widget as a Vue 3 component. Copy this file into your app.
//
//   const bridge = markRaw(createHttpBridge({ baseUrl: "/mentoring-store" })); // once
//   <MentoringWidget :options="{ bridge, assetBase: '/static/mentoring-widget/', locale }"
//     @navigate="({ view }) => router.replace({ hash: '#' + view })" />
//
// `assetBase` is where your site serves the package's files: the loader is bundled
// into your app here, so it cannot find them beside itself. markRaw keeps Vue from
// wrapping the bridge in a reactive proxy.
import { defineComponent, h, markRaw, onBeforeUnmount, onMounted, ref, watch, type PropType } from "vue";
import { mount, type MentoringEvents, type MentoringOptions, type MentoringWidgetHandle } from "@acme/mentoring-widget";
import { createHttpBridge } from "@acme/mentoring-widget/bridges/http.js";

type Detail<K extends keyof MentoringEvents> = MentoringEvents[K]["detail"];

export const MentoringWidget = defineComponent({
  name: "MentoringWidget",
  props: {
    options: { type: Object as PropType<MentoringOptions>, required: true },
  },
  emits: {
    navigate: (_detail: Detail<"mw:navigate">) => true,
    error: (_detail: Detail<"mw:error">) => true,
  },
  setup(props, { emit }) {
    const el = ref<HTMLElement | null>(null);
    const sent = new Map<string, unknown>();
    let widget: Promise<MentoringWidgetHandle> | null = null;

    onMounted(() => {
      const host = el.value!;
      host.addEventListener("mw:navigate", (e) => emit("navigate", e.detail));
      host.addEventListener("mw:error", (e) => emit("error", e.detail));
      changes(sent, props.options);
      widget = mount(host, props.options);
      widget.catch(() => {}); // a failed load is shown in the widget and sent as mw:error
    });
    // deep: a theme or text changed in place counts too.
    watch(() => props.options, (options) => {
      const diff = changes(sent, options);
      if (diff) widget?.then((h) => h.update(diff), () => {});
    }, { deep: true });
    onBeforeUnmount(() => {
      widget?.then((h) => h.destroy(), () => {});
      widget = null;
    });

    return () => h("mentoring-widget", { ref: el });
  },
});

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

// Use, in a render function (or the template shown above).
const bridge = markRaw(createHttpBridge({ baseUrl: "/mentoring-store" }));

export const MentoringPage = defineComponent({
  props: { locale: { type: String, required: true } },
  setup(props) {
    return () => h(MentoringWidget, {
      options: { bridge, locale: props.locale, assetBase: "/static/mentoring-widget/" },
      onNavigate: ({ view }: Detail<"mw:navigate">) => history.replaceState(history.state, "", "#" + view),
      onError: ({ code, message }: Detail<"mw:error">) => console.warn(`mentoring widget: ${code}: ${message}`),
    });
  },
});
