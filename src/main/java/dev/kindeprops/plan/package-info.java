/**
 * Plans: the changes that take the live state to the desired one, the token claims each application
 * will receive, and the planner that computes them without any I/O.
 */
package dev.kindeprops.plan;
