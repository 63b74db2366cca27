/**
 * The vocabulary every layer shares, manifests and the live state alike: a property's type and its
 * fields. It depends on nothing else in kinde-props.
 */
package dev.kindeprops.model;
