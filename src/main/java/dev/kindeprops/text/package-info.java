/** Wording every output shares: counted nouns and capped lists of names. Depends on nothing. */
package dev.kindeprops.text;
