/**
 * The vocabulary every layer shares, manifests and the live state alike: a property's type, its
 * fields, the rules its values obey, and the text they may hold. It depends on nothing else in
 * kinde-props.
 */
package dev.kindeprops.model;
