/** End-to-end tests: every command in process against a Kinde-compatible server on loopback. */
package dev.kindeprops.e2e;
