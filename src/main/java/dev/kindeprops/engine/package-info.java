/**
 * The use cases, one class per command (plan, apply, show, drift, verify, export, claims,
 * validate): each takes a request value and returns a result value, with no printing and no {@code
 * System} access. {@link dev.kindeprops.engine.Targets} is the one place that names the file and
 * Kinde adapters.
 */
package dev.kindeprops.engine;
