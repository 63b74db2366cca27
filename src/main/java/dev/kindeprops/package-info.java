/** kinde-props: a GitOps reconciler for Kinde application properties. */
package dev.kindeprops;
