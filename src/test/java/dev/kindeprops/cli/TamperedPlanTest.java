package dev.kindeprops.cli;

import static dev.kindeprops.fixtures.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.InProcess.Run;
import dev.kindeprops.fixtures.PlanFiles;
import dev.kindeprops.fixtures.QuickstartPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A saved plan edited by hand is refused, changing nothing: as it was edited (its digest no longer
 * matches), and even given a matching digest, as someone who knows the format would make it ({@code
 * apply PLAN -f} plans again and compares; without {@code -f}, the rules the manifests obey still
 * hold where the plan breaks them).
 */
class TamperedPlanTest {
  private static final String QUICKSTART = "examples/quickstart";
  private static final String BILLING = "application.billing-worker.value.";

  @TempDir Path dir;

  private QuickstartPlan quickstart;
  private String saved;

  @BeforeEach
  void saveTheQuickstartPlan() throws IOException {
    quickstart = QuickstartPlan.saveIn(dir);
    saved = Files.readString(quickstart.plan());
  }

  /** The edits: the issue's own, and one of each kind a reviewer could miss. */
  static Stream<Arguments> edits() {
    return Stream.of(
        Arguments.of(
            "a sensitive property made public and renamed",
            edit(
                "\"address\": \"property.billing_notes\"",
                text ->
                    text.replace("\"is_private\": true", "\"is_private\": false")
                        .replace("\"name\": \"Billing notes\"", "\"name\": \"Pwned\"")),
            true),
        Arguments.of(
            "a value outside its allowed ones",
            edit(
                "\"address\": \"" + BILLING + "region\"",
                text -> text.replace("\"after\": \"eu\"", "\"after\": \"mars\"")),
            true),
        Arguments.of(
            "a property name that is not Unicode text",
            edit(
                "\"address\": \"property.billing_notes\"",
                text ->
                    text.replace("\"name\": \"Billing notes\"", "\"name\": \"Billing \\ud83d\"")),
            true),
        Arguments.of(
            "a property made private again",
            edit(
                "\"address\": \"property.model_version\"",
                text -> text.replace("\"is_private\": false", "\"is_private\": true")),
            false),
        Arguments.of("a change added", PlanEdit.added(), false),
        Arguments.of("a change removed", PlanEdit.removed(BILLING + "region"), false),
        Arguments.of(
            "a changed before",
            edit(
                "\"address\": \"" + BILLING + "region\"",
                text -> text.replace("\"before\": \"us\"", "\"before\": \"au\"")),
            false),
        Arguments.of(
            "another target",
            (UnaryOperator<String>)
                text -> text.replaceFirst("\"target\": \"file:[^\"]*\"", "\"target\": \"file:x\""),
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edits")
  void anEditedPlanIsRefusedWithOrWithoutTheManifests(
      String what, UnaryOperator<String> edit, boolean refusedWithoutManifests) throws IOException {
    String edited = edit.apply(saved);
    assertThat(edited).as(what).isNotEqualTo(saved);
    Files.writeString(quickstart.plan(), edited);

    assertThat(refusal()).contains("the plan file was changed after kinde-props wrote it");
    assertThat(refusal("-f", QUICKSTART))
        .contains("the plan file was changed after kinde-props wrote it");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edits")
  void anEditedPlanWithAMatchingDigestIsRefusedWithTheManifests(
      String what, UnaryOperator<String> edit, boolean refusedWithoutManifests) throws IOException {
    Files.writeString(quickstart.plan(), PlanFiles.resign(edit.apply(saved)));

    String refusal = refusal("-f", QUICKSTART);

    assertThat(refusal)
        .as(what)
        .containsAnyOf(
            "the saved plan is not the plan these manifests make now",
            "the plan was made for file:x");
    if (refusal.contains("not the plan these manifests make now")) {
      assertThat(refusal)
          .containsAnyOf(
              "In the saved plan, and not in the plan the manifests make now:",
              "In the plan the manifests make now, and not in the saved plan:")
          .doesNotContain("Invoiced yearly");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edits")
  void withoutTheManifestsTheRulesStillHold(
      String what, UnaryOperator<String> edit, boolean refusedWithoutManifests) throws IOException {
    if (!refusedWithoutManifests) {
      return; // an intact plan runs as written: only -f proves it is the manifests' plan
    }
    Files.writeString(quickstart.plan(), PlanFiles.resign(edit.apply(saved)));

    assertThat(refusal())
        .as(what)
        .containsAnyOf(
            "the plan breaks rules the manifests obey",
            "the plan was made for file:x",
            "which a saved plan holds only as salted digests");
  }

  @Test
  void aBadPlanFileIsReportedBeforeWhatIsWrongWithTheStateFile() throws IOException {
    // With -f and a state file, apply reads the plan file on another thread while it plans.
    Files.writeString(quickstart.plan(), saved.replace("\"after\": \"eu\"", "\"after\": \"mars\""));
    Files.writeString(quickstart.state(), "{\"this is\": \"not a state file\"}");

    assertThat(refusal("-f", QUICKSTART))
        .contains("the plan file was changed after kinde-props wrote it")
        .doesNotContain("state");
  }

  @Test
  void theQuickstartPlanHoldsNoSensitiveValueInAnyForm() throws IOException {
    Path summary = dir.resolve("summary.md");
    String json =
        run("plan", "-f", QUICKSTART, "--state", quickstart.state().toString(), "--format", "json")
            .out();
    String markdown =
        run(
                java.util.Map.of("GITHUB_STEP_SUMMARY", summary.toString()),
                "plan",
                "-f",
                QUICKSTART,
                "--state",
                quickstart.state().toString(),
                "--format",
                "markdown")
            .out();

    for (String text : List.of(saved, json, markdown, Files.readString(summary))) {
      assertThat(text).doesNotContain("Invoiced yearly").doesNotContain("finance@example.com");
    }
    assertThat(saved).contains("\"sensitive\": \"sha256:");
    assertThat(Files.getPosixFilePermissions(quickstart.plan()))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
  }

  /** Runs apply with the saved plan: it must refuse, with exit 1 and the state file untouched. */
  private String refusal(String... more) throws IOException {
    byte[] before = Files.readAllBytes(quickstart.state());
    List<String> args = new ArrayList<>(List.of("apply", quickstart.plan().toString(), "--state"));
    args.add(quickstart.state().toString());
    args.addAll(List.of(more));
    Run run = run(args);
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCode.ERROR);
    assertThat(run.out()).isEmpty();
    assertThat(Files.readAllBytes(quickstart.state())).isEqualTo(before);
    return run.err();
  }

  /** An edit of the JSON object of the change that {@code marker} starts. */
  private static UnaryOperator<String> edit(String marker, UnaryOperator<String> change) {
    return text -> {
      int start = text.indexOf(marker);
      int end = text.indexOf("\n    }", start);
      return text.substring(0, start)
          + change.apply(text.substring(start, end))
          + text.substring(end);
    };
  }

  /** Edits that add or remove a whole change. */
  private static final class PlanEdit {
    private static final Pattern CHANGE =
        Pattern.compile("\\{\\n      \"address\": \"([^\"]+)\"[\\s\\S]*?\\n    \\}");

    /** A copy of billing-worker's region change, for report-generator's tier. */
    static UnaryOperator<String> added() {
      return text -> {
        Matcher region = CHANGE.matcher(text);
        while (region.find() && !region.group(1).equals(BILLING + "region")) {
          // look further
        }
        String copy =
            region
                .group()
                .replace("billing-worker.value.region", "report-generator.value.tier")
                .replace("3b0b5c6c8fcc464fab397f4969b5f482", "6513270e269e0d37f2a74de452e6b438")
                .replace("\"key\": \"region\"", "\"key\": \"tier\"")
                .replace("\"before\": \"us\"", "\"before\": \"pro\"")
                .replace("\"after\": \"eu\"", "\"after\": \"enterprise\"");
        return text.substring(0, region.end()) + ",\n    " + copy + text.substring(region.end());
      };
    }

    static UnaryOperator<String> removed(String address) {
      return text -> {
        Matcher change = CHANGE.matcher(text);
        while (change.find()) {
          if (change.group(1).equals(address)) {
            int end = text.indexOf(',', change.end()) + 1;
            return text.substring(0, change.start()) + text.substring(end).stripLeading();
          }
        }
        throw new IllegalStateException(address + " is not in the plan");
      };
    }
  }
}
