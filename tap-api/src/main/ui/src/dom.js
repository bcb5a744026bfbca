// The few DOM helpers every panel uses.

/** An element with attributes (on* names become listeners) and children (strings become text). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'className') element.className = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

export function byId(id) {
  return document.getElementById(id);
}

/** Replaces what an element shows. */
export function show(element, ...children) {
  element.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined));
}

/** The text of the first descendant element with this local name, ignoring namespaces. */
export function textOf(parent, localName) {
  const element = firstChild(parent, localName);
  return element ? element.textContent.trim() : null;
}

/** The direct child elements with this local name. */
export function children(parent, localName) {
  return [...parent.children].filter((child) => child.localName === localName);
}

export function firstChild(parent, localName) {
  return [...parent.children].find((child) => child.localName === localName) ?? null;
}

/** Every descendant with this local name, whatever its namespace. */
export function all(parent, localName) {
  return [...parent.getElementsByTagNameNS('*', localName)];
}

export function formatTime(iso) {
  if (!iso) return '';
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : time.toLocaleString();
}
