/**
 * Tests of the GitHub Action and the example workflows: their structure, and their shell steps run
 * with bash against the bundled example.
 */
package dev.kindeprops.ci;
