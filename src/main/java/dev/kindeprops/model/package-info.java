/**
 * The vocabulary every layer shares, manifests and the live state alike: a property's type, its
 * fields, and the rules its values obey. It depends on nothing else in kinde-props.
 */
package dev.kindeprops.model;
