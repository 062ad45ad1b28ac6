/** What an element may contain: nodes and text (never parsed as HTML); falsy values are skipped. */
export type Child = Node | string | number | null | undefined | false;

type Handler<K extends keyof HTMLElementEventMap> = (event: HTMLElementEventMap[K]) => void;

/**
 * Attributes by name (`class`, `data-testid`, `href`...; `true` sets an empty one, false or
 * undefined leaves it out) and listeners as `onclick`, `onsubmit`...
 */
export type Props = { [K in keyof HTMLElementEventMap as `on${K}`]?: Handler<K> } & {
  [attribute: string]: string | number | boolean | undefined | ((event: never) => void);
};

/**
 * Makes an element. Text goes in as text nodes, so what members write (posts, names) can
 * never become markup: no innerHTML anywhere in the app.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2), value as EventListener);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }
  element.append(...children.filter(isPresent).map(asNode));
  return element;
}

const isPresent = (child: Child): child is Node | string | number =>
  child !== null && child !== undefined && child !== false;

const asNode = (child: Node | string | number): Node | string =>
  typeof child === 'number' ? String(child) : child;

/** Replaces an element's content. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(...children.filter(isPresent).map(asNode));
}
