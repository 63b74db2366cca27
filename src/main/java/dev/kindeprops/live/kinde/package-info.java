/**
 * The Kinde target: a Management API client (token, pagination, errors, rate limit, retries) and
 * the token checks behind {@code verify}; its wire shapes never leave this package.
 */
package dev.kindeprops.live.kinde;
