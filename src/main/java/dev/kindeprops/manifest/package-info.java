/**
 * Manifests: loading YAML with source positions, schema validation, substitution, semantic checks,
 * and the desired-state model they resolve to.
 */
package dev.kindeprops.manifest;
