package dev.kindeprops.live;

/**
 * One entry of the {@code application_properties} claim: {@code {"v": value}}, or {@code {}} when
 * the property is claimed but has no value ({@code v} is then null).
 */
public record ClaimValue(String v) {}
