/** Shared JSON plumbing: the one configured mapper, and digests of canonical JSON. */
package dev.kindeprops.json;
