/**
 * The little of the browser's DOM the suite's page.evaluate functions read, typed here because the
 * test project compiles for Node (no DOM library). Only types: nothing here runs in the browser.
 */

export interface DomRect {
  width: number;
  height: number;
  bottom: number;
  right: number;
}

export interface DomStyle {
  color: string;
  backgroundColor: string;
  visibility: string;
  opacity: string;
}

export interface DomNode {
  nodeType: number;
  textContent: string | null;
}

export interface DomElement extends DomNode {
  id: string;
  tagName: string;
  className: string;
  title: string;
  parentElement: DomElement | null;
  childNodes: ArrayLike<DomNode>;
  /** Form controls only. */
  value?: string;
  type?: string;
  disabled?: boolean;
  labels?: ArrayLike<DomNode> | null;
  getAttribute(name: string): string | null;
  matches(selector: string): boolean;
  getBoundingClientRect(): DomRect;
}

export interface BrowserGlobals {
  document: {
    scrollingElement: { scrollWidth: number } | null;
    documentElement: { scrollWidth: number };
    querySelectorAll(selector: string): ArrayLike<DomElement>;
    getElementById(id: string): DomElement | null;
  };
  innerWidth: number;
  getComputedStyle(element: DomElement): DomStyle;
}
