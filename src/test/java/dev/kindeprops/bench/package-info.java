/** Benchmarks: plain main classes that print their figures (see docs/benchmarks.md). */
package dev.kindeprops.bench;
