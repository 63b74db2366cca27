package dev.kindeprops.live.kinde;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Every form a secret takes on the wire or in JSON is blanked, not only its text. */
class RedactorTest {
  /** Characters that change under URL encoding, form encoding and JSON escaping alike. */
  private static final String SECRET = "p@ss w+rd/\"quoted\"\\back\n&é=€<tag>";

  @Test
  void blanksTheSecretInEveryEncoding() {
    Redactor redactor = new Redactor();
    redactor.rememberCredentials("client-id", new Secret(SECRET));
    String form = URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
    String json = SECRET.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");

    for (String shown :
        new String[] {
          SECRET,
          form,
          form.replace("+", "%20"),
          java.util.regex.Pattern.compile("%[0-9A-F]{2}")
              .matcher(form)
              .replaceAll(m -> m.group().toLowerCase(java.util.Locale.ROOT)),
          json,
          json.replace("/", "\\/"),
          // Python's json.dumps: every character outside ASCII escaped.
          json.replace("é", "\\u00e9").replace("€", "\\u20ac"),
          // Go's encoding/json: the HTML-sensitive characters escaped.
          json.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"),
          json.replace("é", "\\u00E9").replace("€", "\\u20AC"),
          Base64.getEncoder()
              .encodeToString(("client-id:" + SECRET).getBytes(StandardCharsets.UTF_8)),
          Base64.getEncoder()
              .encodeToString(("client-id:" + form).getBytes(StandardCharsets.UTF_8)),
        }) {
      assertThat(redactor.scrub("before " + shown + " after"))
          .as(shown)
          .isEqualTo("before (secret) after");
    }
  }

  @Test
  void leavesShortAndUnknownTextAlone() {
    Redactor redactor = new Redactor();
    redactor.remember(new Secret("short"));
    redactor.remember(new Secret("a-long-enough-secret"));

    assertThat(redactor.scrub("short and plain")).isEqualTo("short and plain");
    assertThat(redactor.scrub("a-long-enough-secret!")).isEqualTo("(secret)!");
  }
}
