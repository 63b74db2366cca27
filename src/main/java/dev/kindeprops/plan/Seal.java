package dev.kindeprops.plan;

import dev.kindeprops.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What a saved plan holds instead of a sensitive value: {@code sha256:<salt>:<digest>}, the SHA-256
 * of a salt, the place the value belongs (its address) and the value. It tells whether a value is
 * the one the plan was made with, and nothing else; the same value in two places, or in two plans,
 * seals differently.
 */
public final class Seal {
  private static final Pattern FORM = Pattern.compile("sha256:([0-9a-f]{32}):[0-9a-f]{64}");

  private Seal() {}

  /**
   * The salt of a plan's seals, derived from what the plan was made from, so that the same inputs
   * give the same plan file.
   */
  static String salt(Plan plan) {
    String hex =
        sha256("kinde-props seal\n" + plan.manifestDigest() + "\n" + plan.stateFingerprint());
    return hex.substring(0, 32);
  }

  /** The seal of {@code value} at {@code address}. */
  static String of(String salt, Address address, String value) {
    return "sha256:" + salt + ":" + sha256(salt + "\n" + address + "\n" + value);
  }

  /** Whether {@code text} has the form of a seal. */
  public static boolean isSeal(String text) {
    return FORM.matcher(text).matches();
  }

  /** Whether {@code seal} stands for {@code value} at {@code address}. */
  public static boolean matches(String seal, Address address, String value) {
    var matcher = FORM.matcher(seal);
    return matcher.matches() && of(matcher.group(1), address, value).equals(seal);
  }

  /** The hex SHA-256 of the text. */
  private static String sha256(String text) {
    return Json.sha256(text.getBytes(StandardCharsets.UTF_8)).substring("sha256:".length());
  }
}
