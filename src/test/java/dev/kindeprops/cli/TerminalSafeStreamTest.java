package dev.kindeprops.cli;

import static dev.kindeprops.fixtures.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.InProcess.Run;
import dev.kindeprops.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names from the manifests and from the live state reach a terminal as text, never as commands. */
class TerminalSafeStreamTest {
  /** A window title, a bell, a screen clear, a carriage return, a C1 CSI and a bidi override. */
  static final String HOSTILE =
      "Billing \u001b]0;owned\u0007\u001b[2J\rworker\u009b31m \u202egnp.exe";

  @TempDir Path dir;

  @Test
  void everythingATerminalWouldActOnIsEscaped() {
    assertThat(TerminalSafeStream.safe(HOSTILE, true))
        .isEqualTo(
            "Billing \\u001b]0;owned\\u0007\\u001b[2J\\u000dworker\\u009b31m \\u202egnp.exe");
    assertThat(TerminalSafeStream.safe("tabs\tand\nnewlines stay", false))
        .isEqualTo("tabs\tand\nnewlines stay");
  }

  @Test
  void onlyKindePropsOwnColoursPassAndOnlyWhereColourIsAllowed() {
    String coloured = "\u001b[32m+ created\u001b[0m \u001b[5mblink\u001b[0m";
    assertThat(TerminalSafeStream.safe(coloured, true))
        .isEqualTo("\u001b[32m+ created\u001b[0m \\u001b[5mblink\u001b[0m");
    assertThat(TerminalSafeStream.safe(coloured, false))
        .isEqualTo("\\u001b[32m+ created\\u001b[0m \\u001b[5mblink\\u001b[0m");
  }

  @Test
  void jsonStaysValidAndMeansTheSame() {
    String json = "{\"name\": \"a\u009bb\u202ec\"}\n";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = TerminalSafeStream.over(bytes, false);
    out.print(json);
    out.flush();
    String written = bytes.toString(StandardCharsets.UTF_8);
    assertThat(written).isEqualTo("{\"name\": \"a\\u009bb\\u202ec\"}\n");
    assertThat(Json.MAPPER.readTree(written)).isEqualTo(Json.MAPPER.readTree(json));
  }

  @Test
  void anEscapeSplitAcrossWritesIsStillEscaped() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = TerminalSafeStream.over(bytes, false);
    out.write('a');
    out.write("\u001b".getBytes(StandardCharsets.UTF_8), 0, 1);
    out.write("[2Jb\nc\u001b".getBytes(StandardCharsets.UTF_8), 0, 7);
    out.print("]0;x\n");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("a\\u001b[2Jb\nc\\u001b]0;x\n");
  }

  @Test
  void aPromptWithoutANewlineIsWrittenOnFlush() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = TerminalSafeStream.over(bytes, false);
    out.print("Only 'yes' will be accepted: ");
    out.flush();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("Only 'yes' will be accepted: ");
  }

  @Test
  void aHostileLiveApplicationNameIsShownEscapedInThePlanAndDrift() throws Exception {
    Path state = dir.resolve("state.json");
    String quickstart = Files.readString(Path.of("examples/quickstart/kinde-state.json"));
    Files.writeString(
        state,
        quickstart.replace(
            "\"name\": \"billing-worker\"",
            "\"name\": " + Json.MAPPER.writeValueAsString(HOSTILE)));
    assertThat(Files.readString(state)).isNotEqualTo(quickstart);

    for (String command : new String[] {"plan", "drift"}) {
      Run run = run(command, "-f", "examples/quickstart", "--state", state.toString());
      assertThat(run.out() + run.err())
          .as(command)
          .contains("Billing \\u001b]0;owned\\u0007")
          .doesNotContain("\u001b", "\u0007", "\r", "\u009b", "\u202e");
    }
  }
}
