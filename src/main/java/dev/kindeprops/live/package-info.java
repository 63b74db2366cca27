/**
 * Targets: where the live state comes from and where changes go. The {@link
 * dev.kindeprops.live.Target} port reads the live state and carries out one operation at a time.
 */
package dev.kindeprops.live;
