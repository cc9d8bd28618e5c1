package dev.berth.core.errors;

/** One invalid field of a request, as problem+json {@code errors[]} lists it. */
public record FieldError(String field, String message) {}
