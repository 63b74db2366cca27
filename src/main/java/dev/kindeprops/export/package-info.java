/**
 * Export: turns a live state into manifests that declare exactly it (adoption of an existing
 * tenant), and completes a live state into a snapshot for the state-file format.
 */
package dev.kindeprops.export;
