package dev.kindeprops.live.kinde;

import dev.kindeprops.json.Json;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaviour the fake server shows on the next requests of one operation (the spec's
 * operationId, or {@code *} for any Management API call).
 *
 * @param remaining how many more requests it affects
 */
public record Fault(
    String operation,
    Fault.Kind kind,
    int status,
    String body,
    Map<String, String> headers,
    Duration delay,
    AtomicInteger remaining) {

  public enum Kind {
    /** Answer with this status without doing the work. */
    STATUS_BEFORE,
    /** Do the work, then answer with this status as if it had failed. */
    STATUS_AFTER,
    /** Close the connection without an answer, without doing the work. */
    RESET_BEFORE,
    /** Do the work, then close the connection without an answer. */
    RESET_AFTER,
    /** Answer normally, but late. */
    SLOW,
    /** Answer 400 with an error message that repeats the request's body and authorization. */
    ECHO_BEFORE
  }

  public static Fault errorBefore(String operation, int status, String body) {
    return new Fault(
        operation, Kind.STATUS_BEFORE, status, body, Map.of(), null, new AtomicInteger(1));
  }

  public static Fault serverErrorBefore(String operation) {
    return errorBefore(operation, 500, internalError());
  }

  public static Fault serverErrorAfter(String operation) {
    return new Fault(
        operation, Kind.STATUS_AFTER, 500, internalError(), Map.of(), null, new AtomicInteger(1));
  }

  public static Fault resetBefore(String operation) {
    return new Fault(operation, Kind.RESET_BEFORE, 0, null, Map.of(), null, new AtomicInteger(1));
  }

  public static Fault resetAfter(String operation) {
    return new Fault(operation, Kind.RESET_AFTER, 0, null, Map.of(), null, new AtomicInteger(1));
  }

  public static Fault echo(String operation) {
    return new Fault(operation, Kind.ECHO_BEFORE, 400, null, Map.of(), null, new AtomicInteger(1));
  }

  public static Fault slow(String operation, Duration delay) {
    return new Fault(operation, Kind.SLOW, 0, null, Map.of(), delay, new AtomicInteger(1));
  }

  /**
   * A 429 with one header saying when to come back ({@code RateLimit-Reset}, {@code Retry-After}).
   */
  public static Fault throttled(String operation, String header, String value) {
    return new Fault(
        operation,
        Kind.STATUS_BEFORE,
        429,
        Json.MAPPER.writeValueAsString(FakeKinde.errors("TOO_MANY_REQUESTS", "Too many requests")),
        header == null ? Map.of() : Map.of(header, value),
        null,
        new AtomicInteger(1));
  }

  /** The same fault for the next {@code times} requests. */
  public Fault times(int times) {
    return new Fault(operation, kind, status, body, headers, delay, new AtomicInteger(times));
  }

  private static String internalError() {
    return Json.MAPPER.writeValueAsString(
        FakeKinde.errors("INTERNAL_SERVER_ERROR", "Something went wrong"));
  }
}
