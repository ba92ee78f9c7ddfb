/**
 * Issue 13: 文字サイズ (標準 / 大 / 特大) and 色合い (標準 / 白黒反転) on every kiosk screen, the
 * Japanese public sites' convention (JIS X 8341-3, WCAG 2.2 1.4.4 and 1.4.3). They live in this
 * page's memory only — nothing stored — so every wipe, which replaces the page, gives the next
 * visitor the defaults. The root element carries them as data attributes; display.css turns them
 * into the root font size (every size in the screens is in rem) and the colour tokens.
 */
export const textSizes = ['standard', 'large', 'xlarge'] as const;
export type TextSize = (typeof textSizes)[number];
export const contrasts = ['standard', 'inverted'] as const;
export type Contrast = (typeof contrasts)[number];

/** The root font size of each 文字サイズ: 特大 is WCAG 1.4.4's 200 %. */
export const textSizePercent: Record<TextSize, number> = { standard: 100, large: 150, xlarge: 200 };

export class DisplaySettings {
  #textSize = $state<TextSize>('standard');
  #contrast = $state<Contrast>('standard');

  get textSize(): TextSize {
    return this.#textSize;
  }
  get contrast(): Contrast {
    return this.#contrast;
  }
  /** 文字サイズ: the visitor picks one. */
  chooseTextSize(size: TextSize): void {
    this.#textSize = size;
  }
  /** 色合い: the visitor picks one. */
  chooseContrast(contrast: Contrast): void {
    this.#contrast = contrast;
  }

  /** Writes the settings onto `root` (the page's <html>). */
  applyTo(root: HTMLElement): void {
    root.dataset.textSize = this.#textSize;
    root.dataset.contrast = this.#contrast;
  }
}
