/**
 * Wording every output shares: counted nouns, capped lists of names, and the name a user probably
 * meant. Depends on nothing.
 */
package dev.kindeprops.text;
