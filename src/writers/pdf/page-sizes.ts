// The trim sizes a PDF can have, in PostScript points, and whether each is laid out as facing pages.
export const pageSizeNames = ['6x9', 'a5', 'ereader'] as const;
export type PageSize = (typeof pageSizeNames)[number];

export interface PageGeometry {
  width: number;
  height: number;
  /** Print sizes: stories open on a right-hand page, margins and running heads alternate. */
  twoSided: boolean;
}

const millimetre = 72 / 25.4;

export const pageSizes: Record<PageSize, PageGeometry> = {
  /** US trade paperback: 6 × 9 inches. */
  '6x9': { width: 432, height: 648, twoSided: true },
  a5: { width: 148 * millimetre, height: 210 * millimetre, twoSided: true },
  /** A 6-inch e-reader's screen, about 90 × 120 mm, read one page at a time. */
  ereader: { width: 90 * millimetre, height: 120 * millimetre, twoSided: false },
};

export function isPageSize(value: string): value is PageSize {
  return (pageSizeNames as readonly string[]).includes(value);
}
