/**
 * Classes that turn a table into a list of cards when the box it sits in is
 * narrower than 42rem (a phone; the settings column on a tablet), and leave
 * it a table when there is room. One markup for both, so wide screens, screen
 * readers and tests keep real rows and cells. A container query, not a
 * viewport one: the same table gets more or less room depending on the page
 * around it.
 *
 * Wrap the table in an element with `cardTable.container`; give each cell
 * that needs one a `data-label` (its column's name), shown above the value
 * in a card.
 */
export const cardTable = {
  container: "@container",
  table: "@max-2xl:block",
  header: "@max-2xl:sr-only",
  body: "@max-2xl:grid @max-2xl:gap-3",
  row: "@max-2xl:relative @max-2xl:grid @max-2xl:grid-cols-2 @max-2xl:gap-x-4 @max-2xl:gap-y-3 @max-2xl:rounded-lg @max-2xl:border! @max-2xl:p-3",
  cell: "@max-2xl:block @max-2xl:min-w-0 @max-2xl:p-0 @max-2xl:whitespace-normal @max-2xl:text-left @max-2xl:empty:hidden",
  /** A cell with a `data-label` shows it above its value in a card. */
  labelled:
    "@max-2xl:before:mb-0.5 @max-2xl:before:block @max-2xl:before:text-xs @max-2xl:before:font-normal @max-2xl:before:text-muted-foreground @max-2xl:before:content-[attr(data-label)]",
  /** A cell that takes the card's whole width (the name it is about, long text). */
  full: "@max-2xl:col-span-2",
} as const;

/**
 * For tables that stay tables on a phone (numbers across many columns): the
 * first column, which names the row, stays put while the rest scrolls
 * sideways inside the table's own box.
 */
export const stickyFirstColumn = "sticky left-0 bg-background";
