/**
 * The local state file target: the live state kept in a JSON file, validated on read and updated
 * atomically under a file lock.
 */
package dev.kindeprops.live.file;
