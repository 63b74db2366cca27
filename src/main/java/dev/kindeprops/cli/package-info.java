/**
 * The command line: picocli commands that parse options, call one engine method, render the result
 * and return the exit code.
 */
package dev.kindeprops.cli;
