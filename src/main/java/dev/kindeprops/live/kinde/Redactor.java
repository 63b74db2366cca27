package dev.kindeprops.live.kinde;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Remembers every secret and token a client handled, and blanks them out of any text that leaves
 * the client (trace lines, exception messages) in case a server echoes one back: in clear, and in
 * every form it takes on the wire or in JSON (URL- and form-encoded, JSON-escaped, base64 in a
 * Basic authorization).
 */
final class Redactor {
  // Shorter strings could occur in ordinary text by chance; real secrets and tokens are far longer.
  private static final int SHORTEST = 8;
  private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9A-F]{2}");
  private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u[0-9a-f]{4}");

  // Longest first, so that a form holding another is blanked whole.
  private final List<String> forms = new CopyOnWriteArrayList<>();

  void remember(Secret secret) {
    if (secret != null && secret.value().length() >= SHORTEST) {
      add(forms(secret.value()));
    }
  }

  /** A client's credentials, with the forms they take together in a Basic authorization. */
  void rememberCredentials(String clientId, Secret secret) {
    remember(secret);
    if (clientId != null && secret != null && secret.value().length() >= SHORTEST) {
      Set<String> basic = new LinkedHashSet<>();
      for (String pair :
          List.of(
              clientId + ":" + secret.value(),
              urlEncoded(clientId) + ":" + urlEncoded(secret.value()))) {
        byte[] bytes = pair.getBytes(StandardCharsets.UTF_8);
        basic.add(Base64.getEncoder().encodeToString(bytes));
        basic.add(Base64.getUrlEncoder().encodeToString(bytes));
        basic.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        basic.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
      }
      add(basic);
    }
  }

  String scrub(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String form : forms) {
      if (result.contains(form)) {
        result = result.replace(form, "(secret)");
      }
    }
    return result;
  }

  private synchronized void add(Set<String> more) {
    Set<String> all = new LinkedHashSet<>(forms);
    all.addAll(more);
    List<String> sorted =
        all.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    forms.clear();
    forms.addAll(sorted);
  }

  /** The text in clear and as it looks URL-encoded, form-encoded and JSON-escaped. */
  static Set<String> forms(String text) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(text);
    String form = urlEncoded(text);
    String percent = form.replace("+", "%20");
    for (String encoded : List.of(form, percent)) {
      forms.add(encoded);
      forms.add(lowerCaseEscapes(encoded));
    }
    // As JSON writers differ: escaping characters outside ASCII or not (Python), the HTML-sensitive
    // ones or not (Go), with lower- or upper-case hex, and '/' as '\/' or not.
    for (boolean nonAscii : new boolean[] {false, true}) {
      for (boolean html : new boolean[] {false, true}) {
        String json = jsonEscaped(text, nonAscii, html);
        forms.add(json);
        forms.add(json.replace("/", "\\/"));
        forms.add(upperCaseEscapes(json));
      }
    }
    return forms;
  }

  private static String urlEncoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String lowerCaseEscapes(String encoded) {
    Matcher matcher = PERCENT_ESCAPE.matcher(encoded);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(matcher.group().toLowerCase(Locale.ROOT)));
    }
    return matcher.appendTail(out).toString();
  }

  private static String upperCaseEscapes(String json) {
    Matcher matcher = UNICODE_ESCAPE.matcher(json);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String escape = matcher.group();
      matcher.appendReplacement(
          out, Matcher.quoteReplacement("\\u" + escape.substring(2).toUpperCase(Locale.ROOT)));
    }
    return matcher.appendTail(out).toString();
  }

  /**
   * The text as it appears inside a JSON string, with the characters outside ASCII and the
   * HTML-sensitive ones ({@code < > &}) as {@code \\uXXXX} where asked.
   */
  private static String jsonEscaped(String text, boolean nonAscii, boolean html) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          boolean escape = c < 0x20 || (nonAscii && c > 0x7e) || (html && "<>&".indexOf(c) >= 0);
          out.append(escape ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
      }
    }
    return out.toString();
  }
}
