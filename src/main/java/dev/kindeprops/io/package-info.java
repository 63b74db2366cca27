/** Files: writing a file so that a crash leaves either its old content or the new, never a mix. */
package dev.kindeprops.io;
