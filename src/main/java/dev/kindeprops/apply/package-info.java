/**
 * Carrying out a plan: the stale-plan check, ordered and bounded-parallel execution through a
 * target, and a report of what became of each change.
 */
package dev.kindeprops.apply;
