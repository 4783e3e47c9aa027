// whosaid's JavaScript API. The report types mirror the Rust ones (src/report.rs);
// tests/types/report.test.mjs checks them both ways against real reports.

/** A span of the report's `text`, in UTF-16 code units, half-open. */
export interface Span { start: number; end: number; }

export type BlockKind = 'paragraph' | 'heading' | 'quote' | 'list' | 'caption' | 'chrome';
export type SpeakerKind = 'person' | 'organisation' | 'group' | 'anonymous';
export type StatementKind = 'direct' | 'indirect' | 'mixed' | 'denial';
export type Stance = 'asserts' | 'denies' | 'contradicts' | 'questions';

export interface Report {
  text: string;
  blocks: Array<Span & { kind: BlockKind }>;
  speakers: Array<{ id: string; name: string; kind: SpeakerKind; role: string | null; mentions: Span[] }>;
  statements: Array<{ id: string; speaker: string; kind: StatementKind; source: Span | null; cue: Span; content: Span }>;
  disputes: Array<{ id: string; topic: string; claim: Span;
    positions: Array<{ speaker: string; stance: Stance; statement: string }> }>;
  hedges: Array<{ cue: Span; sentence: Span }>;
  /** The sources at a glance (computed from the lists above). */
  summary: {
    /** Words attributed to each speaker, in speaker order. */
    words: Array<{ speaker: string; words: number }>;
    people: number; organisations: number; groups: number; anonymous: number;
    statements: number; anonymous_statements: number;
    /** anonymous_statements as a whole percentage of statements (0 without statements). */
    anonymous_percent: number;
    disputes: number; hedges: number;
  };
}

/** A layer of highlights that `setVisible()` shows or hides, as the panel's checkboxes name it. */
export type Layer = 'speakers' | 'statements' | 'disputes' | 'hedges';

export interface HighlightOptions {
  /** The element holding the article, or a CSS selector for it. Default: found on the page. */
  root?: string | Element;
  /** Show the panel (who speaks, disputed claims, toggles). Default: true. */
  panel?: boolean;
  /**
   * Called once the part of the article near the viewport is marked and the panel is up,
   * with the handle, while the rest is still being marked (in slices that yield to the page).
   * The handle works at once: remove() and setVisible() apply to marks made later too.
   */
  onStart?: (handle: Handle) => void;
  /**
   * How long one slice of marking may run before whosaid yields to the page, in ms. Default:
   * 30 (under the 50 ms of a long task); `Infinity` marks everything in one task.
   */
  slice?: number;
}

export interface Handle {
  /** What was found. */
  readonly report: Report;
  /** The article root that was highlighted. */
  readonly root: Element;
  /**
   * False once removed (by remove(), the panel's close button or Escape), or once whosaid has
   * stopped because the page rewrote the marked text (a framework re-rendering the article);
   * it then dispatches a `whosaid:stopped` event on the document.
   */
  readonly active: boolean;
  /**
   * Resolves (with this handle) once every mark is in, or once the highlight is removed.
   * highlight() itself resolves then too; this is for the handle `onStart` receives.
   */
  readonly done: Promise<Handle>;
  /**
   * Removes every mark, the panel and the styles; the page's DOM is as it was before. While
   * marking is still under way, what is marked is taken out and the rest is never marked.
   */
  remove(): void;
  /** Shows or hides one kind of highlight. */
  setVisible(layer: Layer, visible: boolean): void;
}

/**
 * Finds who speaks in the article and what is disputed, and highlights it in the page;
 * resolves once every mark is in. A long article is analysed in a worker (where the page's
 * Content-Security-Policy allows workers from blob: URLs; otherwise on the page) and marked
 * in slices that yield to the page, the part near the viewport first (see `onStart`).
 * Calling it again on the same root returns the same handle. Rejects with an Error that says
 * what went wrong: no article text, a root that matches nothing, an article that is being
 * edited (contenteditable or designMode: nothing is written into it), or, for the bookmarklet
 * only, WebAssembly blocked by the page's Content-Security-Policy (the module and the embed
 * script then run their JavaScript build).
 */
export function highlight(options?: HighlightOptions): Promise<Handle>;

/** Analyses plain text without touching the page. */
export function analyze(text: string): Promise<Report>;

/** Removes every highlight made by this copy of whosaid. */
export function removeAll(): void;

/**
 * Which build runs: `'wasm'`, or `'js'` where the page's Content-Security-Policy refuses
 * WebAssembly and the same module runs compiled to JavaScript (`whosaid-fallback.mjs`, fetched
 * from beside the module only then); `null` until the first call has loaded one.
 */
export function engine(): 'wasm' | 'js' | null;
