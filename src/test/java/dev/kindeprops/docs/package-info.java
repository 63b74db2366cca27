/** Tests that the examples in README.md and docs/ work as written. */
package dev.kindeprops.docs;
