/**
 * A cell's text held apart from the piece of the file it was cut from. V8 makes a substring of 13
 * characters or more a view into its parent: a key kept for the whole table (a register's million
 * ids) would keep every piece of the file it was parsed from alive with it. Joining makes a new
 * string, and slicing that keeps only it.
 */
export const detached = (text: string): string => (text.length < 13 ? text : `${text} `.slice(0, -1));
