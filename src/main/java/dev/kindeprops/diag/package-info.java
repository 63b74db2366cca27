/** Diagnostics: user-fixable problems with a severity and, where known, a source location. */
package dev.kindeprops.diag;
