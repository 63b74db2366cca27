/** Renderers: text, JSON, markdown and annotation forms of plans, claims and diagnostics. */
package dev.kindeprops.render;
